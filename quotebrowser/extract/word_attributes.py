"""spaCy's attribute ruler and lemmatizer, with their answers kept for each word.

en_core_web_sm's `attribute_ruler` maps each fine tag to a part of speech and morphology, and
fixes some lemmas, with 179 Matcher patterns tried on every token: 2.7 s of the 17 s spaCy
spent on the benchmark corpus (benchmarks/README.md, "Extraction"). All but eight of those
patterns look at one token only, at attributes that its word, tag and dependency label decide,
so their matches are worked out once per such triple, by the ruler's own Matcher, and kept. The
eight longer patterns ("gon na", "let 's", "there is") run as a Matcher of their own, on a Doc
with a token that can start one. Every token gets the attributes the stock ruler gives it, set
in the same order (later patterns win), so nothing downstream changes.

The rule lemmatizer's lemma is a function of the word, its part of speech and morphology (its
own cache says so); it is kept per such triple and set on a whole Doc at once, instead of
a Python call per token.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

FACTORY = "quotebrowser_word_attributes"
RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
LEMMAS_FACTORY = "quotebrowser_word_lemmas"
# Lemmatizer modes whose lemma depends on nothing but the word, its POS and morphology.
_PURE_MODES = ("rule", "lookup")
# What a one-token pattern may test for its answer to be the same for every token with the
# same word, tag and dependency label (the lexical ones are the word's own).
_WORD_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"})
# The attributes the ruler may set, as columns of `Doc.to_array`.
_COLUMNS = (TAG, POS, MORPH, LEMMA, DEP)
_COLUMN_OF = {attr: i for i, attr in enumerate(_COLUMNS)}
_TAG, _DEP = _COLUMN_OF[TAG], _COLUMN_OF[DEP]
# A process reading a huge archive meets ever more words; past this, start the memo afresh.
MEMO_LIMIT = 500_000

Write = tuple[tuple[int, int], ...]  # (column, value) pairs, in the order they are set


def memoisable(ruler: AttributeRuler) -> bool:
    """Whether every pattern of `ruler` is one this component reproduces exactly: one-token
    patterns on word, tag and dependency only, no operators, and attributes it can set."""
    for entry, attrs in zip(ruler.patterns, ruler.attrs, strict=True):
        if any(key not in _COLUMN_OF for key in attrs):
            return False
        for pattern in entry["patterns"]:
            if any("OP" in token for token in pattern):
                return False
            if len(pattern) == 1 and not set(pattern[0]) <= _WORD_KEYS:
                return False
    return True


class WordAttributes:
    """A stand-in for an AttributeRuler that gives every token the same attributes, faster."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        self.writes = [tuple((_COLUMN_OF[a], v) for a, v in attrs.items()) for attrs in ruler.attrs]
        self.indices = list(ruler.indices)
        self.one = Matcher(self.vocab)
        self.longer = Matcher(self.vocab)
        # The first tokens of the longer patterns: a Doc with none of them has no longer match,
        # and most Docs have none (the longer Matcher costs as much as all the rest).
        self.starts = Matcher(self.vocab)
        firsts = []
        for i, entry in enumerate(ruler.patterns):
            one = [p for p in entry["patterns"] if len(p) == 1]
            longer = [p for p in entry["patterns"] if len(p) > 1]
            if one:
                self.one.add(str(i), one)
            if longer:
                self.longer.add(str(i), longer)
                firsts += [[p[0]] for p in longer]
        self.always_longer = any(not set(first[0]) <= _WORD_KEYS for first in firsts)
        if firsts:
            self.starts.add("start", firsts)
        self._matched: dict[tuple[int, int, int], tuple[tuple[int, ...], bool]] = {}
        self._merged: dict[tuple[int, ...], Write] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, *_COLUMNS]).tolist()
        matched = [self._match_one(doc, i, row) for i, row in enumerate(rows)]
        starts = self.always_longer or any(start for _ids, start in matched)
        extra = self._longer_matches(doc) if starts else {}
        changed = False
        for i, (row, (ids, _start)) in enumerate(zip(rows, matched, strict=True)):
            if i in extra:
                ids = tuple(sorted(ids + extra[i]))
            if ids:
                for column, value in self._write(ids):
                    row[1 + column] = value
                changed = True
        if changed:
            values = numpy.array(rows, dtype=numpy.uint64)[:, 1:]
            doc.from_array(list(_COLUMNS), values)
        return doc

    def _match_one(self, doc: Doc, i: int, row: list[int]) -> tuple[tuple[int, ...], bool]:
        """The one-token patterns that match token i, in the ruler's order (its pattern index),
        and whether a longer pattern may start at it."""
        word = (row[0], row[1 + _TAG], row[1 + _DEP])
        found = self._matched.get(word)
        if found is not None:
            return found
        if len(self._matched) >= MEMO_LIMIT:
            self._matched.clear()
        token = doc[i : i + 1]
        keys = self.one(token, allow_missing=True, as_spans=False)
        ids = tuple(sorted({int(self.vocab.strings[key]) for key, _s, _e in keys}))
        start = bool(self.starts(token, allow_missing=True, as_spans=False))
        found = self._matched[word] = (ids, start)
        return found

    def _longer_matches(self, doc: Doc) -> dict[int, tuple[int, ...]]:
        """The longer patterns' matches: for each token they set, their pattern indices."""
        out: dict[int, tuple[int, ...]] = {}
        for key, start, end in self.longer(doc, allow_missing=True, as_spans=False):
            i = int(self.vocab.strings[key])
            index = self.indices[i]
            token = start + (index if index >= 0 else end - start + index)
            out[token] = (*out.get(token, ()), i)
        return out

    def _write(self, ids: tuple[int, ...]) -> Write:
        """The patterns' attributes, applied in order: the last to set one decides it."""
        write = self._merged.get(ids)
        if write is None:
            last: dict[int, int] = {}
            for i in ids:
                last.update(self.writes[i])
            write = self._merged[ids] = tuple(last.items())
        return write


class WordLemmas:
    """A stand-in for a Lemmatizer that gives every token the same lemma, faster."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = [row[3] for row in rows]
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                continue  # set by the attribute ruler: the lemmatizer keeps it too
            word = (orth, pos, morph)
            found = self._lemmas.get(word)
            if found is None:
                if len(self._lemmas) >= MEMO_LIMIT:
                    self._lemmas.clear()
                found = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                self._lemmas[word] = found
            lemmas[i] = found
        if lemmas:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64))
        return doc


def pure_lemmas(lemmatizer: Lemmatizer) -> bool:
    """Whether `lemmatizer` gives each (word, POS, morphology) one lemma and keeps any set."""
    return lemmatizer.mode in _PURE_MODES and not lemmatizer.overwrite


@Language.factory(FACTORY)
def make_word_attributes(nlp: Language, name: str) -> WordAttributes:
    return WordAttributes(nlp.get_pipe(RULER))  # type: ignore[arg-type]


@Language.factory(LEMMAS_FACTORY)
def make_word_lemmas(nlp: Language, name: str) -> WordLemmas:
    return WordLemmas(nlp.get_pipe(LEMMATIZER))  # type: ignore[arg-type]


def install(pipeline: Language) -> None:
    """Put WordAttributes and WordLemmas in the places of the pipeline's attribute ruler and
    lemmatizer, under their names, each where it gives the same answers (else keep spaCy's)."""
    names = pipeline.pipe_names
    ruler: Any = pipeline.get_pipe(RULER) if RULER in names else None
    if ruler is not None and memoisable(ruler):
        _replace(pipeline, RULER, FACTORY)
    lemmatizer: Any = pipeline.get_pipe(LEMMATIZER) if LEMMATIZER in names else None
    if lemmatizer is not None and pure_lemmas(lemmatizer):
        _replace(pipeline, LEMMATIZER, LEMMAS_FACTORY)


def _replace(pipeline: Language, name: str, factory: str) -> None:
    pipeline.add_pipe(factory, name=factory, after=name)  # made from the component it follows
    pipeline.remove_pipe(name)
    pipeline.rename_pipe(factory, name)
