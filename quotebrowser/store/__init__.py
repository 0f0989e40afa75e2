"""The quote store: TinyDB tables of documents, quotes and variants, written atomically."""

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
