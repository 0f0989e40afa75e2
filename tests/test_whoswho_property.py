"""Property: on generated archives with generated corrections, every place that shows a speaker's
group and role agrees: `quotebrowser speakers`, the speakers panel, the detail pane, `group:` and
`speaker:` (in the command line's query and in the app's), the profile screen and `eval --who`.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from cli_support import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebrowser.app.detail_pane import DetailPane, facts
from quotebrowser.app.loaded import Loaded
from quotebrowser.app.profile_screen import build_profile
from quotebrowser.evaluation import as_shown
from quotebrowser.model import GROUPS, Document, Quote, quote_id
from quotebrowser.query import find, parse_query
from quotebrowser.store import Store, StoreError
from quotebrowser.whoswho import fold

# People whose names no identity rule merges with another's (no shared surname or first name),
# each written in spellings that differ only in case and accents: one person each.
PEOPLE = {
    "Ana Lima": ("Ana Lima", "ana lima", "Ána Lima"),
    "Jon Berg": ("Jon Berg", "JON BERG"),
    "Mira Solé": ("Mira Solé", "Mira Sole"),
    "Teo Vance": ("Teo Vance",),
}
NEWCOMERS = ("Kai Noor", "Ida Quist")  # names a correction may introduce
ROLES = (None, "minister", "Minister of Ports", "economist", "spokesperson", "senior economist")
TEXTS = tuple(f"Statement number {n} on the harbour budget" for n in range(40))

spellings = st.sampled_from([s for forms in PEOPLE.values() for s in forms])
quote_spec = st.tuples(
    st.none() | spellings, st.sampled_from(GROUPS), st.sampled_from(ROLES)
)
rejection = st.tuples(st.just("reject"), st.integers(0, 30))
correction = st.one_of(
    rejection,  # twice as likely as the others: a rejection can move a person to another group
    rejection,
    st.tuples(
        st.just("speaker"),
        st.integers(0, 30),
        st.sampled_from([*PEOPLE, *NEWCOMERS]),
        st.none() | st.sampled_from(ROLES[1:]),
        st.none() | st.sampled_from(GROUPS),
    ),
    st.tuples(st.just("rename"), st.sampled_from(list(PEOPLE)), st.sampled_from(NEWCOMERS)),
    st.tuples(st.just("merge"), st.sampled_from(list(PEOPLE)), st.sampled_from(list(PEOPLE))),
    st.tuples(st.just("undo")),
)


def article(n: int, specs: list[tuple[str | None, str, str | None]]) -> tuple[Document, list]:
    source = f"/news/article-{n}.txt"
    parts = [f"Article {n}\n\n"]
    quotes = []
    for paragraph, (speaker, group, role) in enumerate(specs):
        text = TEXTS[(n * 7 + paragraph) % len(TEXTS)]
        start = sum(map(len, parts)) + 1
        parts.append(f"\u201c{text}\u201d, said someone.\n\n")
        quotes.append(Quote(quote_id(source, text), source, text, start, start + len(text),
                            speaker, role, group, "direct", "said", paragraph))
    return Document(source, "".join(parts), {"title": f"Article {n}"}), quotes


def correct(store: Store, change: tuple) -> None:
    quotes = list(store.snapshot().quotes)
    try:
        if change[0] == "speaker":
            _, at, speaker, role, group = change
            store.correct(quotes[at % len(quotes)].id, speaker=speaker, role=role, group=group)
        elif change[0] == "reject":
            store.correct(quotes[change[1] % len(quotes)].id, reject=True)
        elif change[0] == "rename":
            store.rename_speaker(change[1], change[2])
        elif change[0] == "merge":
            store.rename_speaker(change[1], change[2], merge=True)
        else:
            store.undo_correction()
    except StoreError:
        pass  # a speaker no longer quoted, say: the user is told, nothing changes


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(quote_spec, min_size=1, max_size=5), min_size=1, max_size=3),
    st.lists(correction, min_size=1, max_size=8),
)
def test_every_view_of_a_speaker_agrees(articles: list, corrections: list) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "q.json"
        store = Store(db)
        store.add_many(article(n, specs) for n, specs in enumerate(articles))
        for change in corrections:
            correct(store, change)
        store = Store(db)
        check_agreement(store, db)


def check_agreement(store: Store, db: Path) -> None:
    # `quotebrowser speakers`: the reference every other view is held against.
    code, out, err = run("speakers", "--format", "jsonl", "--db", str(db))
    assert code == 0, err
    listed = {fold(r["name"]): r for r in map(json.loads, out.splitlines())}
    standing = {key: (r["group"], r["role"]) for key, r in listed.items()}
    snapshot = store.snapshot()
    kept = [q for q in snapshot.quotes if not q.rejected]
    data = Loaded(store)

    # The speakers panel: each person under their group, with their count.
    group = None
    panel: dict[str, tuple[str, int]] = {}
    for entry in data.speaker_entries[1:]:
        if entry.scope and entry.scope[0] == "group":
            group = entry.scope[1]
        elif entry.scope and entry.scope[1] is not None:
            panel[fold(entry.scope[1])] = (group, entry.count)
    assert panel == {key: (r["group"], r["quotes"]) for key, r in listed.items()}
    assert data.speaker_entries[0].count == len(kept)

    pane = DetailPane()
    _, eval_group, eval_role = as_shown(kept, store.people())
    for q in kept:
        if not q.speaker:
            continue
        key = fold(q.speaker)
        # The detail pane: the archive's group beside the name, its role when the quote has none.
        detail = pane.detail_of(q, data)
        assert detail is not None and tuple(detail.standing) == standing[key]
        assert f"({standing[key][0]}" in facts(detail).plain
        # eval --who: the group and role it scores are the archive's.
        assert (eval_group(q), eval_role(q)) == standing[key]

    # group: in the command line's query and in the app's: exactly the people listed under it.
    for name in GROUPS:
        cli = find(store, f"group:{name}")
        app = list(data.search(parse_query(f"group:{name}")))
        assert [q.id for q in cli] == [q.id for q in app]
        people = {fold(q.speaker) for q in cli if q.speaker}
        assert people == {key for key, (g, _) in standing.items() if g == name}
        unattributed = sum(1 for q in kept if not q.speaker)
        expected = sum(r["quotes"] for r in listed.values() if r["group"] == name)
        assert len(cli) == expected + (unattributed if name == "other" else 0)

    for key, r in listed.items():
        # speaker: finds every quote the archive counts for them.
        assert len(find(store, f'speaker:"{r["name"]}"')) == r["quotes"]
        # The profile screen: the same standing and count.
        profile = build_profile(r["name"], data)
        assert (tuple(profile.standing), profile.quotes) == (standing[key], r["quotes"])
        assert len(profile.positions) == r["quotes"]
