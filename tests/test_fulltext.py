"""The `grams` table's tokens (store/fulltext.py): a haystack's distinct characters and pairs of
characters, whatever its spaces (leading, trailing, doubled), exactly as pairing its characters
one by one gives them; the table built from them is byte for byte the same."""

from __future__ import annotations

import sqlite3

from hypothesis import given, settings
from hypothesis import strategies as st

from quotebrowser.store import fulltext as ft

# Few letters and many spaces, so that words repeat (the per-word cache answers) and every
# arrangement of spaces occurs.
part = st.text(alphabet="ab é", max_size=12)


def plain(hay: ft.Haystack) -> set[str]:
    grams = {g for field in hay for g in (*field, *map(str.__add__, field, field[1:]))}
    return {ft._TOKENS[g] for g in grams}


@settings(max_examples=400, deadline=None)
@given(st.tuples(part, part, part))
def test_tokens_are_each_distinct_gram_once(hay: ft.Haystack) -> None:
    tokens = ft.gram_tokens(hay).split()
    assert len(tokens) == len(set(tokens))
    assert set(tokens) == plain(hay)


def test_the_table_is_the_same_as_from_the_plain_tokens() -> None:
    haystacks = [
        (f"{a} {b}  {c} ", "ana lima", "the daily")
        for a in ("ka", "lo", "ré", " ")
        for b in ("sa", "ka", "")
        for c in ("x", "lo ka", "")
    ]
    blocks = []
    for tokens in (lambda h: " ".join(plain(h)), ft.gram_tokens):
        con = sqlite3.connect(":memory:")
        con.executescript(ft.TABLES)
        con.executemany(
            "INSERT INTO grams(rowid, g) VALUES (?, ?)",
            [(i, tokens(h)) for i, h in enumerate(haystacks)],
        )
        blocks.append(con.execute("SELECT id, block FROM grams_data ORDER BY id").fetchall())
    assert blocks[0] == blocks[1]
