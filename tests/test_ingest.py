"""Ingest: reading, skipping unchanged files, timed batch commits, errors, interruption.

The extraction step is a small quote finder defined here (curly-quoted paragraphs), so these
tests are about the ingest loop; the real extractor runs in test_cli_store.py.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from quotebrowser.ingest import run_ingest
from quotebrowser.model import Document, Quote, quote_id
from quotebrowser.store import Store

QUOTED = re.compile(r"\u201c([^\u201d]+)\u201d")


def find_quotes(
    documents: Iterable[Document], jobs: int = 1, failed=None
) -> Iterator[tuple[Document, list]]:
    for doc in documents:
        quotes = [
            Quote(
                quote_id(doc.source, m.group(1), i),
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
            for i, m in enumerate(QUOTED.finditer(doc.text))
        ]
        yield doc, quotes


def write_articles(folder: Path, n: int, quotes_each: int = 2) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        body = "".join(f"\u201cStatement {j} of article {i}\u201d\n\n" for j in range(quotes_each))
        path = folder / f"article{i:03d}.txt"
        path.write_text(f"Article {i} of {folder.name}\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def generation(db: Path) -> int:
    return json.loads(db.read_bytes())["_quotebrowser"]["1"]["generation"]


def test_ingest_folder_then_again_is_idempotent(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    db = tmp_path / "q.json"
    store = Store(db)
    first = run_ingest(store, [str(tmp_path / "in")], extractor=find_quotes)
    assert (first.added, first.unchanged, first.failed, first.quotes) == (6, 0, 0, 12)
    before = db.read_bytes()
    called: list[str] = []

    def spy(documents: Iterable[Document], jobs: int = 1, failed=None):
        for doc in documents:
            called.append(doc.source)
        yield from ()

    again = run_ingest(Store(db), [str(tmp_path / "in")], extractor=spy)
    assert (again.added, again.unchanged, again.quotes) == (0, 6, 0)
    assert called == []  # unchanged files never reach the extractor
    assert db.read_bytes() == before


def test_sources_are_absolute_and_offsets_index_the_file(tmp_path: Path, monkeypatch) -> None:
    write_articles(tmp_path / "in", 2)
    monkeypatch.chdir(tmp_path)
    store = Store(tmp_path / "q.json")
    run_ingest(store, ["in/article000.txt", "in"], extractor=find_quotes)
    snap = store.snapshot()
    # The same file named twice (relative and through its folder) is one document.
    assert sorted(snap.documents) == [str(tmp_path / "in" / f"article00{i}.txt") for i in (0, 1)]
    for q in snap.quotes:
        assert Path(q.source).read_text(encoding="utf-8")[q.start : q.end] == q.text


def test_changed_file_replaces_its_quotes_only(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "in", 3)
    store = Store(tmp_path / "q.json")
    run_ingest(store, [str(tmp_path / "in")], extractor=find_quotes)
    paths[1].write_text("Article 1, revised\n\n\u201cOnly this now\u201d\n", encoding="utf-8")
    summary = run_ingest(store, [str(tmp_path / "in")], extractor=find_quotes)
    assert (summary.replaced, summary.unchanged, summary.quotes) == (1, 2, 1)
    texts = sorted(q.text for q in Store(tmp_path / "q.json").snapshot().quotes)
    assert texts == sorted(
        ["Only this now"] + [f"Statement {j} of article {i}" for i in (0, 2) for j in (0, 1)]
    )


def test_bad_files_are_reported_and_good_ones_land(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 2)
    (tmp_path / "in" / "empty.txt").write_text("   \n")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    store = Store(tmp_path / "q.json")
    summary = run_ingest(
        store, [str(tmp_path / "in"), str(tmp_path / "missing.txt")], extractor=find_quotes
    )
    assert (summary.added, summary.failed) == (2, 3)
    failed = sorted(Path(e.source).name for e in summary.errors)
    assert failed == ["binary.txt", "empty.txt", "missing.txt"]
    assert len(store.snapshot().quotes) == 4


def test_commits_in_timed_batches(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 5)
    db = tmp_path / "q.json"
    store = Store(db)
    store.commit_interval = 3600.0  # one commit at the end
    run_ingest(store, [str(tmp_path / "in")], extractor=find_quotes)
    assert generation(db) == 2  # the empty database ingest creates first, then one commit
    write_articles(tmp_path / "more", 5)
    store.commit_interval = 0.0  # a commit after every document
    run_ingest(store, [str(tmp_path / "more")], extractor=find_quotes)
    assert generation(db) == 2 + 5


def test_interrupted_ingest_keeps_finished_work(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 6)
    store = Store(tmp_path / "q.json")
    store.commit_interval = 3600.0

    def breaks_at_four(documents: Iterable[Document], jobs: int = 1, failed=None):
        for n, item in enumerate(find_quotes(documents), 1):
            if n == 4:
                raise KeyboardInterrupt
            yield item

    with pytest.raises(KeyboardInterrupt):
        run_ingest(store, [str(tmp_path / "in")], extractor=breaks_at_four)
    assert len(Store(tmp_path / "q.json").snapshot().documents) == 3


def test_progress_reports_every_document(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_text("")
    seen: list[tuple[int, int]] = []
    run_ingest(
        Store(tmp_path / "q.json"),
        [str(tmp_path / "in")],
        extractor=find_quotes,
        progress=lambda done, total, source: seen.append((done, total)),
    )
    assert seen == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_jobs_reach_the_extractor(tmp_path: Path) -> None:
    write_articles(tmp_path / "in", 1)
    got: list[int] = []

    def record_jobs(documents: Iterable[Document], jobs: int = 1, failed=None):
        got.append(jobs)
        yield from find_quotes(documents)

    run_ingest(Store(tmp_path / "q.json"), [str(tmp_path / "in")], jobs=3, extractor=record_jobs)
    assert got == [3]


def test_ingest_stores_the_metadata_the_article_states(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(
        "Talks resume in the capital\n\nBy Jane Doe\n26 November 2021\n\n"
        "\u201cWords\u201d said Ana Lima.\n\nBased on materials from Example Wire\n",
        encoding="utf-8",
    )
    store = Store(tmp_path / "q.json")
    run_ingest(store, [str(article)], extractor=find_quotes)
    info = store.document_info(str(article))
    assert info is not None
    assert (info.title, info.date, info.byline, info.outlet) == (
        "Talks resume in the capital", "2021-11-26", "Jane Doe", "Example Wire")
