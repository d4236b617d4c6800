"""People: mentions, local people, questioners, typos, and corpus-level resolution (names are invented)."""

from orchestration.extract.people import analyse_speakers, parse_name, resolve_people
from orchestration.extract.records import LocalPerson


def _analyse(text: str, kind: str = "transcript", metadata: dict | None = None):
    return analyse_speakers("d", text, kind, metadata or {})


def _people(analysis) -> dict[str, LocalPerson]:
    return {p.family_name: p for p in analysis.local_people}


def _speakers(analysis) -> list[str | None]:
    people = {p.local_person_key: p.family_name for p in analysis.local_people}
    return [
        people.get(u.local_person_key) if u.local_person_key else u.speaker_kind
        for u in analysis.utterances
        if u.turn_index is not None
    ]


def test_titled_names_give_role_country_and_order():
    text = (
        "U.S. Secretary of State Antony J. Brinkley met Japanese Defense Minister Minoru Kawada and "
        "Prime Minister TAKEDA Haruto. Secretary Brinkley said Minister Kawada agreed."
    )
    people = _people(_analyse(text, "readout"))
    assert people["Brinkley"].given_name == "Antony" and people["Brinkley"].country == "US"
    assert people["Brinkley"].role == "Secretary of State"
    assert people["Kawada"].country == "JP" and people["Kawada"].role == "Minister of Defense"
    assert people["Takeda"].given_name == "Haruto" and people["Takeda"].family_name_first
    assert people["Brinkley"].mention_count == 2


def test_suffix_and_initial_names_without_title():
    name = parse_name("Lloyd J. Austen III")
    assert (name.given, name.middle, name.family, name.suffix) == ("Lloyd", "J.", "Austen", "III")


def test_particle_surnames():
    name = parse_name("Ursula von der Leyen")
    assert (name.given, name.family) == ("Ursula", "von der Leyen")


def test_korean_hyphenated_given_name_is_family_first():
    name = parse_name("Park Min-ho")
    assert (name.family, name.given, name.family_first) == ("Park", "Min-ho", True)


def test_labels_resolve_and_typo_label_joins_the_same_person():
    text = (
        "DEFENSE MINISTER KAWADA: (Via interpreter) Thank you.\nSECRETARY BRINKLEY: Thanks.\n"
        "DEFENESE MINISTER KAWADA: (Via interpreter) Indeed."
    )
    analysis = _analyse(text)
    assert _speakers(analysis) == ["Kawada", "Brinkley", "Kawada"]
    assert len([p for p in analysis.local_people if p.family_name == "Kawada"]) == 1


def test_questioner_self_intro_and_called_on():
    text = (
        "MODERATOR: Yes, please, Mr. Tom Rivers, Daily Planet.\n"
        "QUESTION: All right. Tom Rivers, Daily Planet. My question is for the Secretary.\n"
        "SECRETARY BRINKLEY: Well, thanks, Tom. Good question.\n"
        "MODERATOR: Mr. Sato, Kanto Press.\n"
        "QUESTION: (Via interpreter) This is Sato of Kanto Press. A question.\n"
        "QUESTION: And a follow-up from someone else."
    )
    analysis = _analyse(text)
    assert _speakers(analysis) == ["moderator", "Rivers", "Brinkley", "moderator", "Sato", "questioner"]
    people = _people(analysis)
    assert people["Rivers"].organization == "Daily Planet" and people["Rivers"].role == "journalist"
    assert people["Sato"].given_name is None and people["Sato"].organization == "Kanto Press"
    sources = {(m.text, m.source) for m in analysis.mentions}
    assert ("Tom", "address") in sources and ("Tom Rivers", "called_on") in sources
    assert analysis.utterances[-1].local_person_key is None


def test_first_name_address_only_when_unambiguous():
    text = "Foreign Minister Yuki Tanabe and Minister Yuki Morita met.\nSECRETARY BRINKLEY: Well, Yuki, thank you."
    analysis = _analyse(text)
    assert not [m for m in analysis.mentions if m.source == "address"]


def test_the_president_resolves_from_document_title():
    text = "THE PRESIDENT: Hello, everybody.\n\nQ  Mr. President, a question.\n\nTHE PRESIDENT: Go ahead."
    analysis = _analyse(text, metadata={"title": "Remarks by President Holloway Before Marine One Departure"})
    assert _speakers(analysis) == ["Holloway", "questioner", "Holloway"]


def test_the_president_stays_unknown_when_ambiguous():
    text = "President Holloway and President Varga met.\nTHE PRESIDENT: Hello."
    analysis = _analyse(text)
    assert analysis.utterances[-1].local_person_key is None


def test_mentions_point_at_their_text():
    text = "MS. QUILL: Hello.\n\nPress Secretary Dana Quill said Senator Ortiz agreed."
    analysis = _analyse(text)
    for mention in analysis.mentions:
        assert text[mention.char_start : mention.char_end] == mention.text
    assert _people(analysis)["Quill"].given_name == "Dana"


def _lp(
    doc: str,
    key: str,
    family: str,
    given: str | None,
    role: str | None = None,
    country: str | None = None,
    org: str | None = None,
    count: int = 1,
    printed: str = "",
    family_first: bool = False,
) -> LocalPerson:
    return LocalPerson(
        doc, key, family, given, printed or f"{given or ''} {family}".strip(), family_first, role, country, org, count
    )


def test_resolve_merges_nicknames_and_keeps_relatives_apart():
    people, links = resolve_people(
        [
            _lp("a", "k", "Holloway", None, "President", count=5),
            _lp("b", "k", "Holloway", "Joseph", "President", "US", printed="Joseph R. Holloway Jr."),
            _lp("c", "k", "Holloway", "Joe", "President", "US"),
            _lp("d", "k", "Holloway", "Jill", "First Lady", "US"),
            _lp("e", "k", "Holloway", None, "First Lady"),
            _lp("f", "k", "Holloway", "Hunter", None),
        ]
    )
    assert len(people) == 3
    by_doc = {link.document_id: link.person_id for link in links}
    assert by_doc["a"] == by_doc["b"] == by_doc["c"]
    assert by_doc["d"] == by_doc["e"] != by_doc["a"]
    assert by_doc["f"] not in (by_doc["a"], by_doc["d"])


def test_resolve_display_names_and_stable_ids():
    locals_ = [
        _lp("a", "k", "Takeda", "Haruto", "Prime Minister", "JP", family_first=True),
        _lp("b", "k", "Takeda", None, "Prime Minister"),
        _lp("a", "s", "Sato", None, "journalist", org="Kanto Press"),
        _lp("a", "l", "Austen", "Lloyd", "Secretary of Defense", "US", printed="Lloyd J. Austen III"),
    ]
    people, _ = resolve_people(locals_)
    shown = {p.family_name: p.display_name for p in people}
    assert shown == {"Takeda": "Takeda Haruto", "Sato": "Sato", "Austen": "Lloyd J. Austen III"}
    assert [p.person_id for p in resolve_people(list(reversed(locals_)))[0]] == [p.person_id for p in people]


def test_display_names_keep_middle_names_as_printed():
    people, _ = resolve_people(
        [
            _lp("a", "l", "Lund", "Jonas", "Prime Minister", "NO", printed="Jonas Gahr Lund"),
            _lp("b", "l", "Lund", None, "Prime Minister"),
            _lp("a", "y", "Yun", "Yeol", "President", "KR", printed="Yun Suk Yeol", family_first=True),
            _lp("a", "k", "Kato", "Haru", "Prime Minister", "JP", printed="Haru K. Kato", family_first=True),
            _lp("a", "h", "Hale", "Dana", "Vice President", "US", printed="Dana Devi Hale"),
            _lp("b", "h", "Hale", "Dana", "Vice President", "US", printed="Dana D. Hale"),
        ]
    )
    shown = {p.family_name: p.display_name for p in people}
    assert shown == {"Lund": "Jonas Gahr Lund", "Yun": "Yun Suk Yeol", "Kato": "Kato Haru", "Hale": "Dana D. Hale"}


def test_resolve_journalists_with_same_surname_at_different_outlets_stay_apart():
    people, _ = resolve_people(
        [
            _lp("a", "k", "Sato", None, "journalist", org="Kanto Press"),
            _lp("b", "k", "Sato", None, "journalist", org="Kanto Press"),
            _lp("c", "k", "Sato", None, "journalist", org="Other Television"),
        ]
    )
    assert len(people) == 2


def test_no_person_named_after_a_title_word():
    people, _ = resolve_people([_lp("a", "k", "Secretary", None), _lp("a", "m", "Minister", "Prime")])
    assert people == []


def test_resolve_gives_every_person_a_distinct_id_whatever_the_input_order():
    locals_ = [
        # one journalist, outlet printed two ways: one person
        _lp("a", "k", "Halvorsen", "Mira", "journalist", org="AP", count=3),
        _lp("b", "k", "Halvorsen", "Mira", "journalist", org="Associated Press"),
        # an official and a 'Name, Name' list misread as a journalist at an 'outlet': one person
        _lp("c", "k", "Brandt", "Olav", "Senator", "US", count=4),
        _lp("d", "k", "Brandt", "Olav", "journalist", org="Tomas Wirth"),
        # an official whose country was misread in one document: one person
        _lp("e", "k", "Lindqvist", "Ana", "National Security Advisor", "US", count=9),
        _lp("f", "k", "Lindqvist", "Ana", "National Security Advisor", "IL"),
        # a journalist at a real outlet and an official with one name: two people, two ids
        _lp("g", "k", "Ferrand", "Paul", "journalist", org="Kanto News", count=2),
        _lp("h", "k", "Ferrand", "Paul", "Chief Justice", "US", count=2),
    ]
    people, links = resolve_people(locals_)
    ids = [p.person_id for p in people]
    assert len(ids) == len(set(ids)) == 5
    assert len({(link.document_id, link.local_person_key) for link in links}) == len(links) == len(locals_)
    by_doc = {link.document_id: link.person_id for link in links}
    assert by_doc["a"] == by_doc["b"] and by_doc["c"] == by_doc["d"] and by_doc["e"] == by_doc["f"]
    assert by_doc["g"] != by_doc["h"]
    brandt = next(p for p in people if p.family_name == "Brandt")
    assert (brandt.role, brandt.organization) == ("Senator", None)
    for order in (list(reversed(locals_)), locals_[1::2] + locals_[::2]):
        assert resolve_people(order) == (people, links)


def test_surname_only_mention_with_a_misread_country_joins_the_one_holder_of_its_title():
    people, links = resolve_people(
        [
            _lp("a", "k", "Marlowe", "Dana", "Vice President", "US", count=40),
            _lp("b", "k", "Marlowe", "Chris", "Mayor"),
            _lp("c", "k", "Marlowe", None, "Vice President", "KR"),  # 'Korean' stood near the name
        ]
    )
    by_doc = {link.document_id: link.person_id for link in links}
    assert by_doc["c"] == by_doc["a"] != by_doc["b"]
    assert len(people) == 2


def test_a_mixed_case_label_with_a_middle_name_is_the_person_named_in_prose():
    """'Prime Minister Jonas Gahr Lund:' reads given name Jonas, as the prose does: one person, not two."""
    text = """Joint press conference by NATO Secretary General Jens Lindqvist and the Prime Minister of Norway, \
Jonas Gahr Lund

Oslo, 14 March 2023

Moderator: Good afternoon and welcome. The Prime Minister will begin.

Prime Minister Jonas Gahr Lund: Thank you. It is a pleasure to welcome Secretary General Lindqvist back to \
Oslo. We agreed today to strengthen our cooperation on the High North.

NATO Secretary General Jens Lindqvist: Thank you so much, Prime Minister. Norway is a highly valued Ally.

Moderator: We have time for a few questions. NRK first.

Question (NRK): Secretary General, when will Finland join the Alliance?

Secretary General Lindqvist: I cannot give you a date, but I am confident that Finland will join soon.

Question (Reuters): Prime Minister, will Norway increase defence spending to two percent?

Prime Minister Lund: Yes. We have decided to reach two percent by 2026.

Moderator: Thank you all."""
    lund = [(p.family_name, p.given_name) for p in _analyse(text).local_people if p.family_name == "Lund"]
    assert lund == [("Lund", "Jonas")]


def test_label_names_leave_out_suffixes_initials_and_unknown_title_words():
    text = (
        "Secretary of Defense Robert K. Mills III met Secretary of National Defense Ramon Cruz Jr. today.\n\n"
        "SECRETARY OF DEFENSE ROBERT K. MILLS III: Good morning.\n\n"
        "PHILIPPINE SECRETARY OF NATIONAL DEFENSE RAMON CRUZ JR.: Thank you.\n\n"
        "Q: A question.\n\nSEC. MILLS: An answer.\n\nSEC. CRUZ: Another."
    )
    people = {p.family_name: p for p in _analyse(text).local_people}
    assert sorted(people) == ["Cruz", "Mills"]  # one person each, not 'Iii' or 'Jr'
    assert people["Mills"].given_name == "Robert" and people["Cruz"].given_name == "Ramon"
    assert people["Cruz"].country == "PH"


def test_a_title_after_a_comma_opens_the_next_person_of_a_list_not_an_apposition():
    text = (
        "The President met Premier Lo Chen, Foreign Minister Wen Tao, Crown Prince Karim bin Tariq, "
        "and Secretary of State Anna Marsh, Secretary of State of the United States."
    )
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert {"Chen", "Tao", "bin Tariq", "Marsh"} <= set(people)
    assert people["Tao"].role == "Minister for Foreign Affairs" and people["Chen"].role == "Premier"


def test_mixed_case_labels_printed_family_first_keep_the_family_name():
    text = (
        "Moderator: We will begin.\n\n"
        "Foreign Minister TANABE Haru: Today I met Minister Kim Min-jun.\n\n"
        "Minister Kim Min-jun: (Through interpreter) Thank you, Minister Tanabe.\n\n"
        "Question: A question for Minister Tanabe.\n\n"
        "Foreign Minister TANABE Haru: Thank you.\n\nMinister Kim: We agreed."
    )
    people = {p.family_name: p.given_name for p in _analyse(text).local_people}
    assert people == {"Tanabe": "Haru", "Kim": "Min-jun"}


def test_a_byline_gives_the_label_speaker_a_given_name_and_title():
    text = (
        "Department Press Briefing\n\nMarcus Holt, Department Spokesperson\n\nWashington, D.C.\n\n"
        "MR HOLT: Good afternoon.\n\nQUESTION: Thanks, Marcus.\n\nMR HOLT: Sure.\n\n"
        "Dana Reyes, General Counsel, Labor Board\n"
    )
    people = {p.family_name: p for p in _analyse(text).local_people}
    assert (people["Holt"].given_name, people["Holt"].role) == ("Marcus", "Spokesperson")
    assert "Reyes" not in people, "a title followed by more words is not a byline"


def test_a_self_introduction_after_a_lower_case_greeting():
    text = (
        "MODERATOR: Next question.\n\nQUESTION: Yes, thank you. Okubo from Kanto Press. A question.\n\n"
        "SECRETARY SMITH: Yes."
    )
    people = {p.family_name: p for p in _analyse(text).local_people}
    assert people["Okubo"].organization == "Kanto Press" and people["Okubo"].role == "journalist"


def test_names_beyond_ascii_hyphenated_titles_postings_and_honorifics():
    text = (
        "President Recep Tayyip Erdoğan of Türkiye met UN Secretary-General Ana Lucía Vidal. "
        "Ambassador to India Eric Holm joined, and so did His Majesty King Faisal II of Jordan. "
        "Deputy Minister Lê Khánh Hải spoke."
    )
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert people["Erdoğan"].given_name == "Recep" and people["Erdoğan"].country == "TR"
    assert people["Vidal"].role == "Secretary-General"
    assert people["Holm"].role == "Ambassador" and people["Holm"].country is None  # posted to India, not Indian
    assert people["Faisal"].role == "King"
    assert "Hải" in people, "Vietnamese letters (Latin Extended Additional) belong to the name"


def test_after_title_and_comma_a_surname_must_go_on_into_the_clause():
    text = (
        "The Foreign Minister, Tanabe, flew back with the group.\n"
        "Participants:\n- Jane Roe, President, Steelworkers\n- John Doe, President, Teachers Union\n"
    )
    people = {p.family_name for p in _analyse(text, "statement").local_people}
    assert "Tanabe" in people
    assert not {"Steelworkers", "Teachers"} & people


def test_names_of_countries_printed_family_first_read_family_first():
    text = "Chinese Foreign Minister Wen Tao met President Kang Min Jae of the Republic of Korea."
    people = {p.family_name: p.given_name for p in _analyse(text, "news").local_people}
    assert people == {"Wen": "Tao", "Kang": "Min Jae"}  # a family-first name has no middle name
    persons, _ = resolve_people(_analyse(text, "news").local_people)
    assert sorted(p.display_name for p in persons) == ["Kang Min Jae", "Wen Tao"]


MOFA_PRESS_CONFERENCE = """Press Conference by Foreign Minister TANABE Haru

Opening Remarks

Ms. TANABE Haru, Minister for Foreign Affairs: I have one announcement. That is all from me.

Kanto TV, Okubo: I have a question. Are these reports true?

Minister Tanabe: We are aware of the reports.

Hirano, KPN: So there was no contact?

Minister Tanabe: There is no such fact."""


def test_two_part_labels_name_the_minister_and_the_journalists_with_their_outlets():
    analysis = _analyse(MOFA_PRESS_CONFERENCE)
    people = {p.family_name: p for p in analysis.local_people}
    assert _speakers(analysis) == ["Tanabe", "Okubo", "Tanabe", "Hirano", "Tanabe"]
    assert (people["Tanabe"].given_name, people["Tanabe"].role) == ("Haru", "Minister for Foreign Affairs")
    assert (people["Okubo"].organization, people["Okubo"].role) == ("Kanto TV", "journalist")
    assert people["Hirano"].organization == "KPN"


def test_a_name_read_given_first_turns_round_when_other_sources_print_the_titled_surname():
    """'Japanese Foreign Minister Tanabe Hiroki' read as given 'Tanabe'; 'Foreign Minister Tanabe' elsewhere."""
    people, _ = resolve_people(
        [
            _lp("a", "t", "Hiroki", "Tanabe", "Minister for Foreign Affairs", "JP", count=3),
            _lp("b", "t", "Hiroki", "Tanabe", "Minister for Foreign Affairs", "JP"),
            _lp("c", "t", "Tanabe", None, "Minister for Foreign Affairs", "JP", count=2),
            _lp("d", "t", "Tanabe", None, "Minister for Foreign Affairs", None),
        ]
    )
    assert [(p.family_name, p.given_name, p.display_name) for p in people] == [("Tanabe", "Hiroki", "Tanabe Hiroki")]
    # A given-first country keeps its reading: 'Defence Minister Grant Rhys' is not 'Rhys Grant'.
    people, _ = resolve_people(
        [
            _lp("a", "r", "Rhys", "Grant", "Minister of Defense", "AU"),
            _lp("b", "g", "Grant", None, "Minister of Defense", None),
        ]
    )
    assert ("Rhys", "Grant") in [(p.family_name, p.given_name) for p in people]
    # An unknown country turns round only a word that is nobody else's given name.
    people, _ = resolve_people(
        [
            _lp("a", "w", "Wen", "Li", "Director"),
            _lp("b", "l", "Li", None, "Director"),
            _lp("c", "l", "Li", None, "Director"),  # two sources print 'Director Li'
            _lp("a", "s", "Park", "Shanlyn", "Judge"),
            _lp("b", "s", "Shanlyn", None, "Judge"),  # one 'Judge Shanlyn' is a first-name address
            _lp("a", "j", "Moss", "Jim", "Senator"),
            _lp("b", "k", "Jim", None, "Senator"),
            _lp("c", "o", "Okafor", "Jim", "Governor"),
        ]
    )
    names = {(p.family_name, p.given_name) for p in people}
    assert ("Li", "Wen") in names and ("Moss", "Jim") in names and ("Park", "Shanlyn") in names


def test_external_affairs_titles_and_indian_honorifics_are_not_names():
    text = (
        "External Affairs Minister S. Jaishankar met Shri Rajnath Singh. "
        "Foreign Affairs Secretary Enrique Manalo and Secretary of National Defense Gilberto Teodoro spoke."
    )
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert people["Jaishankar"].role == "Minister of External Affairs"
    assert people["Singh"].given_name == "Rajnath"
    assert people["Manalo"].role == "Secretary of Foreign Affairs" and people["Manalo"].given_name == "Enrique"
    assert people["Teodoro"].role == "Secretary of National Defense" and people["Teodoro"].country is None
    text = "We welcome Australian Deputy Prime Minister and Minister for Defense Rhys Grant and Shri Anil Rao Ji."
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert people["Grant"].country == "AU"  # the demonym before the first of two joined titles
    assert people["Rao"].given_name == "Anil"  # 'Ji' after a full name is respect, not a family name


def test_a_name_read_given_first_takes_the_family_first_reading_of_the_same_printed_words():
    people, _ = resolve_people(
        [
            _lp("a", "p", "Park", "Min Ho", "President", "KR", count=3, printed="Park Min Ho", family_first=True),
            _lp("b", "p", "Park", "Min-ho", "President", "KR", printed="Park Min-ho", family_first=True),
            _lp("c", "p", "Ho", "Park", "President", None, printed="Park Min Ho"),  # no clue in that story
            _lp("d", "p", "Park", None, "President", None, count=4),  # bare surnames do not vote on order
            _lp("e", "p", "Park", None, "President", None),  # two sources print 'President Park'
        ]
    )
    assert [(p.family_name, p.given_name, p.display_name) for p in people] == [("Park", "Min Ho", "Park Min Ho")]


def test_sources_that_print_a_name_without_its_country_do_not_outvote_the_one_that_knows_it():
    """'Chinese Premier Wu Gang' (family first, CN) once; 'Premier Wu Gang' read given-first three times."""
    people, _ = resolve_people(
        [
            _lp("a", "w", "Wu", "Gang", "Premier", "CN", printed="Wu Gang", family_first=True),
            _lp("b", "g", "Gang", "Wu", "Premier", None, count=4, printed="Wu Gang"),
            _lp("c", "g", "Gang", "Wu", "Premier", None, printed="Wu Gang"),
            _lp("d", "g", "Gang", "Wu", "Premier", None, printed="Wu Gang"),
        ]
    )
    assert [(p.family_name, p.given_name, p.display_name) for p in people] == [("Wu", "Gang", "Wu Gang")]


def test_a_list_of_titled_people_and_a_person_with_two_joined_titles():
    text = (
        "Secretary Erik Aalto, Secretary of Defense Rhys Grant, Australian Deputy Prime Minister and Minister for "
        "Defence Mara Lind spoke. Deputy Prime Minister Lind thanked Secretary Aalto."
    )
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert people["Grant"].role == "Secretary of Defense"  # not 'Aalto, Secretary' then nothing
    assert people["Aalto"].role == "Secretary"
    assert [p.family_name for p in _analyse(text, "news").local_people].count("Lind") == 1  # both titles are hers
    assert people["Lind"].country == "AU"


def test_places_and_headline_verbs_are_not_names_and_jnr_is_a_suffix():
    text = (
        "Secretary of State Rhys Grant Conduct Press Conference\n\n"
        "The ministers met at the Lakeside Prince Hotel. President Ferdinand Oduya Jnr welcomed them. "
        "Secretary Grant spoke."
    )
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert set(people) == {"Grant", "Oduya"}
    assert people["Oduya"].given_name == "Ferdinand" and people["Oduya"].role == "President"


def test_a_middle_initial_printed_without_its_full_stop_is_still_an_initial():
    people = _analyse("Foreign Secretary Rhys J Grant met the press. Grant said little.", "news").local_people
    assert [(p.family_name, p.given_name) for p in people] == [("Grant", "Rhys")]


def test_a_family_first_name_read_given_first_turns_round_on_a_known_family_word():
    """'Mrs. Tanabe Emi' read given 'Tanabe', while two other sources know the family 'Tanabe'."""
    people, _ = resolve_people(
        [
            _lp("a", "t", "Tanabe", "Hiroki", "Prime Minister", "JP", printed="Tanabe Hiroki", family_first=True),
            _lp("b", "t", "Tanabe", "Hiroki", "Prime Minister", "JP", printed="Hiroki Tanabe"),
            _lp("b", "e", "Emi", "Tanabe", None, "JP", printed="Tanabe Emi", family_first=True),
            _lp("c", "o", "Okafor", "Jim", "Governor", "US"),  # a given-first country keeps its reading
            _lp("d", "o", "Okafor", "Ada", "Senator", "US"),
            _lp("d", "j", "Lund", "Okafor", None, "US"),
        ]
    )
    names = {(p.family_name, p.given_name) for p in people}
    assert ("Tanabe", "Emi") in names and ("Lund", "Okafor") in names


def test_the_external_affairs_title_is_indias_by_default():
    people = {
        p.family_name: p for p in _analyse("External Affairs Minister Anil Rao met the press.", "news").local_people
    }
    assert people["Rao"].country == "IN"


def test_a_possessive_country_before_a_title_is_the_persons_country():
    text = "Finland’s Foreign Minister Rhys Aalto met South Korea's Defense Minister Park Min-ho."
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert people["Aalto"].country == "FI" and people["Park"].country == "KR"
    text = "Blinken met People's Republic of China (PRC) State Councilor and Foreign Minister Wu Gang in Oslo."
    people = {p.family_name: p for p in _analyse(text, "news").local_people}
    assert people["Wu"].country == "CN" and people["Wu"].given_name == "Gang"


def test_journalists_found_where_press_conferences_name_them():
    text = (
        "PRESIDENT HARLOW:  We will take questions.  Okay, how about NPR, Dana Whitcombe.\n\n"
        "Q    Thank you, Mr. President.  On trade.\n\n"
        "PRESIDENT HARLOW:  Next, Mr. Okabe, with Tohoku Shimbun.\n\n"
        "Q    Thank you very much.  On energy.\n\n"
        "PRESIDENT HARLOW:  Reuters.  Go ahead, Corin Blackwood.\n\n"
        "Q    Thanks.\n\n"
        "PRESIDENT HARLOW:  Corin Blackwood.\n\n"
        "Q    Thank you.  A follow-up.\n\n"
        "MODERATOR:  Please raise your hand.\n\n"
        "Q    (As interpreted.)  Good afternoon.  Ilka Vantanen, Baltic Radio.  On the bases.\n\n"
        "MODERATOR:  The next question.\n\n"
        "Q    Presidents — Pierre Lamoureux, on behalf of Radio Lumière.  On the climate.\n\n"
        "MODERATOR:  The front row, Sakuraba-san?\n\n"
        "Q    TV Kansai.  My name is Sakuraba.  Prime Minister, thank you.\n\n"
        "MODERATOR:  Next.\n\n"
        "Q    Thank you for this opportunity.  I am Seo from Hanbit News — Hanbit News.  On the alliance.\n\n"
        "MODERATOR:  Next.\n\n"
        "Q    Thank you for doing this.  I’m Rosalind Abara.  On the summit.\n\n"
        "MODERATOR:  Next, Shimada-san of Kanto News.\n\n"
        "Q    Yes, on the Games."
    )
    analysis = _analyse(text)
    speakers = [s for s in _speakers(analysis) if s not in ("Harlow", "moderator")]
    assert speakers == [
        "Whitcombe",
        "Okabe",
        "Blackwood",  # 'Go ahead, Corin Blackwood.'
        "Blackwood",
        "Vantanen",
        "Lamoureux",
        "Sakuraba",
        "Seo",
        "Abara",
        "Shimada",
    ]
    people = _people(analysis)
    assert people["Lamoureux"].organization == "Radio Lumière" and people["Whitcombe"].organization == "NPR"
    assert people["Shimada"].given_name is None and people["Abara"].given_name == "Rosalind"


def test_a_first_name_an_outlet_name_or_a_title_is_not_a_journalist():
    text = (
        "PRESIDENT HARLOW:  Next question goes to Trevor of Reuters.\n\nQ    On trade.\n\n"
        "PRESIDENT HARLOW:  Mara Quist, Lakeside Post.\n\nQ    On energy.\n\n"
        "MODERATOR:  Thank you.  Prime Minister Tanabe.\n\nQ    On the alliance.\n\n"
        "MODERATOR:  South Korea.\n\nQ    On the bases.\n\n"
        "Q    I'm Korean, and I have a question."
    )
    assert [s for s in _speakers(_analyse(text)) if s not in ("Harlow", "moderator")] == [
        "questioner",
        "Quist",
        "questioner",
        "questioner",
        "questioner",
    ]


def test_a_title_names_in_full_a_leader_whose_country_writes_the_family_name_first():
    title = (
        "Remarks by President Harlow, Prime Minister Haruto Tanabe of Japan, and President Pak Min Jun of the "
        "Republic of Korea, and President Wen Zhaoming of the People’s Republic of China Before a Meeting"
    )
    text = (
        "PRESIDENT HARLOW:  Welcome.\n\nPRIME MINISTER TANABE:  (As interpreted.)  Thank you.\n\n"
        "PRESIDENT PAK:  (As interpreted.)  Thank you.\n\nPRESIDENT WEN:  (As interpreted.)  Thank you."
    )
    people = _people(_analyse(text, metadata={"title": title}))
    assert (people["Pak"].given_name, people["Pak"].country) == ("Min Jun", "KR")
    assert (people["Wen"].given_name, people["Wen"].country) == ("Zhaoming", "CN")
    assert people["Tanabe"].given_name == "Haruto"
    assert "Jun" not in people and "Zhaoming" not in people


def test_follow_up_questions_stay_with_the_named_journalist_until_the_floor_passes():
    text = (
        "PRESIDENT HARLOW:  Dana Whitcombe, NPR.\n\n"
        "Q    Thank you.  Will you sign it?\n\n"
        "PRESIDENT HARLOW:  No.\n\n"
        "Q    Why not?\n\n"  # her follow-up
        "PRESIDENT HARLOW:  Because.  Go ahead.\n\n"
        "Q    A new question.\n\n"  # the floor passed: unknown
        "PRESIDENT HARLOW:  Sure.  Corin Blackwood, Lakeside Post.\n\n"
        "Q    Thanks.\n\n"
        "Q    Hey, thanks for doing this.\n\n"  # a second question label in a row: someone else
        "PRESIDENT HARLOW:  Yes.\n\n"
        "Q    (As interpreted.)  And to the Prime Minister?\n\n"  # another language: someone else
        "PRESIDENT HARLOW:  Yes.  Tomas, fire away.\n\n"
        "Q    Thanks.\n\n"
        "AUDIENCE MEMBER:  Four more years!"
    )
    assert [s for s in _speakers(_analyse(text)) if s != "Harlow"] == [
        "Whitcombe",
        "Whitcombe",
        "questioner",
        "Blackwood",
        "questioner",
        "questioner",
        "questioner",
        "questioner",
    ]


def test_calls_by_the_host_greetings_before_a_name_and_a_label_cut_short():
    text = (
        "VICE PRESIDENT HARLOW:  I'm going to begin by recognizing Dana Whitcombe and congratulate her.\n\n"
        "Q    Thank you.  On trade.\n\n"
        "VICE PRESIDENT HARLOW:  Yes.  Oh, sorry.  I have to call on Mr. Okabe and his question.\n\n"
        "Q    (As interpreted.)  On energy.\n\n"
        "PRESIDENT VARGA:  This was a decision made by Dr. Lindqvist.\n\n"
        "Q    Was it?\n\n"
        "VICE PRESIDENT:  Some Ministers.\n\n"
        "Q    Some Ministers —\n\n"
        "PRESIDENT VARGA:  Some Ministers.\n\n"
        "Q    Good afternoon, Mr. President.  Good afternoon, Madam Vice President.\n\n"
        "VICE PRESIDENT HARLOW:  Afternoon.\n\n"
        "Q    My name is Tamsin Orrell [ph] from Radio Vale.  On the bases."
    )
    speakers = _speakers(_analyse(text))
    assert speakers == [
        "Harlow",
        "Whitcombe",
        "Harlow",
        "Okabe",
        "Varga",
        "questioner",  # 'Dr. Lindqvist.' closes a sentence that began before 'Dr.': no call
        "Harlow",  # 'VICE PRESIDENT:' is 'VICE PRESIDENT HARLOW:' printed without the name
        "questioner",
        "Varga",
        "Orrell",  # the greeting before her introduction is hers
        "Harlow",
        "Orrell",
    ]


def test_titles_with_a_portfolio_name_the_person_after_it():
    text = (
        "Assistant Secretary of State for East Asian and Pacific Affairs Daniel J. Korvath met Under Secretary "
        "for Political Affairs Lena Marsh, U.S. Special Presidential Envoy for Climate Tom Ardley and Minister of "
        "State for Foreign Affairs Haruto Tanabe of Japan.  The Judge for the Eastern District ruled.  Assistant to "
        "the President for National Security Affairs Jane Whitcombe spoke."
    )
    people = _people(_analyse(text, "readout"))
    assert (people["Korvath"].given_name, people["Korvath"].role) == ("Daniel", "Assistant Secretary of State")
    assert (people["Marsh"].given_name, people["Marsh"].role) == ("Lena", "Under Secretary")
    assert (people["Ardley"].given_name, people["Ardley"].role) == ("Tom", "Special Presidential Envoy")
    assert (people["Tanabe"].role, people["Tanabe"].country) == ("Minister of State", "JP")
    assert people["Whitcombe"].role is None  # 'Assistant to the President': not the President
    assert "District" not in people


def test_a_host_repeating_a_surname_a_paragraph_introduction_and_an_outlet_with_digits():
    text = (
        "PRESIDENT HARLOW:  Phil Okonkwo of — Okonkwo of CNN.\n\n"
        "Q    Thank you.  On trade.\n\n"
        "PRESIDENT HARLOW:  We are proud of the United States.\n\n"
        "Q    To be clear, though?\n\n"  # a follow-up: 'United States.' gives nobody the floor
        "PRESIDENT HARLOW:  Yes.  Next.\n\n"
        "Q    Olena Marchuk, 1+1 tv channel.  On the war.\n\n"
        "PRESIDENT HARLOW:  Sure.\n\n"
        "Q    (Laughs.)  Yeah, they’re holding on to it.\n\nDana Whitcombe with the PBS NewsHour.  On rights."
    )
    assert [s for s in _speakers(_analyse(text)) if s != "Harlow"] == ["Okonkwo", "Okonkwo", "Marchuk", "Whitcombe"]
    assert _people(_analyse(text))["Okonkwo"].given_name == "Phil"


def test_calls_in_a_sentence_of_their_own_or_after_the_outlet_and_what_only_looks_like_one():
    text = (
        "THE PRESIDENT:  It is complicated.  Dana Whitcombe.  I thought I saw Dana.  There she is.\n\n"
        "Q    Thank you.  On trade.\n\n"
        "THE PRESIDENT:  I’d like to call on Associated Press, Corin Blackwood, for the next question.\n\n"
        "Q    Thanks.  On energy.\n\n"
        "THE PRESIDENT:  Tomas Varga, the Asso- — the AFP.\n\n"
        "Q    Thank you.  On the war.\n\n"
        "MS. HARLOW:  Go ahead.\n\n"
        "Q    Karine, the Lakeside Post reported that files were seized.\n\n"
        "MS. HARLOW:  Go ahead.\n\n"
        "Q    Mara Quist, the Republican Leader, said no.  Will you?"
    )
    speakers = [s for s in _speakers(_analyse(text)) if s not in ("official", "Harlow")]
    assert speakers == ["Whitcombe", "Blackwood", "Varga", "questioner", "questioner"]


def test_a_name_read_given_first_turns_round_when_a_source_reads_it_family_first_and_another_titles_the_surname():
    locals_ = [
        _lp("a", "k", "Hwan", "Roh", "Minister of Defense", printed="Roh Hwan"),
        _lp("b", "k", "Hwan", "Roh", "Minister of Defense", printed="Roh Hwan"),
        _lp("c", "k", "Hwan", "Roh", "Minister of National Defense", printed="Roh Hwan"),
        _lp("d", "k", "Roh", "Hwan", "Minister of Defense", printed="Roh Hwan", family_first=True),
        _lp("d", "k2", "Roh", None, "Minister", count=2),
    ]
    people, links = resolve_people(locals_)
    roh = [p for p in people if p.family_name == "Roh" and p.given_name == "Hwan"]
    assert len(roh) == 1 and not [p for p in people if p.family_name == "Hwan"]
    assert {link.person_id for link in links if link.document_id in "abc"} == {roh[0].person_id}


def test_a_spokesperson_in_lower_case_after_the_ministry_of_a_country():
    text = (
        "Chinese Foreign Ministry spokesperson Zhao Wenli said Beijing objected, according to the spokesman "
        "Per Lindqvist.  The spokesman said on Monday that nothing changed."
    )
    people = _people(_analyse(text, "news"))
    assert (people["Zhao"].given_name, people["Zhao"].role, people["Zhao"].country) == ("Wenli", "Spokesperson", "CN")
    assert people["Lindqvist"].given_name == "Per"


def test_a_name_printed_with_an_initial_only_is_shown_with_it():
    analysis = _analyse("External Affairs Minister Dr. R. Venkataraman met Minister Venkataraman.", "news")
    people, _ = resolve_people(analysis.local_people)
    assert [(p.display_name, p.given_name) for p in people] == [("R. Venkataraman", None)]


def test_the_official_a_governments_own_document_is_presented_by_takes_its_country():
    title = "Remarks by President Moreau Before Meeting with Prime Minister Okafor"
    text = "PRESIDENT MOREAU: Welcome, Prime Minister.\n\nPRIME MINISTER OKAFOR: Thank you."
    people = _people(analyse_speakers("d", text, "transcript", {"title": title}, publisher_country="FR"))
    assert people["Moreau"].country == "FR"
    assert people["Okafor"].country is None  # a guest the title does not qualify: unknown, not a guess
    readout = "Readout of the Vice President’s Call with Prime Minister Okafor"
    people = _people(
        analyse_speakers("d", "Prime Minister Okafor spoke.", "readout", {"title": readout}, publisher_country="FR")
    )
    assert people["Okafor"].country is None  # named after 'with', not presenting the document
    people = _people(analyse_speakers("d", text, "transcript", {"title": title}))
    assert people["Moreau"].country is None  # no publishing government known


def _turn_speakers(text, title, publisher_country):
    analysis = analyse_speakers("d", text, "transcript", {"title": title}, publisher_country=publisher_country)
    people = {p.local_person_key: p.family_name for p in analysis.local_people}
    return [people.get(u.local_person_key) for u in analysis.utterances if u.turn_index is not None]


def test_a_generic_role_label_is_the_publishers_office_holder_never_a_mentioned_foreign_one():
    mentioned = (
        "THE PRESIDENT: Good morning. I spoke with President Okafor of Nigeria.\n\nQ: Sir?\n\nTHE PRESIDENT: Yes."
    )
    assert _turn_speakers(mentioned, "Remarks on the Economy", "FR") == [None, None, None]  # unknown, not Okafor
    assert _turn_speakers(mentioned, "Remarks on the Economy", None) == [None, None, None]
    both = "THE PRESIDENT: Welcome, President Okafor of Nigeria.\n\nQ: A question.\n\nTHE PRESIDENT: Yes."
    title = "Remarks by President Moreau and President Okafor of Nigeria"
    assert _turn_speakers(both, title, "FR") == ["Moreau", None, "Moreau"]  # the one the title presents it by


def test_stored_names_use_the_typed_apostrophe_and_emeritus_is_no_given_name():
    text = "We thank Speaker Emerita Nancy Quillfeather and Catherine O’Marchbank for coming."
    analysis = _analyse(text, "remarks")
    people, _links = resolve_people(analysis.local_people)
    names = {(p.family_name, p.given_name) for p in people}
    assert ("O'Marchbank", "Catherine") in names
    assert ("Quillfeather", "Nancy") in names


def test_a_rank_before_a_name_is_no_given_name():
    from orchestration.extract.names import parse_name

    judge = parse_name("Judge J. Quentin Quillfeather")
    assert (judge.given, judge.middle, judge.family) == ("Quentin", "J.", "Quillfeather")
    assert parse_name("Congressman Steny Ambervale").given == "Steny"
