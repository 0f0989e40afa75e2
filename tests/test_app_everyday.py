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
        assert again.focused is quotes  # it waited for the filter, and then took the focus
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


# -- the smaller frictions -----------------------------------------------------------------------


def newsroom(tmp_path: Path) -> Store:
    """Three articles: one by two authors, the same outlet twice, one naming no outlet; long
    and short names, people and a body."""
    from app_support import ArticleBuilder, make_store

    store = make_store(tmp_path / "quotes.json")
    first = (
        ArticleBuilder(
            "/news/kremlin.txt",
            "Kremlin sets out its terms",
            ["By Priya Raman and Tom Becker", "2 March 2022", "Source: Example Wire"],
        )
        .quote("We never wanted this war", "Vladimir Putin", role="President of Russia",
               group="leader")
        .end_paragraph()
        .quote("The straits stay open", "Recep Tayyip Erdoğan", role="President of Turkey",
               group="leader")
        .end_paragraph()
    )
    second = (
        ArticleBuilder("/news/talks.txt", "Talks in Istanbul", ["9 March 2022",
                                                                 "Source: Example Wire"])
        .quote("Talks will resume on Monday", "Vladimir Putin", group="leader")
        .end_paragraph()
        .quote("A statement follows", "Ministry of Foreign Affairs", group="organization")
        .end_paragraph()
        .quote("Prices will fall", "Anna Zola", group="analyst")
        .end_paragraph()
    )
    third = (
        ArticleBuilder("/notes/blog.txt", "A blog post with no outlet", ["1 March 2022"])
        .quote("Nobody expected it", "Vladimir Putin", group="leader")
        .end_paragraph()
        .quote("Wait and see", "Zed Adams", group="analyst")
        .end_paragraph()
    )
    for article in (first, second, third):
        store.add(*article.build())
    return store


def rows_text(app: QuoteBrowserApp) -> list[str]:
    return widget_text(app.query_one(QuoteList)).splitlines()


async def test_at_120_columns_the_speaker_column_holds_the_names(tmp_path: Path) -> None:
    app = QuoteBrowserApp(newsroom(tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await started(app, pilot)
        await pilot.pause()
        rows = rows_text(app)
        assert any(row.lstrip().startswith("Vladimir Putin ") for row in rows)
        assert not any("Vladimir Put…" in row for row in rows)
        header = widget_text(app.query_one("QuoteListHeader"))
        # The header's columns stand over the rows' (the quote column starts where it says).
        assert header.index("Quote") == rows[0].index("We never wanted")


async def test_O_sorts_and_starts_the_list_at_its_top(tmp_path: Path) -> None:
    app = QuoteBrowserApp(newsroom(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "j", "j")
        assert quotes.cursor == 3
        await pilot.press("O")  # sort:date
        await wait_for(pilot, lambda: app.query_one(SearchBar).value == "sort:date"
                       and app.pane.applied is not None and app.pane.applied[0].sort == "date")
        await pilot.pause()
        assert quotes.cursor == 0 and quotes.scroll_offset.y == 0
        assert quotes.current_quote.text == "Nobody expected it"  # the oldest article's
        await pilot.press("j", "j", "O")  # sort:speaker: by surname, as an index
        await wait_for(pilot, lambda: app.pane.applied[0].sort == "speaker")
        await pilot.pause()
        assert quotes.cursor == 0
        speakers = [quotes.quotes[i].speaker for i in quotes.rows]
        assert speakers == [
            "Zed Adams",
            "Recep Tayyip Erdoğan",
            "Ministry of Foreign Affairs",
            "Vladimir Putin",
            "Vladimir Putin",
            "Vladimir Putin",
            "Anna Zola",
        ]


async def test_tab_in_the_e_picker_goes_to_the_role_then_the_group(tmp_path: Path) -> None:
    from quotebrowser.app.speaker_picker import SpeakerPicker

    app = QuoteBrowserApp(newsroom(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        await pilot.press(*"Nobody Known")  # no listed name matches: the list is empty
        await pilot.press("tab")
        assert app.screen.focused.id == "role"
        await pilot.press(*"envoy", "tab")
        assert app.screen.focused.id == "group"
        await pilot.press("tab")
        assert app.screen.focused.id == "name"
        await pilot.press("shift+tab")
        assert app.screen.focused.id == "group"


async def test_the_rename_box_holds_the_current_name(tmp_path: Path) -> None:
    from quotebrowser.app.speaker_picker import SpeakerPicker

    store = newsroom(tmp_path)
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        panel = app.query_one(SpeakersPanel)
        panel.focus()
        panel.highlighted = next(
            i for i, (scope, _) in enumerate(panel.scopes()) if scope == ("speaker", "Zed Adams")
        )
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        box = app.screen.query_one("#name")
        assert box.value == "Zed Adams" and box.selected_text == "Zed Adams"
        await pilot.press("end", *" Jr.", "enter")  # the arrows keep it, to edit it
        await wait_for(pilot, lambda: "Zed Adams Jr." in {p.name for p in
                                                         Store(store.path).people().profiles()})


async def test_the_copy_notice_is_short_and_shows_the_citation_whole(
    tmp_path: Path, monkeypatch
) -> None:
    from textual.widgets._toast import Toast

    import quotebrowser.clipboard

    monkeypatch.setattr(
        quotebrowser.clipboard, "copy_to_system_clipboard", lambda text: (True, "copied")
    )
    app = QuoteBrowserApp(newsroom(tmp_path), style="apa")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await started(app, pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.last_copy is not None and app.screen.query(Toast))
        await pilot.pause()
        toast = app.screen.query(Toast).last()
        shown = " ".join(w for w in widget_text(toast).split() if w != "▌")  # its left border
        assert " ".join(app.last_copy[0].split()) in shown  # whole, not cut
        assert toast.size.height <= 7
        detail = app.query_one("#detail")
        # It leaves most of the detail pane in view.
        assert toast.region.height < detail.region.height / 2


async def test_a_profile_lists_outlets_and_the_author_is_shown(tmp_path: Path) -> None:
    from quotebrowser.app.profile_screen import ProfileScreen

    app = QuoteBrowserApp(newsroom(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        detail = widget_text(app.query_one("#detail"))
        assert "By Priya Raman and Tom Becker · Example Wire · 2022-03-02" in detail
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        facts = " ".join(widget_text(app.screen.query_one("#profile-facts")).split())
        assert "Quoted by Example Wire ×2; 1 quote in articles that name no outlet" in facts
        assert "blog post" not in facts  # a title is no outlet
