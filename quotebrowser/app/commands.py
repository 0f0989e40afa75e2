"""Command palette entries (Ctrl+P): every app action, each citation style, each speaker filter.

Titles can hold speaker names from articles, and the palette parses plain strings as markup, so
every title is handed over as a `Content` built from literal text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from quotebrowser.app.literal import one_line

if TYPE_CHECKING:
    from textual.screen import Screen

    from quotebrowser.app.app import QuoteBrowserApp


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    title: str  # literal text, never markup
    help: str  # fixed text written here, no article text
    run: Callable[[], object]
    discover: bool = True  # listed before anything is typed


def app_commands(
    app: QuoteBrowserApp, screen: Screen[object] | None = None
) -> list[PaletteCommand]:
    """The palette's entries; `screen` is where the palette was opened (adds its own actions)."""
    from quotebrowser.app.article_screen import ArticleScreen
    from quotebrowser.citation import STYLES

    run = app.run_action
    commands: list[PaletteCommand] = []
    if isinstance(screen, ArticleScreen):
        commands += [
            PaletteCommand(
                "Next match in the article", "key n", partial(screen.run_action, "next_match")
            ),
            PaletteCommand(
                "Previous match in the article",
                "key N",
                partial(screen.run_action, "previous_match"),
            ),
            PaletteCommand(
                "Back to the quotes list", "key Esc", partial(screen.run_action, "app.pop_screen")
            ),
        ]
    commands += [
        PaletteCommand(
            "Copy citation of the highlighted quote", "key c", partial(run, "copy_citation")
        ),
        PaletteCommand("Next citation style", "key s", partial(run, "cycle_style")),
        PaletteCommand("Search quotes", "key /", partial(run, "focus_search")),
        PaletteCommand(
            "Clear search and speaker filter", "show all quotes", partial(run, "clear_filters")
        ),
        PaletteCommand(
            "Sort by date, speaker, source or not (next)", "key O", partial(run, "cycle_sort")
        ),
        PaletteCommand(
            "One row per statement / every reprint", "key v", partial(run, "toggle_statements")
        ),
        PaletteCommand(
            "Reported statements too / quotes only",
            "key w (what they said without quotation marks: kind:all)",
            partial(run, "toggle_reported"),
        ),
        PaletteCommand(
            "Reload the database",
            "key r (it also reloads by itself when another program changes it)",
            partial(run, "reload"),
        ),
        PaletteCommand(
            "Show every speaker again",
            "key Esc (drops the panel's choice)",
            partial(run, "clear_scope"),
        ),
        PaletteCommand("Narrower speakers panel", "key <", partial(run, "resize_speakers(-2)")),
        PaletteCommand("Wider speakers panel", "key >", partial(run, "resize_speakers(2)")),
        PaletteCommand(
            "Forget the article of the highlighted quote",
            "remove it and its quotes from the database (asks first)",
            partial(run, "forget_article"),
        ),
        PaletteCommand(
            "Open the article of the highlighted quote", "key Enter", partial(run, "open_article")
        ),
        PaletteCommand(
            "Open the link of the highlighted quote's article", "key o", partial(run, "open_link")
        ),
        PaletteCommand(
            "Correct the speaker of the highlighted quote", "key e", partial(run, "correct_speaker")
        ),
        PaletteCommand(
            "Mark the highlighted quote not a quote",
            "key x (hidden unless show:rejected)",
            partial(run, "reject_quote"),
        ),
        PaletteCommand("Undo the last correction", "key u", partial(run, "undo_correction")),
        PaletteCommand(
            "Profile of the speaker (highlighted quote or panel row)",
            "key p: roles, outlets, quotes per month",
            partial(run, "profile"),
        ),
        PaletteCommand(
            "Merge the panel's highlighted speaker into another",
            "key m in the speakers panel",
            partial(run, "merge_speaker"),
        ),
        PaletteCommand(
            "Rename the panel's highlighted speaker",
            "key R in the speakers panel",
            partial(run, "rename_speaker"),
        ),
        PaletteCommand("Go to the quotes list", "", partial(run, "focus_list")),
        PaletteCommand("Go to the speakers panel", "", partial(run, "focus_speakers")),
        PaletteCommand("Next quote", "key j", partial(run, "list_move(1)")),
        PaletteCommand("Previous quote", "key k", partial(run, "list_move(-1)")),
        PaletteCommand("First quote", "key g", partial(run, "list_first")),
        PaletteCommand("Last quote", "key G", partial(run, "list_last")),
        PaletteCommand("Show keys", "key ?", partial(run, "show_keys")),
        PaletteCommand("Quit quotebrowser", "key q", partial(run, "quit")),
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
        self._commands = app_commands(cast("QuoteBrowserApp", self.app), self.screen)

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
