"""A query that refines a recent one is answered from that one's remembered matches
(store/narrowing.py): what a needle finds and when one needle's matches hold another's; and,
on a store, that a refined query runs no full-text match, finds what the reference engine
finds, and that a write forgets what was remembered."""

from __future__ import annotations

from reference_engine import QuoteIndex
from test_query import q, store_of

from quotebrowser.query import Article, parse_query
from quotebrowser.store.narrowing import LIMIT, Matches, Needle

HAY = ("the roads will open soon", "anna lindqvist", "summit talks wire")


def test_a_needle_finds_each_word_in_one_field_and_the_speaker_in_the_speaker_field() -> None:
    assert Needle(("road", "ann")).finds(HAY)
    assert Needle(("open soon", "summit")).finds(HAY)
    assert not Needle(("soon anna",)).finds(HAY)  # across two fields
    assert not Needle(("roads", "bridge")).finds(HAY)
    assert Needle((), (("lindq",),)).finds(HAY)
    assert Needle(("open",), (("bob",), ("anna", "lind"))).finds(HAY)  # either alternative
    assert not Needle((), (("anna", "bob"),)).finds(HAY)  # every word of one
    assert not Needle((), (("road",),)).finds(HAY)  # the text is not the speaker


def test_a_needle_is_within_another_when_each_of_its_words_holds_one_of_the_other() -> None:
    assert Needle(("miportanfi",)).within(Needle(("port",)))
    assert Needle(("miportanfi", "sp")).within(Needle(("miporta",)))
    assert Needle(("roads",), (("lindq",),)).within(Needle(("road",)))
    assert Needle(("roads",), (("lindq",),)).within(Needle(("road",), (("lin",),)))
    assert Needle((), (("anna", "lindq"),)).within(Needle((), (("lind",), ("bob",))))
    assert not Needle(("road",)).within(Needle(("roads",)))  # shorter: finds more
    assert not Needle(("road",)).within(Needle(("road",), (("lin",),)))  # speaker not asked
    assert not Needle((), (("lind",), ("bob",))).within(Needle((), (("lind",),)))


def test_matches_narrow_from_the_fewest_remembered_and_read_haystacks_once() -> None:
    hays = {1: HAY, 2: ("roads", "bob", "x"), 3: ("the road", "anna", "x"), 4: ("far", "", "x")}
    reads = []

    def read(positions):
        reads.append(list(positions))
        return {p: hays[p] for p in positions if p in hays}

    matches = Matches(read)
    assert matches.narrow(Needle(("road",))) is None  # nothing remembered
    matches.remember(Needle(("roa",)), [1, 2, 3, 5])  # 5: no longer listed
    matches.remember(Needle(("r",)), [1, 2, 3, 4])
    assert matches.narrow(Needle(("roads",))) == [1, 2]
    assert matches.narrow(Needle(("roads",), (("bob",),))) == [2]
    assert matches.narrow(Needle(("road",), (("ann",),))) == [1, 3]
    assert reads == [[1, 2, 3, 5]]  # from "roa" (fewest), read once
    matches.remember(Needle(("many",)), list(range(LIMIT + 1)))  # too many to keep
    assert matches.narrow(Needle(("manyx",))) is None


def _store():
    quotes = [
        q(0, "We will miportanfi the roads", "Anna Lindqvist", "leader", "/news/a.txt"),
        q(1, "The miportanfi sp plan", "Lars Lindgren", "official", "/news/a.txt"),
        q(2, "Roads take years to miportan", "Anna Lindqvist", "leader", "/news/b.txt"),
        q(3, "Nothing is agreed", "Bob Stone", "analyst", "/news/b.txt"),
        q(4, "A miportanfi speech", None, "other", "/news/b.txt"),
    ]
    articles = {"/news/a.txt": Article("Summit talks"), "/news/b.txt": Article("Review")}
    return quotes, articles, store_of(quotes, articles)


def test_a_refined_query_runs_no_full_text_match_and_finds_what_the_engine_finds() -> None:
    quotes, articles, store = _store()
    engine = QuoteIndex(quotes, articles)

    def found(text: str):
        query = parse_query(text)
        results = store.search(query)
        got = [quote.id for quote in results]
        assert got == [quotes[i].id for i in engine.run(query).rows], text
        assert len(results) == len(got), text  # counting remembers a plain match
        return results

    assert found("miport").plan.match != (None, None)  # the first: the index's match
    for text in ("miportanf", "miportanfi s", "miportanfi sp", "miportanfi speaker:lind",
                 "miportanfi speaker:lindq", "miportanfi speaker:l", "miportanfi speaker:lindg",
                 "miportanfi group:lead", "miportan sort:date"):
        results = found(text)
        assert results.plan.match == (None, None), text  # answered from "miport"'s matches
    # A write gives a new manifest: what was remembered is forgotten.
    store.correct(quotes[1].id, speaker="Anna Lindqvist", group="leader")
    corrected = store.search(parse_query("miportanfi speaker:lindq"))
    assert corrected.plan.match != (None, None)
    assert [quote.id for quote in corrected] == [quotes[0].id, quotes[1].id]


def test_refinements_narrow_beside_a_group_or_the_panels_choice() -> None:
    """The words' matches are remembered whatever else the query asks (a group, the speakers
    panel's choice), so typing with a filter in place narrows too."""
    quotes, articles, store = _store()
    engine = QuoteIndex(quotes, articles)
    for scope, extra in ((("group", "leader"), ""), (None, " group:lead"), (("speaker", None), "")):
        typed = [f"miport{extra}", f"miportanf{extra}", f"miportanfi s{extra}"]
        for n, text in enumerate(typed):
            query = parse_query(text, scope)
            results = store.search(query)
            assert [q.id for q in results] == [quotes[i].id for i in engine.run(query).rows]
            assert len(results) == len(engine.run(query).rows)
            assert (results.plan.match == (None, None)) == (n > 0), (scope, text)
        store = _store()[2]  # a fresh one: nothing remembered
