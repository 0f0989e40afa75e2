"""Crashes and concurrent writers: the database is never torn and never loses a commit.

Writers here are real processes running the store's real write path; they are killed with
SIGKILL (no cleanup of any kind runs) or run side by side.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_support import random_document, shard_files

from quotebrowser.store import Store
from quotebrowser.store.doctor import diagnose

TESTS = Path(__file__).resolve().parent
BATCH = 4  # documents per commit in the writer

# Adds documents writer-<tag>-<n> for n = first, first+1, ... in batches of BATCH, printing the
# last committed n after each commit returns. Waits for `go` (if given) before starting, and
# pauses between commits when asked, so that two writers take turns at the lock.
WRITER = f"""
import sys, time
from pathlib import Path
sys.path.insert(0, {str(TESTS)!r})
from store_support import random_document, shard_files
from quotebrowser.store import Store

db, tag, go = sys.argv[1], sys.argv[2], sys.argv[5]
first, count, pause = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[6])
while go != "-" and not Path(go).exists():
    time.sleep(0.005)
store = Store(db)
for start in range(first, first + count, {BATCH}):
    # Seeds differ by tag: the same text under two names would be one document, stored once.
    batch = [random_document(f"/{{tag}}/{{n:05d}}.txt", n + 1_000_000 * sum(map(ord, tag)))
             for n in range(start, start + {BATCH})]
    store.add_many(batch)
    print(start + {BATCH} - 1, flush=True)
    time.sleep(pause)
"""


def writer(
    tmp_path: Path, db: Path, tag: str, first: int, count: int, go: str = "-", pause: float = 0
) -> subprocess.Popen[str]:
    script = tmp_path / "writer.py"
    if not script.exists():
        script.write_text(WRITER)
    return subprocess.Popen(
        [sys.executable, str(script), str(db), tag, str(first), str(count), go, str(pause)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def check_consistent(db: Path) -> Store:
    """The file parses as ours and every stored quote sits at its offsets in its stored text."""
    store = Store(db)
    snap = store.snapshot()
    texts = {source: store.document_text(source) for source in snap.documents}
    for q in snap.quotes:
        assert texts[q.source] is not None
        assert texts[q.source][q.start : q.end] == q.text
    counts: dict[str, int] = {}
    for q in snap.quotes:
        counts[q.source] = counts.get(q.source, 0) + 1
    for source, info in snap.documents.items():
        assert info.quote_count == counts.get(source, 0)
    assert diagnose(db).healthy, diagnose(db).problems
    return store


def test_sigkill_during_writes_never_loses_a_commit(tmp_path: Path) -> None:
    db = tmp_path / "quotes.json"
    # A few thousand quotes in two shards already, so each commit writes a shard of some size:
    # kills land while building the batch, writing a shard or the index, around fsync and the
    # manifest's rename.
    Store(db).add_many(random_document(f"/base/{i:04d}.txt", 10_000 + i, 10) for i in range(300))
    assert len(shard_files(db)) == 2
    rng = random.Random(20240611)
    committed = -1  # highest n acknowledged by a writer so far
    kills = 0
    for _round in range(24):
        proc = writer(tmp_path, db, "crash", committed + 1, 10_000)
        time.sleep(rng.uniform(0.2, 0.7))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        kills += proc.returncode == -signal.SIGKILL
        acknowledged = [int(line) for line in out.split()]
        store = check_consistent(db)
        stored = sorted(
            int(Path(s).stem) for s in store.snapshot().documents if s.startswith("/crash/")
        )
        if acknowledged:
            committed = acknowledged[-1]
        # Everything acknowledged is there, as one unbroken run from 0; at most the batch in
        # flight when the kill came is there without its acknowledgement.
        assert stored == list(range(len(stored)))
        assert committed + 1 <= len(stored) <= committed + 1 + BATCH
        committed = len(stored) - 1
    assert kills >= 20
    assert committed > 0


def test_two_writers_at_once_both_land(tmp_path: Path) -> None:
    db = tmp_path / "quotes.json"
    go = tmp_path / "go"
    procs = [writer(tmp_path, db, tag, 0, 40, str(go), 0.05) for tag in ("left", "right")]
    time.sleep(0.5)
    go.touch()
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = check_consistent(db)
    sources = set(store.snapshot().documents)
    for tag in ("left", "right"):
        assert {f"/{tag}/{n:05d}.txt" for n in range(40)} <= sources
    assert len(store.snapshot().quotes) == 80 * 10


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_writer_killed_while_holding_the_lock_does_not_block_the_next(tmp_path: Path) -> None:
    db = tmp_path / "quotes.json"
    proc = writer(tmp_path, db, "first", 0, 10_000)
    assert proc.stdout is not None
    proc.stdout.readline()  # it has committed at least once and is busy with the next batch
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    start = time.monotonic()
    Store(db).add(*random_document("/after.txt", 1))
    assert time.monotonic() - start < 5
    check_consistent(db)
