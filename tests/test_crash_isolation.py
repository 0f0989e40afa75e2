"""A document that crashes or kills the process extracting it costs that document one line; the
rest of the run goes on and is stored. A document over the size limit is skipped the same way."""

from __future__ import annotations

import faulthandler
import json
import os
import signal
from pathlib import Path

import pytest
from cli_support import run

from quotebrowser.extract import runner


def write_ten(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(10):
        path = folder / f"f{n:03d}.txt"
        path.write_text(
            f"Harbour report {n}\n\n"
            f"“The pier will reopen in spring {n},” Harbour Commissioner Lena Morrow said.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def poison(monkeypatch: pytest.MonkeyPatch, name: str, how: signal.Signals) -> None:
    """The worker that extracts the document called `name` dies by `how`, as a segfault in
    spaCy or the out-of-memory killer would end it (workers are forked: they inherit this)."""
    analyse = runner.analyse

    def dying(text, source, *args):
        if Path(source).name == name:
            faulthandler.disable()  # pytest's, inherited: no traceback dump on the way down
            os.kill(os.getpid(), how)
        return analyse(text, source, *args)

    monkeypatch.setattr(runner, "analyse", dying)


@pytest.mark.parametrize(
    ("how", "said"),
    [
        (signal.SIGSEGV, "the parser crashed on this document (SIGSEGV); skipped"),
        (
            signal.SIGKILL,
            "the parser was killed on this document (SIGKILL: out of memory?); skipped",
        ),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_ingest_of_ten_where_one_kills_its_worker_stores_nine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: signal.Signals, said: str, jobs: str
) -> None:
    paths = write_ten(tmp_path / "in")
    poison(monkeypatch, "f006.txt", how)
    db = str(tmp_path / "q.json")
    code, out, err = run("ingest", str(tmp_path / "in"), "--db", db, "--jobs", jobs)
    assert code == 1
    assert err.splitlines() == [f"quotebrowser: {paths[6]}: {said}"]
    assert "10 documents: 9 added, 0 unchanged, 0 replaced, 1 failed; 9 quotes stored" in out
    code, out, _ = run("quotes", "--db", db, "--format", "jsonl")
    stored = {Path(json.loads(line)["source"]).name for line in out.splitlines()}
    assert stored == {p.name for p in paths} - {"f006.txt"}
    # Nothing of it was stored: once the parser copes, the next ingest adds it.
    monkeypatch.undo()
    code, out, _ = run("ingest", str(tmp_path / "in"), "--db", db, "--jobs", jobs)
    assert code == 0 and "1 added, 9 unchanged" in out


def test_extract_goes_on_past_a_crash_and_says_which_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_ten(tmp_path / "in")
    poison(monkeypatch, "f000.txt", signal.SIGSEGV)
    code, out, err = run("extract", str(tmp_path / "in"), "--jobs", "1")
    assert code == 1
    said = "the parser crashed on this document (SIGSEGV); skipped"
    assert err == f"quotebrowser: {paths[0]}: {said}\n"
    sources = [json.loads(line)["source"] for line in out.splitlines()]
    assert sources == [str(p) for p in paths[1:]]  # in input order


def test_a_document_that_raises_is_one_line_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_ten(tmp_path / "in")
    analyse = runner.analyse

    def raising(text, source, *args):
        if Path(source).name == "f003.txt":
            raise RecursionError("maximum recursion depth exceeded")
        return analyse(text, source, *args)

    monkeypatch.setattr(runner, "analyse", raising)
    code, out, err = run("extract", str(tmp_path / "in"), "--jobs", "2")
    assert code == 1
    assert err == (
        f"quotebrowser: {paths[3]}: extraction failed "
        "(RecursionError: maximum recursion depth exceeded); skipped\n"
    )
    assert len(out.splitlines()) == 9


def test_a_document_over_the_size_limit_is_skipped_at_once(tmp_path: Path) -> None:
    paths = write_ten(tmp_path / "in")
    line = 'The minister said: "We will not give up." Jane Doe told reporters: "It cannot last." '
    huge = tmp_path / "in" / "f005.txt"
    huge.write_text("One line\n\n" + line * (runner.MAX_CHARACTERS // len(line) + 1))
    size = len(huge.read_text())
    code, out, err = run("ingest", str(tmp_path / "in"), "--db", str(tmp_path / "q.json"))
    assert code == 1
    assert err == (
        f"quotebrowser: {paths[5]}: {size:,} characters: longer than the 2,000,000 "
        "quotebrowser reads in one document; skipped\n"
    )
    assert "9 added" in out and "1 failed" in out


class Poison:
    """Installed on each Dask worker as it joins: the document called `name` kills the process
    extracting it."""

    def __init__(self, name: str) -> None:
        self.name = name

    def setup(self, worker) -> None:
        from quotebrowser.extract import runner as on_worker

        analyse, name = on_worker.analyse, self.name

        def dying(text, source, *args):
            if Path(source).name == name:
                os.kill(os.getpid(), signal.SIGSEGV)
            return analyse(text, source, *args)

        on_worker.analyse = dying


def test_on_dask_a_crash_costs_its_document_and_the_partition_is_stored(tmp_path: Path) -> None:
    import logging

    from distributed import Client, LocalCluster, WorkerPlugin

    paths = write_ten(tmp_path / "in")
    out = tmp_path / "shards"
    plugin = type("PoisonPlugin", (Poison, WorkerPlugin), {})("f004.txt")
    said = "the parser crashed on this document (SIGSEGV); skipped"
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        ) as cluster,
        Client(cluster) as client,
    ):
        client.register_plugin(plugin)
        args = ("extract", str(tmp_path / "in"), "--dask", cluster.scheduler_address,
                "--partition-size", "5", "--out", str(out))
        code, stdout, err = run(*args)
        assert code == 1
        assert err == f"quotebrowser: {paths[4]}: {said}\n"
        assert stdout.startswith(
            "2 partitions: 2 extracted, 0 already done; 10 documents (1 skipped)"
        )
        # The worker lived on; a rerun has nothing to do, and says again what was skipped.
        assert len(client.scheduler_info()["workers"]) == 1
        code, stdout, err = run(*args)
        assert (code, err) == (1, f"quotebrowser: {paths[4]}: {said}\n")
        assert stdout.startswith("2 partitions: 0 extracted, 2 already done;")
    db = str(tmp_path / "q.json")
    code, stdout, err = run("ingest", "--quotes", str(out), "--db", db)
    assert code == 1
    assert err == f"quotebrowser: {paths[4]}: {said}\n"
    assert "9 added" in stdout and "1 failed; 9 quotes stored" in stdout
