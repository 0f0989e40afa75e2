"""The quote store with quotes built by hand: storing, replacing, querying, variants."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from store_support import make_document, random_document

from quotebrowser.errors import UserError
from quotebrowser.model import Document
from quotebrowser.store import Store, StoreError, resolve_db_path
from quotebrowser.store.storage import HEADER


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "quotes.json"


def test_new_store_is_empty_and_creates_nothing(db: Path) -> None:
    store = Store(db)
    assert store.is_empty()
    assert store.snapshot().quotes == []
    assert not db.exists()


def test_add_then_reopen_keeps_everything(db: Path) -> None:
    doc, quotes = make_document(
        "/a.txt", [("We will open the border", "Ana Lima"), ("Prices must fall", "Jon Berg")]
    )
    assert Store(db).add(doc, quotes) == "added"
    again = Store(db)
    snap = again.snapshot()
    assert snap.quotes == quotes
    assert snap.documents["/a.txt"].quote_count == 2
    assert snap.documents["/a.txt"].title == "A headline"
    assert again.document_text("/a.txt") == doc.text
    for q in snap.quotes:
        assert again.document_text(q.source)[q.start : q.end] == q.text
    assert db.read_bytes().startswith(HEADER)


def test_unchanged_document_changes_nothing(db: Path) -> None:
    doc, quotes = make_document("/a.txt", [("We will open the border", "Ana Lima")])
    store = Store(db)
    store.add(doc, quotes)
    before = db.read_bytes()
    mtime = db.stat().st_mtime_ns
    assert store.add(doc, quotes) == "unchanged"
    assert Store(db).add(doc, quotes) == "unchanged"
    assert db.read_bytes() == before
    assert db.stat().st_mtime_ns == mtime


def test_changed_document_replaces_only_its_own_quotes(db: Path) -> None:
    store = Store(db)
    a, qa = make_document("/a.txt", [("Old words from A", "Ana Lima"), ("More from A", None)])
    b, qb = make_document("/b.txt", [("Words from B", "Jon Berg")])
    store.add_many([(a, qa), (b, qb)])
    a2, qa2 = make_document("/a.txt", [("New words from A", "Ana Lima")], title="Updated")
    assert store.add(a2, qa2) == "replaced"
    snap = Store(db).snapshot()
    assert [q.text for q in snap.quotes] == ["New words from A", "Words from B"]
    assert snap.documents["/a.txt"].title == "Updated"
    assert snap.documents["/a.txt"].quote_count == 1
    assert list(snap.documents) == ["/a.txt", "/b.txt"]  # keeps its place in ingest order
    assert Store(db).document_text("/a.txt") == a2.text
    # The old text is no longer kept once nothing refers to it.
    assert store.texts.get(a.content_hash) is None


def test_add_many_reports_each_document(db: Path) -> None:
    store = Store(db)
    a, qa = random_document("/a.txt", 1)
    b, qb = random_document("/b.txt", 2)
    store.add(a, qa)
    a2, qa2 = random_document("/a.txt", 3)
    statuses = store.add_many([(a, qa), (b, qb), (a2, qa2)])
    assert statuses == ["unchanged", "added", "replaced"]
    assert Store(db).snapshot().documents["/a.txt"].content_hash == a2.content_hash


def test_quote_that_does_not_match_its_document_is_refused(db: Path) -> None:
    doc, quotes = make_document("/a.txt", [("We will open the border", "Ana Lima")])
    bad = Document("/a.txt", doc.text.replace("open", "shut"))
    with pytest.raises(ValueError, match="does not match"):
        Store(db).add(bad, quotes)
    assert not db.exists()


def test_snapshot_orders_by_document_then_offset(db: Path) -> None:
    store = Store(db)
    b, qb = random_document("/z-first.txt", 5, n_quotes=4)
    a, qa = random_document("/a-second.txt", 6, n_quotes=4)
    store.add(b, list(reversed(qb)))
    store.add(a, qa)
    assert Store(db).snapshot().quotes == qb + qa


def test_speakers_profiles(db: Path) -> None:
    store = Store(db)
    a, qa = make_document("/a.txt", [("First thing", "Ana Lima"), ("Second thing", "Ana Lima")])
    b, qb = make_document(
        "/b.txt", [("Third thing", "ana lima"), ("Fourth", "Jon Berg"), ("Fifth", None)]
    )
    store.add_many([(a, qa), (b, qb)])
    profiles = store.people().profiles()
    assert [(p.name, p.quotes, p.documents) for p in profiles] == [
        ("Ana Lima", 3, 2),
        ("Jon Berg", 1, 1),
    ]
    assert profiles[0].role == "minister"


def test_get_quote_by_id_or_unique_prefix(db: Path) -> None:
    store = Store(db)
    doc, quotes = random_document("/a.txt", 9, n_quotes=30)
    store.add(doc, quotes)
    target = quotes[7]
    assert store.get_quote(target.id) == target
    unique = next(
        n for n in range(1, 17) if sum(q.id.startswith(target.id[:n]) for q in quotes) == 1
    )
    assert store.get_quote(target.id[:unique]) == target
    assert store.get_quote(target.id[: unique - 1]) is None or unique == 1
    assert store.get_quote("not-an-id") is None


STATEMENT = (
    "The prerequisites for a comprehensive settlement of the long-standing conflict "
    "have now been created by the tireless work of both delegations"
)
TRANSLATION = (
    "Tireless work by both delegations has created the prerequisites for a "
    "comprehensive and lasting settlement of this long-standing conflict"
)


def test_variants_link_the_same_statement_across_documents(db: Path) -> None:
    store = Store(db)
    a, qa = make_document("/a.txt", [(STATEMENT, "Ana Lima"), ("We will meet again soon", None)])
    b, qb = make_document("/b.txt", [(TRANSLATION, "Lima"), ("Unrelated words about grain", None)])
    cut = STATEMENT.split(" by the")[0]  # another outlet's shorter cut
    c, qc = make_document("/c.txt", [(cut, None)])
    store.add_many([(a, qa), (b, qb)])
    store.add(c, qc)
    variants = Store(db).snapshot().variants
    assert set(variants[qa[0].id]) == {qb[0].id, qc[0].id}
    assert set(variants[qb[0].id]) == {qa[0].id, qc[0].id}
    assert qa[1].id not in variants and qb[1].id not in variants
    assert {q.id for q in store.variants(qc[0].id)} == {qa[0].id, qb[0].id}


def test_variants_never_within_one_document_nor_across_speakers(db: Path) -> None:
    store = Store(db)
    a, qa = make_document("/a.txt", [(STATEMENT, "Ana Lima"), (STATEMENT, "Ana Lima")])
    b, qb = make_document("/b.txt", [(STATEMENT, "Jon Berg")])
    store.add_many([(a, qa), (b, qb)])
    assert store.snapshot().variants == {}


def test_replacing_a_document_drops_its_variant_links(db: Path) -> None:
    store = Store(db)
    a, qa = make_document("/a.txt", [(STATEMENT, "Ana Lima")])
    b, qb = make_document("/b.txt", [(STATEMENT, "Ana Lima")], title="Another headline")
    store.add_many([(a, qa), (b, qb)])
    assert store.snapshot().variants
    b2, qb2 = make_document("/b.txt", [("Something else entirely about the harbour", None)])
    store.add(b2, qb2)
    assert Store(db).snapshot().variants == {}


def test_the_store_keeps_the_metadata_it_is_given_and_reads_no_article(db: Path) -> None:
    """Detecting metadata is the sources' work (ingest joins them): the store keeps what it is
    given, and a document given without metadata stays without."""
    doc, quotes = make_document("/a.txt", [("Words", "Ana Lima")], title="Talks resume")
    store = Store(db)
    store.add(Document("/a.txt", doc.text, {"title": "Given title", "outlet": "Given Wire"}),
              quotes)
    info = store.document_info("/a.txt")
    assert info is not None and (info.title, info.outlet, info.date) == (
        "Given title", "Given Wire", None)
    store.add(Document("/b.txt", doc.text.replace("Words", "Other")), [])
    bare = store.document_info("/b.txt")
    assert bare is not None and (bare.title, bare.outlet) == ("", None)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json at all",
        b'{"_default": {"1": {"a": 1}}}',
        b"[1, 2, 3]",
        b"\xff\xfe\x00garbage",
        b'{"_quotebrowser": {"1": {"format": "quotebrowser-quotes", "schema": 99}}}',
    ],
    ids=["broken", "tinydb-of-someone-else", "array", "binary", "newer-schema"],
)
def test_foreign_or_corrupt_file_is_refused_and_kept(db: Path, content: bytes) -> None:
    db.write_bytes(content)
    doc, quotes = random_document("/a.txt", 1)
    with pytest.raises(StoreError) as err:
        store = Store(db)
        store.add(doc, quotes)
    assert str(db) in str(err.value)
    assert "\n" not in str(err.value)
    assert isinstance(err.value, UserError)
    assert db.read_bytes() == content


def test_truncated_database_is_refused_on_first_read_and_kept(db: Path) -> None:
    store = Store(db)
    for i in range(5):
        store.add(*random_document(f"/{i}.txt", i))
    damaged = db.read_bytes()[:-200]
    db.write_bytes(damaged)
    opened = Store(db)  # the header still looks like ours: the parse finds the damage
    with pytest.raises(StoreError, match="invalid JSON"):
        opened.snapshot()
    with pytest.raises(StoreError):
        opened.add(*random_document("/new.txt", 99))
    assert db.read_bytes() == damaged


def test_empty_file_reads_as_empty_database(db: Path) -> None:
    db.write_bytes(b"")
    store = Store(db)
    assert store.is_empty()
    store.add(*random_document("/a.txt", 1))
    assert len(Store(db).snapshot().quotes) == 10


def test_folder_given_as_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        Store(tmp_path).snapshot()


def test_unwritable_folder_gives_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="cannot"):
        Store(blocker / "sub" / "quotes.json").add(*random_document("/a.txt", 1))


def test_writes_leave_no_temporary_files(db: Path) -> None:
    store = Store(db)
    for i in range(3):
        store.add(*random_document(f"/{i}.txt", i))
    leftovers = [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []
    assert json.loads(db.read_bytes())["_quotebrowser"]["1"]["generation"] == 3


def test_another_process_commit_is_seen_and_merged(db: Path) -> None:
    first, second = Store(db), Store(db)
    first.add(*random_document("/a.txt", 1))
    assert len(second.snapshot().documents) == 1  # re-reads the replaced file
    second.add(*random_document("/b.txt", 2))
    first.add(*random_document("/c.txt", 3))  # must not drop /b.txt written by `second`
    assert list(Store(db).snapshot().documents) == ["/a.txt", "/b.txt", "/c.txt"]


def test_resolve_db_path_order(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("QUOTEBROWSER_DB", str(tmp_path / "env.json"))
    assert resolve_db_path(str(tmp_path / "cli.json")) == tmp_path / "cli.json"
    assert resolve_db_path(None) == tmp_path / "env.json"
    monkeypatch.delenv("QUOTEBROWSER_DB")
    default = resolve_db_path(None)
    assert default.name == "quotes.json" and "quotebrowser" in str(default)


def test_a_commit_pauses_the_garbage_collector_and_gives_it_back(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotebrowser.store import index as ix

    seen = []
    match_all = ix.StoredVariants.match_all

    def watched(self, items):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return match_all(self, items)

    monkeypatch.setattr(ix.StoredVariants, "match_all", watched)
    store = Store(db)
    assert gc.isenabled()
    store.add(*random_document("/a.txt", 1))
    assert seen == [False] and gc.isenabled()

    def fails(self, items):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ix.StoredVariants, "match_all", fails)
    with pytest.raises(RuntimeError):
        store.add(*random_document("/b.txt", 2))
    assert gc.isenabled()
    assert list(Store(db).documents()) == ["/a.txt"]  # nothing half-written


def test_a_commit_names_its_texts_only_once_they_are_on_disk(db: Path, monkeypatch) -> None:
    """Texts are written while the index is (store/texts.py, put_many): the manifest,
    which commits, is saved only after every one is on disk; a text that cannot be written
    fails the commit and leaves the database as it was."""
    import time

    from quotebrowser.store import texts as texts_module
    from quotebrowser.store.storage import DatabaseFile

    store = Store(db)
    store.add(*make_document("/a.txt", [("First words here", "Ann Lee")]))
    written = texts_module.atomic_write

    def slow(path, payload, *, sync_dir=True):
        time.sleep(0.3)  # the index's work is done well before
        written(path, payload, sync_dir=sync_dir)

    saving = DatabaseFile.save
    on_disk_at_save: list[bool] = []

    def save(self, data, gen):
        on_disk_at_save.append(len(list(store.texts.folder.glob("*.txt"))) == 3)
        return saving(self, data, gen)

    monkeypatch.setattr(texts_module, "atomic_write", slow)
    monkeypatch.setattr(DatabaseFile, "save", save)
    documents = [make_document(f"/{n}.txt", [(f"Words of {n} here", "Bo Ray")]) for n in "bc"]
    store.add_many(documents)
    assert on_disk_at_save == [True]

    def broken(path, payload, *, sync_dir=True):
        raise OSError("disk full")

    monkeypatch.setattr(texts_module, "atomic_write", broken)
    with pytest.raises(OSError, match="disk full"):
        store.add(*make_document("/d.txt", [("Lost words here", "Cy Doe")]))
    assert sorted(Store(db).documents()) == ["/a.txt", "/b.txt", "/c.txt"]
