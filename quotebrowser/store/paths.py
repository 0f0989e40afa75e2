"""Where the database lives: `--db FILE`, else `$QUOTEBROWSER_DB`, else the user data folder."""

from __future__ import annotations

import os
import re
from pathlib import Path

from quotebrowser.store import shards
from quotebrowser.store.records import StoreError

ENV_VAR = "QUOTEBROWSER_DB"
DEFAULT_NAME = "quotes.json"


def default_db_path() -> Path:
    import platformdirs  # only without --db or $QUOTEBROWSER_DB (a few ms of start-up)

    return platformdirs.user_data_path("quotebrowser", appauthor=False) / DEFAULT_NAME


def resolve_db_path(cli_value: str | None) -> Path:
    """The database file to use; `~` is expanded, the path made absolute."""
    chosen = cli_value or os.environ.get(ENV_VAR) or None
    path = Path(chosen).expanduser() if chosen else default_db_path()
    return path.absolute()


# The files a database keeps beside its manifest, by the suffix added to the manifest's name.
PART_SUFFIXES = {
    ".index": "the index",
    ".index-wal": "the index's log",
    ".index-shm": "the index's shared memory",
    ".lock": "the lock file",
}
# Folders beside the manifest, with the names of the files they hold.
PART_FOLDERS = {
    shards.SUFFIX: ("a shard", shards.FILE_NAME),
    ".texts": ("an article text", re.compile(r"^[0-9a-f]{64}\.txt$")),
}
SQLITE_HEADER = b"SQLite format 3\x00"


def part_of_database(path: Path) -> tuple[str, Path] | None:
    """(what it is, the database) when `path` is a file a database keeps beside its manifest
    (a shard, the index, an article text, the lock), not a database of its own; else None.
    Treating one as a database would turn it into one (doctor's salvage did)."""
    folder = path.parent
    for suffix, (what, named) in PART_FOLDERS.items():
        if folder.name.endswith(suffix) and len(folder.name) > len(suffix):
            database = folder.with_name(folder.name.removesuffix(suffix))
            if database.is_file() or named.match(path.name):
                return what, database
    for suffix, what in PART_SUFFIXES.items():
        if path.name.endswith(suffix) and len(path.name) > len(suffix):
            database = path.with_name(path.name.removesuffix(suffix))
            if database.is_file() or _starts_with(path, SQLITE_HEADER):
                return what, database
    return None


def _starts_with(path: Path, header: bytes) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(len(header)) == header
    except OSError:
        return False


def refuse_part(path: Path) -> None:
    """Raise StoreError when `path` is a part of a database (part_of_database): the message
    names the database to use instead."""
    part = part_of_database(path)
    if part is not None:
        what, database = part
        raise StoreError(
            f"{path} is {what} of the database {database}, not a database; "
            f"name the database itself: --db {database}"
        )
