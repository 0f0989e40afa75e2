"""The regex pass: find quotation spans in messy real-world text.

Handles every common mark (“ ” " ‘ ’ « » „ ‹ ›), marks with the space on the wrong side
(`meeting, "said X`, `, ”the analyst said`), quotes that run over paragraphs (with or without a
re-opening mark on each), unclosed quotes, apostrophes, and nested quotes (only the outer one is
kept). Whether a span is a real quotation (and not a scare quote or a name) is decided later, by
attribution: this pass only finds what the marks enclose.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

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
# The longest run of paragraphs a quote may span without a re-opening mark on each.
MAX_OPEN_PARAGRAPHS = 12
_WORD = regex.compile(r"\w")
_TRAILING = ",;:"


@dataclass(frozen=True, slots=True)
class Span:
    """The words between a pair of quotation marks: `text[start:end]`."""

    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None when the quote is never closed
    start: int
    end: int
    double: bool  # double marks (the usual kind) or single ones

    @property
    def unclosed(self) -> bool:
        return self.close is None


def _prev(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next(text: str, i: int) -> str:
    return text[i + 1] if i + 1 < len(text) else ""


def can_open(text: str, i: int) -> bool:
    """Left-flanking: a word follows, and nothing but space or opening punctuation precedes."""
    before, after = _prev(text, i), _next(text, i)
    return (
        bool(after)
        and not after.isspace()
        and (not before or before.isspace() or before in _OPEN_BEFORE)
    )


def can_close(text: str, i: int) -> bool:
    """Right-flanking: a word or punctuation precedes, and space or punctuation follows."""
    before, after = _prev(text, i), _next(text, i)
    return (
        bool(before)
        and not before.isspace()
        and (not after or after.isspace() or after in _CLOSE_AFTER)
    )


def wrong_side_close(text: str, i: int) -> bool:
    """`..., "said X` or `..., ”the analyst`: a closing mark typed with its space before it."""
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    if j < 0 or j == i - 1 or text[j] not in _SENTENCE_PUNCT:
        return False
    after = _next(text, i)
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
        return can_close(text, i) and not can_open(text, i)
    # A straight mark: it closes unless it clearly opens a nested quote.
    return not _nested_open(text, i)


def _nested_open(text: str, i: int) -> bool:
    """`...told me "go away" and...`: an opening mark after a word, not after punctuation."""
    if not can_open(text, i) or can_close(text, i) or wrong_side_close(text, i):
        return False
    j = i - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return j >= 0 and (text[j].isalnum() or text[j] in "’'")


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


def _family_spans(text: str, lay: Layout, family: Family) -> list[Span]:
    marks = [i for i, ch in enumerate(text) if ch in family.chars and _is_mark(text, i, family)]
    para = [lay.index_of(i) for i in marks]
    # left[j]: how many marks follow mark j in its own paragraph.
    left = [0] * len(marks)
    for j in range(len(marks) - 2, -1, -1):
        left[j] = left[j + 1] + 1 if para[j + 1] == para[j] else 0
    spans: list[Span] = []
    k = 0
    while k < len(marks):
        i = marks[k]
        ch = text[i]
        if not can_open(text, i) and (ch in family.closing or not family.double):
            k += 1  # a stray closing mark (or, for single marks, an apostrophe)
            continue
        current = para[k]
        depth = 0
        close: int | None = None
        j = k + 1
        resume = len(marks)
        while j < len(marks):
            m = marks[j]
            if para[j] == current:
                if depth == 0 and _nested_open(text, m) and left[j] >= 2:
                    depth += 1
                elif _closer_inside(text, m, ch, family) or (
                    text[m] in family.either and left[j] == 0
                ):
                    if not family.double and _possessive(text, m) and left[j]:
                        pass  # "the leaders’ summit": a later mark closes the quote
                    elif depth:
                        depth -= 1
                    else:
                        close = m
                        resume = j + 1
                        break
                elif text[m] in family.opening:
                    depth += 1
                j += 1
                continue
            # The quote is still open at the end of paragraph `current`.
            next_para = current + 1
            at_start = m == lay.paragraphs[para[j]][0]
            reopen = para[j] == next_para and at_start and can_open(text, m)
            if reopen:
                current = next_para
                depth = 0
                j += 1
                continue
            far = para[j] - current > MAX_OPEN_PARAGRAPHS
            if not far and depth == 0 and _closer_across(text, m, family):
                close = m
                current = para[j]
                resume = j + 1
                break
            if not far and not at_start and text[m] in family.opening and text[m] != ch:
                # «...\n\n... „nested“ ... »: a quote inside a quote that runs on.
                current = para[j]
                depth = 1
                j += 1
                continue
            resume = j
            break
        if close is not None:
            start, end = _trim(text, i + 1, close)
        else:
            start, end = _trim(text, i + 1, lay.paragraphs[current][1])
        if _WORD.search(text, start, end):
            spans.append(Span(i, close, start, end, family.double))
        k = resume
    return spans


def _outer(span: Span) -> tuple[int, int]:
    return span.open, span.close if span.close is not None else span.end


def find_spans(text: str, lay: Layout) -> list[Span]:
    """All top-level quoted spans, in order of their opening marks.

    Double and single marks are paired separately; where one kind of quote holds the other, the
    outer one is kept (“...‘...’...” in American style, ‘...“...”...’ in British style).
    """
    doubles = _family_spans(text, lay, DOUBLES)
    singles = _family_spans(text, lay, SINGLES)
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
