"""The quotes pane: the search bar, the status line and the quotes list; it filters the list by
the query typed and the speaker or group chosen in the panel (one query language:
quotebrowser.query), off the UI thread."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from quotebrowser.app.first_run import ADD_ARTICLES
from quotebrowser.app.loaded import Loaded
from quotebrowser.app.quote_list import QuoteList, QuoteListHeader
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import Scope
from quotebrowser.literal import literal, one_line
from quotebrowser.query import Query, QueryError, Result, next_sort, parse_query, with_option
from quotebrowser.wording import counted


class QuotesPane(Vertical):
    """Search, status and list; `show` gives it what was read, `set_scope` the panel's choice."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data: Loaded | None = None
        self.scope: Scope | None = None
        self.scope_label = ""
        self.applied: tuple[Query, Sequence[int]] | None = None  # the query shown, its rows
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

    def show(self, data: Loaded, *, seeds_refused: bool = False) -> None:
        """The first screen: every quote, in archive order (the filter comes with the index).
        `seeds_refused`: the sample articles were not read into a database already there."""
        self.data, self.applied = data, None
        quote_list = self.query_one(QuoteList)
        quote_list.loading = False
        quote_list.set_name_cells(data.people.name_length())
        if data.quotes:
            quote_list.empty_message = "No quotes match."
        elif seeds_refused:
            quote_list.empty_message = (
                "The database has no quotes yet. It already existed, so the sample articles "
                "were not read into it (another process may be filling it); new quotes show "
                "up here as they are stored."
            )
        else:
            quote_list.empty_message = "The database has no quotes yet. " + ADD_ARTICLES
        if data.rejected or data.reported:
            # Quotes marked "not a quote" and reported statements hide behind the filter: the
            # list waits for it rather than show them for a moment.
            quote_list.loading = True
            return
        quote_list.set_quotes(data.quotes, data.articles)
        self.update_status()

    def indexed(self) -> None:
        """The filter index is ready: apply what was typed or chosen meanwhile, and hide the
        quotes marked "not a quote"."""
        hidden = self.data is not None and (self.data.rejected or self.data.reported)
        if self.search_text or self.scope or hidden:
            self.apply_filter()

    def reloaded(self, data: Loaded, query: Query, rows: Sequence[int], result: Result) -> None:
        """Show the database read again with the query it was filtered by; the cursor stays on
        its quote, on the same line of the screen."""
        quote_list = self.query_one(QuoteList)
        kept = quote_list.current_quote
        offset = quote_list.cursor - quote_list.scroll_offset.y
        self.data, self.applied = data, (query, rows)
        quote_list.set_name_cells(data.people.name_length())
        quote_list.empty_message = "No quotes match."
        quote_list.set_quotes(data.quotes, data.articles, result.rows, result.outlets)
        position = data.position.get(kept.id) if kept is not None else None
        if position is not None and quote_list.move_to_quote(position):
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
        if self.data is None or self.data.index is None:
            return  # `indexed` filters once it can
        query = self.current_query()
        if query is None:
            self.update_status()  # keep the last results; say what is wrong with the query
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
            self.app.call_from_thread(self._apply_rows, data, query, rows, result)

    def _apply_rows(self, data: Loaded, query: Query, rows: Sequence[int], result: Result) -> None:
        if data is not self.data or query != self.current_query():
            return  # a late answer to a query the user has already changed
        self.applied = (query, rows)
        quote_list = self.query_one(QuoteList)
        if quote_list.loading:  # the first screen waited for the filter (`show`)
            quote_list.loading = False
            quote_list.set_quotes(data.quotes, data.articles, result.rows, result.outlets)
            if self.screen.focused is None:  # a list still loading could not take the focus
                quote_list.focus()
        else:
            quote_list.set_rows(result.rows, result.outlets)
        if self.to_top and query.sort == self._sort_asked:
            self.to_top = False
            quote_list.action_first()
        self.filter_generation += 1
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
        shown = self.applied[0] if self.applied else None
        reported = self.data.reported
        total = self.data.total - reported
        total += self.data.rejected if shown and shown.rejected else 0
        parts: list[str | tuple[str, str]] = [
            (f"{len(self.query_one(QuoteList).rows):,}", "bold"),
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
