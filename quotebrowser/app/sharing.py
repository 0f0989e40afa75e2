"""What leaves the app: a citation copied (`c`), formatted in the chosen style and sent to the
terminal's clipboard (OSC 52) and to the system's, with a notice that says honestly which
arrived; an article's link opened in the web browser (`o`)."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from typing import Any

from textual.app import App

from quotebrowser import clipboard
from quotebrowser.citation import cite
from quotebrowser.literal import one_line
from quotebrowser.model import Quote
from quotebrowser.store import DocumentInfo

Copied = Callable[[str, bool, str], None]  # (citation, system clipboard ok, its message)


def copy_citation(
    app: App[Any], quote: Quote, info: DocumentInfo | None, style: str, label: str,
    copied: Copied,
) -> None:
    """Cite `quote` in `style` (named `label`), copy it, tell the user; `copied` hears of it."""
    try:
        citation = cite(quote, info, style)
    except Exception as error:  # a citation bug must not take the app down
        app.notify(f"Could not format the citation: {error}", severity="error", markup=False)
        return
    try:
        # OSC 52: the terminal the user sits at (over SSH, in tmux) puts it on its clipboard.
        app.copy_to_clipboard(citation)
        sent = True
    except Exception:
        sent = False

    def to_system() -> None:
        # pyperclip may start xclip or wl-copy: off the UI thread, and every error caught.
        try:
            ok, message = clipboard.copy_to_system_clipboard(citation)
        except Exception as error:
            ok, message = False, str(error) or type(error).__name__
        app.call_from_thread(copied, citation, ok, message)
        app.call_from_thread(report, app, label, citation, quote, sent, ok, message)

    app.run_worker(to_system, thread=True, group="clipboard")


def report(
    app: App[Any], label: str, citation: str, quote: Quote, sent: bool, ok: bool, message: str
) -> None:
    who = one_line(quote.speaker, 40) if quote.speaker else "an unattributed speaker"
    lines = [f"{label} citation of a quote by {who}:", one_line(citation, 120)]
    if ok:
        lines.append("→ system clipboard: copied.")
    else:
        lines.append(f"→ system clipboard: not available ({one_line(message, 100)}).")
    if sent:
        lines.append(
            "→ terminal clipboard (OSC 52): sent; it arrives if your terminal "
            "allows OSC 52 (tmux: set-clipboard on)."
        )
    if ok or sent:
        title = "Copied" if ok else "Sent to the terminal"
        app.notify("\n".join(lines), title=title, markup=False, timeout=8)
    else:
        app.notify(
            "\n".join(lines), title="Nothing copied", severity="error", markup=False, timeout=10
        )


def open_link(app: App[Any], url: str) -> None:
    """Open `url` in the web browser, off the UI thread (webbrowser may start a program and wait
    for it), and say whether it went."""

    def run() -> None:
        try:
            opened = webbrowser.open(url)
        except Exception:
            opened = False
        message = f"Opened {url}" if opened else f"No web browser to open {url}"
        severity = "information" if opened else "warning"
        app.call_from_thread(app.notify, message, markup=False, timeout=4, severity=severity)

    app.run_worker(run, thread=True, group="browser")
