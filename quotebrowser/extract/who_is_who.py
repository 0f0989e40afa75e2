"""The article's own table of who is who: built from the article alone, before any quote is
attributed.

PERSON/ORG entities, the titles before a name ("Danish Prime Minister Jane Doe") and appositions
("Jane Doe, senior researcher at ...") through `titles.py`, names the recogniser missed, documents
the article introduces ("a joint statement declaring ..."), and every mention in text order.
Resolving a mention to one of them is `resolvers.py`.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING

import regex

from quotebrowser.extract import gender
from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.entities import (
    Entity,
    Mention,
    Resolution,
    bare_word,
    place_match,
    surname_key,
)
from quotebrowser.extract.names import (
    ACRONYM,
    agent_noun,
    described_as_person,
    initial,
    initials,
    is_modifier,
    label,
    name_tokens,
    named_organization_subject,
    names_someone,
    org_phrase,
    person_at_end,
    pronoun_gender,
    same_first_name,
)
from quotebrowser.extract.syntax import (
    SUBJECT_DEPS,
    balanced,
    looks_like_full_name,
    noun_phrase,
    np_text,
    strip_determiners,
    words_text,
)
from quotebrowser.extract.titles import collect_roles
from quotebrowser.folding import spelling_key

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from quotebrowser.extract.article import Article, Unit

_COUNTRY = r"(?P<adj>\p{Lu}[\p{L}\-]+?)(?:['’]s)?"
_GOVERNMENT = regex.compile(
    rf"^(?:[Tt]he\s+)?(?:{_COUNTRY}\s+[Gg]overnment|[Gg]overnment\s+of\s+(?:the\s+)?(?P<of>.+))$"
)
_CAPITAL_AFTER = regex.compile(
    rf",\s+(?:the\s+)?(?:{_COUNTRY}\s+capital|capital\s+of\s+(?:the\s+)?(?P<of>\p{{Lu}}[\p{{L}}\-]+))\b"
)
_CAPITAL_BEFORE = regex.compile(rf"\bthe\s+{_COUNTRY}\s+capital,?\s+$")
# "director of the Institute": a body a role names by its first word alone.
_SHORT_BODY = regex.compile(r"\b(?:of|at) the (\p{Lu}[\p{L}\-]+)$")


class WhoIsWho:
    """The people, organisations and documents of one article, and their mentions in text
    order: built once from the parse, before any quote is attributed."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.people: dict[str, list[Entity]] = {}
        self.organizations: list[Entity] = []
        self.documents: list[Entity] = []
        self.mentions: list[Mention] = []
        self._mention_pos: list[int] = []
        # Each entity's mentions in text order, so that "who was named before here" is a
        # lookup per entity rather than a walk over every mention (linear-time articles).
        self._entity_mentions: dict[int, tuple[Entity, list[int], list[Mention]]] = {}
        self.places: list[tuple[int, str]] = []
        self._not_people: set[str] = set()
        self._countries: Counter[str] = Counter()  # the places named, how often
        self.capitals: dict[str, str] = {}  # a capital -> the country, as the article says
        # Surnames by their spelling key, for the other transliterations of one name.
        self._spellings: dict[str, str] = {}
        self._place_words: set[str] = set()
        # Entities named only by a bare description ("the report"): weaker than a real antecedent.
        self.adhoc: set[int] = set()
        # Unnamed people known by whose they are ("his agent"): one each, however often said.
        self.anonymous: list[Entity] = []
        self.references: list[tuple[int, Token, Unit]] = []
        self._pronouns: list[tuple[int, Token, Unit]] = []  # unquoted, for their genders
        self._headings: dict[int, bool] = {}  # paragraph -> whether it is a heading
        self._build()

    # ----- building -------------------------------------------------------------------------

    def _build(self) -> None:
        # First learn every name the article uses, so that a surname the entity recogniser
        # misses later ("In turn, Doe believes ...") is still known as that person.
        labels: dict[str, Counter[str]] = {}
        for unit in self.article.units:
            for ent in unit.doc.ents:
                labels.setdefault(ent.text, Counter())[label(ent)] += 1
        self._countries = Counter({text: c["GPE"] for text, c in labels.items() if c["GPE"]})
        # Words the article names places by: "Freedonia Jane Doe" is Jane Doe of Freedonia.
        self._place_words = {
            text for text, c in labels.items() if (c["GPE"] or c["NORP"]) and " " not in text
        }
        # A name the recogniser calls a place or organisation more often than a person is not one.
        self._not_people = {
            text
            for text, c in labels.items()
            if c["PERSON"] and c["PERSON"] <= sum(c.values()) - c["PERSON"]
        }
        for unit in self.article.units:
            for ent in unit.doc.ents:
                if label(ent) == "PERSON":
                    self._register_person(ent, unit, roles=False)
        self._grow_names()
        references: list[tuple[int, Token, Unit]] = []
        for unit in self.article.units:
            # (offset, order at one offset, what to do): mentions are added in text order.
            events: list[tuple[int, int, Callable[[], None]]] = []
            for ent in unit.doc.ents:
                pos = unit.offset + ent.start_char
                kind = label(ent)
                if kind == "PERSON":
                    # A surname the recogniser labels a place elsewhere is still that person.
                    person = self._register_person(ent, unit) or self.known_name(list(ent))
                    if person is not None and not self.article.quoted(pos):
                        events.append((pos, 0, partial(self._mention, pos, person, ent.root, unit)))
                elif kind in ("ORG", "FAC") and not self.article.quoted(pos):
                    person = self.known_name(list(ent))
                    named = person_at_end(ent)
                    if person is None and named is not None:
                        # "Speaker of Parliament Jane Doe" labelled an organisation: a title,
                        # then a first name and a surname.
                        person = self.person_named(list(named))
                        at = unit.offset + named.start_char
                        events.append((at, 0, partial(self._mention, at, person, named.root, unit)))
                        collect_roles(person, named, unit)
                        continue
                    if described_as_person(ent):
                        person = self.person_named(list(ent))
                        events.append((pos, 0, partial(self._mention, pos, person, ent.root, unit)))
                    else:
                        events.append((pos, 1, partial(self._mention_organization, ent, unit, pos)))
                    if person is not None:
                        # A person the recogniser took for an organisation here: their title
                        # is still around the name ("former executive Jane Doe").
                        collect_roles(person, ent, unit)
                elif kind == "GPE" and not self.article.quoted(pos):
                    self.places.append((pos, ent.text))
                    self._learn_capitals(ent, unit)
            named: list[tuple[int, int, Callable[[], None]]] = []
            for token in unit.tokens:
                pos = unit.offset + token.idx
                if self.article.quoted(pos):
                    continue
                if self._unlabelled_name(token):
                    # A first and last name the recogniser missed, as a subject or in apposition
                    # to a role ("Another analyst, Jane Doe, ...").
                    name = name_tokens(noun_phrase(token))
                    if len(name) >= 2:
                        person = self.person_named(name)
                        events.append((pos, 0, partial(self._mention, pos, person, token, unit)))
                elif token.ent_type_ != "PERSON" and self.known_surname(token):
                    found = self.find_person(token.text)
                    if found is not None:
                        events.append((pos, 0, partial(self._mention, pos, found, token, unit)))
                if token.lower_ in lx.PERSON_PRONOUNS or token.lower_ in lx.THING_POSSESSIVES:
                    self._pronouns.append((pos, token, unit))
                if (
                    token.dep_ in SUBJECT_DEPS
                    and not token.ent_type_
                    and (token.lower_ in lx.PERSON_PRONOUNS or lx.role_nouns([token.text]))
                    and not names_someone(token)
                ):
                    references.append((pos, token, unit))
                elif named_organization_subject(token):
                    # "Westvale police said": an organisation the recogniser did not label.
                    org = self.organization(np_text(strip_determiners(noun_phrase(token))))
                    named.append((pos, 0, partial(self._mention, pos, org, token, unit)))
            chunks = unit.doc.noun_chunks if unit.doc.has_annotation("DEP") else ()
            for chunk in chunks:
                pos = unit.offset + chunk.start_char
                if self.article.quoted(pos) or chunk.root.lemma_.lower() not in lx.DOCUMENT_NOUNS:
                    continue
                events.append((pos, 2, partial(self._mention_document, chunk, unit, pos)))
            events += named
            for _pos, _order, add in sorted(events, key=lambda e: (e[0], e[1])):
                add()
        self._learn_genders()
        self._learn_kinds()
        self._spell_out_bodies()
        # Pronouns and descriptions as subjects, in text order: resolvers.learn_references
        # reads them once the table is built (a resolved one is a mention for the ones after).
        self.references = sorted(references, key=lambda r: r[0])

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
        for pos, token, unit in self._pronouns:
            said = pronoun_gender(token.lower_)
            if said is None or token.dep_ in ("dobj", "obj", "pobj", "dative", "iobj"):
                # An object pronoun is rarely the person just named: "Doe resigned after
                # criticising him" speaks of someone else.
                continue
            start = unit.offset + token.sent.start_char
            people = self._people_between(start, pos)
            if len(people) == 1:
                person = people.pop()
                # A possessive is the subject's ("Doe said her ward ..."); said of anyone else it
                # may be someone else's ("ahead of Doe, who is 14 years her junior"), and never
                # overrules what the first name says.
                subject = any(m.subject for m in self.between(start, pos) if m.entity is person)
                if person.gender is None and (
                    token.dep_ in SUBJECT_DEPS
                    or (subject and self.gender_of(person) in (None, said))
                ):
                    person.gender = said

    def _heading(self, index: int) -> bool:
        """A headline or a subheading: one short line, no closing punctuation, its words
        mostly capitalised ("Minister Does Not Rule Out Talks")."""
        if index not in self._headings:
            start, end = self.article.layout.paragraphs[index]
            line = self.article.text[start:end]
            words = line.split()
            capitalised = sum(1 for w in words if w[:1].isupper())
            self._headings[index] = (
                "\n" not in line
                and 0 < len(words) <= lx.HEADING_MAX_WORDS
                and line.rstrip()[-1:] not in ".!?\"”'’:"
                and 2 * capitalised > len(words)
            )
        return self._headings[index]

    def _learn_kinds(self) -> None:
        """A one-word "person" (no first name, title or honorific anywhere) that its own
        sentence calls "it" ("Acme said its sales fell") is an organisation the recogniser took
        for a person."""
        for pos, token, unit in self._pronouns:
            if token.lower_ not in lx.THING_POSSESSIVES:
                continue
            start = unit.offset + token.sent.start_char
            named = [m for m in self.between(start, pos) if m.subject]
            if len(named) == 1 and named[0].entity.kind == "person" and bare_word(named[0].entity):
                named[0].entity.kind = "organization"
                named[0].entity.changed()

    def _spell_out_bodies(self) -> None:
        """ "director of the Institute" is "director of the Institute for Budget Studies" when
        that is the one organisation of the article whose name begins so: the role then says
        which body, and its group is read from the whole name."""
        for people in self.people.values():
            for person in people:
                for i, role in enumerate(person.roles):
                    short = _SHORT_BODY.search(role)
                    if short is None:
                        continue
                    full = {
                        name
                        for org in self.organizations
                        if len(words := (name := org.name.removeprefix("The ")).split()) > 1
                        and words[0] == short[1]
                    }
                    if len(full) == 1:
                        person.roles[i] = role[: short.start(1)] + full.pop()
                        person.changed()

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions at article offsets start <= pos < end, in text order."""
        lo = bisect.bisect_left(self._mention_pos, start)
        hi = bisect.bisect_left(self._mention_pos, end)
        return self.mentions[lo:hi]

    def _people_between(self, start: int, end: int) -> set[Entity]:
        return {
            m.entity
            for m in self.between(start, end)
            if m.entity.kind == "person" and not bare_word(m.entity)
        }

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
        i = bisect.bisect_left(self._mention_pos, pos)
        if i == len(self._mention_pos) or self._mention_pos[i] != pos:
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
        heading = self._heading(unit.paragraph)
        mention = Mention(pos, entity, subject, sentence, voice, main, heading)
        self.mentions.insert(i, mention)
        _entity, places, own = self._entity_mentions.setdefault(id(entity), (entity, [], []))
        k = bisect.bisect_right(places, pos)
        places.insert(k, pos)
        own.insert(k, mention)

    def _person_tokens(self, ent: Span) -> list[Token]:
        return name_tokens(list(ent))

    def _grow_names(self) -> None:
        """ "Jane Doe" where the recogniser only saw "Doe" (or took "Jane Doe" for a place)."""
        for unit in self.article.units:
            for token in unit.tokens:
                if not self.known_surname(token):
                    continue
                first = token.i
                while first > 0 and token.i - first < 2 and self._grows_name(unit.doc[first - 1]):
                    first -= 1
                if first < token.i:
                    self.person_named(list(unit.doc[first : token.i + 1]))

    @staticmethod
    def _grows_name(word: Token) -> bool:
        """Whether a capitalised word before a known surname is part of the name: not a title,
        an honorific or a description ("Justice Doe", "Campaigner Doe"), not a place or body the
        recogniser named ("State Jane Doe", "Freedonia Jane Doe"), and, opening a sentence, a
        first name indeed ("Hosting Doe", "Thanking Doe" are verbs)."""
        return (
            word.tag_ == "NNP"
            and word.text[:1].isupper()
            and word.lower_ not in lx.HONORIFICS
            and not lx.role_nouns([word.text])
            and word.lower_ not in lx.OFFICE_HEADS
            and not agent_noun(word.text)
            and word.ent_type_ not in ("GPE", "NORP", "LOC", "FAC", "DATE")
            # The recogniser takes first names it does not know for organisations; a word it
            # calls one, or that opens the sentence, must be a first name indeed.
            and (
                (word.ent_type_ != "ORG" and not word.is_sent_start)
                or gender.known_first_name(word.text)
            )
        )

    def _unlabelled_name(self, token: Token) -> bool:
        if token.ent_type_ in ("ORG", "GPE", "FAC", "LOC", "NORP", "PERSON", "DATE"):
            return False
        if token.lower_ in self.people or not looks_like_full_name(token):
            return False
        if lx.role_nouns([token.text]):
            return False  # "the Danish Prime Minister": a title, not a name
        # "Engineer Jane Doe": the title is not part of the name, but a name must remain.
        name = name_tokens(noun_phrase(token))
        if len(name) < 2 or any(
            lx.role_nouns([t.text]) or t.lower_ in lx.HONORIFICS or not t.text[:1].isupper()
            for t in name
        ):
            return False
        return token.dep_ == "nsubj" or (
            token.dep_ == "appos" and bool(lx.role_nouns([token.head.text]))
        )

    def titled_name(self, words: list[Token]) -> Entity | None:
        """ "Councillor Jane Doe" whatever label the recogniser gave it: a title, then a name."""
        if len(words) < 2 or not (
            lx.role_nouns([words[0].text]) or words[0].lower_ in lx.HONORIFICS
        ):
            return None
        name = name_tokens(words)
        if not name or any(
            not t.text[:1].isupper()
            or t.tag_ != "NNP"
            or lx.role_nouns([t.text])
            or t.lemma_.lower() in lx.ORGANIZATION_NOUNS
            for t in name
        ):
            return None
        return self.person_named(name)

    def known_name(self, words: list[Token]) -> Entity | None:
        """The person whose name (or surname) these capitalised words are, if one is known."""
        name = name_tokens(words)
        if not name or not all(t.text[:1].isupper() or t.text == "-" for t in name):
            return None
        return self.find_person(words_text(name))

    def person_token(self, token: Token) -> bool:
        """A word of a person's name: labelled so (and not a place the article calls it more
        often), or a surname the article uses."""
        return (
            token.ent_type_ == "PERSON" and token.text not in self._not_people
        ) or self.known_surname(token)

    def known_surname(self, token: Token) -> bool:
        # (The tagger takes a sentence-opening surname for a common noun at times: "Vance
        # shook her head.")
        return (
            token.pos_ in ("PROPN", "NOUN")
            and token.text[:1].isupper()
            and self._surname(token.lower_) in self.people
        )

    def _register_person(self, ent: Span, unit: Unit, roles: bool = True) -> Entity | None:
        if ent.text in self._not_people or is_modifier(ent):
            return None
        tokens = self._person_tokens(ent)
        if not tokens or not any(t.text[:1].isupper() for t in tokens):
            return None
        if any(t.text[:1].islower() and t.lower_ not in lx.PERSON_NAME_PARTICLES for t in tokens):
            return None  # "author of La Guerre sacrée de Poutine": a work's title, no person
        person = self.person_named(tokens)
        if roles and not self.article.quoted(unit.offset + ent.start_char):
            collect_roles(person, ent, unit)
        return person

    def _surname(self, key: str) -> str:
        """The surname the article already knows in another spelling ("Tadevosian" after
        "Tadevosyan"), else the one given."""
        if key in self.people or len(key) < 4:
            return key
        return self._spellings.get(spelling_key(key), key)

    def find_person(self, name: str, pos: int | None = None) -> Entity | None:
        candidates = self.people.get(self._surname(surname_key(name)), [])
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
                if len(parts) == 1 or same_first_name(parts[0], first):
                    return person
            return None
        return self._most_recent(candidates, pos)

    def _most_recent(self, candidates: list[Entity], pos: int | None = None) -> Entity:
        """The one of these last mentioned (before `pos`, when resolving a mention there: a
        bare "Doe" is not the wife the article names only later)."""
        for mention in self.recent(len(self.mentions) if pos is None else self.count_before(pos)):
            if mention.entity in candidates:
                return mention.entity
        return candidates[-1]

    def _register_organization(self, ent: Span, unit: Unit) -> Entity | None:
        if any(self.known_surname(t) for t in ent) or self.known_name(list(ent)):
            return None  # a person the recogniser mislabelled
        tokens = strip_determiners(balanced(org_phrase(ent)))
        if not tokens:
            return None
        name = np_text(tokens)
        if name.lower().endswith(("’s", "'s")):
            name = name[:-2]
        return self.organization(name)

    def organization(self, name: str) -> Entity:
        name = self._government(name) or name
        lowered = name.lower()
        for org in self.organizations:
            if org.name.lower() == lowered:
                return org
        if ACRONYM.match(name):
            for org in self.organizations:
                if initials(org.name) == name:
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

    def _government(self, name: str) -> str | None:
        """The country whose government a name stands for, as the article names the country:
        "the Freedonian government", "the Government of Freedonia", "Freedonia's government"
        and its capital ("Kessel", learned from "Kessel, the Freedonian capital") are all
        "Freedonia", one speaker."""
        found = _GOVERNMENT.match(name)
        said = (found.group("adj") or found.group("of")) if found else self.capitals.get(name)
        if not said:
            return None
        said = said.rstrip("’'s")
        if said in self._countries and not said.endswith(lx.DEMONYM_ENDINGS):
            return said
        # The country's own name, most often written, rather than its adjective again.
        named = [c for c in self._countries if c != said and place_match(said, c)]
        return min(named, key=lambda c: (-self._countries[c], len(c), c)) if named else None

    def _learn_capitals(self, ent: Span, unit: Unit) -> None:
        """ "Kessel, the Freedonian capital", "the Freedonian capital, Kessel", "Kessel,
        capital of Freedonia": which country a capital stands for."""
        text = self.article.text
        start, end = unit.offset + ent.start_char, unit.offset + ent.end_char
        after = _CAPITAL_AFTER.match(text, end, min(len(text), end + lx.CAPITAL_WINDOW_CHARS))
        before = _CAPITAL_BEFORE.search(text, max(0, start - lx.CAPITAL_WINDOW_CHARS), start)
        country = (after and (after.group("adj") or after.group("of"))) or (
            before and before.group("adj")
        )
        if country:
            self.capitals.setdefault(ent.text, country)

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
        return self.mentions[: self.count_before(pos)]

    def count_before(self, pos: int) -> int:
        return bisect.bisect_left(self._mention_pos, pos)

    def recent(self, count: int) -> Iterator[Mention]:
        """The first `count` mentions, latest first, without copying them."""
        for i in range(count - 1, -1, -1):
            yield self.mentions[i]

    def last_mentions(self, pos: int, kind: str | None = None) -> list[Mention]:
        """Each entity's last mention before `pos`; with `kind`, of the entities of that kind
        only (a long article names hundreds of others, each a search saved)."""
        found = []
        for entity, places, own in self._entity_mentions.values():
            if kind is not None and entity.kind != kind:
                continue
            i = bisect.bisect_left(places, pos)
            if i:
                found.append(own[i - 1])
        return found

    def mentioned_from(self, pos: int) -> list[Entity]:
        """The entities mentioned at or after `pos`."""
        return [
            entity for entity, places, _own in self._entity_mentions.values() if places[-1] >= pos
        ]

    def unnamed(self, np: list[Token]) -> Entity:
        """An unnamed source, called what the article calls them ("an Israeli official")."""
        words = [t for t in np if not t.is_punct]
        description = np_text(words)
        if words and words[0].lower_ in lx.DETERMINERS:
            description = words[0].lower_ + description[len(words[0].text) :]
        entity = Entity(name=description, kind="person", anonymous=True)
        entity.add_role(np_text(strip_determiners(words)))
        self.adhoc.add(id(entity))
        return entity

    def person_named(self, tokens: list[Token], pos: int | None = None) -> Entity:
        name = name_tokens(tokens)
        while len(name) > 2 and name[0].text in self._place_words:
            name = name[1:]
        return self.person_called(words_text(name), pos)

    def person_called(self, name: str, pos: int | None = None) -> Entity:
        """The person of that name, made known if the article did not name them yet."""
        person = self.find_person(name, pos)
        if person is None:
            person = Entity(name=name, kind="person")
            self.people.setdefault(person.surname, []).append(person)
            self._spellings.setdefault(spelling_key(person.surname), person.surname)
        elif len(name.split()) > len(person.name.split()) or (
            len(name.split()) == len(person.name.split()) and initial(person.name.split()[0])
        ):
            person.name = name  # the fuller name: "Jane Doe" after "Doe", or after "J. Doe"
        return person

    def gender_of(self, person: Entity) -> str | None:
        """What the article said (honorifics, pronouns learned), else the first name's."""
        if person.gender is not None:
            return person.gender
        parts = person.name.split()
        return gender.of_first_name(parts[0]) if len(parts) > 1 else None

    def place_before(self, pos: int) -> str | None:
        i = bisect.bisect_left(self.places, (pos, ""))
        return self.places[i - 1][1] if i else None
