"""The search box: live filter text; Enter hands over to the list, Escape clears."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input

PLACEHOLDER = "/ to search: words · speaker:NAME · group:G · source:S"


class SearchBar(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "clear_or_leave", "Clear", id="search.clear"),
        Binding("enter", "done", "To list", id="search.done"),
        Binding("down", "done", "To list", show=False, id="search.down"),
    ]
    # An Input's virtual size is its text's width (how far it scrolls), so it changes with every
    # key; Textual would then lay out the whole screen again, a third of a keystroke's time at a
    # million quotes. The bar's own size is fixed by the screen: a repaint is enough.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    class Done(Message):
        """The user finished typing and wants the list."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)

    def action_clear_or_leave(self) -> None:
        # First Escape clears the filter; a second one (nothing left to clear) leaves the box.
        if self.value:
            self.value = ""
        else:
            self.post_message(self.Done())

    def action_done(self) -> None:
        self.post_message(self.Done())
