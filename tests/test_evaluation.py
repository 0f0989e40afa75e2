"""The scorer: token-F1 matching, one-to-one pairing and the speaker rules."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from quotebrowser.evaluation import (
    Gold,
    Scores,
    by_evidence,
    role_true,
    score_document,
    token_f1,
    who_scores,
)
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


def who_gold(tmp_path: Path) -> Gold:
    data = {
        "speakers": {
            "Jane Roe": {
                "kind": "person",
                "role": "Minister of Health",
                "group": "official",
                "aliases": ["Roe", "Health Minister Jane Roe"],
            },
            "Ann Poe": {
                "kind": "person",
                "role": "economist at a bank",
                "group": "analyst",
                "aliases": ["Poe"],
            },
        },
        "documents": [
            {
                "file": "doc.txt",
                "quotes": [
                    {"text": "one two three", "speaker": "Jane Roe"},
                    {"text": "four five six", "speaker": "Jane Roe"},
                    {"text": "seven eight nine", "speaker": "Ann Poe"},
                    {"text": "ten eleven twelve", "speaker": "Ann Poe"},
                ],
            }
        ],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data))
    return Gold.load(path)


def said(text: str, start: int, speaker: str, role: str | None, group: str) -> Quote:
    return Quote(
        "x", "doc.txt", text, start, start + len(text), speaker, role, group, "direct", None, 0
    )


def test_role_counts_when_half_its_content_words_are_true(tmp_path: Path) -> None:
    roe = who_gold(tmp_path).speakers["Jane Roe"]
    assert role_true("the health minister", roe)  # both content words known
    assert role_true("Health Minister for the North", roe)  # two of three
    assert not role_true("former prosecutor", roe)  # someone else's description
    assert not role_true(None, roe) and not role_true("the", roe)


def test_who_scores_group_role_and_names(tmp_path: Path) -> None:
    gold = who_gold(tmp_path)
    text = "one two three | four five six | seven eight nine | ten eleven twelve"
    predicted = [
        said("one two three", 0, "Jane Roe", "Health Minister", "official"),
        said("four five six", 16, "Mrs Roe", None, "other"),  # no role, wrong group
        said("seven eight nine", 31, "Ann Poe", "bank economist", "analyst"),
        said("ten eleven twelve", 50, "Ann Poe", "protester", "other"),
    ]
    scores = Scores()
    score_document(gold, gold.quotes["doc.txt"], predicted, text, scores)
    who = who_scores(gold, scores)
    assert who.right == 4
    assert who.group_accuracy == 0.5 and who.role_accuracy == 0.5
    # Jane Roe has two names, Ann Poe one.
    assert who.names_per_person == 1.5 and who.names == {"Jane Roe": ["Jane Roe", "Mrs Roe"]}
    # Canonicalised as the archive would show them, Jane Roe has one name.
    merged = who_scores(gold, scores, canonical=lambda q: "Jane Roe" if "Roe" in q.speaker else "")
    assert merged.names_per_person == 1.0
    # Roles as the archive shows the speaker: Mrs Roe's quote gets the role another article gave
    # her; each quote's own role is still scored on its own.
    shown = who_scores(
        gold, scores, role=lambda q: "Health Minister" if "Roe" in q.speaker else q.role
    )
    assert shown.role_accuracy == 0.75 and shown.quote_role_accuracy == 0.5


def test_precision_by_evidence_counts_each_rule(tmp_path: Path) -> None:
    gold = gold_file(tmp_path)
    text = "we will win the vote. stocks are low. nobody knows. a scare quote."
    predicted = [
        replace(quote("we will win the vote", 0, "Roe"), evidence="verb-after"),
        replace(quote("stocks are low", 22, "Jane Roe"), evidence="verb-after"),
        replace(quote("nobody knows", 38, None), evidence="none"),
        replace(quote("a scare quote", 52, "Roe"), evidence="runs-on"),
    ]
    scores = Scores()
    score_document(gold, gold.quotes["doc.txt"], predicted, text, scores)
    rows = {row.evidence: row for row in by_evidence(scores, ("runs-on", "verb-after"))}
    assert [r.evidence for r in by_evidence(scores, ("runs-on", "verb-after"))] == [
        "runs-on",
        "verb-after",
        "none",
    ]
    assert (rows["verb-after"].quotes, rows["verb-after"].matched, rows["verb-after"].right) == (
        2,
        2,
        1,
    )
    assert rows["verb-after"].precision == 0.5
    assert (rows["runs-on"].quotes, rows["runs-on"].matched) == (1, 0)  # spurious only
    assert rows["none"].precision == 1.0  # rightly no speaker


def test_reported_statements_are_scored_apart_and_more_loosely(tmp_path: Path) -> None:
    data = {
        "speakers": {"Jane Roe": {"kind": "person", "aliases": ["Roe"]}},
        "documents": [
            {
                "file": "doc.txt",
                "quotes": [
                    {"text": "we will win the vote", "speaker": "Jane Roe", "kind": "direct"},
                    {"text": "the vote would be close", "speaker": "Jane Roe", "kind": "reported"},
                ],
            }
        ],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data))
    gold = Gold.load(path)
    text = "we will win the vote | Roe said that the vote would be close on Friday"
    said = replace(quote("that the vote would be close on Friday", 27, "Roe"), kind="reported")
    predicted = [quote("we will win the vote", 0, "Roe"), said]
    quotes, statements = Scores(), Scores()
    score_document(gold, gold.quotes["doc.txt"], predicted, text, quotes)
    score_document(gold, gold.quotes["doc.txt"], predicted, text, statements, "reported")
    # Each kind sees only its own gold and predictions.
    assert (quotes.gold, quotes.predicted, quotes.matched) == (1, 1, 1)
    # Token F1 0.77 ("that", "on Friday" more): a statement match, never a quote one.
    assert (statements.gold, statements.predicted, statements.attributed) == (1, 1, 1)
    assert token_f1(said.text, "the vote would be close") < 0.8
