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
    """ "All quotes", then each group's header and its speakers, busiest first."""
    per_speaker: Counter[str | None] = Counter()
    groups_of: dict[str | None, Counter[str]] = {}
    per_group: Counter[str] = Counter()
    for q in quotes:
        per_speaker[q.speaker] += 1
        per_group[q.group] += 1
        groups_of.setdefault(q.speaker, Counter())[q.group] += 1
    # A speaker sits under the group most of their quotes were given.
    members: dict[str, list[str | None]] = {g: [] for g in GROUPS}
    for speaker, counts in groups_of.items():
        group = "other" if speaker is None else counts.most_common(1)[0][0]
        members.setdefault(group, []).append(speaker)
    entries = [Entry("All quotes", len(quotes), "bold", None, "all quotes")]
    for group, speakers in members.items():
        if not per_group[group] and not speakers:
            continue
        label = GROUP_LABELS.get(group, group.title())
        entries.append(
            Entry(
                label,
                per_group[group],
                "bold $secondary",
                ("group", group),
                f"group: {label.lower()}",
            )
        )
        speakers.sort(key=lambda s: (-per_speaker[s], s is None, s or ""))
        for speaker in speakers:
            name = one_line(speaker, 22) if speaker else "(unattributed)"
            entries.append(
                Entry(
                    "  " + name,
                    per_speaker[speaker],
                    "" if speaker else "italic $text-muted",
                    ("speaker", speaker),
                    f"speaker: {one_line(speaker or '(unattributed)', 60)}",
                )
            )
    return entries


def _line(label: str, count: int, style: str) -> Content:
    return Content.assemble((label, style), (f"  {count:,}", "$text-muted"))
