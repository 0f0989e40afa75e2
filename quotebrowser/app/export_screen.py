"""Export (`E`): the quotes shown, or the ones marked, to a CSV, JSON Lines or Markdown file,
written as `quotebrowser quotes --format` writes them (quotebrowser.exports)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from quotebrowser.exports import FILE_FORMATS

FORMAT_LABELS = {
    "csv": "CSV: a spreadsheet",
    "jsonl": "JSON Lines: one record a line, for programs",
    "markdown": "Markdown: a table for notes and documents",
}


class ExportScreen(ModalScreen[tuple[str, Path] | None]):
    """Asks for a format and a file; dismisses with them, or None."""

    CSS_PATH = "export_screen.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        # Enter exports from the list of formats and from the file name alike.
        Binding("enter", "export", "Export", priority=True, id="export.go"),
    ]

    def __init__(self, what: str, folder: Path, stem: str) -> None:
        """`what`: the quotes to export, in words ("the 3 marked quotes"); the file goes in
        `folder` as `stem` plus the format's suffix unless the user names another."""
        super().__init__()
        self.what = what
        self.folder = folder
        self.stem = stem

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield Static(Content.styled(f"Export {self.what}", "bold"), id="export-title")
            yield OptionList(
                *(Option(label, id=fmt) for fmt, label in FORMAT_LABELS.items()), id="formats"
            )
            yield Input(str(self.folder / f"{self.stem}{FILE_FORMATS['csv']}"), id="path")
            yield Static(
                "↑↓ format · Tab the file name · Enter exports · Esc cancels", id="export-hint"
            )

    def on_mount(self) -> None:
        formats = self.query_one("#formats", OptionList)
        formats.highlighted = 0
        formats.focus()

    @property
    def format(self) -> str:
        formats = self.query_one("#formats", OptionList)
        return formats.get_option_at_index(formats.highlighted or 0).id or "csv"

    @on(OptionList.OptionHighlighted, "#formats")
    def _format_changed(self) -> None:
        # The suffix follows the format, unless the user gave the file another one.
        box = self.query_one("#path", Input)
        path = Path(box.value)
        if path.suffix in FILE_FORMATS.values():
            box.value = str(path.with_suffix(FILE_FORMATS[self.format]))

    def action_export(self) -> None:
        value = self.query_one("#path", Input).value.strip()
        if not value:
            self.notify("Name the file to write.", severity="warning", timeout=3)
            return
        self.dismiss((self.format, Path(value).expanduser()))

    def action_cancel(self) -> None:
        self.dismiss(None)
