"""Attribution rules, most precise first: each is `(span, context) -> Cue | None`.

`RULES` is the one registry: the order rules are tried in, and the names quotes carry as their
`evidence` (a rule's name is its function's, `verb_after` -> `verb-after`). Rules marked `uncued`
read the context rather than a cue, and apply only to a quote no rule before them found a cue
for; `guess` marks the ones a user should check first. A rule may also (or only) `share`: a pass
over the article's attributed quotes once every span has been tried. Adding a pattern: one
function here, one line in `RULES`, one test.

Nothing here imports spaCy at run time (its types are annotations only), so the app and the query
language can read the registry without loading it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import regex

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.attribution import Attributed, Context, Cue
from quotebrowser.extract.entities import Resolution
from quotebrowser.extract.marks import Span
from quotebrowser.extract.syntax import (
    BLOCKING_DEPS,
    SUBJECT_DEPS,
    cue_text,
    is_example,
    is_passive,
    is_speech_verb,
    noun_phrase,
    owner_of,
    subject_of,
    subjects_of,
)
from quotebrowser.folding import fold

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quotebrowser.extract.article import Unit

_SENTENCE_END = frozenset({".", "!", "?"})

Find = Callable[[Span, Context], Cue | None]
Share = Callable[[list[Attributed], str, str], None]


@dataclass(frozen=True, slots=True)
class Rule:
    find: Find | None = None  # tried on each span, in the order of RULES
    share: Share | None = None  # run once over the attributed quotes: (done, text, name)
    uncued: bool = False  # reads the context, not a cue: only when no rule found a cue
    guess: bool = False  # a guess from the context rather than a cue: check these first

    @property
    def name(self) -> str:
        function = self.find or self.share
        assert function is not None, "a rule finds or shares"
        return function.__name__.replace("_", "-")


def rule_name(function: Find | Share) -> str:
    return function.__name__.replace("_", "-")


# ----- the quote's own sentence ----------------------------------------------------------------


def continues(span: Span, ctx: Context) -> Cue | None:
    """`Doe said: "Growth will slow. "Rates must rise."` (a flattened text reopening a quote in
    one line): each reopened part is the same speaker's."""
    previous = ctx.previous
    if not span.continues or previous is None or previous.cue is None or previous.entity is None:
        return None
    return replace(previous.cue, rule="")


def speech_noun(span: Span, ctx: Context) -> Cue | None:
    """`a claim by Doe that the plan is "a fraud"`, `Doe's remark that "..."`, `Labour claims he
    used her as a "human shield"`: a word for something said, owned by whoever said it, is the
    nearest thing above the quote that reports it."""
    found = _embedded_at(span, ctx)
    if found is None:
        return None
    unit, first = found
    token = first
    for _ in range(lx.MAX_HEAD_CLIMB):
        head = token.head
        if is_speech_verb(head):
            return None  # a verb reports it: the verb rules' case
        if head.i == token.i:
            break
        if _speech_noun(head) and not ctx.within(span, unit.offset + head.idx):
            return _owned(head, unit, ctx)
        token = head
    # The parse may hang the clause elsewhere: `his statement on Friday that "..."`.
    before = [t for t in first.sent if unit.offset + t.idx < span.open and not t.is_space]
    for i in range(len(before) - 1, max(-1, len(before) - 1 - lx.SURFACE_CUE_WORDS), -1):
        if _speech_noun(before[i]):
            if any(b.lower_ == "that" for b in before[i + 1 :]):
                return _owned(before[i], unit, ctx)
            return None
    return None


def _embedded_at(span: Span, ctx: Context) -> tuple[Unit, Token] | None:
    """The quote's first token, when the quote sits inside the writer's sentence."""
    return ctx.article.token_at(span.start) if ctx.embedded(span) else None


def _speech_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in lx.SPEECH_NOUNS


def _owned(noun: Token, unit, ctx: Context) -> Cue | None:
    owner = owner_of(noun)
    return ctx.cue(noun.text, owner, unit) if owner else None


def verb_governs(span: Span, ctx: Context) -> Cue | None:
    """`Doe said the plan was "unworkable"`: a fragment inside the writer's sentence belongs to
    the speech verb that governs it."""
    if not ctx.embedded(span):
        return None
    return _governing(span, ctx)


def verb_after(span: Span, ctx: Context) -> Cue | None:
    """`"We will win," Doe said.` / `"...," said Doe, a senior ...` / `"...," she added.`"""
    if span.close is None:
        return None
    found = ctx.article.token_at(span.close + 1)
    if found is None:
        return None
    unit, first = found
    if first.idx + unit.offset > ctx.paragraph_end(span.close):
        return None
    window: list[Token] = []
    for token in unit.doc[first.i :]:
        pos = unit.offset + token.idx
        if ctx.article.quoted(pos) and pos > span.close:
            break  # the next quote begins
        if token.text in _SENTENCE_END:
            break  # the sentence ends: what follows is not about this quote
        if not token.is_space:
            window.append(token)
        if len(window) > lx.TAIL_WINDOW_TOKENS:
            break
    words = [t for t in window if not t.is_punct]
    if not words:
        return None
    if (
        ctx.ends_sentence(span)
        and words[0].text[:1].isupper()
        and (words[0].pos_ not in ("PRON", "PROPN") or ctx.closed_with_full_stop(span))
    ):
        # The quote closed its sentence and a new one starts ("... arguments." Mr Doe said
        # later ...); after "?" or "!" a capitalised name may still be the cue ("Why?" Doe asked).
        return None
    for i, token in enumerate(words):
        if not is_speech_verb(token):
            continue
        if _hearsay(token):
            continue  # "the agency widely reported to have resigned": said of it, not by it
        before = words[:i]
        if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in lx.NOT_CLAUSE_DEPS for t in before):
            return None  # another verb first ("the 14th-ranked Doe said" aside): its clause
        if _reports_own_clause(token, span, ctx, unit.offset) or _introduces_next(token, ctx, unit):
            return None
        source = _quoting(token)
        if source is not None:
            # "the Post reported, quoting an anonymous official": the one quoted spoke.
            return ctx.cue(cue_text(token), noun_phrase(source), unit)
        subject = subject_of(token) or _quoted_as_saying(token)
        if subject is not None and unit.offset + subject.idx > span.close:
            # The subject may carry a long apposition ("X - then adviser to the president -
            # told"): no verb stands between, so the distance does not matter.
            return ctx.cue(cue_text(token), noun_phrase(subject), unit)
        if i > lx.TAIL_MAX_VERB_INDEX:
            named = _named_before(window[: window.index(token)])
            return ctx.cue(cue_text(token), named, unit) if named else None
        mention = [t for t in before if not t.is_punct and t.pos_ != "AUX"]
        while mention and mention[-1].pos_ == "ADV":
            mention.pop()  # "Doe later said": the adverb is no part of the name
        if mention:
            return ctx.cue(cue_text(token), mention, unit)
        after = _np_after(token)
        if after:
            return ctx.cue(cue_text(token), after, unit)
        return None
    return None


def verb_before(span: Span, ctx: Context) -> Cue | None:
    """`Doe said: "..."`, `Doe stressed that relations "were ..."`, `called it "useful"`."""
    if ctx.embedded(span):
        return None  # tried first, as verb-governs
    return _governing(span, ctx)


def introduced(span: Span, ctx: Context) -> Cue | None:
    """`Speaking at a cabinet meeting, Doe said:` and the quote as the next paragraph, or
    `Doe backed him: "..."` with no speech verb: the one the sentence ending in the colon is
    about (the subject of its speech verb, else of its main verb)."""
    j = span.open - 1
    while j >= 0 and ctx.text[j].isspace():
        j -= 1
    if j < 0 or ctx.text[j] != ":":
        return None
    lay = ctx.article.layout
    para = lay.index_of(span.open)
    if lay.index_of(j) != para and ctx.text[lay.paragraphs[para][0] : span.open].strip():
        return None  # a colon ending the paragraph before introduces a quote opening its own
    unit = ctx.article.unit_at(j)
    colon = unit.tokens_before(j + 1, 1) if unit is not None else []
    if unit is None or not colon or colon[-1].text != ":":
        return None
    before = [
        t
        for t in colon[-1].sent
        if t.i < colon[-1].i and not ctx.article.quoted(unit.offset + t.idx)
    ]
    verbs = [t for t in before if is_speech_verb(t)] or [t for t in before if t.pos_ == "VERB"]
    if not verbs:
        return None  # "Baku, 15 October:": a dateline or a label, no one doing anything
    cues = [ctx.cue(cue_text(verbs[-1]), noun_phrase(s), unit) for s in subjects_of(verbs[-1])]
    return ctx.first_resolved(cues)


def transcript(span: Span, ctx: Context) -> Cue | None:
    """`Q: "Why now?"` / `A: "Because ..."`, `DOE: "We will win."`: a paragraph of a
    transcript, a speaker's label and a colon, then the quote: the label names the speaker."""
    lay = ctx.article.layout
    para_start = lay.paragraphs[lay.index_of(span.open)][0]
    lead = ctx.text[para_start : span.open]
    colon = lead.rfind(":")
    if colon < 0 or lead[colon + 1 :].strip() or len(lead) > lx.HEADLINE_LEAD_CHARS:
        return None
    unit = ctx.article.unit_at(para_start)
    if unit is None:
        return None
    label = [t for t in unit.tokens_between(para_start, para_start + colon) if not t.is_space]
    if not label or len(label) > lx.LABEL_MAX_WORDS or not all(t.text[:1].isupper() for t in label):
        return None
    return ctx.cue(":", label, unit)


def headline(span: Span, ctx: Context) -> Cue | None:
    """`Doe: 'We will win'`, `Doe: agency acted as 'judge and jury'` (a headline or standfirst
    in one line): the name before the colon speaks."""
    lay = ctx.article.layout
    para_start, para_end = lay.paragraphs[lay.index_of(span.open)]
    colon = ctx.text.find(":", para_start, min(span.open, para_start + lx.HEADLINE_LEAD_CHARS + 1))
    if colon < 0:
        return None
    first_stop = ctx.text.find(".", span.open, para_end)
    if (first_stop >= 0 and ctx.text.find(".", first_stop + 1, para_end) >= 0) or ctx.text.find(
        "\n", para_start, para_end
    ) >= 0:
        return None  # not one headline line
    unit = ctx.article.unit_at(para_start)
    if unit is None:
        return None
    words = [t for t in unit.tokens_between(unit.offset, colon) if not t.is_space]
    if words and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in words):
        return ctx.cue(":", words, unit)
    return None


def name_colon(span: Span, ctx: Context) -> Cue | None:
    """`... he tweeted: Jane Doe: "We did it."` (a post or a transcript quoted inline): a person's
    name right before the colon that opens the quote speaks, with no verb to say so."""
    j = span.open - 1
    while j >= 0 and ctx.text[j] in " \t\xa0":
        j -= 1
    if j < 0 or ctx.text[j] != ":":
        return None
    unit = ctx.article.unit_at(j)
    if unit is None:
        return None
    before = unit.tokens_before(j, 1)
    if not before or unit.offset + before[-1].idx + len(before[-1]) != j:
        return None  # a space before the colon: not "Name:"
    last = before[-1]
    if last.ent_type_ != "PERSON":
        return None
    start = last.i
    while unit.doc[start].ent_iob_ == "I" and start > 0:
        start -= 1  # back to the name's first word
    return ctx.cue(":", list(unit.doc[start : last.i + 1]), unit)


def according_to(span: Span, ctx: Context) -> Cue | None:
    """`According to Doe, the talks "went well"` anywhere in the quote's sentence."""
    for unit, token in _sentence_tokens(span, ctx):
        if token.lower_ != "according":
            continue
        nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            np = _object_np(nxt)
            if np:
                return ctx.cue(f"{token.text} {nxt.text}", np, unit)
    return None


def in_view(span: Span, ctx: Context) -> Cue | None:
    """`In her opinion, the meeting "will ..."`: the one whose view it is."""
    for unit, token in _sentence_tokens(span, ctx):
        if token.lower_ in lx.VIEW_NOUNS and token.head.lower_ == "in":
            owners = [c for c in token.children if c.dep_ == "poss"]
            if owners:
                view = f"in {owners[0].text} {token.text}"
                return ctx.cue(view, noun_phrase(owners[0]), unit)
    return None


def as_noted(span: Span, ctx: Context) -> Cue | None:
    """`As Doe noted, ... "..."`; `as stated in the report`: the source of the words. The "as"
    clause must hang on the clause that holds the quote: in `He talked over them as they
    answered questions and said he can "win"` it times another clause."""
    found = ctx.article.token_at(span.start)
    above = {t.i for t in found[1].ancestors} | {found[1].i} if found else set()
    for unit, token in _sentence_tokens(span, ctx):
        pos = unit.offset + token.idx
        if token.lower_ != "as" or token.dep_ not in ("mark", "advmod", "prep") or pos > span.open:
            continue
        verb = token.head
        if found is not None and (unit is not found[0] or verb.head.i not in above):
            continue
        if is_speech_verb(verb) and not ctx.article.quoted(unit.offset + verb.idx):
            # The source is the verb's own subject or agent; the clause the verb hangs on has its
            # own, unrelated subject, so do not climb to it.
            own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
            source = noun_phrase(own[0]) if own else _agent(verb)
            if source:
                return ctx.cue(f"{token.text} {cue_text(verb)}", source, unit)
    return None


def said_next(span: Span, ctx: Context) -> Cue | None:
    """`The corridor is a "historical necessity". It will be built, Doe said.`: a fragment in
    a sentence with no cue of its own, and the next sentence of the paragraph a clause its
    speech verb reports after it: the one who said the next said this."""
    found = _embedded_at(span, ctx)
    if found is None:
        return None
    unit, first = found
    sentence = first.sent
    if sentence.end >= len(unit.doc):
        return None
    following = unit.doc[sentence.end].sent
    if any(t.tag_ in ("``", "''") for t in following):
        return None  # a quote of its own: its cue is its own
    root = following.root
    # "..., Doe said." or "..., Doe said, the agency reports." (the parse may set Doe's verb
    # aside, or hang it on the clause it reports).
    aside = [
        c
        for c in root.children
        if c.dep_ == "parataxis" or (c.dep_ == "advcl" and c.i > root.i)
    ]
    for verb in [*aside, root]:
        subject = subject_of(verb) if is_speech_verb(verb) else None
        if subject is None or subject.i - following.start < lx.CLAUSE_FIRST_WORDS:
            continue  # the sentence opens with its speaker: it says something new
        if verb is not root or any(
            c.dep_ == "ccomp" and c.i < subject.i for c in verb.children
        ):
            return ctx.cue(cue_text(verb), noun_phrase(subject), unit)
    return None


def nearest_name(span: Span, ctx: Context) -> Cue | None:
    """`After Doe, asked about it, had said, "..."` where the parse gives the speech verb no
    subject: the last person named before the verb in its sentence (the last resort)."""
    found = ctx.article.token_at(span.start)
    if found is None:
        return None
    unit, first = found
    before = [t for t in first.sent if unit.offset + t.idx < span.open and not t.is_space]
    verbs = [t for t in before[-lx.SURFACE_CUE_WORDS :] if is_speech_verb(t)]
    if not verbs or subjects_of(verbs[-1]):
        return None
    verb = verbs[-1]
    start = unit.offset + verb.sent.start_char
    names = [
        m
        for m in ctx.table.between(start, unit.offset + verb.idx)
        if m.entity.kind == "person" and not _modifies_noun(ctx, m.pos)
    ]
    if not names:
        return None
    return Cue(cue_text(verb), [], unit, Resolution(names[-1].entity, "", resolver="name"))


def _modifies_noun(ctx: Context, pos: int) -> bool:
    """ "the deaths of journalists under Doe": a name inside another noun's phrase."""
    found = ctx.article.token_at(pos)
    if found is None:
        return False
    token = found[1]
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token.dep_ == "pobj" and token.head.head.pos_ in ("NOUN", "PROPN")


# ----- no cue: the context ---------------------------------------------------------------------


def runs_on(span: Span, ctx: Context) -> Cue | None:
    """`"We will win," Doe said. "The polls are wrong."`: a quote that follows another in its
    paragraph, with no one else named as a subject between them, has the same speaker."""
    previous = ctx.previous
    if previous is None or previous.cue is None or previous.entity is None:
        return None
    if previous.cue.rule == rule_name(speech_noun):
        return None  # words someone else was said to have said, inside the writer's sentence
    if not ctx.runs_on(span):
        return None
    prev_end = previous.span.close if previous.span.close is not None else previous.span.end
    found = _context_subject(span, ctx)
    if found is not None and found[0].offset + found[1][0].idx > prev_end:
        unit, np = found
        own = ctx.article.token_at(prev_end)
        in_own_cue = own is not None and own[1].sent == np[0].sent  # "...," the Post reported
        if not in_own_cue and ctx.cue(None, np, unit).entity is not previous.entity:
            return None  # someone new is the subject since the previous quote
    return replace(previous.cue, text=None, rule="")


def sentence_before(span: Span, ctx: Context) -> Cue | None:
    """`Doe arrived late. "We were delayed."`: whoever the sentences before were about."""
    found = _context_subject(span, ctx)
    if found is None:
        return None
    unit, np = found
    return ctx.cue(None, np, unit)


# ----- after every span: sharing a speaker ----------------------------------------------------


def continues_back(done: list[Attributed], text: str, name: str) -> None:
    """`"Growth will slow. "Rates must rise. "We expect cuts," she said.`: the parts of one
    reopened quote share the speaker the first cue among them names (the cue may follow them)."""
    start = 0
    for end in range(1, len(done) + 1):
        if end < len(done) and done[end].span.continues:
            continue
        chain = done[start:end]
        named = [
            a.cue
            for a in chain
            if a.cue is not None and a.entity is not None and a.cue.rule not in UNCUED
        ]
        if len(chain) > 1 and named:
            cue = named[0]
            for i in range(start, end):
                own = done[i].cue
                if own is None or own.entity is None or own.rule in UNCUED:
                    done[i] = Attributed(done[i].span, replace(cue, rule=name))
        start = end


def echo(done: list[Attributed], text: str, name: str) -> None:
    """`Police praise "brave" pensioner` ... `"She was very brave," Inspector Doe said`: words a
    fuller quote of the article repeats are that quote's speaker's, when their own cue named no
    person (an organisation, nobody, or a guess)."""
    people = [
        (Said.of(fold(text[a.span.start : a.span.end])), a.cue)
        for a in done
        if a.cue is not None
        and a.entity is not None
        and a.entity.kind == "person"
        and a.cue.rule not in GUESSES
    ]
    for i, a in enumerate(done):
        own = a.cue
        if (
            own is not None
            and own.entity is not None
            and own.entity.kind == "person"
            and own.rule not in GUESSES
        ):
            continue
        words = Said.of(fold(text[a.span.start : a.span.end]))
        if len(words.text) < lx.ECHO_MIN_CHARS:
            continue
        fuller = [cue for said, cue in people if repeats(said, words)]
        if fuller and all(c.entity is fuller[0].entity for c in fuller):
            done[i] = Attributed(a.span, replace(fuller[0], rule=name))


_WORDS = regex.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Said:
    """A quote's folded text and its words, split once: `repeats` compares every quote of an
    article with every other (a long document holds thousands)."""

    text: str
    words: tuple[str, ...]
    vocabulary: frozenset[str]

    @classmethod
    def of(cls, folded: str) -> Said:
        words = tuple(_WORDS.findall(folded))
        return cls(folded, words, frozenset(words))


def repeats(said: Said, words: Said) -> bool:
    """The fuller quote holds the shorter one: word for word, or, for a headline's cut of it,
    every one of its words in the same order ("Cannons silent, people not dying" of "cannons
    are silent ... People are not dying")."""
    if len(said.text) <= len(words.text):
        return False
    if words.text in said.text:
        return True
    wanted = words.words
    if len(wanted) < lx.ECHO_MIN_WORDS or not said.vocabulary.issuperset(wanted):
        return False  # (a word missing anywhere is missing in order: no need to walk them)
    found = iter(said.words)
    return all(w in found for w in wanted)  # each after the one before


# A reopened part takes the speaker of the part before it (`continues`) or, when the cue comes
# after the whole run, of the first part that has one (`continues_back`): one rule, two passes.
RULES: tuple[Rule, ...] = (
    Rule(continues, share=continues_back),
    Rule(speech_noun),
    Rule(verb_governs),
    Rule(verb_after),
    Rule(verb_before),
    Rule(headline),
    Rule(transcript),
    Rule(name_colon),
    Rule(introduced),
    Rule(according_to),
    Rule(in_view),
    Rule(as_noted),
    Rule(said_next),
    Rule(nearest_name, guess=True),
    Rule(runs_on, uncued=True),
    Rule(sentence_before, uncued=True, guess=True),
    Rule(share=echo),
)
ECHO = rule_name(echo)
NO_EVIDENCE = "none"
# What a quote's `evidence` may be, in the order the rules are tried.
EVIDENCE: tuple[str, ...] = (*(rule.name for rule in RULES), NO_EVIDENCE)
UNCUED = frozenset(rule.name for rule in RULES if rule.uncued)
# Evidence that is a guess from the context rather than a cue in the quote's own sentence: the
# ones to check first (`evidence:guess` in a query).
GUESSES = frozenset({*(rule.name for rule in RULES if rule.guess), NO_EVIDENCE})


def attribute(span: Span, ctx: Context) -> Cue | None:
    """The rules in order: the first cue naming someone the article introduced wins; else the
    first cue found (a speaker the article does not name). Uncued rules only run when no rule
    found a cue at all."""
    fallback: Cue | None = None
    for rule in RULES:
        if rule.find is None:
            continue
        if rule.uncued and fallback is not None:
            break
        cue = rule.find(span, ctx)
        if cue is None:
            continue
        if not cue.rule:
            cue = replace(cue, rule=rule.name)
        if ctx.known(cue):
            return cue
        if fallback is None or (fallback.entity is None and cue.entity is not None):
            fallback = cue
    return fallback


def share(done: list[Attributed], text: str) -> None:
    """The sharing passes, in the order of RULES, once every span has been tried."""
    for rule in RULES:
        if rule.share is not None:
            rule.share(done, text, rule.name)


def evidence(cue: Cue | None) -> str:
    """The quote's `evidence`: the rule that named its speaker, or "none"."""
    return cue.rule if cue is not None and cue.entity is not None else NO_EVIDENCE


# ----- helpers ---------------------------------------------------------------------------------


def _hearsay(verb: Token) -> bool:
    """ "reported to have resigned", "said to be": a speech verb raising what others say of its
    subject, who is then no speaker; also a participle said of a noun."""
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return True
    doc = verb.doc
    return (
        verb.i + 2 < len(doc)
        and doc[verb.i + 1].lower_ == "to"
        and doc[verb.i + 2].pos_ in ("VERB", "AUX")
    )


def _governing(span: Span, ctx: Context) -> Cue | None:
    """Speech verbs governing the quote, nearest first, or one right before it (`said: "`,
    `said that "`): the first whose subject (or agent) resolves to someone."""
    found = ctx.article.token_at(span.start)
    if found is None:
        return None
    unit, first = found
    cues: list[Cue] = list(_asides(first, unit, ctx))
    token = first
    for _ in range(lx.MAX_HEAD_CLIMB):
        head = token.head
        if head.i == token.i:
            break
        pos = unit.offset + token.idx
        # A clause or apposition hung on the speech verb itself is the writer's ("Doe said, as
        # prices rose to "record levels", ..."); one inside the reported clause is still
        # reported ("Doe said that while costs were "too high", ...").
        if (
            not ctx.article.quoted(pos)
            and token.dep_ in BLOCKING_DEPS
            and (token.dep_ in ("appos", "agent") or is_speech_verb(head))
            and not (token.dep_ == "acl" and head.lemma_.lower() in lx.OPINION_NOUNS)
        ) or is_example(token):
            break
        token = head
        cues.extend(_asides(head, unit, ctx))
        hpos = unit.offset + head.idx
        if ctx.article.quoted(hpos) and ctx.within(span, hpos):
            continue
        if is_speech_verb(head) and not ctx.within(span, hpos):
            agent = _agent(head) if is_passive(head) else None
            if agent:
                cues.append(ctx.cue(cue_text(head), agent, unit))
            for subject in subjects_of(head):
                if not ctx.within(span, unit.offset + subject.idx):
                    cues.append(ctx.cue(cue_text(head), noun_phrase(subject), unit))
            issued = _in_document(head)
            if issued:
                # "the two ministers said in a joint statement": when they name no one, the
                # statement speaks.
                cues.append(ctx.cue(cue_text(head), issued, unit))
    # Surface form: a speech verb a few words before the mark ("said the following:").
    before = [t for t in first.sent if unit.offset + t.idx < span.open and not t.is_space]
    for token in reversed(before[-lx.SURFACE_CUE_WORDS :]):
        if is_speech_verb(token):
            between = before[before.index(token) + 1 :]
            # "told reporters:", "telling the meeting:": the verb's own object may come between.
            objects = {
                t.i
                for c in token.children
                if c.dep_ in ("dobj", "dative", "prep", "npadvmod")
                for t in c.subtree
            }
            if all(
                t.is_punct or t.lower_ in lx.SURFACE_FILLERS or t.dep_ == "prt" or t.i in objects
                for t in between
            ):
                for subject in subjects_of(token):
                    cues.append(ctx.cue(cue_text(token), noun_phrase(subject), unit))
            break
    # "Doe said that Washington had concluded it was "legal"": a country or capital standing
    # for its government inside the words of a person who speaks for it is that person's.
    people = [c for c in cues if ctx.known(c) and c.entity and c.entity.kind == "person"]
    first = ctx.first_resolved(cues)
    if first is not None and first.resolution.resolver == "government" and people:
        return people[0]
    # "Doe promised a "thorough investigation", the presidential press service said": words
    # a readout quotes from a conversation are the readout's, its issuer's.
    issuer = _readout_issuer(cues, ctx)
    if issuer is not None and ctx.embedded(span) and first in people:
        return issuer
    return first


def _asides(token: Token, unit, ctx: Context) -> Iterator[Cue]:
    """ "The plan, she said, was "a disaster"": a reporting clause set into the sentence."""
    for aside in token.children:
        if (
            aside.dep_ == "parataxis"
            and is_speech_verb(aside)
            and not ctx.article.quoted(unit.offset + aside.idx)
        ):
            for subject in subjects_of(aside):
                yield ctx.cue(cue_text(aside), noun_phrase(subject), unit)


def _readout_issuer(cues: list[Cue], ctx: Context) -> Cue | None:
    """The outermost cue, when it names an office that issues readouts (a press service, a
    ministry, a presidency)."""
    if len(cues) < 2 or not ctx.known(cues[-1]) or cues[-1].entity is None:
        return None
    entity = cues[-1].entity
    if entity.kind != "organization":
        return None
    words = set(entity.name.lower().split())
    return cues[-1] if words & lx.READOUT_ISSUERS else None


def _sentence_tokens(span: Span, ctx: Context) -> list[tuple]:
    """The unquoted tokens of the sentence the quote begins in."""
    found = ctx.article.token_at(span.start)
    if found is None:
        return []
    unit, first = found
    return [(unit, t) for t in first.sent if not ctx.article.quoted(unit.offset + t.idx)]


def _context_subject(span: Span, ctx: Context) -> tuple | None:
    """The person (or organisation) the sentences before the quote were about."""
    lay = ctx.article.layout
    para = lay.index_of(span.open)
    # The last subject before the quote in its paragraph, looked for a stretch at a time from
    # the quote back: a paragraph may be a whole article run together.
    para_start = lay.paragraphs[para][0]
    end = span.open
    while end > para_start:
        start = max(para_start, end - lx.SUBJECT_LOOKBACK_CHARS)
        candidates = ctx.subjects_between(start, end)
        if candidates:
            return candidates[-1]
        end = start
    for index in range(para - 1, max(-1, para - 1 - lx.CONTEXT_PARAGRAPHS), -1):
        if ctx.paragraph_is_caption(index):
            continue
        start, end = lay.paragraphs[index]
        candidates = ctx.subjects_between(start, end)
        return candidates[-1] if candidates else None
    return None


def _reports_own_clause(verb: Token, span: Span, ctx: Context, offset: int) -> bool:
    """`"...", the president said that the document ...`, `"...," officials claim it was Doe
    who ...`: the verb reports a clause of its own, not the quote."""
    return any(
        child.dep_ == "ccomp"
        and not ctx.within(span, offset + child.idx)
        and any(
            (t.lower_ == "that" and t.dep_ == "mark") or t.dep_ in SUBJECT_DEPS
            for t in child.children
        )
        for child in verb.rights
    )



def _quoting(verb: Token) -> Token | None:
    """The object of "quoting" or "citing" hung on a reporting verb."""
    for child in verb.children:
        if child.tag_ == "VBG" and child.lemma_.lower() in ("quote", "cite"):
            for obj in child.children:
                if obj.dep_ in ("dobj", "obj"):
                    return obj
    return None


def _quoted_as_saying(verb: Token) -> Token | None:
    """`the minister is quoted as saying`, `was reported as saying`: the passive's subject is the
    one who spoke."""
    if not is_passive(verb):
        return None
    if not any(t.lower_ in ("saying", "telling", "stating") for t in verb.subtree):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def _introduces_next(verb: Token, ctx: Context, unit) -> bool:
    """`"Do you regret it?" Doe replied: "Not at all."`: a verb followed by a colon and a new
    quote introduces that quote, not the one before it."""
    for token in verb.doc[verb.i + 1 : verb.i + 4]:
        if token.text == ":":
            nxt = verb.doc[token.i + 1] if token.i + 1 < len(verb.doc) else None
            return nxt is not None and ctx.article.quoted(unit.offset + nxt.idx)
        if token.is_punct:
            return False
    return False


def _object_np(prep: Token) -> list[Token] | None:
    for child in prep.children:
        if child.dep_ == "pobj":
            return noun_phrase(child)
    nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
    return noun_phrase(nxt) if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON") else None


def _in_document(verb: Token) -> list[Token] | None:
    """ "said in a joint statement", "wrote in a letter": the text the words are in."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in lx.DOCUMENT_NOUNS:
                    return noun_phrase(obj)
    return None


def _agent(verb: Token) -> list[Token] | None:
    """ "as indicated in the document", "as stated by the ministry": the source named."""
    for child in verb.rights:
        if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return noun_phrase(grandchild)
    return None


def _named_before(window: list[Token]) -> list[Token]:
    """`"..." under President Roe, Jane Doe, a fellow at the Institute, told AFP`, the parser
    having taken the name into the quote's clause: the person named in the last part set off
    by commas before the verb, or in the part before it when that last part describes them."""
    parts: list[list[Token]] = [[]]
    for token in window:
        if token.text == ",":
            parts.append([])
        elif not token.is_punct:
            parts[-1].append(token)
    parts = [p for p in parts if p]

    def named(part: list[Token]) -> bool:
        return all(t.pos_ == "PROPN" for t in part) and any(t.ent_type_ == "PERSON" for t in part)

    if parts and named(parts[-1]):
        return parts[-1]
    if len(parts) > 1 and parts[-1][0].pos_ == "DET" and named(parts[-2]):
        return parts[-2]  # "Jane Doe, a fellow at ...,"
    return []


def _np_after(verb: Token) -> list[Token]:
    """`said Jane Doe, senior ...`: the speaker named right after an inverted verb."""
    out: list[Token] = []
    for token in verb.doc[verb.i + 1 :]:
        if token.dep_ == "prt" and not out:
            continue
        if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
            break
        out.append(token)
    return out
