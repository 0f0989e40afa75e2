"""Running the `quotebrowser` command in-process: (exit status, stdout, stderr)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from quotebrowser.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()
