"""Articles with known quotes, built without the extractor, for the store's tests."""

from __future__ import annotations

import json
import random
from pathlib import Path

from quotebrowser.model import Document, Quote, quote_id
from quotebrowser.sources.metadata import describe
from quotebrowser.store.rows import document_row

WORDS = (
    "harbour budget ceasefire railway treaty border election reform pension bridge "
    "vaccine tariff drought pipeline corridor mandate coalition inquiry subsidy verdict "
    "airport grain licence census refinery monsoon ferry archive quota hospital"
).split()


def make_document(
    source: str,
    quotes: list[tuple[str, str | None]],
    *,
    title: str = "A headline",
    header: str = "",
    group: str = "official",
) -> tuple[Document, list[Quote]]:
    """An article holding each (text, speaker) as a quoted paragraph, and its Quote objects."""
    parts = [f"{title}\n\n{header}\n\n" if header else f"{title}\n\n"]
    found: list[Quote] = []
    seen: dict[str, int] = {}
    for paragraph, (text, speaker) in enumerate(quotes, 1):
        start = sum(map(len, parts)) + 1
        parts.append(f"\u201c{text}\u201d said {speaker or 'someone'}.\n\n")
        n = seen.get(text, 0)
        seen[text] = n + 1
        found.append(
            Quote(
                id=quote_id(source, text, n),
                source=source,
                text=text,
                start=start,
                end=start + len(text),
                speaker=speaker,
                role="minister" if speaker else None,
                group=group,
                kind="direct",
                cue="said",
                paragraph=paragraph,
            )
        )
    # Described as ingest describes it: the store keeps the metadata it is given.
    return describe(Document(source=source, text="".join(parts))), found


def random_document(source: str, seed: int, n_quotes: int = 10) -> tuple[Document, list[Quote]]:
    rng = random.Random(seed)
    quotes = [
        (
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
            + f" number {seed}-{i}",
            rng.choice(["Ana Lima", "Jon Berg", "Émile Roux", None]),
        )
        for i in range(n_quotes)
    ]
    return make_document(source, quotes, title=f"Article {seed}")


def single_file_db(path: Path, items: list[tuple[Document, list[Quote]]]) -> None:
    """A database in the single-file layout of before (schema 1): every table in one file."""
    from quotebrowser.store.texts import TextStore, texts_dir

    TextStore(texts_dir(path)).put_many([document.text for document, _ in items])()
    documents = {
        str(i): document_row(document, quotes, "2024-01-01T00:00:00+0000")
        for i, (document, quotes) in enumerate(items, 1)
    }
    rows = [q.to_dict() for _, quotes in items for q in quotes]
    path.write_text(
        json.dumps(
            {
                "_quotebrowser": {
                    "1": {"format": "quotebrowser-quotes", "schema": 1, "generation": 7}
                },
                "documents": documents,
                "quotes": {str(i): row for i, row in enumerate(rows, 1)},
                "variants": {},
            }
        )
    )


def shard_files(db: Path) -> list[Path]:
    """The shard files the manifest at `db` names, in order."""
    manifest = json.loads(db.read_bytes())
    folder = db.with_name(db.name + ".shards")
    return [folder / row["file"] for row in manifest["shards"].values()]
