"""The app stays in step with the database: another process's writes show up by themselves,
with the user's filter, selection and scroll kept; seeding only touches a new database."""

from __future__ import annotations

import time
from pathlib import Path

from app_support import ArticleBuilder, widget_text
from test_app import SIZE, started, type_search, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.store import Store


def late_article() -> tuple:
    return (
        ArticleBuilder("/news/late.txt", "Late news", ["14 January 2021"])
        .quote("The border reopens at dawn", "Ilham Aliyev", group="leader")
        .end_paragraph()
        .quote("Markets will calm", "Zoë Müller", group="analyst")
        .end_paragraph()
        .build()
    )


async def test_another_writer_shows_up_with_filter_and_selection_kept(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "group:leaders", keys=False)
        quotes.focus()
        await pilot.press("j")
        chosen = quotes.current_quote
        shown = len(quotes.rows)
        # Another process: its own Store on the same file.
        Store(store.path).add(*late_article())
        began = time.monotonic()
        await wait_for(pilot, lambda: len(quotes.rows) == shown + 1, timeout=5)
        assert time.monotonic() - began < 2
        assert app.query_one(SearchBar).value == "group:leaders"
        assert quotes.current_quote == chosen
        assert {quotes.quotes[i].group for i in quotes.rows} == {"leader"}
        assert "The border reopens at dawn" in [quotes.quotes[i].text for i in quotes.rows]


async def test_r_reloads_on_demand(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        quotes.focus()
        await pilot.press("r")
        await wait_for(pilot, lambda: any("Reloaded" in n.message for n in app._notifications))
        assert len(quotes.rows) == 7


async def test_an_existing_empty_database_is_not_seeded(tmp_path: Path) -> None:
    from quotebrowser.seeds import seeds_dir

    store = Store(tmp_path / "filling.json")
    store.create()  # as an ingest starting in another terminal does
    app = QuoteBrowserApp(store, seed_paths=[str(seeds_dir())])
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        assert quotes.rows == range(0)
        assert "already existed" in widget_text(quotes)
        Store(store.path).add(*late_article())
        await wait_for(pilot, lambda: len(quotes.rows) == 2, timeout=5)
    assert len(Store(store.path).documents()) == 1


def test_quotelist_keeps_position_for_unsorted_rows() -> None:
    from quotebrowser.app.quote_list import _position_of

    assert _position_of([5, 2, 9], 2) == 1
    assert _position_of(range(3, 9), 4) == 1


async def test_forget_from_the_palette_asks_then_removes_the_article(store) -> None:
    from quotebrowser.app.commands import app_commands
    from quotebrowser.app.confirm import ConfirmScreen

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        source = quotes.current_quote.source
        forget = next(c for c in app_commands(app) if c.title.startswith("Forget the article"))
        await forget.run()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.pause()
        assert "4 quotes" in app.screen.question
        await pilot.press("n")
        await pilot.pause(0.3)
        assert len(Store(store.path).documents()) == 3
        await forget.run()
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await wait_for(pilot, lambda: len(quotes.rows) == 3)
        assert source not in Store(store.path).documents()
        assert any("Forgot 1 article and 4 quotes" in n.message for n in app._notifications)
