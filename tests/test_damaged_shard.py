"""A damaged shard, as a user meets it: the messages name the database, doctor will not treat
a shard or the index as a database, and salvage ends with every quote any readable file holds
(the index, the damaged file's own records, the shard's earlier generation), saying what it
could not recover."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run
from store_support import random_document

from quotebrowser.store import Store
from quotebrowser.store.storage import encode


def built(db: Path) -> dict[str, dict]:
    """A database whose one shard went through three commits (its earlier generations are
    still beside it, as for two minutes after any commit); every quote row by id."""
    store = Store(db)
    for commit in range(3):
        store.add_many(
            random_document(f"/news/{commit}-{i}.txt", commit * 10 + i) for i in range(4)
        )
    return {q.id: q.to_dict() for q in store.snapshot().quotes}


def generations(db: Path) -> list[Path]:
    folder = db.with_name(db.name + ".shards")
    return sorted(folder.glob("000001.g*.json"), key=lambda p: int(p.name.split(".g")[1][:-5]))


def truncate(path: Path, keep: float = 0.5) -> int:
    cut = int(path.stat().st_size * keep)
    path.write_bytes(path.read_bytes()[:cut])
    return cut


def stored_ids(db: Path) -> set[str]:
    code, out, err = run("quotes", "--db", str(db), "--format", "jsonl")
    assert code == 0, err
    return {json.loads(line)["id"] for line in out.splitlines()}


def test_messages_name_the_database_and_doctor_refuses_a_shard_or_the_index(
    tmp_path: Path,
) -> None:
    db = tmp_path / "quotes.json"
    before = built(db)
    newest = generations(db)[-1]
    truncate(newest)
    damaged = newest.read_bytes()
    # `quotes` reads the index alone (in step with the shards, it holds every quote); a write
    # reads the shard and meets the damage.
    assert stored_ids(db) == set(before)
    code, _, err = run("forget", "/news/2-0.txt", "--db", str(db))
    assert code == 2
    assert f"the database {db} is damaged: its shard {newest.name}" in err
    assert f"doctor --db {db}`" in err and f"--db {newest}" not in err
    # Told the shard's name, a user may still hand it to doctor: it is refused, untouched.
    for argv in (["doctor"], ["doctor", "--salvage"]):
        code, out, err = run(*argv, "--db", str(newest))
        assert code == 2 and not out
        assert f"is a shard of the database {db}, not a database" in err
    code, _, err = run("doctor", "--salvage", "--db", str(db.with_name(db.name + ".index")))
    assert code == 2 and f"is the index of the database {db}" in err
    assert newest.read_bytes() == damaged
    assert not list(newest.parent.glob("*.shards")) and not list(newest.parent.glob("*.backup*"))


def test_salvage_recovers_the_damaged_shard_from_the_index(tmp_path: Path) -> None:
    db = tmp_path / "quotes.json"
    before = built(db)
    truncate(generations(db)[-1], 0.3)
    code, out, _ = run("doctor", "--db", str(db))
    assert code == 1 and f"recoverable: {len(before)} quotes from the index" in out
    code, out, err = run("doctor", "--salvage", "--db", str(db))
    assert code == 0, err
    assert f"salvaged: 12 documents, {len(before)} quotes" in out
    assert "nothing was lost" in out
    assert stored_ids(db) == set(before)
    code, out, _ = run("doctor", "--db", str(db))
    assert code == 0 and "all consistent" in out


def test_salvage_without_the_index_keeps_every_quote_any_readable_file_holds(
    tmp_path: Path,
) -> None:
    db = tmp_path / "quotes.json"
    before = built(db)
    *older, newest = generations(db)
    whole = newest.read_bytes()
    cut = truncate(newest)
    for file in tmp_path.glob("quotes.json.index*"):
        file.unlink()
    # What still reads, found here without doctor: the quote records wholly before the cut,
    # and the earlier generations' files, which parse.
    readable = {
        qid for qid, row in before.items() if 0 <= whole.find(encode(row)) <= cut - len(encode(row))
    }
    for file in older:
        readable |= {row["id"] for row in json.loads(file.read_bytes())["quotes"].values()}
    assert readable < set(before)  # the last commit's quotes past the cut are nowhere
    code, out, err = run("doctor", "--salvage", "--db", str(db))
    assert code == 0, err
    kept = stored_ids(db)
    assert kept == readable
    lost = len(before) - len(kept)
    assert f"not recovered: {lost} quotes" in out
    # The articles that lost quotes are named, with what was kept of them.
    short = {row["source"] for qid, row in before.items() if qid not in kept}
    for source in short:
        assert f"{source}: " in out
    code, out, _ = run("doctor", "--db", str(db))
    assert code == 0 and "all consistent" in out


def test_a_forgotten_article_stays_forgotten(tmp_path: Path) -> None:
    db = tmp_path / "quotes.json"
    before = built(db)
    code, _, err = run("forget", "/news/0-0.txt", "--db", str(db))
    assert code == 0, err
    truncate(generations(db)[-1])
    code, _, err = run("doctor", "--salvage", "--db", str(db))
    assert code == 0, err
    # The index is whole for the newest generation: the older files, which still hold the
    # forgotten article, are not needed and do not bring it back.
    assert stored_ids(db) == {
        qid for qid, row in before.items() if row["source"] != "/news/0-0.txt"
    }


def test_with_the_manifest_lost_too_the_index_and_the_shards_give_everything_back(
    tmp_path: Path,
) -> None:
    db = tmp_path / "quotes.json"
    before = built(db)
    truncate(generations(db)[-1])
    db.write_bytes(db.read_bytes()[:40])
    code, out, err = run("doctor", "--salvage", "--db", str(db))
    assert code == 0, err
    assert "nothing was lost that the records still read tell of" in out
    assert stored_ids(db) == set(before)
