"""Speaker profiles derived from the quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from quotebrowser import folding
from quotebrowser.identity import person_groups
from quotebrowser.model import REPORTED
from quotebrowser.roles import shown_role
from quotebrowser.store.records import SpeakerProfile

# Names repeat across thousands of quotes: fold each spelling once.
fold = lru_cache(maxsize=65536)(folding.fold)

# (speaker, group, role, written_as, number of quotes alike): what a profile is made of.
Tally = tuple[str | None, str, str | None, str | None, int]


def tally(quotes: Iterable[Mapping[str, Any]]) -> tuple[list[Tally], dict[str, int]]:
    """The counted (speaker, group, role, written_as) of quote rows, and the number of
    documents per folded speaker: what `profiles_from_tally` needs (the store's index keeps
    the same counts on disk)."""
    counted: Counter[tuple[str | None, str, str | None, str | None]] = Counter()
    sources: dict[str, set[str]] = {}
    for q in quotes:
        speaker = q.get("speaker")
        counted[(speaker, q.get("group") or "other", q.get("role"), q.get("written_as"))] += 1
        if speaker:
            sources.setdefault(fold(speaker), set()).add(q.get("source", ""))
    return (
        [(*key, n) for key, n in counted.items()],
        {key: len(found) for key, found in sources.items()},
    )


def build_profiles(quotes: Iterable[Mapping[str, Any]]) -> list[SpeakerProfile]:
    rows = list(quotes)
    reported, _ = tally(q for q in rows if q.get("kind") == REPORTED)
    return profiles_from_tally(*tally(rows), reported)


def profiles_from_tally(
    rows: list[Tally], documents: Mapping[str, int], reported: Iterable[Tally] = ()
) -> list[SpeakerProfile]:
    """One profile per speaker (names that differ only in case or accents are one speaker),
    most quoted first. Unattributed quotes have no profile. `rows` tally quotations and
    reported statements alike (both make who a speaker is); `reported` tallies the statements
    among them, which a profile counts apart from the quotations.

    A profile's group is the group of most of the speaker's quotes (identity.person_groups);
    its role the most informative one those quotes give (quotebrowser.roles.shown_role);
    its aliases the other names the articles wrote (the store's identity merges)."""
    spellings: dict[str, Counter[str]] = {}
    roles: dict[str, dict[str, Counter[str]]] = {}  # speaker -> group -> role counts
    aliases: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    for name, group, role, written, n in rows:
        if not name:
            continue
        key = fold(name)
        spellings.setdefault(key, Counter())[name] += n
        if role:
            roles.setdefault(key, {}).setdefault(group, Counter())[role] += n
        if written and fold(written) != key:
            aliases.setdefault(key, set()).add(written)
        counts[key] += n
    statements: Counter[str] = Counter()
    for name, _group, _role, _written, n in reported:
        if name:
            statements[fold(name)] += n
    group_of = person_groups((name, group, role, n) for name, group, role, _, n in rows)
    profiles = []
    for key in counts:
        group = group_of[key]
        role = shown_role(roles.get(key, {}), group)
        profiles.append(
            SpeakerProfile(
                name=spellings[key].most_common(1)[0][0],
                role=role,
                group=group,
                quotes=counts[key] - statements[key],
                documents=documents.get(key, 0),
                aliases=tuple(sorted(aliases.get(key, ()), key=fold)),
                statements=statements[key],
            )
        )
    profiles.sort(key=lambda p: (-(p.quotes + p.statements), fold(p.name)))
    return profiles
