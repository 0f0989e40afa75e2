"""The app shows what the database says (issue 21, part B), as a user meets it: quotes marked not
a quote stay hidden on the next start, and the header, the status line and the panel agree; a
restored search is announced and replaced by what is typed next."""

from __future__ import annotations

from pathlib import Path

from app_support import widget_text
from test_app import SIZE, started, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import SpeakersPanel
from quotebrowser.store import Store


def said(app: QuoteBrowserApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def counts(app: QuoteBrowserApp) -> tuple[str, str, str]:
    return (
        widget_text(app.query_one("#top-bar")),
        widget_text(app.query_one("#status")),
        widget_text(app.query_one(SpeakersPanel)),
    )


async def test_x_quit_reopen_the_quote_stays_hidden_and_the_counts_agree(
    store: Store, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    app = QuoteBrowserApp(store, settings_file=settings)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "j", "x")
        await wait_for(pilot, lambda: len(quotes.rows) == 6)
        await pilot.press("q")
    again = QuoteBrowserApp(Store(store.path), settings_file=settings)
    async with again.run_test(size=SIZE) as pilot:
        quotes = await started(again, pilot)
        await wait_for(pilot, lambda: again.pane.applied is not None)
        assert again.query_one(SearchBar).value == ""  # the saved search is empty
        top, status, panel = counts(again)
        assert "6 quotes in 3 articles" in top
        assert "6 of 6 quotes" in status
        assert "All quotes  6" in panel
        assert len(quotes.rows) == 6 and "✗" not in widget_text(quotes)
        # Asked for, the quote marked not a quote shows, and is counted.
        again.query_one(SearchBar).value = "show:rejected"
        await wait_for(pilot, lambda: len(quotes.rows) == 7)
        assert "7 of 7 quotes" in widget_text(again.query_one("#status"))
        assert "✗ unattributed" in widget_text(quotes)


async def test_a_restored_search_is_announced_and_slash_replaces_it(
    store: Store, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.json"
    settings.write_text('{"filter": "speaker:aliyev"}', encoding="utf-8")
    app = QuoteBrowserApp(store, settings_file=settings)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await wait_for(pilot, lambda: app.pane.applied is not None and len(quotes.rows) == 3)
        assert "Restored search: speaker:aliyev. Esc clears it." in said(app)
        await pilot.press("slash", *"agreed")
        await wait_for(pilot, lambda: len(quotes.rows) == 1)
        assert app.query_one(SearchBar).value == "agreed"
        assert quotes.current_quote.speaker == "Nikol Pashinyan"
        assert isinstance(app.focused, SearchBar)


async def test_no_announcement_without_a_restored_search(store: Store, tmp_path: Path) -> None:
    app = QuoteBrowserApp(store, settings_file=tmp_path / "settings.json")
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.pause()
        assert not any("Restored search" in m for m in said(app))
        assert app.query_one(QuoteList).has_focus
