"""An article as spaCy saw it: paragraph docs placed at their offsets in the original text.

Attribution works in article offsets; this module maps between them and spaCy tokens, and knows
which characters lie inside quotation spans.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quotebrowser.extract.layout import Layout
from quotebrowser.extract.marks import Span as QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True)
class Unit:
    """One spaCy Doc for `text[offset:offset + len(doc.text)]`: a paragraph, or a piece of one."""

    doc: Doc
    offset: int
    paragraph: int

    @property
    def end(self) -> int:
        return self.offset + len(self.doc.text)


@dataclass(slots=True)
class Article:
    text: str
    layout: Layout
    units: list[Unit]
    spans: list[QuoteSpan]
    _unit_starts: list[int] = field(default_factory=list)
    _quoted: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._unit_starts = [u.offset for u in self.units]
        # Quoted character ranges, marks included, for "is this token inside a quote?".
        self._quoted = sorted(
            (s.open, (s.close if s.close is not None else s.end) + 1) for s in self.spans
        )

    def unit_at(self, offset: int) -> Unit | None:
        i = bisect.bisect_right(self._unit_starts, offset) - 1
        if i < 0:
            return None
        unit = self.units[i]
        return unit if offset <= unit.end else None

    def quoted(self, offset: int) -> bool:
        i = bisect.bisect_right(self._quoted, (offset, float("inf"))) - 1
        return i >= 0 and self._quoted[i][0] <= offset < self._quoted[i][1]

    def token_at(self, offset: int) -> tuple[Unit, Token] | None:
        """The first token starting at or after `offset` in the unit holding `offset`."""
        unit = self.unit_at(offset)
        if unit is None:
            return None
        local = offset - unit.offset
        for token in unit.doc:
            if token.idx + len(token.text) > local and not token.is_space:
                return unit, token
        return None
