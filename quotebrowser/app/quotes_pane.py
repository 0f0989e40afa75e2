"""The quotes pane: the search bar, the status line and the quotes list; it filters the list by
the query typed and the speaker or group chosen in the panel (one query language:
quotebrowser.query, run on the store's index), off the UI thread: the first page at once, the
count after it when counting takes longer."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, get_current_worker

from quotebrowser.app.first_run import ADD_ARTICLES
from quotebrowser.app.loaded import Loaded
from quotebrowser.app.quote_list import QuoteList, QuoteListHeader
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import Scope
from quotebrowser.literal import literal, one_line
from quotebrowser.model import Quote
from quotebrowser.query import Query, QueryError, next_sort, parse_query, with_option
from quotebrowser.store.search import Interrupted, Results
from quotebrowser.wording import counted

# Seconds a count may take before the first page is shown without it (the count follows).
COUNT_BUDGET = 0.005


class QuotesPane(Vertical):
    """Search, status and list; `show` gives it what was read, `set_scope` the panel's choice."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: Loaded | None = None
        self.scope: Scope | None = None
        self.scope_label = ""
        self.applied: tuple[Query, Results] | None = None  # the query shown, what it found
        self.filter_generation = 0  # counts the results shown (tests and benchmarks wait on it)
        self.query_error = ""  # why the search text is not a valid query
        self.style_label = ""  # the citation style, named in the status line
        self.to_top = False  # the next result starts at its first row (a new order: `O`)
        self._sort_asked: str | None = None

    def compose(self) -> ComposeResult:
        yield SearchBar(id="search")
        yield Static(id="status")
        with Vertical(id="list-box"):
            yield QuoteListHeader()
            yield QuoteList(id="quotes")

    def on_mount(self) -> None:
        self.query_one("#list-box").border_title = "Quotes"

    @property
    def search_text(self) -> str:
        return self.query_one(SearchBar).value

    @search_text.setter
    def search_text(self, text: str) -> None:
        self.query_one(SearchBar).value = text

    # -- what was read -------------------------------------------------------------------------

    def show(self, data: Loaded, results: Results, *, seeds_refused: bool = False) -> None:
        """The first screen: what the current query finds (every quote, or the search restored
        from last time), its first page read with `data`. `seeds_refused`: the sample articles
        were not read into a database already there."""
        self.data, self.applied = data, None
        quote_list = self.query_one(QuoteList)
        quote_list.loading = False
        quote_list.set_name_cells(data.people.name_length())
        if data.total or data.rejected:
            quote_list.empty_message = "No quotes match."
        elif seeds_refused:
            quote_list.empty_message = (
                "The database has no quotes yet. It already existed, so the sample articles "
                "were not read into it (another process may be filling it); new quotes show "
                "up here as they are stored."
            )
        else:
            quote_list.empty_message = "The database has no quotes yet. " + ADD_ARTICLES
        query = self.current_query()
        if query is not None and query == results.query:
            self._apply_rows(data, query, results)
            if not results.counted:
                self.count_rows(data, query, results, None)
        else:
            self.update_status()
            self.apply_filter()  # typed while the first page was read

    def reloaded(self, data: Loaded, query: Query, results: Results, at: int | None) -> None:
        """Show the database read again with the query it was filtered by; the cursor stays on
        its quote (at `at` now), on the same line of the screen."""
        quote_list = self.query_one(QuoteList)
        offset = quote_list.cursor - quote_list.scroll_offset.y
        self.data, self.applied = data, (query, results)
        quote_list.set_name_cells(data.people.name_length())
        quote_list.empty_message = "No quotes match."
        quote_list.set_quotes(results, data.articles, range(results.known), results.outlets)
        if at is not None and quote_list.move_to_quote(at):
            quote_list.scroll_to(
                y=max(quote_list.cursor - offset, 0), animate=False, immediate=True
            )
        self.filter_generation += 1
        self.update_status()
        if query != self.current_query():
            self.apply_filter()  # typed while reloading

    # -- filtering -----------------------------------------------------------------------------

    @on(SearchBar.Changed, "#search")
    def _search_changed(self) -> None:
        self.apply_filter()

    @on(QuoteList.MarksChanged)
    def _marks_changed(self) -> None:
        self.update_status()

    @on(SearchBar.Done)
    def _search_done(self) -> None:
        self.query_one(QuoteList).focus()

    def set_scope(self, scope: Scope | None, label: str) -> None:
        self.scope = scope
        self.scope_label = label if scope else ""
        self.apply_filter()

    def current_query(self) -> Query | None:
        """The search bar's query, or None (and the reason in the status line) if invalid."""
        try:
            query = parse_query(self.search_text, self.scope)
        except QueryError as error:
            self.query_error = str(error)
            return None
        self.query_error = ""
        return query

    def apply_filter(self) -> None:
        if self.data is None:
            return  # `show` filters once the database is read
        query = self.current_query()
        if query is None:
            self.update_status()  # keep the last results; say what is wrong with the query
            return
        if self.applied is not None and self.applied[0] != query:
            self.applied[1].cancel_count()  # a count under way is of no use now
        quote_list = self.query_one(QuoteList)
        # A new order starts at the top (`O`); else the cursor goes back to its quote.
        kept = quote_list.current_quote if quote_list.cursor and not self.to_top else None
        self.run_filter(query, kept)

    @work(thread=True, exclusive=True, group="filter")
    def run_filter(self, query: Query, kept: Quote | None = None) -> None:
        """The query's first page (shown at once), then its count; `kept`: the quote under the
        cursor, which it goes back to if the query finds it."""
        data = self.data
        if data is None:
            return
        worker = get_current_worker()
        applied = self.applied
        if applied is not None and applied[0] == query:
            # `group:le` ... `group:leaders` name the same group: the same rows.
            results = applied[1]
        else:
            results = data.search(query)
            results.first()
            # Cheap counts come with the first page: one update, no "counting" flicker.
            results.count(budget=COUNT_BUDGET)
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._apply_rows, data, query, results)
        if not results.counted or kept is not None:
            self.count_rows(data, query, results, kept, worker)

    def count_rows(
        self,
        data: Loaded,
        query: Query,
        results: Results,
        kept: Quote | None,
        worker: Worker | None = None,
    ) -> None:
        """Count `results` (here, in the worker; or in one of its own) and show the count; and
        where `kept` is in them."""
        if worker is None:
            self._count_worker(data, query, results, kept)
            return
        try:
            results.count()
            at = results.index_of(kept.id) if kept is not None else None
        except Interrupted:
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._counted, data, query, results, at)

    @work(thread=True, exclusive=True, group="filter")
    def _count_worker(
        self, data: Loaded, query: Query, results: Results, kept: Quote | None
    ) -> None:
        self.count_rows(data, query, results, kept, get_current_worker())

    def _apply_rows(self, data: Loaded, query: Query, results: Results) -> None:
        if data is not self.data or query != self.current_query():
            return  # a late answer to a query the user has already changed
        self.applied = (query, results)
        quote_list = self.query_one(QuoteList)
        quote_list.set_quotes(results, data.articles, range(results.known), results.outlets)
        quote_list.cursor = 0
        if self.to_top and query.sort == self._sort_asked:
            self.to_top = False
            quote_list.action_first()
        self.filter_generation += 1
        self.update_status()

    def _counted(self, data: Loaded, query: Query, results: Results, at: int | None) -> None:
        if data is not self.data or self.applied is None or self.applied[1] is not results:
            return
        quote_list = self.query_one(QuoteList)
        if len(quote_list.rows) != results.known:
            quote_list.set_rows(range(results.known), results.outlets)
        if at is not None:
            quote_list.cursor = at
        self.update_status()

    def update_status(self) -> None:
        if self.data is None:
            return
        status = self.query_one("#status", Static)
        if self.query_error:
            status.update(
                Content.assemble(("query: ", "bold $error"), literal(self.query_error)),
                layout=False,
            )
            return
        results = self.applied[1] if self.applied is not None else None
        if results is None or results.counted:
            found = f"{len(self.query_one(QuoteList).rows):,}"
        else:
            found = f"{results.seen:,}+"  # the count follows
        shown = self.applied[0] if self.applied else None
        reported = self.data.reported
        total = self.data.total - reported
        total += self.data.rejected if shown and shown.rejected else 0
        parts: list[str | tuple[str, str]] = [
            (found, "bold"),
            f" of {counted(total, 'quote')}",
        ]
        if reported:
            parts += [" and ", (counted(reported, "reported statement"), "italic $secondary")]
        if self.scope_label:
            parts += ["  · ", (one_line(self.scope_label, 60), "$accent")]
        marked = len(self.query_one(QuoteList).marked)
        if marked:
            parts += ["  · ", (f"{marked:,} marked", "bold $warning"), " (c copies, E exports)"]
        parts += ["  · citation style: ", (self.style_label, "bold")]
        status.update(Content.assemble(*parts), layout=False)

    # -- the query's options, from keys ---------------------------------------------------------

    def cycle_sort(self) -> str | None:
        """Sort by the next key: the key goes into the search text, the one query language."""
        query = self.current_query()
        value = next_sort(query.sort if query else None)
        # Another order: the list starts at its top, not wherever the quote went.
        self.to_top, self._sort_asked = True, value
        self.search_text = with_option(self.search_text, "sort", value)
        return value

    def toggle_reported(self) -> bool:
        """Reported statements (what speakers said without quotation marks) beside the quotes,
        or the quotes only: `kind:all` in the search text, the one query language. True when
        they are shown now."""
        query = self.current_query()
        if query is not None and query.reported:
            self.search_text = with_option(
                self.search_text, "kind", None, among=("all", "reported")
            )
            return False
        self.search_text = with_option(self.search_text, "kind", "all")
        return True

    def toggle_statements(self) -> None:
        """One row per statement (reprints collapsed), or every quote."""
        query = self.current_query()
        value = "statements" if query is None or query.show != "statements" else None
        self.search_text = with_option(self.search_text, "show", value, among=("all", "statements"))
