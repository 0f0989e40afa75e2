"""The speaker picker: who said it (`e` on a quote), or whom to merge a speaker into.

The article's own speakers come first, then everyone the archive quotes; typing filters both.
A name nobody has yet is accepted too, with the role and group the user gives it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from quotebrowser.app.literal_content import plain
from quotebrowser.folding import fold
from quotebrowser.literal import one_line
from quotebrowser.model import GROUPS


@dataclass(frozen=True, slots=True)
class Picked:
    name: str
    role: str | None = None  # None: as the archive knows the person (a new name: none)
    group: str | None = None


class SpeakerPicker(ModalScreen[Picked | None]):
    CSS_PATH = "speaker_picker.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "to_list", "Choose", show=False, id="picker.to_list"),
        # Tab goes from field to field (name, role, group); the list is reached with ↓.
        Binding("tab", "next_field(1)", "Next field", show=False, id="picker.next_field"),
        Binding(
            "shift+tab", "next_field(-1)", "Previous field", show=False, id="picker.previous_field"
        ),
    ]

    def __init__(
        self,
        question: str,
        in_article: Sequence[str],
        everyone: Sequence[str],
        *,
        new_names: bool = True,
        name: str = "",
    ) -> None:
        """`question` may hold article text: shown literally. Without `new_names`, only a
        listed name is accepted (a merge joins two people the archive knows). `name`: the
        name the box starts with, selected (a rename's current name)."""
        super().__init__()
        self.question = question
        self.start_name = name
        self.in_article = list(dict.fromkeys(in_article))
        mine = {fold(n) for n in self.in_article}
        self.everyone = [n for n in dict.fromkeys(everyone) if fold(n) not in mine]
        self.new_names = new_names

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(plain(self.question), id="question")
            yield Input(placeholder="a name: pick one below, or type a new one", id="name")
            yield OptionList(id="names")
            if self.new_names:
                with Horizontal(id="new"):
                    yield Input(placeholder="role (for a new name)", id="role")
                    yield Input(placeholder=f"group: {', '.join(GROUPS)}", id="group")
            yield Static(
                "Enter: the name as typed · ↓ then Enter: a listed name · Esc cancels", id="hint"
            )

    def on_mount(self) -> None:
        box = self.query_one("#name", Input)
        box.value = self.start_name
        self._fill(self.start_name)
        box.focus()
        box.select_all()  # typing replaces it; the arrows keep it to edit

    def action_next_field(self, step: int) -> None:
        fields = [self.query_one("#name", Input)]
        if self.new_names:
            fields += [self.query_one("#role", Input), self.query_one("#group", Input)]
        at = fields.index(self.focused) if self.focused in fields else (0 if step > 0 else 1)
        fields[(at + step) % len(fields)].focus()

    def _fill(self, typed: str) -> None:
        key = fold(typed.strip())
        options: list[Option | None] = []
        for title, names in (("In this article", self.in_article), ("Everyone", self.everyone)):
            shown = [n for n in names if key in fold(n)]
            if shown:
                options.append(Option(plain(title, "bold $secondary"), disabled=True))
                options += [Option(plain("  " + one_line(n, 70)), id=n) for n in shown]
        names = self.query_one("#names", OptionList)
        names.set_options(o for o in options if o is not None)

    @on(Input.Changed, "#name")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_to_list(self) -> None:
        names = self.query_one("#names", OptionList)
        names.focus()
        if names.highlighted is None:
            names.action_first()

    @on(OptionList.OptionSelected, "#names")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._submit(event.option.id or "")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit(self.query_one("#name", Input).value)

    def _submit(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            self.notify("Type or pick a name.", severity="warning", timeout=3)
            return
        listed = {fold(n): n for n in (*self.in_article, *self.everyone)}
        if fold(name) in listed:
            name = listed[fold(name)]
        elif not self.new_names:
            self.notify(
                f"Pick one of the listed speakers, not {one_line(name, 40)}.",
                severity="warning",
                markup=False,
                timeout=4,
            )
            return
        role = group = None
        if self.new_names:
            role = " ".join(self.query_one("#role", Input).value.split()) or None
            typed = fold(self.query_one("#group", Input).value.strip())
            if typed:
                found = [g for g in GROUPS if g.startswith(typed.replace("organis", "organiz"))]
                if not found:
                    self.notify(
                        f"Group: one of {', '.join(GROUPS)}.", severity="warning", timeout=4
                    )
                    return
                group = found[0]
        self.dismiss(Picked(name, role, group))

    def action_cancel(self) -> None:
        self.dismiss(None)
