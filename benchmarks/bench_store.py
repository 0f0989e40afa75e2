"""How fast is a big quote database to open and query?

    python benchmarks/bench_store.py                 # 100,000 quotes in a temporary folder
    python benchmarks/bench_store.py --quotes 20000 --keep /tmp/bench-db.json

Builds a database of synthetic quotes (no spaCy) through the store's normal write path, in
batches as an ingest would commit them, then times what the app and the CLI do: open and parse
the file, answer a speaker query, take the full snapshot, list speakers, search text, read one
article. Each timed step runs in a fresh Store (cold: the file is parsed) unless marked warm.
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
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
) -> list[tuple[Document, list[Quote]]]:
    """Synthetic articles whose quotes keep the invariant text[start:end] == quote.text.

    Words follow a Zipf-like law, as in real text: a few very common, most rare.
    """
    rng = random.Random(seed)
    vocab = make_vocabulary(rng, 20000)
    cum = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(vocab))))
    speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(n_speakers)]
    groups = {name: rng.choice(GROUPS) for name in speakers}
    corpus = []
    n_docs = (n_quotes + per_doc - 1) // per_doc
    for d in range(n_docs):
        source = f"/bench/articles/{d:06d}.txt"
        parts = [f"Synthetic article {d}\n\n"]
        quotes: list[Quote] = []
        occurrences: dict[str, int] = {}
        for p in range(min(per_doc, n_quotes - d * per_doc)):
            words = rng.choices(vocab, cum_weights=cum, k=rng.randint(8, 30))
            words += rng.choices(COMMON, k=5)
            rng.shuffle(words)
            text = " ".join(words).capitalize()
            speaker = rng.choice(speakers)
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
        corpus.append((Document(source=source, text="".join(parts)), quotes))
    return corpus


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median wall time in seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--per-doc", type=int, default=20, help="quotes per article")
    parser.add_argument("--speakers", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=500, help="articles per commit")
    parser.add_argument("--keep", metavar="FILE", help="build the database here and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.json"
        if path.exists():
            print(f"{path} exists; choose a new file", file=sys.stderr)
            return 2
        t0 = time.perf_counter()
        corpus = make_corpus(args.quotes, args.per_doc, args.speakers)
        print(f"generated {args.quotes:,} quotes in {len(corpus):,} articles "
              f"({time.perf_counter() - t0:.1f} s)")

        store = Store(path)
        t0 = time.perf_counter()
        commits = []
        for i in range(0, len(corpus), args.batch):
            c0 = time.perf_counter()
            store.add_many(corpus[i : i + args.batch])
            commits.append(time.perf_counter() - c0)
        build = time.perf_counter() - t0
        size = path.stat().st_size
        pairs = sum(len(v) for v in store.snapshot().variants.values()) // 2
        print(f"built in {build:.1f} s: {len(commits)} commits, last commit "
              f"{commits[-1]:.2f} s; file {size / 1e6:.1f} MB; {pairs} variant pairs")

        name = corpus[0][1][0].speaker or ""
        surname = name.split()[-1].upper()  # any case, any part of the name

        def open_and_query() -> int:
            return len(find(Store(path), f"speaker:{surname}"))

        def open_only() -> bool:
            return Store(path).is_empty()

        def snapshot() -> int:
            return len(Store(path).snapshot().quotes)

        warm = Store(path)
        warm.is_empty()
        article = corpus[len(corpus) // 2][0].source
        rows = [
            ("open (parse the file)", timed(open_only)),
            (f"open + speaker query {surname!r}", timed(open_and_query)),
            ("speaker query, warm", timed(lambda: len(find(warm, f"speaker:{surname}")))),
            ("open + snapshot (app start)", timed(snapshot)),
            ("speakers list, warm", timed(lambda: len(warm.speakers()))),
            ("text search, warm", timed(lambda: len(find(warm, "kalo mi")))),
            ("one article text", timed(lambda: len(warm.document_text(article) or ""))),
        ]
        width = max(len(label) for label, _ in rows)
        for label, (seconds, result) in rows:
            print(f"{label:<{width}}  {seconds * 1000:8.1f} ms   ({result})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
