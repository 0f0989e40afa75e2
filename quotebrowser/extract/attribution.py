"""Who said a quoted span: the context the rules read, and the run of the rules in their order.

The rules themselves, their order and the run of them are in `rules.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from quotebrowser.extract import lexicon as lx
from quotebrowser.extract.article import Article, Unit
from quotebrowser.extract.entities import Entity, Resolution
from quotebrowser.extract.marks import ALL_MARKS, Span
from quotebrowser.extract.resolvers import resolve_tokens
from quotebrowser.extract.syntax import SUBJECT_DEPS, head_of, is_speech_verb, noun_phrase
from quotebrowser.extract.who_is_who import WhoIsWho
from quotebrowser.model import Quote, quote_id

if TYPE_CHECKING:
    from spacy.tokens import Token

_NAME_WORD = regex.compile(r"^[\p{Lu}\d][\p{L}\p{N}’'.\-]*$")


@dataclass(frozen=True, slots=True)
class Cue:
    """What a rule found: the cue words, the mention naming the speaker, and who it resolves to."""

    text: str | None  # the speech verb or phrase ("said", "according to", ":")
    mention: list[Token]
    unit: Unit | None
    resolution: Resolution
    rule: str = ""  # the rule that found it (rules.RULES), set as the rules run

    @property
    def entity(self) -> Entity | None:
        return self.resolution.entity


@dataclass(frozen=True, slots=True)
class Attributed:
    """A quote's span with the cue that won (None: no rule found one)."""

    span: Span
    cue: Cue | None

    @property
    def entity(self) -> Entity | None:
        return self.cue.entity if self.cue is not None else None


def found_quote(
    source: str,
    text: str,
    start: int,
    end: int,
    cue: Cue | None,
    *,
    kind: str,
    evidence: str,
    paragraph: int,
    occurrences: dict[str, int],
) -> Quote:
    """The Quote of words found at `text[start:end]`, its speaker as `cue` resolved them (a
    speaker the article does not name keeps the words that described them as their role);
    `occurrences` counts the same words quoted before in the document, for a stable id."""
    words = text[start:end]
    n = occurrences.get(words, 0)
    occurrences[words] = n + 1
    entity = cue.entity if cue is not None else None
    surface = cue.resolution.surface if cue is not None else ""
    return Quote(
        id=quote_id(source, words, n),
        source=source,
        text=words,
        start=start,
        end=end,
        speaker=entity.name if entity else None,
        role=entity.role if entity else (surface or None),
        group=entity.group if entity else "other",
        kind=kind,
        cue=cue.text if cue is not None else None,
        paragraph=paragraph,
        evidence=evidence,
        resolver=cue.resolution.resolver if cue is not None and entity else None,
    )


def looks_like_name(text: str) -> bool:
    """`the "Friends of the Sea" group`, `the "NKR" army`: capitalised words, no sentence."""
    text = text.rstrip(".")  # "on 'Meet the Press.'": the writer's full stop inside the marks
    words = text.split()
    if not words or len(words) > lx.NAME_MAX_WORDS or any(ch in text for ch in ".!?,;:"):
        return False
    content = [w for w in words if w.lower() not in lx.NAME_SMALL_WORDS]
    return bool(content) and all(_NAME_WORD.match(w) for w in content)


class Context:
    """What the rules read: the article, its who-is-who, the quotes attributed so far, and
    where a span stands in its sentence and paragraph."""

    def __init__(self, article: Article, table: WhoIsWho) -> None:
        self.article = article
        self.text = article.text
        self.table = table
        self.done: list[Attributed] = []

    def record(self, span: Span, cue: Cue | None) -> None:
        """A quote attributed: later rules see it, and its speaker's mention is learned (a
        description, a pronoun's gender, a mention for the pronouns after it)."""
        self.done.append(Attributed(span, cue))
        if cue is not None and cue.unit is not None and cue.mention and cue.entity is not None:
            pos = cue.unit.offset + cue.mention[0].idx
            self.table.learn(cue.resolution, pos, head_of(cue.mention), cue.unit)

    @property
    def previous(self) -> Attributed | None:
        return self.done[-1] if self.done else None

    # ----- making cues ----------------------------------------------------------------------

    def cue(self, text: str | None, mention: list[Token], unit: Unit) -> Cue:
        """A cue with its mention resolved as of the mention's place in the article."""
        pos = unit.offset + mention[0].idx if mention else -1
        resolution = (
            resolve_tokens(mention, unit, pos, self.table) if mention else Resolution(None, "")
        )
        return Cue(text, mention, unit, resolution)

    def first_resolved(self, cues: list[Cue]) -> Cue | None:
        """The first cue that names someone the article introduced, else the first that names
        anyone ("officials said in a statement": the statement), else the first cue."""
        for cue in cues:
            if self.known(cue):
                return cue
        named = [cue for cue in cues if cue.entity is not None]
        return named[0] if named else (cues[0] if cues else None)

    def known(self, cue: Cue) -> bool:
        """The cue resolves to someone the article introduced (not a bare "the report")."""
        return cue.entity is not None and id(cue.entity) not in self.table.adhoc

    # ----- where the span stands ------------------------------------------------------------

    def stands_alone(self, span: Span) -> bool:
        """The quote begins its own sentence (or follows a colon) and reads as a sentence."""
        words = self.text[span.start : span.end]
        if not words[:1].isupper() and not words[:1].isdigit():
            return False
        if span.continues:
            return True  # a part a flattened text reopened: its sentence starts with it
        j = span.open - 1
        while j >= 0 and self.text[j] in " \t\xa0":
            j -= 1
        while j > 0 and self.text[j] in ALL_MARKS and self.text[j - 1] in ALL_MARKS + ".!?…":
            j -= 1  # `Press.'' ''She lies`: the quote before closed with its sentence
        lead = self.text[j] if j >= 0 else "\n"
        # A dateline dash ("TOWN (AP) - ") also starts the sentence.
        return lead in '\n.!?:”"»…-–—' or (lead == "," and self.after_cue(span))

    def embedded(self, span: Span) -> bool:
        """The quote is part of a sentence of the writer's ("said the plan was "unworkable"")."""
        return not self.stands_alone(span) and not self.after_cue(span)

    def kind(self, span: Span, cue: Cue | None) -> str:
        if self.stands_alone(span):
            return "direct"
        if cue is not None and cue.rule == "verb-after" and self.sentence_starts_at(span):
            return "direct"
        if self.after_cue(span):
            return "direct"
        return "partial"

    def within(self, span: Span, pos: int) -> bool:
        end = span.close if span.close is not None else span.end
        return span.open <= pos <= end

    def paragraph_end(self, offset: int) -> int:
        lay = self.article.layout
        return lay.paragraphs[lay.index_of(offset)][1]

    def ends_sentence(self, span: Span) -> bool:
        j = (span.close or span.end) - 1
        while j > span.start and (self.text[j].isspace() or self.text[j] in ALL_MARKS):
            j -= 1  # "... all bad.'" closes a quote inside the quote first
        return self.text[j] in ".!?…"

    def closed_with_full_stop(self, span: Span) -> bool:
        j = (span.close or span.end) - 1
        while j > span.start and (self.text[j].isspace() or self.text[j] in ALL_MARKS):
            j -= 1
        return self.text[j] == "."

    def sentence_starts_at(self, span: Span) -> bool:
        j = span.open - 1
        while j >= 0 and self.text[j] in " \t\xa0":
            j -= 1
        return j < 0 or self.text[j] in '\n.!?”"»'

    def after_cue(self, span: Span) -> bool:
        """`she said, "` or `he said: "`: the mark follows a speech verb (and its speaker)."""
        unit = self.article.unit_at(span.open)
        if unit is None:
            return False
        before = unit.tokens_before(span.open, lx.CUE_BEFORE_MARK_TOKENS)
        if not before or before[-1].text not in (",", ":"):
            return False
        words = [t for t in before[:-1] if not t.is_punct]
        return any(is_speech_verb(t) for t in words[-lx.CUE_BEFORE_MARK_WORDS :])

    def paragraph_is_caption(self, index: int) -> bool:
        """Photo credits, bullets of links, bylines: no verb, or too short to be prose."""
        start, end = self.article.layout.paragraphs[index]
        unit = self.article.unit_at(start)
        if unit is None:
            return True
        tokens = [t for t in unit.tokens_between(start, end) if not t.is_space]
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in tokens)
        return not has_verb or len(tokens) < lx.CAPTION_MAX_TOKENS

    def runs_on(self, span: Span) -> bool:
        """The span follows the previous quote in its paragraph (or after captions only)."""
        previous = self.previous
        if previous is None:
            return False
        lay = self.article.layout
        prev_end = previous.span.close if previous.span.close is not None else previous.span.end
        prev_para, para = lay.index_of(prev_end), lay.index_of(span.open)
        return prev_para == para or all(
            self.paragraph_is_caption(i) for i in range(prev_para + 1, para)
        )

    def subjects_between(self, start: int, end: int) -> list[tuple[Unit, list[Token]]]:
        """Subjects that may be a speaker (people, organisations, pronouns, role nouns)."""
        found: list[tuple[Unit, list[Token]]] = []
        for unit in self.article.units_between(start, end):
            for token in unit.tokens_between(start, end):
                if self.article.quoted(unit.offset + token.idx):
                    continue
                if token.dep_ in SUBJECT_DEPS and (
                    token.ent_type_ in ("PERSON", "ORG")
                    or token.lower_ in lx.PERSON_PRONOUNS
                    or lx.role_nouns([token.text])
                ):
                    found.append((unit, noun_phrase(token)))
        return found
