"""`doctor`: check the database; salvage what still reads."""

from __future__ import annotations

import argparse

from quotebrowser.store import Store, resolve_db_path
from quotebrowser.store.doctor import SalvageReport, diagnose, salvage, tidy


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    d = subparsers.add_parser("doctor", parents=[common], help="check the database; repair it")
    d.add_argument(
        "--salvage",
        action="store_true",
        help="back up the file, then rewrite it with every record that still reads",
    )
    d.set_defaults(func=run_doctor)


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
