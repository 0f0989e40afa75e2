"""The user's corrections: stored apart from the quotes, they survive every re-ingest.

Ingest runs with a small quote finder (curly-quoted paragraphs, speaker from "said NAME"), so
an "extractor change" can be simulated by a second finder that cuts the same quotes otherwise.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from store_support import make_document

from quotebrowser.citation import cite
from quotebrowser.ingest import run_ingest
from quotebrowser.model import Document, Quote, quote_id
from quotebrowser.store import Store, StoreError

TESTS = Path(__file__).resolve().parent
SAID = re.compile(r"\u201c([^\u201d]+)\u201d said ([A-Z]\w+(?: [A-Z]\w+)*)")

ARTICLE = (
    "Port deal reached\n\n"
    "\u201cThe ferries will sail again on Monday morning\u201d said Lena Brandt.\n\n"
    "\u201cWe never asked for more than a fair wage\u201d said Oskar Meyer.\n\n"
    "\u201cA scare word\u201d said Lena Brandt.\n"
)


def finder(
    documents: Iterable[Document], jobs: int = 1, failed=None
) -> Iterator[tuple[Document, list]]:
    for doc in documents:
        yield (
            doc,
            [
                Quote(
                    quote_id(doc.source, m.group(1), 0),
                    doc.source,
                    m.group(1),
                    m.start(1),
                    m.end(1),
                    m.group(2),
                    None,
                    "other",
                    "direct",
                    "said",
                    0,
                )
                for m in SAID.finditer(doc.text)
            ],
        )


def other_finder(
    documents: Iterable[Document], jobs: int = 1, failed=None
) -> Iterator[tuple[Document, list]]:
    """A "newer extractor": the same quotes without their last word, and no speakers."""
    for doc in documents:
        found = []
        for m in SAID.finditer(doc.text):
            text = m.group(1).rsplit(" ", 1)[0]
            found.append(
                Quote(
                    quote_id(doc.source, text, 0),
                    doc.source,
                    text,
                    m.start(1),
                    m.start(1) + len(text),
                    None,
                    None,
                    "other",
                    "direct",
                    None,
                    0,
                )
            )
        yield doc, found


def setup(tmp_path: Path, text: str = ARTICLE) -> tuple[Store, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "port.txt").write_text(text, encoding="utf-8")
    store = Store(tmp_path / "q.json")
    run_ingest(store, [str(folder)], extractor=finder)
    return store, folder


def by_text(store: Store, words: str) -> Quote:
    return next(q for q in store.snapshot().quotes if words in q.text)


def test_speaker_correction_is_what_every_reader_sees(tmp_path: Path) -> None:
    store, _ = setup(tmp_path)
    ferry = by_text(store, "ferries")
    store.correct(ferry.id[:8], speaker="Oskar Meyer")
    fixed = Store(store.path).get_quote(ferry.id)
    assert fixed is not None and fixed.speaker == "Oskar Meyer" and fixed.corrected
    assert not fixed.rejected
    assert "Oskar Meyer" in cite(fixed, store.document_info(fixed.source), "plain")
    counts = {p.name: p.quotes for p in store.people().profiles()}
    assert counts == {"Oskar Meyer": 2, "Lena Brandt": 1}


def test_a_new_name_takes_the_role_and_group_given(tmp_path: Path) -> None:
    store, _ = setup(tmp_path)
    ferry = by_text(store, "ferries")
    store.correct(ferry.id, speaker="  Ines  Vidal ", role="harbour master", group="official")
    fixed = store.get_quote(ferry.id)
    assert (fixed.speaker, fixed.role, fixed.group) == ("Ines Vidal", "harbour master", "official")


def test_not_a_quote_and_undo(tmp_path: Path) -> None:
    store, _ = setup(tmp_path)
    scare = by_text(store, "scare")
    store.correct(scare.id, reject=True)
    assert store.get_quote(scare.id).rejected
    assert {p.name: p.quotes for p in store.people().profiles()}["Lena Brandt"] == 1
    undone = store.undo_correction()
    assert undone is not None and undone.action == "reject"
    back = store.get_quote(scare.id)
    assert not back.rejected and not back.corrected
    assert store.undo_correction() is None


def test_unknown_and_ambiguous_ids_are_refused(tmp_path: Path) -> None:
    store, _ = setup(tmp_path)
    with pytest.raises(StoreError, match="no quote with id"):
        store.correct("zzzz", reject=True)
    # Seventeen ids: two of them share their first hex digit.
    lines = [(f"Line {n} of the many", "Ana Lima") for n in range(17)]
    store.add(*make_document("/many.txt", lines))
    firsts = [q.id[0] for q in store.snapshot().quotes]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    with pytest.raises(StoreError, match="give more characters"):
        store.correct(shared, reject=True)
    assert store.corrections() == []


def test_survives_reingest_of_the_unchanged_article(tmp_path: Path) -> None:
    store, folder = setup(tmp_path)
    ferry = by_text(store, "ferries")
    store.correct(ferry.id, speaker="Oskar Meyer")
    summary = run_ingest(Store(store.path), [str(folder)], extractor=finder)
    assert summary.unchanged == 1
    assert Store(store.path).get_quote(ferry.id).speaker == "Oskar Meyer"


def test_survives_an_edited_article_where_its_words_remain(tmp_path: Path) -> None:
    store, folder = setup(tmp_path)
    ferry = by_text(store, "ferries")
    store.correct(ferry.id, speaker="Oskar Meyer")
    store.correct(by_text(store, "scare").id, reject=True)
    edited = ARTICLE.replace("Port deal reached\n\n", "Port deal reached\n\nUpdated.\n\n")
    edited = edited.replace("on Monday morning", "on Monday")
    edited = edited.replace("\u201cA scare word\u201d said Lena Brandt.\n", "")
    (folder / "port.txt").write_text(edited, encoding="utf-8")
    summary = run_ingest(Store(store.path), [str(folder)], extractor=finder)
    assert summary.replaced == 1
    # The quote was cut by two words and moved: the correction found it again.
    moved = by_text(Store(store.path), "ferries")
    assert moved.text == "The ferries will sail again on Monday"
    assert (moved.speaker, moved.corrected) == ("Oskar Meyer", True)
    # The scare quote is gone from the article: reported, and kept in case it comes back.
    assert len(summary.unapplied) == 1 and "A scare word" in summary.unapplied[0]
    assert "1 correction no longer applies" in summary.line()
    (folder / "port.txt").write_text(ARTICLE, encoding="utf-8")
    run_ingest(Store(store.path), [str(folder)], extractor=finder)
    assert by_text(Store(store.path), "scare").rejected


def test_survives_an_extractor_that_cuts_the_quotes_otherwise(tmp_path: Path) -> None:
    store, folder = setup(tmp_path)
    wage = by_text(store, "wage")
    store.correct(wage.id, speaker="Ines Vidal", role="mediator", group="official")
    # Extract the same text again with the "newer" extractor: other spans, other ids.
    store.forget([wage.source])
    summary = run_ingest(Store(store.path), [str(folder)], extractor=other_finder)
    assert summary.unapplied == []
    now = by_text(Store(store.path), "fair")
    assert now.text == "We never asked for more than a fair" and now.id != wage.id
    assert (now.speaker, now.role, now.group, now.corrected) == (
        "Ines Vidal",
        "mediator",
        "official",
        True,
    )
    assert by_text(Store(store.path), "ferries").speaker is None  # the others stay as extracted


# Ingests N articles, one commit each, pausing between commits so the test's corrections
# interleave with them at the lock.
INGESTER = f"""
import sys, time
sys.path.insert(0, {str(TESTS)!r})
from store_support import random_document
from quotebrowser.store import Store
store = Store(sys.argv[1])
for n in range(int(sys.argv[2])):
    store.add_many([random_document(f"/other/{{n:03d}}.txt", n)])
    print(n, flush=True)
    time.sleep(0.02)
"""


def test_a_correction_during_another_process_ingest_is_kept(tmp_path: Path) -> None:
    store, _ = setup(tmp_path)
    quotes = store.snapshot().quotes
    script = tmp_path / "ingester.py"
    script.write_text(INGESTER)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(store.path), "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not (proc.stdout and proc.stdout.readline()):
            time.sleep(0.01)  # the other process has committed once: it is mid-ingest
        for q in quotes:
            Store(store.path).correct(q.id, speaker="Ines Vidal")
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 0, err
    final = Store(store.path)
    snap = final.snapshot()
    assert {f"/other/{n:03d}.txt" for n in range(30)} <= set(snap.documents)
    assert len(final.corrections()) == len(quotes)
    assert all(final.get_quote(q.id).speaker == "Ines Vidal" for q in quotes)


def test_merge_and_rename_speakers(tmp_path: Path) -> None:
    store, _ = setup(tmp_path)
    assert store.rename_speaker("lena brandt", "Oskar Meyer", merge=True).quotes == 2
    people = Store(store.path).people().profiles()
    assert [(p.name, p.quotes, p.aliases) for p in people] == [
        ("Oskar Meyer", 3, ("Lena Brandt",))]
    store.rename_speaker("Oskar Meyer", "Oskar M. Meyer")
    assert {q.speaker for q in store.snapshot().quotes} == {"Oskar M. Meyer"}
    with pytest.raises(StoreError, match="no speaker 'Nobody'"):
        store.rename_speaker("Nobody", "Oskar M. Meyer", merge=True)
    with pytest.raises(StoreError, match="no speaker 'Nobody'"):
        store.rename_speaker("Oskar M. Meyer", "Nobody", merge=True)
