"""Citations carry the verbatim quote, speaker, role, title, all the authors, outlet, date and
link, in forms the style guides give (APA 7, Chicago 17), and never a local path."""

from __future__ import annotations

import pytest

from quotebrowser.citation import STYLES, cite, cite_all
from quotebrowser.model import Quote
from quotebrowser.store import DocumentInfo


def quote(text: str, speaker: str | None = "Ana Lima", role: str | None = "Foreign Minister",
          source: str = "/news/talks_2021.txt", group: str = "official") -> Quote:
    return Quote("0123456789abcdef", source, text, 10, 10 + len(text), speaker, role, group,
                 "direct", "said", 3)


def article(title: str, byline: str | None, outlet: str | None, date: str | None,
            url: str | None = None, source: str = "/news/talks_2021.txt") -> DocumentInfo:
    return DocumentInfo(source, "x", title, date, byline, outlet, "2024-01-01T00:00:00", 1,
                        url=url)


QUOTE = quote("We will not give up {one} inch & 100% of it\nis ours")
DOC = article("Talks resume", "Jane Doe", "Example Wire", "2021-01-11")

# The style guides' own examples of a newspaper article read online.
# APA 7 (apastyle.apa.org, newspaper article references):
APA_EXAMPLE = article(
    "Can we get better at forgetting?", "Benedict Carey", "The New York Times", "2019-03-22",
    "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
)
APA_REFERENCE = (
    "Carey, B. (2019, March 22). Can we get better at forgetting? The New York Times. "
    "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html"
)
# Chicago 17 (14.191, notes and bibliography):
CHICAGO_EXAMPLE = article(
    "Snap Makes a Bet on the Cultural Supremacy of the Camera", "Farhad Manjoo",
    "The New York Times", "2017-03-08",
    "https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-cultural-supremacy-"
    "of-the-camera.html",
)
CHICAGO_NOTE = (
    "Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York Times, "
    "March 8, 2017, https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-"
    "cultural-supremacy-of-the-camera.html."
)
CHICAGO_BIBLIOGRAPHY = (
    "Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York Times, "
    "March 8, 2017. https://www.nytimes.com/2017/03/08/technology/snap-makes-a-bet-on-the-"
    "cultural-supremacy-of-the-camera.html."
)


def test_apa_newspaper_article_as_the_style_guide_gives_it() -> None:
    said = quote("Forgetting is an active process.", "Oliver Hardt", "a researcher at McGill")
    assert cite(said, APA_EXAMPLE, "apa") == (
        # An indirect source (APA 7, 8.6): the speaker, "as cited in" the article's author.
        "“Forgetting is an active process” (Hardt, as cited in Carey, 2019).\n\n" + APA_REFERENCE
    )


def test_chicago_newspaper_article_as_the_style_guide_gives_it() -> None:
    said = quote("Forgetting is an active process.", "Oliver Hardt", "a researcher at McGill")
    assert cite(said, CHICAGO_EXAMPLE, "chicago") == (
        "“Forgetting is an active process.”¹\n"
        # Quoted in (14.260): the speaker first, then the note for the article (14.191).
        "1. Oliver Hardt, a researcher at McGill, quoted in " + CHICAGO_NOTE + "\n\n"
        + CHICAGO_BIBLIOGRAPHY
    )


def test_every_author_of_a_byline_in_each_style() -> None:
    two = article("Port strike ends after talks", "By Priya Raman and Tom Becker",
                  "The Harbour Gazette", "2025-03-12", "https://gazette.example/port")
    assert "(Reyes, as cited in Raman & Becker, 2025)." in cite(
        quote("We have a deal", "Tomas Reyes", None), two, "apa")
    assert "Raman, P., & Becker, T. (2025, March 12). Port strike ends after talks." in cite(
        QUOTE, two, "apa")
    chicago = cite(QUOTE, two, "chicago")
    assert "quoted in Priya Raman and Tom Becker, “Port Strike Ends after Talks,”" in chicago
    assert chicago.endswith("Raman, Priya, and Tom Becker. “Port Strike Ends after Talks.” "
                            "Harbour Gazette, March 12, 2025. https://gazette.example/port.")
    assert "by Priya Raman and Tom Becker, The Harbour Gazette" in cite(QUOTE, two, "plain")
    assert "by Priya Raman and Tom Becker, The Harbour Gazette" in cite(QUOTE, two, "markdown")
    assert "author = {Raman, Priya and Becker, Tom}" in cite(QUOTE, two, "bibtex")
    three = article("T", "Priya Raman, Tom Becker and Ann Lee", None, "2025-03-12")
    assert "as cited in Raman et al., 2025" in cite(QUOTE, three, "apa")
    assert "Raman, P., Becker, T., & Lee, A. (2025, March 12)." in cite(QUOTE, three, "apa")
    assert "Raman, Priya, Tom Becker, and Ann Lee." in cite(QUOTE, three, "chicago")


def test_names_as_apa_wants_them() -> None:
    for byline, written in [
        ("Hannah Cole", "Cole, H."),
        ("Jean-Paul Sartre", "Sartre, J.-P."),
        ("Martin Luther King Jr.", "King, M. L., Jr."),
        ("Maria de la Cruz", "de la Cruz, M."),
        ("Associated Press", "Associated Press."),  # a body is written as it is
    ]:
        text = cite(QUOTE, article("T", byline, None, "2025-03-12"), "apa")
        assert f"\n\n{written} (2025, March 12). T." in text.replace("..", "."), byline


def test_plain_and_markdown_name_the_author_and_outlet() -> None:
    assert cite(QUOTE, DOC, "plain") == (
        "“We will not give up {one} inch & 100% of it is ours” — Ana Lima, Foreign Minister. "
        "In “Talks resume” by Jane Doe, Example Wire, January 11, 2021."
    )
    linked = article("Talks resume", "Jane Doe", "Example Wire", "2021-01-11",
                     "https://wire.example/talks")
    assert cite(QUOTE, linked, "markdown") == (
        "> We will not give up {one} inch & 100% of it is ours\n>\n"
        "> — **Ana Lima**, Foreign Minister. In [*Talks resume*](<https://wire.example/talks>) by "
        "Jane Doe, Example Wire, January 11, 2021."
    )


def test_a_title_ending_in_a_full_stop_is_not_doubled() -> None:
    moscow = article("Putin, Aliyev and Pashinyan met in Moscow.", None, "TASS", None)
    apa = cite(QUOTE, moscow, "apa")
    assert apa.endswith("\n\nPutin, Aliyev and Pashinyan met in Moscow. (n.d.). TASS.")
    chicago = cite(QUOTE, moscow, "chicago")
    assert "“Putin, Aliyev and Pashinyan Met in Moscow,” TASS." in chicago
    assert ".," not in chicago and ".." not in apa
    assert "“Putin, Aliyev and Pashinyan met in Moscow,” TASS." in cite(QUOTE, moscow, "plain")
    question = article("Can we get better at forgetting?", None, "Example Wire", None)
    assert "“Can We Get Better at Forgetting?” Example Wire." in cite(QUOTE, question, "chicago")
    initials = article("Talks with the U.S.", None, None, None)
    assert "\n\nTalks with the U.S. (n.d.)." in cite(QUOTE, initials, "apa")


def test_a_quote_over_paragraphs_is_one_quotation_without_stray_marks() -> None:
    over = quote('First paragraph of the quote.\n\n"Second paragraph.\n\n"Last one')
    for style in ("plain", "apa", "chicago", "bibtex"):
        text = cite(over, DOC, style)
        assert "First paragraph of the quote. ¶ Second paragraph. ¶ Last one" in text, style
        assert '"' not in text.replace("``", "").replace("''", ""), style
    assert cite(over, DOC, "markdown").startswith(
        "> First paragraph of the quote.\n>\n> Second paragraph.\n>\n> Last one\n>\n> — "
    )
    nested = quote('He called the plan "a fraud" and left.')
    assert "“He called the plan ‘a fraud’ and left.”" in cite(nested, DOC, "plain")


def test_no_local_path_is_ever_cited() -> None:
    seed = quote("Words", source="/usr/lib/python3.11/site-packages/quotebrowser/seeds/a.txt")
    seeds = article("Leaders meet", None, "TASS", "2021-11-26", source=seed.source)
    for style in STYLES:
        text = cite(seed, seeds, style)
        assert "site-packages" not in text and "/usr" not in text, style
        assert "leaders meet" in text.lower() and "TASS" in text, style
    bare = quote("Words", None, None, source="/home/me/notes/x.txt")
    assert cite(bare, None, "plain") == "“Words” — Unattributed. In “x.txt”."
    assert "/home" not in cite_all([(bare, None)], "bibtex")


@pytest.mark.parametrize("style", STYLES)
def test_every_style_names_everything_known(style: str) -> None:
    text = cite(QUOTE, DOC, style)
    for part in ("Lima", "Talks", "Example Wire", "2021"):
        assert part in text
    if style != "bibtex":  # BibTeX escapes its special characters
        assert "We will not give up {one} inch & 100% of it is ours" in text


def test_bibtex_escapes_and_parses_as_one_entry() -> None:
    text = cite(QUOTE, DOC, "bibtex")
    assert text.startswith("@misc{quote-0123456789abcdef,")
    assert r"\{one\} inch \& 100\% of it" in text
    assert "date = {2021-01-11}" in text
    assert "author = {Doe, Jane}" in text
    assert "file =" not in text
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")


def test_escape_sequences_in_a_quote_are_shown_not_sent() -> None:
    nasty = quote("Hi\x1b[31mred\x07", "A", None)
    for style in STYLES:
        text = cite(nasty, None, style)
        assert "\x1b" not in text and "\x07" not in text
        assert "\\x1b" in text and "31mred" in text


def test_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown citation style"):
        cite(QUOTE, DOC, "mla")


def test_nothing_is_made_up_for_an_article_without_author_or_date() -> None:
    bare = article("Allotment list reopens", None, "Riverside Notes", None, source="/a.html")
    apa = cite(QUOTE, bare, "apa")
    # APA: no author, so the title takes its place; the outlet is not made the author.
    assert apa == (
        "“We will not give up {one} inch & 100% of it is ours” (Lima, as cited in "
        "“Allotment List Reopens,” n.d.).\n\nAllotment list reopens. (n.d.). Riverside Notes."
    )
    chicago = cite(QUOTE, bare, "chicago")
    # Chicago: an unsigned article's bibliography entry starts with the paper (14.207).
    assert chicago.endswith("\n\nRiverside Notes. “Allotment List Reopens.”")
    bibtex = cite(QUOTE, bare, "bibtex")
    assert "author" not in bibtex and "date" not in bibtex and "year" not in bibtex


def test_several_quotes_cite_each_and_list_each_article_once() -> None:
    other = article("Port strike ends", "Mara Okafor", "Harbour Gazette", "2024-03-05")
    quotes = [(QUOTE, DOC), (quote("We have a deal", "Tomas Reyes", None), other), (QUOTE, DOC)]
    apa = cite_all(quotes, "apa")
    assert apa.split("\n\n") == [
        "“We will not give up {one} inch & 100% of it is ours” (Lima, as cited in Doe, 2021).",
        "“We have a deal” (Reyes, as cited in Okafor, 2024).",
        "“We will not give up {one} inch & 100% of it is ours” (Lima, as cited in Doe, 2021).",
        "References",
        "Doe, J. (2021, January 11). Talks resume. Example Wire.",
        "Okafor, M. (2024, March 5). Port strike ends. Harbour Gazette.",
    ]
    chicago = cite_all(quotes, "chicago")
    assert "“We have a deal”²\n2. Tomas Reyes, quoted in Mara Okafor," in chicago
    assert chicago.endswith(
        "Bibliography\n\nDoe, Jane. “Talks Resume.” Example Wire, January 11, 2021.\n\n"
        "Okafor, Mara. “Port Strike Ends.” Harbour Gazette, March 5, 2024."
    )
    assert cite_all(quotes, "plain").count("\n\n") == 2


def test_an_ingested_article_by_two_authors_is_cited_with_both(tmp_path) -> None:
    import json

    from cli_support import run

    path = tmp_path / "strike.txt"
    path.write_text(
        "Port strike ends after talks.\nBy Priya Raman and Tom Becker\nMarch 12, 2025\n\n"
        "“We have a deal that our members can accept,” said Tomas Reyes, the union’s regional "
        "secretary.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "q.json")
    assert run("ingest", str(path), "--db", db)[0] == 0
    (line,) = run("quotes", "--db", db, "--format", "jsonl")[1].splitlines()
    code, out, err = run("cite", json.loads(line)["id"], "--style", "apa", "--db", db)
    assert code == 0, err
    assert out == (
        "“We have a deal that our members can accept” (Reyes, as cited in Raman & Becker, "
        "2025).\n\nRaman, P., & Becker, T. (2025, March 12). Port strike ends after talks.\n"
    )
    assert str(tmp_path) not in run("cite", json.loads(line)["id"], "--db", db)[1]


def statement(text: str, cue: str = "said", evidence: str = "speech-clause") -> Quote:
    """A reported statement: what was said, without quotation marks in the article."""
    return Quote("0123456789abcdef", "/news/talks_2021.txt", text, 10, 10 + len(text),
                 "Ana Lima", "Foreign Minister", "official", "reported", cue, 3, evidence)


@pytest.mark.parametrize("style", STYLES)
def test_a_reported_statement_is_cited_as_a_paraphrase_without_quotation_marks(style: str) -> None:
    cited = cite(statement("the talks would resume in May"), DOC, style)
    assert "that the talks would resume in May" in cited
    # Never presented as her words: no quotation mark opens or closes them.
    assert "“the talks" not in cited and "May”" not in cited and "``" not in cited
    assert "Lima" in cited and "2021" in cited


def test_a_paraphrase_in_each_style_as_the_guides_give_it() -> None:
    said = statement("The talks will resume in May", "warned", "clause-first")
    assert cite(said, DOC, "plain") == (
        "Ana Lima, Foreign Minister, warned that the talks will resume in May "
        "(Jane Doe, Example Wire, January 11, 2021)."
    )
    # APA 7 (8.6): a secondary source, cited in the narrative.
    assert cite(said, DOC, "apa").startswith(
        "Lima (as cited in Doe, 2021) warned that the talks will resume in May.\n\nDoe, J."
    )
    # Chicago: the words are not quoted, so the source is "cited in" the article.
    assert ", cited in Jane Doe, “Talks Resume,” Example Wire" in cite(said, DOC, "chicago")


def test_a_paraphrase_keeps_the_articles_verb_and_reads_on_from_it() -> None:
    def plain(text: str, cue: str, evidence: str = "speech-clause") -> str:
        return cite(statement(text, cue, evidence), None, "plain").split(" (")[0]

    # A denial stays one: never "said that the plan had failed".
    assert plain("that the plan had failed", "denies") == (
        "Ana Lima, Foreign Minister, denied that the plan had failed"
    )
    assert plain("the treaty was ready", "told") == (
        "Ana Lima, Foreign Minister, said that the treaty was ready"
    )
    assert plain("residents to stay indoors", "urging", "directive") == (
        "Ana Lima, Foreign Minister, urged residents to stay indoors"
    )
    assert plain("the treaty was ready", "According to", "according-to") == (
        "According to Ana Lima, Foreign Minister, the treaty was ready"
    )
