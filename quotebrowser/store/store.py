"""The quote store: documents, quotes and variant pairs in one TinyDB file, texts beside it.

Readers never lock: every commit replaces the file atomically, so a reader sees one whole version.
Writers take the file lock, re-read the file when another process has replaced it since (so two
writers merge instead of overwriting each other), change the in-memory tables, and commit once.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
from collections import Counter
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
from quotebrowser.store import corrections
from quotebrowser.store.corrections import Correction
from quotebrowser.store.profiles import build_profiles, fold
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
# Set on a document row whose quotes may be incomplete (doctor's salvage lost some): the next
# ingest of its file extracts it again instead of calling it unchanged.
INCOMPLETE = "incomplete"

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

    def signature(self) -> Signature | None:
        """Identifies the file's current version (None: no file): changes with every commit."""
        return self._file.signature()

    def create(self) -> bool:
        """Write an empty database when there is no file yet, so that other processes (the
        app deciding whether to seed) see that this one is in use. True if it was created."""
        if self.exists():
            return False
        with self._file.locked(on_wait=self.on_wait):
            if self.exists():
                return False
            self._sig = self._file.save({DOCUMENTS: {}, QUOTES: {}, VARIANTS: {}}, 1)
            self._db, self._gen = None, 1
        return True

    def intact(self) -> dict[str, str]:
        """Content hash by source of the documents whose quotes are all stored."""
        return {
            row["source"]: row["content_hash"]
            for row in self._rows(DOCUMENTS)
            if not row.get(INCOMPLETE)
        }

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
        quotes = [quote_from_row(row) for row in self._corrected(rows)]
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

    def speakers(self) -> list[SpeakerProfile]:
        """Who is quoted, as corrected: a span marked "not a quote" counts for no one."""
        rows = self._corrected(self._rows(QUOTES))
        return build_profiles(r for r in rows if not r.get("rejected"))

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
            hashes = {
                source: row["content_hash"]
                for source, row in existing.items()
                if not row.get(INCOMPLETE)
            }
            by_hash = {digest: source for source, digest in hashes.items()}
            batch: dict[str, tuple[Document, Sequence[Quote]]] = {}
            moves: dict[str, str] = {}
            for document, quotes in items:
                digest, source = document.content_hash, document.source
                known = hashes.get(source)
                original = by_hash.get(digest)
                if known == digest:
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
                _move(documents, quote_table, moves)
                corrections.move(db, moves)
                self._canonicalise(db)  # a speaker's identity takes the source into account
            if batch:
                self._apply(db, documents, quote_table, pairs, existing, batch, after)
        if batch or moves:
            self._index_gen = -1 if moves else self._gen
        return statuses

    def forget(self, sources: Iterable[str]) -> tuple[list[str], int]:
        """Remove these documents and their quotes: (the sources removed, quotes removed)."""
        wanted = set(sources)
        with self._writing() as (db, after):
            documents, quote_table, pairs = (db.table(n) for n in (DOCUMENTS, QUOTES, VARIANTS))
            rows = [row for row in documents if row["source"] in wanted]
            if not rows:
                return [], 0
            gone = {row["source"] for row in rows}
            old = quote_table.search(Query().source.test(lambda s: s in gone))
            old_ids = {row["id"] for row in old}
            quote_table.remove(doc_ids=[row.doc_id for row in old])
            pairs.remove(
                Query().a.test(lambda a: a in old_ids) | Query().b.test(lambda b: b in old_ids)
            )
            documents.remove(doc_ids=[row.doc_id for row in rows])
            corrections.rebind(db, gone, QUOTES)  # kept, waiting for the article to come back
            self._canonicalise(db)  # names merged through the forgotten quotes part again
            hashes = {row["content_hash"] for row in rows}
            after.append(lambda: self._drop_texts(documents, hashes))
        self._index = None
        return [row["source"] for row in rows], len(old_ids)

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
            def renew(doc: dict[str, Any]) -> None:
                doc.update(updates[doc["source"]])
                doc.pop(INCOMPLETE, None)  # extracted again: complete

            documents.update(
                renew,
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
        corrections.rebind(db, batch, QUOTES)  # the user's corrections find their quotes again
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

    # -- the user's corrections (quotebrowser.store.corrections) ---------------------------------

    def _corrected(self, rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """Quote rows as the user corrected them: the one hook every read goes through."""
        return corrections.overlay(
            list(rows), self._rows(corrections.CORRECTIONS), self._rows(corrections.NAMES)
        )

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
        with self._writing() as (db, _):
            quote = self._one(quote_id)
            if reject:
                return corrections.add(db, quote, "reject", now_iso())
            if speaker is None or not speaker.strip():
                raise StoreError("a speaker correction needs a name")
            speaker = " ".join(speaker.split())
            known = self.speaker(speaker)
            if known is not None:
                speaker = known.name
                role = role if role is not None else known.role
                group = group or known.group
            return corrections.add(
                db, quote, "speaker", now_iso(), speaker=speaker, role=role, group=group or "other"
            )

    def undo_correction(self, quote_id: str | None = None) -> Correction | None:
        """Take back the last correction (of that quote, when given)."""
        with self._writing() as (db, _):
            target = self._one(quote_id).id if quote_id else None
            return corrections.undo(db, target)

    def corrections(self) -> list[Correction]:
        """Every correction, in the order made."""
        rows = sorted(self._rows(corrections.CORRECTIONS), key=lambda r: r["seq"])
        return [Correction.from_row(r) for r in rows]

    def unapplied_corrections(self, sources: Iterable[str]) -> list[Correction]:
        """Corrections of these articles whose quote's words are no longer found."""
        return corrections.unapplied(self._rows(corrections.CORRECTIONS), sources)

    def rename_speaker(self, old: str, new: str, *, merge: bool = False) -> int:
        """Show `old`'s quotes under `new` (with `merge`, `new` must be a known speaker too).
        The number of quotes renamed; StoreError names an unknown speaker."""
        with self._writing() as (db, _):
            # One pass over the quotes: on 100,000 a profile for each name would cost seconds.
            rows = self._corrected(self._rows(QUOTES))
            counts = Counter(r["speaker"] for r in rows if r["speaker"] and not r.get("rejected"))
            spellings: dict[str, Counter[str]] = {}
            for name, n in counts.items():
                spellings.setdefault(fold(name), Counter())[name] = n
            found, target = spellings.get(fold(old)), spellings.get(fold(new))
            if found is None:
                raise StoreError(f"no speaker {old!r} in {self.path}")
            if merge and target is None:
                raise StoreError(f"no speaker {new!r} in {self.path}")
            shown = target.most_common(1)[0][0] if target else " ".join(new.split())
            corrections.set_name(db, found.most_common(1)[0][0], shown, now_iso())
            return found.total()

    def speaker(self, name: str) -> SpeakerProfile | None:
        """The profile of the speaker of that name (case and accents aside), if quoted."""
        key = fold(name)
        rows = self._corrected(self._rows(QUOTES))
        mine = [r for r in rows if r["speaker"] and fold(r["speaker"]) == key]
        found = build_profiles(r for r in mine if not r.get("rejected"))
        return found[0] if found else None

    def _one(self, quote_id: str) -> Quote:
        found = self.find_by_prefix(quote_id)
        if not found:
            raise StoreError(f"no quote with id {quote_id!r} in {self.path}")
        if len(found) > 1:
            raise StoreError(
                f"{len(found)} quotes have ids starting with {quote_id!r}; give more characters"
            )
        return found[0]

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


def _is_gone(source: str) -> bool:
    """A stored file that is no longer where it was (standard input and links never move; an
    archive's record `PATH#N` is gone with its archive)."""
    if source.startswith("<") or "://" in source:
        return False
    return not Path(re.sub(r"#\d+$", "", source)).exists()


def _move(documents: Table, quote_table: Table, moves: dict[str, str]) -> None:
    """Rename documents (and their quotes) whose file moved; quote ids stay, so do citations."""
    documents.update(
        lambda doc: doc.update(source=moves[doc["source"]]),
        Query().source.test(lambda s: s in moves),
    )
    quote_table.update(
        lambda q: q.update(source=moves[q["source"]]), Query().source.test(lambda s: s in moves)
    )


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
