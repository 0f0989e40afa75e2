"""Speaker profiles derived from the quotes, and the name matching every filter uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from quotebrowser import folding
from quotebrowser.identity import person_groups
from quotebrowser.roles import most_informative
from quotebrowser.store.records import SpeakerProfile

# The shared folding (quotebrowser.folding), under the name this package has always used.
fold_text = folding.fold


# Names repeat across thousands of quotes: fold each spelling once.
fold = lru_cache(maxsize=65536)(fold_text)


def name_matcher(query: str):
    """A predicate on names: true when every word of `query` occurs in the name, in any case,
    with or without accents ("dzeko", "EDIN", "edin dže" all match "Edin Džeko")."""
    words = fold(query).split()

    def matches(name: Any) -> bool:
        if not isinstance(name, str):
            return False
        folded = fold(name)
        return all(w in folded for w in words)

    return matches


def text_matcher(query: str):
    """A predicate on quote text: `query` occurs in it, ignoring case, accents and spacing."""
    needle = " ".join(fold_text(query).split())

    def matches(text: Any) -> bool:
        if not isinstance(text, str):
            return False
        return needle in " ".join(fold_text(text).split())

    return matches


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
