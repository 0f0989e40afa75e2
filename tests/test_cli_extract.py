"""`quotebrowser extract` and `quotebrowser eval` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from quotebrowser.cli import main
from quotebrowser.model import QUOTE_FIELDS
from tests.conftest import SEEDS, SEEDS_GOLD

ARTICLE = (
    "Finance Minister Olaf Brandt spoke on Monday.\n\n"
    '"We will cut taxes [bold]next[/] year," Mr Brandt said.\n'
)


def test_extract_jsonl_has_exactly_the_quote_fields(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert main(["extract", str(path), "--jobs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert tuple(record) == QUOTE_FIELDS
    assert record["text"] == "We will cut taxes [bold]next[/] year"
    assert ARTICLE[record["start"] : record["end"]] == record["text"]
    assert record["speaker"] == "Olaf Brandt"


def test_extract_csv_json_and_table(tmp_path: Path, capsys) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    main(["extract", str(path), "--format", "csv", "--jobs", "1"])
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["speaker"] == "Olaf Brandt"
    main(["extract", str(path), "--format", "json", "--jobs", "1"])
    assert json.loads(capsys.readouterr().out)[0]["cue"] == "said"
    main(["extract", str(path), "--format", "table", "--jobs", "1"])
    out = capsys.readouterr().out
    assert "[bold]next[/]" in out  # markup shown as written, not interpreted


def test_bad_files_reported_in_one_line_and_others_processed(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff" * 100)
    (tmp_path / "empty.txt").write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "quotebrowser", "extract", str(tmp_path), "--jobs", "1"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2
    assert any("bin.txt" in e and "binary" in e for e in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert json.loads(result.stdout.splitlines()[0])["speaker"] == "Olaf Brandt"


def test_extract_reads_standard_input() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "quotebrowser", "extract", "-", "--jobs", "1"],
        input=ARTICLE,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_eval_on_the_seeds_reports_scores(capsys) -> None:
    assert main(["eval", str(SEEDS_GOLD), str(SEEDS), "--json", "--jobs", "1"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["documents"] == 5
    assert scores["offset_errors"] == 0
    assert scores["end_to_end_f1"] >= 0.95


def test_eval_who_prints_group_role_and_names(capsys) -> None:
    assert main(["eval", str(SEEDS_GOLD), str(SEEDS), "--who", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "group accuracy" in out and "role accuracy" in out and "names per person" in out
    assert main(["eval", str(SEEDS_GOLD), str(SEEDS), "--who", "--json", "--jobs", "1"]) == 0
    who = json.loads(capsys.readouterr().out)["who"]
    assert who["group_accuracy"] >= 0.85 and who["names_per_person"] <= 1.02


def test_eval_with_a_broken_gold_file_is_a_clear_error(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("{not json")
    assert main(["eval", str(bad), str(SEEDS)]) == 2
    err = capsys.readouterr().err
    assert "gold.json" in err and "Traceback" not in err


def test_eval_by_evidence_accounts_for_every_matched_quote(capsys) -> None:
    from quotebrowser.extract.rules import EVIDENCE

    assert main(["eval", str(SEEDS_GOLD), str(SEEDS), "--by-evidence", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    rows = summary["by_evidence"]
    assert set(rows) <= set(EVIDENCE)
    assert sum(r["matched"] for r in rows.values()) == summary["matched"]
    assert sum(r["right"] for r in rows.values()) == round(
        summary["attribution_accuracy"] * summary["matched"]
    )
    assert main(["eval", str(SEEDS_GOLD), str(SEEDS), "--by-evidence", "--jobs", "1"]) == 0
    assert "precision" in capsys.readouterr().out


REPORTING = (
    "Harbour talks resume\n\n"
    "Port director Ruth Okafor said that the talks would resume on Monday. "
    '"We are ready to sign," she added.\n\n'
    "The strike will end on Friday, union leader Mark Ellis told reporters.\n"
)


def reporting_gold(tmp_path: Path) -> tuple[Path, Path]:
    article = tmp_path / "harbour.txt"
    article.write_text(REPORTING, encoding="utf-8")
    gold = {
        "speakers": {
            "Ruth Okafor": {"kind": "person", "group": "official", "aliases": ["Okafor"]},
            "Mark Ellis": {"kind": "person", "group": "other", "aliases": ["Ellis"]},
        },
        "documents": [
            {
                "file": "harbour.txt",
                "quotes": [
                    {"text": "We are ready to sign", "speaker": "Ruth Okafor", "kind": "direct"},
                    # A looser boundary than the system's ("that ..."): still a match at 0.5.
                    {
                        "text": "the talks would resume",
                        "speaker": "Ruth Okafor",
                        "kind": "reported",
                    },
                    {
                        "text": "The strike will end on Friday",
                        "speaker": "Mark Ellis",
                        "kind": "reported",
                    },
                ],
            }
        ],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path, article


def test_eval_scores_reported_statements_in_a_table_of_their_own(tmp_path: Path, capsys) -> None:
    gold, article = reporting_gold(tmp_path)
    assert main(["eval", str(gold), str(article), "--kind", "reported", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["statements"]
    assert "token F1 >= 0.5" in out
    assert main(["eval", str(gold), str(article), "--kind", "reported", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert (scores["gold_quotes"], scores["matched"], scores["attribution_accuracy"]) == (2, 2, 1.0)
    # The default scores quotations only: the statements are neither gold nor predictions.
    assert main(["eval", str(gold), str(article), "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert (scores["gold_quotes"], scores["predicted_quotes"], scores["matched"]) == (1, 1, 1)


def test_eval_kind_all_prints_quotes_beside_statements(tmp_path: Path, capsys) -> None:
    gold, article = reporting_gold(tmp_path)
    assert main(["eval", str(gold), str(article), "--kind", "all", "--who"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["quotes", "statements"]
    assert next(line for line in lines if line.startswith("gold")).split()[1:] == ["1", "2"]
    assert main(["eval", str(gold), str(article), "--kind", "all", "--json"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert both["quotes"]["matched"] == 1 and both["reported"]["matched"] == 2
