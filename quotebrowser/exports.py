"""Exports of quotes, for `quotebrowser quotes --format` and the app's export: each quote's own
fields, its variants, how the archive lists its speaker and its article."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import IO, Any

from quotebrowser.authors import authors
from quotebrowser.model import QUOTE_FIELDS, Quote
from quotebrowser.output import short_name, write_records
from quotebrowser.sources.metadata import web_link
from quotebrowser.store.records import DocumentInfo
from quotebrowser.whoswho import WhosWho

# The speaker as `speakers` and the app's panel list them (across the archive), beside the
# role and group the quote's own article gives (`role`, `group`).
ARCHIVE_COLUMNS = ("speaker_role", "speaker_group")
ARTICLE_COLUMNS = ("title", "outlet", "authors", "date", "url")
STRUCTURED = ("jsonl", "json")
QUOTE_COLUMNS = (*QUOTE_FIELDS, "variants", *ARCHIVE_COLUMNS, *ARTICLE_COLUMNS)
QUOTE_TABLE = ("id", "speaker", "group", "text", "source")
QUOTE_MARKDOWN = ("id", "speaker", "speaker_role", "speaker_group", "text", *ARTICLE_COLUMNS)
# What a user may export to a file (the app offers these; `table` is for the terminal).
FILE_FORMATS = {"csv": ".csv", "jsonl": ".jsonl", "markdown": ".md"}


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


def quote_record(quote: Quote, variants: Sequence[str], fmt: str) -> dict[str, Any]:
    record = quote.to_dict()
    if fmt in STRUCTURED:
        record["variants"] = list(variants)
    else:
        record["variants"] = " ".join(variants)
    if fmt == "table":
        # Room for the text: ten hex digits are a unique prefix that `cite` accepts.
        record["id"] = quote.id[:10]
        record["source"] = short_name(quote.source)
    return record


def write_quotes(
    stream: IO[str],
    pages: Iterable[Sequence[tuple[Quote, int]]],
    fmt: str,
    documents_of: Callable[[Iterable[str]], Mapping[str, DocumentInfo]],
    variants_of: Callable[[Iterable[str]], Mapping[str, Sequence[str]]],
    people: WhosWho | None,
    statements: bool = False,
    kinds: bool = False,
) -> int:
    """Write the quotes of `pages` (each with how many outlets carry it) in `fmt` with their
    articles and their speakers as the archive lists them (`people`; a table leaves them out),
    a page at a time: each page's articles and variants read together (`documents_of`,
    `variants_of`: the store's), so a whole archive streams. `statements`: one row per
    statement, with its outlets; `kinds`: a table says each row's kind (reported statements
    among them are never to be taken for quotes). How many were written."""
    columns, table = QUOTE_COLUMNS, QUOTE_MARKDOWN if fmt == "markdown" else QUOTE_TABLE
    if statements:
        columns, table = (*QUOTE_COLUMNS, "outlets"), (*table, "outlets")
    if kinds:
        table = (*table[:2], "kind", *table[2:])
    listed = people if fmt != "table" else None

    def records() -> Iterator[dict[str, Any]]:
        for page in pages:
            variants = variants_of(q.id for q, _ in page)
            documents = documents_of(q.source for q, _ in page) if listed is not None else {}
            for q, outlets in page:
                record = quote_record(q, variants.get(q.id, ()), fmt)
                if statements:
                    record["outlets"] = outlets
                if listed is not None:
                    # The role and group the archive lists the speaker under, as `speakers`
                    # shows them.
                    shown = listed.standing(q.speaker) if q.speaker else None
                    record["speaker_role"] = shown.role if shown else None
                    record["speaker_group"] = shown.group if shown else None
                    record |= article_fields(documents.get(q.source), fmt)
                yield record

    return write_records(
        records(), fmt, stream, columns, table_columns=table, width_limits={"text": 80}
    )
