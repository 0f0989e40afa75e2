"""Worker processes whose crash costs one document, never the run.

Each worker is a child forked from this process (spaCy already loaded, shared copy-on-write) at
the other end of a pipe: it is sent a batch of documents and sends back what `work` made of them.
A worker that dies (a segfault in spaCy, the kernel's out-of-memory killer, a `kill`) closes its
pipe; its batch is then run again one document at a time, in fresh workers, so the document that
kills a worker on its own is known and is the only one lost. A Python exception in `work` is
treated the same way. Results come back in input order.

The workers are forked with os.fork, not multiprocessing: a Dask worker is a daemonic process,
which multiprocessing forbids to have children.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, Pipe, wait
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Work = Callable[[list[Item]], list[Result]]

# Signals a crash ends a process with; any other is someone stopping it.
CRASHES = frozenset({signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGILL, signal.SIGFPE})
# How much likelier than other processes a worker is to be picked by the out-of-memory killer
# (Linux, -1000 to 1000): a runaway document then costs its worker, not the user's session.
OOM_SCORE_ADJ = 500


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an item got no result: its worker died on it, or `work` raised."""

    reason: str


@dataclass(slots=True)
class _Task(Generic[Item]):
    batch: int  # the input batch it is (part of)
    start: int  # the position of its first item in that batch
    items: list[Item]


@dataclass(slots=True)
class _Batch(Generic[Item]):
    items: list[Item]
    results: dict[int, Any] = field(default_factory=dict)  # item position -> result or Failure


class _Worker:
    def __init__(self, pid: int, conn: Connection) -> None:
        self.pid = pid
        self.conn = conn
        self.task: _Task | None = None


def _serve(conn: Connection, work: Work) -> None:
    """A worker's life: batches in, results out, until the parent closes the pipe."""
    while True:
        try:
            items = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", work(items))
        except Exception as exc:  # the parent reports it for the document that raised it
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            conn.send(("error", f"result could not be sent back ({exc})"))


def _death(status: int) -> str:
    """Why a worker died, from its wait status, as the end of a sentence."""
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        if number in CRASHES:
            return f"the parser crashed on this document ({name}); skipped"
        if number == signal.SIGKILL:
            return "the parser was killed on this document (SIGKILL: out of memory?); skipped"
        return f"the parser was stopped on this document ({name}); skipped"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return f"the parser's process ended on this document (exit status {code}); skipped"


class Workers(Generic[Item, Result]):
    """`jobs` forked workers running `work` on batches; see `run`."""

    def __init__(self, work: Work, jobs: int) -> None:
        self.work = work
        self.jobs = max(1, jobs)
        self.workers: list[_Worker] = []

    def _start(self) -> _Worker:
        mine, theirs = Pipe()
        collecting = gc.isenabled()
        gc.disable()  # no collection in the child before it has frozen what it inherits
        try:
            pid = os.fork()
        except BaseException:
            if collecting:
                gc.enable()
            raise
        if pid == 0:  # the worker
            # What this process left for its collector (a closed SQLite connection, say) is
            # never freed in the worker: another thread (the index's checkpoint) may have held
            # SQLite's lock at the fork, and freeing it there would wait for that lock forever.
            gc.freeze()
            if collecting:
                gc.enable()
            status = 0
            try:
                mine.close()
                for other in self.workers:  # a sibling must see its pipe end when we end
                    other.conn.close()
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
                with (
                    contextlib.suppress(OSError),
                    open(f"/proc/{os.getpid()}/oom_score_adj", "w") as fh,
                ):
                    fh.write(str(OOM_SCORE_ADJ))
                _serve(theirs, self.work)
            except BaseException:
                status = 1
            finally:
                os._exit(status)  # never the parent's clean-up: atexit, buffers, its threads
        if collecting:
            gc.enable()
        theirs.close()
        worker = _Worker(pid, mine)
        self.workers.append(worker)
        return worker

    def _bury(self, worker: _Worker) -> str:
        """Reap a dead worker; why it died."""
        self.workers.remove(worker)
        worker.conn.close()
        _, status = os.waitpid(worker.pid, 0)
        return _death(status)

    def close(self) -> None:
        for worker in self.workers:
            worker.conn.close()  # an idle worker ends at once
            if worker.task is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker.pid, signal.SIGKILL)
        for worker in self.workers:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(worker.pid, 0)
        self.workers = []

    def run(
        self, batches: Iterable[list[Item]], window: int | None = None
    ) -> Iterator[tuple[Item, Result | Failure]]:
        """Each item of `batches` with its result (or Failure), in input order, streaming:
        at most `window` batches (default 2 per worker) are read ahead of the one yielded."""
        window = window or 2 * self.jobs
        source = iter(batches)
        held: dict[int, _Batch] = {}  # read, not yet yielded
        queue: deque[_Task] = deque()
        read = yielded = 0
        exhausted = False
        try:
            while True:
                while not exhausted and len(held) < window:
                    batch = next(source, None)
                    if batch is None:
                        exhausted = True
                        break
                    held[read] = _Batch(list(batch))
                    queue.append(_Task(read, 0, held[read].items))
                    read += 1
                while yielded in held and len(held[yielded].results) == len(held[yielded].items):
                    done = held.pop(yielded)
                    yield from ((item, done.results[i]) for i, item in enumerate(done.items))
                    yielded += 1
                if not held:  # all yielded: read on, or done
                    if exhausted:
                        return
                    continue
                self._dispatch(queue)
                self._collect(held, queue)
        finally:
            self.close()

    def _dispatch(self, queue: deque[_Task]) -> None:
        idle = [w for w in self.workers if w.task is None]
        while queue and (idle or len(self.workers) < self.jobs):
            worker = idle.pop() if idle else self._start()
            task = queue.popleft()
            try:
                worker.conn.send(task.items)
            except OSError:  # it died while idle (the out-of-memory killer's choice): another
                self._bury(worker)
                queue.appendleft(task)
                continue
            worker.task = task

    def _collect(self, held: dict[int, _Batch], queue: deque[_Task]) -> None:
        busy = {w.conn: w for w in self.workers if w.task is not None}
        if not busy:  # nothing in flight, yet results missing: never wait (or spin) for them
            raise RuntimeError("worker pool: a batch is neither queued nor running")
        for conn in wait(list(busy)):
            worker = busy[conn]  # type: ignore[index]
            task = worker.task
            assert task is not None
            batch = held[task.batch]
            try:
                outcome, value = conn.recv()  # type: ignore[union-attr]
            except (EOFError, OSError):
                outcome, value = "died", self._bury(worker)
            else:
                worker.task = None
            if outcome == "ok" and len(value) != len(task.items):
                outcome, value = "error", f"{len(value)} results for {len(task.items)} items"
            if outcome == "ok":
                for i, result in enumerate(value):
                    batch.results[task.start + i] = result
            elif len(task.items) > 1:
                # Which item was it? Each again on its own, before anything else.
                singles = [_Task(task.batch, task.start + i, [x]) for i, x in enumerate(task.items)]
                queue.extendleft(reversed(singles))
            else:
                reason = value if outcome == "died" else f"extraction failed ({value}); skipped"
                batch.results[task.start] = Failure(reason)
