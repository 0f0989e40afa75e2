"""Quote shards: extracted quotes with their articles, as JSON Lines, loadable without spaCy.

A shard holds one partition of an extraction (`extract --dask`). Line 1 is a header naming the
partition and a fingerprint of its input; every further line is one article:
`{"document": {"source", "text", "metadata"}, "quotes": [Quote fields, ...]}`. A shard is written
atomically (temporary file, fsync, rename), so a shard on disk is whole: that is what lets a rerun
trust it and skip its partition.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotebrowser import __version__
from quotebrowser.model import Document, Quote
from quotebrowser.sources.read_error import ReadError
from quotebrowser.store.rows import check_quotes
from quotebrowser.store.storage import TEMP_SUFFIX, atomic_write

SHARD_FORMAT = 1
# Line breaks to Python's str.splitlines (and to some editors) that JSON leaves raw: escaped, so
# one article is one line to every tool.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
_NAME = re.compile(r"part-(\d{6})\.jsonl")


@dataclass(frozen=True, slots=True)
class ShardHeader:
    partition: int
    fingerprint: str
    documents: int
    quotes: int
    # (source, why) of each document of the partition the extractor could not finish: not in
    # the shard, reported again by each run and by `ingest --quotes`.
    failed: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotebrowser_shard": SHARD_FORMAT,
            "partition": self.partition,
            "fingerprint": self.fingerprint,
            "documents": self.documents,
            "quotes": self.quotes,
            "failed": [list(pair) for pair in self.failed],
        }


def shard_path(folder: Path, partition: int) -> Path:
    return folder / f"part-{partition:06d}.jsonl"


def shard_files(folder: Path) -> list[tuple[int, Path]]:
    """(partition, path) of each shard in `folder`, in partition order."""
    found = [(m, p) for p in folder.iterdir() if (m := _NAME.fullmatch(p.name)) and p.is_file()]
    return sorted((int(m.group(1)), p) for m, p in found)


def fingerprint(documents: Sequence[Document]) -> str:
    """What a partition's shard depends on: its documents (name, text, metadata) and the
    extractor's version. A rerun redoes a partition whose fingerprint changed."""
    digest = hashlib.blake2b(f"{SHARD_FORMAT}\x00{__version__}".encode(), digest_size=16)
    for d in documents:
        meta = json.dumps(d.metadata, sort_keys=True, ensure_ascii=False)
        digest.update(f"\x00{d.source}\x00{d.content_hash}\x00{meta}".encode())
    return digest.hexdigest()


def write_shard(
    folder: Path,
    partition: int,
    results: Sequence[tuple[Document, Sequence[Quote]]],
    digest: str,
    failed: Sequence[tuple[str, str]] = (),
) -> ShardHeader:
    """Write one partition's results as its shard, atomically (a killed run leaves none)."""
    quotes = sum(len(q) for _, q in results)
    header = ShardHeader(partition, digest, len(results), quotes, tuple(failed))
    lines = [json.dumps(header.to_dict())]
    for document, quotes in results:
        record = {
            "document": {
                "source": document.source,
                "text": document.text,
                "metadata": document.metadata,
            },
            "quotes": [q.to_dict() for q in quotes],
        }
        lines.append(json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS))
    atomic_write(shard_path(folder, partition), ("\n".join(lines) + "\n").encode())
    return header


def _header(line: str) -> ShardHeader:
    data = json.loads(line)
    if not isinstance(data, dict) or data.get("quotebrowser_shard") != SHARD_FORMAT:
        raise ValueError("not a quotebrowser quote shard (no shard header on line 1)")
    partition, documents, quotes = (int(data[k]) for k in ("partition", "documents", "quotes"))
    failed = tuple((str(source), str(why)) for source, why in data.get("failed") or ())
    return ShardHeader(partition, str(data["fingerprint"]), documents, quotes, failed)


def read_header(path: Path) -> ShardHeader | None:
    """The shard's header, or None when the file is not a readable shard."""
    try:
        with path.open(encoding="utf-8") as fh:
            return _header(fh.readline())
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        return None


def remove_temps(folder: Path) -> None:
    """Temporary files a killed writer left behind (the caller holds the folder's lock)."""
    for tmp in folder.glob(f".part-*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def _record(data: Any) -> tuple[Document, list[Quote]]:
    doc = data["document"]
    metadata = doc.get("metadata") or {}
    if not isinstance(doc["source"], str) or not isinstance(doc["text"], str):
        raise TypeError("source and text must be strings")
    if not isinstance(metadata, dict):
        raise TypeError("metadata must be an object")
    document = Document(source=doc["source"], text=doc["text"], metadata=metadata)
    quotes = [Quote.from_dict(q) for q in data["quotes"]]
    check_quotes(document, quotes)
    return document, quotes


def read_shard(path: Path) -> Iterator[tuple[Document, list[Quote]] | ReadError]:
    """Each article of the shard with its quotes, or a ReadError naming the file and line."""
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        yield ReadError(str(path), f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        try:
            header = _header(fh.readline())
        except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            yield ReadError(f"{path} line 1", str(exc) or "not a shard header")
            return
        for source, why in header.failed:
            yield ReadError(source, why)
        number = 1
        while True:
            number += 1
            try:
                line = fh.readline()
            except UnicodeDecodeError:
                yield ReadError(f"{path} line {number}", "not UTF-8 text; the rest of the shard")
                return
            if not line:
                return
            if not line.strip():
                continue
            try:
                yield _record(json.loads(line))
            except json.JSONDecodeError as exc:
                yield ReadError(f"{path} line {number}", f"not JSON ({exc.msg})")
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                yield ReadError(f"{path} line {number}", f"not an article with its quotes ({exc})")


def read_shards(paths: Iterable[Path]) -> Iterator[tuple[Document, list[Quote]] | ReadError]:
    for path in paths:
        yield from read_shard(path)
