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


def found(text: str) -> list[tuple[str, bool]]:
    return [(text[s.start : s.end], s.continues) for s in find_spans(text, layout(text))]


_PARTS = [("Growth will slow", False), ("Rates must rise", True), ("We expect cuts", True)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'Ann Lee, of Acme Bank, said: "Growth will slow. "Rates must rise. "We expect cuts."',
            _PARTS,
        ),
        (
            "Ann Lee, of Acme Bank, said: “Growth will slow. “Rates must rise. “We expect cuts.”",
            _PARTS,
        ),
        (
            "Ann Lee, of Acme Bank, said: ‘Growth will slow. ‘Rates must rise. ‘We expect cuts.’",
            _PARTS,
        ),
        ("Ann Lee said: ''Growth will slow. ''Rates must rise. ''We expect cuts.''", _PARTS),
        (
            '"Growth will slow," Ann Lee said. "Rates must rise! "We expect cuts?"',
            [("Growth will slow", False), ("Rates must rise!", False), ("We expect cuts?", True)],
        ),
        (
            "Elle a dit : « La croissance ralentira… « Les taux monteront. »",
            [("La croissance ralentira…", False), ("Les taux monteront", True)],
        ),
    ],
)
def test_flattened_quote_reopened_inside_a_line_is_one_span_per_part(
    text: str, expected: list[tuple[str, bool]]
) -> None:
    assert found(text) == expected


def test_reopened_parts_continue_the_previous_span() -> None:
    text = 'Mr Park told reporters: "We lost. "We go again on Sunday."\n\nOthers disagreed.'
    spans_ = find_spans(text, layout(text))
    assert [(text[s.start : s.end], s.continues) for s in spans_] == [
        ("We lost", False),
        ("We go again on Sunday", True),
    ]
    first, second = spans_
    # The first part has no closing mark: it ends where the next part reopens.
    assert first.close == second.open and text[second.open] == '"'


def test_reopen_after_a_nested_quote_or_brackets() -> None:
    text = (
        "The coach said: \"He shouted 'what now?' \"Nobody does that. "
        '"We will appeal (again.) "That is all."'
    )
    assert found(text) == [
        ("He shouted 'what now?'", False),
        ("Nobody does that", True),
        ("We will appeal (again.)", True),
        ("That is all", True),
    ]


def test_reopen_needs_a_sentence_end_before_the_mark() -> None:
    # A quote opened after a word nests; one after an ellipsis of dots or a comma does not reopen.
    assert found('She said: "They told me "go home" and I did."') == [
        ('They told me "go home" and I did', False)
    ]
    assert [c for _, c in found('"We waited.. "and waited," he said.')] == [False]
    assert [c for _, c in found('"Yes, "No," he said.')] == [False]


def test_in_a_flattened_text_a_paragraph_reopening_is_a_new_part_too() -> None:
    # Once an article reopens quotes inside lines, its paragraph breaks are where quotes
    # reopened: each paragraph's part is its own quote. Without that sign, see
    # test_multi_paragraph_quote_with_reopening_marks: one quote over the paragraphs.
    text = '"First part.\n\n"Second part. "Third part," she said.'
    assert found(text) == [("First part", False), ("Second part", True), ("Third part", True)]
    single = "‘First part.\n\n‘Second part. ‘Third part,’ she said.\n\n“One,” he said."
    assert found(single) == [
        ("First part", False),
        ("Second part", True),
        ("Third part", True),
        ("One", False),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "''It's nonsense,'' Mr. Roe said on ''Face the Nation.'' ''She is wrong.''",
            ["It's nonsense", "Face the Nation", "She is wrong"],
        ),
        ("‘‘We will win,’’ the captain said.", ["We will win"]),
        ("’’We will win,’’ the captain said.", ["We will win"]),
        (
            "He told us: ''The answer is to say, 'no more.''' Then he left.",
            ["The answer is to say, 'no more.'"],
        ),
        ("He said it is '''our'' plan', not theirs.", []),
    ],
)
def test_a_quote_closed_by_two_apostrophes(text: str, expected: list[str]) -> None:
    assert spans(text)[: len(expected)] == expected


def test_doubled_marks_keep_offsets_exact() -> None:
    text = "Intro.\n\n''We will win,'' she said, ''and soon.''"
    found_ = find_spans(text, layout(text))
    assert [text[s.open : s.open + 2] for s in found_] == ["''", "''"]
    assert [text[s.close : s.close + 2] for s in found_ if s.close is not None] == ["''", "''"]
    assert [text[s.start : s.end] for s in found_] == ["We will win", "and soon"]


def test_doubled_apostrophes_that_are_not_marks() -> None:
    assert spans("Rock''n''roll is back, and so is the 1980''s look.") == []
    assert spans("An empty pair '' means nothing here.") == []


def test_a_double_mark_typed_twice_is_one_mark() -> None:
    text = '"“If I were you, I would sell,” said a trader.\nA headline follows."'
    assert spans(text) == ["If I were you, I would sell"]


def test_inch_marks_and_stray_closers_open_nothing() -> None:
    assert spans('Police said he was 5\' 10" tall and wore a cap. "Stop," he said.') == ["Stop"]
    assert spans('The board is 30" wide and 12" deep, the maker said.') == []
    text = 'the committee member."\n\nNext day the "Blue Line" closed. "It is over," she said.'
    assert spans(text) == ["Blue Line", "It is over"]


def test_scare_quotes_and_names_stay_single_spans() -> None:
    # Found here, judged later by attribution: each is one span and none continues another.
    text = 'The "reform" plan, dubbed "Project Blue" by staff, left the minister "rattled".'
    assert found(text) == [("reform", False), ("Project Blue", False), ("rattled", False)]


@pytest.mark.parametrize(
    "text",
    [
        'Ms Diaz said: "Prices will fall. Later, asked about wages, she said: "Wages will rise."',
        "Ms Diaz said: “Prices will fall. Later, asked about wages, she said: “Wages will rise.”",
        "Ms Diaz said: ‘Prices will fall. Later, asked about wages, she said: ‘Wages will rise.’",
    ],
)
def test_a_quote_never_closed_ends_before_a_new_one_opened_after_a_colon(text: str) -> None:
    assert found(text) == [("Prices will fall", False), ("Wages will rise", False)]


def test_a_mark_after_a_colon_inside_one_sentence_nests() -> None:
    text = 'He said: "The sign read: "Keep out" and we left."'
    assert spans(text) == ['The sign read: "Keep out" and we left']


def test_a_paragraph_longer_than_a_piece_is_cut_between_sentences_outside_quotes() -> None:
    # A whole article run together as one paragraph: spaCy reads it in pieces of at most
    # PIECE_CHARS, cut after a sentence, never inside a quotation.
    from quotebrowser.extract import lexicon as lx
    from quotebrowser.extract.runner import plan
    from quotebrowser.model import Document

    sentence = 'Ann Lee spoke at length. "We will build it, and we will build it well," she said. '
    text = sentence * (3 * lx.PIECE_CHARS // len(sentence))
    p = plan(Document("one.txt", text), 1_000_000)
    assert len(p.pieces) >= 3
    assert all(piece.end - piece.start <= lx.PIECE_CHARS for piece in p.pieces)
    assert [piece.start for piece in p.pieces[1:]] == [piece.end for piece in p.pieces[:-1]]
    for piece in p.pieces[:-1]:
        assert text[piece.end - 2 : piece.end] in (". ", "! ", "? "), text[
            piece.end - 20 : piece.end
        ]
        assert not any(s.open < piece.end <= (s.close or s.end) for s in p.spans)


def test_every_quote_of_an_article_run_together_is_found_and_attributed() -> None:
    from quotebrowser.extract import extract
    from quotebrowser.extract import lexicon as lx

    sentence = 'Ann Lee spoke at length. "We will build it, and we will build it well," she said. '
    copies = 3 * lx.PIECE_CHARS // len(sentence)
    quotes = extract(sentence * copies, "one.txt")
    assert len(quotes) == copies
    assert {q.speaker for q in quotes} == {"Ann Lee"}


def test_a_quote_closing_right_before_the_next_opens_is_two_quotes() -> None:
    # Scraped copy loses the space between two quotations: `.”“Next`.
    text = 'She told the radio. “It was a means to an end.”“He was elected in 2018,” Doe added.'
    spans = find_spans(text, layout(text))
    assert [text[s.start : s.end] for s in spans] == [
        "It was a means to an end",
        "He was elected in 2018",
    ]
