"""In-memory index of the quotes for live filtering in the app.

A query is free words (each must occur in the quote text, the speaker or the article) plus
`speaker:NAME`, `group:G` and `source:S` tokens; matching ignores case and accents. Values with
spaces go in double quotes: `speaker:"de la Cruz"`, `"exact phrase"`. Tokens of one kind are
alternatives (`speaker:a speaker:b` is either speaker); kinds and words narrow each other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import compress

from quotebrowser.folding import fold, fold_all
from quotebrowser.identity import person_groups
from quotebrowser.model import GROUPS, Quote

FIELDS = ("speaker", "group", "source")
_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S*))')


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
        if other.scope is not None and other.scope != self.scope:
            return False
        return (
            all(any(old in new for new in self.words) for old in other.words)
            and _narrower(self.speakers, other.speakers, str.__contains__)
            and _narrower(self.sources, other.sources, str.__contains__)
            and _narrower(self.groups, other.groups, str.startswith)
        )


def _narrower(
    new: tuple[str, ...], old: tuple[str, ...], refines: Callable[[str, str], bool]
) -> bool:
    """Tokens of one kind are alternatives: the new set matches less when the old one was
    empty, or when each new token refines (contains, or extends) one of the old tokens."""
    if not old:
        return True
    return bool(new) and all(any(refines(n, o) for o in old) for n in new)


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
        folded_article = {src: fold(label) for src, label in article_of.items()}
        folded_speaker: dict[str | None, str] = {}
        articles: list[str] = []
        speakers: list[str] = []
        # A quote is filtered under its speaker's group, as the speakers panel lists them.
        group_of_person = person_groups((q.speaker, q.group, q.role) for q in quotes)
        for q in quotes:
            sid = speaker_ids.setdefault(q.speaker, len(speaker_ids))
            if q.speaker not in folded_speaker:
                folded_speaker[q.speaker] = fold(q.speaker or "")
            src = source_ids.setdefault(q.source, len(source_ids))
            self._speaker_of.append(sid)
            self._source_of.append(src)
            self._group_of.append(group_of_person[folded_speaker[q.speaker]])
            article = folded_article.get(q.source)
            if article is None:
                article = folded_article[q.source] = fold(q.source)
            articles.append(article)
            speakers.append(folded_speaker[q.speaker])
        texts = fold_all([q.text for q in quotes])
        # NUL between fields so that no word matches across two of them.
        haystacks = [f"{t}\0{s}\0{a}" for t, s, a in zip(texts, speakers, articles, strict=True)]
        self._haystacks = haystacks
        self._speaker_names = [(name, folded_speaker[name]) for name in speaker_ids]
        self._sources = [(src, f"{fold(src)}\0{folded_article.get(src, '')}") for src in source_ids]

    def __len__(self) -> int:
        return len(self.quotes)

    def search(self, query: Query, within: Sequence[int] | None = None) -> list[int]:
        """Positions of the quotes matching `query`, in order; only among `within` if given."""
        rows: Sequence[int] = range(len(self.quotes)) if within is None else within
        if query.scope is not None:
            kind, value = query.scope
            if kind == "speaker":
                # One person in the panel: every spelling of theirs (case, accents aside).
                wanted = None if value is None else fold(value)
                rows = self._keep(
                    rows,
                    self._speaker_of,
                    {
                        i
                        for i, (name, folded) in enumerate(self._speaker_names)
                        if (name is None) == (value is None) and (name is None or folded == wanted)
                    },
                )
            else:
                rows = self._keep(rows, self._group_of, {value})
        if query.speakers:
            rows = self._keep(
                rows,
                self._speaker_of,
                {
                    i
                    for i, (_, folded) in enumerate(self._speaker_names)
                    if any(s in folded for s in query.speakers)
                },
            )
        if query.groups:
            rows = self._keep(
                rows,
                self._group_of,
                {g for g in GROUPS if any(g.startswith(t) for t in query.groups)},
            )
        if query.sources:
            rows = self._keep(
                rows,
                self._source_of,
                {
                    i
                    for i, (_, folded) in enumerate(self._sources)
                    if any(s in folded for s in query.sources)
                },
            )
        hay = self._haystacks
        # Longest word first: it usually matches least, so later words test fewer quotes.
        for word in sorted(query.words, key=len, reverse=True):
            # A compiled pattern's search, mapped in C, scans faster than `word in h` in a loop.
            found = re.compile(re.escape(word)).search
            texts = hay if self._is_all(rows) else map(hay.__getitem__, rows)
            rows = list(compress(rows, map(found, texts)))
        return rows if isinstance(rows, list) else list(rows)

    def _is_all(self, rows: Sequence[int]) -> bool:
        return isinstance(rows, range) and len(rows) == len(self.quotes)

    def _keep(self, rows: Sequence[int], key_of: Sequence[object], wanted: set) -> list[int]:
        """The rows whose key (speaker, group or source) is wanted."""
        if self._is_all(rows):
            return list(compress(rows, map(wanted.__contains__, key_of)))
        return [i for i in rows if key_of[i] in wanted]


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
