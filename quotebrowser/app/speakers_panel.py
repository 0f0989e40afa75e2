"""The speakers panel: speakers grouped by kind, with quote counts; choosing one filters."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quotebrowser.app.literal import one_line
from quotebrowser.folding import fold
from quotebrowser.identity import person_groups
from quotebrowser.model import GROUPS, Quote

GROUP_LABELS = {
    "leader": "Leaders",
    "official": "Officials",
    "analyst": "Analysts",
    "organization": "Organisations",
    "document": "Documents",
    "other": "Others",
}

Scope = tuple[str, str | None]  # ("speaker", name or None for unattributed) or ("group", group)


class SpeakersPanel(OptionList, inherit_bindings=False):
    """ "All quotes", then each group's header and its speakers, busiest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="speakers.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="speakers.up"),
        Binding("g,home", "first", "First", show=False, id="speakers.first"),
        Binding("G,end", "last", "Last", show=False, id="speakers.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="speakers.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="speakers.page_up"),
        Binding("enter", "select", "Filter", id="speakers.select"),
    ]

    class ScopeChosen(Message):
        """The user chose a speaker, a group, or all quotes (scope None)."""

        def __init__(self, scope: Scope | None, label: str) -> None:
            self.scope = scope
            self.label = label
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._scopes: list[tuple[Scope | None, str]] = []

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show `entries` (from `panel_entries`, which can run off the UI thread)."""
        self._scopes = [(entry.scope, entry.scope_label) for entry in entries]
        self.set_options(
            Option(_line(entry.label, entry.count, entry.style), id=str(n))
            for n, entry in enumerate(entries)
        )
        self.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        scope, label = self._scopes[int(event.option.id or 0)]
        self.post_message(self.ScopeChosen(scope, label))

    def scopes(self) -> list[tuple[Scope | None, str]]:
        """Every choice in the panel, in order (for the command palette)."""
        return list(self._scopes)


@dataclass(frozen=True, slots=True)
class Entry:
    label: str
    count: int
    style: str
    scope: Scope | None
    scope_label: str


def panel_entries(quotes: Sequence[Quote]) -> list[Entry]:
    """ "All quotes", then each group's header and its speakers, busiest first.

    One row per person (names that differ only in case or accents are one), under the group of
    most of their quotes; a group's count is the sum of its rows, so the groups add up to all
    quotes."""
    per_person: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for q in quotes:
        key = fold(q.speaker or "")
        per_person[key] += 1
        if q.speaker:
            spellings.setdefault(key, Counter())[q.speaker] += 1
    group_of = person_groups((q.speaker, q.group, q.role) for q in quotes)
    members: dict[str, list[str]] = {g: [] for g in GROUPS}
    for key in per_person:
        members.setdefault(group_of[key], []).append(key)
    entries = [Entry("All quotes", len(quotes), "bold", None, "all quotes")]
    for group, people in members.items():
        if not people:
            continue
        label = GROUP_LABELS.get(group, group.title())
        total = sum(per_person[k] for k in people)
        entries.append(
            Entry(label, total, "bold $secondary", ("group", group), f"group: {label.lower()}")
        )
        people.sort(key=lambda k: (-per_person[k], k == "", k))
        for key in people:
            name = spellings[key].most_common(1)[0][0] if key else None
            shown = one_line(name, 22) if name else "(unattributed)"
            entries.append(
                Entry(
                    "  " + shown,
                    per_person[key],
                    "" if name else "italic $text-muted",
                    ("speaker", name),
                    f"speaker: {one_line(name or '(unattributed)', 60)}",
                )
            )
    return entries


def _line(label: str, count: int, style: str) -> Content:
    return Content.assemble((label, style), (f"  {count:,}", "$text-muted"))
