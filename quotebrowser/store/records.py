"""The records the store hands out, and its one error type."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

from quotebrowser.errors import UserError
from quotebrowser.model import Quote
from quotebrowser.whoswho import WhosWho


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
class Snapshot:
    """Everything the app needs in memory, loaded once."""

    quotes: Sequence[Quote]  # by document (ingest order), then start offset
    documents: dict[str, DocumentInfo]  # by source
    variants: Mapping[str, tuple[str, ...]]  # quote id -> ids of close variants elsewhere
    # The archive's who's who as of the same version (all of it, whatever quotes were read).
    people: WhosWho
