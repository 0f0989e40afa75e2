"""`ingest` (articles into the database) and `forget` (documents out of it)."""

from __future__ import annotations

import argparse
from pathlib import Path

from quotebrowser.cli import warn
from quotebrowser.cli.database import open_store
from quotebrowser.cli.inputs import add_input_arguments, inputs
from quotebrowser.cli.progress import progress_bar, reporter
from quotebrowser.cluster.parts import read_header, read_shards, shard_files
from quotebrowser.errors import UserError
from quotebrowser.ingest import IngestSummary, store_extracted
from quotebrowser.ingest import run_ingest as run_ingest_paths
from quotebrowser.store import Store
from quotebrowser.wording import counted


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "ingest", parents=[common], help="extract quotes from articles and store them"
    )
    add_input_arguments(p)
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes for extraction (default: number of cores)",
    )
    p.add_argument(
        "--name",
        metavar="NAME",
        help="name for the text read from - (default: named by its content)",
    )
    p.add_argument(
        "--quotes",
        metavar="DIR",
        help="store the quote shards `extract --dask --out DIR` wrote, instead of extracting",
    )
    p.set_defaults(func=run_ingest)

    f = subparsers.add_parser(
        "forget", parents=[common], help="remove documents and their quotes from the database"
    )
    f.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a stored document's path (as ingested) or name",
    )
    f.set_defaults(func=run_forget)


def run_ingest(args: argparse.Namespace) -> int:
    if args.quotes is not None:
        return run_ingest_quotes(args)
    # Deferred: spaCy (0.6 s) only for the commands that extract.
    from quotebrowser.extract.runner import default_jobs

    paths, urls_file, fields = inputs(args)
    store = open_store(args, must_exist=False)
    jobs = args.jobs or default_jobs()
    warnings: list[str] = []
    with progress_bar("ingesting") as bar:
        summary = run_ingest_paths(
            store,
            paths,
            urls_file=urls_file,
            fields=fields,
            jobs=jobs,
            progress=reporter(bar),
            stdin_name=args.name,
            warn=warnings.append,
        )
    for warning in warnings:  # after the progress bar, which they would break
        warn(warning)
    return _ingested(summary, store)


def _ingested(summary: IngestSummary, store: Store) -> int:
    """Report an ingest: each failure and copy on stderr, the summary line on stdout."""
    for error in summary.errors:
        warn(str(error))
    for copy_path, original in summary.copies:
        warn(f"{copy_path}: same text as {original}, already stored; not stored twice")
    for correction in summary.unapplied:
        warn(f"correction no longer applies (its words are gone): {correction}")
    print(f"{summary.line()} in {store.path}")
    return 1 if summary.failed else 0


def run_ingest_quotes(args: argparse.Namespace) -> int:
    """`ingest --quotes DIR`: store the shards of `extract --dask` (no spaCy on this path)."""
    if args.paths or args.urls:
        raise UserError("give either article paths or --quotes DIR, not both")
    folder = Path(args.quotes)
    if not folder.is_dir():
        raise UserError(f"{folder}: no such folder")
    shards = [path for _, path in shard_files(folder)]
    if not shards:
        raise UserError(
            f"{folder} holds no quote shards (part-NNNNNN.jsonl, written by "
            "`quotebrowser extract --dask --out DIR`)"
        )
    total = sum(header.documents for path in shards if (header := read_header(path)))
    store = open_store(args, must_exist=False)
    with progress_bar("ingesting") as bar:
        summary = store_extracted(store, read_shards(shards), total=total, progress=reporter(bar))
    return _ingested(summary, store)


def stored_sources(store: Store, given: list[str]) -> list[str]:
    """The stored documents the user's SOURCE arguments name (a path as typed, or as stored);
    an archive's path names every record stored from it (`PATH#1`, `PATH#2`, ...)."""
    stored = store.documents()
    found, missing = [], []
    for raw in given:
        candidates = [raw, str(Path(raw).expanduser().resolve())]
        match = next((c for c in candidates if c in stored), None)
        if match is None:
            records = [
                source
                for source in stored
                if any(
                    source.startswith(f"{c}#") and source[len(c) + 1 :].isdigit()
                    for c in candidates
                )
            ]
            if records:
                found.extend(records)
                continue
        (found if match else missing).append(match or raw)
    if missing:
        raise UserError(
            f"not stored in {store.path}: {', '.join(missing)} "
            "(see the source column of `quotebrowser quotes`)"
        )
    return found


def run_forget(args: argparse.Namespace) -> int:
    store = open_store(args)
    sources, quotes = store.forget(stored_sources(store, args.sources))
    print(
        f"forgot {counted(len(sources), 'document')} and {counted(quotes, 'quote')} in {store.path}"
    )
    return 0
