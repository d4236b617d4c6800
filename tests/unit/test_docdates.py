"""Document dates: metadata first, then a date line the document states about itself, else unknown."""

from __future__ import annotations

import datetime as dt

import pytest

from orchestration.extract.docdates import find_document_date, parse_metadata_date


def test_front_matter_date_string_is_metadata() -> None:
    row = find_document_date("d", "Title\nJuly 29, 2024\nBody", {"date": "2021-08-10"})
    assert (row.published_on, row.published_on_method, row.char_start) == (dt.date(2021, 8, 10), "metadata", None)


def test_sidecar_published_on_wins_over_front_matter_date() -> None:
    row = find_document_date("d", "Body", {"date": "2021-08-10", "published_on": dt.date(2021, 8, 11)})
    assert row.published_on == dt.date(2021, 8, 11)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2021-08-10", dt.date(2021, 8, 10)), (dt.datetime(2021, 8, 10, 20, 0), dt.date(2021, 8, 10)),
     ("2021-08-10 19:36:19-04:00", dt.date(2021, 8, 10)), ("August 10, 2021", dt.date(2021, 8, 10)),
     ("soon", None), ("", None), (None, None), (20210810, None)],
)  # fmt: skip
def test_parse_metadata_date(value: object, expected: dt.date | None) -> None:
    assert parse_metadata_date(value) == expected


def test_unparseable_metadata_falls_back_to_the_text() -> None:
    text = "Courtesy Call on the Prime Minister\nJuly 29, 2024\n[Provisional translation]\nOn July 29, 2024, ..."
    row = find_document_date("d", text, {"date": "n/a"})
    assert (row.published_on, row.published_on_method) == (dt.date(2024, 7, 29), "stated")
    assert text[row.char_start : row.char_end] == "July 29, 2024"


@pytest.mark.parametrize(
    "line",
    ["July 29, 2024", "Monday, July 29, 2024", "29 July 2024", "2024-07-29", "Date: July 29, 2024",
     "Released on July 29, 2024", "July 29, 2024 3:10 PM EDT", "20:00 JST, July 29, 2024", "09:39 AM July 29, 2024",
     "July 29, 2024 12:13 pm | Updated 12:13 pm IST - New Delhi", "Posted On: 29 JUL 2024", "7/29/2024",
     "29/07/2024", "2024-07-29 11:44:53", "Canberra, 29 July 2024", "Washington, D.C., July 29, 2024",
     "Monday, July 29, 2024, 5:14 p.m. Philippines (Manila)", "Monday, July 29, 2024, 6:51 p.m. Lakeside Prince Hotel"],
)  # fmt: skip
def test_date_lines_near_the_top_are_stated(line: str) -> None:
    row = find_document_date("d", f"Some Title\n{line}\nText of the document.", {})
    assert (row.published_on, row.published_on_method) == (dt.date(2024, 7, 29), "stated")


def test_a_date_inside_a_sentence_is_not_the_documents_date() -> None:
    row = find_document_date("d", "Title\nOn July 29, 2024, the minister received a call.", {})
    assert (row.published_on, row.published_on_method) == (None, "unknown")
    row = find_document_date("d", "Title\nJuly 29, 2024 | the minister received a call\n", {})
    assert row.published_on is None  # only an update note may follow the date


def test_a_date_line_deep_in_the_body_is_not_the_documents_date() -> None:
    body = "Title\n" + "Paragraph of text.\n" * 20 + "July 29, 2024\n"
    assert find_document_date("d", body, {}).published_on is None


def test_no_date_is_unknown_never_invented() -> None:
    row = find_document_date("d", "MODERATOR: We will start the press conference today.", {})
    assert (row.published_on, row.published_on_method, row.char_start, row.char_end) == (None, "unknown", None, None)


def test_document_kind_is_carried_for_corpus_inference() -> None:
    assert find_document_date("d", "x", {}, "index").document_kind == "index"


@pytest.mark.parametrize(
    ("text", "span"),
    [("TOKYO, July 28 (Reuters) - The minister said", "July 28"), ("Title\nNew Delhi, July 29 (IANS) The", "July 29"),
     ("Title\nMaryland, August 7\nThe United States", "August 7"), ("Title\nIn Tokyo, July 28 was hot.", None),
     ("Title\n06/08/2024\nSECRETARY X: Hello.", "06/08/2024")],
)  # fmt: skip
def test_a_wire_dateline_gives_month_and_day_but_no_date(text: str, span: str | None) -> None:
    row = find_document_date("d", text, {})
    assert (row.published_on, row.published_on_method) == (None, "unknown")  # the year comes from other sources
    assert (text[row.char_start : row.char_end] if row.char_start is not None else None) == span


def test_a_transcript_whose_heading_clock_is_later_than_its_publication_was_spoken_the_day_before() -> None:
    import datetime as dt

    from orchestration.extract.docdates import day_spoken, find_document_date

    text = "Briefing Room\n\n2:44 P.M. EST\n\nMS. DOE: Good afternoon. Today we begin."
    url = "https://example.gov/briefings/2031/05/14/press-briefing-by-jane-doe-may-13-2031/"
    meta = {"date": "2031-05-14", "published_time": "2031-05-14 11:26:03-05:00", "source_url": url}
    date = find_document_date("d", text, meta, "transcript")
    assert day_spoken(date, text, meta, "transcript", 400) == dt.date(2031, 5, 13)  # the URL prints the day
    same = {"date": "2031-05-14", "published_time": "2031-05-14 11:26:03-05:00", "title": "Briefing, May 14, 2031"}
    assert day_spoken(find_document_date("d", text, same, "transcript"), text, same, "transcript", 400) is None
    # a morning publication time before an afternoon clock is when the page was scheduled: it says nothing
    morning = {"date": "2031-05-14", "published_time": "2031-05-14 11:26:03-05:00"}
    assert day_spoken(find_document_date("d", text, morning, "transcript"), text, morning, "transcript", 400) is None
    # 5:20 P.M. Pacific is 8:20 P.M. Eastern: after a 1:02 A.M. Eastern publication of that date
    pacific = "Garden House\n\n5:20 P.M. PST\n\nTHE PRESIDENT: Hello."
    night = {"date": "2031-05-16", "published_time": "2031-05-16 01:02:11-05:00"}
    date = find_document_date("d", pacific, night, "transcript")
    assert day_spoken(date, pacific, night, "transcript", 400) == dt.date(2031, 5, 15)
    assert day_spoken(date, pacific, night, "statement", 400) is None  # only what is spoken has a heading clock
    assert day_spoken(date, pacific, {"date": "2031-05-16"}, "transcript", 400) is None  # no publication time


def test_time_and_events_of_a_late_transcript_are_anchored_to_the_day_it_was_spoken() -> None:
    import datetime as dt

    from orchestration.extract.events import analyse_time_and_events

    text = "Briefing Room\n\n7:44 P.M. EST\n\nMS. DOE: Good evening. Today we begin the press briefing."
    meta = {"date": "2031-05-14", "published_time": "2031-05-14 01:26:03-05:00", "title": "Press Briefing by Doe"}
    result = analyse_time_and_events("d", text, "transcript", meta, [], [], [])
    assert result.document_date.published_on == dt.date(2031, 5, 14)  # the document keeps its own date
    assert [t.value for t in result.time_expressions if t.text == "Today"] == ["2031-05-13"]
