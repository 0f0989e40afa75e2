"""Each speaker resolver, on a passage of its own: the mention, and whom it names.

`quotebrowser.extract.resolvers.RESOLVERS` is the order they are tried in; each case calls its
resolver directly, so a resolver is tested whatever the ones before it do, and then checks that
the whole list, in order, reaches the same answer through it (where the passage is unambiguous).
"""

from __future__ import annotations

import pytest
import regex

from quotebrowser.extract import nlp
from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.resolvers import RESOLVERS, Reference, learn_references, resolve
from quotebrowser.extract.runner import SENTER, plan
from quotebrowser.extract.who_is_who import WhoIsWho
from quotebrowser.model import Document

# (resolver, passage, mention, whom it names: None for no one, also checked through the list)
CASES = [
    (
        "pronoun",
        'Mary Carvalho chaired the meeting.\n\n"We start again on Monday," she said.',
        "she",
        "Mary Carvalho",
    ),
    (
        "interview-label",
        "Mayor Ruth Okafor spoke to the Courier in an interview. Questions by Ben Hale.\n\n"
        'Q: "Will the strike end? And when?"',
        "Q",
        "Ben Hale",
    ),
    (
        "titled-name",
        'Councillor Bryony Hale spoke first.\n\n"It does not add up," Councillor Bryony Hale said.',
        "Councillor Bryony Hale",
        "Bryony Hale",
    ),
    ("initials", '"Fares will rise again," IATA said on Monday.', "IATA", "IATA"),
    (
        "capital",
        "Talks in Kessel, the Veldavian capital, broke up on Monday. Veldavia blamed Freedonia."
        '\n\n"There can be no agreement while troops remain," Kessel said.',
        "Kessel",
        "Veldavia",
    ),
    (
        "apposed-name",
        '"The harbour is closed," the harbourmaster, Ellen Forsyth, said.',
        "the harbourmaster",
        "Ellen Forsyth",
    ),
    (
        "spokesperson",
        '"We are looking into it," a spokesperson for the Harbour Authority said.',
        "a spokesperson for the Harbour Authority",
        "Harbour Authority",
    ),
    (
        "name",
        '"We will win," Acme campaign manager Jane Doe said.',
        "Acme campaign manager Jane Doe",
        "Jane Doe",
    ),
    (
        "known-name",
        "Jean Moreau-Diallo spoke first.\n\nLater Moreau-Diallo added that the vote was close.",
        "Moreau-Diallo",
        "Jean Moreau-Diallo",
    ),
    (
        "described-name",
        '"We will win," Harbourmaster Ellen Forsyth said.',
        "Harbourmaster Ellen Forsyth",
        "Ellen Forsyth",
    ),
    (
        "group-pronoun",
        'The Harbour Authority published its plans on Monday.\n\n"The pier will reopen," it said.',
        "it",
        "Harbour Authority",
    ),
    (
        "document",
        "The inspectors published their annual report on Monday.\n\n"
        '"Staffing fell below safe levels in most wards," the report said.',
        "the report",
        "annual report",
    ),
    (
        "organisation",
        '"We will appeal against the ruling," Westbrook Savings Bank said.',
        "Westbrook Savings Bank",
        "Westbrook Savings Bank",
    ),
    ("government", '"We reject the claims," Norway said.', "Norway", "Norway"),
    (
        "age",
        "Jane Doe, 54, has run the bakery for years.\n\n"
        '"We lost everything," the 54-year-old said.',
        "the 54-year-old",
        "Jane Doe",
    ),
    (
        "relational",
        'Tom Baxter was charged on Monday.\n\n"He is innocent," his lawyer said.',
        "his lawyer",
        "Tom Baxter's lawyer",
    ),
    ("plural", '"It sounded like a train," officials said.', "officials", None),
    (
        "lead-description",
        "A Green MEP has called for a ban on fishing.\n\nMEP Jane Doe said stocks were collapsing.",
        "A Green MEP",
        "Jane Doe",
    ),
    (
        "unnamed-source",
        "The river rose overnight.\n\nThe town was cut off.\n\nRoads closed.\n\n"
        '"The water came up so fast," one resident said.',
        "one resident",
        "one resident",
    ),
    (
        "description",
        "Prime Minister Jane Doe arrived on Monday.\n\n"
        '"We will not be rushed," the prime minister said.',
        "the prime minister",
        "Jane Doe",
    ),
    ("proper-noun", '"We have done nothing wrong," said Mr Quill.', "Mr Quill", "Quill"),
]
# Passages where a resolver before it in the list answers first (the case tests it alone).
ANSWERED_BEFORE = {"known-name": "name", "described-name": "name", "proper-noun": "titled-name"}


def _reference(passage: str, mention: str) -> tuple[Reference, WhoIsWho]:
    """The passage read as the extractor reads it, and the mention's tokens in it."""
    pipeline = nlp.load()
    p = plan(Document("p.txt", passage), pipeline.max_length)
    with pipeline.select_pipes(disable=[SENTER]):
        units = [Unit(pipeline(passage[c.start : c.end]), c.start, c.paragraph) for c in p.pieces]
    table = WhoIsWho(Article(passage, p.layout, units, p.spans))
    learn_references(table)
    found = regex.search(rf"(?<!\w){regex.escape(mention)}(?!\w)", passage)
    assert found is not None
    pos = found.start()
    unit = table.article.unit_at(pos)
    assert unit is not None
    tokens = [t for t in unit.doc if pos <= unit.offset + t.idx < found.end()]
    return Reference.of(tokens, unit, pos), table


def test_every_resolver_has_a_case_and_a_unique_name() -> None:
    names = [r.name for r in RESOLVERS]
    assert len(set(names)) == len(names)
    assert [case[0] for case in CASES] == names


@pytest.mark.parametrize(
    ("resolver", "passage", "mention", "named"), CASES, ids=[c[0] for c in CASES]
)
def test_resolver_names_its_mention(
    resolver: str, passage: str, mention: str, named: str | None
) -> None:
    ref, table = _reference(passage, mention)
    [find] = [r.find for r in RESOLVERS if r.name == resolver]
    found = find(ref, table)
    assert found is not None, f"{resolver} passed {mention!r} on"
    assert (found.entity.name if found.entity else None) == named
    through_list = resolve(ref, table)
    assert (through_list.entity.name if through_list.entity else None) == named
    assert through_list.resolver == ANSWERED_BEFORE.get(resolver, resolver)


def test_a_resolver_passes_on_what_is_not_its_kind() -> None:
    ref, table = _reference('"We will win," Acme campaign manager Jane Doe said.', "Jane Doe")
    [pronoun] = [r.find for r in RESOLVERS if r.name == "pronoun"]
    [document] = [r.find for r in RESOLVERS if r.name == "document"]
    assert pronoun(ref, table) is None and document(ref, table) is None


def test_a_newspaper_named_for_a_document_is_no_document() -> None:
    # "The Post", "the Harbour Gazette": a capitalised name ending in a document noun is the
    # outlet (an organisation), never a report or a post issued by the last body named.
    passage = (
        "Acme Bank cut its rates on Monday.\n\n"
        'The Valley Post reported that the cuts were "only the beginning".'
    )
    ref, table = _reference(passage, "The Valley Post")
    [document] = [r.find for r in RESOLVERS if r.name == "document"]
    assert document(ref, table) is None
    found = resolve(ref, table)
    assert found.entity is not None and found.entity.name != "Acme Bank", found
