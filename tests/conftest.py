"""Shared fixtures: paths to the bundled seeds and gold, and one spaCy load per test session."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"
SEEDS_GOLD = DATA / "seeds_gold.json"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_gold() -> dict:
    return json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def extracted_seeds():
    """{file name: (text, quotes)} for the bundled seeds, extracted once per session."""
    from quotebrowser.extract import extract_many
    from quotebrowser.sources.files import read_paths

    return {
        Path(doc.source).name: (doc.text, quotes)
        for doc, quotes in extract_many(read_paths([str(SEEDS)]))
    }


@pytest.fixture
def store(tmp_path: Path):
    """A database holding the app tests' small corpus (app_support.corpus); a test module may
    define its own."""
    from app_support import fill, make_store

    db = make_store(tmp_path / "quotes.json")
    fill(db)
    return db
