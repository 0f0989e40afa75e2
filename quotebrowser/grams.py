"""Which search haystacks can hold a term, without reading them: rows per character and bigram.

A term's first letters match most of a big archive, so testing every haystack with `in` costs a
scan of the archive per key. Here each character and each pair of adjacent characters keeps the
set of rows holding it: a packed bitmap when it is common, sorted row numbers when it is rare (a
bitmap costs an eighth of a byte a row, a row number four bytes); so do the commonest longer
grams (bitmaps only). A term's candidates are the rows holding all its grams (a one-letter term:
its character); they are exactly the rows holding a term of one or two letters or a gram with a
bitmap, a superset for other terms (the caller tests those with `in`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import pairwise

import numpy as np

# Rows per build step: bounds the step's matrix of grams x rows; a multiple of 8, so that each
# step fills whole bytes of the packed bitmaps.
CHUNK = 2048
# Characters with their own bigram slots; the rarer ones (beyond this many distinct characters)
# share the last slot, whose rows are then a superset of each one's.
WIDTH = 1024
SHARED = WIDTH - 1
# At most this many grams x rows in a build step (a byte each).
CELLS = 1 << 25
# A gram held by fewer than one row in this many keeps row numbers; a commoner one, a bitmap.
SPARSE = 32
# Grams of 3 to LONGEST characters get a bitmap when common (chosen on a SAMPLE of the rows), at
# most HELD of them: a term that is one needs no test with `in`, nor one inside a common one.
LONGEST = 9
HELD = 256
SAMPLE = 5000


class GramIndex:
    """Rows per character, per bigram and per common longer gram of `haystacks` (positions in
    the sequence)."""

    def __init__(self, haystacks: Sequence[str]) -> None:
        self.size = n = len(haystacks)
        self._nbytes = (n + 7) // 8
        self._chars: dict[str, int] = {}  # character -> its id (SHARED for the rarest)
        self._slots: dict[int, int] = {}  # gram key -> its slot
        self._counts: list[int] = []  # per slot: rows holding it
        self._dense: dict[int, np.ndarray] = {}  # slot -> packed bitmap (np.packbits order)
        self._sparse: dict[int, list[np.ndarray]] = {}  # slot -> sorted rows (uint32), in parts
        self._char_ids = np.full(0x110000, -1, np.int32)  # code point -> id, while building
        slot_of = np.full(WIDTH + WIDTH * WIDTH, -1, np.int32)  # gram key -> slot
        self._choose_long(haystacks[:: max(1, n // SAMPLE)])
        self._long_bits = np.zeros((len(self._long), self._nbytes), np.uint8)
        for start in range(0, n, CHUNK):
            self._add(haystacks[start : start + CHUNK], start, slot_of)
        self._rows = {slot: _joined(parts) for slot, parts in self._sparse.items()}
        del self._sparse, self._char_ids, self._pairs, self._number, self._kept

    def _positions(self, part: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per character of the joined haystacks: its id, its row, the characters from it to
        its row's end."""
        lengths = np.fromiter(map(len, part), np.int32, len(part))
        codes = np.frombuffer("".join(part).encode("utf-32-le", "surrogatepass"), np.uint32)
        char_ids = self._char_ids
        unseen = np.unique(codes[char_ids[codes] < 0])
        for code in unseen.tolist():
            char_ids[code] = self._chars[chr(code)] = min(len(self._chars), SHARED)
        row = np.repeat(np.arange(len(part), dtype=np.int32), lengths)
        room = np.cumsum(lengths, dtype=np.int32)[row] - np.arange(len(row), dtype=np.int32)
        return char_ids[codes], row, room

    def _long_keys(
        self, ids: np.ndarray, room: np.ndarray
    ) -> Iterator[tuple[int, np.ndarray | None, np.ndarray]]:
        """Per length from 3: (positions, the key of the gram starting at each: -1 for none or
        a prefix that is not frequent; else its prefix's number, a pair's then a frequent
        gram's, times WIDTH plus its last character's id). Positions None: all of them, in
        order; past 4 characters, the few where a frequent prefix starts. The caller numbers a
        length's frequent grams (`_number`, which maps -1 to -1) before asking for the next."""
        prefix = self._pairs[ids[:-1] * WIDTH + ids[1:]]
        pos: np.ndarray | None = None
        for length in range(3, LONGEST + 1):
            last = length - 1
            if pos is None:
                if len(ids) <= last:
                    return
                prefix = prefix[:-1]
                fits = (prefix >= 0) & (room[: len(prefix)] >= length)
                keys = np.where(fits, prefix * WIDTH + ids[last:], -1)
            else:
                fits = room[pos] >= length
                pos, prefix = pos[fits], prefix[fits]
                keys = prefix * WIDTH + ids[pos + last]
            yield length, pos, keys
            number = self._number.get(length)
            if number is None:
                return
            prefix = number[keys]
            if pos is not None or length >= 4:
                kept = np.flatnonzero(prefix >= 0)
                pos, prefix = (kept if pos is None else pos[kept]), prefix[kept]

    def _choose_long(self, sample: Sequence[str]) -> None:
        """The grams of 3 to LONGEST characters held by the most rows of `sample` (at least one
        in SPARSE, at most HELD of them): the ones worth a bitmap."""
        # Per length: per key, the number of its gram among the frequent ones; per frequent
        # gram, its bitmap's row in _long_bits. -1 for none, also as the last entry (so that
        # looking up -1 gives -1).
        self._number: dict[int, np.ndarray] = {}
        self._kept: dict[int, np.ndarray] = {}
        self._long: dict[str, int] = {}  # gram -> its bitmap's row in _long_bits
        self._pairs = np.full(WIDTH * WIDTH, -1, np.int32)  # pair of own ids -> its number
        if not sample:
            return
        ids, row, room = self._positions(sample)
        own = ids != SHARED  # a shared id stands for several characters: no exact gram
        inside = np.flatnonzero((room[:-1] >= 2) & own[:-1] & own[1:])
        seen = np.unique(ids[inside] * WIDTH + ids[inside + 1])
        self._pairs[seen] = np.arange(len(seen))
        prefixes = len(seen)
        joined = "".join(sample)
        # Terms are typed from the start of a word: rank the grams by the rows where they start
        # one, then by all their rows.
        letter = np.zeros(SHARED + 1, np.bool_)
        for char, id_ in self._chars.items():
            letter[id_] = id_ != SHARED and char.isalnum()
        after = np.concatenate([[True], ~letter[ids[:-1]] | (row[1:] != row[:-1])])
        starts = letter[ids] & after
        # (-rows it starts a word in, -rows, length, index among the frequent, gram)
        found: list[tuple[int, int, int, int, str]] = []
        for length, listed, keys in self._long_keys(ids, room):
            every = np.arange(len(keys)) if listed is None else listed
            valid = (keys >= 0) & own[every + length - 1]
            pos, keys = every[valid], keys[valid]
            distinct, counts, first = self._rows_of(keys, row[pos])
            common = counts * SPARSE >= len(sample)
            if not common.any():
                break
            frequent = int(common.sum())
            self._number[length] = np.full(prefixes * WIDTH + 1, -1, np.int32)
            self._number[length][distinct[common]] = np.arange(frequent)
            self._kept[length] = np.full(frequent + 1, -1, np.int32)
            prefixes = frequent
            initial = starts[pos]
            words, initials, _ = self._rows_of(keys[initial], row[pos[initial]])
            at_start = np.zeros(len(distinct), np.int64)
            at_start[np.searchsorted(distinct, words)] = initials
            columns = (c[common].tolist() for c in (counts, at_start, pos[first]))
            for index, (count, word, at) in enumerate(zip(*columns, strict=True)):
                found.append((-word, -count, length, index, joined[at : at + length]))
        for *_, length, index, gram in sorted(found)[:HELD]:
            self._kept[length][index] = self._long[gram] = len(self._long)

    @staticmethod
    def _rows_of(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(the distinct `keys`, sorted; the rows holding each; the index of its first)."""
        width = int(rows.max()) + 1 if len(rows) else 1
        pairs, first = np.unique(keys.astype(np.int64) * width + rows, return_index=True)
        distinct, index, counts = np.unique(pairs // width, return_index=True, return_counts=True)
        return distinct, counts, first[index]

    def _add(self, part: Sequence[str], start: int, slot_of: np.ndarray) -> None:
        ids, row, room = self._positions(part)
        width = len(part)
        if self._long:
            long = np.zeros(len(self._long) * width, np.bool_)
            for length, listed, keys in self._long_keys(ids, room):
                number = self._number.get(length)
                if number is None:
                    break
                bitmap = self._kept[length][number[keys]]
                at = np.flatnonzero(bitmap >= 0)
                rows = row[at] if listed is None else row[listed[at]]
                long[bitmap[at] * width + rows] = True
            packed = np.packbits(long.reshape(len(self._long), width), axis=1)
            self._long_bits[:, start // 8 : start // 8 + packed.shape[1]] = packed
        inside = np.flatnonzero(room[:-1] >= 2)  # a bigram never spans two haystacks
        keys = np.concatenate([ids, WIDTH + ids[inside] * WIDTH + ids[inside + 1]])
        rows = np.concatenate([row, row[inside]])
        slots = slot_of[keys]
        if (slots < 0).any():
            for key in np.unique(keys[slots < 0]).tolist():
                slot_of[key] = self._slots[key] = len(self._counts)
                self._counts.append(0)
            slots = slot_of[keys]
        if len(self._counts) * width > CELLS and width > 8:
            # Thousands of distinct characters (a script such as Chinese): fewer rows a step,
            # so that the step's grams x rows stay bounded.
            half = (width // 2 + 7) // 8 * 8
            self._add(part[:half], start, slot_of)
            self._add(part[half:], start + half, slot_of)
            return
        held = np.zeros(len(self._counts) * width, np.bool_)
        held[slots * width + rows] = True
        held = held.reshape(len(self._counts), width)
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
        held = [*self._dense.values(), *self._rows.values(), self._long_bits]
        return sum(a.nbytes for a in held)

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
        bitmaps = [self._dense[s] for s in order if s not in self._rows]
        if len(term) > 2:  # the common grams of 3 or more characters inside the term
            exact = term in self._long
            inside = {
                term[at : at + length]
                for length in range(3, min(len(term), LONGEST) + 1)
                for at in range(len(term) - length + 1)
            }
            bitmaps += [self._long_bits[self._long[g]] for g in inside if g in self._long]
        rare = [self._rows[s] for s in order if s in self._rows]
        if not rare:  # every gram common: AND of the bitmaps
            packed = bitmaps[0].copy()
            for bitmap in bitmaps[1:]:
                packed &= bitmap
            return np.unpackbits(packed, count=self.size).tobytes(), exact
        rows = rare[0]
        for other in rare[1:]:
            rows = rows[np.isin(rows, other, assume_unique=True)]
        for bitmap in bitmaps:
            bits = bitmap[rows >> 3] >> (7 - (rows & 7)).astype(np.uint8)
            rows = rows[(bits & 1).astype(np.bool_)]
        mask = np.zeros(self.size, np.uint8)
        mask[rows] = 1
        return mask.tobytes(), exact


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return parts[0] if len(parts) == 1 else np.concatenate(parts)
