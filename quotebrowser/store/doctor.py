"""Diagnose a database and salvage what can be read from a damaged one.

`diagnose` never writes: it reads the manifest and every shard file it names (or, when the
manifest is lost, the files of each shard in the folder; or a single-file database of before).
A shard file that is damaged or missing is recovered from what else still reads: the records of
the damaged text, the index's copy of its rows, and the shard's earlier generations, newest first,
down to the first version that reads whole. `salvage` first copies the manifest byte for byte to a
backup beside it (and the shard folder beside that: `FILE.backup-TIME.shards/`), then writes a
clean database of those records, and reports what it could not recover.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quotebrowser.model import QUOTE_REQUIRED, Document, Quote
from quotebrowser.store import corrections
from quotebrowser.store.index import index_path, read_for_salvage
from quotebrowser.store.manifest import INCOMPLETE, SHARDS
from quotebrowser.store.paths import refuse_part
from quotebrowser.store.records import DOCUMENT_FIELDS, StoreError
from quotebrowser.store.rows import document_row
from quotebrowser.store.shards import (
    DOCUMENTS,
    FILE_NAME,
    QUOTES,
    VARIANTS,
    Shard,
    ShardFiles,
    file_name,
    shards_dir,
)
from quotebrowser.store.storage import (
    SINGLE_FILE_SCHEMA,
    DatabaseFile,
    Tables,
    schema_of,
    schema_problem,
)
from quotebrowser.store.texts import TextStore, texts_dir
from quotebrowser.store.writer import Store

# A TinyDB record: `"12": {` (a quote's text holding such words has its quotes escaped).
RECORD_START = re.compile(r'"\d+"\s*:\s*\{')


@dataclass
class Diagnosis:
    path: Path
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Records that read as ours, whatever state the file is in.
    documents: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)
    # The user's corrections and name merges (quotebrowser.store.corrections): kept by salvage.
    corrections: list[dict[str, Any]] = field(default_factory=list)
    names: list[dict[str, Any]] = field(default_factory=list)
    name_changes: list[dict[str, Any]] = field(default_factory=list)  # for undo
    exists: bool = False
    # What the manifest says the database holds (documents, quotes); None when it is lost.
    expected: tuple[int, int] | None = None
    # Quotes read from elsewhere than the file the manifest names: "the index", an earlier
    # generation's file -> how many.
    recovered: Counter[str] = field(default_factory=Counter)

    @property
    def healthy(self) -> bool:
        return not self.problems


@dataclass(frozen=True, slots=True)
class SalvageReport:
    backup: Path | None
    documents: int
    quotes: int
    dropped_quotes: int
    rebuilt_documents: int
    # What could not be recovered: quotes and documents (counted against what the manifest
    # said, where it still reads), and the articles kept with fewer quotes than they had
    # (source, kept, had).
    lost_quotes: int = 0
    lost_documents: int = 0
    short: tuple[tuple[str, int, int], ...] = ()
    recovered: tuple[tuple[str, int], ...] = ()
    counted: bool = True  # False: the manifest, which counts what there was, is lost


def _is_document(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and all(k in rec for k in DOCUMENT_FIELDS)
        and isinstance(rec["source"], str)
        and isinstance(rec["content_hash"], str)
        and isinstance(rec["title"], str)
        and isinstance(rec["quote_count"], int)
    )


def _is_quote(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and all(k in rec for k in QUOTE_REQUIRED)
        and all(isinstance(rec[k], str) for k in ("id", "source", "text", "group", "kind"))
        and all(isinstance(rec[k], int) for k in ("start", "end", "paragraph"))
        and 0 <= rec["start"] <= rec["end"]
        and all(rec[k] is None or isinstance(rec[k], str) for k in ("speaker", "role", "cue"))
    )


def _is_pair(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("a"), str)
        and isinstance(rec.get("b"), str)
        and isinstance(rec.get("score"), int | float)
    )


def _is_correction(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("seq"), int)
        and all(isinstance(rec.get(k), str) for k in ("source", "text"))
        and all(isinstance(rec.get(k), int) for k in ("start", "end"))
        and rec.get("action") in corrections.ACTIONS
    )


def _is_name(rec: Any) -> bool:
    return isinstance(rec, dict) and all(
        isinstance(rec.get(k), str) for k in ("alias", "canonical")
    )


def _is_name_change(rec: Any) -> bool:
    return (
        isinstance(rec, dict)
        and isinstance(rec.get("seq"), int)
        and rec.get("kind") in corrections.NAME_KINDS
        and all(isinstance(rec.get(k), str) for k in ("old", "new"))
        and all(
            isinstance(rec.get(k), list) and all(_is_name(r) for r in rec[k])
            for k in ("before", "after")
        )
    )


def _walk(value: Any) -> Iterator[dict[str, Any]]:
    """Every dict inside a parsed JSON value (a foreign file may nest records anywhere)."""
    if isinstance(value, dict):
        yield value
        for inner in value.values():
            yield from _walk(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _walk(inner)


def _scan(text: str) -> Iterator[dict[str, Any]]:
    """Records readable one by one from damaged JSON text."""
    decoder = json.JSONDecoder()
    for m in RECORD_START.finditer(text):
        try:
            obj, _ = decoder.raw_decode(text, m.end() - 1)
        except ValueError:
            continue
        yield obj


def _sort(diag: Diagnosis, records: Iterator[dict[str, Any]]) -> None:
    for rec in records:
        if _is_quote(rec):
            diag.quotes.append(rec)
        elif _is_document(rec):
            diag.documents.append(rec)
        elif _is_pair(rec):
            diag.pairs.append(rec)
        elif _is_correction(rec):
            diag.corrections.append(rec)
        elif _is_name_change(rec):
            diag.name_changes.append(rec)
        elif _is_name(rec):
            diag.names.append(rec)


def _read_tables(
    diag: Diagnosis, path: Path, what: str, sink: Diagnosis | None = None
) -> dict[str, Any] | None:
    """The parsed tables of one file of ours; None (and the problem noted, with the records
    that still read collected in `sink`, by default `diag`) when it is damaged or missing."""
    sink = diag if sink is None else sink
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        diag.problems.append(f"{what} {path.name} is missing")
        return None
    except OSError as exc:
        diag.problems.append(f"cannot read {what} {path}: {exc.strerror or exc}")
        return None
    if not raw.strip():
        return {}
    text = raw.decode("utf-8", errors="replace")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = "" if what == "the file" else f"{what} {path.name}: "
        diag.problems.append(
            f"{where}not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno}, "
            f"in {len(raw):,} bytes)"
        )
        _sort(sink, _scan(text))
        return None
    problem = schema_problem(data)
    if problem is not None:
        diag.problems.append(problem if what == "the file" else f"{what} {path.name}: {problem}")
        _sort(sink, _walk(data))
        return None
    return data


def _check_tables(diag: Diagnosis, data: dict[str, Any], where: str = "") -> None:
    for name, check, bucket in (
        (DOCUMENTS, _is_document, diag.documents),
        (QUOTES, _is_quote, diag.quotes),
        (VARIANTS, _is_pair, diag.pairs),
        (corrections.CORRECTIONS, _is_correction, diag.corrections),
        (corrections.NAMES, _is_name, diag.names),
        (corrections.NAME_CHANGES, _is_name_change, diag.name_changes),
    ):
        rows = list(data.get(name, {}).values())
        bad = [r for r in rows if not check(r)]
        bucket.extend(r for r in rows if check(r))
        if bad:
            diag.problems.append(f"{len(bad)} malformed record(s) in the {name} table{where}")


def diagnose(path: Path) -> Diagnosis:
    """What is wrong with the database at `path` (its manifest and the shard files it names,
    or a single-file database of before), if anything. Reads only."""
    refuse_part(path)
    diag = Diagnosis(path)
    if not path.exists():
        diag.notes.append(f"no database at {path} yet; `quotebrowser ingest` creates it")
        return diag
    diag.exists = True
    data = _read_tables(diag, path, "the file")
    files = ShardFiles(shards_dir(path))
    if data is None:
        # The manifest is lost: what the shard folder and the index still hold is what can be
        # salvaged, each shard from its newest generation that reads.
        index = read_for_salvage(index_path(path))
        newest: dict[str, int] = {}
        for file in files.files():
            m = FILE_NAME.match(file)
            assert m is not None
            newest[m.group(1)] = max(newest.get(m.group(1), 0), int(m.group(2)))
        for name in sorted(set(newest) | set(index[1] if index else ())):
            _read_shard(diag, files, name, newest.get(name, 0), index)
        return diag
    if not data:
        diag.notes.append("the file is empty: it reads as an empty database")
        return diag
    if schema_of(data) == SINGLE_FILE_SCHEMA:
        diag.notes.append("single-file layout of before: it is split into shards on next open")
        _check_tables(diag, data)
    else:
        _check_tables(diag, data, " of the manifest")  # the user's corrections live there
        rows = list(data.get(SHARDS, {}).values())
        diag.expected = (sum(r["documents"] for r in rows), sum(r["quotes"] for r in rows))
        index: tuple[dict[str, int] | None, dict[str, Shard]] | None = None
        for row in rows:
            # A damaged file's problem is told by _read_shard, with what else still reads.
            shard = _read_tables(Diagnosis(path), files.path(row["file"]), "shard")
            if shard is None:
                if index is None:
                    index = read_for_salvage(index_path(path)) or (None, {})
                got = _read_shard(diag, files, row["name"], row["generation"], index)
                if got != (row["documents"], row["quotes"]):
                    diag.problems.append(
                        f"shard {row['file']}: {got[0]} of its {row['documents']} documents and "
                        f"{got[1]} of its {row['quotes']} quotes still read"
                    )
                continue
            _check_tables(diag, shard, f" of shard {row['file']}")
            counts = (len(shard.get(DOCUMENTS, {})), len(shard.get(QUOTES, {})))
            if counts != (row["documents"], row["quotes"]):
                diag.problems.append(f"shard {row['file']} does not hold what the manifest says")
    _check_consistency(diag)
    return diag


@dataclass
class _Version:
    """One readable version of a shard: its generation, whether it reads whole, its records."""

    gen: int
    whole: bool
    label: str
    records: Diagnosis


def _versions(
    diag: Diagnosis,
    files: ShardFiles,
    name: str,
    gen: int,
    index: tuple[dict[str, int] | None, dict[str, Shard]] | None,
) -> list[_Version]:
    """Every version of shard `name` that still reads, newest first (a whole one before a
    partial one of the same generation): its file of generation `gen` (when damaged, the
    records of its text), the index's rows, and its earlier generations' files still in the
    folder (kept a while for readers of an older manifest, or left by an interrupted tidy)."""
    found = []
    for file in files.files():
        m = FILE_NAME.match(file)
        assert m is not None
        if m.group(1) != name or int(m.group(2)) > gen:
            continue  # a later file no manifest named was never committed
        records = Diagnosis(diag.path)
        tables = _read_tables(records, files.path(file), "shard")
        if tables is not None:
            _check_tables(records, tables)
        found.append(_Version(int(m.group(2)), tables is not None, file, records))
    if index is not None and name in index[1]:
        recorded, shards = index
        records = Diagnosis(diag.path)
        _check_tables(records, shards[name])
        # The index is whole for the generation it records; one it cannot date counts as the
        # oldest version.
        at = recorded.get(name, -1) if recorded is not None else -1
        found.append(_Version(at, at >= 0, "the index", records))
    found.sort(key=lambda v: (-v.gen, not v.whole))
    return found


def _read_shard(
    diag: Diagnosis,
    files: ShardFiles,
    name: str,
    gen: int,
    index: tuple[dict[str, int] | None, dict[str, Shard]] | None,
) -> tuple[int, int]:
    """Collect into `diag` the records of shard `name` as of generation `gen` from every version
    that still reads, newest first, down to the first that reads whole (what is older than that
    the shard no longer held: a forgotten article stays forgotten). A record read in a newer
    version wins; an earlier version's quotes of an article that a newer one holds with another
    text are of that other text, and stay out. Returns (documents, quotes) collected."""
    documents: dict[str, dict[str, Any]] = {}
    quotes: dict[str, dict[str, Any]] = {}
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    current = file_name(name, gen)
    versions = _versions(diag, files, name, gen, index)
    if gen and current not in {v.label for v in versions}:
        diag.problems.append(f"shard {current} is missing")
    for version in versions:
        if version.label == current and not version.whole:
            diag.problems.extend(version.records.problems)
    for version in versions:
        records = version.records
        own = {d["source"]: d["content_hash"] for d in records.documents}
        for doc in records.documents:
            documents.setdefault(doc["source"], doc)
        before = len(quotes)
        for q in records.quotes:
            hash_kept = documents[q["source"]]["content_hash"] if q["source"] in documents else None
            if hash_kept is not None and own.get(q["source"], hash_kept) != hash_kept:
                continue  # a quote of another text of the article than the one kept
            quotes.setdefault(q["id"], q)
        for pair in records.pairs:
            pairs.setdefault((pair["a"], pair["b"]), pair)
        if version.label != current and len(quotes) > before:
            diag.recovered[version.label] += len(quotes) - before
        if version.whole:
            break
    diag.documents.extend(documents.values())
    diag.quotes.extend(quotes.values())
    diag.pairs.extend(pairs.values())
    return len(documents), len(quotes)


def _check_consistency(diag: Diagnosis) -> None:
    sources = Counter(d["source"] for d in diag.documents)
    dup_docs = [s for s, n in sources.items() if n > 1]
    if dup_docs:
        diag.problems.append(f"{len(dup_docs)} document(s) stored twice")
    ids = Counter(q["id"] for q in diag.quotes)
    dups = sum(1 for n in ids.values() if n > 1)
    if dups:
        diag.problems.append(f"{dups} quote id(s) stored twice")
    orphans = [q for q in diag.quotes if q["source"] not in sources]
    if orphans:
        diag.problems.append(f"{len(orphans)} quote(s) belong to no stored document")
    per_doc = Counter(q["source"] for q in diag.quotes)
    wrong_counts = [d for d in diag.documents if d["quote_count"] != per_doc[d["source"]]]
    if wrong_counts:
        diag.problems.append(f"{len(wrong_counts)} document(s) with a wrong quote count")
    dangling = [p for p in diag.pairs if p["a"] not in ids or p["b"] not in ids]
    if dangling:
        diag.problems.append(f"{len(dangling)} variant link(s) to missing quotes")
    texts = TextStore(texts_dir(diag.path))
    missing, bad_offsets = 0, 0
    by_source: dict[str, list[dict[str, Any]]] = {}
    for q in diag.quotes:
        by_source.setdefault(q["source"], []).append(q)
    for doc in diag.documents:
        text = texts.get(doc["content_hash"])
        if text is None:
            missing += 1
            continue
        bad_offsets += sum(
            1 for q in by_source.get(doc["source"], []) if text[q["start"] : q["end"]] != q["text"]
        )
    if missing:
        diag.problems.append(
            f"stored article text missing or damaged for {missing} document(s) "
            "(their quotes show without context; the next ingest of those articles reads them "
            "again)"
        )
    if bad_offsets:
        diag.problems.append(f"{bad_offsets} quote(s) whose offsets do not match the article")
    used = {d["content_hash"] for d in diag.documents}
    unused = texts.digests() - used
    if unused:
        diag.notes.append(f"{len(unused)} unused article text file(s) (removed by --salvage)")
    temps = [
        *DatabaseFile(diag.path).stale_temps(),
        *ShardFiles(shards_dir(diag.path)).stale_temps(),
    ]
    if temps:
        diag.notes.append(f"{len(temps)} temporary file(s) left by an interrupted write")
    if diag.healthy:
        diag.notes.append(
            f"{len(diag.documents)} documents, {len(diag.quotes)} quotes, "
            f"{len(diag.pairs)} variant links: all consistent"
        )


def _rebuild_document(
    source: str, quotes: list[dict[str, Any]], texts: TextStore, spare: set[str]
) -> dict[str, Any] | None:
    """A lost document row rebuilt from what the database holds: the stored article text (one
    no document row names, `spare`) at whose offsets every one of its quotes still reads. Its
    metadata went with the row: the next ingest of the article reads it again."""
    for digest in sorted(spare):
        text = texts.get(digest)
        if text is not None and all(text[q["start"] : q["end"]] == q["text"] for q in quotes):
            spare.discard(digest)
            return document_row(
                Document(source, text), quotes, time.strftime("%Y-%m-%dT%H:%M:%S%z")
            )
    return None


def salvage(store: Store, diag: Diagnosis) -> SalvageReport:
    """Back up the file, then write a clean database of the readable records."""
    if diag.exists and not diag.documents and not diag.quotes:
        raise StoreError(
            f"nothing recognisable to salvage in {diag.path}; it was left untouched "
            "(move it away to start a new database there)"
        )
    texts = store.texts
    documents: dict[str, dict[str, Any]] = {}
    for doc in diag.documents:
        documents.setdefault(doc["source"], doc)
    by_source: dict[str, list[dict[str, Any]]] = {}
    seen: set[str] = set()
    for q in diag.quotes:
        if q["id"] not in seen:
            seen.add(q["id"])
            by_source.setdefault(q["source"], []).append(q)
    rebuilt_sources: set[str] = set()
    spare = texts.digests() - {doc["content_hash"] for doc in documents.values()}
    for source, quotes in by_source.items():
        if source not in documents:
            found = _rebuild_document(source, quotes, texts, spare)
            if found is not None:
                documents[source] = found
                rebuilt_sources.add(source)
    rebuilt = len(rebuilt_sources)
    kept: list[dict[str, Any]] = []
    dropped = 0
    short: list[tuple[str, int, int]] = []
    for source, doc in documents.items():
        quotes = by_source.get(source, [])
        text = texts.get(doc["content_hash"])
        good = [q for q in quotes if text is None or text[q["start"] : q["end"]] == q["text"]]
        dropped += len(quotes) - len(good)
        if source not in rebuilt_sources and len(good) < doc["quote_count"]:
            short.append((source, len(good), doc["quote_count"]))
        # Fewer quotes than the extractor found, or a count we cannot trust (row rebuilt): the
        # next ingest of the file extracts it again rather than calling it unchanged.
        incomplete = source in rebuilt_sources or len(good) < doc["quote_count"]
        doc["quote_count"] = len(good)
        if incomplete:
            doc[INCOMPLETE] = True
        kept.extend(good)
    dropped += sum(len(qs) for s, qs in by_source.items() if s not in documents)
    ids = {q["id"] for q in kept}
    pairs = [p for p in diag.pairs if p["a"] in ids and p["b"] in ids]
    tables: Tables = {
        DOCUMENTS: {
            str(i): {k: d[k] for k in (*DOCUMENT_FIELDS, INCOMPLETE) if k in d}
            for i, d in enumerate(documents.values(), 1)
        },
        QUOTES: {str(i): Quote.from_dict(q).to_dict() for i, q in enumerate(kept, 1)},
        VARIANTS: {
            str(i): {"a": p["a"], "b": p["b"], "score": p["score"]} for i, p in enumerate(pairs, 1)
        },
        corrections.CORRECTIONS: {str(i): c for i, c in enumerate(diag.corrections, 1)},
        corrections.NAMES: {str(i): n for i, n in enumerate(diag.names, 1)},
        corrections.NAME_CHANGES: {str(i): n for i, n in enumerate(diag.name_changes, 1)},
    }
    backup = None
    if diag.exists:
        backup = diag.path.with_name(f"{diag.path.name}.backup-{time.strftime('%Y%m%d-%H%M%S')}")
        n = 1
        while backup.exists():
            n += 1
            backup = backup.with_name(f"{backup.name.split('~')[0]}~{n}")
        try:
            shutil.copy2(diag.path, backup)
            folder = shards_dir(diag.path)
            if folder.is_dir():  # the shards beside it, as they were
                shutil.copytree(folder, shards_dir(backup))
        except OSError as exc:
            raise StoreError(
                f"cannot back up {diag.path} to {backup}: "
                f"{exc.strerror or exc}; nothing was changed"
            ) from exc
    store.replace_tables(tables)
    tidy(store)
    if diag.expected is not None:
        lost_documents = max(0, diag.expected[0] - len(documents))
        lost_quotes = max(0, diag.expected[1] - len(kept))
    else:  # the manifest is lost: only the rows that still read say what there was
        lost_documents = 0
        orphans = sum(len(qs) for s, qs in by_source.items() if s not in documents)
        lost_quotes = sum(had - n for _, n, had in short) + orphans
    return SalvageReport(
        backup,
        len(documents),
        len(kept),
        dropped,
        rebuilt,
        lost_quotes=lost_quotes,
        lost_documents=lost_documents,
        short=tuple(short),
        recovered=tuple(sorted(diag.recovered.items())),
        counted=diag.expected is not None,
    )


def tidy(store: Store) -> None:
    """Remove unused article texts and temp files of interrupted writes (under the lock)."""
    store.documents()  # brings the index up to date first (that takes the lock itself)
    dbfile = DatabaseFile(store.path)
    with dbfile.locked():
        store.reload()
        used = {d.content_hash for d in store.documents().values()}
        store.texts.remove(store.texts.digests() - used)
        for tmp in store.texts.folder.glob(".*.tmp") if store.texts.folder.is_dir() else []:
            tmp.unlink(missing_ok=True)
        for tmp in store.shard_files.stale_temps():
            tmp.unlink(missing_ok=True)
