"""The scorer: token-F1 matching, one-to-one pairing and the speaker rules."""

from __future__ import annotations

import json
from pathlib import Path

from quotebrowser.evaluation import Gold, Scores, score_document, token_f1
from quotebrowser.model import Quote


def quote(text: str, start: int, speaker: str | None) -> Quote:
    return Quote(
        "x", "doc.txt", text, start, start + len(text), speaker, None, "other", "direct", None, 0
    )


def gold_file(tmp_path: Path) -> Gold:
    data = {
        "speakers": {
            "Jane Roe": {"kind": "person", "aliases": ["Roe", "the minister"]},
            "Health Ministry": {"kind": "organization", "aliases": ["the ministry"]},
        },
        "documents": [
            {
                "file": "doc.txt",
                "quotes": [
                    {"text": "we will win the vote", "speaker": "Jane Roe", "kind": "direct"},
                    {"text": "stocks are low", "speaker": "Health Ministry", "kind": "direct"},
                    {"text": "nobody knows", "speaker": None, "kind": "direct"},
                ],
            }
        ],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data))
    return Gold.load(path)


def test_token_f1() -> None:
    assert token_f1("we will win", "We will win") == 1.0
    assert token_f1("a b c d", "a b c e") == 0.75
    assert token_f1("a", "b") == 0.0


def test_matching_and_speaker_rules(tmp_path: Path) -> None:
    gold = gold_file(tmp_path)
    text = "we will win the vote | stocks are low | nobody knows | extra words here"
    predicted = [
        quote("we will win the vote", 0, "Mrs Jane Roe"),  # same surname: right
        quote("stocks are low", 23, "The Ministry"),  # alias, case and "the" aside: right
        quote("nobody knows", 40, "Someone"),  # gold says nobody: wrong
        quote("extra words here", 55, None),  # spurious
    ]
    scores = Scores()
    score_document(gold, gold.quotes["doc.txt"], predicted, text, scores)
    assert (scores.gold, scores.predicted, scores.matched, scores.attributed) == (3, 4, 3, 2)
    assert scores.precision == 0.75 and scores.recall == 1.0
    assert round(scores.end_to_end_f1, 3) == round(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3), 3)
    assert scores.offset_errors == 0


def test_offset_errors_are_counted(tmp_path: Path) -> None:
    gold = gold_file(tmp_path)
    scores = Scores()
    score_document(gold, [], [quote("abc", 0, None)], "xyz", scores)
    assert scores.offset_errors == 1


def test_one_to_one(tmp_path: Path) -> None:
    gold = gold_file(tmp_path)
    scores = Scores()
    text = "we will win the vote we will win the vote"
    twice = [quote("we will win the vote", 0, "Roe"), quote("we will win the vote", 21, "Roe")]
    score_document(gold, gold.quotes["doc.txt"][:1], twice, text, scores)
    assert scores.matched == 1 and len(scores.false_positives) == 1
