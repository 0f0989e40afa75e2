"""The sharded layout: migration from a single file, writes that touch only their shards, the
derived index checked against the shards and rebuilt when stale, queries through the index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from reference_engine import QuoteIndex
from store_support import make_document, random_document, shard_files, single_file_db

from quotebrowser.query import find, parse_query, select
from quotebrowser.store import Store
from quotebrowser.store.doctor import diagnose
from quotebrowser.store.index import index_path
from quotebrowser.store.manifest import BACKUP_SUFFIX
from quotebrowser.store.shards import SHARD_DOCUMENTS


def manifest(db: Path) -> dict:
    return json.loads(db.read_bytes())


def two_shards(db: Path) -> Store:
    """More documents than one shard holds: two shard files."""
    store = Store(db)
    store.add_many(random_document(f"/doc/{i:04d}.txt", i, 2) for i in range(SHARD_DOCUMENTS + 40))
    assert len(shard_files(db)) == 2
    return store


def test_a_single_file_database_is_migrated_with_a_backup(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    items = [random_document(f"/doc/{i:04d}.txt", i, 3) for i in range(SHARD_DOCUMENTS + 10)]
    single_file_db(db, items)
    original = db.read_bytes()
    store = Store(db)
    snap = store.snapshot()
    # The same quotes, in the same order, with the same documents.
    assert list(snap.quotes) == [q for _, quotes in items for q in quotes]
    assert list(snap.documents) == [document.source for document, _ in items]
    backup = db.with_name(db.name + BACKUP_SUFFIX)
    assert backup.read_bytes() == original
    data = manifest(db)
    assert data["_quotebrowser"]["1"]["schema"] == 2
    assert data["_quotebrowser"]["1"]["generation"] == 8  # the old file's 7, plus one
    assert len(shard_files(db)) == 2
    assert diagnose(db).healthy
    # Opened again: nothing left to migrate, no second backup.
    assert list(Store(db).snapshot().quotes) == list(snap.quotes)
    assert sorted(p.name for p in tmp_path.iterdir() if BACKUP_SUFFIX in p.name) == [backup.name]


def test_migration_keeps_identity_merges_and_kept_apart_names(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    single_file_db(db, [make_document("/a.txt", [("We will build the bridge", "Vey")])])
    data = manifest(db)
    data["kept_apart"] = {"1": {"name": "Vey"}}
    db.write_text(json.dumps(data))
    store = Store(db)
    store.add(*make_document("/b.txt", [("The bridge is a priority for us", "Tomas Vey")]))
    # "Vey" stays as written: the kept-apart name came through the migration.
    assert sorted(p.name for p in store.people().profiles()) == ["Tomas Vey", "Vey"]


def test_a_commit_rewrites_only_the_shards_it_touches(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    store = two_shards(db)
    first, second = shard_files(db)
    stamp = second.stat().st_mtime_ns
    generation = manifest(db)["_quotebrowser"]["1"]["generation"]
    # Replace one article of the first shard: only the first shard is written again.
    store.add(*random_document("/doc/0003.txt", 99_999, 2))
    new_first, new_second = shard_files(db)
    assert new_first != first and new_first.name.endswith(f".g{generation + 1}.json")
    assert new_second == second and second.stat().st_mtime_ns == stamp
    rows = list(manifest(db)["shards"].values())
    assert [r["generation"] for r in rows] == [generation + 1, generation]
    # A new article goes to the last shard: the first is not written again.
    stamp = new_first.stat().st_mtime_ns
    store.add(*random_document("/doc/new.txt", 123_456, 2))
    latest_first, latest_second = shard_files(db)
    assert latest_first == new_first and new_first.stat().st_mtime_ns == stamp
    assert latest_second != second
    assert [s for s in Store(db).snapshot().documents][-1] == "/doc/new.txt"
    assert diagnose(db).healthy


def test_the_index_log_is_copied_into_the_file_after_a_commit(tmp_path: Path) -> None:
    """The write-ahead log is checkpointed off the commit's path, not left to grow: the index
    file alone, without its log, holds every commit once the checkpoint is done."""
    import sqlite3

    db = tmp_path / "q.json"
    store = Store(db)
    for n in range(3):
        store.add(*random_document(f"/doc/{n}.txt", n, 20))
        store.index.settle()  # the checkpoint this commit started
    alone = tmp_path / "alone.sqlite"
    shutil.copyfile(index_path(db), alone)  # not its -wal
    con = sqlite3.connect(alone)
    try:
        assert con.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] == 60
    finally:
        con.close()


def test_a_reader_of_the_previous_version_still_reads_it(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    store = two_shards(db)
    before = store.snapshot()  # quotes not read yet: shard files are read on first use
    Store(db).forget(["/doc/0001.txt"])
    assert len(list(before.quotes)) == len(before.quotes)  # the replaced file is still there
    assert len(Store(db).snapshot().quotes) == len(before.quotes) - 2


@pytest.mark.parametrize("damage", ["delete", "older", "garbage"])
def test_a_stale_or_damaged_index_is_rebuilt_from_the_shards(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "q.json"
    store = two_shards(db)
    old = tmp_path / "old-index"
    if damage == "older":  # the index as it was one commit ago (a crash before its commit)
        old.mkdir()
        for f in tmp_path.glob(db.name + ".index*"):
            shutil.copy2(f, old / f.name)
    store.add(*make_document("/late.txt", [("The harbour will reopen in spring", "Oskar Quist")]))
    expected = (store.people().profiles(), store.documents(), list(store.snapshot().quotes))
    store.index.close()
    index = index_path(db)
    if damage == "delete":
        for f in tmp_path.glob(db.name + ".index*"):
            f.unlink()
    elif damage == "older":
        for f in tmp_path.glob(db.name + ".index*"):
            f.unlink()
        for f in old.iterdir():
            shutil.copy2(f, tmp_path / f.name)
    else:
        for f in tmp_path.glob(db.name + ".index*"):
            f.unlink()
        index.write_bytes(b"not an index at all" * 100)
    again = Store(db)
    assert again.people().profiles() == expected[0]
    assert again.documents() == expected[1]
    assert list(again.snapshot().quotes) == expected[2]
    assert [q.text for q in find(again, "speaker:quist")] == ["The harbour will reopen in spring"]


QUERIES = [
    "speaker:lima",
    "speaker:berg harbour",
    'speaker:"jon berg" speaker:roux',
    "group:official",
    "group:official speaker:lima budget",
    "speaker:lima sort:source",
    "speaker:nobody",
]


@pytest.mark.parametrize("text", QUERIES)
def test_queries_through_the_index_give_what_every_quote_gives(tmp_path: Path, text: str) -> None:
    db = tmp_path / "q.json"
    store = Store(db)
    store.add_many(random_document(f"/doc/{i:03d}.txt", i, 8) for i in range(40))
    store.add(*make_document("/other.txt", [("Budget talks resume", "Ana Lima")], group="analyst"))
    query = parse_query(text)
    results = select(Store(db), query)
    full = Store(db).snapshot()
    expected = QuoteIndex.from_snapshot(full).run(query)
    found = list(results)
    assert found == [full.quotes[r] for r in expected.rows]
    variants = Store(db).variants_of(q.id for q in found)
    for q in found:
        assert variants.get(q.id, ()) == full.variants.get(q.id, ())
