"""The quotebrowser terminal app: reads the database, composes the panels and screens, and
routes the keys that reach it to the part that owns them.

The parts: the speakers panel (speakers_panel.py), the quotes pane that filters the list
(quotes_pane.py), the detail pane (detail_pane.py), the article, profile, export and help
screens, the corrections (curation.py) and what leaves the app (sharing.py: citations, exports,
links). What was read lives in a Loaded
(loaded.py); the app reads it off the UI thread, again whenever another process commits.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import ClassVar

import platformdirs
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static, TextArea
from textual.worker import get_current_worker

from quotebrowser.app.article_screen import ArticleScreen
from quotebrowser.app.commands import QuoteCommands
from quotebrowser.app.confirm import ConfirmScreen
from quotebrowser.app.curation import Curator
from quotebrowser.app.detail_pane import DetailPane
from quotebrowser.app.export_screen import ExportScreen
from quotebrowser.app.first_run import IngestScreen, welcome
from quotebrowser.app.help_screen import HelpScreen
from quotebrowser.app.loaded import Loaded
from quotebrowser.app.profile_screen import ProfileScreen, Timeline
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.app.quotes_pane import COUNT_BUDGET, QuotesPane
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.sharing import copy_citations, export_quotes, open_link
from quotebrowser.app.speaker_picker import SpeakerPicker
from quotebrowser.app.speakers_panel import Scope, SpeakersPanel
from quotebrowser.citation import STYLES
from quotebrowser.clipboard import osc52_sequence
from quotebrowser.ingest import IngestSummary
from quotebrowser.literal import literal, one_line
from quotebrowser.model import Quote
from quotebrowser.query import Query, QueryError, parse_query
from quotebrowser.settings import Settings
from quotebrowser.store import Store
from quotebrowser.store.search import Results
from quotebrowser.wording import counted

STYLE_LABELS = {
    "plain": "plain text",
    "markdown": "Markdown",
    "apa": "APA",
    "chicago": "Chicago",
    "bibtex": "BibTeX",
}


# How often the app looks at the database file's signature (a stat call) for other writers.
CHECK_INTERVAL = 0.5


class QuoteBrowserApp(App[None]):
    """Browse, filter, read in context and cite the quotes in one database."""

    TITLE = "quotebrowser"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {QuoteCommands}
    AUTO_FOCUS = "QuoteList"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit"),
        # Priority: the app moves the focus before it hands on the keys typed after it
        # (`/roads` typed fast); `check_action` stands it aside where `/` is text.
        Binding("slash", "focus_search", "Search", id="app.search", priority=True),
        Binding("c", "copy_citation", "Copy", id="app.copy"),
        Binding("E", "export", "Export", show=False, id="app.export"),
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
        self.curator = Curator(self, store.path, self.reload)
        self.last_copy: tuple[str, bool, str] | None = None  # (citation, system ok, message)
        self.load_error: Exception | None = None  # why the database could not be read
        self.load_running = False  # a (re)load is running
        self.signature: object = None  # the database file's version last read

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="top-bar")
        with Horizontal(id="main"):
            yield SpeakersPanel(id="speakers")
            with Vertical(id="right"):
                yield QuotesPane(id="quotes-pane")
                yield DetailPane(id="detail")
        yield Footer()

    @property
    def pane(self) -> QuotesPane:
        return self.query_one(QuotesPane)

    def on_mount(self) -> None:
        if self.user_keymap:
            self.set_keymap(self.user_keymap)
        self.query_one("#speakers").border_title = "Speakers"
        self.query_one("#detail").border_title = "Quote"
        self._set_top_bar("opening the database…")
        self.query_one(QuoteList).loading = True
        self.pane.style_label = self.style_label(self.style)
        if self.settings.speakers_width:
            self.query_one(SpeakersPanel).styles.width = self.settings.speakers_width
        if self.settings.filter:
            self.pane.search_text = self.settings.filter  # applied once read
            # Said, or the next search would seem to find nothing for no reason.
            self.notify(
                f"Restored search: {one_line(self.settings.filter, 80)}. Esc clears it.",
                markup=False,
                timeout=6,
            )
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

    def _counts(self, loaded: Loaded) -> None:
        self._set_top_bar(loaded.summary())

    # -- loading ------------------------------------------------------------------------------

    def _read(self, query: Query) -> tuple[Loaded, Results]:
        """The database as it is now, and the first page of what `query` finds in it."""
        loaded = Loaded(self.store)
        results = loaded.search(query)
        results.first()
        results.count(budget=COUNT_BUDGET)
        return loaded, results

    def _query_typed(self) -> Query:
        """The query in the search bar (every quote while it is not a valid one), read without
        touching the pane (off the UI thread)."""
        try:
            return parse_query(self.pane.search_text, self.pane.scope)
        except QueryError:
            return Query(scope=self.pane.scope)

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        """Read the database off the UI thread; seed an empty one first. Nothing is read but
        the who's who and the first page of the quotes: no scan of the archive."""
        worker = get_current_worker()
        self.load_running = True
        try:
            if self.seed_paths and not self.store.exists():
                # Only a database that did not exist: never one another process is filling.
                self.call_from_thread(self._start_seeding)
                return
            signature = self.store.signature()
            loaded, results = self._read(self._query_typed())
        except Exception as error:  # unreadable database: leave with its message, no traceback
            if not worker.is_cancelled:
                self.call_from_thread(self._load_failed, error)
            return
        if worker.is_cancelled:
            return
        self.signature = signature
        self.call_from_thread(self._show, loaded, results)

    def _load_failed(self, error: Exception) -> None:
        self.load_error = error
        self.exit(return_code=2)

    def _start_seeding(self) -> None:
        paths, self.seed_paths = self.seed_paths, []
        self.push_screen(IngestScreen(self.store, paths, "Welcome to quotebrowser"), self._seeded)

    def _seeded(self, outcome: IngestSummary | Exception | None) -> None:
        welcome(self, outcome)
        self.load()

    def _show(self, loaded: Loaded, results: Results) -> None:
        self.data = loaded
        self.load_running = False
        self.pane.show(loaded, results, seeds_refused=bool(self.seed_paths))  # the file was there
        if self.screen.focused is None:
            self.query_one(QuoteList).focus()
        self._counts(loaded)
        self.query_one(SpeakersPanel).set_entries(loaded.speaker_entries)
        self.query_one(DetailPane).follow(self.query_one(QuoteList).current_quote, loaded)
        # What exists once the first screen is up (modules, widgets, the who's who) lives as
        # long as the app: out of the collector's full passes, which otherwise walk it all
        # (50-90 ms, a stall every few keys while searching a large archive).
        self.call_after_refresh(gc.freeze)

    # -- staying in step with the file --------------------------------------------------------

    def _check_for_changes(self) -> None:
        """Reload when another process has replaced the database file (a new signature)."""
        if self.load_running or self.data is None:
            return
        try:
            changed = self.store.signature() != self.signature
        except OSError:
            return
        if changed:
            self.reload()

    def action_reload(self) -> None:
        if self.load_running or self.data is None:
            return
        self.reload(say=True)

    def reload(self, say: bool = False) -> None:
        """Read the database again in the background; filter, selection and scroll stay."""
        self.load_running = True
        self._reload(
            self.pane.current_query() or Query(scope=self.pane.scope),
            self.query_one(QuoteList).current_quote,
            say,
        )

    @work(thread=True, exclusive=True, group="load")
    def _reload(self, query: Query, kept: Quote | None, say: bool) -> None:
        try:
            signature = self.store.signature()
            loaded, results = self._read(query)
            results.count()
            at = results.index_of(kept.id) if kept is not None else None
        except Exception as error:  # keep showing what was read before; say why
            self.call_from_thread(self._reload_failed, error)
            return
        self.call_from_thread(self._reloaded, loaded, signature, query, results, at, say)

    def _reload_failed(self, error: Exception) -> None:
        self.load_running = False
        self.signature = self.store.signature()  # do not retry in a loop; `r` tries again
        self.notify(f"Could not reload the database: {error}", severity="warning", markup=False)

    def _reloaded(
        self,
        loaded: Loaded,
        signature: object,
        query: Query,
        results: Results,
        at: int | None,
        say: bool,
    ) -> None:
        before = self.data.total if self.data else 0
        self.data, self.signature, self.load_running = loaded, signature, False
        panel = self.query_one(SpeakersPanel)
        highlighted = panel.highlighted
        panel.set_entries(loaded.speaker_entries)
        if highlighted is not None and highlighted < panel.option_count:
            panel.highlighted = highlighted
        self._counts(loaded)
        self.pane.reloaded(loaded, query, results, at)
        for screen in self.screen_stack:
            if isinstance(screen, ProfileScreen):  # open profiles show what was read now
                screen.renew(loaded)
        added = loaded.total - before
        if say or added:
            change = (
                f"{'+' if added > 0 else '-'}{counted(abs(added), 'quote')}"
                if added
                else "no change in the number of quotes"
            )
            self.notify(f"Reloaded the database: {change}.", markup=False, timeout=3)

    def save_settings(self) -> None:
        if self.settings_file is None:
            return
        width = self.query_one(SpeakersPanel).styles.width
        self.settings = Settings(
            style=self.style,
            filter=self.pane.search_text,
            speakers_width=int(width.value) if width is not None and width.is_cells else None,
        )
        self.settings.save(self.settings_file)

    async def action_quit(self) -> None:
        self.save_settings()
        await super().action_quit()

    # -- what the parts tell each other ---------------------------------------------------------

    @on(SpeakersPanel.ScopeChosen)
    def _scope_chosen(self, event: SpeakersPanel.ScopeChosen) -> None:
        self.pane.set_scope(event.scope, event.label)
        self.query_one(QuoteList).focus()

    @on(QuoteList.Highlighted)
    def _highlighted(self, event: QuoteList.Highlighted) -> None:
        if event.control is self.query_one(QuoteList):
            self.query_one(DetailPane).follow(event.quote, self.data)

    @on(QuoteList.Chosen)
    def _chosen(self, event: QuoteList.Chosen) -> None:
        self.open_article(event.quote)

    def open_article(self, quote: Quote) -> None:
        if self.data is not None:
            applied = self.pane.applied[0] if self.pane.applied else Query()
            self.push_screen(ArticleScreen.of(self.data, quote, applied.words))

    def quote_to_copy(self) -> Quote | None:
        """The quote the user is on: in the article view, the list focused, else the main list."""
        if isinstance(self.screen, ArticleScreen):
            return self.screen.current_quote
        if isinstance(self.screen.focused, QuoteList):  # the main list, or a profile's
            return self.screen.focused.current_quote
        return self.query_one(QuoteList).current_quote

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_search":
            # Only over the main screen or the article view, and never in a text field.
            return not isinstance(self.focused, Input | TextArea) and (
                len(self.screen_stack) == 1 or isinstance(self.screen, ArticleScreen)
            )
        return True

    def action_focus_search(self) -> None:
        """`/`: the search box, its query selected, so that typing replaces it (arrows keep
        it, to change it)."""
        if isinstance(self.screen, ArticleScreen):
            self.pop_screen()
        search = self.query_one(SearchBar)
        # Focused now, not after the keys already waiting (`focus()` is deferred): `/roads`
        # typed fast lands in the box, not on the list, where `r` and `p` are commands.
        self.screen.set_focus(search)
        search.select_all()

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
        value = self.pane.cycle_sort()
        self.notify(f"Sorted by {value}" if value else "In database order", timeout=2)

    def action_toggle_statements(self) -> None:
        self.pane.toggle_statements()

    def action_toggle_reported(self) -> None:
        if self.pane.toggle_reported():
            self.notify("Reported statements shown too, marked ≈ (kind:all)", timeout=2)
        else:
            self.notify("Quotes only", timeout=2)

    def action_clear_scope(self) -> None:
        """Escape outside the search box: drop the speaker or group chosen in the panel."""
        if self.pane.scope is not None:
            self.pane.set_scope(None, "")

    def action_clear_filters(self) -> None:
        self.pane.search_text = ""
        self.pane.set_scope(None, "")

    def action_choose_scope(self, index: int) -> None:
        scopes = self.speaker_scopes()
        if 0 <= index < len(scopes):
            self.pane.set_scope(*scopes[index])
            self.query_one(QuoteList).focus()

    def speaker_scopes(self) -> list[tuple[Scope | None, str]]:
        return self.query_one(SpeakersPanel).scopes()

    def action_resize_speakers(self, cells: int) -> None:
        panel = self.query_one(SpeakersPanel)
        panel.styles.width = max(12, min(80, panel.outer_size.width + cells))

    def action_open_link(self) -> None:
        """Open the highlighted quote's article link in the web browser."""
        quote = self.quote_to_copy()
        info = self.data.documents.get(quote.source) if quote and self.data else None
        if info is None or not info.url:
            self.notify("This quote's article has no link.", severity="warning", timeout=3)
            return
        open_link(self, info.url)

    def style_label(self, style: str) -> str:
        return STYLE_LABELS.get(style, style)

    def action_set_style(self, style: str) -> None:
        self.style = style
        self.save_settings()
        self.pane.style_label = self.style_label(style)
        self.pane.update_status()
        self.notify(f"Citation style: {self.style_label(style)}", markup=False, timeout=2)

    def action_cycle_style(self) -> None:
        at = STYLES.index(self.style) if self.style in STYLES else -1
        self.action_set_style(STYLES[(at + 1) % len(STYLES)])

    def action_show_keys(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen.of(self.screen))

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
        self.push_screen(ProfileScreen(name, self.data))

    # -- the user's corrections (curation.py) ---------------------------------------------------

    def action_correct_speaker(self) -> None:
        self.curator.correct_speaker(self.quote_to_copy(), self.data)

    def action_reject_quote(self) -> None:
        self.curator.reject(self.quote_to_copy())

    def action_undo_correction(self) -> None:
        self.curator.undo()

    def action_merge_speaker(self) -> None:
        """`m` in the speakers panel: the highlighted speaker is someone else listed."""
        self.curator.rename(self.query_one(SpeakersPanel).highlighted_speaker(), self.data,
                            merge=True)

    def action_rename_speaker(self) -> None:
        """`R` in the speakers panel: show the highlighted speaker under another name."""
        self.curator.rename(self.query_one(SpeakersPanel).highlighted_speaker(), self.data,
                            merge=False)

    def action_forget_article(self) -> None:
        self.curator.forget(self.quote_to_copy(), self.data)

    # -- copying ------------------------------------------------------------------------------

    def marked_quotes(self) -> list[Quote]:
        """The quotes marked in the main list (space), in the order marked."""
        if self.data is None:
            return []
        marked = self.query_one(QuoteList).marked
        return [q for q in map(self.data.store.get_quote, marked) if q is not None]

    def action_copy_citation(self) -> None:
        """`c`: the citations of the marked quotes, else of the quote the user is on."""
        main = self.query_one(QuoteList)
        # The marks are the main list's: on the article view or a profile, `c` cites its quote.
        marked = self.marked_quotes() if self.screen is main.screen else []
        quote = self.quote_to_copy()
        if self.data is None or not (marked or quote):
            self.notify("No quote is highlighted.", severity="warning")
            return

        def copied(citation: str, ok: bool, message: str) -> None:
            self.last_copy = (citation, ok, message)

        documents = self.data.documents
        copy_citations(
            self,
            [(q, documents.get(q.source)) for q in (marked or [quote])],
            self.style,
            self.style_label(self.style),
            copied,
        )

    def action_toggle_mark(self) -> None:
        self.query_one(QuoteList).action_toggle_mark()

    def action_unmark_all(self) -> None:
        self.query_one(QuoteList).action_unmark_all()

    def action_export(self) -> None:
        """`E`: the marked quotes, else every quote shown, to a file (CSV, JSONL, Markdown)."""
        data = self.data
        if data is None:
            return
        marked = self.marked_quotes()
        pages: Iterable[Sequence[tuple[Quote, int]]]
        statements = False
        if marked:
            pages, what = [[(q, 1) for q in marked]], f"the {counted(len(marked), 'marked quote')}"
        else:
            applied = self.pane.applied
            if applied is None or not applied[1].first():
                self.notify("No quotes to export.", severity="warning", timeout=3)
                return
            query, results = applied
            statements = query.show == "statements"
            pages = results.pages()  # read in the export's thread
            found = len(self.query_one(QuoteList).rows)
            what = (
                f"the {counted(found, 'quote')} shown" if results.counted else "every quote shown"
            )

        def chosen(choice: tuple[str, Path] | None) -> None:
            if choice is not None:
                export_quotes(self, pages, choice[0], choice[1], data, statements)

        downloads = platformdirs.user_downloads_path()
        folder = downloads if downloads.is_dir() else Path.cwd()
        stem = f"quotes-{time.strftime('%Y%m%d-%H%M%S')}"
        self.push_screen(ExportScreen(what, folder, stem), chosen)

    def copy_to_clipboard(self, text: str) -> None:
        """OSC 52 to the terminal, the same sequence `quotebrowser cite --copy` sends."""
        self._clipboard = text
        if self._driver is not None:
            self._driver.write(osc52_sequence(text))

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """The palette's screenshot: in Downloads if there is one, else the current folder;
        where it went, or why it failed, is said on screen."""
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
        ExportScreen,
    ):
        ids.update(b.id for b in cls.BINDINGS if isinstance(b, Binding) and b.id)
    return sorted(ids)
