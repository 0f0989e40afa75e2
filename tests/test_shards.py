"""Quote shards and `ingest --quotes`: stored without spaCy, bad lines reported and skipped."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import run

from quotebrowser.cluster.parts import fingerprint, read_header, read_shard, shard_path, write_shard
from quotebrowser.model import Document
from quotebrowser.sources.read_error import ReadError
from quotebrowser.store import Store

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def results(extracted_seeds) -> list[tuple[Document, list]]:
    """The seeds as (Document, quotes), as a worker returns them."""
    return [
        (Document(source=str(SEEDS / name), text=text, metadata={"outlet": f"Outlet {i}"}), quotes)
        for i, (name, (text, quotes)) in enumerate(sorted(extracted_seeds.items()))
    ]


@pytest.fixture
def shards(tmp_path: Path, results) -> Path:
    """Two shards: the first three seeds, then the other two."""
    folder = tmp_path / "shards"
    folder.mkdir()
    for index, part in enumerate((results[:3], results[3:])):
        write_shard(folder, index, part, fingerprint([d for d, _ in part]))
    return folder


def test_a_shard_reads_back_as_written(shards: Path, results) -> None:
    header = read_header(shard_path(shards, 0))
    assert header is not None
    assert (header.partition, header.documents) == (0, 3)
    assert header.quotes == sum(len(q) for _, q in results[:3])
    assert header.fingerprint == fingerprint([d for d, _ in results[:3]])
    assert list(read_shard(shard_path(shards, 0))) == results[:3]
    # The fingerprint follows what the shard depends on: names, texts, metadata.
    first = results[0][0]
    assert fingerprint([first]) != fingerprint([Document(first.source, first.text + " ")])
    assert fingerprint([first]) != fingerprint([Document(first.source, first.text)])


def test_ingest_quotes_never_imports_spacy(tmp_path: Path, shards: Path, results) -> None:
    db = tmp_path / "db.json"
    script = (
        "import sys\n"
        "from quotebrowser.cli import main\n"
        f"code = main(['ingest', '--quotes', {str(shards)!r}, '--db', {str(db)!r}])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc'))\n"
        "print('spaCy modules:', loaded)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "spaCy modules: []" in done.stdout
    stored = Store(db).snapshot()
    assert len(stored.documents) == 5
    assert len(stored.quotes) == sum(len(q) for _, q in results)
    assert stored.documents[results[4][0].source].outlet == "Outlet 4"


def test_a_malformed_line_is_reported_and_the_rest_stored(
    tmp_path: Path, shards: Path, results
) -> None:
    db = tmp_path / "db.json"
    keep = tmp_path / "keep.txt"
    keep.write_text('Already stored.\n\n"We stay," the mayor said.\n', encoding="utf-8")
    code, _, err = run("ingest", str(keep), "--jobs", "1", "--db", str(db))
    assert code == 0, err
    path = shard_path(shards, 0)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1][:40]  # cut off: not JSON
    record = json.loads(lines[2])
    record["quotes"][0]["start"] += 1  # offsets that no longer give the quote's text
    lines[2] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    code, out, err = run("ingest", "--quotes", str(shards), "--db", str(db))
    assert code == 1
    first, second = err.splitlines()
    assert first.startswith(f"quotebrowser: {path} line 2: not JSON (")
    assert second == (
        f"quotebrowser: {path} line 3: not an article with its quotes "
        f"(quote {record['quotes'][0]['id']} does not match {results[1][0].source} "
        f"at {record['quotes'][0]['start']}:{record['quotes'][0]['end']})"
    )
    assert out.startswith("5 documents: 3 added, 0 unchanged, 0 replaced, 2 failed;")
    stored = Store(db).documents()
    assert str(keep.resolve()) in stored
    assert set(stored) == {str(keep.resolve())} | {d.source for d, _ in (results[2], *results[3:])}


def test_a_file_that_is_no_shard_is_one_error(tmp_path: Path) -> None:
    folder = tmp_path / "shards"
    folder.mkdir()
    shard_path(folder, 0).write_text('{"text": "an article archive, not shards"}\n')
    items = list(read_shard(shard_path(folder, 0)))
    assert items == [
        ReadError(
            f"{shard_path(folder, 0)} line 1",
            "not a quotebrowser quote shard (no shard header on line 1)",
        )
    ]


def test_ingest_quotes_refuses_what_it_cannot_use(tmp_path: Path) -> None:
    db = str(tmp_path / "db.json")
    code, _, err = run("ingest", "--quotes", str(tmp_path / "missing"), "--db", db)
    assert (code, err) == (2, f"quotebrowser: {tmp_path / 'missing'}: no such folder\n")
    code, _, err = run("ingest", "--quotes", str(tmp_path), "--db", db)
    assert code == 2 and "holds no quote shards" in err
    code, _, err = run("ingest", str(SEEDS), "--quotes", str(tmp_path), "--db", db)
    assert code == 2 and "not both" in err
    assert not Path(db).exists()


def test_one_article_is_one_line_whatever_its_text(tmp_path: Path) -> None:
    # Characters Python's splitlines and some editors take for line breaks, raw in JSON strings.
    text = 'Line\u2028separator, next\x85line, paragraph\u2029sign.\n\n"Fine," she said.'
    document = Document(source="/a.txt", text=text)
    write_shard(tmp_path, 0, [(document, [])], fingerprint([document]))
    assert len(shard_path(tmp_path, 0).read_text(encoding="utf-8").splitlines()) == 2
    assert list(read_shard(shard_path(tmp_path, 0))) == [(document, [])]
