"""doctor: diagnose without writing; salvage what reads, after a byte-for-byte backup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from store_support import make_document, random_document, shard_files, single_file_db
from test_ingest import find_quotes

from quotebrowser.ingest import run_ingest
from quotebrowser.store import Store, StoreError
from quotebrowser.store.doctor import diagnose, salvage


def filled(db: Path, n: int = 6) -> Store:
    store = Store(db)
    store.add_many(random_document(f"/doc/{i}.txt", i) for i in range(n))
    return store


def test_healthy_database(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    filled(db)
    diag = diagnose(db)
    assert diag.healthy
    assert (len(diag.documents), len(diag.quotes)) == (6, 60)


def test_missing_database_is_no_problem(tmp_path: Path) -> None:
    diag = diagnose(tmp_path / "none.json")
    assert diag.healthy and not diag.exists


def test_truncated_single_file_database_is_salvaged_with_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    single_file_db(db, [random_document(f"/doc/{i}.txt", i) for i in range(6)])
    data = json.loads(db.read_bytes())
    damaged = db.read_bytes()[: int(db.stat().st_size * 0.7)]
    db.write_bytes(damaged)
    diag = diagnose(db)
    assert not diag.healthy and "not valid JSON" in diag.problems[0]
    assert db.read_bytes() == damaged  # diagnosing never writes
    report = salvage(Store(db, check=False), diag)
    assert report.backup is not None and report.backup.read_bytes() == damaged
    store = Store(db)
    snap = store.snapshot()
    assert diagnose(db).healthy
    # Every quote kept is one that was stored, unchanged, at its offsets in its document.
    stored = {row["id"]: row for row in data["quotes"].values()}
    assert snap.quotes
    for q in snap.quotes:
        assert stored[q.id] == q.to_dict()
        assert store.document_text(q.source)[q.start : q.end] == q.text
    assert report.quotes == len(snap.quotes)


def test_truncated_shard_is_salvaged_with_a_backup_of_the_shards(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    # Enough documents for two shards: the damage is in one of them only.
    store = Store(db)
    store.add_many(random_document(f"/doc/{i}.txt", i, 2) for i in range(300))
    files = shard_files(db)
    assert len(files) == 2
    before = {q.id: q for q in store.snapshot().quotes}
    _intact, damaged_file = files
    damaged = damaged_file.read_bytes()[: damaged_file.stat().st_size // 2]
    damaged_file.write_bytes(damaged)
    diag = diagnose(db)
    assert not diag.healthy
    assert any(damaged_file.name in p and "not valid JSON" in p for p in diag.problems)
    assert damaged_file.read_bytes() == damaged  # diagnosing never writes
    report = salvage(Store(db, check=False), diag)
    assert report.backup is not None
    assert (
        report.backup.with_name(report.backup.name + ".shards") / damaged_file.name
    ).read_bytes() == damaged
    store = Store(db)
    snap = store.snapshot()
    assert diagnose(db).healthy
    kept = {q.id: q for q in snap.quotes}
    assert len(kept) > 256 * 2  # the intact shard's quotes all, and some of the other's
    assert all(before[qid] == q for qid, q in kept.items())
    assert report.quotes == len(kept)


def _rewrite_shard(db: Path, change) -> None:  # type: ignore[no-untyped-def]
    shard = shard_files(db)[0]
    data = json.loads(shard.read_bytes())
    change(data)
    shard.write_text(json.dumps(data))


def test_lost_document_rows_are_rebuilt_from_the_texts_the_database_holds(
    tmp_path: Path,
) -> None:
    article = tmp_path / "article.txt"
    doc, quotes = make_document(str(article), [("Bridges will be rebuilt", "Ana Lima")])
    db = tmp_path / "q.json"
    Store(db).add(doc, quotes)
    _rewrite_shard(db, lambda data: data.update(documents={}))
    diag = diagnose(db)
    assert any("belong to no stored document" in p for p in diag.problems)
    assert not article.exists()  # doctor repairs from the database alone, never the article
    report = salvage(Store(db, check=False), diag)
    assert report.rebuilt_documents == 1
    store = Store(db)
    assert store.snapshot().quotes == quotes
    assert store.document_text(str(article)) == doc.text
    # Its metadata went with the row: the next ingest of the article reads it again.
    assert store.stored_whole(str(article), doc.content_hash) == (None, None)


def test_a_document_whose_text_is_lost_is_read_again_by_the_next_ingest(
    tmp_path: Path,
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Headline\n\n\u201cThe ferry sails at dawn\u201d\n", encoding="utf-8")
    db = tmp_path / "q.json"
    run_ingest(Store(db), [str(article)], extractor=find_quotes)
    store = Store(db)
    for text in store.texts.folder.iterdir():
        text.unlink()
    assert store.document_text(str(article)) is None  # the store never opens the article
    summary = run_ingest(Store(db), [str(article)], extractor=find_quotes)
    assert (summary.replaced, summary.unchanged) == (1, 0)
    assert Store(db).document_text(str(article)) == article.read_text(encoding="utf-8")


def test_quotes_that_no_longer_match_are_dropped(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    filled(db, 2)
    first = {}

    def shift(data) -> None:  # type: ignore[no-untyped-def]
        row = next(iter(data["quotes"].values()))
        row["start"] += 1
        first.update(row)

    _rewrite_shard(db, shift)
    diag = diagnose(db)
    assert any("offsets do not match" in p for p in diag.problems)
    report = salvage(Store(db, check=False), diag)
    assert report.dropped_quotes == 1
    assert first["id"] not in {q.id for q in Store(db).snapshot().quotes}
    assert diagnose(db).healthy


def test_a_missing_shard_file_is_a_problem(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    filled(db)
    shard_files(db)[0].unlink()
    diag = diagnose(db)
    assert any("is missing" in p for p in diag.problems)


def test_foreign_file_is_not_salvaged(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    db.write_text('{"settings": {"theme": "dark"}}')
    diag = diagnose(db)
    assert not diag.healthy
    with pytest.raises(StoreError, match="nothing recognisable"):
        salvage(Store(db, check=False), diag)
    assert db.read_text() == '{"settings": {"theme": "dark"}}'


def test_salvage_keeps_the_users_corrections_and_name_merges(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    store = filled(db)
    quotes = store.snapshot().quotes
    fixed = next(q for q in quotes if q.speaker)
    store.correct(fixed.id, speaker="Ines Vidal", role="mediator", group="official")
    store.correct(quotes[-1].id, reject=True)
    other = next(p.name for p in store.people().profiles() if p.name != "Ines Vidal")
    store.rename_speaker(other, "Renamed Person")

    def damage(data) -> None:  # type: ignore[no-untyped-def]
        row = next(r for r in data["quotes"].values() if r["id"] not in (fixed.id, quotes[-1].id))
        row["start"] = "nowhere"  # one malformed quote record

    _rewrite_shard(db, damage)
    diag = diagnose(db)
    assert not diag.healthy and len(diag.corrections) == 2 and len(diag.names) == 1
    salvage(Store(db, check=False), diag)
    after = Store(db)
    assert after.get_quote(fixed.id).speaker == "Ines Vidal"
    assert after.get_quote(quotes[-1].id).rejected
    assert "Renamed Person" in {p.name for p in after.people().profiles()}
