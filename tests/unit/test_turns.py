"""Speaker turns: labels, continuation paragraphs, interpreter markers, false labels."""

from orchestration.extract.turns import find_labels, parse_label, split_utterances


def _turns(text: str):
    return [u for u in split_utterances("d", text) if u.turn_index is not None]


def test_labels_split_turns_and_continuations_stay_in_open_turn():
    text = (
        "MODERATOR: (Via interpreter) We will start.\nMinister Tanabe.\n"
        "FOREIGN MINISTER TANABE: (Via interpreter) Thank you.\nSECRETARY SMITH: Well, thanks."
    )
    turns = _turns(text)
    assert [t.speaker_label for t in turns] == ["MODERATOR", "FOREIGN MINISTER TANABE", "SECRETARY SMITH"]
    assert [t.turn_index for t in turns] == [1, 2, 3]
    assert text[turns[0].char_start : turns[0].char_end] == "We will start.\nMinister Tanabe."
    assert [t.is_interpreted for t in turns] == [True, True, False]
    assert turns[0].speaker_kind == "moderator" and turns[2].speaker_kind == "official"
    assert text[turns[2].label_start : turns[2].label_end] == "SECRETARY SMITH:"


def test_white_house_forms():
    text = (
        "MS. PSAKI:  Good afternoon.\n\nQ  Thank you, Jen.\n\nQ: And another.\n\n"
        "PRIME MINISTER TANABE:  (As interpreted.)  Thank you.\n\nTHE PRESIDENT:  Hi.\n\n"
        "SENIOR ADMINISTRATION OFFICIAL:  Sure.\n\nAUDIENCE MEMBER:  Question?"
    )
    turns = _turns(text)
    assert [t.speaker_label for t in turns] == [
        "MS. PSAKI",
        "Q",
        "Q",
        "PRIME MINISTER TANABE",
        "THE PRESIDENT",
        "SENIOR ADMINISTRATION OFFICIAL",
        "AUDIENCE MEMBER",
    ]
    assert [t.speaker_kind for t in turns] == [
        "official",
        "questioner",
        "questioner",
        "official",
        "official",
        "official",
        "questioner",
    ]
    assert turns[3].is_interpreted and text[turns[3].char_start :].startswith("Thank you.")
    assert text[turns[1].char_start : turns[1].char_end] == "Thank you, Jen."


def test_false_labels_are_not_turns():
    text = (
        "SUBJECT: Delegation of Authority\n\nNOMINATIONS SENT TO THE SENATE:\n\nWASHINGTON, D.C.: Hello there."
        "\n\n11:07 A.M. EDT\n\nQ&A. May I invite the press."
    )
    assert find_labels(text) == ()
    assert all(u.speaker_kind == "narrator" for u in split_utterances("d", text))


def test_label_typos_still_count_when_surname_recurs():
    text = "MS. PSAKI: Hi.\n\nQ  Yes.\n\nS. PSAKI: Go ahead.\n\nMS PSAKI: Okay."
    assert [m.label for m in find_labels(text)] == ["MS. PSAKI", "Q", "S. PSAKI", "MS PSAKI"]


def test_parse_label_titles_honorifics_and_typos():
    assert parse_label("DEFENESE MINISTER KIHARA").title.role == "Minister of Defense"
    assert parse_label("DEFENESE MINISTER KIHARA").name_tokens == ("KIHARA",)
    assert parse_label("PRESIDEN BIDEN").title.role == "President"
    assert parse_label("MR. HUNTER BIDEN").name_tokens == ("HUNTER", "BIDEN")
    assert parse_label("M. PSAKI").honorific == "M" and parse_label("M. PSAKI").name_tokens == ("PSAKI",)
    assert parse_label("THE PRESIDENT").name_tokens == ()


def test_every_non_label_character_is_in_exactly_one_utterance():
    text = "Press Room\n\n7:06 P.M. EST\n\nMS. SMITH: Hello.\nMore text.\n\nQ  A question?\n\nEND 7:45 P.M. EST"
    utterances = split_utterances("d", text)
    covered = [0] * len(text)
    for u in utterances:
        for i in range(u.char_start, u.char_end):
            covered[i] += 1
        if u.label_start is not None:
            for i in range(u.label_start, u.label_end):
                covered[i] += 1
    assert all(c <= 1 for c in covered)
    assert all(covered[i] == 1 for i, ch in enumerate(text) if not ch.isspace())
    assert utterances[-1].speaker_kind == "narrator" and text[utterances[-1].char_start :].startswith("END")
    assert [u.utterance_index for u in utterances] == list(range(1, len(utterances) + 1))


def test_document_without_labels_is_narration():
    text = "First paragraph.\n\nSecond paragraph."
    utterances = split_utterances("d", text)
    assert [text[u.char_start : u.char_end] for u in utterances] == ["First paragraph.", "Second paragraph."]
    assert all(u.turn_index is None and u.speaker_kind == "narrator" for u in utterances)


MIXED_CASE_TRANSCRIPT = (
    "Joint press conference\n\n"
    "Moderator: We will begin. Minister Tanabe, please.\n"
    "Foreign Minister Tanabe: (Via interpreter) Thank you. We agreed today.\n"
    "NATO Secretary General Jens Lindqvist: Thank you, Minister.\n"
    "Question (NHK): A question for the Secretary General.\n"
    "Secretary General Lindqvist: We will see.\n"
    "Minister Tanabe (via interpreter): We agree.\n"
    "Tanabe: One more thing.\n"
    "Moderator: Thank you."
)


def test_mixed_case_labels_split_turns_like_upper_case_ones():
    turns = _turns(MIXED_CASE_TRANSCRIPT)
    assert [t.speaker_label for t in turns] == [
        "Moderator",
        "Foreign Minister Tanabe",
        "NATO Secretary General Jens Lindqvist",
        "Question",  # the outlet in brackets is not part of the label
        "Secretary General Lindqvist",
        "Minister Tanabe",
        "Tanabe",  # a bare surname a titled label uses
        "Moderator",
    ]
    assert [t.speaker_kind for t in turns] == [
        "moderator",
        "official",
        "official",
        "questioner",
        "official",
        "official",
        "official",
        "moderator",
    ]
    assert [t.is_interpreted for t in turns] == [False, True, False, False, False, True, False, False]
    text = MIXED_CASE_TRANSCRIPT
    assert text[turns[3].char_start : turns[3].char_end] == "A question for the Secretary General."
    assert parse_label("Minister for Foreign Affairs Tanabe").title.role == "Minister for Foreign Affairs"
    assert parse_label("Minister for Foreign Affairs Tanabe").name_tokens == ("Tanabe",)


def test_mixed_case_lead_ins_lists_and_quotes_are_not_turns():
    fact_sheet = (
        "Lowering Costs: The plan lowers costs.\nLocation: The White House\n"
        "President Smith’s Record: Strong.\nSupport for Allies: More.\nBefore: old.\nAfter: new.\nBefore: x.\n"
    )
    nominees = "Judge Ann Lee: Nominee for the Court.\nJudge Bo Park: Nominee for the Court.\nJudge Cy Diaz: Nominee."
    reactions = "Sen. Ann Lee: “A great day.”\nSen. Bo Park: “Thank you.”\nSen. Ann Lee: “Again.”"
    for text in (fact_sheet, nominees, reactions):
        assert find_labels(text) == (), text
    lone = "Secretary Smith: We agreed.\n\nThe meeting ended."
    assert find_labels(lone) == (), "one mixed-case label is not a dialogue"


def test_long_labels_abbreviated_titles_and_a_nationality_before_the_title():
    text = (
        "SECRETARY OF DEFENSE ROBERT K. MILLS III: Good morning.\n\n"
        "PHILIPPINE SECRETARY OF NATIONAL DEFENSE RAMON DELA PAZ JR.: Thank you.\n\n"
        "Q: A question.\n\nSEC. MILLS: An answer."
    )
    assert [m.label for m in find_labels(text)] == [
        "SECRETARY OF DEFENSE ROBERT K. MILLS III",
        "PHILIPPINE SECRETARY OF NATIONAL DEFENSE RAMON DELA PAZ JR.",  # ten words
        "Q",
        "SEC. MILLS",
    ]
    assert parse_label("SEC. MILLS").title.role == "Secretary"
    assert parse_label("PHILIPPINE SECRETARY OF NATIONAL DEFENSE RAMON").title.country == "PH"
    assert parse_label("JAPANESE DEFENSE MINISTER TANABE").name_tokens == ("TANABE",)


def test_a_recurring_personal_name_the_text_also_names_is_a_label():
    remarks = (
        "Press remarks by High Representative Jordi Valls after the Council\n\n"
        "Jordi Valls: Good afternoon. We agreed to continue our support.\n"
        "Question: On sanctions, when?\n"
        "Jordi Valls: Soon.\n"
        "Question: And on the ceasefire?\n"
        "Jordi Valls: We call for one."
    )
    assert [m.label for m in find_labels(remarks)] == ["Jordi Valls", "Question"] * 2 + ["Jordi Valls"]
    clemency = "Commutation Grant: Sentence commuted.\nCommutation Grant: Sentence commuted.\nCommutation Grant: Fine."
    assert find_labels(clemency) == (), "a recurring field name is not a speaker"


def test_a_label_alone_on_its_line_opens_a_turn_but_a_heading_does_not():
    text = (
        "SECRETARY SMITH:\nGood afternoon.\n\nFOREIGN MINISTER TANABE:\n(Via interpreter) Thank you.\n\n"
        "QUESTION:\nA question.\n\nTHE MEDAL OF HONOR:\nAwarded today."
    )
    turns = _turns(text)
    assert [t.speaker_label for t in turns] == ["SECRETARY SMITH", "FOREIGN MINISTER TANABE", "QUESTION"]
    assert text[turns[0].char_start : turns[0].char_end] == "Good afternoon."
    assert turns[1].is_interpreted and text[turns[1].char_start :].startswith("Thank you.")
    assert text[turns[2].char_start : turns[2].char_end] == "A question.\n\nTHE MEDAL OF HONOR:\nAwarded today."


def test_asides_in_brackets_and_upper_case_interpreter_markers():
    text = (
        "MODERATOR: (VIA INTERPRETER) We begin.\n\nFOREIGN MINISTER TANABE (via interpreter): Thank you.\n\n"
        "QUESTION (NHK): A question.\n\nSECRETARY SMITH: Yes."
    )
    turns = _turns(text)
    assert [t.speaker_label for t in turns] == ["MODERATOR", "FOREIGN MINISTER TANABE", "QUESTION", "SECRETARY SMITH"]
    assert [t.is_interpreted for t in turns] == [True, True, False, False]
    assert text[turns[2].char_start : turns[2].char_end] == "A question."


def test_two_part_labels_and_what_is_not_one():
    assert parse_label("NHK, Igarashi").title.speaker_kind == "questioner"
    assert parse_label("NHK, Igarashi").organization == "NHK"
    assert parse_label("Yamazaki, Fuji TV").name_tokens == ("Yamazaki",)
    assert parse_label("Mr. Jun Sato, Minister for Foreign Affairs").title.role == "Minister for Foreign Affairs"
    assert parse_label("Tokyo, Japan").title is None
    of_country = parse_label("Aino Virtanen, Foreign Minister of Finland")  # Australia's transcripts
    assert (of_country.title.role, of_country.title.country, of_country.name_tokens) == (
        "Minister for Foreign Affairs", "FI", ("Aino", "Virtanen"),
    )  # fmt: skip
    assert parse_label("Aino Virtanen, Foreign Minister of Atlantis").title is None


def test_personal_name_labels_use_the_same_letters_as_names():
    remarks = (
        "Remarks by Spokesperson Đặng Thu Hằng\n\n"
        "Đặng Thu Hằng: Good afternoon.\nQuestion: When?\nĐặng Thu Hằng: Soon.\nQuestion: Why?\nĐặng Thu Hằng: Because."
    )
    assert [m.label for m in find_labels(remarks)] == ["Đặng Thu Hằng", "Question"] * 2 + ["Đặng Thu Hằng"]


def test_labels_closed_by_a_full_stop_when_a_transcript_has_no_colon_labels():
    """The American Presidency Project's style: 'The President. ...', 'Prime Minister Aalto. ...', 'Q. ...'."""
    text = (
        "Remarks Prior to a Meeting With Prime Minister Rhys Aalto\nMay 4, 2026\n\n"
        "The President. Well, Rhys, welcome back.\n"
        "Prime Minister Aalto. Thank you, Mr. President.\n"
        "Q. Will you sign the accord?\n"
        "The President. We will."
    )
    assert [m.label for m in find_labels(text)] == ["The President", "Prime Minister Aalto", "Q", "The President"]
    not_dialogue = (
        "Judge Amy M. Lund has served on the county bench since 2019.\n"
        "Ms. Lund received her J.D. from the state university.\n"
        "Sen. Mara Voss: “A welcome step.”\n"
        "President Joseph R. Biden, Jr. today announced the delegation.\n"
        "Prime Minister Aalto. The name alone opens one paragraph here, and nobody answers."
    )
    assert find_labels(not_dialogue) == ()


def test_a_field_holding_a_code_is_not_a_turn():
    text = (
        "Ministers Meet at the Pentagon\n\nThe ministers met on Monday.\n"
        "VIRIN: 260411-D-XX123-0090\nSecretary Aalto spoke.\nVIRIN: 260411-D-XX123-0144\n"
    )
    assert find_labels(text) == ()
    assert [m.label for m in find_labels("SECRETARY AALTO: We met 2 times.\nQ: 2026?\nSECRETARY AALTO: Yes.")] == [
        "SECRETARY AALTO",
        "Q",
        "SECRETARY AALTO",
    ]
    said_aloud = "MAYOR LUND: 881-\nTHE PRESIDENT: 881-\nMAYOR LUND: 46.\nTHE PRESIDENT: 46.\n"
    assert [m.label for m in find_labels(said_aloud)] == ["MAYOR LUND", "THE PRESIDENT"] * 2


def test_upper_case_labels_hold_the_capitals_of_the_extended_latin_blocks():
    text = (
        "PRESIDENT ŽALVARIS: (As interpreted.) Welcome.\n\nPRESIDENT SMITH: Thank you.\n\n"
        "GENERAL SECRETARY PHẠM: (As interpreted.) We agree.\n\nPRIME MINISTER KARAOĞLU: Indeed."
    )
    turns = _turns(text)
    assert [t.speaker_label for t in turns] == [
        "PRESIDENT ŽALVARIS",
        "PRESIDENT SMITH",
        "GENERAL SECRETARY PHẠM",
        "PRIME MINISTER KARAOĞLU",
    ]
    assert [t.is_interpreted for t in turns] == [True, False, True, False]
    # Lower-case letters of those blocks do not make an upper-case label.
    assert find_labels("Note: the PRESIDENT ŽALVARIS said so.\nPRESIDENT žalvaris: no.") == ()


def test_a_turn_is_interpreted_when_the_marker_comes_after_its_opening_words():
    text = (
        "PRESIDENT SMITH:  Welcome.\n\n"
        "PRESIDENT VARGA:  Thank you.  (As interpreted.)  I believe our talks went well.\n\n"
        "Q    And now to you, Mr. President: (Speaks Magyar.) (As interpreted.)  What comes next?\n\n"
        "PRESIDENT SMITH:  We will see (as interpreted by the press) soon."
    )
    assert [t.is_interpreted for t in _turns(text)] == [False, True, True, False]


def test_one_two_part_label_of_a_minister_named_in_capitals_opens_a_transcript():
    text = (
        "Press Conference by Foreign Minister TANABE Haruto\n\n1. Opening Remarks\n"
        "Mr. TANABE Haruto, Minister for Foreign Affairs: I have just concluded the meeting."
    )
    assert [t.speaker_label for t in _turns(text)] == ["Mr. TANABE Haruto, Minister for Foreign Affairs"]
    # a lead-in or a quoted reaction in mixed case still needs a dialogue
    assert _turns("Lowering Costs, Key Points: prices fall.\n\nSenator Jane Doe, Chair: “Great news.”") == []


def test_fact_sheet_headings_in_capitals_are_not_speakers():
    text = (
        "Today the President announced new steps.\n\n"
        "**PROTECTING OUR FARMERS:** The Administration will expand support.\n\n"
        "**LOWERING COSTS FOR FAMILIES:** The Administration will lower prices.\n\n"
        "**STANDING UP TO UNFAIR TRADE:** More steps.\n\n"
        "**SUPPLY CHAINS:** More steps.\n"
    )
    assert [m.label for m in find_labels(text)] == []
    dialogue = "SECRETARY DOE: Hello.\n\nDOE: Thanks.\n\nFLEMING: A question.\n\nFLEMING: Another one.\n"
    assert [m.label for m in find_labels(dialogue)] == ["SECRETARY DOE", "DOE", "FLEMING", "FLEMING"]
    once = "SECRETARY DOE: Hello.\n\nMAKING HISTORY: A heading that happens once.\n"
    assert [m.label for m in find_labels(once)] == ["SECRETARY DOE"]
