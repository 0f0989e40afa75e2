"""The quotes list: a virtual list that renders only the rows on screen.

A DataTable or OptionList builds every row up front (seconds for 100,000 quotes); this widget keeps
positions into the quote sequence and turns a row into a line of text only when it is painted
(the main list's sequence reads its quotes from the store's index a page at a time).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from quotebrowser.literal import one_line
from quotebrowser.model import REPORTED, Quote

GAP = 1
# Before a reported statement's words in the list: said, but not in these words.
REPORTED_MARK = "≈ "


@dataclass(frozen=True, slots=True)
class Columns:
    speaker: int
    quote: int
    article: int
    date: int


NAME_CELLS = 24  # the speaker column's widest


def columns_for(width: int, names: int = 0) -> Columns:
    """Column widths for a list `width` cells wide; `names`: the cells the speakers' names
    need (0: unknown), given up to a quarter of the width. The quote gets what is left."""
    date = 10 if width >= 60 else 0
    speaker = max(10, min(NAME_CELLS, width // 6))
    if names:
        speaker = max(10, min(names, NAME_CELLS, width // 4))
    article = max(12, min(30, width // 5)) if width >= 80 else 0
    used = speaker + article + date + GAP * (1 + (article > 0) + (date > 0))
    return Columns(speaker, max(width - used, 8), article, date)


def _cell(text: str, width: int, style: Style | None = None) -> Text:
    cell = Text(text, style=style or "", no_wrap=True, end="")
    cell.truncate(width, overflow="ellipsis", pad=True)
    return cell


class QuoteListHeader(Widget):
    """Column titles aligned with the rows of the list below."""

    DEFAULT_CSS = """
    QuoteListHeader { height: 1; text-style: bold; color: $text-muted; }
    """

    def render(self) -> Text:
        below = self.parent.query(QuoteList) if self.parent is not None else None
        cols = columns_for(self.size.width - 1, below.first().name_cells if below else 0)
        gap = " " * GAP
        parts = [_cell("Speaker", cols.speaker), gap, _cell("Quote", cols.quote)]
        if cols.article:
            parts += [gap, _cell("Article", cols.article)]
        if cols.date:
            parts += [gap, _cell("Date", cols.date)]
        return Text.assemble(*parts, no_wrap=True)


class QuoteList(ScrollView, can_focus=True, inherit_bindings=False):
    """Quotes in rows of speaker, quote, article and date, with a cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="quote_list.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="quote_list.up"),
        Binding("pagedown,ctrl+f", "page_down", "Page down", show=False, id="quote_list.page_down"),
        # Marks: several quotes to copy (c) or export (E) at once.
        Binding("space", "toggle_mark", "Mark", show=False, id="quote_list.mark"),
        Binding("U", "unmark_all", "Unmark all", show=False, id="quote_list.unmark_all"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="quote_list.page_up"),
        Binding("g,home", "first", "First quote", show=False, id="quote_list.first"),
        Binding("G,end", "last", "Last quote", show=False, id="quote_list.last"),
        Binding("enter", "open", "Article", id="quote_list.open"),
        # The user's corrections and the speaker's profile (the app carries them out).
        Binding("e", "app.correct_speaker", "Speaker", id="quote_list.correct_speaker"),
        Binding("x", "app.reject_quote", "Not a quote", id="quote_list.reject"),
        Binding("u", "app.undo_correction", "Undo", id="quote_list.undo"),
        Binding("p", "app.profile", "Profile", id="quote_list.profile"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quote-list--cursor",
        "quote-list--speaker",
        "quote-list--unattributed",
        "quote-list--article",
        "quote-list--date",
        "quote-list--empty",
        "quote-list--marked",
        "quote-list--reported",
    }

    DEFAULT_CSS = """
    QuoteList {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        overflow-y: scroll;
        & > .quote-list--cursor { background: $surface-lighten-2; text-style: bold; }
        &:focus > .quote-list--cursor { background: $block-cursor-background;
                                         color: $block-cursor-foreground; }
        & > .quote-list--speaker { color: $accent; }
        & > .quote-list--unattributed { color: $text-muted; text-style: italic; }
        & > .quote-list--article { color: $text-muted; }
        & > .quote-list--date { color: $text-muted; }
        & > .quote-list--empty { color: $text-muted; text-style: italic; }
        & > .quote-list--marked { color: $warning; text-style: bold; }
        /* What they said without quotation marks: its own colour, never a quote's look. */
        & > .quote-list--reported { color: $secondary; text-style: italic; }
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)

    class Highlighted(Message):
        """The cursor moved to another quote (None when the list is empty)."""

        def __init__(self, quote_list: QuoteList, quote: Quote | None) -> None:
            self.quote_list = quote_list
            self.quote = quote
            super().__init__()

        @property
        def control(self) -> QuoteList:
            return self.quote_list

    class MarksChanged(Message):
        """Quotes were marked or unmarked."""

        def __init__(self, quote_list: QuoteList) -> None:
            self.quote_list = quote_list
            super().__init__()

        @property
        def control(self) -> QuoteList:
            return self.quote_list

    class Chosen(Message):
        """The user asked to read the quote in its article."""

        def __init__(self, quote: Quote) -> None:
            self.quote = quote
            super().__init__()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.quotes: Sequence[Quote] = ()
        self.rows: Sequence[int] = ()
        self.outlets: Mapping[int, int] = {}
        self._articles: Mapping[str, tuple[str, str]] = {}
        self._cache: LRUCache[tuple[int, int, bool, bool], Strip] = LRUCache(maxsize=1024)
        self._style_cache: dict[tuple[bool, bool], dict[str, Style]] = {}
        self.empty_message = "No quotes."
        self.name_cells = 0  # what the speakers' names need (set_name_cells)
        # The ids of the quotes marked, in the order marked; kept while the filter changes.
        self.marked: dict[str, None] = {}

    def set_name_cells(self, cells: int) -> None:
        """Give the speaker column the room the names need (see columns_for)."""
        if cells != self.name_cells:
            self.name_cells = cells
            self._cache.clear()
            self.refresh()
            if self.parent is not None:
                for header in self.parent.query(QuoteListHeader):
                    header.refresh()

    # -- data ---------------------------------------------------------------------------------

    def set_quotes(
        self,
        quotes: Sequence[Quote],
        articles: Mapping[str, tuple[str, str]],
        rows: Sequence[int] | None = None,
        outlets: Mapping[int, int] | None = None,
    ) -> None:
        """All the quotes there are; `articles` maps a source to (title, date) for the rows.

        `rows` (default: all) are those shown, as `set_rows` takes them."""
        self.quotes = quotes
        self._articles = articles
        self._cache.clear()  # positions now name other quotes
        self.set_rows(range(len(quotes)) if rows is None else rows, outlets)

    def set_rows(self, rows: Sequence[int], outlets: Mapping[int, int] | None = None) -> None:
        """Show only the quotes at these positions, keeping the cursor on its quote if shown.

        `outlets`: for a row standing for a statement reported several times, how many outlets.
        """
        current = self.current_index
        self.rows = rows
        if outlets or self.outlets:
            self._cache.clear()  # a row's article cell carries its count
        self.outlets = outlets or {}
        self._set_length(len(rows))
        target = 0
        if current is not None and rows:
            target = _position_of(rows, current)
        self.set_reactive(QuoteList.cursor, min(target, max(len(rows) - 1, 0)))
        self._scroll_cursor_into_view(center=True)
        self.refresh()
        self.post_message(self.Highlighted(self, self.current_quote))

    @property
    def current_index(self) -> int | None:
        """Position in `quotes` of the quote under the cursor."""
        if not self.rows:
            return None
        return self.rows[min(self.cursor, len(self.rows) - 1)]

    @property
    def current_quote(self) -> Quote | None:
        index = self.current_index
        try:
            return None if index is None else self.quotes[index]
        except IndexError:  # a row counted ahead of its page (the count corrects it)
            return None

    def move_to_quote(self, index: int) -> bool:
        """Put the cursor on the quote at `quotes[index]` if it is shown."""
        pos = _position_of(self.rows, index)
        if pos < len(self.rows) and self.rows[pos] == index:
            self.cursor = pos
            return True
        return False

    # -- cursor -------------------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old)
        self.refresh_line(new)
        self._scroll_cursor_into_view()
        self.post_message(self.Highlighted(self, self.current_quote))

    def _scroll_cursor_into_view(self, center: bool = False) -> None:
        height = self.scrollable_content_region.height or 1
        top = self.scroll_offset.y
        if center and not (top <= self.cursor < top + height):
            self.scroll_to(y=max(self.cursor - height // 2, 0), animate=False, immediate=True)
        elif self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_page_down(self) -> None:
        self.cursor += max(self.scrollable_content_region.height - 1, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.scrollable_content_region.height - 1, 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.rows) - 1

    def action_toggle_mark(self) -> None:
        """Mark the quote under the cursor (or unmark it), and go to the next one."""
        quote = self.current_quote
        if quote is None:
            return
        if quote.id in self.marked:
            del self.marked[quote.id]
        else:
            self.marked[quote.id] = None
        self._cache.clear()
        self.refresh_line(self.cursor)
        self.post_message(self.MarksChanged(self))
        self.cursor += 1

    def action_unmark_all(self) -> None:
        if self.marked:
            self.marked.clear()
            self._cache.clear()
            self.refresh()
            self.post_message(self.MarksChanged(self))

    def action_open(self) -> None:
        quote = self.current_quote
        if quote is not None:
            self.post_message(self.Chosen(quote))

    def _set_length(self, rows: int) -> None:
        """The list's scrollable height: `rows`. Set without the screen-wide layout pass that
        setting `virtual_size` asks for (a third of a keystroke's time at a million quotes):
        the list's own size is fixed by the screen (`1fr`) and its scrollbar always shown; the
        scrollbar reads the new length when it is painted, and `set_rows` scrolls to the
        cursor."""
        self.set_reactive(QuoteList.virtual_size, Size(self.size.width, rows))

    def on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y - self.gutter.top
        if 0 <= row < len(self.rows):
            if row == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = row

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self.rows))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._style_cache.clear()

    # -- painting -----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row >= len(self.rows):
            if row == 0:
                message = _cell(
                    self.empty_message, width, self.get_component_rich_style("quote-list--empty")
                )
                return Strip(message.render(self.app.console), width).apply_style(base)
            return Strip.blank(width, base)
        index = self.rows[row]
        key = (index, width, row == self.cursor, self.has_focus)
        strip = self._cache.get(key)  # cleared when the marks change
        if strip is None:
            try:
                strip = self._render_row(index, width, row == self.cursor)
            except IndexError:  # a row counted ahead of its page (the count corrects it)
                return Strip.blank(width, base)
            self._cache[key] = strip
        return strip

    def _styles(self, is_cursor: bool) -> dict[str, Style]:
        """Rich styles of the row parts, looked up once per style change, not per row."""
        key = (is_cursor, self.has_focus)
        styles = self._style_cache.get(key)
        if styles is None:
            base = self.rich_style
            if is_cursor:
                base += self.get_component_rich_style("quote-list--cursor")
            part = self.get_component_rich_style
            styles = {
                "text": base,
                "speaker": base + part("quote-list--speaker", partial=True),
                "unattributed": base + part("quote-list--unattributed", partial=True),
                "article": base + part("quote-list--article", partial=True),
                "date": base + part("quote-list--date", partial=True),
                "reported": base + part("quote-list--reported", partial=True),
            }
            styles["marked"] = base + part("quote-list--marked", partial=True)
            if is_cursor:  # the cursor's colours win over the parts' own
                cursor = part("quote-list--cursor")
                styles = {k: v + Style(bgcolor=cursor.bgcolor) for k, v in styles.items()}
            self._style_cache[key] = styles
        return styles

    def _render_row(self, index: int, width: int, is_cursor: bool) -> Strip:
        # Plain segments rather than rich Text: this runs for every row that scrolls into view.
        quote = self.quotes[index]
        cols = columns_for(width, self.name_cells)
        styles = self._styles(is_cursor)
        gap = Segment(" " * GAP, styles["text"])
        if quote.rejected or quote.corrected:
            # The user's word: ✗ not a quote, ✎ speaker corrected.
            mark = "✗ " if quote.rejected else "✎ "
            name = mark + (quote.speaker or "unattributed")
            speaker = Segment(
                _fit(one_line(name, cols.speaker + 1), cols.speaker),
                styles["unattributed" if quote.rejected else "speaker"],
            )
        elif quote.speaker:
            speaker = Segment(
                _fit(one_line(quote.speaker, cols.speaker + 1), cols.speaker), styles["speaker"]
            )
        else:
            speaker = Segment(_fit("unattributed", cols.speaker), styles["unattributed"])
        if quote.id in self.marked:
            speaker = Segment(
                _fit("● " + one_line(quote.speaker or "unattributed", cols.speaker), cols.speaker),
                styles["marked"],
            )
        if quote.kind == REPORTED:
            # A reported statement (no quotation marks in the article): marked, in its colour.
            words = Segment(
                _fit(REPORTED_MARK + one_line(quote.text, cols.quote + 1), cols.quote),
                styles["reported"],
            )
        else:
            words = Segment(_fit(one_line(quote.text, cols.quote + 1), cols.quote), styles["text"])
        segments = [speaker, gap, words]
        title, date = self._articles.get(quote.source, (quote.source, ""))
        reports = self.outlets.get(index, 1)
        if reports > 1:
            title = f"{reports} outlets · {title}"
        if cols.article:
            segments += [
                gap,
                Segment(_fit(one_line(title, cols.article + 1), cols.article), styles["article"]),
            ]
        if cols.date:
            segments += [gap, Segment(_fit(one_line(date, cols.date), cols.date), styles["date"])]
        return Strip(segments).adjust_cell_length(width, styles["text"])


def _fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…"


def _position_of(rows: Sequence[int], index: int) -> int:
    """Where `index` is in `rows` (or would be, were `rows` ascending)."""
    if isinstance(rows, range):
        return max(0, min(index - rows.start, len(rows)))
    at = bisect_left(rows, index)
    if at < len(rows) and rows[at] == index:
        return at
    try:  # sorted by something else than position (sort:date)
        return rows.index(index)
    except ValueError:
        return at
