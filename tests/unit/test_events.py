"""Event mentions on small literal strings, and corpus-level merging / date inference."""

from __future__ import annotations

import datetime as dt
import time

from orchestration.extract.events import (
    alias_key_for,
    analyse_time_and_events,
    core_of_name,
    event_id_for,
    normalise_number_format,
    resolve_events,
)
from orchestration.extract.records import EventMention, LocalPerson, Person, PersonLink, Utterance


def person(key: str, family: str, role: str | None = None) -> LocalPerson:
    return LocalPerson("d", key, family, None, family, False, role, None, None, 1)


def mentions_of(text: str, *, kind: str = "readout", metadata: dict | None = None, people=(), utterances=(), doc="d"):
    result = analyse_time_and_events(doc, text, kind, metadata or {}, list(utterances), [], list(people))
    for mention in result.event_mentions:
        if mention.char_end:
            assert text[mention.char_start : mention.char_end] == mention.text
    return result


# --- names and alias keys ---------------------------------------------------------------------


def test_number_format_normalisation() -> None:
    assert normalise_number_format("two-plus-two") == "2+2"
    assert normalise_number_format("the 2 + 2 talks") == "the 2+2 talks"


def test_alias_keys_from_generic_rules() -> None:
    assert core_of_name("Foreign and Defense Ministerial (2+2) Meeting", "meeting") == "2+2"
    assert core_of_name("two-plus-two meeting", "meeting") == "2+2"
    assert core_of_name("Japan-U.S. Ministerial Meeting on Extended Deterrence", "meeting") == "extended deterrence"
    assert core_of_name("Japan-U.S. Extended Deterrence Dialogue", "meeting") == "extended deterrence"
    assert core_of_name("Quad Foreign Ministers Meeting", "meeting") == "quad"
    assert alias_key_for("Courtesy Call on Prime Minister X", "courtesy_call", "courtesy_call") == "courtesy_call*"
    assert alias_key_for("the meeting", "meeting", "meeting").endswith("*")  # generic: merged within a document only
    assert alias_key_for("Kishida's visit", "visit", "visit") == "visit:kishida"
    # A foreign-and-defence ministerial is the 2+2 format, whatever parties and ordinal it prints.
    for name in (
        "Second Norway-Finland Foreign and Defence Ministerial Meeting",
        "Republic of Korea – Norway Foreign and Defense Ministerial Meeting",
        "Joint Foreign and Defense Ministerial meeting with Norway",
    ):
        assert core_of_name(name, "meeting") == "2+2", name
    assert core_of_name("Foreign and Defense Ministerial Meeting on Cyber Resilience", "meeting") == "cyber resilience"
    assert core_of_name("the 24th Nordic Summit", "summit") == "nordic"  # ordinals never key an event
    assert core_of_name("the N-5 Summit", "summit") == core_of_name("the N5 Summit", "summit") == "n5"
    assert alias_key_for("last night’s working dinner", "meeting", "meeting").endswith("*")  # no owner: generic


def test_mentions_grow_names_and_keys() -> None:
    text = (
        "The ministers met for a Foreign and Defense Ministerial (2+2) Meeting and an Extended Deterrence "
        "Dialogue in Tokyo on July 28, 2024."
    )
    rows = mentions_of(text).event_mentions
    assert [(m.name, m.alias_key) for m in rows] == [
        ("Foreign and Defense Ministerial (2+2) Meeting", "2+2"),
        ("Extended Deterrence Dialogue", "extended deterrence"),
    ]
    assert all(m.event_date == dt.date(2024, 7, 28) and m.place == "Tokyo" for m in rows)


def test_parenthesised_abbreviation_after_a_long_name() -> None:
    text = "He received reports of the Japan-U.S. Security Consultative Committee (Japan-U.S. “2+2”)."
    (row,) = mentions_of(text).event_mentions
    assert row.alias_key == "2+2" and row.name == "Japan-U.S. Security Consultative Committee (2+2)"
    assert row.parties == "JP|US"


def test_quoted_spelled_format_name_and_possessive_weekday() -> None:
    text = "Austin said that Sunday’s “two-plus-two” meeting was productive."
    result = mentions_of(text, kind="news")
    (row,) = result.event_mentions
    assert (row.name, row.alias_key, row.event_date) == ("two-plus-two meeting", "2+2", None)
    assert row.timex_id == result.time_expressions[0].timex_id


def test_verbs_are_not_events() -> None:
    assert mentions_of("I will visit Tokyo and we are meeting the press.").event_mentions == []


def test_modifier_trigger_does_not_make_a_second_mention() -> None:
    rows = mentions_of("We held a separate ministerial level meeting on extended deterrence.").event_mentions
    assert [m.name for m in rows] == ["separate ministerial level meeting on extended deterrence"]
    assert rows[0].alias_key == "extended deterrence"


# --- date, time, duration, participants, claims ------------------------------------------------


def test_courtesy_call_date_time_duration_and_participants() -> None:
    text = (
        "Courtesy Call on Prime Minister Kishida\nJuly 29, 2024\n"
        "On July 29, 2024, commencing at 3:10 pm, for approximately 20 minutes, Prime Minister KISHIDA Fumio "
        "received a courtesy call from Secretary Blinken. The courtesy call was attended by Minister HAYASHI."
    )
    people = [person("k", "Kishida"), person("b", "Blinken"), person("h", "Hayashi")]
    result = mentions_of(text, people=people)
    assert result.document_date.published_on == dt.date(2024, 7, 29)
    title, *dated = [m for m in result.event_mentions if m.event_date]
    assert title.char_start == 0 and title.event_date == dt.date(2024, 7, 29)  # the readout's title names it
    assert len(dated) == 2
    first = dated[0]
    assert (first.kind, first.start_time, first.duration_minutes) == ("courtesy_call", "15:10", 20)
    assert set(first.participant_keys) == {"k", "b"}
    assert dated[1].event_date == dt.date(2024, 7, 29) and dated[1].participant_keys == ("h",)


def test_date_belongs_to_the_nearest_mention() -> None:
    text = "The 2+2 meeting this time confirmed progress on the outcomes of the Prime Minister's visit in April."
    rows = mentions_of(text, metadata={"date": "2024-07-29"}).event_mentions
    by_name = {m.name: m for m in rows}
    assert by_name["2+2 meeting"].event_date is None
    assert by_name["Prime Minister's visit"].event_date == dt.date(2024, 4, 1)
    assert by_name["Prime Minister's visit"].date_precision == "month"


def test_since_and_by_dates_do_not_date_events() -> None:
    rows = mentions_of("Since 2010 the Extended Deterrence Dialogue has been held periodically.").event_mentions
    assert rows[0].event_date is None


def test_first_of_its_kind_claims() -> None:
    held = mentions_of("They convened a Trilateral Ministerial Meeting in Japan for the first time in history.")
    assert held.event_mentions[0].first_of_its_kind
    discussed = mentions_of("At this 2+2, gender policy was discussed for the first time.")
    assert not discussed.event_mentions[0].first_of_its_kind
    named = mentions_of("We held our first standalone ministerial on extended deterrence.")
    assert named.event_mentions[0].first_of_its_kind
    following = mentions_of("We held a separate meeting on extended deterrence. And that has never been done before.")
    assert following.event_mentions[0].first_of_its_kind


def test_previous_occurrence_is_flagged() -> None:
    (row,) = mentions_of("We have coordinated well since our last 2+2 meeting.").event_mentions
    assert row.other_occurrence


def test_a_dated_last_meeting_takes_the_name_of_the_series_the_document_is_about() -> None:
    result = mentions_of(
        "Summary\nMarch 10, 2026\nWe are glad to hold this meeting of NORBAL today, following up on our last "
        "meeting in Reykjavik in October 2025. The NORBAL ministers met for two hours."
    )
    previous = next(m for m in result.event_mentions if m.other_occurrence)
    assert (previous.alias_key, previous.event_date) == ("norbal", dt.date(2025, 10, 1))


def test_a_last_meeting_between_named_people_keeps_its_own_name() -> None:
    result = mentions_of(
        "Summary\nMarch 10, 2026\nThe NORBAL meeting was held today. Since the last meeting between Minister "
        "Varga and Minister Tamm in October 2025, much has changed."
    )
    previous = next(m for m in result.event_mentions if m.other_occurrence)
    assert previous.alias_key != "norbal"


def test_press_conference_transcript_is_itself_an_event() -> None:
    text = "MODERATOR: We will start the joint press conference.\nMINISTER KAMIKAWA: Thank you."
    utterances = [
        Utterance("d", "d-u00001", 1, 1, "MODERATOR", "moderator", False, 11, 52, 0, 9, "m"),
        Utterance("d", "d-u00002", 2, 2, "MINISTER KAMIKAWA", "official", False, 72, len(text), 53, 70, "k"),
    ]
    result = mentions_of(text, kind="transcript", metadata={"date": "2024-07-28"}, utterances=utterances)
    (row,) = result.event_mentions
    assert (row.kind, row.document_event, row.event_date, row.date_method) == (
        "press_conference", True, dt.date(2024, 7, 28), "metadata",
    )  # fmt: skip
    assert row.participant_keys == ("k",)


def test_briefing_title_without_a_mention_gives_a_spanless_document_event() -> None:
    result = mentions_of(
        "THE PRESS SECRETARY: Hi.",
        kind="transcript",
        metadata={"date": "2022-01-05", "title": "Press Briefing by Press Secretary"},
    )
    (row,) = result.event_mentions
    assert (row.char_start, row.char_end, row.document_event, row.event_date) == (0, 0, True, dt.date(2022, 1, 5))


def test_remarks_before_a_meeting_title_gives_that_days_meeting_kept_to_its_document() -> None:
    title = "Remarks by President Moreau and Prime Minister Okafor Before Bilateral Meeting"
    result = mentions_of(
        "PRESIDENT MOREAU: Welcome.", kind="transcript", metadata={"date": "2026-03-09", "title": title}
    )
    (row,) = result.event_mentions
    assert (row.name, row.kind, row.document_event, row.event_date) == (
        title,
        "bilateral_meeting",
        True,
        dt.date(2026, 3, 9),
    )
    assert row.alias_key.endswith("*")  # 'Bilateral Meeting' names no meeting in particular
    cabinet = mentions_of(
        "PRESIDENT MOREAU: Welcome.",
        kind="transcript",
        metadata={"date": "2026-03-09", "title": "Remarks by President Moreau Before Cabinet Meeting"},
    ).event_mentions
    assert [m.alias_key for m in cabinet] == ["cabinet"]
    rally = mentions_of(
        "PRESIDENT MOREAU: Welcome.", kind="transcript", metadata={"title": "Remarks by President Moreau at a Rally"}
    )
    assert rally.event_mentions == []


def test_a_transcripts_dateline_and_clock_give_its_own_event_place_and_start_time() -> None:
    title = "Remarks by President Moreau and Prime Minister Okafor Before Bilateral Meeting"
    text = "Lakeside Lodge\nPort Vale, Northland\n3:14 P.M. EDT\n\nPRESIDENT MOREAU: Welcome."
    (row,) = mentions_of(text, kind="transcript", metadata={"date": "2026-03-09", "title": title}).event_mentions
    assert (row.document_event, row.start_time, row.place) == (True, "15:14", "Port Vale, Northland")
    no_dateline = "3:14 P.M. EDT\n\nPRESIDENT MOREAU: Welcome."
    (row,) = mentions_of(no_dateline, kind="transcript", metadata={"date": "2026-03-09", "title": title}).event_mentions
    assert (row.start_time, row.place) == ("15:14", None)
    later = "PRESIDENT MOREAU: Welcome. " + "We met at length. " * 30 + "We meet again at 3:14 P.M. today."
    (row,) = mentions_of(later, kind="transcript", metadata={"date": "2026-03-09", "title": title}).event_mentions
    assert row.start_time is None  # a clock in the talk, not above it


# --- corpus level ------------------------------------------------------------------------------


def test_an_undated_document_takes_the_occurrence_whose_sources_share_its_people() -> None:
    from orchestration.extract.events.corpus import _unique_known_day

    days = {dt.date(2021, 9, 14): {"old1", "old2", "old3"}, dt.date(2024, 7, 28): {"new"}}
    people = {
        "undated": frozenset({"roe", "doe", "tanaka", "sato"}),
        "old1": frozenset({"roe", "doe"}),
        "new": frozenset({"roe", "doe", "tanaka", "sato"}),
    }
    assert _unique_known_day(days, "undated", people) == dt.date(2024, 7, 28)  # not the best-attested
    assert _unique_known_day(days, "undated", {}) is None  # nothing tells them apart: unknown
    assert _unique_known_day({dt.date(2024, 7, 28): {"new"}}, "undated", {}) == dt.date(2024, 7, 28)


def test_resolve_merges_infers_and_reresolves() -> None:
    readout = mentions_of(
        "Summary\nJuly 29, 2024\nOn July 29, 2024, the minister received a courtesy call. "
        "He welcomed the Security Consultative Committee (2+2) held on July 28, 2024.",
        doc="a",
    )
    transcript = mentions_of(
        "MODERATOR: We will start the 2+2 joint press conference. The 2+2 held today was productive. "
        "Tomorrow we have a meeting of the Quad.",
        kind="transcript",
        doc="b",
    )
    news = mentions_of(
        "Kishida on Monday received the ministers. Austin said Sunday's two-plus-two talks were historic.",
        kind="news",
        doc="c",
    )
    analyses = [readout, transcript, news]
    resolution = resolve_events(
        [m for a in analyses for m in a.event_mentions],
        [a.document_date for a in analyses],
        [t for a in analyses for t in a.time_expressions],
        [],
    )
    assert [(d.document_id, d.published_on, d.published_on_method) for d in resolution.inferred_document_dates] == [
        ("b", dt.date(2024, 7, 28), "inferred")
    ]
    retimed = {(t.document_id, t.text): t.value for t in resolution.time_expressions}
    assert retimed[("b", "today")] == "2024-07-28"
    assert retimed[("b", "Tomorrow")] == "2024-07-29"
    assert retimed[("c", "Monday")] == "2024-07-29"
    events = {(e.alias_key, e.start_date): e for e in resolution.events}
    two_plus_two = events[("2+2", dt.date(2024, 7, 28))]
    assert two_plus_two.source_document_count == 3
    assert ("press_conference:2+2", dt.date(2024, 7, 28)) in events
    assert ("courtesy_call*", dt.date(2024, 7, 29)) in events
    assert two_plus_two.event_id == event_id_for("2+2", dt.date(2024, 7, 28), "day", None)
    linked = {link.event_mention_id for link in resolution.mention_links}
    assert all(m.event_mention_id in linked for m in readout.event_mentions if m.event_date)


def test_recurring_events_stay_apart_and_parties_split() -> None:
    text = (
        "Since the 2+2 meeting in January 2023 much happened. The Japan-U.S. 2+2 meeting on July 28, 2024 "
        "was held. The Japan-Philippines 2+2 meeting on July 28, 2024 was held too."
    )
    result = mentions_of(text)
    resolution = resolve_events(result.event_mentions, [result.document_date], result.time_expressions, [])
    keys = sorted((str(e.start_date), e.date_precision, e.name) for e in resolution.events)
    assert keys == [
        ("2023-01-01", "month", "2+2 meeting"),
        ("2024-07-28", "day", "Japan-Philippines 2+2 meeting"),
        ("2024-07-28", "day", "Japan-U.S. 2+2 meeting"),
    ]


def test_inference_skips_index_pages_and_ties() -> None:
    dated = mentions_of("The Quad Meeting on July 29, 2024 and the Quad Meeting on July 30, 2024.", doc="a")
    index = mentions_of("The Quad Meeting held today was good.", kind="index", doc="b")
    tie = mentions_of("The Quad Meeting held today was good.", kind="transcript", doc="c")
    analyses = [dated, index, tie]
    resolution = resolve_events(
        [m for a in analyses for m in a.event_mentions],
        [a.document_date for a in analyses],
        [t for a in analyses for t in a.time_expressions],
        [],
    )
    assert resolution.inferred_document_dates == []


def test_participants_map_through_person_links() -> None:
    result = mentions_of(
        "Blinken met Kamikawa at the Quad Meeting on July 29, 2024.",
        people=[person("b", "Blinken"), person("k", "Kamikawa")],
    )
    links = [PersonLink("d", "b", "P1"), PersonLink("d", "k", "P2")]
    resolution = resolve_events(result.event_mentions, [result.document_date], result.time_expressions, links)
    assert sorted(p.person_id for p in resolution.participants) == ["P1", "P2"]


def test_resolve_is_fast_on_many_mentions() -> None:
    base = EventMention(
        "d", "d-e00001", 0, 7, "meeting", "Quad Meeting", "meeting", "quad", dt.date(2024, 7, 29), "day", "stated",
        None, None, None, ("k",), False, None,
    )  # fmt: skip
    mentions = [
        base._replace(
            document_id=f"d{i % 50000}",
            event_mention_id=f"d{i % 50000}-e{i:06d}",
            alias_key=f"topic {i % 5000}",
            event_date=dt.date(2020, 1, 1) + dt.timedelta(days=i % 700),
        )
        for i in range(100_000)
    ]
    started = time.perf_counter()
    resolution = resolve_events(mentions, [], [], [])
    # ~2 s unloaded on a slow 2-core runner (200k: ~4 s); generous so a busy CI machine does not flake
    assert time.perf_counter() - started < 20
    assert len(resolution.mention_links) == 100_000


def _resolve(*analyses, links=(), people=()):
    return resolve_events(
        [m for a in analyses for m in a.event_mentions],
        [a.document_date for a in analyses],
        [t for a in analyses for t in a.time_expressions],
        list(links),
        list(people),
    )


def test_since_the_last_time_dates_the_previous_occurrence_not_this_one() -> None:
    result = mentions_of(
        "Summary\nMarch 10, 2026\nToday we held the Nordic-Baltic 5+5 meeting after two and a half years since "
        "the last time."
    )
    current, previous = (m for m in result.event_mentions if m.alias_key == "5+5")
    assert current.event_date == dt.date(2026, 3, 10) and not current.other_occurrence  # 'Today', not the offset
    assert previous.other_occurrence and previous.char_start == current.char_start
    assert (previous.event_date, previous.date_precision) == (dt.date(2023, 9, 1), "month")


def test_a_previous_occurrence_lends_its_date_to_no_other_mention() -> None:
    result = mentions_of(
        "Summary\nMarch 10, 2026\nWe held the 5+5 meeting after two years since the last time. The 5+5 meeting "
        "was useful."
    )
    later = [m for m in result.event_mentions if m.alias_key == "5+5" and not m.other_occurrence]
    assert all(m.event_date is None for m in later)


def test_an_undated_mention_joins_the_one_event_of_the_days_before() -> None:
    held = mentions_of("The Nordic-Baltic 5+5 meeting was held on March 8, 2026.", doc="a")
    next_day = mentions_of("Summary\nMarch 10, 2026\nThe minister recalled the first 5+5 meeting.", doc="b")
    resolution = _resolve(held, next_day)
    (event,) = [e for e in resolution.events if e.alias_key == "5+5"]
    assert event.source_document_count == 2 and event.first_of_its_kind
    two_weeks_later = mentions_of("Summary\nMarch 22, 2026\nThe minister recalled the 5+5 meeting.", doc="c")
    resolution = _resolve(held, two_weeks_later)
    (event,) = [e for e in resolution.events if e.alias_key == "5+5"]
    assert event.source_document_count == 1


def test_two_recent_events_of_one_name_leave_an_undated_mention_alone() -> None:
    held = mentions_of(
        "The 5+5 meeting was held on March 6, 2026. Another 5+5 meeting was held on March 8, 2026.", doc="a"
    )
    later = mentions_of("Summary\nMarch 10, 2026\nThe minister recalled the 5+5 meeting.", doc="b")
    linked = {link.event_mention_id for link in _resolve(held, later).mention_links}
    assert not any(m.event_mention_id in linked for m in later.event_mentions if m.alias_key == "5+5")


def test_a_greeting_gives_the_gathering_of_that_sentence_or_the_next_its_place() -> None:
    rows = mentions_of(
        "MINISTER: I am delighted to welcome you to Valletta. We are able to hold the 5+5 meeting. "
        "The election was earlier. Our joint exercise continues.",
        kind="transcript",
    ).event_mentions
    places = {m.alias_key: m.place for m in rows}
    assert places["5+5"] == "Valletta"
    assert all(m.place is None for m in rows if m.kind == "election")
    far = mentions_of(
        "MINISTER: Welcome to Valletta. We begin. We are able to hold the 5+5 meeting.", kind="transcript"
    ).event_mentions
    assert [m.place for m in far if m.alias_key == "5+5"] == [None]


def test_an_undated_transcript_joins_the_only_dated_occurrence_of_its_named_event() -> None:
    held = mentions_of("The Nordic-Baltic 5+5 meeting was held on March 8, 2026.", doc="a")
    transcript = mentions_of("MINISTER: We are able to hold the Nordic-Baltic 5+5 meeting.", kind="transcript", doc="b")
    (event,) = [e for e in _resolve(held, transcript).events if e.alias_key == "5+5"]
    assert event.source_document_count == 2
    again = mentions_of("The Nordic-Baltic 5+5 meeting was held on March 8, 2025.", doc="c")
    assert all(e.source_document_count == 1 for e in _resolve(held, again, transcript).events if e.alias_key == "5+5")


def test_a_place_in_a_relative_clause_of_another_noun_is_not_the_events() -> None:
    (row,) = mentions_of("During the 5+5 meeting, I raised the incident that happened in Valletta.").event_mentions
    assert row.place is None
    for text in (
        "The Harbour Conference, which will be held in Valletta in June, matters.",
        "The Harbour Conference (HC), which will be held in Valletta, matters.",
        "The Harbour Conference — the ninth one — which will be held in Valletta, matters.",
    ):
        places = [m.place for m in mentions_of(text).event_mentions if "Conference" in m.name]
        assert places and places[0] == "Valletta", text


def _people_links(doc: str, **keys: str) -> list[PersonLink]:
    return [PersonLink(doc, key, person_id) for key, person_id in keys.items()]


def test_unnamed_talks_join_the_named_gathering_of_their_participant_that_day() -> None:
    readout = mentions_of(
        "On March 9, 2026, Prime Minister Moreau received a courtesy call from Minister Okafor. "
        "The Courtesy Call on Prime Minister Moreau was attended by Minister Okafor.",
        people=[person("m", "Moreau"), person("o", "Okafor")],
        doc="a",
    )
    news = mentions_of(
        "Summary\nMarch 9, 2026\nMoreau vowed to deepen ties in his talks with foreign guests today. "
        "Moreau said the talks today were long. Moreau left the talks today.",
        kind="news",
        people=[person("m", "Moreau")],
        doc="b",
    )
    other = mentions_of(
        "Summary\nMarch 9, 2026\nLindqvist held talks with the press today.",
        kind="news",
        people=[person("l", "Lindqvist")],
        doc="c",
    )
    links = _people_links("a", m="P_M", o="P_O") + _people_links("b", m="P_M") + _people_links("c", l="P_L")
    people = [
        Person("P_M", "Moreau", "Moreau", None, None, None, None, 2),
        Person("P_O", "Okafor", "Okafor", None, None, None, None, 1),
        Person("P_L", "Lindqvist", "Lindqvist", None, None, None, None, 1),
    ]
    resolution = _resolve(readout, news, other, links=links, people=people)
    call = next(e for e in resolution.events if e.source_document_count == 2)  # the readout and the 'talks'
    assert (call.kind, call.name) == ("courtesy_call", "Courtesy Call on Prime Minister Moreau")  # not renamed
    assert any(e.source_document_count == 1 and e.kind == "talks" for e in resolution.events)  # Lindqvist's stay apart


def test_a_first_time_claim_before_a_convening_verb_credits_what_was_convened() -> None:
    rows = mentions_of(
        "Separately from the 5+5 meeting, this time for the first time we conducted a ministerial meeting on grain."
    ).event_mentions
    firsts = {m.name: m.first_of_its_kind for m in rows}
    assert firsts == {"5+5 meeting": False, "ministerial meeting on grain": True}


def test_a_title_line_before_their_meeting_makes_the_meeting_the_transcripts_own() -> None:
    rows = mentions_of(
        "Secretary Moreau and Foreign Minister Okafor Before Their Meeting\nMarch 9, 2026\n\n"
        "SECRETARY MOREAU: Welcome.",
        kind="transcript",
    ).event_mentions
    meeting = next(m for m in rows if m.kind == "meeting")
    assert meeting.document_event and meeting.event_date == dt.date(2026, 3, 9)


def _names(text: str, **kwargs) -> list[str]:
    return [m.name for m in mentions_of(text, **kwargs).event_mentions]


def test_a_name_does_not_run_past_its_sentence_or_end_on_a_conjunction() -> None:
    assert _names("The ministers held talks on Friday. Valletta hosted them.") == ["talks"]
    assert _names("They went to Oslo for talks on renewing the accord.") == ["talks"]
    assert _names(
        "Minister Aalto will co-host the Nordic Council meeting with Finnish Foreign Minister Aino Virtanen and "
        "Minister of Defense Lahti."
    ) == ["Nordic Council meeting with Finnish Foreign Minister Aino Virtanen"]
    assert _names("We held a meeting on grain exports.") == ["meeting on grain exports"]  # a topic still counts
    assert _names("He stressed it in talks with the Finnish foreign minister on Sunday.") == [
        "talks with the Finnish foreign minister"
    ]  # not 'talks with the Finnish'
    assert _names("Tanabe held a summit meeting with H.E. Mr. KANG Min Jae, President of Ruritania.") == [
        "summit meeting with H.E. Mr. KANG Min Jae"
    ]  # a title's dot ends no sentence


def test_a_parenthesised_abbreviation_after_the_name_keys_it_and_a_two_word_country_is_one_party() -> None:
    result = mentions_of(
        "Oslo will host the 12th Norway-United States Ministerial Consultations (NORMIN). The NORMIN meeting "
        "follows the Norway-United States Summit."
    )
    first, second, summit = result.event_mentions
    assert (first.name, first.alias_key, first.kind) == (
        "Norway-United States Ministerial Consultations (NORMIN)", "normin", "ministerial_meeting",
    )  # fmt: skip
    assert first.parties == "NO|US" and second.alias_key == "normin"
    assert summit.parties == "NO|US" and summit.alias_key == "summit*"  # not a 'states' summit


def test_a_statement_titled_after_a_gathering_dates_it_by_the_statement() -> None:
    text = "Joint Statement on the Nordic-Baltic 5+5 Ministerial Dialogue\nMarch 10, 2026\nThe ministers met."
    (title,) = mentions_of(text, kind="statement").event_mentions
    assert (title.event_date, title.date_precision) == (dt.date(2026, 3, 10), "day")
    (news,) = mentions_of(text, kind="news").event_mentions  # a news headline is no record of the day
    assert news.event_date is None
    preview = "Minister Aalto to Travel to the Nordic-Baltic 5+5 Ministerial Dialogue\nMarch 10, 2026\nShe will go."
    (ahead,) = mentions_of(preview, kind="statement").event_mentions
    assert ahead.event_date is None


def test_a_place_after_another_mention_is_that_mentions() -> None:
    current, last = mentions_of(
        "It is good to have you at this meeting of NORMIN, following up on our last meeting in Oslo."
    ).event_mentions
    assert current.place is None and last.place == "Oslo"
    coordinated = mentions_of("They held the Nordic 5+5 and the Baltic Security Dialogue in Riga.").event_mentions
    assert [m.place for m in coordinated] == ["Riga", "Riga"]
    text = "They met in Riga at the Baltic summit, and later the 5+5 meeting convened."
    summit, later = mentions_of(text).event_mentions
    assert summit.place == "Riga" and later.place is None  # the place before the summit is the summit's
    (talks,) = mentions_of("They held talks on Sunday, and the two agreed to meet again in Oslo.").event_mentions
    assert talks.place is None  # where they will meet next


def test_a_mention_dated_to_a_year_joins_the_one_occurrence_dated_inside_it() -> None:
    held = mentions_of("The 5+5 meeting was held on March 8, 2026.", doc="a")
    recalled = mentions_of("Summary\nMarch 20, 2026\nThe statement marks the 5+5 meeting in 2026.", doc="b")
    (event,) = [e for e in _resolve(held, recalled).events if e.alias_key == "5+5"]
    assert event.source_document_count == 2 and event.date_precision == "day"
    twice = mentions_of(
        "The 5+5 meeting was held on March 8, 2026. Another 5+5 meeting was held on June 8, 2026.", doc="a"
    )
    assert len([e for e in _resolve(twice, recalled).events if e.alias_key == "5+5"]) == 3


def test_a_trigger_that_needs_a_name_is_no_event_alone() -> None:
    assert _names("We held consultations with Speaker Lahti and will keep up consultations.") == []
    assert _names("They held bilateral consultations in Oslo.") == ["bilateral consultations"]
    assert _names("Norway and Finland held ministerial consultations on Tuesday.") == ["ministerial consultations"]


def test_the_first_time_in_a_place_is_not_the_first_of_its_kind() -> None:
    (there,) = mentions_of("Their 5+5 Ministerial Dialogue was held for the first time in Valletta.").event_mentions
    assert not there.first_of_its_kind
    (ever,) = mentions_of("They convened a 5+5 Ministerial Meeting for the first time in history.").event_mentions
    assert ever.first_of_its_kind


def test_a_press_availability_and_a_working_breakfast_are_a_transcripts_own_occasion() -> None:
    for title, kind in (
        ("Secretary Aalto and Foreign Minister Virtanen Before a Working Breakfast", "meeting"),
        ("Secretary Aalto and Minister Virtanen at a Joint Press Availability", "press_conference"),
    ):
        text = f"{title}\nNovember 10, 2023\nSECRETARY AALTO: Thanks, everyone.\n"
        (own,) = mentions_of(text, kind="transcript").event_mentions
        assert (own.kind, own.event_date, own.document_event) == (kind, dt.date(2023, 11, 10), True)


def test_a_format_name_spelled_with_plus_is_one_name_word() -> None:
    (dialogue,) = mentions_of("The fifth Norway-U.S. 5 plus 5 Ministerial Dialogue was held.").event_mentions
    assert (dialogue.name, dialogue.alias_key) == ("Norway-U.S. 5 plus 5 Ministerial Dialogue", "5+5")
    assert normalise_number_format("the five-plus-five talks, 5 plus 5") == "the 5+5 talks, 5+5"
    assert normalise_number_format("two plus two is four") == "two plus two is four"


def test_a_news_storys_unnamed_talks_join_the_one_gathering_whose_participants_it_names() -> None:
    statement = mentions_of(
        "Summary\nMarch 9, 2026\nMinister Aalto will co-host the Nordic 5+5 Dialogue with Minister Virtanen on "
        "March 11, 2026.",
        people=[person("a", "Aalto"), person("v", "Virtanen")],
        doc="a",
    )
    story = mentions_of(
        "Summary\nMarch 12, 2026\nTheir top officials held talks on Wednesday. Aalto told a news conference the "
        "ties were strong. Virtanen agreed.",
        kind="news",
        people=[person("a", "Aalto"), person("v", "Virtanen")],
        doc="b",
    )
    people = [
        Person("P_A", "Aalto", "Aalto", None, None, None, None, 2),
        Person("P_V", "Virtanen", "Virtanen", None, None, None, None, 2),
    ]
    both = _people_links("a", a="P_A", v="P_V") + _people_links("b", a="P_A", v="P_V")
    resolution = _resolve(statement, story, links=both, people=people)
    (dialogue,) = [e for e in resolution.events if e.alias_key == "5+5"]
    assert dialogue.source_document_count == 2 and dialogue.start_date == dt.date(2026, 3, 11)
    one_named = _people_links("a", a="P_A", v="P_V") + _people_links("b", a="P_A")  # the story names only Aalto
    resolution = _resolve(statement, story, links=one_named, people=people)
    (dialogue,) = [e for e in resolution.events if e.alias_key == "5+5"]
    assert dialogue.source_document_count == 1


def test_a_sentence_opening_date_and_a_time_zone_aside() -> None:
    text = (
        "Nordic-Baltic 5+5 Summit (Summary)\nAugust 19, 2023\n"
        "On August 18, commencing at 11:30 a.m. (local time, on August 19, 0:30 a.m. Ruritania time), Prime "
        "Minister Tanabe, who is visiting the lakeside retreat of the President of the Republic, held a Nordic-Baltic "
        "5+5 Summit with the President."
    )
    from orchestration.extract.people import analyse_speakers

    speakers = analyse_speakers("d", text, "readout", {})
    title, body = analyse_time_and_events(
        "d", text, "readout", {}, speakers.utterances, speakers.sentences, speakers.local_people
    ).event_mentions
    assert body.event_date == dt.date(2023, 8, 18)  # the opening date, more than 150 characters away
    assert title.event_date == dt.date(2023, 8, 18)  # the title takes the date its text gives, not the 19th


def test_a_summit_named_only_by_its_parties_is_one_event_in_every_source_that_day() -> None:
    first = mentions_of("The Norway-Finland summit was held on March 8, 2026.", doc="a")
    second = mentions_of("Summary\nMarch 9, 2026\nThe Finland-Norway summit on March 8, 2026 went well.", doc="b")
    other_day = mentions_of("The Norway-Finland summit was held on May 8, 2026.", doc="c")
    unnamed = mentions_of("A summit was held on March 8, 2026.", doc="d")
    summits = [e for e in _resolve(first, second, other_day, unnamed).events if e.kind == "summit"]
    assert sorted(e.source_document_count for e in summits) == [1, 1, 2]


def test_a_summit_whose_parties_come_from_an_undated_title_joins_the_party_named_summit() -> None:
    """The release's title names the parties but no date; its body dates 'the Summit' by the release's day."""
    release = mentions_of(
        "Norway-Finland Summit: steady partners\nOslo, 8 March 2026\n\nThe Summit in Oslo on 8 March 2026 "
        "agreed a plan.",
        doc="a",
    )
    readout = mentions_of("Readout\nMarch 8, 2026\nThe Finland-Norway Summit was held today.", doc="b")
    summits = [e for e in _resolve(release, readout).events if e.kind == "summit"]
    assert [e.source_document_count for e in summits] == [2]


def test_a_wire_datelines_year_comes_from_the_nearest_dated_source() -> None:
    dated = mentions_of("Summary\nJuly 29, 2026\nThe Nordic 5+5 meeting was held on July 28, 2026.", doc="a")
    story = mentions_of("OSLO, July 28 (Wire) - The ministers held the Nordic 5+5 meeting today.", kind="news", doc="b")
    resolution = _resolve(dated, story)
    assert [(row.document_id, row.published_on) for row in resolution.inferred_document_dates] == [
        ("b", dt.date(2026, 7, 28))
    ]
    (meeting,) = [e for e in resolution.events if e.alias_key == "5+5"]
    assert meeting.source_document_count == 2
    far = mentions_of("Summary\nJuly 2, 2026\nThe Nordic 5+5 meeting was held.", doc="c")  # weeks away
    assert not _resolve(far, story).inferred_document_dates
    year_before = mentions_of("Summary\nJuly 28, 2025\nThe Nordic 5+5 meeting was held.", doc="d")
    plain = mentions_of("OSLO, July 28 (Wire) - The ministers spoke.", kind="news", doc="e")
    assert [row.document_id for row in _resolve(dated, plain).inferred_document_dates] == ["e"]
    assert not _resolve(dated, year_before, plain).inferred_document_dates  # two years fit: no guess


def test_a_numeric_date_line_is_read_in_the_order_that_puts_it_near_the_other_sources() -> None:
    dated = mentions_of("Summary\nAugust 6, 2026\nThe Nordic 5+5 meeting was held today.", doc="a")
    remarks = mentions_of("Remarks\n06/08/2026\nMINISTER AALTO: Welcome to the Nordic 5+5 meeting.", doc="b")
    resolution = _resolve(dated, remarks)
    assert [(row.document_id, row.published_on) for row in resolution.inferred_document_dates] == [
        ("b", dt.date(2026, 8, 6))
    ]  # 6 August, not June 8


def test_a_trilateral_summit_is_the_three_party_summit_of_that_day() -> None:
    summary = mentions_of("On March 8, 2026, the leaders held a Norway-Finland-Sweden Summit.", doc="a")
    story = mentions_of("The trilateral summit meeting was held on March 8, 2026.", doc="b")
    two_party = mentions_of("On March 8, 2026, the leaders held a Norway-Finland Summit.", doc="c")
    events = [e for e in _resolve(summary, story, two_party).events if e.kind == "summit"]
    assert sorted(e.source_document_count for e in events) == [1, 2]  # the bilateral one stays apart


def test_an_abbreviated_month_is_no_place() -> None:
    rows = mentions_of(
        "The two ministers will hold talks in Sept. in Oslo, officials said.", kind="news"
    ).event_mentions
    assert [m.place for m in rows] == ["Oslo"]
    rows = mentions_of("The two ministers will hold talks in Sept. 5, officials said.", kind="news").event_mentions
    assert [m.place for m in rows] == [None]


def test_a_headline_verb_is_not_part_of_an_event_name() -> None:
    text = "Secretary Aalto and Minister Lund Conduct Press Conference\nMay 4, 2026\n\nThey spoke to reporters."
    names = [m.name for m in mentions_of(text).event_mentions]
    assert names and all(not name.startswith(("Lund", "Conduct")) for name in names), names
    assert "Press Conference" in names


def test_a_date_after_since_starts_a_period_and_dates_no_event() -> None:
    text = (
        "Press Conference\nTuesday, May 5, 2026\n\n"
        "MINISTER AALTO: I have been visiting Oslo since yesterday and have just concluded the Nordic 5+5 meeting."
    )
    (mention,) = [m for m in mentions_of(text).event_mentions if m.alias_key == "5+5"]
    assert mention.event_date != dt.date(2026, 5, 4)


def test_parties_are_country_codes_whatever_name_or_order_a_source_prints() -> None:
    from orchestration.extract.events import parties_of

    assert parties_of("ROK-Japan-China") == parties_of("Korea-Japan-China") == "CN|JP|KR"
    # a bracketed country abbreviation spells out a party; it does not name the event
    assert core_of_name("Ninth Norway-China-Republic of Korea (ROK) Trilateral Summit", "summit") == "trilateral"
    first = mentions_of("The South Korea-Norway summit was held on March 8, 2026.", doc="a")
    second = mentions_of("Readout\nMarch 9, 2026\nThe Norway-ROK summit on March 8, 2026 went well.", doc="b")
    summits = [e for e in _resolve(first, second).events if e.kind == "summit"]
    assert [e.source_document_count for e in summits] == [2]


def test_an_event_named_only_by_its_kind_says_where_it_was() -> None:
    text = (
        "Summary\nMarch 3, 2025\nBuilding on the November 2024 meeting in Port Vale where they spoke, "
        "the ministers held the Lakeside Summit on March 2, 2025."
    )
    result = mentions_of(text)
    resolution = resolve_events(result.event_mentions, [result.document_date], result.time_expressions, [])
    names = sorted(e.name for e in resolution.events)
    assert names == ["Lakeside Summit", "meeting in Port Vale"]


def test_a_transcript_titled_as_spoken_at_an_occasion_is_that_event() -> None:
    text = "East Room\n\n8:27 P.M. EDT\n\nTHE PRESIDENT: Please be seated. Welcome, everyone."
    start = text.index("THE PRESIDENT")
    utterances = [
        Utterance(
            document_id="d",
            utterance_id="d-u00001",
            utterance_index=1,
            turn_index=1,
            speaker_label="THE PRESIDENT",
            speaker_kind="official",
            is_interpreted=False,
            char_start=start + len("THE PRESIDENT: "),
            char_end=len(text),
            label_start=start,
            label_end=start + len("THE PRESIDENT:"),
            local_person_key=None,
        )
    ]
    for title, kind in [
        ("Remarks by President Doe and Prime Minister Roe of Ruritania at State Dinner", "ceremony"),
        ("Remarks by President Doe in Address to the Parliament of Ruritania", "speech"),
    ]:
        meta = {"date": "2031-06-22", "title": title}
        events = [m for m in mentions_of(text, kind="transcript", metadata=meta, utterances=utterances).event_mentions]
        assert [(m.kind, m.document_event, str(m.event_date), m.start_time) for m in events] == [
            (kind, True, "2031-06-22", "20:27")
        ]
    meta = {"date": "2031-06-22", "title": "Remarks by President Doe on the economy"}
    assert mentions_of(text, kind="transcript", metadata=meta, utterances=utterances).event_mentions == []


def test_generic_events_at_one_place_and_date_merge_across_documents() -> None:
    first = mentions_of("We recalled the meeting in Bergen in May 2029.", metadata={"date": "2031-01-05"}, doc="a")
    second = mentions_of("Officials met again, after the meeting in Bergen in May 2029.", doc="b")
    elsewhere = mentions_of("The meeting in Tromsø in May 2029 was short.", doc="c")
    mentions = first.event_mentions + second.event_mentions + elsewhere.event_mentions
    dates = [first.document_date, second.document_date, elsewhere.document_date]
    resolution = resolve_events(mentions, dates, first.time_expressions + second.time_expressions, [])
    by_place = {(e.place, e.start_date, e.source_document_count) for e in resolution.events if e.place}
    assert by_place == {("Bergen", dt.date(2029, 5, 1), 2), ("Tromsø", dt.date(2029, 5, 1), 1)}


def test_a_happening_joins_the_transcript_event_of_its_day_that_shares_a_proper_word() -> None:
    title = "Remarks by President Moreau in Address to the Storting"
    address = mentions_of(
        "PRESIDENT MOREAU: Thank you.", kind="transcript", metadata={"date": "2031-05-10", "title": title}, doc="a"
    )
    gala = mentions_of(
        "In my speech to the Storting earlier today, I spoke of fish.", metadata={"date": "2031-05-10"}, doc="b"
    )
    other = mentions_of("In my speech to the Council today, I spoke of fish.", metadata={"date": "2031-05-10"}, doc="c")
    mentions = address.event_mentions + gala.event_mentions + other.event_mentions
    dates = [address.document_date, gala.document_date, other.document_date]
    resolution = resolve_events(mentions, dates, gala.time_expressions + other.time_expressions, [])
    by_name = {e.name: e for e in resolution.events}
    assert by_name[title].source_document_count == 2 and by_name[title].kind == "speech"
    assert by_name["In my speech to the Council today"].source_document_count == 1


def test_the_hosts_name_joins_no_happening_and_two_places_keep_two_occasions() -> None:
    def transcript(title: str, doc: str):
        return mentions_of(
            "THE PRESIDENT: Thank you.", kind="transcript", metadata={"date": "2031-05-10", "title": title}, doc=doc
        )

    talks = transcript("Remarks by President Moreau and President Rivlo Before Bilateral Meeting", "a")
    other = transcript("Remarks by President Moreau at State Dinner", "c")
    third = transcript("Remarks by President Moreau in Address to the Storting", "e")
    readout = mentions_of(
        "President Moreau met today with advisers on voting rights.", metadata={"date": "2031-05-10"}, doc="b"
    )
    parts = [talks, other, third, readout]
    mentions = [m for part in parts for m in part.event_mentions]
    resolution = resolve_events(mentions, [p.document_date for p in parts], readout.time_expressions, [])
    assert max(e.source_document_count for e in resolution.events) == 1  # 'Moreau' names every occasion

    bergen = "Remarks by President Moreau at a Campaign Reception | Bergen, Norway"
    oslo = "Remarks by President Moreau at a Campaign Reception | Oslo, Norway"
    first = mentions_of(
        "Bergen, Hordaland\n6:00 P.M. CET\n\nTHE PRESIDENT: Hi.",
        kind="transcript",
        metadata={"date": "2031-05-10", "title": bergen},
        doc="f",
    )
    second = mentions_of(
        "Oslo, Viken\n9:00 P.M. CET\n\nTHE PRESIDENT: Hi.",
        kind="transcript",
        metadata={"date": "2031-05-10", "title": oslo},
        doc="g",
    )
    resolution = resolve_events(
        first.event_mentions + second.event_mentions, [first.document_date, second.document_date], [], []
    )
    assert len({e.event_id for e in resolution.events}) == len(resolution.events) == 2


def test_the_extractor_version_covers_the_events_package(monkeypatch) -> None:
    from pathlib import Path

    from orchestration.extract import pipeline

    corpus = Path(pipeline.__file__).parent / "events" / "corpus.py"
    read_bytes = Path.read_bytes
    pipeline.extractor_version.cache_clear()
    before = pipeline.extractor_version()
    monkeypatch.setattr(Path, "read_bytes", lambda path: read_bytes(path) + (b"#" if path == corpus else b""))
    pipeline.extractor_version.cache_clear()
    try:
        assert pipeline.extractor_version() != before  # an edit inside the package re-extracts
    finally:
        monkeypatch.undo()
        pipeline.extractor_version.cache_clear()
