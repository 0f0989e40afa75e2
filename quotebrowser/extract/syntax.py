"""Reading spaCy's parse: noun phrases, subjects, speech verbs. No article state, no rules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quotebrowser.extract import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Dependency edges a quote's governing verb is never reached through: the quote then belongs to an
# adverbial or relative clause or an apposition, not to the verb's report.
BLOCKING_DEPS = frozenset({"advcl", "acl", "relcl", "appos", "agent"})


def parsed(token: Token) -> bool:
    """The parser ran on the token's Doc, so its tree may be read.

    Paragraphs without a quote nearby get spaCy without its parser (runner.py): their tokens
    have no dependency label, and their tree fields are never set, so walking them (`lefts`,
    `children`, `subtree`) reads stale memory: spaCy 3.8 then yields strangers or segfaults.
    The parser labels every token it sees, so one token's label tells (in O(1), where
    `doc.has_annotation("DEP")` scans the Doc)."""
    return token.dep != 0


def is_speech_verb(token: Token) -> bool:
    if token.dep_ == "acomp" and token.lower_ in lx.STANCE_ADJECTIVES and parsed(token):
        # "she is convinced that it is a "necessity"": the adjective reports her view.
        return any(c.dep_ == "ccomp" for c in token.children)
    if token.pos_ not in ("VERB", "AUX") or not parsed(token):
        return False
    lemma = token.lemma_.lower()
    if lemma == "read":
        # "the statement read: ...", but not "banners reading ...".
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in lx.DOCUMENT_NOUNS for c in token.children
        )
    if any(
        (c.tag_ == "MD" or c.dep_ == "neg") and 0 < token.i - c.i <= lx.NEGATION_REACH
        for c in token.children
    ):
        # "the deal could add ...", "she may say", "did not respond": no report of speech. (A
        # "not" the parser hung on the verb from inside the quote before it is none of its.)
        return False
    if lemma in lx.REGARDING_VERBS:
        # "which Acme views as "a human right"": the subject's word for it, with "as"; inside
        # what a speech verb reports ("the ministry said it viewed it as "..."") that verb is
        # the cue.
        if token.dep_ in ("ccomp", "xcomp") and is_speech_verb(token.head):
            return False
        return any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)
    if lemma in lx.PHRASAL_SPEECH_VERBS:
        # "he went on", "she shot back", "pressed on": speech only with their particle.
        return any(
            c.dep_ in ("prt", "advmod") and c.lower_ in lx.PHRASAL_SPEECH_VERBS[lemma]
            for c in token.children
        )
    return lemma in lx.SPEECH_VERBS or token.lower_ in lx.SPEECH_VERBS


def cue_text(verb: Token) -> str:
    particles = [c for c in verb.rights if c.dep_ == "prt" and c.lower_ in lx.CUE_PARTICLES]
    if particles:
        return f"{verb.text} {particles[0].text}"
    return verb.text


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def is_example(token: Token) -> bool:
    """`discontent, such as "..."`: words given as an example, not reported by the verb."""
    return token.lower_ in ("as", "like") and (
        any(c.lower_ == "such" for c in token.children)
        or (token.i > 0 and token.doc[token.i - 1].lower_ == "such")
    )


def subjects_of(verb: Token) -> list[Token]:
    """Who may be speaking through `verb`: its subject, then, climbing from a participle or a
    clause to the one it hangs on ("..., noting that"), theirs. A passive verb's subject is the
    one spoken to ("had been warned"), never the speaker."""
    found: list[Token] = []
    if not parsed(verb):
        return found
    if verb.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # "X said ..., adding that ...": the participle goes with the reporting verb above it,
        # even when the parser hangs it on a verb of the reported clause.
        for ancestor in verb.ancestors:
            if ancestor.i != verb.i and is_speech_verb(ancestor):
                found.extend(c for c in ancestor.children if c.dep_ == "nsubj")
                break
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBG"
        and (verb.head.ent_type_ == "PERSON" or lx.role_nouns([verb.head.text]))
    ):
        # "Doe, telling the meeting: ...": the participle's noun is who speaks.
        found.append(verb.head)
    elif verb.tag_ == "VBG":
        # "The film showed Mr Doe, apparently talking about it, telling the meeting": the one
        # shown speaks (through a chain of participles).
        shown = verb
        while shown.tag_ == "VBG" and shown.dep_ in ("advcl", "xcomp", "conj", "acl"):
            shown = shown.head
        if shown.lemma_.lower() in lx.PERCEPTION_VERBS:
            found.extend(c for c in shown.children if c.dep_ == "dobj" and c.pos_ == "PROPN")
    current = verb
    for _ in range(lx.MAX_CLAUSE_CLIMB):
        subjects = [
            c
            for c in current.children
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and current.i != verb.i)
        ]
        if len(subjects) > 1 and subjects[0].tag_ in ("WP", "WDT") and subjects[1].i > current.i:
            # "the courts which, said Doe, "are ...": the parser gives the aside two subjects;
            # the one after the verb speaks.
            subjects = subjects[1:]
        subjects = [c for c in subjects if not _in_marks(c)]
        subject = subjects[0] if subjects else None
        if subject is not None:
            if subject.tag_ in ("WP", "WDT") and current.dep_ == "relcl":
                subject = current.head  # "Doe, who accused him of ...": Doe
            found.append(subject)
        elif current.dep_ == "xcomp" and not found:
            # "prompted Doe to call it "..."": the one prompted is who speaks.
            controller = [c for c in current.head.children if c.dep_ == "dobj"]
            if controller and controller[0].pos_ in ("PROPN", "PRON"):
                found.append(controller[0])
        if (
            current.dep_ in ("advcl", "xcomp", "conj", "ccomp", "acomp")
            and current.head.i != current.i
        ):
            current = current.head
        elif (
            current.dep_ == "pcomp"
            and current.tag_ == "VBG"
            and current.head.dep_ == "prep"
            and current.head.lower_ in lx.SHARED_SUBJECT_PREPOSITIONS
            and current.head.head.pos_ in ("VERB", "AUX")
        ):
            current = current.head.head  # "Doe rallied them by warning that ...": Doe
        else:
            break
    return found


def _in_marks(subject: Token) -> bool:
    """A subject set in quotation marks of its own is a title the parser misread ("on MSNBC's
    "Morning Show," calling it ...": no show speaks)."""
    words = [w for w in subject.subtree if not w.is_punct] or [subject]
    doc = subject.doc
    before, after = words[0].i - 1, words[-1].i + 1
    return (
        before >= 0
        and doc[before].tag_ == "``"
        and any(doc[i].tag_ == "''" for i in range(after, min(after + 2, len(doc))))
    )


def subject_of(verb: Token) -> Token | None:
    found = subjects_of(verb)
    return found[0] if found else None


def np_text(tokens: list[Token]) -> str:
    """The article's own characters for a run of tokens (never tokens re-joined)."""
    if not tokens:
        return ""
    tokens = balanced(tokens)
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i : tokens[-1].i + 1].text.split())


def contiguous_runs(tokens: list[Token]) -> list[list[Token]]:
    """The tokens in runs of neighbours (by index)."""
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def words_text(tokens: list[Token]) -> str:
    """Like np_text, for tokens with gaps (punctuation left out): each contiguous run as the
    article wrote it ("Kell-Dunne", never "Kell - Dunne"), runs joined by a space."""
    return " ".join(np_text(run) for run in contiguous_runs(tokens))


def owner_of(noun: Token, compound: bool = True) -> list[Token] | None:
    """Whose a claim or remark is: "Doe's", "by Doe", "from Doe", and with `compound` a name
    before it ("Labour claims")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return noun_phrase(child)
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return noun_phrase(obj)
        if compound and child.dep_ == "compound" and child.pos_ == "PROPN":
            return noun_phrase(child)
    return None


def strip_determiners(tokens: list[Token]) -> list[Token]:
    out = list(tokens)
    while out and (
        out[0].lower_ in lx.DETERMINERS or out[0].lower_ in lx.POSSESSIVES or out[0].is_punct
    ):
        out = out[1:]
    while out and out[-1].is_punct:
        out = out[:-1]
    return out


def noun_phrase(token: Token) -> list[Token]:
    """The noun phrase headed by `token`, without appositions, relative clauses or trailing
    prepositional phrases other than "of ..." ("the head of the Danish state"). Without a parse,
    the token alone."""
    if not parsed(token):
        return [] if token.is_punct else [token]
    keep_left = {
        "det",
        "amod",
        "compound",
        "poss",
        "nmod",
        "nummod",
        "case",
        "quantmod",
        "advmod",
        "punct",
        "predet",
        "npadvmod",
    }
    left = [t for t in token.lefts if t.dep_ in keep_left]
    start = min((min(s.i for s in t.subtree) for t in left), default=token.i)
    end = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "case") and child.i == end + 1:
            end = child.i
        elif child.dep_ == "appos" and child.pos_ == "PROPN" and child.left_edge.i == end + 1:
            # "the charity Friends of the Sea" (no comma): the name is part of the phrase.
            end = max(s.i for s in child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1:
            end = max(s.i for s in child.subtree)
        else:
            break
    doc = token.doc
    start, end = _balance_brackets(doc, start, end)
    tokens = [t for t in doc[start : end + 1]]
    while tokens and tokens[0].is_punct:
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def balanced(tokens: list[Token]) -> list[Token]:
    """The tokens widened so that every bracket in them is closed."""
    if not tokens:
        return tokens
    doc = tokens[0].doc
    start, end = _balance_brackets(doc, tokens[0].i, tokens[-1].i)
    return list(doc[start : end + 1])


def _balance_brackets(doc, start: int, end: int) -> tuple[int, int]:
    """Widen a phrase cut inside brackets ("People) column") to the whole bracketed part and
    the name before it ("Vox Civium (Voice of the Citizens) column")."""
    depth = 0
    for t in doc[start : end + 1]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            if depth:
                depth -= 1
            else:  # closes a bracket opened before the phrase
                i = start - 1
                while i >= 0 and doc[i].text != "(" and start - i <= 12:
                    i -= 1
                if i >= 0 and doc[i].text == "(":
                    start = i
                    while start > 0 and doc[start - 1].tag_ in ("NNP", "NNPS"):
                        start -= 1
    if depth:  # opened inside the phrase and not closed in it
        i = end + 1
        while i < len(doc) and doc[i].text != ")" and i - end <= 12:
            i += 1
        if i < len(doc) and doc[i].text == ")":
            end = i
    return start, end


def head_of(words: list[Token]) -> Token:
    """The token of `words` whose head lies outside them."""
    ids = {t.i for t in words}
    for t in words:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return words[-1]


def looks_like_full_name(token: Token) -> bool:
    """A capitalised proper noun with a capitalised proper-noun modifier: "Jane Doe"."""
    return (
        parsed(token)
        and token.tag_ == "NNP"
        and token.text[:1].isupper()
        and any(
            c.dep_ == "compound" and c.tag_ == "NNP" and c.text[:1].isupper() for c in token.lefts
        )
    )
