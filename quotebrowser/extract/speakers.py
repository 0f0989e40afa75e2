"""The article's own table of who is who, and the resolution of a mention to a speaker.

Built from the article alone: PERSON/ORG entities, the titles before a name ("Danish Prime
Minister Jane Doe"), appositions ("Jane Doe, senior researcher at ..."), documents the article
introduces ("a joint statement declaring ..."). It resolves surnames, titles and descriptions
("the German chancellor", "the expert"), pronouns, organisations ("the ministry", "the country's
Defence Ministry") and documents ("the document said") to one canonical name with a role and group.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import regex
from spacy.tokens import Span, Token

from quotebrowser.extract import gender
from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.groups import OFFICE_HEADS, RANK, group_for_role, head_title
from quotebrowser.extract.syntax import (
    SUBJECT_DEPS,
    balanced,
    head_of,
    looks_like_full_name,
    noun_phrase,
    np_text,
    parsed,
    strip_determiners,
    words_text,
)

_AGE = regex.compile(r"\b(\d{1,3})\s*-\s*year\s*-\s*old\b")
_ROLE_STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM", "PUNCT", "PART"})


@dataclass(eq=False)
class Entity:
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

    @property
    def surname(self) -> str:
        return _surname_key(self.name)

    @property
    def role(self) -> str | None:
        """The most informative of the roles the article gives: a real title of this person
        (not "praise of the president", not "person") said of them rather than inferred from a
        description; then the highest group; then the fullest ("President of X" over "X
        President")."""
        titled = [r for r in map(_clean_role, self.roles) if r and head_title(r)]
        if not titled:
            # No title, but where they work: "Jane Doe, of the Daily News" is of the Daily News.
            return self.affiliations[0] if self.affiliations else None
        learned = {_clean_role(r) for r in self.learned}
        return max(
            titled,
            key=lambda r: (
                r not in learned,
                RANK.index(group_for_role(r)),
                " of " in r or " at " in r,
                len(r),
            ),
        )

    @property
    def group(self) -> str:
        if self.kind == "organization":
            return "organization"
        if self.kind == "document":
            return "document"
        role = self.role
        if role and role in self.affiliations and _news_outlet(role):
            # Known only as of a newspaper or channel: a journalist quoted for their view, as
            # a columnist or critic would be.
            return "analyst"
        return group_for_role(role)

    def learn(self, description: str) -> None:
        """A description the article used for this person: matched later, shown if no role."""
        self.add_role(description)
        self.learned.append(description)

    def add_role(self, role: str) -> None:
        role = role.strip(" ,;:-–—")
        if not role or role in self.roles:
            return
        self.roles.append(role)
        words = role.split()
        self.titles |= lx.role_nouns(words)
        self.places |= {
            w.lower().strip("’'s")
            for w in words
            if w[:1].isupper()
            and not lx.role_nouns([w])
            and w.lower() not in ("of", "the")
            and w.lower() not in lx.FORMER | lx.SUBORDINATE  # "Former Senator Doe": no place
            and w.lower() not in lx.PARTY_WORDS  # "the Democratic senator" is from anywhere
        }


def _label(ent: Span) -> str:
    """The recogniser's label, but a "person" named like a club or a firm ("Manchester
    United", "Acme Holdings") is an organisation."""
    words = [t for t in ent if t.lower_ not in ("'s", "’s")]
    if ent.label_ == "PERSON" and len(words) >= 2 and words[-1].lower_ in lx.ORGANIZATION_TAILS:
        return "ORG"
    return ent.label_


def _news_outlet(name: str) -> bool:
    return any(w in lx.NEWS_OUTLET_WORDS for w in name.lower().split())


def _clean_role(role: str) -> str:
    """A role as a reader would write it: no dateline ("CITY - Prime Minister"), no stray
    spaces, titles spelt out ("Lt. Gov." is "Lieutenant Governor")."""
    role = " ".join(role.split())
    parts = regex.split(r"\s[-–—]\s", role)
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


@dataclass(frozen=True, slots=True)
class Resolution:
    entity: Entity | None
    surface: str  # the words of the mention, as written
    gender: str | None = None  # a pronoun's gender, learned for its person
    description: str | None = None  # a description first used for this person, learned
    voice: bool = False  # an organisation speaking through an unnamed spokesperson


def _surname_key(name: str) -> str:
    parts = name.replace("’s", "").replace("'s", "").split()
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


class SpeakerTable:
    """Entities of one article and their mentions, in text order."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.people: dict[str, list[Entity]] = {}
        self.organizations: list[Entity] = []
        self.documents: list[Entity] = []
        self.mentions: list[Mention] = []
        self._mention_pos: list[int] = []
        self.places: list[tuple[int, str]] = []
        self._not_people: set[str] = set()
        # Entities named only by a bare description ("the report"): weaker than a real antecedent.
        self.adhoc: set[int] = set()
        # Unnamed people known by whose they are ("his agent"): one each, however often said.
        self.anonymous: list[Entity] = []
        self._build()

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        # First learn every name the article uses, so that a surname the entity recogniser
        # misses later ("In turn, Doe believes ...") is still known as that person.
        labels: dict[str, Counter[str]] = {}
        for unit in self.article.units:
            for ent in unit.doc.ents:
                labels.setdefault(ent.text, Counter())[_label(ent)] += 1
        # A name the recogniser calls a place or organisation more often than a person is not one.
        self._not_people = {
            text
            for text, c in labels.items()
            if c["PERSON"] and c["PERSON"] <= sum(c.values()) - c["PERSON"]
        }
        for unit in self.article.units:
            for ent in unit.doc.ents:
                if _label(ent) == "PERSON":
                    self._register_person(ent, unit, roles=False)
        self._grow_names()
        references: list[tuple[int, Token, Unit]] = []
        for unit in self.article.units:
            # (offset, order at one offset, what to do): mentions are added in text order.
            events: list[tuple[int, int, Callable[[], None]]] = []
            for ent in unit.doc.ents:
                pos = unit.offset + ent.start_char
                label = _label(ent)
                if label == "PERSON":
                    # A surname the recogniser labels a place elsewhere is still that person.
                    person = self._register_person(ent, unit) or self._known_name(list(ent))
                    if person is not None and not self.article.quoted(pos):
                        events.append((pos, 0, partial(self._mention, pos, person, ent.root, unit)))
                elif label in ("ORG", "FAC") and not self.article.quoted(pos):
                    person = self._known_name(list(ent))
                    if _described_as_person(ent):
                        person = self._person_named(list(ent))
                        events.append((pos, 0, partial(self._mention, pos, person, ent.root, unit)))
                    else:
                        events.append((pos, 1, partial(self._mention_organization, ent, unit, pos)))
                    if person is not None:
                        # A person the recogniser took for an organisation here: their title
                        # is still around the name ("former executive Jane Doe").
                        self._collect_roles(person, ent, unit)
                elif label == "GPE" and not self.article.quoted(pos):
                    self.places.append((pos, ent.text))
            for token in unit.doc:
                pos = unit.offset + token.idx
                if self.article.quoted(pos):
                    continue
                if self._unlabelled_name(token):
                    # A first and last name the recogniser missed, as a subject or in apposition
                    # to a role ("Another analyst, Jane Doe, ...").
                    name = _name_tokens(noun_phrase(token))
                    if len(name) >= 2:
                        person = self._person_named(name)
                        events.append((pos, 0, partial(self._mention, pos, person, token, unit)))
                elif token.ent_type_ != "PERSON" and self.known_surname(token):
                    found = self._find_person(token.text)
                    if found is not None:
                        events.append((pos, 0, partial(self._mention, pos, found, token, unit)))
            chunks = unit.doc.noun_chunks if unit.doc.has_annotation("DEP") else ()
            for chunk in chunks:
                pos = unit.offset + chunk.start_char
                if self.article.quoted(pos) or chunk.root.lemma_.lower() not in lx.DOCUMENT_NOUNS:
                    continue
                events.append((pos, 2, partial(self._mention_document, chunk, unit, pos)))
            for token in unit.doc:
                pos = unit.offset + token.idx
                if self.article.quoted(pos):
                    continue
                if (
                    token.dep_ in SUBJECT_DEPS
                    and not token.ent_type_
                    and (token.lower_ in lx.PERSON_PRONOUNS or lx.role_nouns([token.text]))
                    and not _names_someone(token)
                ):
                    references.append((pos, token, unit))
                elif _named_organization_subject(token):
                    # "Westvale police said": an organisation the recogniser did not label.
                    org = self._organization(np_text(strip_determiners(noun_phrase(token))))
                    events.append((pos, 0, partial(self._mention, pos, org, token, unit)))
            for _pos, _order, add in sorted(events, key=lambda e: (e[0], e[1])):
                add()
        self._learn_genders()
        self._learn_references(references)

    def _mention_organization(self, ent: Span, unit: Unit, pos: int) -> None:
        org = self._register_organization(ent, unit)
        if org is not None:
            self._mention(pos, org, ent.root, unit)

    def _mention_document(self, chunk: Span, unit: Unit, pos: int) -> None:
        entity = self._register_document(chunk, unit, pos)
        if entity is not None:
            self._mention(pos, entity, chunk.root, unit)

    # ----- learning -------------------------------------------------------------------------

    def _learn_genders(self) -> None:
        """A pronoun with one person before it in its own sentence ("Doe said her ward ...",
        "Doe replied, saying he ...") is that person's: the article's own word on their gender,
        which outweighs the first-name list. (Across sentences a pronoun may skip the last
        person named, so only its own sentence binds it.)"""
        for unit in self.article.units:
            for sent in unit.doc.sents:
                start = unit.offset + sent.start_char
                for token in sent:
                    pronoun_gender = _pronoun_gender(token.lower_)
                    pos = unit.offset + token.idx
                    if pronoun_gender is None or self.article.quoted(pos):
                        continue
                    if token.dep_ in ("dobj", "obj", "pobj", "dative", "iobj"):
                        # An object pronoun is rarely the person just named: "Doe resigned
                        # after criticising him" speaks of someone else.
                        continue
                    people = self._people_between(start, pos)
                    if len(people) == 1:
                        person = people.pop()
                        if person.gender is None:
                            person.gender = pronoun_gender

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions at article offsets start <= pos < end, in text order."""
        lo = bisect.bisect_left(self._mention_pos, start)
        hi = bisect.bisect_left(self._mention_pos, end)
        return self.mentions[lo:hi]

    def _people_between(self, start: int, end: int) -> set[Entity]:
        return {
            m.entity
            for m in self.between(start, end)
            if m.entity.kind == "person" and not _bare_word(m.entity)
        }

    def _learn_references(self, references: list[tuple[int, Token, Unit]]) -> None:
        """Pronouns and descriptions as subjects ("She said", "The minister added"), in text
        order: each resolved one is a mention of its person for the ones after it."""
        for pos, token, unit in sorted(references, key=lambda r: r[0]):
            resolution = self.resolve(noun_phrase(token), unit, pos)
            entity = resolution.entity
            if entity is not None and (entity.kind == "person" or resolution.voice):
                self.learn(resolution, pos, token, unit)

    def learn(self, resolution: Resolution, pos: int, root: Token, unit: Unit) -> None:
        """What a resolved mention teaches: it is a mention of its entity (for the pronouns and
        descriptions after it), the pronoun's gender, the description it was called by."""
        entity = resolution.entity
        if entity is None:
            return
        if resolution.gender and entity.gender is None:
            entity.gender = resolution.gender
        if resolution.description:
            entity.learn(resolution.description)
        if pos not in self._mention_pos[bisect.bisect_left(self._mention_pos, pos) :][:1]:
            self._mention(pos, entity, root, unit, resolution.voice)

    def _mention(
        self, pos: int, entity: Entity, root: Token, unit: Unit, voice: bool = False
    ) -> None:
        sentence = unit.offset + root.sent.start_char
        i = bisect.bisect_right(self._mention_pos, pos)
        self._mention_pos.insert(i, pos)
        # A name in apposition to the subject ("The head of X, Jane Doe, said") is the subject.
        subject = root.dep_ in SUBJECT_DEPS or (
            root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS
        )
        anchor = root.head if root.dep_ == "appos" else root
        main = subject and anchor.head.dep_ == "ROOT"
        self.mentions.insert(i, Mention(pos, entity, subject, sentence, voice, main))

    def _person_tokens(self, ent: Span) -> list[Token]:
        return _name_tokens(list(ent))

    def _grow_names(self) -> None:
        """ "Jane Doe" where the recogniser only saw "Doe" (or took "Jane Doe" for a place)."""
        for unit in self.article.units:
            for token in unit.doc:
                if not self.known_surname(token):
                    continue
                first = token.i
                while (
                    first > 0
                    and unit.doc[first - 1].tag_ == "NNP"
                    and unit.doc[first - 1].text[:1].isupper()
                    and unit.doc[first - 1].lower_ not in lx.HONORIFICS
                    and not lx.role_nouns([unit.doc[first - 1].text])
                    and unit.doc[first - 1].lower_ not in OFFICE_HEADS  # "Justice Doe"
                    and not _agent_noun(unit.doc[first - 1].text)
                    and token.i - first < 2
                ):
                    first -= 1
                if first < token.i:
                    self._person_named(list(unit.doc[first : token.i + 1]))

    def _unlabelled_name(self, token: Token) -> bool:
        if token.ent_type_ in ("ORG", "GPE", "FAC", "LOC", "NORP", "PERSON", "DATE"):
            return False
        if token.lower_ in self.people or not looks_like_full_name(token):
            return False
        if lx.role_nouns([token.text]):
            return False  # "the Danish Prime Minister": a title, not a name
        # "Engineer Jane Doe": the title is not part of the name, but a name must remain.
        name = _name_tokens(noun_phrase(token))
        if len(name) < 2 or any(
            lx.role_nouns([t.text]) or t.lower_ in lx.HONORIFICS or not t.text[:1].isupper()
            for t in name
        ):
            return False
        return token.dep_ == "nsubj" or (
            token.dep_ == "appos" and bool(lx.role_nouns([token.head.text]))
        )

    def _titled_name(self, words: list[Token]) -> Entity | None:
        """ "Councillor Jane Doe" whatever label the recogniser gave it: a title, then a name."""
        if len(words) < 2 or not (
            lx.role_nouns([words[0].text]) or words[0].lower_ in lx.HONORIFICS
        ):
            return None
        name = _name_tokens(words)
        if not name or any(
            not t.text[:1].isupper()
            or t.tag_ != "NNP"
            or lx.role_nouns([t.text])
            or t.lemma_.lower() in lx.ORGANIZATION_NOUNS
            for t in name
        ):
            return None
        return self._person_named(name)

    def _known_name(self, words: list[Token]) -> Entity | None:
        """The person whose name (or surname) these capitalised words are, if one is known."""
        name = _name_tokens(words)
        if not name or not all(t.text[:1].isupper() or t.text == "-" for t in name):
            return None
        return self._find_person(words_text(name))

    def known_surname(self, token: Token) -> bool:
        return token.pos_ == "PROPN" and token.text[:1].isupper() and token.lower_ in self.people

    def _register_person(self, ent: Span, unit: Unit, roles: bool = True) -> Entity | None:
        if ent.text in self._not_people or _is_modifier(ent):
            return None
        tokens = self._person_tokens(ent)
        if not tokens or not any(t.text[:1].isupper() for t in tokens):
            return None
        person = self._person_named(tokens)
        if roles and not self.article.quoted(unit.offset + ent.start_char):
            self._collect_roles(person, ent, unit)
        return person

    def _find_person(self, name: str, pos: int | None = None) -> Entity | None:
        candidates = self.people.get(_surname_key(name), [])
        if not candidates:
            return None
        for person in candidates:
            # "De Blasio" after "Bill de Blasio": a surname with its particle.
            if len(name.split()) > 1 and person.name.lower().endswith(" " + name.lower()):
                return person
        first = name.split()[0].lower() if len(name.split()) > 1 else None
        if first:
            for person in candidates:
                parts = person.name.split()
                if len(parts) == 1 or parts[0].lower() == first:
                    return person
            return None
        return self._most_recent(candidates, pos)

    def _most_recent(self, candidates: list[Entity], pos: int | None = None) -> Entity:
        """The one of these last mentioned (before `pos`, when resolving a mention there: a
        bare "Osbourne" is not the wife the article names only later)."""
        for mention in reversed(self.mentions if pos is None else self.before(pos)):
            if mention.entity in candidates:
                return mention.entity
        return candidates[-1]

    def _collect_roles(self, person: Entity, ent: Span, unit: Unit) -> None:
        doc = unit.doc
        before = doc[ent.start - 1] if ent.start > 0 else None
        if ent[0].lower_ in lx.MALE_HONORIFICS or (
            before is not None and before.lower_ in lx.MALE_HONORIFICS
        ):
            person.gender = "male"
            person.honorific = True
        elif ent[0].lower_ in lx.FEMALE_HONORIFICS or (
            before is not None and before.lower_ in lx.FEMALE_HONORIFICS
        ):
            person.gender = "female"
            person.honorific = True
        # A title right before the name: "Danish Prime Minister Jane Doe".
        title = _pre_title(doc, ent.start, ent.sent.start)
        if title:
            person.add_role(title)
        # A title inside the entity: spaCy sometimes includes "President" in the name span.
        inner = [t for t in ent if lx.role_nouns([t.text])]
        if inner and inner[0].i == ent.start:
            person.add_role(np_text(list(ent[: inner[-1].i - ent.start + 1])))
        # An apposition after it: "Jane Doe, senior researcher at the Institute of ...,".
        after = _apposition_after(doc, ent.end, ent.sent.end)
        if after:
            if after.split()[0].lower() in ("of", "at", "from"):
                # "Professor Jane Doe, of the School of ...": one role in two places.
                after = f"{title} {after}" if title else after.split(" ", 1)[-1]
            person.add_role(after)
        # An apposition before it: "The Supreme Commander, Jane Doe, ...".
        before_role = _apposition_before(doc, ent.start, ent.sent.start)
        if before_role:
            person.add_role(before_role)
        office = _office_clause(doc, ent.end, ent.sent.end)
        if office:
            person.add_role(office)
        # Where they work, when the article gives no title: "Entertainment Weekly's Jane Doe",
        # "Jane Doe, from the Daily News,".
        affiliation = _affiliation(doc, ent.start, ent.end, ent.sent)
        if affiliation:
            person.affiliations.append(affiliation)

    def _register_organization(self, ent: Span, unit: Unit) -> Entity | None:
        if any(self.known_surname(t) for t in ent) or self._known_name(list(ent)):
            return None  # a person the recogniser mislabelled
        tokens = strip_determiners(balanced(_org_phrase(ent)))
        if not tokens:
            return None
        name = np_text(tokens)
        if name.lower().endswith(("’s", "'s")):
            name = name[:-2]
        return self._organization(name)

    def _organization(self, name: str) -> Entity:
        lowered = name.lower()
        for org in self.organizations:
            if org.name.lower() == lowered:
                return org
        if _ACRONYM.match(name):
            for org in self.organizations:
                if _initials(org.name) == name:
                    return org  # "RACA" after "the Regional Air Carriers Association (RACA)"
        for org in self.organizations:
            # "the Ministry" after "the Ministry press service": the same speaker, named shorter.
            if org.name.lower().startswith(lowered + " "):
                return org
        for org in self.organizations:
            if lowered.startswith(org.name.lower() + " "):
                org.name = name  # the fuller name is canonical
                return org
        org = Entity(name=name, kind="organization")
        self.organizations.append(org)
        return org

    def _register_document(self, chunk: Span, unit: Unit, pos: int) -> Entity | None:
        root = chunk.root
        if root.tag_ in ("NNS", "NNPS"):
            return None  # "energy bills", "the reports": no one text that speaks
        tokens = list(chunk)
        if chunk[0].lower_ in lx.INDEFINITE_DETERMINERS:
            # "a report on energy bills": what it is about names it.
            for child in root.rights:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if child.dep_ == "prep" and child.lower_ in lx.DOCUMENT_TOPIC_PREPOSITIONS:
                    if objects:
                        end = noun_phrase(objects[0])[-1].i
                        tokens = list(chunk.doc[chunk.start : end + 1])
                    break
        tokens = strip_determiners(tokens)
        if len(tokens) < 2 or root.lemma_.lower() in lx.ISSUER_DOCUMENT_NOUNS:
            return None  # "the document" refers back; it does not introduce one
        doc_entity = Entity(name=np_text(tokens), kind="document")
        self.documents.append(doc_entity)
        return doc_entity

    # ----- resolution -----------------------------------------------------------------------

    def before(self, pos: int) -> list[Mention]:
        return self.mentions[: bisect.bisect_left(self._mention_pos, pos)]

    def resolve(self, np: list[Token], unit: Unit, pos: int) -> Resolution:
        """Resolve a speaker mention (the words of a noun phrase) as of article offset `pos`."""
        surface = np_text(np)
        if len(np) == 1 and np[0].lower_ in lx.PERSON_PRONOUNS:
            # "he", and "her" in "in her view" (which strip_determiners takes for a determiner).
            pronoun = np[0].lower_
            return Resolution(self._pronoun(pronoun, pos), surface, _pronoun_gender(pronoun))
        words = strip_determiners(np)
        if not words:
            return Resolution(None, surface)
        titled = self._titled_name(words)
        if titled is not None:
            return Resolution(titled, surface)
        if len(words) == 1 and _ACRONYM.match(words[0].text):
            # "IATA said", however the tagger read it: an organisation, by its initials.
            return Resolution(self._organization(words[0].text), surface)
        lowered = [t.lower_ for t in words]
        person_tokens = [
            t
            for t in words
            if (t.ent_type_ == "PERSON" and t.text not in self._not_people) or self.known_surname(t)
        ]
        head = head_of(words)
        named = _appositive_name(head, self)
        org_head = head.lemma_.lower() in lx.ORGANIZATION_NOUNS
        if named is not None and head not in person_tokens and not org_head:
            # "The minister responsible, Jane Doe, said": the name in apposition is the speaker.
            return Resolution(self._person_named(named, pos), surface)
        spokesperson_for = _spokesperson_for(head)
        if spokesperson_for is not None and np[0].lower_ in lx.INDEFINITE_DETERMINERS:
            # "a spokesperson for the ministry": an unnamed voice of the organisation.
            entity = self.resolve(spokesperson_for, unit, pos).entity
            return Resolution(entity, surface, voice=entity is not None)
        if person_tokens and head in person_tokens:
            # Only the name the head belongs to: "Acme campaign manager Jane Doe" names Doe.
            run = [head]
            for t in reversed(person_tokens[: person_tokens.index(head)]):
                if t.i != run[0].i - 1 and not (t.i == run[0].i - 2 and t.nbor().text == "-"):
                    break
                run.insert(0, t)
            return Resolution(self._person_named(run, pos), surface)
        known = self._known_name(words)
        if known is not None:
            # "Moreau-Diallo added" labelled an organisation: a person the article named.
            return Resolution(known, surface)
        if len(words) >= 3 and _agent_noun(words[0].text) and all(t.tag_ == "NNP" for t in words):
            # "Harbourmaster Jane Doe", whatever label the recogniser gave it.
            return Resolution(self._person_named(words, pos), surface)
        if len(words) == 1 and lowered[0] in lx.PERSON_PRONOUNS:
            return Resolution(
                self._pronoun(lowered[0], pos), surface, gender=_pronoun_gender(lowered[0])
            )
        if len(words) == 1 and lowered[0] in lx.GROUP_PRONOUNS:
            recent = [m for m in self.before(pos) if m.entity.kind != "person"]
            return Resolution(recent[-1].entity if recent else None, surface)
        head = head_of(words)
        head_lemma = head.lemma_.lower()
        if head_lemma in lx.DOCUMENT_NOUNS:
            issuer = _issued_by(head)
            if issuer:
                # "a statement from the ministry": the ministry is speaking.
                resolved = self.resolve(issuer, unit, pos)
                if resolved.entity is not None and resolved.entity.kind != "document":
                    return Resolution(resolved.entity, surface)
            return Resolution(self._document(words, head_lemma, pos), surface)
        # "the Arsenal boss", "the UKIP MEP": a person the organisation's name only places.
        person_head = bool(lx.role_nouns([head.text])) and head.tag_ in ("NN", "NNP")
        has_org = not person_head and any(t.ent_type_ in ("ORG", "FAC") for t in words)
        if has_org or head_lemma in lx.ORGANIZATION_NOUNS or head.lower_ in lx.ORGANIZATION_NOUNS:
            return Resolution(self._resolve_organization(words, head, pos), surface)
        if all(t.ent_type_ in ("GPE", "NORP") for t in words):
            return Resolution(self._organization(np_text(words)), surface)
        age = _AGE.search(np_text(words))
        if age and not any(t.lower_ in lx.INDEFINITE_DETERMINERS for t in np[:1]):
            return Resolution(self._aged(age.group(1), pos), surface)
        nouns = lx.role_nouns([t.text for t in words])
        if head.lemma_.lower() in lx.RELATIONAL_NOUNS and head.tag_ == "NN":
            owned = self._someones(np, head, unit, pos)
            if owned is not None:
                return Resolution(owned, surface)
        if nouns:
            if head.tag_ in ("NNS", "NNPS"):
                return Resolution(None, surface)  # "officials said": no one in particular
            if (
                lowered[0] in lx.INDEFINITE_DETERMINERS
                or np[0].lower_ in lx.INDEFINITE_DETERMINERS | lx.UNNAMED_MARKERS
                or set(lowered) & lx.UNNAMED_MARKERS
            ):
                if self.article.layout.index_of(pos) <= lx.LEAD_PARAGRAPHS:
                    named, _ = self._descriptor(words, nouns, pos, lead=True)
                    if named is not None:
                        return Resolution(named, surface)
                # "one resident", "an Israeli official", "this source", "the second official":
                # someone the article does not name.
                return Resolution(self._anonymous(np), surface)
            person, weak = self._descriptor(
                words, nouns, pos, sentence=unit.offset + head.sent.start_char
            )
            if head.lower_ in lx.SPOKESPEOPLE and (
                person is None or head.lower_ not in person.titles
            ):
                # "the prime minister's official spokesman": unnamed unless someone in the
                # article holds that very title.
                return Resolution(self._anonymous(np), surface)
            # A description that only fits by nearness is learned as what the person is called.
            return Resolution(person, surface, description=np_text(words) if weak else None)
        if head.pos_ == "PROPN" and head.text[:1].isupper():
            # A name the entity recogniser missed ("said Mr Smith").
            return Resolution(self._person_named(words, pos), surface)
        return Resolution(None, surface)

    def _someones(self, np: list[Token], head: Token, unit: Unit, pos: int) -> Entity | None:
        """ "his agent", "Doe's lawyer": someone unnamed known by whose they are, called
        "Jane Doe's agent" (the same person each time the article says it)."""
        owners = [c for c in head.children if c.dep_ == "poss"]
        if not owners:
            return None
        owner = self.resolve(noun_phrase(owners[0]), unit, pos).entity
        if owner is None or owner.kind != "person" or owner.anonymous:
            return None
        rest = [t for t in np if t.i > max(s.i for s in owners[0].subtree) and not t.is_punct]
        name = f"{owner.name}'s {np_text(rest)}"
        for entity in self.anonymous:
            if entity.name == name:
                return entity
        entity = Entity(name=name, kind="person", anonymous=True)
        entity.gender = lx.NOUN_GENDERS.get(head.lower_)
        entity.add_role(np_text(rest))
        self.anonymous.append(entity)
        return entity

    def _anonymous(self, np: list[Token]) -> Entity:
        """An unnamed source, called what the article calls them ("an Israeli official")."""
        words = [t for t in np if not t.is_punct]
        description = np_text(words)
        if words and words[0].lower_ in lx.DETERMINERS:
            description = words[0].lower_ + description[len(words[0].text) :]
        entity = Entity(name=description, kind="person", anonymous=True)
        entity.add_role(np_text(strip_determiners(words)))
        self.adhoc.add(id(entity))
        return entity

    def _aged(self, age: str, pos: int) -> Entity | None:
        """ "the 54-year-old": the person the article gave that age ("Jane Doe, 54,")."""
        people = [m for m in self.before(pos) if m.entity.kind == "person"]
        text = self.article.text
        for mention in reversed(people):
            after = text[mention.pos : mention.pos + lx.AGE_WINDOW_CHARS]
            if regex.search(rf"^[^,()]{{0,40}}[,(]\s*{age}\b", after):
                return mention.entity
        return people[-1].entity if people else None

    def _person_named(self, tokens: list[Token], pos: int | None = None) -> Entity:
        name = words_text(_name_tokens(tokens))
        person = self._find_person(name, pos)
        if person is None:
            person = Entity(name=name, kind="person")
            self.people.setdefault(person.surname, []).append(person)
        elif len(name.split()) > len(person.name.split()):
            person.name = name
        return person

    def gender_of(self, person: Entity) -> str | None:
        """What the article said (honorifics, pronouns learned), else the first name's."""
        if person.gender is not None:
            return person.gender
        parts = person.name.split()
        return gender.of_first_name(parts[0]) if len(parts) > 1 else None

    def _pronoun(self, pronoun: str, pos: int) -> Entity | None:
        """The person the pronoun can refer to (by gender) in the most recent sentence that
        names one: its subject first, else the last named."""
        wanted = (
            "male"
            if pronoun in lx.MALE_PRONOUNS
            else ("female" if pronoun in lx.FEMALE_PRONOUNS else None)
        )
        mentions = [
            m
            for m in self.before(pos)
            if (m.entity.kind == "person" or m.voice)
            and self.gender_of(m.entity) in (None, wanted)
            and not _bare_word(m.entity)
        ]
        if not mentions:
            return None
        last_sentence = mentions[-1].sentence
        same = [m for m in mentions if m.sentence == last_sentence]
        # "When Doe spoke, Roe differed. He said ...": the main clause's subject first.
        main = [m for m in same if m.main]
        if main:
            return main[-1].entity  # the nearest, when a name in apposition is taken for one
        subjects = [m for m in same if m.subject]
        return (subjects or same)[0 if subjects else -1].entity

    def _document(self, words: list[Token], head_lemma: str, pos: int) -> Entity | None:
        recent = self.before(pos)
        if head_lemma in lx.ISSUER_DOCUMENT_NOUNS:
            orgs = [m for m in recent if m.entity.kind == "organization"]
            if orgs:
                return orgs[-1].entity
        if len(words) > 1:
            name = np_text(words)
            for entity in self.documents:
                if entity.name.lower() == name.lower():
                    return entity
        docs = [m for m in recent if m.entity.kind == "document"]
        if docs:
            return docs[-1].entity
        # A document the article names only now ("the report said"): the words are all we know.
        name = np_text(words) if len(words) > 1 else f"the {words[0].text}"
        for entity in self.documents:
            if entity.name.lower() == name.lower():
                return entity
        entity = Entity(name=name, kind="document")
        self.documents.append(entity)
        self.adhoc.add(id(entity))
        return entity

    def _resolve_organization(self, words: list[Token], head: Token, pos: int) -> Entity | None:
        tokens = list(words)
        # "the country's Defence Ministry": the country is the one the article last named.
        for i, t in enumerate(tokens):
            if (
                t.lower_ in ("country", "nation", "state")
                and i + 1 < len(tokens)
                and tokens[i + 1].lower_ in ("'s", "’s")
            ):
                place = self._place_before(pos)
                if place:
                    rest = np_text(tokens[i + 2 :])
                    return self._organization(f"{place}'s {rest}")
        named = [t for t in tokens if t.ent_type_ in ("ORG", "FAC", "PERSON")]
        if named and named[-1].i == tokens[-1].i and named[0].i != tokens[0].i:
            # "the charity Friends of the Sea": the organisation's own name is enough.
            tokens = tokens[tokens.index(named[0]) :]
        name = np_text(tokens)
        generic = not named and all(not t.text[:1].isupper() for t in tokens)
        if generic:
            # "the ministry": the organisation of that kind the article last named.
            for mention in reversed(self.before(pos)):
                entity = mention.entity
                if entity.kind == "organization" and head.lower_ in entity.name.lower().split():
                    return entity
            for org in reversed(self.organizations):
                if head.lower_ in org.name.lower().split():
                    return org
            if head.lemma_.lower() in lx.PROTAGONIST_ORGANIZATION_NOUNS:
                # "the club said", "the company added": the organisation the article is about.
                counts = Counter(
                    m.entity.name for m in self.before(pos) if m.entity.kind == "organization"
                )
                if counts:
                    top = max(counts.values())
                    for mention in reversed(self.before(pos)):
                        if counts.get(mention.entity.name) == top:
                            return mention.entity
            if len(tokens) == 1:
                return None  # "the ministry" with no ministry named: nobody we can name
        return self._organization(name)

    def _place_before(self, pos: int) -> str | None:
        i = bisect.bisect_left(self.places, (pos, ""))
        return self.places[i - 1][1] if i else None

    def _descriptor(
        self,
        words: list[Token],
        nouns: set[str],
        pos: int,
        lead: bool = False,
        sentence: int | None = None,
    ) -> tuple[Entity | None, bool]:
        """ "the German chancellor", "the head of the agency", "the expert": someone named.
        With `lead`, only someone the article names further down with that office ("A UKIP
        MEP has suggested ..." then "MEP Jane Doe")."""
        lowered = {t.lower_ for t in words}
        places = {
            t.text.lower()
            for t in words
            if t.text[:1].isupper()
            and not lx.role_nouns([t.text])
            and t.lower_ not in ("of", "the")
            and t.lower_ not in lx.PARTY_WORDS
        }
        wants_leader = (bool(nouns & lx.LEADER_TITLES) and not lowered & lx.SUBORDINATE) or (
            "head" in nouns and lowered & {"state", "government"}
        )
        class_nouns = nouns & (lx.ANALYST_TITLES | {"official", "leader", "head"})

        former = bool(lowered & lx.FORMER)

        def fits(person: Entity) -> int:
            """2+: the description names this person's office; 1: only the place fits; -1: no."""
            score = 0
            if nouns & person.titles and (former or not _held_formerly(person, nouns)):
                score += 2  # "the governor" is not the former governor
            group = person.group
            if class_nouns & lx.ANALYST_TITLES and group == "analyst":
                score += 2
            # A party's "leader" is no head of government: that title alone does not fit.
            heads = person.titles & lx.LEADER_TITLES - {"leader"}
            if wants_leader and (group == "leader" or heads):
                score += 2
            if "official" in class_nouns and group == "official":
                score += 2
            if places and person.places:
                if any(place_match(p, q) for p in places for q in person.places) or (
                    places & _role_initials(person)
                ):
                    score += 1
                elif person.places - lowered:
                    # (A capitalised title word the description also has, the "trade" of
                    # "Trade Minister", places no one.)
                    return -1
            return score

        before = [] if lead else self.before(pos)
        # In the description's own sentence its subject cannot be meant ("Doe attacked Roe,
        # claiming the United manager ..."), but the one other person named there may be.
        own = [m for m in before if m.sentence == sentence and m.entity.kind == "person"]
        subjects = {m.entity for m in own if m.subject}  # "She said the deputy ..."
        others = {m.entity for m in own if not m.subject} - subjects
        best: tuple[float, int, Entity] | None = None
        for order, mention in enumerate(before):
            person = mention.entity
            if person.kind != "person":
                continue
            score: float = fits(person)
            if score < 0:
                continue
            if score == 1 and nouns <= lx.GENERIC_HEADS and not lead:
                # "the United boss" and a person placed at United, whatever their title: more
                # than nearness alone.
                score = 1.5
            elif score < 2:
                # Nothing known of this person's office yet: a description right after their
                # name ("Doe arrived. The German chancellor said ...") may introduce it.
                nearby = (
                    others == {person} and bool(own) and any(m.subject for m in own)
                    if mention.sentence == sentence
                    else mention.subject and person not in subjects
                )
                # Someone known by another office is someone else ("the defence minister" is
                # not the foreign minister), unless both offices are past ones: "the former
                # cabinet secretary" may well be the "former civil service chief" just quoted.
                other_office = (person.titles or person.places) and not (
                    former and _all_former(person)
                )
                if other_office or not nearby or pos - mention.pos > lx.RECENT_CHARS:
                    continue
                score = 1
            key = (score, order)
            if best is None or key > best[:2]:
                best = (score, order, person)
        if best is None or best[0] < 2:
            # A lead that describes someone the article names only further down
            # ("Veldavia's prime minister has called ..." ... "Prime Minister Jane Doe").
            ahead = [
                m.entity
                for m in self.mentions[len(self.before(pos)) :]
                if m.entity.kind == "person" and fits(m.entity) >= 2
            ]
            if ahead and all(e is ahead[0] for e in ahead):  # two MEPs named later: which?
                return ahead[0], False
        if best is None:
            return None, False
        return best[2], best[0] == 1


_ACRONYM = regex.compile(r"^\p{Lu}{2,8}$")


def _initials(name: str) -> str:
    words = [w for w in regex.split(r"[\s\-]+", name) if w and w.lower() not in lx.NAME_SMALL_WORDS]
    return "".join(w[0] for w in words).upper()


def _held_formerly(person: Entity, nouns: set[str]) -> bool:
    """Every role of the person naming one of these titles says "former" ("ex-party MEP" too)."""
    held = [r for r in person.roles if lx.role_nouns(r.split()) & nouns]
    return bool(held) and all(map(_past, held))


def _all_former(person: Entity) -> bool:
    """Every role the article gives this person is a past one."""
    return bool(person.roles) and all(map(_past, person.roles))


def _past(role: str) -> bool:
    return bool(set(role.lower().split()) & lx.FORMER or regex.search(r"(?i)\bex-", role))


def _role_initials(person: Entity) -> set[str]:
    """ "rnc" for a "Republican National Committee member": the bodies of a person's roles by
    their initials, as a later description may write them."""
    found = set()
    for role in person.roles:
        capitals = [w for w in role.split() if w[:1].isupper()]
        if len(capitals) >= 2:
            found.add("".join(w[0] for w in capitals).lower())
    return found


def _bare_word(person: Entity) -> bool:
    """A one-word "name" with no first name, title or honorific anywhere in the article: as
    often a firm or a place the recogniser took for a person ("firms like Acme") as a person,
    so never the referent of "he" or "she"."""
    return " " not in person.name and not person.roles and not person.honorific


def _pronoun_gender(pronoun: str) -> str | None:
    if pronoun in lx.MALE_PRONOUNS:
        return "male"
    return "female" if pronoun in lx.FEMALE_PRONOUNS else None


def _named_organization_subject(token: Token) -> bool:
    return (
        token.dep_ in SUBJECT_DEPS
        and not token.ent_type_
        and token.lemma_.lower() in lx.ORGANIZATION_NOUNS
        and any(
            c.dep_ in ("compound", "amod")
            and c.text[:1].isupper()
            and c.i < token.i
            and c.ent_type_ not in ("PERSON", "NORP")
            for c in token.lefts
        )
    )


def _names_someone(token: Token) -> bool:
    """ "Former prosecutor and Mayor Jane Doe": a title whose phrase holds the name itself is
    that person's, never a description of someone named before."""
    return any(
        c.dep_ == "conj"
        and any(t.ent_type_ == "PERSON" or looks_like_full_name(t) for t in c.subtree)
        for c in token.children
    )


def _described_as_person(ent: Span) -> bool:
    """ "Jane Doe, who has worked here for years, ...": "who" makes a person of an ORG label."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 2]
    if len(after) == 2 and after[0].text == "," and after[1].lower_ == "who":
        return len(ent) >= 2 and all(t.text[:1].isupper() for t in ent)
    return False


def _name_tokens(tokens: list[Token]) -> list[Token]:
    """A person's name without titles, honorifics or a possessive ending."""
    tokens = [t for t in tokens if not t.is_punct or t.text in "-"]
    while tokens and (
        tokens[0].lower_ in lx.HONORIFICS
        or tokens[0].lower_ in lx.DETERMINERS
        or lx.role_nouns([tokens[0].text])
    ):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower_ in ("’s", "'s", "’", "'"):
        tokens = tokens[:-1]
    if len(tokens) >= 3 and _agent_noun(tokens[0].text):
        tokens = tokens[1:]  # "Campaigner Jane Doe": a description in front of the name
    titles = [i for i, t in enumerate(tokens[:-1]) if lx.role_nouns([t.text])]
    if titles:
        # "Acme campaign manager Jane Doe": the name is what follows the last title word.
        tokens = tokens[titles[-1] + 1 :]
    return tokens


def _titles_someone(tokens: list[Token]) -> bool:
    """A role phrase: a role noun of the lexicon, or a common noun for a person known by its
    ending ("glaciologist", "forecaster"), which only a title's place makes one."""
    return bool(lx.role_nouns([t.text for t in tokens])) or any(
        t.pos_ == "NOUN" and not t.ent_type_ and lx.person_suffixed(t.text) for t in tokens
    )


def _office_title(tokens: list[Token]) -> bool:
    """ "Supreme Court Justice": an office read only as a title's capitalised head."""
    return tokens[-1].text[:1].isupper() and head_title(np_text(tokens)) in OFFICE_HEADS


def _agent_noun(word: str) -> bool:
    """Campaigner, Harbourmaster, Activist: a capitalised description rather than a first name."""
    return len(word) >= 7 and word.lower().endswith(lx.AGENT_SUFFIXES) and not lx.role_nouns([word])


def _issued_by(head: Token) -> list[Token] | None:
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ or obj.pos_ == "PROPN"):
                    return noun_phrase(obj)
    return None


def _appositive_name(head: Token, table: SpeakerTable) -> list[Token] | None:
    """ "the opposition leader, Jane Doe": the name in apposition to a person's description.

    The entity recogniser often labels such names ORG or PRODUCT; in apposition to a role noun a
    first-and-last-name pair is taken as a person all the same."""
    person_head = bool(lx.role_nouns([head.text]))
    for child in head.children:
        if child.dep_ != "appos":
            continue
        if (
            child.ent_type_ == "PERSON"
            or table.known_surname(child)
            or (person_head and looks_like_full_name(child))
        ):
            return noun_phrase(child)
    return None


def _spokesperson_for(head: Token) -> list[Token] | None:
    if head.lower_ not in lx.SPOKESPEOPLE:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (
                    obj.ent_type_ in ("ORG", "GPE", "NORP", "FAC")
                    or obj.lemma_.lower() in lx.ORGANIZATION_NOUNS
                ):
                    return noun_phrase(obj)
    # "a Ministry of Health spokesperson": the organisation named in front of the word.
    named = [t for t in head.subtree if t.i < head.i and t.ent_type_ in ("ORG", "FAC", "GPE")]
    return named or None


def _is_modifier(ent: Span) -> bool:
    """ "the Danish president": a one-word "name" modifying a role noun is an adjective."""
    if len(ent) != 1:
        return False
    token = ent[0]
    return token.pos_ == "ADJ" or (
        token.dep_ in ("amod", "compound")
        and bool(lx.role_nouns([token.head.text]))
        and token.head.ent_type_ != "PERSON"
    )


def _org_phrase(ent: Span) -> list[Token]:
    """The organisation's full name: the entity grown to its noun chunk ("the X press service")."""
    root = ent.root
    # Grow right over compound nouns that the entity is a modifier of.
    head = root
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.i != root.i and head.lemma_.lower() in lx.ORGANIZATION_NOUNS | {"service"}:
        start = min(ent.start, min(t.i for t in head.subtree if t.i <= head.i))
        tokens = [t for t in ent.doc[start : head.i + 1]]
        return tokens
    return list(ent)


def _pre_title(doc, start: int, sent_start: int) -> str | None:
    """Title words right before a name: capitalised or role nouns, "of", "the" in between."""
    i = start - 1
    tokens: list[Token] = []
    while i >= sent_start:
        t = doc[i]
        if t.ent_type_ == "PERSON" or (t.pos_ in _ROLE_STOP_POS and t.text not in "-–"):
            break
        if t.pos_ == "ADP" and t.lower_ not in ("of", "for"):
            break
        if t.pos_ == "DET" and t.lower_ != "the":
            break
        if t.lower_ == "the" and (i == sent_start or doc[i - 1].lower_ not in ("of", "for")):
            break
        tokens.insert(0, t)
        i -= 1
    while tokens and tokens[0].lower_ in ("of", "for", "the"):
        tokens = tokens[1:]
    while tokens and tokens[-1].lower_ in ("of", "for", "the"):
        tokens = tokens[:-1]
    # "Former civil service chief Lord Doe": the honorific belongs to the name.
    while tokens and tokens[-1].lower_ in lx.MALE_HONORIFICS | lx.FEMALE_HONORIFICS:
        tokens = tokens[:-1]
    # "the endorsement of Gov. Jane Doe": while the phrase is no title, drop what comes before
    # its next "of" ("Secretary of State Jane Doe" is one, and stays whole).
    while tokens and not head_title(np_text(tokens)):
        cut = [k for k, t in enumerate(tokens) if t.lower_ in ("of", "for")]
        if not cut:
            break
        tokens = tokens[cut[0] + 1 :]
    if not tokens or not (_titles_someone(tokens) or _office_title(tokens)):
        return None
    # "Doe's spokesman Jane Roe": a possessive naming a person makes it someone else's title.
    for t in tokens:
        if t.lower_ in ("'s", "’s") and t.i > 0 and doc[t.i - 1].ent_type_ == "PERSON":
            return None
    return np_text(tokens)


def _apposition_after(doc, end: int, sent_end: int) -> str | None:
    """ ", senior researcher at the Institute of ...," or " - then adviser to the president -"
    right after a name."""
    if end + 2 < sent_end and doc[end].text == doc[end + 2].text == "," and doc[end + 1].like_num:
        end += 2  # "Jane Doe, 68, a glaciologist at ...": the age, then the title
    if end >= sent_end or doc[end].text not in (",", *_DASHES):
        return None
    closer = (",", ";", "(", ")") if doc[end].text == "," else _DASHES
    tokens: list[Token] = []
    i = end + 1
    while i < sent_end:
        t = doc[i]
        if t.text in closer or (t.is_sent_end and t.is_punct):
            break
        if (t.pos_ in ("VERB", "AUX") and t.dep_ != "amod") or (
            t.pos_ == "PRON" and t.lower_ in ("who", "which")
        ):
            return None  # a clause, not a title ("a fired campaign manager" is one)
        tokens.append(t)
        i += 1
    tokens = strip_determiners(tokens)
    if not tokens or len(tokens) > lx.APPOSITION_AFTER_TOKENS or _lists_people(tokens):
        return None  # "X, Y and Z": a list of people, not a title
    words = [t.text for t in tokens]
    if not _titles_someone(tokens) and not {w.lower() for w in words} & lx.ANALYST_PLACES:
        return None
    return np_text(tokens)


_DASHES = ("-", "–", "—")


def _lists_people(tokens: list[Token]) -> bool:
    """A person named in a role phrase as a person, not as whose the role is ("Doe's campaign
    manager") or to whom ("adviser to President Doe")."""
    for k, t in enumerate(tokens):
        if t.ent_type_ != "PERSON" or t.lower_ in ("'s", "’s"):
            continue
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        owner = after is not None and (after.ent_type_ == "PERSON" or after.lower_ in ("'s", "’s"))
        if not owner and not any(u.pos_ == "ADP" for u in tokens[:k]):
            return True
    return False


def _office_clause(doc, end: int, sent_end: int) -> str | None:
    """ ", who chairs the Commons work and pensions committee," -> "chair of the Commons work
    and pensions committee": the office a relative clause right after a name gives."""
    if end + 2 >= sent_end or doc[end].text != "," or doc[end + 1].lower_ != "who":
        return None
    verb = doc[end + 2]
    office = lx.OFFICE_VERBS.get(verb.lemma_.lower())
    if office is None or verb.pos_ != "VERB" or not parsed(verb):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    if not objects:
        return None
    body = [t for t in objects[0].subtree if t.i < sent_end]
    while body and (body[-1].dep_ == "cc" or body[-1].is_punct):
        body.pop()  # "who directed American Pie and About A Boy", parsed short
    if not body or len(body) > lx.APPOSITION_AFTER_TOKENS or _lists_people(body):
        return None
    return f"{office} of {np_text(body)}"


def _affiliation(doc, start: int, end: int, sent: Span) -> str | None:
    """The organisation a name is given as belonging to, without a title: a possessive right
    before it ("Entertainment Weekly's Jane Doe") or ", from/of the Daily News," after it."""
    if start >= sent.start + 2 and doc[start - 1].lower_ in ("'s", "’s"):
        owner = doc[start - 2]
        if owner.ent_type_ == "ORG":
            first = owner.i
            while first - 1 >= sent.start and doc[first - 1].ent_type_ == "ORG":
                first -= 1
            return np_text(list(doc[first : owner.i + 1]))
    if end + 2 < sent.end and doc[end].text == "," and doc[end + 1].lower_ in ("from", "of"):
        tokens = strip_determiners(list(doc[end + 2 : sent.end])[: lx.APPOSITION_AFTER_TOKENS])
        org = []
        for t in tokens:
            if t.ent_type_ != "ORG":
                break
            org.append(t)
        after = doc[org[-1].i + 1] if org and org[-1].i + 1 < sent.end else None
        if org and (after is None or after.text in (",", ".", "-", "–", "—")):
            return np_text(org)
    return None


def _apposition_before(doc, start: int, sent_start: int) -> str | None:
    """ "The Supreme Commander, Jane Doe, ..." : a role phrase, a comma, then the name."""
    while start - 1 >= sent_start and doc[start - 1].lower_ in lx.HONORIFICS:
        start -= 1  # ", Dr Jane Doe,"
    if start - 1 < sent_start or doc[start - 1].text != ",":
        return None
    tokens: list[Token] = []
    i = start - 2
    while i >= sent_start:
        t = doc[i]
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod":  # "a leading researcher" reads on
            return None  # "... punching a protester, Doe said": the verb's object, not a title
        if t.text in (",", ";", ":"):
            break
        tokens.insert(0, t)
        i -= 1
    # "Last month the housing minister, Jane Doe, ...": the date is not part of the title.
    while tokens and tokens[0].ent_type_ in ("DATE", "TIME"):
        tokens = tokens[1:]
    tokens = strip_determiners(tokens)
    if (
        not tokens
        or len(tokens) > lx.APPOSITION_BEFORE_TOKENS
        or not _titles_someone(tokens)
    ):
        return None
    if tokens[0].pos_ in ("ADP", "SCONJ", "ADV"):
        return None  # "During the talks with the president, Doe ...": a phrase, not a title
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return None
    return np_text(tokens)
