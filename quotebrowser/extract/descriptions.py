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

    scores: dict[int, int] = {}

    def fit(person: Entity) -> int:
        if id(person) not in scores:
            scores[id(person)] = fits(person)
        return scores[id(person)]

    # In the description's own sentence its subject cannot be meant ("Doe attacked Roe,
    # claiming the United manager ..."), but the one other person named there may be.
    own = (
        []
        if lead or sentence is None
        else [
            m
            for m in table.between(sentence, pos)
            if m.sentence == sentence and m.entity.kind == "person"
        ]
    )
    subjects = {m.entity for m in own if m.subject}  # "She said the deputy ..."
    others = {m.entity for m in own if not m.subject} - subjects
    best: tuple[float, int, Entity] | None = None

    def consider(score: float, mention_pos: int, person: Entity) -> None:
        nonlocal best
        if best is None or (score, mention_pos) > best[:2]:
            best = (score, mention_pos, person)

    if not lead:
        # Who the description names: each person by their last mention before it.
        for mention in table.last_mentions(pos, "person"):
            person = mention.entity
            score = fit(person)
            if score >= 2:
                consider(score, mention.pos, person)
            elif score == 1 and nouns <= lx.GENERIC_HEADS:
                # "the United boss" and a person placed at United, whatever their title: more
                # than nearness alone.
                consider(1.5, mention.pos, person)
        # Nothing known of a person's office yet: a description right after their name ("Doe
        # arrived. The German chancellor said ...") may introduce it.
        for mention in table.between(pos - lx.RECENT_CHARS, pos):
            person = mention.entity
            if person.kind != "person" or fit(person) not in (0, 1):
                continue
            if fit(person) == 1 and nouns <= lx.GENERIC_HEADS:
                continue  # counted above, as more than nearness
            nearby = (
                others == {person} and bool(own) and any(m.subject for m in own)
                if mention.sentence == sentence
                else mention.subject and person not in subjects
            )
            # Someone known by another office is someone else ("the defence minister" is
            # not the foreign minister), unless both offices are past ones: "the former
            # cabinet secretary" may well be the "former civil service chief" just quoted.
            other_office = (person.titles or person.places) and not (former and all_former(person))
            if nearby and not other_office:
                consider(1, mention.pos, person)
    if best is None or best[0] < 2:
        # A lead that describes someone the article names only further down
        # ("Veldavia's prime minister has called ..." ... "Prime Minister Jane Doe").
        ahead = [e for e in table.mentioned_from(pos) if e.kind == "person" and fit(e) >= 2]
        if len(ahead) == 1:  # two MEPs named later: which?
            return ahead[0], False
    if best is None:
        return None, False
    return best[2], best[0] == 1
