"""Taking quotes out of the app (issue 21, part B): space marks quotes, `c` copies their
citations, `E` exports what is shown (or marked) to CSV, JSON Lines or Markdown as
`quotebrowser quotes --format` writes it, from a key and from the palette; `o` opens only an
http(s) link."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from app_support import ArticleBuilder, fill, make_store, widget_text
from cli_support import run
from test_app import SIZE, started, type_search, wait_for

from quotebrowser.app.app import QuoteBrowserApp
from quotebrowser.app.export_screen import ExportScreen
from quotebrowser.app.quote_list import QuoteList
from quotebrowser.citation import cite_all
from quotebrowser.model import Document
from quotebrowser.store import Store


@pytest.fixture
def system_clipboard(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import quotebrowser.clipboard

    copied: list[str] = []

    def fake(text: str) -> tuple[bool, str]:
        copied.append(text)
        return True, "copied to the system clipboard"

    monkeypatch.setattr(quotebrowser.clipboard, "copy_to_system_clipboard", fake)
    return copied


def said(app: QuoteBrowserApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_space_marks_three_quotes_and_c_copies_their_three_citations(
    store: Store, system_clipboard: list[str]
) -> None:
    app = QuoteBrowserApp(store, style="apa")
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        first = quotes.current_quote
        await pilot.press("space", "j", "space", "space")  # the 1st, 3rd and 4th rows
        chosen = [quotes.quotes[quotes.rows[i]] for i in (0, 2, 3)]
        assert list(quotes.marked) == [q.id for q in chosen] and chosen[0] == first
        assert "3 marked" in widget_text(app.query_one("#status"))
        assert widget_text(quotes).count("● ") == 3
        await pilot.press("c")
        await wait_for(pilot, lambda: app.last_copy is not None)
        expected = cite_all([(q, store.document_info(q.source)) for q in chosen], "apa")
        assert app.clipboard == expected == system_clipboard[0]
        for q in chosen:  # each quote's in-text citation, in the order marked
            assert f"“{q.text}”" in expected
        assert expected.index(chosen[0].text) < expected.index(chosen[2].text)
        assert "3 APA citations" in str(list(app._notifications)[-1].title)
        # Marks stay while the search changes; U takes them all off.
        await type_search(app, pilot, "peace")
        assert len(quotes.marked) == 3
        quotes.focus()
        await pilot.press("U")
        assert not quotes.marked and "marked" not in widget_text(app.query_one("#status"))
        await pilot.press("c")  # without marks, c copies the quote under the cursor
        await wait_for(pilot, lambda: len(system_clipboard) == 2)
        peace = quotes.current_quote
        assert peace.text == "Peace is within reach"
        assert system_clipboard[1] == cite_all([(peace, store.document_info(peace.source))], "apa")


async def test_E_exports_the_quotes_shown_as_the_cli_does(store: Store, tmp_path: Path) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await type_search(app, pilot, "speaker:aliyev sort:date")
        quotes.focus()
        for fmt, key_presses in (("csv", []), ("jsonl", ["down"]), ("markdown", ["down", "down"])):
            target = tmp_path / f"shown.{fmt}"
            await pilot.press("E")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
            assert "Export the 3 quotes shown" in widget_text(app.screen.query_one("#export-title"))
            await pilot.press(*key_presses)
            app.screen.query_one("#path").value = str(target)
            await pilot.press("enter")
            await wait_for(pilot, lambda target=target: target.exists() and any(
                str(target) in m for m in said(app)))
            code, out, err = run(
                "quotes", "speaker:aliyev sort:date", "--format", fmt, "--db", str(store.path)
            )
            assert code == 0, err
            # The file's bytes as the CLI writes them (CSV rows end in CRLF either way).
            assert target.read_bytes() == out.encode()
        assert "Exported 3 quotes to" in said(app)[-1]


async def test_the_palette_exports_the_marked_quotes(store: Store, tmp_path: Path) -> None:
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        quotes = await started(app, pilot)
        await pilot.press("space", "space")
        await pilot.press("ctrl+p", *"export", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert "Export the 2 marked quotes" in widget_text(app.screen.query_one("#export-title"))
        await pilot.press("down")  # JSON Lines: the file's suffix follows
        path = app.screen.query_one("#path")
        assert path.value.endswith(".jsonl")
        path.value = str(tmp_path / "marked.jsonl")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (tmp_path / "marked.jsonl").exists()
                       and any("Exported 2 quotes" in m for m in said(app)))
        lines = (tmp_path / "marked.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line)["id"] for line in lines] == list(quotes.marked)


async def test_export_to_an_unwritable_place_says_why(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one("#path").value = str(blocker / "inside.csv")
        await pilot.press("enter")
        await wait_for(pilot, lambda: any("Could not export" in m for m in said(app)))
        assert app.is_running


async def test_o_refuses_a_link_that_is_not_http(tmp_path: Path, monkeypatch) -> None:
    import webbrowser

    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: opened.append(url) or True)
    # A database written before links were checked: the record's url is a script.
    store = make_store(tmp_path / "old.json")
    document, quotes = (
        ArticleBuilder("/old/record.txt", "Old record").quote("Click here", "Eve Doe").build()
    )
    fill(store, [(Document(document.source, document.text, {"url": "javascript:alert(1)"}),
                  quotes)])
    app = QuoteBrowserApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await started(app, pilot)
        assert app.query_one(QuoteList).current_quote.text == "Click here"
        await pilot.press("o")
        await wait_for(pilot, lambda: any("not an http(s) link" in m for m in said(app)))
        await pilot.pause(0.1)
        assert opened == []
