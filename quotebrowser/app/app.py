"""The quotebrowser terminal app: composes the panels and routes actions between them."""

from __future__ import annotations

import gc
import threading
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

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
from quotebrowser.app.confirm import ConfirmScreen
from quotebrowser.app.detail_pane import ArticleFacts, Detail, DetailPane
from quotebrowser.app.first_run import IngestScreen
from quotebrowser.app.help_screen import PLACES, HelpScreen, describe_bindings
from quotebrowser.app.literal import literal, one_line
from quotebrowser.app.profile_screen import ProfileScreen, Timeline, build_profile
from quotebrowser.app.quote_list import QuoteList, QuoteListHeader
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speaker_picker import Picked, SpeakerPicker
from quotebrowser.app.speakers_panel import Entry, Scope, SpeakersPanel, panel_entries
from quotebrowser.folding import fold
from quotebrowser.identity import person_groups
from quotebrowser.model import REPORTED, Quote
from quotebrowser.query import (
    Query,
    QueryError,
    QuoteIndex,
    Result,
    next_sort,
    parse_query,
    with_option,
)
from quotebrowser.roles import shown_role
from quotebrowser.settings import Settings
from quotebrowser.wording import counted

if TYPE_CHECKING:
    from quotebrowser.store import DocumentInfo, IngestSummary, Snapshot, Store

STYLE_LABELS = {
    "plain": "plain text",
    "markdown": "Markdown",
    "apa": "APA",
    "chicago": "Chicago",
    "bibtex": "BibTeX",
}


# How often the app looks at the database file's signature (a stat call) for other writers.
CHECK_INTERVAL = 0.5


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
        # The first screen's rows before any query runs: the quotations, reported statements
        # being left out until asked for (as a query with no `kind:` leaves them out).
        reported = [i for i, q in enumerate(self.quotes) if q.kind == REPORTED]
        self.reported = len(reported)
        self.first_rows: Sequence[int] | None = None
        if reported:
            left_out = set(reported)
            self.first_rows = [i for i in range(len(self.quotes)) if i not in left_out]
        # Filled in by `complete`, after the first screen is up.
        self.by_id: dict[str, Quote] = {}
        self.position: dict[str, int] = {}  # quote id -> position in `quotes`
        self.by_source: dict[str, list[Quote]] = {}
        self.speaker_entries: list[Entry] = []
        # folded speaker -> group -> the roles articles give; the group they are listed under
        self.roles: dict[str, dict[str, Counter[str]]] = {}
        self.groups: dict[str, str] = {}
        self.index: QuoteIndex | None = None

    def summary(self) -> str:
        """ "230 quotes and 138 reported statements in 18 articles". """
        said = f" and {counted(self.reported, 'reported statement')}" if self.reported else ""
        quotes = counted(len(self.quotes) - self.reported, "quote")
        return f"{quotes}{said} in {counted(len(self.documents), 'article')}"

    def complete(self) -> QuoteIndex:
        """The rest, built in the background: lookups, the speakers panel, the filter index."""
        by_id = {q.id: q for q in self.quotes}
        self.position = {q.id: i for i, q in enumerate(self.quotes)}
        by_source: dict[str, list[Quote]] = {}
        # (speaker as stored, group) -> roles, folding each name once
        written: dict[tuple[str, str], Counter[str]] = {}
        for q in self.quotes:
            by_source.setdefault(q.source, []).append(q)
            if q.role and q.speaker and not q.rejected:
                written.setdefault((q.speaker, q.group), Counter())[q.role] += 1
        roles: dict[str, dict[str, Counter[str]]] = {}
        for (name, group), counts in written.items():
            roles.setdefault(fold(name), {}).setdefault(group, Counter()).update(counts)
        kept = [q for q in self.quotes if not q.rejected]
        self.groups = person_groups((q.speaker, q.group, q.role) for q in kept)
        self.by_id, self.by_source, self.roles = by_id, by_source, roles
        self.speaker_entries = panel_entries(kept, self.groups)
        index = QuoteIndex.from_snapshot(self.snapshot)
        index.prepare()
        return index

    def archive_role(self, quote: Quote) -> str | None:
        """The role other articles give a speaker their own article gives none."""
        if quote.role or not quote.speaker:
            return None
        key = fold(quote.speaker)
        return shown_role(self.roles.get(key, {}), self.groups.get(key, ""))

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
        Binding("O", "cycle_sort", "Sort", show=False, id="app.sort"),
        Binding("r", "reload", "Reload", show=False, id="app.reload"),
        Binding("escape", "clear_scope", "All speakers", show=False, id="app.clear_scope"),
        Binding(
            "less_than_sign", "resize_speakers(-2)", "Narrower panel", show=False, id="app.narrower"
        ),
        Binding(
            "greater_than_sign", "resize_speakers(2)", "Wider panel", show=False, id="app.wider"
        ),
        Binding("v", "toggle_statements", "Reprints", show=False, id="app.statements"),
        Binding("w", "toggle_reported", "Reported", id="app.reported"),
    ]

    def __init__(
        self,
        store: Store,
        *,
        seed_paths: Sequence[str] | None = None,
        style: str | None = None,
        keymap: Mapping[str, str] | None = None,
        settings_file: Path | None = None,
    ) -> None:
        """`seed_paths` are read into a new database before anything is shown. With a
        `settings_file`, the user's choices are restored from it and kept in it; `style`
        overrides the saved style."""
        super().__init__()
        self.store = store
        self.seed_paths = list(seed_paths or [])
        self.settings_file = settings_file
        self.settings = Settings.load(settings_file) if settings_file else Settings()
        self.style = style or self.settings.style
        self.user_keymap = dict(keymap or {})
        self.data: Loaded | None = None
        self.scope: Scope | None = None
        self.scope_label = ""
        self.applied: tuple[Query, Sequence[int]] | None = None
        self.filter_generation = 0
        self.last_copy: tuple[str, bool, str] | None = None  # (citation, system ok, message)
        self.load_error: Exception | None = None  # why the database could not be read
        self.load_running = False  # a (re)load is running
        self.signature: object = None  # the database file's version last read
        self.query_error = ""  # why the search text is not a valid query
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
        if self.settings.speakers_width:
            self.query_one(SpeakersPanel).styles.width = self.settings.speakers_width
        if self.settings.filter:
            self.query_one(SearchBar).value = self.settings.filter  # applied once indexed
        self.load()
        self.set_interval(CHECK_INTERVAL, self._check_for_changes)

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
        self.load_running = True
        try:
            if self.seed_paths and not self.store.exists():
                # Only a database that did not exist: never one another process is filling.
                self.call_from_thread(self._start_seeding)
                return
            signature = self.store.signature()
            loaded = Loaded(self.store.snapshot())
        except Exception as error:  # unreadable database: leave with its message, no traceback
            if not worker.is_cancelled:
                self.call_from_thread(self._load_failed, error)
            return
        if worker.is_cancelled:
            return
        self.signature = signature
        painted = threading.Event()
        self.call_from_thread(self._show, loaded, painted)
        # Python runs one thread at a time: building the index now would slow the first paint.
        painted.wait(timeout=5)
        if worker.is_cancelled:
            return
        index = loaded.complete()
        if not worker.is_cancelled:
            self.call_from_thread(self._index_ready, loaded, index)
            index.index_grams()  # search works meanwhile, only slower

    def _load_failed(self, error: Exception) -> None:
        self.load_error = error
        self.exit(return_code=2)

    # -- staying in step with the file --------------------------------------------------------

    def _check_for_changes(self) -> None:
        """Reload when another process has replaced the database file (a new signature)."""
        if self.load_running or self.data is None or self.data.index is None:
            return
        try:
            changed = self.store.signature() != self.signature
        except OSError:
            return
        if changed:
            self.reload()

    def action_reload(self) -> None:
        if self.load_running:
            return
        if self.data is None or self.data.index is None:
            return
        self.reload(say=True)

    def reload(self, say: bool = False) -> None:
        """Read the database again in the background; filter, selection and scroll stay."""
        self.load_running = True
        self._reload(self.current_query() or Query(scope=self.scope), say)

    @work(thread=True, exclusive=True, group="load")
    def _reload(self, query: Query, say: bool) -> None:
        try:
            signature = self.store.signature()
            loaded = Loaded(self.store.snapshot())
            index = loaded.complete()
            loaded.index = index
            rows = range(len(loaded.quotes)) if query.is_empty else index.search(query)
            result = index.arrange(rows, query)
        except Exception as error:  # keep showing what was read before; say why
            self.call_from_thread(self._reload_failed, error)
            return
        self.call_from_thread(self._reloaded, loaded, signature, query, rows, result, say)
        index.index_grams()

    def _reload_failed(self, error: Exception) -> None:
        self.load_running = False
        self.signature = self.store.signature()  # do not retry in a loop; `r` tries again
        self.notify(f"Could not reload the database: {error}", severity="warning", markup=False)

    def _reloaded(
        self,
        loaded: Loaded,
        signature: object,
        query: Query,
        rows: Sequence[int],
        result: Result,
        say: bool,
    ) -> None:
        quote_list = self.query_one(QuoteList)
        kept = quote_list.current_quote
        offset = quote_list.cursor - quote_list.scroll_offset.y  # the cursor's line on screen
        before = len(self.data.quotes) if self.data else 0
        self.data, self.signature, self.load_running = loaded, signature, False
        self._texts.clear()
        self.applied = (query, rows)
        quote_list.empty_message = "No quotes match."
        quote_list.set_quotes(loaded.quotes, loaded.articles, result.rows, result.outlets)
        position = loaded.position.get(kept.id) if kept is not None else None
        if position is not None and quote_list.move_to_quote(position):
            quote_list.scroll_to(
                y=max(quote_list.cursor - offset, 0), animate=False, immediate=True
            )
        panel = self.query_one(SpeakersPanel)
        highlighted = panel.highlighted
        panel.set_entries(loaded.speaker_entries)
        if highlighted is not None and highlighted < panel.option_count:
            panel.highlighted = highlighted
        self._set_top_bar(loaded.summary())
        self.filter_generation += 1
        self._update_status()
        for screen in self.screen_stack:
            if isinstance(screen, ProfileScreen):  # open profiles show what was read now
                name = screen.profile.name
                profile = build_profile(name, loaded.quotes, loaded.documents)
                screen.renew(profile, loaded.quotes, loaded.articles)
        if query != self.current_query():
            self.apply_filter()  # typed while reloading
        added = len(loaded.quotes) - before
        if say or added:
            change = (
                f"{'+' if added > 0 else '-'}{counted(abs(added), 'quote')}"
                if added
                else "no change in the number of quotes"
            )
            self.notify(f"Reloaded the database: {change}.", markup=False, timeout=3)

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
                f"Read {counted(outcome.added, 'sample article')}: "
                f"{counted(outcome.quotes, 'quote')}.",
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
        if loaded.quotes:
            quote_list.empty_message = "No quotes match."
        elif self.seed_paths:  # not seeded: the file was there already
            quote_list.empty_message = (
                "The database has no quotes yet. It already existed, so the sample articles "
                "were not read into it (another process may be filling it); new quotes show "
                "up here as they are stored."
            )
        else:
            quote_list.empty_message = (
                "The database has no quotes yet: add articles with `quotebrowser ingest PATH`."
            )
        self.applied = None
        quote_list.set_quotes(loaded.quotes, loaded.articles, loaded.first_rows)
        if self.screen.focused is None:
            quote_list.focus()
        self._set_top_bar(loaded.summary())
        self._update_status()
        self.call_after_refresh(painted.set)

    def save_settings(self) -> None:
        if self.settings_file is None:
            return
        panel = self.query_one(SpeakersPanel)
        width = panel.styles.width
        self.settings = Settings(
            style=self.style,
            filter=self.query_one(SearchBar).value,
            speakers_width=int(width.value) if width is not None and width.is_cells else None,
        )
        self.settings.save(self.settings_file)

    def action_resize_speakers(self, cells: int) -> None:
        panel = self.query_one(SpeakersPanel)
        panel.styles.width = max(12, min(80, panel.outer_size.width + cells))

    async def action_quit(self) -> None:
        self.save_settings()
        await super().action_quit()

    def on_unmount(self) -> None:
        # Hand the frozen objects back to the collector: the process may go on without the app
        # (tests, or a caller that embeds it).
        gc.unfreeze()

    def _index_ready(self, loaded: Loaded, index: QuoteIndex) -> None:
        loaded.index = index
        self.load_running = False
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

    def current_query(self) -> Query | None:
        """The search bar's query, or None (and the reason in the status line) if invalid."""
        try:
            query = parse_query(self.query_one(SearchBar).value, self.scope)
        except QueryError as error:
            self.query_error = str(error)
            return None
        self.query_error = ""
        return query

    def apply_filter(self) -> None:
        if self.data is None or self.data.index is None:
            return  # `_index_ready` filters once it can
        query = self.current_query()
        if query is None:
            self._update_status()  # keep the last results; say what is wrong with the query
            return
        self.run_filter(query)

    @work(thread=True, exclusive=True, group="filter")
    def run_filter(self, query: Query) -> None:
        data = self.data
        if data is None or data.index is None:
            return
        worker = get_current_worker()
        rows: Sequence[int]
        applied = self.applied
        if query.is_empty:
            rows = range(len(data.quotes))
        elif applied and applied[0] == query:
            # `group:le` ... `group:leaders` name the same group: the same rows.
            rows = applied[1]
        else:
            # Typing one more letter narrows the last result: search only within it.
            within = applied[1] if applied and query.narrows(applied[0]) else None
            rows = data.index.search(query, within)
        result = data.index.arrange(rows, query)
        if not worker.is_cancelled:
            self.call_from_thread(self._apply_rows, data, query, rows, result)

    def _apply_rows(self, data: Loaded, query: Query, rows: Sequence[int], result: Result) -> None:
        if data is not self.data or query != self.current_query():
            return  # a late answer to a query the user has already changed
        self.applied = (query, rows)
        self.query_one(QuoteList).set_rows(result.rows, result.outlets)
        self.filter_generation += 1
        self._update_status()

    def _update_status(self) -> None:
        if self.data is None:
            return
        shown = len(self.query_one(QuoteList).rows)
        reported = self.data.reported
        total = len(self.data.quotes) - reported
        if self.query_error:
            self.query_one("#status", Static).update(
                Content.assemble(("query: ", "bold $error"), literal(self.query_error)),
                layout=False,
            )
            return
        parts: list[str | tuple[str, str]] = [
            (f"{shown:,}", "bold"),
            f" of {counted(total, 'quote')}",
        ]
        if reported:
            parts += [" and ", (counted(reported, "reported statement"), "italic $secondary")]
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
        return Detail(
            quote,
            data.facts(quote.source),
            self.document_text(quote.source),
            variants,
            data.archive_role(quote),
        )

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

    def action_cycle_sort(self) -> None:
        """Sort by the next key: the key goes into the search text, the one query language."""
        bar = self.query_one(SearchBar)
        query = self.current_query()
        value = next_sort(query.sort if query else None)
        bar.value = with_option(bar.value, "sort", value)
        self.notify(f"Sorted by {value}" if value else "In database order", timeout=2)

    def action_toggle_statements(self) -> None:
        """One row per statement (reprints collapsed), or every quote."""
        bar = self.query_one(SearchBar)
        query = self.current_query()
        collapse = query is None or query.show != "statements"
        value = "statements" if collapse else None
        bar.value = with_option(bar.value, "show", value, among=("all", "statements"))

    def action_toggle_reported(self) -> None:
        """Reported statements (what speakers said without quotation marks) beside the quotes,
        or the quotes only: `kind:all` in the search text, the one query language."""
        bar = self.query_one(SearchBar)
        query = self.current_query()
        if query is not None and query.reported:
            bar.value = with_option(bar.value, "kind", None, among=("all", "reported"))
            self.notify("Quotes only", timeout=2)
        else:
            bar.value = with_option(bar.value, "kind", "all")
            self.notify("Reported statements shown too, marked ≈ (kind:all)", timeout=2)

    def action_forget_article(self) -> None:
        """Remove the highlighted quote's article and its quotes, after asking."""
        quote = self.quote_to_copy()
        if quote is None or self.data is None:
            self.notify("No quote is highlighted.", severity="warning")
            return
        source = quote.source
        count = sum(1 for q in self.data.quotes if q.source == source)
        title = self.data.facts(source).title

        def answered(yes: bool | None) -> None:
            if yes:
                self._forget(source)

        self.push_screen(
            ConfirmScreen(
                f"Forget the article “{one_line(title, 80)}” ({one_line(source, 80)}) and its "
                f"{counted(count, 'quote')}? This removes them from the database."
            ),
            answered,
        )

    @work(thread=True, group="forget")
    def _forget(self, source: str) -> None:
        try:
            sources, quotes = self.store.forget([source])
        except Exception as error:
            self.call_from_thread(
                self.notify,
                f"Could not forget the article: {error}",
                severity="error",
                markup=False,
            )
            return
        self.call_from_thread(
            self.notify,
            f"Forgot {counted(len(sources), 'article')} and {counted(quotes, 'quote')}.",
            markup=False,
        )
        self.call_from_thread(self.reload)

    def action_clear_scope(self) -> None:
        """Escape outside the search box: drop the speaker or group chosen in the panel."""
        if self.scope is not None:
            self.set_scope(None, "")

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
        self.save_settings()
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
        # Name the part the user knows (the article view), not an inner container.
        node = focused or screen
        while node is not None and type(node).__name__ not in PLACES:
            node = node.parent
        name = PLACES[type(node).__name__] if node is not None else type(screen).__name__
        self.push_screen(HelpScreen(describe_bindings(bindings, display), name))

    # -- copying ------------------------------------------------------------------------------

    def quote_to_copy(self) -> Quote | None:
        if isinstance(self.screen, ArticleScreen):
            return self.screen.current_quote
        if isinstance(self.screen.focused, QuoteList):  # the main list, or a profile's
            return self.screen.focused.current_quote
        return self.query_one(QuoteList).current_quote

    # -- the user's corrections (quotebrowser.store.corrections) ------------------------------

    def action_correct_speaker(self) -> None:
        """`e`: pick who said the highlighted quote."""
        quote = self.quote_to_copy()
        if quote is None or self.data is None:
            self.notify("No quote is highlighted.", severity="warning")
            return
        here = [q.speaker for q in self.data.by_source.get(quote.source, []) if q.speaker]

        def picked(choice: Picked | None) -> None:
            if choice is not None:
                self._write(
                    lambda store: store.correct(
                        quote.id, speaker=choice.name, role=choice.role, group=choice.group
                    ),
                    lambda made: f"Speaker set to {made.speaker}.",
                )

        self.push_screen(
            SpeakerPicker(f"Who said “{one_line(quote.text, 90)}”?", here, self.known_speakers()),
            picked,
        )

    def action_reject_quote(self) -> None:
        """`x`: the highlighted quote is not a quote (hidden unless show:rejected)."""
        quote = self.quote_to_copy()
        if quote is None:
            self.notify("No quote is highlighted.", severity="warning")
        elif quote.rejected:
            self.notify("Already marked not a quote; u undoes it.", timeout=3)
        else:
            self._write(
                lambda store: store.correct(quote.id, reject=True),
                lambda _: "Marked not a quote: hidden unless the search says show:rejected.",
            )

    def action_undo_correction(self) -> None:
        """`u`: take back the last correction."""
        self._write(
            lambda store: store.undo_correction(),
            lambda undone: f"Undone: {undone.describe()}" if undone else "Nothing to undo.",
        )

    def action_merge_speaker(self) -> None:
        """`m` in the speakers panel: the highlighted speaker is someone else listed."""
        self._rename_highlighted(merge=True)

    def action_rename_speaker(self) -> None:
        """`R` in the speakers panel: show the highlighted speaker under another name."""
        self._rename_highlighted(merge=False)

    def _rename_highlighted(self, *, merge: bool) -> None:
        """Merge the panel's highlighted speaker into someone listed, or rename them."""
        name = self.query_one(SpeakersPanel).highlighted_speaker()
        if name is None:
            self.notify("Highlight a speaker in the panel first.", severity="warning")
            return

        def picked(choice: Picked | None) -> None:
            if choice is None:
                return
            done = "Merged {} into {} ({})." if merge else "Renamed {} to {} ({})."
            self._write(
                lambda store: store.rename_speaker(name, choice.name, merge=merge),
                lambda n: done.format(name, choice.name, counted(n, "quote")),
            )

        if merge:
            others = [n for n in self.known_speakers() if n != name]
            question = f"Merge {one_line(name, 60)} into whom? (its name becomes an alias)"
            self.push_screen(SpeakerPicker(question, [], others, new_names=False), picked)
        else:
            question = f"Rename {one_line(name, 60)} to:"
            self.push_screen(SpeakerPicker(question, [], self.known_speakers()), picked)

    def known_speakers(self) -> list[str]:
        entries = self.data.speaker_entries if self.data else []
        return [e.scope[1] for e in entries if e.scope and e.scope[0] == "speaker" and e.scope[1]]

    @work(thread=True, group="correct")
    def _write(self, change: Callable[[Store], object], said: Callable[[Any], str]) -> None:
        """Write a correction off the UI thread (the store's lock may wait for an ingest), say
        what was done, and read the database again. The write has a Store of its own: the
        app's may be reading in the loader's thread."""
        from quotebrowser.store import Store

        try:
            done = change(Store(self.store.path))
        except Exception as error:  # a StoreError names the unknown speaker or quote
            self.call_from_thread(self.notify, str(error), severity="error", markup=False)
            return
        self.call_from_thread(self.notify, said(done), markup=False, timeout=4)
        self.call_from_thread(self.reload)

    def action_profile(self) -> None:
        """`p`: the profile of the speaker highlighted in the panel, else of the quote's."""
        if self.data is None:
            return
        name = None
        if isinstance(self.screen.focused, SpeakersPanel):
            name = self.screen.focused.highlighted_speaker()
        if name is None:
            quote = self.quote_to_copy()
            name = quote.speaker if quote is not None else None
        if not name:
            self.notify("No speaker to show: highlight a quote or a speaker.", severity="warning")
            return
        self.open_profile(name)

    def open_profile(self, name: str) -> None:
        data = self.data
        if data is None:
            return
        profile = build_profile(name, data.quotes, data.documents)
        self.push_screen(ProfileScreen(profile, data.quotes, data.articles))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's screenshot: in Downloads if there is one, else the current folder;
        where it went, or why it failed, is said on screen."""
        import platformdirs

        if path is None:
            downloads = platformdirs.user_downloads_path()
            path = str(downloads if downloads.is_dir() else Path.cwd())
        try:
            saved = self.save_screenshot(filename, path, time_format)
        except OSError as error:
            self.notify(
                f"Could not save the screenshot in {path}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
            return None
        self.notify(f"Screenshot saved: {saved}", markup=False)
        return saved

    def copy_to_clipboard(self, text: str) -> None:
        """OSC 52 to the terminal, the same sequence `quotebrowser cite --copy` sends."""
        from quotebrowser.clipboard import osc52_sequence

        self._clipboard = text
        if self._driver is not None:
            self._driver.write(osc52_sequence(text))

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
            f"{self.style_label(self.style)} citation of "
            + ("a reported statement (a paraphrase)" if quote.kind == REPORTED else "a quote")
            + f" by {who}:",
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


def binding_ids() -> list[str]:
    """Every binding id a `--keymap` file may rebind, sorted."""
    ids: set[str] = set()
    for cls in (
        QuoteBrowserApp,
        QuoteList,
        SearchBar,
        SpeakersPanel,
        ArticleScreen,
        HelpScreen,
        ConfirmScreen,
        SpeakerPicker,
        ProfileScreen,
        Timeline,
    ):
        ids.update(b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id)
    return sorted(ids)
