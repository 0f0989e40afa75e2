"""Untrusted article text made safe to print: every character appears as written.

One table for every place text reaches a terminal (CLI tables, citations, the app), so a quote
can neither restyle nor drive the user's terminal.
"""

from __future__ import annotations

# C0 controls (but newline and tab), DEL and the C1 block: a terminal may act on any of them.
_CONTROL = {c: f"\\x{c:02x}" for c in (*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0))}
_CONTROL_ONE_LINE = {**_CONTROL, 9: " ", 10: " "}


def literal(text: str) -> str:
    """Control characters spelled out (`\\x1b`); newlines and tabs kept, CRLF read as a newline."""
    return text.replace("\r\n", "\n").translate(_CONTROL)


def one_line(text: str, limit: int | None = None) -> str:
    """Literal text on one line, runs of whitespace collapsed, cut to `limit` characters."""
    flat = " ".join(text.replace("\r\n", "\n").translate(_CONTROL_ONE_LINE).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)] + "…"
    return flat
