"""Reading what the user gave: paths, folders, standard input, links and archives, in order,
as Documents or one ReadError each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import groupby
from pathlib import Path

from quotebrowser.literal import one_line
from quotebrowser.model import Document
from quotebrowser.sources.archives import ARCHIVE_SUFFIXES, Fields
from quotebrowser.sources.files import expand, read_paths
from quotebrowser.sources.links import fetch_all, is_link, read_url_file
from quotebrowser.sources.metadata import refused_link
from quotebrowser.sources.read_error import ReadError


def read_sources(
    paths: Iterable[str],
    *,
    urls_file: str | None = None,
    fields: Fields | None = None,
    stdin: bytes | None = None,
) -> Iterator[Document | ReadError]:
    """A Document or a ReadError for each article, in the order given, lazily.

    `paths` may mix files, folders, `-` and links; the links listed in `urls_file` come last.
    Links are fetched a few at a time, ahead of whoever reads this iterator.
    """
    for linked, run in groupby(paths, key=is_link):
        if linked:
            yield from map(_vetted, fetch_all(run))
        else:
            yield from map(_vetted, read_paths(list(run), stdin=stdin, fields=fields))
    if urls_file is not None:
        links, errors = read_url_file(Path(urls_file))
        yield from errors
        yield from map(_vetted, fetch_all(links))


def _vetted(item: Document | ReadError) -> Document | ReadError:
    """The document without a link that is not a web link (`javascript:...`), and a warning."""
    if isinstance(item, ReadError):
        return item
    link = refused_link(item.text, item.metadata)
    if link is None:
        return item
    metadata = {k: v for k, v in item.metadata.items() if not (k == "url" and v == link)}
    warning = f"link {one_line(link, 80)!r} dropped: only http and https links are kept"
    return replace(item, metadata=metadata, warnings=(*item.warnings, warning))


def count_inputs(paths: Iterable[str], urls_file: str | None = None) -> int | None:
    """How many documents the inputs hold, or None when an archive makes that unknown."""
    total = 0
    for raw in paths:
        if is_link(raw):
            total += 1
            continue
        for item in expand([raw]):
            if isinstance(item, Path) and item.suffix.lower() in ARCHIVE_SUFFIXES:
                return None
            total += 1
    if urls_file is not None:
        links, errors = read_url_file(Path(urls_file))
        total += len(links) + len(errors)
    return total
