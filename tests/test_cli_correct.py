"""`correct`, `speakers --merge/--rename/--duplicates` and `eval --db` end to end, on the seeds
ingested with the real extractor."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from quotebrowser.cli import main
from quotebrowser.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "data" / "seeds_gold.json"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def seeds_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("correct") / "seeds.json"
    code, _, err = run("ingest", str(SEEDS), "--db", str(db), "--jobs", "1")
    assert code == 0, err
    return db


@pytest.fixture
def db(seeds_once: Path, tmp_path: Path) -> str:
    """A fresh copy of the seeds database for each test (tests change it)."""
    copy = tmp_path / "seeds.json"
    shutil.copy(seeds_once, copy)
    for beside in ("texts", "shards"):  # the index is rebuilt from the shards on first read
        shutil.copytree(f"{seeds_once}.{beside}", f"{copy}.{beside}")
    return str(copy)


def quotes(db: str, *query: str) -> list[dict]:
    code, out, err = run("quotes", *query, "--db", db, "--format", "jsonl")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_correct_speaker_shows_in_exports_and_citations(db: str) -> None:
    first = quotes(db)[0]
    code, out, err = run(
        "correct",
        first["id"][:10],
        "--speaker",
        "Ada Quill",
        "--role",
        "harbour master",
        "--group",
        "official",
        "--db",
        db,
    )
    assert code == 0, err
    assert "Ada Quill" in out and f"was {first['speaker']}" in out
    fixed = next(q for q in quotes(db) if q["id"] == first["id"])
    assert (fixed["speaker"], fixed["role"], fixed["group"], fixed["corrected"]) == (
        "Ada Quill",
        "harbour master",
        "official",
        True,
    )
    assert [q["id"] for q in quotes(db, "show:corrected")] == [first["id"]]
    code, out, _ = run("cite", first["id"][:10], "--db", db)
    assert "Ada Quill, harbour master" in out
    code, out, _ = run("quotes", "--db", db, "--format", "csv")
    assert "Ada Quill" in out


def test_not_a_quote_hides_it_until_show_rejected_and_undo(db: str) -> None:
    everything = quotes(db)
    target = everything[3]["id"]
    assert run("correct", target, "--not-a-quote", "--db", db)[0] == 0
    assert target not in {q["id"] for q in quotes(db)}
    shown = {q["id"]: q for q in quotes(db, "show:rejected")}
    assert shown[target]["rejected"] is True and len(shown) == len(everything)
    code, out, _ = run("correct", target, "--undo", "--db", db)
    assert code == 0 and "not a quote" in out
    assert len(quotes(db)) == len(everything)
    code, _, err = run("correct", target, "--undo", "--db", db)
    assert code != 0 and err.count("\n") == 1 and "no correction to undo" in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("correct", "zzzzzz", "--not-a-quote"), "no quote with id 'zzzzzz'"),
        (("correct", "abc", "--role", "x", "--not-a-quote"), "--role and --group go with"),
        (("speakers", "--merge", "Nobody Here", "Vladimir Putin"), "no speaker 'Nobody Here'"),
        (("speakers", "--merge", "Vladimir Putin", "Nobody Here"), "no speaker 'Nobody Here'"),
        (("speakers", "--rename", "Nobody Here", "X"), "no speaker 'Nobody Here'"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(db: str, argv: tuple, message: str) -> None:
    before = Path(db).read_bytes()
    code, out, err = run(*argv, "--db", db)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and message in err, err
    assert Path(db).read_bytes() == before


def test_ambiguous_prefix_is_refused(db: str) -> None:
    ids = [q["id"] for q in quotes(db)]
    shared = next(i[0] for i in ids if sum(j[0] == i[0] for j in ids) > 1)
    code, _, err = run("correct", shared, "--not-a-quote", "--db", db)
    assert code != 0 and "give more characters" in err and err.count("\n") == 1


def test_speakers_merge_rename_and_duplicates(db: str) -> None:
    people = Store(db).people().profiles()
    a, b = people[1].name, people[0].name
    code, out, err = run("speakers", "--merge", a, b, "--db", db)
    assert code == 0, err
    assert f"of {a} now show under {b}" in out
    merged = {p.name: p for p in Store(db).people().profiles()}
    assert a not in merged and merged[b].quotes == people[0].quotes + people[1].quotes
    assert a in merged[b].aliases
    assert {q["speaker"] for q in quotes(db, f'speaker:"{b}"')} == {b}
    code, _, err = run("speakers", "--rename", b, "The Renamed One", "--db", db)
    assert code == 0, err
    assert Store(db).people().profiles()[0].name == "The Renamed One"
    code, out, err = run("speakers", "--duplicates", "--db", db, "--format", "jsonl")
    assert code == 0, err
    assert all({"name", "other", "why"} == set(json.loads(line)) for line in out.splitlines())


def test_eval_db_scores_the_corrected_quotes(db: str) -> None:
    def scores() -> dict:
        code, out, err = run("eval", str(GOLD), "--db", db, "--json")
        assert code == 0, err
        return json.loads(out)

    before = scores()
    assert before["attribution_accuracy"] == 1.0
    stored = quotes(db)
    run("correct", stored[0]["id"], "--speaker", "Ada Quill", "--db", db)
    run("correct", stored[1]["id"], "--not-a-quote", "--db", db)
    after = scores()
    assert after["predicted_quotes"] == before["predicted_quotes"] - 1
    assert after["attribution_accuracy"] < 1.0
