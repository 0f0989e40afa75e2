"""Paragraph boundaries of an article, as character offsets into the original text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

import regex

_BLANK_LINE = regex.compile(r"\n[^\S\n]*\n")
_LINE = regex.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Layout:
    """Paragraphs as (start, end) offsets of their non-blank content, in order."""

    paragraphs: tuple[tuple[int, int], ...]
    starts: tuple[int, ...]

    def index_of(self, offset: int) -> int:
        """The paragraph holding `offset` (or the one before it, when it falls between two)."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def layout(text: str) -> Layout:
    """Split on blank lines when the article has them, else on single lines.

    Files with blank lines between paragraphs may still wrap lines inside a paragraph, so a single
    newline only separates paragraphs in articles that never use blank lines.
    """
    spans: list[tuple[int, int]] = []
    if _BLANK_LINE.search(text):
        pos = 0
        for match in _BLANK_LINE.finditer(text):
            block = _strip(text, pos, match.start())
            if block:
                spans.append(block)
            pos = match.end() - 1
        block = _strip(text, pos, len(text))
        if block:
            spans.append(block)
    else:
        for match in _LINE.finditer(text):
            line = _strip(text, match.start(), match.end())
            if line:
                spans.append(line)
    return Layout(tuple(spans), tuple(start for start, _ in spans))
