"""Markdown read as what it says, and an article's own link line (`Source: https://...`)."""

from __future__ import annotations

from pathlib import Path

from quotebrowser.model import Document
from quotebrowser.sources.files import read_file
from quotebrowser.sources.markdown import render
from quotebrowser.sources.metadata import detect

ARTICLE = """---
title: Pier rebuilt after storm
date: 2023-04-02
author: Jo Park
---

# Pier rebuilt after storm

“We will rebuild the [pier](https://harbour.example/pier) by *summer*,” said **Elena Ruiz**,
the harbour master.

![The pier at dawn](pier.jpg)

- first point
- second point

> “It was `closed` for months,” a fisherman said.
"""


def test_markdown_is_rendered_to_the_text_a_reader_sees(tmp_path: Path) -> None:
    path = tmp_path / "pier.md"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = read_file(path)
    assert isinstance(doc, Document)
    assert doc.text == (
        "Pier rebuilt after storm\n\n"
        "“We will rebuild the pier by summer,” said Elena Ruiz,\nthe harbour master.\n\n"
        "first point\n\nsecond point\n\n"
        "“It was closed for months,” a fisherman said."
    )
    assert doc.metadata == {
        "title": "Pier rebuilt after storm",
        "date": "2023-04-02",
        "author": "Jo Park",
    }
    meta = detect(doc.text, doc.metadata)
    assert (meta.title, meta.date, meta.byline) == (
        "Pier rebuilt after storm",
        "2023-04-02",
        "Jo Park",
    )


def test_markup_without_words_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("![only a picture](x.png)\n\n---\n", encoding="utf-8")
    found = read_file(path)
    assert not isinstance(found, Document)
    assert found.reason == "no text once the Markdown is read"


def test_render_keeps_code_and_literal_html_as_text() -> None:
    assert render("Intro\n\n    code line\n\n<div>raw</div>\n") == (
        "Intro\n\ncode line\n\n<div>raw</div>"
    )


def test_a_source_line_or_a_bare_link_under_the_headline_is_the_articles_link() -> None:
    text = "Talks resume\nhttps://wire.example/talks-resume\n11 January 2021\n\nBody text.\n"
    assert detect(text).url == "https://wire.example/talks-resume"
    credited = "Talks resume\n\nBody text.\n\nSource: <https://wire.example/t?id=4>.\n"
    assert detect(credited).url == "https://wire.example/t?id=4"
    given = detect(credited, {"url": "https://canonical.example/t"})
    assert given.url == "https://canonical.example/t"
    # A link in the middle of a sentence is no article link, and nothing is made up.
    assert detect("Talks resume\n\nSee https://x.example/a for more.\n").url is None
