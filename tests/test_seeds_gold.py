"""End to end on the bundled seeds against their hand-checked gold (tests/data/seeds_gold.json)."""

from __future__ import annotations

from quotebrowser.evaluation import Gold, Scores, score_document
from tests.conftest import SEEDS_GOLD


def test_end_to_end_f1_on_the_seeds(extracted_seeds) -> None:
    gold = Gold.load(SEEDS_GOLD)
    scores = Scores()
    for name, gold_quotes in gold.quotes.items():
        text, quotes = extracted_seeds[name]
        score_document(gold, gold_quotes, quotes, text, scores)
    assert scores.offset_errors == 0
    assert scores.f1 >= 0.95, scores.summary()
    assert scores.end_to_end_f1 >= 0.95, scores.summary()


def test_every_offset_is_exact(extracted_seeds) -> None:
    for text, quotes in extracted_seeds.values():
        for q in quotes:
            assert text[q.start : q.end] == q.text


def test_ids_are_stable_and_unique(extracted_seeds) -> None:
    from quotebrowser.extract import extract

    ids = [q.id for _, quotes in extracted_seeds.values() for q in quotes]
    assert len(ids) == len(set(ids))
    _name, (text, quotes) = next(iter(extracted_seeds.items()))
    again = extract(text, quotes[0].source)
    assert [q.id for q in again] == [q.id for q in quotes]


def test_roles_and_groups_come_from_the_article(extracted_seeds) -> None:
    quotes = [q for _, qs in extracted_seeds.values() for q in qs]
    by_speaker = {q.speaker: q for q in quotes}
    # Roles are the article's own words (an apposition after the name).
    assert by_speaker["Vladimir Novikov"].role.startswith("senior researcher at the Institute")
    assert by_speaker["Vladimir Novikov"].group == "analyst"
    assert by_speaker["Ilham Aliyev"].group == "leader"
    assert by_speaker["Kremlin press service"].group == "organization"
    assert any(q.group == "document" for q in quotes)


def test_scare_quotes_and_names_are_not_quotes(extracted_seeds) -> None:
    texts = {q.text for _, qs in extracted_seeds.values() for q in qs}
    assert "NKR" not in texts
    assert "Russia - Islamic World" not in texts
    assert "peacekeepers are building houses for Armenians" not in texts
