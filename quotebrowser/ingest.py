"""Ingest: the one place that joins the sources, the extractor and the store.

Read articles (files, web pages, links, archives), skip the unchanged ones, extract the rest,
commit in timed batches.

A batch is committed once `store.commit_interval` seconds of work have passed since the last
commit, or once it holds `store.commit_documents` documents (a fast extractor would otherwise
hold tens of thousands in memory), and at the end, so a crash loses at most the batch in flight.
An interrupted ingest (Ctrl-C, an extractor error) still commits what it finished before passing
the error on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from quotebrowser.model import Document, Quote
from quotebrowser.sources.archives import Fields
from quotebrowser.sources.files import STDIN_SOURCE, is_gone
from quotebrowser.sources.metadata import describe
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.reading import count_inputs, read_sources
from quotebrowser.wording import counted

if TYPE_CHECKING:
    from quotebrowser.store import Store

# Called as extract_many is: extractor(documents, jobs=N, failed=fn(document, reason)).
Extractor = Callable[..., Iterator[tuple[Document, list[Quote]]]]
ProgressFn = Callable[[int, int, str], None]  # (done, total or 0 while unknown, source)


@dataclass(frozen=True, slots=True)
class IngestSummary:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    quotes: int = 0
    errors: list[ReadError] = field(default_factory=list)
    moved: int = 0  # stored text found under a new path: the path was updated
    copies: list[tuple[str, str]] = field(default_factory=list)  # (new path, stored original)
    unapplied: list[str] = field(default_factory=list)  # corrections that no longer apply

    @property
    def documents(self) -> int:
        return (
            self.added
            + self.unchanged
            + self.replaced
            + self.failed
            + self.moved
            + len(self.copies)
        )

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        extra = f"{self.moved} moved, " if self.moved else ""
        if self.copies:
            extra += f"{len(self.copies)} already stored under another name, "
        return (
            f"{counted(self.documents, 'document')}: {self.added} added, "
            f"{self.unchanged} unchanged, {self.replaced} replaced, {extra}{self.failed} failed; "
            f"{counted(self.quotes, 'quote')} stored"
            + (
                f"; {counted(len(self.unapplied), 'correction')} no longer "
                + ("applies" if len(self.unapplied) == 1 else "apply")
                if self.unapplied
                else ""
            )
        )


def absolute(document: Document, stdin_name: str | None = None) -> Document:
    """The document named by its absolute path, so the same file is one document from anywhere.

    Links keep their names; an archive's `PATH#N` gets an absolute PATH. Text from standard
    input is named `stdin_name`, else by its content: each text is its own document, and a
    second text never replaces the first.
    """
    if document.source == STDIN_SOURCE:
        return replace(document, source=stdin_name or f"<stdin {document.content_hash[:12]}>")
    if "://" in document.source:
        return document
    source = str(Path(document.source).resolve())
    if source == document.source:
        return document
    return replace(document, source=source)


class _Run:
    def __init__(self, store: Store, total: int, progress: ProgressFn | None) -> None:
        self.store = store
        self.total = total
        self.progress = progress
        self.done = 0
        self.counts = {"added": 0, "unchanged": 0, "replaced": 0, "moved": 0, "copy": 0}
        self.copies: list[tuple[str, str]] = []
        self.quotes = 0
        self.errors: list[ReadError] = []
        self.pending: list[tuple[Document, list[Quote]]] = []
        self.last_commit = time.monotonic()
        # Per article written again, the user's corrections whose quote it no longer holds
        # (only articles with such corrections: nothing here grows with the archive).
        self.unapplied: dict[str, list[str]] = {}

    def step(self, source: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.total, source)

    def commit(self) -> None:
        if not self.pending:
            return
        # The store keeps what it is given: each article with its metadata as detected.
        batch = [(describe(document), quotes) for document, quotes in self.pending]
        self.pending = []
        extracted = []
        statuses = self.store.add_many(batch, gone=is_gone)
        for (document, quotes), status in zip(batch, statuses, strict=True):
            self.counts[status] += 1
            if status == "copy":
                _, original = self.store.stored_whole(document.source, document.content_hash)
                self.copies.append((document.source, original or "another document"))
            if status != "unchanged":
                self.quotes += len(quotes)
            if status in ("added", "replaced"):
                extracted.append(document.source)
        for source in extracted:
            self.unapplied.pop(source, None)
        for correction in self.store.unapplied_corrections(extracted):
            self.unapplied.setdefault(correction.source, []).append(correction.describe())
        self.last_commit = time.monotonic()

    def summary(self) -> IngestSummary:
        return IngestSummary(
            added=self.counts["added"],
            unchanged=self.counts["unchanged"],
            replaced=self.counts["replaced"],
            failed=len(self.errors),
            quotes=self.quotes,
            errors=self.errors,
            moved=self.counts["moved"],
            copies=self.copies,
            unapplied=[text for texts in self.unapplied.values() for text in texts],
        )


def run_ingest(
    store: Store,
    paths: list[str],
    *,
    urls_file: str | None = None,
    fields: Fields | None = None,
    jobs: int = 1,
    progress: ProgressFn | None = None,
    extractor: Extractor | None = None,
    stdin_name: str | None = None,
    warn: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Read, extract and store articles, committing a batch every few seconds of work.

    `progress(done, total, source)` is told of each document; total is 0 while unknown (an
    archive's records are counted as they stream). `warn(line)` is told what reading a
    document mended (Document.warnings).
    """
    if extractor is None:  # deferred: spaCy (0.6 s) stays out of the app and ingest --quotes
        from quotebrowser.extract import extract_many as extractor
    total = count_inputs(paths, urls_file) or 0
    store.create()  # the file exists from now on: an app opening it will not seed it
    run = _Run(store, total, progress)
    if progress is not None:
        progress(0, total, "")

    def to_extract() -> Iterator[Document]:
        for item in read_sources(paths, urls_file=urls_file, fields=fields):
            if isinstance(item, ReadError):
                run.errors.append(item)
                run.step(item.source)
                continue
            document = absolute(item, stdin_name)
            for warning in document.warnings if warn is not None else ():
                warn(f"{document.source}: {warning}")
            stored, holder = store.stored_whole(document.source, document.content_hash)
            if stored == document.content_hash:
                # Skip the extractor; the commit re-checks under the lock in case of a race.
                run.counts["unchanged"] += 1
                run.step(document.source)
                continue
            if holder is not None and stored is None:
                # Stored under another name: the commit records a move or reports a copy.
                run.pending.append((document, []))
                run.step(document.source)
                continue
            yield document

    def failed(document: Document, reason: str) -> None:
        # A document the extractor could not finish (too long, or its worker crashed on it).
        run.errors.append(ReadError(document.source, reason))
        run.step(document.source)

    try:
        for document, quotes in extractor(to_extract(), jobs=jobs, failed=failed):
            run.pending.append((document, quotes))
            run.step(document.source)
            if (
                time.monotonic() - run.last_commit >= store.commit_interval
                or len(run.pending) >= store.commit_documents
            ):
                run.commit()
    except BaseException:
        run.commit()  # keep the finished work; the error goes on to the caller
        raise
    run.commit()
    return run.summary()


def store_extracted(
    store: Store,
    items: Iterable[tuple[Document, list[Quote]] | ReadError],
    *,
    total: int = 0,
    progress: ProgressFn | None = None,
    batch: int | None = None,
) -> IngestSummary:
    """Store documents whose quotes were extracted elsewhere (quote shards), in batches through
    the store's write path; each ReadError is counted and reported in the summary. They
    arrive far faster than the extractor's: a batch is `batch` documents at most (default: the
    store's `commit_documents`, as for `run_ingest`)."""
    store.create()
    run = _Run(store, total, progress)
    if progress is not None:
        progress(0, total, "")
    try:
        for item in items:
            if isinstance(item, ReadError):
                run.errors.append(item)
                continue
            document, quotes = item
            run.pending.append((document, quotes))
            run.step(document.source)
            full = len(run.pending) >= (batch or store.commit_documents)
            if full or time.monotonic() - run.last_commit >= store.commit_interval:
                run.commit()
    except BaseException:
        run.commit()
        raise
    run.commit()
    return run.summary()
