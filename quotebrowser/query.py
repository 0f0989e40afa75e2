"""The query language users type, in the app's search bar and in `quotebrowser quotes QUERY`.

One parser (`parse_query`) and one matcher (`QuoteIndex`), so the same text gives the same quotes
everywhere. A query is free words (each must occur in the quote text, the speaker or the
article's title and outlet) plus `field:value` tokens from `FIELDS`, and the options `sort:KEY`
and `show:statements` (one row per statement: reprints of it in other articles collapse into
one row with a count of outlets). Matching ignores case and accents. Values with spaces go in
double quotes (`speaker:"de la Cruz"`), or follow the colon after a space (`speaker: putin`).
Tokens of one field are alternatives (`speaker:a speaker:b` is either speaker); fields and
words narrow each other. An unknown field, group, kind, sort key or show value is an error that
names the valid ones.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import contains
from typing import TYPE_CHECKING, Literal

from quotebrowser.errors import UserError
from quotebrowser.extract.rules import EVIDENCE, GUESSES
from quotebrowser.folding import fold, fold_all
from quotebrowser.model import GROUPS, KINDS, Quote
from quotebrowser.whoswho import WhosWho

if TYPE_CHECKING:  # the store hands its data to queries; queries never import it at run time
    from quotebrowser.grams import GramIndex
    from quotebrowser.store import Snapshot, Store


class QueryError(UserError):
    """A query that names an unknown field or value; the message lists the valid ones."""


@dataclass(frozen=True, slots=True)
class Article:
    """What a query knows of a quote's article."""

    label: str = ""  # title and outlet: free words and `source:` search it
    date: str = ""  # ISO date as detected, "" when unknown
    outlet: str = ""


Mode = Literal["words", "prefix", "choice"]


@dataclass(frozen=True, slots=True)
class Field:
    """One `name:value` filter.

    `words`: every word of the value occurs in the quote's (folded) value; `prefix`: the quote's
    value starts with it; `choice`: the value names one of `choices` (by a prefix or a plural).
    """

    name: str
    help: str
    # (quote, its article, the index: what is known across the archive) -> the quote's value
    value_of: Callable[[Quote, Article, QuoteIndex], str | None]
    mode: Mode = "words"
    choices: tuple[str, ...] = ()
    # A choice that stands for several values ("guess": every guessing rule).
    stands_for: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _fields() -> dict[str, Field]:
    found = [
        Field("speaker", "any part of the speaker's name", lambda q, a, ix: q.speaker),
        # A person's group across the archive, as the speakers panel and `speakers` list them.
        Field("group", "the speaker's group", lambda q, a, ix: ix.group_of(q), "choice", GROUPS),
        Field(
            "source",
            "part of the article's path, title or outlet",
            lambda q, a, ix: f"{q.source}\0{a.label}",
        ),
        Field(
            "date",
            "the article's date or its start (2024, 2024-05), or a range (2021-01..2021-06)",
            lambda q, a, ix: a.date,
            "prefix",
        ),
        Field("kind", "direct or partial quote", lambda q, a, ix: q.kind, "choice", KINDS),
    ]
    # The attribution rule that named the speaker; `guess` stands for the guesses from context.
    found.append(
        Field(
            "evidence",
            "the rule that found the speaker (guess: the ones to check)",
            lambda q, a, ix: q.evidence,
            "choice",
            (*EVIDENCE, "guess"),
            {"guess": tuple(e for e in EVIDENCE if e in GUESSES)},
        )
    )
    return {f.name: f for f in found}


FIELDS: dict[str, Field] = _fields()


def _sort_keys() -> dict[str, Callable[[Quote, Article], tuple]]:
    return {
        "date": lambda q, a: (not a.date, a.date),  # oldest first, undated last
        "speaker": lambda q, a: (q.speaker is None, fold(q.speaker or "")),
        "source": lambda q, a: (fold(a.label or q.source), q.source),
    }


SORTS = _sort_keys()
# `show:rejected` adds the quotes the user marked "not a quote" (hidden otherwise);
# `show:corrected` keeps only the quotes the user corrected.
SHOWS = ("all", "statements", "rejected", "corrected")
CURATION = ("rejected", "corrected")
OPTIONS = ("sort", "show")

Scope = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Query:
    words: tuple[str, ...] = ()
    # (field name, alternatives), in FIELDS order; values folded (choices resolved).
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sort: str | None = None
    show: str = "all"  # or "statements"
    rejected: bool = False  # show:rejected
    corrected: bool = False  # show:corrected
    # Chosen in the app's speakers panel: an exact speaker (None = unattributed) or a group.
    scope: Scope | None = field(default=None)

    def values(self, name: str) -> tuple[str, ...]:
        return next((values for n, values in self.terms if n == name), ())

    @property
    def is_empty(self) -> bool:
        """Matches every quote (sorting and collapsing aside)."""
        return not (self.words or self.terms or self.scope)

    def narrows(self, other: Query) -> bool:
        """True when every quote matching `self` also matches `other` (so filtering can
        start from `other`'s results instead of from all quotes)."""
        if other.scope is not None and other.scope != self.scope:
            return False
        if not all(any(old in new for new in self.words) for old in other.words):
            return False
        for name, old in other.terms:
            new = self.values(name)
            refines = _REFINES[FIELDS[name].mode]
            # Alternatives: narrower when each new value refines one of the old ones.
            if not new or not all(any(refines(n, o) for o in old) for n in new):
                return False
        return True


_REFINES: dict[str, Callable[[str, str], bool]] = {
    "words": str.__contains__,
    # A range refines only itself; a prefix refines what it starts with.
    "prefix": lambda new, old: new == old if ".." in new + old else new.startswith(old),
    "choice": str.__eq__,
}
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# What a date looks like while it is typed: "2", "2024-", "2024-0", "2024-05-1".
_DATE_START = re.compile(r"\d{1,4}|\d{4}-(?:\d{0,2}|\d{2}-\d{0,2})")

# A field token (letters before the colon, so 10:30 stays a word), a quoted phrase, or a word.
_TOKEN = re.compile(
    r'(?P<name>[^\W\d_]+):(?:"(?P<fq>[^"]*)"?|(?P<fv>\S*))|"(?P<q>[^"]*)"?|(?P<w>\S+)'
)


def _choose(f: Field | str, value: str, choices: Sequence[str]) -> tuple[str, ...]:
    """The choices `value` names: a prefix (`org`), a plural (`leaders`), any spelling."""
    key = value.replace("organis", "organiz")
    if key.endswith("s") and key[:-1] in choices:
        key = key[:-1]
    found = tuple(c for c in choices if c.startswith(key))
    if not found:
        name = f.name if isinstance(f, Field) else f
        raise QueryError(f"unknown {name} {value!r}; {name}: {', '.join(choices)}")
    return found


def parse_query(text: str, scope: Scope | None = None) -> Query:
    """Raises QueryError for an unknown field or value."""
    tokens = list(_TOKEN.finditer(text))
    words: list[str] = []
    terms: dict[str, list[str]] = {}
    sort: str | None = None
    show = "all"
    curation: set[str] = set()
    skip = -1
    for at, m in enumerate(tokens):
        if at == skip:
            continue
        name = m.group("name")
        if name is None:
            value = fold(m.group("q") if m.group("q") is not None else m.group("w")).strip()
            if value:
                words.append(value)
            continue
        if m.group("fv") is not None and m.group("fv").startswith("//"):
            words.append(fold(m.group(0)))  # a link (https://...) is text, not a field
            continue
        raw = m.group("fq") if m.group("fq") is not None else m.group("fv")
        if (
            raw == ""
            and m.group("fq") is None
            and at + 1 < len(tokens)
            and tokens[at + 1].group("name") is None
        ):
            # `speaker: putin`: the value follows after a space.
            nxt = tokens[at + 1]
            raw = nxt.group("q") if nxt.group("q") is not None else nxt.group("w")
            skip = at + 1
        key, value = name.lower(), " ".join(fold(raw).split())
        if key not in FIELDS and key not in OPTIONS:
            raise QueryError(
                f"unknown field {name!r}; fields: {', '.join(FIELDS)}; options: sort:"
                f"{'|'.join(SORTS)}, show:{'|'.join(SHOWS)}"
            )
        if not value:
            continue  # still being typed
        if key == "sort":
            sort = _choose("sort", value, tuple(SORTS))[0]
        elif key == "show":
            chosen = _choose("show", value, SHOWS)[0]
            if chosen in CURATION:
                curation.add(chosen)
            else:
                show = chosen
        else:
            if key == "date":
                _check_date(value)
            f = FIELDS[key]
            found = terms.setdefault(key, [])
            chosen = _choose(f, value, f.choices) if f.mode == "choice" else (value,)
            for v in (w for c in chosen for w in f.stands_for.get(c, (c,))):
                if v not in found:
                    found.append(v)
    return Query(
        words=tuple(words),
        terms=tuple((name, tuple(terms[name])) for name in FIELDS if name in terms),
        sort=sort,
        show=show,
        rejected="rejected" in curation,
        corrected="corrected" in curation,
        scope=scope,
    )


DATE_FORMS = "date:2024, date:2024-05, date:2024-05-17, or a range date:2021-01..2021-06"


def _check_date(value: str) -> None:
    """`date:` takes a year, a month or a day (or the start of one being typed: `date:2024-0`),
    or a range FROM..TO of those, either end left open; a month 13, a 30 February or a word
    (`date:yesterday`) would match nothing, so they are refused."""
    ends = value.split("..")
    if len(ends) > 2 or (len(ends) == 2 and not any(ends)):
        raise QueryError(f"bad date {value!r}; {DATE_FORMS}")
    whole = len(ends) == 2  # a range's ends are complete dates, not a start being typed
    for end in ends:
        if end and not (_DATE.fullmatch(end) if whole else _DATE_START.fullmatch(end)):
            raise QueryError(f"bad date {value!r}; {DATE_FORMS}")
        if end and not _real_date(end):
            raise QueryError(f"no such date {end!r}; {DATE_FORMS}")
    if whole and all(ends) and ends[1] < ends[0][: len(ends[1])]:
        raise QueryError(f"bad date range {value!r}: it ends before it starts; {DATE_FORMS}")


def _real_date(text: str) -> bool:
    """A year, month or day that exists, or the start of one."""
    year, _, rest = text.partition("-")
    month, _, day = rest.partition("-")
    if len(month) == 2 and not 1 <= int(month) <= 12:
        return False
    if len(month) == 1 and month not in "01":
        return False
    if len(month) == 2 and day:
        full_year = int(year) if len(year) == 4 else 2000  # a leap year when not yet known
        days = calendar.monthrange(full_year, int(month))[1]
        return 1 <= int(day) <= days if len(day) == 2 else int(day) * 10 <= days
    return True


def with_option(text: str, name: str, value: str | None, among: Sequence[str] | None = None) -> str:
    """`text` with its `name:` tokens replaced by `name:value` (removed when value is None);
    with `among`, only the tokens whose value is one of those."""

    def replaced(m: re.Match[str]) -> bool:
        if (m.group("name") or "").lower() != name:
            return False
        old = fold(m.group("fq") if m.group("fq") is not None else m.group("fv") or "")
        return among is None or any(v.startswith(old) for v in among if old)

    kept = [m.group(0) for m in _TOKEN.finditer(text) if not replaced(m)]
    if value is not None:
        kept.append(f"{name}:{value}")
    return " ".join(kept)


def next_sort(current: str | None) -> str | None:
    """The sort after `current` in the cycle: none, then each of SORTS."""
    order: list[str | None] = [None, *SORTS]
    return order[(order.index(current) + 1) % len(order)] if current in order else None


def shorthand(name: str, value: str) -> str:
    """The query token a command-line flag such as `--speaker NAME` stands for."""
    value = value.replace('"', " ").strip()
    return f'{name}:"{value}"' if value else ""


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
        self._grams: GramIndex | None = None  # built by `index_grams` (for the app's searches)
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
        """The rows whose haystack contains `word`. `bound`: `rows` hold every row of the
        archive that contains it (so the gram index's exact answer needs no narrowing)."""
        hay = self._haystacks
        grams = self._grams  # another thread may set it meanwhile
        if grams is not None and word:
            maybe, exact = grams.candidates(word)
            if self._is_all(rows) or (bound and exact):
                rows = list(compress(self._every, maybe))
            elif exact or maybe.count(1) < len(rows) * 0.9:  # else the test below is as quick
                rows = list(compress(rows, map(maybe.__getitem__, rows)))
            if exact:
                return rows
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

    def index_grams(self) -> None:
        """Build the gram index (seconds at a million quotes): searches made meanwhile test
        every candidate haystack, those after it only the few a gram leaves in doubt."""
        from quotebrowser.grams import GramIndex  # deferred: numpy would delay the first screen

        if self._grams is None:
            self._grams = GramIndex(self._haystacks)

    @property
    def grams_ready(self) -> bool:
        return self._grams is not None

    def prepare(self) -> None:
        """Build ahead what the first field filter would otherwise build on a keystroke."""
        for name in PREPARED:
            self._column(name, FIELDS[name].value_of)

    def arrange(self, rows: Sequence[int], query: Query) -> Result:
        """Matching rows in the query's order, collapsed to statements if it asks; quotes
        marked "not a quote" only with show:rejected, only corrected ones with show:corrected."""
        outlets: dict[int, int] = {}
        if self._rejected and not query.rejected:
            rows = [r for r in rows if r not in self._rejected]
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


def candidate_speakers(people: WhosWho, query: Query) -> list[str | None] | None:
    """The speaker spellings whose quotes can match `query`, chosen among every spelling of the
    archive's who's who by name and by standing; None when the query does not narrow speakers."""
    narrowing = [(name, values) for name, values in query.terms if name in ("speaker", "group")]
    if not narrowing and query.scope is None:
        return None
    keep: list[str | None] = []
    for speaker in people.spellings():
        folded, group = fold(speaker or ""), people.group_of(speaker)
        if query.scope is not None:
            kind, value = query.scope
            if kind == "speaker" and ((not speaker) != (not value) or folded != fold(value or "")):
                continue
            if kind == "group" and group != value:
                continue
        ok = True
        for name, values in narrowing:
            if name == "group":
                ok = ok and group in values
            else:
                ok = ok and bool(speaker) and any(_words_match(folded, v) for v in values)
        if ok:
            keep.append(speaker)
    return keep


def select(store: Store, query: Query) -> tuple[Snapshot, Result]:
    """(the snapshot read, the result) of `query` on `store` (a Store). A query that names
    speakers or groups reads only those speakers' quotes (the store's index finds them);
    others read every quote. Both give the same quotes in the same order."""
    names = candidate_speakers(store.people(), query)  # as the user corrected them
    if query.show == "statements":  # it counts reprints across every quote
        names = None
    snapshot = store.snapshot() if names is None else store.snapshot_of_speakers(names)
    return snapshot, QuoteIndex.from_snapshot(snapshot).run(query)


def find(store: Store, text: str) -> list[Quote]:
    """The quotes in `store` that `text` selects, in the query's order."""
    snapshot, result = select(store, parse_query(text))
    return [snapshot.quotes[row] for row in result.rows]
