"""Reading the database: `quotes` (the query language), `speakers` (who is who; merges and
renames) and `cite`."""

from __future__ import annotations

import argparse
import sys

from quotebrowser.citation import STYLES, cite_all
from quotebrowser.cli import warn
from quotebrowser.cli.database import open_store
from quotebrowser.clipboard import copy_to_system_clipboard, osc52_sequence
from quotebrowser.errors import UserError
from quotebrowser.exports import write_quotes
from quotebrowser.folding import fold
from quotebrowser.identity import likely_duplicates
from quotebrowser.model import GROUPS
from quotebrowser.output import write_records
from quotebrowser.query import FIELDS, SHOWS, SORTS, parse_query, shorthand
from quotebrowser.store import Store
from quotebrowser.wording import counted

QUOTE_FORMATS = ("table", "jsonl", "json", "csv", "markdown")
SPEAKER_COLUMNS = ("name", "role", "group", "quotes", "statements", "documents", "aliases")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
    c.add_argument("ids", nargs="+", metavar="ID", help="quote ids, or their first characters")
    c.add_argument("--style", choices=STYLES, default="plain")
    c.add_argument(
        "--copy",
        action="store_true",
        help="also copy it to the clipboard (system clipboard, else the terminal)",
    )
    c.set_defaults(func=run_cite)


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
        warn(f"no quotes match {text!r}" if text.strip() else "no quotes to list")
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
        warn(message)
        return True
    terminal = next((s for s in (sys.stdout, sys.stderr) if s.isatty()), None)
    if terminal is None:
        warn(f"{message}; not copied (no terminal to send it to either)")
        return False
    terminal.write(osc52_sequence(text))
    terminal.flush()
    warn(
        f"{message}; sent it to the terminal's clipboard instead (OSC 52 escape: works "
        "in terminals that support it, e.g. over SSH; nothing confirms it did)"
    )
    return True
