"""The quotebrowser terminal app: composes the panels and routes actions between them."""

from __future__ import annotations

import gc
import threading
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from quotebrowser.app.article_screen import ArticleScreen
from quotebrowser.app.commands import QuoteCommands
from quotebrowser.app.detail_pane import ArticleFacts, Detail, DetailPane
from quotebrowser.app.first_run import IngestScreen
from quotebrowser.app.help_screen import PLACES, HelpScreen, describe_bindings
from quotebrowser.app.index import Query, QuoteIndex, parse_query
from quotebrowser.app.literal import literal, one_line
from quotebrowser.app.quote_list import QuoteList, QuoteListHeader
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import Entry, Scope, SpeakersPanel, panel_entries
from quotebrowser.model import Quote

if TYPE_CHECKING:
    from quotebrowser.store import DocumentInfo, IngestSummary, Snapshot, Store

STYLE_LABELS = {
    "plain": "plain text",
    "markdown": "Markdown",
    "apa": "APA",
    "chicago": "Chicago",
    "bibtex": "BibTeX",
}


class Loaded:
    """Everything read from the store once, plus what display derives from it.

    The filter index comes later (`build_index`), so the first screen does not wait for it.
    """

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        self.quotes: Sequence[Quote] = snapshot.quotes
        self.documents: Mapping[str, DocumentInfo] = snapshot.documents
        self.articles = {
            src: (info.title or src, info.date or "") for src, info in snapshot.documents.items()
        }
        # Filled in by `complete`, after the first screen is up.
        self.by_id: dict[str, Quote] = {}
        self.by_source: dict[str, list[Quote]] = {}
        self.speaker_entries: list[Entry] = []
        self.index: QuoteIndex | None = None

    def complete(self) -> QuoteIndex:
        """The rest, built in the background: lookups, the speakers panel, the filter index."""
        by_id = {q.id: q for q in self.quotes}
        by_source: dict[str, list[Quote]] = {}
        for q in self.quotes:
            by_source.setdefault(q.source, []).append(q)
        self.by_id, self.by_source = by_id, by_source
        self.speaker_entries = panel_entries(self.quotes)
        labels = {
            src: " ".join(filter(None, (info.title, info.outlet)))
            for src, info in self.documents.items()
        }
        return QuoteIndex(self.quotes, labels)

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
        )


class QuoteBrowserApp(App[None]):
    """Browse, filter, read in context and cite the quotes in one database."""

    TITLE = "quotebrowser"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {QuoteCommands}
    AUTO_FOCUS = "QuoteList"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("c", "copy_citation", "Copy", id="app.copy"),
        Binding("s", "cycle_style", "Style", id="app.style"),
        Binding("o", "open_link", "Link", id="app.link"),
        Binding("question_mark,f1", "show_keys", "Keys", id="app.keys"),
        Binding("ctrl+l", "clear_filters", "Clear filters", show=False, id="app.clear"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        seed_paths: Sequence[str] | None = None,
        style: str = "plain",
        keymap: Mapping[str, str] | None = None,
    ) -> None:
        """`seed_paths` are read into an empty database before anything is shown."""
        super().__init__()
        self.store = store
        self.seed_paths = list(seed_paths or [])
        self.style = style
        self.user_keymap = dict(keymap or {})
        self.data: Loaded | None = None
        self.scope: Scope | None = None
        self.scope_label = ""
        self.applied: tuple[Query, Sequence[int]] | None = None
        self.filter_generation = 0
        self.last_copy: tuple[str, bool, str] | None = None  # (citation, system ok, message)
        self.load_error: Exception | None = None  # why the database could not be read
        self._texts: LRUCache[str, str | None] = LRUCache(maxsize=64)
        self._detail_quote: Quote | None = None
        self._detail_pending = False

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="top-bar")
        with Horizontal(id="main"):
            yield SpeakersPanel(id="speakers")
            with Vertical(id="right"):
                yield SearchBar(id="search")
                yield Static(id="status")
                with Vertical(id="list-box"):
                    yield QuoteListHeader()
                    yield QuoteList(id="quotes")
                yield DetailPane(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self.query_one("#speakers").border_title = "Speakers"
        self.query_one("#list-box").border_title = "Quotes"
        self.query_one("#detail").border_title = "Quote"
        self._set_top_bar("opening the database…")
        self.query_one(QuoteList).loading = True
        self.load()

    def _set_top_bar(self, what: str) -> None:
        self.query_one("#top-bar", Static).update(
            Content.assemble(
                ("quotebrowser", "bold $accent"),
                "  ",
                (literal(str(self.store.path)), "$text-muted"),
                "  ",
                literal(what),
            )
        )

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Read the database off the UI thread; seed an empty one first."""
        worker = get_current_worker()
        try:
            if self.seed_paths and self.store.is_empty():
                self.call_from_thread(self._start_seeding)
                return
            loaded = Loaded(self.store.snapshot())
        except Exception as error:  # unreadable database: leave with its message, no traceback
            if not worker.is_cancelled:
                self.call_from_thread(self._load_failed, error)
            return
        if worker.is_cancelled:
            return
        painted = threading.Event()
        self.call_from_thread(self._show, loaded, painted)
        # Python runs one thread at a time: building the index now would slow the first paint.
        painted.wait(timeout=5)
        if worker.is_cancelled:
            return
        index = loaded.complete()
        if not worker.is_cancelled:
            self.call_from_thread(self._index_ready, loaded, index)

    def _load_failed(self, error: Exception) -> None:
        self.load_error = error
        self.exit(return_code=2)

    def _start_seeding(self) -> None:
        paths, self.seed_paths = self.seed_paths, []
        self.push_screen(IngestScreen(self.store, paths, "Welcome to quotebrowser"), self._seeded)

    def _seeded(self, outcome: IngestSummary | Exception | None) -> None:
        if isinstance(outcome, Exception):
            self.notify(
                f"Could not read the sample articles: {outcome}",
                severity="error",
                markup=False,
                timeout=15,
            )
        elif outcome is not None:
            self.notify(
                f"Read {outcome.added} sample articles: {outcome.quotes} quotes.",
                title="Welcome",
                markup=False,
            )
            for error in outcome.errors[:5]:
                self.notify(str(error), severity="warning", markup=False)
        self.load()

    def _show(self, loaded: Loaded, painted: threading.Event) -> None:
        self.data = loaded
        quote_list = self.query_one(QuoteList)
        quote_list.loading = False
        quote_list.empty_message = (
            "No quotes match."
            if loaded.quotes
            else "The database has no quotes yet: add articles with `quotebrowser ingest PATH`."
        )
        self.applied = None
        quote_list.set_quotes(loaded.quotes, loaded.articles)
        if self.screen.focused is None:
            quote_list.focus()
        self._set_top_bar(f"{len(loaded.quotes):,} quotes in {len(loaded.documents):,} articles")
        self._update_status()
        self.call_after_refresh(painted.set)

    def on_unmount(self) -> None:
        # Hand the frozen objects back to the collector: the process may go on without the app
        # (tests, or a caller that embeds it).
        gc.unfreeze()

    def _index_ready(self, loaded: Loaded, index: QuoteIndex) -> None:
        loaded.index = index
        # The quotes and the index live as long as the app: keep the garbage collector from
        # walking them again and again (a full pass over 100,000 quotes stalls a keystroke).
        gc.freeze()
        self.query_one(SpeakersPanel).set_entries(loaded.speaker_entries)
        self._highlighted(QuoteList.Highlighted(self.query_one(QuoteList).current_quote))
        if self.query_one(SearchBar).value or self.scope:
            self.apply_filter()  # typed while the index was being built

    # -- filtering ----------------------------------------------------------------------------

    @on(SearchBar.Changed, "#search")
    def _search_changed(self) -> None:
        self.apply_filter()

    @on(SearchBar.Done)
    def _search_done(self) -> None:
        self.query_one(QuoteList).focus()

    @on(SpeakersPanel.ScopeChosen)
    def _scope_chosen(self, event: SpeakersPanel.ScopeChosen) -> None:
        self.set_scope(event.scope, event.label)
        self.query_one(QuoteList).focus()

    def set_scope(self, scope: Scope | None, label: str) -> None:
        self.scope = scope
        self.scope_label = label if scope else ""
        self.apply_filter()

    def apply_filter(self) -> None:
        if self.data is None or self.data.index is None:
            return  # `_index_ready` filters once it can
        self.run_filter(parse_query(self.query_one(SearchBar).value, self.scope))

    @work(thread=True, exclusive=True, group="filter")
    def run_filter(self, query: Query) -> None:
        data = self.data
        if data is None or data.index is None:
            return
        worker = get_current_worker()
        rows: Sequence[int]
        if query.is_empty:
            rows = range(len(data.quotes))
        else:
            # Typing one more letter narrows the last result: search only within it.
            applied = self.applied
            within = applied[1] if applied and query.narrows(applied[0]) else None
            rows = data.index.search(query, within)
        if not worker.is_cancelled:
            self.call_from_thread(self._apply_rows, query, rows)

    def _apply_rows(self, query: Query, rows: Sequence[int]) -> None:
        if query != parse_query(self.query_one(SearchBar).value, self.scope):
            return  # a late answer to a query the user has already changed
        self.applied = (query, rows)
        self.query_one(QuoteList).set_rows(rows)
        self.filter_generation += 1
        self._update_status()

    def _update_status(self) -> None:
        if self.data is None:
            return
        shown = len(self.query_one(QuoteList).rows)
        total = len(self.data.quotes)
        parts: list[str | tuple[str, str]] = [
            (f"{shown:,}", "bold"),
            f" of {total:,} quotes",
        ]
        if self.scope_label:
            parts += ["  · ", (one_line(self.scope_label, 60), "$accent")]
        parts += ["  · citation style: ", (self.style_label(self.style), "bold")]
        self.query_one("#status", Static).update(Content.assemble(*parts), layout=False)

    # -- detail and article -------------------------------------------------------------------

    @on(QuoteList.Highlighted)
    def _highlighted(self, event: QuoteList.Highlighted) -> None:
        # The detail changes its height (a layout pass): do it after the list has painted, and
        # only for the latest quote when the cursor runs over many.
        self._detail_quote = event.quote
        if not self._detail_pending:
            self._detail_pending = True
            self.call_after_refresh(self._show_detail)

    def _show_detail(self) -> None:
        self._detail_pending = False
        self.query_one(DetailPane).show(self.detail_for(self._detail_quote))

    def detail_for(self, quote: Quote | None) -> Detail | None:
        if quote is None or self.data is None:
            return None
        data = self.data
        variant_ids = data.snapshot.variants.get(quote.id, ())
        variants = [
            (v, data.facts(v.source)) for v in (data.by_id.get(i) for i in variant_ids) if v
        ]
        return Detail(quote, data.facts(quote.source), self.document_text(quote.source), variants)

    def document_text(self, source: str) -> str | None:
        if source not in self._texts:
            try:
                self._texts[source] = self.store.document_text(source)
            except Exception as error:  # the pane then shows the quote without its paragraph
                self.notify(
                    f"Could not read the article text: {error}", severity="warning", markup=False
                )
                return None
        return self._texts[source]

    @on(QuoteList.Chosen)
    def _chosen(self, event: QuoteList.Chosen) -> None:
        self.open_article(event.quote)

    def open_article(self, quote: Quote) -> None:
        if self.data is None:
            return
        applied = self.applied[0] if self.applied else Query()
        self.push_screen(
            ArticleScreen(
                self.data.facts(quote.source),
                self.document_text(quote.source),
                self.data.by_source.get(quote.source)
                or [q for q in self.data.quotes if q.source == quote.source],
                quote,
                words=applied.words,
            )
        )

    # -- actions ------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        if isinstance(self.screen, ArticleScreen):
            self.pop_screen()
        self.query_one(SearchBar).focus()

    def action_focus_list(self) -> None:
        self.query_one(QuoteList).focus()

    def action_focus_speakers(self) -> None:
        self.query_one(SpeakersPanel).focus()

    def action_list_move(self, rows: int) -> None:
        self.query_one(QuoteList).cursor += rows

    def action_list_first(self) -> None:
        self.query_one(QuoteList).action_first()

    def action_list_last(self) -> None:
        self.query_one(QuoteList).action_last()

    def action_open_article(self) -> None:
        quote = self.query_one(QuoteList).current_quote
        if quote is not None:
            self.open_article(quote)

    def action_open_link(self) -> None:
        """Open the highlighted quote's article link in the web browser."""
        quote = self.quote_to_copy()
        info = self.data.documents.get(quote.source) if quote and self.data else None
        if info is None or not info.url:
            self.notify("This quote's article has no link.", severity="warning", timeout=3)
            return
        self._open_in_browser(info.url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        # webbrowser may start a program and wait for it: off the UI thread, errors caught.
        import webbrowser

        try:
            opened = webbrowser.open(url)
        except Exception:
            opened = False
        message = f"Opened {url}" if opened else f"No web browser to open {url}"
        self.call_from_thread(
            self.notify,
            message,
            markup=False,
            timeout=4,
            severity="information" if opened else "warning",
        )

    def action_clear_filters(self) -> None:
        self.query_one(SearchBar).value = ""
        self.set_scope(None, "")

    def action_choose_scope(self, index: int) -> None:
        scopes = self.speaker_scopes()
        if 0 <= index < len(scopes):
            self.set_scope(*scopes[index])
            self.query_one(QuoteList).focus()

    def speaker_scopes(self) -> list[tuple[Scope | None, str]]:
        return self.query_one(SpeakersPanel).scopes()

    def style_label(self, style: str) -> str:
        return STYLE_LABELS.get(style, style)

    def action_set_style(self, style: str) -> None:
        self.style = style
        self._update_status()
        self.notify(f"Citation style: {self.style_label(style)}", markup=False, timeout=2)

    def action_cycle_style(self) -> None:
        from quotebrowser.citation import STYLES

        at = STYLES.index(self.style) if self.style in STYLES else -1
        self.action_set_style(STYLES[(at + 1) % len(STYLES)])

    def action_show_keys(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpScreen):
            screen.dismiss()
            return
        bindings = screen.active_bindings
        display = {key: self.get_key_display(active.binding) for key, active in bindings.items()}
        focused = screen.focused
        name = PLACES.get(type(focused or screen).__name__, type(focused or screen).__name__)
        self.push_screen(HelpScreen(describe_bindings(bindings, display), name))

    # -- copying ------------------------------------------------------------------------------

    def quote_to_copy(self) -> Quote | None:
        if isinstance(self.screen, ArticleScreen):
            return self.screen.current_quote
        return self.query_one(QuoteList).current_quote

    def action_copy_citation(self) -> None:
        quote = self.quote_to_copy()
        if quote is None or self.data is None:
            self.notify("No quote is highlighted.", severity="warning")
            return
        from quotebrowser.citation import cite

        try:
            citation = cite(quote, self.data.documents.get(quote.source), self.style)
        except Exception as error:  # a citation bug must not take the app down
            self.notify(f"Could not format the citation: {error}", severity="error", markup=False)
            return
        try:
            # OSC 52: the terminal the user sits at (over SSH, in tmux) puts it on its clipboard.
            self.copy_to_clipboard(citation)
            sent = True
        except Exception:
            sent = False
        self._copy_to_system(citation, quote, sent)

    @work(thread=True, group="clipboard")
    def _copy_to_system(self, citation: str, quote: Quote, sent: bool) -> None:
        # pyperclip may start xclip or wl-copy: off the UI thread, and every error caught.
        try:
            from quotebrowser.clipboard import copy_to_system_clipboard

            ok, message = copy_to_system_clipboard(citation)
        except Exception as error:
            ok, message = False, str(error) or type(error).__name__
        self.call_from_thread(self._report_copy, citation, quote, sent, ok, message)

    def _report_copy(self, citation: str, quote: Quote, sent: bool, ok: bool, message: str) -> None:
        self.last_copy = (citation, ok, message)
        who = one_line(quote.speaker, 40) if quote.speaker else "an unattributed speaker"
        lines = [
            f"{self.style_label(self.style)} citation of a quote by {who}:",
            one_line(citation, 120),
        ]
        if ok:
            lines.append("→ system clipboard: copied.")
        else:
            lines.append(f"→ system clipboard: not available ({one_line(message, 100)}).")
        if sent:
            lines.append(
                "→ terminal clipboard (OSC 52): sent; it arrives if your terminal "
                "allows OSC 52 (tmux: set-clipboard on)."
            )
        if ok or sent:
            self.notify(
                "\n".join(lines),
                title="Copied" if ok else "Sent to the terminal",
                markup=False,
                timeout=8,
            )
        else:
            self.notify(
                "\n".join(lines), title="Nothing copied", severity="error", markup=False, timeout=10
            )
