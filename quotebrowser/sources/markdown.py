"""Markdown articles, read as what they say: the text a reader sees, not the markup.

`**Elena Ruiz**` is the name Elena Ruiz and `[pier](https://...)` is the word "pier". The text is
rendered with markdown-it-py (CommonMark), one paragraph per block, blank lines between blocks, so
quote offsets index the rendered text. Front matter (`title:`, `date:`, `author:`, `source:`,
`url:` between `---` lines) becomes the document's metadata.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from quotebrowser.model import Document
from quotebrowser.sources.metadata import front_matter
from quotebrowser.sources.read_error import ReadError

# Front-matter keys and the metadata they give.
FRONT_KEYS = {
    "title": "title",
    "date": "date",
    "author": "author",
    "source": "outlet",
    "outlet": "outlet",
    "url": "url",
    "link": "url",
}
_BLOCKS_WITH_TEXT = {"code_block", "fence", "html_block"}


def _inline(token: Token) -> str:
    out: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type == "softbreak" or child.type == "hardbreak":
            out.append("\n")
        # Link and emphasis markers carry no words; an image's alt text is no part of the article.
    return "".join(out)


def render(markdown: str) -> str:
    """The reader's text of `markdown`: blocks separated by one blank line."""
    blocks: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            text = _inline(token).strip()
            if text:
                blocks.append(text)
        elif token.type in _BLOCKS_WITH_TEXT and token.content.strip():
            blocks.append(token.content.strip("\n"))
    return "\n\n".join(blocks)


def read_markdown(source: str, markdown: str) -> Document | ReadError:
    fields, body = front_matter(markdown)
    text = render(body)
    if not text.strip():
        return ReadError(source, "no text once the Markdown is read")
    metadata = {FRONT_KEYS[key]: value for key, value in fields.items() if key in FRONT_KEYS}
    return Document(source=source, text=text, metadata=metadata)
