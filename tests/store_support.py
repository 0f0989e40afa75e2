"""Articles with known quotes, built without the extractor, for the store's tests."""

from __future__ import annotations

import random

from quotebrowser.model import Document, Quote, quote_id

WORDS = ("harbour budget ceasefire railway treaty border election reform pension bridge "
         "vaccine tariff drought pipeline corridor mandate coalition inquiry subsidy verdict "
         "airport grain licence census refinery monsoon ferry archive quota hospital").split()


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
                id=quote_id(source, text, n), source=source, text=text, start=start,
                end=start + len(text), speaker=speaker, role="minister" if speaker else None,
                group=group, kind="direct", cue="said", paragraph=paragraph,
            )
        )
    return Document(source=source, text="".join(parts)), found


def random_document(source: str, seed: int, n_quotes: int = 10) -> tuple[Document, list[Quote]]:
    rng = random.Random(seed)
    quotes = [
        (" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))).capitalize()
         + f" number {seed}-{i}", rng.choice(["Ana Lima", "Jon Berg", "Émile Roux", None]))
        for i in range(n_quotes)
    ]
    return make_document(source, quotes, title=f"Article {seed}")
