"""The user's last word: corrections of quotes and of speakers' names, in tables of their own.

A correction is keyed by what outlives an ingest: the article's source and the quote's exact
words (its offsets a hint), not the quote's row. After every ingest of an article its
corrections are bound again to the quotes now stored (`rebind`): the same words are found again
(an unchanged text, another extractor's spans); else the stored quote that shares most of its
words (an edited article); else the correction waits, reported as no longer applying, and comes
back if the words do. Reading overlays them (`overlay`): the stored quotes stay as extracted.

A name correction (`merge`, `rename`) shows every quote of one speaker under another name; the
name they were shown under stays in `written_as`. Each is logged with the rows it changed, so
that it can be undone exactly. Corrections and name changes share one sequence: the order the
user made them in, which undo follows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from tinydb import Query, TinyDB

from quotebrowser.folding import fold
from quotebrowser.model import Quote

CORRECTIONS = "corrections"
NAMES = "speaker_names"
NAME_CHANGES = "name_changes"  # each merge, rename or unmerge, with the name rows it changed
NAME_KINDS = ("merge", "rename", "unmerge")
ACTIONS = ("speaker", "reject")
# Share of word tokens (F1) an edited quote must keep to still be the corrected one.
SAME_QUOTE = 0.6
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction, in the order made (`seq`)."""

    seq: int
    source: str
    text: str  # the quote's words when corrected (updated when found edited)
    start: int
    end: int
    quote_id: str | None  # the stored quote it applies to; None: its words are gone
    action: str  # "speaker" (set speaker, role, group) or "reject" (not a quote)
    speaker: str | None = None
    role: str | None = None
    group: str | None = None
    was: str | None = None  # the speaker shown before
    made_at: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Correction:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})

    def describe(self) -> str:
        what = "not a quote" if self.action == "reject" else f"speaker {self.speaker}"
        words = self.text if len(self.text) <= 50 else self.text[:49] + "…"
        return f"{self.source}: “{words}”: {what}"


@dataclass(frozen=True, slots=True)
class NameChange:
    """One merge, rename or unmerge of a speaker's name, in the order made (`seq`)."""

    seq: int
    kind: str  # "merge" (old is new), "rename" (old shows as new), "unmerge" (old as written)
    old: str
    new: str
    quotes: int = 0  # the quotes shown under the new name when it was made
    made_at: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> NameChange:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})

    def describe(self) -> str:
        if self.kind == "merge":
            return f"merge of {self.old} into {self.new}"
        if self.kind == "unmerge":
            return f"unmerge of {self.old}"
        return f"rename of {self.old} to {self.new}"


Action = Correction | NameChange


def _rows(db: TinyDB, table: str) -> list[dict[str, Any]]:
    return list(db.storage.read().get(table, {}).values())


def next_seq(db: TinyDB) -> int:
    """The next action's number: after every correction and name change made."""
    return (last_action(db) or 0) + 1


def add(db: TinyDB, quote: Quote, action: str, stamp: str, **values: str | None) -> Correction:
    """Record a correction of `quote` (as shown now)."""
    seq = next_seq(db)
    made = Correction(
        seq=seq,
        source=quote.source,
        text=quote.text,
        start=quote.start,
        end=quote.end,
        quote_id=quote.id,
        action=action,
        was=quote.speaker,
        made_at=stamp,
        **values,
    )
    db.table(CORRECTIONS).insert(asdict(made))
    return made


def undo(db: TinyDB, quote_id: str | None = None) -> Correction | None:
    """Remove the last correction (of that quote, if given); the one removed, or None."""
    table = db.table(CORRECTIONS)
    rows = [r for r in table.all() if quote_id is None or r["quote_id"] == quote_id]
    if not rows:
        return None
    last = max(rows, key=lambda r: r["seq"])
    table.remove(doc_ids=[last.doc_id])
    return Correction.from_row(last)


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(fold(text)))


def _overlap(a: Counter[str], b: Counter[str]) -> float:
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(b.values()), common / sum(a.values())
    return 2 * precision * recall / (precision + recall)


def _find(correction: Correction, quotes: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The stored quote the correction now applies to: the same words nearest where they were,
    else the one that keeps most of them."""
    same = [q for q in quotes if q["text"] == correction.text]
    if same:
        return min(same, key=lambda q: abs(q["start"] - correction.start))
    wanted = _words(correction.text)
    scored = [(_overlap(wanted, _words(q["text"])), q) for q in quotes]
    scored = [(s, q) for s, q in scored if s >= SAME_QUOTE]
    if not scored:
        return None
    return max(scored, key=lambda sq: (sq[0], -abs(sq[1]["start"] - correction.start)))[1]


def rebind(db: TinyDB, sources: Iterable[str], stored: Iterable[Mapping[str, Any]]) -> None:
    """Bind the corrections of these articles to the quote rows stored for them now (`stored`,
    after an ingest wrote them; none after `forget` removed them)."""
    wanted = set(sources)
    table = db.table(CORRECTIONS)
    mine = [row for row in table.all() if row["source"] in wanted]
    if not mine:
        return
    quotes: dict[str, list[Mapping[str, Any]]] = {}
    for q in stored:
        if q["source"] in wanted:
            quotes.setdefault(q["source"], []).append(q)
    for row in mine:
        found = _find(Correction.from_row(row), quotes.get(row["source"], []))
        if found is None:
            change: dict[str, Any] = {"quote_id": None}
        else:
            change = {
                "quote_id": found["id"],
                "text": found["text"],
                "start": found["start"],
                "end": found["end"],
            }
        if any(row.get(k) != v for k, v in change.items()):
            table.update(change, doc_ids=[row.doc_id])


def move(db: TinyDB, moves: Mapping[str, str]) -> None:
    """Articles whose file moved: their corrections follow them."""
    table = db.table(CORRECTIONS)
    table.update(
        lambda row: row.update(source=moves[row["source"]]),
        Query().source.test(lambda s: s in moves),
    )


def unapplied(rows: Iterable[Mapping[str, Any]], sources: Iterable[str]) -> list[Correction]:
    """The corrections of these articles whose quote is no longer found."""
    wanted = set(sources)
    return [Correction.from_row(r) for r in rows if r["source"] in wanted and r["quote_id"] is None]


# -- names -------------------------------------------------------------------------------------


def set_name(
    db: TinyDB, alias: str, canonical: str, stamp: str, kind: str = "rename", quotes: int = 0
) -> NameChange:
    """Show `alias`'s quotes under `canonical` from now on (a merge or a rename; `canonical`
    the same name: as written again, an unmerge). Logged with the rows it changed."""
    table = db.table(NAMES)

    def touched(row: Mapping[str, Any]) -> bool:
        return fold(row["alias"]) == fold(alias) or fold(row["canonical"]) == fold(alias)

    before = [dict(row) for row in table.all() if touched(row)]
    table.remove(Query().alias.test(lambda a: fold(a) == fold(alias)))
    if fold(alias) != fold(canonical):
        table.insert({"alias": alias, "canonical": canonical, "made_at": stamp})
    # A rename of a name others were merged into carries them along.
    table.update({"canonical": canonical}, Query().canonical.test(lambda c: fold(c) == fold(alias)))
    carried = {fold(row["alias"]) for row in before} | {fold(alias)}
    after = [dict(row) for row in table.all() if fold(row["alias"]) in carried]
    change = NameChange(next_seq(db), kind, alias, canonical, quotes, stamp)
    db.table(NAME_CHANGES).insert({**asdict(change), "before": before, "after": after})
    return change


def merged_alias(db: TinyDB, name: str) -> str | None:
    """`name` as the user's merge or rename of it recorded it (case and accents aside), or None
    when the user shows it under no other name."""
    found = (row["alias"] for row in _rows(db, NAMES) if fold(row["alias"]) == fold(name))
    return next(found, None)


def last_action(db: TinyDB, names_only: bool = False) -> int | None:
    """The number of the last correction or name change (of names only, if asked)."""
    tables = (NAME_CHANGES,) if names_only else (CORRECTIONS, NAME_CHANGES)
    return max((row["seq"] for t in tables for row in _rows(db, t)), default=None)


def undo_action(db: TinyDB, seq: int) -> Action | None:
    """Take back action `seq`, a correction or a name change; what it undid, or None when there
    is no such action (undone already). A name change puts back the name rows it replaced and
    takes out those it wrote, as far as they are still as it left them."""
    for row in db.table(CORRECTIONS).all():
        if row["seq"] == seq:
            db.table(CORRECTIONS).remove(doc_ids=[row.doc_id])
            return Correction.from_row(row)
    log = db.table(NAME_CHANGES)
    found = next((row for row in log.all() if row["seq"] == seq), None)
    if found is None:
        return None
    names = db.table(NAMES)
    for row in found["after"]:
        names.remove((Query().alias == row["alias"]) & (Query().canonical == row["canonical"]))
    present = {fold(row["alias"]) for row in names.all()}
    names.insert_multiple(row for row in found["before"] if fold(row["alias"]) not in present)
    log.remove(doc_ids=[found.doc_id])
    return NameChange.from_row(found)


def name_map(rows: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Folded name -> the name the user chose for it, chains followed."""
    direct = {fold(r["alias"]): r["canonical"] for r in rows}
    found = {}
    for alias, target in direct.items():
        seen = {alias}
        while fold(target) in direct and fold(target) not in seen:
            seen.add(fold(target))
            target = direct[fold(target)]
        found[alias] = target
    return found


# -- reading -----------------------------------------------------------------------------------


def overlay(
    quotes: list[dict[str, Any]] | list[Mapping[str, Any]],
    correction_rows: Iterable[Mapping[str, Any]],
    name_rows: Iterable[Mapping[str, Any]],
) -> list[Mapping[str, Any]]:
    """The quote rows as the user corrected them (a row changed is a new dict)."""
    by_quote: dict[str, list[Mapping[str, Any]]] = {}
    for row in correction_rows:
        if row["quote_id"] is not None:
            by_quote.setdefault(row["quote_id"], []).append(row)
    names = name_map(name_rows)
    if not by_quote and not names:
        return list(quotes)
    result: list[Mapping[str, Any]] = []
    for q in quotes:
        fixes = by_quote.get(q["id"])
        if fixes:
            q = dict(q, corrected=True)
            for fix in sorted(fixes, key=lambda r: r["seq"]):
                if fix["action"] == "reject":
                    q["rejected"] = True
                else:
                    q.update(
                        speaker=fix["speaker"],
                        role=fix["role"],
                        group=fix["group"] or "other",
                        written_as=None,
                    )
        if names and q["speaker"]:
            target = names.get(fold(q["speaker"]))
            if target is not None and target != q["speaker"]:
                q = dict(q, speaker=target, written_as=q.get("written_as") or q["speaker"])
        result.append(q)
    return result
