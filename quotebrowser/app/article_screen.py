"""The article view: the full source text with every quote marked (reported statements in their
own colour); n/N step between matches.

Matches are the search box's free words when there are any, otherwise the article's quotes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from quotebrowser.app.literal_content import styled_literal
from quotebrowser.app.loaded import ArticleFacts, Loaded
from quotebrowser.app.paragraphs import paragraph_spans
from quotebrowser.literal import literal, one_line
from quotebrowser.model import REPORTED, Quote
from quotebrowser.query import find_words

QUOTE_MARK = "underline $accent"
CURRENT_QUOTE = "bold $text on $primary 40%"
# Reported statements (no quotation marks): their own colour, as in the list and the detail.
REPORTED_MARK = "italic $secondary"
CURRENT_REPORTED = "bold italic $text on $secondary 40%"
MATCH = "$text on $warning 40%"
CURRENT_MATCH = "bold reverse $warning"


class ArticleScreen(Screen[None]):
    CSS_PATH = "article_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="article.back"),
        Binding("n", "next_match", "Next match", id="article.next"),
        Binding("N", "previous_match", "Previous match", id="article.previous"),
        Binding("j,down", "scroll_by(1)", "Down", show=False, id="article.down"),
        Binding("k,up", "scroll_by(-1)", "Up", show=False, id="article.up"),
        Binding("space,pagedown", "page(1)", "Page down", show=False, id="article.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="article.page_up"),
        Binding("g,home", "top", "Top", show=False, id="article.top"),
        Binding("G,end", "bottom", "Bottom", show=False, id="article.bottom"),
    ]

    def __init__(
        self,
        article: ArticleFacts,
        text: str | None,
        quotes: Sequence[Quote],
        current: Quote,
        words: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.article = article
        self.text = text or ""
        # Spans the user marked "not a quote" are not marked here, nor stepped through: unless
        # it is the one opened (found with show:rejected).
        # A statement before the quotes inside it: theirs are marked over it.
        self.quotes = sorted(
            (q for q in quotes if not q.rejected or q.id == current.id),
            key=lambda q: (q.start, q.kind != REPORTED),
        )
        self.opened = current
        self.words = tuple(words)
        self._paragraphs = paragraph_spans(self.text)
        self._para_starts = [s for s, _ in self._paragraphs]
        found = find_words(self.text, self.words)
        self.searching = bool(found)
        self.marks: list[tuple[int, int]] = found or [(q.start, q.end) for q in self.quotes]
        self.mark = self._first_mark()

    @classmethod
    def of(cls, data: Loaded, quote: Quote, words: Sequence[str] = ()) -> ArticleScreen:
        """The article of `quote`, opened at it (`words`: the search's, marked)."""
        return cls(
            data.facts(quote.source), data.text(quote.source), data.quotes_of(quote.source),
            quote, words,
        )

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        art = self.article
        yield Static(Content.styled(one_line(art.title), "bold"), id="article-title")
        bits = [one_line(b) for b in (art.by, art.outlet, art.date) if b] + [one_line(art.source)]
        yield Static(Content.styled(" · ".join(bits), "$text-muted"), id="article-meta")
        with VerticalScroll(id="article-body"):
            if not self.text:
                yield Static(
                    Content.styled("The article text is not in the database.", "italic $text-muted")
                )
            for number in range(len(self._paragraphs)):
                yield Static(self._render_paragraph(number), classes="paragraph", id=f"p{number}")
        yield Static(id="article-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#article-body").focus()
        self._update_status()
        self.call_after_refresh(self._scroll_to_mark)

    def _render_paragraph(self, number: int) -> Content:
        start, end = self._paragraphs[number]
        spans: list[tuple[int, int, str]] = []
        for q in self.quotes:
            if q.start < end and q.end > start:
                current = self._is_current_quote(q)
                if q.kind == REPORTED:
                    style = CURRENT_REPORTED if current else REPORTED_MARK
                else:
                    style = CURRENT_QUOTE if current else QUOTE_MARK
                spans.append((max(q.start, start) - start, min(q.end, end) - start, style))
        if self.searching:
            for index, (ms, me) in enumerate(self.marks):
                if ms < end and me > start:
                    style = CURRENT_MATCH if index == self.mark else MATCH
                    spans.append((max(ms, start) - start, min(me, end) - start, style))
        return styled_literal(self.text[start:end], spans)

    def _is_current_quote(self, quote: Quote) -> bool:
        if self.searching or not self.marks:
            return quote.id == self.opened.id
        return (quote.start, quote.end) == self.marks[self.mark]

    # -- matches ------------------------------------------------------------------------------

    def _first_mark(self) -> int:
        if not self.marks:
            return 0
        at = bisect_left(self.marks, (self.opened.start, self.opened.end))
        return at if at < len(self.marks) else 0

    @property
    def current_quote(self) -> Quote:
        """The quote under the current mark (what `c` copies here)."""
        if not self.searching and self.marks:
            start, end = self.marks[self.mark]
            for q in self.quotes:
                if (q.start, q.end) == (start, end):
                    return q
        return self.opened

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self.marks:
            self.app.bell()
            return
        before = self.mark
        self.mark = (self.mark + delta) % len(self.marks)
        for index in {before, self.mark}:
            for number in self._paragraphs_of(index):
                self.query_one(f"#p{number}", Static).update(self._render_paragraph(number))
        self._update_status()
        self._scroll_to_mark()

    def _paragraphs_of(self, mark: int) -> range:
        start, end = self.marks[mark]
        first = max(bisect_left(self._para_starts, start + 1) - 1, 0)
        last = max(bisect_left(self._para_starts, end) - 1, first)
        return range(first, last + 1)

    def _scroll_to_mark(self) -> None:
        if not self.marks or not self._paragraphs:
            return
        number = self._paragraphs_of(self.mark)[0]
        widget = self.query_one(f"#p{number}", Static)
        body = self.query_one("#article-body", VerticalScroll)
        start, end = self._paragraphs[number]
        # Inside a long paragraph, aim for the mark's share of the paragraph's height.
        share = (self.marks[self.mark][0] - start) / max(end - start, 1)
        line = widget.virtual_region.y + int(share * widget.outer_size.height)
        body.scroll_to(y=max(line - body.size.height // 3, 0), animate=False)

    def _update_status(self) -> None:
        status = self.query_one("#article-status", Static)
        what = "match" if self.searching else "quote"
        if not self.searching and self.marks and self.current_quote.kind == REPORTED:
            what = "reported statement"
        if not self.marks:
            text = "No quotes in this article." if not self.searching else "No matches."
        else:
            text = f"{what} {self.mark + 1} of {len(self.marks)}"
            if self.searching:
                text += " for " + ", ".join(f"“{w}”" for w in self.words)
            text += "   n next · N previous · Esc back"
        status.update(Content.styled(literal(text), "$text-muted"))

    # -- scrolling ----------------------------------------------------------------------------

    def action_scroll_by(self, lines: int) -> None:
        body = self.query_one("#article-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_page(self, pages: int) -> None:
        body = self.query_one("#article-body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + pages * max(body.size.height - 1, 1), animate=False)

    def action_top(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.query_one("#article-body", VerticalScroll).scroll_end(animate=False)
