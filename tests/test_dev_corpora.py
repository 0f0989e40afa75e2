"""Extraction and who's-who on the real-news dev corpora (../shared/dev beside the repository).

A user's clone has no ../shared: these tests then skip. Where it exists (the project's own
machines and CI), they keep the figures the README reports from sliding back."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotebrowser.evaluation import Gold, Scores, score_document, who_as_shown
from tests.conftest import ROOT

DEV = ROOT.parent / "shared" / "dev"


# corpus: floors of end-to-end F1, group and people's role (as the speakers panel shows them),
# and the most names a person may get. They rise as the extractor does, never fall.
FLOORS = {
    "bbc": (0.92, 0.98, 0.87, 1.00),
    "polnear": (0.92, 0.97, 0.94, 1.00),
    "wire": (0.93, 0.90, 0.74, 1.00),
    "caucasus": (0.92, 0.94, 0.99, 1.00),
}


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpora (../shared/dev) are not here")
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_dev_corpus_quotes_speakers_and_who_is_who(corpus: str) -> None:
    from quotebrowser.extract import extract_many
    from quotebrowser.sources.files import read_paths

    gold = Gold.load(DEV / f"{corpus}.json")
    scores = Scores()
    predicted = []
    files = sorted(str(p) for p in (DEV / corpus).glob("*.txt"))
    for document, quotes in extract_many(read_paths(files)):
        name = Path(document.source).name
        score_document(gold, gold.quotes[name], quotes, document.text, scores)
        predicted.extend(quotes)
    assert scores.documents == len(gold.quotes)
    assert scores.offset_errors == 0
    end_to_end, group, role, names = FLOORS[corpus]
    assert scores.end_to_end_f1 >= end_to_end, scores.summary()
    who = who_as_shown(gold, scores, predicted)
    assert who.group_accuracy is not None and who.group_accuracy >= group, who.summary()
    assert who.people_role_accuracy >= role, who.summary()
    assert who.names_per_person <= names + 1e-9, (who.summary(), who.names)
