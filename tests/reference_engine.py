"""The query engine before the index ran queries (issue 22): every quote in memory, matched in
Python. Kept as the reference the store's SQL engine (quotebrowser/store/search.py) must agree
with: the same quotes, in the same order, with the same counts (tests/test_search_property.py).
It is the engine of quotebrowser before, less its gram index (a speed-up that changed no
answer)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import contains

from quotebrowser.folding import fold, fold_all
from quotebrowser.model import REPORTED, Quote
from quotebrowser.query import FIELDS, SORTS, Article, Query
from quotebrowser.whoswho import WhosWho


@dataclass(frozen=True, slots=True)
class Result:
    rows: Sequence[int]  # positions in the index's quotes, in display order
    outlets: Mapping[int, int]  # show:statements: a row's statement -> outlets reporting it


# Postings kept, in rows per quote of the archive (a few words' worth: the prefixes typed).
POSTINGS_HELD = 4
# Fields whose columns `prepare` builds before the first keystroke (group reads every quote).
PREPARED = ("speaker", "group")


class QuoteIndex:
    """Folded search fields for every quote; results are positions into `quotes`."""

    def __init__(
        self,
        quotes: Sequence[Quote],
        articles: Mapping[str, Article] | None = None,
        variants: Mapping[str, Sequence[str]] | None = None,
        people: WhosWho | None = None,
    ) -> None:
        """`people`: the archive's who's who (a store's snapshot has it); else made from
        `quotes`, when first asked."""
        self.quotes = quotes
        self.articles = dict(articles or {})
        self.variants = variants or {}
        self._people = people
        self._columns: dict[str, tuple[list[int], list[str | None], list[str]]] = {}
        self._statements: list[int] | None = None
        self._rejected = {i for i, q in enumerate(quotes) if q.rejected}
        self._reported = {i for i, q in enumerate(quotes) if q.kind == REPORTED}
        # word -> rows holding it across the archive, least recently used first.
        self._postings: dict[str, list[int]] = {}
        # Every row once: the postings share these ints rather than each making its own.
        self._every = list(range(len(quotes)))
        labels = {src: fold(a.label or src) for src, a in self.articles.items()}
        speakers: dict[str | None, str] = {}
        haystack_parts = []
        for q in quotes:
            speaker = speakers.get(q.speaker)
            if speaker is None:
                speaker = speakers[q.speaker] = fold(q.speaker or "")
            label = labels.get(q.source)
            if label is None:
                label = labels[q.source] = fold(q.source)
            haystack_parts.append((speaker, label))
        texts = fold_all([q.text for q in quotes])
        # NUL between fields so that no word matches across two of them.
        self._haystacks = [
            f"{t}\0{s}\0{a}" for t, (s, a) in zip(texts, haystack_parts, strict=True)
        ]

    @classmethod
    def from_snapshot(cls, snapshot: object) -> QuoteIndex:
        """From a store Snapshot (quotes, documents, variants)."""
        documents = snapshot.documents  # type: ignore[attr-defined]
        articles = {
            src: Article(
                label=" ".join(filter(None, (info.title, info.outlet))),
                date=info.date or "",
                outlet=info.outlet or "",
            )
            for src, info in documents.items()
        }
        return cls(
            snapshot.quotes,  # type: ignore[attr-defined]
            articles,
            snapshot.variants,  # type: ignore[attr-defined]
            snapshot.people,  # type: ignore[attr-defined]
        )

    def __len__(self) -> int:
        return len(self.quotes)

    def article(self, source: str) -> Article:
        return self.articles.get(source) or Article()

    @property
    def people(self) -> WhosWho:
        if self._people is None:
            self._people = WhosWho.of_quotes(self.quotes)
        return self._people

    def group_of(self, quote: Quote) -> str:
        """The group the quote's speaker is listed under across the archive."""
        return self.people.group_of(quote.speaker)

    def _column(
        self, name: str, value_of: Callable[[Quote, Article, QuoteIndex], str | None]
    ) -> tuple[list[int], list[str | None], list[str]]:
        """Per quote, an id of its value; the distinct values, raw and folded (built once)."""
        column = self._columns.get(name)
        if column is None:
            ids_of: dict[str | None, int] = {}
            ids = [
                ids_of.setdefault(value_of(q, self.article(q.source), self), len(ids_of))
                for q in self.quotes
            ]
            raw = list(ids_of)
            column = self._columns[name] = (ids, raw, fold_all([v or "" for v in raw]))
        return column

    def search(self, query: Query, within: Sequence[int] | None = None) -> list[int]:
        """Positions of the quotes matching `query`, in order. `within`: the result of a query
        that `query` narrows (so it holds every match); searched instead of the word postings
        when it is the smaller of the two."""
        rows: Sequence[int] = range(len(self.quotes))
        words = sorted(query.words, key=len, reverse=True)
        if words:
            # Start from the word with the fewest candidates: its postings (archive-wide rows
            # holding it, cached, so a key that widens the query finds them again).
            bounds = {word: self._bound(word) for word in words}
            first = min(words, key=lambda w: len(bounds[w]))
            if within is not None and len(within) < len(bounds[first]):
                rows = within
            else:
                rows = self._posting(first, bounds[first])
                words.remove(first)
        elif within is not None:
            rows = within
        if query.scope is not None:
            kind, value = query.scope
            ids, raw, folded = self._column(kind, FIELDS[kind].value_of)
            if kind == "speaker":
                # One person in the panel: every spelling of theirs (case, accents aside).
                wanted = fold(value or "")
                chosen = {
                    i for i, v in enumerate(raw) if (not v) == (not value) and folded[i] == wanted
                }
            else:
                chosen = {i for i, v in enumerate(raw) if v == value}
            rows = self._keep(rows, ids, chosen)
        for name, alternatives in query.terms:
            f = FIELDS[name]
            ids, raw, folded = self._column(name, f.value_of)
            test = _MATCHERS[f.mode]
            wanted = {
                i
                for i, v in enumerate(folded)
                if raw[i] is not None and any(test(v, alt) for alt in alternatives)
            }
            rows = self._keep(rows, ids, wanted)
        # The other words narrow what is left, longest (usually rarest) first.
        for word in words:
            rows = self._containing(word, rows)
        return list(rows)  # a copy: the cached postings stay as they are

    def _containing(self, word: str, rows: Sequence[int], bound: bool = False) -> list[int]:
        """The rows whose haystack contains `word`."""
        hay = self._haystacks
        # `contains` mapped in C: no Python frame and no match object per quote.
        if self._is_all(rows):
            rows, texts = self._every, iter(hay)
        else:
            texts = map(hay.__getitem__, rows)
        return list(compress(rows, map(contains, texts, repeat(word))))

    def _bound(self, word: str) -> Sequence[int]:
        """The fewest rows known to hold every match of `word`: the postings of a cached word
        inside it (a shorter prefix as the user types), or every row."""
        best: Sequence[int] = range(len(self.quotes))
        for known, rows in self._postings.items():
            if known in word and len(rows) < len(best):
                best = rows
        return best

    def _posting(self, word: str, bound: Sequence[int]) -> list[int]:
        """The rows holding `word` across the archive (found among `bound`), cached."""
        rows = self._postings.pop(word, None)
        if rows is None:
            rows = self._containing(word, bound, bound=True)
        self._postings[word] = rows  # most recently used last
        held = sum(map(len, self._postings.values()))
        while held > POSTINGS_HELD * max(len(self.quotes), 1) and len(self._postings) > 1:
            oldest = next(iter(self._postings))
            held -= len(self._postings.pop(oldest))
        return rows

    def prepare(self) -> None:
        """Build ahead what the first field filter would otherwise build on a keystroke."""
        for name in PREPARED:
            self._column(name, FIELDS[name].value_of)

    def arrange(self, rows: Sequence[int], query: Query) -> Result:
        """Matching rows in the query's order, collapsed to statements if it asks; quotes
        marked "not a quote" only with show:rejected, only corrected ones with show:corrected;
        reported statements only when a `kind:` term asks for them."""
        outlets: dict[int, int] = {}
        if self._rejected and not query.rejected:
            rows = [r for r in rows if r not in self._rejected]
        if self._reported and not query.reported:
            rows = [r for r in rows if r not in self._reported]
        if query.corrected:
            rows = [r for r in rows if self.quotes[r].corrected]
        if query.show == "statements":
            statement = self._statement_of()
            sizes: dict[int, set[str]] = {}
            for i, q in enumerate(self.quotes):
                sizes.setdefault(statement[i], set()).add(self.article(q.source).outlet or q.source)
            seen: set[int] = set()
            kept = []
            for row in rows:
                s = statement[row]
                if s not in seen:
                    seen.add(s)
                    kept.append(row)
                    outlets[row] = len(sizes[s])
            rows = kept
        if query.sort is not None:
            key = SORTS[query.sort]
            quotes = self.quotes
            rows = sorted(rows, key=lambda r: key(quotes[r], self.article(quotes[r].source)))
        return Result(rows, outlets)

    def run(self, query: Query) -> Result:
        return self.arrange(self.search(query), query)

    def _statement_of(self) -> list[int]:
        """Per quote, the first position of its statement (quotes joined by variant pairs)."""
        if self._statements is None:
            parent = list(range(len(self.quotes)))

            def root(i: int) -> int:
                while parent[i] != i:
                    parent[i] = parent[parent[i]]
                    i = parent[i]
                return i

            position = {q.id: i for i, q in enumerate(self.quotes)}
            for i, q in enumerate(self.quotes):
                for other in self.variants.get(q.id, ()):
                    j = position.get(other)
                    if j is not None:
                        a, b = root(i), root(j)
                        parent[max(a, b)] = min(a, b)
            self._statements = [root(i) for i in range(len(self.quotes))]
        return self._statements

    def _is_all(self, rows: Sequence[int]) -> bool:
        return isinstance(rows, range) and len(rows) == len(self.quotes)

    def _keep(self, rows: Sequence[int], key_of: Sequence[int], wanted: set[int]) -> list[int]:
        """The rows whose value id is wanted."""
        if self._is_all(rows):
            return list(compress(self._every, map(wanted.__contains__, key_of)))
        return [i for i in rows if key_of[i] in wanted]


def _words_match(value: str, alternative: str) -> bool:
    return all(w in value for w in alternative.split())


def _date_match(value: str, alternative: str) -> bool:
    """A prefix (`2021-05`), or a range whose ends compare at their own precision."""
    if ".." not in alternative:
        return value.startswith(alternative)
    low, high = alternative.split("..")
    return bool(value) and value[: len(low)] >= low and (not high or value[: len(high)] <= high)


_MATCHERS: dict[str, Callable[[str, str], bool]] = {
    "words": _words_match,
    "prefix": _date_match,
    "choice": str.__eq__,
}



