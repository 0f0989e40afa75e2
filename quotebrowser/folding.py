"""Case- and accent-insensitive text: the one folding every name and search match uses.

The command line (`quotes --speaker`), the store's variant matching and the app's search all fold
through here, so a name that matches in one matches in all.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

# Combining marks left behind by NFKD decomposition; dropping them folds "é" to "e".
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Letters that do not decompose but that people type without their accent (the schwa is written
# "a" in English spellings of names), and typographic apostrophes and dashes.
_EXTRA = {
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "ł": "l",
    "đ": "d",
    "ı": "i",
    "ħ": "h",
    "ə": "a",
    "’": "'",
    "‘": "'",
    "‐": "-",
    "–": "-",
}
_EXTRA_RE = re.compile("[" + "".join(_EXTRA) + "]")
# Between texts when a whole collection is folded in one call (much faster than one by one).
_RECORD = "\x1e"


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text`: `fold("Émile") == "emile"`."""
    if text.isascii():
        return text.lower()
    folded = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    if folded.isascii():
        return folded
    return _EXTRA_RE.sub(lambda m: _EXTRA[m.group()], folded)


def fold_all(texts: Sequence[str], chunk: int = 2000) -> list[str]:
    """`[fold(t) for t in texts]`, a chunk of texts joined into one string per call.

    Chunks keep each call short: a background thread folding 100,000 quotes then holds
    Python's lock for a few milliseconds at a time, not for a long stall of the screen.
    """
    folded: list[str] = []
    for at in range(0, len(texts), chunk):
        part = texts[at : at + chunk]
        joined = _RECORD.join(part)
        if joined.count(_RECORD) != len(part) - 1:  # a text holds the separator itself
            folded.extend(fold(t) for t in part)
        else:
            folded.extend(fold(joined).split(_RECORD))
    return folded


# Letters that transliterations of one name trade for one another: "Asgarli"/"Askerli",
# "Khalilov"/"Halilov", "Petrosyan"/"Petrosian", "Rustam"/"Rustem".
_SOUND_ALIKE = str.maketrans({"g": "k", "q": "k", "c": "k", "w": "v", "y": "i", "a": "e"})
_LEADING_Y = re.compile(r"^y(?=[aeiou])")
_DOUBLED_I = re.compile(r"i+")


def spelling_key(word: str) -> str:
    """A name's letters as its transliterations agree on: folded, a "Ye-" read "E-", "kh" read
    "h", "y" read "i" (once), "a" read "e", and letters that sound alike made one.
    `spelling_key("Aliyarov") == spelling_key("Aliarov")`; "Petrosyan" and "Petrosian",
    "Yerlan" and "Erlan", "Rustam" and "Rustem" agree too, "Martin" and "Morton" do not."""
    w = _LEADING_Y.sub("", fold(word)).replace("kh", "h").translate(_SOUND_ALIKE)
    return _DOUBLED_I.sub("i", w)


def same_spelling(a: str, b: str) -> bool:
    """Two spellings of one name; never two short names ("Lee" and "Li" are two)."""
    if fold(a) == fold(b):
        return True
    key = spelling_key(a)
    return len(key) >= 4 and key == spelling_key(b)
