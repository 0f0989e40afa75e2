"""One name per person across an archive, by the usual rules of news writing.

Articles name the same person differently: "Jane K. Doe" in one, "Jane Doe" in another, "Doe"
in a third. Within an archive:

- names that differ only in case, accents, spacing, middle initials or a suffix ("Jr.", "III")
  are one person, shown under their most quoted spelling;
- a surname-only speaker ("Doe", "De Vries") is the one person of that surname quoted in the
  same article; failing that, the one person of that surname the whole archive quotes. When two
  people share the surname, it stays as written: no guess;
- in one article, a first name alone ("Agnes") is the one person of that first name quoted
  there (unless someone of the archive has it as a surname);
- a name with words stuck before it ("Lib Dem Jane Doe") is the plain name the article (else
  the archive, when only one fits) also quotes;
- a speaker labelled an organisation whose name is the name of a person quoted in the same
  article, or the surname of the one person of that surname (in the article, else the archive),
  is that person.

Pure: names in, decisions out. The store applies them and records them; `keep_apart` holds the
names a user split off by hand, which then stay as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import regex

from quotebrowser.folding import fold, spelling_key

NOT_PEOPLE = frozenset({"organization", "document"})
# Lower-case particles that begin a surname ("de Blasio", "van der Berg", "bin Salman").
PARTICLES = frozenset(
    "de da di del della des du le la van von der den ter ten bin al el ibn".split()
)
SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_INITIAL = regex.compile(r"^\p{L}\.?$")
_HYPHEN = regex.compile(r"\s*[-‐–]\s*")
_POSSESSIVE = regex.compile(r"['’]s$")


@dataclass(frozen=True, slots=True)
class Merge:
    alias: str  # the name as written
    canonical: str  # the name the archive shows
    rule: str  # "spelling", "surname", "surname in article", "person, not organization"
    source: str | None = None  # the article, when the merge holds in that article only


class Speaker(NamedTuple):
    """One quote's speaker: the name as written, the group given, the article. (A tuple: the
    store passes its index rows as they come, some 300,000 at a million quotes.)"""

    name: str
    group: str
    source: str


@lru_cache(maxsize=65536)  # an archive repeats a few thousand names over many quotes
def name_key(name: str) -> tuple[str, ...]:
    """The words that identify a person: folded, without middle initials or suffixes.
    `name_key("Jane K. Doe") == name_key("jane doe")`."""
    name = _HYPHEN.sub("-", _POSSESSIVE.sub("", name.strip()))
    words = [w for w in fold(name).split() if w.strip(".,")]
    words = [w.rstrip(",") for w in words]
    while len(words) > 2 and words[-1] in SUFFIXES:
        words.pop()
    if len(words) > 2:
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return tuple(w.rstrip(".") for w in words)


def index_key(name: str, group: str) -> tuple[str, ...]:
    """Where a speaker goes in an index: a person by surname (with its particles), then given
    names ("Donald J. Trump" -> ("trump", "donald")); an organisation or a document by its
    name as written."""
    if group in NOT_PEOPLE:
        return (fold(name),)
    key = name_key(name)
    start = len(key) - 1
    while start > 0 and key[start - 1] in PARTICLES:
        start -= 1
    return (" ".join(key[start:]), *key[:start])


def surname_only(key: tuple[str, ...]) -> bool:
    """ "trump", "de blasio": a surname with its particles, no first name."""
    return bool(key) and all(w in PARTICLES for w in key[:-1])


@dataclass
class Identities:
    """The archive's decisions: each name as written -> the name shown for that person."""

    names: dict[str, str] = field(default_factory=dict)  # everywhere
    in_article: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, name)
    merges: list[Merge] = field(default_factory=list)

    def canonical(self, name: str, source: str | None = None) -> str:
        if source is not None and (source, name) in self.in_article:
            return self.in_article[(source, name)]
        return self.names.get(name, name)

    def aliases(self) -> dict[str, list[str]]:
        """Canonical name -> the other names merged into it."""
        found: dict[str, set[str]] = {}
        for m in self.merges:
            found.setdefault(m.canonical, set()).add(m.alias)
        return {name: sorted(aliases) for name, aliases in found.items()}


def resolve(speakers: Iterable[tuple[str, str, str]], keep_apart: Iterable[str] = ()) -> Identities:
    """Decide who is who across the archive from every quote's speaker (Speaker, or any
    (name, group, source) tuple)."""
    triples = list(speakers)
    tallies: dict[tuple[str, str], int] = {}
    for name, group, _ in triples:
        tallies[(name, group)] = tallies.get((name, group), 0) + 1

    def of_names(names: Collection[str]) -> list[tuple[str, str, str]]:
        return [t for t in triples if t[0] in names]

    def in_sources(sources: Collection[str]) -> list[tuple[str, str, str]]:
        return [t for t in triples if t[2] in sources]

    return resolve_tallies(
        ((name, group, n) for (name, group), n in tallies.items()), of_names, in_sources, keep_apart
    )


def resolve_tallies(
    tallies: Iterable[tuple[str, str, int]],
    of_names: Callable[[Collection[str]], Iterable[tuple[str, str, str]]],
    in_sources: Callable[[Collection[str]], Iterable[tuple[str, str, str]]],
    keep_apart: Iterable[str] = (),
) -> Identities:
    """`resolve`, from (name as written, group, number of speakers tuples) tallies, in the order
    of the names' first tuples; the (name, group, source) tuples are asked for only where an
    article decides: `of_names` gives those of some names, `in_sources` those of some articles.
    (A store's archive has some 300,000 of them at a million quotes; most names need none.)"""
    apart = {fold(n) for n in keep_apart}

    def kept(name: str) -> bool:
        return bool(name.strip()) and not (apart and fold(name) in apart)

    people: Counter[str] = Counter()  # name as written -> speakers tuples
    groups: dict[str, Counter[str]] = {}  # name as written -> its quotes' groups
    organization_names: set[str] = set()
    for name, group, n in tallies:
        if not kept(name):
            continue
        if group in NOT_PEOPLE:
            organization_names.add(name)
        else:
            people[name] += n
            groups.setdefault(name, Counter())[group] += n
    result = Identities()

    # Full names: one person per key, shown as their most quoted spelling.
    spellings: dict[tuple[str, ...], Counter[str]] = {}
    for name, count in people.items():
        key = name_key(name)
        if len(key) >= 2 and not surname_only(key):
            spellings.setdefault(key, Counter())[" ".join(name.split())] += count
    # Transliterations of one full name ("Rustam Aliarov", "Rustam Aliyarov") whose quotes give the
    # same group (or give none: "other") are one person too: the spellings count together.
    by_sound: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in spellings:
        by_sound.setdefault(tuple(spelling_key(w) for w in key), []).append(key)
    for keys in by_sound.values():
        if len(keys) < 2 or any(len(spelling_key(w)) < 4 for w in keys[0][-1:]):
            continue
        standing = {_main_group(groups, spellings[key]) for key in keys} - {"other"}
        if len(standing) > 1:
            continue  # the same letters, two capacities: two people, or no telling
        joined: Counter[str] = Counter()
        for key in keys:
            joined.update(spellings[key])
        for key in keys:
            spellings[key] = joined
    shown: dict[tuple[str, ...], str] = {
        key: min(counts, key=lambda n: (-counts[n], len(n), n)) for key, counts in spellings.items()
    }
    for name in people:
        key = name_key(name)
        if key in shown and shown[key] != name:
            result.names[name] = shown[key]
            result.merges.append(Merge(name, shown[key], "spelling"))

    # A surname is held by the full names (of people, or labelled organisations) ending in it.
    by_tail: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for key in [*shown, *(name_key(name) for name in organization_names)]:
        for n in range(1, len(key)):
            if surname_only(key[n:]):
                by_tail.setdefault(key[n:], set()).add(key)

    def described(name: str) -> list[tuple[str, ...]]:
        key = name_key(name)
        return [key[i:] for i in range(1, len(key) - 1) if key[i:] in shown]

    def may_be_person(organization: str) -> bool:
        """Whether a name labelled an organisation may be a person's (see the last rule): only
        when someone the archive quotes has that name, or that surname."""
        key = name_key(organization)
        if surname_only(key):
            return any(k in shown for k in by_tail.get(key, ()))
        return key in shown

    # The articles are read only for the names an article may decide: a description before
    # several names the archive knows, a surname or first name no one person holds, an
    # organisation named like a person; and then the full names quoted in those articles.
    local_organizations = {name for name in organization_names if may_be_person(name)}
    local_people = set()
    for name in people:
        key = name_key(name)
        if key in shown:
            if name not in result.names and len(described(name)) > 1:
                local_people.add(name)
        elif not (len(key) >= 2 and not surname_only(key)):
            found = by_tail.get(key, set())
            if not (len(found) == 1 and next(iter(found)) in shown):
                local_people.add(name)
    organizations: set[tuple[str, str]] = set()  # (source, name)
    sources_of: dict[str, set[str]] = {}  # of the names above only: the others need none
    local_names = local_organizations | local_people
    for name, group, source in of_names(local_names) if local_names else ():
        if group in NOT_PEOPLE:
            if name in local_organizations:
                organizations.add((source, name))
        elif name in local_people:
            sources_of.setdefault(name, set()).add(source)
    keys_in: dict[str, set[tuple[str, ...]]] = {}  # source -> full-name keys quoted there
    wanted = {source for source, _ in organizations}.union(*sources_of.values())
    full_keys: dict[str, tuple[str, ...] | None] = {}  # by name: these articles repeat names
    for name, group, source in in_sources(wanted) if wanted else ():
        if group in NOT_PEOPLE:
            continue
        if name not in full_keys:
            key = name_key(name)
            full = kept(name) and len(key) >= 2 and not surname_only(key)
            full_keys[name] = key if full else None
        key = full_keys[name]
        if key is not None:
            keys_in.setdefault(source, set()).add(key)

    # Words before a name the article (else the archive) also gives alone ("Lib Dem Jane Doe"
    # beside "Jane Doe") are a description that stuck to it: the same person, the plain name.
    for name in people:
        key = name_key(name)
        if key not in shown or name in result.names:
            continue
        everywhere = described(name)
        if len(everywhere) == 1:
            target = shown[everywhere[0]]
            result.names[name] = target
            result.merges.append(Merge(name, target, "description before the name"))
            continue
        for source in sorted(sources_of.get(name, ())):  # none when no article can decide
            plain = [k for k in everywhere if k in keys_in.get(source, set())]
            if len(plain) == 1:
                target = shown[plain[0]]
                result.in_article[(source, name)] = target
                result.merges.append(Merge(name, target, "description before the name", source))

    # Surnames: the one person of that surname in the article, else in the archive. A full name
    # labelled an organisation (the recogniser's mistake, often) still makes a surname ambiguous
    # (by_tail above).
    def holder(key: tuple[str, ...], source: str | None) -> tuple[str, ...] | None:
        found = by_tail.get(key, set())
        if source is not None:
            found = found & keys_in.get(source, set())
        return next(iter(found)) if len(found) == 1 and next(iter(found)) in shown else None

    for name in people:
        key = name_key(name)
        if len(key) >= 2 and not surname_only(key):
            continue
        everywhere = holder(key, None)
        if everywhere is not None:
            result.names[name] = shown[everywhere]
            result.merges.append(Merge(name, shown[everywhere], "surname"))
            continue
        for source in sorted(sources_of.get(name, ())):
            local = holder(key, source)
            rule = "surname in article"
            if local is None and len(key) == 1 and key not in by_tail:
                # "Agnes" in an article that quotes Agnes Doe: a first name, used as a name
                # only when nobody the archive knows has it as a surname.
                firsts = {k for k in keys_in.get(source, set()) if k[0] == key[0]}
                local = next(iter(firsts)) if len(firsts) == 1 else None
                rule = "first name in article"
            if local is not None:
                result.in_article[(source, name)] = shown[local]
                result.merges.append(Merge(name, shown[local], rule, source))

    # An organisation named like a person quoted in the same article (or, for a surname, like
    # the one person of that surname in the archive) is that person.
    for source, name in sorted(organizations):
        key = name_key(name)
        if surname_only(key):
            local = holder(key, source) or holder(key, None)
        else:
            local = key if key in keys_in.get(source, set()) else None
        if local is not None:
            result.in_article[(source, name)] = shown[local]
            result.merges.append(Merge(name, shown[local], "person, not organization", source))
    return result


def _main_group(groups: dict[str, Counter[str]], names: Counter[str]) -> str:
    """The group most of these names' quotes give."""
    total: Counter[str] = Counter()
    for name in names:
        total.update(groups.get(name, Counter()))
    return total.most_common(1)[0][0] if total else "other"


def _short_form(short: tuple[str, ...], full: tuple[str, ...]) -> bool:
    """`short` names `full` in fewer letters: a surname alone, fewer names, or a shorter first
    name that begins like the full one ("Joe" for "Joseph")."""
    if short == full or short[-1] != full[-1]:
        return False
    if surname_only(short) or (len(short) < len(full) and set(short) <= set(full)):
        return True
    return (
        len(short) == len(full) == 2
        and len(short[0]) < len(full[0])
        and short[0][:2] == full[0][:2]
    )


def likely_duplicates(people: Iterable[tuple[str, str | None]]) -> list[tuple[str, str, str]]:
    """Pairs of listed names that may be one person, from (name, role) pairs: names that share
    a surname and a role, or one a short form of the other. (name, other name, why)."""
    by_surname: dict[str, list[tuple[str, tuple[str, ...], str | None]]] = {}
    for name, role in people:
        key = name_key(name)
        if key:
            by_surname.setdefault(key[-1], []).append((name, key, role))
    found = []
    for same in by_surname.values():
        for i, (a, key_a, role_a) in enumerate(same):
            for b, key_b, role_b in same[i + 1 :]:
                if _short_form(key_a, key_b) or _short_form(key_b, key_a):
                    why = "one a short form of the other"
                elif role_a and role_b and fold(role_a) == fold(role_b):
                    why = f"same surname and role ({role_a})"
                else:
                    continue
                found.append((a, b, why))
    return found
