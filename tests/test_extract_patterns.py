"""The extractor's specification, one pattern at a time (issue 2), on short invented passages.

Every passage is written for this file in one of several house styles (British, American wire,
translated wire copy, opinion) with invented people, organisations and outlets. The conventions
the tests fix are those of tests/data/GOLD_FORMAT.md, plus:

- quote text = the words inside the marks, without the marks, without the spaces just inside
  them, and without a trailing , . ; : (a trailing ? or ! stays: it is part of the words);
- a quotation that runs over several paragraphs is one quote, re-opening marks included;
- nested quotes: only the outer one;
- scare quotes, names and titles in marks, words quoted to be discussed and slogans nobody is
  said to have uttered are not quotes;
- a person's speaker is the canonical full name the article introduced (no title: "Amir
  Khalid", not "Dr Amir Khalid"); an anonymous person ("one resident", "a witness") gives
  speaker None; an organisation or a document is named by any of the article's names for it.

Every call also checks the invariant `text[q.start:q.end] == q.text`.
"""

from __future__ import annotations

import gc
import unicodedata
from collections.abc import Callable

import pytest

from quotebrowser.model import GROUPS, KINDS, REPORTED, Quote

SOURCE = "passage.txt"
Run = Callable[[str], list[Quote]]


@pytest.fixture(scope="module")
def run() -> Run:
    """extract() with the offset invariant checked on every quote; spaCy loads once per module."""
    from quotebrowser.extract import extract

    extract('"Warm up," she said.', "warmup.txt")

    def _run(text: str) -> list[Quote]:
        quotes = extract(text, SOURCE)
        for q in quotes:
            assert text[q.start : q.end] == q.text, q
            assert q.kind in KINDS and q.group in GROUPS, q
            assert q.source == SOURCE
        # The quotations: reported speech without marks has its own tests (test_reported.py).
        return [q for q in quotes if q.kind != REPORTED]

    return _run


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


def texts(quotes: list[Quote]) -> list[str]:
    return [q.text for q in quotes]


def quote_with(quotes: list[Quote], text: str) -> Quote:
    found = [q for q in quotes if q.text == text]
    assert found, f"{text!r} not among {texts(quotes)}"
    return found[0]


def norm(name: str | None) -> str | None:
    """Compare organisation/document names the way the scorer does (case, 'the', apostrophes)."""
    if name is None:
        return None
    name = unicodedata.normalize("NFKC", name).replace("’", "'").lower()
    name = " ".join(name.split())
    return name.removeprefix("the ")


def check(q: Quote, text: str, speaker: str | None, kind: str | None = "direct") -> None:
    assert q.text == text
    assert q.speaker == speaker, (q.text, q.speaker)
    if kind is not None:
        assert q.kind == kind, (q.text, q.kind)


# --------------------------------------------------------------------------------------------
# Quotation marks of every common kind
# --------------------------------------------------------------------------------------------

MARKS = [
    pytest.param(
        "Transport Secretary Alan Whitcombe visited the depot on Monday.\n\n"
        "“We will not let this line close,” Whitcombe said.",
        "We will not let this line close",
        "Alan Whitcombe",
        id="curly-double",
    ),
    pytest.param(
        "BERGHOLM (Meridian) - Fisheries Minister Petra Halvorsen said on Tuesday the quota "
        'talks had stalled.\n\n"There is no deal on the table tonight," Halvorsen told '
        "reporters.",
        "There is no deal on the table tonight",
        "Petra Halvorsen",
        id="straight-double-wire",
    ),
    pytest.param(
        "The Green councillor Megan Ashworth said the closure was a betrayal.\n\n"
        "‘People in this valley were promised a hospital and they have been given a car park,’ "
        "Ms Ashworth said.",
        "People in this valley were promised a hospital and they have been given a car park",
        "Megan Ashworth",
        id="single-curly-british",
    ),
    pytest.param(
        "Deputy Foreign Minister Oleg Varnavin commented on the talks in Kestrograd.\n\n"
        "«We are ready to continue the dialogue at any level», Varnavin said.",
        "We are ready to continue the dialogue at any level",
        "Oleg Varnavin",
        id="guillemets",
    ),
    pytest.param(
        "« The region cannot wait another winter », said Regional President Claire Fontanel.",
        "The region cannot wait another winter",
        "Claire Fontanel",
        id="guillemets-spaced",
    ),
    pytest.param(
        "Economy Minister Jens Albrecht defended the subsidy on Wednesday.\n\n"
        "„Without this money the plant would close within a year“, Albrecht said.",
        "Without this money the plant would close within a year",
        "Jens Albrecht",
        id="low-high-german",
    ),
    pytest.param(
        "„We did everything the law allowed”, said Mayor Tomasz Wierzbicki.",
        "We did everything the law allowed",
        "Tomasz Wierzbicki",
        id="low-double-polish",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), MARKS)
def test_every_quotation_mark_kind(run: Run, passage: str, text: str, speaker: str) -> None:
    check(only(run(passage)), text, speaker)


def test_mixed_marks_in_one_article(run: Run) -> None:
    passage = (
        "Energy Minister Rhiannon Pryce opened the Skerry Point wind farm on Thursday.\n\n"
        "“This is the biggest investment the coast has seen in a generation,” Ms Pryce said.\n\n"
        "The operator's chief executive, Lars Eklund, was more cautious. "
        '"The grid connection is still not finished," he said.\n\n'
        "In remarks translated by the regional government, Deputy Governor Ivan Sorokin said: "
        "«We welcome our partners’ commitment to the north».\n\n"
        "„We will buy every megawatt“, said Kurt Vogel of the Baltmark utility."
    )
    quotes = run(passage)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("This is the biggest investment the coast has seen in a generation", "Rhiannon Pryce"),
        ("The grid connection is still not finished", "Lars Eklund"),
        ("We welcome our partners’ commitment to the north", "Ivan Sorokin"),
        ("We will buy every megawatt", "Kurt Vogel"),
    ]


# --------------------------------------------------------------------------------------------
# Unbalanced marks
# --------------------------------------------------------------------------------------------

UNBALANCED = [
    pytest.param(
        'The storm brought 14" of snow to Alder Creek overnight.\n\n'
        'County Sheriff Dale Munro urged residents to stay home. "Do not drive unless your life '
        'depends on it," Munro said.',
        "Do not drive unless your life depends on it",
        "Dale Munro",
        id="stray-inch-mark-before",
    ),
    pytest.param(
        "The shop on Quay Street sold its last 12” record on Saturday.\n\n"
        "“Vinyl kept us alive for thirty years,” said the owner, Maggie Ross.",
        "Vinyl kept us alive for thirty years",
        "Maggie Ross",
        id="stray-curly-inch-mark",
    ),
    pytest.param(
        '“The harbour has been dredged twice this year and still the boats cannot get in," '
        "said Harbourmaster Ewan Doyle.",
        "The harbour has been dredged twice this year and still the boats cannot get in",
        "Ewan Doyle",
        id="curly-open-straight-close",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), UNBALANCED)
def test_unbalanced_marks(run: Run, passage: str, text: str, speaker: str) -> None:
    check(only(run(passage)), text, speaker)


def test_unclosed_quote_at_the_end_of_an_article_runs_to_the_end(run: Run) -> None:
    passage = (
        "Union leader Carla Mendes addressed the strikers outside the plant.\n\n"
        '"We will be back here every morning," she said. "Nobody is going home.'
    )
    quotes = run(passage)
    assert texts(quotes) == ["We will be back here every morning", "Nobody is going home"]
    assert {q.speaker for q in quotes} == {"Carla Mendes"}


def test_a_forgotten_closing_mark_does_not_swallow_the_next_paragraphs(run: Run) -> None:
    passage = (
        "The mayor, Ines Porto, spoke first. “We have the money for the pier, she told the "
        "council.\n\n"
        "Councillors voted nine to two in favour of the plan.\n\n"
        "“Work starts in May,” Ms Porto said afterwards."
    )
    quotes = run(passage)
    check(quote_with(quotes, "Work starts in May"), "Work starts in May", "Ines Porto")
    assert not any("Councillors voted" in q.text for q in quotes)


# --------------------------------------------------------------------------------------------
# A space on the wrong side of a mark
# --------------------------------------------------------------------------------------------

WRONG_SPACE = [
    pytest.param(
        '"We have waited three years for this meeting, "said Harriet Cole, a senior fellow at '
        "the Amberley Institute.",
        "We have waited three years for this meeting",
        "Harriet Cole",
        "direct",
        id="straight-close-then-said",
    ),
    pytest.param(
        "Tobias Wren, an analyst at Kettering Capital, said the gap remained wide.\n\n"
        "“Both sides have moved, but not far enough, ”the analyst said.",
        "Both sides have moved, but not far enough",
        "Tobias Wren",
        "direct",
        id="curly-close-then-the-analyst",
    ),
    pytest.param(
        "“ The budget is a work of fiction,” said the opposition leader, Nadia Karim.",
        "The budget is a work of fiction",
        "Nadia Karim",
        "direct",
        id="space-after-opening",
    ),
    pytest.param(
        'Council leader Peter Quill said the scheme " will pay for itself within a decade ".',
        "will pay for itself within a decade",
        "Peter Quill",
        "partial",
        id="spaces-inside-partial",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker", "kind"), WRONG_SPACE)
def test_space_on_the_wrong_side_of_a_mark(
    run: Run, passage: str, text: str, speaker: str, kind: str
) -> None:
    check(only(run(passage)), text, speaker, kind)


# --------------------------------------------------------------------------------------------
# Quotes over several paragraphs: one quote, paragraph breaks and re-opening marks included
# --------------------------------------------------------------------------------------------

MULTI_PARAGRAPH = [
    pytest.param(
        "Governor Elena Marsh spoke for nearly an hour at the Capitol on Monday.\n\n"
        '"We have cut the waiting lists in half. We have hired two thousand nurses.\n\n'
        '"And we are not finished. Next year every county will have an urgent care clinic," '
        "Marsh said.",
        "We have cut the waiting lists in half. We have hired two thousand nurses.\n\n"
        '"And we are not finished. Next year every county will have an urgent care clinic',
        "Elena Marsh",
        id="american-reopening-marks",
    ),
    pytest.param(
        "Sergei Lominov, a researcher at the Centre for Northern Studies, said the agreement "
        "was fragile.\n\n"
        "“The ceasefire is holding for now.\n\n"
        "But neither side has withdrawn its heavy weapons.\n\n"
        "Any incident could undo it, ”the expert said.",
        "The ceasefire is holding for now.\n\n"
        "But neither side has withdrawn its heavy weapons.\n\n"
        "Any incident could undo it",
        "Sergei Lominov",
        id="translated-no-reopening",
    ),
    pytest.param(
        "Chief Constable Fiona Barker said:\n\n"
        '"Officers were at the scene within four minutes.\n\n'
        '"I want to thank the members of the public who helped them."',
        'Officers were at the scene within four minutes.\n\n"I want to thank the members of '
        "the public who helped them",
        "Fiona Barker",
        id="british-colon-then-quote",
    ),
    pytest.param(
        "Shopkeeper Grace Okafor, 58, has been told to leave by March. Ms Okafor said:\n\n"
        "‘I’ve run this shop for twenty years.\n\n"
        "‘I’m not going to let a landlord’s letter push me out.’",
        "I’ve run this shop for twenty years.\n\n"
        "‘I’m not going to let a landlord’s letter push me out",
        "Grace Okafor",
        id="british-single-marks-with-apostrophes",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), MULTI_PARAGRAPH)
def test_multi_paragraph_quote_is_one_quote(
    run: Run, passage: str, text: str, speaker: str
) -> None:
    check(only(run(passage)), text, speaker)


# --------------------------------------------------------------------------------------------
# Apostrophes are not quotation marks
# --------------------------------------------------------------------------------------------

APOSTROPHES = [
    pytest.param(
        "“Norland’s economy is stronger than people think,” Finance Minister Aksel Dahl said.",
        "Norland’s economy is stronger than people think",
        "Aksel Dahl",
        id="possessive-in-curly-quote",
    ),
    pytest.param(
        "Aksel Dahl, the finance minister, faced the board on Friday. “I’m not resigning, and "
        "I’ve told them that,” said Dahl.",
        "I’m not resigning, and I’ve told them that",
        "Aksel Dahl",
        id="contractions-in-curly-quote",
    ),
    pytest.param(
        "‘The leaders’ summit achieved nothing we couldn’t have done by email,’ said Hanna "
        "Berg, a former diplomat.",
        "The leaders’ summit achieved nothing we couldn’t have done by email",
        "Hanna Berg",
        id="plural-possessive-in-single-quote",
    ),
    pytest.param(
        "\"It's the workers' money and they've earned it,\" said union organiser Rob Tierney.",
        "It's the workers' money and they've earned it",
        "Rob Tierney",
        id="straight-apostrophes",
    ),
    pytest.param(
        "‘We haven’t seen prices like this since the ’90s,’ said the estate agent Siobhan Whelan.",
        "We haven’t seen prices like this since the ’90s",
        "Siobhan Whelan",
        id="decade-apostrophe",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), APOSTROPHES)
def test_apostrophes_inside_quotes(run: Run, passage: str, text: str, speaker: str) -> None:
    check(only(run(passage)), text, speaker)


@pytest.mark.parametrize(
    "passage",
    [
        "Norland’s prime minister met the workers’ union at the leaders’ summit on Friday. "
        "It’s the union’s third meeting this year, officials said.",
        "Pat O’Hara's team won the ’98 final, and the fans' chant hasn't changed since, he said.",
    ],
    ids=["curly", "straight-and-mixed"],
)
def test_apostrophes_alone_make_no_quote(run: Run, passage: str) -> None:
    assert texts(run(passage)) == []


# --------------------------------------------------------------------------------------------
# Nested quotes: keep the outer one
# --------------------------------------------------------------------------------------------

NESTED = [
    pytest.param(
        "“He looked at me and said, ‘You’re finished in this town,’ and walked out,” said "
        "Marta Lindqvist, a former employee.",
        "He looked at me and said, ‘You’re finished in this town,’ and walked out",
        "Marta Lindqvist",
        id="double-outer-single-inner",
    ),
    pytest.param(
        "‘The letter said “final warning” in red capitals,’ said the tenant, Joe Pike.",
        "The letter said “final warning” in red capitals",
        "Joe Pike",
        id="british-single-outer-double-inner",
    ),
    pytest.param(
        "«The minister told us „wait until spring“, and we have waited», said farmer Anatoly "
        "Gretsky.",
        "The minister told us „wait until spring“, and we have waited",
        "Anatoly Gretsky",
        id="guillemets-outer-low-high-inner",
    ),
    pytest.param(
        "\"My grandmother used to say 'the sea gives and the sea takes,' and she was right,\" "
        "said lifeboat volunteer Tom Penhale.",
        "My grandmother used to say 'the sea gives and the sea takes,' and she was right",
        "Tom Penhale",
        id="straight-outer-straight-single-inner",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), NESTED)
def test_nested_quote_keeps_the_outer_one(run: Run, passage: str, text: str, speaker: str) -> None:
    check(only(run(passage)), text, speaker)


# --------------------------------------------------------------------------------------------
# Partial quotes woven into reported speech
# --------------------------------------------------------------------------------------------

PARTIAL = [
    pytest.param(
        "Prime Minister Anders Holm met his Veldavian counterpart on Monday. According to Holm, "
        'the accord "creates the conditions for lasting peace on both sides of the border."',
        "creates the conditions for lasting peace on both sides of the border",
        "Anders Holm",
        id="according-to",
    ),
    pytest.param(
        "Prime Minister Anders Holm spoke after the talks. Holm stressed that relations "
        'between the two countries "were, remain and will be friendly" in every field.',
        "were, remain and will be friendly",
        "Anders Holm",
        id="stressed-that",
    ),
    pytest.param(
        'The foreign minister, Ruth Adeyemi, called the meeting "extremely important".',
        "extremely important",
        "Ruth Adeyemi",
        id="called-it",
    ),
    pytest.param(
        "Environment spokeswoman Lucy Marchetti was scathing. Ms Marchetti said the plan was "
        "“unworkable”.",
        "unworkable",
        "Lucy Marchetti",
        id="said-it-was-one-word",
    ),
    pytest.param(
        "Veldavian President Goran Ilic said the agreement was ‘a turning point for the "
        "region’ and promised to sign it ‘without delay’.",
        None,
        "Goran Ilic",
        id="two-partials-british",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), PARTIAL)
def test_partial_quotes(run: Run, passage: str, text: str | None, speaker: str) -> None:
    quotes = run(passage)
    if text is not None:
        check(only(quotes), text, speaker, "partial")
    else:
        assert texts(quotes) == ["a turning point for the region", "without delay"]
        for q in quotes:
            check(q, q.text, speaker, "partial")


def test_partial_and_direct_in_one_ap_paragraph(run: Run) -> None:
    passage = (
        "Marisol Sanchez, the company's general counsel, said the firm would \"fight this "
        'ruling all the way" and called it "deeply flawed." "We expect to win on appeal," '
        "Sanchez said."
    )
    quotes = run(passage)
    assert texts(quotes) == [
        "fight this ruling all the way",
        "deeply flawed",
        "We expect to win on appeal",
    ]
    assert [q.kind for q in quotes] == ["partial", "partial", "direct"]
    assert {q.speaker for q in quotes} == {"Marisol Sanchez"}


# --------------------------------------------------------------------------------------------
# Not quotes: scare quotes, names and titles in marks, words discussed, slogans
# --------------------------------------------------------------------------------------------

NOT_QUOTES = [
    pytest.param(
        'Fighters of the self-proclaimed "NLR" army were seen near the border post, local '
        "officials said.",
        id="scare-quoted-acronym",
    ),
    pytest.param(
        'The film "Dark Waters" opened the Harl festival on Friday evening.', id="film-title"
    ),
    pytest.param('She founded a group called "Friends of the Sea" in 2009.', id="group-name"),
    pytest.param(
        "The word “resilience” appears fourteen times in the council’s plan.",
        id="word-discussed",
    ),
    pytest.param(
        "Her memoir, ‘The Long Tide’, sold 40,000 copies in its first month, her publisher said.",
        id="book-title-british",
    ),
    pytest.param(
        'Banners reading "Save our port" hung from every balcony on Harbour Street.',
        id="slogan-without-speaker",
    ),
    pytest.param(
        'The government\'s so-called "efficiency savings" have closed four libraries in '
        "Calder this year.",
        id="so-called",
    ),
    pytest.param('Arturo "The Hammer" Diaz retired from boxing on Saturday.', id="nickname"),
    pytest.param(
        "The trawler «Northern Star» sank off Cape Harl, the coastguard said.", id="ship-name"
    ),
]


@pytest.mark.parametrize("passage", NOT_QUOTES)
def test_no_quote(run: Run, passage: str) -> None:
    assert texts(run(passage)) == []


@pytest.mark.parametrize(
    ("passage", "text", "speaker"),
    [
        pytest.param(
            'Veldavian officials said the "NLR" militia had withdrawn overnight. "The road to '
            'Kessel is open again," said Interior Minister Pavel Drozd.',
            "The road to Kessel is open again",
            "Pavel Drozd",
            id="scare-quote-then-quote",
        ),
        pytest.param(
            "Campaigner Lucia Reyes, who founded the group “Clean Coast”, said: “We will see "
            "them in court.”",
            "We will see them in court",
            "Lucia Reyes",
            id="group-name-then-quote",
        ),
    ],
)
def test_scare_quotes_beside_a_real_quote(run: Run, passage: str, text: str, speaker: str) -> None:
    check(only(run(passage)), text, speaker)


# --------------------------------------------------------------------------------------------
# Where the speaker is: before, after, in the previous sentence or paragraph
# --------------------------------------------------------------------------------------------

SPEAKER_POSITION = [
    pytest.param(
        'Coach Danny Wells told reporters: "We were second best for eighty minutes."',
        "We were second best for eighty minutes",
        "Danny Wells",
        id="before-colon",
    ),
    pytest.param(
        '"We were second best for eighty minutes," said coach Danny Wells.',
        "We were second best for eighty minutes",
        "Danny Wells",
        id="after-inverted",
    ),
    pytest.param(
        "Coach Danny Wells did not hide his anger after the match.\n\n"
        '"We were second best for eighty minutes," Wells said.',
        "We were second best for eighty minutes",
        "Danny Wells",
        id="after-surname",
    ),
    pytest.param(
        "Defence Minister Ola Brekke was blunt. “We are not sending troops.”",
        "We are not sending troops",
        "Ola Brekke",
        id="previous-sentence",
    ),
    pytest.param(
        "The opposition leader, Kasia Nowak, had demanded early elections.\n\n"
        "Prime Minister Henrik Saar responded with an offer of his own.\n\n"
        '"Let us hold a referendum on the constitution first, and elections in the autumn."',
        "Let us hold a referendum on the constitution first, and elections in the autumn",
        "Henrik Saar",
        id="previous-paragraph",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), SPEAKER_POSITION)
def test_speaker_position(run: Run, passage: str, text: str, speaker: str) -> None:
    check(only(run(passage)), text, speaker)


def test_quote_interrupted_by_its_attribution(run: Run) -> None:
    passage = (
        "The mayor, Ines Porto, faced questions about the pier.\n\n"
        '"The money is there," Ms Porto said, "but the will is not."'
    )
    quotes = run(passage)
    assert texts(quotes) == ["The money is there", "but the will is not"]
    assert {q.speaker for q in quotes} == {"Ines Porto"}


# --------------------------------------------------------------------------------------------
# Titles, descriptions and pronouns resolved to the person the article introduced
# --------------------------------------------------------------------------------------------

RESOLUTION = [
    pytest.param(
        "German Chancellor Katrin Vollmer arrived in Lisbon on Tuesday.\n\n"
        '"Europe must stand together on energy," the German chancellor said.',
        "Europe must stand together on energy",
        "Katrin Vollmer",
        id="the-german-chancellor",
    ),
    pytest.param(
        "The head of the National Water Agency, Dr Amir Khalid, said reservoirs were at 31%.\n\n"
        "“We are one dry summer away from rationing,” the head of the agency warned.",
        "We are one dry summer away from rationing",
        "Amir Khalid",
        id="the-head-of-the-agency",
    ),
    pytest.param(
        "Nina Sorensen, an expert on Arctic shipping at the University of Tromvik, said "
        "insurance costs would rise.\n\n"
        "“Nobody wants to be the first to lose a ship up there,” the expert said.",
        "Nobody wants to be the first to lose a ship up there",
        "Nina Sorensen",
        id="the-expert",
    ),
    pytest.param(
        "Graham Tully, an analyst at Fenwick Securities, expects rates to fall this year. "
        '"The market has already priced in two cuts," the analyst said.',
        "The market has already priced in two cuts",
        "Graham Tully",
        id="the-analyst",
    ),
    pytest.param(
        "Health Minister Daniel Okoro toured the new children's wing on Friday.\n\n"
        "‘It will be open to patients by Easter,’ the minister said.",
        "It will be open to patients by Easter",
        "Daniel Okoro",
        id="the-minister",
    ),
    pytest.param(
        "Veldavian Prime Minister Mira Kostova returned from Brussels on Sunday.\n\n"
        '"We agreed on a timetable, not on the money," the prime minister told reporters.',
        "We agreed on a timetable, not on the money",
        "Mira Kostova",
        id="the-prime-minister",
    ),
    pytest.param(
        'Fire chief Colin Mackay said the blaze started in a kitchen. "It spread through the '
        'roof in minutes," he said.',
        "It spread through the roof in minutes",
        "Colin Mackay",
        id="he-said",
    ),
    pytest.param(
        "Senator Joan Whitaker left the chamber before the vote.\n\n"
        '"I will not vote for a bill I have not read," she told reporters.',
        "I will not vote for a bill I have not read",
        "Joan Whitaker",
        id="she-told-reporters",
    ),
    pytest.param(
        "Interior Minister Tomas Brandt met the opposition leader, Kasia Nowak, on Monday. "
        "Ms Nowak had asked for the meeting.\n\n"
        "“The talks were useful, but nothing was agreed,” she said afterwards.",
        "The talks were useful, but nothing was agreed",
        "Kasia Nowak",
        id="she-among-two-people",
    ),
    pytest.param(
        "Fisherman Sean Barry, 54, has worked the bay for thirty years.\n\n"
        "‘There are no cod left out there,’ the 54-year-old said.",
        "There are no cod left out there",
        "Sean Barry",
        id="the-54-year-old",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker"), RESOLUTION)
def test_title_description_or_pronoun_resolves_to_the_person(
    run: Run, passage: str, text: str, speaker: str
) -> None:
    check(only(run(passage)), text, speaker)


def test_title_resolves_to_the_right_one_of_two_people(run: Run) -> None:
    passage = (
        "Finance Minister Aksel Dahl and central bank governor Ingrid Moe appeared together "
        "on Monday.\n\n"
        '"Inflation will be back at target next year," the governor said.\n\n'
        '"The budget will be balanced by 2027," the finance minister added.'
    )
    quotes = run(passage)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("Inflation will be back at target next year", "Ingrid Moe"),
        ("The budget will be balanced by 2027", "Aksel Dahl"),
    ]


# --------------------------------------------------------------------------------------------
# Organisations and documents as speakers
# --------------------------------------------------------------------------------------------

INSTITUTIONS = [
    pytest.param(
        "The Ministry of Fisheries announced new quotas on Monday.\n\n"
        '"The measures will be reviewed in six months," the ministry said.',
        "The measures will be reviewed in six months",
        {"Ministry of Fisheries", "the ministry", "Fisheries Ministry"},
        "organization",
        id="the-ministry-said",
    ),
    pytest.param(
        "Harbourline Ferries cancelled all sailings on Friday. “The safety of passengers and "
        "crew comes first,” the company’s press office said.",
        "The safety of passengers and crew comes first",
        {"Harbourline Ferries", "Harbourline Ferries press office", "the company's press office"},
        "organization",
        id="the-company-press-office",
    ),
    pytest.param(
        '"No radiation was released at any point," the Nuclear Safety Agency said in a statement.',
        "No radiation was released at any point",
        {"Nuclear Safety Agency", "the Nuclear Safety Agency"},
        "organization",
        id="agency-said-in-a-statement",
    ),
    pytest.param(
        "The Audit Office published its annual review of government spending on Thursday.\n\n"
        '"Controls over spending on consultants were inadequate in four of the six departments '
        'examined," the report said.',
        "Controls over spending on consultants were inadequate in four of the six departments "
        "examined",
        {
            "the report",
            "annual review",
            "Audit Office annual review",
            "Audit Office report",
            "the Audit Office's annual review",
            "annual review of government spending",
        },
        "document",
        id="the-report-said",
    ),
    pytest.param(
        "Norland and Veldavia signed a memorandum on fishing rights in Harl on Tuesday.\n\n"
        "“The parties shall refrain from unilateral measures in the disputed waters,” the "
        "document says.",
        "The parties shall refrain from unilateral measures in the disputed waters",
        {
            "the document",
            "memorandum",
            "memorandum on fishing rights",
            "the memorandum on fishing rights",
        },
        "document",
        id="the-document-says",
    ),
]


@pytest.mark.parametrize(("passage", "text", "names", "group"), INSTITUTIONS)
def test_organisations_and_documents_are_speakers(
    run: Run, passage: str, text: str, names: set[str], group: str
) -> None:
    q = only(run(passage))
    assert q.text == text
    assert q.kind == "direct"
    assert norm(q.speaker) in {norm(n) for n in names}, q.speaker
    assert q.group == group


def test_organisation_partial_quote(run: Run) -> None:
    passage = (
        "The Central Bank of Norland held rates at 4% on Thursday and warned of "
        '"significant downside risks" to growth.'
    )
    q = only(run(passage))
    check(q, "significant downside risks", q.speaker, "partial")
    assert norm(q.speaker) in {"central bank of norland", "central bank"}
    assert q.group == "organization"


# --------------------------------------------------------------------------------------------
# British and American house styles
# --------------------------------------------------------------------------------------------

HOUSE_STYLES = [
    pytest.param(
        "Housing Secretary Giles Pemberton visited the estate on Friday. Mr Pemberton said: "
        '"These families have waited long enough."',
        "These families have waited long enough",
        "Giles Pemberton",
        "direct",
        id="bbc-mr-said-colon",
    ),
    pytest.param(
        "Housing Secretary Giles Pemberton visited the estate on Friday.\n\n"
        '"These families have waited long enough," he told Radio Calder.',
        "These families have waited long enough",
        "Giles Pemberton",
        "direct",
        id="bbc-he-told-outlet",
    ),
    pytest.param(
        "Housing Secretary Giles Pemberton visited the estate on Friday.\n\n"
        '"These families have waited long enough," said Mr Pemberton.',
        "These families have waited long enough",
        "Giles Pemberton",
        "direct",
        id="bbc-said-mr",
    ),
    pytest.param(
        "The plan's most vocal critic is the Liberal councillor Jenny Green. "
        'Ms Green said the plan was "unworkable".',
        "unworkable",
        "Jenny Green",
        "partial",
        id="bbc-ms-partial",
    ),
    pytest.param(
        "Dr Helen Achebe, the chief executive of Calder Health Trust, apologised to patients. "
        "‘We got this badly wrong,’ she said.",
        "We got this badly wrong",
        "Helen Achebe",
        "direct",
        id="guardian-single-she-said",
    ),
    pytest.param(
        'TOLEDO, Ohio (AP) - "I gave that plant twenty-two years," said Carlos Mendez, 47, a '
        "pipefitter who was laid off in March.",
        "I gave that plant twenty-two years",
        "Carlos Mendez",
        "direct",
        id="ap-said-name-age",
    ),
    pytest.param(
        "State Rep. Dana Kowalski, D-Millbrook, voted against the bill. \"It's a giveaway to "
        'developers," Kowalski told the Valley Courier on Tuesday.',
        "It's a giveaway to developers",
        "Dana Kowalski",
        "direct",
        id="ap-surname-told-outlet",
    ),
]


@pytest.mark.parametrize(("passage", "text", "speaker", "kind"), HOUSE_STYLES)
def test_british_and_american_styles(
    run: Run, passage: str, text: str, speaker: str, kind: str
) -> None:
    check(only(run(passage)), text, speaker, kind)


# --------------------------------------------------------------------------------------------
# Unnamed sources: a source the article does not name is called what the article calls them
# (the gold format's convention: "one resident" is who said it), never the person named nearby
# --------------------------------------------------------------------------------------------

UNKNOWN = [
    pytest.param(
        "Mayor Ines Porto visited Mill Lane on Tuesday, where floodwater reached the first "
        'floors overnight.\n\n"We are scared," one resident said.',
        "We are scared",
        "one resident",
        id="one-resident",
    ),
    pytest.param(
        '"I heard three shots and then nothing," a witness told the Valley Courier.',
        "I heard three shots and then nothing",
        "a witness",
        id="a-witness",
    ),
    pytest.param(
        "Foreign Minister Ruth Adeyemi left the talks early. A senior official, who spoke on "
        "condition of anonymity, said: “The deal is dead.”",
        "The deal is dead",
        "a senior official",
        id="anonymous-official",
    ),
]


@pytest.mark.parametrize(("passage", "text", "source"), UNKNOWN)
def test_unnamed_source(run: Run, passage: str, text: str, source: str) -> None:
    check(only(run(passage)), text, source)


# --------------------------------------------------------------------------------------------
# Robustness: text is data, offsets are exact, size is no limit
# --------------------------------------------------------------------------------------------

BYTE_FOR_BYTE = [
    pytest.param("Use [bold]this[/] \x1b[31m now", id="rich-markup-and-ansi"),
    pytest.param("Open <b>C:\\temp\\new</b> & press \\n", id="html-and-backslashes"),
    pytest.param("Stay\u00a0away\tfrom the\u200bcliffs 🌊", id="nbsp-tab-zero-width-emoji"),
]


@pytest.mark.parametrize("inner", BYTE_FOR_BYTE)
def test_markup_and_escapes_inside_a_quote_come_out_byte_for_byte(run: Run, inner: str) -> None:
    passage = (
        "🌊 Storm update 🌊\n\nSafety officer Dana Kruger handed out leaflets on the seafront.\n\n"
        f'"{inner}," she said.'
    )
    check(only(run(passage)), inner, "Dana Kruger")


def test_crlf_line_endings_keep_exact_offsets(run: Run) -> None:
    passage = (
        "Governor Elena Marsh spoke at the Capitol on Monday.\r\n\r\n"
        '"We have hired two thousand nurses.\r\n\r\n'
        '"And we are not finished," Marsh said.\r\n\r\n'
        "Her opponent, state Sen. Roy Easton, was unimpressed.\r\n\r\n"
        '"Nurses are leaving faster than she hires them," Easton said.\r\n'
    )
    quotes = run(passage)
    assert [(q.text, q.speaker) for q in quotes] == [
        ('We have hired two thousand nurses.\r\n\r\n"And we are not finished', "Elena Marsh"),
        ("Nurses are leaving faster than she hires them", "Roy Easton"),
    ]


@pytest.mark.parametrize("passage", ["", "   \n\n\t", "No quotation marks here at all, he said."])
def test_nothing_to_find(run: Run, passage: str) -> None:
    assert run(passage) == []


PARAGRAPH = (
    "Harbour Commissioner Lena Morrow inspected the new breakwater on Friday. "
    '"The sea does not care about our budgets," Ms Morrow said. '
    "Engineers said the work would take another year.\n\n"
)


def _spacy_pipelines() -> list:
    from spacy.language import Language

    from quotebrowser.extract import nlp

    found = [o for o in gc.get_objects() if isinstance(o, Language)]
    # Objects frozen by gc.freeze() are invisible to gc.get_objects(); the extractor's own
    # cached loader still names its pipeline.
    return found or [nlp.load()]


def test_article_longer_than_max_length_is_processed_in_pieces(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A small max_length on the loaded pipeline: spaCy itself refuses longer texts (E088)."""
    pipelines = _spacy_pipelines()
    assert pipelines, "extract() should have loaded a spaCy pipeline"
    for nlp in pipelines:
        monkeypatch.setattr(nlp, "max_length", 2_000)
    text = PARAGRAPH * 40  # about 7,300 characters
    quotes = run(text)
    assert len(quotes) == 40
    assert {q.text for q in quotes} == {"The sea does not care about our budgets"}
    assert {q.speaker for q in quotes} == {"Lena Morrow"}
    assert len({q.id for q in quotes}) == 40


@pytest.mark.slow
def test_article_over_a_million_characters_does_not_raise(run: Run) -> None:
    text = PARAGRAPH * (1_000_001 // len(PARAGRAPH) + 1)
    assert len(text) > 1_000_000
    quotes = run(text)
    assert len(quotes) == text.count("\n\n")
