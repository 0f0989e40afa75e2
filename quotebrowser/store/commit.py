"""One write under the lock: the manifest and the shards it changes, as TinyDB databases held in
memory, and the index transaction it runs in.

Writers change rows only through TinyDB's tables (insert, remove, `rewrite`). TinyDB replaces a
table it writes and keeps the rows it does not touch, so the tables as read (`before`) stay as
they were: the commit compares them with the tables as written to bring the index along, and
writes each changed shard as a new file (`Store._commit`).
"""

from __future__ import annotations

import contextlib
import gc
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from quotebrowser.store.index import Index
from quotebrowser.store.manifest import SHARDS
from quotebrowser.store.shards import (
    DOCUMENTS,
    QUOTES,
    SHARD_DOCUMENTS,
    SHARD_QUOTES,
    Shard,
    ShardFiles,
    empty_shard,
)
from quotebrowser.store.shown import UserWord
from quotebrowser.store.storage import MemoryStorage, Tables, in_memory, tables_of


def raw_rows(table: Table) -> dict[str, dict[str, Any]]:
    """A table's rows by document id as its storage holds them (to be read, never changed)."""
    return (table.storage.read() or {}).get(table.name, {})


def rewrite(table: Table, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> int:
    """Replace each row that `change` gives a new version of (None: keep it), under its own id.
    TinyDB's `update` would change the row in place, and with it the tables as read. The number
    of rows replaced."""
    new = {
        int(doc_id): row
        for doc_id, old in raw_rows(table).items()
        if (row := change(old)) is not None
    }
    if new:
        table.remove(doc_ids=list(new))
        table.insert_multiple(Document(row, doc_id=doc_id) for doc_id, row in new.items())
    return len(new)


class Commit:
    """The manifest and the shards of one write, and the index transaction (`con`)."""

    def __init__(
        self, files: ShardFiles, index: Index, manifest: Tables, con: sqlite3.Connection
    ) -> None:
        self.files = files
        self.index = index  # as of before the commit (`con` writes it)
        self.manifest = in_memory(manifest)
        self.word_before = UserWord.of(manifest)  # the corrections the index shows now
        self.con = con
        self.rows = {row["name"]: dict(row) for row in manifest.get(SHARDS, {}).values()}
        self.before: dict[str, Shard] = {}  # each shard's tables as read
        self.shards: dict[str, TinyDB] = {}
        self.pending: dict[str, tuple[int, int]] = {}  # (documents, quotes) to add, by shard
        self.after: list[Callable[[], None]] = []  # run once the commit is on disk
        self.before_saving: list[Callable[[], None]] = []  # run before the manifest is saved

    def ready_to_save(self) -> None:
        """Wait for what must be on disk before the manifest is saved (`before_saving`)."""
        while self.before_saving:
            self.before_saving.pop(0)()

    def shard(self, name: str) -> TinyDB:
        """Shard `name`, read on first use."""
        if name not in self.shards:
            row = self.rows.get(name)
            before = self.files.load(row["file"]) if row else empty_shard()
            self.before[name] = before
            self.shards[name] = in_memory(before)
        return self.shards[name]

    def tables(self, name: str) -> Shard:
        """Shard `name`'s tables as they are now."""
        return tables_of(self.shard(name))  # type: ignore[return-value]

    def loaded(self) -> list[str]:
        return sorted(self.shards)

    def changed(self) -> list[str]:
        """The shards written to whose tables differ from those read."""
        return [
            name
            for name in self.loaded()
            if _dirty(self.shards[name]) and self.tables(name) != self.before[name]
        ]

    @property
    def manifest_changed(self) -> bool:
        return _dirty(self.manifest)

    def place(self, quotes: int) -> str:
        """The shard a new document with this many quotes goes to: the last one while it has
        room (counting the documents placed in it so far), else a new one."""
        names = sorted(set(self.rows) | set(self.shards))
        if names and not self._full(names[-1]):
            name = names[-1]
        else:
            name = f"{int(names[-1]) + 1 if names else 1:06d}"
            self.shard(name)
        documents, held = self.pending.get(name, (0, 0))
        self.pending[name] = (documents + 1, held + quotes)
        return name

    def _full(self, name: str) -> bool:
        tables = self.tables(name)
        documents, quotes = self.pending.get(name, (0, 0))
        return (
            len(tables[DOCUMENTS]) + documents >= SHARD_DOCUMENTS
            or len(tables[QUOTES]) + quotes >= SHARD_QUOTES
        )


def _dirty(db: TinyDB) -> bool:
    storage = db.storage
    assert isinstance(storage, MemoryStorage)
    return storage.dirty


def by_shard(shard_of: Mapping[str, str]) -> dict[str, set[str]]:
    """Shard name -> the sources in it, from source -> shard name."""
    found: dict[str, set[str]] = {}
    for source, name in shard_of.items():
        found.setdefault(name, set()).add(source)
    return found


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection during a commit. A commit makes a million small objects and
    frees them at its end; meanwhile their count set off full passes of the collector over the
    whole heap (every quote an app holds too), 0.1-0.2 s of a commit at 100,000 quotes, which
    found nothing to free. What a commit leaves in cycles is collected after it."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
