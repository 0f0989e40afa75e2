"""Test databases for the app, built from Quote objects (no extractor), and pilot helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from textual.geometry import Region
from textual.widget import Widget

from quotebrowser.model import Document, Quote, quote_id
from quotebrowser.sources.metadata import describe

ROADS = "We will open the roads to trade and bring the refugees home this spring"
NASTY = "[bold]x[/] [$x] [@click=app.quit]y \x1b[31mred\x1b[0m"


@dataclass
class ArticleBuilder:
    """Writes an article paragraph by paragraph and records each quote at its true offsets."""

    source: str
    title: str
    header: list[str] = field(default_factory=list)
    _parts: list[str] = field(default_factory=list)
    _quotes: list[Quote] = field(default_factory=list)
    _paragraph: int = 0
    _open: bool = False

    def __post_init__(self) -> None:
        self._parts.append(self.title + "\n")
        for line in self.header:
            self._parts.append(line + "\n")
        self._parts.append("\n")

    @property
    def _length(self) -> int:
        return sum(len(p) for p in self._parts)

    def say(self, text: str) -> ArticleBuilder:
        self._parts.append(text)
        self._open = True
        return self

    def quote(
        self,
        text: str,
        speaker: str | None,
        *,
        role: str | None = None,
        group: str = "other",
        cue: str | None = "said",
        kind: str = "direct",
        marks: tuple[str, str] = ("“", "”"),
        evidence: str | None = None,
        resolver: str | None = None,
    ) -> ArticleBuilder:
        self._parts.append(marks[0])
        start = self._length
        self._parts.append(text)
        occurrence = sum(1 for q in self._quotes if q.text == text)
        self._quotes.append(
            Quote(
                id=quote_id(self.source, text, occurrence),
                source=self.source,
                text=text,
                start=start,
                end=start + len(text),
                speaker=speaker,
                role=role,
                group=group,
                kind=kind,
                cue=cue,
                paragraph=self._paragraph,
                evidence=evidence or ("verb-after" if speaker else "none"),
                resolver=resolver,
            )
        )
        self._parts.append(marks[1])
        self._open = True
        return self

    def end_paragraph(self) -> ArticleBuilder:
        self._parts.append("\n\n")
        self._paragraph += 1
        self._open = False
        return self

    def build(self) -> tuple[Document, list[Quote]]:
        text = "".join(self._parts)
        for q in self._quotes:
            assert text[q.start : q.end] == q.text
        # Described as ingest describes it: the store keeps the metadata it is given.
        return describe(Document(self.source, text)), list(self._quotes)


def corpus() -> list[tuple[Document, list[Quote]]]:
    """Three small articles: two leaders, an analyst, an unattributed quote, an accented name,
    a variant of one quote in another article, and a quote full of markup and escapes."""
    summit = (
        ArticleBuilder(
            "/news/summit.txt",
            "Leaders meet for border talks",
            ["11 January 2021", "Source: Example Wire"],
        )
        .say("The talks opened on Monday. ")
        .quote(ROADS, "Ilham Aliyev", role="President of Azerbaijan", group="leader")
        .say(", Ilham Aliyev said.")
        .end_paragraph()
        .say("Nikol Pashinyan was more careful. ")
        .quote(
            "Nothing is agreed until everything is agreed",
            "Nikol Pashinyan",
            role="Prime Minister of Armenia",
            group="leader",
            cue="told",
        )
        .say(", he told reporters.")
        .end_paragraph()
        .say("A spokesman added that ")
        .quote("the roads", None, kind="partial", cue=None)
        .say(" matter.")
        .end_paragraph()
        .say("Aliyev later repeated: ")
        .quote(
            "Peace is within reach",
            "Ilham Aliyev",
            role="President of Azerbaijan",
            group="leader",
            cue="repeated",
        )
        .end_paragraph()
    )
    analysis = (
        ArticleBuilder(
            "/news/analysis.txt",
            "What the border deal means",
            ["12 January 2021", "Source: Café Review"],
        )
        .say("Analysts were split. ")
        .quote(
            "The roads will take years to build",
            "Zoë Müller",
            role="senior researcher",
            group="analyst",
        )
        .say(", said Zoë Müller.")
        .end_paragraph()
        .say("The president insisted: ")
        .quote(
            ROADS, "Ilham Aliyev", role="President of Azerbaijan", group="leader", cue="insisted"
        )
        .end_paragraph()
    )
    nasty = (
        ArticleBuilder(
            "/news/[bold]markup.txt", "Odd [bold]title[/] with [$x] markup", ["13 January 2021"]
        )
        .say("A hacker wrote ")
        .quote(NASTY, "Mallory [/] [@click=app.quit]", role="[$role]", group="other", cue="[wrote]")
        .end_paragraph()
    )
    return [summit.build(), analysis.build(), nasty.build()]


def fill(store: object, articles: list[tuple[Document, list[Quote]]] | None = None) -> None:
    for document, quotes in articles or corpus():
        store.add(document, quotes)  # type: ignore[attr-defined]


def widget_text(widget: Widget) -> str:
    """What a widget (and, for a container, the widgets inside it) shows, as plain text."""
    if widget.children:
        return "\n".join(
            widget_text(w)
            for w in widget.walk_children(Widget)
            if w.display and w.size.area and not w.children
        )
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: object) -> str:
    """Every visible widget's text on the current screen."""
    screen = app.screen  # type: ignore[attr-defined]
    return "\n".join(
        widget_text(w)
        for w in screen.walk_children(Widget)
        if w.display and w.size.area and not w.children
    )


def make_store(path: Path) -> object:
    from quotebrowser.store import Store

    return Store(path)
