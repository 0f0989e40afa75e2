"""The command line as a user finds it in the first ten minutes, and what it exports: quotes with
their article's metadata, citations of several quotes, clear answers to dates that do not exist,
empty results, archives forgotten whole, a clipboard that is not there, narrow tables."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_support import run

ARTICLE = (
    "Port strike ends after talks\n"
    "By Priya Raman and Tom Becker\n"
    "March 12, 2025\n"
    "Source: https://gazette.example/news/port-strike\n\n"
    "The strike at the port ended on Tuesday.\n\n"
    "“We have a deal that our members can accept,” said Tomas Reyes, the union’s regional "
    "secretary.\n\n"
    "“=HYPERLINK(\"https://evil.example\") is not a formula here,” Reyes added.\n"
)
RECORDS = [
    {"text": f"Harbour note {n}\n\n“The pier reopens in week {n},” said Lena Morrow, the "
     "harbour master.", "title": f"Harbour note {n}", "outlet": "Harbour Gazette"}
    for n in range(3)
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("everyday")
    (folder / "strike.txt").write_text(ARTICLE, encoding="utf-8")
    archive = folder / "archive.jsonl"
    archive.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    path = str(folder / "q.json")
    code, _, err = run("ingest", str(folder / "strike.txt"), str(archive), "--db", path)
    assert code == 0, err
    return path


def quotes(db: str, *query: str) -> list[dict]:
    code, out, err = run("quotes", *query, "--format", "jsonl", "--db", db)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_exports_carry_the_article_and_how_the_archive_lists_the_speaker(db: str) -> None:
    deal, formula = quotes(db, "source:strike")
    assert deal["text"] == "We have a deal that our members can accept"
    assert (deal["title"], deal["authors"], deal["date"], deal["url"]) == (
        "Port strike ends after talks",
        ["Priya Raman", "Tom Becker"],
        "2025-03-12",
        "https://gazette.example/news/port-strike",
    )
    assert deal["speaker"] == "Tomas Reyes" and deal["speaker_role"] == "union’s regional secretary"
    assert deal["speaker_group"] == deal["group"]
    assert formula["text"].startswith("=HYPERLINK(")
    (note,) = quotes(db, "week 1")
    assert (note["outlet"], note["authors"], note["url"]) == ("Harbour Gazette", [], None)

    _, out, _ = run("quotes", "source:strike", "--format", "csv", "--db", db)
    assert out.startswith("\ufeffid,source,text,")  # a byte-order mark: Excel reads UTF-8
    assert "\r\n" in out
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0]["authors"] == "Priya Raman; Tom Becker"
    assert rows[0]["url"] == "https://gazette.example/news/port-strike"
    assert rows[1]["text"].startswith("'=HYPERLINK(")  # shown as text, never run as a formula

    _, out, _ = run("quotes", "source:strike", "--format", "markdown", "--db", db)
    header = out.splitlines()[0]
    assert header == (
        "| id | speaker | speaker_role | speaker_group | text | title | outlet | authors | date "
        "| url |"
    )
    cells = "| Priya Raman; Tom Becker | 2025-03-12 | https://gazette.example/news/port-strike |"
    assert cells in out


def test_cite_several_ids_and_every_match_of_a_query(db: str) -> None:
    first, second = (q["id"] for q in quotes(db, "source:strike"))
    code, out, err = run("cite", first[:8], second[:8], "--style", "apa", "--db", db)
    assert code == 0, err
    assert out.count("(Reyes, as cited in Raman & Becker, 2025).") == 2
    assert out.endswith("\n\nReferences\n\nRaman, P., & Becker, T. (2025, March 12). Port strike "
                        "ends after talks. https://gazette.example/news/port-strike\n")
    code, out, err = run("quotes", "harbour", "--cite", "chicago", "--db", db)
    assert code == 0, err
    assert [line[:3] for line in out.splitlines() if line[:1].isdigit()] == ["1. ", "2. ", "3. "]
    assert "Bibliography" in out and out.count("Harbour Gazette. “Harbour Note") == 3
    code, out, err = run("cite", first, "zzzz", "--db", db)
    assert (code, out) == (2, "")  # nothing printed unless every id is found
    assert err == f"quotebrowser: no quote with id 'zzzz' in {db}\n"


def test_cite_copy_fails_when_nothing_was_copied_and_says_why_in_full(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyperclip

    def no_clipboard(text: str) -> None:
        raise pyperclip.PyperclipException(
            "Pyperclip could not find a copy/paste mechanism for your system. For more "
            "information, please visit https://pyperclip.readthedocs.io/en/latest/index.html"
            "#not-implemented-error \n On Linux, you can run `sudo apt-get install xclip`."
        )

    monkeypatch.setattr(pyperclip, "copy", no_clipboard)
    qid = quotes(db)[0]["id"]
    code, out, err = run("cite", qid, "--copy", "--db", db)  # no terminal here either
    assert code == 1 and out
    assert err == (
        "quotebrowser: no system clipboard available (no copy/paste program: install xclip or "
        "xsel (X11) or wl-clipboard (Wayland)); not copied (no terminal to send it to either)\n"
    )


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("date:2025-13", "no such date '2025-13'"),
        ("date:2025-02-30", "no such date '2025-02-30'"),
        ("date:yesterday", "bad date 'yesterday'"),
        ("date:2025..2024", "bad date range '2025..2024': it ends before it starts"),
    ],
)
def test_dates_that_do_not_exist_are_refused_with_the_valid_forms(
    db: str, query: str, said: str
) -> None:
    code, out, err = run("quotes", query, "--db", db)
    assert (code, out) == (2, "")
    assert err == (
        f"quotebrowser: {said}; date:2024, date:2024-05, date:2024-05-17, or a range "
        "date:2021-01..2021-06\n"
    )


def test_dates_that_exist_still_select(db: str) -> None:
    assert len(quotes(db, "date:2025-03")) == 2
    assert len(quotes(db, "date:2025-03-12..2025-03-12")) == 2
    assert quotes(db, "date:2024") == []


def test_a_query_with_no_matches_says_so(db: str) -> None:
    for fmt in ("table", "jsonl", "csv"):
        code, out, err = run("quotes", "speaker:nobody", "--format", fmt, "--db", db)
        assert (code, out) == (0, "")
        assert err == "quotebrowser: no quotes match 'speaker:nobody'\n"


def test_forgetting_an_archive_forgets_every_record(db: str, tmp_path: Path) -> None:
    import shutil

    copy = str(tmp_path / "q.json")
    shutil.copy(db, copy)
    for extra in Path(db).parent.glob("q.json.*"):
        (shutil.copytree if extra.is_dir() else shutil.copy)(extra, tmp_path / extra.name)
    archive = Path(db).parent / "archive.jsonl"
    code, out, err = run("forget", str(archive), "--db", copy)
    assert code == 0, err
    assert out == f"forgot 3 documents and 3 quotes in {copy}\n"
    assert {Path(q["source"]).name for q in quotes(copy)} == {"strike.txt"}


def test_the_readme_gives_the_real_exit_status_of_a_bad_id(db: str) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    code, _, _ = run("cite", "zzzz", "--db", db)
    assert code == 2
    assert "A bad ID (unknown, or a prefix several quotes share)" in readme
    line = readme[readme.index("A bad ID (unknown"):].split("\n\n")[0]
    assert f"exit status {code}" in " ".join(line.split())


def test_speakers_keeps_words_whole_at_80_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store_support import make_document

    from quotebrowser.store import Store

    role = "Parliamentary Undersecretary for Telecommunications and Broadcasting Infrastructure"
    document, found = make_document("/a.txt", [("We will connect every village", "Jane Doe")])
    found = [q.__class__(**{**q.to_dict(), "role": role}) for q in found]
    store = Store(tmp_path / "q.json")
    store.add_many([(document, found)])
    monkeypatch.setenv("COLUMNS", "80")
    code, out, err = run("speakers", "--db", str(tmp_path / "q.json"))
    assert code == 0, err
    cells = " ".join(line.split("│")[2] for line in out.splitlines() if line.startswith("│"))
    assert cells.split() == role.split()  # every word whole, in order
