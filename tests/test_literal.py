"""One table of characters a terminal must never obey, shared by the CLI, citations and the app."""

from __future__ import annotations

import io

from quotebrowser.literal import literal, one_line
from quotebrowser.output import write_records


def test_controls_are_spelled_out_and_crlf_reads_as_a_newline() -> None:
    assert literal("a\r\nb") == "a\nb"
    assert literal("over\rwrite") == "over\\x0dwrite"
    assert literal("\x1b[2J\x9b1m\x85") == "\\x1b[2J\\x9b1m\\x85"
    assert one_line("x\r\n\r\ny\x07") == "x y\\x07"


def test_cli_table_shows_c1_controls_as_written() -> None:
    out = io.StringIO()
    write_records([{"text": "bad\x9b31m [bold]x[/]"}], "table", out, ["text"])
    assert "bad\\x9b31m [bold]x[/]" in out.getvalue()
    assert "\x9b" not in out.getvalue()


def test_cli_and_app_fold_names_alike() -> None:
    from quotebrowser.folding import fold as app_fold
    from quotebrowser.whoswho import fold as store_fold

    for name in ("Ħamrun Spiteri", "Łukasz Øberg", "Əliyeva", "Émile D’Arcy", "Jean‐Luc"):
        assert app_fold(name) == store_fold(name)
        assert app_fold(name).isascii()
