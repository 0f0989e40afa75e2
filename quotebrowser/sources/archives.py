"""News archives: one article a record, in JSON Lines, a JSON list or CSV, read as a stream.

Records are read one at a time (never the whole file), so a million-record archive costs the
memory of one record. Each record is a Document named `PATH#N` (N counts records from 1), with
its title, date, url, author and outlet as metadata; a bad record is one ReadError naming the file
and the record, and the rest are read.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from quotebrowser.model import Document
from quotebrowser.sources.read_error import ReadError

ARCHIVE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")
CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Fields:
    """Which field of a record holds what: the first name present wins."""

    text: tuple[str, ...] = ("text", "body", "content")
    title: tuple[str, ...] = ("title", "headline")
    date: tuple[str, ...] = ("date", "published")
    url: tuple[str, ...] = ("url", "link")
    author: tuple[str, ...] = ("author", "byline")
    outlet: tuple[str, ...] = ("outlet", "source", "publisher")
    language: tuple[str, ...] = ("language", "lang")

    @classmethod
    def given(cls, **names: str | None) -> Fields:
        """The defaults, with each field named in `names` replaced by that one name."""
        return cls(**{key: (value,) for key, value in names.items() if value})


def _value(record: Mapping[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):  # "author": ["A", "B"]
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, dict):  # JSON-LD style {"name": ...}
            value = value.get("name")
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def document(source: str, record: object, fields: Fields) -> Document | ReadError:
    """One record as a Document with its metadata, or why it is not one."""
    if not isinstance(record, Mapping):
        return ReadError(source, f"a record must be an object, not {type(record).__name__}")
    text = record.get(next((n for n in fields.text if n in record), ""))
    if not isinstance(text, str) or not text.strip():
        wanted = " or ".join(fields.text)
        return ReadError(source, f"no article text (a non-empty {wanted} field)")
    metadata = {
        key: value
        for key in ("title", "date", "url", "author", "outlet", "language")
        if (value := _value(record, getattr(fields, key))) is not None
    }
    return Document(source=source, text=text, metadata=metadata)


TOO_DEEP = "nested too deeply to read (a record is an object of fields); skipped"


def _json_lines(handle: IO[bytes]) -> Iterator[tuple[int, object | ReadError]]:
    number = 0
    for line in handle:
        if not line.strip():
            continue
        number += 1
        try:
            yield number, json.loads(line)
        except (ValueError, UnicodeDecodeError) as exc:
            yield number, ReadError("", f"not valid JSON ({exc})")
        except RecursionError:  # [[[[...: Python's JSON reader recurses once per level
            yield number, ReadError("", TOO_DEEP)


def _value_end(text: str, pos: int) -> int | None:
    """Where the JSON value at `pos` ends, found without decoding it (so at any depth); None
    when `text` ends first."""
    depth, in_string, escaped = 0, False, False
    for i in range(pos, len(text)):
        ch = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
                if depth == 0:
                    return i + 1
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth <= 0:
                return i + 1
        elif depth == 0 and ch in ",\n\r\t ":
            return i
    return None


def _json_list(handle: IO[str]) -> Iterator[tuple[int, object | ReadError]]:
    """The items of a top-level JSON list, decoded one at a time from a growing buffer."""
    decoder = json.JSONDecoder()
    buffer, pos, number, chunk = "", 0, 0, CHUNK

    def more(buffer: str, pos: int, size: int) -> tuple[str, int, bool]:
        data = handle.read(size)
        return buffer[pos:] + data, 0, bool(data)

    buffer, pos, _ = more(buffer, pos, chunk)
    buffer = buffer.lstrip()
    if not buffer.startswith("["):
        yield 1, ReadError("", "not a JSON list of records")
        return
    pos = 1
    while True:
        while True:
            while pos < len(buffer) and (buffer[pos].isspace() or buffer[pos] == ","):
                pos += 1
            if pos < len(buffer):
                break
            buffer, pos, got = more(buffer, pos, chunk)
            if not got:
                yield number + 1, ReadError("", "the JSON list never ends (file cut short?)")
                return
        if buffer[pos] == "]":
            return
        try:
            item, end = decoder.raw_decode(buffer, pos)
        except RecursionError:  # [[[[...: skipped over without decoding, then the next record
            skip = _value_end(buffer, pos)
            while skip is None:
                buffer, pos, got = more(buffer, pos, chunk)
                if not got:
                    yield number + 1, ReadError("", "the JSON list never ends (file cut short?)")
                    return
                chunk *= 2  # each scan over a bigger buffer: linear in all
                skip = _value_end(buffer, pos)
            number += 1
            chunk = CHUNK
            yield number, ReadError("", TOO_DEEP)
            pos = skip
            continue
        except ValueError as exc:
            buffer, pos, got = more(buffer, pos, chunk)
            if not got:
                yield number + 1, ReadError("", f"not valid JSON ({exc}); the rest is skipped")
                return
            chunk *= 2  # a record longer than the buffer: grow it, do not re-read forever
            continue
        number += 1
        chunk = CHUNK
        yield number, item
        pos = end


def _csv(handle: IO[str]) -> Iterator[tuple[int, object | ReadError]]:
    # Article bodies are longer than the csv module's default field limit (128 KiB).
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    yield from enumerate(csv.DictReader(handle), 1)


def _records(path: Path, suffix: str) -> Iterator[tuple[int, object | ReadError]]:
    if suffix in (".jsonl", ".ndjson"):
        with path.open("rb") as handle:
            yield from _json_lines(handle)
    elif suffix == ".json":
        with path.open(encoding="utf-8-sig") as handle:
            yield from _json_list(handle)
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from _csv(handle)


def read_archive(path: Path, fields: Fields) -> Iterator[Document | ReadError]:
    """A Document (or a ReadError) per record of the archive at `path`, streamed."""
    suffix = path.suffix.lower()
    number = 0
    try:
        for number, record in _records(path, suffix):
            source = f"{path}#{number}"
            if isinstance(record, ReadError):
                yield ReadError(f"{path} record {number}", record.reason)
            else:
                try:
                    found = document(source, record, fields)
                except RecursionError:  # a field nested just short of the reader's limit
                    found = ReadError(source, TOO_DEEP)
                yield (
                    ReadError(f"{path} record {number}", found.reason)
                    if isinstance(found, ReadError)
                    else found
                )
    except FileNotFoundError:
        yield ReadError(str(path), "no such file or folder")
    except IsADirectoryError:
        yield ReadError(str(path), "is a folder")
    except PermissionError:
        yield ReadError(str(path), "permission denied")
    except UnicodeDecodeError:
        yield ReadError(f"{path} record {number + 1}", "not UTF-8 text; the rest is skipped")
    except csv.Error as exc:
        yield ReadError(
            f"{path} record {number + 1}", f"not valid CSV ({exc}); the rest is skipped"
        )
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
