"""Property: with the user's corrections (speakers set, quotes rejected, speakers renamed), a
query that names speakers or groups finds through the store's index exactly what the same query
finds on every quote read and corrected."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference_engine import QuoteIndex
from test_query_property import databases, name, queries

from quotebrowser.model import GROUPS
from quotebrowser.query import QueryError, candidate_speakers, parse_query, select
from quotebrowser.store import Store
from quotebrowser.store.records import StoreError

corrections = st.lists(
    st.one_of(
        st.tuples(st.just("speaker"), st.integers(0, 50), name, st.sampled_from(GROUPS)),
        st.tuples(st.just("reject"), st.integers(0, 50)),
        st.tuples(st.just("rename"), st.integers(0, 50), name),
    ),
    min_size=1,
    max_size=4,
)
narrowing = st.one_of(
    st.sampled_from([f"group:{g}" for g in GROUPS]),
    name.map(lambda n: f'speaker:"{n}"'),
)


def correct(store: Store, changes: list[tuple]) -> None:
    for change in changes:
        quotes = store.snapshot().quotes
        target = quotes[change[1] % len(quotes)]
        if change[0] == "speaker":
            store.correct(target.id, speaker=change[2], group=change[3])
        elif change[0] == "reject":
            store.correct(target.id, reject=True)
        elif target.speaker:
            with contextlib.suppress(StoreError):  # all their quotes marked not a quote
                store.rename_speaker(target.speaker, change[2])


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    articles=databases(),
    changes=corrections,
    query=st.tuples(narrowing, queries, st.sampled_from(["", "show:rejected"])).map(" ".join),
)
def test_a_query_through_the_index_sees_the_corrections(articles, changes, query) -> None:
    try:
        parsed = parse_query(query)
    except QueryError:
        return
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "q.json")
        store.add_many(articles)
        if store.is_empty():
            return
        correct(store, changes)
        assert candidate_speakers(store.people(), parsed) is not None  # the speakers' keys
        found = list(select(store, parsed))
        everything = store.snapshot()
        expected = QuoteIndex.from_snapshot(everything).run(parsed)
        assert [q.id for q in found] == [everything.quotes[i].id for i in expected.rows]
        assert found == [everything.quotes[i] for i in expected.rows]
