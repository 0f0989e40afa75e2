"""The analysis of one article: spans -> speaker table -> attribution -> Quotes.

`quotebrowser.extract.runner` feeds it spaCy's output; `extract()` and `extract_many()` live there.
"""

from __future__ import annotations

from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.attribution import Attributor, Cue, looks_like_name
from quotebrowser.extract.layout import Layout
from quotebrowser.extract.marks import Span, find_spans
from quotebrowser.extract.speakers import Resolution, SpeakerTable
from quotebrowser.model import Quote, quote_id

# Standalone quotes shorter than this (in words) with no cue are scare quotes or slogans.
MIN_UNCUED_WORDS = 4


def analyse(
    text: str, source: str, lay: Layout, units: list[Unit], spans: list[Span] | None = None
) -> list[Quote]:
    """Attribute every quoted span of an article whose paragraphs spaCy has processed."""
    if spans is None:
        spans = find_spans(text, lay)
    article = Article(text, lay, units, spans)
    table = SpeakerTable(article)
    attributor = Attributor(article)
    found: list[tuple[Span, Cue | None, Resolution, str]] = []
    previous: tuple[Span, Resolution] | None = None
    for span in spans:
        words = text[span.start : span.end]
        closed_sentence = span.close is not None and text[span.close - 1] in ".!?…"
        if looks_like_name(words) and not closed_sentence:
            continue
        cue, resolution = _best_cue(attributor, table, span)
        if cue is None:
            runs_on = previous is not None and lay.index_of(previous[0].open) == lay.index_of(
                span.open
            )
            if (span.unclosed and not runs_on) or not attributor.stands_alone(span):
                continue
            if len(words.split()) < MIN_UNCUED_WORDS and not runs_on:
                continue  # a short quote on its own is a slogan or a scare quote
            resolution = _from_context(article, attributor, table, span, previous)
        found.append((span, cue, resolution, attributor.kind(span, cue)))
        previous = (span, resolution)
    # Quotes are built last: what the article says of a speaker later (a title, a role) counts
    # for all of their quotes.
    quotes: list[Quote] = []
    occurrences: dict[str, int] = {}
    for span, cue, resolution, kind in found:
        words = text[span.start : span.end]
        n = occurrences.get(words, 0)
        occurrences[words] = n + 1
        entity = resolution.entity
        quotes.append(
            Quote(
                id=quote_id(source, words, n),
                source=source,
                text=words,
                start=span.start,
                end=span.end,
                speaker=entity.name if entity else None,
                role=entity.role if entity else (resolution.surface or None),
                group=entity.group if entity else "other",
                kind=kind,
                cue=cue.text if cue else None,
                paragraph=lay.index_of(span.start),
            )
        )
    return quotes


def _best_cue(
    attributor: Attributor, table: SpeakerTable, span: Span
) -> tuple[Cue | None, Resolution]:
    """The first cue (after, governing, "according to") whose speaker resolves to someone;
    failing that, the first cue with its unresolved description."""
    first: tuple[Cue, Resolution] | None = None
    if attributor.embedded(span):
        # A fragment inside the writer's sentence belongs to the verb that governs it.
        order = (attributor.head, attributor.according, attributor.tail)
    else:
        order = (attributor.tail, attributor.head, attributor.according)
    for find in order:
        for cue in find(span):
            if cue.unit is None or not cue.speaker:
                continue
            resolution = table.resolve(cue.speaker, cue.unit, cue.pos)
            if resolution.entity is not None and id(resolution.entity) not in table.adhoc:
                return cue, resolution
            if first is None or (first[1].entity is None and resolution.entity is not None):
                first = (cue, resolution)
    return first if first is not None else (None, Resolution(None, ""))


def _from_context(
    article: Article,
    attributor: Attributor,
    table: SpeakerTable,
    span: Span,
    previous: tuple[Span, Resolution] | None,
) -> Resolution:
    """A quote with no cue of its own: the previous quote's speaker when it runs on from it,
    else whoever the sentences before it were about."""
    lay = article.layout
    para = lay.index_of(span.open)
    context = attributor.context_subject(span)
    if previous is not None and previous[1].entity is not None:
        prev_span, prev_res = previous
        prev_end = prev_span.close if prev_span.close is not None else prev_span.end
        prev_para = lay.index_of(prev_end)
        gap = range(prev_para + 1, para)
        runs_on = prev_para == para or all(attributor.paragraph_is_caption(i) for i in gap)
        context_after = context is not None and context[0].offset + context[1][0].idx > prev_end
        if runs_on and not context_after:
            return prev_res
    if context is None:
        return Resolution(None, "")
    unit, np = context
    return table.resolve(np, unit, unit.offset + np[0].idx)
