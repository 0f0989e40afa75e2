"""The archive's who's who: one standing (group and role) per person, decided in one place."""

from __future__ import annotations

from quotebrowser.model import Quote
from quotebrowser.whoswho import Standing, WhosWho, standing


def said(speaker: str | None, group: str, role: str | None, *, rejected: bool = False,
         source: str = "a.txt", n: int = 0) -> Quote:
    return Quote(f"{speaker}-{group}-{role}-{n}", source, "words", 0, 5, speaker, role, group,
                 "direct", "said", 0, rejected=rejected)


def test_a_person_is_listed_under_the_group_their_roles_give() -> None:
    people = WhosWho.of_quotes([
        said("Ruth Calder", "official", "Senator"),
        said("Ruth Calder", "other", None, n=1),  # no role given here: other for want of one
        said("Ruth Calder", "other", None, n=2),
        said("ruth calder", "official", "senator from the north"),
        said("Ola Berg", "other", None),
        said(None, "other", None),
    ])
    assert people.standing("RUTH CALDER") == Standing("official", "senator from the north")
    assert people.group_of("Ola Berg") == "other" and people.role_of("Ola Berg") is None
    assert people.standing(None) == Standing("other", None)


def test_the_fuller_role_counts_the_quotes_of_the_roles_it_contains() -> None:
    assert standing([("official", "Senator", 2), ("official", "U.S. senator from Texas", 1),
                     ("analyst", "commentator", 2)]) == ("official", "U.S. senator from Texas")


def test_a_tie_goes_to_the_earlier_group_whatever_the_order_read() -> None:
    rows = [("analyst", "economist", 2), ("official", "minister", 2)]
    assert standing(rows) == standing(rows[::-1]) == ("official", "minister")


def test_an_organisation_is_one_by_evidence_without_a_role() -> None:
    assert standing([("organization", None, 2), ("other", None, 3)]).group == "organization"


def test_quotes_marked_not_a_quote_count_for_no_one_but_still_place_their_speaker() -> None:
    people = WhosWho.of_quotes([
        said("Ana Lima", "official", "minister"),
        said("Ana Lima", "analyst", "economist", rejected=True, n=1),
        said("Ana Lima", "analyst", "economist", rejected=True, n=2),
        said("Jon Berg", "analyst", "economist", rejected=True),
    ])
    assert people.quotes_of("Ana Lima") == 1 and people.group_of("Ana Lima") == "official"
    assert [p.name for p in people.profiles()] == ["Ana Lima"]
    assert people.profile("Jon Berg") is None and people.group_of("Jon Berg") == "analyst"
    assert set(people.spellings()) == {"Ana Lima", "Jon Berg"}
