"""Reading names in the parse: which tokens are a person's name, an organisation's, or
initials; what the entity recogniser's label means here. No article state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from quotebrowser.extract import gender
from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.syntax import SUBJECT_DEPS, looks_like_full_name
from quotebrowser.folding import same_spelling

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ACRONYM = regex.compile(r"^\p{Lu}{2,8}$")
_NAME_PARTS = regex.compile(r"[\s\-]+")


def label(ent: Span) -> str:
    """The recogniser's label, but a "person" named like a club or a firm ("Dunmore
    United", "Acme Holdings") is an organisation."""
    words = [t for t in ent if t.lower_ not in ("'s", "’s")]
    if ent.label_ == "PERSON" and len(words) >= 2 and words[-1].lower_ in lx.ORGANIZATION_TAILS:
        return "ORG"
    return ent.label_


def initials(name: str) -> str:
    words = [w for w in _NAME_PARTS.split(name) if w and w.lower() not in lx.NAME_SMALL_WORDS]
    return "".join(w[0] for w in words).upper()


def named_organization_subject(token: Token) -> bool:
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


def names_someone(token: Token) -> bool:
    """ "Former prosecutor and Mayor Jane Doe": a title whose phrase holds the name itself is
    that person's, never a description of someone named before."""
    return any(
        c.dep_ == "conj"
        and any(t.ent_type_ == "PERSON" or looks_like_full_name(t) for t in c.subtree)
        for c in token.children
    )


def described_as_person(ent: Span) -> bool:
    """ "Jane Doe, who has worked here for years, ...": "who" makes a person of an ORG label."""
    doc = ent.doc
    after = doc[ent.end : ent.end + 2]
    if len(after) == 2 and after[0].text == "," and after[1].lower_ == "who":
        return len(ent) >= 2 and all(t.text[:1].isupper() for t in ent)
    return False


def name_tokens(tokens: list[Token]) -> list[Token]:
    """A person's name without titles, honorifics or a possessive ending."""
    tokens = [t for t in tokens if not t.is_punct or t.text in "-"]
    while tokens and (
        tokens[0].lower_ in lx.HONORIFICS
        or tokens[0].lower_ in lx.DETERMINERS
        or lx.role_nouns([tokens[0].text])
    ):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].lower_ in ("’s", "'s", "’", "'")
        or not tokens[-1].text[:1].isalpha()
        or (len(tokens) > 2 and tokens[-1].lower_.strip(".") in lx.POST_NOMINALS)
    ):
        # "Doe's"; a score or a number after a name ("Doe 6-2"); letters after it ("Doe QC")
        tokens = tokens[:-1]
    if len(tokens) >= 3 and agent_noun(tokens[0].text):
        tokens = tokens[1:]  # "Campaigner Jane Doe": a description in front of the name
    while len(tokens) >= 2 and _no_first_name(tokens[0]):
        tokens = tokens[1:]  # "rang Doe", "Hosting Doe at the fair, ...": a verb, no name
    titles = [i for i, t in enumerate(tokens[:-1]) if lx.role_nouns([t.text])]
    if titles:
        # "Acme campaign manager Jane Doe": the name is what follows the last title word.
        tokens = tokens[titles[-1] + 1 :]
    return tokens


def _no_first_name(token: Token) -> bool:
    """A word the recogniser took into a name that cannot begin one: a lower-case word (name
    particles aside: "de Gaulle"), a number or a word made with one ("the 14th-ranked Doe"), a
    hyphen, or a participle opening the sentence ("Hosting Doe, ...")."""
    if token.text[:1].islower():
        return token.lower_ not in lx.NAME_SMALL_WORDS
    if not token.text[:1].isalpha():
        return True
    return (
        token.is_sent_start
        and token.lower_.endswith(lx.PARTICIPLE_ENDINGS)
        and not gender.known_first_name(token.text)
    )


def agent_noun(word: str) -> bool:
    """Campaigner, Harbourmaster, Activist: a capitalised description rather than a first name."""
    return (
        len(word) >= lx.AGENT_NOUN_MIN_LETTERS
        and word.lower().endswith(lx.AGENT_SUFFIXES)
        and not lx.role_nouns([word])
    )


def is_modifier(ent: Span) -> bool:
    """ "the Danish president": a one-word "name" modifying a role noun is an adjective."""
    if len(ent) != 1:
        return False
    token = ent[0]
    return token.pos_ == "ADJ" or (
        token.dep_ in ("amod", "compound")
        and bool(lx.role_nouns([token.head.text]))
        and token.head.ent_type_ != "PERSON"
    )


def org_phrase(ent: Span) -> list[Token]:
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


def pronoun_gender(pronoun: str) -> str | None:
    if pronoun in lx.MALE_PRONOUNS:
        return "male"
    return "female" if pronoun in lx.FEMALE_PRONOUNS else None


def initial(word: str) -> bool:
    """ "H." or "H": a first name written as its initial."""
    return len(word.rstrip(".")) == 1 and word[:1].isalpha()


def same_first_name(a: str, b: str) -> bool:
    """Two first names of one person: the same, or one the other's initial ("H. Doe" and
    "Hana Doe")."""
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if initial(a) or initial(b):
        return a[0] == b[0]
    return same_spelling(a, b)  # "Yerlan" and "Erlan": two transliterations


def person_at_end(ent: Span) -> Span | None:
    """A first name and a surname ending what the recogniser labelled an organisation ("Speaker
    of Parliament Jane Doe", "Jane Doe"): the person's name, when the first name is one the
    list knows and the last word names no body ("Jane Doe Foundation")."""
    if len(ent) < 2:
        return None
    first, last = ent[-2], ent[-1]
    if not (first.text[:1].isupper() and last.text[:1].isupper() and last.pos_ == "PROPN"):
        return None
    if last.lower_ in lx.ORGANIZATION_TAILS | lx.NEWS_OUTLET_WORDS or (
        last.lemma_.lower() in lx.ORGANIZATION_NOUNS
    ):
        return None
    if not gender.known_first_name(first.text) or lx.role_nouns([first.text]):
        return None
    if first.i > ent.start:
        # What comes before must be a title or a body's name ("Speaker of Parliament"), not
        # the start of a longer name ("New York Times").
        before = ent.doc[first.i - 1]
        if not (
            lx.role_nouns([before.text])
            or before.lower_ in lx.ORGANIZATION_NOUNS | lx.PUBLIC_BODY
            or before.text[:1].islower()
        ):
            return None
    return ent.doc[first.i : last.i + 1]
