"""`u` in the app, as a user meets it: it takes back what they did in this session, last first,
merges and renames included, and says what it undid; never a change of an earlier session or of
the command line."""

from __future__ import annotations

from app_support import widget_text
from cli_support import run
from test_app import SIZE, started, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.app.speaker_picker import SpeakerPicker
from quotebrowser.app.speakers_panel import SpeakersPanel
from quotebrowser.store import Store


def said(app: QuoteBrowserApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def highlight_speaker(app: QuoteBrowserApp, name: str) -> SpeakersPanel:
    panel = app.query_one(SpeakersPanel)
    panel.focus()
    panel.highlighted = next(
        i for i, (scope, _) in enumerate(panel.scopes()) if scope == ("speaker", name)
    )
    return panel


async def test_u_after_m_undoes_the_merge_not_an_earlier_correction(store: Store) -> None:
    # An earlier session's correction, made on the command line.
    earlier = next(q for q in store.snapshot().quotes if q.text == "the roads")
    code, _, err = run("correct", earlier.id, "--not-a-quote", "--db", str(store.path))
    assert code == 0, err
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        panel = await highlight_speaker(app, "Zoë Müller")
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        await pilot.press(*"ilham", "down", "enter")
        await wait_for(pilot, lambda: "Ilham Aliyev  4" in widget_text(panel))
        assert any("u undoes it" in m for m in said(app))
        await pilot.press("u")  # the focus is still in the speakers panel
        await wait_for(pilot, lambda: "Zoë Müller  1" in widget_text(panel))
        assert "Ilham Aliyev  3" in widget_text(panel)
        assert "Undone: merge of Zoë Müller into Ilham Aliyev." in said(app)
        assert Store(store.path).get_quote(earlier.id).rejected  # the CLI's correction stays
        await pilot.press("u")
        await wait_for(pilot, lambda: any("Nothing to undo" in m for m in said(app)))
        assert Store(store.path).get_quote(earlier.id).rejected


async def test_u_takes_back_a_sessions_changes_last_first(store: Store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "j")
        target = quotes.current_quote
        assert target.text == "the roads"
        await pilot.press("x")
        await wait_for(pilot, lambda: len(quotes.rows) == 6)
        panel = await highlight_speaker(app, "Nikol Pashinyan")
        await pilot.press("R")
        await wait_for(pilot, lambda: isinstance(app.screen, SpeakerPicker))
        app.screen.query_one("#name").value = "Nikol V. Pashinyan"
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Nikol V. Pashinyan  1" in widget_text(panel))
        app.query_one(QuoteList).focus()
        await pilot.press("u")
        await wait_for(pilot, lambda: "Nikol Pashinyan  1" in widget_text(panel))
        assert "Undone: rename of Nikol Pashinyan to Nikol V. Pashinyan." in said(app)
        assert store.get_quote(target.id).rejected  # not yet: it was made before the rename
        await pilot.press("u")
        await wait_for(pilot, lambda: len(quotes.rows) == 7)
        assert not Store(store.path).get_quote(target.id).rejected
        assert "Undone: /news/summit.txt: “the roads”: not a quote." in said(app)
