"""Property: `quotebrowser quotes QUERY` and the app's search bar give the same quotes, in the same
order, for the same query text, on generated databases and generated queries."""

from __future__ import annotations

import asyncio
import io
import json
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebrowser.cli import main
from quotebrowser.model import GROUPS, KINDS, Document, Quote, quote_id
from quotebrowser.store import Store

SYLLABLES = ("ka", "lo", "mé", "ren", "tus", "sa", "vël", "dor", "in", "ma")
word = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=3).map("".join)
name = st.lists(word.map(str.capitalize), min_size=1, max_size=2).map(" ".join)
sentence = st.lists(word, min_size=5, max_size=9).map(" ".join)


@st.composite
def databases(draw) -> list[tuple[Document, list[Quote]]]:
    """A few articles; quotes drawn from a shared pool so that reprints (variants) occur."""
    pool = draw(st.lists(sentence, min_size=1, max_size=5, unique=True))
    speakers = draw(st.lists(st.none() | name, min_size=1, max_size=4))
    articles = []
    for n in range(draw(st.integers(2, 4))):
        source = f"/news/{draw(word)}-{n}.txt"
        title = draw(sentence).capitalize()
        outlet = draw(word).capitalize()
        date = draw(st.sampled_from(["2021-01-11", "2023-05-02", "2023-06-30", ""]))
        parts = [f"{title}\n\n" + (f"{date}\n" if date else "") + f"Source: {outlet}\n\n"]
        quotes: list[Quote] = []
        for paragraph, text in enumerate(
            draw(st.lists(st.sampled_from(pool), min_size=1, max_size=4, unique=True)), 1
        ):
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
                    role=None,
                    group=draw(st.sampled_from(GROUPS)),
                    kind=draw(st.sampled_from(KINDS)),
                    cue="said",
                    paragraph=paragraph,
                )
            )
        articles.append((Document(source, "".join(parts)), quotes))
    return articles


def token(values: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return values.map(lambda v: f'"{v}"' if " " in v else v)


field_token = st.one_of(
    st.tuples(st.sampled_from(["speaker:", "Speaker:", "speaker: "]), token(name | word)),
    st.tuples(st.just("group:"), st.sampled_from([*GROUPS, "leaders", "Org", "o"])),
    st.tuples(st.just("kind:"), st.sampled_from(KINDS)),
    st.tuples(st.just("source:"), token(word)),
    st.tuples(st.just("date:"), st.sampled_from(["2021", "2023-0", "2023-06", "19"])),
).map("".join)
option = st.one_of(
    st.sampled_from(
        ["sort:date", "sort:speaker", "sort:source", "show:statements", "show:all", "Sort:Speaker"]
    ),
    st.sampled_from(["who:", "group:pundit", "kind:dir", "sort:size"]).map(lambda t: t + "x"),
)
queries = (
    st.tuples(
        st.lists(st.one_of(word, word.map(str.upper), field_token), max_size=2),
        st.lists(option, min_size=1, max_size=2),
    )
    .map(lambda parts: [*parts[0], *parts[1]])
    .flatmap(st.permutations)
    .map(" ".join)
)


def cli_ids(db: Path, query: str) -> list[str] | None:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["quotes", query, "--format", "jsonl", "--db", str(db)])
    if code != 0:
        assert code == 2 and "unknown" in err.getvalue(), err.getvalue()
        return None
    return [json.loads(line)["id"] for line in out.getvalue().splitlines()]


async def app_ids(store: Store, query: str) -> list[str] | None:
    from quotebrowser.app.app import QuoteBrowserApp
    from quotebrowser.app.quote_list import QuoteList
    from quotebrowser.app.search_bar import SearchBar
    from quotebrowser.query import QueryError, parse_query

    try:
        wanted = parse_query(query)
    except QueryError:
        wanted = None
    app = QuoteBrowserApp(store)
    async with app.run_test(size=(120, 30)) as pilot:

        async def until(condition) -> None:
            while not condition():
                await pilot.pause(0.01)

        await asyncio.wait_for(until(lambda: app.data is not None), 10)
        app.query_one(SearchBar).value = query
        await pilot.pause()
        if app.pane.query_error:
            return None
        quotes = app.query_one(QuoteList)
        await asyncio.wait_for(
            until(
                lambda: app.pane.applied is not None
                and app.pane.applied[0] == wanted
                and app.pane.applied[1].counted
                and len(quotes.rows) == len(app.pane.applied[1])
            ),
            10,
        )
        return [quotes.quotes[i].id for i in quotes.rows]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(articles=databases(), query=queries)
def test_cli_and_app_agree(articles, query) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "q.json"
        store = Store(db)
        store.add_many(articles)
        if store.is_empty():
            return
        from_cli = cli_ids(db, query)
        from_app = asyncio.run(app_ids(Store(db), query))
        assert from_cli == from_app
