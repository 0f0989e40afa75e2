"""The shard files: the documents, quotes and variant pairs, a bounded number per TinyDB file.

Each shard file is a TinyDB database (tables `documents`, `quotes`, `variants`), read and written
through storage.FileStorage; plain TinyDB opens it too.

A shard holds up to `SHARD_DOCUMENTS` documents (or `SHARD_QUOTES` quotes) with their quotes and
the variant pairs whose first quote is theirs, in the folder `DB.shards/` beside the manifest.
A commit writes each shard it changed under a new name (`000007.g42.json`: shard 7 as of
generation 42) and then swaps in the manifest that names it: the manifest's `os.replace` is the
commit, so a crash at any point leaves the old manifest with the old files, or the new with the
new. A replaced file stays `GRACE` seconds for readers still holding the old manifest.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quotebrowser.store.records import StoreError
from quotebrowser.store.storage import TEMP_SUFFIX, FileStorage, fsync_dir, stamped

SUFFIX = ".shards"
DOCUMENTS = "documents"
QUOTES = "quotes"
VARIANTS = "variants"
SHARD_DOCUMENTS = 256
SHARD_QUOTES = 8192
GRACE = 120.0  # seconds a replaced shard file is kept for readers of the previous manifest
FILE_NAME = re.compile(r"^(\d+)\.g(\d+)\.json$")

Shard = dict[str, dict[str, dict[str, Any]]]  # table -> TinyDB doc id -> row


def shards_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + SUFFIX)


def database_of(folder: Path) -> Path:
    """The database (its manifest) whose shard folder `folder` is."""
    return folder.with_name(folder.name.removesuffix(SUFFIX))


def file_name(name: str, gen: int) -> str:
    return f"{name}.g{gen}.json"


def empty_shard() -> Shard:
    return {DOCUMENTS: {}, QUOTES: {}, VARIANTS: {}}


def is_full(shard: Shard) -> bool:
    return len(shard[DOCUMENTS]) >= SHARD_DOCUMENTS or len(shard[QUOTES]) >= SHARD_QUOTES


def next_id(table: dict[str, Any]) -> int:
    """TinyDB's next document id for a table: one past the largest."""
    return max(map(int, table), default=0) + 1


class ShardFiles:
    """The shard folder: read a shard file, write a new one, remove the ones no longer named."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database = database_of(folder)  # what messages name: the file users repair

    def path(self, file: str) -> Path:
        return self.folder / file

    def load(self, file: str) -> Shard:
        path = self.path(file)
        data = FileStorage(path, database=self.database).read()
        if data is None and not path.exists():
            raise MissingShard(f"{path} is missing")
        data = data or {}
        shard = empty_shard()
        for table in shard:
            shard[table] = data.get(table, {})
        return shard

    def write(self, name: str, gen: int, shard: Shard) -> str:
        """Write the shard as generation `gen`; the caller syncs the folder once for all."""
        file = file_name(name, gen)
        FileStorage(self.path(file), sync_dir=False).write(stamped(dict(shard), gen, "shard"))
        return file

    def sync(self) -> None:
        fsync_dir(self.folder)

    def files(self) -> list[str]:
        try:
            return sorted(p.name for p in self.folder.iterdir() if FILE_NAME.match(p.name))
        except OSError:
            return []

    def latest(self) -> dict[str, str]:
        """Shard name -> its newest file in the folder (what doctor reads when the manifest is
        lost)."""
        found: dict[str, tuple[int, str]] = {}
        for file in self.files():
            m = FILE_NAME.match(file)
            assert m is not None
            gen = int(m.group(2))
            if gen >= found.get(m.group(1), (-1, ""))[0]:
                found[m.group(1)] = (gen, file)
        return {name: file for name, (_, file) in sorted(found.items())}

    def stale_temps(self) -> list[Path]:
        try:
            return sorted(self.folder.glob(f".*{TEMP_SUFFIX}"))
        except OSError:
            return []

    def remove(self, files: Iterable[str]) -> None:
        for file in files:
            with contextlib.suppress(OSError):
                os.unlink(self.path(file))

    def tidy(self, named: set[str], keep: set[str], now: float) -> None:
        """Remove files no manifest names (an interrupted commit's) once older than GRACE, and
        temp files; `keep`: replaced files still within their grace period. Under the lock."""
        for file in self.files():
            if file in named or file in keep:
                continue
            with contextlib.suppress(OSError):
                if now - self.path(file).stat().st_mtime > GRACE:
                    os.unlink(self.path(file))
        for tmp in self.stale_temps():
            with contextlib.suppress(OSError):
                tmp.unlink()


class MissingShard(StoreError):
    """A shard file the manifest names is gone: replaced by a writer since it was read."""
