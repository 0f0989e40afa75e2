"""Undo on the command line: merges, renames and unmerges are undone exactly, in the order made,
and `speakers --unmerge NAME` shows a name as written again, whoever merged it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from store_support import make_document

from quotebrowser.store import Store


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "quotes.json"
    store = Store(path)
    store.add(
        *make_document(
            "/news/port.txt",
            [
                ("The ferries will sail again on Monday", "Ana Lima"),
                ("We never asked for more than a fair wage", "Jon Berg"),
                ("The harbour stays open all winter", "Ines Vidal"),
            ],
        )
    )
    store.add(
        *make_document(
            "/news/summit.txt",
            [
                ("We will build the bridge together", "Donald J. Trump"),
                ("Nobody builds bridges like we do", "Donald Trump"),
                ("Tariffs are on the table", "Donald Trump"),
            ],
        )
    )
    return str(path)


def speakers(db: str) -> dict[str, str]:
    """Name -> aliases, as `speakers` lists them."""
    code, out, err = run("speakers", "--db", db, "--format", "jsonl")
    assert code == 0, err
    return {row["name"]: row["aliases"] for row in map(json.loads, out.splitlines())}


def ok(*argv: str) -> str:
    code, out, err = run(*argv)
    assert code == 0, err
    return out


def test_speakers_undo_takes_back_renames_and_merges_last_first(db: str) -> None:
    ok("speakers", "--merge", "Jon Berg", "Ana Lima", "--db", db)
    assert speakers(db)["Ana Lima"] == "Jon Berg"
    ines = next(q for q in Store(db).snapshot().quotes if q.speaker == "Ines Vidal")
    ok("correct", ines.id, "--not-a-quote", "--db", db)
    ok("speakers", "--rename", "Ana Lima", "Ana M. Lima", "--db", db)
    assert speakers(db)["Ana M. Lima"] == "Ana Lima; Jon Berg"
    assert ok("speakers", "--undo", "--db", db) == "undone: rename of Ana Lima to Ana M. Lima\n"
    # The merge made before the rename is as it was; the correction in between is untouched.
    assert speakers(db)["Ana Lima"] == "Jon Berg"
    assert ok("speakers", "--undo", "--db", db) == "undone: merge of Jon Berg into Ana Lima\n"
    listed = speakers(db)
    assert listed["Ana Lima"] == "" and "Jon Berg" in listed
    assert Store(db).get_quote(ines.id).rejected
    code, _, err = run("speakers", "--undo", "--db", db)
    assert code == 2 and "no merge, rename or unmerge to undo" in err


def test_unmerge_shows_a_name_the_user_merged_as_written_again(db: str) -> None:
    ok("speakers", "--merge", "Jon Berg", "Ana Lima", "--db", db)
    out = ok("speakers", "--unmerge", "jon berg", "--db", db)
    assert "Jon Berg's quotes show under Jon Berg again" in out
    assert speakers(db)["Jon Berg"] == "" and speakers(db)["Ana Lima"] == ""
    assert ok("speakers", "--undo", "--db", db) == "undone: unmerge of Jon Berg\n"
    assert speakers(db)["Ana Lima"] == "Jon Berg"


def test_unmerge_keeps_apart_a_name_the_archive_merged(db: str) -> None:
    assert speakers(db)["Donald Trump"] == "Donald J. Trump"
    out = ok("speakers", "--unmerge", "Donald J. Trump", "--db", db)
    assert "1 quote show under Donald J. Trump again" in out
    listed = speakers(db)
    assert listed["Donald J. Trump"] == "" and listed["Donald Trump"] == ""


def test_unmerge_of_a_name_shown_as_written_says_so(db: str) -> None:
    code, out, err = run("speakers", "--unmerge", "Ines Vidal", "--db", db)
    assert code == 2 and not out
    assert "'Ines Vidal' is not shown under another name" in err


def test_the_store_undoes_corrections_and_name_changes_in_the_order_made(db: str) -> None:
    store = Store(db)
    quotes = store.snapshot().quotes
    made = [
        store.correct(quotes[2].id, reject=True),
        store.rename_speaker("Jon Berg", "Ana Lima", merge=True),
        store.correct(quotes[3].id, speaker="Ana Lima"),
    ]
    assert [m.seq for m in made] == [1, 2, 3]
    assert [store.undo().describe() for _ in made] == [m.describe() for m in reversed(made)]
    assert store.undo() is None
    # One action by its number, the others left alone; a second undo of it finds nothing.
    first = store.correct(quotes[2].id, reject=True)
    merge = store.rename_speaker("Jon Berg", "Ana Lima", merge=True)
    assert store.undo(first.seq) == first
    assert store.undo(first.seq) is None
    assert store.people().profile("Ana Lima").aliases == ("Jon Berg",)
    assert store.undo(merge.seq) == merge
