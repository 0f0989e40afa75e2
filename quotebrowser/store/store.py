"""The quote store: documents, quotes and variant pairs in shard files, named by a manifest.

The path users give (`quotes.json`) is the manifest: a small TinyDB file naming the shard files
(`quotes.json.shards/`, see shards.py) with their generations, the identity merges and the names
kept apart. Beside it: article texts (`quotes.json.texts/`) and the derived index
(`quotes.json.index`, see index.py) that readers consult instead of parsing every quote.

Readers never lock: a commit writes new shard files and then replaces the manifest atomically, so
a reader sees one whole version. Writers take the lock, re-read the manifest when another process
has replaced it since (so two writers merge instead of overwriting each other), load only the
shards they change, and commit once. A database in the single-file layout of before is migrated
on first open, its file kept as a backup.
"""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import gc
import itertools
import os
import re
import shutil
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from tinydb import TinyDB

from quotebrowser import identity
from quotebrowser.model import QUOTE_FIELDS, REPORTED, Document, Quote
from quotebrowser.sources import metadata
from quotebrowser.sources.files import read_file
from quotebrowser.store import corrections
from quotebrowser.store import index as ix
from quotebrowser.store.corrections import Correction
from quotebrowser.store.profiles import Tally, fold, profiles_from_tally
from quotebrowser.store.records import (
    DocumentInfo,
    Snapshot,
    SpeakerProfile,
    StoreError,
)
from quotebrowser.store.shards import (
    DOCUMENTS,
    GRACE,
    QUOTES,
    VARIANTS,
    MissingShard,
    Shard,
    ShardFiles,
    empty_shard,
    is_full,
    next_id,
    shards_dir,
)
from quotebrowser.store.storage import (
    SINGLE_FILE_SCHEMA,
    DatabaseFile,
    MemoryStorage,
    Signature,
    Tables,
    atomic_write,
    generation,
    now_iso,
    schema_of,
)
from quotebrowser.store.texts import TextStore, texts_dir
from quotebrowser.store.variants import content_words

SHARDS = "shards"  # the manifest's list of shard files, in archive order
MERGES = "merges"  # the names identity merged, rewritten with each change (derived)
KEPT_APART = "kept_apart"  # names the user split off: they stay as written
RETIRED = "retired"  # replaced shard files kept GRACE seconds for readers of older manifests
REBIND = "_rebind_quotes"  # in memory only: the quotes corrections are bound to again
COMMIT_INTERVAL = 3.0  # seconds of ingest work between commits
COMMIT_DOCUMENTS = 500  # or this many documents, whichever comes first: memory stays bounded
# Set on a document row whose quotes may be incomplete (doctor's salvage lost some): the next
# ingest of its file extracts it again instead of calling it unchanged.
INCOMPLETE = "incomplete"
BACKUP_SUFFIX = ".single-file-backup"

ProgressFn = Callable[[int, int, str], None]


_quote_values = itemgetter(*QUOTE_FIELDS)


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    try:
        return Quote(*_quote_values(row))
    except KeyError:  # a row from before a field was added: its default
        return Quote.from_dict(dict(row))


def quote_row(q: Quote) -> dict[str, Any]:
    return {f: getattr(q, f) for f in QUOTE_FIELDS}


def check_quotes(document: Document, quotes: Sequence[Quote]) -> None:
    """The invariant every stored quote keeps: its offsets give its text in its document."""
    for q in quotes:
        if q.source != document.source or document.text[q.start : q.end] != q.text:
            raise ValueError(f"quote {q.id} does not match {document.source} at {q.start}:{q.end}")


def shard_rows(manifest: Tables) -> list[dict[str, Any]]:
    return list(manifest.get(SHARDS, {}).values())


def shard_state(manifest: Tables) -> str:
    return state_for(manifest, generation(manifest))


def state_for(manifest: Tables, gen: int) -> str:
    """What the index records of the manifest it was built for (see index.state_of)."""
    return ix.state_of({row["name"]: row["generation"] for row in shard_rows(manifest)}, gen)


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
                        raise StoreError(f"{self.files.path(file)} does not hold {count} quotes")
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


class Commit:
    """One write under the lock: the shards it loads (and how they were), the manifest it will
    write, and the index transaction it runs in."""

    def __init__(self, store: Store, manifest: Tables, con: sqlite3.Connection) -> None:
        self.store = store
        self.manifest = {name: dict(table) for name, table in manifest.items()}
        self.manifest.setdefault(SHARDS, {})
        self.con = con
        self.rows = {row["name"]: dict(row) for row in shard_rows(manifest)}
        self.before: dict[str, Shard] = {}
        self.shards: dict[str, Shard] = {}
        self.changed: set[str] = set()
        self.manifest_changed = False
        self.after: list[Callable[[], None]] = []
        self._next: dict[tuple[str, str], int] = {}

    def shard(self, name: str) -> Shard:
        """Shard `name` to change (read on first use); marked as changed."""
        shard = self.peek(name)
        self.changed.add(name)
        return shard

    def peek(self, name: str) -> Shard:
        if name not in self.shards:
            row = self.rows.get(name)
            before = self.store.shard_files.load(row["file"]) if row else empty_shard()
            self.before[name] = before
            self.shards[name] = {table: dict(rows) for table, rows in before.items()}
        return self.shards[name]

    def next_key(self, name: str, table: str) -> str:
        """A new TinyDB document id in a table of shard `name` (counted once per commit)."""
        rows = self.shard(name)[table]
        n = self._next.get((name, table)) or next_id(rows)
        self._next[(name, table)] = n + 1
        return str(n)

    def open_shard(self) -> str:
        """The shard new documents go to: the last one while it has room, else a new one."""
        names = sorted(set(self.rows) | set(self.shards))
        if names and not is_full(self.peek(names[-1])):
            self.shard(names[-1])
            return names[-1]
        name = f"{int(names[-1]) + 1 if names else 1:06d}"
        self.shards[name] = empty_shard()
        self.before[name] = empty_shard()
        self.changed.add(name)
        return name

    def loaded(self) -> list[str]:
        return sorted(self.shards)

    @contextlib.contextmanager
    def tables(self, quotes_of: Iterable[str] = ()) -> Iterator[TinyDB]:
        """The manifest's tables as a TinyDB (the corrections module works on one), with the
        quote rows of the shards loaded for these sources in a table of their own."""
        wanted = set(quotes_of)
        rows = [
            row
            for name in self.loaded()
            for row in self.shards[name][QUOTES].values()
            if row["source"] in wanted
        ]
        data = dict(self.manifest)
        data[REBIND] = {str(i): row for i, row in enumerate(rows, 1)}
        db = TinyDB(storage=MemoryStorage, data=data)
        yield db
        storage = db.storage
        assert isinstance(storage, MemoryStorage)
        if storage.dirty:
            storage.data.pop(REBIND, None)
            self.manifest = storage.data
            self.manifest_changed = True


TallyKey = tuple[str | None, str, str | None, str | None]  # speaker, group, role, written


def _tally_key(row: Mapping[str, Any]) -> TallyKey:
    """A quote row's (speaker, group, role, name as written), as the index tallies them."""
    return (
        row.get("speaker") or None,
        row["group"],
        row.get("role") or None,
        row.get("written_as") or None,
    )


def _fixed_ids(fixes: Iterable[Mapping[str, Any]]) -> list[str]:
    return [row["quote_id"] for row in fixes if row["quote_id"]]


def _recount(
    rows: Iterable[Tally],
    stored: Sequence[Mapping[str, Any]],
    corrected: Sequence[Mapping[str, Any]],
    names: Iterable[Mapping[str, Any]],
    *,
    rejected_count: bool,
) -> dict[TallyKey, int]:
    """The index's speaker tallies as the user's corrections show them: each corrected quote
    (`stored`, and as `corrected`) counted as corrected instead of as stored, each renamed
    speaker under the new name. A quote marked "not a quote" counts for no one unless
    `rejected_count` (a query with show:rejected must still find its speaker)."""
    counts: dict[TallyKey, int] = {}
    for speaker, group, role, written, n in rows:
        counts[(speaker, group, role, written)] = counts.get((speaker, group, role, written), 0) + n
    for before, after in zip(stored, corrected, strict=True):
        counts[_tally_key(before)] = counts.get(_tally_key(before), 0) - 1
        if rejected_count or not after.get("rejected"):
            counts[_tally_key(after)] = counts.get(_tally_key(after), 0) + 1
    renamed = corrections.name_map(names)
    merged: dict[TallyKey, int] = {}
    for (speaker, group, role, written), n in counts.items():
        if n <= 0:
            continue
        target = renamed.get(fold(speaker)) if speaker else None
        if target is not None and target != speaker:
            written, speaker = written or speaker, target
        key = (speaker, group, role, written)
        merged[key] = merged.get(key, 0) + n
    return merged


class Store:
    """A quote database. Cheap to create; files are read on first use."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        on_wait: Callable[[str], None] | None = None,
        check: bool = True,
    ) -> None:
        """Raises StoreError for a file that is not a database of ours (`check=False` skips
        that: only for `doctor`, which replaces a damaged file after backing it up)."""
        self.path = Path(path).expanduser().absolute()
        self.texts = TextStore(texts_dir(self.path))
        self.shard_files = ShardFiles(shards_dir(self.path))
        self.index = ix.Index(ix.index_path(self.path))
        self.on_wait = on_wait  # told when a write waits for another process's lock
        self.commit_interval = COMMIT_INTERVAL
        self.commit_documents = COMMIT_DOCUMENTS
        self._file = DatabaseFile(self.path)
        if check:
            self._file.check_header()
        self._manifest: Tables | None = None
        self._sig: Signature | None = None
        self._indexed: str | None = None  # the manifest state the index was last found at
        self._checked: Tables | None = None  # the manifest read when it was found so

    # -- reading -------------------------------------------------------------------------------

    def _read_manifest(self, *, locked: bool = False) -> Tables:
        """The manifest as on disk now: re-read only when the file was replaced since. A
        single-file database is migrated first (`locked`: the caller holds the lock)."""
        if self._manifest is not None and self._file.signature() == self._sig:
            return self._manifest
        data, sig = self._file.load()
        if data and schema_of(data) == SINGLE_FILE_SCHEMA:
            if locked:
                self._migrate_locked()
            else:
                with self._file.locked(on_wait=self.on_wait):
                    self._migrate_locked()
            data, sig = self._file.load()
        self._manifest, self._sig = data or {}, sig
        return self._manifest

    def _current(self, *, locked: bool = False) -> Tables:
        """The manifest, with the index brought in step with it (rebuilt when stale)."""
        manifest = self._read_manifest(locked=locked)
        if manifest is self._checked:
            return manifest  # the file is as when last checked (a stat, not a walk of shards)
        if not shard_rows(manifest):
            return manifest
        state = shard_state(manifest)
        if self._indexed == state:
            return manifest
        if self._index_state() != state:
            if locked:
                self._rebuild_index(manifest)
            else:
                with self._file.locked(on_wait=self.on_wait):
                    manifest = self._read_manifest(locked=True)
                    state = shard_state(manifest)
                    if self._index_state() != state:
                        self._rebuild_index(manifest)
        self._indexed, self._checked = state, manifest
        return manifest

    def _index_state(self) -> str | None:
        try:
            return self.index.state()
        except sqlite3.DatabaseError:
            return None

    def _rebuild_index(self, manifest: Tables) -> None:
        """Fill the index again from the shards the manifest names. Call with the lock held."""
        try:
            self.index.close()
            self.index.state()  # opens it: a damaged file fails here
        except sqlite3.DatabaseError:
            self.index.discard()
        rows = shard_rows(manifest)
        try:
            self.index.rebuild(
                ((row["name"], self.shard_files.load(row["file"])) for row in rows),
                shard_state(manifest),
            )
        except sqlite3.DatabaseError:
            self.index.discard()
            self.index.rebuild(
                ((row["name"], self.shard_files.load(row["file"])) for row in rows),
                shard_state(manifest),
            )

    def reload(self) -> None:
        """Forget what was read; the next read looks at the files again."""
        self._manifest = None
        self._indexed = self._checked = None

    def exists(self) -> bool:
        return self.path.is_file()

    def signature(self) -> Signature | None:
        """Identifies the manifest's current version (None: no file): changes with every
        commit."""
        return self._file.signature()

    def create(self) -> bool:
        """Write an empty database when there is no file yet, so that other processes (the
        app deciding whether to seed) see that this one is in use. True if it was created."""
        if self.exists():
            return False
        with self._file.locked(on_wait=self.on_wait):
            if self.exists():
                return False
            self._sig = self._file.save({SHARDS: {}}, 1)
            self._manifest = None
        return True

    def stored_whole(self, source: str, digest: str) -> tuple[str | None, str | None]:
        """What ingest asks of each article before extracting it, looked up in the index so
        that no catalogue of the archive is held in memory: the content hash stored for
        `source` (None unless its quotes are all stored), and the latest source stored whole
        with content `digest` (None if none)."""
        if not shard_rows(self._current()):
            return None, None
        rows = self.index.query(
            "SELECT source, hash FROM docs WHERE (source=? OR hash=?) AND NOT incomplete "
            "ORDER BY shard, seq",
            (source, digest),
        )
        own = next((h for s, h in rows if s == source), None)
        holder = next((s for s, h in reversed(rows) if h == digest), None)
        return own, holder

    def is_empty(self) -> bool:
        return not any(row["documents"] for row in shard_rows(self._read_manifest()))

    def quote_count(self) -> int:
        return sum(row["quotes"] for row in shard_rows(self._read_manifest()))

    def documents(self) -> dict[str, DocumentInfo]:
        """By source, in ingest order."""
        if not shard_rows(self._current()):
            return {}
        return {row["source"]: DocumentInfo.from_dict(row) for row in self.index.documents()}

    def document_info(self, source: str) -> DocumentInfo | None:
        row = self._document_row(source)
        return DocumentInfo.from_dict(row) if row else None

    def _document_row(self, source: str) -> dict[str, Any] | None:
        if not shard_rows(self._current()):
            return None
        return self.index.document(source)

    def snapshot(self) -> Snapshot:
        """Every quote (read shard by shard as they are first used), document and variant."""
        manifest = self._current()
        parts = [(row["file"], row["quotes"]) for row in shard_rows(manifest)]
        return Snapshot(
            quotes=ShardedQuotes(self.shard_files, parts, self._overlay()),
            documents=self.documents(),
            variants=LazyVariants(self.variant_map),
        )

    def variant_map(self) -> dict[str, tuple[str, ...]]:
        """Quote id -> ids of its close variants in other documents, closest first."""
        if not shard_rows(self._current()):
            return {}
        return variant_map(self.index.all_pairs())

    def speakers(self) -> list[SpeakerProfile]:
        """Who is quoted, as corrected: a span marked "not a quote" counts for no one. From
        the index's counts, the user's corrections applied to them."""
        manifest = self._current()
        if not shard_rows(manifest):
            return []
        rows, documents = self.index.tallies()
        reported = self.index.tally_rows("rprof")  # counted apart from the quotations
        fixes = list(manifest.get(corrections.CORRECTIONS, {}).values())
        names = list(manifest.get(corrections.NAMES, {}).values())
        if fixes or names:
            rows, documents = self._corrected_tallies(rows, documents, fixes, names)
            stored, corrected = self._fixed_quotes(fixes)
            pairs = [
                (a, b) for a, b in zip(stored, corrected, strict=True) if a.get("kind") == REPORTED
            ]
            merged = _recount(
                reported, [a for a, _ in pairs], [b for _, b in pairs], names, rejected_count=False
            )
            reported = [(*key, n) for key, n in merged.items()]
        return profiles_from_tally(rows, documents, reported)

    def _corrected_tallies(
        self,
        rows: list[Tally],
        documents: dict[str, int],
        fixes: list[dict[str, Any]],
        names: list[dict[str, Any]],
    ) -> tuple[list[Tally], dict[str, int]]:
        """The speaker counts as the user's corrections show them: each corrected quote
        counted as corrected instead of as stored, each renamed speaker under the new name."""
        stored, corrected = self._fixed_quotes(fixes)
        merged = _recount(rows, stored, corrected, names, rejected_count=False)
        sources: dict[str, set[str]] = {}
        for after in corrected:
            if after.get("speaker") and not after.get("rejected"):
                sources.setdefault(fold(after["speaker"]), set()).add(after["source"])
        renamed = corrections.name_map(names)
        # Documents per person: counted again for the people the corrections touch.
        touched = {fold(name) for name in renamed} | set(renamed.values()) | set(sources)
        touched |= {fold(r.get("speaker") or "") for r in stored}
        touched = {fold(name) for name in touched if name}
        if touched:
            found: dict[str, set[str]] = {}
            for batch in ix.chunks(touched):
                for key, source in self.index.query(
                    f"SELECT key, source FROM profdocs WHERE key IN ({ix.marks(len(batch))})",
                    batch,
                ):
                    target = renamed.get(key)
                    found.setdefault(fold(target) if target else key, set()).add(source)
            for key, more in sources.items():
                found.setdefault(key, set()).update(more)
            documents = {**documents, **{key: len(found_) for key, found_ in found.items()}}
        return [(*key, n) for key, n in merged.items()], documents

    def _fixed_quotes(
        self, fixes: list[dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The quote rows the user's corrections name: as stored, and as corrected."""
        stored = self.index.quotes_of_speakers((), _fixed_ids(fixes))
        return stored, corrections.overlay(stored, fixes, [])

    def speaker_names(self) -> list[tuple[str | None, str, str | None, int]]:
        """(speaker, group, role, quotes) of each distinct spelling (None: unattributed), as
        the user's corrections show them: what a query needs to choose speakers without
        reading their quotes. A quote marked "not a quote" still counts (show:rejected)."""
        manifest = self._current()
        if not shard_rows(manifest):
            return []
        fixes = list(manifest.get(corrections.CORRECTIONS, {}).values())
        names = list(manifest.get(corrections.NAMES, {}).values())
        if not fixes and not names:
            return self.index.speaker_names()
        stored, corrected = self._fixed_quotes(fixes)
        merged = _recount(self.index.tally_rows(), stored, corrected, names, rejected_count=True)
        spellings: Counter[tuple[str | None, str, str | None]] = Counter()
        for (speaker, group, role, _), n in merged.items():
            spellings[(speaker, group, role)] += n
        return [(*key, n) for key, n in spellings.items()]

    def snapshot_of_speakers(self, names: Iterable[str | None]) -> Snapshot:
        """The quotes of these speakers (exact spellings, as corrected; None: unattributed), in
        archive order, with their documents and variants: a query's candidates, read from the
        index (with the stored spellings renamed to them and the quotes corrected to them)."""
        manifest = self._current()
        if not shard_rows(manifest):
            return Snapshot(quotes=[], documents={}, variants={})
        chosen = {name or None for name in names}
        fixes = list(manifest.get(corrections.CORRECTIONS, {}).values())
        renamed = corrections.name_map(manifest.get(corrections.NAMES, {}).values())
        stored_names = set(chosen)
        if renamed:
            stored_names |= {
                speaker
                for speaker, *_ in self.index.speaker_names()
                if speaker and renamed.get(fold(speaker)) in chosen
            }
        rows = self._corrected(self.index.quotes_of_speakers(stored_names, _fixed_ids(fixes)))
        quotes = [quote_from_row(row) for row in rows if (row.get("speaker") or None) in chosen]
        sources = {q.source for q in quotes}
        documents = {}
        for batch in ix.chunks(sources):
            for (info,) in self.index.query(
                f"SELECT info FROM docs WHERE source IN ({ix.marks(len(batch))}) "
                "ORDER BY shard, seq",
                batch,
            ):
                row = ix.loads(info)
                documents[row["source"]] = DocumentInfo.from_dict(row)
        variants = variant_map(self.index.pairs_of(q.id for q in quotes))
        return Snapshot(quotes=quotes, documents=documents, variants=variants)

    def find_by_prefix(self, prefix: str) -> list[Quote]:
        """Quotes whose id starts with `prefix` (a whole id gives at most one)."""
        prefix = prefix.strip().lower()
        if not prefix or not shard_rows(self._current()):
            return []
        rows = self.index.quote_rows("id >= ? AND id < ?", (prefix, prefix + "\uffff"))
        return [quote_from_row(row) for row in self._corrected(rows)]

    def get_quote(self, quote_id: str) -> Quote | None:
        """The quote with this id, or with this unique id prefix."""
        found = self.find_by_prefix(quote_id)
        return found[0] if len(found) == 1 else None

    def variants(self, quote_id: str) -> list[Quote]:
        """Close variants of the quote in other documents, closest first."""
        quote = self.get_quote(quote_id)
        if quote is None:
            return []
        ids = variant_map(self.index.pairs_of([quote.id])).get(quote.id, ())
        rank = {qid: i for i, qid in enumerate(ids)}
        rows = []
        for batch in ix.chunks(rank):
            rows.extend(self.index.quote_rows(f"id IN ({ix.marks(len(batch))})", batch))
        return sorted((quote_from_row(r) for r in self._corrected(rows)), key=lambda v: rank[v.id])

    def document_text(self, source: str) -> str | None:
        """The stored article text; failing that the file itself if it is still unchanged."""
        row = self._document_row(source)
        if row is None:
            return None
        digest = row["content_hash"]
        text = self.texts.get(digest)
        if text is None and not source.startswith("<"):
            found = read_file(Path(source))
            if isinstance(found, Document) and found.content_hash == digest:
                text = found.text
        return text

    def merges(self) -> list[identity.Merge]:
        """The names shown under another name, and why ("surname", "spelling", ...)."""
        return [identity.Merge(**row) for row in self._read_manifest().get(MERGES, {}).values()]

    # -- the user's corrections (quotebrowser.store.corrections) ---------------------------------

    def _overlay(self) -> Overlay:
        """Quote rows as the user corrected them: the one hook every read of quotes goes
        through (the corrections as of this manifest)."""
        manifest = self._read_manifest()
        fixes = list(manifest.get(corrections.CORRECTIONS, {}).values())
        names = list(manifest.get(corrections.NAMES, {}).values())
        return lambda rows: corrections.overlay(rows, fixes, names)

    def _corrected(self, rows: list[dict[str, Any]]) -> list[Mapping[str, Any]]:
        return self._overlay()(rows)

    def correct(
        self,
        quote_id: str,
        *,
        speaker: str | None = None,
        role: str | None = None,
        group: str | None = None,
        reject: bool = False,
    ) -> Correction:
        """Set a quote's speaker (role and group: as given, else as the archive knows that
        person), or mark it not a quote. Raises StoreError for an unknown id."""
        with self._writing() as c:
            quote = self._one(quote_id)
            if reject:
                with c.tables() as db:
                    return corrections.add(db, quote, "reject", now_iso())
            if speaker is None or not speaker.strip():
                raise StoreError("a speaker correction needs a name")
            speaker = " ".join(speaker.split())
            known = self.speaker(speaker)
            if known is not None:
                speaker = known.name
                role = role if role is not None else known.role
                group = group or known.group
            with c.tables() as db:
                return corrections.add(
                    db,
                    quote,
                    "speaker",
                    now_iso(),
                    speaker=speaker,
                    role=role,
                    group=group or "other",
                )

    def undo_correction(self, quote_id: str | None = None) -> Correction | None:
        """Take back the last correction (of that quote, when given)."""
        with self._writing() as c:
            target = self._one(quote_id).id if quote_id else None
            with c.tables() as db:
                return corrections.undo(db, target)

    def corrections(self) -> list[Correction]:
        """Every correction, in the order made."""
        rows = self._read_manifest().get(corrections.CORRECTIONS, {}).values()
        return [Correction.from_row(r) for r in sorted(rows, key=lambda r: r["seq"])]

    def unapplied_corrections(self, sources: Iterable[str]) -> list[Correction]:
        """Corrections of these articles whose quote's words are no longer found."""
        rows = self._read_manifest().get(corrections.CORRECTIONS, {}).values()
        return corrections.unapplied(rows, sources)

    def rename_speaker(self, old: str, new: str, *, merge: bool = False) -> int:
        """Show `old`'s quotes under `new` (with `merge`, `new` must be a known speaker too).
        The number of quotes renamed; StoreError names an unknown speaker."""
        with self._writing() as c:
            found, target = self.speaker(old), self.speaker(new)
            if found is None:
                raise StoreError(f"no speaker {old!r} in {self.path}")
            if merge and target is None:
                raise StoreError(f"no speaker {new!r} in {self.path}")
            shown = target.name if target else " ".join(new.split())
            with c.tables() as db:
                corrections.set_name(db, found.name, shown, now_iso())
            return found.quotes

    def speaker(self, name: str) -> SpeakerProfile | None:
        """The profile of the speaker of that name (case and accents aside), if quoted."""
        key = fold(name)
        return next((p for p in self.speakers() if fold(p.name) == key), None)

    def _one(self, quote_id: str) -> Quote:
        found = self.find_by_prefix(quote_id)
        if not found:
            raise StoreError(f"no quote with id {quote_id!r} in {self.path}")
        if len(found) > 1:
            raise StoreError(
                f"{len(found)} quotes have ids starting with {quote_id!r}; give more characters"
            )
        return found[0]

    # -- writing -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Commit]:
        """Lock, bring what was read up to date, let the caller change shards, commit once:
        new shard files, then the manifest (the commit), then the index transaction."""
        with self._file.locked(on_wait=self.on_wait), _collector_paused():
            try:
                manifest = self._current(locked=True)
                with self.index.transaction() as con:
                    commit = Commit(self, manifest, con)
                    yield commit
                    self._commit(commit)
                for fn in commit.after:
                    fn()
            except BaseException:
                self.reload()  # the files are the truth
                raise

    def _commit(self, c: Commit) -> None:
        changed = sorted(name for name in c.changed if c.shards[name] != c.before[name])
        if not changed and not c.manifest_changed:
            return
        gen = generation(c.manifest) + 1
        now = time.time()
        retired = [r for r in c.manifest.get(RETIRED, {}).values() if now - r["at"] <= GRACE]
        expired = {r["file"] for r in c.manifest.get(RETIRED, {}).values()} - {
            r["file"] for r in retired
        }
        for name in changed:
            ix.apply_changes(c.con, name, c.before[name], c.shards[name])
            shard = c.shards[name]
            old = c.rows.get(name)
            if old is not None:
                retired.append({"file": old["file"], "at": now})
            if not shard[DOCUMENTS] and not shard[QUOTES] and not shard[VARIANTS]:
                c.rows.pop(name, None)
                continue
            c.rows[name] = {
                "name": name,
                "file": self.shard_files.write(name, gen, shard),
                "generation": gen,
                "documents": len(shard[DOCUMENTS]),
                "quotes": len(shard[QUOTES]),
            }
        if changed:
            self.shard_files.sync()
        manifest = dict(c.manifest)
        manifest[SHARDS] = {str(i): c.rows[n] for i, n in enumerate(sorted(c.rows), 1)}
        manifest[RETIRED] = {str(i): r for i, r in enumerate(retired, 1)}
        ix.Index.set_state(c.con, state_for(manifest, gen))
        self._sig = self._file.save(manifest, gen)  # the commit
        self._manifest = None
        named = {row["file"] for row in c.rows.values()}
        self.shard_files.remove(expired - named)
        self.shard_files.tidy(named, {r["file"] for r in retired}, now)

    def add(self, document: Document, quotes: Sequence[Quote]) -> str:
        """Store one document and its quotes: "added", "unchanged" or "replaced"."""
        return self.add_many([(document, quotes)])[0]

    def add_many(self, items: Iterable[tuple[Document, Sequence[Quote]]]) -> list[str]:
        """Store documents with their quotes in one commit; a status for each, in order."""
        items = list(items)
        for document, quotes in items:
            check_quotes(document, quotes)
        statuses: list[str] = []
        with self._writing() as c:
            known = self.index.catalogue(
                (d.source for d, _ in items), (d.content_hash for d, _ in items)
            )
            existing = {source: shard for source, shard, _, _ in known}
            stored_hash = {source: digest for source, _, digest, _ in known}
            hashes = {source: digest for source, _, digest, bad in known if not bad}
            by_hash = {digest: source for source, digest in hashes.items()}
            batch: dict[str, tuple[Document, Sequence[Quote]]] = {}
            moves: dict[str, str] = {}
            for document, quotes in items:
                digest, source = document.content_hash, document.source
                known_digest = hashes.get(source)
                original = by_hash.get(digest)
                if known_digest == digest:
                    statuses.append("unchanged")
                elif source not in existing and original is not None:
                    # The same text under another name: a move when the old file is gone.
                    if _is_gone(original) and original not in moves:
                        moves[original] = source
                        by_hash[digest] = source
                        statuses.append("moved")
                    else:
                        statuses.append("copy")
                else:
                    statuses.append("replaced" if source in existing else "added")
                    hashes[source] = digest
                    by_hash.setdefault(digest, source)
                    batch[source] = (document, quotes)
            if moves:
                # (An original that is itself in this batch is not stored yet: nothing to move.)
                stored = {old: new for old, new in moves.items() if old in existing}
                self._move(c, {old: existing[old] for old in stored}, stored)
                with c.tables() as db:
                    corrections.move(db, moves)
            if batch:
                self._apply(c, existing, stored_hash, batch)
            if batch or moves:
                self._canonicalise(c)
            if batch:
                with c.tables(batch) as db:  # the user's corrections find their quotes again
                    corrections.rebind(db, batch, REBIND)
        return statuses

    def _move(self, c: Commit, shard_of: dict[str, str], moves: dict[str, str]) -> None:
        """Rename documents (and their quotes) whose file moved; quote ids stay, so do
        citations."""
        for old, new in moves.items():
            shard = c.shard(shard_of[old])
            for table in (DOCUMENTS, QUOTES):
                for key, row in list(shard[table].items()):
                    if row["source"] == old:
                        shard[table][key] = {**row, "source": new}
        ix.move_entries(c.con, moves)

    def _remove(self, c: Commit, shard_of: Mapping[str, str]) -> set[str]:
        """Take these documents' quotes (and the variant pairs naming them) out of their
        shards; the ids removed."""
        gone: set[str] = set()
        for source, name in shard_of.items():
            shard = c.shard(name)
            for key, row in list(shard[QUOTES].items()):
                if row["source"] == source:
                    gone.add(row["id"])
                    del shard[QUOTES][key]
        for name in self.index.pair_shards(gone):
            pairs = c.shard(name)[VARIANTS]
            for key, pair in list(pairs.items()):
                if pair["a"] in gone or pair["b"] in gone:
                    del pairs[key]
        ix.discard_entries(c.con, gone)
        return gone

    def _apply(
        self,
        c: Commit,
        existing: dict[str, str],
        stored_hash: dict[str, str],
        batch: dict[str, tuple[Document, Sequence[Quote]]],
    ) -> None:
        replaced = {source: existing[source] for source in batch if source in existing}
        old_hashes = {stored_hash[source] for source in replaced}
        self._remove(c, replaced)
        stamp = now_iso()
        self.texts.put_many([document.text for document, _ in batch.values()])
        new_rows: list[tuple[str, dict[str, Any]]] = []  # (shard, quote row)
        for source, (document, quotes) in batch.items():
            row = document_row(document, quotes, stamp)
            if source in replaced:
                name = replaced[source]
                docs = c.shard(name)[DOCUMENTS]
                key = next(k for k, r in docs.items() if r["source"] == source)
                renewed = {**docs[key], **row}
                renewed.pop(INCOMPLETE, None)  # extracted again: complete
                docs[key] = renewed  # keeps its row: its place in ingest order
            else:
                name = c.open_shard()
                c.shard(name)[DOCUMENTS][c.next_key(name, DOCUMENTS)] = row
            table = c.shard(name)[QUOTES]
            for q in quotes:
                qrow = quote_row(q)
                table[c.next_key(name, QUOTES)] = qrow
                new_rows.append((name, qrow))
        words = {id(row): content_words(row["text"]) for _, row in new_rows}
        variants = ix.StoredVariants(c.con, set().union(*words.values()) if words else ())
        found = variants.match_all([(q, words[id(q)]) for _, q in new_rows])
        for (name, q), variants_of_q in zip(new_rows, found, strict=True):
            for other, score in variants_of_q:
                pairs = c.shard(name)[VARIANTS]
                pairs[c.next_key(name, VARIANTS)] = {"a": q["id"], "b": other, "score": score}
        variants.flush()
        if old_hashes:
            c.after.append(lambda: self._drop_texts(old_hashes))

    def _canonicalise(self, c: Commit) -> int:
        """One name per person across the archive (quotebrowser.identity): every quote's
        speaker becomes the name the archive shows; a name written otherwise stays in
        `written_as`. The merges made are recorded in the manifest. Only the shards holding
        quotes whose shown name changes are rewritten. The number of quotes renamed."""
        for name in c.loaded():
            gone, came = ix.diff(c.before[name][QUOTES], c.shards[name][QUOTES], "id")
            ix.count_triples(c.con, gone, came)
        apart = [row["name"] for row in c.manifest.get(KEPT_APART, {}).values()]
        # Decided from each name's count of articles; the articles themselves are read only for
        # the names one may decide (identity.resolve_tallies).
        identities = identity.resolve_tallies(
            ix.name_tallies(c.con),
            ix.triples_where(c.con, "name"),
            ix.triples_where(c.con, "source"),
            keep_apart=apart,
        )
        merged = set(identities.names).union(name for _, name in identities.in_article)
        changed = []
        for name, grp, source, shown in ix.shown_maybe_changed(c.con, merged):
            now_shown = identities.canonical(name, source)
            if now_shown != shown:
                changed.append((now_shown, name, grp, source))
        ix.set_shown(c.con, changed)
        sources = {source for *_, source in changed}
        names = set(c.loaded()) | set(self.index.shards_of(sources).values())
        renamed = 0
        for name in sorted(names):
            shard = c.peek(name)
            for key, row in list(shard[QUOTES].items()):
                if row["source"] not in sources:
                    continue
                written = row.get("written_as") or row["speaker"]
                if not written:
                    continue
                shown_name = identities.canonical(written, row["source"])
                as_written = None if shown_name == written else written
                if row["speaker"] != shown_name or row.get("written_as") != as_written:
                    renamed += row["speaker"] != shown_name
                    shard[QUOTES][key] = {**row, "speaker": shown_name, "written_as": as_written}
                    c.changed.add(name)
        recorded = [dataclasses.asdict(m) for m in identities.merges]
        if recorded != list(c.manifest.get(MERGES, {}).values()):
            c.manifest[MERGES] = {str(i): m for i, m in enumerate(recorded, 1)}
            c.manifest_changed = True
        return renamed

    def forget(self, sources: Iterable[str]) -> tuple[list[str], int]:
        """Remove these documents and their quotes: (the sources removed, quotes removed)."""
        wanted = set(sources)
        with self._writing() as c:
            known = [row for row in self.index.catalogue(wanted, ()) if row[0] in wanted]
            if not known:
                return [], 0
            shard_of = {source: shard for source, shard, _, _ in known}
            gone = self._remove(c, shard_of)
            for source, name in shard_of.items():
                docs = c.shard(name)[DOCUMENTS]
                for key, row in list(docs.items()):
                    if row["source"] == source:
                        del docs[key]
            with c.tables() as db:  # kept, waiting for the article to come back
                corrections.rebind(db, shard_of, REBIND)
            self._canonicalise(c)  # names merged through the forgotten quotes part again
            hashes = {digest for _, _, digest, _ in known}
            c.after.append(lambda: self._drop_texts(hashes))
        return [source for source, *_ in known], len(gone)

    def keep_apart(self, name: str) -> int:
        """Undo the merges of `name` (as written): its quotes show it as written again, now and
        after later ingests. The number of quotes renamed back."""
        with self._writing() as c:
            apart = c.manifest.setdefault(KEPT_APART, {})
            if name not in {row["name"] for row in apart.values()}:
                apart[str(next_id(apart))] = {"name": name}
                c.manifest_changed = True
            return self._canonicalise(c)

    def _drop_texts(self, candidates: set[str]) -> None:
        self.texts.remove(candidates - self.index.hashes_in_use(candidates))

    # -- whole databases: migration and doctor's salvage ---------------------------------------

    def replace_tables(self, tables: Tables) -> None:
        """Write `tables` (documents, quotes, variants, merges, kept_apart: the single-file
        layout) as the whole database, under the lock, whatever is there now (doctor's salvage:
        the caller has made a backup)."""
        with self._file.locked(on_wait=self.on_wait):
            try:
                current = self._file.load()[0] or {}
            except StoreError:
                current = {}
            self._write_layout(tables, current, max(generation(current), generation(tables)) + 1)
        self.reload()

    def _migrate_locked(self) -> None:
        """Turn a single-file database into shards, keeping the file as a backup. Call with
        the lock held."""
        data, _ = self._file.load()
        if not data or schema_of(data) != SINGLE_FILE_SCHEMA:
            return  # another process migrated it meanwhile
        backup = self.path.with_name(self.path.name + BACKUP_SUFFIX)
        n = 1
        while backup.exists():
            n += 1
            backup = self.path.with_name(f"{self.path.name}{BACKUP_SUFFIX}~{n}")
        try:
            atomic_write(backup, self.path.read_bytes())
            shutil.copystat(self.path, backup)
        except OSError as exc:
            raise StoreError(
                f"cannot back up {self.path} before migrating it to the sharded layout: "
                f"{exc.strerror or exc}; nothing was changed"
            ) from exc
        self._write_layout(data, {}, generation(data) + 1)

    def _write_layout(self, tables: Tables, current: Tables, gen: int) -> None:
        """Write single-file tables as shards, index them and name them in a new manifest.
        Call with the lock held."""
        shards = split(tables)
        rows = {}
        for i, shard in enumerate(shards, 1):
            name = f"{i:06d}"
            rows[name] = {
                "name": name,
                "file": self.shard_files.write(name, gen, shard),
                "generation": gen,
                "documents": len(shard[DOCUMENTS]),
                "quotes": len(shard[QUOTES]),
            }
        self.shard_files.sync()
        now = time.time()
        retired = [
            {"file": row["file"], "at": now}
            for row in shard_rows(current)
            if isinstance(row, dict) and "file" in row
        ]
        manifest: Tables = {
            SHARDS: {str(i): rows[n] for i, n in enumerate(sorted(rows), 1)},
            MERGES: dict(tables.get(MERGES, {})),
            KEPT_APART: dict(tables.get(KEPT_APART, {})),
            corrections.CORRECTIONS: dict(tables.get(corrections.CORRECTIONS, {})),
            corrections.NAMES: dict(tables.get(corrections.NAMES, {})),
            RETIRED: {str(i): r for i, r in enumerate(retired, 1)},
        }
        self.index.discard()
        self.index.rebuild(
            ((f"{i:06d}", shard) for i, shard in enumerate(shards, 1)), state_for(manifest, gen)
        )
        self._sig = self._file.save(manifest, gen)
        self._manifest = None


def split(tables: Tables) -> list[Shard]:
    """Single-file tables cut into shards in ingest order (documents with their quotes; a pair
    with its first quote's document)."""
    shards: list[Shard] = []
    where: dict[str, int] = {}  # source -> shard position
    quotes_of: dict[str, list[dict[str, Any]]] = {}
    for row in tables.get(QUOTES, {}).values():
        quotes_of.setdefault(row["source"], []).append(row)
    for row in tables.get(DOCUMENTS, {}).values():
        if not shards or is_full(shards[-1]):
            shards.append(empty_shard())
        shard = shards[-1]
        shard[DOCUMENTS][str(len(shard[DOCUMENTS]) + 1)] = dict(row)
        for q in quotes_of.pop(row["source"], []):
            shard[QUOTES][str(len(shard[QUOTES]) + 1)] = dict(q)
        where[row["source"]] = len(shards) - 1
    orphans = [q for rows in quotes_of.values() for q in rows]
    if orphans:  # quotes of no document: kept, for doctor to report
        if not shards:
            shards.append(empty_shard())
        for q in orphans:
            shards[-1][QUOTES][str(len(shards[-1][QUOTES]) + 1)] = dict(q)
            where.setdefault(q["source"], len(shards) - 1)
    shard_of_quote = {q["id"]: where[q["source"]] for q in tables.get(QUOTES, {}).values()}
    for pair in tables.get(VARIANTS, {}).values():
        at = shard_of_quote.get(pair["a"], shard_of_quote.get(pair["b"], 0))
        if not shards:
            shards.append(empty_shard())
        pairs = shards[at][VARIANTS]
        pairs[str(len(pairs) + 1)] = dict(pair)
    return shards


def _is_gone(source: str) -> bool:
    """A stored file that is no longer where it was (standard input and links never move; an
    archive's record `PATH#N` is gone with its archive)."""
    if source.startswith("<") or "://" in source:
        return False
    return not Path(re.sub(r"#\d+$", "", source)).exists()


def document_row(document: Document, quotes: Sequence[Quote], stamp: str) -> dict[str, Any]:
    meta = metadata.detect(document.text, document.metadata)
    return DocumentInfo(
        source=document.source,
        content_hash=document.content_hash,
        title=meta.title,
        date=meta.date,
        byline=meta.byline,
        outlet=meta.outlet,
        url=meta.url,
        language=meta.language,
        ingested_at=stamp,
        quote_count=len(quotes),
    ).to_dict()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
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
