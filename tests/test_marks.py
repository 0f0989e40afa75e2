"""The regex pass on its own: which spans the quotation marks enclose (no NLP involved)."""

from __future__ import annotations

import pytest

from quotebrowser.extract.layout import layout
from quotebrowser.extract.marks import find_spans


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, layout(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('She said: "We will win."', ["We will win"]),
        ("She said: “We will win.”", ["We will win"]),
        ("Elle a dit : « Nous gagnerons », a-t-il ajouté.", ["Nous gagnerons"]),
        ("Er sagte: „Wir werden gewinnen“, und ging.", ["Wir werden gewinnen"]),
        ("‘We will win,’ she said.", ["We will win"]),
        ("'We will win,' she said.", ["We will win"]),
    ],
)
def test_every_common_mark(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_mixed_marks_in_one_article() -> None:
    text = 'A said "one two three." B said “four five six.” C said ‘seven eight nine.’'
    assert spans(text) == ["one two three", "four five six", "seven eight nine"]


def test_apostrophes_are_not_marks() -> None:
    text = "The leaders’ summit showed Russia’s and Britain's view. I’m sure it's fine, he said."
    assert spans(text) == []


def test_space_on_the_wrong_side_of_a_closing_mark() -> None:
    text = '“The talks were useful.\n\nWe need another meeting, "said Jane Roe, an analyst.'
    assert spans(text) == ["The talks were useful.\n\nWe need another meeting"]
    text2 = "“It is over, ”the analyst said."
    assert spans(text2) == ["It is over"]


def test_space_inside_the_opening_mark() -> None:
    assert spans('He believes that " this is not resolved." Then he left.') == [
        "this is not resolved"
    ]


def test_multi_paragraph_quote_with_reopening_marks() -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph.\n\n"Last one," she said.'
    assert spans(text) == ['First paragraph of the quote.\n\n"Second paragraph.\n\n"Last one']


def test_multi_paragraph_quote_without_reopening_marks() -> None:
    text = "“First paragraph.\n\nSecond paragraph.\n\nThird one,” he said.\n\nNext paragraph."
    assert spans(text) == ["First paragraph.\n\nSecond paragraph.\n\nThird one"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = 'He noted that "it is over.\n\nA new paragraph about the "NKR" army.'
    assert spans(text) == ["it is over", "NKR"]


def test_nested_quotes_keep_the_outer_one() -> None:
    assert spans("She said: \"They called it 'a disgrace' and left.\"") == [
        "They called it 'a disgrace' and left"
    ]
    assert spans('He said: "She told me "go away" and left," later.') == [
        'She told me "go away" and left'
    ]


def test_offsets_are_exact_with_crlf_and_markup() -> None:
    text = 'Intro.\r\n\r\n"Use [bold]this[/] \x1b[31m now," she said.\r\n'
    found = find_spans(text, layout(text))
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "Use [bold]this[/] \x1b[31m now"


def test_empty_and_markless_text() -> None:
    assert spans("") == []
    assert spans("No quotes here at all.") == []
    assert spans('""') == []


def test_layout_uses_blank_lines_when_present_else_lines() -> None:
    assert len(layout("a\nb\n\nc").paragraphs) == 2
    assert len(layout("a\nb\nc").paragraphs) == 3


def test_long_runs_without_spaces_are_broken_for_spacy_keeping_offsets() -> None:
    from quotebrowser.extract.runner import LONGEST_RUN, for_spacy

    text = "“" * 1000 + ' "A real quote here," she said. ' + "x" * 500
    prepared = for_spacy(text)
    assert len(prepared) == len(text)
    assert max(len(run) for run in prepared.split()) <= LONGEST_RUN
    assert prepared[1000:1030] == text[1000:1030]
