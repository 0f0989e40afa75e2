"""The smaller defects of issue 9: bare-command options, keymap ids, help, screenshot, Escape
in the speakers panel, names at 80 columns, citations' full stops, counts, saved settings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import ArticleBuilder, make_store, widget_text
from test_app import SIZE, started, type_search, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.article_screen import ArticleScreen
from quotebrowser.app.help_screen import HelpScreen
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import SpeakersPanel
from quotebrowser.cli import build_parser
from quotebrowser.cli.tui_cmd import read_keymap
from quotebrowser.errors import UserError
from quotebrowser.ingest import IngestSummary
from quotebrowser.model import Quote


def test_app_options_work_on_the_bare_command() -> None:
    args = build_parser().parse_args(["--style", "apa", "--no-seed", "--keymap", "k.toml"])
    assert (args.style, args.no_seed, args.keymap) == ("apa", True, "k.toml")
    assert build_parser().parse_args(["tui", "--style", "chicago"]).style == "chicago"
    assert not hasattr(build_parser().parse_args([]), "style")  # then the saved style applies


def test_unknown_binding_id_in_a_keymap_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text('"app.copy" = "y"\n"app.cpoy" = "x"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"unknown binding id 'app\.cpoy'.*app\.copy"):
        read_keymap(str(path))


async def test_help_in_the_article_view_is_named_and_scrolls_with_arrows(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=(100, 14)) as pilot:
        await started(app, pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.pause()
        title = widget_text(app.screen.query_one("#help-title"))
        assert "Article view" in title and "VerticalScroll" not in title
        body = app.screen.query_one("#help-body")
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert body.scroll_y > 0


async def test_screenshot_without_a_downloads_folder(store, tmp_path: Path, monkeypatch) -> None:
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_downloads_path", lambda: tmp_path / "nowhere")
    monkeypatch.chdir(tmp_path)
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        saved = app.deliver_screenshot()
        await pilot.pause()
        assert saved is not None and Path(saved).parent == tmp_path and Path(saved).is_file()
        assert any("Screenshot saved" in n.message for n in app._notifications)


async def test_escape_clears_the_speaker_chosen_in_the_panel(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        panel = app.query_one(SpeakersPanel)
        panel.focus()
        await pilot.press("down", "down", "enter")  # Leaders, then the first leader
        await wait_for(pilot, lambda: app.pane.scope is not None and len(quotes.rows) < 7)
        before = app.pane.filter_generation
        await pilot.press("escape")  # the list has the focus now
        await wait_for(pilot, lambda: app.pane.filter_generation > before)
        assert app.pane.scope is None and len(quotes.rows) == 7
        panel.focus()
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: app.pane.scope is not None)
        panel.focus()
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.pane.scope is None and len(quotes.rows) == 7)


async def panel_at_80_columns(tmp_path: Path, *speakers: tuple[str, str]) -> str:
    """The speakers panel at 80 columns, one quote for each (name, group)."""
    store = make_store(tmp_path / "q.json")
    article = ArticleBuilder("/n.txt", "Speakers")
    for n, (name, group) in enumerate(speakers):
        article.quote(f"Statement {n}", name, group=group).end_paragraph()
    store.add(*article.build())
    app = QuoteBrowserApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await started(app, pilot)
        await pilot.pause()
        return widget_text(app.query_one(SpeakersPanel))


async def test_speakers_sharing_a_first_name_stay_apart_at_80_columns(tmp_path: Path) -> None:
    text = await panel_at_80_columns(
        tmp_path,
        ("Marguerite Okonkwo-Baptiste", "leader"),
        ("Marguerite Lindqvist-Haraldsen", "leader"),
    )
    lines = [line.strip("│ ") for line in text.splitlines()]
    names = [line.rsplit("  ", 1)[0] for line in lines if "Marguerite" in line or "M. " in line]
    assert len(names) == 2 and names[0] != names[1]
    assert sum(1 for line in lines if "M. " in line and line.endswith("  1")) == 2
    assert any("Okonkwo" in n for n in names) and any("Lindqvist" in n for n in names)


def test_citation_of_a_name_ending_in_an_abbreviation_has_one_full_stop() -> None:
    from quotebrowser.citation import cite

    quote = Quote(
        id="x",
        source="/a.txt",
        text="We act",
        start=0,
        end=6,
        speaker="Dana Whitcombe Jr.",
        role=None,
        group="leader",
        kind="direct",
        cue="said",
        paragraph=0,
    )
    for style in ("plain", "markdown"):
        text = cite(quote, None, style)
        assert ".." not in text and "Jr." in text


async def test_counts_read_in_the_singular(tmp_path: Path) -> None:
    summary = IngestSummary(added=1, quotes=1)
    assert "1 document:" in summary.line() and "1 quote stored" in summary.line()
    store = make_store(tmp_path / "q.json")
    store.add(*ArticleBuilder("/one.txt", "One").quote("Only this", "Ana Ruiz").build())
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.pause()
        assert "1 quote in 1 article" in widget_text(app.query_one("#top-bar"))
        assert "1 of 1 quote " in widget_text(app.query_one("#status")) + " "


async def test_settings_persist_and_style_option_overrides(store, tmp_path: Path) -> None:
    settings = tmp_path / "config" / "settings.json"
    app = QuoteBrowserApp(store, settings_file=settings)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        quotes = await started(app, pilot)
        await type_search(app, pilot, "roads", keys=False)
        found = list(quotes.rows)
        app.query_one(SearchBar).blur()
        await pilot.press("s", "s")  # plain -> markdown -> apa
        await pilot.press("greater_than_sign")
        await pilot.press("q")
    saved = json.loads(settings.read_text())
    assert saved["style"] == "apa" and saved["filter"] == "roads"
    assert saved["speakers_width"] is not None
    again = QuoteBrowserApp(store, settings_file=settings)
    async with again.run_test(size=SIZE) as pilot:
        quotes = await started(again, pilot)
        await wait_for(pilot, lambda: again.pane.applied is not None)
        assert again.style == "apa" and again.query_one(SearchBar).value == "roads"
        assert list(quotes.rows) == found and len(found) < 7
    assert QuoteBrowserApp(store, style="bibtex", settings_file=settings).style == "bibtex"


async def test_an_organisation_keeps_its_words_when_its_name_is_cut(tmp_path: Path) -> None:
    text = await panel_at_80_columns(
        tmp_path,
        ("Armenia's Defense Ministry Press Office", "organization"),
        ("Marguerite Okonkwo-Baptiste", "leader"),
    )
    assert "Armenia's" in text and "A. D." not in text
    assert "M. Okonkwo" in text  # a person's given names still shrink first
