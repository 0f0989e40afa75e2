"""One name per person across an archive (quotebrowser/identity.py), on invented names."""

from __future__ import annotations

from quotebrowser.identity import Speaker, name_key, resolve, resolve_tallies


def said(name: str, source: str, group: str = "official") -> Speaker:
    return Speaker(name, group, source)


def test_middle_initials_suffixes_case_and_accents_are_one_person() -> None:
    assert name_key("Marta K. Ibáñez Jr.") == name_key("marta ibanez")
    assert name_key("Rory   Kell - Dunne") == name_key("Rory Kell-Dunne")
    ids = resolve(
        [
            said("Marta Ibáñez", "a.txt"),
            said("Marta Ibáñez", "b.txt"),
            said("Marta K. Ibáñez", "c.txt"),
            said("MARTA IBANEZ", "d.txt"),
        ]
    )
    assert ids.canonical("Marta K. Ibáñez") == "Marta Ibáñez"
    assert ids.canonical("MARTA IBANEZ") == "Marta Ibáñez"
    assert ids.aliases() == {"Marta Ibáñez": ["MARTA IBANEZ", "Marta K. Ibáñez"]}
    assert {m.rule for m in ids.merges} == {"spelling"}


def test_a_surname_joins_the_one_full_name_of_the_archive() -> None:
    ids = resolve(
        [
            said("Tomas Vey", "a.txt"),
            said("Vey", "b.txt"),
            said("van Dorn", "b.txt"),
            said("Lies van Dorn", "c.txt"),
        ]
    )
    assert ids.canonical("Vey", "b.txt") == "Tomas Vey"
    assert ids.canonical("van Dorn") == "Lies van Dorn"


def test_two_people_sharing_a_surname_are_never_merged() -> None:
    speakers = [
        said("Anna Brisk", "a.txt"),
        said("Colm Brisk", "b.txt"),
        said("Brisk", "c.txt"),  # which Brisk? the archive cannot tell
    ]
    ids = resolve(speakers)
    assert ids.canonical("Anna Brisk") == "Anna Brisk"
    assert ids.canonical("Colm Brisk") == "Colm Brisk"
    assert ids.canonical("Brisk", "c.txt") == "Brisk"
    assert ids.merges == []


def test_in_its_own_article_a_shared_surname_is_the_person_quoted_there() -> None:
    ids = resolve(
        [said("Anna Brisk", "a.txt"), said("Brisk", "a.txt"), said("Colm Brisk", "b.txt")]
    )
    assert ids.canonical("Brisk", "a.txt") == "Anna Brisk"
    assert ids.canonical("Brisk", "b.txt") == "Brisk"  # not quoted there under a full name


def test_a_person_mislabelled_an_organisation_in_their_own_article() -> None:
    ids = resolve(
        [
            said("Ivo Marek", "a.txt"),
            said("Marek", "a.txt", "organization"),
            said("Marek", "b.txt", "organization"),
        ]
    )
    assert ids.canonical("Marek", "a.txt") == "Ivo Marek"
    assert ids.canonical("Marek", "b.txt") == "Ivo Marek"  # the one Marek of the archive
    ids = resolve(
        [
            said("Ivo Marek", "a.txt"),
            said("Ada Marek", "b.txt"),
            said("Marek", "c.txt", "organization"),
        ]
    )
    assert ids.canonical("Marek", "c.txt") == "Marek"  # two of them: no guess


def test_a_full_name_labelled_an_organisation_still_makes_a_surname_ambiguous() -> None:
    ids = resolve(
        [
            said("Anna Brisk", "a.txt"),
            said("Colm Brisk", "b.txt", "organization"),
            said("Brisk", "c.txt"),
        ]
    )
    assert ids.canonical("Brisk", "c.txt") == "Brisk"


def test_organisations_and_first_names_are_not_surnames() -> None:
    ids = resolve(
        [
            said("Harbour Board", "a.txt", "organization"),
            said("Nina Harbour", "b.txt"),
            said("Nina", "b.txt"),
        ]
    )
    assert ids.canonical("Harbour Board", "a.txt") == "Harbour Board"
    assert ids.canonical("Nina", "a.txt") == "Nina"  # not quoted in that article


def test_a_name_kept_apart_by_the_user_stays_as_written() -> None:
    speakers = [said("Tomas Vey", "a.txt"), said("Vey", "b.txt"), said("Tomas J. Vey", "c.txt")]
    ids = resolve(speakers, keep_apart=["vey", "Tomas J. Vey"])
    assert ids.canonical("Vey", "b.txt") == "Vey"
    assert ids.canonical("Tomas J. Vey") == "Tomas J. Vey"


def test_in_one_article_a_first_name_or_a_description_stuck_to_a_name() -> None:
    ids = resolve(
        [
            said("Sharon Vale", "a.txt", "other"),
            said("Sharon", "a.txt", "other"),
            said("Lib Dem Archy Kell", "a.txt"),
            said("Archy Kell", "a.txt"),
            said("Sharon", "b.txt", "other"),  # no Sharon quoted there
        ]
    )
    assert ids.canonical("Sharon", "a.txt") == "Sharon Vale"
    assert ids.canonical("Sharon", "b.txt") == "Sharon"
    assert ids.canonical("Lib Dem Archy Kell", "a.txt") == "Archy Kell"
    ids = resolve([said("Veldavia Ana Roos", "a.txt"), said("Ana Roos", "b.txt")])
    assert ids.canonical("Veldavia Ana Roos", "a.txt") == "Ana Roos"
    # A first name that is someone's surname in the archive is not taken for a first name.
    ids = resolve(
        [said("Ariel Sharon", "c.txt"), said("Sharon Vale", "a.txt"), said("Sharon", "a.txt")]
    )
    assert ids.canonical("Sharon", "a.txt") == "Ariel Sharon"


def test_articles_are_read_only_for_the_names_an_article_may_decide() -> None:
    triples = [
        said("Tomas Vey", "a.txt"),
        said("Tomas Vey", "b.txt"),
        said("Vey", "c.txt"),  # the one Vey of the archive: decided without reading c.txt
        said("Ana Lima", "d.txt"),
        said("Rui Lima", "e.txt"),
        said("Lima", "d.txt"),  # two Limas: the article decides
        said("Lima", "f.txt"),
        said("Minister Ana Lima", "g.txt"),  # one plain name fits: decided everywhere
        said("Harbour Authority", "d.txt", "organization"),  # named like no one: no article
        said("Tomas Vey", "h.txt", "organization"),  # named like a person: h.txt decides
    ]
    asked: list[tuple[str, set[str]]] = []
    tallies: dict[tuple[str, str], int] = {}
    for name, group, _ in triples:
        tallies[(name, group)] = tallies.get((name, group), 0) + 1

    def of_names(names):  # type: ignore[no-untyped-def]
        asked.append(("names", set(names)))
        return [t for t in triples if t.name in names]

    def in_sources(sources):  # type: ignore[no-untyped-def]
        asked.append(("sources", set(sources)))
        return [t for t in triples if t.source in sources]

    ids = resolve_tallies(((n, g, c) for (n, g), c in tallies.items()), of_names, in_sources)
    assert asked == [("names", {"Lima", "Tomas Vey"}), ("sources", {"d.txt", "f.txt", "h.txt"})]
    expected = resolve(triples)
    assert (ids.names, ids.in_article, ids.merges) == (
        expected.names,
        expected.in_article,
        expected.merges,
    )
    assert ids.canonical("Lima", "d.txt") == "Ana Lima"
    assert ids.canonical("Lima", "f.txt") == "Lima"
    assert ids.canonical("Vey", "c.txt") == "Tomas Vey"
    assert ids.canonical("Minister Ana Lima") == "Ana Lima"

    # Nothing for an article to decide: no article is read.
    asked.clear()
    ids = resolve_tallies(
        [("Tomas Vey", "official", 2), ("TOMAS VEY", "official", 1)], of_names, in_sources
    )
    assert asked == []
    assert ids.canonical("TOMAS VEY") == "Tomas Vey"


def test_transliterations_of_one_name_in_one_capacity_are_one_person() -> None:
    ids = resolve(
        [
            said("Rustam Aliyarov", "a.txt", "leader"),
            said("Rustam Aliyarov", "b.txt", "leader"),
            said("Rustem Aliarov", "c.txt", "leader"),
            said("Ana Petrosyan", "a.txt", "analyst"),
            said("Ana Petrosian", "b.txt", "other"),
            # Same letters, two capacities: no telling they are one person.
            said("Karen Bagiryan", "a.txt", "official"),
            said("Karen Bagirian", "b.txt", "analyst"),
            # Two short names are never taken for one.
            said("Ann Lee", "a.txt"),
            said("Ann Li", "b.txt"),
        ]
    )
    assert ids.canonical("Rustem Aliarov") == "Rustam Aliyarov"
    assert ids.canonical("Ana Petrosian") == ids.canonical("Ana Petrosyan")
    assert ids.canonical("Karen Bagirian") != ids.canonical("Karen Bagiryan")
    assert ids.canonical("Ann Li") == "Ann Li" and ids.canonical("Ann Lee") == "Ann Lee"


def test_spelling_keys() -> None:
    from quotebrowser.folding import same_spelling

    assert same_spelling("Aliyev", "Aliev") and same_spelling("Yerlan", "Erlan")
    assert same_spelling("Hikmat", "Hikmet") and same_spelling("Askerli", "Asgarli")
    assert not same_spelling("Martin", "Morton") and not same_spelling("Lee", "Li")
