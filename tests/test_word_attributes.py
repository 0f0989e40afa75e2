"""The extractor's stand-ins for spaCy's attribute ruler and lemmatizer give every token what
those give it.

`quotebrowser.extract.word_attributes` keeps the ruler's answer per (word, tag, dependency) and
the lemma per (word, POS, morphology): these tests run the extractor's pipeline beside a stock
copy of the same model, on the seeds and on the ruler's rarer patterns (two-token ones,
dependency ones, spaces), parsed and not.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
from spacy.language import Language

from quotebrowser.extract import nlp, word_attributes
from quotebrowser.extract.runner import PARSER, SENTER
from quotebrowser.extract.word_attributes import (
    LEMMATIZER,
    RULER,
    WordAttributes,
    WordLemmas,
    memoisable,
    pure_lemmas,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Each reaches a pattern of the ruler other than the tag map: two-token lemmas ("gon na",
# "let 's", "y' all", "ai n't"), dependency-dependent ones ("there is", "but" as an adverb,
# "I" as object, "do" as a main verb), and whitespace tokens.
RARE = [
    "We're gonna win, y'all. Let's go!  There is a cat and there are two dogs.",
    "Ain't nothin' wrong with it, and I told you it was me.\n\nThey did it. Gotta go.",
    "But he did not, because it was late; that is all we have.  C'mon, whatever.",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START, ENT_IOB, ENT_TYPE]


@lru_cache(maxsize=1)
def _stock() -> Language:
    """The same model as the extractor's, its own attribute ruler left in place."""
    for name in nlp.MODEL_PACKAGES:
        try:
            pipeline = spacy.load(name)
        except OSError:
            continue
        pipeline.enable_pipe(SENTER)
        nlp._split_run_on_sentences(pipeline)
        return pipeline
    pytest.skip("no English spaCy pipeline")


def _texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [part for text in seeds for part in text.split("\n\n") if part.strip()] + RARE


def test_the_extractor_pipeline_uses_the_stand_ins_under_the_names_and_in_the_places() -> None:
    pipeline = nlp.load()
    assert isinstance(pipeline.get_pipe(RULER), WordAttributes)
    assert isinstance(pipeline.get_pipe(LEMMATIZER), WordLemmas)
    assert pipeline.pipe_names == _stock().pipe_names


@pytest.mark.parametrize("off", [SENTER, PARSER])
def test_every_token_gets_the_stock_rulers_attributes(off: str) -> None:
    ours, stock = nlp.load(), _stock()
    texts = _texts()
    with ours.select_pipes(disable=[off]), stock.select_pipes(disable=[off]):
        pairs = list(zip(ours.pipe(texts), stock.pipe(texts), strict=True))
    for a, b in pairs:
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all(), a.text
        assert [(t.pos_, str(t.morph), t.lemma_) for t in a] == [
            (t.pos_, str(t.morph), t.lemma_) for t in b
        ]
    lemmas = {t.lemma_ for a, _ in pairs for t in a}
    assert {"go", "us", "you", "be"} <= lemmas  # the two-token patterns did apply


def test_a_ruler_with_patterns_it_cannot_reproduce_is_left_in_place() -> None:
    blank = spacy.blank("en")
    ruler = blank.add_pipe(RULER)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    assert memoisable(ruler)  # type: ignore[arg-type]
    ruler.add([[{"POS": "NOUN"}]], {"LEMMA": "x"})  # the part of speech: set by patterns
    assert not memoisable(ruler)  # type: ignore[arg-type]
    word_attributes.install(blank)
    assert not isinstance(blank.get_pipe(RULER), WordAttributes)


def test_a_lemmatizer_that_overwrites_lemmas_is_left_in_place() -> None:
    blank = spacy.blank("en")
    lemmatizer = blank.add_pipe(LEMMATIZER, config={"mode": "lookup", "overwrite": False})
    assert pure_lemmas(lemmatizer)  # type: ignore[arg-type]
    blank = spacy.blank("en")
    lemmatizer = blank.add_pipe(LEMMATIZER, config={"mode": "lookup", "overwrite": True})
    assert not pure_lemmas(lemmatizer)  # type: ignore[arg-type]
    word_attributes.install(blank)
    assert not isinstance(blank.get_pipe(LEMMATIZER), WordLemmas)
