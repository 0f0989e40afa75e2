"""The `grams` table's tokens (store/fulltext.py): the characters and pairs of characters within
a haystack's words, whatever its spaces (leading, trailing, doubled); a token that comes twice is
one entry, so the table is byte for byte the one built from each distinct gram once, and a word
of one or two characters is found exactly where it occurs."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from quotebrowser.store import fulltext as ft

# Few letters and many kinds of space, so that words repeat (the per-word cache answers) and
# every arrangement of whitespace occurs.
part = st.text(alphabet="ab é\n\t", max_size=12)
needle = st.text(alphabet="ab é", min_size=1, max_size=2).map(str.strip).filter(bool)


def plain(hay: ft.Haystack, spaces: bool = False) -> set[str]:
    """Each distinct character and pair of characters of the fields, none holding whitespace
    (`spaces`: those too, as the table held them before)."""
    grams = {g for field in hay for g in (*field, *map(str.__add__, field, field[1:]))}
    return {ft._TOKENS[g] for g in grams if spaces or not any(c.isspace() for c in g)}


@settings(max_examples=400, deadline=None)
@given(st.tuples(part, part, part), needle)
def test_tokens_are_the_grams_within_words(hay: ft.Haystack, word: str) -> None:
    tokens = ft.gram_tokens(hay).split()
    assert set(tokens) == plain(hay)
    # What a query of one or two characters asks of the table: in some field, or not.
    assert (ft.gram(word) in tokens) == any(word in field for field in hay)


def table(rows: list[tuple[int, str]], gone: list[tuple[int, str]] = ()) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:", isolation_level=None)
    con.executescript(ft.TABLES)
    con.executemany("INSERT INTO grams(rowid, g) VALUES (?, ?)", rows)
    con.executemany("INSERT INTO grams(grams, rowid, g) VALUES ('delete', ?, ?)", gone)
    return con


HAYSTACKS = [
    (f"{a} {b}  {c} ", "ana lima", "the daily")
    for a in ("ka", "lo", "ré", " ", "kaka")
    for b in ("sa", "ka", "")
    for c in ("x", "lo ka", "")
]


def test_the_table_is_the_same_as_from_each_gram_once() -> None:
    # All but FTS5's averages record (id 1), which counts tokens twice for ranking (bm25), which
    # nothing here asks for.
    blocks = [
        table([(i, tokens(h)) for i, h in enumerate(HAYSTACKS)])
        .execute("SELECT id, block FROM grams_data WHERE id != 1 ORDER BY id")
        .fetchall()
        for tokens in (lambda h: " ".join(plain(h)), ft.gram_tokens)
    ]
    assert blocks[0] == blocks[1]


def test_a_row_removed_with_its_tokens_is_found_no_more() -> None:
    rows = [(i, ft.gram_tokens(h)) for i, h in enumerate(HAYSTACKS)]
    con = table(rows, gone=rows[::2])
    for word in ("k", "ka", "ré", "lo", "x", "an", "y"):
        found = {r for (r,) in con.execute("SELECT rowid FROM grams(?)", (ft.gram(word),))}
        assert found == {
            i for i, h in enumerate(HAYSTACKS) if i % 2 and any(word in f for f in h)
        }, word


def test_rows_of_an_older_index_are_removed_by_the_tokens_of_now() -> None:
    """An index written when the tokens held pairs with a space too (and each token once) is
    not rebuilt: its rows are removed with today's tokens, which are all of theirs but those no
    query asks for, and new rows join them."""
    old = [(i, " ".join(plain(h, spaces=True))) for i, h in enumerate(HAYSTACKS)]
    con = table(old, gone=[(i, ft.gram_tokens(HAYSTACKS[i])) for i, _ in old[::2]])
    moved = [(i + 100, ft.gram_tokens(HAYSTACKS[i])) for i, _ in old[::2]]
    con.executemany("INSERT INTO grams(rowid, g) VALUES (?, ?)", moved)
    for word in ("k", "ka", "ré", "lo", "x", "an", "y", "é"):
        found = {r for (r,) in con.execute("SELECT rowid FROM grams(?)", (ft.gram(word),))}
        held = {i for i, h in enumerate(HAYSTACKS) if any(word in f for f in h)}
        assert found == {i for i in held if i % 2} | {i + 100 for i in held if not i % 2}, word
