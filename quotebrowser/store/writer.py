"""The quote store: what StoreReader reads, and every write (commits, corrections, merges).

Writers take the lock, re-read the manifest when another process has replaced it since (so two
writers merge instead of overwriting each other), change rows through TinyDB's tables in memory
(commit.py) loading only the shards they change, and commit once: new shard files, then the
manifest (its atomic replacement is the commit), then the index's transaction.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from quotebrowser.model import Document, Quote
from quotebrowser.store import corrections, shown
from quotebrowser.store import index as ix
from quotebrowser.store.commit import Commit, by_shard, collector_paused, raw_rows, rewrite
from quotebrowser.store.corrections import Action, Correction, NameChange
from quotebrowser.store.manifest import INCOMPLETE, KEPT_APART, RETIRED, SHARDS, state_for
from quotebrowser.store.migration import replace_all
from quotebrowser.store.naming import canonicalise
from quotebrowser.store.reader import StoreReader
from quotebrowser.store.records import StoreError
from quotebrowser.store.rows import check_quotes, document_row, quote_row
from quotebrowser.store.shards import DOCUMENTS, GRACE, QUOTES, VARIANTS
from quotebrowser.store.shown import UserWord
from quotebrowser.store.storage import Tables, generation, now_iso, tables_of
from quotebrowser.store.variants import content_words

COMMIT_INTERVAL = 3.0  # seconds of ingest work between commits
COMMIT_DOCUMENTS = 500  # or this many documents, whichever comes first: memory stays bounded


class Store(StoreReader):
    """A quote database to read and write. Cheap to create; files are read on first use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commit_interval = COMMIT_INTERVAL
        self.commit_documents = COMMIT_DOCUMENTS

    def create(self) -> bool:
        """Write an empty database when there is no file yet, so that other processes (the
        app deciding whether to seed) see that this one is in use. True if it was created."""
        if self.exists():
            return False
        with self._file.locked(on_wait=self.on_wait):
            if self.exists():
                return False
            self._file.save({SHARDS: {}}, 1)
            self.reload()
        return True

    # -- one commit ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Commit]:
        """Lock, bring what was read up to date, let the caller change shards, commit once."""
        with self._file.locked(on_wait=self.on_wait), collector_paused():
            try:
                manifest = self._current(locked=True)
                with self.index.transaction() as con:
                    commit = Commit(self.shard_files, self.index, manifest, con)
                    yield commit
                    self._commit(commit)
                for fn in commit.after:
                    fn()
            except BaseException:
                self.reload()  # the files are the truth
                raise

    def _commit(self, c: Commit) -> None:
        """New files for the shards that changed, then the manifest naming them (the commit),
        with the index brought along in its transaction."""
        changed = c.changed()
        if not changed and not c.manifest_changed:
            c.ready_to_save()  # nothing to save; what was started still finishes
            return
        manifest = c.manifest
        gen = generation(tables_of(manifest)) + 1
        now = time.time()
        was_retired = list(raw_rows(manifest.table(RETIRED)).values())
        retired = [r for r in was_retired if now - r["at"] <= GRACE]
        expired = {r["file"] for r in was_retired} - {r["file"] for r in retired}
        word = UserWord.of(tables_of(manifest))
        for name in changed:
            shard = c.tables(name)
            ix.apply_changes(c.con, name, c.before[name], shard, word)
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
        for table, rows in ((SHARDS, [c.rows[n] for n in sorted(c.rows)]), (RETIRED, retired)):
            manifest.table(table).truncate()
            manifest.table(table).insert_multiple(rows)
        data = tables_of(manifest)
        if word != c.word_before:  # corrections or names changed: what shows otherwise
            shown.refresh(c.con, shown.affected(c.con, c.word_before, word), word)
        ix.Index.set_state(c.con, state_for(data, gen))
        c.ready_to_save()
        self._file.save(data, gen)  # the commit
        self.reload()
        named = {row["file"] for row in c.rows.values()}
        self.shard_files.remove(expired - named)
        self.shard_files.tidy(named, {r["file"] for r in retired}, now)

    # -- documents and their quotes ------------------------------------------------------------

    def add(self, document: Document, quotes: Sequence[Quote]) -> str:
        """Store one document and its quotes: "added", "unchanged", "replaced" or "copy"."""
        return self.add_many([(document, quotes)])[0]

    def add_many(
        self,
        items: Iterable[tuple[Document, Sequence[Quote]]],
        *,
        gone: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """Store documents with their quotes in one commit; a status for each, in order. A
        document whose text is stored under another source is a move ("moved") when `gone`
        says that source is no longer there, else a copy ("copy", not stored twice)."""
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
            # Stored whole: all its quotes (not `incomplete`) and its text (see stored_whole).
            hashes = {
                source: digest
                for source, _, digest, bad in known
                if not bad and self.texts.has(digest)
            }
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
                    if gone is not None and gone(original) and original not in moves:
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
                corrections.move(c.manifest, moves)
            if batch:
                self._apply(c, existing, stored_hash, batch)
            if batch or moves:
                canonicalise(c)
            if batch:  # the user's corrections find their quotes again
                corrections.rebind(c.manifest, batch, self._quotes_of(c, batch))
        return statuses

    def _quotes_of(self, c: Commit, sources: Iterable[str]) -> list[dict[str, Any]]:
        """The quote rows of these sources in the shards the commit has loaded."""
        wanted = set(sources)
        return [
            row
            for name in c.loaded()
            for row in c.tables(name)[QUOTES].values()
            if row["source"] in wanted
        ]

    def _move(self, c: Commit, shard_of: dict[str, str], moves: dict[str, str]) -> None:
        """Rename documents (and their quotes) whose file moved; quote ids stay, so do
        citations."""
        for name, sources in by_shard(shard_of).items():
            shard = c.shard(name)
            for table in (DOCUMENTS, QUOTES):
                rewrite(
                    shard.table(table),
                    lambda row, s=sources: {**row, "source": moves[row["source"]]}
                    if row["source"] in s
                    else None,
                )
        ix.move_entries(c.con, moves)

    def _remove(self, c: Commit, shard_of: Mapping[str, str]) -> set[str]:
        """Take these documents' quotes (and the variant pairs naming them) out of their
        shards; the ids removed."""
        gone: set[str] = set()
        for name, sources in by_shard(shard_of).items():
            quotes = c.shard(name).table(QUOTES)
            keys = [k for k, row in raw_rows(quotes).items() if row["source"] in sources]
            gone.update(raw_rows(quotes)[k]["id"] for k in keys)
            quotes.remove(doc_ids=list(map(int, keys)))
        for name in self.index.pair_shards(gone):
            pairs = c.shard(name).table(VARIANTS)
            pairs.remove(
                doc_ids=[
                    int(k)
                    for k, pair in raw_rows(pairs).items()
                    if pair["a"] in gone or pair["b"] in gone
                ]
            )
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
        # Written while the index is: durable before the manifest (the commit) names them.
        c.before_saving.append(
            self.texts.put_many([document.text for document, _ in batch.values()])
        )
        documents: dict[str, list[dict[str, Any]]] = {}  # new document rows, by shard
        quotes: dict[str, list[dict[str, Any]]] = {}  # new quote rows, by shard
        for source, (document, found) in batch.items():
            row = document_row(document, found, stamp)
            if source in replaced:
                name = replaced[source]
                # Renewed under its own id (its place in ingest order), extracted again whole.
                renewed = {k: v for k, v in row.items() if k != INCOMPLETE}
                rewrite(
                    c.shard(name).table(DOCUMENTS),
                    lambda old, s=source, r=renewed: {
                        **{k: v for k, v in old.items() if k != INCOMPLETE}, **r
                    }
                    if old["source"] == s
                    else None,
                )
            else:
                name = c.place(len(found))
                documents.setdefault(name, []).append(row)
            quotes.setdefault(name, []).extend(quote_row(q) for q in found)
        for name, rows in documents.items():
            c.shard(name).table(DOCUMENTS).insert_multiple(rows)
        for name, rows in quotes.items():
            c.shard(name).table(QUOTES).insert_multiple(rows)
        new_rows = [(name, row) for name, rows in quotes.items() for row in rows]
        words = {id(row): content_words(row["text"]) for _, row in new_rows}
        variants = ix.StoredVariants(c.con, set().union(*words.values()) if words else ())
        found_pairs = variants.match_all([(q, words[id(q)]) for _, q in new_rows])
        pairs: dict[str, list[dict[str, Any]]] = {}
        for (name, q), variants_of_q in zip(new_rows, found_pairs, strict=True):
            pairs.setdefault(name, []).extend(
                {"a": q["id"], "b": other, "score": score} for other, score in variants_of_q
            )
        for name, rows in pairs.items():
            if rows:
                c.shard(name).table(VARIANTS).insert_multiple(rows)
        variants.flush()
        if old_hashes:
            c.after.append(lambda: self._drop_texts(old_hashes))

    def forget(self, sources: Iterable[str]) -> tuple[list[str], int]:
        """Remove these documents and their quotes: (the sources removed, quotes removed)."""
        wanted = set(sources)
        with self._writing() as c:
            known = [row for row in self.index.catalogue(wanted, ()) if row[0] in wanted]
            if not known:
                return [], 0
            shard_of = {source: shard for source, shard, _, _ in known}
            gone = self._remove(c, shard_of)
            for name, removed in by_shard(shard_of).items():
                documents = c.shard(name).table(DOCUMENTS)
                documents.remove(
                    doc_ids=[
                        int(k) for k, row in raw_rows(documents).items() if row["source"] in removed
                    ]
                )
            # Kept, waiting for the article to come back.
            corrections.rebind(c.manifest, shard_of, [])
            canonicalise(c)  # names merged through the forgotten quotes part again
            hashes = {digest for _, _, digest, _ in known}
            c.after.append(lambda: self._drop_texts(hashes))
        return [source for source, *_ in known], len(gone)

    def keep_apart(self, name: str) -> int:
        """Undo the merges of `name` (as written): its quotes show it as written again, now and
        after later ingests. The number of quotes renamed back."""
        with self._writing() as c:
            apart = c.manifest.table(KEPT_APART)
            if name not in {row["name"] for row in raw_rows(apart).values()}:
                apart.insert({"name": name})
            return canonicalise(c)

    def _drop_texts(self, candidates: set[str]) -> None:
        self.texts.remove(candidates - self.index.hashes_in_use(candidates))

    def replace_tables(self, tables: Tables) -> None:
        """Write `tables` (the single-file layout) as the whole database, under the lock,
        whatever is there now (doctor's salvage: the caller has made a backup)."""
        with self._file.locked(on_wait=self.on_wait):
            replace_all(self._file, self.shard_files, self.index, tables)
        self.reload()

    # -- the user's corrections (quotebrowser.store.corrections) -------------------------------

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
            quote = self.one_quote(quote_id)
            if reject:
                return corrections.add(c.manifest, quote, "reject", now_iso())
            if speaker is None or not speaker.strip():
                raise StoreError("a speaker correction needs a name")
            speaker = " ".join(speaker.split())
            known = self.people().profile(speaker)
            if known is not None:
                speaker = known.name
                role = role if role is not None else known.role
                group = group or known.group
            return corrections.add(
                c.manifest, quote, "speaker", now_iso(), speaker=speaker, role=role,
                group=group or "other",
            )

    def undo_correction(self, quote_id: str | None = None) -> Correction | None:
        """Take back the last correction (of that quote, when given)."""
        with self._writing() as c:
            target = self.one_quote(quote_id).id if quote_id else None
            return corrections.undo(c.manifest, target)

    def rename_speaker(self, old: str, new: str, *, merge: bool = False) -> NameChange:
        """Show `old`'s quotes under `new` (with `merge`, `new` must be a known speaker too).
        The change made (its `quotes`: how many now show under `new`); StoreError names an
        unknown speaker."""
        with self._writing() as c:
            people = self.people()
            found, target = people.profile(old), people.profile(new)
            if found is None:
                raise StoreError(f"no speaker {old!r} in {self.path}")
            if merge and target is None:
                raise StoreError(f"no speaker {new!r} in {self.path}")
            shown = target.name if target else " ".join(new.split())
            return corrections.set_name(
                c.manifest, found.name, shown, now_iso(), "merge" if merge else "rename",
                found.quotes,
            )

    def unmerge(self, name: str) -> NameChange | None:
        """Undo the user's merge or rename of `name`: its quotes show under it again (and the
        change is itself one to undo). None when the user never merged nor renamed that name."""
        with self._writing() as c:
            alias = corrections.merged_alias(c.manifest, name)
            if alias is None:
                return None
            return corrections.set_name(c.manifest, alias, alias, now_iso(), "unmerge")

    def undo(self, seq: int | None = None, *, names_only: bool = False) -> Action | None:
        """Take back the user's action `seq` (a correction, merge, rename or unmerge), by
        default the last one made (the last name change, with `names_only`). What was undone,
        or None: nothing to undo, or that action was undone already."""
        with self._writing() as c:
            if seq is None:
                seq = corrections.last_action(c.manifest, names_only)
                if seq is None:
                    return None
            return corrections.undo_action(c.manifest, seq)
