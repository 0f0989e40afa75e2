"""`extract --dask` on real local Dask clusters: the quotes of `--jobs 1`, resumable runs, and
`ingest --quotes` storing what `ingest` stores."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import run

from quotebrowser.cluster.parts import read_shard, shard_files
from quotebrowser.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
STYLES = sorted((ROOT / "tests" / "data" / "styles").glob("*.txt"))
# A few articles of both kinds: three partitions of two.
INPUTS = [str(p) for p in (*SEEDS[:3], *STYLES[:3])]


def shard_quotes(folder: Path) -> list[dict]:
    """Every quote of every shard, in partition and document order."""
    found = []
    for _, path in shard_files(folder):
        for item in read_shard(path):
            assert not hasattr(item, "reason"), item
            found.extend(q.to_dict() for q in item[1])
    return found


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each shard's inode and modification time: changed only when it is written again."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for _, p in shard_files(folder)}


@pytest.fixture(scope="module")
def reference() -> list[dict]:
    """The quotes of `extract --jobs 1` on the inputs."""
    code, out, err = run("extract", *INPUTS, "--jobs", "1")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def scheduler() -> str:
    """The address of a local cluster of two worker processes, shared by this module's tests."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


def test_a_local_cluster_of_two_workers_finds_the_quotes_of_jobs_1(
    tmp_path: Path, reference: list[dict]
) -> None:
    out = tmp_path / "shards"
    code, stdout, err = run(
        "extract", *INPUTS, "--dask", "--jobs", "2", "--partition-size", "2", "--out", str(out)
    )
    assert code == 0, err
    assert stdout.startswith("3 partitions: 3 extracted, 0 already done; 6 documents,")
    assert [p.name for _, p in shard_files(out)] == [f"part-00000{i}.jsonl" for i in range(3)]
    assert reference  # the inputs have quotes to compare
    assert shard_quotes(out) == reference


def test_a_rerun_redoes_only_the_missing_partitions(
    tmp_path: Path, scheduler: str, reference: list[dict]
) -> None:
    out = tmp_path / "shards"
    args = ("extract", *INPUTS, "--dask", scheduler, "--partition-size", "2", "--out", str(out))
    code, _, err = run(*args)
    assert code == 0, err
    before = stamps(out)
    (out / "part-000001.jsonl").unlink()
    # What a writer killed mid-write leaves: a temporary file, never a partial shard.
    (out / ".part-000001.jsonl.abc123.tmp").write_text('{"quotebrowser_shard"')
    code, stdout, err = run(*args)
    assert code == 0, err
    assert stdout.startswith("3 partitions: 1 extracted, 2 already done;")
    after = stamps(out)
    assert after["part-000000.jsonl"] == before["part-000000.jsonl"]
    assert after["part-000002.jsonl"] == before["part-000002.jsonl"]
    assert "part-000001.jsonl" in after
    assert not list(out.glob(".*.tmp"))
    assert shard_quotes(out) == reference
    # Changed input: only the partitions it changes are redone, and the extra shard goes.
    code, stdout, err = run(
        "extract", *INPUTS[:3], "--dask", scheduler, "--partition-size", "2", "--out", str(out)
    )
    assert code == 0, err
    assert stdout.startswith("2 partitions: 1 extracted, 1 already done;")
    assert "removed 1 shard" in stdout
    assert stamps(out)["part-000000.jsonl"] == before["part-000000.jsonl"]
    assert len(shard_files(out)) == 2


def test_a_killed_run_resumes(tmp_path: Path, scheduler: str, reference: list[dict]) -> None:
    out = tmp_path / "shards"
    args = ["extract", *INPUTS, "--dask", scheduler, "--partition-size", "1", "--out", str(out)]
    proc = subprocess.Popen(
        [sys.executable, "-m", "quotebrowser", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not (out.is_dir() and shard_files(out)):
            assert proc.poll() is None, "the run ended before writing a shard"
            assert time.monotonic() < deadline, "no shard written in two minutes"
            time.sleep(0.01)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    kept = stamps(out)
    assert 1 <= len(kept) < len(INPUTS), "the kill came after the run had finished"
    code, stdout, err = run(*args)
    assert code == 0, err
    assert stdout.startswith(
        f"{len(INPUTS)} partitions: {len(INPUTS) - len(kept)} extracted, {len(kept)} already done;"
    )
    after = stamps(out)
    assert all(after[name] == stamp for name, stamp in kept.items())
    assert len(after) == len(INPUTS)
    assert shard_quotes(out) == reference


def test_ingest_quotes_stores_what_ingest_stores(tmp_path: Path, scheduler: str) -> None:
    out = tmp_path / "shards"
    code, _, err = run(
        "extract", *INPUTS, "--dask", scheduler, "--partition-size", "4", "--out", str(out)
    )
    assert code == 0, err
    from_shards, direct = tmp_path / "shards.json", tmp_path / "direct.json"
    code, stdout, err = run("ingest", "--quotes", str(out), "--db", str(from_shards))
    assert code == 0, err
    assert stdout.startswith("6 documents: 6 added, 0 unchanged, 0 replaced, 0 failed;")
    code, _, err = run("ingest", *INPUTS, "--jobs", "1", "--db", str(direct))
    assert code == 0, err
    one, two = Store(from_shards).snapshot(), Store(direct).snapshot()
    assert one.quotes and [q.to_dict() for q in one.quotes] == [q.to_dict() for q in two.quotes]
    assert one.variants == two.variants

    def described(snapshot):
        return {s: {**d.to_dict(), "ingested_at": None} for s, d in snapshot.documents.items()}

    assert described(one) == described(two)
    # Again: nothing new to store.
    code, stdout, err = run("ingest", "--quotes", str(out), "--db", str(from_shards))
    assert code == 0, err
    assert stdout.startswith("6 documents: 0 added, 6 unchanged,")


def test_dask_options_are_checked_before_any_cluster_starts(tmp_path: Path) -> None:
    code, _, err = run("extract", INPUTS[0], "--dask", "--jobs", "2")
    assert code == 2
    assert err.startswith("quotebrowser: --dask writes quote shards") and "--out DIR" in err
    code, _, err = run("extract", "--dask", INPUTS[0], "--out", str(tmp_path))
    assert code == 2
    assert "not a scheduler address" in err and "put --dask after the paths" in err
    code, _, err = run("extract", INPUTS[0], "--out", str(tmp_path))
    assert code == 2
    assert "--out goes with --dask" in err
    assert not list(tmp_path.iterdir())
