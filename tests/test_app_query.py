"""The app's search bar speaks the query language of `quotebrowser quotes`."""

from __future__ import annotations

from app_support import ROADS, widget_text
from test_app import SIZE, started, type_search, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.app.search_bar import SearchBar


def shown(quotes: QuoteList) -> list[str]:
    return [quotes.quotes[i].text for i in quotes.rows]


async def test_unknown_field_is_reported_and_the_list_kept(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "group:analysts", keys=False)
        assert shown(quotes) == ["The roads will take years to build"]
        app.query_one(SearchBar).value = "who:aliyev"
        await pilot.pause()
        status = widget_text(app.query_one("#status"))
        assert "unknown field 'who'" in status and "speaker" in status
        assert shown(quotes) == ["The roads will take years to build"]


async def test_space_after_the_colon_and_every_word_of_a_name(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, 'speaker: "muller zoe"', keys=False)
        assert shown(quotes) == ["The roads will take years to build"]


async def test_sort_key_and_statements_key_rewrite_the_query(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        quotes.focus()
        before = app.pane.filter_generation
        await pilot.press("O")  # sort:date
        await wait_for(pilot, lambda: app.pane.filter_generation > before)
        assert app.query_one(SearchBar).value == "sort:date"
        before = app.pane.filter_generation
        await pilot.press("O")  # sort:speaker: unattributed last
        await wait_for(pilot, lambda: app.pane.filter_generation > before)
        assert quotes.quotes[quotes.rows[-1]].speaker is None
        before = app.pane.filter_generation
        await pilot.press("v")
        await wait_for(pilot, lambda: app.pane.filter_generation > before)
        assert app.query_one(SearchBar).value == "sort:speaker show:statements"
        # ROADS is reported by two articles: one row, "2 outlets" in it.
        assert shown(quotes).count(ROADS) == 1
        assert "2 outlets" in widget_text(quotes)


async def test_keys_that_leave_the_query_as_it_was_show_its_rows(store) -> None:
    # `group:le` ... `group:leaders` name one group: the app reuses the rows it shows; any
    # other key searches again. Each step shows what the engine before the index found.
    from reference_engine import QuoteIndex

    from quotebrowser.query import parse_query

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("slash")
        snapshot = store.snapshot()
        fresh = QuoteIndex.from_snapshot(snapshot)
        for key in [*"group:le", *"aders", "space", *"ro", "backspace", "backspace", *"ads"]:
            generation = app.pane.filter_generation
            await pilot.press(key)
            query = parse_query(app.query_one(SearchBar).value)
            await wait_for(
                pilot,
                lambda q=query, g=generation: (
                    app.pane.filter_generation > g and app.pane.applied[0] == q
                ),
            )
            assert [quotes.quotes[i].id for i in quotes.rows] == [
                snapshot.quotes[i].id for i in fresh.run(query).rows
            ], key
        # The leader's statement, reprinted in two articles.
        assert (
            shown(quotes)
            == ["We will open the roads to trade and bring the refugees home this spring"] * 2
        )


async def test_a_query_longer_than_the_bar_scrolls_with_its_cursor(store) -> None:
    """The bar's text width is set without a layout pass: typing past its right edge still
    scrolls the text so that the cursor and the last words typed stay in sight."""
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("slash")
        bar = app.query_one(SearchBar)
        words = " ".join(f"word{n}" for n in range(22))  # wider than the bar
        await pilot.press(*words, "space", "z", "z", "t", "o", "p")
        await pilot.pause()
        assert bar.virtual_size.width >= len(words)
        assert bar.scroll_offset.x > 0
        assert "zztop" in bar_text(bar)
        await pilot.press("home")
        await pilot.pause()
        assert bar.scroll_offset.x == 0 and "word0 " in bar_text(bar)
        assert "zztop" not in bar_text(bar)


def bar_text(bar: SearchBar) -> str:
    """The bar as painted, its border included (its text is on the middle line)."""
    from textual.geometry import Region

    return "\n".join(s.text for s in bar.render_lines(Region(0, 0, *bar.outer_size)))
