"""News archives: JSON Lines, a JSON list or CSV, one article a record, read as a stream."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from test_ingest import find_quotes

from quotebrowser.citation import cite
from quotebrowser.ingest import run_ingest
from quotebrowser.model import Document
from quotebrowser.query import find
from quotebrowser.sources.archives import Fields, read_archive
from quotebrowser.sources.read_error import ReadError
from quotebrowser.sources.reading import read_sources
from quotebrowser.store import Store

RECORDS = [
    {
        "title": "Bridge reopens",
        "text": "Bridge reopens\n\n“It is safe,” said Lena Vos.",
        "date": "2022-06-01T08:00:00Z",
        "url": "https://wire.example/bridge",
        "author": "Sam Idris",
        "outlet": "Example Wire",
        "lang": "en",
    },
    {"headline": "Ferry fares", "body": "“Fares go up,” said Max Hale."},
]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_json_lines_records_are_documents_with_their_metadata(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [json.dumps(r) for r in RECORDS])
    first, second = read_archive(path, Fields())
    assert first == Document(
        f"{path}#1",
        RECORDS[0]["text"],
        {
            "title": "Bridge reopens",
            "date": "2022-06-01T08:00:00Z",
            "url": "https://wire.example/bridge",
            "author": "Sam Idris",
            "outlet": "Example Wire",
            "language": "en",
        },
    )
    assert second == Document(f"{path}#2", RECORDS[1]["body"], {"title": "Ferry fares"})


def test_bad_records_are_named_by_number_and_the_rest_are_read(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "a.jsonl",
        [
            json.dumps(RECORDS[0]),
            "{not json",
            "",
            json.dumps([1, 2]),
            json.dumps({"title": "no text", "text": "  "}),
            json.dumps(RECORDS[1]),
        ],
    )
    items = list(read_archive(path, Fields()))
    assert [type(i).__name__ for i in items] == [
        "Document",
        "ReadError",
        "ReadError",
        "ReadError",
        "Document",
    ]
    assert items[1].source == f"{path} record 2" and items[1].reason.startswith("not valid JSON")
    assert items[2] == ReadError(f"{path} record 3", "a record must be an object, not list")
    assert items[3] == ReadError(
        f"{path} record 4", "no article text (a non-empty text or body or content field)"
    )
    assert items[4].source == f"{path}#5"


def test_a_json_list_streams_records_longer_than_the_read_buffer(tmp_path: Path) -> None:
    long_text = "“" + "word " * 30000 + "” said Ana Lima."  # 150,000 characters
    records = [RECORDS[0], {"content": long_text, "title": "Long"}, RECORDS[1]]
    path = tmp_path / "a.json"
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    items = list(read_archive(path, Fields()))
    assert [i.text for i in items] == [RECORDS[0]["text"], long_text, RECORDS[1]["body"]]
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(records)[:-40], encoding="utf-8")
    *good, last = read_archive(cut, Fields())
    assert len(good) == 2 and isinstance(last, ReadError)
    assert last.source == f"{cut} record 3"
    (tmp_path / "obj.json").write_text('{"text": "x"}')
    assert list(read_archive(tmp_path / "obj.json", Fields())) == [
        ReadError(f"{tmp_path / 'obj.json'} record 1", "not a JSON list of records")
    ]


def test_csv_with_field_names_given(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["story", "head", "when", "link"])
        long_body = "“A long day,” said Ana Lima.\n\nMore, " + "x" * 200_000
        writer.writerow([long_body, "Day", "2021-01-11", "https://a.example/day"])
        writer.writerow(["", "Empty", "", ""])
    fields = Fields.given(text="story", title="head", date="when", url="link")
    first, second = read_archive(path, fields)
    assert isinstance(first, Document) and len(first.text) > 200_000
    assert first.metadata == {"title": "Day", "date": "2021-01-11", "url": "https://a.example/day"}
    assert second == ReadError(f"{path} record 2", "no article text (a non-empty story field)")


def test_undecodable_and_missing_archives(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(b"text\n\xe9t\xe9 caf\xe9\n")
    assert list(read_archive(path, Fields())) == [
        ReadError(f"{path} record 1", "not UTF-8 text; the rest is skipped")
    ]
    assert list(read_sources([str(tmp_path / "none.jsonl")])) == [
        ReadError(str(tmp_path / "none.jsonl"), "no such file or folder")
    ]


def test_ingest_keeps_record_metadata_for_citations(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "wire.jsonl", [json.dumps(r) for r in RECORDS] + ["[oops"])
    store = Store(tmp_path / "q.json")
    summary = run_ingest(store, [str(path)], extractor=find_quotes)
    assert (summary.added, summary.failed) == (2, 1)
    assert str(summary.errors[0]).startswith(f"{path.resolve()} record 3: not valid JSON")
    source = f"{path.resolve()}#1"
    info = store.document_info(source)
    assert info is not None
    assert (info.title, info.date, info.byline, info.outlet, info.url, info.language) == (
        "Bridge reopens",
        "2022-06-01",
        "Sam Idris",
        "Example Wire",
        "https://wire.example/bridge",
        "en",
    )
    quote = find(store, "source:wire.jsonl#1")[0]
    assert cite(quote, info, "chicago") == (
        "“It is safe”¹\n"
        "1. Unattributed, quoted in Sam Idris, “Bridge Reopens,” Example Wire, June 1, 2022, "
        "https://wire.example/bridge.\n\n"
        "Idris, Sam. “Bridge Reopens.” Example Wire, June 1, 2022. https://wire.example/bridge."
    )
    bare = store.document_info(f"{path.resolve()}#2")
    assert bare is not None and (bare.date, bare.byline, bare.url) == (None, None, None)
    again = run_ingest(store, [str(path)], extractor=find_quotes)
    assert (again.added, again.unchanged) == (0, 2)


def test_cli_extract_reads_an_archive_with_named_fields(tmp_path: Path) -> None:
    import io
    from contextlib import redirect_stderr, redirect_stdout

    from quotebrowser.cli import main

    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["story", "head"])
        writer.writerow(
            [
                "Bridge reopens\n\n“The bridge is safe again,” said Lena Vos, the city engineer.",
                "Bridge reopens",
            ]
        )
        writer.writerow(["", "Nothing"])
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["extract", str(path), "--text-field", "story", "--jobs", "1"])
    assert code == 1
    assert err.getvalue() == (
        f"quotebrowser: {path} record 2: no article text (a non-empty story field)\n"
    )
    found = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(q["source"], q["text"], q["speaker"]) for q in found] == [
        (f"{path}#1", "The bridge is safe again", "Lena Vos")
    ]

    with redirect_stdout(io.StringIO()), redirect_stderr(err := io.StringIO()):
        assert main(["extract"]) == 2
    assert err.getvalue() == (
        "quotebrowser: nothing to read: give article paths, links, or --urls FILE\n"
    )
