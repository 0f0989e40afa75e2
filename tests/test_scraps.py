"""Scraps of text such as a broken scrape produces (words, names, quotation marks, dashes and
brackets stuck to words) never crash extraction, and every quote found keeps its offsets."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

NAMES = "Jane Doe John Smith Putin Kremlin Moscow Aliyev Reuters Kiev NATO Biden O'Neil".split()
WORDS = "said the of told and he she minister president according to added".split()
MARKS = ["“", "”", '"', "'", "‘", "’", "«", "»", "„", "''"]
STUCK = ["—", "(", ")", "-", "’s", "'s", ",", ".", ":"]


def scrap(rng: random.Random, size: int = 700, marks: float = 0.2) -> str:
    """About `size` characters in paragraphs; in a share `marks` of them quotation marks too,
    and everywhere punctuation stuck to the words (which spaCy splits off)."""
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        stuck = STUCK + MARKS if rng.random() < marks else STUCK
        words = []
        for _ in range(rng.randint(3, 25)):
            word = rng.choice(NAMES + WORDS)
            roll = rng.random()
            if roll < 0.25:
                word = rng.choice(stuck) + word
            elif roll < 0.5:
                word += rng.choice(stuck)
            words.append(word)
        paragraphs.append(" ".join(words))
    return "\n\n".join(paragraphs)


def test_paragraphs_without_a_parse_are_never_walked() -> None:
    """Paragraphs far from any quote get spaCy without its parser. Their tokens' tree fields are
    never set, and walking them (token.lefts) made spaCy 3.8 segfault within a few dozen such
    scraps; a child process, so that a crash fails this test instead of ending the run."""
    code = textwrap.dedent(
        f"""
        import random, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_scraps import scrap
        from quotebrowser.extract import nlp
        from quotebrowser.extract.syntax import (
            is_speech_verb, looks_like_full_name, noun_phrase, parsed, subjects_of,
        )
        pipeline = nlp.load()
        rng = random.Random(2)
        texts = [scrap(rng, marks=1.0) for _ in range(150)]
        seen = 0
        with pipeline.select_pipes(disable=["parser"]):
            for doc in pipeline.pipe(texts):
                for token in doc:
                    assert not parsed(token)
                    assert not looks_like_full_name(token)
                    assert noun_phrase(token) in ([], [token])
                    assert subjects_of(token) == [] and not is_speech_verb(token)
                    seen += 1
        print(seen)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, f"exit status {done.returncode}: {done.stderr[-2000:]}"
    assert int(done.stdout) > 10_000


def test_a_few_hundred_scraps_extract_without_a_crash_or_an_offset_error(tmp_path: Path) -> None:
    rng = random.Random(21)
    folder = tmp_path / "scraps"
    folder.mkdir()
    texts = {}
    for n in range(300):
        path = folder / f"f{n:03d}.txt"
        texts[str(path)] = scrap(rng, size=rng.randint(200, 1200), marks=rng.random())
        path.write_text(texts[str(path)], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quotebrowser", "extract", str(folder), "--jobs", "2"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr == ""
    quotes = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(quotes) > 300  # the scraps are full of quotation marks
    for q in quotes:
        assert texts[q["source"]][q["start"] : q["end"]] == q["text"]
