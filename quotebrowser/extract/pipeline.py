"""The analysis of one article: spans -> who-is-who -> attribution rules -> Quotes, then the
reported statements (`reported.py`).

`quotebrowser.extract.runner` feeds it spaCy's output; `extract()` and `extract_many()` live there.
"""

from __future__ import annotations

from itertools import pairwise

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.attribution import Context, looks_like_name
from quotebrowser.extract.layout import Layout
from quotebrowser.extract.marks import Span, find_spans
from quotebrowser.extract.reported import reported_quotes
from quotebrowser.extract.resolvers import learn_references
from quotebrowser.extract.rules import UNCUED, attribute, evidence, share
from quotebrowser.extract.who_is_who import WhoIsWho
from quotebrowser.model import Quote, quote_id


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
    for span in spans:
        words = text[span.start : span.end]
        closed_sentence = span.close is not None and text[span.close - 1] in ".!?…"
        cue = attribute(span, context)
        named = looks_like_name(words) and not (closed_sentence and context.stands_alone(span))
        if named and (cue is None or cue.rule != "verb-after" or context.embedded(span)):
            continue  # a title or a name in quotes ("Meet the Press."); not "Waste," said X
        uncued = cue is None or cue.rule in UNCUED
        if uncued and id(span) not in reopened and not _quote_without_cue(span, words, context):
            continue
        context.record(span, cue)
    share(context.done, text)
    # Quotes are built last: what the article says of a speaker later (a title, a role) counts
    # for all of their quotes.
    quotes: list[Quote] = []
    occurrences: dict[str, int] = {}
    for found in context.done:
        span, cue = found.span, found.cue
        words = text[span.start : span.end]
        n = occurrences.get(words, 0)
        occurrences[words] = n + 1
        entity = found.entity
        surface = cue.resolution.surface if cue is not None else ""
        quotes.append(
            Quote(
                id=quote_id(source, words, n),
                source=source,
                text=words,
                start=span.start,
                end=span.end,
                speaker=entity.name if entity else None,
                role=entity.role if entity else (surface or None),
                group=entity.group if entity else "other",
                kind=context.kind(span, cue),
                cue=cue.text if cue else None,
                paragraph=lay.index_of(span.start),
                evidence=evidence(cue),
                resolver=cue.resolution.resolver if cue is not None and entity else None,
            )
        )
    # Reported speech last: the quotations' speakers are known, and nothing it resolves can
    # change them.
    quotes.extend(reported_quotes(context, source, occurrences))
    quotes.sort(key=lambda q: q.start)
    return quotes


def _quote_without_cue(span: Span, words: str, context: Context) -> bool:
    """A span no rule found a cue for is a quote only when it reads as a sentence of its own, or
    runs on from the quote before it; a short one on its own is a slogan or a scare quote."""
    previous = context.previous
    lay = context.article.layout
    runs_on = previous is not None and lay.index_of(previous.span.open) == lay.index_of(span.open)
    if (span.unclosed and not runs_on) or not context.stands_alone(span):
        return False
    return runs_on or len(words.split()) >= lx.MIN_UNCUED_WORDS
