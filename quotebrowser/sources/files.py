"""Files on disk (and `-`) as Documents, with one clear error per bad file.

Plain text is decoded exactly as written (no newline or whitespace normalisation) so that quote
offsets index the file's own characters. Markdown is rendered to its text, a saved web page to its
article text: offsets index that text, which is what the store keeps.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from quotebrowser.model import Document
from quotebrowser.sources.archives import ARCHIVE_SUFFIXES, Fields, read_archive
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.web import read_html

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
# What a folder is searched for; archives (.jsonl, .json, .csv) are read only when named.
ARTICLE_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES)
STDIN = "-"
STDIN_SOURCE = "<stdin>"


class UndecodableError(ValueError):
    pass


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    # Control characters other than tab/newline/carriage return/form feed are rare in text.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with a few bytes that are not (a bad copy, a cut character): the text with
    those replaced by U+FFFD, and what was done. Read as Windows-1252 instead, every accented
    letter and curly quote it has would turn to mojibake. None when the valid multibyte
    characters do not outnumber the bad bytes (then it is more likely another encoding)."""
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for ch in text if ch > "\x7f") - bad
    if not 0 < bad <= valid:
        return None
    first = 0
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    if bad == 1:
        return text, f"1 byte that is not UTF-8 (at byte {first:,}) replaced with \ufffd"
    return text, f"{bad} bytes that are not UTF-8 (first at byte {first:,}) replaced with \ufffd"


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16 with a BOM, UTF-8 with a few bad
    bytes replaced, then Windows-1252/Latin-1. Returns the text and a warning when bytes had
    to be replaced.

    Raises UndecodableError for binary data or bytes that are no plausible text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise UndecodableError("not valid UTF-16 text") from exc
    if _looks_binary(data):
        raise UndecodableError("binary file, not text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    mended = _mostly_utf8(data)
    if mended is not None:
        return mended
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Latin-1 decodes any bytes; C1 controls in the result mean it was not Latin-1 text either.
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    if c1 > max(2, len(text) // 200):
        raise UndecodableError("not UTF-8, Windows-1252 or Latin-1 text")
    return text, None


def read_bytes(source: str, data: bytes, suffix: str = ".txt") -> Document | ReadError:
    """The article in `data`, read as its file suffix says (text, Markdown or a web page)."""
    if suffix in HTML_SUFFIXES:
        return read_html(source, data)
    try:
        text, warning = decode(data)
    except UndecodableError as exc:
        return ReadError(source, str(exc))
    if not text.strip():
        return ReadError(source, "empty file")
    warnings = (warning,) if warning else ()
    if suffix in MARKDOWN_SUFFIXES:
        from quotebrowser.sources.markdown import read_markdown  # deferred: markdown-it, 40 ms

        read = read_markdown(source, text)
        return replace(read, warnings=warnings) if isinstance(read, Document) else read
    return Document(source=source, text=text, warnings=warnings)


def read_file(path: Path, source: str | None = None) -> Document | ReadError:
    """The article in the file at `path`, named `source` (default: the path as given)."""
    source = str(path) if source is None else source
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadError(source, "no such file or folder")
    except IsADirectoryError:
        return ReadError(source, "is a folder")
    except PermissionError:
        return ReadError(source, "permission denied")
    except OSError as exc:
        return ReadError(source, f"cannot read: {exc.strerror or exc}")
    return read_bytes(source, data, path.suffix.lower())


def is_gone(source: str) -> bool:
    """A document's file is no longer where it was read from: a stored text found under a new
    name is then a move, not a copy. Standard input and links never move; an archive's record
    `PATH#N` is gone with its archive."""
    if source.startswith("<") or "://" in source:
        return False
    return not Path(re.sub(r"#\d+$", "", source)).exists()


def expand(paths: Iterable[str]) -> Iterator[str | Path | ReadError]:
    """Paths as given, folders expanded to their article files in sorted order; `-` kept as is.

    A folder without article files yields a ReadError, so the user hears of it.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            try:
                found = sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file()
                )
            except OSError:
                found = []
            if not found:
                yield ReadError(raw, "folder holds no .txt, .md or .html files")
            yield from found
        else:
            yield path


def read_paths(
    paths: Iterable[str], stdin: bytes | None = None, fields: Fields | None = None
) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for each article named by `paths`, lazily (streams).

    An archive (.jsonl, .json, .csv) gives one Document per record; `fields` names its columns.
    """
    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
        elif item == STDIN:
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            yield read_bytes(STDIN_SOURCE, data)
        else:
            assert isinstance(item, Path)
            if item.suffix.lower() in ARCHIVE_SUFFIXES:
                yield from read_archive(item, fields or Fields())
            else:
                yield read_file(item)
