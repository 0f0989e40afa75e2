"""The index's speaker tallies as the user's corrections show them: what feeds the who's who."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from quotebrowser.store import corrections
from quotebrowser.store import index as ix
from quotebrowser.whoswho import Tally, fold

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
) -> tuple[list[Tally], list[Tally]]:
    """The tallies of the stored quotes (`rows`) as corrected: each corrected quote (`stored`,
    and as `corrected`) counted as corrected instead of as stored, each renamed speaker under
    the new name. (Those that count, those marked "not a quote".)"""
    kept: dict[TallyKey, int] = {}
    rejected: dict[TallyKey, int] = {}
    for speaker, group, role, written, n in rows:
        key = (speaker, group, role, written)
        kept[key] = kept.get(key, 0) + n
    for before, after in zip(stored, corrected, strict=True):
        kept[_tally_key(before)] = kept.get(_tally_key(before), 0) - 1
        counts = rejected if after.get("rejected") else kept
        counts[_tally_key(after)] = counts.get(_tally_key(after), 0) + 1
    renamed = corrections.name_map(names)
    return _renamed(kept, renamed), _renamed(rejected, renamed)


def _renamed(counts: Mapping[TallyKey, int], renamed: Mapping[str, str]) -> list[Tally]:
    merged: dict[TallyKey, int] = {}
    for (speaker, group, role, written), n in counts.items():
        if n <= 0:
            continue
        target = renamed.get(fold(speaker)) if speaker else None
        if target is not None and target != speaker:
            written, speaker = written or speaker, target
        key = (speaker, group, role, written)
        merged[key] = merged.get(key, 0) + n
    return [(*key, n) for key, n in merged.items()]


def documents_per_speaker(
    index: ix.Index,
    stored: Sequence[Mapping[str, Any]],
    corrected: Sequence[Mapping[str, Any]],
    names: Iterable[Mapping[str, Any]],
) -> dict[str, int]:
    """Articles per folded speaker as corrected: the index's counts, counted again for the
    people the corrections touch."""
    documents = index.speaker_documents()
    sources: dict[str, set[str]] = {}
    for after in corrected:
        if after.get("speaker") and not after.get("rejected"):
            sources.setdefault(fold(after["speaker"]), set()).add(after["source"])
    renamed = corrections.name_map(names)
    touched = {fold(name) for name in renamed} | set(renamed.values()) | set(sources)
    touched |= {fold(r.get("speaker") or "") for r in stored}
    touched = {fold(name) for name in touched if name}
    if not touched:
        return documents
    found: dict[str, set[str]] = {}
    for batch in ix.chunks(touched):
        for key, source in index.query(
            f"SELECT key, source FROM profdocs WHERE key IN ({ix.marks(len(batch))})", batch
        ):
            target = renamed.get(key)
            found.setdefault(fold(target) if target else key, set()).add(source)
    for key, more in sources.items():
        found.setdefault(key, set()).update(more)
    return {**documents, **{key: len(found_) for key, found_ in found.items()}}
