"""Time expressions: each family on small literal strings, tense direction, and resolution pitfalls."""

from __future__ import annotations

import datetime as dt

import pytest

from orchestration.extract.timex import (
    date_from_value,
    duration_minutes,
    find_time_expressions,
    reresolve_time_expression,
    resolve_relative_text,
    resolve_weekday,
)

SUNDAY = dt.date(2024, 7, 28)


def expressions(text: str, anchor: dt.date | None = SUNDAY, method: str = "metadata"):
    return find_time_expressions("d", text, anchor, method)


def only(text: str, anchor: dt.date | None = SUNDAY, method: str = "metadata"):
    rows = expressions(text, anchor, method)
    assert len(rows) == 1, rows
    row = rows[0]
    assert text[row.char_start : row.char_end] == row.text
    return row


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("On July 28, 2024, they met.", "July 28, 2024", "2024-07-28"),
        ("It was signed on 28 July 2024 in Tokyo.", "28 July 2024", "2024-07-28"),
        ("The summit of April 16, 2021 was long.", "April 16, 2021", "2021-04-16"),
        ("Released 2024-07-29 by the ministry.", "2024-07-29", "2024-07-29"),
        ("Dated 7/29/2024 in the header.", "7/29/2024", "2024-07-29"),
        ("Monday, July 29, 2024 was busy.", "Monday, July 29, 2024", "2024-07-29"),
        ("Since the meeting in January 2023 we talked.", "January 2023", "2023-01"),
    ],
)
def test_absolute_dates_are_stated(text: str, expression: str, value: str) -> None:
    row = only(text)
    assert (row.text, row.value, row.kind, row.method) == (expression, value, "date", "stated")


def test_yearless_date_takes_the_anchor_year() -> None:
    row = only("The Quad met on July 29.", dt.date(2024, 7, 30))
    assert (row.value, row.precision, row.method, row.anchor_date) == (
        "2024-07-29",
        "day",
        "relative",
        dt.date(2024, 7, 30),
    )


def test_yearless_date_without_anchor_borrows_the_documents_stated_year() -> None:
    rows = expressions("They met on July 28. The statement of July 28, 2024 followed.", None, None)
    assert rows[0].value == "2024-07-28" and rows[0].method == "inferred"


def test_yearless_date_without_any_year_is_unresolved() -> None:
    row = only("They met on July 28.", None, None)
    assert row.value is None and row.method == "unresolved"


def test_yearless_future_date_rolls_into_next_year() -> None:
    row = only("The leaders will meet on January 5.", dt.date(2024, 12, 20))
    assert row.value == "2025-01-05"


@pytest.mark.parametrize(
    ("text", "value"),
    [("commencing at 3:10 pm, the call", "15:10"), ("2:16 P.M. JST", "14:16"), ("11:07 A.M. EDT", "11:07"),
     ("at 10 a.m. sharp", "10:00"), ("12:30 a.m.", "00:30")],
)  # fmt: skip
def test_clock_times(text: str, value: str) -> None:
    row = only(text)
    assert (row.kind, row.value, row.precision) == ("time", value, "minute")


def test_speaker_labels_are_not_times() -> None:
    assert expressions("MODERATOR: We will start.") == []


@pytest.mark.parametrize(
    ("text", "value", "minutes"),
    [("for approximately 20 minutes", "PT20M", 20), ("after one and a half years", "P1.5Y", None),
     ("about two hours", "PT2H", 120), ("for half an hour", "PT0.5H", 30), ("over the last 36 hours", "PT36H", 2160)],
)  # fmt: skip
def test_durations(text: str, value: str, minutes: int | None) -> None:
    row = only(text)
    assert (row.kind, row.value) == ("duration", value)
    assert duration_minutes(row.value) == minutes


def test_vague_article_durations_need_a_preposition() -> None:
    assert expressions("twice a day the team met") == []
    assert only("within a week they agreed").value == "P1W"


@pytest.mark.parametrize(
    ("text", "value", "direction"),
    [("today", "2024-07-28", None), ("yesterday", "2024-07-27", "past"), ("tomorrow", "2024-07-29", "future"),
     ("the day after tomorrow", "2024-07-30", "future"), ("the day before yesterday", "2024-07-26", "past"),
     ("today's meeting", "2024-07-28", None)],
)  # fmt: skip
def test_deictic_days(text: str, value: str, direction: str | None) -> None:
    row = only(f"We spoke {text}.")
    assert (row.kind, row.value, row.direction, row.method) == ("relative", value, direction, "relative")


def test_day_after_tomorrow_is_one_expression_not_tomorrow() -> None:
    row = only("They will meet the day after tomorrow.")
    assert row.text == "the day after tomorrow"


def test_bare_weekday_defaults_to_the_most_recent_such_day() -> None:
    row = only("Kishida on Monday vowed to act.", dt.date(2024, 7, 30))
    assert (row.text, row.value, row.direction) == ("Monday", "2024-07-29", "past")


def test_bare_weekday_on_the_anchor_day_is_that_day() -> None:
    assert only("Officials met on Monday.", dt.date(2024, 7, 29)).value == "2024-07-29"


def test_future_tense_weekday_resolves_forwards() -> None:
    row = only("The ministers will meet on Monday.", SUNDAY)
    assert (row.value, row.direction) == ("2024-07-29", "future")


def test_past_tense_weekday_resolves_backwards() -> None:
    row = only("The talks were held on Monday.", SUNDAY)
    assert (row.value, row.direction) == ("2024-07-22", "past")


def test_possessive_weekday_and_cues() -> None:
    assert only("Sunday's two-plus-two was productive.", dt.date(2024, 7, 29)).value == "2024-07-28"
    assert only("We met last Friday.", SUNDAY).value == "2024-07-26"
    assert only("We meet next Friday.", SUNDAY).value == "2024-08-02"


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [("this April", "2024-04", "month"), ("last August", "2023-08", "month"),
     ("earlier this month", "2024-07", "month"), ("later this year", "2024", "year"), ("this year", "2024", "year"),
     ("last year", "2023", "year"), ("next month", "2024-08", "month"), ("two years ago", "2022", "year"),
     ("three days ago", "2024-07-25", "day")],
)  # fmt: skip
def test_relative_periods_and_months(text: str, value: str, precision: str) -> None:
    row = only(f"It happened {text}.")
    assert (row.value, row.precision) == (value, precision)


def test_cued_month_follows_tense() -> None:
    assert only("The visit in April was historic.", SUNDAY).value == "2024-04"
    assert only("There will be an election in November.", SUNDAY).value == "2024-11"
    assert only("We will meet again in March.", SUNDAY).value == "2025-03"


def test_by_month_year_is_a_stated_month() -> None:
    row = only("which will be launched by March 2025")
    assert (row.text, row.value, row.precision) == ("March 2025", "2025-03", "month")


def test_cued_year() -> None:
    row = only("Since 2010 the dialogue has met.")
    assert (row.value, row.precision, row.method) == ("2010", "year", "stated")


def test_modal_may_is_not_a_month() -> None:
    assert expressions("We may meet. They may agree.") == []


def test_relative_expressions_without_anchor_stay_unresolved_until_reresolved() -> None:
    rows = expressions("Austin said Sunday's meeting was good. Kishida on Monday vowed.", None, None)
    assert [row.value for row in rows] == [None, None]
    assert all(row.method == "unresolved" for row in rows)
    again = [
        reresolve_time_expression(row, dt.date(2024, 7, 28), "inferred", weekday_window_start=True) for row in rows
    ]
    assert [row.value for row in again] == ["2024-07-28", "2024-07-29"]
    assert all(row.method == "inferred" and row.anchor_date == dt.date(2024, 7, 28) for row in again)


def test_reresolving_today_against_an_inferred_anchor() -> None:
    row = only("As we said today, it works.", None, None)
    again = reresolve_time_expression(row, dt.date(2024, 7, 28), "inferred")
    assert (again.value, again.method) == ("2024-07-28", "inferred")


def test_resolve_relative_text_and_weekday_helpers() -> None:
    assert resolve_relative_text("yesterday", dt.date(2021, 3, 1), None).value == "2021-02-28"
    assert resolve_weekday(dt.date(2024, 7, 28), 0, None, None) == dt.date(2024, 7, 22)
    assert resolve_weekday(dt.date(2024, 7, 28), 0, None, "future") == dt.date(2024, 7, 29)


def test_date_from_value() -> None:
    assert date_from_value("2024-07") == (dt.date(2024, 7, 1), "month")
    assert date_from_value("2024") == (dt.date(2024, 1, 1), "year")
    assert date_from_value("2024-W31") == (None, None)


def test_expressions_carry_their_utterance() -> None:
    from orchestration.extract.records import Utterance

    text = "Q: When? A: Yesterday."
    utterance = Utterance("d", "d-u00001", 1, 1, "A", "official", False, 12, len(text), 9, 10, None)
    rows = find_time_expressions("d", text, SUNDAY, "metadata", [utterance])
    assert rows[0].utterance_id == "d-u00001"


def test_since_the_last_time_is_a_past_offset_at_month_precision_for_half_years() -> None:
    from orchestration.extract.timex import resolve_relative_text

    half = resolve_relative_text("one and a half years since the last time", dt.date(2024, 7, 28), None)
    assert (half.value, half.precision, half.direction) == ("2023-01", "month", "past")
    whole = resolve_relative_text("two years ago", dt.date(2024, 7, 28), None)
    assert (whole.value, whole.precision) == ("2022", "year")


def test_a_month_of_a_year_beats_a_cued_month_that_starts_first() -> None:
    import datetime as dt

    from orchestration.extract.timex import find_time_expressions

    found = find_time_expressions("d", "Back in May of 2022, I met them.", dt.date(2023, 8, 18), "metadata", [])
    assert [(t.text, t.value) for t in found] == [("May of 2022", "2022-05")]


def test_a_capitalised_cue_opens_a_month_at_the_start_of_a_sentence() -> None:
    text = "In July, the envoy came home. During March we met."
    found = find_time_expressions("d", text, dt.date(2031, 5, 10), "stated", [])
    assert [(t.text, t.value) for t in found] == [("In July", "2030-07"), ("During March", "2031-03")]


def test_compound_number_words_count_whole() -> None:
    found = find_time_expressions("d", "Twenty-five years ago, we signed it.", dt.date(2022, 5, 10), "stated", [])
    assert [(t.text, t.value) for t in found] == [("Twenty-five years ago", "1997")]


def test_a_compound_offset_counts_both_parts_back_to_the_day() -> None:
    text = "About a year and a day ago, we met in Bali. It lasted about an hour, ten days ago."
    found = find_time_expressions("d", text, dt.date(2023, 11, 15), "stated", [])
    assert [(t.text, t.kind, t.value) for t in found] == [
        ("a year and a day ago", "relative", "2022-11-14"),
        ("about an hour", "duration", "PT1H"),
        ("ten days ago", "relative", "2023-11-05"),
    ]


def test_years_since_a_clause_the_month_before_a_noun_and_the_year_in_a_name() -> None:
    text = "We mark two years since the King signed it. The September visit came under the 2014 Wales Summit pledge."
    found = find_time_expressions("d", text, dt.date(2023, 11, 16), "stated", [])
    assert [(t.text, t.value) for t in found] == [
        ("two years since", "2021"),
        ("The September", "2023-09"),
        ("the 2014", "2014"),
    ]
    assert (
        find_time_expressions("d", "We will meet the 2030 goals since then.", dt.date(2023, 11, 16), "stated", []) == []
    )
