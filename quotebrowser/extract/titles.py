"""Roles around a name: what the sentence says of who a person is ("Danish Prime Minister Jane
Doe", "Jane Doe, senior researcher at the Institute of ...", "The Supreme Commander, Jane Doe,",
"Jane Doe, who chairs the committee,"). Reads one sentence's parse; no article state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.entities import Entity
from quotebrowser.extract.groups import head_title
from quotebrowser.extract.syntax import is_speech_verb, np_text, parsed, strip_determiners

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from quotebrowser.extract.article import Unit

_ROLE_STOP_POS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "CCONJ", "NUM", "PUNCT", "PART"})


def collect_roles(person: Entity, ent: Span, unit: Unit) -> None:
    """Everything the sentence around a name says of who the person is: an honorific, a title
    before the name, appositions before and after it, an office a clause gives, where they work.
    """
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
        person.add_affiliation(affiliation)


def titles_someone(tokens: list[Token]) -> bool:
    """A role phrase: a role noun of the lexicon, or a common noun for a person known by its
    ending ("glaciologist", "forecaster"), which only a title's place makes one."""
    return bool(lx.role_nouns([t.text for t in tokens])) or any(
        t.pos_ == "NOUN" and not t.ent_type_ and lx.person_suffixed(t.text) for t in tokens
    )


def _office_title(tokens: list[Token]) -> bool:
    """ "Supreme Court Justice": an office read only as a title's capitalised head."""
    return tokens[-1].text[:1].isupper() and head_title(np_text(tokens)) in lx.OFFICE_HEADS


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
    if not tokens or not (titles_someone(tokens) or _office_title(tokens)):
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
            # A clause: the title, if any, is what came before it ("a historian specialising
            # in ...", "a fired campaign manager" being one, its verb a modifier).
            if not titles_someone(strip_determiners(tokens)) or any(
                u.lower_ == "whose" for u in tokens
            ):
                return None  # "Jane Doe, whose son was hurt, said": no title of hers
            break
        tokens.append(t)
        i += 1
    tokens = strip_determiners(tokens)
    if not tokens or len(tokens) > lx.APPOSITION_AFTER_TOKENS or _lists_people(tokens):
        return None  # "X, Y and Z": a list of people, not a title
    words = [t.text for t in tokens]
    if not titles_someone(tokens) and not {w.lower() for w in words} & lx.ANALYST_PLACES:
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
    # ", of the Daily News," or, with no comma, "Jane Doe of the Crisis Institute".
    comma = 1 if end < sent.end and doc[end].text == "," else 0
    if end + comma + 1 < sent.end and doc[end + comma].lower_ in ("from", "of"):
        after_of = list(doc[end + comma + 1 : sent.end])[: lx.APPOSITION_AFTER_TOKENS]
        tokens = strip_determiners(after_of)
        org = []
        for t in tokens:
            if t.ent_type_ != "ORG":
                break
            org.append(t)
        after = doc[org[-1].i + 1] if org and org[-1].i + 1 < sent.end else None
        if comma and org and (after is None or after.text in (",", ".", "-", "–", "—")):
            return np_text(org)
        # Without commas ("Jane Doe of the Crisis Institute said"), a body whose name says
        # what it is: a news outlet's host or moderator is introduced so as often as its critic.
        if not comma and org and not _news_outlet_name(org):
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
            if is_speech_verb(t) and tokens and tokens[0].lower_ in lx.DETERMINERS | {"'s"}:
                break  # "..., said the agency's director, Jane Doe": the verb's own subject
            return None  # "... punching a protester, Doe said": the verb's object, not a title
        if t.text in (",", ";", ":"):
            break
        tokens.insert(0, t)
        i -= 1
    # "Last month the housing minister, Jane Doe, ...": the date is not part of the title.
    while tokens and tokens[0].ent_type_ in ("DATE", "TIME"):
        tokens = tokens[1:]
    tokens = strip_determiners(tokens)
    if not tokens or len(tokens) > lx.APPOSITION_BEFORE_TOKENS or not titles_someone(tokens):
        return None
    if tokens[0].pos_ in ("ADP", "SCONJ", "ADV"):
        return None  # "During the talks with the president, Doe ...": a phrase, not a title
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return None
    return np_text(tokens)


def _news_outlet_name(tokens: list[Token]) -> bool:
    return any(t.lower_ in lx.NEWS_OUTLET_WORDS for t in tokens)
