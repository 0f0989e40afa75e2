"""What an export of quotes says besides each quote's own fields: its article and how the
archive lists its speaker."""

from __future__ import annotations

from typing import Any

from quotebrowser.authors import authors
from quotebrowser.sources.metadata import web_link
from quotebrowser.store.records import DocumentInfo

# The speaker as `speakers` and the app's panel list them (across the archive), beside the
# role and group the quote's own article gives (`role`, `group`).
ARCHIVE_COLUMNS = ("speaker_role", "speaker_group")
ARTICLE_COLUMNS = ("title", "outlet", "authors", "date", "url")
STRUCTURED = ("jsonl", "json")


def article_fields(info: DocumentInfo | None, fmt: str) -> dict[str, Any]:
    """Title, outlet, authors (a list in JSON, "; " between them elsewhere), date and the
    article's http(s) link (never another scheme, whatever an older database holds)."""
    if info is None:
        return dict.fromkeys(ARTICLE_COLUMNS)
    names = [name.natural for name in authors(info.byline)]
    return {
        "title": info.title or None,
        "outlet": info.outlet,
        "authors": names if fmt in STRUCTURED else "; ".join(names) or None,
        "date": info.date,
        "url": info.url if info.url and web_link(info.url) else None,
    }
