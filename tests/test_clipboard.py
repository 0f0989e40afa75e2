"""Clipboard: the system route never raises; the OSC 52 sequence carries the exact text."""

from __future__ import annotations

import base64
import re

import pyperclip
import pytest

from quotebrowser.clipboard import copy_to_system_clipboard, osc52_sequence


def test_osc52_round_trip() -> None:
    text = "“Ünïcode” quote\nsecond line \x1b[31m"
    seq = osc52_sequence(text)
    m = re.fullmatch(r"\x1b\]52;c;([A-Za-z0-9+/=]*)\x07", seq)
    assert m is not None
    assert base64.b64decode(m.group(1)).decode("utf-8") == text


def test_osc52_is_plain_inside_tmux_too(monkeypatch: pytest.MonkeyPatch) -> None:
    # tmux 3.3+ drops passthrough-wrapped sequences by default; it takes the plain one when
    # set-clipboard is on, as it does for the app's c.
    monkeypatch.setenv("TMUX", "/tmp/tmux-0/default,1,0")
    assert osc52_sequence("hi") == "\x1b]52;c;aGk=\x07"


@pytest.mark.parametrize(
    "error",
    [
        pyperclip.PyperclipException("could not find a copy/paste mechanism"),
        FileNotFoundError("xclip"),
        RuntimeError("display :0 refused"),
    ],
)
def test_system_clipboard_failure_is_reported_not_raised(monkeypatch, error) -> None:
    def fail(text: str) -> None:
        raise error

    monkeypatch.setattr(pyperclip, "copy", fail)
    ok, message = copy_to_system_clipboard("text")
    assert not ok
    assert message.startswith("no system clipboard available")
    assert "\n" not in message


def test_system_clipboard_success(monkeypatch: pytest.MonkeyPatch) -> None:
    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    assert copy_to_system_clipboard("the quote") == (True, "copied to the system clipboard")
    assert copied == ["the quote"]
