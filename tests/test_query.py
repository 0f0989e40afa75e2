"""The query language (one parser; the store's engine, held to the engine before it) and the
helpers that keep article text literal."""

from __future__ import annotations

import tempfile
from pathlib import Path

from reference_engine import QuoteIndex

from quotebrowser.app.literal_content import styled_literal
from quotebrowser.app.paragraphs import context_span, paragraph_spans
from quotebrowser.folding import fold, fold_all
from quotebrowser.literal import literal, one_line
from quotebrowser.model import Document, Quote
from quotebrowser.query import Article, QueryError, find_words, parse_query
from quotebrowser.store import Store


def q(
    n: int, text: str, speaker: str | None, group: str = "other", source: str = "/a.txt"
) -> Quote:
    return Quote(
        id=f"id{n}",
        source=source,
        text=text,
        start=0,
        end=len(text),
        speaker=speaker,
        role=None,
        group=group,
        kind="direct",
        cue="said",
        paragraph=0,
    )


QUOTES = [
    q(0, "We will open the roads", "Ilham Aliyev", "leader", "/news/tass-1.txt"),
    q(1, "Nothing is agreed", "Nikol Pashinyan", "leader", "/news/tass-1.txt"),
    q(2, "The économie matters", "Zoë Müller", "analyst", "/news/review.txt"),
    q(3, "Roads take years", None, "other", "/news/review.txt"),
    q(4, "Statement text", "Ministry of Defence", "organization", "/news/mod.txt"),
]
ARTICLES = {
    "/news/tass-1.txt": Article("Summit talks Example Wire", "2024-05-02", "Wire"),
    "/news/review.txt": Article("Café Review of the deal", "2023-11-30", "Review"),
    "/news/mod.txt": Article("Defence notes"),
}


_STORE: list[Store] = []


def _store() -> Store:
    """QUOTES in a database (built once)."""
    if not _STORE:
        _STORE.append(store_of(QUOTES, ARTICLES))
    return _STORE[0]


def store_of(quotes: list[Quote], articles: dict[str, Article]) -> Store:
    """`quotes` in a new database: each article's quotes in a text that holds them."""
    folder = Path(tempfile.mkdtemp(prefix="qb-query-"))
    store = Store(folder / "q.json")
    for source, article in articles.items():
        text, kept = "Headline\n\n", []
        for quote in (q for q in quotes if q.source == source):
            start = len(text)
            text += quote.text + "\n\n"
            kept.append(Quote(**{**quote.to_dict(), "start": start, "end": len(text) - 2}))
        meta = {"title": article.label, "date": article.date}
        store.add(Document(source, text, {k: v for k, v in meta.items() if v}), kept)
    return store


def search(text: str, scope: tuple[str, str | None] | None = None) -> list[int]:
    """Positions in QUOTES of what `text` finds: the store's engine, which must agree with the
    engine before it (the quotes in memory)."""
    query = parse_query(text, scope)
    before = QuoteIndex(QUOTES, ARTICLES).run(query).rows
    position = {q.id: i for i, q in enumerate(QUOTES)}
    found = [position[q.id] for q in _store().search(query)]
    assert found == before, text
    return found


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Zoë MÜLLER Straße Əliyev") == "zoe muller strasse aliyev"
    assert fold("Plain") == "plain"


def test_free_words_match_text_speaker_and_article_all_required() -> None:
    assert search("roads") == [0, 3]
    assert search("ROADS open") == [0]
    assert search("pashinyan") == [1]  # speaker
    assert search("cafe") == [2, 3]  # article title, accent typed without
    assert search("economie") == [2]  # accent in the quote
    assert search("zoe muller") == [2]
    assert search("nowhere") == []


def test_words_do_not_match_across_fields() -> None:
    # "roads" + "ilham" are in different fields of quote 0; "roadsilham" is in none.
    assert search("roadsilham") == []


def test_field_tokens() -> None:
    assert search("speaker:aliyev") == [0]
    assert search("speaker:MÜLLER") == [2]
    assert search("speaker:aliyev speaker:pashinyan") == [0, 1]  # one kind: alternatives
    assert search("group:leaders") == [0, 1]
    assert search("group:organisations") == [4]
    assert search("group:analyst roads") == []
    assert search("source:review") == [2, 3]
    assert search("source:cafe") == [2, 3]  # the article's title counts as its source
    assert search('speaker:"nikol pash"') == [1]
    assert search("speaker:aliyev group:analyst") == []


def test_incomplete_tokens_while_typing_do_not_empty_the_list() -> None:
    assert search("speaker:") == [0, 1, 2, 3, 4]
    assert search('speaker:"nik') == [1]
    # A time or a link is ordinary text.
    assert parse_query("10:30 http://x").words == ("10:30", "http://x")


def test_scope_from_the_speakers_panel() -> None:
    assert search("", ("speaker", "Ilham Aliyev")) == [0]
    assert search("", ("speaker", None)) == [3]
    assert search("", ("group", "leader")) == [0, 1]
    assert search("nothing", ("group", "leader")) == [1]


def test_find_words_maps_folded_offsets_back() -> None:
    text = "Zoë said ZOE and zoe."
    assert [text[s:e] for s, e in find_words(text, ["zoe"])] == ["Zoë", "ZOE", "zoe"]
    assert find_words(text, []) == []


def test_literal_shows_control_characters_and_keeps_newlines() -> None:
    assert literal("a\x1b[31mb\x9bc\nd\te") == "a\\x1b[31mb\\x9bc\nd\te"
    assert one_line("a\n\n b\x07", 10) == "a b\\x07"
    assert one_line("abcdefghij", 5) == "abcd…"


def test_styled_literal_keeps_spans_on_the_right_characters() -> None:
    content = styled_literal("x\x1by[b]z", [(2, 5, "bold")])
    assert content.plain == "x\\x1by[b]z"
    (span,) = content.spans
    assert content.plain[span.start : span.end] == "y[b"


def test_paragraphs_and_context() -> None:
    text = "Title\n\nFirst para.\n\n  Second\npara.  \n\nThird."
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["Title", "First para.", "Second\npara.", "Third."]
    second = text.index("Second")
    assert text[slice(*context_span(spans, second, second + 6))] == "Second\npara."
    # A quote running over two paragraphs gets both.
    first = text.index("para.")
    start, end = context_span(spans, first, second + 3)
    assert text[start:end] == "First para.\n\n  Second\npara."
    lines = "one\ntwo\nthree"
    assert [lines[s:e] for s, e in paragraph_spans(lines)] == ["one", "two", "three"]


def test_fold_all_agrees_with_fold_in_every_chunk() -> None:
    texts = ["Zoë Müller", "with \x1e inside", "ÉCOLE ’quoted’", "plain", ""] * 7
    assert fold_all(texts, chunk=4) == [fold(t) for t in texts]
    assert fold_all([]) == []


# -- one query language: what the issue found wrong ------------------------------------------


def test_plural_and_prefix_groups_and_kinds() -> None:
    assert search("group:analysts") == search("group:analyst") == [2]
    assert search("group:Leaders") == [0, 1]
    assert search("kind:direct") == [0, 1, 2, 3, 4]
    assert search("kind:partial") == []


def test_speaker_matches_any_part_and_every_word_of_the_name() -> None:
    assert search("speaker:aliyev") == [0]
    assert search('speaker:"aliyev ilham"') == [0]  # words in any order
    assert search('speaker:"ilham pash"') == []


def test_space_after_the_colon_still_names_the_field() -> None:
    assert search("speaker: aliyev") == [0]
    assert parse_query("speaker: aliyev").words == ()
    assert search('speaker: "nikol pash"') == [1]


def test_unknown_field_or_value_is_reported_with_the_valid_ones() -> None:
    for text, bad, valid in (
        ("who:putin", "'who'", "speaker"),
        ("group:pundits", "'pundits'", "leader"),
        ("kind:indirect", "'indirect'", "partial"),
        ("sort:length", "'length'", "date"),
        ("show:everything", "'everything'", "statements"),
    ):
        try:
            parse_query(text)
        except QueryError as error:
            assert bad in str(error) and valid in str(error)
        else:
            raise AssertionError(f"{text!r} was accepted")


def test_date_field_matches_the_start_of_the_article_date() -> None:
    assert search("date:2024") == [0, 1]
    assert search("date:2023-11") == [2, 3]
    assert search("date:2022") == []


def test_sort_orders_rows_and_keeps_ties_in_order() -> None:
    assert search("sort:date") == [2, 3, 0, 1, 4]  # undated last
    # By surname (Aliyev, Müller, Pashinyan), an organisation by its name, unattributed last.
    assert search("sort:speaker") == [0, 4, 2, 1, 3]
    assert search("roads sort:date") == [3, 0]
    assert search("sort:source") == [2, 3, 4, 0, 1]  # by title, then source


def test_statements_collapse_reprints_with_a_count_of_outlets() -> None:
    variants = {"id0": ("id2",), "id2": ("id0",)}
    index = QuoteIndex(QUOTES, ARTICLES, variants)
    result = index.run(parse_query("show:statements"))
    assert list(result.rows) == [0, 1, 3, 4]
    assert result.outlets[0] == 2 and result.outlets[1] == 1
    # The statement shows where its first matching report is.
    assert list(index.run(parse_query("show:statements economie")).rows) == [2]


def test_evidence_narrows_to_a_rule_or_to_the_guesses() -> None:
    from dataclasses import replace

    rules = ["verb-after", "sentence-before", "none", "runs-on", "nearest-name"]
    quotes = [replace(quote, evidence=rule) for quote, rule in zip(QUOTES, rules, strict=True)]
    index = QuoteIndex(quotes, ARTICLES)
    assert list(index.run(parse_query("evidence:verb-after")).rows) == [0]
    assert list(index.run(parse_query("evidence:guess")).rows) == [1, 2, 4]
    assert list(index.run(parse_query("evidence:guess evidence:runs")).rows) == [1, 2, 3, 4]
    try:
        parse_query("evidence:hunch")
    except QueryError as exc:
        assert "verb-after" in str(exc) and "guess" in str(exc)
    else:
        raise AssertionError("an unknown evidence value is reported")


def test_sort_speaker_orders_people_by_surname_as_an_index_does() -> None:
    people = [
        q(0, "a", "Anna Zola"),
        q(1, "b", "Bill de Blasio"),
        q(2, "c", "Zed Adams"),
        q(3, "d", "Donald J. Trump"),
        q(4, "e", "Adams Family Trust", "organization"),
        q(5, "f", "Donald Trump"),
        q(6, "g", "Martin Luther King Jr."),
        q(7, "h", "Ann Adams"),
    ]
    query = parse_query("sort:speaker")
    rows = QuoteIndex(people, {}).run(query).rows
    expected = [
        "Ann Adams",
        "Zed Adams",
        "Adams Family Trust",
        "Bill de Blasio",
        "Martin Luther King Jr.",
        "Donald J. Trump",
        "Donald Trump",
        "Anna Zola",
    ]
    assert [people[r].speaker for r in rows] == expected
    # The store's engine sorts on its index the same way (it shows "Donald J. Trump" under
    # the name the article gives him later: the same person, one name).
    found = store_of(people, {"/a.txt": Article("")}).search(query)
    assert [quote.id for quote in found] == [people[r].id for r in rows]


def test_reported_statements_are_left_out_unless_a_kind_asks_for_them() -> None:
    from dataclasses import replace

    statement = q(5, "the roads would open in May", "Ilham Aliyev", "leader", "/news/tass-1.txt")
    # In archive order: the statement is the first article's third.
    quotes = [*QUOTES[:2], replace(statement, kind="reported"), *QUOTES[2:]]
    index = QuoteIndex(quotes, ARTICLES)
    store = store_of(quotes, ARTICLES)

    def run(text: str) -> list[int]:
        query = parse_query(text)
        found = [int(quotes[r].id[2:]) for r in index.run(query).rows]
        results = store.search(query)
        # The store's engine finds the same, and counts them (hidden ones subtracted).
        assert [int(quote.id[2:]) for quote in results] == found, text
        assert results.count() == len(found), text
        return found

    assert run("roads") == [0, 3]  # the default: quotations only
    assert run("") == [0, 1, 2, 3, 4]
    assert run("roads kind:reported") == [5]
    assert run("roads kind:all") == [0, 5, 3]
    assert run("kind:quotation") == [0, 1, 2, 3, 4]
    assert run("speaker:aliyev kind:rep") == [5]  # a prefix names the kind
    assert run("ro kind:all sort:date") == [3, 0, 5]


def test_every_page_is_read_by_one_query_that_ends_when_left(monkeypatch) -> None:
    """Reading every quote found (the CLI's output, an export) runs the query once, a page at
    a time; left before its end, it holds no snapshot of the index (a checkpoint that must
    wait for every reader completes)."""
    import sqlite3

    from quotebrowser.store import search

    monkeypatch.setattr(search, "PAGE", 2)
    store = store_of(QUOTES, ARTICLES)
    results = store.search(parse_query("e sort:date"))
    want = [QUOTES[r].id for r in QuoteIndex(QUOTES, ARTICLES).run(parse_query("e sort:date")).rows]
    assert len(want) > 2
    statements = []
    with store.index.reading() as con:
        con.set_trace_callback(statements.append)
    assert [quote.id for page in results.pages() for quote, _ in page] == want
    assert sum("MATCH" in sql for sql in statements) == 1
    store.index.settle()

    def checkpoint() -> int:
        """1 while a reader holds a snapshot of the write-ahead log (0: none does)."""
        con = sqlite3.connect(store.index.path, timeout=0)  # no waiting for the reader
        try:
            return con.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            con.close()

    writer = sqlite3.connect(store.index.path, isolation_level=None)
    writer.execute("INSERT OR REPLACE INTO meta VALUES ('probe', '1')")  # in the log only
    writer.close()
    pages = results.pages()
    assert len(next(pages)) == 2
    assert checkpoint() == 1  # the query under way reads the log's snapshot
    pages.close()
    assert checkpoint() == 0


def test_a_short_word_beside_a_longer_one_is_tested_on_the_rows_it_finds() -> None:
    """A word of one or two characters beside a longer one is tested on each of the longer
    word's matches (the SQL function HOLDS on the quote's row), not looked up in `grams`; it
    still matches the text, the speaker or the label."""
    plan = _store().search(parse_query("roads al")).plan
    assert "grams" not in plan.source and plan.tested == '["al"]'
    assert search("roads ak") == [3]  # the text (take)
    assert search("roads al") == [0, 3]  # Aliyev (the speaker); the deal (the label)
    assert search("roads xq") == []
    assert search("ÉCONOMIE mü") == [2]  # folded, as the words are
    assert search("speaker:aliyev o") == [0]  # beside `speaker:`'s words too
