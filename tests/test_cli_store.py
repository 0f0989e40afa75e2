"""The database commands end to end: ingest the seeds with the real extractor, then query."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from store_support import random_document

from quotebrowser.cli import main
from quotebrowser.store import Store
from quotebrowser.whoswho import fold

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The seeds ingested once per session; (database, ingest's stdout)."""
    db = tmp_path_factory.mktemp("cli") / "seeds.json"
    code, out, err = run("ingest", str(SEEDS), "--db", str(db), "--jobs", "1")
    assert code == 0, err
    return db, out


def test_ingest_prints_a_one_line_summary(seeds_db: tuple[Path, str]) -> None:
    db, out = seeds_db
    lines = out.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("5 documents: 5 added, 0 unchanged, 0 replaced, 0 failed;")
    assert str(db) in lines[0]


def test_quotes_by_speaker_have_exact_offsets_into_their_files(
    seeds_db: tuple[Path, str],
) -> None:
    db, _ = seeds_db
    code, out, err = run("quotes", "--speaker", "aliyev", "--format", "jsonl", "--db", str(db))
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records, "the extractor attributed no quote to Aliyev"
    for rec in records:
        assert "aliyev" in fold(rec["speaker"])
        text = Path(rec["source"]).read_text(encoding="utf-8")
        assert text[rec["start"] : rec["end"]] == rec["text"]
        assert Path(rec["source"]).is_absolute()
    # The filter is a filter: everyone else's quotes are left out, none of Aliyev's.
    code, out, _ = run("quotes", "--format", "jsonl", "--db", str(db))
    everyone = [json.loads(line) for line in out.splitlines()]
    theirs = [r for r in everyone if r["speaker"] and "aliyev" in fold(r["speaker"])]
    assert [r["id"] for r in records] == [r["id"] for r in theirs]
    assert len(everyone) > len(records)


def test_speaker_match_ignores_case_and_accents(seeds_db: tuple[Path, str]) -> None:
    db, _ = seeds_db
    _, plain, _ = run("quotes", "--speaker", "aliyev", "--format", "jsonl", "--db", str(db))
    _, fancy, _ = run("quotes", "--speaker", "ÁLİYEV", "--format", "jsonl", "--db", str(db))
    assert plain == fancy


def test_reingest_changes_nothing(seeds_db: tuple[Path, str]) -> None:
    db, _ = seeds_db
    before = db.read_bytes()
    code, out, _ = run("ingest", str(SEEDS), "--db", str(db), "--jobs", "1")
    assert code == 0
    assert "0 added, 5 unchanged, 0 replaced, 0 failed; 0 quotes stored" in out
    assert db.read_bytes() == before


def test_speakers_and_formats(seeds_db: tuple[Path, str]) -> None:
    db, _ = seeds_db
    code, out, _ = run("speakers", "--format", "csv", "--db", str(db))
    assert code == 0
    header, *rows = out.splitlines()
    assert header == "\ufeffname,role,group,quotes,statements,documents,aliases"  # spreadsheets
    assert rows
    code, out, _ = run("quotes", "--format", "markdown", "--db", str(db))
    assert out.splitlines()[0].startswith("| id | speaker | speaker_role | speaker_group | text |")
    code, out, _ = run("quotes", "--format", "table", "--search", "zzzz-nothing", "--db", str(db))
    assert code == 0


def test_cite_by_prefix_in_every_style(seeds_db: tuple[Path, str]) -> None:
    db, _ = seeds_db
    _, out, _ = run("quotes", "--speaker", "aliyev", "--format", "jsonl", "--db", str(db))
    rec = json.loads(out.splitlines()[0])
    for style in ("plain", "markdown", "apa", "chicago", "bibtex"):
        code, text, err = run("cite", rec["id"][:10], "--style", style, "--db", str(db))
        assert code == 0, err
        assert "Aliyev" in text
    code, text, _ = run("cite", rec["id"], "--db", str(db))
    # The words and where they were reported; never a path (the seeds have no link).
    assert rec["text"] in text and "TASS" in text and "/" not in text


def test_cite_unknown_id_is_one_line(seeds_db: tuple[Path, str]) -> None:
    db, _ = seeds_db
    code, out, err = run("cite", "zzzz", "--db", str(db))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "no quote with id 'zzzz'" in err


def test_cite_copy_says_what_happened(seeds_db: tuple[Path, str], monkeypatch) -> None:
    import pyperclip

    db, _ = seeds_db
    _, out, _ = run("quotes", "--format", "jsonl", "--db", str(db))
    qid = json.loads(out.splitlines()[0])["id"]
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    code, text, err = run("cite", qid, "--copy", "--db", str(db))
    assert code == 0 and copied == [text.rstrip("\n")]
    assert "copied to the system clipboard" in err

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException("could not find a copy/paste mechanism")

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    code, _, err = run("cite", qid, "--copy", "--db", str(db))
    assert code == 1  # nothing was copied
    assert "no system clipboard available" in err and "not copied" in err


def test_bad_files_reported_while_good_ones_land(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = folder / "good.txt"
    shutil.copy(SEEDS / "004_4ccb2aa6aaea8161.txt", good)
    (folder / "empty.txt").write_text("")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 4)
    db = tmp_path / "q.json"
    code, out, err = run(
        "ingest", str(folder), str(tmp_path / "nope.txt"), "--db", str(db), "--jobs", "1"
    )
    assert code == 1
    assert "1 added" in out and "3 failed" in out
    for name in ("empty.txt", "photo.txt", "nope.txt"):
        assert name in err
    assert "Traceback" not in err
    assert set(Store(db).snapshot().documents) == {str(good)}


def test_corrupt_database_is_refused_and_kept(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    Store(db).add_many(random_document(f"/d/{i}.txt", i) for i in range(3))
    damaged = db.read_bytes()[:-50]
    db.write_bytes(damaged)
    for argv in (
        ("quotes",),
        ("speakers",),
        ("cite", "ab"),
        ("ingest", str(SEEDS / "000_bfc4ceba38a2b3e2.txt"), "--jobs", "1"),
    ):
        code, out, err = run(*argv, "--db", str(db))
        assert code == 2 and out == "", argv
        assert err.startswith(f"quotebrowser: {db} is not a quotebrowser database")
        assert err.count("\n") == 1 and "Traceback" not in err
        assert db.read_bytes() == damaged


def test_doctor_then_salvage(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    Store(db).add_many(random_document(f"/d/{i}.txt", i) for i in range(4))
    code, out, _ = run("doctor", "--db", str(db))
    assert code == 0 and "all consistent" in out
    damaged = db.read_bytes()[: db.stat().st_size // 2]
    db.write_bytes(damaged)
    code, out, _ = run("doctor", "--db", str(db))
    assert code == 1 and "problem: not valid JSON" in out and "--salvage" in out
    assert db.read_bytes() == damaged
    code, out, _ = run("doctor", "--salvage", "--db", str(db))
    assert code == 0 and "backup:" in out and "salvaged:" in out
    backup = Path(out.split("backup: ")[1].split("\n")[0])
    assert backup.read_bytes() == damaged
    code, out, _ = run("quotes", "--format", "jsonl", "--db", str(db))
    assert code == 0 and out


def test_db_option_environment_and_missing_database(tmp_path: Path, monkeypatch) -> None:
    env_db = tmp_path / "env.json"
    Store(env_db).add(*random_document("/env.txt", 1))
    monkeypatch.setenv("QUOTEBROWSER_DB", str(env_db))
    code, out, _ = run("quotes", "--format", "jsonl")
    assert code == 0 and "/env.txt" in out
    code, _, err = run("quotes", "--db", str(tmp_path / "other.json"))
    assert code == 2 and "no quotes stored in" in err and "ingest" in err


def test_two_ingest_processes_at_once_both_land(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    folders = []
    for name, seeds in (("a", ("000", "001", "002")), ("b", ("003", "004"))):
        folder = tmp_path / name
        folder.mkdir()
        for prefix in seeds:
            src = next(SEEDS.glob(f"{prefix}_*.txt"))
            shutil.copy(src, folder / src.name)
        folders.append(folder)
    env = {**os.environ, "QUOTEBROWSER_DB": str(db)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "quotebrowser", "ingest", str(f), "--jobs", "1"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in folders
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "0 failed" in out
    documents = Store(db).snapshot().documents
    assert {Path(s).parent.name for s in documents} == {"a", "b"}
    assert len(documents) == 5


def test_the_readme_opens_a_database_with_plain_tinydb(seeds_db: tuple[Path, str]) -> None:
    """The README's `python -c` snippet, run as written on a database `quotebrowser ingest`
    wrote, lists every stored quote."""
    db, _ = seeds_db
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(
        b for b in readme.split("```") if b.lstrip().startswith('python -c "\nimport sys')
    )
    command, code_and_args = block.strip().split(" ", 1)
    assert command == "python"
    code = code_and_args.split('"', 1)[1].rsplit('"', 1)[0]
    done = subprocess.run(
        [sys.executable, "-c", code, str(db)], capture_output=True, text=True, check=True
    )
    quotes = list(Store(db).snapshot().quotes)
    assert quotes
    for q in quotes:
        assert f"{q.id} {q.speaker} | {q.text}" in done.stdout
    assert done.stdout.count("|") >= len(quotes)


def test_reported_statements_are_counted_apart_and_listed_only_when_asked(
    seeds_db: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = seeds_db
    copy = tmp_path / "copy.json"
    for path in db.parent.glob(db.name + "*"):  # the database with its shards and index
        target = tmp_path / path.name.replace(db.name, copy.name)
        (shutil.copytree if path.is_dir() else shutil.copy)(path, target)
    store = Store(copy)
    snapshot = store.snapshot()
    said = [q for q in snapshot.quotes if q.kind == "reported" and q.speaker]
    assert said, "the seeds report statements without quotation marks"
    by_name = {p.name: p for p in store.people().profiles()}
    for name in {q.speaker for q in said}:
        own = [q for q in snapshot.quotes if q.speaker and fold(q.speaker) == fold(name)]
        profile = next(p for p in by_name.values() if fold(p.name) == fold(name))
        assert profile.statements == sum(q.kind == "reported" for q in own)
        assert profile.quotes == sum(q.kind != "reported" for q in own)
    # `quotes` lists them only when a kind: asks, and then says which is which.
    _, plain, _ = run("quotes", "--format", "jsonl", "--db", str(copy))
    assert all(json.loads(line)["kind"] != "reported" for line in plain.splitlines())
    code, table, _ = run("quotes", "kind:reported", "--format", "table", "--db", str(copy))
    assert code == 0 and "kind" in table.splitlines()[1] and "reported" in table
    # A statement given to someone else by hand moves its count with it.
    moved = said[0]
    before = store.people().profile(moved.speaker).statements
    assert run("correct", moved.id, "--speaker", "Jane Roe", "--db", str(copy))[0] == 0
    store = Store(copy)
    assert store.people().profile("Jane Roe").statements == 1
    after = store.people().profile(moved.speaker)
    assert (after.statements if after else 0) == before - 1
