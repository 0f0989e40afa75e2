"""A news archive of 100,000 records (JSON Lines) read and ingested with flat memory.

    python benchmarks/bench_archive.py [--records 100000] [--quick]

Writes a JSON Lines archive (title, date, url, author, outlet and a few paragraphs with one
quotation per record; words drawn at random, so no two records are alike and no quote is a
variant of another), then measures, each in a fresh process (peak RSS from the kernel's
`ru_maxrss`):

- **read**: `quotebrowser.sources.read_sources` over the whole archive, every record turned into a
  Document with its metadata, at 1/10 of the records and at all of them: flat means about equal.
- **ingest**: `quotebrowser.ingest.run_ingest` into a new database, the same two sizes. spaCy's
  speed is bench_extract.py's business; here the extractor is a stand-in that finds each curly
  quotation (so the 100,000 records reach the store in minutes, with real Quotes to store). A
  commit reads and writes only the shards it changes and looks the rest up in the store's
  index, so an ingest's memory must stay flat in the size of the database; the figure beside
  it is the RSS of a process that only opens the finished database and reads its documents.
- **citation**: the APA citation of a quote from the last record, built from the record's
  metadata in the database.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORDS = (
    "harbour budget ceasefire railway treaty border election reform pension bridge vaccine "
    "tariff drought pipeline corridor mandate coalition inquiry subsidy verdict airport grain "
    "licence census refinery monsoon ferry archive quota hospital council river market "
    "school teacher"
).split()


def sentence(rng: random.Random, low: int = 8, high: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize()


def record(i: int) -> dict[str, str]:
    rng = random.Random(i)
    title = f"{sentence(rng, 4, 7)} ({i})"
    quote = f"{sentence(rng)} {i}"
    body = [
        title,
        f"{sentence(rng)}. {sentence(rng)}.",
        f"\u201c{quote},\u201d said the spokesperson.",
        f"{sentence(rng)}. {sentence(rng)}.",
    ]
    return {
        "title": title,
        "text": "\n\n".join(body),
        "date": f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "url": f"https://archive.example/story/{i}",
        "author": f"Staff Writer {i % 97}",
        "outlet": "Example Archive Wire",
    }


def write_archive(path: Path, records: int) -> int:
    with path.open("w", encoding="utf-8") as out:
        for i in range(records):
            out.write(json.dumps(record(i), ensure_ascii=False) + "\n")
    return path.stat().st_size


def find_quotes(
    documents: Iterable[object], jobs: int = 1, failed: object = None
) -> Iterator[tuple[object, list]]:
    """The extractor's stand-in: each curly-quoted span, unattributed."""
    import regex

    from quotebrowser.model import Quote, quote_id

    quoted = regex.compile(r"\u201c([^\u201d]+)\u201d")
    for doc in documents:
        found = [
            Quote(
                quote_id(doc.source, m.group(1), n),
                doc.source,
                m.group(1),
                m.start(1),
                m.end(1),
                None,
                None,
                "other",
                "direct",
                None,
                0,
            )
            for n, m in enumerate(quoted.finditer(doc.text))
        ]
        yield doc, found


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, archive: str, db: str) -> None:
    """One measurement, in this (fresh) process; prints a JSON line."""
    started = time.perf_counter()
    result: dict[str, object] = {}
    if mode == "read":
        from quotebrowser.model import Document
        from quotebrowser.sources.reading import read_sources

        docs = chars = 0
        for item in read_sources([archive]):
            assert isinstance(item, Document) and item.metadata["url"]
            docs += 1
            chars += len(item.text)
        result = {"documents": docs, "chars": chars}
    elif mode == "ingest":
        from quotebrowser.ingest import run_ingest
        from quotebrowser.store import Store

        summary = run_ingest(Store(db), [archive], extractor=find_quotes)
        result = {"added": summary.added, "failed": summary.failed, "quotes": summary.quotes}
    elif mode == "open":
        from quotebrowser.store import Store

        store = Store(db)
        result = {"documents": len(store.documents()), "quotes": len(store.snapshot().quotes)}
    elif mode == "cite":
        from quotebrowser.citation import cite
        from quotebrowser.query import find, shorthand
        from quotebrowser.store import Store

        store = Store(db)
        last = next(reversed(store.documents().values()))
        quote = find(store, shorthand("source", last.source))[0]
        result = {"citation": cite(quote, last, "apa")}
    result.update(seconds=round(time.perf_counter() - started, 1), peak_mb=round(peak_mb()))
    print(json.dumps(result))


def measure(mode: str, archive: Path, db: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(archive), str(db)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="2,000 records: a check, no figures")
    parser.add_argument(
        "--child", nargs=3, metavar=("MODE", "ARCHIVE", "DB"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    records = 2_000 if args.quick else args.records
    sizes = [max(1, records // 10), records]
    with tempfile.TemporaryDirectory(prefix="bench_archive_") as tmp:
        rows = []
        for n in sizes:
            archive = Path(tmp) / f"archive_{n}.jsonl"
            size = write_archive(archive, n)
            db = Path(tmp) / f"db_{n}.json"
            print(f"... {n:,} records ({size / 2**20:.0f} MB)", file=sys.stderr)
            read = measure("read", archive, db)
            ingest = measure("ingest", archive, db)
            opened = measure("open", archive, db)
            rows.append((n, size, read, ingest, opened))
        cited = measure("cite", archive, db)
    print(f"archive: JSON Lines, {records:,} records; peak RSS in MB, each a fresh process")
    print(
        f"{'records':>9} {'file MB':>8} {'read s':>7} {'read MB':>8} {'ingest s':>9} "
        f"{'ingest MB':>10} {'open MB':>8} {'ingest-open':>12} {'quotes':>8}"
    )
    for n, size, read, ingest, opened in rows:
        assert read["documents"] == n and ingest["added"] == n and ingest["failed"] == 0
        print(
            f"{n:>9,} {size / 2**20:>8.0f} {read['seconds']:>7} {read['peak_mb']:>8} "
            f"{ingest['seconds']:>9} {ingest['peak_mb']:>10} {opened['peak_mb']:>8} "
            f"{ingest['peak_mb'] - opened['peak_mb']:>12} {ingest['quotes']:>8,}"
        )
    (small, _, read_s, ingest_s, _), (big, _, read_b, ingest_b, _) = rows
    print(
        f"read: peak RSS {read_b['peak_mb']} MB at {big:,} records vs {read_s['peak_mb']} MB "
        f"at {small:,} ({read_b['peak_mb'] / read_s['peak_mb']:.2f}x: flat means about 1)"
    )
    print(
        f"ingest: peak RSS {ingest_b['peak_mb']} MB at {big:,} records vs "
        f"{ingest_s['peak_mb']} MB at {small:,} "
        f"({ingest_b['peak_mb'] / ingest_s['peak_mb']:.2f}x: flat means about 1)"
    )
    print(f"citation from the last record's metadata:\n  {cited['citation']}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    raise SystemExit(main())
