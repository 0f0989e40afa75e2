"""Counts in sentences: "1 quote", "2 quotes" (never "1 quotes")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and the noun in the right number, with thousands separators: "1,204 quotes"."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
