"""The speakers panel: speakers grouped by kind, with quote counts; choosing one filters."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quotebrowser.literal import one_line
from quotebrowser.model import GROUPS
from quotebrowser.whoswho import WhosWho, fold

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
        Binding("escape", "clear", "All quotes", id="speakers.clear"),
        Binding("p", "app.profile", "Profile", id="speakers.profile"),
        Binding("m", "app.merge_speaker", "Merge into…", id="speakers.merge"),
        Binding("R", "app.rename_speaker", "Rename", id="speakers.rename"),
        Binding("u", "app.undo_correction", "Undo", id="speakers.undo"),
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
        self._entries: Sequence[Entry] = ()
        self._width = 0

    def set_entries(self, entries: Sequence[Entry]) -> None:
        """Show `entries` (from `panel_entries`, which can run off the UI thread)."""
        self._scopes = [(entry.scope, entry.scope_label) for entry in entries]
        self._entries = entries
        self._show_entries()
        self.highlighted = 0

    def _show_entries(self) -> None:
        # Names are fitted to the width: at 80 columns two "Alexander …" would look alike.
        self._width = self.scrollable_content_region.width
        room = self._width or 30
        highlighted = self.highlighted
        self.set_options(
            Option(
                _line(_label(entry, room), entry.count, entry.style, entry.statements), id=str(n)
            )
            for n, entry in enumerate(self._entries)
        )
        if highlighted is not None and highlighted < self.option_count:
            self.highlighted = highlighted

    def on_resize(self) -> None:
        if self._entries and self.scrollable_content_region.width != self._width:
            self._show_entries()

    def action_clear(self) -> None:
        """Escape: back to all quotes (the speaker or group chosen is cleared)."""
        self.highlighted = 0
        self.post_message(self.ScopeChosen(None, ""))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        scope, label = self._scopes[int(event.option.id or 0)]
        self.post_message(self.ScopeChosen(scope, label))

    def highlighted_speaker(self) -> str | None:
        """The name on the highlighted row, if it is a speaker's."""
        if self.highlighted is None or self.highlighted >= len(self._scopes):
            return None
        scope = self._scopes[self.highlighted][0]
        return scope[1] if scope is not None and scope[0] == "speaker" else None

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
    person: bool = False  # a person's name may shrink to initials; an organisation's may not
    statements: int = 0  # reported statements, counted apart from the quotes (`count`)


def panel_entries(people: WhosWho) -> list[Entry]:
    """ "All quotes", then each group's header and its speakers, busiest first.

    One row per person of the archive's who's who, under the group it lists them in. Each row
    counts quotes, and apart from them ("+3") the reported statements; a group's count is the
    sum of its rows, so the groups add up to all quotes."""
    members: dict[str, list[tuple[str | None, int, int]]] = {g: [] for g in GROUPS}
    for name, quotes, statements, (group, _) in people.people():
        members.setdefault(group, []).append((name, quotes, statements))
    everyone = people.statements_total()
    entries = [
        Entry(
            "All quotes",
            people.total() - everyone,
            "bold",
            None,
            "all quotes",
            statements=everyone,
        )
    ]
    for group, found in members.items():
        if not found:
            continue
        label = GROUP_LABELS.get(group, group.title())
        total = sum(n for _, n, _ in found)
        said = sum(n for _, _, n in found)
        entries.append(
            Entry(
                label,
                total,
                "bold $secondary",
                ("group", group),
                f"group: {label.lower()}",
                statements=said,
            )
        )
        found.sort(
            key=lambda person: (-person[1] - person[2], person[0] is None, fold(person[0] or ""))
        )
        for name, quotes, statements in found:
            shown = one_line(name, 60) if name else "(unattributed)"
            entries.append(
                Entry(
                    "  " + shown,
                    quotes,
                    "" if name else "italic $text-muted",
                    ("speaker", name),
                    f"speaker: {one_line(name or '(unattributed)', 60)}",
                    group not in ("organization", "document"),
                    statements,
                )
            )
    return entries


_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def fit_name(name: str, width: int, person: bool = True) -> str:
    """`name` in `width` characters, keeping what tells people apart: a person's given names
    shrink to initials first ("J. Doe"), and only then is the rest cut."""
    if len(name) <= width:
        return name
    words = name.split()
    # Only names that look like a person's (capitalised words): not "joint statement" nor text.
    if (
        person
        and len(words) > 1
        and all(w[0].isupper() and _NAME_WORD.fullmatch(w) for w in words[:-1])
    ):
        name = " ".join(w[0] + "." for w in words[:-1]) + " " + words[-1]
    return one_line(name, width)


def _label(entry: Entry, room: int) -> str:
    if entry.scope is None or entry.scope[0] != "speaker" or entry.scope[1] is None:
        return entry.label
    # Room for the indent, the counts, and a margin for the scrollbar beside the name.
    width = max(room - 2 - len(_counts(entry.count, entry.statements)) - 3, 6)
    return "  " + fit_name(one_line(entry.scope[1], 200), width, entry.person)


def _counts(quotes: int, statements: int) -> str:
    return f"  {quotes:,}" + (f" +{statements:,}" if statements else "")


def _line(label: str, count: int, style: str, statements: int = 0) -> Content:
    """A row: its label, the quotes, and "+N" reported statements in their own colour."""
    said = (f" +{statements:,}", "italic $secondary") if statements else ""
    return Content.assemble((label, style), (f"  {count:,}", "$text-muted"), said)
