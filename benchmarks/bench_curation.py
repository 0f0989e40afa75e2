"""How fast are the user's corrections on a big database?

    python benchmarks/bench_curation.py                     # 100,000 quotes, built in a temp dir
    python benchmarks/bench_curation.py --db /tmp/b.json    # reuse (or build there) a database

Builds the database with bench_store.py's synthetic corpus (dated over five years) through
the store's normal write path, then times, each on a fresh copy of the file and in a fresh Store
(cold, as the command line runs): `speakers --merge` (target < 1 s), one `correct --speaker`,
and in the app (pilot, 160x45) the profile screen: from the `p` key to the first screen update
that shows it (target < 200 ms).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench_app import PaintClock
from bench_store import make_corpus

from quotebrowser.ingest import store_extracted
from quotebrowser.model import Document, Quote
from quotebrowser.store import Store

MERGE_TARGET = 1.0
PROFILE_TARGET = 0.2


MONTHS = (
    "January February March April May June July August September October November December"
).split()


def dated(corpus: list[tuple[Document, list[Quote]]]) -> list[tuple[Document, list[Quote]]]:
    """bench_store's articles with a date line under the headline, spread over five years
    (2019-2023), so that profiles have a timeline; the quotes move with their words."""
    found = []
    for d, (document, quotes) in enumerate(corpus):
        month = d * 60 // len(corpus)
        line = f"{1 + d % 28} {MONTHS[month % 12]} {2019 + month // 12}\n"
        cut = document.text.index("\n") + 1
        text = document.text[:cut] + line + document.text[cut:]
        moved = [replace(q, start=q.start + len(line), end=q.end + len(line)) for q in quotes]
        found.append((Document(document.source, text), moved))
    return found


def build(path: Path, n_quotes: int) -> None:
    store = Store(path)
    store.commit_interval = float("inf")  # batches of exactly 500 articles
    store_extracted(store, dated(list(make_corpus(n_quotes, 20, 2000))), batch=500)


def fresh_copy(db: Path, folder: Path) -> Path:
    copy = folder / "copy.json"
    shutil.copy(db, copy)
    for beside in ("shards", "texts"):
        if Path(f"{db}.{beside}").is_dir():
            shutil.copytree(f"{db}.{beside}", f"{copy}.{beside}")
    for beside in ("index", "index-wal"):  # else rebuilt from the shards on first read
        if Path(f"{db}.{beside}").is_file():
            shutil.copy(f"{db}.{beside}", f"{copy}.{beside}")
    return copy


def timed_writes(db: Path, rounds: int) -> tuple[list[float], list[float]]:
    merges, corrections = [], []
    people = Store(db).people().profiles()
    some_quote = Store(db).snapshot().quotes[1234]
    for n in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            copy = fresh_copy(db, Path(tmp))
            start = time.perf_counter()
            merging = Store(copy)
            merging.rename_speaker(people[n + 1].name, people[0].name, merge=True)
            merges.append(time.perf_counter() - start)
            start = time.perf_counter()
            correcting = Store(copy)
            correcting.correct(some_quote.id, speaker=people[n + 2].name)
            corrections.append(time.perf_counter() - start)
            # Their index checkpoints run in threads after each commit: done before the copy
            # is deleted.
            merging.index.close()
            correcting.index.close()
    return merges, corrections


async def profile_opens(db: Path, rounds: int) -> list[float]:
    from textual import events

    from quotebrowser.app.app import QuoteBrowserApp
    from quotebrowser.app.profile_screen import ProfileScreen

    app = QuoteBrowserApp(Store(db))
    clock = PaintClock(app)
    spent = []
    async with app.run_test(size=(160, 45)) as pilot:
        while app.data is None:
            await asyncio.sleep(0.005)
        await pilot.pause(0.5)
        for _ in range(rounds):
            await pilot.press("j")  # another quote, another speaker each round
            await pilot.pause(0.1)
            start = time.perf_counter()
            app._driver.send_message(events.Key("p", "p"))
            while not isinstance(app.screen, ProfileScreen):
                await asyncio.sleep(0.0005)
            shown = time.perf_counter()
            painted = await clock.first_after(shown)
            spent.append(painted - start)
            await pilot.press("escape")
            await pilot.pause(0.2)
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="database to use (built there if missing)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.json"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, args.quotes)
            print(
                f"built {args.quotes:,} quotes in {time.perf_counter() - t0:.1f} s", file=sys.stderr
            )
        quotes = len(Store(db).snapshot().quotes)
        merges, corrections = timed_writes(db, args.rounds)
        opens = asyncio.run(profile_opens(db, args.rounds + 2))
    rows = [
        ("speakers --merge (open, merge, commit)", merges, MERGE_TARGET),
        ("correct --speaker (open, correct, commit)", corrections, None),
        ("app: p to the profile screen painted", opens, PROFILE_TARGET),
    ]
    print(f"database: {quotes:,} quotes")
    for label, times, target in rows:
        median = statistics.median(times)
        verdict = (
            ""
            if target is None
            else (f"  target < {target * 1000:.0f} ms: {'met' if median < target else 'MISSED'}")
        )
        print(
            f"{label:<42} median {median * 1000:7.1f} ms, max {max(times) * 1000:7.1f} ms{verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
