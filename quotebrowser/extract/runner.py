"""Running extraction over documents: which paragraphs spaCy must parse, batches, processes.

The regex pass runs first and decides what spaCy has to do: paragraphs that hold a quote, and the
few before each (where its speaker may be introduced), get the full pipeline, and so do those where
a cheap look finds a reporting verb ("said", "according to": reported speech, `reported.py`); the
others only need names, so they go through it without the dependency parser (the sentence
recogniser stands in).
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import regex

from quotebrowser.extract import gender, nlp
from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.article import Unit
from quotebrowser.extract.layout import Layout, layout
from quotebrowser.extract.marks import Span, find_spans
from quotebrowser.extract.pipeline import analyse
from quotebrowser.extract.reported import reporting_paragraphs
from quotebrowser.extract.workers import Failure, Workers
from quotebrowser.model import Document, Quote

# Documents per spaCy batch, and batches a worker process is handed at a time.
BATCH_DOCUMENTS = 16
# Longer documents are skipped (with a message): about 300,000 words, a minute or so of one core
# and well under 1 GB. News articles are a few thousand characters; a document this long is a
# book, a dump or a broken export, which would hold up the run for all the others.
MAX_CHARACTERS = 2_000_000
PARSER = "parser"
# Longer runs without whitespace (URLs aside, never words) are broken up before spaCy sees them.
LONGEST_RUN = 64
# A sentence end where a long paragraph may be cut: its punctuation (a closing mark may follow)
# and the space after it; searched backwards, from the piece's end.
_SENTENCE_ENDS = regex.compile(r"(?r)[.!?…][\"”’»']?\s+")
_LONG_RUN = regex.compile(rf"\S{{{LONGEST_RUN + 1},}}")
SENTER = "senter"


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text spaCy reads as one Doc: a paragraph, or part of a very long one."""

    start: int
    end: int
    paragraph: int
    parse: bool


@dataclass(frozen=True, slots=True)
class Plan:
    document: Document
    layout: Layout
    spans: list[Span]
    pieces: list[Piece]


def paragraphs_to_parse(lay: Layout, spans: list[Span]) -> set[int]:
    needed: set[int] = set()
    for span in spans:
        first = lay.index_of(span.open)
        last = lay.index_of(span.close if span.close is not None else span.end)
        needed.update(range(max(0, first - lx.CONTEXT_PARAGRAPHS), last + 1))
    return needed


def plan(document: Document, max_length: int) -> Plan:
    """Paragraphs, a long one cut between sentences into pieces of at most PIECE_CHARS: spaCy's
    time and memory grow with a Doc's length, and a whole article written as one paragraph
    would otherwise be one huge Doc."""
    text = document.text
    lay = layout(text)
    spans = find_spans(text, lay)
    parse = paragraphs_to_parse(lay, spans) | reporting_paragraphs(text, lay)
    quoted = [(s.open, s.close if s.close is not None else s.end) for s in spans]
    out: list[Piece] = []
    limit = min(lx.PIECE_CHARS, max(1000, max_length - 1))
    for index, (start, end) in enumerate(lay.paragraphs):
        while end - start > limit:
            cut = _cut(text, start, start + limit, quoted)
            out.append(Piece(start, cut, index, index in parse))
            start = cut
        out.append(Piece(start, end, index, index in parse))
    return Plan(document, lay, spans, out)


def _cut(text: str, start: int, limit: int, quoted: list[tuple[int, int]]) -> int:
    """Where to end a piece of `text[start:limit]`: after the last sentence end outside a quote
    in its second half, else at its last space, else at `limit`."""
    low = start + (limit - start) // 2
    for match in _SENTENCE_ENDS.finditer(text, low, limit):
        cut = match.end()
        i = bisect.bisect_right(quoted, (cut, cut)) - 1
        if i < 0 or not (quoted[i][0] < cut <= quoted[i][1]):
            return cut
    cut = text.rfind(" ", low, limit)
    return cut if cut > start else limit


def _break_run(match: regex.Match[str]) -> str:
    run = match.group(0)
    return "".join(" " if i and i % LONGEST_RUN == 0 else ch for i, ch in enumerate(run))


def for_spacy(text: str) -> str:
    """The text with a space every LONGEST_RUN characters of any longer space-free run.

    spaCy's tokenizer takes quadratic time on long runs without spaces (a line of punctuation,
    an embedded data blob). Replacing characters one for one keeps every offset valid.
    """
    return _LONG_RUN.sub(_break_run, text)


def extract_batch(documents: list[Document]) -> list[list[Quote]]:
    """Quotes of each document, in order: one spaCy pass over all their paragraphs."""
    pipeline = nlp.load()
    plans = [plan(d, pipeline.max_length) for d in documents]
    pieces = [(p, piece) for p in plans for piece in p.pieces]
    full = [(p, piece) for p, piece in pieces if piece.parse]
    light = [(p, piece) for p, piece in pieces if not piece.parse]
    docs: dict[tuple[int, int], object] = {}
    for group, disable in ((full, [SENTER]), (light, [PARSER])):
        if not group:
            continue
        texts = (for_spacy(p.document.text[piece.start : piece.end]) for p, piece in group)
        # spaCy's memory grows with a batch's characters, not its count: long pieces go fewer
        # at a time.
        chars = sum(piece.end - piece.start for _p, piece in group)
        size = max(1, min(lx.SPACY_BATCH, lx.SPACY_BATCH_CHARS * len(group) // max(chars, 1)))
        with pipeline.select_pipes(disable=[n for n in disable if n in pipeline.pipe_names]):
            for (p, piece), doc in zip(group, pipeline.pipe(texts, batch_size=size), strict=True):
                docs[(id(p), piece.start)] = doc
    results = []
    for p in plans:
        units = [
            Unit(docs[(id(p), piece.start)], piece.start, piece.paragraph)  # type: ignore[arg-type]
            for piece in p.pieces
        ]
        results.append(analyse(p.document.text, p.document.source, p.layout, units, p.spans))
    return results


def extract(text: str, source: str) -> list[Quote]:
    """Every quotation in `text`, attributed; `source` names the document in each Quote."""
    return extract_batch([Document(source=source, text=text)])[0]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class ExtractionError(Exception):
    """A document the extractor could not finish (see `extract_many`)."""


Failed = Callable[[Document, str], None]


def _raise(document: Document, reason: str) -> None:
    raise ExtractionError(f"{document.source}: {reason}")


def _within_limits(documents: Iterable[Document], failed: Failed) -> Iterator[Document]:
    for document in documents:
        if len(document.text) > MAX_CHARACTERS:
            failed(
                document,
                f"{len(document.text):,} characters: longer than the {MAX_CHARACTERS:,} "
                "quotebrowser reads in one document; skipped",
            )
        else:
            yield document


def extract_many(
    documents: Iterable[Document],
    jobs: int = 1,
    batch_size: int = BATCH_DOCUMENTS,
    failed: Failed | None = None,
) -> Iterator[tuple[Document, list[Quote]]]:
    """Extract from many documents, streaming, in input order, in `jobs` worker processes.

    Results are the same as one process gives, in the same order. Memory stays flat: only a few
    batches per worker are in flight at any time. A document longer than MAX_CHARACTERS, or one
    on which a worker crashes or is killed (quotebrowser.extract.workers), is left out and
    `failed(document, reason)` is told; the others go on. Without `failed`, ExtractionError.
    """
    report = failed or _raise
    batches = _batches(_within_limits(documents, report), batch_size)
    if not hasattr(os, "fork"):  # no worker processes to isolate a crash in: this one
        for batch in batches:
            yield from zip(batch, extract_batch(batch), strict=True)
        return
    # Once, before forking: the workers inherit the loaded pipeline and name list.
    nlp.load()
    gender.warm()
    for document, result in Workers(extract_batch, jobs).run(batches):
        if isinstance(result, Failure):
            report(document, result.reason)
        else:
            yield document, result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
