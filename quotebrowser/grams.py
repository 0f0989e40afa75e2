"""Which search haystacks can hold a term, without reading them: rows per character and bigram.

A term's first letters match most of a big archive, so testing every haystack with `in` costs a
scan of the archive per key. Here each character and each pair of adjacent characters keeps the
set of rows holding it: a packed bitmap when it is common, sorted row numbers when it is rare (a
bitmap costs an eighth of a byte a row, a row number four bytes). A term's candidates are the rows
holding all its bigrams (a one-letter term: its character); they are exactly the rows holding a
term of one or two letters, a superset for longer terms (the caller tests those with `in`).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

# Rows per build step: bounds the step's matrix of grams x rows; a multiple of 8, so that each
# step fills whole bytes of the packed bitmaps.
CHUNK = 8192
# Characters with their own bigram slots; the rarer ones (beyond this many distinct characters)
# share the last slot, whose rows are then a superset of each one's.
WIDTH = 1024
SHARED = WIDTH - 1
# A gram held by fewer than one row in this many keeps row numbers; a commoner one, a bitmap.
SPARSE = 32


class GramIndex:
    """Rows per character and per bigram of `haystacks` (positions in the sequence)."""

    def __init__(self, haystacks: Sequence[str]) -> None:
        self.size = n = len(haystacks)
        self._nbytes = (n + 7) // 8
        self._chars: dict[str, int] = {}  # character -> its id (SHARED for the rarest)
        self._slots: dict[int, int] = {}  # gram key -> its slot
        self._counts: list[int] = []  # per slot: rows holding it
        self._dense: dict[int, np.ndarray] = {}  # slot -> packed bitmap (np.packbits order)
        self._sparse: dict[int, list[np.ndarray]] = {}  # slot -> sorted rows (uint32), in parts
        char_ids = np.full(0x110000, -1, np.int32)  # code point -> id, while building
        slot_of = np.full(WIDTH + WIDTH * WIDTH, -1, np.int32)  # gram key -> slot
        for start in range(0, n, CHUNK):
            self._add(haystacks[start : start + CHUNK], start, char_ids, slot_of)
        self._rows = {slot: _joined(parts) for slot, parts in self._sparse.items()}
        del self._sparse

    def _add(
        self, part: Sequence[str], start: int, char_ids: np.ndarray, slot_of: np.ndarray
    ) -> None:
        lengths = np.fromiter(map(len, part), np.int64, len(part))
        codes = np.frombuffer("".join(part).encode("utf-32-le", "surrogatepass"), np.uint32)
        ids = char_ids[codes]
        unseen = np.unique(codes[ids < 0])
        for code in unseen.tolist():
            char_ids[code] = self._chars[chr(code)] = min(len(self._chars), SHARED)
        ids = char_ids[codes].astype(np.int64)
        row = np.repeat(np.arange(len(part)), lengths)
        inside = row[:-1] == row[1:]  # a bigram never spans two haystacks
        keys = np.concatenate([ids, WIDTH + ids[:-1][inside] * WIDTH + ids[1:][inside]])
        rows = np.concatenate([row, row[:-1][inside]])
        present = np.flatnonzero(np.bincount(keys, minlength=len(slot_of)))
        for key in present[slot_of[present] < 0].tolist():
            slot_of[key] = self._slots[key] = len(self._counts)
            self._counts.append(0)
        held = np.zeros((len(self._counts), len(part)), np.bool_)
        held[slot_of[keys], rows] = True
        counts = held.sum(axis=1)
        packed = np.packbits(held, axis=1)
        at = start // 8
        for slot in np.flatnonzero(counts).tolist():
            self._counts[slot] += int(counts[slot])
            bitmap = self._dense.get(slot)
            if bitmap is None:
                found = np.flatnonzero(held[slot]).astype(np.uint32) + np.uint32(start)
                self._sparse.setdefault(slot, []).append(found)
                if self._counts[slot] * SPARSE < self.size:
                    continue
                # Common now: a bitmap is the smaller.
                bitmap = self._dense[slot] = np.zeros(self._nbytes, np.uint8)
                every = np.zeros(self._nbytes * 8, np.bool_)
                every[_joined(self._sparse.pop(slot))] = True
                bitmap[:] = np.packbits(every)
            else:
                bitmap[at : at + packed.shape[1]] = packed[slot]

    @property
    def nbytes(self) -> int:
        return sum(b.nbytes for b in self._dense.values()) + sum(
            r.nbytes for r in self._rows.values()
        )

    def candidates(self, term: str) -> tuple[bytes, bool]:
        """(per row a 0 or 1 byte: may the row hold `term`; whether that is exact: the rows
        marked 1 are exactly those holding it). `term` must not be empty."""
        ids = [self._chars.get(c) for c in term]
        if None in ids:  # a character no haystack holds
            return bytes(self.size), True
        known = [i for i in ids if i is not None]
        exact = len(term) <= 2 and SHARED not in known
        if len(known) == 1:
            keys = {known[0]}
        else:
            keys = {WIDTH + a * WIDTH + b for a, b in pairwise(known)}
        slots = [self._slots.get(k) for k in keys]
        if None in slots:
            return bytes(self.size), True
        order = sorted((s for s in slots if s is not None), key=self._counts.__getitem__)
        rare = [s for s in order if s in self._rows]
        if not rare:  # every gram common: AND of the bitmaps
            packed = self._dense[order[0]].copy()
            for slot in order[1:]:
                packed &= self._dense[slot]
            return np.unpackbits(packed, count=self.size).tobytes(), exact
        rows = self._rows[rare[0]]
        for slot in order:
            if slot == rare[0]:
                continue
            if slot in self._rows:
                rows = rows[np.isin(rows, self._rows[slot], assume_unique=True)]
            else:
                bits = self._dense[slot][rows >> 3] >> (7 - (rows & 7)).astype(np.uint8)
                rows = rows[(bits & 1).astype(np.bool_)]
        mask = np.zeros(self.size, np.uint8)
        mask[rows] = 1
        return mask.tobytes(), exact


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return parts[0] if len(parts) == 1 else np.concatenate(parts)
