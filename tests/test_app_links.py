"""The app and web articles: the detail pane shows outlet, date and link; `o` opens the link,
Enter still opens the article view with the stored text."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from app_support import ArticleBuilder, fill, make_store, screen_text, widget_text

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.article_screen import ArticleScreen
from quotebrowser.app.detail_pane import DetailPane
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.model import Document

SIZE = (140, 40)
PAGE = "https://gazette.example/p?id=7"
CANONICAL = "https://gazette.example/news/port-strike-ends"


def web_article() -> tuple[Document, list]:
    document, quotes = (
        ArticleBuilder(PAGE, "Port strike ends after talks")
        .say("The strike ended on Tuesday. ")
        .quote(
            "We have a deal that our members can accept",
            "Tomas Reyes",
            role="regional secretary",
            group="official",
        )
        .say(", said Tomas Reyes.")
        .end_paragraph()
        .build()
    )
    metadata = {
        "title": "Port strike ends after talks",
        "outlet": "The Harbour Gazette",
        "date": "2024-03-05",
        "author": "Mara Okafor",
        "url": CANONICAL,
    }
    return Document(document.source, document.text, metadata), quotes


def file_article() -> tuple[Document, list]:
    return (
        ArticleBuilder("/news/local.txt", "Library stays open")
        .quote("We listened", "Dara Whitfield", group="official")
        .say(", she said.")
        .end_paragraph()
        .build()
    )


@pytest.fixture
def store(tmp_path: Path) -> object:
    db = make_store(tmp_path / "quotes.json")
    fill(db, [web_article(), file_article()])
    return db


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import webbrowser

    urls: list[str] = []

    def fake_open(url: str, *args: object, **kwargs: object) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return urls


async def wait_for(pilot, condition, timeout: float = 10.0) -> None:
    async def poll() -> None:
        while not condition():
            await pilot.pause(0.02)

    await asyncio.wait_for(poll(), timeout)


async def test_o_opens_the_link_of_a_web_quote_and_enter_the_article(store, opened) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.data is not None)
        quotes = app.query_one(QuoteList)
        assert quotes.current_quote.source == PAGE
        await pilot.pause()
        pane = widget_text(app.query_one(DetailPane))
        assert "The Harbour Gazette · 2024-03-05" in pane
        assert f"Link     {CANONICAL}" in pane
        await pilot.press("o")
        await wait_for(pilot, lambda: opened)
        assert opened == [CANONICAL]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ArticleScreen))
        assert "We have a deal that our members can accept" in screen_text(app)
        await pilot.press("o")  # from the article view too
        await wait_for(pilot, lambda: len(opened) == 2)
        assert opened[1] == CANONICAL


async def test_o_on_a_quote_without_a_link_says_so(store, opened) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.data is not None)
        await pilot.press("j")
        assert app.query_one(QuoteList).current_quote.source == "/news/local.txt"
        await pilot.press("o")
        await pilot.pause(0.1)
        assert opened == []
        assert "has no link" in "\n".join(str(n.message) for n in app._notifications)
        assert "Link " not in widget_text(app.query_one(DetailPane))
