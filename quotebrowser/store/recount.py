"""The speaker tallies of the index as the user's corrections show them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quotebrowser.store import corrections
from quotebrowser.store.profiles import Tally, fold

TallyKey = tuple[str | None, str, str | None, str | None]  # speaker, group, role, written


def _tally_key(row: Mapping[str, Any]) -> TallyKey:
    """A quote row's (speaker, group, role, name as written), as the index tallies them."""
    return (
        row.get("speaker") or None,
        row["group"],
        row.get("role") or None,
        row.get("written_as") or None,
    )


def fixed_ids(fixes: Iterable[Mapping[str, Any]]) -> list[str]:
    return [row["quote_id"] for row in fixes if row["quote_id"]]


def recount(
    rows: Iterable[Tally],
    stored: Sequence[Mapping[str, Any]],
    corrected: Sequence[Mapping[str, Any]],
    names: Iterable[Mapping[str, Any]],
    *,
    rejected_count: bool,
) -> dict[TallyKey, int]:
    """The index's speaker tallies as the user's corrections show them: each corrected quote
    (`stored`, and as `corrected`) counted as corrected instead of as stored, each renamed
    speaker under the new name. A quote marked "not a quote" counts for no one unless
    `rejected_count` (a query with show:rejected must still find its speaker)."""
    counts: dict[TallyKey, int] = {}
    for speaker, group, role, written, n in rows:
        counts[(speaker, group, role, written)] = counts.get((speaker, group, role, written), 0) + n
    for before, after in zip(stored, corrected, strict=True):
        counts[_tally_key(before)] = counts.get(_tally_key(before), 0) - 1
        if rejected_count or not after.get("rejected"):
            counts[_tally_key(after)] = counts.get(_tally_key(after), 0) + 1
    renamed = corrections.name_map(names)
    merged: dict[TallyKey, int] = {}
    for (speaker, group, role, written), n in counts.items():
        if n <= 0:
            continue
        target = renamed.get(fold(speaker)) if speaker else None
        if target is not None and target != speaker:
            written, speaker = written or speaker, target
        key = (speaker, group, role, written)
        merged[key] = merged.get(key, 0) + n
    return merged
