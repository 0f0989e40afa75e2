"""Untrusted article text made safe to show: every character appears as written.

Widgets parse plain strings as markup, and the terminal obeys control characters, so text from
articles only ever reaches the screen through these helpers and `Content`/`Text` objects.
"""

from __future__ import annotations

from itertools import pairwise

from textual.content import Content

# C0 controls (but newline and tab), DEL and the C1 block: a terminal may act on any of them.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0))}
_CONTROL_ONE_LINE = {**_CONTROL, 9: " ", 10: " "}


def literal(text: str) -> str:
    """Control characters spelled out (`\\x1b`); newlines and tabs kept."""
    return text.translate(_CONTROL)


def one_line(text: str, limit: int | None = None) -> str:
    """Literal text on one line, runs of whitespace collapsed, cut to `limit` characters."""
    flat = " ".join(text.translate(_CONTROL_ONE_LINE).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat


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
