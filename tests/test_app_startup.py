"""Starting the app: the `tui` command, first run on an empty database, no spaCy otherwise."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from app_support import make_store, widget_text

from quotebrowser.cli import build_parser, main
from quotebrowser.cli.tui_cmd import read_keymap, run_tui
from quotebrowser.errors import UserError
from quotebrowser.model import REPORTED

TESTS = Path(__file__).parent


def test_bare_command_and_tui_open_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    assert parser.parse_args([]).default_func is run_tui
    assert parser.parse_args(["tui", "--style", "apa"]).func is run_tui
    # Under pytest there is no terminal: both say so in one line instead of a traceback.
    for argv in ([], ["tui"], ["--db", "x.json"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith("quotebrowser: the app needs a terminal")
        assert err.count("\n") == 1


def test_keymap_file(tmp_path: Path) -> None:
    good = tmp_path / "keys.toml"
    good.write_text('"app.copy" = "y"\n"quote_list.down" = "j,ctrl+n"\n', encoding="utf-8")
    assert read_keymap(str(good)) == {"app.copy": "y", "quote_list.down": "j,ctrl+n"}
    assert read_keymap(None) == {}
    bad = tmp_path / "bad.toml"
    bad.write_text("app.copy = = y", encoding="utf-8")
    with pytest.raises(UserError, match=r"bad\.toml: cannot read the keymap"):
        read_keymap(str(bad))
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('"app.copy" = 3\n', encoding="utf-8")
    with pytest.raises(UserError, match="must be key strings"):
        read_keymap(str(wrong))
    with pytest.raises(UserError, match="cannot read"):
        read_keymap(str(tmp_path / "missing.toml"))


def test_app_does_not_load_spacy_on_a_filled_database(tmp_path: Path) -> None:
    # A fresh interpreter: the test process itself may have loaded spaCy for other tests.
    db = tmp_path / "filled.json"
    code = textwrap.dedent(f"""
        import asyncio, sys
        sys.path.insert(0, {str(TESTS)!r})
        from app_support import fill, make_store
        from quotebrowser.app.app import QuoteBrowserApp
        from quotebrowser.seeds import seeds_dir

        store = make_store({str(db)!r})
        fill(store)

        async def run():
            app = QuoteBrowserApp(store, seed_paths=[str(seeds_dir())])
            async with app.run_test() as pilot:
                while app.data is None:
                    await pilot.pause(0.05)
                await pilot.press("slash", *"roads", "enter", "c", "enter", "n")
                await pilot.pause(0.2)
                # The app may read the rules' names; it never loads spaCy or the runner.
                print(app.data.total, "spacy" in sys.modules,
                      "quotebrowser.extract.runner" in sys.modules)

        asyncio.run(run())
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["7", "False", "False"]


async def test_first_run_reads_the_seeds_with_progress_then_shows_them(tmp_path: Path) -> None:
    from quotebrowser.app.app import QuoteBrowserApp
    from quotebrowser.app.first_run import IngestScreen
    from quotebrowser.app.quote_list import QuoteList
    from quotebrowser.seeds import seeds_dir

    store = make_store(tmp_path / "new.json")
    app = QuoteBrowserApp(store, seed_paths=[str(seeds_dir())])
    progress: list[str] = []
    async with app.run_test(size=(140, 40)) as pilot:

        async def wait_for_data() -> None:
            while app.data is None:
                screen = app.screen
                # The screen may be mounted before its widgets are: take what is there now.
                found = (
                    list(screen.query("#ingest-current"))
                    if isinstance(screen, IngestScreen)
                    else []
                )
                if found:
                    text = widget_text(found[0])
                    if text.strip() and (not progress or progress[-1] != text):
                        progress.append(text)
                await pilot.pause(0.05)

        await asyncio.wait_for(wait_for_data(), 180)
        await pilot.pause()
        # Until the first article is read the model is loading, and the screen says so.
        assert progress and "Loading the language model" in progress[0]
        assert any("of 5 articles" in p for p in progress)
        quotes = app.query_one(QuoteList)
        # Every quotation; the reported statements wait until a kind: asks for them.
        quotations = [q for q in store.snapshot().quotes if q.kind != REPORTED]
        assert len(quotes.rows) == len(quotations) > 10
        assert len(app.data.documents) == 5
        welcome = next(m for m in (n.message for n in app._notifications) if "Read 5" in m)
        assert "Add your own articles with `quotebrowser ingest PATH|URL`" in welcome
        assert "Putin" in widget_text(quotes)
