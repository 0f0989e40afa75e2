"""Copy text to the clipboard: the system clipboard (pyperclip) and/or the terminal (OSC 52).

pyperclip raises when no clipboard program or display is reachable (an SSH session, a server
without X or Wayland); OSC 52 asks the terminal itself to set its clipboard, which works over SSH
in terminals that support it, but nothing reports back whether it did.
"""

from __future__ import annotations

import base64


def copy_to_system_clipboard(text: str) -> tuple[bool, str]:
    """(ok, message for the user). Never raises: clipboard backends fail in many ways."""
    try:
        import pyperclip  # deferred: 20 ms off the app's first screen, which seldom copies

        pyperclip.copy(text)
    except Exception as exc:  # pyperclip's own errors, OSError, FileNotFoundError, ...
        return False, f"no system clipboard available ({_reason(exc)})"
    return True, "copied to the system clipboard"


def _reason(exc: Exception) -> str:
    """Why, in one whole line: pyperclip's own message runs to four sentences and a link."""
    text = " ".join(str(exc).split())
    if "copy/paste mechanism" in text:
        return "no copy/paste program: install xclip or xsel (X11) or wl-clipboard (Wayland)"
    return text or type(exc).__name__


def osc52_sequence(text: str) -> str:
    """The OSC 52 escape sequence that asks the terminal to put `text` on its clipboard.

    The one route for the app and the CLI. Plain even inside tmux: with `set-clipboard on`,
    tmux takes it and sets its own and the outer terminal's clipboard, while a sequence wrapped
    for passthrough is dropped by tmux 3.3+ unless `allow-passthrough` is on.
    """
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1b]52;c;{payload}\x07"
