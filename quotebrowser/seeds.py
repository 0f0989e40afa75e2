"""Where the bundled sample articles live, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path


def seeds_dir() -> Path:
    """The folder of bundled seed articles.

    A wheel installs them inside the package; an editable install or a checkout has them at the
    repository's top level.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise FileNotFoundError("the bundled seeds/ folder is missing from this installation")
