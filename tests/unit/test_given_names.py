"""People named without a title: a given name from the dictionary, then a family name (names are invented)."""

from orchestration.extract.given_names import untitled_name_mentions
from orchestration.extract.people import analyse_speakers


def _names(text: str) -> list[str]:
    return [m.printed for m in untitled_name_mentions(text, [])]


def test_a_given_name_and_a_family_name_make_a_person():
    text = "You have heard this from Jerome Quillfeather, and Catherine O’Marchbank’s view. Ask Ro Ambervale."
    assert _names(text) == ["Jerome Quillfeather", "Catherine O’Marchbank", "Ro Ambervale"]


def test_places_things_and_runs_of_capitals_are_not_people():
    text = (
        "The Paris Agreement binds us; the agreement holds. Ships sail from Long Beach and San Diego. "
        "The Camp David Accords. Franklin Delano Quillfeather. Tamim bin Hamad Quillfeather. The Stanley Cup. "
        "Thanks to the Warren Foundation."
    )
    assert _names(text) == []


def test_a_family_name_printed_in_lower_case_elsewhere_is_a_word():
    assert _names("We met Grace Harbor's staff. The harbor was calm.") == []


def test_a_headline_line_gives_no_untitled_names():
    assert _names("Biden Honors Warren Nurses And Teachers\n\nToday the President spoke.") == []


def test_a_title_as_first_word_is_not_a_given_name_but_a_sentence_opener_may_precede():
    assert _names("Judge Quillfeather ruled. Later Jerome Ambervale said so.") == ["Jerome Ambervale"]


def test_an_untitled_person_is_a_local_person_apart_from_a_titled_namesake():
    # 'President Doe' is not 'Hunter Doe': a titled surname joins only someone whose roles fit the title
    text = "Governor Quillfeather arrived. Later Jerome Quillfeather said the port was open."
    people = analyse_speakers("d", text, "readout", {}).local_people
    assert sorted((p.given_name or "", p.role or "") for p in people) == [("", "Governor"), ("Jerome", "")]
    alone = {
        p.family_name: p
        for p in analyse_speakers("d", "We spoke with Jerome Quillfeather.", "readout", {}).local_people
    }
    assert alone["Quillfeather"].given_name == "Jerome"


def test_a_western_given_name_used_alone_does_not_turn_the_name_round():
    text = "We call for the release of Austin Quillfeather. Austin has been held for years."
    people = {p.family_name: p for p in analyse_speakers("d", text, "remarks", {}).local_people}
    assert people["Quillfeather"].given_name == "Austin"


def test_a_word_a_title_is_put_before_is_a_family_name_even_if_it_is_a_given_name():
    text = "We met Xi Quillfeather today. President Xi said the talks went well."
    people = analyse_speakers("d", text, "remarks", {}).local_people
    assert ("Xi", "Quillfeather") in {(p.family_name, p.given_name) for p in people}


def test_a_western_name_turned_round_in_one_text_does_not_turn_it_in_others():
    from orchestration.extract.people import resolve_people
    from orchestration.extract.records import LocalPerson

    turned = LocalPerson("a", "k", "Austin", "Quillfeather", "Austin Quillfeather", True, "Secretary", None, None, 2)
    plain = LocalPerson("b", "k", "Quillfeather", "Austin", "Austin Quillfeather", False, None, None, None, 3)
    people, _ = resolve_people([turned, plain])
    assert ("Quillfeather", "Austin") in {(p.family_name, p.given_name) for p in people}
