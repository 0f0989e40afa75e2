"""Snapshot tests of the app's main screens (pytest-textual-snapshot).

Update after an intended change of the look: pytest tests/test_app_snapshots.py --snapshot-update
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from app_support import fill, make_store

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.search_bar import SearchBar

# The database path is on screen, so it must be the same on every run.
DB_DIR = Path("/tmp/quotebrowser-snapshot-tests")
SIZE = (130, 36)


@pytest.fixture
def app() -> QuoteBrowserApp:
    shutil.rmtree(DB_DIR, ignore_errors=True)
    DB_DIR.mkdir(parents=True)
    store = make_store(DB_DIR / "quotes.json")
    fill(store)
    return QuoteBrowserApp(store)


def ready(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        app = pilot.app
        while app.data is None:
            await pilot.pause(0.02)
        app.query_one(SearchBar).cursor_blink = False
        for key in keys:
            generation = app.pane.filter_generation
            await pilot.press(key)
            if app.focused is app.query_one(SearchBar) and len(key) == 1:
                while app.pane.filter_generation == generation:
                    await pilot.pause(0.01)
        await pilot.pause(0.1)

    return run_before


def test_main_screen(snap_compare, app: QuoteBrowserApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=ready())


def test_search_by_speaker(snap_compare, app: QuoteBrowserApp) -> None:
    assert snap_compare(
        app, terminal_size=SIZE, run_before=ready("slash", *"speaker:aliyev", "enter", "j")
    )


def test_markup_in_articles_is_shown_literally(snap_compare, app: QuoteBrowserApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=ready("G"))


def test_article_view(snap_compare, app: QuoteBrowserApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=ready("enter", "n"))


def test_help_screen(snap_compare, app: QuoteBrowserApp) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=ready("question_mark"))
