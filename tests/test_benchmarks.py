"""The benchmarks run and print their figures (their speed targets are checked in benchmarks/,
never here)."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def load_corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCHMARKS / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_is_deterministic_and_not_byte_identical(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = load_corpus_module()
    first = corpus.make_corpus(tmp_path / "one", copies=3, source=seeds_dir)
    second = corpus.make_corpus(tmp_path / "two", copies=3, source=seeds_dir)
    seeds = sorted(seeds_dir.glob("*.txt"))
    assert first.files == 3 * len(seeds)
    files = sorted(first.folder.glob("*.txt"))
    assert [p.name for p in files] == [p.name for p in sorted(second.folder.glob("*.txt"))]
    assert all(p.read_bytes() == (second.folder / p.name).read_bytes() for p in files)
    digests = {hashlib.sha256(p.read_bytes()).hexdigest() for p in files}
    assert len(digests) == len(files)
    assert first.words == sum(len(p.read_text(encoding="utf-8").split()) for p in files)
    # Every copy still holds its whole article, paragraphs in order.
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        copies = [p for p in files if p.name.endswith(seed.name)]
        assert len(copies) == 3
        assert all(p.read_text(encoding="utf-8").endswith(text) for p in copies)


def test_corpus_refuses_zero_copies(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        load_corpus_module().make_corpus(tmp_path, copies=0)


def _figure(line: str, column: int) -> float:
    """The column-th number after the row label (labels end before the first wide gap)."""
    numbers = re.findall(r"[\d,]+\.?\d*", line.split("  ", 1)[1])
    return float(numbers[column].replace(",", ""))


@pytest.mark.slow
def test_bench_extract_quick_prints_its_table() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_extract.py"), "--quick", "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()

    def line(prefix: str) -> str:
        found = [x for x in lines if x.startswith(prefix)]
        assert found, f"no line starting {prefix!r} in:\n{done.stdout}"
        return found[0]

    for prefix in (
        "(a) spaCy default pipeline",
        "(a') spaCy, nlp.pipe(batch_size=16)",
        "(b) quotebrowser extract --jobs 1",
        "(c) quotebrowser extract --jobs 2",
    ):
        row = line(prefix)
        wall, cpu, words_per_s, rss = (_figure(row, i) for i in range(4))
        assert wall > 0 and cpu > 0 and words_per_s > 0
        assert 50 < rss < 5000  # MB: a loaded spaCy pipeline, not a unit mix-up
    assert re.search(
        r"\(b\)/\(a\) wall time +median of 1: +\d+\.\d\d \[target <= 1\.0\], cpu time \d",
        done.stdout,
    )
    assert re.search(r"--jobs 2 speed-up over --jobs 1, median of 1: \d+\.\d\dx", done.stdout)
    assert re.search(
        r"memory, quotebrowser extract --jobs 1: 5 articles \d+ MB, 20 articles", done.stdout
    )
    ours = line("quotebrowser eval")
    assert 0.0 < _figure(ours, 0) <= 1.0  # end-to-end F1 on the seeds' gold

    textacy_row = line("(d) textacy direct_quotations")
    textacy_accuracy = line("textacy direct_quotations")
    if importlib.util.find_spec("textacy") is None:
        assert "not installed" in textacy_row and "not installed" in textacy_accuracy
    else:
        assert re.search(r"refused \d+/5 articles", textacy_row)
        assert 0.0 <= _figure(textacy_accuracy, 0) <= 1.0
        assert re.search(r" \d/5$", textacy_accuracy)


def test_bench_archive_reads_and_ingests_every_record_and_cites_the_last() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_archive.py"), "--records", "60"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line.split() for line in done.stdout.splitlines() if re.match(r" +\d", line)]
    assert [row[0] for row in rows] == ["6", "60"]
    assert all(int(row[-1]) == int(row[0]) for row in rows)  # one quote stored per record
    assert all(5 < float(row[3]) < 2000 for row in rows)  # read peak RSS in MB
    assert re.search(r"read: peak RSS \d+ MB at 60 records vs \d+ MB at 6", done.stdout)
    # The citation comes from the last record's metadata: its author, date, outlet and link.
    assert re.search(
        r"Staff Writer \d+\. \(20\d\d, \w+ \d+\)\. .+ \(59\)\. Example Archive Wire\. "
        r"https://archive\.example/story/59",
        done.stdout,
    )


def test_bench_curation_times_merge_correct_and_profile_on_a_dated_database(
    tmp_path: Path,
) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "bench_curation.py"),
            "--quotes",
            "2000",
            "--rounds",
            "1",
            "--db",
            str(tmp_path / "b.json"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "database: 2,000 quotes" in done.stdout
    for label in ("speakers --merge", "correct --speaker", "app: p to the profile screen"):
        row = next(line for line in done.stdout.splitlines() if line.startswith(label))
        assert 0 < float(re.search(r"median +([\d.]+) ms", row).group(1)) < 60_000
    # The synthetic articles carry their dates: the store reads them as 2019-2023.
    from quotebrowser.store import Store

    dates = {info.date[:4] for info in Store(tmp_path / "b.json").documents().values()}
    assert dates == {"2019", "2020", "2021", "2022", "2023"}


def test_bench_store_commits_fresh_articles_into_a_copy_of_each_database(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_app
        import bench_store
    finally:
        sys.path.remove(str(BENCHMARKS))
    from quotebrowser.store import Store

    ours, apps = tmp_path / "store.json", tmp_path / "app.json"
    Store(ours).add_many(bench_store.make_corpus(200, 20, 50))
    Store(apps).add_many(bench_app.corpus(100))
    before = sorted(p.name for p in tmp_path.iterdir())
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "bench_store.py"),
            "--commit-into",
            str(ours),
            str(apps),
            "--batch",
            "4",
            "--speakers",
            "50",
            "--scratch",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [line for line in done.stdout.splitlines() if line.startswith(str(tmp_path))]
    cli = [line for line in lines if re.search(r"\squotes ['\"]", line)]
    rows = [line for line in lines if line not in cli]
    assert len(rows) == 2
    # `quotes QUERY` timed as a fresh process on each database: words, and speaker, group and
    # a word of theirs (which finds their quote in the corpus that named them).
    assert len(cli) == 4
    found = r"store\.json +this +[\d.]+-[\d.]+ s +[1-9][\d,]* quotes +quotes .*speaker:"
    assert re.search(found, cli[1])
    # Each row: the database's quotes, its first open, the first screen's snapshot and every
    # quote's, one commit of 4 new articles' quotes.
    row = r" +this +{} +[\d.]+ s +[\d.]+ s +[\d.]+ s +[\d.]+ s \(80 quotes\)"
    assert re.search(r"store\.json" + row.format(200), rows[0])
    assert re.search(r"app\.json" + row.format(100), rows[1])
    assert re.search(r"largest / smallest commit \(this code\): [\d.]+", done.stdout)
    # The commits went into copies: the databases given are as they were.
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert Store(ours).quote_count() == 200 and Store(apps).quote_count() == 100
    # Fresh articles: numbered after the database's own, quoting the same people.
    fresh = list(bench_store.make_corpus(80, 20, 50, first=10))
    assert [d.source for d, _ in fresh] == [bench_store.source_of(d) for d in range(10, 14)]
    stored = list(bench_store.make_corpus(4000, 20, 50))  # all 50 speakers quoted
    assert {q.speaker for _, qs in fresh for q in qs} <= {q.speaker for _, qs in stored for q in qs}
    assert not {q.text for _, qs in fresh for q in qs} & {q.text for _, qs in stored for q in qs}


def test_bench_store_times_another_checkout_alternating_with_this_one(tmp_path: Path) -> None:
    """`--against CHECKOUT`: the same harness runs the other checkout's quotebrowser (here a
    copy of this one) on its own copies, alternating, and says which code each side ran."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_store
    finally:
        sys.path.remove(str(BENCHMARKS))
    from quotebrowser.store import Store

    db = tmp_path / "store.json"
    Store(db).add_many(bench_store.make_corpus(200, 20, 50))
    other = tmp_path / "before"
    shutil.copytree(BENCHMARKS.parent / "quotebrowser", other / "quotebrowser")
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_store.py"), "--commit-into", str(db),
         "--batch", "2", "--speakers", "50", "--scratch", str(tmp_path), "--against",
         str(other), "--rounds", "2"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    runs = re.findall(r"run (\d) of 2, (this|against) code", done.stderr)
    assert runs == [("1", "against"), ("1", "this"), ("2", "this"), ("2", "against")]
    assert f"code: against = {other}; this = {BENCHMARKS.parent}" in done.stdout
    assert re.search(r"store\.json +against +200 .*\(40 quotes\)", done.stdout)
    assert re.search(r"store\.json +this +200 .*\(40 quotes\)", done.stdout)
    ratios = r"store\.json +first screen [\d.]+, snapshot [\d.]+, commit [\d.]+"
    assert re.search(ratios, done.stdout)
    assert Store(db).quote_count() == 200  # the commits went into copies
