"""Each stored quote as the user sees it, in the index: what the query language filters, sorts
and searches, without reading a quote.

A quote's row in the index (table `quotes`) holds the row as stored and, as the user's
corrections and name changes show it (corrections.overlay): its speaker's folded name (`skey`)
and place in an index of names (`okey`, what sort:speaker orders by), whether it is marked "not
a quote" or corrected; its article's date and label (`dkey`, `lkey`); its kind and evidence;
and its place in archive order, `pos` (shard, document, rank in the document), which is also its
row in the full-text tables (fulltext.py). A document's quotes are listed again whole whenever
any of them or the document changes (`unlist`, `list_quotes`); a correction or a name change
lists again only what it shows otherwise (`refresh`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from itertools import islice
from typing import Any

from quotebrowser.folding import fold, fold_all
from quotebrowser.identity import index_key
from quotebrowser.model import REPORTED, Quote
from quotebrowser.store import corrections
from quotebrowser.store import fulltext as ft
from quotebrowser.store.records import StoreError
from quotebrowser.store.rows import quote_from_row

try:
    import orjson

    def dumps(value: Any) -> str:
        return orjson.dumps(value).decode()

    loads = orjson.loads
except ImportError:  # pragma: no cover - depends on the installation
    import json

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    loads = json.loads

# pos = shard number, document (its id in the shard), rank of the quote in the document.
RANK_BITS = 22
SEQ_BITS = 22
SHARD_BITS = 63 - RANK_BITS - SEQ_BITS
# The `seq` of quotes whose document row is missing (doctor keeps them): after every document of
# their shard, as a snapshot orders them, and never a document's id.
LOOSE = (1 << SEQ_BITS) - 1
CHUNK = 500
# A quote's defaults, for rows stored before a field was added (as quote_from_row reads them).
_DEFAULTS = {f.name: f.default for f in fields(Quote) if f.default is not MISSING}

COLUMNS = (
    "pos, id, source, shard, seq, start, speaker, row, skey, okey, dkey, lkey, kind, evidence, "
    "rejected, corrected"
)
TABLES = f"""
CREATE TABLE IF NOT EXISTS quotes({COLUMNS.replace("pos,", "pos INTEGER PRIMARY KEY,")
    .replace("id,", "id TEXT UNIQUE,")});
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS quotes_source ON quotes(source);
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes(skey, pos, rejected, kind);
CREATE INDEX IF NOT EXISTS quotes_by_name ON quotes(okey, pos, rejected, kind);
CREATE INDEX IF NOT EXISTS quotes_by_date ON quotes(dkey, pos, rejected, kind);
CREATE INDEX IF NOT EXISTS quotes_by_source ON quotes(lkey, source, pos, rejected, kind);
CREATE INDEX IF NOT EXISTS quotes_hidden ON quotes(pos) WHERE rejected = 1 OR kind = '{REPORTED}';
CREATE TABLE IF NOT EXISTS loose(source TEXT PRIMARY KEY, hay TEXT, n INTEGER);
"""


def position(shard: str, seq: int, rank: int) -> int:
    number = int(shard)
    if number >> SHARD_BITS or seq >> SEQ_BITS or rank >> RANK_BITS or min(seq, rank) < 0:
        raise StoreError(
            f"shard {shard}, document {seq}, quote {rank}: beyond what the index can hold"
        )
    return (number << (SEQ_BITS + RANK_BITS)) | (seq << RANK_BITS) | rank


def document_span(shard: str, seq: int) -> tuple[int, int]:
    """The first and last `pos` a document's quotes can have."""
    first = position(shard, seq, 0)
    return first, first + (1 << RANK_BITS) - 1


def speaker_key(speaker: str | None) -> str:
    """Sorts as the query language's sort:speaker does: by folded name, the unattributed last."""
    return "0" + fold(speaker) if speaker else "1"


# Between the parts of a name's place in an index: below any character of a name, so that the
# joined parts compare as their tuple does ("adams" + "ann" before "adams family trust").
_PARTS = "\x01"


def order_key(speaker: str | None, group: str) -> str:
    """Sorts as the query language's sort:speaker does: people by surname, then given names,
    organisations and documents by their name (identity.index_key); the unattributed last."""
    return "1" if speaker is None else "0" + _PARTS.join(index_key(speaker, group))


def date_key(date: str | None) -> str:
    """Sorts as sort:date does: by date, the undated last."""
    return "0" + date if date else "1"


def label_of(document: Mapping[str, Any] | None, source: str) -> str:
    """An article's label as free words search it: title and outlet, else its source."""
    if document is None:
        return fold(source)
    return fold(" ".join(filter(None, (document.get("title"), document.get("outlet")))) or source)


def source_hay(document: Mapping[str, Any] | None, source: str) -> str:
    """What `source:` searches: the article's source, then its title and outlet."""
    label = "" if document is None else " ".join(
        filter(None, (document.get("title"), document.get("outlet")))
    )
    return fold(source) + "\0" + fold(label)


def chunks(values: Iterable[Any], size: int = CHUNK) -> Iterable[list[Any]]:
    it = iter(values)
    while batch := list(islice(it, size)):
        yield batch


@dataclass(frozen=True, slots=True)
class UserWord:
    """The user's corrections and name changes as of one manifest: how a stored row shows."""

    fixes: tuple[Mapping[str, Any], ...] = ()
    names: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def of(cls, manifest: Mapping[str, Mapping[str, Any]]) -> UserWord:
        # Copies: TinyDB's `update` changes a row in place, in the manifest as read too.
        return cls(
            tuple(dict(r) for r in manifest.get(corrections.CORRECTIONS, {}).values()),
            tuple(dict(r) for r in manifest.get(corrections.NAMES, {}).values()),
        )

    def overlay(self, rows: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        if not self.fixes and not self.names:
            return rows
        return corrections.overlay(rows, self.fixes, self.names)


def _haystack(folded: str, key: str, label: str) -> ft.Haystack:
    """A listed quote's haystack: its folded text, its speaker key's name, its label."""
    return folded, key[1:], label


# The SQL function HOLDS(q.row, q.skey, q.lkey, words): search.py tests a query's words of one
# or two characters with it on a longer word's matches (index.py gives it to every reader).
HOLDS = "qb_holds"


@lru_cache(maxsize=64)
def _words(listed: str) -> tuple[str, ...]:
    return tuple(loads(listed))


def holds(row: str, skey: str, lkey: str, words: str) -> bool:
    """Whether the quote listed with this row, speaker key and label holds every word (a
    JSON list), each in one field of its haystack: what `grams` would answer, without an FTS5
    lookup (a few microseconds against about 18)."""
    return ft.found_in(_haystack(fold(loads(row)["text"]), skey, lkey), _words(words))


def haystacks_at(con: sqlite3.Connection, positions: Iterable[int]) -> dict[int, ft.Haystack]:
    """The haystacks the quotes at these places were listed with (places not listed are left
    out)."""
    found: list[tuple[int, str, str, str]] = []
    for batch in chunks(positions):
        found.extend(
            con.execute(
                "SELECT pos, row, skey, lkey FROM quotes "
                "WHERE pos IN (SELECT value FROM json_each(?))",
                [dumps(batch)],
            )
        )
    texts = fold_all([loads(row)["text"] for _, row, _, _ in found])
    return {
        pos: _haystack(text, skey, lkey)
        for (pos, _, skey, lkey), text in zip(found, texts, strict=True)
    }


def list_quotes(
    con: sqlite3.Connection,
    shard: str,
    placed: Sequence[tuple[int, Mapping[str, Any]]],
    documents: Mapping[str, Mapping[str, Any]],
    word: UserWord,
) -> None:
    """Index these stored rows of shard `shard`, each with its document's `seq`: whole
    documents (their ranks are counted among the rows given). `documents`: the shard's document
    rows by source (a quote without one is listed under its source alone)."""
    if not placed:
        return
    # One row a quote id (a damaged shard may repeat one): the last, as the index always kept.
    placed = list({row["id"]: (seq, row) for seq, row in placed}.values())
    ranked = sorted(placed, key=lambda sr: (sr[0], sr[1]["start"], sr[1]["id"]))
    positions: list[int] = []
    rank, last = 0, None
    for seq, _ in ranked:
        rank = rank + 1 if seq == last else 0
        last = seq
        positions.append(position(shard, seq, rank))
    rows = [row for _, row in ranked]
    shown = word.overlay(rows)
    texts = []
    speakers = []
    labels = []
    values = []
    loose: dict[str, int] = {}
    places: dict[tuple[str | None, str], str] = {}  # (speaker, group) -> order_key
    for pos, (seq, stored), row in zip(positions, ranked, shown, strict=True):
        # The row's fields as a Quote reads them (quote_from_row), without making one.
        source, speaker = row["source"], row.get("speaker") or None
        document = documents.get(source)
        if document is None:
            loose[source] = loose.get(source, 0) + 1
        lkey = label_of(document, source)
        named = (row.get("speaker"), row["group"])
        okey = places.get(named)
        if okey is None:
            okey = places[named] = order_key(*named)
        values.append(
            (
                pos,
                row["id"],
                source,
                shard,
                seq,
                row["start"],
                stored.get("speaker") or "",
                dumps(stored),
                speaker_key(speaker),
                okey,
                date_key(document.get("date") if document else None),
                lkey,
                row["kind"],
                row.get("evidence", _DEFAULTS["evidence"]),
                int(bool(row.get("rejected"))),
                int(bool(row.get("corrected"))),
            )
        )
        texts.append(row["text"])
        speakers.append(speaker)
        labels.append(lkey)
    _evict(con, [v[1] for v in values])
    con.executemany(f"INSERT INTO quotes({COLUMNS}) VALUES ({','.join('?' * 16)})", values)
    ft.add(con, zip(positions, ft.haystacks(texts, speakers, labels), strict=True))
    _count_loose(con, loose, 1)


def unlist(con: sqlite3.Connection, shard: str, seqs: Collection[int]) -> None:
    """Take every quote of these documents of shard `shard` out of the index."""
    spans = [document_span(shard, seq) for seq in sorted(seqs)]
    found: list[tuple[int, str, str, str]] = []
    for batch in chunks(spans, 200):
        where = " OR ".join("pos BETWEEN ? AND ?" for _ in batch)
        found.extend(
            con.execute(
                f"SELECT pos, row, skey, lkey FROM quotes WHERE {where}",
                [v for span in batch for v in span],
            )
        )
    _unlist_rows(con, found)


def _unlist_rows(con: sqlite3.Connection, found: Sequence[tuple[int, str, str, str]]) -> None:
    """Take these rows of `quotes` (pos, row, skey, lkey) out of it and of the full-text
    tables, each with the haystack it was listed with."""
    if not found:
        return
    loose: dict[str, int] = {}
    hays = []
    for pos, row, skey, lkey in found:
        stored = loads(row)
        hays.append((pos, _haystack(fold(stored["text"]), skey, lkey)))
        loose[stored["source"]] = loose.get(stored["source"], 0) - 1
    ft.remove(con, hays)
    con.executemany("DELETE FROM quotes WHERE pos=?", [(pos,) for pos, *_ in found])
    _count_loose(con, loose, 1, only_known=True)


def _evict(con: sqlite3.Connection, ids: Iterable[str]) -> None:
    """Unlist the rows these quote ids still have elsewhere (a quote is listed once: the
    last place it was given, as the index always kept it)."""
    found: list[tuple[int, str, str, str]] = []
    for batch in chunks(ids):
        found.extend(
            con.execute(
                "SELECT pos, row, skey, lkey FROM quotes "
                f"WHERE id IN ({','.join('?' * len(batch))})",
                batch,
            )
        )
    _unlist_rows(con, found)


def _count_loose(
    con: sqlite3.Connection, counts: Mapping[str, int], sign: int, *, only_known: bool = False
) -> None:
    """Sources whose quotes have no document row (kept by doctor), with their quote counts:
    `source:` finds them by their source alone."""
    if not counts:
        return
    if only_known:
        known = set()
        for batch in chunks(counts):
            known.update(
                s
                for (s,) in con.execute(
                    f"SELECT source FROM loose WHERE source IN ({','.join('?' * len(batch))})",
                    batch,
                )
            )
        counts = {s: n for s, n in counts.items() if s in known}
    con.executemany(
        "INSERT INTO loose(source, hay, n) VALUES (?, ?, ?) "
        "ON CONFLICT(source) DO UPDATE SET n = n + excluded.n",
        [(s, source_hay(None, s), sign * n) for s, n in counts.items()],
    )
    con.execute("DELETE FROM loose WHERE n <= 0")


def refresh(con: sqlite3.Connection, ids: Iterable[str], word: UserWord) -> None:
    """List these quotes again as `word` shows them (after a correction or a name change):
    their speaker and marks, and the speaker in their haystack."""
    for batch in chunks(set(ids)):
        found = con.execute(
            "SELECT pos, row, skey, lkey, okey, rejected, corrected FROM quotes "
            f"WHERE id IN ({','.join('?' * len(batch))})",
            batch,
        ).fetchall()
        stored = [loads(row) for _, row, *_ in found]
        shown = word.overlay(stored)
        changed = []
        old_hays: list[tuple[int, ft.Haystack]] = []
        new_hays: list[tuple[int, ft.Haystack]] = []
        for (pos, _, skey, lkey, okey, rejected, corrected), row, after in zip(
            found, stored, shown, strict=True
        ):
            q = quote_from_row(after)
            new = (
                speaker_key(q.speaker),
                order_key(q.speaker, q.group),
                int(q.rejected),
                int(q.corrected),
            )
            if new == (skey, okey, rejected, corrected):
                continue
            changed.append((*new, pos))
            if new[0] != skey:
                folded = fold(row["text"])
                old_hays.append((pos, _haystack(folded, skey, lkey)))
                new_hays.append((pos, _haystack(folded, new[0], lkey)))
        ft.remove(con, old_hays)
        con.executemany(
            "UPDATE quotes SET skey=?, okey=?, rejected=?, corrected=? WHERE pos=?", changed
        )
        ft.add(con, new_hays)


def affected(
    con: sqlite3.Connection, before: UserWord, after: UserWord
) -> set[str]:
    """The ids of the quotes that may show otherwise under `after` than under `before`: those
    of the corrections that changed, and those whose speaker (as stored, or as corrected)
    was renamed otherwise."""
    old = {_fix_key(r): r for r in before.fixes}
    new = {_fix_key(r): r for r in after.fixes}
    changed = {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)}
    ids = {
        r["quote_id"]
        for key in changed
        for r in (old.get(key), new.get(key))
        if r is not None and r.get("quote_id")
    }
    was = corrections.name_map(before.names)
    now = corrections.name_map(after.names)
    renamed = {key for key in was.keys() | now.keys() if was.get(key) != now.get(key)}
    if renamed:
        ids |= {r["quote_id"] for r in (*before.fixes, *after.fixes) if r.get("quote_id")}
        spellings = [
            name
            for (name,) in con.execute("SELECT DISTINCT speaker FROM prof")
            if name and fold(name) in renamed
        ]
        for batch in chunks(spellings):
            ids.update(
                i
                for (i,) in con.execute(
                    f"SELECT id FROM quotes WHERE speaker IN ({','.join('?' * len(batch))})",
                    batch,
                )
            )
    return ids


def _fix_key(row: Mapping[str, Any]) -> Any:
    return row.get("seq"), row.get("source"), row.get("text")
