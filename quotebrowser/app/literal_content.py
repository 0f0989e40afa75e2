"""Untrusted article text as Textual content: every character appears as written.

Widgets parse plain strings as markup, and the terminal obeys control characters, so text from
articles only ever reaches the screen through these helpers and `Content`/`Text` objects.
The text itself is made literal by `quotebrowser.literal`, shared with the command line.
"""

from __future__ import annotations

from itertools import pairwise

from textual.content import Content

from quotebrowser.literal import literal


def plain(text: str, style: str = "") -> Content:
    """A `Content` showing `text` exactly (never parsed as markup)."""
    return Content.styled(literal(text), style) if style else Content(literal(text))


def styled_literal(text: str, spans: list[tuple[int, int, str]]) -> Content:
    """`text` shown literally with styles over [start, end) offsets of the original string.

    Styles are applied piecewise because spelling out control characters changes lengths, so
    offsets cannot be applied to the converted string. Later spans win where they overlap.
    """
    cuts = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e) if 0 <= p <= len(text))})
    parts: list[tuple[str, str]] = []
    for start, end in pairwise(cuts):
        style = " ".join(st for s, e, st in spans if s <= start and end <= e)
        parts.append((literal(text[start:end]), style))
    return Content.assemble(*parts)
