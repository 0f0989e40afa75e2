"""The data types every layer passes along: one Quote, and the Document it came from."""

from __future__ import annotations

import hashlib
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Literal

Group = Literal["leader", "official", "analyst", "organization", "document", "other"]
Kind = Literal["direct", "partial", "reported"]

GROUPS: tuple[str, ...] = ("leader", "official", "analyst", "organization", "document", "other")
# "reported": a statement given without quotation marks ("Doe said that ..."), its text the
# content only; never cited or shown as a quotation (extract/reported.py).
REPORTED = "reported"
KINDS: tuple[str, ...] = ("direct", "partial", REPORTED)
# The kinds that are quotations, in the words' own quotation marks.
QUOTATION_KINDS: tuple[str, ...] = ("direct", "partial")


def quote_id(source: str, text: str, occurrence: int = 0) -> str:
    """Stable id: the same words in the same document give the same id.

    `occurrence` tells apart the same words quoted twice in one document.
    """
    digest = hashlib.blake2b(f"{source}\x00{text}\x00{occurrence}".encode(), digest_size=8)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation found in one document. `source_text[start:end] == text`, always."""

    id: str
    source: str
    text: str
    start: int
    end: int
    speaker: str | None
    role: str | None
    group: str
    kind: str
    cue: str | None
    paragraph: int
    # The attribution rule that named the speaker (quotebrowser.extract.rules.EVIDENCE), and the
    # resolver that took its mention to a name (quotebrowser.extract.resolvers.RESOLVERS).
    evidence: str = "none"
    resolver: str | None = None
    # The speaker's name as the article wrote it, when the archive shows the person under another
    # (quotebrowser.identity: "Doe" in an article about "Jane Doe"). None: as `speaker`.
    written_as: str | None = None
    # The user's word (quotebrowser.store.corrections): the speaker was corrected by hand, or the
    # span marked "not a quote" (hidden unless a query asks for `show:rejected`).
    corrected: bool = False
    rejected: bool = False

    def to_dict(self) -> dict[str, Any]:
        # Every field is a scalar: no deep copy (dataclasses.asdict's, 60 us a quote) is needed.
        return {name: getattr(self, name) for name in QUOTE_FIELDS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


QUOTE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Quote))
# Fields every stored quote has; the others came later, with defaults (older databases lack them).
QUOTE_REQUIRED: tuple[str, ...] = tuple(f.name for f in fields(Quote) if f.default is MISSING)


def content_hash(text: str) -> str:
    """A text's identity: the store files a text under it and knows a copy by it."""
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """An article as read from disk (or standard input)."""

    source: str
    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    # What reading it found amiss but could mend (a stray byte replaced, a link dropped): told
    # to the user once, never stored.
    warnings: tuple[str, ...] = ()

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)
