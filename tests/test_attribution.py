"""Attribution cases beyond the pattern suite: headlines, issuers of statements, offices."""

from __future__ import annotations

import pytest

from quotebrowser.extract import extract


def one(text: str):
    quotes = extract(text, "passage.txt")
    assert len(quotes) == 1, [q.text for q in quotes]
    assert text[quotes[0].start : quotes[0].end] == quotes[0].text
    return quotes[0]


def test_headline_name_colon_quote() -> None:
    q = one("Halvorsen: 'We will not back down'\n\nThe minister spoke in Oslo on Monday.")
    assert q.speaker == "Halvorsen" and q.text == "We will not back down"


def test_a_statement_from_an_organisation_is_the_organisation_speaking() -> None:
    q = one('"Nothing will change," according to a statement from the Port Authority of Varna.')
    assert q.speaker is not None and "Port Authority" in q.speaker
    assert q.group == "organization"


@pytest.mark.parametrize(
    ("passage", "group"),
    [
        ('Shadow Chancellor Mia Torres said: "The sums do not add up."', "official"),
        # A trade union is no public body: its leaders are "other" (README, "Speaker groups").
        ('Union leader Tom Reyes said: "We will strike on Monday."', "other"),
        ('Opposition leader Tom Reyes said: "We will win on Monday."', "official"),
        ('Prime Minister Ana Lund said: "We will not raise taxes."', "leader"),
        (
            'Professor Ola Berg, an economist at Lund University, said: "Prices will fall."',
            "analyst",
        ),
    ],
)
def test_groups_follow_the_office(passage: str, group: str) -> None:
    assert one(passage).group == group
