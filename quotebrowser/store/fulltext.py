"""The full-text tables of the index: what free words search, as SQLite's FTS5 finds it.

A quote's haystack is the query language's (quotebrowser.query): its text, its speaker as shown
and its article's label (title and outlet, else its source), each folded (quotebrowser.folding)
and kept apart, so that no word matches across two of them. A word of three characters or more
is found by `search` (the trigram tokenizer: every substring of three characters or more is a
phrase of trigrams); one of one or two characters by `grams`, which holds the characters and
pairs of characters of each haystack's words as tokens (a trigram index cannot find them). Both
are contentless: the haystacks are not stored twice, and removing a quote's row takes the
haystack it was added with (`remove`), which the quote's row in the index gives back exactly.
Rows are keyed by the quote's place in archive order (`pos`), so a match list comes out in
archive order and stops at a screen's worth.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache

from quotebrowser.folding import fold, fold_all

Haystack = tuple[str, str, str]  # folded text, speaker as shown, article label

TABLES = """
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(text, speaker, label,
    tokenize='trigram case_sensitive 1', content='', detail=full, columnsize=0);
CREATE VIRTUAL TABLE IF NOT EXISTS grams USING fts5(g,
    tokenize='ascii', content='', detail=none, columnsize=0);
"""
NAMES = ("search", "grams")
# Shorter words than this are looked up in `grams`.
TRIGRAM = 3
# FTS5's settings: no merging of the tables' segments inside a commit (`merge` does it after,
# off the commit's path); a commit's new rows kept in memory until it ends (one segment each).
SETTINGS = {"automerge": 0, "hashsize": 32 * 1024 * 1024}
MERGE_PAGES = 256  # leaf pages merged a step (each step its own transaction)


def haystacks(texts: Sequence[str], speakers: Sequence[str | None], labels: Sequence[str]) -> list[
    Haystack
]:
    """The folded haystacks of quotes (texts folded in one call: much faster)."""
    folded: dict[str | None, str] = {}
    found = []
    for text, speaker, label in zip(fold_all(texts), speakers, labels, strict=True):
        name = folded.get(speaker)
        if name is None:
            name = folded[speaker] = fold(speaker or "")
        found.append((text, name, label))
    return found


class _Tokens(dict[str, str]):
    """A character or pair of characters -> its token in `grams` (its code points in hex, so
    the tokenizer changes nothing: 'u61' for 'a', 'b61g62' for 'ab')."""

    def __missing__(self, gram: str) -> str:
        first = f"{ord(gram[0]):x}"
        token = f"u{first}" if len(gram) == 1 else f"b{first}g{ord(gram[1]):x}"
        self[gram] = token
        return token


_TOKENS = _Tokens()
_pair = str.__add__


@lru_cache(maxsize=20_000)  # words recur from quote to quote (about 14 MB when full)
def _word_tokens(word: str) -> str:
    """The tokens of one word (no whitespace in it): its distinct characters and pairs."""
    return " ".join(map(_TOKENS.__getitem__, {*word, *map(_pair, word, word[1:])}))


def gram_tokens(hay: Haystack) -> str:
    """The tokens of the characters and pairs of characters within `hay`'s words. A word of one
    or two characters that a query looks up holds no whitespace (a query's words are split on
    it and stripped), so it lies within one word of a field. Each word's tokens are made once
    (cached) and joined as they are: a token twice in a row is one entry of a table without
    positions (detail=none), so de-duplicating them in Python (three quarters of the time this
    took) bought nothing; a row is removed with the very string it was added with."""
    return " ".join(map(_word_tokens, " ".join(hay).split()))


def add(con: sqlite3.Connection, rows: Iterable[tuple[int, Haystack]]) -> None:
    rows = list(rows)
    con.executemany(
        "INSERT INTO search(rowid, text, speaker, label) VALUES (?, ?, ?, ?)",
        [(pos, *hay) for pos, hay in rows],
    )
    con.executemany(
        "INSERT INTO grams(rowid, g) VALUES (?, ?)", [(pos, gram_tokens(hay)) for pos, hay in rows]
    )


def remove(con: sqlite3.Connection, rows: Iterable[tuple[int, Haystack]]) -> None:
    """Take these rows out, each with the haystack it was added with (FTS5's 'delete' for a
    contentless table: another haystack would leave the first one's tokens behind)."""
    rows = list(rows)
    con.executemany(
        "INSERT INTO search(search, rowid, text, speaker, label) VALUES ('delete', ?, ?, ?, ?)",
        [(pos, *hay) for pos, hay in rows],
    )
    con.executemany(
        "INSERT INTO grams(grams, rowid, g) VALUES ('delete', ?, ?)",
        [(pos, gram_tokens(hay)) for pos, hay in rows],
    )


def configure(con: sqlite3.Connection) -> None:
    """Apply SETTINGS to tables that do not have them yet (a new file, a rebuild)."""
    for name in NAMES:
        have = dict(con.execute(f"SELECT k, v FROM {name}_config"))
        for key, value in SETTINGS.items():
            if have.get(key) != value:
                con.execute(f"INSERT INTO {name}({name}, rank) VALUES (?, ?)", (key, value))


def merge(con: sqlite3.Connection) -> None:
    """Merge the segments commits left (as FTS5's automerge would have inside them), a step at
    a time, each step its own short transaction: a writer waiting for the lock waits for one
    step at most. Stops when there is nothing left to merge."""
    for name in NAMES:
        while True:
            before = con.total_changes
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute(f"INSERT INTO {name}({name}, rank) VALUES ('merge', ?)", (MERGE_PAGES,))
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            if con.total_changes - before <= 1:  # the statement itself: no work was left
                break


def found_in(hay: Haystack, words: Iterable[str]) -> bool:
    """Every word in one field of `hay`: what the tables match, tested on a haystack."""
    return all(any(w in f for f in hay) for w in words)


def clear(con: sqlite3.Connection) -> None:
    for name in NAMES:
        con.execute(f"INSERT INTO {name}({name}) VALUES ('delete-all')")


# -- queries -------------------------------------------------------------------------------------


def phrase(word: str) -> str:
    """A folded word (no whitespace at its ends) as an FTS5 string."""
    return '"' + word.replace('"', '""') + '"'


def gram(word: str) -> str:
    """The `grams` token of a word of one or two characters."""
    return _TOKENS[word]


def needed(words: Iterable[str]) -> list[str]:
    """The words a match must test, longest first: a word inside another is left out (the
    other implies it)."""
    kept: list[str] = []
    for word in sorted(set(words), key=len, reverse=True):
        if word and not any(word in longer for longer in kept):
            kept.append(word)
    return kept


def match(words: Iterable[str]) -> tuple[str | None, str | None]:
    """(the `search` MATCH expression, the `grams` one) that every word must satisfy (None:
    no word for that table)."""
    kept = needed(words)
    long = [phrase(w) for w in kept if len(w) >= TRIGRAM]
    short = [gram(w) for w in kept if len(w) < TRIGRAM]
    return (" AND ".join(long) or None), (" AND ".join(short) or None)
