"""Reading article files: decoding, bad files reported by name, folders and standard input."""

from __future__ import annotations

from pathlib import Path

from quotebrowser.model import Document
from quotebrowser.sources.files import read_paths
from quotebrowser.sources.read_error import ReadError


def read(*paths: str | Path, stdin: bytes | None = None) -> list[Document | ReadError]:
    return list(read_paths([str(p) for p in paths], stdin=stdin))


def test_utf8_latin1_and_cp1252_are_decoded(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes("“Café”, she said.".encode())
    (tmp_path / "l.txt").write_bytes("Caf\xe9 au lait.".encode("latin-1"))
    (tmp_path / "w.txt").write_bytes("\x93Quoted\x94 words.".encode("latin-1"))
    docs = {Path(d.source).name: d for d in read(tmp_path)}
    assert docs["u.txt"].text == "“Café”, she said."
    assert docs["l.txt"].text == "Café au lait."
    assert docs["w.txt"].text == "“Quoted” words."


def test_bad_files_are_reported_and_good_ones_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text('"Fine," she said.', encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    results = read(binary, good, empty, tmp_path / "missing.txt")
    errors = [r for r in results if isinstance(r, ReadError)]
    assert [Path(e.source).name for e in errors] == ["bin.txt", "empty.txt", "missing.txt"]
    assert "binary" in errors[0].reason
    assert "empty" in errors[1].reason
    assert [r.source for r in results if isinstance(r, Document)] == [str(good)]


def test_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("text")
    real = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == locked:  # root ignores file modes, so the refusal is simulated here
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [result] = read(locked)
    assert isinstance(result, ReadError)
    assert "permission denied" in result.reason


def test_folder_reads_txt_and_md_in_order_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("B text")
    (tmp_path / "a.txt").write_text("A text")
    (tmp_path / "skip.json").write_text("{}")
    results = read(tmp_path, "-", stdin=b"From stdin")
    assert [Path(r.source).name for r in results] == ["a.txt", "b.md", "<stdin>"]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    [result] = read(tmp_path / "sub")
    assert isinstance(result, ReadError)


def test_text_is_kept_byte_for_byte(tmp_path: Path) -> None:
    raw = 'Line one\r\n\r\n"Use [bold] \x1b[31m", she said.\r\n'
    (tmp_path / "crlf.txt").write_bytes(raw.encode())
    [doc] = read(tmp_path / "crlf.txt")
    assert doc.text == raw
