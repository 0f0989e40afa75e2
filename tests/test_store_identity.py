"""The store's one name per person across articles: merges applied, recorded, shown as aliases,
undone by the user; old databases still load."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from quotebrowser.cli import main
from quotebrowser.query import find
from quotebrowser.store import Store
from tests.store_support import make_document, single_file_db


def test_a_surname_in_one_article_joins_the_full_name_of_another(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.json")
    store.add(*make_document("/b.txt", [("The harbour will reopen in spring", "Vey")]))
    # Nobody of that surname is known yet: the name stays as written.
    assert [q.speaker for q in store.snapshot().quotes] == ["Vey"]
    store.add(*make_document("/a.txt", [("The budget is balanced at last", "Tomas J. Vey")]))
    store.add(*make_document("/c.txt", [("We will build the bridge", "Tomas Vey")]))
    quotes = {q.source: q for q in Store(store.path).snapshot().quotes}
    assert {q.speaker for q in quotes.values()} == {"Tomas Vey"}
    assert quotes["/b.txt"].written_as == "Vey"
    assert quotes["/a.txt"].written_as == "Tomas J. Vey"
    assert quotes["/c.txt"].written_as is None  # written as shown
    [profile] = store.people().profiles()
    assert (profile.name, profile.quotes, profile.documents) == ("Tomas Vey", 3, 3)
    assert profile.aliases == ("Tomas J. Vey", "Vey")
    assert {(m.alias, m.rule) for m in store.merges()} == {
        ("Vey", "surname"),
        ("Tomas J. Vey", "spelling"),
    }
    assert [q.source for q in find(store, 'speaker:"tomas vey"')] == ["/b.txt", "/a.txt", "/c.txt"]


def test_two_people_sharing_a_surname_stay_apart(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.json")
    store.add(*make_document("/a.txt", [("The railway is late again", "Anna Brisk")]))
    store.add(*make_document("/b.txt", [("The railway is early again", "Colm Brisk")]))
    store.add(*make_document("/c.txt", [("Nobody asked me about it", "Brisk")]))
    names = sorted(p.name for p in store.people().profiles())
    assert names == ["Anna Brisk", "Brisk", "Colm Brisk"]
    assert store.merges() == []


def test_the_user_can_undo_a_merge_and_it_stays_undone(tmp_path: Path) -> None:
    store = Store(tmp_path / "q.json")
    store.add(*make_document("/a.txt", [("The budget is balanced at last", "Tomas Vey")]))
    store.add(*make_document("/b.txt", [("The harbour will reopen in spring", "Vey")]))
    assert len(store.people().profiles()) == 1
    assert store.keep_apart("Vey") == 1
    assert sorted(p.name for p in store.people().profiles()) == ["Tomas Vey", "Vey"]
    store.add(*make_document("/c.txt", [("We will build the bridge", "Tomas Vey")]))
    assert sorted(p.name for p in Store(store.path).people().profiles()) == ["Tomas Vey", "Vey"]
    assert store.merges() == []


def test_a_database_from_before_written_as_and_evidence_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    document, quotes = make_document("/a.txt", [("The budget is balanced at last", "Ana Lima")])
    single_file_db(path, [(document, quotes)])
    data = json.loads(path.read_text())
    for row in data["quotes"].values():
        del row["written_as"], row["evidence"]
    path.write_text(json.dumps(data))
    again = Store(path)
    assert again.snapshot().quotes == [replace(quotes[0])]
    assert [p.name for p in again.people().profiles()] == ["Ana Lima"]
    # The doctor finds nothing wrong with it either.
    assert main(["doctor", "--db", str(path)]) == 0
