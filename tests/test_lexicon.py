"""The extractor's one data module: word lists that hold each word once, whole."""

from __future__ import annotations

import pytest

from quotebrowser.extract import lexicon as lx


def test_a_word_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="listed twice: court"):
        lx.words("council court service court")


def test_no_list_holds_a_word_a_line_break_split() -> None:
    # "press-" + "service" on the next line were once two entries of one word.
    lists = {
        name: value
        for name, value in vars(lx).items()
        if name.isupper() and isinstance(value, frozenset)
    }
    prefixes = lx.FORMER | lx.SUBORDINATE  # "ex-", "vice-": prefixes by design
    split = {
        name: sorted(w for w in v if len(w) > 1 and w.endswith("-") and w not in prefixes)
        for name, v in lists.items()
    }
    assert {name: words for name, words in split.items() if words} == {}


def test_the_person_noun_classes_do_not_overlap() -> None:
    classes = [lx.LEADER_TITLES, lx.OFFICIAL_TITLES, lx.ANALYST_TITLES, lx.OTHER_PERSON_NOUNS]
    seen: set[str] = set()
    for words in classes:
        assert not words & seen, words & seen
        seen |= words


def test_every_name_the_extractor_reads_from_the_lexicon_is_there() -> None:
    # A word list renamed or dropped would fail only when an article reached the line.
    import regex

    from tests.conftest import ROOT

    missing = set()
    for path in (ROOT / "quotebrowser" / "extract").glob("*.py"):
        for name in regex.findall(r"\blx\.([A-Za-z_]+)", path.read_text(encoding="utf-8")):
            if not hasattr(lx, name):
                missing.add(f"{path.name}: lx.{name}")
    assert not missing, sorted(missing)
