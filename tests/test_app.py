"""Pilot tests of the terminal app on a small database built from Quote objects."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from pathlib import Path

import pytest
from app_support import NASTY, ROADS, corpus, fill, make_store, screen_text, widget_text

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.article_screen import CURRENT_MATCH, CURRENT_QUOTE, ArticleScreen
from quotebrowser.app.detail_pane import DetailPane
from quotebrowser.app.help_screen import HelpScreen
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import SpeakersPanel

SIZE = (140, 40)


async def wait_for(pilot, condition: Callable[[], object], timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():
            await pilot.pause(0.02)

    await asyncio.wait_for(poll(), timeout)


async def started(app: QuoteBrowserApp, pilot) -> QuoteList:
    await wait_for(pilot, lambda: app.data is not None)
    await pilot.pause()
    return app.query_one(QuoteList)


async def type_search(app: QuoteBrowserApp, pilot, text: str, keys: bool = True) -> None:
    """Type `text` in the search box key by key (or, where typing is not what is tested,
    paste it in one go) and wait for the list to show its result."""
    before = app.pane.filter_generation
    if not isinstance(app.focused, SearchBar):
        await pilot.press("slash")
    if keys:
        await pilot.press(*text)
    else:
        app.query_one(SearchBar).insert_text_at_cursor(text)
    await wait_for(pilot, lambda: app.pane.filter_generation > before
                   and app.pane.applied is not None
                   and app.pane.applied[0].words == _words(app))


def _words(app: QuoteBrowserApp) -> tuple[str, ...]:
    from quotebrowser.query import parse_query

    return parse_query(app.query_one(SearchBar).value).words


def speakers_of(quote_list: QuoteList) -> list[str | None]:
    return [quote_list.quotes[i].speaker for i in quote_list.rows]


def messages(app: QuoteBrowserApp) -> list[str]:
    return [n.message for n in app._notifications]


# -- first screen ----------------------------------------------------------------------------


async def test_first_screen_shows_quotes_speakers_and_detail(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        assert len(quotes.rows) == 7
        assert app.focused is quotes
        rows = widget_text(quotes)
        assert "Ilham Aliyev" in rows and "We will open the roads to trade" in rows
        assert "Leaders meet for bo" in rows and "2021-01-11" in rows
        speakers = widget_text(app.query_one(SpeakersPanel))
        for label in (
            "All quotes  7",
            "Leaders  4",
            "Ilham Aliyev  3",
            "Analysts  1",
            "Zoë Müller  1",
            "Others  2",
            "(unattributed)  1",
        ):
            assert label in speakers
        assert speakers.index("Leaders") < speakers.index("Analysts") < speakers.index("Others")
        detail = widget_text(app.query_one(DetailPane))
        assert f"The talks opened on Monday. “{ROADS}”," in detail
        assert "President of Azerbaijan" in detail and "said" in detail
        assert "Example Wire" in detail and "2021-01-11" in detail
        assert "Variants in 1 other article" in detail and "What the border deal" in detail
        assert "Evidence verb-after" in detail and "check it" not in detail


async def test_what_the_first_screen_holds_is_left_out_of_full_collections(store) -> None:
    """Python's full collections walk every object the app holds (50-90 ms at a million quotes,
    a stall every few keys); the first screen's are frozen out of them."""
    gc.unfreeze()  # an earlier test's app froze its own
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.pause()
        walked = {id(o) for o in gc.get_objects()}
        assert id(quotes) not in walked and id(app.data) not in walked
    gc.unfreeze()


async def test_detail_highlights_the_whole_quote_in_its_paragraph(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        context = app.query_one("#detail-context").visual
        quote = app.query_one(QuoteList).current_quote
        highlighted = [context.plain[s.start : s.end] for s in context.spans]
        assert highlighted == [quote.text]


async def test_arrows_jk_and_vim_g_G_move_the_cursor(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "down")
        assert quotes.cursor == 2
        await pilot.press("k")
        assert quotes.cursor == 1
        await pilot.press("up", "up")
        assert quotes.cursor == 0
        await pilot.press("G")  # vim: G is the bottom
        assert quotes.cursor == 6
        await pilot.press("g")  # and g the top
        assert quotes.cursor == 0
        await pilot.press("end", "home")
        assert quotes.cursor == 0
        # The detail pane follows the cursor.
        await pilot.press("j")
        await pilot.pause()
        assert "Nothing is agreed" in widget_text(app.query_one(DetailPane))


# -- search ----------------------------------------------------------------------------------


async def test_search_filters_live_enter_moves_to_list_escape_clears(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)
        await type_search(app, pilot, "roads")
        assert isinstance(app.focused, SearchBar)  # typing keeps the focus in the box
        assert len(quotes.rows) == 4
        await type_search(app, pilot, " speaker:aliyev")
        assert speakers_of(quotes) == ["Ilham Aliyev", "Ilham Aliyev"]
        assert "2 of 7 quotes" in widget_text(app.query_one("#status"))
        await pilot.press("enter")
        assert app.focused is quotes
        await pilot.press("slash", "escape")
        await wait_for(pilot, lambda: len(quotes.rows) == 7)
        assert app.query_one(SearchBar).value == ""


async def test_keys_typed_right_after_the_slash_land_in_the_search_box(store) -> None:
    """`/roads` typed at once, as a fast typist's keys arrive together: every letter reaches
    the box, none the list (where `r` and `p` are commands)."""
    from textual import events

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        for key in ("slash", *"roads"):
            app._driver.send_message(events.Key(key, "/" if key == "slash" else key))
        await wait_for(pilot, lambda: len(quotes.rows) == 4)
        assert app.query_one(SearchBar).value == "roads"
        assert isinstance(app.focused, SearchBar) and len(app.screen_stack) == 1
        await pilot.press("end", "slash", "slash")  # in the box, `/` is text (a link's)
        assert app.query_one(SearchBar).value == "roads//"


async def test_search_tokens_are_case_and_accent_insensitive(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "speaker:MULLER", keys=False)
        assert speakers_of(quotes) == ["Zoë Müller"]
        await pilot.press("escape")
        await type_search(app, pilot, "group:leaders source:analysis", keys=False)
        assert speakers_of(quotes) == ["Ilham Aliyev"]
        await pilot.press("escape")
        await type_search(app, pilot, "cafe", keys=False)  # outlet "Café Review"
        assert len(quotes.rows) == 2


async def test_q_types_in_the_search_box_and_quits_elsewhere(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("slash", "q", "c", "question_mark")
        assert app.query_one(SearchBar).value == "qc?"
        assert app.last_copy is None and not isinstance(app.screen, HelpScreen)
        await pilot.press("enter", "q")
        await pilot.pause()
    assert app.return_code == 0


# -- speakers panel --------------------------------------------------------------------------


async def test_choosing_a_speaker_or_group_filters(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        panel = app.query_one(SpeakersPanel)
        panel.focus()
        labels = [str(o.prompt.plain) for o in panel.options]
        await pilot.press(*["j"] * labels.index("  Nikol Pashinyan  1"), "enter")
        await wait_for(pilot, lambda: speakers_of(quotes) == ["Nikol Pashinyan"])
        assert app.focused is quotes
        assert "speaker: Nikol Pashinyan" in widget_text(app.query_one("#status"))
        panel.focus()
        await pilot.press("g", *["j"] * labels.index("Analysts  1"), "enter")
        await wait_for(pilot, lambda: speakers_of(quotes) == ["Zoë Müller"])
        # The panel's choice and the search box narrow each other.
        panel.focus()
        await pilot.press("g", *["j"] * labels.index("Leaders  4"), "enter")
        await type_search(app, pilot, "peace")
        assert [quotes.quotes[i].text for i in quotes.rows] == ["Peace is within reach"]
        panel.focus()
        await pilot.press("g", "enter")  # All quotes: only the search is left
        await wait_for(pilot, lambda: app.pane.scope is None and len(quotes.rows) == 1)
        await pilot.press("slash", "escape")
        await wait_for(pilot, lambda: len(quotes.rows) == 7)


# -- article view ----------------------------------------------------------------------------


async def test_article_view_marks_every_quote_and_n_N_step_through_them(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("j", "enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.opened.text == "Nothing is agreed until everything is agreed"
        marked = {
            content.plain[s.start : s.end]
            for content in screen_paragraphs(screen)
            for s in content.spans
        }
        assert marked == {
            ROADS,
            "the roads",
            "Peace is within reach",
            "Nothing is agreed until everything is agreed",
        }
        assert current_marks(screen) == ["Nothing is agreed until everything is agreed"]
        await pilot.press("n")
        assert current_marks(screen) == ["the roads"]
        await pilot.press("n", "n")  # wraps round to the first quote
        assert current_marks(screen) == [ROADS]
        await pilot.press("N")
        assert current_marks(screen) == ["Peace is within reach"]
        assert "quote 4 of 4" in widget_text(screen.query_one("#article-status"))
        await pilot.press("escape")
        assert app.screen is not screen and app.focused is quotes


async def test_article_view_n_jumps_between_search_matches(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await type_search(app, pilot, "roads")
        await pilot.press("enter", "enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.searching
        # "roads" occurs twice in the summit article.
        assert [screen.text[s:e] for s, e in screen.marks] == ["roads", "roads"]
        assert current_marks(screen, CURRENT_MATCH) == ["roads"]
        first = screen.mark
        await pilot.press("n")
        assert screen.mark == (first + 1) % 2
        await pilot.press("N", "N")
        assert screen.mark == (first - 1) % 2
        assert "for “roads”" in widget_text(screen.query_one("#article-status"))


def screen_paragraphs(screen: ArticleScreen) -> list:
    return [p.visual for p in screen.query(".paragraph")]


def current_marks(screen: ArticleScreen, style: str = CURRENT_QUOTE) -> list[str]:
    return [
        content.plain[s.start : s.end]
        for content in screen_paragraphs(screen)
        for s in content.spans
        if style in str(s.style)
    ]


# -- copying ---------------------------------------------------------------------------------


@pytest.fixture
def system_clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replaces only the pyperclip route; records what reached it."""
    import quotebrowser.clipboard

    copied: list[str] = []

    def fake(text: str) -> tuple[bool, str]:
        copied.append(text)
        return True, "copied to the system clipboard"

    monkeypatch.setattr(quotebrowser.clipboard, "copy_to_system_clipboard", fake)
    return copied


async def test_c_copies_the_highlighted_quote_in_the_current_style(store, system_clipboard) -> None:
    from quotebrowser.citation import cite
    from quotebrowser.literal import one_line

    app = QuoteBrowserApp(store, style="apa")
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "speaker:pashinyan")
        await pilot.press("enter", "c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        quote = quotes.current_quote
        expected = cite(quote, app.data.documents[quote.source], "apa")
        assert app.clipboard == expected  # OSC 52 route
        assert system_clipboard == [expected]  # pyperclip route
        note = list(app._notifications)[-1]
        assert note.title == "Copied: APA citation of Nikol Pashinyan"
        # The notice is short: the citation whole, never cut, then where it went in a line.
        assert note.message == (
            f"{one_line(expected)}\n→ system clipboard: copied · terminal (OSC 52): sent"
        )


async def test_style_key_and_palette_choose_the_citation_style(store, system_clipboard) -> None:
    from quotebrowser.citation import STYLES, cite

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        seen = [app.style]
        for _ in STYLES[1:]:
            await pilot.press("s")
            seen.append(app.style)
        assert seen == list(STYLES)
        assert "BibTeX" in widget_text(app.query_one("#status"))
        await pilot.press("ctrl+p", *"style chicago", "enter")
        await wait_for(pilot, lambda: app.style == "chicago")
        await pilot.press("c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        quote = quotes.current_quote
        assert app.clipboard == cite(quote, app.data.documents[quote.source], "chicago")


@pytest.mark.parametrize("failure", ["returns", "raises"])
async def test_copy_says_honestly_when_the_system_clipboard_fails(
    store, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    import quotebrowser.clipboard

    def broken(text: str) -> tuple[bool, str]:
        if failure == "raises":
            raise RuntimeError("no display: $DISPLAY [unset]")
        return False, "no clipboard program found"

    monkeypatch.setattr(quotebrowser.clipboard, "copy_to_system_clipboard", broken)
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        assert app.clipboard  # the OSC 52 route still went out
        note = messages(app)[-1]
        assert "system clipboard: not available" in note
        assert ("[unset]" in note) if failure == "raises" else ("no clipboard program" in note)
        assert "copied" not in note.split("system clipboard:")[1].split("\n")[0]
        assert "OSC 52" in note
        assert app.is_running


async def test_copy_from_the_article_view_copies_the_current_quote(store, system_clipboard) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("enter", "n", "n", "n", "c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        assert "Peace is within reach" in app.clipboard


# -- keys, help, palette, keymap -------------------------------------------------------------


async def test_help_lists_the_focused_widgets_keys(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        places = dict(app.screen.sections)
        assert "Article" in dict((w, k) for k, w in places["Quotes list"])
        assert ("c", "Copy") in places["Everywhere"]
        assert "Speakers panel" not in places
        text = screen_text(app)
        assert "Keys — Quotes list" in text and "speaker:NAME" in text
        # And how to add articles, which no key does.
        assert "quotebrowser ingest PATH|URL" in " ".join(text.split())
        await pilot.press("escape")
        app.query_one(SpeakersPanel).focus()
        await pilot.press("question_mark")
        places = dict(app.screen.sections)
        assert "Filter" in [what for _, what in places["Speakers panel"]]
        assert "Quotes list" not in places
        await pilot.press("q")  # closes the help, does not quit
        assert not isinstance(app.screen, HelpScreen) and app.is_running


def test_every_binding_has_an_id() -> None:
    from quotebrowser.app.first_run import IngestScreen

    classes = [
        QuoteBrowserApp,
        QuoteList,
        SpeakersPanel,
        SearchBar,
        ArticleScreen,
        HelpScreen,
        DetailPane,
        IngestScreen,
    ]
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):
            assert binding.id, f"{cls.__name__}: {binding.key} has no id"


async def test_a_keymap_rebinds_keys_by_id(store, system_clipboard) -> None:
    app = QuoteBrowserApp(store, keymap={"app.copy": "y", "quote_list.down": "ctrl+n"})
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("ctrl+n")
        assert quotes.cursor == 1
        await pilot.press("c")
        await pilot.pause(0.1)
        assert app.last_copy is None
        await pilot.press("y")
        await wait_for(pilot, lambda: app.last_copy is not None)


async def test_every_action_is_in_the_command_palette(store) -> None:
    from quotebrowser.app.commands import app_commands

    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        actions = {c.run.args[0] for c in app_commands(app)}
        wanted = {b.action for b in QuoteBrowserApp.BINDINGS}
        wanted |= {"open_article", "list_first", "list_last", "focus_list", "focus_speakers"}
        assert wanted <= actions
        assert {"set_style('apa')", "set_style('bibtex')"} <= actions
        # One filter per speaker and group in the panel.
        scopes = len(app.query_one(SpeakersPanel).scopes()) - 1
        assert sum(a.startswith("choose_scope") for a in actions) == scopes


async def test_palette_filters_by_speaker(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("ctrl+p", *"show only speaker zoe", "enter")
        await wait_for(pilot, lambda: speakers_of(quotes) == ["Zoë Müller"])


# -- untrusted text --------------------------------------------------------------------------


async def test_markup_and_escape_sequences_in_articles_are_shown_as_written(
    store, system_clipboard
) -> None:
    shown = NASTY.replace("\x1b", "\\x1b")
    app = QuoteBrowserApp(store)
    async with app.run_test(size=(200, 40)) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "mallory")
        await pilot.press("enter")
        assert len(quotes.rows) == 1
        rows = widget_text(quotes)
        assert "Mallory [/] [@click=app" in rows
        assert "[bold]x[/] [$x] [@click=app.quit]y \\x1b[31mred" in rows
        assert "Odd [bold]title[/] with [$x]" in rows
        detail = widget_text(app.query_one(DetailPane))
        assert shown in detail.replace("\n", "")
        assert "[$role]" in detail and "[wrote]" in detail
        assert "\x1b" not in screen_text(app)
        speakers = widget_text(app.query_one(SpeakersPanel))
        assert "Mallory [/]" in speakers
        await pilot.press("c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        assert "Mallory [/] [@click=app.quit]" in messages(app)[-1]
        await pilot.press("enter")
        article = screen_text(app)
        assert "Odd [bold]title[/] with [$x] markup" in article
        assert shown in article.replace("\n", "")
        # Clicking the quote text must not run the [@click=app.quit] it spells out.
        await pilot.click(".paragraph")
        await pilot.pause()
        assert app.is_running


async def test_palette_titles_with_markup_do_not_break_the_palette(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("ctrl+p", *"show only mallory", "enter")
        await wait_for(pilot, lambda: speakers_of(quotes) == ["Mallory [/] [@click=app.quit]"])


# -- other databases -------------------------------------------------------------------------


async def test_empty_database_without_seeds_says_how_to_add_articles(tmp_path: Path) -> None:
    app = QuoteBrowserApp(make_store(tmp_path / "empty.json"))
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        assert "quotebrowser ingest" in widget_text(quotes)
        await pilot.press("c", "enter", "j", "G", "question_mark")  # nothing to act on: no crash
        assert app.is_running


async def test_many_quotes_scroll_with_the_cursor(tmp_path: Path) -> None:
    from app_support import ArticleBuilder

    builder = ArticleBuilder("/news/long.txt", "A long article", ["1 March 2022"])
    for n in range(300):
        builder.quote(
            f"Line number {n} of the long statement", f"Speaker {n % 7}", group="official"
        ).end_paragraph()
    db = make_store(tmp_path / "long.json")
    fill(db, [builder.build()])
    app = QuoteBrowserApp(db)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("G")
        assert quotes.cursor == 299
        assert quotes.scroll_offset.y >= 299 - quotes.scrollable_content_region.height
        assert "Line number 299 " in widget_text(quotes)
        await pilot.press("pageup")
        assert quotes.cursor < 299
        await pilot.press("g")
        assert quotes.scroll_offset.y == 0



async def test_the_list_and_its_scrollbar_follow_a_search_that_shrinks_and_grows_it(
    tmp_path: Path,
) -> None:
    """The list's length is set without a layout pass: its scrollbar, scroll position and
    last row must still follow each result."""
    from app_support import ArticleBuilder

    builder = ArticleBuilder("/news/long.txt", "A long article", ["1 March 2022"])
    for n in range(300):
        word = "rare" if n % 50 == 0 else "common"
        builder.quote(f"Line {n} is {word} here", f"Speaker {n % 7}", group="official")
        builder.end_paragraph()
    db = make_store(tmp_path / "long.json")
    fill(db, [builder.build()])
    app = QuoteBrowserApp(db)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("G")  # scrolled to the bottom of 300 rows
        assert quotes.scroll_offset.y > 200
        await type_search(app, pilot, "rare")
        await pilot.pause()
        assert len(quotes.rows) == 6 and quotes.virtual_size.height == 6
        assert quotes.vertical_scrollbar.window_virtual_size == 6
        assert quotes.scroll_offset.y == 0  # no scrolling past the six rows
        assert "Line 250 is rare" in widget_text(quotes)
        search = app.query_one(SearchBar)
        before = app.pane.filter_generation
        search.value = ""
        await wait_for(pilot, lambda: app.pane.filter_generation > before)
        await pilot.pause()
        assert quotes.virtual_size.height == 300
        assert quotes.vertical_scrollbar.window_virtual_size == 300
        quotes.focus()
        await pilot.press("G")
        assert quotes.cursor == 299 and "Line 299 is common" in widget_text(quotes)


def test_corpus_is_consistent() -> None:
    # The builders' own invariant (text[start:end] == quote) guards every other test here.
    for document, found in corpus():
        for quote in found:
            assert document.text[quote.start : quote.end] == quote.text


async def test_palette_offers_the_article_views_own_actions(store) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, ArticleScreen) and screen.mark == 0
        await pilot.press("ctrl+p", *"next match", "enter")
        await wait_for(pilot, lambda: screen.mark == 1)
        await pilot.press("ctrl+p", *"back to the quotes", "enter")
        await wait_for(pilot, lambda: app.screen is not screen)


async def test_an_unreadable_database_ends_the_app_with_its_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    db = make_store(path)
    fill(db)
    path.write_text("{ this is not a quote database", encoding="utf-8")
    app = QuoteBrowserApp(db)  # opened before the file went bad, as if changed meanwhile
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.load_error is not None)
        await pilot.pause()
    assert app.return_code == 2
    assert "broken.json" in str(app.load_error)


async def test_detail_names_the_rule_and_resolver_and_flags_guesses(tmp_path) -> None:
    from app_support import ArticleBuilder

    article = (
        ArticleBuilder("guess.txt", "A guess")
        .say("Ana Lund spoke first. ")
        .quote(
            "Everything will be fine in the end",
            "Ana Lund",
            evidence="sentence-before",
            resolver="name",
        )
        .end_paragraph()
    )
    store = make_store(tmp_path / "q.json")
    fill(store, [article.build()])
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        detail = widget_text(app.query_one(DetailPane))
        # The rule that found the mention, and the resolver that took it to a name.
        assert "Evidence sentence-before · name" in detail
        assert "a guess from the context: check it" in detail


async def test_detail_gives_the_role_other_articles_give_when_its_own_gives_none(tmp_path) -> None:
    from app_support import ArticleBuilder

    titled = (
        ArticleBuilder("a.txt", "With a title")
        .quote("The bridge opens in May", "Ana Lund", role="Mayor of Westvale", group="official")
        .say(" said the mayor.")
        .end_paragraph()
    )
    bare = (
        ArticleBuilder("b.txt", "Without one")
        .quote("The road will wait", "Ana Lund", group="official")
        .say(" Lund said.")
        .end_paragraph()
    )
    store = make_store(tmp_path / "q.json")
    fill(store, [titled.build(), bare.build()])
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        texts = {}
        for _ in range(2):
            await wait_for(pilot, lambda: app.data is not None)
            await pilot.pause()
            texts[quotes.current_quote.source] = widget_text(app.query_one(DetailPane))
            await pilot.press("j")
        await pilot.pause()
        texts[quotes.current_quote.source] = widget_text(app.query_one(DetailPane))
        assert "Ana Lund, Mayor of Westvale (official)" in " ".join(texts["a.txt"].split())
        assert "Ana Lund, Mayor of Westvale (other articles)" in " ".join(texts["b.txt"].split())


def test_the_role_from_other_articles_is_the_one_the_speakers_list_gives(tmp_path) -> None:
    """One rule for a speaker's role across the archive: that of the capacity most quotes give.
    Here the fuller role ("senior adviser at a think tank", an analyst's, which contains the
    words of the other) would win over all roles; she is listed among officials."""
    from app_support import ArticleBuilder

    from quotebrowser.app.loaded import Loaded

    def article(name: str, role: str | None, group: str, texts: list[str]) -> ArticleBuilder:
        built = ArticleBuilder(name, f"About {name}")
        for text in texts:
            built = built.quote(text, "Ana Lund", role=role, group=group).say(" she said. ")
        return built.end_paragraph()

    store = make_store(tmp_path / "q.json")
    articles = [
        article("a.txt", "adviser", "official", ["The bridge opens in May", "It is paid for"]),
        article("c.txt", "senior adviser at a think tank", "analyst", ["Costs will rise"]),
        article("b.txt", None, "official", ["The road will wait"]),
    ]
    fill(store, [a.build() for a in articles])
    data = Loaded(store)
    (bare,) = data.quotes_of("b.txt")
    assert store.people().profile("Ana Lund").role == "adviser"
    assert data.people.role_of(bare.speaker) == "adviser"
