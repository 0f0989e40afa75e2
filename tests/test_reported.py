"""Reported speech (quotebrowser.extract.reported): each rule on a passage of its own, what is
not a report, and the figures on the dev gold where ../shared is present."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotebrowser.evaluation import Gold, Scores, score_document
from quotebrowser.extract import extract
from quotebrowser.extract.reported import REPORT_EVIDENCE, REPORT_RULES, Taken, may_report
from quotebrowser.model import REPORTED
from tests.conftest import DATA, ROOT

# rule, passage, the statement, its speaker
CASES = [
    (
        "headline",
        "Mayor Ruth Okonjo: bus lanes will stay on the high street\n\n"
        "The mayor spoke to residents on Monday.",
        "bus lanes will stay on the high street",
        "Ruth Okonjo",
    ),
    (
        "according-to",
        "According to Westvale Council, the new pier will open in May next year.",
        "the new pier will open in May next year",
        "Westvale Council",
    ),
    (
        "as-reported",
        "As Lena Park noted, the plant has never failed a safety inspection.",
        "the plant has never failed a safety inspection",
        "Lena Park",
    ),
    (
        "split-clause",
        "The new bridge across the estuary, Tomas Reyes said, would take four years to build.",
        "would take four years to build",
        "Tomas Reyes",
    ),
    (
        "speech-clause",
        "Finance minister Ana Duarte said that the budget would be balanced by 2027.",
        "that the budget would be balanced by 2027",
        "Ana Duarte",
    ),
    (
        "that-after",
        "Ana Duarte insisted at the most recent debate that voters will take every county.",
        "that voters will take every county",
        "Ana Duarte",
    ),
    (
        "clause-first",
        "The strike will end on Friday, union leader Mark Ellis said.",
        "The strike will end on Friday",
        "Mark Ellis",
    ),
    (
        "speech-noun",
        "Mark Ellis repeated his claim that the company had broken the agreement.",
        "that the company had broken the agreement",
        "Mark Ellis",
    ),
    (
        "directive",
        "The mayor, Ruth Okonjo, urged residents to stay indoors during the storm.",
        # With the one asked: the statement reads on from its cue ("urged residents to ...").
        "residents to stay indoors during the storm",
        "Ruth Okonjo",
    ),
    (
        "gerund",
        "Councillor Ben Hale accused the developer of ignoring the planning rules.",
        "the developer of ignoring the planning rules",
        "Ben Hale",
    ),
    (
        "small-clause",
        "Councillor Ben Hale called the plan a disaster for the town centre.",
        "the plan a disaster for the town centre",
        "Ben Hale",
    ),
]


def reported(passage: str) -> dict[str, tuple[str | None, str]]:
    text_of = {}
    for q in extract(passage, "passage.txt"):
        assert passage[q.start : q.end] == q.text
        if q.kind == REPORTED:
            text_of[q.text] = (q.speaker, q.evidence)
    return text_of


def test_every_rule_has_a_case_and_a_unique_name() -> None:
    names = [rule.name for rule in REPORT_RULES]
    assert len(set(names)) == len(names) and tuple(names) == REPORT_EVIDENCE
    assert [case[0] for case in CASES] == names


@pytest.mark.parametrize(
    ("rule", "passage", "statement", "speaker"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_finds_its_pattern(rule: str, passage: str, statement: str, speaker: str) -> None:
    found = reported(passage)
    assert found.get(statement) == (speaker, rule), found


def test_a_statement_with_a_partial_quote_is_one_statement_and_the_quote_stays() -> None:
    passage = 'Ben Hale said the plan was "a disaster for the town".'
    quotes = extract(passage, "passage.txt")
    kinds = {q.text: (q.kind, q.speaker) for q in quotes}
    assert kinds['the plan was "a disaster for the town"'] == (REPORTED, "Ben Hale")
    assert kinds["a disaster for the town"] == ("partial", "Ben Hale")


@pytest.mark.parametrize(
    "passage",
    [
        "Ben Hale thinks the plan will fail within a year.",  # a belief
        "Ben Hale did not say that the plan would fail within a year.",  # negated
        "Ben Hale declined to say whether the plan would fail within a year.",  # refused
        "Asked whether the plan would fail within a year, Ben Hale smiled.",  # asked of him
        'Ben Hale said: "The plan will fail within a year."',  # a quotation and its frame
        '"The plan will fail within a year," Ben Hale said.',
        "Ben Hale said it was true.",  # under four words
        "Ruth Okonjo asked for anonymity to speak freely.",  # not what she asked someone to do
        "Seven soldiers were said to be missing after the clashes.",  # hearsay of them
        "The poll shows that voters will take every county.",  # evidence, not speech
    ],
)
def test_not_a_reported_statement(passage: str) -> None:
    assert reported(passage) == {}


def test_the_speaker_comes_from_the_resolvers() -> None:
    # A pronoun, through the article's who-is-who, as a quotation's would.
    passage = "Ruth Okonjo met the press. She told reporters the plan would fail within a year."
    assert reported(passage) == {
        "the plan would fail within a year": ("Ruth Okonjo", "speech-clause")
    }


def test_a_source_naming_no_one_in_particular_is_named_as_written() -> None:
    found = reported("Israeli officials said the meeting would take place next week.")
    assert found == {
        "the meeting would take place next week": ("Israeli officials", "speech-clause")
    }


def test_it_after_a_body_reported_is_that_body() -> None:
    # "it" is the office that spoke in the sentence before, not the agreement named last.
    passage = (
        "The governor's office described the talks as constructive, saying the two sides had "
        "agreed on a timetable. It said the truce agreement would be signed within a week."
    )
    found = reported(passage)
    speakers = {speaker for speaker, _ in found.values()}
    assert len(found) == 3 and len(speakers) == 1, found


def test_a_second_report_joined_to_the_first_is_its_own_statement() -> None:
    found = reported(
        "Ana Duarte said that the budget would be balanced and predicted that taxes would fall."
    )
    assert found == {
        "that the budget would be balanced": ("Ana Duarte", "speech-clause"),
        "that taxes would fall": ("Ana Duarte", "speech-clause"),
    }


def test_the_prescan_knows_a_verbs_forms() -> None:
    for text in ("she denied it", "he admitted", "they are urging", "tells", "wrote", "according"):
        assert may_report(text), text
    assert not may_report("The river rose overnight and the bridge closed.")


DEV = ROOT.parent / "shared" / "dev"
# gold file, corpus folders: floors of statements F1, attribution and end-to-end F1.
FLOORS = {
    "polnear": (DEV / "polnear-reported.json", ("polnear",), (0.88, 0.89, 0.80)),
    "bbc-caucasus": (DATA / "reported_bbc_caucasus.json", ("bbc", "caucasus"), (0.90, 0.84, 0.80)),
}


@pytest.mark.skipif(not DEV.is_dir(), reason="the dev corpora (../shared/dev) are not here")
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_reported_speech_on_the_dev_gold(name: str) -> None:
    from quotebrowser.extract import extract_many
    from quotebrowser.sources.files import read_paths

    path, corpora, (f1, attribution, end_to_end) = FLOORS[name]
    gold = Gold.load(path)
    files = [
        str(p) for c in corpora for p in sorted((DEV / c).glob("*.txt")) if p.name in gold.quotes
    ]
    scores = Scores()
    for document, quotes in extract_many(read_paths(files)):
        score_document(
            gold, gold.quotes[Path(document.source).name], quotes, document.text, scores, REPORTED
        )
    assert scores.documents == len(gold.quotes)
    assert scores.offset_errors == 0
    assert scores.f1 >= f1, scores.summary()
    assert scores.attribution_accuracy >= attribution, scores.summary()
    assert scores.end_to_end_f1 >= end_to_end, scores.summary()


def test_the_clause_of_according_to_not_the_time_set_before_it() -> None:
    found = reported("By January 10, according to the ministry, 48,000 people had returned home.")
    assert list(found) == ["48,000 people had returned home"]


def test_an_aside_naming_the_source_and_its_own_source_is_all_frame() -> None:
    found = reported(
        "As the agency reported, citing a local official, the bridge will reopen in May."
    )
    assert list(found) == ["the bridge will reopen in May"]


def test_a_statement_ends_at_the_next_item_of_a_list_run_into_its_paragraph() -> None:
    passage = (
        "Talks in the capital\n\n"
        "According to Westvale Council, the two sides discussed the exchange of prisoners;\n"
        "  • On Monday, the bodies of 14 soldiers were found near the river."
    )
    assert list(reported(passage)) == ["the two sides discussed the exchange of prisoners"]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=40))
def test_a_statement_overlapping_one_already_found_is_told_as_a_scan_of_them_all_would(
    stretches: list[tuple[int, int]],
) -> None:
    taken, kept = Taken(), []
    for start, length in stretches:
        end = start + length
        scan = any(start < e and s < end for s, e in kept)
        assert taken.overlaps(start, end) == scan
        if not scan:
            taken.add(start, end)
            kept.append((start, end))
