"""What the app has read from the store: one snapshot, and what the screens derive from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from textual.cache import LRUCache

from quotebrowser.app.speakers_panel import Entry, panel_entries
from quotebrowser.authors import authors, joined
from quotebrowser.model import Quote
from quotebrowser.query import QuoteIndex
from quotebrowser.store import DocumentInfo, Snapshot
from quotebrowser.whoswho import WhosWho
from quotebrowser.wording import counted

TextReader = Callable[[str], "str | None"]  # the store's document_text


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """What the pane shows about an article (from the store's DocumentInfo)."""

    title: str
    outlet: str | None
    date: str | None
    source: str
    url: str | None = None
    language: str | None = None
    byline: str | None = None  # as the article gives it

    @property
    def by(self) -> str | None:
        """ "By Priya Raman and Tom Becker": every author the byline names."""
        names = [name.natural for name in authors(self.byline)]
        return f"By {joined(names)}" if names else None


class Loaded:
    """Everything read from the store once, plus what display derives from it.

    The filter index comes later (`complete`), so the first screen does not wait for it.
    """

    def __init__(self, snapshot: Snapshot, read_text: TextReader) -> None:
        self.snapshot = snapshot
        self.quotes: Sequence[Quote] = snapshot.quotes
        self.documents: Mapping[str, DocumentInfo] = snapshot.documents
        self.articles = {
            src: (info.title or src, info.date or "") for src, info in snapshot.documents.items()
        }
        # The archive's who's who (the panel, the detail pane, profiles and `group:` read it).
        self.people: WhosWho = snapshot.people
        # The quotes that count, as the header, the status line and the panel say; those
        # marked "not a quote" show only when a search asks (show:rejected).
        self.total = self.people.total()
        self.rejected = self.people.rejected_total()
        # Of `total`, the reported statements (no quotation marks): counted apart, and left out
        # of the list until a `kind:` asks for them.
        self.reported = self.people.statements_total()
        self._read_text = read_text
        self._texts: LRUCache[str, str | None] = LRUCache(maxsize=64)
        # Filled in by `complete`, after the first screen is up.
        self.by_id: dict[str, Quote] = {}
        self.position: dict[str, int] = {}  # quote id -> position in `quotes`
        self.by_source: dict[str, list[Quote]] = {}
        self.speaker_entries: list[Entry] = []
        self.index: QuoteIndex | None = None

    def summary(self) -> str:
        """ "230 quotes and 138 reported statements in 18 articles". """
        said = f" and {counted(self.reported, 'reported statement')}" if self.reported else ""
        quotes = counted(self.total - self.reported, "quote")
        return f"{quotes}{said} in {counted(len(self.documents), 'article')}"

    def complete(self) -> QuoteIndex:
        """The rest, built in the background: lookups, the speakers panel, the filter index."""
        by_source: dict[str, list[Quote]] = {}
        for q in self.quotes:
            by_source.setdefault(q.source, []).append(q)
        self.by_id = {q.id: q for q in self.quotes}
        self.position = {q.id: i for i, q in enumerate(self.quotes)}
        self.by_source = by_source
        self.speaker_entries = panel_entries(self.people)
        index = QuoteIndex.from_snapshot(self.snapshot)
        index.prepare()
        return index

    def quotes_of(self, source: str) -> list[Quote]:
        """One article's quotes (found by a scan until `complete` has run)."""
        return self.by_source.get(source) or [q for q in self.quotes if q.source == source]

    def text(self, source: str) -> str | None:
        """The article's text as stored (the last few read are kept). Raises what the store
        raises."""
        if source not in self._texts:
            self._texts[source] = self._read_text(source)
        return self._texts[source]

    def facts(self, source: str) -> ArticleFacts:
        info = self.documents.get(source)
        if info is None:
            return ArticleFacts(title=source, outlet=None, date=None, source=source)
        return ArticleFacts(
            title=info.title or source,
            outlet=info.outlet,
            date=info.date,
            source=source,
            url=info.url,
            language=info.language,
            byline=info.byline,
        )
