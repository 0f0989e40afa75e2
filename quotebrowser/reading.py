"""Turn paths (files, folders, `-`) into Documents, with one clear error per bad file.

Text is decoded exactly as written (no newline or whitespace normalisation) so that quote offsets
index the file's own characters.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from quotebrowser.model import Document

ARTICLE_SUFFIXES = (".txt", ".md")
STDIN = "-"
STDIN_SOURCE = "<stdin>"


@dataclass(frozen=True, slots=True)
class ReadError:
    """A path that could not be read as an article, and why (one line, for the user)."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class UndecodableError(ValueError):
    pass


def _looks_binary(data: bytes) -> bool:
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    # Control characters other than tab/newline/carriage return/form feed are rare in text.
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > max(4, len(sample) // 100)


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16 with a BOM, then Windows-1252/Latin-1.

    Raises UndecodableError for binary data or bytes that are no plausible text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableError("not valid UTF-16 text") from exc
    if _looks_binary(data):
        raise UndecodableError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    # Latin-1 decodes any bytes; C1 controls in the result mean it was not Latin-1 text either.
    c1 = sum(1 for ch in text if "\x80" <= ch <= "\x9f")
    if c1 > max(2, len(text) // 200):
        raise UndecodableError("not UTF-8, Windows-1252 or Latin-1 text")
    return text


def read_bytes(source: str, data: bytes) -> Document | ReadError:
    try:
        text = decode(data)
    except UndecodableError as exc:
        return ReadError(source, str(exc))
    if not text.strip():
        return ReadError(source, "empty file")
    return Document(source=source, text=text)


def read_file(path: Path) -> Document | ReadError:
    source = str(path)
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
    return read_bytes(source, data)


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
                yield ReadError(raw, "folder holds no .txt or .md files")
            yield from found
        else:
            yield path


def read_paths(paths: Iterable[str], stdin: bytes | None = None) -> Iterator[Document | ReadError]:
    """Yield a Document or a ReadError for each article named by `paths`, lazily (streams)."""
    for item in expand(paths):
        if isinstance(item, ReadError):
            yield item
        elif item == STDIN:
            data = stdin if stdin is not None else sys.stdin.buffer.read()
            yield read_bytes(STDIN_SOURCE, data)
        else:
            assert isinstance(item, Path)
            yield read_file(item)
