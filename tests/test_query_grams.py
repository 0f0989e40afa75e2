"""Property: the search with the gram index (the app's, after `prepare`) gives exactly the rows of a
naive reference, every word tested with `in` on every quote, for generated quotes and queries,
typed key by key as the app searches them (within the last result, with the word postings)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebrowser import grams
from quotebrowser import query as query_module
from quotebrowser.folding import fold
from quotebrowser.grams import GramIndex
from quotebrowser.model import GROUPS, Quote
from quotebrowser.query import Article, Query, QueryError, QuoteIndex, parse_query

# Letters that fold together (É, é, e; ß, ss; Ø, o), a rare character beyond the basic plane,
# spaces, and the NUL that separates a quote's fields in the haystack.
LETTERS = "abeéÉßsoØ\U0001f600"
text = st.text(st.sampled_from(LETTERS + "  \0"), max_size=12)
name = st.none() | st.text(st.sampled_from(LETTERS + " "), min_size=1, max_size=6)
SOURCES = ("/a.txt", "/bé.txt", "/s\0o.txt")


@st.composite
def archives(draw) -> tuple[list[Quote], dict[str, Article]]:
    quotes = [
        Quote(
            id=f"q{n}",
            source=draw(st.sampled_from(SOURCES)),
            text=draw(text),
            start=0,
            end=1,
            speaker=draw(name),
            role=None,
            group=draw(st.sampled_from(GROUPS)),
            kind="direct",
            cue="said",
            paragraph=0,
            rejected=draw(st.booleans()),
        )
        for n in range(draw(st.integers(0, 40)))
    ]
    # The article with no entry is labelled by its path.
    labels = draw(st.lists(st.text(st.sampled_from(LETTERS + " "), max_size=8), min_size=2))
    return quotes, {SOURCES[0]: Article(labels[0]), SOURCES[1]: Article(labels[1])}


term = st.text(st.sampled_from(LETTERS + "\0"), min_size=1, max_size=4)
typed = st.lists(
    st.one_of(
        term,
        term.map(lambda t: f'"{t} {t[:1]}"'),  # a phrase: a space inside the term
        st.sampled_from(["show:rejected", "group:l", "group:leaders", "speaker:e"]),
    ),
    min_size=1,
    max_size=3,
).map(" ".join)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def reference(
    quotes: list[Quote], articles: dict[str, Article], index: QuoteIndex, query: Query
) -> list[int]:
    """The rows the query selects, by the definition: every word in the quote's folded text,
    speaker or article label (NUL between them), in the archive's order."""
    rows = []
    for row, quote in enumerate(quotes):
        article = articles.get(quote.source)
        label = (article.label if article else "") or quote.source
        haystack = f"{fold(quote.text)}\0{fold(quote.speaker or '')}\0{fold(label)}"
        if not all(word in haystack for word in query.words):
            continue
        if query.scope is not None:
            kind, value = query.scope
            if kind == "speaker" and (
                (not quote.speaker) != (not value) or fold(quote.speaker or "") != fold(value or "")
            ):
                continue
            if kind == "group" and index.group_of(quote) != value:
                continue
        speaker = fold(quote.speaker) if quote.speaker is not None else None
        if any(
            name == "speaker"
            and not (speaker is not None and any(all(w in speaker for w in v.split()) for v in vs))
            for name, vs in query.terms
        ):
            continue
        if any(name == "group" and index.group_of(quote) not in vs for name, vs in query.terms):
            continue
        if quote.rejected and not query.rejected:
            continue
        rows.append(row)
    return rows


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    archive=archives(),
    texts=st.lists(typed, min_size=1, max_size=6),
    scope=st.none()
    | st.tuples(st.just("group"), st.sampled_from(GROUPS))
    | st.tuples(st.just("speaker"), name),
    layout=st.tuples(
        st.sampled_from([8, 16, 1024]),
        st.sampled_from([3, 1024]),
        st.integers(1, 40),
        st.sampled_from([1, 20000]),
        st.sampled_from([1, 160]),
    ),
)
def test_search_with_the_gram_index_gives_the_naive_rows(
    archive, texts, scope, layout, monkeypatch_module
) -> None:
    chunk, width, sparse, sample, held = layout
    # Small build steps, few characters with their own bigrams, more or fewer rare grams.
    monkeypatch_module.setattr(grams, "CHUNK", chunk)
    monkeypatch_module.setattr(grams, "WIDTH", width)
    monkeypatch_module.setattr(grams, "SHARED", width - 1)
    monkeypatch_module.setattr(grams, "SPARSE", sparse)
    monkeypatch_module.setattr(grams, "SAMPLE", sample)
    monkeypatch_module.setattr(grams, "HELD", held)
    monkeypatch_module.setattr(query_module, "POSTINGS_HELD", 1)  # evictions happen too
    quotes, articles = archive
    index = QuoteIndex(quotes, articles)
    index.prepare()
    index.index_grams()
    # Each text typed key by key and deleted again, as the app searches: within the last
    # result when the query narrows it.
    keys = [t[:n] for t in texts for n in range(1, len(t) + 1)]
    keys += [k for k in keys[::-1]]
    applied: tuple[Query, list[int]] | None = None
    for key in keys:
        try:
            query = parse_query(key, scope)
        except QueryError:
            continue
        within = applied[1] if applied and query.narrows(applied[0]) else None
        rows = index.search(query, within)
        assert list(index.arrange(rows, query).rows) == reference(quotes, articles, index, query), (
            key
        )
        applied = (query, rows)


@settings(max_examples=200, deadline=None)
@given(
    haystacks=st.lists(st.text(st.sampled_from("ab\0é \U0001f600\ud800"), max_size=10)),
    terms=st.lists(st.text(st.sampled_from("ab\0é \U0001f600\ud800x"), min_size=1, max_size=4)),
    width=st.sampled_from([2, 4, 1024]),
    sample=st.sampled_from([1, 3, 20000]),
    held=st.sampled_from([0, 2, 160]),
    cells=st.sampled_from([1, 1 << 25]),
)
def test_gram_candidates_hold_every_match_and_exactly_them_when_exact(
    haystacks, terms, width, sample, held, cells, monkeypatch_module
) -> None:
    monkeypatch_module.setattr(grams, "CHUNK", 32)
    monkeypatch_module.setattr(grams, "WIDTH", width)
    monkeypatch_module.setattr(grams, "SHARED", width - 1)
    monkeypatch_module.setattr(grams, "SAMPLE", sample)  # the common grams chosen on some rows
    monkeypatch_module.setattr(grams, "HELD", held)
    monkeypatch_module.setattr(grams, "CELLS", cells)  # steps split when grams are many
    index = GramIndex(haystacks)
    for t in terms:
        maybe, exact = index.candidates(t)
        holds = [t in h for h in haystacks]
        assert len(maybe) == len(haystacks)
        assert all(m or not h for m, h in zip(maybe, holds, strict=True)), t
        if exact:
            assert [bool(m) for m in maybe] == holds, t
        if len(t) <= 2 and width == 1024:
            assert exact, t  # one or two letters: no test with `in` needed
    for g in index._long:  # a common gram with its own bitmap: exact
        assert index.candidates(g) == (bytes(g in h for h in haystacks), True), g
