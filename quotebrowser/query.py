"""The query language users type, in the app's search bar and in `quotebrowser quotes QUERY`.

One parser (`parse_query`), and one engine that runs what it parses on the store's index
(quotebrowser/store/search.py), so the same text gives the same quotes everywhere. A query is
free words (each must occur in the quote text, the speaker or the article's title and outlet),
plus `field:value` tokens from `FIELDS`, and the options `sort:KEY`
and `show:statements` (one row per statement: reprints of it in other articles collapse into
one row with a count of outlets). Reported statements (kind "reported": what was said without
quotation marks) are left out unless a `kind:` token names them (`kind:reported`, `kind:all`),
as quotes marked "not a quote" are unless `show:rejected`. Matching ignores case and accents.
Values with spaces go in double quotes (`speaker:"de la Cruz"`), or follow the colon after a
space (`speaker: doe`).
Tokens of one field are alternatives (`speaker:a speaker:b` is either speaker); fields and
words narrow each other. An unknown field, group, kind, sort key or show value is an error that
names the valid ones.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal, Protocol

from quotebrowser.errors import UserError
from quotebrowser.folding import fold
from quotebrowser.identity import index_key
from quotebrowser.model import GROUPS, KINDS, QUOTATION_KINDS, REPORTED, Quote
from quotebrowser.whoswho import WhosWho


class QueryError(UserError):
    """A query that names an unknown field or value; the message lists the valid ones."""


@dataclass(frozen=True, slots=True)
class Article:
    """What a query knows of a quote's article."""

    label: str = ""  # title and outlet: free words and `source:` search it
    date: str = ""  # ISO date as detected, "" when unknown
    outlet: str = ""


Mode = Literal["words", "prefix", "choice"]
# A choice field's choices, and the choices that stand for several values.
Options = tuple[tuple[str, ...], dict[str, tuple[str, ...]]]


class Archive(Protocol):
    """What a field's value may need beyond its quote: the group its speaker is listed under."""

    def group_of(self, quote: Quote) -> str: ...


@dataclass(frozen=True, slots=True)
class Field:
    """One `name:value` filter.

    `words`: every word of the value occurs in the quote's (folded) value; `prefix`: the quote's
    value starts with it; `choice`: the value names one of `choices` (by a prefix or a plural).
    """

    name: str
    help: str
    # (quote, its article, the index: what is known across the archive) -> the quote's value
    value_of: Callable[[Quote, Article, Archive], str | None]
    mode: Mode = "words"
    choices: tuple[str, ...] = ()
    # A choice that stands for several values ("guess": every guessing rule).
    stands_for: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Choices another module knows, read when a query first names the field (see `_evidence`).
    load: Callable[[], Options] | None = None

    def options(self) -> Options:
        """The choices and what each stands for."""
        return self.load() if self.load else (self.choices, self.stands_for)


@cache
def _evidence() -> Options:
    """The attribution rules' names, and `guess` for the guesses among them. Imported only
    when a query names `evidence:`: the rules bring the extractor's resolvers with them, a
    twentieth of a second that every `quotes` run and the app's start would otherwise pay."""
    from quotebrowser.extract.rules import EVIDENCE, GUESSES

    return (*EVIDENCE, "guess"), {"guess": tuple(e for e in EVIDENCE if e in GUESSES)}


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
        # Reported statements (no quotation marks) are left out unless a `kind:` asks for them:
        # `kind:reported` alone, `kind:all` beside the quotations.
        Field(
            "kind",
            "direct or partial quote, reported (what they said without quotation marks: left "
            "out unless asked for), quotation (direct and partial), or all",
            lambda q, a, ix: q.kind,
            "choice",
            (*KINDS, "quotation", "all"),
            {"quotation": QUOTATION_KINDS, "all": KINDS},
        ),
    ]
    # The attribution rule that named the speaker; `guess` stands for the guesses from context.
    found.append(
        Field(
            "evidence",
            "the rule that found the speaker (guess: the ones to check)",
            lambda q, a, ix: q.evidence,
            "choice",
            load=_evidence,
        )
    )
    return {f.name: f for f in found}


FIELDS: dict[str, Field] = _fields()


def _sort_keys() -> dict[str, Callable[[Quote, Article], tuple]]:
    return {
        "date": lambda q, a: (not a.date, a.date),  # oldest first, undated last
        # By surname, as an index orders people; organisations by their name.
        "speaker": lambda q, a: (q.speaker is None, index_key(q.speaker or "", q.group)),
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
    def reported(self) -> bool:
        """Reported statements may match: a `kind:` term names them (else they are left out)."""
        return REPORTED in self.values("kind")


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
            # `speaker: doe`: the value follows after a space.
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
            choices, stands_for = f.options()
            chosen = _choose(f, value, choices) if f.mode == "choice" else (value,)
            for v in (w for c in chosen for w in stands_for.get(c, (c,))):
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


def _words_match(value: str, alternative: str) -> bool:
    return all(w in value for w in alternative.split())


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


class Searchable(Protocol):
    """What runs a query: the store (its index), which imports this module, not the reverse."""

    def search(self, query: Query) -> Sequence[Quote]: ...


def select(store: Searchable, query: Query) -> Sequence[Quote]:
    """The quotes `query` selects in `store`, in the query's order, read from its index a
    page at a time (as the user's corrections show them)."""
    return store.search(query)


def find(store: Searchable, text: str) -> list[Quote]:
    """The quotes in `store` that `text` selects, in the query's order."""
    return list(select(store, parse_query(text)))
