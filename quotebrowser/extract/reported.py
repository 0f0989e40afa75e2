"""Reported speech: what someone said, told or wrote, given without quotation marks.

"Doe said that the border commission would meet in March", "according to the ministry, the talks
will resume", "Doe told lawmakers the treaty was ready". Each statement is a Quote of kind
"reported" whose text is the content (the clause, not the frame "Doe said"), with exact offsets.
Its speaker is resolved through the same resolvers as a quotation's (`Context.cue`), and agrees
with a quotation inside it that the same verb frames.

`REPORT_RULES` is the ordered registry, in the style of `rules.RULES`: each rule is
`(token, unit, ctx) -> list[Report]`, tried on every unquoted token of a parsed paragraph, and a
statement's `evidence` is its rule's name (`speech_clause` -> `speech-clause`). A token's first
rule that finds something wins; a statement overlapping one found before is dropped (statements
never overlap each other). Adding a pattern: one function here, one line in `REPORT_RULES`, one
test.

What counts (the gold's definition, `../shared/gold/FORMAT.md`): an act of saying or writing,
whose content is a proposition of REPORTED_MIN_WORDS words or more, not wholly inside quotation
marks, with a source. Beliefs and perceptions ("she thinks", "the poll shows") are no speech.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

import regex

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract import rules as quotation_rules
from quotebrowser.extract.attribution import Context, Cue, found_quote
from quotebrowser.extract.marks import ALL_MARKS
from quotebrowser.extract.rules import NO_EVIDENCE, rule_name
from quotebrowser.extract.syntax import (
    SUBJECT_DEPS,
    contiguous_runs,
    cue_text,
    head_of,
    noun_phrase,
    owner_of,
    parsed,
    subjects_of,
)
from quotebrowser.model import REPORTED, Quote

if TYPE_CHECKING:
    from spacy.tokens import Token

    from quotebrowser.extract.article import Unit
    from quotebrowser.extract.layout import Layout

# Punctuation of the frame around a statement: never its first or last character.
_EDGE_PUNCT = frozenset(",;:.—–-()")
# Words that join a cut-off clause to the statement before it ("..., while Doe said").
_JOINERS = frozenset({"and", "but", "or", "while", "whereas", "as", "although", "though"})
_DASHES = frozenset({"-", "–", "—", "--"})
# A line break and a list's bullet: where a statement run into the next item ends.
_BULLET_LINE = regex.compile(r"\n[ \t]*[•·▪◦*–—-]")
# Words that carry no content of a statement's own: `that "..."`, `to "..."`.
_FUNCTION_DEPS = frozenset({"mark", "aux", "auxpass", "det", "cc", "punct", "prep"})
# Quotation rules whose cue is a frame of the writer's sentence: a report around the quotation
# that such a rule attributed has the same speaker.
_SAME_FRAME = frozenset(
    rule_name(rule)
    for rule in (
        quotation_rules.verb_governs,
        quotation_rules.verb_before,
        quotation_rules.according_to,
        quotation_rules.speech_noun,
    )
)


@dataclass(frozen=True, slots=True)
class Report:
    """A statement found: its content's article offsets and the cue naming its source."""

    start: int
    end: int
    cue: Cue


Find = Callable[["Token", "Unit", Context], list[Report]]


@dataclass(frozen=True, slots=True)
class ReportRule:
    find: Find

    @property
    def name(self) -> str:
        return rule_name(self.find)  # type: ignore[arg-type]


# ----- the rules, most precise first ----------------------------------------------------------


def headline(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe: border commission to meet in March`, `Doe demands minister resign`, `Doe calls for
    new talks` (a headline, in one line at the top): what the named source says."""
    if token.i != 0 or unit.paragraph > lx.HEADLINE_PARAGRAPHS:
        return []
    words = [t for t in unit.tokens if not t.is_space]
    if len(words) > lx.HEADLINE_MAX_TOKENS or "\n" in unit.doc.text.strip():
        return []
    names = []
    for t in words:
        if not t.text[:1].isupper() or t.lower_ in _present_forms():
            break
        names.append(t)  # a headline capitalises words a tagger then reads as anything
    if not names or len(names) >= len(words) - 1:
        return []
    cue_word = words[len(names)]
    rest = words[len(names) + 1 :]
    if cue_word.text == ":":
        if rest and ctx.article.quoted(unit.offset + rest[0].idx + 1):
            return []  # `Doe: 'We will win'`: the quotation rules' headline
        cue = ctx.cue(":", names, unit)
    elif cue_word.lower_ in _present_forms():
        if rest and rest[0].lower_ in ("for", "that"):
            rest = rest[1:]  # "calls for ...", "says that ..."
        cue = ctx.cue(cue_word.text, names, unit)
    else:
        return []
    if cue.entity is None:
        return []
    report = _report(rest, cue, unit, ctx)
    return [report] if report is not None else []


def according_to(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`According to the ministry, the talks will resume next week.` / `The talks will resume,
    according to the ministry.`: the rest of the sentence is what the source said."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return []
    to = token.doc[token.i + 1]
    if to.lower_ != "to":
        return []
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None or _reporting_verb(token.head):
        return []  # `"...," Doe said, according to the transcript`: a quotation's source
    phrase = {t.i for t in token.subtree} | {t.i for t in to.subtree}
    rest = [t for t in token.sent if t.i not in phrase]
    cue = ctx.cue(f"{token.text} {to.text}", noun_phrase(source), unit)
    # The clause, not a time or place set before the phrase ("By January 10, according to ...").
    clauses = [part for part in _runs(rest) if any(t.pos_ in ("VERB", "AUX") for t in part)]
    return _first(_report(part, cue, unit, ctx) for part in clauses)


def as_reported(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`As Doe noted, the plan would cost more.`, `The plan - as Doe has reported - would cost
    more.`: an aside naming the source, and the rest of the sentence, which it said."""
    doc = token.doc
    if token.lower_ != "as" or (token.i > token.sent.start and not doc[token.i - 1].is_punct):
        return []  # "as much money as he promised": a comparison, not an aside
    verb = next(
        (
            t
            for t in doc[token.i + 1 : min(token.sent.end, token.i + lx.AS_FRAME_WORDS)]
            if _reporting_verb(t)
        ),
        None,
    )
    if verb is None or _has_object(verb):
        return []
    subjects = [c for c in verb.lefts if c.dep_ in SUBJECT_DEPS and c.i > token.i]
    if not subjects:
        return []
    if any(_reporting_verb(t) for t in token.sent if t.i != verb.i):
        return []  # the aside is inside another report: that report's rules read the sentence
    end = _frame_end(doc, verb.i + 1, token.sent.end)  # "as Doe noted this week"
    if end + 1 < token.sent.end and doc[end + 1].lemma_.lower() in lx.CITING_VERBS:
        end = _frame_end(doc, end + 2, token.sent.end)  # "as Doe reported, citing officials,"
    frame = set(range(token.i, end + 1))
    rest = [t for t in token.sent if t.i not in frame]
    cue = ctx.cue(cue_text(verb), noun_phrase(subjects[0]), unit)
    return _reports(_runs(rest), cue, unit, ctx)


def _frame_end(doc, start: int, stop: int) -> int:  # type: ignore[no-untyped-def]
    """The first punctuation at or after `start`: where a frame set off in the sentence ends."""
    while start < stop and not doc[start].is_punct:
        start += 1
    return start


def split_clause(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`The plan, Doe said, would fail within a year.`: the frame interrupts the statement,
    which comes in pieces (one statement each, as the gold counts them)."""
    if token.dep_ != "parataxis" or not _reporting_verb(token):
        return []
    head = token.head
    if head.i < token.i or not parsed(head):
        return []
    cue = _speaker(token, unit, ctx)
    if cue is None:
        return []
    frame = {t.i for t in token.subtree}
    rest = [t for t in head.subtree if t.i not in frame]
    before = [t for t in rest if t.i < token.i]
    after = [t for t in rest if t.i > token.i]
    if not before or not after or _report(rest, cue, unit, ctx) is None:
        return []
    if _adverbial(before, head):
        before = []  # "After all, she added, ...": the writer's link, not the statement
    return [r for r in (_span(part, cue, unit, ctx) for part in (before, after) if part) if r]


def speech_clause(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe said (that) the border commission would meet in March`, `Doe told lawmakers the
    treaty was ready`, `Doe warned that ...`, `Doe asked whether ...`: a reporting verb and the
    clause it governs, after it. A second report joined to the clause (`..., and predicted that
    ...`) is a statement of its own, by the same speaker."""
    if not _reporting_verb(token) or _refused(token):
        return []
    clauses = [c for c in token.rights if c.dep_ == "ccomp"]
    if not clauses:
        return []
    cue = _speaker(token, unit, ctx)
    if cue is None:
        return []
    return _clause_reports(list(clauses[0].subtree), cue, unit, ctx)


def that_after(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe predicted at the last debate that ...`, where the parse hung the clause elsewhere: a
    reporting verb, a few words about when or where, then `that` and the clause."""
    if not _reporting_verb(token) or _refused(token):
        return []
    if any(c.dep_ in ("ccomp", "xcomp") for c in token.rights):
        return []
    doc = token.doc
    end = min(token.sent.end, token.i + 1 + lx.THAT_AFTER_WORDS)
    for t in doc[token.i + 1 : end]:
        if t.lower_ == "that" and t.i + 1 < token.sent.end:
            if doc[t.i + 1].pos_ in ("VERB", "AUX"):
                return []  # "said of a list that included ...": a relative pronoun
            cue = _speaker(token, unit, ctx)
            if cue is None:
                return []
            rest = _until_clause_end(list(doc[t.i : token.sent.end]))
            return _clause_reports(rest, cue, unit, ctx)
        if t.is_punct or t.pos_ in ("VERB", "AUX") or t.lemma_.lower() in lx.SPEECH_NOUNS:
            return []  # "responded to the accusations that ...": the noun's clause
    return []


def clause_first(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`The talks will resume next week, Doe said.`: the clause before the frame, which ends the
    sentence."""
    if not _reporting_verb(token) or _introduces_quote(token, unit, ctx):
        return []
    clauses = [c for c in token.lefts if c.dep_ == "ccomp"]
    if clauses:
        tokens = list(clauses[-1].subtree)
    else:
        # The parse may make the frame a conjunct of the clause (`..., Doe insisted Thursday.`):
        # then the frame must end the sentence, after a comma, with nothing of its own.
        subjects = [c for c in token.lefts if c.dep_ == "nsubj"]
        if not subjects or token.dep_ not in ("conj", "parataxis") or _has_object(token):
            return []
        first = subjects[0].left_edge
        if first.i == 0 or token.doc[first.i - 1].text != ",":
            return []
        tokens = list(token.doc[token.sent.start : first.i - 1])
    cue = _speaker(token, unit, ctx)
    if cue is None:
        return []
    report = _report(tokens, cue, unit, ctx)
    return [report] if report is not None else []


def speech_noun(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe's claim that the vote was rigged`, `repeating a claim that ...`, `a warning by the
    ministry that ...`: a noun for something said, with its content, and an owner."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lx.SPEECH_NOUNS:
        return []
    clause = next(
        (
            c
            for c in token.rights
            if c.dep_ in ("acl", "ccomp", "relcl")
            and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return []
    owner = owner_of(token, compound=False)
    if owner is not None:
        cue = ctx.cue(token.text, owner, unit)
    elif token.dep_ == "dobj" and token.head.lemma_.lower() in lx.SPEECH_NOUN_VERBS:
        cue = _speaker(token.head, unit, ctx)  # "made the claim that", "repeated a claim that"
    else:
        return []
    if cue is None:
        return []
    return _clause_reports(list(clause.subtree), cue, unit, ctx)


def directive(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe urged the government to block the visit`, `told him to go home`, `called on X to
    resign`, `called for X to resign`, `pledged to ban ...`: what the speaker asked or promised,
    as an infinitive."""
    if not _reporting_verb(token, lx.DIRECTIVE_VERBS) or _refused(token):
        return []
    lemma = token.lemma_.lower()
    content: list[Token] = []
    for child in token.rights:
        if child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.lefts):
            content = list(child.subtree)
            break
        if child.dep_ == "prep" and child.lower_ in lx.DIRECTIVE_PREPOSITIONS.get(lemma, ()):
            # "called for Doe to resign", "called on Doe to resign": the infinitive may hang on
            # the verb or on the object.
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and (
                    any(c.dep_ in ("acl", "relcl") and c.tag_ == "VB" for c in grandchild.rights)
                    or lemma == "call"
                ):
                    content = list(grandchild.subtree)
    if not content:
        return []
    if not any(t.tag_ == "VB" for t in content):
        return []  # "called for calm": a noun, not something to do
    cue = _speaker(token, unit, ctx)
    if cue is None:
        return []
    prepositions = lx.DIRECTIVE_PREPOSITIONS.get(lemma, frozenset())
    return _clause_reports(_after_verb(token, content, prepositions), cue, unit, ctx)


def gerund(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe joked about moving abroad`, `accused Roe of taking cues from ...`, `warned against
    allowing ...`, `proposes breaking up the banks`, `denied wanting the job`: what was said, as
    a gerund."""
    if not _reporting_verb(token, lx.GERUND_VERBS) or _refused(token):
        return []
    lemma = token.lemma_.lower()
    content: list[Token] = []
    for child in token.rights:
        if child.dep_ == "xcomp" and child.tag_ == "VBG" and lemma in lx.GERUND_OBJECT_VERBS:
            content = list(child.subtree)
            break
        if child.dep_ == "prep" and child.lower_ in lx.GERUND_PREPOSITIONS and _gerund(child):
            content = list(_gerund(child)[0].subtree)
            break
        if child.dep_ == "dobj":
            # "accused the striker of cheating": the parse may hang the "of" on the object.
            preps = [c for c in child.rights if c.lower_ in lx.GERUND_PREPOSITIONS]
            if preps and _gerund(preps[0]):
                content = list(child.subtree)
                break
    if not content:
        return []
    cue = _speaker(token, unit, ctx)
    if cue is None:
        return []
    return _clause_reports(_after_verb(token, content, lx.GERUND_PREPOSITIONS), cue, unit, ctx)


def _after_verb(verb: Token, content: list[Token], prepositions: frozenset[str]) -> list[Token]:
    """The content with what stands between it and the verb: the one asked ("urged residents
    to stay"), the preposition ("joked about moving"), so that the statement reads on from its
    cue ("Doe urged residents to ..."); not the verb's particle or its when ("called Wednesday
    for")."""
    doc = verb.doc
    start = verb.i + 1
    while start < len(doc) and (
        (doc[start].dep_ == "prt" and doc[start].head.i == verb.i)
        or (doc[start].dep_ in ("npadvmod", "advmod") and doc[start].head.i == verb.i)
    ):
        start += 1
    first = min(t.i for t in content)
    if start > first or _words(content) < lx.REPORTED_MIN_WORDS:
        return content  # (too short, the one asked aside: no statement, as _report finds)
    lead = doc[start] if start < first else None
    if lead is not None and lead.dep_ == "prep" and lead.lower_ not in prepositions:
        return content  # "asked for anonymity to speak": not the one asked
    return list(doc[start : max(t.i for t in content) + 1])


def _gerund(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pcomp" and g.tag_ in ("VBG", "WRB", "VBD")]


def small_clause(token: Token, unit: Unit, ctx: Context) -> list[Report]:
    """`Doe called him a liar who ...`, `calling it a no-brainer to prosecute`, `described the
    talks as "positive"`: a verb of naming with its object and what the object was called."""
    if not _reporting_verb(token, lx.NAMING_VERBS):
        return []
    objects = [c for c in token.rights if c.dep_ == "dobj"]
    if not objects:
        return []
    obj = objects[0]
    named = lx.NAMING_PREPOSITIONS.get(token.lemma_.lower())
    called = [
        c
        for c in (*token.rights, *obj.rights)
        if c.i > obj.i
        and (
            c.dep_ == "oprd"
            or (
                c.dep_ == "appos"
                and c.head.i == obj.i
                and c.left_edge.i > 0
                and token.doc[c.left_edge.i - 1].text != ","
            )
            or (named is not None and c.dep_ == "prep" and c.lower_ == named)
        )
    ]
    if not called:
        return []
    cue = _speaker(token, unit, ctx)
    if cue is None:
        return []
    content = list(token.doc[obj.left_edge.i : max(c.right_edge.i for c in called) + 1])
    return _clause_reports(content, cue, unit, ctx)


REPORT_RULES: tuple[ReportRule, ...] = (
    ReportRule(headline),
    ReportRule(according_to),
    ReportRule(as_reported),
    ReportRule(split_clause),
    ReportRule(speech_clause),
    ReportRule(that_after),
    ReportRule(clause_first),
    ReportRule(speech_noun),
    ReportRule(directive),
    ReportRule(gerund),
    ReportRule(small_clause),
)
# What a statement's `evidence` may be, in the order the rules are tried.
REPORT_EVIDENCE: tuple[str, ...] = tuple(rule.name for rule in REPORT_RULES)


# ----- running them ---------------------------------------------------------------------------


def find_reports(ctx: Context) -> list[Report]:
    """Every statement of the article, in text order: each parsed paragraph's unquoted tokens
    tried against the rules in order; a statement overlapping one already found is dropped."""
    found: list[Report] = []
    taken = Taken()
    cues = _cue_words()
    for unit in ctx.article.units:
        if not unit.tokens or not parsed(unit.tokens[0]):
            continue
        headline_unit = unit.paragraph <= lx.HEADLINE_PARAGRAPHS
        for token in unit.tokens:
            if not (
                token.lemma_ in cues or token.lower_ in cues or (headline_unit and token.i == 0)
            ):
                continue  # no rule starts from this word: most words, looked up once
            if ctx.article.quoted(unit.offset + token.idx):
                continue  # a verb inside a quote is the speaker's own words
            for rule in REPORT_RULES:
                reports = rule.find(token, unit, ctx)
                if not reports:
                    continue
                for report in reports:
                    if not taken.overlaps(report.start, report.end):
                        cue = _agreeing(report, ctx)
                        cue = _sourced(_continuing(cue, found, ctx), ctx)
                        found.append(replace(report, cue=replace(cue, rule=rule.name)))
                        taken.add(report.start, report.end)
                break
    found.sort(key=lambda r: r.start)
    return found


class Taken:
    """The stretches of text statements were found in: none overlaps another, so in start order
    their ends rise too, and whether a new one overlaps any is one look at the last stretch
    starting before its end (a long document has thousands; a scan of them all was quadratic)."""

    def __init__(self) -> None:
        self._stretches: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._stretches, (end, -1))  # those starting before `end`
        return i > 0 and start < self._stretches[i - 1][1]

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._stretches, (start, end))


def reported_quotes(ctx: Context, source: str, occurrences: dict[str, int]) -> list[Quote]:
    """The article's statements as Quotes of kind "reported" (`occurrences` counts the words
    already given an id, so that ids stay unique beside the quotations')."""
    text = ctx.text
    lay = ctx.article.layout
    out: list[Quote] = []
    for report in find_reports(ctx):
        cue = report.cue
        out.append(
            found_quote(
                source,
                text,
                report.start,
                report.end,
                cue,
                kind=REPORTED,
                evidence=cue.rule if cue.entity is not None else NO_EVIDENCE,
                paragraph=lay.index_of(report.start),
                occurrences=occurrences,
            )
        )
    return out


# ----- helpers --------------------------------------------------------------------------------


def _reporting_verb(token: Token, verbs: frozenset[str] = lx.REPORTING_VERBS) -> bool:
    if token.pos_ not in ("VERB", "AUX") or not parsed(token):
        return False
    lemma = token.lemma_.lower()
    if lemma not in verbs and token.lower_ not in verbs:
        return False
    if lemma not in lx.DIRECTIVE_VERBS and _hearsay(token):
        return False  # "said to be killed", "reported to have fled": others say it of them
    particle = lx.REPORTING_PARTICLES.get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
        return False  # "pointed" alone is no report; "pointed out" is
    if token.tag_ == "VBN" and not any(c.lemma_ == "have" for c in token.children):
        return False  # "Asked why ...", "when told that ...": said to the subject, not by it
    # "she may say", "did not say": no report of anything said.
    return not any(c.tag_ == "MD" or c.dep_ == "neg" for c in token.children)


def _hearsay(verb: Token) -> bool:
    doc = verb.doc
    return (
        verb.i + 2 < len(doc)
        and doc[verb.i + 1].lower_ == "to"
        and doc[verb.i + 2].pos_ in ("VERB", "AUX")
    )


def _refused(verb: Token) -> bool:
    """`declined to say whether ...`, `refused to say that ...`: nothing was said."""
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in lx.REFUSAL_VERBS


def _has_object(verb: Token) -> bool:
    """The verb has a complement of its own (the one it tells aside: "told the BBC")."""
    hearer = verb.lemma_.lower() in lx.ADDRESSEE_VERBS
    return any(
        c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and not hearer and c.lower_ != "it")
        for c in verb.children
    )


def _speaker(verb: Token, unit: Unit, ctx: Context) -> Cue | None:
    """Who says it: the verb's subject (or, climbing, its clause's), resolved the way a
    quotation's speaker is. None when the report has no source ("it was said that")."""
    subjects = subjects_of(verb)
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    if (
        verb.tag_ == "VBG"
        and before is not None
        and before.pos_ == "PROPN"
        and before.dep_ in ("pobj", "dobj")
        and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)
    ):
        subjects = [before, *subjects]  # "with Doe asking whether ...": Doe asks
    # The first that names someone the article introduced, else the first: resolved one at a
    # time (resolving is most of what finding a statement costs).
    first: Cue | None = None
    for subject in subjects:
        mention = noun_phrase(subject)
        if mention:
            cue = ctx.cue(cue_text(verb), mention, unit)
            if not _plausible(cue):
                continue
            if ctx.known(cue):
                return cue
            first = first or cue
    return first


def _plausible(cue: Cue) -> bool:
    """A name the resolvers made of a capitalised word should read as a name: "Aware of the
    discontent in Azerbaijani society, the president said" parsed with "Aware" as the subject is
    an opening phrase, not someone called that."""
    if cue.resolution.resolver != "proper-noun":
        return True
    return all(
        t.text[:1].isupper() or not t.is_alpha or t.lower_ in lx.NAME_SMALL_WORDS - {"of", "the"}
        for t in cue.mention[1:]
    )


def _continuing(cue: Cue, found: list[Report], ctx: Context) -> Cue:
    """`Doe's office described the talks as positive ... It said the two sides agreed ...`: "it"
    or "they" reporting right after a body or a document reported (a statement or a quotation,
    in this paragraph or the one before) is that source, not the last thing named."""
    mention = cue.mention
    if len(mention) != 1 or mention[0].lower_ not in lx.GROUP_PRONOUNS or cue.unit is None:
        return cue
    pos = cue.unit.offset + mention[0].idx
    before = [
        (c.unit.offset + c.mention[0].idx, c)
        for c in [a.cue for a in ctx.done] + [r.cue for r in found]
        if c is not None and c.unit is not None and c.mention and c.entity is not None
    ]
    before = [(p, c) for p, c in before if p < pos]
    if not before:
        return cue
    last_pos, last = max(before, key=lambda pc: pc[0])
    lay = ctx.article.layout
    entity = last.entity
    if entity is None or lay.index_of(pos) - lay.index_of(last_pos) > 1:
        return cue
    if entity.kind != "person" or (entity.anonymous and mention[0].lower_ == "they"):
        resolution = replace(cue.resolution, entity=entity, resolver=last.resolution.resolver)
        return replace(cue, resolution=resolution)
    return cue


def _sourced(cue: Cue, ctx: Context) -> Cue:
    """A report has a source: "Israeli officials said", "social scientists say", "according to
    FEC records" name no one in particular, and are the source all the same, called what the
    article calls them (as an unnamed source is: `WhoIsWho.unnamed`). Only people, bodies and
    records are: a pronoun with no one before it, or a noun the parse made a subject by mistake,
    stays unnamed."""
    if cue.entity is not None or not cue.mention:
        return cue
    head = head_of(cue.mention)
    lemma = head.lemma_.lower()
    if not (
        lx.role_nouns([lemma])
        or head.ent_type_ == "NORP"
        or lemma in lx.SOURCE_NOUNS
        or lemma in lx.DOCUMENT_NOUNS
    ):
        return cue  # "the recent tragedy", "Aware of the discontent": no source, as parsed
    named = ctx.table.unnamed(cue.mention)
    return replace(cue, resolution=replace(cue.resolution, entity=named))


def _agreeing(report: Report, ctx: Context) -> Cue:
    """The report's cue, or that of a quotation inside it whose cue names a person where the
    report's names nobody or no person (`He said the plan was "a disaster"`: one speaker)."""
    cue = report.cue
    if cue.entity is not None and cue.entity.kind == "person":
        return cue
    for done in ctx.done:
        span = done.span
        if span.open < report.start or span.open >= report.end:
            continue
        own = done.cue
        person = own is not None and own.entity is not None and own.entity.kind == "person"
        if person and own is not None and own.rule in _SAME_FRAME and own.text == cue.text:
            return own  # the same frame ("said") that the quotation's rule read
    return cue



def _clause_reports(tokens: list[Token], cue: Cue, unit: Unit, ctx: Context) -> list[Report]:
    """The statement a clause makes, without what is joined to it: a report with a subject of
    its own (`..., while Roe said that ...`) is found on its own; one that shares the speaker
    (`..., and predicted that ...`, `..., adding that ...`) is a statement of the same cue; a
    relative clause set off at the end (`..., which the police began in 2002`) is the writer's."""
    ids = {t.i for t in tokens}
    cut: set[int] = set()
    joined: list[Token] = []
    last = max((t.i for t in tokens if not t.is_punct), default=-1)
    for token in tokens[1:]:
        if token.i in cut:
            continue
        if token.dep_ in ("conj", "advcl", "parataxis") and _reporting_verb(token):
            cut.update(t.i for t in token.subtree if t.i in ids)
            if not any(c.dep_ in SUBJECT_DEPS for c in token.children):
                joined.append(token)
        elif _aside(token, last):
            cut.update(t.i for t in token.subtree)
    kept = [t for t in tokens if t.i not in cut]
    found = _reports(_runs(kept), cue, unit, ctx)
    for verb in joined:
        inner = [c for c in verb.rights if c.dep_ == "ccomp"]
        if inner:
            joined_cue = replace(cue, text=cue_text(verb))
            found += _clause_reports(list(inner[0].subtree), joined_cue, unit, ctx)
    return found


def _aside(token: Token, last: int) -> bool:
    """The writer's aside that ends a statement: a relative clause after a comma (`..., which
    the police began in 2002`), an apposition after a dash (`... - a move he announced later`)."""
    edge = token.left_edge
    if edge.i == 0 or token.right_edge.i < last:
        return False
    before = token.doc[edge.i - 1].text
    if token.dep_ == "relcl":
        return edge.lower_ in lx.ASIDE_RELATIVES and before == ","
    return token.dep_ == "appos" and before in _DASHES


def _reports(parts: Iterable[list[Token]], cue: Cue, unit: Unit, ctx: Context) -> list[Report]:
    """A statement of each part that is one; the parts after the first may be short (the rest
    of a statement a frame interrupted)."""
    found: list[Report] = []
    for part in parts:
        report = _report(part, cue, unit, ctx) if not found else _span(part, cue, unit, ctx)
        if report is not None and (not found or _words(part) >= lx.REPORTED_MIN_WORDS):
            found.append(report)
    return found


def _first(reports: Iterable[Report | None]) -> list[Report]:
    for report in reports:
        if report is not None:
            return [report]
    return []


def _words(tokens: list[Token]) -> int:
    return sum(1 for t in tokens if not t.is_punct and not t.is_space)


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Contiguous runs of tokens (by index), joiners at a run's ends dropped."""
    out = []
    for run in contiguous_runs(tokens):
        while run and _joiner(run[-1]):
            run = run[:-1]
        while run and _joiner(run[0]):
            run = run[1:]
        if run:
            out.append(run)
    return out


def _joiner(token: Token) -> bool:
    return (token.is_punct or token.lower_ in _JOINERS) and token.text not in ALL_MARKS


def _until_clause_end(tokens: list[Token]) -> list[Token]:
    """A clause read on the surface: up to a semicolon, or a comma before a new frame."""
    out: list[Token] = []
    for t in tokens:
        if t.text == ";":
            break
        out.append(t)
    return out


def _adverbial(tokens: list[Token], head: Token) -> bool:
    """The tokens only hang adverbs or prepositional phrases on the clause ("After all")."""
    ids = {t.i for t in tokens}
    tops = [t for t in tokens if t.head.i not in ids or t.i == t.head.i]
    return all(t.dep_ in ("advmod", "prep", "cc", "intj", "punct", "npadvmod") for t in tops)


def _introduces_quote(verb: Token, unit: Unit, ctx: Context) -> bool:
    """`..., Doe said of the episode, "I don't like it."`: the verb frames a quotation after it."""
    for t in verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + lx.QUOTE_AFTER_FRAME_TOKENS)]:
        if ctx.article.quoted(unit.offset + t.idx):
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


def _span(tokens: list[Token], cue: Cue, unit: Unit, ctx: Context) -> Report | None:
    """The tokens' stretch of the article, without the frame's punctuation at either end; a
    quotation it ends inside is taken to its closing mark."""
    words = [t for t in tokens if not t.is_space]
    while words and words[0].text in _EDGE_PUNCT:
        words = words[1:]
    while words and words[-1].text in _EDGE_PUNCT:
        words = words[:-1]
    if not words:
        return None
    start = unit.offset + words[0].idx
    end = unit.offset + words[-1].idx + len(words[-1].text)
    # A list run into one paragraph ("...prisoners;\n • One ..."): the statement ends at its line.
    bullet = _BULLET_LINE.search(ctx.text, start, end)
    if bullet is not None:
        end = bullet.start()
        while end > start and ctx.text[end - 1] in " \t;:,.":
            end -= 1
    spans = ctx.article.spans
    at = bisect.bisect_left(spans, end, key=lambda span: span.open) - 1
    if at >= 0:
        close = spans[at].close
        if close is not None and end <= close < ctx.paragraph_end(start):
            end = close + 1  # `the plan was "a disaster.`: to the closing mark
    return Report(start, end, cue)


def _report(tokens: list[Token], cue: Cue, unit: Unit, ctx: Context) -> Report | None:
    """A statement of these tokens, when it is one: a proposition long enough, and not a
    quotation with its frame."""
    report = _span(tokens, cue, unit, ctx)
    if report is None:
        return None
    content = [
        t
        for t in tokens
        if report.start <= unit.offset + t.idx < report.end and not t.is_punct and not t.is_space
    ]
    if len(content) < lx.REPORTED_MIN_WORDS:
        return None
    quoted = [ctx.article.quoted(unit.offset + t.idx) for t in content]
    unquoted = [
        t for t, q in zip(content, quoted, strict=True) if not q and t.dep_ not in _FUNCTION_DEPS
    ]
    if not unquoted:
        return None  # `Doe said that "..."`: wholly a quotation
    if quoted[0] and 2 * sum(quoted) > len(quoted):
        return None  # `"...," CBS anchor Doe said`: a quotation and its frame
    return report


_WORD = regex.compile(r"[^\W\d_]+")


@cache
def _cue_words() -> frozenset[str]:
    """Every word (or lemma) a rule starts from: the verbs and nouns of the lists, "according",
    "as"."""
    verbs = lx.REPORTING_VERBS | lx.DIRECTIVE_VERBS | lx.GERUND_VERBS | lx.NAMING_VERBS
    return verbs | lx.SPEECH_NOUNS | {"according", "as"}


@cache
def _present_forms() -> frozenset[str]:
    """ "says", "warns", "calls": the forms of a headline's verb."""
    verbs = lx.REPORTING_VERBS | lx.DIRECTIVE_VERBS | lx.GERUND_VERBS
    return frozenset(_third_person(v) for v in verbs)


@cache
def _reporting_forms() -> frozenset[str]:
    """The words the look before parsing watches for: a reporting verb in a form that reports
    ("said", "tells", "warned", "adding"), and "according". A verb's bare form reports only after
    "did" or a modal, which the rules refuse; and "states", "reports", "posts" are nouns far more
    often than verbs."""
    verbs = lx.REPORTING_VERBS | lx.DIRECTIVE_VERBS | lx.GERUND_VERBS | lx.NAMING_VERBS
    forms = {f for lemma in verbs for f in _forms(lemma) if f != lemma} | lx.REPORTING_FORMS
    return frozenset(forms - {_third_person(noun) for noun in lx.NOUN_LIKE_REPORTING})


@cache
def _speech_noun_forms() -> frozenset[str]:
    return frozenset(noun + s for noun in lx.SPEECH_NOUNS for s in ("", "s"))


def reporting_paragraphs(text: str, lay: Layout) -> set[int]:
    """The paragraphs worth parsing for reported speech, found in one pass over the text: a
    reporting verb's form, a noun for something said with its "that", and in the headline a
    colon or a verb in the present ("Doe: ...", "Doe calls for ...")."""
    lowered = text.lower()
    found = {lay.index_of(at) for at in _triggers(lowered)}
    present = _present_forms()
    for i, (start, end) in enumerate(lay.paragraphs[: lx.HEADLINE_PARAGRAPHS + 1]):
        if ":" in text[start:end] or any(w in present for w in _WORD.findall(lowered, start, end)):
            found.add(i)
    return found


def may_report(text: str) -> bool:
    """A reporting verb's form or a speech noun with its "that" in `text`."""
    return next(_triggers(text.lower()), None) is not None


def _triggers(lowered: str) -> Iterator[int]:
    """Where the rules may find a report in lower-cased text: a word, then a set lookup (one
    regex over the text, not a pattern per word)."""
    forms, nouns = _reporting_forms(), _speech_noun_forms()
    for match in _WORD.finditer(lowered):
        word = match.group()
        if word in forms or (
            word in nouns and " that " in lowered[match.end() : match.end() + lx.NOUN_THAT_CHARS]
        ):
            yield match.start()


def _third_person(lemma: str) -> str:
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "sh", "ch", "x")):
        return lemma + "es"
    return lemma + "s"


def _forms(lemma: str) -> set[str]:
    """A verb's regular forms (a form that is no word does no harm: it never matches)."""
    forms = {lemma, _third_person(lemma), lemma + "ing", lemma + "ed"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ied")
    vowel = [ch in "aeiou" for ch in lemma[-3:]]
    if len(vowel) == 3 and lemma[-1] in "tpglnm" and vowel == [False, True, False]:
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms
