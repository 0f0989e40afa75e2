"""The progress bar of long commands (ingest, extract --dask): rich, on stderr, on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from quotebrowser.output import one_line, short_name


@contextmanager
def progress_bar(label: str) -> Iterator[Any]:
    """A rich progress bar on stderr when it is a terminal; else no bar (None)."""
    if not sys.stderr.isatty():
        yield None
        return
    # Deferred: rich.progress (40 ms) only when a bar is drawn.
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        SpinnerColumn(),
        TextColumn(label, markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}", markup=False),
        console=Console(file=sys.stderr),
        transient=True,
    )
    with progress:
        yield progress


def reporter(bar: Any) -> Callable[[int, int, str], None]:
    """`progress(done, total, source)` for the library's long runs, drawn on `bar` (if any);
    total 0 means not known yet."""
    task = bar.add_task("run", total=None, current="") if bar is not None else None

    def progress(done: int, total: int, source: str) -> None:
        if bar is not None:
            bar.update(
                task, completed=done, total=total or None, current=one_line(short_name(source), 40)
            )

    return progress
