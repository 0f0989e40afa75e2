"""`quotebrowser extract` (print quotes, no database) and `quotebrowser eval` (score them)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from quotebrowser.cli import warn
from quotebrowser.cli.database import open_store
from quotebrowser.cli.inputs import add_input_arguments, inputs
from quotebrowser.cli.progress import progress_bar, reporter
from quotebrowser.errors import UserError
from quotebrowser.evaluation import (
    REPORTED_MATCH_THRESHOLD,
    SCORED_KINDS,
    EvidenceRow,
    Gold,
    Scores,
    WhoScores,
    by_evidence,
    score_document,
    who_as_shown,
)
from quotebrowser.extract.reported import REPORT_EVIDENCE
from quotebrowser.extract.resolvers import RESOLVERS
from quotebrowser.extract.rules import EVIDENCE
from quotebrowser.ingest import absolute
from quotebrowser.model import QUOTE_FIELDS, REPORTED, Document, Quote
from quotebrowser.output import one_line, short_name, write_records
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.reading import count_inputs, read_sources
from quotebrowser.store import Store
from quotebrowser.wording import counted

EXTRACT_FORMATS = ("jsonl", "json", "csv", "table")
TABLE_COLUMNS = ("speaker", "kind", "cue", "text", "source")


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "extract", parents=[common], help="find and attribute quotes, print them (no database)"
    )
    add_input_arguments(p)
    p.add_argument("--format", choices=EXTRACT_FORMATS, default="jsonl")
    p.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="worker processes (default: number of cores); with --dask, the local cluster's",
    )
    cluster = p.add_argument_group(
        "Dask cluster", "extract on a Dask cluster into quote shards (stored by `ingest --quotes`)"
    )
    cluster.add_argument(
        "--dask",
        nargs="?",
        const="",
        default=None,
        metavar="ADDRESS",
        help="run on the Dask scheduler at ADDRESS (tcp://HOST:8786), or without ADDRESS on a "
        "local cluster of --jobs processes; put it after the paths",
    )
    cluster.add_argument(
        "--out",
        metavar="DIR",
        help="folder for the quote shards, one per partition; a rerun skips the partitions done",
    )
    cluster.add_argument(
        "--partition-size",
        type=int,
        default=None,
        metavar="N",
        help="documents per partition (default: 50); a rerun must give the same N to resume",
    )
    p.set_defaults(func=run_extract)

    e = subparsers.add_parser(
        "eval",
        parents=[common],
        help="score extraction against a gold file",
        description="Scores the quotes extracted from PATH...; with --db FILE and no PATH, "
        "the quotes stored there, as the user corrected them.",
    )
    e.add_argument("gold", metavar="GOLD.json")
    add_input_arguments(e)
    e.add_argument("--json", action="store_true", help="print the scores as JSON")
    e.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="list missed, spurious and misattributed quotes",
    )
    e.add_argument(
        "--who",
        action="store_true",
        help="also score who-is-who over rightly attributed quotes: group and role accuracy, "
        "distinct names per person",
    )
    e.add_argument(
        "--by-evidence",
        action="store_true",
        help="also show, for each attribution rule, how many of its speakers are right",
    )
    e.add_argument(
        "--kind",
        choices=EVAL_KINDS,
        default="quotes",
        help="what to score: quotations (default), reported statements (matched at token F1 "
        ">= 0.5), or both, in a table with a column each",
    )
    e.add_argument("--jobs", type=int, default=None, metavar="N")
    e.set_defaults(func=run_eval)


def _documents(args: argparse.Namespace, failures: list[ReadError]) -> Iterator[Document]:
    """The documents the arguments name; each bad input is reported and counted."""
    paths, urls_file, fields = inputs(args)
    for item in read_sources(paths, urls_file=urls_file, fields=fields):
        if isinstance(item, ReadError):
            warn(str(item))
            failures.append(item)
        else:
            for warning in item.warnings:
                warn(f"{item.source}: {warning}")
            yield item


def _failed(failures: list[ReadError]) -> Callable[[Document, str], None]:
    """Report a document the extractor could not finish, as a bad input is reported."""

    def failed(document: Document, reason: str) -> None:
        failure = ReadError(document.source, reason)
        warn(str(failure))
        failures.append(failure)

    return failed


def _stored(store: Store) -> Iterator[tuple[Document, list[Quote]]]:
    """Each stored article with its quotes as corrected (those marked not a quote left out)."""
    snapshot = store.snapshot()
    by_source: dict[str, list[Quote]] = {}
    for q in snapshot.quotes:
        if not q.rejected:
            by_source.setdefault(q.source, []).append(q)
    for source in snapshot.documents:
        text = store.document_text(source)
        if text is not None:
            yield Document(source, text), by_source.get(source, [])


def run_extract(args: argparse.Namespace) -> int:
    # Deferred: spaCy (0.6 s) only for the commands that extract.
    from quotebrowser.extract import extract_many
    from quotebrowser.extract.runner import default_jobs

    dask = args.dask is not None or args.out is not None
    if dask:
        check_dask_options(args)
    inputs(args)  # a missing input is an error before anything is printed
    failures: list[ReadError] = []
    jobs = args.jobs or default_jobs()
    if dask:
        return run_extract_dask(args, _documents(args, failures), failures, jobs)
    results = extract_many(_documents(args, failures), jobs=jobs, failed=_failed(failures))
    records = (q.to_dict() for _, quotes in results for q in quotes)
    if args.format == "table":
        # On screen the file name says enough; the machine formats keep the path as given.
        records = ({**r, "source": short_name(r["source"])} for r in records)
    write_records(
        records,
        args.format,
        sys.stdout,
        QUOTE_FIELDS,
        table_columns=TABLE_COLUMNS,
        width_limits={"text": 80},
    )
    return 1 if failures else 0


# A scheduler's address: a URL (tcp://, tls://, ...) or HOST:PORT.
_ADDRESS = re.compile(r"[a-z][a-z0-9+]*://\S+|[\w.\-]+:\d+")


def check_dask_options(args: argparse.Namespace) -> None:
    if args.dask is None:
        raise UserError("--out goes with --dask: the shards are written by a Dask extraction")
    if not args.out:
        raise UserError("--dask writes quote shards: give the folder for them with --out DIR")
    if args.dask and not _ADDRESS.fullmatch(args.dask):
        raise UserError(
            f"--dask {args.dask}: not a scheduler address (tcp://HOST:PORT or HOST:PORT); "
            "to use a local cluster, put --dask after the paths"
        )


def run_extract_dask(
    args: argparse.Namespace, documents: Iterator[Document], failures: list[ReadError], jobs: int
) -> int:
    """`extract --dask [ADDRESS] --out DIR`: quote shards from a Dask cluster's extraction."""
    # Deferred: Dask and distributed (0.4 s) only for `extract --dask`.
    from quotebrowser.cluster.dask_run import PARTITION_DOCUMENTS, run_on_dask

    out = Path(args.out)
    paths, urls_file, _ = inputs(args)
    total = count_inputs(paths, urls_file) or 0  # 0: not known (archives are counted as read)
    with progress_bar("extracting") as bar:
        progress = reporter(bar)
        summary = run_on_dask(
            # Named as ingest names them, so `ingest --quotes` stores what `ingest` would.
            (absolute(d) for d in documents),
            out,
            address=args.dask or None,
            workers=jobs,
            size=args.partition_size or PARTITION_DOCUMENTS,
            progress=lambda done, source: progress(done, total, source),
        )
    for failure in (*summary.skipped, *summary.failed):
        warn(str(failure))
    failed = f", {len(summary.failed)} failed (a rerun retries them)" if summary.failed else ""
    skipped = f" ({len(summary.skipped)} skipped)" if summary.skipped else ""
    removed = (
        f"; removed {counted(summary.removed, 'shard')} of an earlier, longer input"
        if summary.removed
        else ""
    )
    print(
        f"{counted(summary.partitions, 'partition')}: {summary.extracted} extracted, "
        f"{summary.done} already done{failed}; {counted(summary.documents, 'document')}{skipped}, "
        f"{counted(summary.quotes, 'quote')} in {out}{removed}"
    )
    return 1 if failures or summary.failed or summary.skipped else 0


EVAL_KINDS = ("quotes", "reported", "all")
# Column headings and row words of each scored kind.
_KIND_WORDS = {"quotes": "quote", REPORTED: "statement"}


def run_eval(args: argparse.Namespace) -> int:
    # Deferred: spaCy (0.6 s) only for the commands that extract.
    from quotebrowser.extract import extract_many
    from quotebrowser.extract.runner import default_jobs

    gold = Gold.load(args.gold)
    stored = getattr(args, "db", None) is not None and not args.paths and not args.urls
    if not stored:
        inputs(args)
    kinds = SCORED_KINDS if args.kind == "all" else (args.kind,)
    failures: list[ReadError] = []
    scores = {kind: Scores() for kind in kinds}
    unknown: list[str] = []
    predicted: list[Quote] = []
    store = open_store(argparse.Namespace(db=args.db)) if stored else None
    found = (
        _stored(store)
        if store is not None
        else extract_many(
            _documents(args, failures),
            jobs=args.jobs or default_jobs(),
            failed=_failed(failures),
        )
    )
    for document, quotes in found:
        name = Path(document.source).name
        if name not in gold.quotes:
            unknown.append(name)
            continue
        for kind in kinds:
            score_document(gold, gold.quotes[name], quotes, document.text, scores[kind], kind)
        predicted.extend(quotes)
    if unknown:
        warn(f"not in the gold file, skipped: {', '.join(unknown)}")
    who = {}
    if args.who:
        # A database's who's who is the one its app and `speakers` show; else the extracted
        # quotes get one of their own.
        people = store.people() if store else None
        who = {kind: who_as_shown(gold, scores[kind], predicted, people) for kind in kinds}
    rows: dict[str, tuple[list[EvidenceRow], list[EvidenceRow]]] = {}
    if args.by_evidence:
        for kind in kinds:
            rows[kind] = (
                by_evidence(scores[kind], REPORT_EVIDENCE if kind == REPORTED else EVIDENCE),
                by_evidence(
                    scores[kind], tuple(r.name for r in RESOLVERS), key=lambda q: q.resolver
                ),
            )
    if args.json:
        summaries = {}
        for kind in kinds:
            summary = scores[kind].summary()
            if kind in who:
                summary["who"] = who[kind].summary()
            if kind in rows:
                summary["by_evidence"] = {row.evidence: row.summary() for row in rows[kind][0]}
                summary["by_resolver"] = {row.evidence: row.summary() for row in rows[kind][1]}
            summaries[kind] = summary
        # One kind: its scores as they always were; several: one object per kind.
        print(json.dumps(summaries[kinds[0]] if len(kinds) == 1 else summaries, indent=2))
    elif kinds == ("quotes",):
        _print_scores(scores["quotes"], args.verbose)
        if who:
            _print_who(who["quotes"], args.verbose)
        if rows:
            _print_evidence(rows["quotes"][0], "evidence")
            _print_evidence(rows["quotes"][1], "resolver")
    else:
        _print_table(kinds, scores, who)
        for kind in kinds:
            if args.verbose:
                print(f"\n{_KIND_WORDS[kind]}s:")
                _print_details(scores[kind])
                if kind in who:
                    _print_who_details(who[kind])
            if kind in rows:
                _print_evidence(rows[kind][0], f"{_KIND_WORDS[kind]} evidence")
                _print_evidence(rows[kind][1], f"{_KIND_WORDS[kind]} resolver")
    return 1 if failures else 0


def _print_table(
    kinds: tuple[str, ...], scores: dict[str, Scores], who: dict[str, WhoScores]
) -> None:
    """The scores of each kind in a column of its own: quotations beside reported statements."""
    columns = [scores[kind].summary() for kind in kinds]
    lines: list[tuple[str, list[str]]] = [
        ("documents", [str(c["documents"]) for c in columns]),
        ("gold", [str(c["gold_quotes"]) for c in columns]),
        ("predicted", [str(c["predicted_quotes"]) for c in columns]),
        ("precision", [f"{c['quote_precision']:.3f}" for c in columns]),
        ("recall", [f"{c['quote_recall']:.3f}" for c in columns]),
        ("F1", [f"{c['quote_f1']:.3f}" for c in columns]),
        ("attribution accuracy", [f"{c['attribution_accuracy']:.3f}" for c in columns]),
        ("end-to-end F1", [f"{c['end_to_end_f1']:.3f}" for c in columns]),
        ("offset errors", [str(c["offset_errors"]) for c in columns]),
    ]
    if who:
        lines += [
            ("group accuracy", [_fraction(who[k].group_accuracy) for k in kinds]),
            ("role accuracy", [_fraction(who[k].role_accuracy) for k in kinds]),
            ("names per person", [f"{who[k].names_per_person:.3f}" for k in kinds]),
        ]
    matching = {
        "quotes": "token F1 >= 0.75",
        REPORTED: f"token F1 >= {REPORTED_MATCH_THRESHOLD}",
    }
    heads = [f"{_KIND_WORDS[k]}s" for k in kinds]
    print(f"{'':21}" + "".join(f"{h:>12}" for h in heads))
    for label, values in lines:
        print(f"{label:21}" + "".join(f"{v:>12}" for v in values))
    print(f"{'matched at':21}" + "".join(f"{matching[k]:>20}" for k in kinds).rstrip())


def _fraction(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _print_evidence(rows: list[EvidenceRow], label: str) -> None:
    """How far to trust each rule (or resolver): of its speakers matching gold, how many are
    right."""
    print()
    print(f"{label:16} {'quotes':>6} {'matched':>7} {'right':>5} {'precision':>9}")
    for row in rows:
        precision = f"{row.precision:.3f}" if row.matched else "-"
        print(f"{row.evidence:16} {row.quotes:6} {row.matched:7} {row.right:5} {precision:>9}")


def _print_scores(scores: Scores, verbose: bool) -> None:
    s = scores.summary()
    print(f"documents            {s['documents']}")
    print(f"gold quotes          {s['gold_quotes']}")
    print(f"predicted quotes     {s['predicted_quotes']}")
    print(f"quote precision      {s['quote_precision']:.3f}")
    print(f"quote recall         {s['quote_recall']:.3f}")
    print(f"quote F1             {s['quote_f1']:.3f}")
    print(f"attribution accuracy {s['attribution_accuracy']:.3f}")
    print(f"end-to-end F1        {s['end_to_end_f1']:.3f}")
    print(f"offset errors        {s['offset_errors']}")
    if verbose:
        _print_details(scores)


def _print_details(scores: Scores) -> None:
    """The misses, the spurious ones and the wrong speakers, one line each."""
    for g in scores.misses:
        print(f"MISSED   [{g.file}] {g.speaker}: {one_line(g.text, 90)}")
    for p in scores.false_positives:
        print(f"SPURIOUS [{Path(p.source).name}] {p.speaker}: {one_line(p.text, 90)}")
    for g, p in scores.wrong_speakers:
        print(f"SPEAKER  [{g.file}] gold {g.speaker!r}, got {p.speaker!r}: {one_line(g.text, 70)}")


def _print_who(who: WhoScores, verbose: bool) -> None:
    group = "n/a (no groups in the gold file)" if who.group_accuracy is None else ""
    print(f"group accuracy       {group or f'{who.group_accuracy:.3f}'}")
    own = (
        f"(people's: {who.people_role_accuracy:.3f}; "
        f"each quote's own: {who.quote_role_accuracy:.3f})"
    )
    print(f"role accuracy        {who.role_accuracy:.3f}  {own}")
    print(f"names per person     {who.names_per_person:.3f}")
    if verbose:
        _print_who_details(who)


def _print_who_details(who: WhoScores) -> None:
    for s, p in who.wrong_groups:
        where = Path(p.source).name
        print(f"GROUP    [{where}] {s.name}: gold {s.group}, got {p.group} ({p.role})")
    for s, p in who.wrong_roles:
        print(f"ROLE     [{Path(p.source).name}] {s.name} ({s.role}): got {p.role!r}")
    for person, names in who.names.items():
        print(f"NAMES    {person}: {' | '.join(one_line(n, 40) for n in names)}")
