"""The group of a speaker (leader, official, analyst, other) from the role the article gives.

Groups are defined in the README ("Speaker groups"). A role is read the way a reader reads it:
its capacities ("Liberal MP, chairman of the budget committee" is two), and in each its head
noun ("chairman"), the modifiers before it ("former", "deputy", "campaign", "company") and the
body it belongs to ("of the Commons committee", "at a bank"). The highest group any capacity
earns wins: a "retired surgeon, former presidential candidate" is an official.

Word classes only: no person, outlet or place is named here.
"""

from __future__ import annotations

from itertools import pairwise

import regex

from quotebrowser.extract import lexicon as lx

_INITIALS = regex.compile(r"^\p{Lu}{2,5}$")
_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.\-]*")
_CAPACITIES = regex.compile(r"[,;]|\s[-–—]\s")
_FIRST_CAPACITY = regex.compile(r"[,;(]")
_POSSESSIVE_END = regex.compile(r"['’]s?$")


def _initials_in(words: list[str]) -> bool:
    """ "FBI", "the ICRC's": a body known by its initials."""
    return any(_INITIALS.match(_POSSESSIVE_END.sub("", w.rstrip(".,"))) for w in words)


def group_for_role(role: str | None) -> str:
    """leader / official / analyst / other, from the words of a person's role."""
    if not role:
        return "other"
    best = "other"
    # Parentheses restate or qualify ("President (chief executive) of X"): read them inline.
    for capacity in _CAPACITIES.split(role.replace("(", " ").replace(")", " ")):
        for group in _capacity_groups(capacity):
            if lx.GROUP_RANK.index(group) > lx.GROUP_RANK.index(best):
                best = group
    return best


def head_title(role: str) -> str | None:
    """The title a role gives its holder: the head noun of its first capacity, or None when the
    role is not one ("praise of the president" names a president, but is no title of the
    speaker's; "person" is no role, nor "member" of nothing named)."""
    for capacity in _FIRST_CAPACITY.split(role):
        head_words, body = _split_body(_WORD.findall(capacity))
        head, modifiers = _head(head_words) if head_words else (None, [])
        if head is None and head_words and lx.person_suffixed(head_words[-1]):
            head = head_words[-1].lower()  # "glaciologist at the institute"
        if head is not None:
            # "Committee member" names its body before the noun, "member of the party" after.
            names_body = bool(body) or any(w[:1].isupper() for w in modifiers)
            return (
                None if head in lx.GENERIC or (head in lx.MEMBERSHIP and not names_body) else head
            )
        if head_words:
            return None
    return None


def title_nouns(role: str) -> set[str]:
    """The titles a role gives its holder, one or more a capacity, without the titles of the
    body or person it is of or to: "Assistant to the President of X" gives "assistant", not
    "president"; "Liberal MP, chairman of the committee" gives "mp" and "chairman"."""
    found: set[str] = set()
    for capacity in _CAPACITIES.split(role.replace("(", ",").replace(")", ",")):
        head_words, _body = _split_body(_WORD.findall(capacity))
        found |= lx.role_nouns(head_words)
    return found


def _capacity_groups(capacity: str) -> list[str]:
    """One group per coordinated head: "director and screenwriter of the film" is two heads
    sharing one body."""
    words = _WORD.findall(capacity)
    parts: list[list[str]] = [[]]
    for w in words:
        if w.lower() in ("and", "&") and parts[-1]:
            parts.append([])
        else:
            parts[-1].append(w)
    parts = [p for p in parts if p]
    shared: list[str] = []
    groups: list[str] = []
    for part in reversed(parts):
        head_words, body = _split_body(part)
        if not body:
            body = shared  # the body named after the last head belongs to each
        else:
            shared = body
        groups.append(_group(head_words, body))
    return groups


def _bare(word: str) -> str:
    """ "UKIP's" -> "ukip": a word without its possessive ending or trailing stop."""
    return _POSSESSIVE_END.sub("", word.lower().rstrip(".,"))


def _split_body(words: list[str]) -> tuple[list[str], list[str]]:
    """ "Deputy Director" | "of the Institute of ...": the head phrase and the body it is of."""
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        if (
            i
            and w in lx.ROLE_PREPOSITIONS
            and "-".join(lowered[i - 1 : i + 2]) not in lx.PERSON_NOUNS
        ):
            return words[:i], words[i:]
    return words, []


def _head(words: list[str]) -> tuple[str | None, list[str]]:
    """The last role noun of the phrase (as a title key) and the words before it."""
    words = [part for w in words for part in lx.unprefixed(w)]
    lowered = [lx.TITLE_ABBREVIATIONS.get(w, w) for w in (w.lower().strip(".,") for w in words)]
    for end in range(len(words), 0, -1):
        keys = lx.role_nouns(words[max(0, end - 3) : end]) | (lx.OFFICE_HEADS & {lowered[end - 1]})
        # The longest title ending at this word: "prime minister" rather than "minister".
        for n in (3, 2, 1):
            if end - n >= 0 and "-".join(lowered[end - n : end]) in keys:
                return "-".join(lowered[end - n : end]), words[: end - n]
    return None, words


def _group(head_words: list[str], body: list[str]) -> str:
    head, modifiers = _head(head_words)
    if head is None:
        last = head_words[-1].lower() if head_words else ""
        return "analyst" if last.endswith(lx.ANALYST_SUFFIXES) else "other"
    mods = {_bare(w) for w in modifiers}
    context = mods | {_bare(w) for w in body}
    if any(a == "to" and b in lx.CAMPAIGN_VERBS for a, b in pairwise(map(_bare, body))):
        context -= lx.PUBLIC_BODY  # "director of the Committee to Protect Reporters"
    local = {_bare(w) for w in modifiers + body if w[:1].islower()} & lx.LOCAL_GOVERNMENT
    not_in_office = bool(mods & lx.NOT_IN_OFFICE)
    if head in lx.ANALYST_TITLES:
        return "analyst"
    lowered_body = [w.lower() for w in body]
    if head in lx.BODY_DEPENDENT:
        bodies = context & lx.ORGANIZATION_NOUNS - lx.STATE  # "Board president"
        if (
            head in lx.LEADER_TITLES
            and context & lx.STATE
            and not context & lx.PRIVATE_BODY
            and not bodies
        ):
            group = "leader"  # "President of the Republic"
        elif (
            context & lx.PUBLIC_BODY
            or local
            or (head in lx.AGENCY_HEADS and _initials_in(modifiers + body))
            or (head in lx.AGENCY_HEADS and mods & lx.SPEAKS_FOR)
            or (head in lx.AIDES and context & lx.LEADER_TITLES)
        ):
            # ... or an agency known by its initials ("FBI Director"); a communications
            # director speaks for whom they work, as a spokesperson does; an assistant to a
            # president or prime minister serves in government.
            group = "official"
        elif context & lx.RESEARCH_WORDS or mods & lx.PROGRAMME_WORDS:
            # "head of research at a bank", "the Caucasus programme director at an institute":
            # quoted for what they study.
            group = "analyst"
        elif context & lx.PRIVATE_BODY or "at" in lowered_body:
            # "at" a body that names no public office: a company, a club, a firm.
            group = "other"
        elif context & lx.RESEARCH:
            group = "analyst"
        elif bodies and lx.BODY_DEPENDENT[head] == "leader":
            group = "other"  # the president of a body that is no state and no public one
        else:
            group = lx.BODY_DEPENDENT[head]
    elif head in lx.LEADER_TITLES:
        group = "leader"
    elif head in lx.SERVANT_TITLES and context & lx.MEMBERS_BODY:
        group = "other"  # "the guild's general secretary"
    elif head in lx.OFFICIAL_TITLES | lx.OFFICE_HEADS:
        group = "official"
    else:
        group = "other"
    if group == "leader" and (not_in_office or mods & lx.SUBORDINATE):
        return "official"  # a deputy, shadow or former head of government holds office below
    if group == "leader" and context & lx.RESEARCH:
        return "analyst"  # the president of a university
    return group
