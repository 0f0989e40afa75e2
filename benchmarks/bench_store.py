"""How fast is a big quote database to write, open and query, at several sizes in one run?

    python benchmarks/bench_store.py                         # 10,000, 100,000, 1,000,000 quotes
    python benchmarks/bench_store.py --sizes 10000 100000    # smaller
    python benchmarks/bench_store.py --sizes 20000 --keep /tmp/bench-db.json

For each size, a fresh process builds a database of synthetic quotes (no spaCy) through the
store's normal write path, `Store.add_many`, in batches of 500 articles as an ingest commits
them, and reports the build time, the commit of 500 articles (the last batches: a commit into a
database of that size) and its own peak memory. Then, against that database: open, `quotes
--speaker` and `speakers` as whole fresh processes (cold: Python start-up included), the
snapshot the app starts from (first screen: its first quotes) and all of it, the speakers list,
a text search, one article text.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from quotebrowser.model import GROUPS, Document, Quote, quote_id
from quotebrowser.query import find
from quotebrowser.store import Store

FIRST = ["Anna", "Jonas", "Émile", "Zoë", "Ilkka", "Çağrı", "Nuno", "Dörte", "Sam", "Léa",
         "Omar", "Petra", "Ruslan", "Tomás", "Yusuf", "Ines", "Mateo", "Sofía", "Karl", "Mia"]
LAST = ["Åberg", "Novak", "Okafor", "Ferreira", "Kowalski", "Müller", "Haddad", "Lindqvist",
        "Tanaka", "Rossi", "Moreau", "Szabó", "Ivanova", "Petrov", "Nakamura", "Costa", "Dubois",
        "Jensen", "Kaya", "Horvat", "O'Neill", "García", "Schmidt", "Yilmaz", "Bauer"]
SYLLABLES = ["ka", "lo", "mi", "ren", "tus", "sa", "vel", "dor", "in", "ma", "por", "qui",
             "ne", "zu", "tan", "ber", "ol", "fi", "gra", "ste"]
COMMON = ["the", "we", "will", "that", "this", "is", "of", "and", "to", "in", "our", "not"]


def make_vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_corpus(
    n_quotes: int, per_doc: int, n_speakers: int, seed: int = 7
) -> Iterator[tuple[Document, list[Quote]]]:
    """Synthetic articles whose quotes keep the invariant text[start:end] == quote.text, made
    one at a time (the corpus never sits in memory whole).

    Words follow a Zipf-like law, as in real text: a few very common, most rare. Each article
    quotes two to five people, several times each, as news articles do.
    """
    rng = random.Random(seed)
    vocab = make_vocabulary(rng, 20000)
    cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_speakers)]
    groups = {name: rng.choice(GROUPS) for name in speakers}
    n_docs = (n_quotes + per_doc - 1) // per_doc
    for d in range(n_docs):
        source = source_of(d)
        quoted = rng.sample(speakers, rng.randint(2, 5))
        parts = [f"Synthetic article {d}\n\n"]
        quotes: list[Quote] = []
        occurrences: dict[str, int] = {}
        for p in range(min(per_doc, n_quotes - d * per_doc)):
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
                    id=quote_id(source, text, n), source=source, text=text, start=offset,
                    end=offset + len(text), speaker=speaker, role="spokesperson",
                    group=groups[speaker], kind="direct", cue="said", paragraph=p + 1,
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


def build(path: Path, n_quotes: int, per_doc: int, speakers: int, batch: int) -> dict[str, Any]:
    """Build the database through `Store.add_many`; run in its own process (its peak memory)."""
    store = Store(path)
    corpus = make_corpus(n_quotes, per_doc, speakers)
    t0 = time.perf_counter()
    commits = []
    while chunk := list(itertools.islice(corpus, batch)):
        c0 = time.perf_counter()
        store.add_many(chunk)
        commits.append(time.perf_counter() - c0)
    return {
        "build_s": time.perf_counter() - t0,
        "commits": len(commits),
        "last_commits_s": commits[-3:],
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def cold(*args: str) -> float:
    """Wall time of a fresh `quotebrowser` process (start-up and imports included)."""
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "quotebrowser", *args], check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - t0


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
        (f"quotes --speaker {surname} (cold process)",
         statistics.median(cold("quotes", "--speaker", surname, "--db", str(path),
                                "--format", "jsonl") for _ in range(3)), ""),
        ("speakers (cold process)",
         statistics.median(cold("speakers", "--db", str(path), "--format", "jsonl")
                           for _ in range(3)), ""),
        (f"open + speaker query {surname!r}", *timed(lambda: len(find(Store(path),
                                                                        f"speaker:{surname}")))),
        ("open + snapshot, first quote (app's first screen)", *timed(first_screen)),
        ("open + snapshot, every quote", *timed(whole_snapshot, repeat=1)),
        ("speakers list, warm", *timed(lambda: len(warm.speakers()))),
        ("text search, warm", *timed(lambda: len(find(warm, "kalo mi")), repeat=1)),
        ("one article text", *timed(lambda: len(warm.document_text(article) or "")) ),
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
    parser.add_argument("--child", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sizes = [args.quotes] if args.quotes else args.sizes
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
                [sys.executable, __file__, "--child", str(path), "--quotes", str(n),
                 "--per-doc", str(args.per_doc), "--speakers", str(args.speakers),
                 "--batch", str(args.batch)],
                check=True, stdout=subprocess.PIPE, text=True,
            )
            built = json.loads(done.stdout)
            size = sum(f.stat().st_size for f in path.parent.glob(f"{path.name}*/*")) + sum(
                f.stat().st_size for f in path.parent.glob(f"{path.name}*") if f.is_file()
            )
            column = table.setdefault(n, {})
            column["build (batches of 500 articles)"] = (
                f"{built['build_s']:.0f} s, {built['commits']} commits"
            )
            column["commit of 500 articles (last 3)"] = " ".join(
                f"{s:.2f}" for s in built["last_commits_s"]
            ) + " s"
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
