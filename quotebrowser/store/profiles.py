"""Speaker profiles derived from the quotes, and the name matching every filter uses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from quotebrowser import folding
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
    most quoted first. Unattributed quotes have no profile."""
    spellings: dict[str, Counter[str]] = {}
    roles: dict[str, Counter[str]] = {}
    groups: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    sources: dict[str, set[str]] = {}
    for q in quotes:
        name = q.get("speaker")
        if not name:
            continue
        key = fold(name)
        spellings.setdefault(key, Counter())[name] += 1
        if q.get("role"):
            roles.setdefault(key, Counter())[q["role"]] += 1
        groups.setdefault(key, Counter())[q.get("group") or "other"] += 1
        counts[key] += 1
        sources.setdefault(key, set()).add(q.get("source", ""))
    profiles = [
        SpeakerProfile(
            name=spellings[key].most_common(1)[0][0],
            role=roles[key].most_common(1)[0][0] if key in roles else None,
            group=groups[key].most_common(1)[0][0],
            quotes=counts[key],
            documents=len(sources[key]),
        )
        for key in counts
    ]
    profiles.sort(key=lambda p: (-p.quotes, fold(p.name)))
    return profiles
