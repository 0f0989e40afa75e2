"""Extraction on a local Dask cluster beside the same machine's `--jobs N` (issue 12).

    python benchmarks/bench_dask.py                   # 2,000 articles, 1 round
    python benchmarks/bench_dask.py --quick           # 150 articles: does it run at all
    python benchmarks/bench_dask.py --articles 4000 --rounds 3 --jobs 2

The corpus is copies of the bundled seed articles and of the style corpus
(tests/data/styles), written by benchmarks/corpus.py (each copy with its own dateline), cut to
`--articles`. Each measurement is a whole fresh process, spawn to exit:

  (a) `python -m quotebrowser extract FOLDER --jobs N` (output kept, to compare);
  (b) `python -m quotebrowser extract FOLDER --dask --jobs N --out DIR`: a local cluster of N
      worker processes (started, each loading spaCy, inside the timed run), partitions of 50
      articles, one shard each;
  (c) (b) again on the same DIR: every partition done, so only reading the input and checking
      the shards (what resuming a finished run costs).

Rounds alternate the order of (a) and (b). On a machine of N cores the two should be about equal:
the same cores do the same extraction; what Dask adds is a cluster start and shipping texts to
its workers. The point is that the same command runs on a real cluster. The quotes of (b)'s
shards are checked to be exactly (a)'s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench_extract import MB, Run, default_jobs, measure
from corpus import make_corpus

from quotebrowser.cluster.parts import read_shard, shard_files
from quotebrowser.seeds import seeds_dir

ROOT = Path(__file__).resolve().parent.parent
STYLES = ROOT / "tests" / "data" / "styles"


def build_corpus(folder: Path, articles: int) -> tuple[int, int]:
    """`articles` article files in `folder` (seeds and styles copies); (files, words)."""
    sources = [seeds_dir(), *([STYLES] if STYLES.is_dir() else [])]
    per_copy = sum(len(list(s.glob("*.txt"))) for s in sources)
    copies = -(-articles // per_copy)
    for source in sources:
        make_corpus(folder, copies, source)
    files = sorted(folder.glob("*.txt"))
    for extra in files[articles:]:
        extra.unlink()
    kept = files[:articles]
    return len(kept), sum(len(p.read_text(encoding="utf-8").split()) for p in kept)


def extract_cmd(folder: Path, jobs: int, out: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "quotebrowser", "extract", str(folder), "--jobs", str(jobs)]
    return cmd if out is None else [*cmd, "--dask", "--out", str(out)]


def shard_quotes(folder: Path) -> list[dict]:
    quotes = []
    for _, path in shard_files(folder):
        for item in read_shard(path):
            if not isinstance(item, tuple):
                raise RuntimeError(f"unreadable shard line: {item}")
            quotes.extend(q.to_dict() for q in item[1])
    return quotes


def line(label: str, runs: list[Run], words: int) -> str:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    pss = max(r.peak_pss for r in runs) / MB
    pss_text = f"{pss:8.0f}" if pss else "       -"
    return f"{label:<44} {wall:7.1f} {cpu:7.1f} {words / wall:9,.0f} {pss_text}"


def run_benchmark(articles: int, rounds: int, jobs: int) -> int:
    with tempfile.TemporaryDirectory(prefix="quotebrowser-bench-dask-") as tmp:
        folder = Path(tmp).resolve() / "corpus"
        files, words = build_corpus(folder, articles)
        print(
            f"corpus: {files:,} articles, {words:,} words (copies of the seeds and styles); "
            f"{rounds} round(s), N = {jobs}"
        )
        pool: list[Run] = []
        dask: list[Run] = []
        resumed: list[Run] = []
        reference = Path(tmp) / "jobs.jsonl"
        for r in range(rounds):
            out = Path(tmp) / f"shards-{r}"
            steps = [("pool", None), ("dask", out)]
            for name, target in steps if r % 2 == 0 else reversed(steps):
                print(f"round {r + 1}: {name} ...", file=sys.stderr, flush=True)
                if target is None:
                    pool.append(measure(extract_cmd(folder, jobs), stdout=reference))
                else:
                    dask.append(measure(extract_cmd(folder, jobs, target)))
            resumed.append(measure(extract_cmd(folder, jobs, out)))
            expected = [json.loads(row) for row in reference.read_text().splitlines()]
            if shard_quotes(out) != expected:
                print("FAILED: the shards' quotes differ from --jobs N's", file=sys.stderr)
                return 1
            shutil.rmtree(out)
        print()
        print(f"{'':<44} {'wall s':>7} {'cpu s':>7} {'words/s':>9} {'PSS MB':>8}")
        print(line(f"(a) extract --jobs {jobs}", pool, words))
        print(line(f"(b) extract --dask --jobs {jobs} (local cluster)", dask, words))
        print(line("(c) (b) rerun, every partition done", resumed, words))
        ratios = [d.wall / p.wall for d, p in zip(dask, pool, strict=True)]
        print()
        print(
            f"(b)/(a) wall time: {statistics.median(ratios):.2f} "
            f"(rounds: {', '.join(f'{x:.2f}' for x in ratios)}); same quotes: yes "
            f"({len(expected):,})"
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="N (default: the usable cores)")
    parser.add_argument("--quick", action="store_true", help="150 articles, 1 round")
    args = parser.parse_args(argv)
    articles = 150 if args.quick else args.articles
    return run_benchmark(articles, 1 if args.quick else args.rounds, args.jobs or default_jobs())


if __name__ == "__main__":
    raise SystemExit(main())
