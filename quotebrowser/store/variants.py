"""Recognise one statement reported by several articles: other cuts and other translations.

Two quotes from different documents are variants when most of the shorter one's content words,
weighted by rarity (IDF), occur in the other one, and their speakers do not contradict each
other. Words are folded (case, accents) and lightly stemmed, so "created" meets "creates".

An inverted index over the words finds candidates, probing only the rarer words of a quote, so a
new quote is compared with a handful of others rather than with the whole collection.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import chain
from typing import Any, TypeVar

from quotebrowser.folding import fold as fold_text

MIN_WORDS = 5  # content words; shorter quotes ("draw a line") are phrases, not statements
THRESHOLD = 0.6  # weighted share of the shorter quote's words found in the other
MIN_SHARED = 3
PROBE = 4  # rarest words of a quote looked up in the index
# Words in more quotes than this are never looked up: they find everything and decide nothing.
# A fixed number, not a share of the archive: a word fifty quotes share is no evidence that two
# of them are one statement, however large the archive; a cap growing with the archive made
# each new quote's lookup (postings read, candidates scored) grow with it too. (Up to 50,000
# quotes this is what the share of 0.1% with a floor of 50 gave.)
PROBE_CAP = 50
# The stored index keeps the postings of words in at most this many quotes (index.add_entries):
# a margin over PROBE_CAP, so that a word's count going up and down around it costs nothing.
POSTED = 4 * PROBE_CAP

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been being
    before below between both but by can could did do does doing down during each even few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up upon very was we were what when
    where which while who whom why will with would you your yours yourself yourselves said says
    say told very much many would shall may might must let us one two""".split()
)
WORD = re.compile(r"\w+")
T = TypeVar("T")


@lru_cache(maxsize=65536)  # a commit stems some 200,000 words, most of them seen before
def stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(text: str) -> frozenset[str]:
    return frozenset(
        stem(w) for w in WORD.findall(fold_text(text)) if w not in STOPWORDS and not w.isdigit()
    )


def speakers_agree(a: str | None, b: str | None) -> bool:
    """Unknown speakers agree with anyone; "Smith" agrees with "John Smith"."""
    if not a or not b:
        return True
    wa, wb = _name_words(a), _name_words(b)
    return wa <= wb or wb <= wa


@lru_cache(maxsize=65536)  # each candidate's speaker is compared: a few thousand names, again
def _name_words(name: str) -> frozenset[str]:
    return frozenset(fold_text(name).split())


class Entry:
    """One indexed quote. Words read from disk come as text and are split on first use: most
    candidates are turned away on their source or speaker before their words are needed."""

    __slots__ = ("_words", "id", "source", "speaker")

    def __init__(
        self, id: str, source: str, speaker: str | None, words: frozenset[str] | str
    ) -> None:
        self.id, self.source, self.speaker, self._words = id, source, speaker, words

    @property
    def words(self) -> frozenset[str]:
        if isinstance(self._words, str):
            self._words = frozenset(self._words.split())
        return self._words


class VariantIndex:
    """All quotes' content words, to find the variants of a new quote in other documents."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}
        self.postings: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def build(cls, quotes: Iterable[Mapping[str, Any]]) -> VariantIndex:
        index = cls()
        for q in quotes:
            index.add(q)
        return index

    def add(self, q: Mapping[str, Any], words: frozenset[str] | None = None) -> None:
        if words is None:
            words = content_words(q["text"])
        entry = Entry(q["id"], q["source"], q.get("speaker"), words)
        self.discard([entry.id])
        self.entries[entry.id] = entry
        for w in entry.words:
            self.postings.setdefault(w, set()).add(entry.id)

    def discard(self, ids: Iterable[str]) -> None:
        for qid in ids:
            entry = self.entries.pop(qid, None)
            if entry is None:
                continue
            for w in entry.words:
                posting = self.postings.get(w)
                if posting is not None:
                    posting.discard(qid)
                    if not posting:
                        del self.postings[w]

    # What matching asks of an index; a stored index (store.index) answers from disk.
    def _df(self, word: str) -> int:
        return len(self.postings.get(word, ()))

    def _total(self) -> int:
        return len(self.entries)

    def _rare(self, words: Iterable[str]) -> list[str]:
        """The PROBE rarest of `words` in at most PROBE_CAP quotes: the ones looked up."""
        df = {w: n for w in words if 0 < (n := len(self.postings.get(w, ()))) <= PROBE_CAP}
        return sorted(df, key=df.__getitem__)[:PROBE]

    def _hits(self, words: list[str], least: int) -> dict[str, Entry]:
        """The entries found under at least `least` of `words`."""
        return {qid: self.entries[qid] for qid in hits(self.postings, words, least)}

    def _weight(self, word: str) -> float:
        df = self._df(word) or 1
        return math.log((self._total() + 1) / df) + 1.0

    def score(self, a: frozenset[str], b: frozenset[str]) -> float:
        shared = a & b
        if len(shared) < MIN_SHARED:
            return 0.0
        smaller = min(sum(map(self._weight, a)), sum(map(self._weight, b)))
        return sum(map(self._weight, shared)) / smaller if smaller else 0.0

    def matches(
        self, q: Mapping[str, Any], words: frozenset[str] | None = None
    ) -> list[tuple[str, float]]:
        """(id, score) of the indexed quotes in other documents that are variants of `q`."""
        if words is None:
            words = content_words(q["text"])
        if len(words) < MIN_WORDS:
            return []
        rare = self._rare(words)
        return self._verify(q, words, self._hits(rare, least(rare)))

    def match_all(
        self, items: Sequence[tuple[Mapping[str, Any], frozenset[str]]]
    ) -> list[list[tuple[str, float]]]:
        """Match each quote, then add it (so later ones find it): the variants of each."""
        found = []
        for q, words in items:
            found.append(self.matches(q, words))
            self.add(q, words)
        return found

    def _verify(
        self, q: Mapping[str, Any], words: frozenset[str], candidates: Mapping[str, Entry]
    ) -> list[tuple[str, float]]:
        found = []
        for other_id, other in candidates.items():
            # The cheap tests first: the other's words are split only when needed.
            if other.source == q["source"]:
                continue
            if not speakers_agree(q.get("speaker"), other.speaker):
                continue
            if len(other.words) < MIN_WORDS:
                continue
            s = self.score(words, other.words)
            if s >= THRESHOLD:
                found.append((other_id, round(s, 3)))
        found.sort(key=lambda pair: -pair[1])
        return found


def least(rare: Sequence[str]) -> int:
    """Of a quote's probe words, how many another quote must share to be compared with it."""
    return min(2, len(rare))


def hits(postings: Mapping[str, Collection[T]], words: Iterable[str], least: int) -> list[T]:
    """What the postings of at least `least` of `words` name, in first-found order."""
    lists = [postings[w] for w in words if w in postings]
    if len(lists) < least:  # often: most words a quote looks up lead nowhere else
        return []
    if least <= 1:
        return list(dict.fromkeys(chain.from_iterable(lists)))
    counts = Counter(chain.from_iterable(lists))
    return [key for key, n in counts.items() if n >= least]
