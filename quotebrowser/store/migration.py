"""Whole databases written at once: a database in the single-file layout of before split into
shards (on first open, the file kept as a backup), and doctor's salvage written as a new
database. Both run under the write lock."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

from quotebrowser.store import corrections
from quotebrowser.store.index import Index
from quotebrowser.store.manifest import (
    BACKUP_SUFFIX,
    KEPT_APART,
    MERGES,
    RETIRED,
    SHARDS,
    shard_rows,
    state_for,
)
from quotebrowser.store.records import StoreError
from quotebrowser.store.shards import (
    DOCUMENTS,
    QUOTES,
    SHARD_DOCUMENTS,
    SHARD_QUOTES,
    VARIANTS,
    Shard,
    ShardFiles,
    empty_shard,
)
from quotebrowser.store.shown import UserWord
from quotebrowser.store.storage import (
    SINGLE_FILE_SCHEMA,
    DatabaseFile,
    Tables,
    atomic_write,
    generation,
    in_memory,
    schema_of,
    tables_of,
)


def split(tables: Tables) -> list[Shard]:
    """Single-file tables cut into shards in ingest order (documents with their quotes; a pair
    with its first quote's document), each filled through TinyDB's tables."""
    quotes_of: dict[str, list[dict[str, Any]]] = {}
    for row in tables.get(QUOTES, {}).values():
        quotes_of.setdefault(row["source"], []).append(row)
    parts: list[Shard] = []  # table -> rows in order, before they are inserted
    where: dict[str, int] = {}  # source -> shard position
    for row in tables.get(DOCUMENTS, {}).values():
        if (
            not parts
            or len(parts[-1][DOCUMENTS]) >= SHARD_DOCUMENTS
            or len(parts[-1][QUOTES]) >= SHARD_QUOTES
        ):
            parts.append({DOCUMENTS: [], QUOTES: [], VARIANTS: []})  # type: ignore[dict-item]
        parts[-1][DOCUMENTS].append(row)  # type: ignore[attr-defined]
        parts[-1][QUOTES].extend(quotes_of.pop(row["source"], []))  # type: ignore[attr-defined]
        where[row["source"]] = len(parts) - 1
    orphans = [q for rows in quotes_of.values() for q in rows]
    if orphans or (tables.get(VARIANTS) and not parts):  # kept, for doctor to report
        if not parts:
            parts.append({DOCUMENTS: [], QUOTES: [], VARIANTS: []})  # type: ignore[dict-item]
        parts[-1][QUOTES].extend(orphans)  # type: ignore[attr-defined]
        for q in orphans:
            where.setdefault(q["source"], len(parts) - 1)
    shard_of_quote = {q["id"]: where[q["source"]] for q in tables.get(QUOTES, {}).values()}
    for pair in tables.get(VARIANTS, {}).values():
        at = shard_of_quote.get(pair["a"], shard_of_quote.get(pair["b"], 0))
        parts[at][VARIANTS].append(pair)  # type: ignore[attr-defined]
    shards = []
    for part in parts:
        db = in_memory(empty_shard())
        for table, rows in part.items():
            db.table(table).insert_multiple(rows)  # type: ignore[arg-type]
        shards.append(tables_of(db))
    return shards  # type: ignore[return-value]


def write_layout(
    file: DatabaseFile, shard_files: ShardFiles, index: Index, tables: Tables, current: Tables,
    gen: int,
) -> None:
    """Write single-file tables as shards, index them and name them in a new manifest.
    Call with the lock held."""
    shards = split(tables)
    manifest = in_memory()
    manifest.table(SHARDS).insert_multiple(
        {
            "name": f"{i:06d}",
            "file": shard_files.write(f"{i:06d}", gen, shard),
            "generation": gen,
            "documents": len(shard[DOCUMENTS]),
            "quotes": len(shard[QUOTES]),
        }
        for i, shard in enumerate(shards, 1)
    )
    shard_files.sync()
    for table in (
        MERGES,
        KEPT_APART,
        corrections.CORRECTIONS,
        corrections.NAMES,
        corrections.NAME_CHANGES,
    ):
        manifest.table(table).insert_multiple(tables.get(table, {}).values())
    now = time.time()
    manifest.table(RETIRED).insert_multiple(
        {"file": row["file"], "at": now}
        for row in shard_rows(current)
        if isinstance(row, dict) and "file" in row
    )
    data = tables_of(manifest)
    index.discard()
    index.rebuild(
        ((f"{i:06d}", shard) for i, shard in enumerate(shards, 1)),
        state_for(data, gen),
        UserWord.of(data),
    )
    file.save(data, gen)


def migrate(path: Path, file: DatabaseFile, shard_files: ShardFiles, index: Index) -> None:
    """Turn a single-file database into shards, keeping the file as a backup. Call with the
    lock held."""
    data, _ = file.load()
    if not data or schema_of(data) != SINGLE_FILE_SCHEMA:
        return  # another process migrated it meanwhile
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    n = 1
    while backup.exists():
        n += 1
        backup = path.with_name(f"{path.name}{BACKUP_SUFFIX}~{n}")
    try:
        atomic_write(backup, path.read_bytes())
        shutil.copystat(path, backup)
    except OSError as exc:
        raise StoreError(
            f"cannot back up {path} before migrating it to the sharded layout: "
            f"{exc.strerror or exc}; nothing was changed"
        ) from exc
    write_layout(file, shard_files, index, data, {}, generation(data) + 1)


def replace_all(file: DatabaseFile, shard_files: ShardFiles, index: Index, tables: Tables) -> None:
    """Write `tables` (documents, quotes, variants, merges, kept_apart: the single-file layout)
    as the whole database, whatever is there now (doctor's salvage: the caller holds the lock
    and has made a backup)."""
    try:
        current = file.load()[0] or {}
    except StoreError:
        current = {}
    write_layout(
        file, shard_files, index, tables, current, max(generation(current), generation(tables)) + 1
    )
