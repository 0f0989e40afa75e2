"""Paragraphs of an article, as offsets into its text, so quotes can be shown in context."""

from __future__ import annotations

import re
from bisect import bisect_right

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks between blank lines, or lines when the article
    has no blank line at all. Surrounding whitespace is left out."""
    splitter = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans: list[tuple[int, int]] = []
    start = 0
    for match in splitter.finditer(text):
        _add(spans, text, start, match.start())
        start = match.end()
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + lead + len(stripped)))


def context_span(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The paragraphs holding text[start:end], from the first one's start to the last one's end."""
    if not spans:
        return start, end
    starts = [s for s, _ in spans]
    first = max(bisect_right(starts, start) - 1, 0)
    last = max(bisect_right(starts, max(end - 1, start)) - 1, first)
    return min(spans[first][0], start), max(spans[last][1], end)
