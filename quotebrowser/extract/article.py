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
    from spacy.tokens import Doc, Span, Token


@dataclass(slots=True)
class Unit:
    """One spaCy Doc for `text[offset:offset + len(doc.text)]`: a paragraph, or a piece of one."""

    doc: Doc
    offset: int
    paragraph: int
    end: int = field(init=False)
    # The tokens, made once (spaCy makes a new object at each iteration of a Doc), and each
    # one's start, for finding a token by offset in log time: a unit may be a whole article
    # written as one paragraph, and attribution looks tokens up for every quote.
    tokens: list[Token] = field(init=False, repr=False)
    _starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.end = self.offset + len(self.doc.text)
        self.tokens = list(self.doc)
        self._starts = [t.idx for t in self.tokens]

    def index_at(self, offset: int) -> int:
        """The index of the first token starting at or after article offset `offset`."""
        return bisect.bisect_left(self._starts, offset - self.offset)

    def tokens_before(self, offset: int, n: int) -> list[Token]:
        """The last `n` tokens (spaces aside) starting before article offset `offset`."""
        out: list[Token] = []
        i = self.index_at(offset) - 1
        while i >= 0 and len(out) < n:
            token = self.doc[i]
            if not token.is_space:
                out.append(token)
            i -= 1
        out.reverse()
        return out

    def tokens_between(self, start: int, end: int) -> Span:
        """The tokens starting at article offsets start <= pos < end."""
        return self.doc[self.index_at(start) : self.index_at(end)]


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

    def units_between(self, start: int, end: int) -> list[Unit]:
        """The units overlapping article offsets [start, end)."""
        first = max(0, bisect.bisect_right(self._unit_starts, start) - 1)
        last = bisect.bisect_left(self._unit_starts, end)
        return [u for u in self.units[first:last] if u.end > start]

    def token_at(self, offset: int) -> tuple[Unit, Token] | None:
        """The first token ending after `offset` (spaces aside) in the unit holding `offset`."""
        unit = self.unit_at(offset)
        if unit is None:
            return None
        local = offset - unit.offset
        # The token containing `offset` starts at or before it: begin one token back.
        for token in unit.doc[max(0, unit.index_at(offset) - 1) :]:
            if token.idx + len(token.text) > local and not token.is_space:
                return unit, token
        return None
