"""Finding reprints: the probe cap (a fixed number of quotes, whatever the archive's size) and the
stored index's postings (kept for the rare words only, given back when a word is rare again)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

from store_support import make_document

from quotebrowser.store import Store
from quotebrowser.store import index as ix
from quotebrowser.store.variants import POSTED, PROBE_CAP, VariantIndex, content_words


class Probed(VariantIndex):
    """An index that records the words each match looks up."""

    def __init__(self) -> None:
        super().__init__()
        self.probed: list[str] = []

    def _hits(self, words, least):  # type: ignore[no-untyped-def]
        self.probed.extend(words)
        return super()._hits(words, least)


def row(qid: str, source: str) -> dict:
    return {"id": qid, "source": source, "speaker": None, "text": ""}


def test_a_word_in_more_quotes_than_the_cap_is_not_probed_however_large_the_archive() -> None:
    index = Probed()
    # 60,000 quotes: a cap of 0.1% of the archive would be 60 and probe "harbour" (in 60).
    for i in range(60_000):
        words = {f"filler{i}", f"other{i}", f"more{i}", f"last{i}", f"end{i}"}
        if i < PROBE_CAP + 10:
            words.add("harbour")
        index.add(row(f"q{i}", f"/old/{i}.txt"), frozenset(words))
    statement = frozenset({"harbour", "ferry", "pension", "drought", "refinery", "monsoon"})
    index.add(row("original", "/first.txt"), statement)
    found = index.matches(row("reprint", "/second.txt"), statement)
    assert [qid for qid, _ in found] == ["original"]  # its rarer words found it
    assert "harbour" not in index.probed
    assert set(index.probed) <= statement
    # A quote sharing only the common word with others is compared with none of them.
    index.probed.clear()
    lone = frozenset({"harbour", "alpha", "beta", "gamma", "delta"})
    assert index.matches(row("lone", "/third.txt"), lone) == []
    assert "harbour" not in index.probed


def consistent(con: sqlite3.Connection) -> None:
    """What the variant index must hold, recomputed from its quotes' words: each word's count,
    and every posting of each word in at most PROBE_CAP quotes (none of the words above
    POSTED)."""
    holders: dict[str, set[int]] = {}
    for qn, words in con.execute("SELECT qn, words FROM ventry"):
        for w in words.split():
            holders.setdefault(w, set()).add(qn)
    counts = {w: (n, posted) for w, n, posted in con.execute("SELECT word, n, posted FROM vdf")}
    # The number of quotes weighing words is kept, not counted: it must stay the count.
    kept = con.execute("SELECT v FROM meta WHERE k='entries'").fetchone()
    assert kept is not None
    assert int(kept[0]) == ix.entry_count(con) == con.execute(
        "SELECT COUNT(*) FROM ventry"
    ).fetchone()[0]
    assert {w: n for w, (n, _) in counts.items()} == {w: len(q) for w, q in holders.items()}
    postings: dict[str, set[int]] = {}
    for w, qn in con.execute("SELECT word, qn FROM vpost"):
        postings.setdefault(w, set()).add(qn)
    for w, qns in holders.items():
        n, posted = counts[w]
        if n <= PROBE_CAP:
            assert posted and postings.get(w) == qns, w
        elif n > POSTED:
            assert not posted and w not in postings, w
        else:
            assert postings.get(w, set()) == (qns if posted else set()), w


def test_stored_postings_follow_adds_discards_and_moves(tmp_path: Path) -> None:
    index = ix.Index(tmp_path / "v.index")
    rng = random.Random(5)
    entries = []
    for i in range(POSTED + 60):
        # "common" in every quote: above POSTED, its postings go; "mid" in one of three.
        words = {"common", f"own{i}", rng.choice(["red", "green", "blue"])}
        if i % 3 == 0:
            words.add("mid")
        entries.append((row(f"q{i}", f"/d/{i // 10}.txt"), frozenset(words)))
    with index.transaction() as con:
        ix.add_entries(con, entries[:100])
        consistent(con)
        assert con.execute("SELECT COUNT(*) FROM vpost WHERE word='common'").fetchone() == (100,)
        ix.add_entries(con, entries[100:])
        consistent(con)
        assert con.execute("SELECT posted FROM vdf WHERE word='common'").fetchone() == (0,)
        assert con.execute("SELECT COUNT(*) FROM vpost WHERE word='common'").fetchone() == (0,)
        # Forget most quotes: "common" is rare enough to be looked up again, and its postings
        # are back, exactly those of the quotes left.
        ix.discard_entries(con, [f"q{i}" for i in range(PROBE_CAP + 10, POSTED + 60)])
        consistent(con)  # 60 left: between the cap and POSTED, still without postings
        assert con.execute("SELECT COUNT(*) FROM vpost WHERE word='common'").fetchone() == (0,)
        ix.discard_entries(con, [f"q{i}" for i in range(PROBE_CAP - 10, PROBE_CAP + 10)])
        consistent(con)
        assert con.execute("SELECT COUNT(*) FROM vpost WHERE word='common'").fetchone() == (
            PROBE_CAP - 10,
        )
        ix.discard_entries(con, [f"q{i}" for i in range(10)])
        consistent(con)
        ix.add_entries(con, entries[20:40])  # indexed again: replaced, not counted twice
        consistent(con)
        # An index from before the number was kept counts its rows once, then keeps it.
        con.execute("DELETE FROM meta WHERE k='entries'")
        ix.discard_entries(con, ["q25"])
        consistent(con)
        ix.move_entries(con, {"/d/1.txt": "/moved/1.txt"})
        assert con.execute(
            "SELECT COUNT(*) FROM ventry WHERE source='/moved/1.txt'"
        ).fetchone() == (10,)
        consistent(con)


def test_a_reprint_is_found_after_its_common_words_lost_their_postings(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    store = Store(db)
    # "harbour" and "ferry" in more than POSTED quotes: never looked up, postings dropped.
    filler = [
        make_document(
            f"/old/{d}.txt",
            [
                (
                    f"The harbour ferry plan number {d} {i} word{d}x{i} extra{d}y{i} more{d}z{i}",
                    None,
                )
                for i in range(20)
            ],
        )
        for d in range(POSTED // 20 + 2)
    ]
    store.add_many(filler)
    statement = "The harbour ferry will carry pilgrims across the monsoon lagoon at dawn"
    a = make_document("/a.txt", [(statement, "Ana Lima")])
    store.add(*a)
    b = make_document("/b.txt", [(statement.replace("at dawn", "each dawn"), "Lima")])
    store.add(*b)
    assert {q.id for q in store.variants(b[1][0].id)} == {a[1][0].id}
    con = sqlite3.connect(ix.index_path(db))
    assert con.execute("SELECT posted FROM vdf WHERE word='harbour'").fetchone() == (0,)
    consistent(con)
    con.close()


def test_an_index_of_the_previous_version_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    store = Store(db)
    statement = "The harbour ferry will carry pilgrims across the monsoon lagoon at dawn"
    store.add_many(
        [
            make_document("/a.txt", [(statement, "Ana Lima"), ("Grain prices will fall", None)]),
            make_document("/b.txt", [(statement + " daily", "Lima")]),
        ]
    )
    pairs = store.index.all_pairs()
    speakers = store.people().profiles()
    assert pairs
    store.index.close()
    # The index as version 1 left it: vdf without its `posted` column, every posting kept.
    con = sqlite3.connect(ix.index_path(db))
    con.executescript(
        "DROP TABLE vdf; CREATE TABLE vdf(word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID;"
        "UPDATE meta SET v='1' WHERE k='version';"
    )
    con.close()
    again = Store(db)
    assert again.people().profiles() == speakers
    assert again.index.all_pairs() == pairs
    assert again.index.query("SELECT v FROM meta WHERE k='version'") == [(ix.VERSION,)]
    again.add(*make_document("/c.txt", [(statement, None)]))  # new quotes find the old ones
    c = again.index.query("SELECT id FROM ventry WHERE source='/c.txt'")[0][0]
    assert len(again.variants(c)) == 2
    consistent(again.index.con)


def reprinted_corpus(seed: int, articles: int) -> list:
    """Articles quoting statements reprinted in cuts (by the same speaker, by nobody or by
    someone else) among unrelated quotes. The vocabulary is skewed, so some words pass the
    probe cap and many quotes have a single rare word."""
    rng = random.Random(seed)
    vocab = [f"{a}{b}{c}" for a in "bdfgk" for b in "aiou" for c in ("lm", "rt", "sn", "vk")]
    weights = [1.0 / (rank + 1) ** 1.2 for rank in range(len(vocab))]
    statements = [rng.choices(vocab, weights, k=rng.randint(6, 16)) for _ in range(30)]
    speakers = ["Ana Lima", "Jon Berg", "Emile Roux", None]
    items = []
    for d in range(articles):
        quotes = []
        for _ in range(rng.randint(2, 6)):
            if rng.random() < 0.5:
                words = rng.choice(statements)
                start = rng.randint(0, len(words) // 3)
                words = words[start : start + max(5, int(len(words) * rng.uniform(0.6, 1)))]
            else:
                words = rng.choices(vocab, weights, k=rng.randint(4, 16))
            quotes.append((" ".join(words).capitalize(), rng.choice(speakers)))
        items.append(make_document(f"/d/{d}.txt", quotes, title=f"Article {d}"))
    return items


def test_a_commit_finds_the_pairs_matching_one_quote_at_a_time_finds(tmp_path: Path) -> None:
    """The store matches a whole commit against the index on disk plus the commit's own quotes:
    the pairs and scores must be those of an in-memory index fed the same quotes in order."""
    items = reprinted_corpus(11, 90)
    store = Store(tmp_path / "q.json")
    for start in range(0, len(items), 30):
        store.add_many(items[start : start + 30])

    index = VariantIndex()
    expected = set()
    for _, quotes in items:
        for q in quotes:
            row = {"id": q.id, "source": q.source, "speaker": q.speaker, "text": q.text}
            expected.update((q.id, other, score) for other, score in index.matches(row))
            index.add(row)
    stored = {(a, b, score) for a, b, score in store.index.all_pairs()}
    assert len(expected) > 50  # the corpus does hold reprints
    assert stored == expected


def test_a_commit_matching_one_quote_at_a_time_finds_the_same_pairs(tmp_path: Path) -> None:
    """match_all reads the commit's lookups in one pass; matches, one quote at a time, reads
    what each needs: the same pairs either way."""
    items = reprinted_corpus(12, 90)
    store = Store(tmp_path / "q.json")
    store.add_many(items[:60])
    rows = [
        (
            {"id": q.id, "source": q.source, "speaker": q.speaker, "text": q.text},
            content_words(q.text),
        )
        for _, quotes in items[60:]
        for q in quotes
    ]
    every = set().union(*(words for _, words in rows))
    with store.index.transaction() as con:
        at_once = ix.StoredVariants(con, every)
        found = at_once.match_all(rows)
        one_by_one = ix.StoredVariants(con, every)
        alone = []
        for row, words in rows:
            alone.append(one_by_one.matches(row, words))
            one_by_one.add(row, words)
        assert len(at_once.read) > 100  # stored quotes were compared
        assert found == alone
        assert sum(map(len, found)) > 10
