"""What leaves the app: citations copied (`c`: the marked quotes', else the highlighted one's),
formatted in the chosen style and sent to the terminal's clipboard (OSC 52) and to the
system's, with a notice that says honestly which arrived; quotes exported to a file (`E`); an
article's link opened in the web browser (`o`), only an http(s) one."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from textual.app import App

from quotebrowser import clipboard
from quotebrowser.app.loaded import Loaded
from quotebrowser.citation import cite_all
from quotebrowser.exports import write_quotes
from quotebrowser.literal import one_line
from quotebrowser.model import REPORTED, Quote
from quotebrowser.sources.metadata import web_link
from quotebrowser.store import DocumentInfo
from quotebrowser.wording import counted

Copied = Callable[[str, bool, str], None]  # (citation, system clipboard ok, its message)


def copy_citation(
    app: App[Any],
    quote: Quote,
    info: DocumentInfo | None,
    style: str,
    label: str,
    copied: Copied,
) -> None:
    """Cite `quote` in `style` (named `label`), copy it, tell the user; `copied` hears of it."""
    copy_citations(app, [(quote, info)], style, label, copied)


def copy_citations(
    app: App[Any],
    items: Sequence[tuple[Quote, DocumentInfo | None]],
    style: str,
    label: str,
    copied: Copied,
) -> None:
    """Cite each quote in `style`, one after another (citation.cite_all, as `quotebrowser cite
    ID ID` prints them), copy them, tell the user; `copied` hears of it."""
    try:
        citation = cite_all(items, style)
    except Exception as error:  # a citation bug must not take the app down
        app.notify(f"Could not format the citation: {error}", severity="error", markup=False)
        return
    quotes = [quote for quote, _ in items]
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
        app.call_from_thread(report, app, label, citation, quotes, sent, ok, message)

    app.run_worker(to_system, thread=True, group="clipboard")


def report(
    app: App[Any],
    label: str,
    citation: str,
    quotes: Sequence[Quote],
    sent: bool,
    ok: bool,
    message: str,
) -> None:
    """A short notice: what was copied (one citation whole, never cut; several by count and
    speakers) and where it went, in a line."""
    if len(quotes) == 1:
        quote = quotes[0]
        who = one_line(quote.speaker, 40) if quote.speaker else "an unattributed speaker"
        kind = "a reported statement (a paraphrase) by " if quote.kind == REPORTED else ""
        what = f"{label} citation of {kind}{who}"
        body = one_line(citation)
    else:
        what = f"{len(quotes)} {label} citations"
        names = list(dict.fromkeys(one_line(q.speaker or "unattributed", 30) for q in quotes))
        body = (
            "Quotes of "
            + ", ".join(names[:4])
            + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        )
    # clipboard.py's message says "no system clipboard available (why)": the why is enough.
    why = message.removeprefix("no system clipboard available").strip()
    why = why.removeprefix("(").removesuffix(")") if why.startswith("(") else why
    where = [
        "system clipboard: copied" if ok else f"system clipboard: not available ({one_line(why)})"
    ]
    if sent:
        where.append(
            "terminal (OSC 52): sent"
            + ("" if ok else ", if the terminal allows it (tmux: set-clipboard on)")
        )
    text = f"{body}\n→ {' · '.join(where)}"
    if ok or sent:
        title = f"Copied: {what}" if ok else f"Sent to the terminal: {what}"
        app.notify(text, title=title, markup=False, timeout=8)
    else:
        app.notify(
            text, title=f"Nothing copied: {what}", severity="error", markup=False, timeout=10
        )


def export_quotes(
    app: App[Any],
    pages: Iterable[Sequence[tuple[Quote, int]]],
    fmt: str,
    path: Path,
    data: Loaded,
    statements: bool = False,
) -> None:
    """Write the quotes of `pages` (each with its outlets) to `path` in `fmt` as `quotebrowser
    quotes --format` does, off the UI thread (a whole archive takes a while: read a page at a
    time); say where they went, or why not. `statements`: one row per statement."""

    def run() -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # newline="": the CSV writer ends its rows itself (CRLF, as spreadsheets want).
            with path.open("w", encoding="utf-8", newline="") as stream:
                count = write_quotes(
                    stream,
                    pages,
                    fmt,
                    data.store.documents_of,
                    data.store.variants_of,
                    data.people,
                    statements,
                )
        except OSError as error:
            app.call_from_thread(
                app.notify,
                f"Could not export to {path}: {error.strerror or error}",
                severity="error",
                markup=False,
            )
            return
        app.call_from_thread(
            app.notify, f"Exported {counted(count, 'quote')} to {path}", markup=False, timeout=6
        )

    app.run_worker(run, thread=True, group="export")


def open_link(app: App[Any], url: str) -> None:
    """Open `url` in the web browser, off the UI thread (webbrowser may start a program and wait
    for it), and say whether it went. Only an http(s) link: a database written before links
    were checked may hold another scheme (`javascript:`), which a browser would run."""
    if not web_link(url):
        app.notify(
            f"Not opened: {one_line(url, 80)} is not an http(s) link.",
            severity="warning",
            markup=False,
            timeout=5,
        )
        return

    def run() -> None:
        try:
            opened = webbrowser.open(url)
        except Exception:
            opened = False
        message = f"Opened {url}" if opened else f"No web browser to open {url}"
        severity = "information" if opened else "warning"
        app.call_from_thread(app.notify, message, markup=False, timeout=4, severity=severity)

    app.run_worker(run, thread=True, group="browser")
