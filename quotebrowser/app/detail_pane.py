"""The detail pane: the highlighted quote in its paragraph, who said it, where, and its variants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from quotebrowser.app.loaded import ArticleFacts, Loaded
from quotebrowser.app.paragraphs import context_span, paragraph_spans
from quotebrowser.extract.rules import GUESSES
from quotebrowser.literal import literal, one_line
from quotebrowser.model import REPORTED, Quote
from quotebrowser.whoswho import Standing

QUOTE_STYLE = "bold $text on $primary 40%"
# A reported statement in its paragraph: its own colour, as in the list and the article view.
REPORTED_STYLE = "italic $text on $secondary 40%"
LABEL_STYLE = "bold $text-muted"
MUTED = "$text-muted"


@dataclass(frozen=True, slots=True)
class Detail:
    quote: Quote
    article: ArticleFacts
    document_text: str | None
    # What the archive's who's who gives the speaker (whoswho.standing): the group they are
    # listed under everywhere, the role when the article gives none.
    standing: Standing
    variants: Sequence[tuple[Quote, ArticleFacts]] = ()


def quote_in_context(quote: Quote, document_text: str | None) -> Content:
    """The paragraph(s) holding the quote, the quote itself highlighted, all text literal."""
    text = document_text
    style = REPORTED_STYLE if quote.kind == REPORTED else QUOTE_STYLE
    if text is None or text[quote.start : quote.end] != quote.text:
        # Article text unavailable or changed: show the quote alone rather than a wrong span.
        return Content.assemble((literal(quote.text), style))
    start, end = context_span(paragraph_spans(text), quote.start, quote.end)
    return Content.assemble(
        literal(text[start : quote.start]),
        (literal(quote.text), style),
        literal(text[quote.end : end]),
    )


def _row(label: str, *parts: str | tuple[str, str]) -> Content:
    return Content.assemble((f"{label:<9}", LABEL_STYLE), *parts)


def facts(detail: Detail) -> Content:
    q, art = detail.quote, detail.article
    speaker: list[str | tuple[str, str]] = (
        [(one_line(q.speaker), "bold $accent")] if q.speaker else [("unattributed", MUTED)]
    )
    group, role = detail.standing
    if q.role:
        speaker += [", ", one_line(q.role)]
    elif role:
        speaker += [", ", one_line(role), (" (other articles)", MUTED)]
    here = f"; this article: {q.group}" if q.speaker and q.group != group else ""
    speaker += [(f"  ({group}{here})", MUTED)]
    lines = [_row("Speaker", *speaker)]
    if q.kind == REPORTED:
        lines.append(
            _row(
                "Reported",
                ("what they said, not their words", "bold $secondary"),
                ("  (no quotation marks: c copies a paraphrase)", MUTED),
            )
        )
    if q.rejected:
        lines.append(
            _row(
                "Yours",
                ("not a quote", "bold $warning"),
                ("  (hidden unless show:rejected; u undoes)", MUTED),
            )
        )
    elif q.corrected:
        lines.append(
            _row("Yours", ("speaker corrected by hand", "bold $success"), ("  (u undoes)", MUTED))
        )
    if q.written_as:
        # The archive shows this person under one name; the article wrote another.
        lines.append(_row("Written", one_line(q.written_as), ("  in this article", MUTED)))
    lines += [
        _row(
            "Cue",
            one_line(q.cue) if q.cue else ("none found", MUTED),
            (f"  · {'reported statement' if q.kind == REPORTED else q.kind + ' quote'}", MUTED),
        ),
        _row(
            "Evidence",
            f"{q.evidence} · {q.resolver}" if q.resolver else q.evidence,
            ("  a guess from the context: check it", "$warning")
            if q.evidence in GUESSES
            else ("", MUTED),
        ),
        _row("Article", (one_line(art.title), "bold")),
        _row("", *_article_line(art)),
    ]
    if art.url:
        lines.append(_row("Link", one_line(art.url)))
    if detail.variants:
        lines.append(Content(""))
        lines.append(
            Content.styled(
                f"Variants in {len(detail.variants)} other article"
                f"{'s' if len(detail.variants) != 1 else ''}",
                LABEL_STYLE,
            )
        )
        for variant, vart in detail.variants:
            lines.append(
                Content.assemble(
                    "• ",
                    (one_line(vart.title, 50), "bold"),
                    (f"  {one_line(vart.date)}" if vart.date else "", MUTED),
                    "\n  ",
                    (one_line(variant.speaker or "unattributed", 30), "$accent"),
                    *(
                        (": ", ("≈ " + one_line(variant.text, 200), "italic $secondary"))
                        if variant.kind == REPORTED
                        else (": “", one_line(variant.text, 200), "”")
                    ),
                )
            )
    return Content("\n").join(lines)


def _article_line(art: ArticleFacts) -> list[str | tuple[str, str]]:
    bits = [one_line(b) for b in (art.by, art.outlet, art.date, art.language) if b]
    if art.source != art.url:  # a link is shown on its own row
        bits.append(one_line(art.source))
    return [(" · ".join(bits), MUTED)]


class DetailPane(VerticalScroll):
    """Read-only pane; its content follows the quotes list's cursor."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._quote: Quote | None = None
        self._data: Loaded | None = None
        self._pending = False

    def compose(self):  # type: ignore[override]
        yield Static(id="detail-context", markup=False)
        yield Static(id="detail-facts", markup=False)

    def follow(self, quote: Quote | None, data: Loaded | None) -> None:
        """Show `quote` once the list has painted (the pane changes its height: a layout
        pass), and only the latest one when the cursor runs over many."""
        self._quote, self._data = quote, data
        if not self._pending:
            self._pending = True
            self.app.call_after_refresh(self._follow)

    def _follow(self) -> None:
        self._pending = False
        self.show(self.detail_of(self._quote, self._data))

    def detail_of(self, quote: Quote | None, data: Loaded | None) -> Detail | None:
        """What the pane shows of `quote`: its article, its paragraph, its variants, and its
        speaker as the archive's who's who gives them."""
        if quote is None or data is None:
            return None
        variants = [(v, data.facts(v.source)) for v in data.variants_of(quote)]
        try:
            text = data.text(quote.source)
        except Exception as error:  # the pane then shows the quote without its paragraph
            self.notify(f"Could not read the article text: {error}", severity="warning",
                        markup=False)
            text = None
        return Detail(
            quote, data.facts(quote.source), text, data.people.standing(quote.speaker), variants
        )

    def show(self, detail: Detail | None) -> None:
        context = self.query_one("#detail-context", Static)
        about = self.query_one("#detail-facts", Static)
        if detail is None:
            context.update(Content.styled("No quote selected.", MUTED))
            about.update(Content(""))
            return
        context.update(quote_in_context(detail.quote, detail.document_text))
        about.update(facts(detail))
        self.scroll_home(animate=False)
