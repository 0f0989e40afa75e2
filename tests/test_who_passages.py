"""Who's who on passages of our own, through the extractor and the store: one person under one
name across articles, roles that are the speaker's own, groups that hold."""

from __future__ import annotations

from pathlib import Path

from quotebrowser.extract import extract
from quotebrowser.model import REPORTED, Document
from quotebrowser.store import Store


def quotes_of(text: str, source: str = "p.txt"):
    # The quotations: reported speech without marks has its own tests (test_reported.py).
    return [q for q in extract(text, source) if q.kind != REPORTED]


def archive(tmp_path: Path, articles: dict[str, str]) -> Store:
    store = Store(tmp_path / "q.json")
    for source, text in articles.items():
        store.add(Document(source, text), extract(text, source))
    return store


def test_one_person_under_several_names_is_one_speaker(tmp_path: Path) -> None:
    store = archive(
        tmp_path,
        {
            "/a.txt": 'Mayor Tomas J. Vey opened the bridge.\n\n"It is a good day," Vey said.\n',
            "/b.txt": 'Tomas Vey spoke.\n\n"We will finish the road," Tomas Vey said.\n',
            "/c.txt": 'The council met on Friday.\n\n"Nothing is decided," Vey told reporters.\n',
        },
    )
    profiles = store.people().profiles()
    assert [(p.name, p.quotes, p.documents) for p in profiles] == [("Tomas Vey", 3, 3)]
    assert profiles[0].group == "official" and profiles[0].role == "Mayor"
    written = {q.source: q.written_as for q in store.snapshot().quotes}
    assert written == {"/a.txt": "Tomas J. Vey", "/b.txt": None, "/c.txt": "Vey"}


def test_two_people_sharing_a_surname_in_one_archive_are_not_merged(tmp_path: Path) -> None:
    store = archive(
        tmp_path,
        {
            "/a.txt": 'Anna Brisk runs the harbour.\n\n"Ships are late," Anna Brisk said.\n',
            "/b.txt": 'Colm Brisk farms near the coast.\n\n"Rain is late," Colm Brisk said.\n',
            "/c.txt": 'The ferry was cancelled.\n\n"Nobody told us anything," Brisk said.\n',
        },
    )
    names = sorted(p.name for p in store.people().profiles())
    assert names == ["Anna Brisk", "Brisk", "Colm Brisk"]
    assert store.merges() == []


def test_a_former_prosecutor_beside_the_speaker_is_not_the_speakers_role() -> None:
    [q] = quotes_of(
        "Ruth Calder spoke on Monday.\n\n"
        "Former prosecutor Owen Marsh, who backs Calder, trashed the inquiry on television.\n\n"
        '"We will not be silenced," Calder said.\n'
    )
    assert q.speaker == "Ruth Calder"
    assert "prosecutor" not in (q.role or "")


def test_a_former_prosecutor_in_apposition_to_the_speaker_is_their_role() -> None:
    [q] = quotes_of(
        'Ruth Calder, a former prosecutor, spoke on Monday.\n\n"The bill is dead," Calder said.\n'
    )
    assert q.role == "former prosecutor" and q.group == "official"


def test_a_protester_someone_else_punched_is_not_the_speakers_role() -> None:
    [q] = quotes_of(
        "Ruth Calder held a rally in Westvale. A man at the rally punched the protester.\n\n"
        '"I don\'t like it," Calder said of the episode.\n'
    )
    assert q.speaker == "Ruth Calder" and q.role != "protester"


def test_a_description_of_someone_else_in_her_words_is_not_her_role() -> None:
    [q] = quotes_of(
        "Ruth Calder answered questions in Westvale. She said the most important member of her "
        "team would be her deputy.\n\n"
        '"I am not ruling anybody out," Calder said.\n'
    )
    assert q.role is None


def test_a_senator_is_an_official_however_the_article_gives_the_title() -> None:
    quotes = quotes_of(
        "Senator Ruth Calder spoke on Monday.\n\n"
        '"The bill is dead," Calder said.\n\n'
        'Calder, a senator from the north, added: "We start again tomorrow."\n'
    )
    assert [q.group for q in quotes] == ["official", "official"]
    [q] = quotes_of('"The bill is dead," said Sen. Ruth Calder, a Republican from the north.\n')
    assert q.group == "official"


def test_teachers_at_a_rally_are_not_analysts() -> None:
    [q] = quotes_of(
        "Teachers rallied outside the school on Friday.\n\n"
        '"We are exhausted," said Mia Lund, a maths teacher at the school.\n'
    )
    assert q.group == "other"


def test_party_and_union_leaders_hold_no_head_of_government_office() -> None:
    [q] = quotes_of('"We will win the vote," said Opposition leader Karl Dunn.\n')
    assert q.group == "official"
    [q] = quotes_of('"We will strike," said the company president, Lena Holm.\n')
    assert q.group == "other"


def test_a_phrase_a_verb_governs_before_a_name_is_not_its_title() -> None:
    [q] = quotes_of(
        "On the day a supporter was filmed punching a protester, Ruth Calder spoke to the "
        "press.\n\n"
        '"I don\'t like it," Calder said.\n'
    )
    assert q.speaker == "Ruth Calder" and q.role is None


def test_a_description_in_a_sentence_is_not_that_sentences_subject() -> None:
    # The subject of "claiming" cannot be the manager it claims things of; the one other person
    # named in the sentence can.
    quotes = quotes_of(
        "Mary Jones has stepped up her feud with Peter Walsh by claiming the Westvale United "
        "manager is a disgrace.\n\n"
        '"He never listens," Jones said.\n\n'
        'Later the Westvale United manager said: "I have nothing to add."\n'
    )
    assert [(q.speaker, q.role) for q in quotes] == [
        ("Mary Jones", None),
        ("Peter Walsh", "Westvale United manager"),
    ]


def test_an_apposition_may_name_whose_or_to_whom_the_role_is() -> None:
    [q] = quotes_of(
        'Peter Walsh, Mary Jones\'s fired campaign manager, said: "The inquiry was a farce."\n'
    )
    assert q.role == "Mary Jones's fired campaign manager" and q.group == "official"
    [q] = quotes_of(
        '"We used to see street hustlers do this," Peter Walsh - then economic adviser to '
        "President Mary Jones - told a press conference.\n"
    )
    assert q.speaker == "Peter Walsh" and q.role == "then economic adviser to President Mary Jones"
    assert q.group == "official"


def test_a_relative_clause_gives_the_office() -> None:
    [q] = quotes_of(
        "Sir Peter Walsh, who chairs the Commons transport committee, said ministers had failed. "
        '"It is a shambles," Walsh said.\n'
    )
    assert q.role == "chair of the Commons transport committee" and q.group == "official"


def test_where_someone_works_is_their_role_when_the_article_gives_no_title() -> None:
    # Someone known only as of a newspaper is a journalist quoted for their view: an analyst,
    # as a columnist or critic is; of a company, they are someone else.
    quotes = quotes_of(
        "Bob Smith, from the Daily Courier, thinks the awards are too long. "
        "But Entertainment Weekly's Dave Jones disagreed. Ann Lee, from Acme Logistics, "
        "did not care.\n\n"
        '"Nobody watches to the end," Mr Smith said. "They all do," Mr Jones said. '
        '"I never watch," Ms Lee said.\n'
    )
    assert [(q.speaker, q.role, q.group) for q in quotes] == [
        ("Bob Smith", "Daily Courier", "analyst"),
        ("Dave Jones", "Entertainment Weekly", "analyst"),
        ("Ann Lee", "Acme Logistics", "other"),
    ]


def test_a_bare_surname_is_the_one_named_so_far_not_a_relative_named_later() -> None:
    quotes = quotes_of(
        "Rock star Tom Hale tackled a burglar at his home.\n\n"
        '"I acted on impulse," Hale said.\n\n'
        'At a press conference, his wife Ann Hale said: "We were lucky."\n'
    )
    assert [q.speaker for q in quotes] == ["Tom Hale", "Ann Hale"]


def test_a_person_noun_outside_the_lexicon_is_a_title_where_a_title_stands() -> None:
    quotes = quotes_of(
        "Ingrid Sol, 68, a glaciologist at the Polar Institute, retires this year. "
        '"The ice is going," Sol said.\n\n'
        'A forecaster at the centre, Tom Ridley, said: "The worst has passed."\n\n'
        'In October Mary Jones said: "We are ready."\n'
    )
    assert [(q.speaker, q.role, q.group) for q in quotes] == [
        ("Ingrid Sol", "glaciologist at the Polar Institute", "analyst"),
        ("Tom Ridley", "forecaster at the centre", "other"),
        ("Mary Jones", None, "other"),
    ]


def test_a_title_after_of_is_the_speakers_own_and_spelt_out() -> None:
    [q] = quotes_of(
        "Ada Brenn won the backing of Gov. Tomas Vey (R) on Friday.\n\n"
        '"She has my vote," Vey said.\n'
    )
    assert (q.speaker, q.role, q.group) == ("Tomas Vey", "Governor", "official")


def test_abbreviated_titles_are_spelt_out_in_roles() -> None:
    [q] = quotes_of('Lt. Gov. Ada Brenn toured the port.\n\n"The port will reopen," Brenn said.\n')
    assert q.role == "Lieutenant Governor"


def test_a_person_taken_for_an_organisation_keeps_the_title_before_the_name() -> None:
    from quotebrowser.extract.nlp import load

    sentence = (
        "The senator campaigned with former technology executive Carly Fiorano, who joined "
        "him on Wednesday."
    )
    # The premise: the model labels this (invented) name an organisation.
    assert ("Carly Fiorano", "ORG") in [(e.text, e.label_) for e in load()(sentence).ents]
    quotes = quotes_of(f'{sentence}\n\nFiorano told reporters that "the race is not over."\n')
    [q] = [q for q in quotes if "Fiorano" in (q.speaker or "")]
    assert q.role == "former technology executive"


def test_the_former_official_just_quoted_is_the_former_official_described_next() -> None:
    quotes = quotes_of(
        "Former civil service chief Lord Amwell has criticised the way the government works.\n\n"
        'Lord Amwell said ministers had too much freedom "to do whatever they like". The former '
        'cabinet secretary said in an interview: "There is too much central control."\n'
    )
    speakers = {q.text: q.speaker for q in quotes}
    assert speakers["There is too much central control"] == speakers["to do whatever they like"]
    assert "Amwell" in speakers["There is too much central control"]
    assert all((q.role or "").lower() != "former civil service chief lord" for q in quotes)


def test_a_party_word_in_a_description_is_no_place() -> None:
    quotes = quotes_of(
        "Vermont Governor Ann Brisk vetoed the bill on Monday.\n\n"
        'The Democratic governor said it was "a tax on the poor".\n'
    )
    assert [(q.speaker, q.role) for q in quotes] == [("Ann Brisk", "Vermont Governor")]


def test_a_supreme_court_justice_is_titled_so_and_keeps_no_one_elses_title() -> None:
    quotes = quotes_of(
        "Ruling party leader Tom Vale called for Supreme Court Justice Ann Brisk to resign.\n\n"
        '"She is not neutral," Vale said. Brisk said she was "not going anywhere".\n\n'
        "Former candidate Bo Lund agreed with Brisk. The Vermont senator said: "
        '"She was right."\n'
    )
    assert [(q.speaker, q.role) for q in quotes[:2]] == [
        ("Tom Vale", "party leader"),
        ("Ann Brisk", "Supreme Court Justice"),
    ]
    assert quotes[2].speaker != "Ann Brisk"  # "the Vermont senator" is no justice


def test_an_object_pronoun_after_a_name_says_nothing_of_that_persons_gender() -> None:
    # "him" is whoever was criticised, not Ann Brisk: she stays a woman for "she said".
    quotes = quotes_of(
        "The mayor says Ann Brisk resigned after criticising him.\n\n"
        'On Friday she said the council had "lost its way".\n'
    )
    assert [q.speaker for q in quotes] == ["Ann Brisk"]


def test_a_club_the_recogniser_takes_for_a_person_is_an_organisation() -> None:
    from quotebrowser.extract.nlp import load

    lead = "Carrick United's board has agreed to open its books to the bidder Tom Vane."
    # The premise: the model labels this (invented) club a person.
    assert ("Carrick United's", "PERSON") in [(e.text, e.label_) for e in load()(lead).ents]
    quotes = quotes_of(
        f'{lead}\n\nIn a statement, the club said it would allow Mr Vane "limited due diligence".\n'
    )
    assert [(q.speaker, q.group) for q in quotes] == [("Carrick United", "organization")]
