"""Comparing roles by their content words (case and accents aside), for the eval's role measure
and for the role the archive shows for a speaker (whoswho.standing)."""

from __future__ import annotations

from collections import Counter

import regex

from quotebrowser.folding import fold

# Words that say nothing of who someone is: a role's content words are the others.
STOPWORDS = frozenset(
    "a an the of for at in on and or to from with by as s its his her their who is was".split()
)
_WORDS = regex.compile(r"\w+")


def role_words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(fold(text)) if w not in STOPWORDS}


def most_informative(roles: Counter[str]) -> str | None:
    """The role that says most, most often: each role counts its own quotes and those of the
    roles it contains ("U.S. senator from Texas" counts the quotes that say only "Senator");
    the fuller of two equal ones wins."""
    words = {role: role_words(role) for role in roles}
    best: tuple[int, int, str] | None = None
    for role, mine in words.items():
        if not mine:
            continue
        covered = sum(n for other, n in roles.items() if words[other] and words[other] <= mine)
        key = (covered, len(mine), role)
        if best is None or key[:2] > best[:2]:
            best = key
    return best[2] if best else None
