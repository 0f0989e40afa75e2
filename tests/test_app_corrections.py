"""Pilot tests of the corrections in the app: e (speaker), x (not a quote), u (undo), p (the
profile and its timeline), and merging in the speakers panel."""

from __future__ import annotations

from pathlib import Path

from app_support import ROADS, ArticleBuilder, fill, make_store, widget_text
from test_app import SIZE, started, type_search, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.detail_pane import DetailPane
from quotebrowser.app.profile_screen import ProfileScreen, Timeline
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.app.speaker_picker import SpeakerPicker
from quotebrowser.app.speakers_panel import SpeakersPanel
from quotebrowser.store import Store


def shown(app: QuoteBrowserApp) -> list[str]:
    quotes = app.query_one(QuoteList)
    return [quotes.quotes[i].text for i in quotes.rows]


async def test_e_picks_a_speaker_from_the_article_first(store: Store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        first = quotes.current_quote
        assert first is not None and first.speaker == "Ilham Aliyev"
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        listed = widget_text(app.screen.query_one("#names"))
        # The article's own speakers first, then everyone else the archive quotes.
        assert listed.index("In this article") < listed.index("Nikol Pashinyan")
        assert listed.index("Nikol Pashinyan") < listed.index("Everyone")
        assert listed.index("Everyone") < listed.index("Zoë Müller")
        await pilot.press(*"nikol", "down", "enter")  # filter, go to the list, pick
        await wait_for(pilot, lambda: store.get_quote(first.id).speaker == "Nikol Pashinyan")
        await wait_for(pilot, lambda: quotes.current_quote.corrected)
        row = widget_text(quotes)
        assert "✎ Nikol Pashiny" in row
        await wait_for(pilot, lambda: "corrected by hand" in widget_text(app.query_one(DetailPane)))
        assert "Prime Minister of Armenia" in widget_text(app.query_one(DetailPane))


async def test_e_accepts_a_new_name_with_role_and_group(store: Store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        first = quotes.current_quote
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        await pilot.press(*"Ada Quill")
        app.screen.query_one("#role").focus()
        await pilot.press(*"port envoy")
        app.screen.query_one("#group").focus()
        await pilot.press(*"off", "enter")
        await wait_for(pilot, lambda: store.get_quote(first.id).speaker == "Ada Quill")
        fixed = store.get_quote(first.id)
        assert (fixed.role, fixed.group) == ("port envoy", "official")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SpeakerPicker))
        assert len(store.corrections()) == 1  # Escape changed nothing


async def test_x_hides_the_quote_until_show_rejected_and_u_undoes(store: Store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "j")
        target = quotes.current_quote
        assert target is not None and target.text == "the roads"
        await pilot.press("x")
        await wait_for(pilot, lambda: len(quotes.rows) == 6)
        assert "the roads" not in shown(app)
        await type_search(app, pilot, "show:rejected", keys=False)
        await wait_for(pilot, lambda: len(quotes.rows) == 7)
        assert "✗ unattributed" in widget_text(quotes)
        app.query_one(QuoteList).focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: not store.get_quote(target.id).rejected)
        await wait_for(pilot, lambda: "✗" not in widget_text(quotes))
        assert store.corrections() == []


async def test_the_article_view_leaves_a_span_marked_not_a_quote_unmarked(store: Store) -> None:
    from quotebrowser.app.article_screen import ArticleScreen

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "j")
        assert quotes.current_quote.text == "the roads"
        await pilot.press("x")
        await wait_for(pilot, lambda: len(quotes.rows) == 6)
        await pilot.press("k", "enter")  # an article holding "the roads"
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = app.screen
        assert "the roads" in screen.text
        assert "the roads" not in [q.text for q in screen.quotes]
        assert "quote 2 of 3" in widget_text(screen.query_one("#article-status"))  # was 4


async def test_p_opens_the_profile_of_the_quotes_speaker(store: Store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        await pilot.pause()
        facts = widget_text(app.screen.query_one("#profile-facts"))
        assert "Ilham Aliyev, President of Azerbaijan  (leader)  3 quotes" in facts
        assert "President of Azerbaijan (leader) ×3" in facts
        assert "Example Wire ×2" in facts and "Café Review ×1" in facts
        listed = app.screen.query_one(QuoteList)
        assert {listed.quotes[i].speaker for i in listed.rows} == {"Ilham Aliyev"}
        assert "2021-01" in widget_text(app.screen.query_one(Timeline))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ProfileScreen))


def ferry_talks(tmp_path: Path) -> Store:
    """One envoy quoted twice in January 2021 and once in March."""
    store = make_store(tmp_path / "q.json")
    winter = (
        ArticleBuilder("/a/winter.txt", "Ferry talks", ["11 January 2021"])
        .quote("The ferries sail on Monday", "Ada Quill", role="envoy")
        .end_paragraph()
        .quote("The port stays open", "Ada Quill", role="envoy")
        .end_paragraph()
    )
    spring = (
        ArticleBuilder("/a/spring.txt", "Ferry deal", ["3 March 2021"])
        .quote("We have a deal", "Ada Quill", role="envoy")
        .end_paragraph()
    )
    fill(store, [winter.build(), spring.build()])
    return store


async def open_profile(app: QuoteBrowserApp, pilot) -> None:
    await started(app, pilot)
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
    await pilot.pause()


async def test_timeline_bar_narrows_the_profile_to_its_month(tmp_path: Path) -> None:
    app = QuoteBrowserApp(ferry_talks(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_profile(app, pilot)
        timeline = app.screen.query_one(Timeline)
        bars = widget_text(timeline)
        assert "2021-01" in bars and "2021-02" in bars and "2021-03" in bars  # the gap shows
        listed = app.screen.query_one(QuoteList)
        assert len(listed.rows) == 3
        timeline.focus()
        await pilot.press("home", "down", "down", "down", "enter")  # All, 01, 02, 03
        await wait_for(pilot, lambda: len(listed.rows) == 1)
        assert listed.quotes[listed.rows[0]].text == "We have a deal"
        await pilot.press("home", "enter")
        await wait_for(pilot, lambda: len(listed.rows) == 3)


async def test_an_open_profile_shows_a_correction_made_from_it(tmp_path: Path) -> None:
    app = QuoteBrowserApp(ferry_talks(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_profile(app, pilot)
        app.screen.query_one(Timeline).focus()
        await pilot.press("home", "down", "enter")  # January: two quotes
        listed = app.screen.query_one(QuoteList)
        await wait_for(pilot, lambda: len(listed.rows) == 2)
        listed.focus()
        await pilot.press("j")
        assert listed.current_quote.text == "The port stays open"
        await pilot.press("x")
        facts = app.screen.query_one("#profile-facts")
        await wait_for(pilot, lambda: ")  2 quotes" in widget_text(facts))
        assert [listed.quotes[i].text for i in listed.rows] == ["The ferries sail on Monday"]
        assert app.screen.month == "2021-01"
        await pilot.press("u")  # undone: back in the list, the month still chosen
        await wait_for(pilot, lambda: len(listed.rows) == 2)
        assert widget_text(facts).lstrip().startswith("Ada Quill")
        assert ")  3 quotes" in widget_text(facts)


async def test_panel_p_and_m_merge_two_speakers(store: Store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        panel = app.query_one(SpeakersPanel)
        panel.focus()
        row = next(
            i for i, (scope, _) in enumerate(panel.scopes()) if scope == ("speaker", "Zoë Müller")
        )
        panel.highlighted = row
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen))
        facts = widget_text(app.screen.query_one("#profile-facts"))
        assert "Zoë Müller, senior researcher  (analyst)  1 quote" in facts
        assert "1 quotes" not in facts
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ProfileScreen))
        panel.focus()
        panel.highlighted = row
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        await pilot.press(*"Nobody Else", "enter")  # not a listed speaker: refused
        await pilot.pause()
        assert isinstance(app.screen, SpeakerPicker)
        app.screen.query_one("#name").value = ""
        await pilot.press(*"ilham", "down", "enter")
        await wait_for(pilot, lambda: "Ilham Aliyev  4" in widget_text(panel))
        assert "Zoë Müller" not in widget_text(panel)
        people = {p.name: p for p in store.people().profiles()}
        assert people["Ilham Aliyev"].quotes == 4 and "Zoë Müller" in people["Ilham Aliyev"].aliases
        assert ROADS in shown(app)


async def test_every_correction_key_is_in_the_command_palette(store: Store) -> None:
    from quotebrowser.app.commands import app_commands

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        actions = {c.run.args[0] for c in app_commands(app)}
        owned = [
            b
            for cls in (QuoteList, SpeakersPanel)
            for b in cls.BINDINGS
            if b.action.startswith("app.")
        ]
        assert {b.key for b in owned} >= {"e", "x", "u", "p", "m", "R"}
        assert {b.action.removeprefix("app.") for b in owned} <= actions
