"""One name per person across the archive (quotebrowser.identity), applied in a commit: every
quote's speaker becomes the name the archive shows, and the merges made are recorded."""

from __future__ import annotations

import dataclasses
from typing import Any

from quotebrowser import identity
from quotebrowser.store import index as ix
from quotebrowser.store.commit import Commit, raw_rows, rewrite
from quotebrowser.store.manifest import KEPT_APART, MERGES
from quotebrowser.store.shards import QUOTES


def canonicalise(c: Commit) -> int:
    """One name per person across the archive (quotebrowser.identity): every quote's
    speaker becomes the name the archive shows; a name written otherwise stays in
    `written_as`. The merges made are recorded in the manifest. Only the shards holding
    quotes whose shown name changes are rewritten. The number of quotes renamed."""
    for name in c.loaded():
        gone, came = ix.diff(c.before[name][QUOTES], c.tables(name)[QUOTES], "id")
        ix.count_triples(c.con, gone, came)
    apart = [row["name"] for row in raw_rows(c.manifest.table(KEPT_APART)).values()]
    # Decided from each name's count of articles; the articles themselves are read only for
    # the names one may decide (identity.resolve_tallies).
    identities = identity.resolve_tallies(
        ix.name_tallies(c.con),
        ix.triples_where(c.con, "name"),
        ix.triples_where(c.con, "source"),
        keep_apart=apart,
    )
    merged = set(identities.names).union(name for _, name in identities.in_article)
    changed = []
    for name, grp, source, shown in ix.shown_maybe_changed(c.con, merged):
        now_shown = identities.canonical(name, source)
        if now_shown != shown:
            changed.append((now_shown, name, grp, source))
    ix.set_shown(c.con, changed)
    sources = {source for *_, source in changed}
    renamed = 0

    def shown(row: dict[str, Any]) -> dict[str, Any] | None:
        nonlocal renamed
        written = row.get("written_as") or row["speaker"]
        if row["source"] not in sources or not written:
            return None
        shown_name = identities.canonical(written, row["source"])
        as_written = None if shown_name == written else written
        if row["speaker"] == shown_name and row.get("written_as") == as_written:
            return None
        renamed += row["speaker"] != shown_name
        return {**row, "speaker": shown_name, "written_as": as_written}

    for name in sorted(set(c.loaded()) | set(c.index.shards_of(sources).values())):
        rewrite(c.shard(name).table(QUOTES), shown)
    recorded = [dataclasses.asdict(m) for m in identities.merges]
    merges = c.manifest.table(MERGES)
    if recorded != list(raw_rows(merges).values()):
        merges.truncate()
        merges.insert_multiple(recorded)
    return renamed
