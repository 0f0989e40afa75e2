"""Command palette entries (Ctrl+P): every app action, each citation style, each speaker filter.

Titles can hold speaker names from articles, and the palette parses plain strings as markup, so
every title is handed over as a `Content` built from literal text.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from quotebrowser.app.article_screen import ArticleScreen
from quotebrowser.app.speakers_panel import Scope
from quotebrowser.citation import STYLES
from quotebrowser.literal import one_line


class PaletteHost(Protocol):
    """What the palette asks of the app (the app composes the palette, not the other way)."""

    def run_action(self, action: str) -> object: ...

    def style_label(self, style: str) -> str: ...

    def speaker_scopes(self) -> list[tuple[Scope | None, str]]: ...


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str  # literal text, never markup
    help: str  # fixed text written here, no article text
    run: Callable[[], object]
    discover: bool = True  # listed before anything is typed


@cache
def palette_entries() -> dict[str, list[dict[str, str]]]:
    """commands.toml: the entries of the article view and of the app (title, help, action)."""
    return tomllib.loads((Path(__file__).parent / "commands.toml").read_text(encoding="utf-8"))


def app_commands(app: PaletteHost, screen: Screen[object] | None = None) -> list[PaletteCommand]:
    """The palette's entries; `screen` is where the palette was opened (adds its own actions)."""
    run = app.run_action
    entries = palette_entries()
    commands: list[PaletteCommand] = []
    if isinstance(screen, ArticleScreen):
        commands += [
            PaletteCommand(e["title"], e["help"], partial(screen.run_action, e["action"]))
            for e in entries["article"]
        ]
    commands += [
        PaletteCommand(e["title"], e["help"], partial(run, e["action"])) for e in entries["app"]
    ]
    for style in STYLES:
        commands.append(
            PaletteCommand(
                f"Citation style: {app.style_label(style)}",
                "used by c (copy citation)",
                partial(run, f"set_style({style!r})"),
            )
        )
    for index, (scope, label) in enumerate(app.speaker_scopes()):
        if scope is None:
            continue
        commands.append(
            PaletteCommand(
                f"Show only {one_line(label, 80)}",
                "filter the quotes list",
                partial(run, f"choose_scope({index})"),
                discover=False,
            )
        )
    return commands


class QuoteCommands(Provider):
    async def startup(self) -> None:
        self._commands = app_commands(cast(PaletteHost, self.app), self.screen)

    async def discover(self) -> Hits:
        for command in self._commands:
            if command.discover:
                yield DiscoveryHit(
                    Content(command.title),
                    command.run,
                    text=command.title,
                    help=command.help or None,
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands:
            score, offsets = matcher.fuzzy_search.match(query, command.title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(command.title, offsets),
                    command.run,
                    text=command.title,
                    help=command.help or None,
                )


def _highlight(title: str, offsets: object) -> Content:
    content = Content(title)
    for offset in cast("list[int]", offsets):
        if not title[offset].isspace():
            content = content.stylize("reverse", offset, offset + 1)
    return content
