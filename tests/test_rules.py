"""Each attribution rule, on a passage of its own: the quote's speaker and the rule named as its
evidence. The list of rules (quotebrowser.extract.rules.RULES) is the order they are tried in."""

from __future__ import annotations

import pytest

from quotebrowser.extract import extract
from quotebrowser.extract.rules import (
    EVIDENCE,
    GUESSES,
    NO_EVIDENCE,
    RULES,
    Said,
    echo,
    repeats,
    rule_name,
)

ECHO = rule_name(echo)

CASES = [
    (
        "speech-noun",
        "Ines Carvalho has rejected a claim by Tomas Lindqvist that her budget is "
        '"a work of fiction".',
        "a work of fiction",
        "Tomas Lindqvist",
    ),
    (
        "verb-governs",
        'The harbourmaster, Ellen Forsyth, said the new pier was "a risk to every boat".',
        "a risk to every boat",
        "Ellen Forsyth",
    ),
    (
        "verb-after",
        '"We will reopen the line by June," said Kofi Mensah, the rail operator\'s director.',
        "We will reopen the line by June",
        "Kofi Mensah",
    ),
    (
        "verb-before",
        'Councillor Bryony Hale told the meeting: "The budget does not add up."',
        "The budget does not add up",
        "Bryony Hale",
    ),
    (
        "continues",
        'Ann Lee, of Acme Bank, said: "Growth will slow. "Rates must rise. "We expect cuts."',
        "Rates must rise",
        "Ann Lee",
    ),
    (
        "headline",
        "Okafor: 'We were robbed'\n\nThe striker spoke after the final whistle on Sunday.",
        "We were robbed",
        "Okafor",
    ),
    (
        "introduced",
        "At the weekly cabinet meeting, Deputy Premier Ola Brandt set out her position:\n\n"
        '"We will not sign a deal that splits the coast in two."',
        "We will not sign a deal that splits the coast in two",
        "Ola Brandt",
    ),
    (
        "transcript",
        "Ruth Okafor, the port's director, spoke to the Courier. Questions by Ben Hale.\n\n"
        'Q: "Will the strike end?"\n\n'
        'A: "It will. We have a deal on the table. The members vote on Friday."',
        "It will. We have a deal on the table. The members vote on Friday",
        "Ruth Okafor",
    ),
    (
        "name-colon",
        'The mayor posted again on Sunday ... Ann Brisk: "We did it, and we did it together."',
        "We did it, and we did it together",
        "Ann Brisk",
    ),
    (
        "according-to",
        'According to Rafael Duarte, a historian, the treaty was "never meant to last".',
        "never meant to last",
        "Rafael Duarte",
    ),
    (
        "in-view",
        'Marta Kovacs spoke at length. In her view, the reform "came ten years too late".',
        "came ten years too late",
        "Marta Kovacs",
    ),
    (
        "as-noted",
        'As Priya Natarajan noted last week, the vaccine "is not a cure for everything".',
        "is not a cure for everything",
        "Priya Natarajan",
    ),
    (
        "said-next",
        'The new bridge is "a matter of pride". It will open in May whatever the weather, '
        "Mayor Lena Okafor said on Friday.",
        "a matter of pride",
        "Lena Okafor",
    ),
    (
        "nearest-name",
        "The row began after Mr Halvorsen, asked about the deaths of workers under Mr Berg, "
        'had said, "Accidents happen in every trade."',
        "Accidents happen in every trade",
        "Halvorsen",
    ),
    (
        "runs-on",
        '"The water came in at midnight," said farmer Owen Pryce. "We lost everything."',
        "We lost everything",
        "Owen Pryce",
    ),
    (
        "sentence-before",
        "Agnes Mwangi, a nurse, has run the clinic for thirty years.\n\n"
        '"Every winter is harder than the last one here."',
        "Every winter is harder than the last one here",
        "Agnes Mwangi",
    ),
]


def test_every_rule_has_a_case_and_a_unique_name() -> None:
    names = [rule.name for rule in RULES]
    assert len(set(names)) == len(names)
    # Every rule that finds a cue has a case below; `echo` only shares (its own test).
    assert {case[0] for case in CASES} == {rule.name for rule in RULES if rule.find}
    assert {rule.name for rule in RULES if not rule.find} == {ECHO}
    assert (*names, NO_EVIDENCE) == EVIDENCE
    assert {"nearest-name", "sentence-before", NO_EVIDENCE} == GUESSES


def test_the_registry_loads_without_spacy() -> None:
    # The app and the query language read the rule names; spaCy costs a second to import.
    import subprocess
    import sys

    code = (
        "import sys, quotebrowser.query, quotebrowser.extract.rules, "
        "quotebrowser.extract.resolvers; print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("rule", "passage", "quote", "speaker"), CASES, ids=[c[0] for c in CASES])
def test_rule_attributes_its_pattern(rule: str, passage: str, quote: str, speaker: str) -> None:
    found = {q.text: q for q in extract(passage, "passage.txt")}
    assert quote in found, list(found)
    q = found[quote]
    assert (q.speaker, q.evidence) == (speaker, rule)


def test_a_cue_naming_nobody_is_evidence_none() -> None:
    quotes = extract('"It sounded like a train," people said.', "passage.txt")
    assert [(q.speaker, q.evidence) for q in quotes] == [(None, NO_EVIDENCE)]


def test_words_a_fuller_quote_repeats_are_its_speakers() -> None:
    # The headline's organisation only reports what its officer said in full further down.
    quotes = extract(
        "Police praise 'very brave' grandmother\n\n"
        'A grandmother has been praised by police for her "very brave" stand.\n\n'
        'Inspector Alan Price said: "She was very brave and we thank her."\n',
        "passage.txt",
    )
    found = {q.text: (q.speaker, q.evidence) for q in quotes}
    assert found["very brave"] == ("Alan Price", ECHO)
    assert found["She was very brave and we thank her"][0] == "Alan Price"


def test_a_participle_said_of_an_organisation_is_not_its_cue() -> None:
    quotes = extract(
        'The head of the "failing" Regional Transport Agency widely reported to have resigned '
        "is still at the helm.\n",
        "passage.txt",
    )
    assert all(q.speaker is None or "widely" not in q.speaker for q in quotes)
    assert [q.evidence for q in quotes if q.text == "failing"] in ([], ["none"])


def test_a_fuller_quote_repeats_words_in_them_or_all_of_theirs_in_order() -> None:
    said = Said.of("cannons are silent, and people are not dying at last")
    assert repeats(said, Said.of("people are not dying"))  # word for word
    assert repeats(said, Said.of("cannons silent, people not dying"))  # a headline's cut
    assert not repeats(said, Said.of("people not dying, cannons silent"))  # out of order
    assert not repeats(said, Said.of("cannons silent, people not crying"))  # a word it lacks
    assert not repeats(said, Said.of("cannons silent"))  # too few words to be a cut
    assert not repeats(Said.of("people are not dying"), said)  # the shorter holds no fuller one
