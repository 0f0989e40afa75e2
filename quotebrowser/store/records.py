"""The records the store hands out, and its one error type."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from quotebrowser.errors import UserError
from quotebrowser.model import Quote
from quotebrowser.sources.errors import ReadError
from quotebrowser.wording import counted


class StoreError(UserError):
    """A corrupt, foreign, locked or unwritable database; the message names the file."""


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """One row of the documents table, without the article text."""

    source: str
    content_hash: str
    title: str
    date: str | None
    byline: str | None
    outlet: str | None
    ingested_at: str
    quote_count: int
    url: str | None = None  # the article's link (canonical URL, or one its text names)
    language: str | None = None  # as the page or the archive record declares it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentInfo:
        return cls(**{name: data.get(name) for name in DOCUMENT_FIELDS})


DOCUMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(DocumentInfo))


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    name: str
    role: str | None
    group: str
    quotes: int  # quotations (direct and partial)
    documents: int
    aliases: tuple[str, ...] = ()  # other names the articles wrote for this person
    statements: int = 0  # reported statements: what they said without quotation marks


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Everything the app needs in memory, loaded once."""

    quotes: Sequence[Quote]  # by document (ingest order), then start offset
    documents: dict[str, DocumentInfo]  # by source
    variants: Mapping[str, tuple[str, ...]]  # quote id -> ids of close variants elsewhere


@dataclass(frozen=True, slots=True)
class IngestSummary:
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: int = 0
    quotes: int = 0
    errors: list[ReadError] = field(default_factory=list)
    moved: int = 0  # stored text found under a new path: the path was updated
    copies: list[tuple[str, str]] = field(default_factory=list)  # (new path, stored original)
    unapplied: list[str] = field(default_factory=list)  # corrections that no longer apply

    @property
    def documents(self) -> int:
        return (
            self.added
            + self.unchanged
            + self.replaced
            + self.failed
            + self.moved
            + len(self.copies)
        )

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        extra = f"{self.moved} moved, " if self.moved else ""
        if self.copies:
            extra += f"{len(self.copies)} already stored under another name, "
        return (
            f"{counted(self.documents, 'document')}: {self.added} added, "
            f"{self.unchanged} unchanged, {self.replaced} replaced, {extra}{self.failed} failed; "
            f"{counted(self.quotes, 'quote')} stored"
            + (
                f"; {counted(len(self.unapplied), 'correction')} no longer "
                + ("applies" if len(self.unapplied) == 1 else "apply")
                if self.unapplied
                else ""
            )
        )
