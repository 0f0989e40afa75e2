"""For each quoted span: the speech cue and the words naming its speaker, from spaCy's parse.

Looks, in order, after the quote (`"...," the minister said`, `"...," said Jane Doe`), before it and
governing it (`Doe said: "..."`, `Doe stressed that relations "were ..."`, `called it "useful"`),
at `according to X` and `as X noted` in the same sentence. A quote with no cue of its own that
stands as a sentence takes its speaker from the text before it (the previous quote, or the person
the previous sentences were about); a short quote with no cue is a scare quote or a name.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
from spacy.tokens import Token

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.marks import Span
from quotebrowser.extract.speakers import SUBJECT_DEPS, noun_phrase

# Dependency edges a quote's governing verb is never reached through: the quote then belongs to an
# adverbial or relative clause or an apposition, not to the verb's report.
_BLOCKING_DEPS = frozenset({"advcl", "acl", "relcl", "appos", "agent"})


def _example(token: Token) -> bool:
    """`discontent, such as "..."`: words given as an example, not reported by the verb."""
    return token.lower_ in ("as", "like") and (
        any(c.lower_ == "such" for c in token.children)
        or (token.i > 0 and token.doc[token.i - 1].lower_ == "such")
    )


_SENTENCE_END = frozenset({".", "!", "?"})
_VIEW_NOUNS = frozenset("opinion view words estimation assessment judgment judgement".split())
_NAME_WORD = regex.compile(r"^[\p{Lu}\d][\p{L}\p{N}’'.\-]*$")
_SMALL_WORDS = frozenset(
    "of and the for in on to a an at by with from - – — & de la von van der al".split()
)


@dataclass(frozen=True, slots=True)
class Cue:
    """Who said a span (the words naming them, in their unit) and with which verb or phrase."""

    text: str | None
    speaker: list[Token]
    unit: Unit | None
    how: str  # tail | head | according | as | context

    @property
    def pos(self) -> int:
        if self.unit is None or not self.speaker:
            return -1
        return self.unit.offset + self.speaker[0].idx


def is_speech_verb(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma == "read":
        # "the statement read: ...", but not "banners reading ...".
        return any(
            c.dep_ == "nsubj" and c.lemma_.lower() in lx.DOCUMENT_NOUNS for c in token.children
        )
    if any(c.tag_ == "MD" for c in token.children):
        return False  # "the deal could add ...", "she may say": not a report of speech
    return lemma in lx.SPEECH_VERBS or token.lower_ in lx.SPEECH_VERBS


def cue_text(verb: Token) -> str:
    particles = [c for c in verb.rights if c.dep_ == "prt" and c.lower_ in lx.CUE_PARTICLES]
    if particles:
        return f"{verb.text} {particles[0].text}"
    return verb.text


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def subjects_of(verb: Token) -> list[Token]:
    """Who may be speaking through `verb`: its subject, then, climbing from a participle or a
    clause to the one it hangs on ("..., noting that"), theirs. A passive verb's subject is the
    one spoken to ("had been warned"), never the speaker."""
    found: list[Token] = []
    if verb.tag_ == "VBG" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        # "X said ..., adding that ...": the participle goes with the reporting verb above it,
        # even when the parser hangs it on a verb of the reported clause.
        for ancestor in verb.ancestors:
            if ancestor.i != verb.i and is_speech_verb(ancestor):
                found.extend(c for c in ancestor.children if c.dep_ == "nsubj")
                break
    current = verb
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "nsubj" or (child.dep_ == "nsubjpass" and current.i != verb.i):
                found.append(child)
                break
        if current.dep_ in ("advcl", "xcomp", "conj", "ccomp") and current.head.i != current.i:
            current = current.head
        else:
            break
    return found


def subject_of(verb: Token) -> Token | None:
    found = subjects_of(verb)
    return found[0] if found else None


def looks_like_name(text: str) -> bool:
    """`the "Friends of the Sea" group`, `the "NKR" army`: capitalised words, no sentence."""
    words = text.split()
    if not words or len(words) > 6 or any(ch in text for ch in ".!?,;:"):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(_NAME_WORD.match(w) for w in content)


class Attributor:
    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text

    # ----- the span's own sentence ----------------------------------------------------------

    def tail(self, span: Span) -> list[Cue]:
        cue = self._tail(span)
        return [cue] if cue else []

    def _tail(self, span: Span) -> Cue | None:
        """`"...," X said.` / `"...," said X, ...` / `"...," according to X.`"""
        if span.close is None:
            return None
        found = self.article.token_at(span.close + 1)
        if found is None:
            return None
        unit, first = found
        if first.idx + unit.offset > self._paragraph_end(span.close):
            return None
        ended = self._ends_sentence(span)
        window: list[Token] = []
        for token in unit.doc[first.i :]:
            pos = unit.offset + token.idx
            if self.article.quoted(pos) and pos > span.close:
                break  # the next quote begins
            if token.text in _SENTENCE_END:
                break  # the sentence ends: what follows is not about this quote
            if not token.is_space:
                window.append(token)
            if len(window) > 40:
                break
        words = [t for t in window if not t.is_punct]
        if not words:
            return None
        if ended and words[0].text[:1].isupper() and words[0].pos_ not in ("PRON", "PROPN"):
            return None  # the quote closed its sentence and a new one starts
        for i, token in enumerate(words):
            if token.lower_ == "according" and i + 1 < len(words) and words[i + 1].lower_ == "to":
                np = self._object_np(words[i + 1])
                if np and i <= 1:
                    return Cue("according to", np, unit, "tail")
            if not is_speech_verb(token):
                continue
            if i > 8:
                return None
            before = words[:i]
            if any(t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass") for t in before):
                return None
            if self._reports_own_clause(token, span, unit):
                return None
            subject = subject_of(token)
            if subject is not None and unit.offset + subject.idx > span.close:
                return Cue(cue_text(token), noun_phrase(subject), unit, "tail")
            if before:
                return Cue(cue_text(token), [t for t in before if not t.is_punct], unit, "tail")
            after = self._np_after(token)
            if after:
                return Cue(cue_text(token), after, unit, "tail")
            return None
        return None

    def head(self, span: Span) -> list[Cue]:
        """Speech verbs governing the quote, nearest first, or one right before it
        (`said: "`, `said that "`), each with the words that may name its speaker."""
        found = self.article.token_at(span.start)
        if found is None:
            return []
        unit, first = found
        cues: list[Cue] = []
        # Climb from the quote's first word through the verbs outside the quote.
        token = first
        for _ in range(30):
            head = token.head
            if head.i == token.i:
                break
            pos = unit.offset + token.idx
            if (
                not self.article.quoted(pos)
                and token.dep_ in _BLOCKING_DEPS
                and not (token.dep_ == "acl" and token.head.lemma_.lower() in lx.OPINION_NOUNS)
            ) or _example(token):
                break
            token = head
            hpos = unit.offset + head.idx
            if self.article.quoted(hpos) and self._within(span, hpos):
                continue
            if is_speech_verb(head) and not self._within(span, hpos):
                agent = self._agent(head) if is_passive(head) else None
                if agent:
                    cues.append(Cue(cue_text(head), agent, unit, "head"))
                for subject in subjects_of(head):
                    if not self._within(span, unit.offset + subject.idx):
                        cues.append(Cue(cue_text(head), noun_phrase(subject), unit, "head"))
        # Surface form: a speech verb a few words before the mark ("said the following:").
        sent = first.sent
        before = [t for t in sent if unit.offset + t.idx < span.open and not t.is_space]
        for token in reversed(before[-5:]):
            if is_speech_verb(token):
                between = before[before.index(token) + 1 :]
                if all(
                    t.is_punct
                    or t.lower_ in ("that", "the", "following", "as", "follows")
                    or t.dep_ == "prt"
                    for t in between
                ):
                    for subject in subjects_of(token):
                        cues.append(Cue(cue_text(token), noun_phrase(subject), unit, "head"))
                break
        return cues

    def according(self, span: Span) -> list[Cue]:
        cue = self._according(span)
        return [cue] if cue else []

    def _according(self, span: Span) -> Cue | None:
        """`According to X, ... "..."` or `As X noted, ... "..."` in the quote's sentence."""
        found = self.article.token_at(span.start)
        if found is None:
            return None
        unit, first = found
        headline = self._headline_speaker(span)
        if headline is not None:
            return headline
        for token in first.sent:
            pos = unit.offset + token.idx
            if self.article.quoted(pos):
                continue
            if token.lower_ == "according":
                nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
                if nxt is not None and nxt.lower_ == "to":
                    np = self._object_np(nxt)
                    if np:
                        return Cue(f"{token.text} {nxt.text}", np, unit, "according")
            if token.lower_ in _VIEW_NOUNS and token.head.lower_ == "in":
                # "In her opinion, the meeting "will ..."": the one whose view it is.
                owners = [c for c in token.children if c.dep_ == "poss"]
                if owners:
                    view = f"in {owners[0].text} {token.text}"
                    return Cue(view, noun_phrase(owners[0]), unit, "according")
            if (
                token.lower_ == "as"
                and token.dep_ in ("mark", "advmod", "prep")
                and pos < span.open
            ):
                verb = token.head
                if is_speech_verb(verb) and not self.article.quoted(unit.offset + verb.idx):
                    # "As noted in the report": the source is the agent; the clause the verb
                    # hangs on has its own, unrelated subject, so do not climb to it.
                    own = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
                    source = noun_phrase(own[0]) if own else self._agent(verb)
                    if source:
                        return Cue(f"{token.text} {cue_text(verb)}", source, unit, "as")
        return None

    def _headline_speaker(self, span: Span) -> Cue | None:
        """`Doe: 'We will win'` (a headline or standfirst): the name before a colon speaks."""
        para_start = self.article.layout.paragraphs[self.article.layout.index_of(span.open)][0]
        lead = self.text[para_start : span.open].rstrip()
        if not lead.endswith(":") or len(lead) > 60:
            return None
        unit = self.article.unit_at(para_start)
        if unit is None:
            return None
        words = [t for t in unit.doc if unit.offset + t.idx < span.open - 1 and not t.is_space]
        words = [t for t in words if t.text != ":"]
        if words and all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in words):
            return Cue(":", words, unit, "according")
        return None

    # ----- kind and context -----------------------------------------------------------------

    def stands_alone(self, span: Span) -> bool:
        """The quote begins its own sentence (or follows a colon) and reads as a sentence."""
        words = self.text[span.start : span.end]
        if not words[:1].isupper() and not words[:1].isdigit():
            return False
        j = span.open - 1
        while j >= 0 and self.text[j] in " \t\xa0":
            j -= 1
        lead = self.text[j] if j >= 0 else "\n"
        # A dateline dash ("TOWN (AP) - ") also starts the sentence.
        return lead in '\n.!?:”"»…-–—' or (lead == "," and self._after_cue(span))

    def embedded(self, span: Span) -> bool:
        """The quote is part of a sentence of the writer's ("said the plan was "unworkable"")."""
        return not self.stands_alone(span) and not self._after_cue(span)

    def kind(self, span: Span, cue: Cue | None) -> str:
        if self.stands_alone(span):
            return "direct"
        if cue is not None and cue.how == "tail" and self._sentence_starts_at(span):
            return "direct"
        if self._after_cue(span):
            return "direct"
        return "partial"

    def paragraph_is_caption(self, index: int) -> bool:
        """Photo credits, bullets of links, bylines: no verb, or too short to be prose."""
        start, end = self.article.layout.paragraphs[index]
        unit = self.article.unit_at(start)
        if unit is None:
            return True
        tokens = [t for t in unit.doc if not t.is_space and unit.offset + t.idx < end]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
        return not has_verb or len(tokens) < 4

    def context_subject(self, span: Span) -> tuple[Unit, list[Token]] | None:
        """The person (or organisation) the sentences before the quote were about."""
        para = self.article.layout.index_of(span.open)
        candidates = self._subjects_between(self.article.layout.paragraphs[para][0], span.open)
        if candidates:
            return candidates[-1]
        for index in range(para - 1, max(-1, para - 4), -1):
            if self.paragraph_is_caption(index):
                continue
            start, end = self.article.layout.paragraphs[index]
            candidates = self._subjects_between(start, end)
            return candidates[-1] if candidates else None
        return None

    # ----- helpers --------------------------------------------------------------------------

    def _subjects_between(self, start: int, end: int) -> list[tuple[Unit, list[Token]]]:
        found: list[tuple[Unit, list[Token]]] = []
        for unit in self.article.units:
            if unit.end <= start or unit.offset >= end:
                continue
            for token in unit.doc:
                pos = unit.offset + token.idx
                if pos < start or pos >= end or self.article.quoted(pos):
                    continue
                if token.dep_ in SUBJECT_DEPS and (
                    token.ent_type_ in ("PERSON", "ORG")
                    or token.lower_ in lx.PERSON_PRONOUNS
                    or lx.role_nouns([token.text])
                ):
                    found.append((unit, noun_phrase(token)))
        return found

    def _within(self, span: Span, pos: int) -> bool:
        end = span.close if span.close is not None else span.end
        return span.open <= pos <= end

    def _paragraph_end(self, offset: int) -> int:
        lay = self.article.layout
        return lay.paragraphs[lay.index_of(offset)][1]

    def _ends_sentence(self, span: Span) -> bool:
        j = (span.close or span.end) - 1
        while j > span.start and self.text[j].isspace():
            j -= 1
        return self.text[j] in ".!?…"

    def _sentence_starts_at(self, span: Span) -> bool:
        j = span.open - 1
        while j >= 0 and self.text[j] in " \t\xa0":
            j -= 1
        return j < 0 or self.text[j] in '\n.!?”"»'

    def _after_cue(self, span: Span) -> bool:
        """`she said, "` or `he said: "`: the mark follows a speech verb (and its speaker)."""
        unit = self.article.unit_at(span.open)
        if unit is None:
            return False
        local = span.open - unit.offset
        before = [t for t in unit.doc if t.idx < local and not t.is_space][-6:]
        if not before or before[-1].text not in (",", ":"):
            return False
        words = [t for t in before[:-1] if not t.is_punct]
        return any(is_speech_verb(t) for t in words[-3:])

    def _reports_own_clause(self, verb: Token, span: Span, unit: Unit) -> bool:
        """`"...", the president said that the document ...`: the verb reports another clause."""
        return any(
            child.dep_ == "ccomp"
            and not self._within(span, unit.offset + child.idx)
            and any(t.lower_ == "that" and t.dep_ == "mark" for t in child.children)
            for child in verb.rights
        )

    def _object_np(self, prep: Token) -> list[Token] | None:
        for child in prep.children:
            if child.dep_ == "pobj":
                return noun_phrase(child)
        nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
        return (
            noun_phrase(nxt) if nxt is not None and nxt.pos_ in ("PROPN", "NOUN", "PRON") else None
        )

    def _agent(self, verb: Token) -> list[Token] | None:
        """ "as indicated in the document", "as stated by the ministry": the source named."""
        for child in verb.rights:
            if child.dep_ in ("agent", "prep") and child.lower_ in ("by", "in"):
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return noun_phrase(grandchild)
        return None

    def _np_after(self, verb: Token) -> list[Token]:
        """`said Jane Doe, senior ...`: the speaker named right after an inverted verb."""
        out: list[Token] = []
        for token in verb.doc[verb.i + 1 :]:
            if token.dep_ == "prt" and not out:
                continue
            if token.is_punct or token.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "CCONJ"):
                break
            out.append(token)
        return out
