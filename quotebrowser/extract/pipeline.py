"""The analysis of one article: spans -> who-is-who -> attribution rules -> Quotes, then the
reported statements (`reported.py`).

`quotebrowser.extract.runner` feeds it spaCy's output; `extract()` and `extract_many()` live there.
"""

from __future__ import annotations

from itertools import pairwise

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.attribution import Attributed, Context, found_quote, looks_like_name
from quotebrowser.extract.layout import Layout
from quotebrowser.extract.marks import Span, find_spans
from quotebrowser.extract.reported import reported_quotes
from quotebrowser.extract.resolvers import learn_references
from quotebrowser.extract.rules import ECHO, UNCUED, Said, attribute, evidence, repeats, share
from quotebrowser.extract.syntax import noun_phrase, subjects_of
from quotebrowser.extract.who_is_who import WhoIsWho
from quotebrowser.folding import fold
from quotebrowser.model import Quote


def _before_mark(text: str, opening: int) -> str:
    """The few words before an opening mark, lower-cased, without the space before it."""
    return text[max(0, opening - lx.BEFORE_MARK_CHARS) : opening].rstrip().lower()


def _so_called(text: str, opening: int) -> bool:
    """'the so-called "northern corridor"': a name the writer keeps at a distance."""
    return _before_mark(text, opening).endswith(lx.DISTANCING_WORDS)


def _after_indefinite(text: str, opening: int) -> bool:
    """`could lead to another "Holocaust"`: after "a" or "another" a capitalised word is used
    as a common noun, someone's word for something, not a name."""
    before = _before_mark(text, opening).split()
    return bool(before) and before[-1] in lx.INDEFINITE_ARTICLES


def analyse(
    text: str, source: str, lay: Layout, units: list[Unit], spans: list[Span] | None = None
) -> list[Quote]:
    """Attribute every quoted span of an article whose paragraphs spaCy has processed."""
    if spans is None:
        spans = find_spans(text, lay)
    article = Article(text, lay, units, spans)
    table = WhoIsWho(article)
    learn_references(table)
    context = Context(article, table)
    # Parts of a quote a flattened text reopened: a quote, even when only a later part has a cue.
    reopened = {id(b) for b in spans if b.continues} | {
        id(a) for a, b in pairwise(spans) if b.continues
    }
    echoes: set[int] = set()
    quoted: list[Said] = []  # every span's words, folded: made at the first uncued span
    for span in spans:
        words = text[span.start : span.end]
        closed_sentence = span.close is not None and text[span.close - 1] in ".!?…"
        cue = attribute(span, context)
        named = (
            looks_like_name(words)
            and not (closed_sentence and context.stands_alone(span))
            and not _after_indefinite(text, span.open)
        )
        if _so_called(text, span.open):
            continue  # 'the so-called "Zangezur corridor"': a name the writer keeps apart
        if named and (cue is None or cue.rule != "verb-after" or context.embedded(span)):
            continue  # a title or a name in quotes ("Meet the Press."); not "Waste," said X
        uncued = cue is None or cue.rule in UNCUED
        if uncued and id(span) not in reopened and not _quote_without_cue(span, words, context):
            if not quoted:
                quoted = [Said.of(fold(text[s.start : s.end])) for s in spans]
            if not _echoes(words, quoted):
                continue
            echoes.add(id(span))  # kept for `echo` to name, else dropped after it
        context.record(span, cue)
    share(context.done, text)
    context.done[:] = [
        a for a in context.done if id(a.span) not in echoes or _echoed(a, context)
    ]
    # Quotes are built last: what the article says of a speaker later (a title, a role) counts
    # for all of their quotes.
    quotes: list[Quote] = []
    occurrences: dict[str, int] = {}
    for found in context.done:
        span, cue = found.span, found.cue
        quotes.append(
            found_quote(
                source,
                text,
                span.start,
                span.end,
                cue,
                kind=context.kind(span, cue),
                evidence=evidence(cue),
                paragraph=lay.index_of(span.start),
                occurrences=occurrences,
            )
        )
    # Reported speech last: the quotations' speakers are known, and nothing it resolves can
    # change them.
    quotes.extend(reported_quotes(context, source, occurrences))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _echoes(words: str, quoted: list[Said]) -> bool:
    """`ripped Comey for acting as "the judge and the jury"` ... `"he has become the judge and
    the jury," Doe said`: a fragment with no cue that a fuller quote of the article repeats is
    a quote, if `echo` can name its speaker."""
    folded = fold(words)
    if len(folded) < lx.ECHO_MIN_CHARS or len(folded.split()) < lx.ECHO_KEPT_MIN_WORDS:
        return False  # one word ("empire") is a scare quote, however often it is repeated
    said = Said.of(folded)
    return any(repeats(fuller, said) for fuller in quoted)


def _echoed(found: Attributed, context: Context) -> bool:
    """A fragment kept for `echo` stays when it named the fuller quote's speaker, and its own
    sentence is not about someone else ("The agency rejected the claims as "patently false"",
    a spokesman saying later that they are "patently false": the agency's words)."""
    cue = found.cue
    if cue is None or cue.rule != ECHO or cue.entity is None:
        return False
    at = context.article.token_at(found.span.start)
    if at is None:
        return True
    unit, first = at
    subjects = subjects_of(first.sent.root)
    if not subjects:
        return True
    about = context.cue(None, noun_phrase(subjects[0]), unit).entity
    return about is None or about is cue.entity


def _quote_without_cue(span: Span, words: str, context: Context) -> bool:
    """A span no rule found a cue for is a quote only when it reads as a sentence of its own, or
    runs on from the quote before it; a short one on its own is a slogan or a scare quote."""
    previous = context.previous
    lay = context.article.layout
    runs_on = previous is not None and lay.index_of(previous.span.open) == lay.index_of(span.open)
    if (span.unclosed and not runs_on) or not context.stands_alone(span):
        return False
    return runs_on or len(words.split()) >= lx.MIN_UNCUED_WORDS
