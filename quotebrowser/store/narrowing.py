"""The full-text matches of recent queries, kept to answer a query that refines one of them.

A search is typed a key at a time (`mip`, `mipo`, ... `miportanfi speaker:lind`), and a key
that lengthens a word or adds one finds a subset of what the query before it found. When that
query found few quotes, testing their haystacks (fulltext.py) in Python answers the new one
exactly in well under a millisecond, where the full-text index would evaluate a phrase of
trigrams over every match again (20-50 ms at a million quotes). A query's `Needle` is what the
full-text tables would match (its words, and `speaker:`'s words where those go to the speaker
field); `Matches` remembers, for the index as one manifest has it, the quotes a needle found.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quotebrowser.store.fulltext import Haystack, found_in

LIMIT = 2_000  # quotes a remembered match holds at most (its haystacks about 1 MB)
HELD = 8  # matches remembered


def _within(inner: Sequence[str], outer: Sequence[str]) -> bool:
    """Every word of `outer` is inside a word of `inner`: text holding `inner`'s words holds
    `outer`'s."""
    return all(any(o in i for i in inner) for o in outer)


@dataclass(frozen=True)
class Needle:
    """What a query's quotes must hold: each word in one field of the haystack (its text, its
    speaker or its article's label), and, unless `speakers` is None, every word of one of
    its alternatives in the speaker field. Words folded, as the query language has them."""

    words: tuple[str, ...]
    speakers: tuple[tuple[str, ...], ...] | None = None

    def __bool__(self) -> bool:
        return bool(self.words) or self.speakers is not None

    def finds(self, hay: Haystack) -> bool:
        if not found_in(hay, self.words):
            return False
        if self.speakers is None:
            return True
        return any(all(w in hay[1] for w in alternative) for alternative in self.speakers)

    def within(self, other: Needle) -> bool:
        """Every haystack this needle finds, `other` finds too."""
        if not _within(self.words, other.words):
            return False
        if other.speakers is None:
            return True
        if self.speakers is None:
            return False
        return all(any(_within(mine, theirs) for theirs in other.speakers)
                   for mine in self.speakers)


@dataclass
class _Found:
    positions: tuple[int, ...]  # in archive order
    haystacks: tuple[Haystack, ...] | None = None  # read when first narrowed


class Matches:
    """Needles -> the quotes (their places in archive order) they found, the last HELD of at
    most LIMIT quotes each. `read`: the haystacks of quotes, by place, as the index has them.
    Safe to use from several threads."""

    def __init__(self, read: Callable[[Sequence[int]], dict[int, Haystack]]) -> None:
        self._read = read
        self._found: OrderedDict[Needle, _Found] = OrderedDict()
        self._lock = threading.Lock()

    def remember(
        self,
        needle: Needle,
        positions: Sequence[int],
        haystacks: Sequence[Haystack] | None = None,
    ) -> None:
        if not needle or len(positions) > LIMIT:
            return
        with self._lock:
            self._found[needle] = _Found(
                tuple(positions), None if haystacks is None else tuple(haystacks)
            )
            self._found.move_to_end(needle)
            while len(self._found) > HELD:
                self._found.popitem(last=False)

    def narrow(self, needle: Needle) -> list[int] | None:
        """The quotes `needle` finds, from the fewest remembered for a needle it refines
        (None: none remembered)."""
        if not needle:
            return None
        with self._lock:
            wider = [(n, f) for n, f in self._found.items() if needle.within(n)]
            if not wider:
                return None
            known, found = min(wider, key=lambda nf: len(nf[1].positions))
            self._found.move_to_end(known)
        if known == needle:
            return list(found.positions)
        hays = found.haystacks
        if hays is None:
            read = self._read(found.positions)
            # A place the index no longer lists cannot be in the new match either.
            kept = [p for p in found.positions if p in read]
            hays = tuple(read[p] for p in kept)
            found = _Found(tuple(kept), hays)
            self.remember(known, found.positions, hays)
        hits = [i for i, hay in enumerate(hays) if needle.finds(hay)]
        positions = [found.positions[i] for i in hits]
        self.remember(needle, positions, [hays[i] for i in hits])
        return positions
