"""Database commands: `ingest`, `quotes`, `speakers`, `cite` and `doctor`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quotebrowser.citation import STYLES, cite_all
from quotebrowser.cli.inputs import add_input_arguments, inputs
from quotebrowser.cli.progress import progress_bar, reporter
from quotebrowser.clipboard import copy_to_system_clipboard, osc52_sequence
from quotebrowser.cluster.parts import read_header, read_shards, shard_files
from quotebrowser.errors import UserError
from quotebrowser.exports import write_quotes
from quotebrowser.folding import fold
from quotebrowser.identity import likely_duplicates
from quotebrowser.ingest import IngestSummary, store_extracted
from quotebrowser.ingest import run_ingest as run_ingest_paths
from quotebrowser.model import GROUPS
from quotebrowser.output import write_records
from quotebrowser.query import FIELDS, SHOWS, SORTS, parse_query, shorthand
from quotebrowser.store import Store, resolve_db_path
from quotebrowser.store.doctor import SalvageReport, diagnose, salvage, tidy
from quotebrowser.wording import counted

QUOTE_FORMATS = ("table", "jsonl", "json", "csv", "markdown")
SPEAKER_COLUMNS = ("name", "role", "group", "quotes", "statements", "documents", "aliases")


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

    q = subparsers.add_parser(
        "quotes",
        parents=[common],
        help="list stored quotes",
        description="List the quotes matching QUERY, written as in the app's search bar: "
        "free words, "
        + ", ".join(f"{name}:" for name in FIELDS)
        + ", sort:"
        + "|".join(SORTS)
        + ", show:"
        + "|".join(SHOWS)
        + ".",
    )
    q.add_argument(
        "query", nargs="*", metavar="QUERY", help="e.g. 'speaker:aliyev group:leaders border'"
    )
    q.add_argument("--speaker", metavar="NAME", help="shorthand for speaker:NAME")
    q.add_argument("--group", metavar="G", help=f"shorthand for group:G ({', '.join(GROUPS)})")
    q.add_argument("--source", metavar="S", help="shorthand for source:S")
    q.add_argument(
        "--search",
        metavar="TEXT",
        help="shorthand for free words (in the quote, speaker or article)",
    )
    q.add_argument(
        "--format",
        choices=QUOTE_FORMATS,
        default="table",
        help="csv, json, jsonl and markdown carry each quote's article (title, outlet, "
        "authors, date, link) and how the archive lists its speaker (role, group)",
    )
    q.add_argument(
        "--cite",
        choices=STYLES,
        metavar="STYLE",
        help=f"print the citations of the quotes instead ({', '.join(STYLES)})",
    )
    q.set_defaults(func=run_quotes)

    s = subparsers.add_parser("speakers", parents=[common], help="list who is quoted, how often")
    s.add_argument("--format", choices=QUOTE_FORMATS, default="table")
    curate = s.add_mutually_exclusive_group()
    curate.add_argument(
        "--merge",
        nargs=2,
        metavar=("ALIAS", "NAME"),
        help="one person: ALIAS's quotes show under NAME (both quoted already)",
    )
    curate.add_argument(
        "--rename", nargs=2, metavar=("OLD", "NEW"), help="show OLD's quotes under NEW"
    )
    curate.add_argument(
        "--unmerge",
        metavar="NAME",
        help="NAME's quotes show under NAME again (undoes a merge or rename of NAME, yours or "
        "the archive's)",
    )
    curate.add_argument(
        "--undo", action="store_true", help="take back the last merge, rename or unmerge"
    )
    curate.add_argument(
        "--duplicates",
        action="store_true",
        help="likely duplicates: a shared surname and role, or a short form of a name",
    )
    s.set_defaults(func=run_speakers)

    c = subparsers.add_parser("cite", parents=[common], help="print the citations of quotes")
    c.add_argument(
        "ids", nargs="+", metavar="ID", help="quote ids, or their first characters"
    )
    c.add_argument("--style", choices=STYLES, default="plain")
    c.add_argument(
        "--copy",
        action="store_true",
        help="also copy it to the clipboard (system clipboard, else the terminal)",
    )
    c.set_defaults(func=run_cite)

    d = subparsers.add_parser("doctor", parents=[common], help="check the database; repair it")
    d.add_argument(
        "--salvage",
        action="store_true",
        help="back up the file, then rewrite it with every record that still reads",
    )
    d.set_defaults(func=run_doctor)


def _warn(message: str) -> None:
    print(f"quotebrowser: {message}", file=sys.stderr)


def open_store(args: argparse.Namespace, *, must_exist: bool = True) -> Store:
    store = Store(resolve_db_path(getattr(args, "db", None)), on_wait=_warn)
    if must_exist and (not store.exists() or store.is_empty()):
        raise UserError(
            f"no quotes stored in {store.path} yet; run `quotebrowser ingest PATH...` first"
        )
    return store


# -- ingest ------------------------------------------------------------------------------------


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
        _warn(warning)
    return _ingested(summary, store)


def _ingested(summary: IngestSummary, store: Store) -> int:
    """Report an ingest: each failure and copy on stderr, the summary line on stdout."""
    for error in summary.errors:
        _warn(str(error))
    for copy_path, original in summary.copies:
        _warn(f"{copy_path}: same text as {original}, already stored; not stored twice")
    for correction in summary.unapplied:
        _warn(f"correction no longer applies (its words are gone): {correction}")
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


# -- quotes, speakers --------------------------------------------------------------------------


def query_text(args: argparse.Namespace) -> str:
    """The QUERY words with the shorthand flags added as the tokens they stand for."""
    parts = list(args.query)
    for name in ("speaker", "group", "source"):
        value = getattr(args, name)
        if value is not None:
            parts.append(shorthand(name, value))
    if args.search:
        parts.append(args.search)
    return " ".join(parts)


def run_quotes(args: argparse.Namespace) -> int:
    text = query_text(args)
    query = parse_query(text)  # a bad query fails before the database is read
    store = open_store(args)
    results = store.search(query)
    if not results.first():
        _warn(f"no quotes match {text!r}" if text.strip() else "no quotes to list")
        return 0
    if args.cite:
        quotes = list(results)
        documents = store.documents_of(q.source for q in quotes)
        print(cite_all([(q, documents.get(q.source)) for q in quotes], args.cite))
        return 0
    write_quotes(
        sys.stdout,
        results.pages(),
        args.format,
        store.documents_of,
        store.variants_of,
        store.people() if args.format != "table" else None,
        statements=query.show == "statements",
        kinds=query.reported,
    )
    return 0


def run_speakers(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.merge or args.rename:
        old, new = args.merge or args.rename
        change = store.rename_speaker(old, new, merge=bool(args.merge))
        print(f"{counted(change.quotes, 'quote')} of {change.old} now show under {change.new}")
        return 0
    if args.unmerge:
        return _unmerge(store, args.unmerge)
    if args.undo:
        undone = store.undo(names_only=True)
        if undone is None:
            raise UserError("no merge, rename or unmerge to undo")
        print(f"undone: {undone.describe()}")
        return 0
    if args.duplicates:
        people = [(p.name, p.role) for p in store.people().profiles()]
        pairs = ({"name": a, "other": b, "why": why} for a, b, why in likely_duplicates(people))
        write_records(pairs, args.format, sys.stdout, ("name", "other", "why"))
        return 0
    profiles = store.people().profiles()
    records = (
        {c: getattr(p, c) for c in SPEAKER_COLUMNS} | {"aliases": "; ".join(p.aliases)}
        for p in profiles
    )
    # Quotes and reported statements apart; the table leaves out a column of noughts.
    table = (
        SPEAKER_COLUMNS
        if any(p.statements for p in profiles)
        else tuple(c for c in SPEAKER_COLUMNS if c != "statements")
    )
    write_records(records, args.format, sys.stdout, SPEAKER_COLUMNS, table_columns=table)
    return 0


def _unmerge(store: Store, name: str) -> int:
    """The user's merge or rename of `name` undone; else the archive's own merge of that name
    as written (kept apart from then on)."""
    change = store.unmerge(name)
    if change is not None:
        again = f"{change.old}'s quotes show under {change.old} again"
        print(f"{again} (`quotebrowser speakers --undo` takes it back)")
        return 0
    written = {fold(m.alias): m.alias for m in store.merges()}
    if fold(name) in written:
        count = store.keep_apart(written[fold(name)])
        print(f"{counted(count, 'quote')} show under {written[fold(name)]} again, kept apart")
        return 0
    raise UserError(
        f"{name!r} is not shown under another name; `quotebrowser speakers` lists each "
        "speaker's aliases"
    )


# -- cite --------------------------------------------------------------------------------------


def run_cite(args: argparse.Namespace) -> int:
    store = open_store(args)
    # Every id is checked before anything is printed.
    quotes = [store.one_quote(prefix) for prefix in args.ids]
    text = cite_all([(q, store.document_info(q.source)) for q in quotes], args.style)
    print(text)
    if args.copy and not copy(text):
        return 1
    return 0


def copy(text: str) -> bool:
    """Copy by every route available and say honestly which one worked; False when none did."""
    ok, message = copy_to_system_clipboard(text)
    if ok:
        _warn(message)
        return True
    terminal = next((s for s in (sys.stdout, sys.stderr) if s.isatty()), None)
    if terminal is None:
        _warn(f"{message}; not copied (no terminal to send it to either)")
        return False
    terminal.write(osc52_sequence(text))
    terminal.flush()
    _warn(
        f"{message}; sent it to the terminal's clipboard instead (OSC 52 escape: works "
        "in terminals that support it, e.g. over SSH; nothing confirms it did)"
    )
    return True


# -- doctor ------------------------------------------------------------------------------------


def run_doctor(args: argparse.Namespace) -> int:
    path = resolve_db_path(getattr(args, "db", None))
    diag = diagnose(path)
    print(f"database: {path}")
    for note in diag.notes:
        print(f"  ok: {note}")
    for problem in diag.problems:
        print(f"  problem: {problem}")
    for where, n in sorted(diag.recovered.items()):
        print(f"  recoverable: {n} quotes from {where}")
    if diag.problems and not diag.exists:
        return 1
    if not diag.healthy and not diag.documents and not diag.quotes:
        # Salvage keeps records that still read; advise it only when there are some.
        print(
            "  nothing readable: no document or quote record survives, so there is nothing "
            f"to salvage; move {path} away to start a new database there"
        )
        return 1
    if not args.salvage:
        if diag.healthy:
            return 0
        print(
            f"  readable: {len(diag.documents)} documents, {len(diag.quotes)} quotes; "
            f"run `quotebrowser doctor --salvage --db {path}` to keep them "
            "(the damaged file is backed up first)"
        )
        return 1
    if diag.healthy:
        if diag.exists:
            tidy(Store(path))
        print("  nothing to salvage")
        return 0
    # Opening the store normally would refuse the damaged file: salvage replaces it, after a backup.
    report = salvage(Store(path, check=False), diag)
    if report.backup is not None:
        print(f"  backup: {report.backup}")
    rebuilt = (
        f" ({report.rebuilt_documents} documents rebuilt from their stored texts)"
        if report.rebuilt_documents
        else ""
    )
    dropped = (
        f"; dropped {report.dropped_quotes} quotes that no longer match an article"
        if report.dropped_quotes
        else ""
    )
    print(f"  salvaged: {report.documents} documents, {report.quotes} quotes{rebuilt}{dropped}")
    for where, n in report.recovered:
        print(f"  recovered: {n} quotes from {where}")
    _report_losses(report)
    return 0


SHORT_SHOWN = 20  # articles listed by name when salvage kept fewer quotes than they had


def _report_losses(report: SalvageReport) -> None:
    if not (report.lost_quotes or report.lost_documents or report.short):
        print(
            "  nothing was lost"
            if report.counted
            else "  nothing was lost that the records still read tell of (the manifest, which "
            "counted the documents, is lost)"
        )
        return
    parts = [f"{report.lost_quotes} quotes"]
    if report.lost_documents:
        parts.append(
            f"{report.lost_documents} documents whose records are gone "
            "(the next ingest of their articles adds them again)"
        )
    print(f"  not recovered: {', '.join(parts)}")
    for source, kept, had in report.short[:SHORT_SHOWN]:
        print(f"    {source}: {kept} of its {had} quotes kept (its next ingest reads it again)")
    if len(report.short) > SHORT_SHOWN:
        print(f"    and {len(report.short) - SHORT_SHOWN} more articles")
