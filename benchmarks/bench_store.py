"""How fast is a big quote database to write, open and query, at several sizes in one run?

    python benchmarks/bench_store.py                         # 10,000, 100,000, 1,000,000 quotes
    python benchmarks/bench_store.py --sizes 10000 100000    # smaller
    python benchmarks/bench_store.py --sizes 20000 --keep /tmp/bench-db.json
    python benchmarks/bench_store.py --commit-into A.json B.json   # one commit into a copy of each

For each size, a fresh process builds a database of synthetic quotes (no spaCy) through
ingest's commit (`ingest.store_extracted`: each article's metadata described, then
`Store.add_many`), in batches of 500 articles as an ingest commits them, and reports the build
time, the commit of 500 articles (the last batches: a commit into a database of that size) and
its own peak memory. Then, against that database: open, `quotes
--speaker` and `speakers` as whole fresh processes (cold: Python start-up included), the
snapshot the app starts from (first screen: its first quotes) and all of it, the speakers list,
a text search, one article text.

`--commit-into DB ...` builds nothing: it copies each database (the manifest and everything
beside it) and times, in a fresh process per copy, its first open (an index of another version is
rebuilt from the shards then), the snapshot the app starts from (first quote; every quote), and
then one commit of 500 fresh articles from the generator that built it (this file's or
bench_app.py's, told apart by the articles' names). `--against CHECKOUT --rounds N` times another
checkout's quotebrowser (the code before a change) the same way, alternating with this one, and
prints both with their ratios:

    python benchmarks/bench_store.py --commit-into A.json B.json --against /tmp/before --rounds 2
"""

from __future__ import annotations

import argparse
import cProfile
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import quotebrowser
from quotebrowser.ingest import store_extracted
from quotebrowser.model import GROUPS, Document, Quote, quote_id
from quotebrowser.query import find
from quotebrowser.store import Store

FIRST = [
    "Anna",
    "Jonas",
    "Émile",
    "Zoë",
    "Ilkka",
    "Çağrı",
    "Nuno",
    "Dörte",
    "Sam",
    "Léa",
    "Omar",
    "Petra",
    "Ruslan",
    "Tomás",
    "Yusuf",
    "Ines",
    "Mateo",
    "Sofía",
    "Karl",
    "Mia",
]
LAST = [
    "Åberg",
    "Novak",
    "Okafor",
    "Ferreira",
    "Kowalski",
    "Müller",
    "Haddad",
    "Lindqvist",
    "Tanaka",
    "Rossi",
    "Moreau",
    "Szabó",
    "Ivanova",
    "Petrov",
    "Nakamura",
    "Costa",
    "Dubois",
    "Jensen",
    "Kaya",
    "Horvat",
    "O'Neill",
    "García",
    "Schmidt",
    "Yilmaz",
    "Bauer",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ren",
    "tus",
    "sa",
    "vel",
    "dor",
    "in",
    "ma",
    "por",
    "qui",
    "ne",
    "zu",
    "tan",
    "ber",
    "ol",
    "fi",
    "gra",
    "ste",
]
COMMON = ["the", "we", "will", "that", "this", "is", "of", "and", "to", "in", "our", "not"]


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_corpus(
    n_quotes: int, per_doc: int, n_speakers: int, seed: int = 7, first: int = 0
) -> Iterator[tuple[Document, list[Quote]]]:
    """Synthetic articles whose quotes keep the invariant text[start:end] == quote.text, made
    one at a time (the corpus never sits in memory whole).

    Words follow a Zipf-like law, as in real text: a few very common, most rare. Each article
    quotes two to five people, several times each, as news articles do. `first`: number the
    articles from there, drawn apart (same words and speakers): fresh articles for a database
    built from the start of this corpus.
    """
    rng = random.Random(seed)
    vocab = make_vocabulary(rng, 20000)
    cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_speakers)]
    groups = {name: rng.choice(GROUPS) for name in speakers}
    if first:
        rng.seed(f"{seed}-{first}")
    n_docs = (n_quotes + per_doc - 1) // per_doc
    for d in range(first, first + n_docs):
        source = source_of(d)
        quoted = rng.sample(speakers, rng.randint(2, 5))
        parts = [f"Synthetic article {d}\n\n"]
        quotes: list[Quote] = []
        occurrences: dict[str, int] = {}
        for p in range(min(per_doc, n_quotes - (d - first) * per_doc)):
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 30))
            words += rng.choices(COMMON, k=5)
            rng.shuffle(words)
            text = " ".join(words).capitalize()
            speaker = rng.choice(quoted)
            offset = sum(map(len, parts)) + 1
            parts.append(f"\u201c{text},\u201d said {speaker}.\n\n")
            n = occurrences.get(text, 0)
            occurrences[text] = n + 1
            quotes.append(
                Quote(
                    id=quote_id(source, text, n),
                    source=source,
                    text=text,
                    start=offset,
                    end=offset + len(text),
                    speaker=speaker,
                    role="spokesperson",
                    group=groups[speaker],
                    kind="direct",
                    cue="said",
                    paragraph=p + 1,
                )
            )
        yield Document(source=source, text="".join(parts)), quotes


def source_of(d: int) -> str:
    return f"/bench/articles/{d:07d}.txt"


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def commit(store: Store, batch: list[tuple[Document, list[Quote]]]) -> None:
    """One commit of `batch` as ingest commits it (metadata described, then `Store.add_many`)."""
    store.commit_interval = float("inf")
    store_extracted(store, batch, batch=len(batch))


def build(path: Path, n_quotes: int, per_doc: int, speakers: int, batch: int) -> dict[str, Any]:
    """Build the database through ingest's commit; run in its own process (its peak memory)."""
    store = Store(path)
    corpus = make_corpus(n_quotes, per_doc, speakers)
    t0 = time.perf_counter()
    commits = []
    while chunk := list(itertools.islice(corpus, batch)):
        c0 = time.perf_counter()
        commit(store, chunk)
        commits.append(time.perf_counter() - c0)
    return {
        "build_s": time.perf_counter() - t0,
        "commits": len(commits),
        "last_commits_s": commits[-3:],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def fresh_articles(
    sources: list[str], articles: int, per_doc: int, speakers: int
) -> list[tuple[Document, list[Quote]]]:
    """`articles` articles new to a database holding `sources`, drawn by the generator that
    built it (same words, same speakers), numbered after its last."""
    n_quotes = articles * per_doc
    if sources and all(s.startswith("/bench/articles/") for s in sources[:10]):
        return list(make_corpus(n_quotes, per_doc, speakers, first=len(sources)))
    if sources and all(s.startswith("/bench/") for s in sources[:10]):
        from bench_app import corpus  # its million-quote database (bench_app.py --db)

        return list(corpus(n_quotes, per_doc, first=len(sources)))
    raise SystemExit("not a database bench_store.py or bench_app.py built")


def commit_into(
    path: Path, articles: int, per_doc: int, speakers: int, profile_to: str | None = None
) -> dict[str, Any]:
    """Open the database (timed: a stale or older index is rebuilt then), the snapshot the app
    starts from (open + first quote, median of 3, and every quote, once), then one commit of
    `articles` fresh articles (timed; under cProfile, its stats written to `profile_to`, when
    given). Run in its own process, on a copy."""
    store = Store(path)
    t0 = time.perf_counter()
    sources = list(store.documents())  # the catalogue, from an index in step with the shards
    opened = time.perf_counter() - t0
    quotes = store.quote_count()
    # `quotes QUERY` as fresh processes (3 runs each, the median; and the quotes printed).
    cli = {}
    for name, text in cli_queries(per_doc, speakers).items():
        runs = [cold_lines("quotes", text, "--db", str(path), "--format", "jsonl")
                for _ in range(3)]
        cli[name] = (statistics.median(t for t, _ in runs), runs[0][1], text)
    first, _ = timed(lambda: Store(path).snapshot().quotes[0])
    whole, _ = timed(lambda: sum(1 for _ in Store(path).snapshot().quotes), repeat=1)
    batch = fresh_articles(sources, articles, per_doc, speakers)
    profile = cProfile.Profile() if profile_to else None
    t0 = time.perf_counter()
    if profile:
        profile.runcall(commit, store, batch)
        profile.dump_stats(profile_to)
    else:
        commit(store, batch)
    return {"quotes": quotes, "open_s": opened, "commit_s": time.perf_counter() - t0,
            "first_screen_s": first, "snapshot_s": whole, "added": sum(len(q) for _, q in batch),
            "code": str(Path(quotebrowser.__file__).resolve().parent.parent), "cli": cli}


def copy_database(path: Path, folder: Path) -> Path:
    """Copy the manifest and what sits beside it (shards, index, texts, lock) into `folder`."""
    for f in path.parent.glob(f"{path.name}*"):
        (shutil.copytree if f.is_dir() else shutil.copy2)(f, folder / f.name)
    # On disk before the commit is timed: its fsyncs would otherwise wait for the copy's
    # writeback (up to 2 GB at a million quotes), which no real commit does.
    os.sync()
    return folder / path.name


def run_commit_child(
    copy: Path, args: argparse.Namespace, code: str | None, profile_to: Path | None
) -> dict[str, Any]:
    """`commit_into` on `copy` in a fresh process, with the quotebrowser of checkout `code`
    (None: this one): its harness is this file, so two versions are timed alike."""
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [code, env.get("PYTHONPATH")]))
    profile = ["--profile", str(profile_to)] if profile_to else []
    done = subprocess.run(
        [sys.executable, __file__, "--commit-child", str(copy), "--batch", str(args.batch),
         "--per-doc", str(args.per_doc), "--speakers", str(args.speakers), *profile],
        check=True, stdout=subprocess.PIPE, text=True, env=env,
    )
    return json.loads(done.stdout)


def commit_table(paths: list[Path], args: argparse.Namespace) -> int:
    """Each database copied afresh for each run, the runs of the two versions alternating
    (with --against: A B, then B A, ...), so a drifting load falls on both."""
    codes: list[str | None] = [None] if not args.against else [args.against, None]
    labels: dict[str | None, str] = {args.against: "against", None: "this"}
    results: dict[tuple[Path, str | None], list[dict[str, Any]]] = {}
    others = [Path(p) for p in args.against_into] if args.against_into else paths
    if len(others) != len(paths):
        print("--against-into: one database for each of --commit-into", file=sys.stderr)
        return 2
    for path, other in zip(paths, others, strict=True):
        for given in {path, other}:
            if not given.is_file():
                print(f"{given}: no such database", file=sys.stderr)
                return 2
        for round_ in range(args.rounds):
            for code in codes if round_ % 2 == 0 else codes[::-1]:
                source = path if code is None else other
                with tempfile.TemporaryDirectory(dir=args.scratch) as tmp:
                    print(f"copying {source} ...", file=sys.stderr, flush=True)
                    copy = copy_database(source, Path(tmp))
                    print(f"run {round_ + 1} of {args.rounds}, {labels[code]} code: committing "
                          f"{args.batch} articles into the copy ...", file=sys.stderr, flush=True)
                    found = results.setdefault((path, code), [])
                    stats = None
                    if args.profile:
                        stats = Path(args.profile).resolve() / (
                            f"commit-{path.stem}-{labels[code]}-{len(found) + 1}.prof"
                        )
                    found.append(run_commit_child(copy, args, code, stats))
    ran = {labels[code]: runs[0]["code"] for (_, code), runs in results.items()}
    print("code: " + "; ".join(f"{label} = {where}" for label, where in sorted(ran.items())))
    width = max(len(str(path)) for path in paths)
    print(f"{'database':<{width}}  {'code':>7}  {'quotes':>10}  {'first open':>10}  "
          f"{'first screen':>13}  {'every quote':>11}  {'commit of ' + str(args.batch):>14}")
    for path in paths:
        for code in codes:
            runs = results[(path, code)]

            def spread(key: str, runs: list[dict[str, Any]] = runs) -> str:
                values = sorted(r[key] for r in runs)
                if len(values) == 1:
                    return f"{values[0]:.2f}"
                return f"{values[0]:.2f}-{values[-1]:.2f}"

            print(f"{path!s:<{width}}  {labels[code]:>7}  {runs[0]['quotes']:>10,}  "
                  f"{spread('open_s'):>8} s  {spread('first_screen_s'):>11} s  "
                  f"{spread('snapshot_s'):>9} s  {spread('commit_s'):>12} s "
                  f"({runs[0]['added']:,} quotes)")
    print("`quotes QUERY` as a fresh process (median of 3; quotes printed):")
    for path in paths:
        for code in codes:
            runs = results[(path, code)]
            for name in runs[0]["cli"]:
                times = sorted(r["cli"][name][0] for r in runs)
                printed, text = runs[0]["cli"][name][1:]
                print(f"{path!s:<{width}}  {labels[code]:>7}  {times[0]:.2f}-{times[-1]:.2f} s  "
                      f"{printed:>7,} quotes  quotes {text!r}")
    if len(paths) > 1:
        last, first = (statistics.median(r["commit_s"] for r in results[(p, None)])
                       for p in (paths[-1], paths[0]))
        print(f"largest / smallest commit (this code): {last / first:.2f}")
    if args.against:
        print("this / against, medians:")
        for path in paths:
            ratios = []
            for key in ("first_screen_s", "snapshot_s", "commit_s"):
                this, other = (statistics.median(r[key] for r in results[(path, c)])
                               for c in (None, args.against))
                ratios.append(f"{key[:-2].replace('_', ' ')} {this / other:.2f}")
            for name in results[(path, None)][0]["cli"]:
                this, other = (statistics.median(r["cli"][name][0] for r in results[(path, c)])
                               for c in (None, args.against))
                ratios.append(f"quotes ({name}) {this / other:.2f}")
            print(f"{path!s:<{width}}  " + ", ".join(ratios))
    return 0


def cold(*args: str) -> float:
    """Wall time of a fresh `quotebrowser` process (start-up and imports included)."""
    return cold_lines(*args)[0]


def cold_lines(*args: str) -> tuple[float, int]:
    """Wall time of a fresh `quotebrowser` process (start-up and imports included), and the
    lines it printed."""
    # Run from the checkout this process imported: `-m` looks in the working directory first,
    # which would otherwise run whatever checkout the benchmark was started from.
    code = Path(quotebrowser.__file__).resolve().parent.parent
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "quotebrowser", *args],
        check=True,
        stdout=subprocess.PIPE,
        cwd=code,
    )
    return time.perf_counter() - t0, done.stdout.count(b"\n")


def cli_queries(per_doc: int, speakers: int) -> dict[str, str]:
    """The queries `quotes` is timed with: two words (one of two letters), as a user types
    them; and a speaker's surname, their group and a word of one of their quotes (so that it
    finds some). Drawn from this file's corpus."""
    vocab = make_vocabulary(random.Random(7), 20000)
    first = next(make_corpus(per_doc, per_doc, speakers))[1][0]
    surname = (first.speaker or "").split()[-1].lower()
    theirs = max(first.text.lower().split(), key=len).strip(".,;:!?\"'")
    return {
        "words": f"{vocab[300]} {vocab[20][:2]}",
        "speaker group word": f"speaker:{surname} group:{first.group} {theirs}",
    }


def measure(path: Path, n_quotes: int, per_doc: int) -> list[tuple[str, float, Any]]:
    store = Store(path)
    first = next(make_corpus(n_quotes, per_doc, 2000))[1][0]
    surname = (first.speaker or "").split()[-1].upper()  # any case, any part of the name

    def first_screen() -> str:
        snap = Store(path).snapshot()
        return f"{len(snap.quotes)} quotes, first by {snap.quotes[0].speaker}"

    def whole_snapshot() -> int:
        return sum(1 for _ in Store(path).snapshot().quotes)

    warm = Store(path)
    warm.is_empty()
    article = source_of(n_quotes // per_doc // 2)
    rows = [
        ("open", *timed(lambda: Store(path).is_empty())),
        (
            f"quotes --speaker {surname} (cold process)",
            statistics.median(
                cold("quotes", "--speaker", surname, "--db", str(path), "--format", "jsonl")
                for _ in range(3)
            ),
            "",
        ),
        (
            "speakers (cold process)",
            statistics.median(
                cold("speakers", "--db", str(path), "--format", "jsonl") for _ in range(3)
            ),
            "",
        ),
        (
            f"open + speaker query {surname!r}",
            *timed(lambda: len(find(Store(path), f"speaker:{surname}"))),
        ),
        ("open + snapshot, first quote (app's first screen)", *timed(first_screen)),
        ("open + snapshot, every quote", *timed(whole_snapshot, repeat=1)),
        ("speakers list, warm", *timed(lambda: len(warm.people().profiles()))),
        ("text search, warm", *timed(lambda: len(find(warm, "kalo mi")), repeat=1)),
        ("one article text", *timed(lambda: len(warm.document_text(article) or ""))),
    ]
    del store
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--quotes", type=int, help="one size (same as --sizes N)")
    parser.add_argument("--per-doc", type=int, default=20, help="quotes per article")
    parser.add_argument("--speakers", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=500, help="articles per commit")
    parser.add_argument("--keep", metavar="FILE", help="build the (one) database here and keep it")
    parser.add_argument("--keep-dir", metavar="DIR", help="build every database in DIR, keep them")
    parser.add_argument(
        "--commit-into",
        metavar="DB",
        nargs="+",
        help="time one commit of --batch fresh articles into a copy of each DB",
    )
    parser.add_argument("--scratch", metavar="DIR", help="where the copies go (default: a tmp dir)")
    parser.add_argument("--profile", metavar="DIR",
                        help="with --commit-into: run each commit under cProfile, stats in DIR")
    parser.add_argument("--against", metavar="CHECKOUT",
                        help="with --commit-into: time another checkout's quotebrowser too, "
                        "alternating with this one (before and after a change)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="with --commit-into: runs of each version on each database")
    parser.add_argument("--against-into", metavar="DB", nargs="+",
                        help="with --against: the databases the other checkout commits into, "
                        "one for each of --commit-into (the same data, its own index version: "
                        "else its first open rebuilds the index)")
    parser.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    parser.add_argument("--commit-child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [args.quotes] if args.quotes else args.sizes
    if args.commit_child:
        result = commit_into(
            Path(args.commit_child), args.batch, args.per_doc, args.speakers, args.profile
        )
        print(json.dumps(result))
        return 0
    if args.commit_into:
        return commit_table([Path(p) for p in args.commit_into], args)
    if args.child:
        result = build(Path(args.child), sizes[0], args.per_doc, args.speakers, args.batch)
        print(json.dumps(result))
        return 0

    table: dict[int, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(args.keep_dir) if args.keep_dir else Path(tmp)
            path = Path(args.keep) if args.keep else folder / f"bench-{n}.json"
            if path.exists():
                print(f"{path} exists; choose a new file", file=sys.stderr)
                return 2
            print(f"building {n:,} quotes ...", file=sys.stderr, flush=True)
            done = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--child",
                    str(path),
                    "--quotes",
                    str(n),
                    "--per-doc",
                    str(args.per_doc),
                    "--speakers",
                    str(args.speakers),
                    "--batch",
                    str(args.batch),
                ],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            built = json.loads(done.stdout)
            size = sum(f.stat().st_size for f in path.parent.glob(f"{path.name}*/*")) + sum(
                f.stat().st_size for f in path.parent.glob(f"{path.name}*") if f.is_file()
            )
            column = table.setdefault(n, {})
            column["build (batches of 500 articles)"] = (
                f"{built['build_s']:.0f} s, {built['commits']} commits"
            )
            column["commit of 500 articles (last 3)"] = (
                " ".join(f"{s:.2f}" for s in built["last_commits_s"]) + " s"
            )
            column["peak memory of the build"] = f"{built['peak_mb']:,.0f} MB"
            column["on disk (manifest, shards, index, texts)"] = f"{size / 1e6:,.0f} MB"
            for label, seconds, result in measure(path, n, args.per_doc):
                column[label] = f"{seconds * 1000:,.0f} ms" + (f" ({result})" if result else "")
            if not args.keep and not args.keep_dir:
                for f in sorted(path.parent.glob(f"{path.name}*"), reverse=True):
                    subprocess.run(["rm", "-rf", str(f)], check=True)
    labels = list(next(iter(table.values())))
    width = max(map(len, labels))
    print(f"{'quotes':<{width}}  " + "  ".join(f"{n:>28,}" for n in sizes))
    for label in labels:
        print(f"{label:<{width}}  " + "  ".join(f"{table[n][label]:>28}" for n in sizes))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
