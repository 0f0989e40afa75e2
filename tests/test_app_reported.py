"""Reported statements in the app: left out until asked for, marked apart from quotes in the list,
the detail pane and the article view (their own colour), counted apart in the speakers panel,
and cited as a paraphrase without quotation marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_support import make_store, widget_text
from test_app import SIZE, started, system_clipboard, type_search, wait_for  # noqa: F401

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.article_screen import CURRENT_REPORTED, QUOTE_MARK, ArticleScreen
from quotebrowser.app.detail_pane import REPORTED_STYLE, DetailPane
from quotebrowser.app.quote_list import REPORTED_MARK
from quotebrowser.app.search_bar import SearchBar
from quotebrowser.app.speakers_panel import SpeakersPanel
from quotebrowser.model import REPORTED, Document, Quote, quote_id

SOURCE = "/news/port.txt"
SAID = "the port would reopen on Monday"
QUOTED = "We are ready to sign"
TEXT = (
    "Port talks resume\n11 January 2021\nSource: Example Wire\n\n"
    f"Port director Ana Lima said that {SAID}. “{QUOTED},” she added.\n"
)


def article() -> tuple[Document, list[Quote]]:
    def at(words: str, kind: str, cue: str, evidence: str) -> Quote:
        start = TEXT.index(words)
        return Quote(
            quote_id(SOURCE, words),
            SOURCE,
            words,
            start,
            start + len(words),
            "Ana Lima",
            "Port director",
            "official",
            kind,
            cue,
            1,
            evidence,
            "name",
        )

    return Document(SOURCE, TEXT), [
        at(SAID, REPORTED, "said", "speech-clause"),
        at(QUOTED, "direct", "added", "verb-after"),
    ]


@pytest.fixture
def port(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = make_store(tmp_path / "q.json")
    store.add(*article())  # type: ignore[attr-defined]
    return store


async def test_statements_wait_until_asked_and_the_panel_counts_them_apart(port) -> None:
    app = QuoteBrowserApp(port)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        assert [quotes.quotes[i].kind for i in quotes.rows] == ["direct"]
        panel = widget_text(app.query_one(SpeakersPanel))
        assert "All quotes  1 +1" in panel and "Ana Lima  1 +1" in panel
        assert "1 of 1 quote and 1 reported statement" in widget_text(app.query_one("#status"))
        # `w` shows them beside the quotes (kind:all in the search text), marked; `w` again not.
        await pilot.press("w")
        await wait_for(pilot, lambda: len(quotes.rows) == 2)
        assert "kind:all" in app.query_one(SearchBar).value
        rows = widget_text(quotes)
        assert REPORTED_MARK + SAID in rows and f"{REPORTED_MARK}{QUOTED}" not in rows
        await pilot.press("w")
        await wait_for(pilot, lambda: len(quotes.rows) == 1)
        assert "kind:" not in app.query_one(SearchBar).value


async def test_a_statement_is_marked_in_the_detail_and_the_article_and_cited_as_a_paraphrase(
    port,
    system_clipboard,  # noqa: F811
) -> None:
    app = QuoteBrowserApp(port, style="plain")
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "kind:reported speaker:lima")
        await pilot.press("enter")
        assert quotes.current_quote is not None and quotes.current_quote.text == SAID
        detail = widget_text(app.query_one(DetailPane))
        assert "Reported" in detail and "not their words" in detail
        assert "reported statement" in detail
        context = app.query_one("#detail-context").visual
        assert [(context.plain[s.start : s.end], str(s.style)) for s in context.spans] == [
            (SAID, REPORTED_STYLE)
        ]
        await pilot.press("c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        copied = app.last_copy[0]  # type: ignore[index]
        assert copied.startswith(f"Ana Lima, Port director, said that {SAID} (")
        assert not any(mark in copied for mark in "“”\"‘’")  # a paraphrase, never a quotation
        assert "reported statement (a paraphrase)" in [n.title for n in app._notifications][-1]
        # The article view marks the statement in its own colour and the quote as a quote.
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        paragraph = screen._render_paragraph(1)
        styles = {paragraph.plain[s.start : s.end]: str(s.style) for s in paragraph.spans}
        assert styles == {SAID: CURRENT_REPORTED, QUOTED: QUOTE_MARK}
        assert "reported statement 1 of 2" in widget_text(screen.query_one("#article-status"))


def test_speakers_lists_quotes_and_statements_apart(port) -> None:
    [profile] = port.people().profiles()
    assert (profile.name, profile.quotes, profile.statements) == ("Ana Lima", 1, 1)
