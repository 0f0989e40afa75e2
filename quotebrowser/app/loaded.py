"""What the app has read from the store: the archive's who's who and counts, and the ways to the
rest, each read from the store's index when asked (no quote is held but those on screen).

A search is a query run on the index (`search`: results read a page at a time); an article's
quotes, a speaker's, a quote's reprints and an article's facts are looked up when a screen asks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from textual.cache import LRUCache

from quotebrowser.app.speakers_panel import Entry, panel_entries
from quotebrowser.authors import authors, joined
from quotebrowser.model import Quote
from quotebrowser.query import Query
from quotebrowser.store import DocumentInfo, Store
from quotebrowser.store.search import Results
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


class Documents(Mapping[str, DocumentInfo]):
    """Articles by source, read from the store's index when first asked (the last few kept)."""

    def __init__(self, store: Store, count: int) -> None:
        self._store = store
        self._count = count
        self._read: LRUCache[str, DocumentInfo | None] = LRUCache(maxsize=4096)

    def __getitem__(self, source: str) -> DocumentInfo:
        if source not in self._read:
            self._read[source] = self._store.document_info(source)
        found = self._read[source]
        if found is None:
            raise KeyError(source)
        return found

    def prefetch(self, sources: set[str]) -> None:
        """Read these articles together (a profile's hundreds of articles: one query a few
        hundred)."""
        wanted = {s for s in sources if s not in self._read}
        found = self._store.documents_of(wanted)
        for source in wanted:
            self._read[source] = found.get(source)

    def __iter__(self) -> Iterator[str]:
        return iter(self._store.documents())

    def __len__(self) -> int:
        return self._count


class Articles(Mapping[str, tuple[str, str]]):
    """Source -> (title, date), as the quotes list shows an article."""

    def __init__(self, documents: Documents) -> None:
        self._documents = documents

    def __getitem__(self, source: str) -> tuple[str, str]:
        info = self._documents[source]
        return info.title or source, info.date or ""

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


class Loaded:
    """The archive as the app read it at one version of the database: its who's who, its
    counts, and the store to ask for the rest."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # The archive's who's who (the panel, the detail pane, profiles and `group:` read it).
        self.people: WhosWho = store.people()
        # The quotes that count, as the header, the status line and the panel say; those
        # marked "not a quote" show only when a search asks (show:rejected).
        self.total = self.people.total()
        self.rejected = self.people.rejected_total()
        # Of `total`, the reported statements (no quotation marks): counted apart, and left out
        # of the list until a `kind:` asks for them.
        self.reported = self.people.statements_total()
        self.documents = Documents(store, store.document_count())
        self.articles = Articles(self.documents)
        self.speaker_entries: list[Entry] = panel_entries(self.people)
        self._texts: LRUCache[str, str | None] = LRUCache(maxsize=64)
        self._of_source: LRUCache[str, list[Quote]] = LRUCache(maxsize=64)

    def search(self, query: Query) -> Results:
        """The quotes `query` finds, read a page at a time."""
        return self.store.search(query)

    def summary(self) -> str:
        """ "230 quotes and 138 reported statements in 18 articles". """
        said = f" and {counted(self.reported, 'reported statement')}" if self.reported else ""
        quotes = counted(self.total - self.reported, "quote")
        return f"{quotes}{said} in {counted(len(self.documents), 'article')}"

    def quotes_of(self, source: str) -> list[Quote]:
        """One article's quotes, in order."""
        if source not in self._of_source:
            self._of_source[source] = self.store.quotes_of_source(source)
        return self._of_source[source]

    def quotes_of_person(self, name: str) -> list[Quote]:
        """Every quote shown under this person (any spelling, case and accents aside)."""
        return self.store.quotes_of_person(name)

    def variants_of(self, quote: Quote) -> list[Quote]:
        """The quote's close variants in other articles, closest first."""
        return self.store.variants(quote.id)

    def text(self, source: str) -> str | None:
        """The article's text as stored (the last few read are kept). Raises what the store
        raises."""
        if source not in self._texts:
            self._texts[source] = self.store.document_text(source)
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
