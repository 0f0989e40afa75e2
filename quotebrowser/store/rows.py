"""Quotes and documents as the rows the store keeps of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from quotebrowser.model import QUOTE_FIELDS, Document, Quote
from quotebrowser.store.records import DocumentInfo

_quote_values = itemgetter(*QUOTE_FIELDS)


def quote_from_row(row: Mapping[str, Any]) -> Quote:
    try:
        return Quote(*_quote_values(row))
    except KeyError:  # a row from before a field was added: its default
        return Quote.from_dict(dict(row))


def quote_row(q: Quote) -> dict[str, Any]:
    return {f: getattr(q, f) for f in QUOTE_FIELDS}


def check_quotes(document: Document, quotes: Sequence[Quote]) -> None:
    """The invariant every stored quote keeps: its offsets give its text in its document."""
    for q in quotes:
        if q.source != document.source or document.text[q.start : q.end] != q.text:
            raise ValueError(f"quote {q.id} does not match {document.source} at {q.start}:{q.end}")


def document_row(document: Document, quotes: Sequence[Quote], stamp: str) -> dict[str, Any]:
    """The row kept of a document: its metadata as ingest gave it (sources.metadata.describe)."""
    meta = document.metadata
    return DocumentInfo(
        source=document.source,
        content_hash=document.content_hash,
        title=meta.get("title") or "",
        date=meta.get("date"),
        byline=meta.get("byline"),
        outlet=meta.get("outlet"),
        url=meta.get("url"),
        language=meta.get("language"),
        ingested_at=stamp,
        quote_count=len(quotes),
    ).to_dict()
