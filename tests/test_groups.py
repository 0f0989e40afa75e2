"""Groups from roles: head noun, modifiers and the body a role belongs to (README, "Speaker
groups"). Roles are invented, in several house styles."""

from __future__ import annotations

import pytest

from quotebrowser.extract.groups import group_for_role, head_title


@pytest.mark.parametrize(
    ("role", "group"),
    [
        # Heads of state or government in office lead; their deputies, shadows and
        # predecessors hold office below.
        ("President of the Republic of Veldavia", "leader"),
        ("President of the Veldavian Federation", "leader"),
        # A president of a board, an association or a society heads no state.
        ("Board president", "other"),
        ("president of the Valley Growers Association", "other"),
        # Party and bloc offices, councils, a city's services hold office.
        ("co-chairman of the opposition Homeland bloc", "official"),
        ("the bloc's other co-chairwoman", "official"),
        ("Councilman", "official"),
        ("city's budget director", "official"),
        ("Industry Secretary", "official"),
        ("Assistant to the President of Freedonia", "official"),
        # A body named for its campaign is none of the state's, whatever its head noun; a
        # committee named for its inquiry is.
        ("director of the Committee to Protect Reporters", "other"),
        ("member of the Select Committee to Investigate the Riot", "official"),
        # A union's or a guild's officers, a business lobby's, a firm's, a cafe's: other.
        ("general secretary of the Amalgamated Transport Union", "other"),
        ("the guild's general secretary", "other"),
        ("Business Federation's director general", "other"),
        ("chief financial officer of Acme Paper Co.", "other"),
        ("head of a cafe on Front Street", "other"),
        ("co-founder", "other"),
        ("City manager", "other"),
        # Research and programmes at a think tank, a bank or a university: analysts.
        ("Caucasus programme director at Peace Works", "analyst"),
        ("Head of Research at Coastline Securities", "analyst"),
        ("program administrator at Lakeport University", "analyst"),
        ("Veldavian Prime Minister", "leader"),
        ("head of state", "leader"),
        ("deputy prime minister", "official"),
        ("shadow chancellor", "official"),
        ("former president", "official"),
        ("Vice President", "official"),
        # A president or chairman of a business, a club or a league is not in office.
        ("company president", "other"),
        ("president of the Coastal Anglers League", "other"),
        ("vice president for marketing at a software firm", "other"),
        ("club chairman", "other"),
        ("chairman of the parliamentary budget committee", "official"),
        ("chief executive of a music firm", "other"),
        ("national team captain", "other"),
        # A party leader is an official; so is anyone standing for office or working a campaign.
        ("Opposition leader", "official"),
        ("Liberal deputy leader and MEP", "official"),
        ("candidate for governor", "official"),
        ("Republican presidential nominee", "official"),
        ("Democratic front-runner", "official"),
        ("former campaign manager", "official"),
        ("election co-ordinator", "official"),
        ("member of parliament", "official"),
        ("member of the public", "other"),
        ("spokesman for the ministry", "official"),
        ("Associate Justice of the Supreme Court", "official"),
        ("former prosecutor", "official"),
        # Expertise.
        ("senior researcher at the Institute of Coastal Studies", "analyst"),
        ("Deputy Director of the Institute for Strategic Studies", "analyst"),
        ("film critic", "analyst"),
        ("political columnist", "analyst"),
        # Everyone else.
        ("retired teacher", "other"),
        ("protester", "other"),
        ("television presenter and author", "other"),
        (None, "other"),
        # The highest capacity wins; parentheses are read inline.
        ("retired surgeon, former presidential candidate", "official"),
        ("President (chief executive) of a retail chain", "other"),
        ("director and screenwriter of the film", "other"),
        # A director is an executive, unless a public body or an agency's initials say office.
        ("director of the charity", "other"),
        ("director of the Border Agency", "official"),
        ("FBI Director", "official"),
        ("campaign communications director", "official"),
        ("Communication Director", "official"),
    ],
)
def test_group_for_role(role: str | None, group: str) -> None:
    assert group_for_role(role) == group


def test_head_title_is_the_holders_title_only() -> None:
    assert head_title("Former prosecutor and Mayor") == "mayor"
    assert head_title("praise of the Veldavian president") is None  # someone else's title
    assert head_title("person") is None
    assert head_title("most important member") is None
    assert head_title("member of parliament") == "member"
    assert head_title("Prime Minister of Veldavia") == "prime-minister"


@pytest.mark.parametrize(
    ("role", "group"),
    [
        ("maths teacher at the school", "other"),
        ("student at the university", "other"),
        ("head of the Institute of Marine Studies", "analyst"),
        ("fellow at a think-tank", "analyst"),
    ],
)
def test_a_research_body_makes_its_heads_analysts_not_its_pupils(role: str, group: str) -> None:
    assert group_for_role(role) == group


def test_abbreviated_titles() -> None:
    assert group_for_role("Sen.") == "official"
    assert group_for_role("Ohio Gov.") == "official"
    assert head_title("Rep.") == "representative"
