"""A byline's authors, and their names as the style guides write them.

A byline is stored as the article gives it ("Priya Raman and Tom Becker"); the citations split it
into people (or a body: "Associated Press", "Reuters staff") and write each name as their style
wants: "Raman, P." (APA 7), "Raman, Priya" (Chicago 17's bibliography), "Priya Raman" (notes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Between the authors of a byline: "A, B and C", "A & B", "A; B", "A with B".
_SEPARATOR = re.compile(r"\s*(?:;|,|&|\band\b|\bwith\b)\s*", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|written by|words by)\s+", re.IGNORECASE)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Lower-case words that belong to a surname: "Ludwig van Beethoven", "Maria de la Cruz".
PARTICLES = frozenset(
    "de del della der di da das do dos du la le van von ten ter al el bin ibn".split()
)
# A word that makes a byline a body, not a person ("Associated Press", "Reuters staff").
BODY_WORDS = frozenset(
    """press news agency agencies staff desk team bureau service services reporters reporter
    correspondents correspondent editors editorial board wire wires newsroom online media times
    post journal gazette herald tribune reuters afp ap upi tass""".split()
)


@dataclass(frozen=True, slots=True)
class Name:
    """A person's name in parts (`given` may be empty), or a body's (`body`: written as is)."""

    given: tuple[str, ...]
    surname: str
    suffix: str = ""
    body: bool = False

    @property
    def natural(self) -> str:
        """ "Martin Luther King Jr." """
        return " ".join(p for p in (*self.given, self.surname, self.suffix) if p)

    def inverted(self) -> str:
        """ "King, Martin Luther, Jr." (Chicago's first author)."""
        if self.body or not self.given:
            return self.natural
        parts = [self.surname, " ".join(self.given)]
        return ", ".join([*parts, self.suffix] if self.suffix else parts)

    def initials(self) -> str:
        """ "King, M. L., Jr." (APA): each given name an initial, hyphenated ones both."""
        if self.body or not self.given:
            return self.natural
        letters = " ".join(_initial(g) for g in self.given)
        return ", ".join(p for p in (self.surname, letters, self.suffix) if p)


def _initial(given: str) -> str:
    if re.fullmatch(r"(?:[A-Z]\.)+", given):  # "J." or "J.K." already
        return " ".join(f"{c}." for c in given if c.isalpha())
    return "-".join(f"{part[0].upper()}." for part in given.split("-") if part)


def parse(name: str) -> Name:
    """One author's name in its parts."""
    words = name.split()
    if not words:
        return Name((), "", body=True)
    if len(words) == 1 or any(w.lower().strip(".,") in BODY_WORDS for w in words):
        return Name((), name, body=True)
    suffix = ""
    if _suffix(words[-1]) and len(words) > 2:
        suffix = words.pop().strip(",")
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in PARTICLES:
        start -= 1  # "de la Cruz": the particles go with the surname
    return Name(tuple(words[:start]), " ".join(words[start:]), suffix)


def _suffix(word: str) -> bool:
    return word.lower().strip(",").rstrip(".") in SUFFIXES


def authors(byline: str | None) -> list[Name]:
    """The people (or bodies) a byline names: "By Priya Raman and Tom Becker" -> two."""
    if not byline:
        return []
    found: list[Name] = []
    for part in _SEPARATOR.split(_BY.sub("", byline.strip())):
        part = part.strip(" ,;")
        if part.endswith(".") and not re.search(r"\b(?:[A-Z]|Jr|Sr)\.$", part):
            part = part[:-1]  # a byline's full stop, not an initial's
        if not part:
            continue
        if _suffix(part) and found and not found[-1].body:
            last = found[-1]  # "Jane Doe, Jr.": the comma before a suffix is no separator
            found[-1] = Name(last.given, last.surname, part)
            continue
        found.append(parse(part))
    return found


def joined(names: Sequence[str], conjunction: str = "and", serial: bool = True) -> str:
    """ "A", "A and B", "A, B, and C" (serial comma unless told otherwise)."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    comma = "," if serial else ""
    return f"{', '.join(names[:-1])}{comma} {conjunction} {names[-1]}"
