"""In-memory index of the quotes for live filtering in the app.

A query is free words (each must occur in the quote text, the speaker or the article) plus
`speaker:NAME`, `group:G` and `source:S` tokens; matching ignores case and accents. Values with
spaces go in double quotes: `speaker:"de la Cruz"`, `"exact phrase"`. Tokens of one kind are
alternatives (`speaker:a speaker:b` is either speaker); kinds and words narrow each other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from quotebrowser.model import GROUPS, Quote

# Combining marks left behind by NFKD decomposition; dropping them folds "é" to "e".
_COMBINING = {
    c: None
    for block in ((0x300, 0x370), (0x1AB0, 0x1B00), (0x1DC0, 0x1E00), (0x20D0, 0x2100),
                  (0xFE20, 0xFE30))
    for c in range(*block)
}
# Letters that do not decompose but that people type without their accent.
_EXTRA = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ı": "i",
                        "ə": "a", "’": "'", "‘": "'"})

FIELDS = ("speaker", "group", "source")
_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S*))')


def fold(text: str) -> str:
    """Case- and accent-insensitive form of `text` (fast path for ASCII)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return decomposed.translate(_COMBINING).translate(_EXTRA)


def _group_key(value: str) -> str:
    """`leaders`, `Organisations` and `org` all name their group by a prefix of it."""
    value = value.replace("organis", "organiz")
    return value[:-1] if value.endswith("s") and value[:-1] in GROUPS else value


@dataclass(frozen=True, slots=True)
class Query:
    words: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    # Chosen in the speakers panel: an exact speaker (None = unattributed) or a whole group.
    scope: tuple[str, str | None] | None = field(default=None)

    @property
    def is_empty(self) -> bool:
        return not (self.words or self.speakers or self.groups or self.sources or self.scope)

    def narrows(self, other: Query) -> bool:
        """True when every quote matching `self` also matches `other` (so filtering can
        start from `other`'s results instead of from all quotes)."""
        if (self.speakers, self.groups, self.sources, self.scope) != (
            other.speakers, other.groups, other.sources, other.scope
        ):
            return False
        return all(any(old in new for new in self.words) for old in other.words)


def parse_query(text: str, scope: tuple[str, str | None] | None = None) -> Query:
    words: list[str] = []
    by_field: dict[str, list[str]] = {name: [] for name in FIELDS}
    for match in _TOKEN.finditer(text):
        prefix, quoted, bare = match.group(1), match.group(2), match.group(3)
        value = fold(quoted if quoted is not None else bare or "").strip()
        key = prefix.lower() if prefix else None
        if key in by_field:
            if value:
                by_field[key].append(_group_key(value) if key == "group" else value)
        elif prefix:
            # An unknown `word:` is just text (a time such as 10:30, a URL scheme).
            words.append(fold(match.group(0)).strip('"'))
        elif value:
            words.append(value)
    return Query(
        words=tuple(words),
        speakers=tuple(by_field["speaker"]),
        groups=tuple(by_field["group"]),
        sources=tuple(by_field["source"]),
        scope=scope,
    )


class QuoteIndex:
    """Folded search fields for every quote, positions into `quotes` as results."""

    def __init__(self, quotes: Sequence[Quote], article_of: dict[str, str]) -> None:
        """`article_of` maps a source to the article's searchable label (title, outlet)."""
        self.quotes = quotes
        speaker_ids: dict[str | None, int] = {}
        source_ids: dict[str, int] = {}
        self._speaker_of: list[int] = []
        self._source_of: list[int] = []
        self._group_of: list[str] = []
        haystacks: list[str] = []
        folded_article = {src: fold(label) for src, label in article_of.items()}
        folded_speaker: dict[str | None, str] = {}
        for q in quotes:
            sid = speaker_ids.setdefault(q.speaker, len(speaker_ids))
            if q.speaker not in folded_speaker:
                folded_speaker[q.speaker] = fold(q.speaker or "")
            src = source_ids.setdefault(q.source, len(source_ids))
            self._speaker_of.append(sid)
            self._source_of.append(src)
            self._group_of.append(q.group)
            article = folded_article.get(q.source)
            if article is None:
                article = folded_article[q.source] = fold(q.source)
            # NUL between fields so that no word matches across two of them.
            haystacks.append(f"{fold(q.text)}\0{folded_speaker[q.speaker]}\0{article}")
        self._haystacks = haystacks
        self._speaker_names = [(name, folded_speaker[name]) for name in speaker_ids]
        self._sources = [
            (src, f"{fold(src)}\0{folded_article.get(src, '')}") for src in source_ids
        ]

    def __len__(self) -> int:
        return len(self.quotes)

    def search(self, query: Query, within: Sequence[int] | None = None) -> list[int]:
        """Positions of the quotes matching `query`, in order; only among `within` if given."""
        rows: Sequence[int] = range(len(self.quotes)) if within is None else within
        if query.scope is not None:
            kind, value = query.scope
            if kind == "speaker":
                wanted = {i for i, (name, _) in enumerate(self._speaker_names) if name == value}
                rows = self._by_speaker(rows, wanted)
            else:
                group_of = self._group_of
                rows = [i for i in rows if group_of[i] == value]
        if query.speakers:
            wanted = {
                i for i, (_, folded) in enumerate(self._speaker_names)
                if any(s in folded for s in query.speakers)
            }
            rows = self._by_speaker(rows, wanted)
        if query.groups:
            ok = {g for g in GROUPS if any(g.startswith(t) for t in query.groups)}
            group_of = self._group_of
            rows = [i for i in rows if group_of[i] in ok]
        if query.sources:
            ok_src = {
                i for i, (_, folded) in enumerate(self._sources)
                if any(s in folded for s in query.sources)
            }
            source_of = self._source_of
            rows = [i for i in rows if source_of[i] in ok_src]
        hay = self._haystacks
        # Longest word first: it usually matches least, so later words test fewer quotes.
        for word in sorted(query.words, key=len, reverse=True):
            rows = [i for i in rows if word in hay[i]]
        return rows if isinstance(rows, list) else list(rows)

    def _by_speaker(self, rows: Sequence[int], wanted: set[int]) -> list[int]:
        speaker_of = self._speaker_of
        return [i for i in rows if speaker_of[i] in wanted]


def find_words(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where the folded `words` occur in `text`, as sorted (start, end) offsets into `text`."""
    if not words:
        return []
    if text.isascii():
        folded, origin = text.lower(), None
    else:
        pieces: list[str] = []
        origin = []
        for i, ch in enumerate(text):
            f = fold(ch)
            pieces.append(f)
            origin.extend([i] * len(f))
        origin.append(len(text))
        folded = "".join(pieces)
    found: set[tuple[int, int]] = set()
    for word in words:
        at = folded.find(word)
        while at != -1 and word:
            end = at + len(word)
            found.add((at, end) if origin is None else (origin[at], origin[end - 1] + 1))
            at = folded.find(word, at + 1)
    return sorted(found)
