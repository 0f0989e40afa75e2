"""spaCy's attribute ruler, with its answer kept for each word, tag and dependency label.

en_core_web_sm's `attribute_ruler` maps each fine tag to a part of speech and morphology, and
fixes some lemmas, with 179 Matcher patterns tried on every token: a tenth of extraction's time
(benchmarks/README.md, "Extraction"). All but eight of those patterns look at one token only,
at attributes that its word, tag and dependency label decide, so their matches are worked out
once per such triple, by the ruler's own Matcher, and kept. The eight longer patterns ("gon
na", "let 's", "there is") run as a Matcher of their own. Every token gets the attributes the
stock ruler gives it, set in the same order (later patterns win), so nothing downstream changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc

FACTORY = "quotebrowser_word_attributes"
RULER = "attribute_ruler"
# What a one-token pattern may test for its answer to be the same for every token with the
# same word, tag and dependency label (the lexical ones are the word's own).
_WORD_KEYS = frozenset({"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"})
# The attributes the ruler may set, as columns of `Doc.to_array`.
_COLUMNS = (TAG, POS, MORPH, LEMMA, DEP)
_COLUMN_OF = {attr: i for i, attr in enumerate(_COLUMNS)}
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
        for i, entry in enumerate(ruler.patterns):
            one = [p for p in entry["patterns"] if len(p) == 1]
            longer = [p for p in entry["patterns"] if len(p) > 1]
            if one:
                self.one.add(str(i), one)
            if longer:
                self.longer.add(str(i), longer)
        self._matched: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self._merged: dict[tuple[int, ...], Write] = {}

    def __call__(self, doc: Doc) -> Doc:
        words = doc.to_array([ORTH, TAG, DEP]).tolist()
        extra = self._longer_matches(doc)
        values = doc.to_array(list(_COLUMNS))
        rows = values.tolist()
        changed = False
        for i, word in enumerate(words):
            ids = self._matched.get(tuple(word))  # type: ignore[arg-type]
            if ids is None:
                ids = self._match_one(doc, i, word)
            if i in extra:
                ids = tuple(sorted(ids + extra[i]))
            if ids:
                row = rows[i]
                for column, value in self._write(ids):
                    row[column] = value
                changed = True
        if changed:
            doc.from_array(list(_COLUMNS), numpy.array(rows, dtype=numpy.uint64))
        return doc

    def _match_one(self, doc: Doc, i: int, word: list[int]) -> tuple[int, ...]:
        """The one-token patterns that match token i, in the ruler's order (its pattern index)."""
        if len(self._matched) >= MEMO_LIMIT:
            self._matched.clear()
        found = self.one(doc[i : i + 1], allow_missing=True, as_spans=False)
        ids = tuple(sorted({int(self.vocab.strings[key]) for key, _s, _e in found}))
        self._matched[(word[0], word[1], word[2])] = ids
        return ids

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


@Language.factory(FACTORY)
def make_word_attributes(nlp: Language, name: str) -> WordAttributes:
    return WordAttributes(nlp.get_pipe(RULER))  # type: ignore[arg-type]


def install(pipeline: Language) -> None:
    """Put WordAttributes in the place of the pipeline's attribute ruler, under its name, when
    the ruler's patterns are all of the kinds it reproduces (else keep spaCy's)."""
    ruler: Any = pipeline.get_pipe(RULER) if RULER in pipeline.pipe_names else None
    if ruler is None or not memoisable(ruler):
        return
    pipeline.add_pipe(FACTORY, name=FACTORY, after=RULER)
    pipeline.remove_pipe(RULER)
    pipeline.rename_pipe(FACTORY, RULER)
