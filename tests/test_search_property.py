"""Property: the query language run on the store's index (store/search.py: SQL, the full-text
tables) finds exactly what the engine before it found with every quote in memory
(reference_engine.py): the same quotes, as corrected, in the same order, the same count and the
same outlets per statement, on generated archives after generated writes (articles added,
replaced, moved and forgotten; speakers corrected, quotes rejected, corrections undone,
speakers renamed and merged), for generated queries (words of one, two and more characters,
phrases, accents and case, every field, sorts, statements, the panel's choices)."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_engine import QuoteIndex

from quotebrowser.model import GROUPS, KINDS, Document, Quote, quote_id
from quotebrowser.query import QueryError, parse_query
from quotebrowser.store import Store, search
from quotebrowser.store.records import StoreError

SYLLABLES = ("ka", "lo", "mé", "ren", "tus", "sa", "vël", "dor", "in", "ma", "Œu", "ß", "l'a")
word = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join)
name = st.one_of(
    st.lists(word.map(str.capitalize), min_size=1, max_size=2).map(" ".join),
    # A surname with a particle: sort:speaker orders people by surname, particles included.
    st.tuples(word, word).map(lambda p: f"{p[0].capitalize()} de {p[1].capitalize()}"),
)
punctuation = st.sampled_from([",", ".", " —", "!", ' "', "’s", ":", " (", ")", "%", "*"])
sentence = st.lists(
    st.tuples(word, st.one_of(st.just(""), punctuation)).map("".join), min_size=3, max_size=9
).map(" ".join)


@st.composite
def article(draw, n: int, pool: list[str], speakers: list[str | None]) -> tuple[Document, list]:
    source = f"/news/{draw(word)}-{n}.txt"
    title = draw(st.one_of(st.just(""), sentence.map(str.capitalize)))
    outlet = draw(st.one_of(st.just(""), word.map(str.capitalize)))
    date = draw(st.sampled_from(["2021-01-11", "2023-05-02", "2023-06-30", "2023", ""]))
    metadata = {k: v for k, v in (("title", title), ("outlet", outlet), ("date", date)) if v}
    parts = [f"{title}\n\n"]
    quotes: list[Quote] = []
    texts = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True))
    for paragraph, text in enumerate(texts, 1):
        start = sum(map(len, parts)) + 1
        parts.append(f"“{text}” someone said.\n\n")
        quotes.append(
            Quote(
                id=quote_id(source, text),
                source=source,
                text=text,
                start=start,
                end=start + len(text),
                speaker=draw(st.sampled_from(speakers)),
                role=draw(st.sampled_from([None, "minister", "analyst"])),
                group=draw(st.sampled_from(GROUPS)),
                kind=draw(st.sampled_from(KINDS)),
                cue="said",
                paragraph=paragraph,
                evidence=draw(st.sampled_from(["none", "verb-after", "runs"])),
            )
        )
    return Document(source, "".join(parts), metadata), quotes


@st.composite
def archives(draw) -> tuple[list[list[tuple[Document, list]]], list[tuple]]:
    """Commits of articles (quotes drawn from a shared pool, so that reprints occur), then
    writes."""
    pool = draw(st.lists(sentence, min_size=1, max_size=6, unique=True))
    speakers = draw(st.lists(st.none() | name, min_size=1, max_size=5))
    commits = []
    n = 0
    for _ in range(draw(st.integers(1, 3))):
        batch = []
        for _ in range(draw(st.integers(1, 3))):
            batch.append(draw(article(n, pool, speakers)))
            n += 1
        commits.append(batch)
    writes = draw(
        st.lists(
            st.one_of(
                st.tuples(st.just("replace"), st.integers(0, 99), article(99, pool, speakers)),
                st.tuples(st.just("forget"), st.integers(0, 99)),
                st.tuples(st.just("move"), st.integers(0, 99)),
                st.tuples(st.just("speaker"), st.integers(0, 99), name, st.sampled_from(GROUPS)),
                st.tuples(st.just("reject"), st.integers(0, 99)),
                st.tuples(st.just("undo"), st.integers(0, 99)),
                st.tuples(st.just("rename"), st.integers(0, 99), name),
                st.tuples(st.just("merge"), st.integers(0, 99), st.integers(0, 99)),
            ),
            max_size=5,
        )
    )
    return commits, writes


def token(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return values.map(lambda v: f'"{v}"' if " " in v else v)


# Pieces of the generated texts, names and labels: words of one, two and more characters.
piece = st.one_of(
    word,
    word.map(str.upper),
    word.map(lambda w: w[:1]),
    word.map(lambda w: w[-2:]),
    word.map(lambda w: w[1:4]),
    st.sampled_from(["e", "a", "é", "ss", "oe", "’", "'", "l'", ",", "s,", "—", "%", "*", "x"]),
    st.tuples(word, word).map(lambda p: f'"{p[0]} {p[1]}"'),
    st.tuples(word, punctuation, word).map(lambda p: f'"{p[0]}{p[1]} {p[2]}"'),
)
field_token = st.one_of(
    st.tuples(st.sampled_from(["speaker:", "Speaker:", "speaker: "]), token(name | word)),
    st.tuples(st.just("group:"), st.sampled_from([*GROUPS, "leaders", "Org", "o"])),
    # Reported statements are left out unless a kind: names them (quotation: the other two).
    st.tuples(st.just("kind:"), st.sampled_from([*KINDS, "quotation", "all", "rep"])),
    st.tuples(st.just("evidence:"), st.sampled_from(["guess", "verb-after", "none"])),
    st.tuples(st.just("source:"), token(word | name)),
    st.tuples(
        st.just("date:"), st.sampled_from(["2021", "2023-0", "2023-06", "2023..", "..2022"])
    ),
).map("".join)
option = st.sampled_from(
    [
        "sort:date",
        "sort:speaker",
        "sort:source",
        "show:statements",
        "show:rejected",
        "show:corrected",
        "",
    ]
)
queries = (
    st.tuples(st.lists(st.one_of(piece, field_token), max_size=3), st.lists(option, max_size=2))
    .map(lambda parts: [*parts[0], *parts[1]])
    .flatmap(st.permutations)
    .map(" ".join)
)


def write(store: Store, change: tuple) -> None:
    quotes = list(store.snapshot().quotes)
    sources = list(store.documents())
    if not quotes or not sources:
        return
    target = quotes[change[1] % len(quotes)]
    source = sources[change[1] % len(sources)]
    kind = change[0]
    with contextlib.suppress(StoreError):
        if kind == "replace":
            document, found = change[2]
            text = document.text
            moved = [
                Quote(**{**q.to_dict(), "source": source, "id": quote_id(source, q.text)})
                for q in found
            ]
            store.add(Document(source, text, document.metadata), moved)
        elif kind == "forget":
            store.forget([source])
        elif kind == "move":
            info = store.document_info(source)
            text = store.document_text(source)
            if info is None or text is None:
                return
            new = source + ".moved"
            moved = [
                Quote(**{**q.to_dict(), "source": new}) for q in store.quotes_of_source(source)
            ]
            meta = {"title": info.title, "outlet": info.outlet or "", "date": info.date or ""}
            store.add_many(
                [(Document(new, text, {k: v for k, v in meta.items() if v}), moved)],
                gone=lambda _: True,
            )
        elif kind == "speaker":
            store.correct(target.id, speaker=change[2], group=change[3])
        elif kind == "reject":
            store.correct(target.id, reject=True)
        elif kind == "undo":
            store.undo_correction(target.id)
        elif kind == "rename" and target.speaker:
            store.rename_speaker(target.speaker, change[2])
        elif kind == "merge" and target.speaker:
            other = quotes[change[2] % len(quotes)]
            if other.speaker:
                store.rename_speaker(target.speaker, other.speaker, merge=True)


def check(store: Store, text: str, scope=None) -> None:
    try:
        query = parse_query(text, scope)
    except QueryError:
        return
    everything = store.snapshot()
    expected = QuoteIndex.from_snapshot(everything).run(query)
    want = [everything.quotes[i] for i in expected.rows]
    results = store.search(query)
    got = list(results)
    assert [q.id for q in got] == [q.id for q in want], text
    assert got == want, text
    assert len(results) == len(want), text
    if query.show == "statements":
        assert [results.outlets_at(i) for i in range(len(want))] == [
            expected.outlets.get(i, 1) for i in expected.rows
        ], text
    # Any row, in any order: each page from its neighbour's key, or by its offset.
    fresh = store.search(query)
    order = list(range(len(want)))
    random.Random(len(want)).shuffle(order)
    for i in order[:12]:
        assert fresh[i] == want[i], (text, i)


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(search, "PAGE", 3)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(archive=archives(), texts=st.lists(queries, min_size=1, max_size=6), scope=st.data())
def test_the_index_finds_what_the_engine_before_found(small_pages, archive, texts, scope) -> None:
    commits, writes = archive
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "q.json")
        for batch in commits:
            store.add_many(batch)
        for change in writes:
            write(store, change)
        people = store.people().people()
        scopes = [None, ("speaker", None)]
        scopes += [("speaker", name) for name, *_ in people if name]
        scopes += [("group", g) for g in GROUPS]
        for text in texts:
            check(store, text, scope.draw(st.sampled_from(scopes)))
        # The full-text tables hold what a rebuild from the shards puts in them: every row
        # taken out took its tokens with it.
        kept = fts_entries(store)
        store.index.close()
        fresh = Store(Path(folder) / "q.json")
        fresh.index.discard()
        fresh.reload()
        assert fts_entries(fresh) == kept
        for text in texts[:2]:
            check(fresh, text)


def fts_entries(store: Store) -> tuple[set, set]:
    """Every (token, row, field, offset) of the full-text tables, read through FTS5's own
    vocabulary tables."""
    store.documents()  # the index in step
    con = sqlite3.connect(store.index.path)
    try:
        found = []
        for table in ("search", "grams"):
            try:
                con.execute(
                    f"CREATE VIRTUAL TABLE temp.v_{table} USING fts5vocab(main, {table}, instance)"
                )
                found.append(set(con.execute(f"SELECT * FROM v_{table}")))
            except sqlite3.OperationalError:  # no index yet: nothing was ever stored
                found.append(set())
        return found[0], found[1]
    finally:
        con.close()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(archive=archives(), typed=queries)
def test_a_query_typed_a_key_at_a_time_finds_what_the_engine_before_found(
    small_pages, archive, typed
) -> None:
    """Each key's query refines the one before, and is answered from that one's remembered
    matches (store/narrowing.py) once they are few: typing the query forward, then taking it
    back a key at a time, then again after a write (which forgets them), every prefix finds
    what the reference engine finds."""
    commits, writes = archive
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "q.json")
        for batch in commits:
            store.add_many(batch)
        prefixes = [typed[:n] for n in range(1, len(typed) + 1)]
        for text in [*prefixes, *reversed(prefixes)]:
            check(store, text)
        for step in writes[:2]:
            write(store, step)
            for text in prefixes[-3:]:
                check(store, text)
