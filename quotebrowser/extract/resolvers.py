"""Who a mention names: an ordered list of small resolvers, the first that answers wins.

Each resolver is `(reference, table) -> Resolution | None`: None passes the mention on to the next
one; a Resolution answers, naming someone of the article's who-is-who (`who_is_who.py`) or, for a
mention that names no one in particular ("officials said"), nobody. The resolver's name travels
with the quote beside the attribution rule's (`verb-after · description`). Adding a way to name a
speaker: one function here, one line in `RESOLVERS`, one test.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.descriptions import describes
from quotebrowser.extract.entities import Entity, Mention, Resolution, bare_word
from quotebrowser.extract.names import ACRONYM, agent_noun, pronoun_gender
from quotebrowser.extract.syntax import (
    head_of,
    looks_like_full_name,
    noun_phrase,
    np_text,
    strip_determiners,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quotebrowser.extract.article import Unit
    from quotebrowser.extract.who_is_who import WhoIsWho

_AGE = regex.compile(r"\b(\d{1,3})\s*-\s*year\s*-\s*old\b")


@dataclass(frozen=True, slots=True)
class Reference:
    """A mention to resolve: a noun phrase's tokens, where the article has them."""

    np: list[Token]
    unit: Unit
    pos: int  # article offset: only what the article said before it counts
    words: list[Token]  # without determiners and punctuation at the ends
    surface: str  # the words as written

    @classmethod
    def of(cls, np: list[Token], unit: Unit, pos: int) -> Reference:
        # A one-word mention is itself, whatever else the word may be: "her" in "in her view",
        # "its" in "its claim that", the "A" of a transcript's "A:".
        words = np if len(np) == 1 and not np[0].is_punct else strip_determiners(np)
        return cls(np, unit, pos, words, np_text(np))

    @property
    def head(self) -> Token:
        return head_of(self.words)

    @property
    def lowered(self) -> list[str]:
        return [t.lower_ for t in self.words]

    def found(self, entity: Entity | None, **learned: object) -> Resolution:
        return Resolution(entity, self.surface, **learned)  # type: ignore[arg-type]


Find = Callable[[Reference, "WhoIsWho"], Resolution | None]


@dataclass(frozen=True, slots=True)
class Resolver:
    name: str
    find: Find


def resolve(ref: Reference, table: WhoIsWho) -> Resolution:
    """The resolvers in order; the first answer wins, stamped with the resolver's name."""
    if ref.words:
        for resolver in RESOLVERS:
            found = resolver.find(ref, table)
            if found is not None:
                return replace(found, resolver=resolver.name)
    return ref.found(None)


def resolve_tokens(np: list[Token], unit: Unit, pos: int, table: WhoIsWho) -> Resolution:
    return resolve(Reference.of(np, unit, pos), table)


def learn_references(table: WhoIsWho) -> None:
    """Pronouns and descriptions as subjects ("She said", "The minister added"), in text order:
    each one resolved is a mention of its person for the ones after it."""
    for pos, token, unit in table.references:
        resolution = resolve_tokens(noun_phrase(token), unit, pos, table)
        entity = resolution.entity
        if entity is not None and (entity.kind == "person" or resolution.voice):
            table.learn(resolution, pos, token, unit)


# ----- the resolvers, in order ---------------------------------------------------------------


def pronoun(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`"...," she said.`: the person of that gender named in the most recent sentence that
    names one; its main subject first, else the last named."""
    if len(ref.words) != 1 or ref.lowered[0] not in lx.PERSON_PRONOUNS:
        return None
    word = ref.lowered[0]
    wanted = pronoun_gender(word)
    # The mentions that may be meant, in the last sentence that has one (walking back from the
    # pronoun: mentions are in text order, so a sentence's are together).
    same: list[Mention] = []
    for m in table.recent(table.count_before(ref.pos)):
        if same and m.sentence != same[0].sentence:
            break
        if (
            (m.entity.kind == "person" or m.voice)
            and table.gender_of(m.entity) in (None, wanted)
            and not bare_word(m.entity)
            and not m.heading
        ):
            same.append(m)
    if not same:
        return ref.found(None, gender=wanted)
    same.reverse()
    # "When Doe spoke, Roe differed. He said ...": the main clause's subject first.
    main = [m for m in same if m.main]
    if main:
        return ref.found(main[-1].entity, gender=wanted)  # the nearest, if an apposition is one
    subjects = [m for m in same if m.subject]
    return ref.found((subjects or same)[0 if subjects else -1].entity, gender=wanted)


def interview_label(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Q:` and `A:` opening a transcript's lines: the interviewer the article names ("Questions
    by Jane Doe", "conducted by", the byline) and the one interviewed ("Doe told the Herald in
    an interview", else the person the article is about)."""
    if len(ref.words) != 1:
        return None
    word = ref.words[0]
    after = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
    if after is None or after.text != ":" or not word.text[:1].isupper():
        return None
    interviewer = _interviewer(table, ref.pos)
    if word.lower_ in lx.QUESTION_LABELS:
        return ref.found(interviewer)
    if word.lower_ in lx.ANSWER_LABELS:
        return ref.found(_interviewee(table, ref.pos, interviewer))
    return None


def titled_name(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Councillor Jane Doe said`, whatever label the recogniser gave the words."""
    person = table.titled_name(ref.words)
    return ref.found(person) if person is not None else None


def initials(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`IATA said`, however the tagger read it: an organisation, by its initials."""
    if len(ref.words) == 1 and ACRONYM.match(ref.words[0].text):
        return ref.found(table.organization(ref.words[0].text))
    return None


def capital(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Kessel said`, the article having called Kessel the Freedonian capital: the government
    it stands for ("Freedonia"), whatever the recogniser made of the name."""
    said = np_text(ref.words)
    return ref.found(table.organization(said)) if said in table.capitals else None


def apposed_name(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`The minister responsible, Jane Doe, said`: the name in apposition is the speaker."""
    head = ref.head
    named = _appositive_name(head, table)
    if named is None or head in _person_tokens(ref, table):
        return None
    if head.lemma_.lower() in lx.ORGANIZATION_NOUNS:
        return None
    return ref.found(table.person_named(named, ref.pos))


def spokesperson(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`a spokesperson for the ministry said`: the organisation, speaking through an unnamed
    voice (so that a "he" after it may still be that voice)."""
    spoken_for = _spokesperson_for(ref.head)
    if spoken_for is None or ref.np[0].lower_ not in lx.INDEFINITE_DETERMINERS:
        return None
    entity = resolve_tokens(spoken_for, ref.unit, ref.pos, table).entity
    return ref.found(entity, voice=entity is not None)


def name(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Acme campaign manager Jane Doe said`: the name the head of the phrase belongs to."""
    person_tokens = _person_tokens(ref, table)
    head = ref.head
    if head not in person_tokens:
        return None
    run = [head]
    for t in reversed(person_tokens[: person_tokens.index(head)]):
        if t.i != run[0].i - 1 and not (t.i == run[0].i - 2 and t.nbor().text == "-"):
            break
        run.insert(0, t)
    return ref.found(table.person_named(run, ref.pos))


def known_name(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Moreau-Diallo added`, labelled an organisation: a person the article named already."""
    person = table.known_name(ref.words)
    return ref.found(person) if person is not None else None


def described_name(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Harbourmaster Jane Doe said`: a capitalised description, then a name."""
    words = ref.words
    if len(words) >= 3 and agent_noun(words[0].text) and all(t.tag_ == "NNP" for t in words):
        return ref.found(table.person_named(words, ref.pos))
    return None


def group_pronoun(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`"...," it said.`: the organisation or document named last."""
    if len(ref.words) != 1 or ref.lowered[0] not in lx.GROUP_PRONOUNS:
        return None
    recent = [m for m in table.before(ref.pos) if m.entity.kind != "person"]
    return ref.found(recent[-1].entity if recent else None)


def document(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`the report said`, `a statement from the ministry said`: the text, or whoever issued it."""
    head = ref.head
    head_lemma = head.lemma_.lower()
    if head_lemma not in lx.DOCUMENT_NOUNS or head.ent_type_ == "ORG":
        return None  # "the Washington Post reported": a newspaper's name, no post
    issuer = _issued_by(head)
    if issuer:
        resolved = resolve_tokens(issuer, ref.unit, ref.pos, table)
        if resolved.entity is not None and resolved.entity.kind != "document":
            return ref.found(resolved.entity)
    return ref.found(_document(table, ref.words, head_lemma, ref.pos))


def organisation(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`the ministry said`, `Acme Bank said`: an organisation, named or of a kind named before.
    (`the Rovers boss`, `the Green MEP`: a person, whom the organisation's name only places.)"""
    head = ref.head
    head_lemma = head.lemma_.lower()
    person_head = bool(lx.role_nouns([head.text])) and head.tag_ in ("NN", "NNP")
    has_org = not person_head and any(t.ent_type_ in ("ORG", "FAC") for t in ref.words)
    if has_org or head_lemma in lx.ORGANIZATION_NOUNS or head.lower_ in lx.ORGANIZATION_NOUNS:
        return ref.found(_organisation(table, ref.words, head, ref.pos))
    return None


def government(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`Freedonia said`: a country (or its people) speaking is its government."""
    if all(t.ent_type_ in ("GPE", "NORP") for t in ref.words):
        return ref.found(table.organization(np_text(ref.words)))
    return None


def age(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`the 54-year-old said`: the person the article gave that age (`Jane Doe, 54,`)."""
    found = _AGE.search(np_text(ref.words))
    if not found or ref.np[0].lower_ in lx.INDEFINITE_DETERMINERS:
        return None
    people = [m for m in table.before(ref.pos) if m.entity.kind == "person"]
    text = table.article.text
    for mention in reversed(people):
        after = text[mention.pos : mention.pos + lx.AGE_WINDOW_CHARS]
        if regex.search(rf"^[^,()]{{0,{lx.AGE_NAME_GAP_CHARS}}}[,(]\s*{found.group(1)}\b", after):
            return ref.found(mention.entity)
    # No one given that age: whom the sentences before were about (their subject), not whoever
    # was named last ("Doe beat the champion, Roe. The 45-year-old ...").
    subjects = [m for m in people if m.subject]
    return ref.found((subjects or people)[-1].entity if people else None)


def relational(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`his agent said`, `Doe's lawyer said`: someone unnamed, known by whose they are, and
    called so ("Jane Doe's agent", the same person each time the article says it)."""
    head = ref.head
    if head.lemma_.lower() not in lx.RELATIONAL_NOUNS or head.tag_ != "NN":
        return None
    owners = [c for c in head.children if c.dep_ == "poss"]
    if not owners:
        return None
    serving = _serving(table, owners[0], head, ref.pos)
    if serving is not None:
        return ref.found(serving)
    owner = resolve_tokens(noun_phrase(owners[0]), ref.unit, ref.pos, table).entity
    if owner is None or owner.kind != "person" or owner.anonymous:
        return None
    rest = [t for t in ref.np if t.i > max(s.i for s in owners[0].subtree) and not t.is_punct]
    called = f"{owner.name}'s {np_text(rest)}"
    for entity in table.anonymous:
        if entity.name == called:
            return ref.found(entity)
    entity = Entity(name=called, kind="person", anonymous=True)
    entity.gender = lx.NOUN_GENDERS.get(head.lower_)
    entity.add_role(np_text(rest))
    table.anonymous.append(entity)
    return ref.found(entity)


def _serving(table: WhoIsWho, owner: Token, head: Token, pos: int) -> Entity | None:
    """ "the president's adviser", "the minister's spokesman": the one person the article
    introduced as serving that office ("Jane Doe, Assistant to the President")."""
    office = lx.role_nouns([owner.text])
    if not office or owner.ent_type_ == "PERSON":
        return None
    found = {
        m.entity
        for m in table.last_mentions(pos, "person")
        if m.entity.titles & (lx.AIDES | lx.SPOKESPEOPLE | {head.lower_})
        and any(office & lx.role_nouns(role.split()) for role in m.entity.roles)
    }
    return found.pop() if len(found) == 1 else None


def plural(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`officials said`, `as every nominee has done`: a role said of several people, or of
    anyone, names no one in particular."""
    head = ref.head
    if head.tag_ in ("NNS", "NNPS") and lx.role_nouns([head.lemma_]):
        return ref.found(None)
    if ref.np[0].lower_ in lx.QUANTIFIERS and lx.role_nouns([head.text]):
        return ref.found(None)
    return None


def lead_description(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`A Freedonian MEP has said ...` in the lead, then `MEP Jane Doe` further down: the one
    person the article names later with that office."""
    nouns = _role_nouns(ref)
    if not nouns or not _unnamed(ref):
        return None
    if table.article.layout.index_of(ref.pos) > lx.LEAD_PARAGRAPHS:
        return None
    person, _ = describes(table, ref.words, nouns, ref.pos, lead=True)
    return ref.found(person) if person is not None else None


def unnamed_source(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`one resident`, `an Israeli official`, `this source`, `the second official`: someone the
    article does not name, called what the article calls them."""
    if _role_nouns(ref) and _unnamed(ref):
        return ref.found(table.unnamed(ref.np))
    return None


def description(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`the German chancellor`, `the head of the agency`, `the expert`: the person the article
    named whom the description fits (`descriptions.py`); a description that only fits by
    nearness is learned as what the person is called."""
    nouns = _role_nouns(ref)
    if not nouns:
        return None
    head = ref.head
    sentence = ref.unit.offset + head.sent.start_char
    person, weak = describes(table, ref.words, nouns, ref.pos, sentence=sentence)
    if head.lower_ in lx.SPOKESPEOPLE and (person is None or head.lower_ not in person.titles):
        # "the prime minister's official spokesman": unnamed unless someone in the article
        # holds that very title.
        return ref.found(table.unnamed(ref.np))
    return ref.found(person, description=np_text(ref.words) if weak else None)


def proper_noun(ref: Reference, table: WhoIsWho) -> Resolution | None:
    """`said Mr Smith`: a name the entity recogniser missed."""
    head = ref.head
    if head.pos_ == "PROPN" and head.text[:1].isupper():
        return ref.found(table.person_named(ref.words, ref.pos))
    return None


RESOLVERS: tuple[Resolver, ...] = (
    Resolver("pronoun", pronoun),
    Resolver("interview-label", interview_label),
    Resolver("titled-name", titled_name),
    Resolver("initials", initials),
    Resolver("capital", capital),
    Resolver("apposed-name", apposed_name),
    Resolver("spokesperson", spokesperson),
    Resolver("name", name),
    Resolver("known-name", known_name),
    Resolver("described-name", described_name),
    Resolver("group-pronoun", group_pronoun),
    Resolver("document", document),
    Resolver("organisation", organisation),
    Resolver("government", government),
    Resolver("age", age),
    Resolver("relational", relational),
    Resolver("plural", plural),
    Resolver("lead-description", lead_description),
    Resolver("unnamed-source", unnamed_source),
    Resolver("description", description),
    Resolver("proper-noun", proper_noun),
)


# ----- helpers ---------------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){1,3}"
_ASKED_BY = regex.compile(
    rf"(?i:\b(?:{'|'.join(sorted(lx.INTERVIEWER_CUES))})[ \t]+by)[ \t]+({_NAME})"
)
_BYLINE = regex.compile(rf"(?m)^[ \t]*(?i:by)[ \t]+({_NAME})")
_INTERVIEW = regex.compile(r"(?i)\binterview")


def _interviewer(table: WhoIsWho, pos: int) -> Entity | None:
    """Who asked the questions: "Questions by Jane Doe", "conducted by ...", else the byline."""
    text = table.article.text[:pos]
    named = [m.group(1) for m in _ASKED_BY.finditer(text)]
    byline = _BYLINE.search(text[: lx.BYLINE_CHARS])
    for called in reversed(named):
        person = table.find_person(called.rstrip("."))
        if person is not None:
            return person
    # The byline's author, even where the recogniser did not take the line for a name.
    return table.person_called(byline.group(1).rstrip(".")) if byline else None


def _interviewee(table: WhoIsWho, pos: int, interviewer: Entity | None) -> Entity | None:
    """Who answered: the subject of the last sentence before that speaks of an interview, else
    the person the article names most."""
    counts: Counter[int] = Counter()
    people: dict[int, Entity] = {}
    found: Entity | None = None
    for mention in table.before(pos):
        person = mention.entity
        if person.kind != "person" or person is interviewer or person.anonymous:
            continue
        counts[id(person)] += 1
        people[id(person)] = person
        token = table.article.token_at(mention.pos)
        if mention.subject and token is not None and _INTERVIEW.search(token[1].sent.text):
            found = person
    if found is not None:
        return found
    return people[counts.most_common(1)[0][0]] if counts else None


def _person_tokens(ref: Reference, table: WhoIsWho) -> list[Token]:
    return [t for t in ref.words if table.person_token(t)]


def _role_nouns(ref: Reference) -> set[str]:
    return lx.role_nouns([t.text for t in ref.words])


def _unnamed(ref: Reference) -> bool:
    """An indefinite or unnamed description: "a minister", "one official", "this source"."""
    lowered = ref.lowered
    return (
        lowered[0] in lx.INDEFINITE_DETERMINERS
        or ref.np[0].lower_ in lx.INDEFINITE_DETERMINERS | lx.UNNAMED_MARKERS
        or bool(set(lowered) & lx.UNNAMED_MARKERS)
    )


def _document(table: WhoIsWho, words: list[Token], head_lemma: str, pos: int) -> Entity | None:
    recent = table.before(pos)
    if head_lemma in lx.ISSUER_DOCUMENT_NOUNS:
        orgs = [m for m in recent if m.entity.kind == "organization"]
        if orgs:
            return orgs[-1].entity
    if len(words) > 1:
        called = np_text(words)
        for entity in table.documents:
            if entity.name.lower() == called.lower():
                return entity
    docs = [m for m in recent if m.entity.kind == "document"]
    if docs:
        return docs[-1].entity
    # A document the article names only now ("the report said"): the words are all we know.
    called = np_text(words) if len(words) > 1 else f"the {words[0].text}"
    for entity in table.documents:
        if entity.name.lower() == called.lower():
            return entity
    entity = Entity(name=called, kind="document")
    table.documents.append(entity)
    table.adhoc.add(id(entity))
    return entity


def _organisation(table: WhoIsWho, words: list[Token], head: Token, pos: int) -> Entity | None:
    tokens = list(words)
    # "the country's Defence Ministry": the country is the one the article last named.
    for i, t in enumerate(tokens):
        if (
            t.lower_ in lx.COUNTRY_NOUNS
            and i + 1 < len(tokens)
            and tokens[i + 1].lower_ in lx.POSSESSIVE_ENDINGS
        ):
            place = table.place_before(pos)
            if place:
                rest = np_text(tokens[i + 2 :])
                return table.organization(f"{place}'s {rest}")
    named = [t for t in tokens if t.ent_type_ in ("ORG", "FAC", "PERSON")]
    if named and named[-1].i == tokens[-1].i and named[0].i != tokens[0].i:
        # "the charity Friends of the Sea": the organisation's own name is enough.
        tokens = tokens[tokens.index(named[0]) :]
    called = np_text(tokens)
    generic = not named and all(not t.text[:1].isupper() for t in tokens)
    if generic:
        # "the ministry": the organisation of that kind the article last named.
        for mention in reversed(table.before(pos)):
            entity = mention.entity
            if entity.kind == "organization" and head.lower_ in entity.name.lower().split():
                return entity
        for org in reversed(table.organizations):
            if head.lower_ in org.name.lower().split():
                return org
        if head.lemma_.lower() in lx.PROTAGONIST_ORGANIZATION_NOUNS:
            # "the club said", "the company added": the organisation the article is about.
            counts = Counter(
                m.entity.name for m in table.before(pos) if m.entity.kind == "organization"
            )
            if counts:
                top = max(counts.values())
                for mention in reversed(table.before(pos)):
                    if counts.get(mention.entity.name) == top:
                        return mention.entity
        if len(tokens) == 1:
            return None  # "the ministry" with no ministry named: nobody we can name
    return table.organization(called)


def _issued_by(head: Token) -> list[Token] | None:
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ or obj.pos_ == "PROPN"):
                    return noun_phrase(obj)
    return None


def _appositive_name(head: Token, table: WhoIsWho) -> list[Token] | None:
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
