"""Hostile or damaged inputs: archives nested a hundred thousand deep, links that are not web
links, a UTF-8 file with a stray byte. Each is one line on standard error, never a traceback,
and the rest is stored."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run

GOOD = "Pier to reopen\n\n“The pier will reopen in spring,” Commissioner Lena Morrow said."
DEEP = "[" * 100_000 + "]" * 100_000  # 200 KB


def stored_sources(db: Path) -> set[str]:
    code, out, err = run("quotes", "--db", str(db), "--format", "jsonl")
    assert code == 0, err
    return {json.loads(line)["source"] for line in out.splitlines()}


def test_archives_nested_a_hundred_thousand_deep_are_one_line_each(tmp_path: Path) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text(DEEP)
    listed = tmp_path / "list.json"
    good = json.dumps({"text": GOOD})
    listed.write_text(f"[{good}, {DEEP}, {good.replace('spring', 'summer')}]")
    lines = tmp_path / "lines.jsonl"
    lines.write_text(f"{good}\n" + '{"text": ' + DEEP + "}\n" + good.replace("spring", "May"))
    db = tmp_path / "q.json"
    code, _, err = run("ingest", str(nested), str(listed), str(lines), "--db", str(db))
    assert code == 1
    why = "nested too deeply to read (a record is an object of fields); skipped"
    assert err.splitlines() == [
        f"quotebrowser: {nested} record 1: {why}",
        f"quotebrowser: {listed} record 2: {why}",
        f"quotebrowser: {lines} record 2: {why}",
        # The first record of the JSON Lines is the JSON list's first, word for word.
        f"quotebrowser: {lines.resolve()}#1: same text as {listed.resolve()}#1, already stored; "
        "not stored twice",
    ]
    assert "Traceback" not in err
    assert stored_sources(db) == {
        f"{listed.resolve()}#1", f"{listed.resolve()}#3", f"{lines.resolve()}#3"
    }


def test_only_web_links_are_kept(tmp_path: Path) -> None:
    archive = tmp_path / "links.jsonl"
    records = [
        {"text": GOOD, "title": "Pier to reopen", "url": "javascript:alert(1)"},
        {"text": GOOD.replace("spring", "June"), "url": "https://harbour.example/pier"},
    ]
    archive.write_text("".join(json.dumps(r) + "\n" for r in records))
    page = tmp_path / "notes.md"
    front = "---\ntitle: Harbour notes\nurl: file:///etc/passwd\n---\n\n"
    page.write_text(front + GOOD.replace("spring", "July"))
    db = tmp_path / "q.json"
    code, out, err = run("ingest", str(archive), str(page), "--db", str(db))
    assert code == 0, err  # nothing failed: a link dropped is a warning
    assert err.splitlines() == [
        f"quotebrowser: {archive.resolve()}#1: link 'javascript:alert(1)' dropped: only http "
        "and https links are kept",
        f"quotebrowser: {page.resolve()}: link 'file:///etc/passwd' dropped: only http and https "
        "links are kept",
    ]
    code, out, _ = run("quotes", "--db", str(db), "--format", "jsonl")
    cited = []
    for line in out.splitlines():
        _, text, _ = run("cite", json.loads(line)["id"], "--style", "apa", "--db", str(db))
        cited.append(text)
    assert len(cited) == 3
    assert not any("javascript" in c or "file:" in c for c in cited)
    assert sum("https://harbour.example/pier" in c for c in cited) == 1


def test_a_utf8_file_with_one_stray_byte_is_read_as_utf8_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    good = ("Café talks\n\n" + GOOD.replace("Lena", "Léna")).encode()
    at = good.index(b"pier")
    path.write_bytes(good[:at] + b"\xff" + good[at:])
    db = tmp_path / "q.json"
    code, out, err = run("ingest", str(path), "--db", str(db))
    assert code == 0
    assert err == (
        f"quotebrowser: {path.resolve()}: 1 byte that is not UTF-8 (at byte {at:,}) "
        "replaced with \ufffd\n"
    )
    code, out, _ = run("quotes", "--db", str(db), "--format", "jsonl")
    (quote,) = [json.loads(line) for line in out.splitlines()]
    assert quote["text"] == "The \ufffdpier will reopen in spring"  # not "â€œ" mojibake
    assert quote["speaker"] == "Léna Morrow"
    code, _, err = run("extract", str(path))
    assert code == 0 and "replaced with \ufffd" in err


def test_a_windows_1252_file_is_still_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(GOOD.replace("Lena", "Léna").encode("cp1252"))
    code, out, err = run("extract", str(path))
    assert (code, err) == (0, "")
    assert json.loads(out.splitlines()[0])["speaker"] == "Léna Morrow"
