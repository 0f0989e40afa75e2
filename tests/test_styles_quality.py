"""Extraction quality on the styles corpus: articles in house styles unlike the seeds'."""

from __future__ import annotations

from pathlib import Path

from quotebrowser.evaluation import Gold, Scores, score_document
from tests.conftest import DATA


def test_end_to_end_on_unseen_styles() -> None:
    from quotebrowser.extract import extract_many
    from quotebrowser.sources.files import read_paths

    gold = Gold.load(DATA / "styles_gold.json")
    scores = Scores()
    for document, quotes in extract_many(read_paths([str(DATA / "styles")])):
        name = Path(document.source).name
        score_document(gold, gold.quotes[name], quotes, document.text, scores)
    assert scores.documents == len(gold.quotes)
    assert scores.offset_errors == 0
    assert scores.f1 >= 0.95, scores.summary()
    assert scores.end_to_end_f1 >= 0.85, scores.summary()
