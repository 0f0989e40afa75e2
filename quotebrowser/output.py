"""Print quotes and other records as jsonl, json, csv, markdown or a table.

Article text is untrusted: the table goes through rich `Text` objects (never markup strings) and
control characters are spelled out (`quotebrowser.literal`), so a quote cannot restyle or drive
the user's terminal.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import PurePath
from typing import IO, Any

from quotebrowser.literal import one_line

QUOTE_FORMATS = ("table", "jsonl", "json", "csv", "markdown")
LONGEST_WORD = 20


def short_name(source: str) -> str:
    """A document's name for a narrow column: a link whole, a file by its name (`x.jsonl#3`)."""
    return source if "://" in source else PurePath(source).name


def write_records(
    records: Iterable[Mapping[str, Any]],
    fmt: str,
    stream: IO[str],
    columns: Sequence[str],
    *,
    table_columns: Sequence[str] | None = None,
    width_limits: Mapping[str, int] | None = None,
) -> int:
    """Write `records` in `fmt`; returns how many were written. Streams for jsonl and csv."""
    count = 0
    if fmt == "jsonl":
        encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every line
        for rec in records:
            stream.write(encode({c: rec.get(c) for c in columns}) + "\n")
            count += 1
    elif fmt == "json":
        rows = [{c: rec.get(c) for c in columns} for rec in records]
        json.dump(rows, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        count = len(rows)
    elif fmt == "csv":
        # For spreadsheets: a byte-order mark (Excel reads UTF-8 only with one), CRLF rows,
        # and no cell a formula.
        stream.write("\ufeff")
        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        for rec in records:
            writer.writerow({c: _csv_cell(rec.get(c)) for c in columns})
            count += 1
    elif fmt == "markdown":
        shown = list(table_columns or columns)
        stream.write("| " + " | ".join(shown) + " |\n")
        stream.write("|" + "|".join("---" for _ in shown) + "|\n")
        for rec in records:
            cells = [_md_cell(rec.get(c)) for c in shown]
            stream.write("| " + " | ".join(cells) + " |\n")
            count += 1
    elif fmt == "table":
        # Deferred: rich is a fifth of `quotes --format jsonl`'s imports, and only tables use it.
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        shown = list(table_columns or columns)
        limits = dict(width_limits or {})
        rows = [[_cell(rec.get(c), limits.get(c)) for c in shown] for rec in records]
        console = Console(file=stream, highlight=False, soft_wrap=False)
        # Wrapped between words, never inside one: a column is no narrower than its longest
        # word (up to LONGEST_WORD: a longer one, a link say, is folded), when they all fit.
        widths = [
            min(max([len(c), *(len(w) for row in rows for w in row[i].split())]), LONGEST_WORD)
            for i, c in enumerate(shown)
        ]
        if sum(widths) + 3 * len(widths) + 1 > console.width:
            widths = [None] * len(shown)  # too narrow a terminal: fold rather than cut columns
        table = Table(show_lines=False, expand=False)
        for c, width in zip(shown, widths, strict=True):
            table.add_column(c, overflow="fold", min_width=width)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
            count += 1
        console.print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return count


# A cell a spreadsheet would run as a formula (=HYPERLINK(...), +, -, @, and tab or return
# before one): text from articles is untrusted.
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value  # shown as text, as a spreadsheet user would type it
    return value


def _cell(value: Any, limit: int | None) -> str:
    if value is None:
        return "—"
    return one_line(str(value), limit)


def _md_cell(value: Any) -> str:
    if value is None:
        return ""
    return one_line(str(value)).replace("|", "\\|")
