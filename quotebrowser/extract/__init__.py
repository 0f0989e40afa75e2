"""The quotation extractor: a plain library, no UI and no database.

extract(text, source) -> list[Quote]
extract_many(documents) -> iterator of (Document, list[Quote])

Both load on first use: the app and the query language read the extractor's registries (the
rules' names, `rules.EVIDENCE`) without loading the runner, its worker processes or spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quotebrowser.extract.runner import extract, extract_many

__all__ = ["extract", "extract_many"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from quotebrowser.extract import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
