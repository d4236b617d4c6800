"""Dated happenings (orchestration/extract/happenings.py), on invented text."""

from __future__ import annotations

import datetime as dt

from orchestration.extract.clauses import clause_span
from orchestration.extract.events import analyse_time_and_events, resolve_events
from orchestration.extract.happenings import ALIAS_PREFIX, alias_key_of, happening_name


def happenings(text: str, *, date: str = "2031-05-10", kind: str = "statement", doc: str = "d"):
    result = analyse_time_and_events(doc, text, kind, {"date": date}, [], [], [])
    rows = [m for m in result.event_mentions if m.alias_key.startswith(ALIAS_PREFIX)]
    for row in rows:
        assert text[row.char_start : row.char_end] == row.text
    return rows


def test_a_clause_told_with_a_verb_and_a_date_is_a_happening() -> None:
    [row] = happenings("Last month, the minister visited Lisbon to open a trade office.")
    assert row.name == "the minister visited Lisbon to open a trade office"
    assert (row.kind, row.event_date, row.date_precision) == ("visit", dt.date(2031, 4, 1), "month")
    assert row.alias_key == "happening:the minister visited lisbon to open a trade office"
    assert row.timex_id is not None  # re-dated with its expression when the corpus re-anchors the document


def test_a_fronted_date_gives_the_clause_after_it() -> None:
    [row] = happenings("In 2019, when Norway hosted the Arctic leaders in Tromsø, we agreed to act.")
    assert row.name == "Norway hosted the Arctic leaders in Tromsø"
    assert (row.kind, row.event_date) == ("meeting", dt.date(2019, 1, 1))


def test_the_date_inside_the_clause_stays_in_the_name() -> None:
    [row] = happenings("She recalled that when her predecessor spoke here in 1961, the hall was full.")
    assert row.name == "her predecessor spoke here in 1961"
    assert (row.kind, row.event_date.year, row.date_precision) == ("speech", 1961, "year")


def test_bounds_questions_and_states_are_not_happenings() -> None:
    text = (
        "Since 2019, exports have grown. Growth was strong last year. We will finish by 2035. "
        "Did you speak with the minister yesterday? Trade was signed off until 2040."
    )
    assert happenings(text) == []


def test_a_clause_an_event_trigger_already_dates_is_not_told_twice() -> None:
    text = "The summit was held in Oslo on 3 May 2031. The two leaders met yesterday in Bergen."
    rows = happenings(text)
    assert [row.name for row in rows] == ["The two leaders met yesterday in Bergen"]
    assert rows[0].event_date == dt.date(2031, 5, 9)


def test_a_readout_does_not_retell_its_own_meeting_as_a_happening() -> None:
    text = "Readout of the President's Meeting with Chancellor Roe\nToday, the President met with Chancellor Roe."
    assert happenings(text, kind="readout") == []


def test_names_are_cut_and_keys_ignore_case_and_punctuation() -> None:
    long_clause = " ".join(["word"] * 20)
    assert happening_name(long_clause).endswith("…") and len(happening_name(long_clause).split()) == 17
    assert alias_key_of("The U.S. Launched It") == alias_key_of("the U.S. launched it")
    text = "We left. When it came to Tokyo in 2030 it stayed."
    start = text.index("2030")
    span = clause_span(text, (text.index("When"), len(text)), start, start + 4)
    assert text[span[0] : span[1]] == "it came to Tokyo in 2030 it stayed"


def test_happenings_merge_only_with_the_same_words_on_the_same_date() -> None:
    first = happenings("Yesterday, the council unveiled a new code of ethics.", doc="a")
    same = happenings("Yesterday, the council unveiled a new code of ethics.", doc="b")
    other_day = happenings("Yesterday, the council unveiled a new code of ethics.", date="2031-06-10", doc="c")
    resolution = resolve_events(first + same + other_day, [], [], [])
    assert sorted(event.source_document_count for event in resolution.events) == [1, 2]
    assert {event.kind for event in resolution.events} == {"launch"}


def test_a_specific_word_gives_the_kind_before_a_generic_one() -> None:
    [row] = happenings("Yesterday the two ministers announced that they signed a fisheries accord.")
    assert row.kind == "signing"
    [row] = happenings("Yesterday the two ministers announced new quotas.")
    assert row.kind == "announcement"


def test_of_two_dates_in_a_clause_the_one_nearest_the_word_dates_it() -> None:
    [row] = happenings("This week we celebrate two years since the King signed the Fisheries Act.")
    assert (row.kind, row.event_date, row.date_precision) == ("signing", dt.date(2029, 1, 1), "year")


def test_a_week_within_one_month_dates_a_happening_to_its_month() -> None:
    [row] = happenings("Earlier this week the minister visited the port of Bergen.", date="2031-05-15")
    assert (row.event_date, row.date_precision) == (dt.date(2031, 5, 1), "month")
    assert happenings("Last week the minister visited the port of Bergen.", date="2031-05-06") == []  # Apr 28-May 4


def test_a_long_clause_keeps_the_words_next_to_its_date() -> None:
    text = (
        "Ministers will support the establishment of the Nordic Green Shipping Corridor announced "
        "by the two countries at the COP27 in 2029, and more."
    )
    [row] = happenings(text)
    assert row.name.startswith("… ") and row.name.endswith("at the COP27 in 2029")
