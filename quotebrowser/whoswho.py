"""The archive's who's who: each speaker as the whole archive shows them.

A person is every spelling of a name that differs only in case or accents (the store has already
merged other forms of one name: quotebrowser.identity). Across the archive, as the user's
corrections left it, a person has name forms, a count of quotes and of articles, the roles and
groups their articles give them, and one standing: the group they are listed and filtered under
and the role they are shown with (`standing`, the one place that decides them). The store's index
feeds it (StoreReader.people); it is built from quotes in memory where there is no store
(`WhosWho.of_quotes`: the eval, a test). The speakers panel, the detail pane, `group:` and
`speaker:` in the query language, `quotebrowser speakers`, the profile screen and `eval --who`
all read it.

A quote marked "not a quote" counts for no one; a speaker quoted only in such quotes still has a
standing (from those), so that `show:rejected group:X` finds them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from quotebrowser import folding
from quotebrowser.identity import NOT_PEOPLE
from quotebrowser.model import GROUPS, REPORTED, Quote
from quotebrowser.roles import most_informative

# Names repeat across thousands of quotes: fold each spelling once.
fold = lru_cache(maxsize=65536)(folding.fold)

GROUP_RANK = {group: rank for rank, group in enumerate(GROUPS)}

# (speaker, group, role, name as written, quotes alike): what the who's who is counted from.
Tally = tuple[str | None, str, str | None, str | None, int]


class Standing(NamedTuple):
    """The group a speaker is listed under across the archive, and the role shown for them."""

    group: str
    role: str | None


def standing(given: Iterable[tuple[str, str | None, int]]) -> Standing:
    """What group and role the archive gives a speaker, from the (group, role, quotes) their
    quotes give: the group of most of their quotes that give a role (a quote without one is
    "other" for want of information, not by evidence; an organisation or document is one by
    evidence), else of most of their quotes, a tie going to the earlier in GROUPS so that the
    answer does not hang on the order quotes were read in; the role the most informative of
    those given in that group (roles.most_informative), else in any."""
    counts: Counter[str] = Counter()
    informed: Counter[str] = Counter()
    roles: dict[str, Counter[str]] = {}
    for group, role, n in given:
        counts[group] += n
        if role or group in NOT_PEOPLE:  # an organisation or document is one by evidence
            informed[group] += n
        if role:
            roles.setdefault(group, Counter())[role] += n
    tally = informed or counts
    if not tally:
        return Standing("other", None)
    group = max(tally, key=lambda g: (tally[g], -GROUP_RANK.get(g, len(GROUP_RANK))))
    return Standing(group, most_informative(roles.get(group) or sum(roles.values(), Counter())))


@dataclass(frozen=True, slots=True)
class SpeakerProfile:
    """One person as the archive shows them."""

    name: str
    role: str | None
    group: str
    quotes: int  # quotations (direct and partial)
    documents: int
    aliases: tuple[str, ...] = ()  # other names the articles wrote for this person
    statements: int = 0  # reported statements: what they said without quotation marks


class _Person:
    __slots__ = ("aliases", "given", "quotes", "spellings", "statements")

    def __init__(self) -> None:
        self.spellings: Counter[str] = Counter()
        self.given: Counter[tuple[str, str | None]] = Counter()  # (group, role) -> quotes
        self.aliases: set[str] = set()
        self.quotes = 0  # quotations and reported statements alike
        self.statements = 0  # of which reported statements


class WhosWho:
    """Every speaker of an archive (or of a list of quotes), by folded name."""

    def __init__(
        self,
        kept: Iterable[Tally],
        documents: Mapping[str, int] | Callable[[], Mapping[str, int]] = dict,
        rejected: Iterable[Tally] = (),
        reported: Iterable[Tally] = (),
    ) -> None:
        """`kept`: the tallies of the quotes that count (quotations and reported statements
        alike: both make who a speaker is); `rejected`: of those marked "not a quote";
        `reported`: of the reported statements among `kept`, which a profile counts apart;
        `documents`: articles per folded name (or how to count them, when first asked: the
        speakers list wants them, the app's first screen does not)."""
        self._people = _count(kept)
        self._rejected = _count(rejected)
        for speaker, _group, _role, _written, n in reported:
            person = self._people.get(fold(speaker or ""))
            if person is not None:
                person.statements += n
        self._documents = documents
        self._standings: dict[str, Standing] = {}

    @classmethod
    def of_quotes(cls, quotes: Iterable[Quote]) -> WhosWho:
        kept: Counter[tuple[str | None, str, str | None, str | None]] = Counter()
        rejected: Counter[tuple[str | None, str, str | None, str | None]] = Counter()
        reported: Counter[tuple[str | None, str, str | None, str | None]] = Counter()
        sources: dict[str, set[str]] = {}
        for q in quotes:
            key = (q.speaker, q.group or "other", q.role, q.written_as)
            (rejected if q.rejected else kept)[key] += 1
            if q.kind == REPORTED and not q.rejected:
                reported[key] += 1
            if q.speaker and not q.rejected:
                sources.setdefault(fold(q.speaker), set()).add(q.source)
        return cls(
            [(*key, n) for key, n in kept.items()],
            {key: len(found) for key, found in sources.items()},
            [(*key, n) for key, n in rejected.items()],
            [(*key, n) for key, n in reported.items()],
        )

    def standing(self, name: str | None) -> Standing:
        """The group and role the archive gives the speaker of that name (None or "": the
        unattributed quotes, "other")."""
        key = fold(name or "")
        found = self._standings.get(key)
        if found is None:
            person = self._people.get(key) or self._rejected.get(key)
            if not key or person is None:
                found = Standing("other", None)
            else:
                found = standing((g, r, n) for (g, r), n in person.given.items())
            self._standings[key] = found
        return found

    def group_of(self, name: str | None) -> str:
        return self.standing(name).group

    def role_of(self, name: str | None) -> str | None:
        return self.standing(name).role

    def quotes_of(self, name: str | None) -> int:
        """Quotes that count, of the speaker of that name (None: of nobody)."""
        person = self._people.get(fold(name or ""))
        return person.quotes if person else 0

    def total(self) -> int:
        """Every quote that counts, attributed or not (reported statements too)."""
        return sum(person.quotes for person in self._people.values())

    def statements_total(self) -> int:
        """The reported statements among `total`."""
        return sum(person.statements for person in self._people.values())

    def name_length(self, share: float = 0.9) -> int:
        """The length that holds the shown names of `share` of the quotes that count (the
        unattributed ones: none): what a column of speakers needs."""
        sizes = sorted(
            (len(person.spellings.most_common(1)[0][0]), person.quotes)
            for key, person in self._people.items()
            if key and person.spellings
        )
        wanted, seen = share * sum(n for _, n in sizes), 0
        for length, n in sizes:
            seen += n
            if seen >= wanted:
                return length
        return 0

    def rejected_total(self) -> int:
        """The quotes marked "not a quote", which count for no one."""
        return sum(person.quotes for person in self._rejected.values())

    def name_of(self, name: str | None) -> str | None:
        """The spelling the archive shows for this person (their most quoted one)."""
        key = fold(name or "")
        person = self._people.get(key) or self._rejected.get(key)
        return person.spellings.most_common(1)[0][0] if key and person else None

    def profile(self, name: str) -> SpeakerProfile | None:
        """The person of that name (case and accents aside), if any quote of theirs counts."""
        key = fold(name)
        person = self._people.get(key)
        if not key or person is None:
            return None
        group, role = self.standing(key)
        if callable(self._documents):
            self._documents = self._documents()  # counted once, when first asked
        documents = self._documents
        return SpeakerProfile(
            name=person.spellings.most_common(1)[0][0],
            role=role,
            group=group,
            quotes=person.quotes - person.statements,
            documents=documents.get(key, 0),
            aliases=tuple(sorted(person.aliases, key=fold)),
            statements=person.statements,
        )

    def profiles(self) -> list[SpeakerProfile]:
        """Everyone quoted, most quoted first (unattributed quotes have no profile)."""
        found = [self.profile(key) for key in self._people if key]
        return sorted(
            (p for p in found if p is not None),
            key=lambda p: (-(p.quotes + p.statements), fold(p.name)),
        )

    def people(self) -> list[tuple[str | None, int, int, Standing]]:
        """(shown name, quotations, reported statements, standing) of each person whose quotes
        count, None for the unattributed: what the speakers panel lists."""
        return [
            (
                self.name_of(key),
                person.quotes - person.statements,
                person.statements,
                self.standing(key),
            )
            for key, person in self._people.items()
        ]

    def roles_given(self, name: str) -> list[tuple[str, str, int]]:
        """(role or "", group, quotes) as the articles give them, most given first."""
        person = self._people.get(fold(name))
        if person is None:
            return []
        return [(r or "", g, n) for (g, r), n in person.given.most_common()]

    def spellings(self) -> list[str | None]:
        """Every spelling of a speaker's name in the archive, those of quotes marked "not a
        quote" too (None: unattributed): what a query chooses speakers among."""
        found: list[str | None] = []
        for people in (self._people, self._rejected):
            for key, person in people.items():
                found.extend(person.spellings if key else [None])
        return list(dict.fromkeys(found))


def _count(rows: Iterable[Tally]) -> dict[str, _Person]:
    people: dict[str, _Person] = {}
    for speaker, group, role, written, n in rows:
        key = fold(speaker or "")
        person = people.get(key)
        if person is None:
            person = people[key] = _Person()
        if speaker:
            person.spellings[speaker] += n
        person.given[(group or "other", role or None)] += n
        if written and fold(written) != key:
            person.aliases.add(written)
        person.quotes += n
    return people


def outlets(quotes: Iterable[Quote], documents: Mapping[str, Any]) -> list[tuple[str | None, int]]:
    """Who quotes them: each outlet with the number of these quotes it carries, most first,
    then (None) those in articles that name no outlet. `documents`: DocumentInfo by source."""
    found: Counter[str | None] = Counter()
    for q in quotes:
        info = documents.get(q.source)
        found[info.outlet if info and info.outlet else None] += 1
    return sorted(found.items(), key=lambda item: (item[0] is None, -item[1]))
