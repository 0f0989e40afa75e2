"""How fast is the terminal app on a big database? (issue 4 targets in brackets)

    python benchmarks/bench_app.py                        # 100,000 quotes, built once and kept
    python benchmarks/bench_app.py --quotes 20000 --db /tmp/bench-app-20k.json --rebuild

Builds a database of synthetic quotes through ingest's commit (no spaCy), then measures, with
Textual's headless pilot:

- first screen [< 2 s at 1,000,000 quotes]: a fresh Python process starts, opens the database,
  paints the quotes list from the first page the index gives; timed from before the process is
  spawned; then "search ready" [< 1 s]: `/` and a letter typed as soon as the first screen is
  up, until the list shows what the letter finds (the query runs on the store's index: nothing
  is built first);
- keystroke latency [p95 < 50 ms]: from a key press in the search box until the list shows the
  new result (filter worker done and screen refreshed), for typing, deleting and field tokens,
  from the first screen on; and until the status line shows the exact count (with the first page
  when counting is quick, else just after it);
- scrolling: cursor moves and page moves in the list, key press to repaint;
- app memory [< 800 MB]: the peak resident memory of each of those processes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from itertools import accumulate
from pathlib import Path

from quotebrowser.ingest import store_extracted
from quotebrowser.model import GROUPS, Document, Quote, quote_id
from quotebrowser.store import Store

DEFAULT_DB = Path("/tmp/quotebrowser-bench-app-100k.json")
FIRST = [
    "Ana",
    "Björn",
    "Chiara",
    "Dmitri",
    "Émile",
    "Fatma",
    "Gustavo",
    "Hana",
    "Ilse",
    "Jürgen",
    "Kofi",
    "Leïla",
    "Marek",
    "Nadia",
    "Oskar",
    "Priya",
    "Quentin",
    "Renée",
]
LAST = [
    "Abara",
    "Brännström",
    "Castillo",
    "Dąbrowski",
    "Eriksen",
    "Fontaine",
    "Gómez",
    "Halvorsen",
    "Iwu",
    "Jovanović",
    "Keller",
    "Lindgren",
    "Moreau",
    "Nowak",
    "Öztürk",
    "Pereira",
    "Quist",
    "Rahman",
    "Sørensen",
    "Tanaka",
]
ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st"]
VOWELS = ["a", "e", "i", "o", "u", "é", "ai", "ou"]


def vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add(
            "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(rng.randint(1, 4)))
        )
    return sorted(words)


def corpus(  # type: ignore[no-untyped-def]
    n_quotes: int, per_doc: int = 20, seed: int = 4, first: int = 0
):
    """Articles of `per_doc` quotes each; text[start:end] == quote.text holds for every quote.
    `first`: number the articles from there, drawn apart (same words and speakers): fresh
    articles for a database built from the start of this corpus."""
    rng = random.Random(seed)
    words = vocabulary(rng, 30000)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like, as in real text
    cumulative = list(accumulate(weights))  # what `choices` would sum on every call
    speakers = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3000)]
    group_of = {s: rng.choice(GROUPS) for s in speakers}
    if first:
        rng.seed(f"{seed}-{first}")
    for d in range(first, first + (n_quotes + per_doc - 1) // per_doc):
        source = f"/bench/{d:06d}.txt"
        quoted = rng.sample(speakers, rng.randint(2, 5))  # an article quotes a few people
        parts = [
            f"Report number {d} on the {rng.choice(words)} talks\n",
            f"{1 + d % 28} March 2023\n",
            "Source: Bench Wire\n\n",
        ]
        quotes: list[Quote] = []
        for p in range(min(per_doc, n_quotes - (d - first) * per_doc)):
            speaker = rng.choice(quoted)
            drawn = rng.choices(words, cum_weights=cumulative, k=rng.randint(6, 30))
            text = " ".join(drawn).capitalize()
            parts.append(f"{rng.choice(words).capitalize()} {rng.choice(words)}. “")
            start = sum(map(len, parts))
            parts.append(text)
            parts.append(f"”, {speaker} said.\n\n")
            quotes.append(
                Quote(
                    id=quote_id(source, text, 0),
                    source=source,
                    text=text,
                    start=start,
                    end=start + len(text),
                    speaker=speaker,
                    role="spokesperson",
                    group=group_of[speaker],
                    kind="direct",
                    cue="said",
                    paragraph=p + 1,
                )
            )
        yield Document(source, "".join(parts)), quotes


def build(path: Path, n_quotes: int) -> float:
    for old in path.parent.glob(f"{path.name}*"):  # the manifest and what sits beside it
        subprocess.run(["rm", "-rf", str(old)], check=True)
    started = time.perf_counter()
    store = Store(path)
    store.commit_interval = float("inf")  # batches of exactly 500 articles
    store_extracted(store, corpus(n_quotes), batch=500)
    return time.perf_counter() - started


# -- measurements (run in a child process so each starts cold) ------------------------------


async def first_screen(db: Path, spawned_at: float) -> dict[str, object]:
    from textual import events

    from quotebrowser.app.app import QuoteBrowserApp
    from quotebrowser.app.quote_list import QuoteList

    imported = time.time()
    app = QuoteBrowserApp(Store(db))
    shown: list[float] = []
    display = app._display

    def timed_display(screen, renderable):  # type: ignore[no-untyped-def]
        # The first screen update written once the quotes are in the list.
        if not shown and app.data is not None and app.query_one(QuoteList).rows:
            shown.append(time.time())
        return display(screen, renderable)

    app._display = timed_display
    clock = PaintClock(app)
    async with app.run_test(size=(160, 45)):
        while not shown:
            await asyncio.sleep(0.005)
        # Search from the first screen on: `/` and a letter, answered on the index.
        app._driver.send_message(events.Key("slash", "/"))
        while not app.query_one("#search").has_focus:
            await asyncio.sleep(0.001)
        generation = app.pane.filter_generation
        app._driver.send_message(events.Key("b", "b"))
        while app.pane.filter_generation == generation:
            await asyncio.sleep(0.001)
        answered = await clock.first_after(time.perf_counter())
        searchable = time.time() - (time.perf_counter() - answered)
        return {
            "imports_s": imported - spawned_at,
            "first_screen_s": shown[0] - spawned_at,
            "searchable_s": searchable - spawned_at,
            "quotes": app.data.total,
            "spacy_loaded": "spacy" in sys.modules,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


class PaintClock:
    """Notes when the app writes a screen update (what a terminal would then show)."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        self.times: list[float] = []
        display = app._display

        def timed_display(screen, renderable):  # type: ignore[no-untyped-def]
            self.times.append(time.perf_counter())
            return display(screen, renderable)

        app._display = timed_display

    async def first_after(self, moment: float, timeout: float = 5.0) -> float:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            later = [t for t in self.times[-20:] if t >= moment]
            if later:
                return later[0]
            await asyncio.sleep(0.0005)
        raise TimeoutError("no repaint")


async def interaction(db: Path) -> dict[str, object]:
    """Keys go in as the terminal driver delivers them, from the first screen on; a key's
    latency runs from then until the first screen update after the list took the new rows (or
    moved its cursor); its count latency until the status line shows the exact count."""
    from textual import events

    from quotebrowser.app.app import QuoteBrowserApp
    from quotebrowser.app.quote_list import QuoteList

    app = QuoteBrowserApp(Store(db))
    clock = PaintClock(app)
    results: dict[str, object] = {}
    async with app.run_test(size=(160, 45)) as pilot:
        quotes = app.query_one(QuoteList)
        while app.data is None or not quotes.rows:
            await asyncio.sleep(0.005)
        shown = app.pane.applied[1]
        speaker = shown[123].speaker or ""
        word = shown[4567].text.split()[2].lower()

        async def key(name: str, done) -> float:  # type: ignore[no-untyped-def]
            char = " " if name == "space" else (name if len(name) == 1 else None)
            start = time.perf_counter()
            app._driver.send_message(events.Key(name, char))
            while not done():
                await asyncio.sleep(0.0005)
            applied = time.perf_counter()
            painted = await clock.first_after(applied)
            return (painted - start) * 1000

        def counted() -> bool:
            applied = app.pane.applied
            return applied is not None and applied[1].counted and len(quotes.rows) == len(
                applied[1]
            )

        await pilot.press("slash")
        script = [
            *word,
            "space",
            *"speaker:",
            *speaker.split()[-1].lower(),
            *["backspace"] * 4,
            "ctrl+u",
            *f"group:{GROUPS[0]}s",
            "space",
            *word[:3],
        ]
        typed: list[tuple[str, float, float, int]] = []
        for name in script:
            generation = app.pane.filter_generation
            started = time.perf_counter()
            ms = await key(name, lambda g=generation: app.pane.filter_generation > g)
            while not counted():
                await asyncio.sleep(0.0005)
            count_ms = (await clock.first_after(time.perf_counter()) - started) * 1000
            typed.append((name, round(ms, 1), round(count_ms, 1), len(quotes.rows)))
            await asyncio.sleep(0.03)  # let the detail pane settle, as between real keystrokes
        latencies = sorted(ms for _, ms, _, _ in typed)
        counts = sorted(ms for _, _, ms, _ in typed)
        results["keystrokes"] = len(latencies)
        results["keystroke_ms_median"] = round(statistics.median(latencies), 1)
        results["keystroke_ms_p95"] = latencies[int(0.95 * len(latencies)) - 1]
        results["keystroke_ms_max"] = latencies[-1]
        results["count_ms_median"] = round(statistics.median(counts), 1)
        results["count_ms_p95"] = counts[int(0.95 * len(counts)) - 1]
        results["count_ms_max"] = counts[-1]
        results["slowest"] = sorted(typed, key=lambda t: -t[1])[:3]
        results["typed"] = typed

        await pilot.press("ctrl+u", "enter")
        while not (app.pane.applied[0].words == () and counted()):
            await asyncio.sleep(0.001)

        async def moves(name: str, count: int) -> list[float]:
            spent = []
            for _ in range(count):
                before = (quotes.cursor, quotes.scroll_offset.y)
                spent.append(
                    await key(name, lambda b=before: (quotes.cursor, quotes.scroll_offset.y) != b)
                )
                await asyncio.sleep(0.03)
            return spent

        for name, count in (("j", 60), ("pagedown", 30), ("G", 1), ("g", 1)):
            spent = await moves(name, count)
            results[f"{name}_ms_median"] = round(statistics.median(spent), 1)
            results[f"{name}_ms_max"] = round(max(spent), 1)
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def child(mode: str, db: Path, spawned_at: float) -> None:
    if mode == "first":
        result = asyncio.run(first_screen(db, spawned_at))
    else:
        result = asyncio.run(interaction(db))
    print(json.dumps(result))


def run_child(mode: str, db: Path) -> dict[str, object]:
    spawned_at = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--db", str(db), "--at", repr(spawned_at)],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise SystemExit(f"the {mode} run failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="first-screen runs (best and worst)")
    parser.add_argument("--verbose", action="store_true", help="print every key's latency")
    parser.add_argument("--child", choices=["first", "interact"], help=argparse.SUPPRESS)
    parser.add_argument("--at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db, args.at)
        return
    if args.rebuild or not args.db.exists():
        seconds = build(args.db, args.quotes)
        print(f"built {args.db} ({args.quotes:,} quotes) in {seconds:.1f} s")
    firsts = [run_child("first", args.db) for _ in range(args.runs)]
    times = sorted(float(f["first_screen_s"]) for f in firsts)
    print(f"quotes in database:       {firsts[0]['quotes']:,}")
    print(
        f"first screen [< 2 s]:     best {times[0]:.2f} s, worst {times[-1]:.2f} s "
        f"(of which Python + imports {float(firsts[0]['imports_s']):.2f} s)"
    )
    ready = sorted(float(f["searchable_s"]) for f in firsts)
    print(
        f"search ready [< 1 s]:     best {ready[0]:.2f} s, worst {ready[-1]:.2f} s "
        "(a letter typed at the first screen, answered)"
    )
    print(f"spaCy loaded:             {firsts[0]['spacy_loaded']}")
    inter = run_child("interact", args.db)
    peak = max([float(f["peak_mb"]) for f in firsts] + [float(inter["peak_mb"])])
    print(
        f"app memory [< 800 MB]:    {peak:,.0f} MB peak "
        "(first screen, then searching and scrolling)"
    )
    print(
        f"keystroke [p95 < 50 ms]:  median {inter['keystroke_ms_median']} ms, "
        f"p95 {inter['keystroke_ms_p95']} ms, max {inter['keystroke_ms_max']} ms "
        f"over {inter['keystrokes']} keys, from the first screen on"
    )
    print(
        f"  to the exact count:     median {inter['count_ms_median']} ms, "
        f"p95 {inter['count_ms_p95']} ms, max {inter['count_ms_max']} ms"
    )
    print(f"  slowest keys:           {inter['slowest']}  (key, ms, ms to count, rows)")
    if args.verbose:
        print(f"  every key (key, ms, ms to count, rows shown): {inter['typed']}")
    print(
        f"scrolling:                j median {inter['j_ms_median']} ms (max {inter['j_ms_max']}),"
        f" page down median {inter['pagedown_ms_median']} ms "
        f"(max {inter['pagedown_ms_max']}), G {inter['G_ms_max']} ms, g {inter['g_ms_max']} ms"
    )


if __name__ == "__main__":
    main()
