"""Ordinary use never loses or mixes up stored data: standard input, moved and copied files,
re-ingest after a salvage, forgetting documents, and doctor's advice on hopeless files."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_ingest import find_quotes, write_articles

from quotebrowser.cli import main
from quotebrowser.ingest import run_ingest
from quotebrowser.store import Store


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def feed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(text.encode())))


def test_each_text_on_stdin_is_its_own_document(tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path / "q.json")
    feed(monkeypatch, "First\n\n\u201cAlpha speaks here\u201d\n")
    first = run_ingest(store, ["-"], extractor=find_quotes)
    feed(monkeypatch, "Second\n\n\u201cBeta speaks here\u201d\n")
    second = run_ingest(store, ["-"], extractor=find_quotes)
    assert (first.added, second.added, second.replaced) == (1, 1, 0)
    texts = sorted(q.text for q in store.snapshot().quotes)
    assert texts == ["Alpha speaks here", "Beta speaks here"]
    feed(monkeypatch, "First\n\n\u201cAlpha speaks here\u201d\n")
    assert run_ingest(store, ["-"], extractor=find_quotes).unchanged == 1  # named by its content


def test_stdin_named_by_the_user(tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path / "q.json")
    feed(monkeypatch, "T\n\n\u201cGamma speaks here\u201d\n")
    run_ingest(store, ["-"], extractor=find_quotes, stdin_name="notes/call.txt")
    assert list(store.documents()) == ["notes/call.txt"]


def test_renamed_file_updates_its_path_and_copy_is_reported(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.json")
    (path,) = write_articles(tmp_path / "in", 1)
    run_ingest(store, [str(path)], extractor=find_quotes)
    ids = sorted(q.id for q in store.snapshot().quotes)
    moved = path.rename(tmp_path / "in" / "renamed.txt")
    summary = run_ingest(store, [str(moved)], extractor=find_quotes)
    assert summary.moved == 1 and summary.added == 0
    snap = store.snapshot()
    assert list(snap.documents) == [str(moved)]
    assert {q.source for q in snap.quotes} == {str(moved)}
    assert sorted(q.id for q in snap.quotes) == ids  # citations by id keep working
    copy = tmp_path / "copy.txt"
    copy.write_bytes(moved.read_bytes())
    summary = run_ingest(store, [str(copy)], extractor=find_quotes)
    assert summary.copies == [(str(copy), str(moved))]
    assert "already stored under another name" in summary.line()
    assert len(store.snapshot().quotes) == len(ids)


def test_a_copy_within_one_run_names_the_article_stored_before_it(tmp_path: Path) -> None:
    """Ingest looks stored articles up as it goes: an original stored earlier in the same run
    (one commit per article here) is named, and so is one stored in the same commit."""
    (path,) = write_articles(tmp_path / "in", 1)
    copies = [tmp_path / "copy1.txt", tmp_path / "copy2.txt"]
    for copy in copies:
        copy.write_bytes(path.read_bytes())
    for per_commit in (1, 500):
        store = Store(tmp_path / f"q{per_commit}.json")
        store.commit_documents = per_commit
        summary = run_ingest(store, [str(path), *map(str, copies)], extractor=find_quotes)
        assert summary.added == 1
        assert summary.copies == [(str(c), str(path)) for c in copies]
        assert list(store.documents()) == [str(path)]


def test_reingest_after_salvage_brings_lost_quotes_back(tmp_path: Path) -> None:
    from quotebrowser.store.doctor import diagnose, salvage

    db = tmp_path / "q.json"
    store = Store(db)
    write_articles(tmp_path / "in", 4, quotes_each=3)
    run_ingest(store, [str(tmp_path / "in")], extractor=find_quotes)
    full = len(store.snapshot().quotes)
    diag = diagnose(db)
    diag.quotes = diag.quotes[: full // 2]  # as if the rest did not survive the damage
    salvage(Store(db, check=False), diag)
    assert len(Store(db).snapshot().quotes) == full // 2
    summary = run_ingest(Store(db), [str(tmp_path / "in")], extractor=find_quotes)
    assert len(Store(db).snapshot().quotes) == full
    assert summary.unchanged < 4
    assert run_ingest(Store(db), [str(tmp_path / "in")], extractor=find_quotes).unchanged == 4
    code, out, _ = run("doctor", "--db", str(db))
    assert code == 0 and "all consistent" in out


def test_forget_removes_documents_and_their_quotes(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    paths = write_articles(tmp_path / "in", 3)
    run_ingest(Store(db), [str(tmp_path / "in")], extractor=find_quotes)
    code, out, err = run("forget", str(paths[0]), str(paths[2]), "--db", str(db))
    assert code == 0, err
    assert out.startswith("forgot 2 documents and 4 quotes")
    snap = Store(db).snapshot()
    assert list(snap.documents) == [str(paths[1])]
    assert {q.source for q in snap.quotes} == {str(paths[1])}
    code, _, err = run("forget", "nowhere.txt", "--db", str(db))
    assert code == 2 and "nowhere.txt" in err and err.count("\n") == 1


def test_doctor_does_not_advise_salvage_of_random_bytes(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    db.write_bytes(bytes(range(256)) * 8)
    code, out, _ = run("doctor", "--db", str(db))
    assert (
        code == 1
        and "nothing to salvage" in out
        and "run `quotebrowser doctor --salvage" not in out
    )


def test_ingest_creates_the_database_before_extracting(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    seen = []

    def watching(documents, jobs=1, failed=None):
        seen.append(db.exists())  # what an app opening the file meanwhile would see
        yield from find_quotes(documents, jobs)

    write_articles(tmp_path / "in", 1)
    run_ingest(Store(db), [str(tmp_path / "in")], extractor=watching)
    assert seen == [True]
