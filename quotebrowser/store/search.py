"""A parsed query (quotebrowser.query) run on the index: one SQL query, a screen at a time.

Free words go to the full-text tables (fulltext.py), speaker and group choices to the speakers'
folded names (chosen in the who's who, as the query language chooses them), the other fields
and the sort keys to the columns of the quotes as shown (shown.py). `Results` is the answer: a
sequence of quotes whose pages are read when first wanted, each page from the key of the one
before it (keyset pagination: no re-reading of the rows before), its exact count asked apart,
since counting can take longer than the first screen.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quotebrowser.model import REPORTED, Quote
from quotebrowser.query import FIELDS, Query, candidate_speakers
from quotebrowser.store import fulltext as ft
from quotebrowser.store.narrowing import LIMIT as NARROW_LIMIT
from quotebrowser.store.narrowing import Matches, Needle
from quotebrowser.store.rows import quote_from_row
from quotebrowser.store.shown import HOLDS, speaker_key
from quotebrowser.whoswho import WhosWho

if TYPE_CHECKING:
    from quotebrowser.store.index import Index

try:
    import orjson

    loads = orjson.loads
except ImportError:  # pragma: no cover - depends on the installation
    loads = json.loads

PAGE = 100  # quotes read at a time
# What a query leaves out unless it asks: quotes marked "not a quote" (show:rejected) and
# reported statements (a kind: term naming them). The index `quotes_hidden` lists both.
_REJECTED = "q.rejected = 1"
_REPORTED = f"q.kind = '{REPORTED}'"
# Hidden quotes looked up one by one in the words' matches (each lookup costs about as much as
# reading a thousand rows in order); more, and the count tests each match instead.
HIDDEN_LOOKUPS = 500
PAGES_HELD = 64  # pages kept per result (scrolling back needs no re-read)

Overlay = Callable[[list[dict[str, Any]]], list[Mapping[str, Any]]]

# The columns each order sorts by, the quote's place last (a stable sort over archive order).
ORDERS: dict[str | None, tuple[str, ...]] = {
    None: ("q.pos",),
    "date": ("q.dkey", "q.pos"),
    "speaker": ("q.okey", "q.pos"),
    "source": ("q.lkey", "q.source", "q.pos"),
}


class Interrupted(Exception):
    """A count given up: the query was replaced (`Results.cancel_count`)."""


class _OutOfTime(Exception):
    """A count that did not finish within its budget."""


def _listed(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _json_in(column: str) -> str:
    return f"{column} IN (SELECT value FROM json_each(?))"


@dataclass
class Plan:
    """The SQL of one query: FROM, WHERE (with its parameters) and ORDER BY keys."""

    source: str  # FROM ...
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    keys: tuple[str, ...] = ("q.pos",)
    empty: bool = False  # matches nothing, whatever the database holds
    # No filter on the quotes beyond leaving out those the query does not ask for (`hidden`):
    # the count is then the words' count (less the hidden quotes they find).
    plain: bool = False
    hidden: str | None = None  # SQL of the quotes left out (None: none)
    match: tuple[str | None, str | None] = (None, None)  # the words, as full-text queries
    # Words of one or two characters tested on the rows of the longer words' matches (JSON).
    tested: str | None = None
    # What the full-text match tests, when the plan runs one (its matches are remembered).
    needle: Needle | None = None

    def sql(self, select: str, extra: str = "", params: Sequence[Any] = ()) -> tuple[str, list]:
        where = " AND ".join([*self.where, extra] if extra else self.where) or "1"
        return f"SELECT {select} FROM {self.source} WHERE {where}", [*self.params, *params]


def plan(
    query: Query,
    people: WhosWho,
    *,
    sources: Callable[[Sequence[str]], list[str]] | None = None,
    statements: Callable[[Plan], frozenset[int]] | None = None,
    total: int = 0,
    narrow: Callable[[Needle], list[int] | None] | None = None,
) -> Plan:
    """The SQL that finds `query`'s quotes. `sources`: the sources `source:`'s alternatives
    name (asked only for such a query); `statements`: the quotes a plan finds that
    `show:statements` leaves out (reprints after the first of their statement).

    Words drive the scan whenever there are some: the full-text tables give their quotes in
    archive order, each then tested on the other filters (an FTS5 lookup of one row costs
    about as much as reading a thousand rows in order, so a quote is never looked up in them;
    a word of one or two characters beside a longer one is tested on the rows the longer one
    finds). `speaker:` is such a word too, on the speaker field alone, when every word of it
    has three characters or more; `group:`, the panel's choice and shorter names choose
    speakers in the who's who, a filter on the speaker's folded name.

    `narrow`: the quotes a full-text match finds, when a recent query's few matches answer it
    (narrowing.py); the plan then reads those quotes, and runs no full-text match."""
    words = ft.needed(query.words)
    long, short = ft.match(words)
    named = [_speaker_phrases(value) for value in query.values("speaker")]
    spoken = bool(named) and all(named)
    in_fts = spoken and not query.values("group") and query.scope is None
    speaker_words = spoken and (in_fts or bool(long) or bool(short))
    needle = Needle(
        tuple(sorted(words)),
        tuple(tuple(v.split()) for v in query.values("speaker")) if speaker_words else None,
    )
    narrowed = narrow(needle) if narrow is not None and needle else None
    if narrowed is not None:
        long = short = None
    elif speaker_words:
        # With other words, `speaker:` narrows their match too, even beside a group or the
        # panel's choice (which still filter on the speakers chosen): every speaker chosen
        # has those words in the name, and the full-text index intersects far quicker than
        # each match can be tested.
        fts_speaker = " OR ".join(f"({phrases})" for phrases in named)
        long = f"({fts_speaker})" + (f" AND {long}" if long else "")
    tested = None
    if long and short:
        # Beside a longer word, one of one or two characters is tested on each of its matches'
        # rows (HOLDS: a few microseconds), not looked up in `grams` (about 18 us each).
        tested, short = _listed([w for w in words if len(w) < ft.TRIGRAM]), None
    chosen = None if in_fts else candidate_speakers(people, query)
    keys = None if chosen is None else sorted({speaker_key(s) for s in chosen})
    order = ORDERS[query.sort]
    if long:
        drive, pos = _SEARCHED, "s.rowid"
    elif short:
        drive, pos = "grams g CROSS JOIN quotes q ON q.pos = g.rowid", "g.rowid"
    else:
        drive, pos = "quotes q", "q.pos"
    found = Plan(drive, keys=tuple(pos if k == "q.pos" else k for k in order))
    found.match = (long, short)
    for alias, table, expression in (("s", "search", long), ("g", "grams", short)):
        if expression:
            found.where.append(f"{alias}.{table} MATCH ?")
            found.params.append(expression)
    if tested is not None:
        found.tested = tested
        found.where.append(_HOLDS)
        found.params.append(tested)
    filtered = False  # filters on the quotes beyond "not marked not a quote"
    if narrowed is not None:
        found.where.append(_json_in("q.pos"))
        found.params.append(_listed(narrowed))
        filtered = True
    elif long or short:
        found.needle = needle
    if keys is not None:
        if not keys:
            found.empty = True
        # Many quotes chosen: read in archive order, each tested (+: not by the index, which
        # would read them all to sort them); few: read through the index.
        dense = _quotes_of(people, chosen or []) * 100 >= total
        # (Narrowed: the places found are the quotes read, never the speakers' index.)
        column = "+q.skey" if narrowed is not None or (
            dense and drive == "quotes q" and query.sort is None
        ) else "q.skey"
        found.where.append(_json_in(column))
        found.params.append(_listed(keys))
        filtered = True
    for name, alternatives in query.terms:
        if name in ("speaker", "group"):
            continue  # chosen above, with the panel's choice
        if name == "source":
            if sources is None:
                raise ValueError("source: needs the sources it names")
            found.where.append(_json_in("q.source"))
            found.params.append(_listed(sources(alternatives)))
        elif name == "date":
            dates = [_date(a, found.params) for a in alternatives]
            found.where.append("(" + " OR ".join(dates) + ")")
        elif FIELDS[name].mode == "choice":
            found.where.append(_json_in(f"q.{name}"))
            found.params.append(_listed(alternatives))
        else:  # pragma: no cover - a field added to the query language without its SQL
            raise NotImplementedError(f"no SQL for the field {name!r}")
        filtered = True
    hidden = []
    if not query.rejected:
        found.where.append("q.rejected = 0")
        hidden.append(_REJECTED)
    if not query.reported:
        found.where.append(f"q.kind != '{REPORTED}'")
        hidden.append(_REPORTED)
    if query.corrected:
        found.where.append("q.corrected = 1")
        filtered = True
    if query.show == "statements":
        if statements is None:
            raise ValueError("show:statements needs the statements")
        dropped = statements(found)
        if dropped:
            found.where.append(f"NOT {_json_in('q.pos')}")
            found.params.append(_listed(sorted(dropped)))
            filtered = True
    found.plain = not filtered
    found.hidden = " OR ".join(hidden) or None
    return found


def _hidden(select: str, which: str) -> str:
    """The quotes `which` leaves out, through the index that lists the hidden ones."""
    return (
        f"SELECT {select} FROM quotes q INDEXED BY quotes_hidden "
        f"WHERE ({_REJECTED} OR {_REPORTED}) AND ({which})"
    )


_HOLDS = f"{HOLDS}(q.row, q.skey, q.lkey, ?)"
# The quotes a `search` match finds, in archive order (a plan's scan, a count's table).
_SEARCHED = "search s CROSS JOIN quotes q ON q.pos = s.rowid"


def _speaker_phrases(value: str) -> str | None:
    """`speaker:VALUE` as full-text phrases on the speaker field (every word in the name), or
    None when a word is too short for the trigram index."""
    words = value.split()
    if not words or any(len(w) < ft.TRIGRAM for w in words):
        return None
    return " AND ".join(f"speaker : {ft.phrase(w)}" for w in words)


def _probe(table: str) -> str:
    """One quote's lookup in a full-text query's matches."""
    return f"EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH ? AND rowid = q.pos)"


def _date(alternative: str, params: list[Any]) -> str:
    """A date prefix (`2021-05`) or range, on the quote's date key ("0" + date; "1": none)."""
    if ".." not in alternative:
        params.append("0" + alternative)
        return f"substr(q.dkey, 1, {len(alternative) + 1}) = ?"
    low, high = alternative.split("..")
    parts = ["substr(q.dkey, 1, 1) = '0'", f"substr(q.dkey, 2, {len(low)}) >= ?"]
    params.append(low)
    if high:
        parts.append(f"substr(q.dkey, 2, {len(high)}) <= ?")
        params.append(high)
    return "(" + " AND ".join(parts) + ")"


def _quotes_of(people: WhosWho, names: Sequence[str | None]) -> int:
    seen: set[str] = set()
    n = 0
    for name in names:
        key = speaker_key(name)
        if key not in seen:
            seen.add(key)
            n += people.quotes_of(name)
    return n


class Results(Sequence[Quote]):
    """The quotes a query finds, in its order, read a page at a time. `len()` is the exact
    count (asked of the index the first time); `known` how many are known to exist before
    then. Safe to use from several threads."""

    def __init__(
        self,
        index: Index,
        found: Plan,
        overlay: Overlay,
        outlets: Mapping[int, int] | None = None,
        total: int | None = None,
        query: Query | None = None,
        matches: Matches | None = None,
    ) -> None:
        """`total`: the quotes in the database (the count of an empty query is that, less
        those marked "not a quote"); `query`: the query these are the results of; `matches`:
        where the full-text match is remembered when counting finds it small."""
        self.query = query
        self.matches = matches
        self.index = index
        self.plan = found
        self.overlay = overlay
        self._outlets = outlets or {}  # show:statements: a statement's pos -> its outlets
        self._pages: OrderedDict[int, list[tuple[tuple, Quote]]] = OrderedDict()
        self._count: int | None = 0 if found.empty else None
        self._end: int | None = 0 if found.empty else None  # rows, once the last page is read
        self._seen = 0  # rows known to exist from the pages read
        self._lock = threading.RLock()
        self._counting: set[sqlite3.Connection] = set()  # connections counting now
        self._cancelled = False
        self._total = total

    # -- counting ------------------------------------------------------------------------------

    @property
    def counted(self) -> bool:
        return self._count is not None

    @property
    def seen(self) -> int:
        """Rows known to exist from the pages read so far."""
        return self._seen

    @property
    def known(self) -> int:
        """Rows known to exist: the count when known, else the rows read so far and one more
        while more may follow."""
        if self._count is not None:
            return self._count
        if self._end is not None:
            return self._end
        return self._seen + 1 if self._seen else 0

    def count(self, budget: float | None = None) -> int | None:
        """The exact number of quotes found (read once). With a `budget` (seconds), None if
        counting takes longer. Raises Interrupted once `cancel_count` was called."""
        if self._count is None:
            deadline = None if budget is None else time.monotonic() + budget
            try:
                n = self._run_count(deadline)
            except _OutOfTime:
                return None
            with self._lock:
                self._count = n
        return self._count

    def _run_count(self, deadline: float | None) -> int:
        found = self.plan
        long, short = found.match
        if found.plain and not (long or short) and self._total is not None:
            if found.hidden is None:
                return self._total
            return self._total - self._one(_hidden("count(*)", found.hidden), [], deadline)
        n = None
        if self.matches is not None and found.needle is not None:
            # The words' matches, when few, are listed and remembered, whatever else the query
            # asks: a query refining this one (the next key typed) tests them alone.
            n = self._remember(found.needle, deadline)
        if found.plain:
            # Every quote the words find, less the hidden ones among them.
            table, words = self._words()
            if n is None:
                n = self._one(f"SELECT count(*) FROM {table}", words, deadline)
            if found.hidden is None:
                return n
            # The hidden quotes are few: each looked up in the words' matches.
            marked = [
                pos
                for (pos,) in self._execute(
                    _hidden("q.pos", found.hidden) + f" LIMIT {HIDDEN_LOOKUPS + 1}", []
                )
            ]
            if len(marked) <= HIDDEN_LOOKUPS:
                probes = [_probe(t) for t, w in (("search", long), ("grams", short)) if w]
                if found.tested:
                    probes.append(_HOLDS)
                where = " AND ".join([_json_in("q.pos"), *probes])
                return n - self._one(
                    f"SELECT count(*) FROM quotes q WHERE {where}",
                    [_listed(marked), *words],
                    deadline,
                ) if marked else n
        sql, params = found.sql("count(*)")
        return self._one(sql, params, deadline)

    def _words(self) -> tuple[str, list[Any]]:
        """FROM ... WHERE of the plan's full-text match alone (not its other filters), and its
        parameters."""
        found = self.plan
        long, _ = found.match
        words = [m for m in found.match if m]
        if found.tested:
            words.append(found.tested)
            return f"{_SEARCHED} WHERE s.search MATCH ? AND {_HOLDS}", words
        if long:
            return "search s WHERE s.search MATCH ?", words
        return "grams s WHERE s.grams MATCH ?", words

    def _remember(self, needle: Needle, deadline: float | None) -> int | None:
        """How many quotes the words find, listed and remembered (narrowing.py) when at most
        NARROW_LIMIT; None when more."""
        assert self.matches is not None
        table, words = self._words()
        rows = self._execute(
            f"SELECT s.rowid FROM {table} LIMIT {NARROW_LIMIT + 1}",
            words,
            counting=True,
            deadline=deadline,
        )
        if len(rows) > NARROW_LIMIT:
            return None
        self.matches.remember(needle, [pos for (pos,) in rows])
        return len(rows)

    def _one(self, sql: str, params: Sequence[Any], deadline: float | None = None) -> int:
        if self.plan.empty:
            return 0
        return int(self._execute(sql, params, counting=True, deadline=deadline)[0][0])

    # -- reading -------------------------------------------------------------------------------

    def __len__(self) -> int:
        n = self.count()
        assert n is not None  # no budget: counted to the end
        return n

    def __getitem__(self, i):  # type: ignore[no-untyped-def,override]
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if i < 0:
            raise IndexError(i)
        page = self._page(i // PAGE)
        at = i % PAGE
        if at >= len(page):
            raise IndexError(i)
        return page[at][1]

    def __iter__(self) -> Iterator[Quote]:
        """Every quote found, page after page (each page from the last key of the one
        before)."""
        for page in self.pages():
            for quote, _ in page:
                yield quote

    def pages(self) -> Iterator[list[tuple[Quote, int]]]:
        """Every quote found with its outlets (show:statements; else 1), a page at a time:
        one query read as it goes (a query per page would match the words again each time:
        61 times for 6,000 quotes, two-thirds of a `quotes WORDS` run at a million)."""
        if self.plan.empty:
            return
        sql, params = self.plan.sql(self._columns())
        sql += f" ORDER BY {', '.join(self.plan.keys)}"
        with self.index.reading() as con:
            cursor = con.execute(sql, params)
            try:
                while rows := cursor.fetchmany(PAGE):
                    yield [
                        (quote, self._outlets.get(key[-1], 1)) for key, quote in self._quotes(rows)
                    ]
            finally:
                cursor.close()  # its read transaction ends with it, even if not read to the end

    def first(self) -> list[Quote]:
        """The first page of quotes found: what a screen shows first."""
        return [quote for _, quote in self._page(0)]

    def outlets_at(self, i: int) -> int:
        """show:statements: how many outlets report the statement the row at `i` stands for."""
        if not self._outlets:
            return 1
        page = self._page(i // PAGE)
        at = i % PAGE
        if at >= len(page):
            return 1
        return self._outlets.get(page[at][0][-1], 1)

    @property
    def outlets(self) -> Mapping[int, int]:
        """Rows standing for a statement reported by several outlets -> their count."""
        return _Outlets(self) if self._outlets else {}

    def _page(self, p: int) -> list[tuple[tuple, Quote]]:
        """Page `p`: from the key of a page read next to it, else (far from any) by offset."""
        with self._lock:
            page = self._pages.get(p)
            if page is not None:
                self._pages.move_to_end(p)
                return page
            if self._end is not None and p * PAGE >= self._end:
                return []
            before = self._pages.get(p - 1)
            after = self._pages.get(p + 1)
            forward = True
            if p == 0:
                page = self._read(None, forward=True)
            elif before is not None and len(before) == PAGE:
                page = self._read(before[-1][0], forward=True)
            elif after:
                page, forward = self._read(after[0][0], forward=False), False
            elif self._count is not None and (p + 1) * PAGE >= self._count:
                page = self._read(None, forward=False, limit=self._count - p * PAGE)
            else:
                page = self._read_at(p * PAGE)
            if forward and len(page) < PAGE:
                self._end = p * PAGE + len(page)
            self._seen = max(self._seen, p * PAGE + len(page))
            self._pages[p] = page
            while len(self._pages) > PAGES_HELD:
                self._pages.popitem(last=False)
            return page

    def _columns(self) -> str:
        return ", ".join([*self.plan.keys, "q.row"])

    def _read(
        self, key: tuple | None, *, forward: bool, limit: int | None = None
    ) -> list[tuple[tuple, Quote]]:
        keys = self.plan.keys
        limit = PAGE if limit is None else limit
        extra, params = "", []
        if key is not None:
            extra = f"({', '.join(keys)}) {'>' if forward else '<'} ({', '.join('?' * len(key))})"
            params = list(key)
        direction = "" if forward else " DESC"
        sql, all_params = self.plan.sql(self._columns(), extra, params)
        sql += f" ORDER BY {', '.join(k + direction for k in keys)} LIMIT {int(limit)}"
        rows = self._execute(sql, all_params)
        if not forward:
            rows.reverse()
        return self._quotes(rows)

    def _read_at(self, offset: int) -> list[tuple[tuple, Quote]]:
        """A page far from any read: by its offset (the rows before it are counted, not
        read)."""
        sql, params = self.plan.sql(self._columns())
        sql += f" ORDER BY {', '.join(self.plan.keys)} LIMIT {PAGE} OFFSET {int(offset)}"
        return self._quotes(self._execute(sql, params))

    def _quotes(self, rows: list[tuple]) -> list[tuple[tuple, Quote]]:
        n = len(self.plan.keys)
        shown = self.overlay([loads(row[n]) for row in rows])
        return [(tuple(row[:n]), quote_from_row(q)) for row, q in zip(rows, shown, strict=True)]

    def index_of(self, quote_id: str) -> int | None:
        """Where the quote with this id is in the results (None: not found by the query)."""
        if self.plan.empty:
            return None
        keys = self.plan.keys
        columns = ", ".join(k.replace("s.rowid", "q.pos").replace("g.rowid", "q.pos") for k in keys)
        rows = self._execute(f"SELECT {columns} FROM quotes q WHERE q.id = ?", [quote_id])
        if not rows:
            return None
        key = rows[0]
        sql, params = self.plan.sql(
            "count(*)", f"({', '.join(keys)}) < ({', '.join('?' * len(key))})", list(key)
        )
        before = self._one(sql, params)
        sql, params = self.plan.sql("1", f"({', '.join(keys)}) = ({', '.join('?' * len(key))})",
                                    list(key))
        return before if self._execute(sql + " LIMIT 1", params) else None

    # -- the connection --------------------------------------------------------------------------

    def _execute(
        self,
        sql: str,
        params: Sequence[Any],
        *,
        counting: bool = False,
        deadline: float | None = None,
    ) -> list[tuple]:
        if self.plan.empty:
            return []
        with self.index.reading() as con:
            if counting:
                with self._lock:
                    if self._cancelled:
                        raise Interrupted
                    self._counting.add(con)
            if deadline is not None:
                con.set_progress_handler(lambda: time.monotonic() > deadline, 2000)
            try:
                return con.execute(sql, params).fetchall()
            except sqlite3.OperationalError as error:
                if "interrupt" not in str(error):
                    raise
                if counting and self._cancelled:
                    raise Interrupted from error
                if deadline is not None and time.monotonic() > deadline:
                    raise _OutOfTime from error
                raise
            finally:
                if deadline is not None:
                    con.set_progress_handler(None, 0)
                if counting:
                    with self._lock:
                        self._counting.discard(con)

    def cancel_count(self) -> None:
        """Give up counting: a count under way stops (Interrupted), as will any later one;
        pages are still read."""
        with self._lock:
            self._cancelled = True
            for con in self._counting:
                con.interrupt()


class _Outlets(Mapping[int, int]):
    """show:statements: a row's outlets, read with its page."""

    def __init__(self, results: Results) -> None:
        self.results = results

    def __getitem__(self, i: int) -> int:
        return self.results.outlets_at(i)

    def get(self, i: int, default: Any = None) -> Any:  # type: ignore[override]
        return self.results.outlets_at(i)

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.results)))

    def __len__(self) -> int:
        return len(self.results)

    def __bool__(self) -> bool:
        return True
