"""The manifest: the file users name (`--db quotes.json`), a small TinyDB database naming the
shard files with their generations, the identity merges, the names kept apart and the user's
corrections (corrections.py). Its atomic replacement is what commits a write."""

from __future__ import annotations

from typing import Any

from quotebrowser.store import index as ix
from quotebrowser.store.storage import Tables, generation

SHARDS = "shards"  # the shard files, in archive order
MERGES = "merges"  # the names identity merged, rewritten with each change (derived)
KEPT_APART = "kept_apart"  # names the user split off: they stay as written
RETIRED = "retired"  # replaced shard files kept GRACE seconds for readers of older manifests
# Set on a document row whose quotes may be incomplete (doctor's salvage lost some): the next
# ingest of its file extracts it again instead of calling it unchanged.
INCOMPLETE = "incomplete"
BACKUP_SUFFIX = ".single-file-backup"


def shard_rows(manifest: Tables) -> list[dict[str, Any]]:
    return list(manifest.get(SHARDS, {}).values())


def shard_state(manifest: Tables) -> str:
    return state_for(manifest, generation(manifest))


def state_for(manifest: Tables, gen: int) -> str:
    """What the index records of the manifest it was built for (see index.state_of)."""
    return ix.state_of({row["name"]: row["generation"] for row in shard_rows(manifest)}, gen)
