"""What a snapshot holds: the archive's quotes read shard by shard when first needed, and the
variant map read from the index when first used."""

from __future__ import annotations

import bisect
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from quotebrowser.model import Quote
from quotebrowser.store.records import StoreError
from quotebrowser.store.rows import quote_from_row
from quotebrowser.store.shards import DOCUMENTS, QUOTES, MissingShard, Shard, ShardFiles
from quotebrowser.store.storage import doctor_hint

Overlay = Callable[[list[dict[str, Any]]], list[Mapping[str, Any]]]


def ordered_quotes(shard: Shard, overlay: Overlay) -> list[Quote]:
    """A shard's quotes in archive order (by document as stored, then offset), as the user
    corrected them (`overlay`)."""
    order = {row["source"]: int(doc_id) for doc_id, row in shard[DOCUMENTS].items()}
    last = len(order) + 1
    quotes = [quote_from_row(row) for row in overlay(list(shard[QUOTES].values()))]
    quotes.sort(key=lambda q: (order.get(q.source, last), q.start))
    return quotes


def variant_map(pairs: Iterable[tuple[str, str, float]]) -> dict[str, tuple[str, ...]]:
    """Quote id -> ids of its close variants in other documents, closest first."""
    found: dict[str, list[tuple[float, str]]] = {}
    for a, b, score in pairs:
        found.setdefault(a, []).append((score, b))
        found.setdefault(b, []).append((score, a))
    return {
        qid: tuple(other for _, other in sorted(pairs, key=lambda p: -p[0]))
        for qid, pairs in found.items()
    }


class ShardedQuotes(Sequence[Quote]):
    """The quotes of a snapshot, read shard by shard when first needed: the app paints its first
    screen from the first shard while the rest loads."""

    def __init__(self, files: ShardFiles, parts: list[tuple[str, int]], overlay: Overlay) -> None:
        self.files = files
        self.overlay = overlay
        self.parts = parts  # (file, quotes) in archive order
        self.starts = [0, *itertools.accumulate(n for _, n in parts)]
        self._loaded: dict[int, list[Quote]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return self.starts[-1]

    def _part(self, p: int) -> list[Quote]:
        found = self._loaded.get(p)
        if found is None:
            with self._lock:
                found = self._loaded.get(p)
                if found is None:
                    file, count = self.parts[p]
                    try:
                        found = ordered_quotes(self.files.load(file), self.overlay)
                    except MissingShard as exc:
                        raise StoreError(
                            f"the database changed while it was read ({exc}); read it again"
                        ) from exc
                    if len(found) != count:
                        raise StoreError(
                            f"the database {self.files.database} is damaged: its shard {file} "
                            f"does not hold the {count} quotes its manifest names; "
                            + doctor_hint(self.files.database)
                        )
                    self._loaded[p] = found
        return found

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if isinstance(i, slice):
            return list(self)[i]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        p = bisect.bisect_right(self.starts, i) - 1
        return self._part(p)[i - self.starts[p]]

    def __iter__(self) -> Iterator[Quote]:
        for p in range(len(self.parts)):
            yield from self._part(p)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class LazyVariants(Mapping[str, tuple[str, ...]]):
    """The snapshot's variant map, read from the index on first use."""

    def __init__(self, read: Callable[[], dict[str, tuple[str, ...]]]) -> None:
        self._read = read
        self._map: dict[str, tuple[str, ...]] | None = None

    @property
    def map(self) -> dict[str, tuple[str, ...]]:
        if self._map is None:
            self._map = self._read()
        return self._map

    def __getitem__(self, key: str) -> tuple[str, ...]:
        return self.map[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.map)

    def __len__(self) -> int:
        return len(self.map)
