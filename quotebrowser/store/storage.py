"""The store's files on disk, written through TinyDB storages of our own.

Every file the store writes (the manifest and each shard) is a TinyDB database in TinyDB's own
JSON, read and written by `FileStorage`: parsed with orjson where it is installed and checked as
ours, written whole next to the old file and swapped in with `os.replace` after an fsync, so a
reader or a `kill -9` sees the old file or the new one, never half of one. A commit changes rows
through TinyDB's tables in memory (`MemoryStorage`) and writes each changed file once.
`DatabaseFile` owns the manifest (the path users name with `--db`): it refuses files that are
not ours and serialises writers with `filelock`.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage

try:  # optional accelerator: parses about 2x and writes about 10x faster than `json`
    import orjson
except ImportError:  # pragma: no cover - depends on the installation
    orjson = None  # type: ignore[assignment]

from quotebrowser.store.records import StoreError

META_TABLE = "_quotebrowser"
FORMAT = "quotebrowser-quotes"
# 1: one file holding every table; 2: a manifest naming shard files (quotebrowser.store.shards).
SCHEMA_VERSION = 2
SINGLE_FILE_SCHEMA = 1
# We always write the marker table first, so the first bytes tell our files from others cheaply.
HEADER = b'{"' + META_TABLE.encode() + b'":'
TEMP_SUFFIX = ".tmp"

Tables = dict[str, dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Signature:
    """Identifies one version of the file: a writer always replaces it with a new inode."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> Signature:
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def doctor_hint(path: Path) -> str:
    return f"it was left untouched; run `quotebrowser doctor --db {path}` to diagnose it"


def parse(raw: bytes, path: Path, database: Path | None = None) -> Tables | None:
    """The tables in `raw`, validated as ours; None for an empty file. Raises StoreError.
    `database`: the database `path` is a part of (a shard), which the message names: that is
    the file the user can repair."""
    if not raw.strip():
        return None
    if orjson is not None:
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError:
            pass  # let `json` explain the problem, with line and column
        else:
            check_schema(data, path, database)
            return data
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise StoreError(_unreadable(path, database, "not UTF-8 text")) from exc
    except json.JSONDecodeError as exc:
        raise StoreError(
            _unreadable(
                path, database, f"invalid JSON: {exc.msg}, line {exc.lineno} column {exc.colno}"
            )
        ) from exc
    check_schema(data, path, database)
    return data


def _unreadable(path: Path, database: Path | None, why: str) -> str:
    if database is None:
        return f"{path} is not a quotebrowser database ({why}); {doctor_hint(path)}"
    return f"the database {database} is damaged: its shard {path.name} is unreadable ({why}); " + (
        doctor_hint(database)
    )


def schema_problem(data: Any) -> str | None:
    """Why `data` is not a database of ours, or None when it is."""
    if not isinstance(data, dict):
        return "the JSON is not an object of tables"
    meta = data.get(META_TABLE)
    if not isinstance(meta, dict) or not meta:
        return "no quotebrowser marker; it looks like some other program's file"
    record = next(iter(meta.values()))
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return "no quotebrowser marker; it looks like some other program's file"
    schema = record.get("schema")
    if not isinstance(schema, int):
        return "its schema version is missing"
    if schema > SCHEMA_VERSION:
        return (
            f"it was written by a newer quotebrowser (schema {schema}; "
            f"this one reads {SCHEMA_VERSION})"
        )
    for name, table in data.items():
        if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
            return f"its table {name!r} is malformed"
    return None


def check_schema(data: Any, path: Path, database: Path | None = None) -> None:
    problem = schema_problem(data)
    if problem is None:
        return
    if database is None:
        raise StoreError(
            f"{path} is not a usable quotebrowser database: {problem}; {doctor_hint(path)}"
        )
    raise StoreError(
        f"the database {database} is damaged: its shard {path.name} is not usable ({problem}); "
        + doctor_hint(database)
    )


def generation(data: Tables | None) -> int:
    """How many commits the file has seen (0 for a new database)."""
    if not data or META_TABLE not in data:
        return 0
    record = next(iter(data[META_TABLE].values()), {})
    value = record.get("generation", 0)
    return value if isinstance(value, int) else 0


def schema_of(data: Tables | None) -> int:
    """The schema version of parsed tables (an empty database counts as the current one)."""
    if not data or META_TABLE not in data:
        return SCHEMA_VERSION
    value = next(iter(data[META_TABLE].values()), {}).get("schema")
    return value if isinstance(value, int) else SCHEMA_VERSION


def marker(gen: int, kind: str = "manifest") -> dict[str, Any]:
    return {"1": {"format": FORMAT, "schema": SCHEMA_VERSION, "generation": gen, "kind": kind}}


def stamped(data: Tables, gen: int, kind: str = "manifest") -> Tables:
    """`data` marked as generation `gen` of a file of ours (the marker table first, so the
    first bytes of the file tell it from others)."""
    ordered = {META_TABLE: marker(gen, kind)}
    ordered.update((k, v) for k, v in data.items() if k != META_TABLE)
    return ordered


def encode(ordered: Tables) -> bytes:
    if orjson is not None:
        with contextlib.suppress(TypeError):  # e.g. a lone surrogate: `json` copes
            return orjson.dumps(ordered)
    try:
        return json.dumps(ordered, ensure_ascii=False, separators=(",", ":")).encode()
    except UnicodeEncodeError:  # a lone surrogate: escaped, it is still valid JSON
        return json.dumps(ordered, separators=(",", ":")).encode()


def atomic_write(path: Path, payload: bytes, *, sync_dir: bool = True) -> None:
    """Replace `path` with `payload`: temp file in the same folder, fsync, `os.replace`.

    `sync_dir=False` leaves the folder's fsync to the caller (one for many files).
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMP_SUFFIX)
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, path.stat().st_mode & 0o777)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync_dir:
        fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk (POSIX).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class FileStorage(Storage):
    """A TinyDB storage for one of the store's files: `read` parses and checks it (None for a
    missing or empty file; StoreError for one that is not ours), `write` replaces it atomically.
    `sync_dir=False` leaves the folder's fsync to the caller (one for a commit's shards);
    `database`: the database the file is a part of (a shard's), named in messages."""

    def __init__(self, path: Path, *, sync_dir: bool = True, database: Path | None = None) -> None:
        self.path = path
        self.sync_dir = sync_dir
        self.database = database
        self.signature: Signature | None = None  # of the version last read

    def read(self) -> Tables | None:
        try:
            with self.path.open("rb") as fh:
                self.signature = Signature.of(os.fstat(fh.fileno()))
                raw = fh.read()
        except FileNotFoundError:
            self.signature = None
            return None
        except IsADirectoryError as exc:
            raise StoreError(f"{self.path} is a folder, not a database file") from exc
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        return parse(raw, self.path, self.database)

    def write(self, data: Tables) -> None:
        """`data` as it is: a caller writing a new generation stamps it first (`stamped`)."""
        try:
            if not self.sync_dir:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, encode(data), sync_dir=self.sync_dir)
        except OSError as exc:
            raise StoreError(f"cannot write {self.path}: {exc.strerror or exc}") from exc


class DatabaseFile:
    """One database file: read it, check it is ours, replace it atomically under a lock."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock_path = path.with_name(path.name + ".lock")

    def check_header(self) -> None:
        """Cheap check on open: a file that does not start like ours is parsed in full now."""
        try:
            with self.path.open("rb") as fh:
                head = fh.read(len(HEADER) + 16)
        except FileNotFoundError:
            return
        except IsADirectoryError as exc:
            raise StoreError(f"{self.path} is a folder, not a database file") from exc
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from exc
        if head.lstrip().startswith(HEADER) or not head.strip():
            return
        self.load()

    def load(self) -> tuple[Tables | None, Signature | None]:
        """The parsed tables (None when the file is missing or empty) and the version read."""
        storage = FileStorage(self.path)
        data = storage.read()
        return data, storage.signature

    def signature(self) -> Signature | None:
        try:
            return Signature.of(self.path.stat())
        except OSError:
            return None

    def save(self, data: Tables, gen: int) -> Signature | None:
        """Write `data` as generation `gen`. Call with the lock held."""
        FileStorage(self.path).write(stamped(data, gen))
        return self.signature()

    @contextlib.contextmanager
    def locked(
        self, timeout: float = 600.0, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[None]:
        """Hold the cross-process write lock; waits for another writer to finish."""
        # Deferred: filelock brings logging and asyncio pieces (20-40 ms), which a process
        # that only reads (`quotes`, the app's start) never needs.
        from filelock import FileLock, Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for {self.path}: {exc.strerror or exc}"
            ) from exc
        lock = FileLock(self.lock_path)
        try:
            try:
                lock.acquire(timeout=0.5)
            except Timeout:
                if on_wait is not None:
                    on_wait(f"waiting for another quotebrowser process writing {self.path}")
                lock.acquire(timeout=timeout)
        except Timeout as exc:
            raise StoreError(
                f"{self.path} stayed locked by another process for {timeout:.0f} s; try again later"
            ) from exc
        except OSError as exc:
            raise StoreError(f"cannot lock {self.path}: {exc.strerror or exc}") from exc
        try:
            self.remove_stale_temps()
            yield
        finally:
            lock.release()

    def stale_temps(self) -> list[Path]:
        """Temp files a killed writer left behind (only safe to delete under the lock)."""
        try:
            return sorted(self.path.parent.glob(f".{self.path.name}.*{TEMP_SUFFIX}"))
        except OSError:
            return []

    def remove_stale_temps(self) -> None:
        for tmp in self.stale_temps():
            with contextlib.suppress(OSError):
                tmp.unlink()


class MemoryStorage(Storage):
    """A TinyDB storage over tables held in memory: a commit's view of the files it changes.
    It holds a copy of the table mapping (TinyDB replaces a table it writes, never changes the
    rows it keeps), so the tables it was given stay as they were read; `dirty` once written."""

    def __init__(self, data: Tables | None = None) -> None:
        self.data: Tables = dict(data) if data is not None else {}
        self.dirty = False

    def read(self) -> Tables:
        return self.data

    def write(self, data: Tables) -> None:
        self.data = data
        self.dirty = True


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def tables_of(db: TinyDB) -> Tables:
    """A TinyDB's tables as its storage holds them: rows read without TinyDB's copy of each (a
    snapshot reads a million), never to be changed in place."""
    return db.storage.read() or {}


def rows_of(db: TinyDB, table: str) -> dict[str, dict[str, Any]]:
    return tables_of(db).get(table, {})


def in_memory(data: Tables | None = None) -> TinyDB:
    return TinyDB(storage=MemoryStorage, data=data)
