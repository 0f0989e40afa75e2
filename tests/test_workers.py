"""The worker pool on its own: results in input order, one item lost per deadly item, workers
replaced, nothing left running."""

from __future__ import annotations

import gc
import os
import signal
from pathlib import Path

import pytest

from quotebrowser.extract.workers import Failure, Workers


def squares(items: list[int]) -> list[int]:
    if 13 in items:
        os.kill(os.getpid(), signal.SIGKILL)
    if 7 in items:
        raise ValueError("seven")
    return [n * n for n in items]


@pytest.mark.parametrize("jobs", [1, 3])
def test_every_item_in_order_and_only_the_deadly_ones_lost(jobs: int) -> None:
    batches = [list(range(start, start + 4)) for start in range(0, 40, 4)]
    pool = Workers(squares, jobs)
    got = list(pool.run(batches))
    assert [item for item, _ in got] == list(range(40))
    for item, result in got:
        if item == 13:
            assert result == Failure(
                "the parser was killed on this document (SIGKILL: out of memory?); skipped"
            )
        elif item == 7:
            assert result == Failure("extraction failed (ValueError: seven); skipped")
        else:
            assert result == item * item
    assert pool.workers == []  # every worker reaped


def test_a_consumer_that_stops_early_leaves_no_worker_behind() -> None:
    pool = Workers(squares, 2)
    run = pool.run([[n] for n in range(20)])
    assert next(run) == (0, 0)
    pids = [w.pid for w in pool.workers]
    run.close()
    assert pool.workers == []
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped already: not our child any more


class _Left:
    """Garbage in a reference cycle, as a closed SQLite connection is (its statement cache holds
    it): freed only by the collector, which says in `log` which process freed it."""

    def __init__(self, log: str) -> None:
        self.log = log
        self.me = self

    def __del__(self) -> None:
        with open(self.log, "a") as fh:
            fh.write(f"{os.getpid()}\n")


def collect_then_echo(items: list[int]) -> list[int]:
    gc.collect()
    return items


def test_a_worker_leaves_the_garbage_it_inherits_alone(tmp_path: Path) -> None:
    """A worker never frees what the parent left for its collector: freeing a SQLite connection
    in a child forked while another thread of the parent held SQLite's lock waits forever (an
    ingest whose worker was replaced during the index's checkpoint hung so). The parent still
    frees it."""
    log = tmp_path / "freed"
    gc.disable()  # the garbage waits for a collection, as it would between two
    try:
        _Left(str(log))
        pool = Workers(collect_then_echo, 1)
        assert [result for _, result in pool.run([[1], [2]])] == [1, 2]
    finally:
        gc.enable()
    assert not log.exists()  # the worker collected and left it
    gc.collect()
    assert log.read_text() == f"{os.getpid()}\n"


def test_a_fork_that_fails_gives_the_collector_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_room() -> int:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_room)
    with pytest.raises(OSError):
        list(Workers(collect_then_echo, 1).run([[1]]))
    assert gc.isenabled()
