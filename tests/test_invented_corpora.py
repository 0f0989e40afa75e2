"""Extraction and who's-who on invented articles written for the failures real news showed
(issue 19): `beat` (articles in the styles of South Caucasus and Russian outlets, BBC 2004-05 and
US political news, with long appositions, readouts, metonyms, Q&A, runs of quotes whose speaker
changes, transliterated names) and `pronouns` (short articles resolved by gender, not nearness).
The floors keep what has been reached from sliding back."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotebrowser.evaluation import Gold, Scores, score_document, who_as_shown
from tests.conftest import DATA

FLOORS = {
    # corpus: (end-to-end F1, group as the speakers panel shows it)
    "beat": (0.95, 0.89),
    "pronouns": (0.98, 0.83),
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_invented_corpus(corpus: str) -> None:
    from quotebrowser.extract import extract_many
    from quotebrowser.sources.files import read_paths

    gold = Gold.load(DATA / f"{corpus}_gold.json")
    scores = Scores()
    predicted = []
    for document, quotes in extract_many(read_paths([str(DATA / corpus)])):
        score_document(gold, gold.quotes[Path(document.source).name], quotes, document.text, scores)
        predicted.extend(quotes)
    assert scores.documents == len(gold.quotes)
    assert scores.offset_errors == 0
    end_to_end, group = FLOORS[corpus]
    assert scores.end_to_end_f1 >= end_to_end, scores.summary()
    who = who_as_shown(gold, scores, predicted)
    assert who.group_accuracy is not None and who.group_accuracy >= group, who.summary()


def test_extraction_does_not_depend_on_the_process() -> None:
    # Sets iterate in an order that changes with each process's string hashing: no decision
    # may hang on one (a government's name once did).
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "quotebrowser",
                "extract",
                str(DATA / "beat"),
                "--format",
                "jsonl",
                "--jobs",
                "1",
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
