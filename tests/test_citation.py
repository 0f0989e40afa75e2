"""Citations carry the verbatim quote, speaker, role, title, outlet, date and source."""

from __future__ import annotations

import pytest

from quotebrowser.citation import STYLES, cite
from quotebrowser.model import Quote
from quotebrowser.store import DocumentInfo

QUOTE = Quote(
    id="0123456789abcdef",
    source="/news/talks_2021.txt",
    text="We will not give up {one} inch & 100% of it\nis ours",
    start=10,
    end=60,
    speaker="Ana Lima",
    role="Foreign Minister",
    group="official",
    kind="direct",
    cue="said",
    paragraph=3,
)
DOC = DocumentInfo(
    source="/news/talks_2021.txt",
    content_hash="x",
    title="Talks resume",
    date="2021-01-11",
    byline="Jane Doe",
    outlet="Example Wire",
    ingested_at="2024-01-01T00:00:00",
    quote_count=1,
)


@pytest.mark.parametrize("style", STYLES)
def test_every_style_names_everything_known(style: str) -> None:
    text = cite(QUOTE, DOC, style)
    for part in ("Ana Lima", "Foreign Minister", "Talks resume", "Example Wire"):
        assert part in text
    assert "2021" in text
    if style != "bibtex":  # BibTeX escapes its special characters
        assert QUOTE.text.replace("\n", "\n> " if style == "markdown" else "\n") in text
        assert QUOTE.source in text


def test_plain() -> None:
    assert cite(QUOTE, DOC, "plain") == (
        "“We will not give up {one} inch & 100% of it\nis ours” — Ana Lima, Foreign Minister. "
        "In: Talks resume, Example Wire, January 11, 2021. Source: /news/talks_2021.txt"
    )


def test_apa_uses_byline_and_date() -> None:
    text = cite(QUOTE, DOC, "apa")
    assert "(Ana Lima, Foreign Minister, as cited in Jane Doe, 2021)" in text
    assert "Jane Doe. (2021, January 11). Talks resume. Example Wire. /news/talks_2021.txt" in text


def test_bibtex_escapes_and_parses_as_one_entry() -> None:
    text = cite(QUOTE, DOC, "bibtex")
    assert text.startswith("@misc{quote-0123456789abcdef,")
    assert r"\{one\} inch \& 100\% of it" in text
    assert r"talks\_2021" in text
    assert "date = {2021-01-11}" in text
    assert text.count("{") - text.count(r"\{") == text.count("}") - text.count(r"\}")


def test_unknown_document_and_speaker() -> None:
    bare = Quote("ab", "/x.txt", "Words", 0, 5, None, None, "other", "direct", None, 0)
    assert cite(bare, None, "plain") == "“Words” — Unattributed. In: /x.txt. Source: /x.txt"
    assert "n.d." in cite(bare, None, "apa")
    assert "date" not in cite(bare, None, "bibtex")


def test_escape_sequences_in_a_quote_are_shown_not_sent() -> None:
    nasty = Quote("ab", "/x.txt", "Hi\x1b[31mred\x07", 0, 12, "A", None, "other", "direct", None, 0)
    for style in STYLES:
        text = cite(nasty, None, style)
        assert "\x1b" not in text and "\x07" not in text
        assert "\\x1b[31mred" in text


def test_unknown_style() -> None:
    with pytest.raises(ValueError, match="unknown citation style"):
        cite(QUOTE, DOC, "mla")


WEB_QUOTE = Quote(
    id="feedbeef00112233",
    source="https://gazette.example/p?id=7",
    text="We have a deal",
    start=40,
    end=54,
    speaker="Tomas Reyes",
    role="regional secretary",
    group="official",
    kind="direct",
    cue="said",
    paragraph=2,
)
WEB_DOC = DocumentInfo(
    source="https://gazette.example/p?id=7",
    content_hash="y",
    title="Port strike ends after talks",
    date="2024-03-05",
    byline="Mara Okafor",
    outlet="The Harbour Gazette",
    ingested_at="2024-03-06T00:00:00",
    quote_count=1,
    url="https://gazette.example/news/port-strike-ends",
)


def test_citations_of_a_web_article_carry_author_headline_outlet_date_and_link() -> None:
    assert cite(WEB_QUOTE, WEB_DOC, "apa").endswith(
        "Mara Okafor. (2024, March 5). Port strike ends after talks. The Harbour Gazette. "
        "https://gazette.example/news/port-strike-ends"
    )
    assert cite(WEB_QUOTE, WEB_DOC, "chicago") == (
        "Tomas Reyes, regional secretary, quoted in Mara Okafor, “Port strike ends after talks,” "
        "The Harbour Gazette, March 5, 2024, https://gazette.example/news/port-strike-ends: "
        "“We have a deal”"
    )
    bibtex = cite(WEB_QUOTE, WEB_DOC, "bibtex")
    assert "url = {https://gazette.example/news/port-strike-ends}" in bibtex
    assert "author = {Mara Okafor}" in bibtex
    assert "file =" not in bibtex  # a link is no file
    assert cite(WEB_QUOTE, WEB_DOC, "markdown").endswith(
        "Source: <https://gazette.example/news/port-strike-ends>"
    )


def test_nothing_is_made_up_for_an_article_without_author_or_date() -> None:
    bare = DocumentInfo(
        source="/a.html",
        content_hash="z",
        title="Allotment list reopens",
        date=None,
        byline=None,
        outlet="Riverside Notes",
        ingested_at="2024-01-01T00:00:00",
        quote_count=1,
    )
    apa = cite(QUOTE, bare, "apa")
    # APA: no author, so the title takes its place; the outlet is not made the author.
    assert apa.endswith("Allotment list reopens. (n.d.). Riverside Notes. /news/talks_2021.txt")
    assert "as cited in Allotment list reopens, n.d.)" in apa
    bibtex = cite(QUOTE, bare, "bibtex")
    assert "author" not in bibtex and "date" not in bibtex and "year" not in bibtex
    chicago = cite(QUOTE, bare, "chicago")
    assert chicago.startswith("Ana Lima, Foreign Minister, quoted in “Allotment list reopens,”")
