"""`?`: the keys that work right now, read from the focused widget's bindings up to the app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from quotebrowser.app.first_run import ADD_ARTICLES
from quotebrowser.literal import literal
from quotebrowser.query import FIELDS

PLACES = {
    "QuoteList": "Quotes list",
    "SpeakersPanel": "Speakers panel",
    "SearchBar": "Search box",
    "DetailPane": "Detail pane",
    "ArticleScreen": "Article view",
    "ProfileScreen": "Speaker profile",
    "Timeline": "Timeline",
    "SpeakerPicker": "Speaker picker",
    "Screen": "Screen",
}

SEARCH_SYNTAX = (
    "Search: free words match the quote, the speaker and the article (case and accents "
    "ignored). speaker:NAME, group:G (leaders, officials, analysts, organisations, documents, "
    "others), source:S and "
    + ", ".join(f"{name}:" for name in FIELDS if name not in ("speaker", "group", "source"))
    + " narrow further (the same language as `quotebrowser quotes QUERY`); "
    "sort:date|speaker|source orders, "
    "kind:reported lists what speakers said without quotation marks (marked ≈, cited as a "
    "paraphrase; left out unless a kind: asks, w toggles kind:all), "
    "show:statements collapses reprints, show:rejected adds the quotes marked not a quote, "
    "show:corrected keeps the corrected ones; date:2021-01..2021-06 is a range. "
    "Put values with spaces in double quotes: "
    'speaker:"de la Cruz". Ctrl+P opens the command palette, where every action is listed.'
)


def describe_bindings(
    bindings: Mapping[str, ActiveBinding], key_display: dict[str, str]
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Group the active bindings by the widget that owns them: [(place, [(keys, what)])]."""
    places: dict[int, tuple[DOMNode, dict[tuple[str, str], list[str]]]] = {}
    for key, active in bindings.items():
        binding: Binding = active.binding
        if binding.system or not binding.description:
            continue
        node = active.node
        rows = places.setdefault(id(node), (node, {}))[1]
        rows.setdefault((binding.action, binding.description), []).append(key_display.get(key, key))
    described: list[tuple[str, list[tuple[str, str]]]] = []
    for node, rows in places.values():
        name = type(node).__name__
        place = PLACES.get(name, "Everywhere" if node is node.app else name)
        described.append(
            (place, [(" ".join(dict.fromkeys(keys)), what) for (_, what), keys in rows.items()])
        )
    return described


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], focused: str) -> None:
        """`sections` as made by `describe_bindings`; `focused` names what had the focus."""
        super().__init__()
        self.sections = sections
        self.focused_name = focused

    @classmethod
    def of(cls, screen: Screen[object]) -> HelpScreen:
        """The keys that work on `screen` now, named after the part the user knows (the
        article view), not an inner container."""
        bindings = screen.active_bindings
        display = {k: screen.app.get_key_display(active.binding) for k, active in bindings.items()}
        node: DOMNode | None = screen.focused or screen
        while node is not None and type(node).__name__ not in PLACES:
            node = node.parent
        name = PLACES[type(node).__name__] if node is not None else type(screen).__name__
        return cls(describe_bindings(bindings, display), name)

    def on_mount(self) -> None:
        # The arrows and PgUp/PgDn scroll the keys at once, without a Tab first.
        self.query_one("#help-body").focus()

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(
                Content.styled(f"Keys — {literal(self.focused_name)}", "bold"), id="help-title"
            )
            for place, rows in self.sections:
                lines = [Content.styled(place, "bold $secondary")]
                width = max((len(keys) for keys, _ in rows), default=0)
                for keys, what in rows:
                    lines.append(
                        Content.assemble((f"  {keys:<{width}}  ", "bold $accent"), literal(what))
                    )
                yield Static(Content("\n").join(lines), classes="help-section")
            yield Static(Content.styled(SEARCH_SYNTAX, "$text-muted"), id="help-syntax")
            yield Static(Content.styled(ADD_ARTICLES, "$text-muted"), id="help-add")
            yield Static(Content.styled("Esc, q or ? closes this.", "italic $text-muted"))
