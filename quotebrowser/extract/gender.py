"""A person's grammatical gender as a reader infers it: honorifics, the pronouns the article
already used for them, and, failing those, their first name (gender-guesser's list)."""

from __future__ import annotations

from functools import cache

from gender_guesser.detector import Detector

_ENGLISH_SPEAKING = ("great_britain", "usa")


@cache
def _detector() -> Detector:
    # Reads the package's name list once (about half a second); loaded before worker processes
    # are forked, so they share it.
    return Detector(case_sensitive=False)


def warm() -> None:
    _detector()


@cache
def of_first_name(name: str) -> str | None:
    """ "male" or "female" when the list is sure of the name, else None."""
    if len(name) < 2 or not name[:1].isalpha() or name.endswith("."):
        return None  # an initial says nothing
    first = name.split("-")[0]
    answer = _detector().get_gender(first)
    if answer not in ("male", "female"):
        return None
    # The list is least sure of names rare in English-language news (it calls some men's names
    # from elsewhere women's): it must agree with its British or American usage too.
    local = {_detector().get_gender(first, country) for country in _ENGLISH_SPEAKING}
    return answer if local & {answer, f"mostly_{answer}"} else None


@cache
def known_first_name(name: str) -> bool:
    """The list knows the word as someone's first name, of either gender."""
    return _detector().get_gender(name) != "unknown"
