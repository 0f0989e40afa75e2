"""The held-out styles corpus (tests/data/styles/) and its gold file are well-formed.

The corpus measures extraction on house styles unlike the seeds; a wrong gold file would make
that measure meaningless, so its invariants are checked here (format: tests/data/GOLD_FORMAT.md).
"""

from __future__ import annotations

import json

import pytest

from quotebrowser.evaluation import Gold
from tests.conftest import DATA

STYLES = DATA / "styles"
STYLES_GOLD = DATA / "styles_gold.json"
SPEAKER_KINDS = {"person", "organization", "document"}
MARKS = "\"'“”‘’«»„‚"


@pytest.fixture(scope="module")
def gold() -> dict:
    return json.loads(STYLES_GOLD.read_text(encoding="utf-8"))


def article(name: str) -> str:
    return (STYLES / name).read_text(encoding="utf-8")


def documents() -> list[str]:
    data = json.loads(STYLES_GOLD.read_text(encoding="utf-8"))
    return [doc["file"] for doc in data["documents"]]


def test_top_level_shape(gold: dict) -> None:
    assert set(gold) == {"corpus", "speakers", "documents"}
    assert gold["corpus"] == "styles"
    assert isinstance(gold["speakers"], dict) and isinstance(gold["documents"], list)


def test_every_article_is_annotated_once(gold: dict) -> None:
    files = [doc["file"] for doc in gold["documents"]]
    assert len(files) == len(set(files))
    assert sorted(files) == sorted(p.name for p in STYLES.glob("*.txt"))
    assert 8 <= len(files) <= 10


@pytest.mark.parametrize("name", documents())
def test_article_is_a_realistic_length(name: str) -> None:
    assert 400 <= len(article(name).split()) <= 900


def test_speakers_are_well_formed(gold: dict) -> None:
    for name, info in gold["speakers"].items():
        assert name == name.strip() and name, name
        assert info["kind"] in SPEAKER_KINDS, name
        assert isinstance(info["role"], str) and info["role"].strip(), name
        aliases = info["aliases"]
        assert aliases and all(isinstance(a, str) and a.strip() for a in aliases), name
        assert len(aliases) == len(set(aliases)), name


def test_every_alias_is_a_form_the_articles_use(gold: dict) -> None:
    corpus = "\n".join(article(doc["file"]) for doc in gold["documents"]).lower()
    for name, info in gold["speakers"].items():
        for alias in info["aliases"]:
            # The canonical key may be a label the articles never spell out (documents).
            assert alias == name or alias.lower() in corpus, (name, alias)


def test_every_speaker_is_defined_and_used(gold: dict) -> None:
    used = {q["speaker"] for doc in gold["documents"] for q in doc["quotes"]}
    assert used - {None} <= set(gold["speakers"]), used - {None} - set(gold["speakers"])
    assert set(gold["speakers"]) <= used, set(gold["speakers"]) - used


@pytest.mark.parametrize("name", documents())
def test_quotes_are_exact_ordered_non_overlapping_substrings(gold: dict, name: str) -> None:
    text = article(name)
    (doc,) = [d for d in gold["documents"] if d["file"] == name]
    assert doc["quotes"], name
    end = 0
    for q in doc["quotes"]:
        assert set(q) == {"text", "speaker", "kind"}, q
        assert q["kind"] in {"direct", "partial"}, q
        quoted = q["text"]
        assert quoted and quoted == quoted.strip(), repr(quoted)
        # The words inside the marks: no mark at either end, no trailing , . ; :
        assert quoted[0] not in MARKS and quoted[-1] not in MARKS, repr(quoted)
        assert quoted[-1] not in ",.;:", repr(quoted)
        start = text.find(quoted, end)
        assert start >= 0, f"{name}: not found in order after offset {end}: {quoted[:60]!r}"
        # Immediately inside a quotation mark (spaces allowed, as in « text »).
        before = text[:start].rstrip(" ")
        assert before and before[-1] in MARKS, f"{name}: no opening mark before {quoted[:40]!r}"
        end = start + len(quoted)


def test_the_project_scorer_loads_it() -> None:
    gold = Gold.load(STYLES_GOLD)
    assert sum(len(qs) for qs in gold.quotes.values()) >= 100
    for quotes in gold.quotes.values():
        for q in quotes:
            assert q.speaker is None or q.speaker in gold.speakers
