"""What an article's who-is-who holds: the people, organisations and documents it names, and
where it mentions them. Plain records; building them from the parse is `who_is_who.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.groups import group_for_role, head_title, title_nouns

_DATELINE_DASH = regex.compile(r"\s[-–—]\s")
_EX_PREFIX = regex.compile(r"(?i)\bex-")


_UNSET = object()


@dataclass(eq=False)
class Entity:
    """Someone or something the article names, with what it says of them."""

    name: str
    kind: str  # person | organization | document
    roles: list[str] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    gender: str | None = None
    learned: list[str] = field(default_factory=list)
    anonymous: bool = False  # an unnamed source, known only by a description
    honorific: bool = False  # called Mr, Mrs, Ms ... somewhere in the article
    affiliations: list[str] = field(default_factory=list)  # where they work, when no title
    # Role and group are read often (every description is tried against every person) and
    # change only when a role is added: computed once per change.
    _role: object = field(default=_UNSET, repr=False)
    _group: str | None = field(default=None, repr=False)

    def changed(self) -> None:
        self._role = _UNSET
        self._group = None

    def add_affiliation(self, body: str) -> None:
        self.affiliations.append(body)
        self.changed()

    @property
    def surname(self) -> str:
        return surname_key(self.name)

    @property
    def role(self) -> str | None:
        if self._role is _UNSET:
            self._role = self._most_informative_role()
        return self._role  # type: ignore[return-value]

    def _most_informative_role(self) -> str | None:
        """The most informative of the roles the article gives: a real title of this person
        (not "praise of the president", not "person") said of them rather than inferred from a
        description; then the highest group; then the fullest ("President of X" over "X
        President")."""
        titled = [r for r in map(clean_role, self.roles) if r and head_title(r)]
        if not titled:
            # No title, but where they work: "Jane Doe, of the Daily News" is of the Daily News.
            return self.affiliations[0] if self.affiliations else None
        learned = {clean_role(r) for r in self.learned}
        return max(
            titled,
            key=lambda r: (
                r not in learned,
                lx.GROUP_RANK.index(group_for_role(r)),
                " of " in r or " at " in r,
                len(r),
            ),
        )

    @property
    def group(self) -> str:
        if self._group is None:
            self._group = self._group_of_role()
        return self._group

    def _group_of_role(self) -> str:
        if self.kind == "organization":
            return "organization"
        if self.kind == "document":
            return "document"
        role = self.role
        if role and role in self.affiliations:
            return _affiliated_group(role)
        return group_for_role(role)

    def learn(self, description: str) -> None:
        """A description the article used for this person: matched later, shown if no role."""
        self.add_role(description)
        self.learned.append(description)
        self.changed()

    def add_role(self, role: str) -> None:
        role = role.strip(" ,;:-–—")
        if not role or role in self.roles:
            return
        self.roles.append(role)
        self.changed()
        words = role.split()
        self.titles |= title_nouns(role)
        self.places |= {
            w.lower().strip("’'s")
            for w in words
            if w[:1].isupper()
            and not lx.role_nouns([w])
            and w.lower() not in ("of", "the")
            and w.lower() not in lx.FORMER | lx.SUBORDINATE  # "Former Senator Doe": no place
            and w.lower() not in lx.PARTY_WORDS  # "the Democratic senator" is from anywhere
        }


def _affiliated_group(body: str) -> str:
    """The group of someone known only by where they are from ("Jane Doe, of the Harbour
    Institute,"): a public body's official; of a research body, a bank or a broker, or a news
    outlet, quoted for their view: an analyst (as columnists and critics are); else (a firm, a
    club) someone else."""
    words = {w.strip("’'.,").lower() for w in body.split()}
    if words & lx.PUBLIC_BODY_NAMES:
        return "official"
    if words & (lx.RESEARCH | lx.RESEARCH_WORDS | lx.FINANCE_BODY | lx.NEWS_OUTLET_WORDS):
        return "analyst"
    return "other"


def clean_role(role: str) -> str:
    """A role as a reader would write it: no dateline ("CITY - Prime Minister"), no stray
    spaces, titles spelt out ("Lt. Gov." is "Lieutenant Governor")."""
    role = " ".join(role.split())
    parts = _DATELINE_DASH.split(role)
    if len(parts) > 1 and parts[0].isupper():
        role = parts[-1]
    return _ABBREVIATED_TITLE.sub(_spelt_out, role)


# A capitalised abbreviated title as a word of its own ("Sen.", "Cllr"; not the "Col." of
# "R-Col.", nor the "Gen" of "Gen Z").
_ABBREVIATED_TITLE = regex.compile(r"(?<!\S)([A-Z][a-z]{1,3})(?:\.(?!\S)|(?!\S)(?!\s[A-Z]\b))")


def _spelt_out(m: regex.Match[str]) -> str:
    full = lx.TITLE_ABBREVIATIONS.get(m.group(1).lower())
    return full.capitalize() if full else m.group(0)


@dataclass(frozen=True, slots=True)
class Mention:
    pos: int
    entity: Entity
    subject: bool
    sentence: int  # article offset of the sentence's start
    voice: bool = False  # an organisation's unnamed spokesperson: "he" may refer to them
    main: bool = False  # the subject of the sentence's main verb (not of a clause inside it)
    heading: bool = False  # in a headline or subheading, which no pronoun looks back to


def surname_key(name: str) -> str:
    """ "doe" for "Jane Doe", "Jane Doe Jr." and "Jane Doe QC": a suffix or letters after a
    name are no surname."""
    parts = name.replace("’s", "").replace("'s", "").split()
    while len(parts) > 1 and parts[-1].lower() in lx.NAME_SUFFIXES | lx.POST_NOMINALS:
        parts.pop()
    return parts[-1].lower() if parts else ""


def place_match(a: str, b: str) -> bool:
    """German ~ Germany, Chinese ~ China, British ~ Britain: a shared stem of 4+ letters."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= min(len(a), len(b)) - 3


def held_formerly(person: Entity, nouns: set[str]) -> bool:
    """Every role of the person naming one of these titles says "former" ("ex-party MEP" too)."""
    held = [r for r in person.roles if lx.role_nouns(r.split()) & nouns]
    return bool(held) and all(map(past, held))


def all_former(person: Entity) -> bool:
    """Every role the article gives this person is a past one."""
    return bool(person.roles) and all(map(past, person.roles))


def past(role: str) -> bool:
    return bool(set(role.lower().split()) & lx.FORMER or _EX_PREFIX.search(role))


def role_initials(person: Entity) -> set[str]:
    """ "rnc" for a "Republican National Committee member": the bodies of a person's roles by
    their initials, as a later description may write them."""
    found = set()
    for role in person.roles:
        capitals = [w for w in role.split() if w[:1].isupper()]
        if len(capitals) >= 2:
            found.add("".join(w[0] for w in capitals).lower())
    return found


def bare_word(person: Entity) -> bool:
    """A one-word "name" with no first name, title or honorific anywhere in the article: as
    often a firm or a place the recogniser took for a person ("firms like Acme") as a person,
    so never the referent of "he" or "she"."""
    return " " not in person.name and not person.roles and not person.honorific


@dataclass(frozen=True, slots=True)
class Resolution:
    """Who a mention names, and which resolver said so (`resolvers.RESOLVERS`)."""

    entity: Entity | None
    surface: str  # the words of the mention, as written
    gender: str | None = None  # a pronoun's gender, learned for its person
    description: str | None = None  # a description first used for this person, learned
    voice: bool = False  # an organisation speaking through an unnamed spokesperson
    resolver: str | None = None
