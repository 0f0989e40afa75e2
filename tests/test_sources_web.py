"""Saved web pages of different layouts: the article text, the metadata and the quotes come out,
the menus, captions, banners, share buttons and related links do not."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ingest import find_quotes

from quotebrowser.citation import cite
from quotebrowser.ingest import run_ingest
from quotebrowser.model import Document
from quotebrowser.query import find
from quotebrowser.sources.files import read_file
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.reading import read_sources
from quotebrowser.store import Store

PAGES = Path(__file__).resolve().parent / "data" / "pages"


def page(name: str) -> Document:
    found = read_file(PAGES / name)
    assert isinstance(found, Document), found
    return found


@pytest.mark.parametrize(
    ("name", "title", "kept", "dropped"),
    [
        (
            "harbour_gazette_port_strike.html",
            "Port strike ends after talks",
            [
                "The strike that closed the port for nine days ended on Tuesday",
                "The port authority said operations would resume",
            ],
            [
                "cookies",
                "Accept all",
                "Home",
                "Sport",
                "Dock workers on the picket line",
                "Share on Facebook",
                "Related stories",
                "Ferry fares rise again",
                "All rights reserved",
                "By Mara Okafor",
            ],
        ),
        (
            "valley_courier_library.html",
            "Library to stay open on Sundays after campaign",
            ["a petition signed by more than 4,000 residents", "The new opening hours begin"],
            [
                "personalise ads",
                "Manage settings",
                "Subscribe",
                "ADVERTISEMENT",
                "newsletter",
                "Sign up",
                "Most read",
                "Bakery wins",
                "Example Media Group",
            ],
        ),
        (
            "community_notes_no_date.html",
            "Allotment waiting list reopens",
            ["The waiting list for plots", "Applications can be made at the hut"],
            ["About", "Archive", "Copyright"],
        ),
    ],
)
def test_article_text_without_boilerplate(
    name: str, title: str, kept: list[str], dropped: list[str]
) -> None:
    doc = page(name)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == title  # the headline first, as in a text article
    for words in kept:
        assert words in doc.text
    for words in dropped:
        assert words not in doc.text, words
    assert all(p.strip() == p and p for p in paragraphs)  # one blank line between paragraphs


def test_metadata_from_json_ld_and_opengraph() -> None:
    assert page("harbour_gazette_port_strike.html").metadata == {
        "title": "Port strike ends after talks",
        "author": "Mara Okafor",
        "outlet": "The Harbour Gazette",
        "date": "2024-03-05",
        "url": "https://gazette.example/news/port-strike-ends",
        "language": "en",
    }
    courier = page("valley_courier_library.html").metadata
    assert courier["language"] == "en-GB"
    assert courier["author"] == "Priya Natarajan"
    assert courier["outlet"] == "Valley Courier"
    assert courier["date"] == "2023-11-14"
    assert courier["url"] == "https://www.valleycourier.example/local/library-sundays-12345"


def test_nothing_invented_for_a_page_without_date_or_author() -> None:
    meta = page("community_notes_no_date.html").metadata
    assert "date" not in meta  # not today, not the copyright year
    assert "author" not in meta
    assert "url" not in meta
    assert "language" not in meta  # the page declares none; we do not guess


def test_a_saved_page_in_windows_1252_is_decoded_by_its_own_charset() -> None:
    doc = page("cafe_windows1252.html")
    assert doc.text.startswith("Le café du port rouvre\n\n")
    assert "« Nous avons gardé le vieux comptoir », a déclaré la gérante, Renée Marchand." in (
        doc.text
    )
    assert doc.metadata["outlet"] == "Le Courrier du Littoral"
    assert doc.metadata["language"] == "fr"


def test_a_page_without_article_text_is_an_error_naming_it(tmp_path: Path) -> None:
    found = read_file(PAGES / "index_page_no_article.html")
    assert isinstance(found, ReadError)
    assert found.reason == "no article text found in the page"
    (tmp_path / "blank.htm").write_text("   ")
    assert read_file(tmp_path / "blank.htm") == ReadError(str(tmp_path / "blank.htm"), "empty file")


def test_a_folder_of_pages_is_read_in_order() -> None:
    names = [Path(item.source).name for item in read_sources([str(PAGES)])]
    assert names == sorted(p.name for p in PAGES.glob("*.html"))


def test_ingested_pages_keep_their_metadata_and_cite_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.json")
    summary = run_ingest(store, [str(PAGES)], extractor=find_quotes)
    assert (summary.added, summary.failed) == (4, 1)
    assert "index_page_no_article.html: no article text" in str(summary.errors[0])
    source = str((PAGES / "harbour_gazette_port_strike.html").resolve())
    info = store.document_info(source)
    assert info is not None
    assert (info.title, info.byline, info.outlet, info.date, info.url, info.language) == (
        "Port strike ends after talks",
        "Mara Okafor",
        "The Harbour Gazette",
        "2024-03-05",
        "https://gazette.example/news/port-strike-ends",
        "en",
    )
    quote = next(q for q in find(store, "source:harbour") if q.text.startswith("We have"))
    assert store.document_text(source)[quote.start : quote.end] == quote.text
    assert cite(quote, info, "apa").endswith(
        "Okafor, M. (2024, March 5). Port strike ends after talks. The Harbour Gazette. "
        "https://gazette.example/news/port-strike-ends"
    )
    bare = store.document_info(str((PAGES / "community_notes_no_date.html").resolve()))
    assert bare is not None and (bare.date, bare.byline, bare.url) == (None, None, None)


def test_quotes_in_web_pages_are_found_and_attributed() -> None:
    from quotebrowser.extract import extract_many

    documents = [page("harbour_gazette_port_strike.html"), page("valley_courier_library.html")]
    found = {q.text: q for _, quotes in extract_many(documents) for q in quotes}
    assert found["We have a deal that our members can accept"].speaker == "Tomas Reyes"
    # A quote over two paragraphs joins up across the blank line the page's <p>s became.
    joined = next(t for t in found if t.startswith("It was not easy."))
    assert "Nobody wanted this to go on" in joined
    assert found[joined].speaker == "Tomas Reyes"
    assert found["We listened, and we changed our minds"].speaker == "Dara Whitfield"
    assert not any("Ferry fares" in t or "Sign up" in t for t in found)
