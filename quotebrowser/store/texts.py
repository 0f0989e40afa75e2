"""Article texts, kept beside the database: one file per text, named by its content hash.

Texts live outside the TinyDB file so that opening the database (parsing the JSON) costs only
the quotes, never the articles: the app reads one article, when the user opens it. Files are
written atomically before the database commit that refers to them, so a committed document always
has its text; a crash in between leaves an unreferenced file, which `doctor` tidies away.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from quotebrowser.model import content_hash
from quotebrowser.store.storage import atomic_write, fsync_dir

SUFFIX = ".txt"
WRITERS = 16


def texts_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".texts")


class TextStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path_for(self, digest: str) -> Path:
        return self.folder / f"{digest}{SUFFIX}"

    def has(self, digest: str) -> bool:
        return self.path_for(digest).is_file()

    def put_many(self, texts: list[str]) -> Callable[[], None]:
        """Start storing each text (those already there are skipped) in threads of their own;
        the function returned waits until all are durable, and raises what writing one
        raised. A commit writes its index meanwhile, and waits before the manifest names
        them."""
        todo = {}
        for text in texts:
            target = self.path_for(content_hash(text))
            if not target.is_file():
                todo[target] = text
        if not todo:
            return lambda: None
        self.folder.mkdir(parents=True, exist_ok=True)
        # Each fsync waits for the disk; issued side by side, the file system commits them
        # together (a batch of 500 articles: one wait instead of 500). Imported here: a
        # process that only reads never needs the thread pool (or the logging it brings).
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=WRITERS)
        written = [
            pool.submit(atomic_write, target, text.encode(), sync_dir=False)
            for target, text in todo.items()
        ]
        pool.shutdown(wait=False)

        def durable() -> None:
            for future in written:
                future.result()
            fsync_dir(self.folder)

        return durable

    def get(self, digest: str) -> str | None:
        """The text with this hash, or None when missing or damaged (checked against the hash)."""
        try:
            text = self.path_for(digest).read_bytes().decode()
        except (OSError, UnicodeDecodeError):
            return None
        return text if content_hash(text) == digest else None

    def digests(self) -> set[str]:
        try:
            return {p.name[: -len(SUFFIX)] for p in self.folder.glob(f"*{SUFFIX}")}
        except OSError:
            return set()

    def remove(self, digests: set[str]) -> None:
        for digest in digests:
            with contextlib.suppress(OSError):
                self.path_for(digest).unlink()
