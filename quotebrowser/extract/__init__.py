"""The quotation extractor: a plain library, no UI and no database.

extract(text, source) -> list[Quote]
extract_many(documents) -> iterator of (Document, list[Quote])
"""

from __future__ import annotations

from quotebrowser.extract.runner import extract, extract_many

__all__ = ["extract", "extract_many"]
