"""What the corrections issue adds to the query language and to who-is-who: date ranges,
show:rejected and show:corrected, and the likely duplicates `speakers --duplicates` proposes."""

from __future__ import annotations

import dataclasses

import pytest
from reference_engine import QuoteIndex
from test_query import ARTICLES, QUOTES, search

from quotebrowser.identity import likely_duplicates
from quotebrowser.query import QueryError, parse_query, with_option


def test_date_ranges_compare_at_each_ends_precision() -> None:
    assert search("date:2023-11..2024-05") == [0, 1, 2, 3]
    assert search("date:2023-12..2024-04") == []
    assert search("date:2024..") == [0, 1]
    assert search("date:..2023") == [2, 3]
    assert search("date:2023-11-30..2023-11-30") == [2, 3]


@pytest.mark.parametrize("bad", ["date:2021-1..2022", "date:may..june", "date:2021..2022..2023"])
def test_a_bad_date_range_names_the_form(bad: str) -> None:
    with pytest.raises(QueryError, match=r"2021-01\.\.2021-06"):
        parse_query(bad)


def test_rejected_hidden_unless_asked_and_corrected_only_on_request() -> None:
    quotes = list(QUOTES)
    quotes[1] = dataclasses.replace(quotes[1], rejected=True, corrected=True)
    quotes[2] = dataclasses.replace(quotes[2], corrected=True)
    index = QuoteIndex(quotes, ARTICLES)
    assert index.run(parse_query("")).rows == [0, 2, 3, 4]
    assert index.run(parse_query("show:rejected")).rows == [0, 1, 2, 3, 4]
    assert index.run(parse_query("show:corrected")).rows == [2]
    assert index.run(parse_query("show:corrected show:rejected")).rows == [1, 2]
    both = parse_query("show:statements show:rej")
    assert (both.show, both.rejected) == ("statements", True)


def test_toggling_statements_keeps_show_rejected() -> None:
    text = with_option("roads show:rejected", "show", "statements", among=("all", "statements"))
    assert parse_query(text).rejected and parse_query(text).show == "statements"
    text = with_option(text, "show", None, among=("all", "statements"))
    assert text == "roads show:rejected"


def test_likely_duplicates_share_a_surname_and_role_or_a_short_form() -> None:
    pairs = likely_duplicates(
        [
            ("Josephine K. Okoro", "senator"),
            ("Jo Okoro", None),
            ("Okoro", None),
            ("Maria Okoro", "teacher"),
            ("Ana Lima", "finance minister"),
            ("Rui Lima", "Finance Minister"),
            ("Tiago Lima", "coach"),
        ]
    )
    found = {frozenset((a, b)): why for a, b, why in pairs}
    assert found[frozenset(("Josephine K. Okoro", "Jo Okoro"))] == "one a short form of the other"
    assert found[frozenset(("Okoro", "Maria Okoro"))] == "one a short form of the other"
    assert "same surname and role" in found[frozenset(("Ana Lima", "Rui Lima"))]
    assert frozenset(("Maria Okoro", "Josephine K. Okoro")) not in found
    assert frozenset(("Tiago Lima", "Rui Lima")) not in found
