"""Extraction on a Dask cluster: the input in partitions, one quote shard each, resumable.

This process (the client) reads the documents as they stream and cuts them into partitions of a
fixed number of documents, in input order, so the same inputs always give the same partitions.
Each partition whose shard is not already in the output folder with the same fingerprint goes to
the cluster, where a worker runs `extract_many` over it; the client writes the result as the
partition's shard (parts.py). Reading and writing stay here, so the workers need no shared
filesystem, only quotebrowser installed; extraction, the costly part, runs on them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from filelock import FileLock, Timeout

from quotebrowser.cluster.parts import (
    ShardHeader,
    fingerprint,
    read_header,
    remove_temps,
    shard_files,
    shard_path,
    write_shard,
)
from quotebrowser.errors import UserError
from quotebrowser.model import Document, Quote

# Documents per partition (one task, one shard): big enough that a task's overhead is nothing
# beside its extraction (some seconds), small enough that a killed run loses little.
PARTITION_DOCUMENTS = 50
CONNECT_TIMEOUT = "20s"
LOCK_NAME = ".extract.lock"

ProgressFn = Callable[[int, str], None]


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    documents: list[Document]
    fingerprint: str


def partitions(documents: Iterable[Document], size: int) -> Iterator[Partition]:
    """Consecutive runs of `size` documents (the last may be shorter), numbered from 0."""
    batch: list[Document] = []
    index = 0
    for document in documents:
        batch.append(document)
        if len(batch) == size:
            yield Partition(index, batch, fingerprint(batch))
            index, batch = index + 1, []
    if batch:
        yield Partition(index, batch, fingerprint(batch))


# One extraction at a time per worker process: the process has one spaCy pipeline, and switching
# its components on and off (runner.extract_batch) is not safe across threads.
_extracting = threading.Lock()


def extract_partition(documents: list[Document]) -> list[list[Quote] | str]:
    """Runs on a worker: the quotes of each document, in order, or why it has none (a document
    over the size limit, or one its extraction process crashed on: that process is a child of
    this worker, so the worker lives on)."""
    from quotebrowser.extract import extract_many  # on the workers: the client never loads spaCy

    failures: dict[int, str] = {}

    def failed(document: Document, reason: str) -> None:
        failures[id(document)] = reason

    with _extracting:
        found = {id(d): quotes for d, quotes in extract_many(documents, jobs=1, failed=failed)}
    return [found[id(d)] if id(d) in found else failures[id(d)] for d in documents]


class LoadPipeline(WorkerPlugin):
    """Loads spaCy and the first-name list once per worker, as it joins, not in a task."""

    def setup(self, worker: Any) -> None:
        from quotebrowser.extract import gender, nlp  # on the workers, as in extract_partition

        nlp.load()
        gender.warm()


@contextmanager
def connect(address: str | None, workers: int) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a local cluster of `workers` processes."""
    if address:
        try:
            client = Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UserError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        with client:
            yield client
        return
    with (
        # Dask has its workers return freed memory to the system eagerly (glibc's trim threshold
        # at 64 KiB); spaCy allocates and frees so much that this costs it a fifth more CPU.
        dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


@dataclass(slots=True)
class DaskSummary:
    partitions: int = 0
    extracted: int = 0
    done: int = 0  # already done by an earlier run
    documents: int = 0
    quotes: int = 0
    removed: int = 0  # shards of partitions the input no longer has
    failed: list[str] = field(default_factory=list)  # partitions, retried by the next run
    skipped: list[str] = field(default_factory=list)  # documents the extractor could not finish


def run_on_dask(
    documents: Iterable[Document],
    out: Path,
    *,
    address: str | None = None,
    workers: int = 1,
    size: int = PARTITION_DOCUMENTS,
    progress: ProgressFn | None = None,
) -> DaskSummary:
    """Extract `documents` on a Dask cluster into shards in `out`; partitions already there (same
    fingerprint) are skipped. `progress(documents_done, current)` is told of each partition."""
    if size < 1:
        raise UserError("--partition-size must be at least 1")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot create {out}: {exc.strerror or exc}") from None
    if not out.is_dir():
        raise UserError(f"{out} is not a folder")
    lock = FileLock(str(out / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise UserError(f"another extraction is writing to {out}") from None
    try:
        return _run(documents, out, address, workers, size, progress)
    finally:
        lock.release()


def _load_pipeline(client: Client) -> None:
    try:
        client.register_plugin(LoadPipeline(), name="quotebrowser-pipeline")
    except Exception as exc:
        raise UserError(
            f"the Dask workers could not load quotebrowser's pipeline ({exc}); "
            "install quotebrowser on every worker"
        ) from None


def _run(
    documents: Iterable[Document],
    out: Path,
    address: str | None,
    workers: int,
    size: int,
    progress: ProgressFn | None,
) -> DaskSummary:
    remove_temps(out)
    done: dict[int, ShardHeader] = {}
    for index, path in shard_files(out):
        header = read_header(path)
        if header is not None and header.partition == index:
            done[index] = header
    summary = DaskSummary()
    finished_documents = 0

    def advance(part: Partition) -> None:
        nonlocal finished_documents
        finished_documents += len(part.documents)
        if progress is not None:
            progress(finished_documents, part.documents[-1].source)

    with ExitStack() as stack:
        client: Client | None = None
        pending: Any = None  # as_completed, made with the client
        in_flight: dict[Any, Partition] = {}

        def finish(future: Any) -> None:
            part = in_flight.pop(future)
            try:
                results = future.result()
            except Exception as exc:  # a task that failed (or whose workers died): next run
                first, last = part.documents[0].source, part.documents[-1].source
                summary.failed.append(f"partition {part.index} ({first} to {last}): {exc}")
                return
            pairs = list(zip(part.documents, results, strict=True))
            failed = [(d.source, why) for d, why in pairs if isinstance(why, str)]
            kept = [(d, quotes) for d, quotes in pairs if not isinstance(quotes, str)]
            header = write_shard(out, part.index, kept, part.fingerprint, failed)
            summary.skipped.extend(f"{source}: {why}" for source, why in failed)
            summary.extracted += 1
            summary.quotes += header.quotes
            advance(part)

        for part in partitions(documents, size):
            summary.partitions += 1
            summary.documents += len(part.documents)
            earlier = done.get(part.index)
            if earlier is not None and earlier.fingerprint == part.fingerprint:
                summary.done += 1
                summary.quotes += earlier.quotes
                summary.skipped.extend(f"{source}: {why}" for source, why in earlier.failed)
                advance(part)
                continue
            if earlier is not None:  # from another input: never to be stored as this one's
                shard_path(out, part.index).unlink(missing_ok=True)
            if client is None:  # only now: a rerun with every partition done starts no cluster
                client = stack.enter_context(connect(address, workers))
                _load_pipeline(client)
                pending = as_completed()
            future = client.submit(
                extract_partition,
                part.documents,
                # The same key for the same input: a scheduler may reuse a result it holds.
                key=f"quotebrowser-partition-{part.index:06d}-{part.fingerprint}",
            )
            in_flight[future] = part
            pending.add(future)
            # A few partitions per worker thread in flight: memory stays flat on the client.
            window = max(4, 2 * sum(client.nthreads().values()))
            while pending.count() >= window:
                finish(next(pending))
        for future in pending or ():
            finish(future)
    # The whole input was read: shards beyond its last partition are from an older input.
    for index, path in shard_files(out):
        if index >= summary.partitions:
            path.unlink(missing_ok=True)
            summary.removed += 1
    return summary
