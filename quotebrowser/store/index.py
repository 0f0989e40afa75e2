"""The derived index beside the shards: what readers and writers look up instead of every quote.

An SQLite file (`DB.index`) holding, for the shards as of one manifest generation: the document
catalogue (source, shard, content hash, metadata), each quote's row with its speaker (the filter
index `quotes --speaker` and `cite` use), speaker tallies (profiles and `group:` without reading a
quote), the identity triples (name as written, group, article) and the variant index (content
words and their postings). It is never the store of record: it records the shard generations it
was built from, and a reader that finds them different from the manifest's rebuilds it from the
shards (under the write lock). Writers change it in the same step as the shards, inside one
SQLite transaction committed right after the manifest.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from itertools import islice, repeat
from pathlib import Path
from typing import Any

from quotebrowser.model import REPORTED
from quotebrowser.store import fulltext, shown
from quotebrowser.store.shards import DOCUMENTS, QUOTES, VARIANTS, Shard, empty_shard
from quotebrowser.store.shown import UserWord
from quotebrowser.store.variants import (
    MIN_WORDS,
    POSTED,
    PROBE,
    PROBE_CAP,
    Entry,
    VariantIndex,
    content_words,
    hits,
    least,
)
from quotebrowser.whoswho import Tally, fold

try:
    import orjson

    def dumps(value: Any) -> str:
        return orjson.dumps(value).decode()

    loads = orjson.loads
except ImportError:  # pragma: no cover - depends on the installation
    orjson = None  # type: ignore[assignment]

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    loads = json.loads

# Of this file's tables and what they hold (the postings kept depend on POSTED; the full-text
# tables on quotebrowser.folding, whose change must change this too): another value rebuilds them.
# (Not changed when `grams` stopped holding pairs with a space: an older index's rows keep those
# tokens, which no query asks for, and are removed by the tokens they share with the new ones.)
VERSION = f"6/{POSTED}"
CHUNK = 500  # values per `IN (...)`: below SQLite's variable limit

TABLES = (
    """
CREATE TABLE IF NOT EXISTS meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS docs(source TEXT PRIMARY KEY, shard TEXT, seq INTEGER, hash TEXT,
    incomplete INTEGER, info TEXT, hay TEXT);
CREATE INDEX IF NOT EXISTS docs_hash ON docs(hash);
CREATE TABLE IF NOT EXISTS who(name TEXT, grp TEXT, source TEXT, n INTEGER, shown TEXT,
    PRIMARY KEY(name, grp, source)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS who_source ON who(source);
CREATE TABLE IF NOT EXISTS prof(speaker TEXT, grp TEXT, role TEXT, written TEXT, n INTEGER,
    PRIMARY KEY(speaker, grp, role, written));
CREATE TABLE IF NOT EXISTS rprof(speaker TEXT, grp TEXT, role TEXT, written TEXT, n INTEGER,
    PRIMARY KEY(speaker, grp, role, written));
CREATE TABLE IF NOT EXISTS profdocs(key TEXT, source TEXT, n INTEGER,
    PRIMARY KEY(key, source)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS vdf(word TEXT PRIMARY KEY, n INTEGER, posted INTEGER) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ventry(qn INTEGER PRIMARY KEY, id TEXT UNIQUE, source TEXT,
    speaker TEXT, words TEXT);
CREATE TABLE IF NOT EXISTS vpost(word TEXT, qn INTEGER, PRIMARY KEY(word, qn)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pairs(a TEXT, b TEXT, score REAL, shard TEXT,
    PRIMARY KEY(a, b)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS pairs_b ON pairs(b);
"""
    + shown.TABLES
    + fulltext.TABLES
)
ALL_TABLES = (
    "docs", "quotes", "loose", "who", "prof", "rprof", "profdocs", "vdf", "ventry", "vpost",
    "pairs", *fulltext.NAMES,
)


def index_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".index")


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    it = iter(values)
    while batch := list(islice(it, size)):
        yield batch


def marks(n: int) -> str:
    return ",".join("?" * n)


def written_name(row: Mapping[str, Any]) -> str | None:
    return row.get("written_as") or row.get("speaker") or None


def state_of(shards: Mapping[str, int], gen: int) -> str:
    """What the index records of the manifest it matches: the shard generations."""
    return dumps({"generation": gen, "shards": dict(sorted(shards.items()))})


class Index:
    """One connection to the index file; safe to share between the app's threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None
        self.lock = threading.RLock()
        self._checkpointer: threading.Thread | None = None
        # Connections for queries (store/search.py), each used by one thread at a time: a long
        # count in one thread holds up neither the writer's connection nor a page read.
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    # -- the connection ------------------------------------------------------------------------

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            self._con = self._open()
        return self._con

    def _open(self) -> sqlite3.Connection:
        con = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            # Small pages: a commit's rows land all over the postings and id indexes, and each
            # page they touch is written whole (twice, with the WAL's checkpoint).
            con.execute("PRAGMA page_size=1024")
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            # Checkpoints run after a commit, off its path (`_checkpoint_soon`): copying a
            # commit's scattered pages into the file was a third of a commit at a million.
            con.execute("PRAGMA wal_autocheckpoint=0")
            con.execute("PRAGMA cache_size=-32768")  # 32 MB: enough for a commit's pages
            con.executescript(TABLES)
            fulltext.configure(con)
        except sqlite3.DatabaseError:
            con.close()
            raise
        return con

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A connection of its own for one query (WAL: readers see the last commit)."""
        with self._readers_lock:
            con = self._readers.pop() if self._readers else None
        if con is None:
            self.con  # noqa: B018 - creates the tables a new file lacks first
            con = sqlite3.connect(
                self.path, timeout=60, isolation_level=None, check_same_thread=False
            )
            con.execute("PRAGMA query_only=1")
            con.create_function(shown.HOLDS, 4, shown.holds, deterministic=True)
            con.execute("PRAGMA cache_size=-16384")
        try:
            yield con
        finally:
            with self._readers_lock:
                self._readers.append(con)

    def close(self) -> None:
        self.settle()
        if self._con is not None:
            self._con.close()
            self._con = None
        with self._readers_lock:
            readers, self._readers = self._readers, []
        for con in readers:
            con.close()

    def discard(self) -> None:
        """Delete a damaged index file (under the write lock); it is rebuilt from the shards."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(str(self.path) + suffix).unlink()

    def state(self) -> str | None:
        try:
            with self.lock:
                row = self.con.execute("SELECT v FROM meta WHERE k='state'").fetchone()
                version = self.con.execute("SELECT v FROM meta WHERE k='version'").fetchone()
        except sqlite3.DatabaseError:
            return None
        if row is None or version is None or version[0] != VERSION:
            return None
        return row[0]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN ... COMMIT on exit; ROLLBACK on error. Writers hold the store's lock."""
        with self.lock:
            con = self.con
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        self._checkpoint_soon()

    def _checkpoint_soon(self) -> None:
        """Merge the full-text tables' new segments (fulltext.merge), then copy the write-ahead
        log into the index file, in a thread of its own, as SQLite advises where commit latency
        matters: a PASSIVE checkpoint blocks no reader or writer, and one interrupted is simply
        done again later; a merge goes a short transaction at a time. The process waits for it
        at exit."""
        if self._checkpointer is not None and self._checkpointer.is_alive():
            return  # it will copy this commit too, or the next one's will

        def run() -> None:
            with contextlib.suppress(sqlite3.Error):
                con = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                try:
                    fulltext.merge(con)
                    con.execute("PRAGMA wal_checkpoint(PASSIVE)")
                finally:
                    con.close()

        self._checkpointer = threading.Thread(target=run, name="index-checkpoint")
        self._checkpointer.start()

    def settle(self) -> None:
        """Wait for a checkpoint under way (before the file is closed or deleted)."""
        if self._checkpointer is not None:
            self._checkpointer.join()
            self._checkpointer = None

    @staticmethod
    def set_state(con: sqlite3.Connection, state: str) -> None:
        con.executemany(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", [("state", state), ("version", VERSION)]
        )

    # -- building ------------------------------------------------------------------------------

    def rebuild(
        self, shards: Iterable[tuple[str, Shard]], state: str, word: UserWord | None = None
    ) -> None:
        """Empty every table and fill it again from the shards (name, tables), the quotes as
        the user's corrections show them (`word`), in one transaction: a reader sees the old
        index or the new one."""
        with self.transaction() as con:
            # Dropped and made again, not emptied: an index of another version may have had
            # other columns.
            for table in (*ALL_TABLES, "meta"):
                con.execute(f"DROP TABLE IF EXISTS {table}")
            for statement in TABLES.split(";"):
                if statement.strip():
                    con.execute(statement)
            fulltext.configure(con)
            for name, shard in shards:
                apply_changes(con, name, empty_shard(), shard, word or UserWord())
                rows = list(shard[QUOTES].values())
                count_triples(con, (), rows)
                set_shown(
                    con,
                    {
                        (r.get("speaker"), written_name(r), r.get("group") or "other", r["source"])
                        for r in rows
                        if written_name(r)
                    },
                )
                add_entries(con, [(q, content_words(q["text"])) for q in rows])
            self.set_state(con, state)

    # -- reading -------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.con.execute(sql, params).fetchall()

    def documents(self) -> list[dict[str, Any]]:
        """Document rows in ingest order (shard, then position in it)."""
        rows = self.query("SELECT info, incomplete FROM docs ORDER BY shard, seq")
        found = []
        for info, incomplete in rows:
            row = loads(info)
            if incomplete:
                row["incomplete"] = True
            found.append(row)
        return found

    def document(self, source: str) -> dict[str, Any] | None:
        rows = self.query("SELECT info FROM docs WHERE source=?", (source,))
        return loads(rows[0][0]) if rows else None

    def catalogue(self, sources: Iterable[str], hashes: Iterable[str]) -> list[tuple[Any, ...]]:
        """(source, shard, hash, incomplete) of the documents with these sources or hashes."""
        found: dict[str, tuple[Any, ...]] = {}
        for column, values in (("source", sources), ("hash", hashes)):
            for batch in chunks(set(values)):
                for row in self.query(
                    "SELECT source, shard, hash, incomplete, seq FROM docs "
                    f"WHERE {column} IN ({marks(len(batch))})",
                    batch,
                ):
                    found[row[0]] = row
        # In ingest order: where two documents share a text, the later one names it.
        return [row[:4] for row in sorted(found.values(), key=lambda r: (r[1], r[4]))]

    def shards_of(self, sources: Iterable[str]) -> dict[str, str]:
        found = {}
        for batch in chunks(set(sources)):
            found.update(
                self.query(
                    f"SELECT source, shard FROM docs WHERE source IN ({marks(len(batch))})",
                    batch,
                )
            )
        return found

    def hashes_in_use(self, hashes: Iterable[str]) -> set[str]:
        used = set()
        for batch in chunks(set(hashes)):
            used.update(
                h
                for (h,) in self.query(
                    f"SELECT hash FROM docs WHERE hash IN ({marks(len(batch))})",
                    batch,
                )
            )
        return used

    def is_empty(self) -> bool:
        return not self.query("SELECT 1 FROM docs LIMIT 1")

    def quote_rows(self, where: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        """Quote rows matching an SQL condition, in archive order (document, then offset)."""
        return [
            loads(row)
            for (row,) in self.query(
                f"SELECT row FROM quotes WHERE {where} ORDER BY pos",
                params,
            )
        ]

    def quotes_of_speakers(
        self, names: Iterable[str | None], ids: Iterable[str] = ()
    ) -> list[dict[str, Any]]:
        """The quote rows of these speakers as stored (None: unattributed), and those with
        these ids, in archive order."""
        rows: dict[str, tuple[int, dict[str, Any]]] = {}
        for column, values in (("speaker", {name or "" for name in names}), ("id", set(ids))):
            for batch in chunks(values):
                for qid, pos, row in self.query(
                    f"SELECT id, pos, row FROM quotes WHERE {column} IN ({marks(len(batch))})",
                    batch,
                ):
                    rows[qid] = (pos, loads(row))
        return [row for _, row in sorted(rows.values(), key=lambda pair: pair[0])]

    def pairs_of(self, ids: Iterable[str]) -> list[tuple[str, str, float]]:
        found: set[tuple[str, str, float]] = set()
        for batch in chunks(set(ids)):
            m = marks(len(batch))
            found.update(
                self.query(
                    f"SELECT a, b, score FROM pairs WHERE a IN ({m}) OR b IN ({m})",
                    [*batch, *batch],
                )
            )
        return sorted(found)

    def all_pairs(self) -> list[tuple[str, str, float]]:
        return self.query("SELECT a, b, score FROM pairs")

    def pair_shards(self, ids: Iterable[str]) -> set[str]:
        """The shards holding variant pairs that name any of these quotes."""
        found: set[str] = set()
        for batch in chunks(set(ids)):
            m = marks(len(batch))
            found.update(
                s
                for (s,) in self.query(
                    f"SELECT shard FROM pairs WHERE a IN ({m}) OR b IN ({m})",
                    [*batch, *batch],
                )
            )
        return found

    def speaker_documents(self) -> dict[str, int]:
        """Articles per folded speaker, as stored."""
        return dict(self.query("SELECT key, COUNT(*) FROM profdocs GROUP BY key"))

    def tally_rows(self, table: str = "prof") -> list[Tally]:
        """The speaker tallies of every quote (`prof`), or of the reported statements only
        (`rprof`: a profile counts them apart)."""
        return [
            (speaker or None, grp, role or None, written or None, n)
            for speaker, grp, role, written, n in self.query(
                f"SELECT speaker, grp, role, written, n FROM {table} ORDER BY rowid"
            )
        ]

    def who(self) -> list[tuple[str, str, str, str | None]]:
        """(name as written, group, source, name shown) of every identity triple."""
        return self.query("SELECT name, grp, source, shown FROM who")


def diff(
    before: Mapping[str, dict[str, Any]], after: Mapping[str, dict[str, Any]], key: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(rows gone or changed, rows new or changed) between two versions of a shard's table."""
    old = {row[key]: row for row in before.values()}
    new = {row[key]: row for row in after.values()}
    gone = [row for k, row in old.items() if k not in new or new[k] != row]
    came = [row for k, row in new.items() if k not in old or old[k] != row]
    return gone, came


def _pair_key(row: Mapping[str, Any]) -> tuple[str, str]:
    return row["a"], row["b"]


def apply_changes(
    con: sqlite3.Connection, name: str, before: Shard, after: Shard, word: UserWord
) -> None:
    """Bring the catalogue, the quotes as shown (`word`: the user's corrections), speaker
    tallies and pairs of shard `name` from `before` to `after` (identity triples and variant
    words are kept by their own steps). A document whose row or any quote changed is listed
    again whole: its quotes' ranks, label and date may all have moved."""
    gone_docs, new_docs = diff(before[DOCUMENTS], after[DOCUMENTS], "source")
    seq_of = {row["source"]: int(doc_id) for doc_id, row in after[DOCUMENTS].items()}
    seq_of_before = {row["source"]: int(doc_id) for doc_id, row in before[DOCUMENTS].items()}
    gone_q, new_q = diff(before[QUOTES], after[QUOTES], "id")
    seqs = {seq_of_before[r["source"]] for r in gone_docs}
    seqs |= {seq_of[r["source"]] for r in new_docs}
    seqs |= {seq_of_before.get(r["source"], shown.LOOSE) for r in gone_q}
    seqs |= {seq_of.get(r["source"], shown.LOOSE) for r in new_q}
    shown.unlist(con, name, seqs)
    con.executemany(
        "DELETE FROM docs WHERE source=? AND shard=?", [(r["source"], name) for r in gone_docs]
    )
    con.executemany(
        "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                r["source"],
                name,
                seq_of[r["source"]],
                r["content_hash"],
                int(bool(r.get("incomplete"))),
                dumps({k: v for k, v in r.items() if k != "incomplete"}),
                shown.source_hay(r, r["source"]),
            )
            for r in new_docs
        ],
    )
    documents = {row["source"]: row for row in after[DOCUMENTS].values()}
    placed = []
    for row in after[QUOTES].values():
        seq = seq_of.get(row["source"], shown.LOOSE)
        if seq in seqs:
            placed.append((seq, row))
    shown.list_quotes(con, name, placed, documents, word)
    _count(con, gone_q, -1)
    _count(con, new_q, 1)
    gone_p, new_p = _pairs_diff(before[VARIANTS], after[VARIANTS])
    con.executemany("DELETE FROM pairs WHERE a=? AND b=?", [_pair_key(r) for r in gone_p])
    con.executemany(
        "INSERT OR REPLACE INTO pairs VALUES (?, ?, ?, ?)",
        [(r["a"], r["b"], r["score"], name) for r in new_p],
    )


def _pairs_diff(
    before: Mapping[str, dict[str, Any]], after: Mapping[str, dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    old = {_pair_key(r): r for r in before.values()}
    new = {_pair_key(r): r for r in after.values()}
    return (
        [r for k, r in old.items() if k not in new or new[k] != r],
        [r for k, r in new.items() if k not in old or old[k] != r],
    )


def _bump(con: sqlite3.Connection, table: str, keys: Sequence[str], counts: dict) -> None:
    """Add signed counts to `table`'s `n` by key; rows at zero go."""
    cols = ", ".join(keys)
    con.executemany(
        f"INSERT INTO {table}({cols}, n) VALUES ({marks(len(keys) + 1)}) "
        f"ON CONFLICT({cols}) DO UPDATE SET n = n + excluded.n",
        [(*k, n) for k, n in counts.items() if n],
    )
    where = " AND ".join(f"{k}=?" for k in keys)
    con.executemany(
        f"DELETE FROM {table} WHERE {where} AND n <= 0",
        [k for k, n in counts.items() if n < 0],
    )


def _count(con: sqlite3.Connection, rows: Iterable[Mapping[str, Any]], sign: int) -> None:
    """Speaker tallies and documents per speaker, for quote rows added (1) or removed (-1)."""
    prof: dict[tuple[str, ...], int] = {}
    reported: dict[tuple[str, ...], int] = {}
    docs: dict[tuple[str, ...], int] = {}
    for r in rows:
        speaker = r.get("speaker") or ""
        key = (speaker, r.get("group") or "other", r.get("role") or "", r.get("written_as") or "")
        prof[key] = prof.get(key, 0) + sign
        if r.get("kind") == REPORTED:
            reported[key] = reported.get(key, 0) + sign
        if speaker:
            dk = (fold(speaker), r["source"])
            docs[dk] = docs.get(dk, 0) + sign
    _bump(con, "prof", ("speaker", "grp", "role", "written"), prof)
    _bump(con, "rprof", ("speaker", "grp", "role", "written"), reported)
    _bump(con, "profdocs", ("key", "source"), docs)


def count_triples(
    con: sqlite3.Connection,
    removed: Iterable[Mapping[str, Any]],
    added: Iterable[Mapping[str, Any]],
) -> None:
    """Keep the identity triples (name as written, group, source) counted by quotes."""
    counts: dict[tuple[str, str, str], int] = {}
    for sign, rows in ((-1, removed), (1, added)):
        for r in rows:
            name = written_name(r)
            if name:
                key = (name, r.get("group") or "other", r["source"])
                counts[key] = counts.get(key, 0) + sign
    _bump(con, "who", ("name", "grp", "source"), counts)


def set_shown(con: sqlite3.Connection, shown: Iterable[tuple[str, str, str, str]]) -> None:
    con.executemany("UPDATE who SET shown=? WHERE name=? AND grp=? AND source=?", shown)


def name_tallies(con: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(name as written, group, articles) of the identity triples, by name: what
    identity.resolve_tallies decides from (in the order the triples' scan would give)."""
    return con.execute(
        "SELECT name, grp, COUNT(*) FROM who GROUP BY name, grp ORDER BY name, grp"
    ).fetchall()


def triples_where(
    con: sqlite3.Connection, column: str
) -> Callable[[Collection[str]], list[tuple[str, str, str]]]:
    """A reader of the identity triples (name, group, article) whose `column` ("name" or
    "source") is one of the values it is given."""

    def read(values: Collection[str]) -> list[tuple[str, str, str]]:
        found: list[tuple[str, str, str]] = []
        for batch in chunks(values):
            found.extend(
                con.execute(
                    f"SELECT name, grp, source FROM who WHERE {column} IN ({marks(len(batch))})",
                    batch,
                )
            )
        return found

    return read


def shown_maybe_changed(
    con: sqlite3.Connection, merged: Collection[str]
) -> list[tuple[str, str, str, str | None]]:
    """(name, group, source, name shown) of the triples whose shown name may change now that
    `merged` are the names shown otherwise (everywhere or in some article): those shown
    otherwise than written (or not yet decided), and those of the merged names. Every other
    triple shows its name as written and keeps it."""
    found = {
        row[:3]: row
        for row in con.execute("SELECT name, grp, source, shown FROM who WHERE shown IS NOT name")
    }
    for batch in chunks(merged):
        for row in con.execute(
            f"SELECT name, grp, source, shown FROM who WHERE name IN ({marks(len(batch))})", batch
        ):
            found[row[:3]] = row
    return list(found.values())


# -- the variant index on disk -------------------------------------------------------------------


def _word_counts(con: sqlite3.Connection, words: Iterable[str]) -> dict[str, tuple[int, int]]:
    """word -> (quotes holding it, whether vpost holds all its postings) for the indexed words."""
    found: dict[str, tuple[int, int]] = {}
    for batch in chunks(words):
        for word, n, posted in con.execute(
            f"SELECT word, n, posted FROM vdf WHERE word IN ({marks(len(batch))})", batch
        ):
            found[word] = (n, posted)
    return found


def entry_count(con: sqlite3.Connection) -> int:
    """The quotes in the variant index (their number weighs words): kept in `meta`, as
    counting a million rows took a tenth of a second of each commit."""
    row = con.execute("SELECT v FROM meta WHERE k='entries'").fetchone()
    if row is None:  # an index written before the number was kept
        return con.execute("SELECT COUNT(*) FROM ventry").fetchone()[0]
    return int(row[0])


def _entries_changed(con: sqlite3.Connection, change: int) -> None:
    """Record `change` more (or fewer) rows in ventry, once they are written."""
    row = con.execute("SELECT v FROM meta WHERE k='entries'").fetchone()
    n = entry_count(con) if row is None else int(row[0]) + change
    con.execute("INSERT OR REPLACE INTO meta VALUES ('entries', ?)", (str(n),))


def add_entries(
    con: sqlite3.Connection,
    entries: Sequence[tuple[Mapping[str, Any], frozenset[str]]],
    known: Mapping[str, tuple[int, int]] | None = None,
) -> None:
    """Index these quotes' content words. vpost keeps the postings of the words in at most
    POSTED quotes only: matching never looks up a word in more than PROBE_CAP, so the postings
    of common words (most of the postings) would be written and never read. A word that
    outgrows POSTED loses its postings (vdf.posted = 0) until it is rare again (see
    discard_entries). `known`: `_word_counts` of some of the words as they are now (read
    again if the entries replace any)."""
    if not entries:
        return
    if discard_entries(con, [q["id"] for q, _ in entries]):  # indexed again: replaced
        known = None
    first = (con.execute("SELECT MAX(qn) FROM ventry").fetchone()[0] or 0) + 1
    con.executemany(
        "INSERT INTO ventry(qn, id, source, speaker, words) VALUES (?, ?, ?, ?, ?)",
        [
            (first + n, q["id"], q["source"], q.get("speaker"), " ".join(sorted(words)))
            for n, (q, words) in enumerate(entries)
        ],
    )
    added: dict[str, list[int]] = {}
    for n, (_, words) in enumerate(entries):
        for w in words:
            added.setdefault(w, []).append(first + n)
    _entries_changed(con, len(entries))
    if known is None:
        known = _word_counts(con, added)
    else:
        known = {**known, **_word_counts(con, [w for w in added if w not in known])}
    postings: list[tuple[str, int]] = []
    dropped: list[tuple[str]] = []
    counts: list[tuple[str, int, int]] = []
    for w, qns in added.items():
        n, posted = known.get(w, (0, 1))
        if posted and n + len(qns) > POSTED:
            posted = 0
            if n:
                dropped.append((w,))
        elif posted:
            postings.extend(zip(repeat(w), qns))
        counts.append((w, n + len(qns), posted))
    con.executemany("DELETE FROM vpost WHERE word=?", dropped)
    con.executemany("INSERT OR IGNORE INTO vpost VALUES (?, ?)", postings)
    con.executemany("INSERT OR REPLACE INTO vdf VALUES (?, ?, ?)", counts)


def discard_entries(con: sqlite3.Connection, ids: Iterable[str]) -> int:
    """Take these quotes out of the variant index; how many it held. A word without postings
    that becomes rare enough to be looked up again gets them back from the quotes' words (one
    pass over them)."""
    removed: dict[str, list[int]] = {}
    taken = 0
    for batch in chunks(set(ids)):
        rows = con.execute(
            f"SELECT qn, words FROM ventry WHERE id IN ({marks(len(batch))})",
            batch,
        ).fetchall()
        for qn, words in rows:
            for w in words.split():
                removed.setdefault(w, []).append(qn)
        con.executemany("DELETE FROM ventry WHERE qn=?", [(qn,) for qn, _ in rows])
        taken += len(rows)
    if taken:
        _entries_changed(con, -taken)
    if not removed:
        return taken
    known = _word_counts(con, removed)
    postings: list[tuple[str, int]] = []
    counts: list[tuple[str, int, int]] = []
    refill: set[str] = set()
    for w, qns in removed.items():
        if w not in known:
            continue
        n, posted = known[w]
        n -= len(qns)
        if posted:
            postings.extend((w, qn) for qn in qns)
        elif n <= PROBE_CAP:
            refill.add(w)
            posted = 1
        counts.append((w, n, posted))
    con.executemany("DELETE FROM vpost WHERE word=? AND qn=?", postings)
    con.executemany(
        "UPDATE vdf SET n=?, posted=? WHERE word=?", [(n, p, w) for w, n, p in counts if n > 0]
    )
    con.executemany("DELETE FROM vdf WHERE word=?", [(w,) for w, n, _ in counts if n <= 0])
    if refill:
        con.executemany(
            "INSERT OR IGNORE INTO vpost VALUES (?, ?)",
            [
                (w, qn)
                for qn, words in con.execute("SELECT qn, words FROM ventry")
                for w in refill.intersection(words.split())
            ],
        )
    return taken


def move_entries(con: sqlite3.Connection, moves: Mapping[str, str]) -> None:
    con.executemany("UPDATE ventry SET source=? WHERE source=?", [(n, o) for o, n in moves.items()])


class StoredVariants(VariantIndex):
    """The variant index on disk, plus the quotes of the commit under way held in memory until
    they are written (`flush`): matching a new quote sees both."""

    def __init__(self, con: sqlite3.Connection, words: Iterable[str]) -> None:
        super().__init__()
        self.con = con
        self.base_total = entry_count(con)
        words = set(words)
        # Read once: `flush` counts the same words up.
        stored = _word_counts(con, words)
        self.counts = {w: stored.get(w, (0, 1)) for w in words}
        self.base_df = {w: n for w, (n, _) in self.counts.items() if n}
        self.pending: list[tuple[Mapping[str, Any], frozenset[str]]] = []
        self.stored: dict[str, list[int]] = {}  # postings on disk of the words looked up
        self.read: dict[int, Entry] = {}  # stored quotes read, by row number

    def match_all(
        self, items: Sequence[tuple[Mapping[str, Any], frozenset[str]]]
    ) -> list[list[tuple[str, float]]]:
        """As VariantIndex.match_all, with what it reads from disk read in one pass up front (a
        query per quote cost more than the rows it read): the words each quote will look up
        (their counts grow by the quotes before it), their postings, the quotes those lead to."""
        before: Counter[str] = Counter()
        probes: list[list[str] | None] = []
        for _, words in items:
            probes.append(self._rare(words, before) if len(words) >= MIN_WORDS else None)
            before.update(words)
        self._read_postings({w for rare in probes if rare for w in rare})
        stored = [
            hits(self.stored, rare, least(rare)) if rare is not None else [] for rare in probes
        ]
        self._read(set().union(*stored))
        found: list[list[tuple[str, float]]] = []
        for (q, words), rare, qns in zip(items, probes, stored, strict=True):
            if rare is None:
                found.append([])
            else:
                candidates = super()._hits(rare, least(rare))  # this commit's quotes
                for qn in qns:
                    candidates.setdefault(self.read[qn].id, self.read[qn])
                found.append(self._verify(q, words, candidates))
            self.add(q, words)
        return found

    def _read_postings(self, words: Iterable[str]) -> None:
        todo = [w for w in words if w not in self.stored and self.base_df.get(w, 0)]
        for chunk in chunks(todo):
            # A row a word, not a row a posting: a third less time for some 150,000 postings.
            for word, qns in self.con.execute(
                f"SELECT word, GROUP_CONCAT(qn) FROM vpost WHERE word IN ({marks(len(chunk))}) "
                "GROUP BY word",
                chunk,
            ):
                self.stored[word] = list(map(int, qns.split(",")))

    def _read(self, qns: Iterable[int]) -> None:
        read = self.read
        for chunk in chunks(sorted(qn for qn in qns if qn not in read)):
            for qn, qid, source, speaker, ws in self.con.execute(
                "SELECT qn, id, source, speaker, words FROM ventry "
                f"WHERE qn IN ({marks(len(chunk))})",
                chunk,
            ):
                read[qn] = Entry(qid, source, speaker, ws)

    def _df(self, word: str) -> int:
        return self.base_df.get(word, 0) + super()._df(word)

    def _total(self) -> int:
        return self.base_total + super()._total()

    def _rare(self, words: Iterable[str], before: Mapping[str, int] | None = None) -> list[str]:
        # As VariantIndex._rare, counting the stored quotes too (and the quotes to be added
        # `before` this one). A word above the cap on disk stays above it all commit.
        base, postings = self.base_df, self.postings
        df = {}
        for w in words:
            n = base.get(w, 0)
            if n <= PROBE_CAP:
                n += len(postings.get(w, ())) + (before[w] if before else 0)
                if 0 < n <= PROBE_CAP:
                    df[w] = n
        return sorted(df, key=df.__getitem__)[:PROBE]

    def _hits(self, words: list[str], least: int) -> dict[str, Entry]:
        # One quote at a time (matches): read what it needs.
        found = super()._hits(words, least)
        self._read_postings(words)
        qns = hits(self.stored, words, least)
        self._read(qns)
        for qn in qns:
            found.setdefault(self.read[qn].id, self.read[qn])
        return found

    def add(self, q: Mapping[str, Any], words: frozenset[str] | None = None) -> None:
        words = content_words(q["text"]) if words is None else words
        super().add(q, words)
        self.pending.append((q, words))

    def flush(self) -> None:
        add_entries(self.con, self.pending, self.counts)
        self.pending = []


# -- what doctor reads -----------------------------------------------------------------------------


def read_for_salvage(path: Path) -> tuple[dict[str, int] | None, dict[str, Shard]] | None:
    """The rows the index at `path` holds, by shard, for doctor's salvage: (each shard's
    generation as the index records it, or None when it records none; shard name -> its
    documents, quotes and variant pairs as TinyDB tables, in archive order). None when there is
    no index or it cannot be read. Opened read-only: diagnosis never writes."""
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        state = con.execute("SELECT v FROM meta WHERE k='state'").fetchone()
        shards: dict[str, Shard] = {}
        for shard, seq, info, incomplete in con.execute(
            "SELECT shard, seq, info, incomplete FROM docs ORDER BY shard, seq"
        ):
            row = loads(info)
            if incomplete:
                row["incomplete"] = True
            shards.setdefault(shard, empty_shard())[DOCUMENTS][str(seq)] = row
        for shard, row in con.execute("SELECT shard, row FROM quotes ORDER BY shard, seq, start"):
            table = shards.setdefault(shard, empty_shard())[QUOTES]
            table[str(len(table) + 1)] = loads(row)
        for a, b, score, shard in con.execute("SELECT a, b, score, shard FROM pairs"):
            table = shards.setdefault(shard, empty_shard())[VARIANTS]
            table[str(len(table) + 1)] = {"a": a, "b": b, "score": score}
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()
    generations = None
    if state is not None:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            generations = {str(k): int(v) for k, v in loads(state[0])["shards"].items()}
    return generations, shards
