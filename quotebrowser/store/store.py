"""The quote store: documents, quotes and variant pairs in one TinyDB file, texts beside it.

Readers never lock: every commit replaces the file atomically, so a reader sees one whole version.
Writers take the file lock, re-read the file when another process has replaced it since (so two
writers merge instead of overwriting each other), change the in-memory tables, and commit once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Table

from quotebrowser import identity
from quotebrowser.model import QUOTE_FIELDS, Document, Quote
from quotebrowser.sources import metadata
from quotebrowser.sources.files import read_file
from quotebrowser.store.profiles import build_profiles, fold, name_matcher, text_matcher
from quotebrowser.store.records import (
    DocumentInfo,
    Snapshot,
    SpeakerProfile,
    StoreError,
)
from quotebrowser.store.storage import (
    BufferedStorage,
    DatabaseFile,
    Signature,
    Tables,
    generation,
    now_iso,
)
from quotebrowser.store.texts import TextStore, texts_dir
from quotebrowser.store.variants import VariantIndex, content_words

DOCUMENTS = "documents"
QUOTES = "quotes"
VARIANTS = "variants"
MERGES = "merges"  # the names identity merged, rewritten with each change (derived)
KEPT_APART = "kept_apart"  # names the user split off: they stay as written
COMMIT_INTERVAL = 3.0  # seconds of ingest work between commits

ProgressFn = Callable[[int, int, str], None]


_quote_values = itemgetter(*QUOTE_FIELDS)


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    try:
        return Quote(*_quote_values(row))
    except KeyError:  # a row from before a field was added: its default
        return Quote.from_dict(dict(row))


def check_quotes(document: Document, quotes: Sequence[Quote]) -> None:
    """The invariant every stored quote keeps: its offsets give its text in its document."""
    for q in quotes:
        if q.source != document.source or document.text[q.start : q.end] != q.text:
            raise ValueError(f"quote {q.id} does not match {document.source} at {q.start}:{q.end}")


class Store:
    """A quote database file. Cheap to create; the file is parsed on first use."""

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
        self.on_wait = on_wait  # told when a write waits for another process's lock
        self.commit_interval = COMMIT_INTERVAL
        self._file = DatabaseFile(self.path)
        if check:
            self._file.check_header()
        self._db: TinyDB | None = None
        self._sig: Signature | None = None
        self._gen = 0
        self._index: VariantIndex | None = None
        self._index_gen = -1

    # -- reading -------------------------------------------------------------------------------

    def _current(self) -> TinyDB:
        """The database as on disk now: re-parsed only when the file was replaced since."""
        if self._db is not None and self._file.signature() == self._sig:
            return self._db
        data, sig = self._file.load()
        self._db = TinyDB(storage=BufferedStorage, data=data)
        self._sig, self._gen = sig, generation(data)
        return self._db

    def _rows(self, table: str) -> list[dict[str, Any]]:
        """The raw rows of a table, in insertion order.

        Bulk reads bypass TinyDB's Table, which copies every row into a Document object: on
        100,000 quotes that copy costs more than the query itself.
        """
        storage = self._current().storage
        assert isinstance(storage, BufferedStorage)
        return list(storage.read().get(table, {}).values())

    def reload(self) -> None:
        """Forget the in-memory copy; the next read parses the file again."""
        self._db = None

    def exists(self) -> bool:
        return self.path.is_file()

    def is_empty(self) -> bool:
        return not self._rows(DOCUMENTS)

    def documents(self) -> dict[str, DocumentInfo]:
        """By source, in ingest order."""
        return {row["source"]: DocumentInfo.from_dict(row) for row in self._rows(DOCUMENTS)}

    def document_info(self, source: str) -> DocumentInfo | None:
        row = self._document_row(source)
        return DocumentInfo.from_dict(row) if row else None

    def _document_row(self, source: str) -> dict[str, Any] | None:
        return next((r for r in self._rows(DOCUMENTS) if r["source"] == source), None)

    def _ordered(self, rows: Iterable[Mapping[str, Any]]) -> list[Quote]:
        order = {row["source"]: i for i, row in enumerate(self._rows(DOCUMENTS))}
        last = len(order)
        quotes = [quote_from_row(row) for row in rows]
        quotes.sort(key=lambda q: (order.get(q.source, last), q.start))
        return quotes

    def snapshot(self) -> Snapshot:
        return Snapshot(
            quotes=self._ordered(self._rows(QUOTES)),
            documents=self.documents(),
            variants=self.variant_map(),
        )

    def variant_map(self) -> dict[str, tuple[str, ...]]:
        """Quote id -> ids of its close variants in other documents, closest first."""
        found: dict[str, list[tuple[float, str]]] = {}
        for pair in self._rows(VARIANTS):
            found.setdefault(pair["a"], []).append((pair["score"], pair["b"]))
            found.setdefault(pair["b"], []).append((pair["score"], pair["a"]))
        return {
            qid: tuple(other for _, other in sorted(pairs, key=lambda p: -p[0]))
            for qid, pairs in found.items()
        }

    def find_quotes(
        self,
        *,
        speaker: str | None = None,
        group: str | None = None,
        source: str | None = None,
        search: str | None = None,
    ) -> list[Quote]:
        """Quotes matching every filter given (names and text: any case, any accents)."""
        rows = all_rows = self._rows(QUOTES)
        if speaker:
            matches = name_matcher(speaker)
            # Thousands of quotes share a few speakers: decide once per distinct name.
            verdict = {name: matches(name) for name in {r["speaker"] for r in rows}}
            rows = [r for r in rows if verdict[r["speaker"]]]
        if group:
            # A person's group across the archive, as `speakers` and the app list them.
            group_of = identity.person_groups(
                (r["speaker"], r["group"], r["role"]) for r in all_rows
            )
            rows = [r for r in rows if group_of[fold(r["speaker"] or "")] == group]
        if source:
            needle = source.casefold()
            hits = {s for s in {r["source"] for r in rows} if needle in s.casefold()}
            rows = [r for r in rows if r["source"] in hits]
        if search:
            in_text = text_matcher(search)
            rows = [r for r in rows if in_text(r["text"])]
        return self._ordered(rows)

    def speakers(self) -> list[SpeakerProfile]:
        return build_profiles(self._rows(QUOTES))

    def find_by_prefix(self, prefix: str) -> list[Quote]:
        """Quotes whose id starts with `prefix` (a whole id gives at most one)."""
        prefix = prefix.strip().lower()
        if not prefix:
            return []
        return self._ordered(r for r in self._rows(QUOTES) if r["id"].startswith(prefix))

    def get_quote(self, quote_id: str) -> Quote | None:
        """The quote with this id, or with this unique id prefix."""
        found = self.find_by_prefix(quote_id)
        return found[0] if len(found) == 1 else None

    def variants(self, quote_id: str) -> list[Quote]:
        """Close variants of the quote in other documents, closest first."""
        quote = self.get_quote(quote_id)
        if quote is None:
            return []
        ids = self.variant_map().get(quote.id, ())
        rank = {qid: i for i, qid in enumerate(ids)}
        rows = [r for r in self._rows(QUOTES) if r["id"] in rank]
        return sorted((quote_from_row(r) for r in rows), key=lambda v: rank[v.id])

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

    # -- writing -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[tuple[TinyDB, list[Callable[[], None]]]]:
        """Lock, bring the in-memory copy up to date, let the caller change it, commit once.

        Callbacks the caller appends run after the commit, still under the lock.
        """
        with self._file.locked(on_wait=self.on_wait):
            try:
                db = self._current()
                after: list[Callable[[], None]] = []
                yield db, after
                storage = db.storage
                assert isinstance(storage, BufferedStorage)
                if storage.dirty:
                    gen = self._gen + 1
                    self._sig = self._file.save(storage.data, gen)
                    self._gen = gen
                    storage.dirty = False
                for fn in after:
                    fn()
            except BaseException:
                # The in-memory copy may be half-changed: the file is the truth.
                self._db = None
                self._index = None
                raise

    def _variant_index(self, db: TinyDB) -> VariantIndex:
        if self._index is None or self._index_gen != self._gen:
            self._index = VariantIndex.build(db.storage.read().get(QUOTES, {}).values())
            self._index_gen = self._gen
        return self._index

    def add(self, document: Document, quotes: Sequence[Quote]) -> str:
        """Store one document and its quotes: "added", "unchanged" or "replaced"."""
        return self.add_many([(document, quotes)])[0]

    def add_many(self, items: Iterable[tuple[Document, Sequence[Quote]]]) -> list[str]:
        """Store documents with their quotes in one commit; a status for each, in order."""
        items = list(items)
        for document, quotes in items:
            check_quotes(document, quotes)
        statuses: list[str] = []
        with self._writing() as (db, after):
            documents, quote_table, pairs = (db.table(n) for n in (DOCUMENTS, QUOTES, VARIANTS))
            existing = {row["source"]: row for row in documents}
            hashes = {source: row["content_hash"] for source, row in existing.items()}
            batch: dict[str, tuple[Document, Sequence[Quote]]] = {}
            for document, quotes in items:
                known = hashes.get(document.source)
                if known == document.content_hash:
                    statuses.append("unchanged")
                    continue
                statuses.append("replaced" if known else "added")
                hashes[document.source] = document.content_hash
                batch[document.source] = (document, quotes)
            if batch:
                self._apply(db, documents, quote_table, pairs, existing, batch, after)
        if batch:
            self._index_gen = self._gen
        return statuses

    def _apply(
        self,
        db: TinyDB,
        documents: Table,
        quote_table: Table,
        pairs: Table,
        existing: dict[str, Any],
        batch: dict[str, tuple[Document, Sequence[Quote]]],
        after: list[Callable[[], None]],
    ) -> None:
        index = self._variant_index(db)
        replaced = [source for source in batch if source in existing]
        old_hashes = {existing[source]["content_hash"] for source in replaced}
        if replaced:
            gone = set(replaced)
            old = quote_table.search(Query().source.test(lambda s: s in gone))
            old_ids = {row["id"] for row in old}
            quote_table.remove(doc_ids=[row.doc_id for row in old])
            pairs.remove(
                Query().a.test(lambda a: a in old_ids) | Query().b.test(lambda b: b in old_ids)
            )
            index.discard(old_ids)
        stamp = now_iso()
        updates: dict[str, dict[str, Any]] = {}
        inserts, new_quotes = [], []
        self.texts.put_many([document.text for document, _ in batch.values()])
        for source, (document, quotes) in batch.items():
            row = document_row(document, quotes, stamp)
            if source in existing:
                updates[source] = row
            else:
                inserts.append(row)
            new_quotes.extend({f: getattr(q, f) for f in QUOTE_FIELDS} for q in quotes)
        if updates:
            # One pass over the table; each replaced document keeps its row (its ingest order).
            documents.update(
                lambda doc: doc.update(updates[doc["source"]]),
                Query().source.test(lambda s: s in updates),
            )
        if inserts:
            documents.insert_multiple(inserts)
        found = []
        for q in new_quotes:
            words = content_words(q["text"])
            pairs_of_q = index.matches(q, words)
            found.extend({"a": q["id"], "b": other, "score": s} for other, s in pairs_of_q)
            index.add(q, words)
        if new_quotes:
            quote_table.insert_multiple(new_quotes)
        self._canonicalise(db)
        if found:
            pairs.insert_multiple(found)
        if old_hashes:
            after.append(lambda: self._drop_texts(documents, old_hashes))

    def _canonicalise(self, db: TinyDB) -> None:
        """One name per person across the archive (quotebrowser.identity): every quote's
        speaker becomes the name the archive shows; a name written otherwise stays in
        `written_as`. The merges made are recorded in their own table."""
        rows = db.storage.read().get(QUOTES, {})
        apart = [row["name"] for row in db.table(KEPT_APART)]
        written = {
            doc_id: row.get("written_as") or row["speaker"]
            for doc_id, row in rows.items()
            if row.get("written_as") or row["speaker"]
        }
        identities = identity.resolve(
            {identity.Speaker(written[i], rows[i]["group"], rows[i]["source"]) for i in written},
            keep_apart=apart,
        )
        renames: dict[tuple[str, str], list[int]] = {}
        for doc_id, name in written.items():
            row = rows[doc_id]
            shown = identities.canonical(name, row["source"])
            as_written = None if shown == name else name
            if row["speaker"] != shown or row.get("written_as") != as_written:
                renames.setdefault((shown, as_written), []).append(int(doc_id))
        quote_table = db.table(QUOTES)
        for (shown, as_written), doc_ids in renames.items():
            quote_table.update({"speaker": shown, "written_as": as_written}, doc_ids=doc_ids)
        recorded = [dataclasses.asdict(m) for m in identities.merges]
        if recorded != [dict(r) for r in db.table(MERGES)]:
            db.drop_table(MERGES)
            db.table(MERGES).insert_multiple(recorded)

    def merges(self) -> list[identity.Merge]:
        """The names shown under another name, and why ("surname", "spelling", ...)."""
        return [identity.Merge(**row) for row in self._rows(MERGES)]

    def keep_apart(self, name: str) -> int:
        """Undo the merges of `name` (as written): its quotes show it as written again, now and
        after later ingests. The number of quotes renamed back."""
        with self._writing() as (db, _):
            before = {r["id"]: r["speaker"] for r in db.storage.read().get(QUOTES, {}).values()}
            table = db.table(KEPT_APART)
            if not table.contains(Query().name == name):
                table.insert({"name": name})
            self._canonicalise(db)
            after = db.storage.read().get(QUOTES, {}).values()
            return sum(1 for r in after if before.get(r["id"]) != r["speaker"])

    def _drop_texts(self, documents: Table, candidates: set[str]) -> None:
        in_use = {row["content_hash"] for row in documents}
        self.texts.remove(candidates - in_use)

    def replace_tables(self, tables: Tables) -> None:
        """Write `tables` as the whole database, under the lock, whatever the file holds now
        (doctor's salvage: the caller has made a backup)."""
        with self._file.locked(on_wait=self.on_wait):
            try:
                current = generation(self._file.load()[0])
            except StoreError:
                current = 0
            self._file.save(tables, max(current, generation(tables)) + 1)
        self._db = None
        self._index = None


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
        ingested_at=stamp,
        quote_count=len(quotes),
    ).to_dict()
