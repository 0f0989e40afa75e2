"""Attribution and who's who on passages of our own, one for each kind of failure that articles
nobody tuned to showed (issue 19): the speaker, their role and their group. Invented people,
places and outlets; each passage in a house style of its own."""

from __future__ import annotations

from quotebrowser.extract import extract


def said(text: str) -> dict[str, tuple[str | None, str | None, str]]:
    """Each quote's words -> (speaker, role, group)."""
    return {q.text: (q.speaker, q.role, q.group) for q in extract(text, "passage.txt")}


def test_dismissed_as_reports_what_was_said() -> None:
    found = said(
        'Opposition leader Tomas Varga dismissed the budget as "a wish list with no bill attached".'
    )
    assert found["a wish list with no bill attached"][0] == "Tomas Varga"
