"""Whom a description fits: "the German chancellor", "the head of the agency", "the expert",
"the former minister", among the people the article named before it (or, in its lead, after it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.entities import (
    Entity,
    all_former,
    held_formerly,
    place_match,
    role_initials,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quotebrowser.extract.who_is_who import WhoIsWho


def describes(
    table: WhoIsWho,
    words: list[Token],
    nouns: set[str],
    pos: int,
    lead: bool = False,
    sentence: int | None = None,
) -> tuple[Entity | None, bool]:
    """ "the German chancellor", "the head of the agency", "the expert": someone named.
    With `lead`, only someone the article names further down with that office ("A Green
    MEP has suggested ..." then "MEP Jane Doe")."""
    lowered = {t.lower_ for t in words}
    places = {
        t.text.lower()
        for t in words
        if t.text[:1].isupper()
        and not lx.role_nouns([t.text])
        and t.lower_ not in ("of", "the")
        and t.lower_ not in lx.PARTY_WORDS
    }
    wants_leader = (bool(nouns & lx.LEADER_TITLES) and not lowered & lx.SUBORDINATE) or (
        "head" in nouns and lowered & {"state", "government"}
    )
    class_nouns = nouns & (lx.ANALYST_TITLES | {"official", "leader", "head"})

    former = bool(lowered & lx.FORMER)

    def fits(person: Entity) -> int:
        """2+: the description names this person's office; 1: only the place fits; -1: no."""
        score = 0
        if nouns & person.titles and (former or not held_formerly(person, nouns)):
            score += 2  # "the governor" is not the former governor
        group = person.group
        if class_nouns & lx.ANALYST_TITLES and group == "analyst":
            score += 2
        # A party's "leader" is no head of government: that title alone does not fit.
        heads = person.titles & lx.LEADER_TITLES - {"leader"}
        if wants_leader and (group == "leader" or heads):
            score += 2
        if "official" in class_nouns and group == "official":
            score += 2
        if places and person.places:
            if any(place_match(p, q) for p in places for q in person.places) or (
                places & role_initials(person)
            ):
                score += 1
            elif person.places - lowered:
                # (A capitalised title word the description also has, the "trade" of
                # "Trade Minister", places no one.)
                return -1
        return score

    before = [] if lead else table.before(pos)
    # In the description's own sentence its subject cannot be meant ("Doe attacked Roe,
    # claiming the United manager ..."), but the one other person named there may be.
    own = [m for m in before if m.sentence == sentence and m.entity.kind == "person"]
    subjects = {m.entity for m in own if m.subject}  # "She said the deputy ..."
    others = {m.entity for m in own if not m.subject} - subjects
    best: tuple[float, int, Entity] | None = None
    for order, mention in enumerate(before):
        person = mention.entity
        if person.kind != "person":
            continue
        score: float = fits(person)
        if score < 0:
            continue
        if score == 1 and nouns <= lx.GENERIC_HEADS and not lead:
            # "the United boss" and a person placed at United, whatever their title: more
            # than nearness alone.
            score = 1.5
        elif score < 2:
            # Nothing known of this person's office yet: a description right after their
            # name ("Doe arrived. The German chancellor said ...") may introduce it.
            nearby = (
                others == {person} and bool(own) and any(m.subject for m in own)
                if mention.sentence == sentence
                else mention.subject and person not in subjects
            )
            # Someone known by another office is someone else ("the defence minister" is
            # not the foreign minister), unless both offices are past ones: "the former
            # cabinet secretary" may well be the "former civil service chief" just quoted.
            other_office = (person.titles or person.places) and not (former and all_former(person))
            if other_office or not nearby or pos - mention.pos > lx.RECENT_CHARS:
                continue
            score = 1
        key = (score, order)
        if best is None or key > best[:2]:
            best = (score, order, person)
    if best is None or best[0] < 2:
        # A lead that describes someone the article names only further down
        # ("Veldavia's prime minister has called ..." ... "Prime Minister Jane Doe").
        ahead = [
            m.entity
            for m in table.mentions[len(table.before(pos)) :]
            if m.entity.kind == "person" and fits(m.entity) >= 2
        ]
        if ahead and all(e is ahead[0] for e in ahead):  # two MEPs named later: which?
            return ahead[0], False
    if best is None:
        return None, False
    return best[2], best[0] == 1
