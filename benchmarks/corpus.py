"""A benchmark corpus: copies of the bundled seed articles, generated the same way every time.

Each copy gets its own file name and a one-line dateline of its own, so no two files are
byte-identical (the store deduplicates by content; spaCy caches nothing across documents), while
every article keeps its paragraph order, and with it the speakers introduced before their quotes.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from quotebrowser.seeds import seeds_dir


@dataclass(frozen=True, slots=True)
class Corpus:
    folder: Path
    files: int
    words: int  # whitespace-separated words, the one denominator for every words/s figure
    chars: int


def seed_texts(source: Path | None = None) -> list[tuple[str, str]]:
    """(file name, text) of each seed article, in name order."""
    folder = source or seeds_dir()
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def make_corpus(folder: Path, copies: int, source: Path | None = None) -> Corpus:
    """Write `copies` copies of every seed article into `folder` (created if missing)."""
    if copies < 1:
        raise ValueError("copies must be at least 1")
    seeds = seed_texts(source)
    if not seeds:
        raise ValueError(f"no .txt articles in {source or seeds_dir()}")
    folder.mkdir(parents=True, exist_ok=True)
    files = words = chars = 0
    for copy in range(copies):
        for name, text in seeds:
            body = f"Edition {copy + 1}.\n\n{text}"
            (folder / f"c{copy:04d}_{name}").write_text(body, encoding="utf-8")
            files += 1
            words += len(body.split())
            chars += len(body)
    return Corpus(folder, files, words, chars)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args(argv)
    corpus = make_corpus(args.folder, args.copies)
    print(f"{corpus.files} articles, {corpus.words:,} words in {corpus.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
