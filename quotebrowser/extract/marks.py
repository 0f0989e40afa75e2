"""The regex pass: find quotation spans in messy real-world text.

Handles every common mark (“ ” " ‘ ’ « » „ ‹ ›), marks with the space on the wrong side
(`meeting, "said X`, `, ”the analyst said`), quotes that run over paragraphs (with or without a
re-opening mark on each), quotes that a flattened text reopens inside one line (`said: "Growth will
slow. "Rates must rise."`: one span per reopened part), marks typed as two apostrophes (`''` or
`’’`), unclosed quotes, apostrophes, and nested quotes (only the outer one is kept). Whether a span
is a real quotation (and not a scare quote or a name) is decided later, by attribution: this pass
only finds what the marks enclose.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cache

import regex

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.layout import Layout

DOUBLE_OPEN = "“„«‟〝"
DOUBLE_CLOSE = "”»〞〟"
DOUBLE_EITHER = '"＂'
SINGLE_OPEN = "‘‹‛"
SINGLE_CLOSE = "’›"
SINGLE_EITHER = "'"
DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER
SINGLE = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
ALL_MARKS = DOUBLE + SINGLE

_OPEN_BEFORE = "([{—–-/" + ALL_MARKS  # what may stand right before an opening mark
_CLOSE_AFTER = ".,;:!?)]}—–-…/" + ALL_MARKS  # what may stand right after a closing mark
_SENTENCE_PUNCT = ",.!?;:…—–-"
_WORD = regex.compile(r"\w")
_TRAILING = ",;:"
# What ends the sentence before a mark that reopens a flattened quote (`slow. "Rates`).
_REOPEN_AFTER = ".!?…"
# The last sentence end in a stretch (searched backwards): its punctuation, then space and a
# capital (or a digit) to begin the next sentence.
_LAST_SENTENCE_END = regex.compile(r"(?r)[.!?…](?=\s{1,3}[\p{Lu}\d])")
# Two single marks typed for one double mark, as some wire copy does: which double mark they are.
_DOUBLED = {"'": '"', "‘": "“", "’": "”"}


@dataclass(frozen=True, slots=True)
class Span:
    """The words between a pair of quotation marks: `text[start:end]`."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote is never closed
    start: int
    end: int
    double: bool  # double marks (the usual kind) or single ones
    # True when a flattened text reopened the quote inside one line (`slow. "Rates must rise."`):
    # this span continues the utterance of the span just before it (same speaker). That earlier
    # span has no closing mark of its own: its `close` is this span's `open`.
    continues: bool = False

    @property
    def unclosed(self) -> bool:
        return self.close is None


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def _left_flanking(before: str, after: str) -> bool:
    return (
        bool(after)
        and not after.isspace()
        and (not before or before.isspace() or before in _OPEN_BEFORE)
    )


def _right_flanking(before: str, after: str) -> bool:
    return (
        bool(before)
        and not before.isspace()
        and (not after or after.isspace() or after in _CLOSE_AFTER)
    )


def can_open(text: str, i: int) -> bool:
    """Left-flanking: a word follows, and nothing but space or opening punctuation precedes."""
    return _left_flanking(_prev(text, i), _next(text, i))


def can_close(text: str, i: int) -> bool:
    """Right-flanking: a word or punctuation precedes, and space or punctuation follows."""
    return _right_flanking(_prev(text, i), _next(text, i))


def wrong_side_close(text: str, i: int) -> bool:
    """`..., "said X` or `..., ”the analyst`: a closing mark typed with its space before it;
    also `... 4,000 people “` at the end of a line, where nothing can open."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or j == i - 1:
        return False
    after = _next(text, i)
    if after in ("", "\n", "\r"):
        return text[j].isalnum() or text[j] in _SENTENCE_PUNCT
    if text[j] not in _SENTENCE_PUNCT:
        return False
    # A curly closing mark says what it is; a straight one needs a lower-case word after it.
    return after.isalpha() and (after.islower() or text[i] in DOUBLE_CLOSE)


@dataclass(frozen=True, slots=True)
class Family:
    """Double or single marks: which characters open, close, or may do either."""

    opening: str
    closing: str
    either: str
    double: bool

    @property
    def chars(self) -> str:
        return self.opening + self.closing + self.either


@cache
def _marks_of(chars: str) -> regex.Pattern[str]:
    """Any of a family's marks: found by the regex engine, not a Python test per character."""
    return regex.compile(f"[{regex.escape(chars)}]")


DOUBLES = Family(DOUBLE_OPEN, DOUBLE_CLOSE, DOUBLE_EITHER, True)
SINGLES = Family(SINGLE_OPEN, SINGLE_CLOSE, SINGLE_EITHER, False)


def _is_mark(text: str, i: int, family: Family) -> bool:
    """Single marks between letters are apostrophes (I’m, Russia’s, rock 'n' roll aside)."""
    if family.double:
        return True
    before, after = _prev(text, i), _next(text, i)
    # "I’m", "rock ’n’ roll", "the ’90s": apostrophes, not quotation marks.
    return not (before.isalnum() and after.isalnum()) and not after.isdigit()


def _possessive(text: str, i: int) -> bool:
    """`the leaders’ summit`: a single mark after a plural, then a word: probably no closer."""
    after = text[i + 1 : i + 3]
    return _prev(text, i) in "sS" and len(after) == 2 and after[0] == " " and after[1].isalnum()


def _closer_inside(text: str, i: int, opener: str, family: Family) -> bool:
    """Can the mark at `i` close a quote opened by `opener` (in the same paragraph)?"""
    ch = text[i]
    if ch in family.closing:
        return True
    if ch == "“" and opener == "„":  # German-style „...“
        return True
    if ch in family.opening:
        # An opening mark closes when it cannot open: after a word, or at a line's end.
        at_line_end = _next(text, i) in ("", "\n", "\r")
        return (can_close(text, i) and not can_open(text, i)) or (
            at_line_end and wrong_side_close(text, i)
        )
    # A straight mark: it closes unless it clearly opens a nested quote.
    return not _nested_open(text, i)


def _nested_open(text: str, i: int) -> bool:
    """`...told me "go away" and...` or `read: "Keep out"`: an opening mark after a word or a
    colon, not after other punctuation."""
    if not can_open(text, i) or can_close(text, i) or wrong_side_close(text, i):
        return False
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and (text[j].isalnum() or text[j] in "’':")


def _closer_across(text: str, i: int, family: Family) -> bool:
    """Can a mark found in a later paragraph close a quote left open at a paragraph's end?"""
    ch = text[i]
    if ch in family.opening:
        return False
    if ch in family.closing:
        return can_close(text, i) or wrong_side_close(text, i)
    return (can_close(text, i) and not can_open(text, i)) or wrong_side_close(text, i)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the space inside the marks and the trailing comma/colon/full stop of the sentence."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if (end > start and text[end - 1] in _TRAILING) or (
        end > start and text[end - 1] == "." and text[end - 2 : end] != ".."
    ):
        end -= 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _reopens(view: str, i: int, family: Family) -> bool:
    """`said: "Growth will slow. "Rates must rise."`: a mark that opens a new sentence inside an
    open quote reopens it (flattened paragraphs), rather than closing it or nesting a quote."""
    if view[i] in family.closing:
        return False
    # An opening mark says what it is (`« Les`, French spacing); a straight one must flank a word.
    if view[i] not in family.opening and (not can_open(view, i) or can_close(view, i)):
        return False
    j = i - 1
    stop = max(-1, i - lx.REOPEN_LOOKBACK)
    while j > stop and view[j].isspace():
        j -= 1
    if j == i - 1:
        return False
    # `saying 'what now?' "To not...`: the sentence may end inside a nested quote or brackets.
    while j > stop and (view[j] in ALL_MARKS or view[j] == ")"):
        j -= 1
    return j > stop and view[j] in _REOPEN_AFTER and view[j - 1 : j + 1] != ".."


def _left_open(view: str, i: int, m: int, family: Family) -> int | None:
    """Where the quote opened at `i` ends, if the mark at `m` (after `said:`) opens a new one.

    A mark that opens right after a colon starts a quote, so the quote still open at that point
    was never closed: it ends at the last sentence end before the colon's sentence. None when the
    mark does not open after a colon, or no sentence ended in between (`"The sign read: "Keep
    out" and we left."` nests).
    """
    if view[m] in family.closing or not can_open(view, m) or can_close(view, m):
        return None
    j = m - 1
    while j > i and view[j] in " \t\xa0":
        j -= 1
    if j == m - 1 or view[j] != ":":
        return None
    end = _LAST_SENTENCE_END.search(view, max(i + 1, j - lx.SENTENCE_LOOKBACK), j)
    return end.start() + 1 if end else None


def _family_spans(
    view: str, seconds: set[int], lay: Layout, family: Family, flattened: bool = False
) -> list[Span]:
    """Pair one family's marks in `view` (see `doubled_marks`: the text, with each doubled mark
    read as one; `seconds` are those whose mark begins a character earlier). In a `flattened`
    text, a quote reopened at a paragraph's start is a new part, as it is inside a line."""
    marks = [m.start() for m in _marks_of(family.chars).finditer(view)]
    marks = [i for i in marks if _is_mark(view, i, family)]
    para = [lay.index_of(i) for i in marks]
    # left[j]: how many marks follow mark j in its own paragraph.
    left = [0] * len(marks)
    for j in range(len(marks) - 2, -1, -1):
        left[j] = left[j + 1] + 1 if para[j + 1] == para[j] else 0
    spans: list[Span] = []

    def add(i: int, close: int | None, end: int, continues: bool) -> None:
        start, end = _trim(view, i + 1, end)
        if _WORD.search(view, start, end):
            spans.append(Span(i - (i in seconds), close, start, end, family.double, continues))

    k = 0
    while k < len(marks):
        i = marks[k]
        ch = view[i]
        if not can_open(view, i) and (
            ch in family.closing or not family.double or can_close(view, i)
        ):
            # A stray closing mark (`member."` left over, or inches: `5' 10" tall`); for single
            # marks, an apostrophe. A straight mark with space on both sides may still open.
            k += 1
            continue
        current = para[k]
        depth = 0
        close: int | None = None
        continues = False
        j = k + 1
        resume = len(marks)
        while j < len(marks):
            m = marks[j]
            if para[j] == current:
                if depth == 0 and _reopens(view, m, family):
                    # The part so far is one quote; the reopened part, the next of the same
                    # utterance.
                    reopened_at = m - (m in seconds)
                    add(i, reopened_at, reopened_at, continues)
                    i, ch, continues = m, view[m], True
                elif depth == 0 and (cut := _left_open(view, i, m, family)) is not None:
                    # `"...country. In reference to it, Mr Roe said: "...`: the first quote was
                    # never closed; it ends with the sentence before the one that opens anew.
                    add(i, None, cut, continues)
                    i, ch, continues = m, view[m], False
                elif depth == 0 and _nested_open(view, m) and left[j] >= 2:
                    depth += 1
                elif _closer_inside(view, m, ch, family) or (
                    view[m] in family.either and left[j] == 0
                ):
                    if not family.double and _possessive(view, m) and left[j]:
                        pass  # "the leaders’ summit": a later mark closes the quote
                    elif depth:
                        depth -= 1
                    else:
                        close = m
                        resume = j + 1
                        break
                elif view[m] in family.opening:
                    depth += 1
                j += 1
                continue
            # The quote is still open at the end of paragraph `current`.
            next_para = current + 1
            at_start = m - (m in seconds) == lay.paragraphs[para[j]][0]
            reopen = para[j] == next_para and at_start and can_open(view, m)
            if reopen and flattened:
                # In a flattened text the paragraph breaks left are where quotes were reopened.
                reopened_at = m - (m in seconds)
                add(i, reopened_at, lay.paragraphs[current][1], continues)
                i, ch, continues = m, view[m], True
                current = next_para
                depth = 0
                j += 1
                continue
            if reopen:
                current = next_para
                depth = 0
                j += 1
                continue
            far = para[j] - current > lx.MAX_OPEN_PARAGRAPHS
            if not far and depth == 0 and _closer_across(view, m, family):
                close = m
                current = para[j]
                resume = j + 1
                break
            if not far and not at_start and view[m] in family.opening and view[m] != ch:
                # «...\n\n... „nested“ ... »: a quote inside a quote that runs on.
                current = para[j]
                depth = 1
                j += 1
                continue
            resume = j
            break
        add(i, close, close if close is not None else lay.paragraphs[current][1], continues)
        k = resume
    return spans


def _outer(span: Span) -> tuple[int, int]:
    return span.open, span.close if span.close is not None else span.end


def find_spans(text: str, lay: Layout) -> list[Span]:
    """All top-level quoted spans, in order of their opening marks.

    Double and single marks are paired separately; where one kind of quote holds the other, the
    outer one is kept (“...‘...’...” in American style, ‘...“...”...’ in British style).
    """
    view, seconds = doubled_marks(text)
    doubles = _family_spans(view, seconds, lay, DOUBLES)
    singles = _family_spans(view, seconds, lay, SINGLES)
    if any(s.continues for s in doubles) or any(s.continues for s in singles):
        # Quotes reopened inside lines: paragraphs were run together, so where a quote reopens
        # at a paragraph's start it is a new part too, not one quote running on.
        doubles = _family_spans(view, seconds, lay, DOUBLES, flattened=True)
        singles = _family_spans(view, seconds, lay, SINGLES, flattened=True)
    # Spans of one kind never overlap each other, so the doubles a single span meets are a run
    # found by bisection.
    outer = [_outer(d) for d in doubles]
    ends = [b for _, b in outer]
    kept: list[Span] = []
    held = [False] * len(doubles)
    for single in singles:
        a, b = _outer(single)
        first = bisect.bisect_right(ends, a)
        met = []
        for k in range(first, len(outer)):
            x, y = outer[k]
            if x >= b:
                break
            if y > a:
                met.append(k)
        if all(a <= outer[k][0] and outer[k][1] <= b for k in met):
            kept.append(single)
            for k in met:
                held[k] = True
    doubles = [d for d, inside in zip(doubles, held, strict=True) if not inside]
    return sorted(doubles + kept, key=lambda s: s.open)


_DOUBLED_RUN = regex.compile("'{2,}|‘{2,}|’{2,}|[" + regex.escape(DOUBLE) + "]{2,}")


def doubled_marks(text: str) -> tuple[str, set[int]]:
    """The text with each doubled mark read as one double mark.

    Some wire copy types a double mark as two single ones (`''Yes,'' he said`, `’’`, `‘‘`); some
    text doubles a double mark (`"“Yes,” he said`). The view has the text's length: the mark
    takes the inner character of the pair (next to the quoted words) and a space the outer one,
    so every flanking rule reads one mark. Also returns the offsets of marks that are the second
    character of a pair (the mark begins one character earlier). Three closing marks (`bad.'''`)
    are a single mark closing inside a double one; three opening ones, a double mark opening
    outside a single one.
    """
    view: list[str] | None = None
    seconds: set[int] = set()
    for run in _DOUBLED_RUN.finditer(text):
        i, j = run.span()
        ch = text[i]
        single = ch in SINGLE
        if j - i > (3 if single else 2):
            continue
        if j - i == 2 and ch in DOUBLE_CLOSE and text[i + 1] in DOUBLE_OPEN:
            continue  # `.”“Next`: one quote closes and the next opens (scraped text lost a space)
        before, after = _prev(text, i), text[j] if j < len(text) else ""
        opens, closes = _left_flanking(before, after), _right_flanking(before, after)
        if view is None:
            view = list(text)
        if opens == closes:
            # `rock''n''roll`, `the 1980''s`, a lone `''`: no mark at all, so no part of it pairs.
            view[i:j] = "_" * (j - i)
            continue
        if opens:  # `''Word` or `'''Word`: the pair comes first
            view[i] = " "
            view[i + 1] = ('"' if ch == "’" else _DOUBLED[ch]) if single else text[i + 1]
            seconds.add(i + 1)
        else:  # `word.''` or `word.'''`: the pair comes last
            view[j - 2] = _DOUBLED[ch] if single else text[j - 2]
            view[j - 1] = " "
    return ("".join(view) if view is not None else text), seconds
