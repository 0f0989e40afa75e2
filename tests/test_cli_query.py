"""`quotebrowser quotes QUERY`: the app's query language on the command line; flags shorten it."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from store_support import make_document

from quotebrowser.cli import main
from quotebrowser.store import Store


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.json"
    store = Store(path)
    a, qa = make_document(
        "/news/border.txt",
        [("The border stays open", "Ilham Aliyev"), ("Trade will grow", "Ilham Aliyev")],
        title="Summit talks",
        group="leader",
    )
    b, qb = make_document(
        "/blog/b.txt",
        [("The border plan is weak", "Ana Lima"), ("Aliyev is right on trade", "Ana Lima")],
        title="A blog",
        group="analyst",
    )
    store.add_many([(a, qa), (b, qb)])
    return path


def texts(db: Path, *argv: str) -> list[str]:
    code, out, err = run("quotes", *argv, "--format", "jsonl", "--db", str(db))
    assert code == 0, err
    return [json.loads(line)["text"] for line in out.splitlines()]


def test_query_text_as_in_the_app(db: Path) -> None:
    assert texts(db, "speaker:aliyev group:leaders border") == ["The border stays open"]
    assert texts(db, "speaker:aliyev", "trade") == ["Trade will grow"]  # words join


def test_flags_are_shorthands_for_the_query(db: Path) -> None:
    assert (
        texts(db, "--group", "analysts")
        == texts(db, "group:analyst")
        == ["The border plan is weak", "Aliyev is right on trade"]
    )
    # Free words match the speaker and the article too, as in the app.
    assert (
        texts(db, "--search", "aliyev")
        == texts(db, "aliyev")
        == ["The border stays open", "Trade will grow", "Aliyev is right on trade"]
    )
    assert texts(db, "--speaker", "lima ana") == texts(db, 'speaker:"lima ana"')
    assert len(texts(db, "--speaker", "lima ana")) == 2
    assert texts(db, "--source", "blog", "--search", "trade") == ["Aliyev is right on trade"]


def test_space_after_colon(db: Path) -> None:
    assert texts(db, "speaker: lima") == texts(db, "speaker:lima")
    assert len(texts(db, "speaker: lima")) == 2


@pytest.mark.parametrize(
    ("query", "named", "valid"),
    [
        ("who:aliyev", "'who'", "speaker"),
        ("group:pundits", "'pundits'", "leader, official, analyst"),
    ],
)
def test_unknown_field_or_value_is_one_line_with_the_valid_ones(
    db: Path, query: str, named: str, valid: str
) -> None:
    code, out, err = run("quotes", query, "--db", str(db))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and named in err and valid in err


def test_sort_and_statements(db: Path) -> None:
    # By surname, as an index: Aliyev (Ilham) before Lima (Ana).
    assert texts(db, "sort:speaker")[:2] == ["The border stays open", "Trade will grow"]
    code, out, _ = run("quotes", "show:statements", "--format", "jsonl", "--db", str(db))
    assert code == 0 and all(json.loads(line)["outlets"] == 1 for line in out.splitlines())


def test_every_command_is_in_the_table_that_loads_its_module() -> None:
    """`cli.COMMANDS` names each command's module: a command a module registers but the table
    leaves out would be unknown on the command line."""
    import argparse

    from quotebrowser import cli

    for module in cli.command_modules():
        parser = argparse.ArgumentParser()
        module.register(parser.add_subparsers(), argparse.ArgumentParser(add_help=False))
        registered = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
        tail = module.__name__.rsplit(".", 1)[1]
        assert registered == {c for c, m in cli.COMMANDS.items() if m == tail}
    help_text = cli.build_parser([]).format_help()
    assert all(command in help_text for command in cli.COMMANDS)


def test_quotes_imports_neither_the_extractor_nor_the_app(db: Path) -> None:
    """A `quotes` run loads the store and the query language only (a cold start at a million
    quotes is mostly imports): no attribution rules, no spaCy, no Textual."""
    import subprocess
    import sys

    probe = (
        "import sys; from quotebrowser.cli import main; "
        f"code = main(['quotes', 'border', '--db', {str(db)!r}, '--format', 'jsonl']); "
        "print(sorted(m for m in sys.modules if m.startswith(('quotebrowser.extract.rules', "
        "'quotebrowser.app', 'textual', 'spacy', 'quotebrowser.cli.extract_cmd'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert '"The border stays open"' in out
    assert out.rstrip().endswith("[]")
    # `evidence:` still knows the rules' names, loaded when asked for.
    assert run("quotes", "evidence:guess", "--db", str(db))[0] == 0
    code, _out, err = run("quotes", "evidence:nonsense", "--db", str(db))
    assert code != 0 and "verb-after" in err
