"""Speaker profiles derived from the quotes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from quotebrowser import folding
from quotebrowser.identity import person_groups
from quotebrowser.roles import most_informative
from quotebrowser.store.records import SpeakerProfile

# Names repeat across thousands of quotes: fold each spelling once.
fold = lru_cache(maxsize=65536)(folding.fold)


def build_profiles(quotes: Iterable[Mapping[str, Any]]) -> list[SpeakerProfile]:
    """One profile per speaker (names that differ only in case or accents are one speaker),
    most quoted first. Unattributed quotes have no profile.

    A profile's group is the group of most of the speaker's quotes (identity.person_groups);
    its role the most informative one those quotes give (quotebrowser.roles.most_informative);
    its aliases the other names the articles wrote (the store's identity merges)."""
    spellings: dict[str, Counter[str]] = {}
    roles: dict[str, dict[str, Counter[str]]] = {}  # speaker -> group -> role counts
    aliases: dict[str, set[str]] = {}
    counts: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    rows = list(quotes)
    for q in rows:
        name = q.get("speaker")
        if not name:
            continue
        key = fold(name)
        group = q.get("group") or "other"
        spellings.setdefault(key, Counter())[name] += 1
        if q.get("role"):
            roles.setdefault(key, {}).setdefault(group, Counter())[q["role"]] += 1
        written = q.get("written_as")
        if written and fold(written) != key:
            aliases.setdefault(key, set()).add(written)
        counts[key] += 1
        sources.setdefault(key, set()).add(q.get("source", ""))
    group_of = person_groups(
        (q.get("speaker"), q.get("group") or "other", q.get("role")) for q in rows
    )
    profiles = []
    for key in counts:
        group = group_of[key]
        by_group = roles.get(key, {})
        # The roles of the capacity most quotes give, else any the articles give.
        role = most_informative(by_group.get(group) or sum(by_group.values(), Counter()))
        profiles.append(
            SpeakerProfile(
                name=spellings[key].most_common(1)[0][0],
                role=role,
                group=group,
                quotes=counts[key],
                documents=len(sources[key]),
                aliases=tuple(sorted(aliases.get(key, ()), key=fold)),
            )
        )
    profiles.sort(key=lambda p: (-p.quotes, fold(p.name)))
    return profiles
