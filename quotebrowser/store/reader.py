"""Reading a quote database: snapshots, lookups, article texts and speaker tallies.

The path users give (`quotes.json`) is the manifest (manifest.py), naming the shard files
(`quotes.json.shards/`, shards.py). Beside them: article texts (`quotes.json.texts/`, texts.py)
and the derived index (`quotes.json.index`, index.py) that readers consult instead of parsing
every quote. Readers never lock: a commit writes new shard files and then replaces the manifest
atomically, so a reader sees one whole version. The reader brings the index in step with the
manifest (rebuilding it under the lock when it is stale) and migrates a database in the
single-file layout of before on first open (migration.py). It reads no article and runs no
extractor: what it returns is what ingest gave the store.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quotebrowser import identity
from quotebrowser.model import REPORTED, Quote
from quotebrowser.store import corrections, search
from quotebrowser.store import index as ix
from quotebrowser.store.corrections import Correction
from quotebrowser.store.fulltext import Haystack
from quotebrowser.store.manifest import MERGES, shard_rows, shard_state
from quotebrowser.store.migration import migrate
from quotebrowser.store.narrowing import Matches
from quotebrowser.store.paths import refuse_part
from quotebrowser.store.records import DocumentInfo, Snapshot, StoreError
from quotebrowser.store.recount import documents_per_speaker, fixed_ids, recount
from quotebrowser.store.rows import quote_from_row
from quotebrowser.store.search import Results
from quotebrowser.store.shards import ShardFiles, shards_dir
from quotebrowser.store.shown import UserWord, haystacks_at, speaker_key
from quotebrowser.store.snapshots import LazyVariants, Overlay, ShardedQuotes, variant_map
from quotebrowser.store.storage import (
    SINGLE_FILE_SCHEMA,
    DatabaseFile,
    Signature,
    Tables,
    schema_of,
)
from quotebrowser.store.texts import TextStore, texts_dir
from quotebrowser.whoswho import WhosWho, fold

if TYPE_CHECKING:
    from quotebrowser.query import Query


class StoreReader:
    """A quote database to read. Cheap to create; files are read on first use."""

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
        refuse_part(self.path)  # even for doctor: it would turn a shard into a database
        self.texts = TextStore(texts_dir(self.path))
        self.shard_files = ShardFiles(shards_dir(self.path))
        self.index = ix.Index(ix.index_path(self.path))
        self.on_wait = on_wait  # told when a write waits for another process's lock
        self._file = DatabaseFile(self.path)
        if check:
            self._file.check_header()
        self._manifest: Tables | None = None
        self._sig: Signature | None = None
        self._indexed: str | None = None  # the manifest state the index was last found at
        self._checked: Tables | None = None  # the manifest read when it was found so
        self._people: tuple[Tables, WhosWho] | None = None  # and the who's who of a manifest
        self._statement_cache: tuple[Tables, tuple[dict[int, int], dict[int, int]]] | None = None
        self._matches: tuple[Tables, Matches] | None = None  # recent queries' matches

    # -- the files, and the index in step with them ----------------------------------------------

    def _read_manifest(self, *, locked: bool = False) -> Tables:
        """The manifest as on disk now: re-read only when the file was replaced since. A
        single-file database is migrated first (`locked`: the caller holds the lock)."""
        if self._manifest is not None and self._file.signature() == self._sig:
            return self._manifest
        data, sig = self._file.load()
        if data and schema_of(data) == SINGLE_FILE_SCHEMA:
            if locked:
                migrate(self.path, self._file, self.shard_files, self.index)
            else:
                with self._file.locked(on_wait=self.on_wait):
                    migrate(self.path, self._file, self.shard_files, self.index)
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
        word = UserWord.of(manifest)
        try:
            self.index.rebuild(
                ((row["name"], self.shard_files.load(row["file"])) for row in rows),
                shard_state(manifest),
                word,
            )
        except sqlite3.DatabaseError:
            self.index.discard()
            self.index.rebuild(
                ((row["name"], self.shard_files.load(row["file"])) for row in rows),
                shard_state(manifest),
                word,
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
        # A document whose text is lost (see doctor) is not whole: ingest reads it again.
        own = next((h for s, h in rows if s == source and self.texts.has(h)), None)
        holder = next((s for s, h in reversed(rows) if h == digest), None)
        return own, holder

    def is_empty(self) -> bool:
        return not any(row["documents"] for row in shard_rows(self._read_manifest()))

    def quote_count(self) -> int:
        return sum(row["quotes"] for row in shard_rows(self._read_manifest()))

    def document_count(self) -> int:
        return sum(row["documents"] for row in shard_rows(self._read_manifest()))

    def documents(self) -> dict[str, DocumentInfo]:
        """By source, in ingest order."""
        if not shard_rows(self._current()):
            return {}
        return {row["source"]: DocumentInfo.from_dict(row) for row in self.index.documents()}

    def documents_of(self, sources: Iterable[str]) -> dict[str, DocumentInfo]:
        """These articles' rows, by source (those stored)."""
        found: dict[str, DocumentInfo] = {}
        if not shard_rows(self._current()):
            return found
        for batch in ix.chunks(set(sources)):
            for (info,) in self.index.query(
                f"SELECT info FROM docs WHERE source IN ({ix.marks(len(batch))})", batch
            ):
                row = ix.loads(info)
                found[row["source"]] = DocumentInfo.from_dict(row)
        return found

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
            people=self.people(),
        )

    def variant_map(self) -> dict[str, tuple[str, ...]]:
        """Quote id -> ids of its close variants in other documents, closest first."""
        if not shard_rows(self._current()):
            return {}
        return variant_map(self.index.all_pairs())

    def people(self) -> WhosWho:
        """The archive's who's who as the user's corrections show it (quotebrowser.whoswho),
        from the index's tallies: no quote is read but those the corrections name."""
        manifest = self._current()
        if self._people is not None and self._people[0] is manifest:
            return self._people[1]
        if not shard_rows(manifest):
            return WhosWho(())
        fixes = list(manifest.get(corrections.CORRECTIONS, {}).values())
        names = list(manifest.get(corrections.NAMES, {}).values())
        rows = self.index.tally_rows()
        reported = self.index.tally_rows("rprof")  # counted apart from the quotations
        if fixes or names:
            stored = self.index.quotes_of_speakers((), fixed_ids(fixes))
            corrected = corrections.overlay(stored, fixes, [])
            kept, rejected = recount(rows, stored, corrected, names)
            statements = [
                (a, b) for a, b in zip(stored, corrected, strict=True) if a.get("kind") == REPORTED
            ]
            reported, _ = recount(
                reported, [a for a, _ in statements], [b for _, b in statements], names
            )
            people = WhosWho(
                kept,
                lambda: documents_per_speaker(self.index, stored, corrected, names),
                rejected,
                reported,
            )
        else:
            people = WhosWho(rows, self.index.speaker_documents, reported=reported)
        self._people = (manifest, people)
        return people

    def snapshot_of_speakers(self, names: Iterable[str | None]) -> Snapshot:
        """The quotes of these speakers (exact spellings, as corrected; None: unattributed), in
        archive order, with their documents and variants: a query's candidates, read from the
        index (with the stored spellings renamed to them and the quotes corrected to them)."""
        manifest = self._current()
        if not shard_rows(manifest):
            return Snapshot(quotes=[], documents={}, variants={}, people=WhosWho(()))
        chosen = {name or None for name in names}
        fixes = list(manifest.get(corrections.CORRECTIONS, {}).values())
        renamed = corrections.name_map(manifest.get(corrections.NAMES, {}).values())
        stored_names = set(chosen)
        if renamed:
            stored_names |= {
                speaker
                for speaker, *_ in self.index.tally_rows()
                if speaker and renamed.get(fold(speaker)) in chosen
            }
        rows = self._corrected(self.index.quotes_of_speakers(stored_names, fixed_ids(fixes)))
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
        return Snapshot(
            quotes=quotes, documents=documents, variants=variants, people=self.people()
        )

    # -- the query language on the index (store/search.py) ----------------------------------------

    def search(self, query: Query) -> Results:
        """The quotes `query` selects, in its order, read a page at a time from the index (as
        the user's corrections show them): what `quotes QUERY` prints and the app lists."""
        manifest = self._current()
        if not shard_rows(manifest):
            empty = search.Plan("quotes q", empty=True)
            return Results(self.index, empty, self._overlay(), query=query)
        people = self.people()
        outlets: dict[int, int] | None = None
        statements = None
        if query.show == "statements":
            root_of, outlets_of = self._statements(manifest)
            outlets = {pos: outlets_of[root] for pos, root in root_of.items()}

            def statements(found: search.Plan) -> frozenset[int]:
                # A statement shows as the first of its quotes the query finds, in archive order.
                members = json.dumps(list(root_of))
                sql, params = found.sql(
                    "q.pos", "q.pos IN (SELECT value FROM json_each(?))", [members]
                )
                seen: set[int] = set()
                dropped = set()
                with self.index.reading() as con:
                    for (pos,) in con.execute(sql + " ORDER BY q.pos", params):
                        root = root_of[pos]
                        if root in seen:
                            dropped.add(pos)
                        seen.add(root)
                return frozenset(dropped)

        matches = self._matches_of(manifest)
        found = search.plan(
            query,
            people,
            sources=self._sources,
            statements=statements,
            total=self.quote_count(),
            narrow=matches.narrow,
        )
        return Results(
            self.index, found, self._overlay(), outlets, self.quote_count(), query, matches
        )

    def _matches_of(self, manifest: Tables) -> Matches:
        """The full-text matches remembered for the index as `manifest` has it (any write
        gives a new manifest, and forgets them)."""
        if self._matches is None or self._matches[0] is not manifest:

            def read(positions: Sequence[int]) -> dict[int, Haystack]:
                with self.index.reading() as con:
                    return haystacks_at(con, positions)

            self._matches = (manifest, Matches(read))
        return self._matches[1]

    def _sources(self, alternatives: Sequence[str]) -> list[str]:
        """The sources whose path, title or outlet hold every word of one of `alternatives`
        (folded), as `source:` matches them."""
        conditions, params = [], []
        for alternative in alternatives:
            words = alternative.split()
            conditions.append(" AND ".join(["instr(hay, ?) > 0"] * len(words)) or "1")
            params.extend(words)
        where = " OR ".join(f"({c})" for c in conditions)
        return [
            source
            for (source,) in self.index.query(
                f"SELECT source FROM docs WHERE {where} "
                f"UNION SELECT source FROM loose WHERE {where}",
                [*params, *params],
            )
        ]

    def _statements(self, manifest: Tables) -> tuple[dict[int, int], dict[int, int]]:
        """The quotes that have reprints elsewhere, grouped in statements (quotes joined by
        variant pairs): each one's statement (the place of its first quote) and each
        statement's number of outlets (else articles) reporting it. Read once per version."""
        if self._statement_cache is not None and self._statement_cache[0] is manifest:
            return self._statement_cache[1]
        pairs = self.index.all_pairs()
        ids = {i for a, b, _ in pairs for i in (a, b)}
        where: dict[str, tuple[int, str]] = {}
        for batch in ix.chunks(ids):
            for qid, pos, source in self.index.query(
                f"SELECT id, pos, source FROM quotes WHERE id IN ({ix.marks(len(batch))})", batch
            ):
                where[qid] = (pos, source)
        parent = {pos: pos for pos, _ in where.values()}

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b, _ in pairs:
            if a in where and b in where:
                x, y = root(where[a][0]), root(where[b][0])
                parent[max(x, y)] = min(x, y)
        root_of = {pos: root(pos) for pos in parent}
        outlet_of: dict[str, str] = {}
        for batch in ix.chunks({source for _, source in where.values()}):
            for source, info in self.index.query(
                f"SELECT source, info FROM docs WHERE source IN ({ix.marks(len(batch))})", batch
            ):
                outlet_of[source] = ix.loads(info).get("outlet") or source
        reported: dict[int, set[str]] = {}
        for pos, source in where.values():
            reported.setdefault(root_of[pos], set()).add(outlet_of.get(source, source))
        found = (root_of, {r: len(outlets) for r, outlets in reported.items()})
        self._statement_cache = (manifest, found)
        return found

    def quotes_of_source(self, source: str) -> list[Quote]:
        """One article's quotes, in order, as corrected."""
        if not shard_rows(self._current()):
            return []
        return [
            quote_from_row(row)
            for row in self._corrected(self.index.quote_rows("source = ?", (source,)))
        ]

    def quotes_of_person(self, name: str | None) -> list[Quote]:
        """Every quote shown under this person (any spelling of the name, case and accents
        aside; None: the unattributed), in archive order, as corrected."""
        if not shard_rows(self._current()):
            return []
        rows = self.index.quote_rows("skey = ?", (speaker_key(name),))
        return [quote_from_row(row) for row in self._corrected(rows)]

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

    def variants_of(self, ids: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Quote id -> ids of its close variants in other documents, closest first, for these
        quotes."""
        if not shard_rows(self._current()):
            return {}
        wanted = set(ids)
        found = variant_map(self.index.pairs_of(wanted))
        return {qid: others for qid, others in found.items() if qid in wanted}

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
        """The article text kept with the document (None: not stored, or damaged)."""
        row = self._document_row(source)
        return None if row is None else self.texts.get(row["content_hash"])

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

    def corrections(self) -> list[Correction]:
        """Every correction, in the order made."""
        rows = self._read_manifest().get(corrections.CORRECTIONS, {}).values()
        return [Correction.from_row(r) for r in sorted(rows, key=lambda r: r["seq"])]

    def unapplied_corrections(self, sources: Iterable[str]) -> list[Correction]:
        """Corrections of these articles whose quote's words are no longer found."""
        rows = self._read_manifest().get(corrections.CORRECTIONS, {}).values()
        return corrections.unapplied(rows, sources)

    def one_quote(self, quote_id: str) -> Quote:
        """The quote with this id or unique id prefix; a StoreError that says which, if none
        or several."""
        found = self.find_by_prefix(quote_id)
        if not found:
            raise StoreError(f"no quote with id {quote_id!r} in {self.path}")
        if len(found) > 1:
            raise StoreError(
                f"{len(found)} quotes have ids starting with {quote_id!r}; give more characters"
            )
        return found[0]
