"""The quote store: every byte on disk. TinyDB databases (a manifest and its shards) written
atomically, a derived SQLite index, the article texts; it keeps what ingest gives it and never
opens an article. StoreReader reads (reader.py), Store also writes (writer.py)."""

from __future__ import annotations

from quotebrowser.store.paths import ENV_VAR, default_db_path, resolve_db_path
from quotebrowser.store.records import (
    DocumentInfo,
    Snapshot,
    StoreError,
)
from quotebrowser.store.writer import Store

__all__ = [
    "ENV_VAR",
    "DocumentInfo",
    "Snapshot",
    "Store",
    "StoreError",
    "default_db_path",
    "resolve_db_path",
]
