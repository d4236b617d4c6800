"""The time/event library on the project's own seed copy: the acceptance facts of the events issue.

Runs the per-document analysis (with the real cleaning and speaker stages) and the corpus-level
resolution on seeds/*.txt, then checks the facts the issue names and event recall by the gold rules
(an event matches when a gold `match` key is a substring of the lowercased event name and the
date agrees at the gold precision). The gold file lives in ../shared and is optional.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from orchestration.extract import cleaning, people
from orchestration.extract.events import EventResolution, TimeEventAnalysis, analyse_time_and_events, resolve_events
from orchestration.extract.readers import document_id_for
from orchestration.extract.records import SourceDocument

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seed_corpus.yml"


class SeedRun:
    def __init__(self) -> None:
        self.analyses: dict[str, TimeEventAnalysis] = {}
        self.texts: dict[str, str] = {}
        local_people = []
        for path in sorted(SEEDS.glob("*.txt")):
            document_id = document_id_for(path.name)
            source = SourceDocument(document_id, path.name, "txt", path.read_text(encoding="utf-8"), {})
            clean = cleaning.clean_document(source)
            speakers = people.analyse_speakers(document_id, clean.clean_text, clean.kind, {})
            self.analyses[path.name] = analyse_time_and_events(
                document_id, clean.clean_text, clean.kind, {}, speakers.utterances, speakers.sentences,
                speakers.local_people,
            )  # fmt: skip
            self.texts[path.name] = clean.clean_text
            local_people.extend(speakers.local_people)
        persons, links = people.resolve_people(local_people)
        self.family = {person.person_id: person.family_name for person in persons}
        analyses = list(self.analyses.values())
        self.resolution: EventResolution = resolve_events(
            [m for a in analyses for m in a.event_mentions],
            [a.document_date for a in analyses],
            [t for a in analyses for t in a.time_expressions],
            links,
        )

    def document_id(self, prefix: str) -> str:
        return next(a.document_date.document_id for name, a in self.analyses.items() if name.startswith(prefix))

    def events_named(self, word: str) -> list:
        return [event for event in self.resolution.events if word in event.name.lower()]


@functools.lru_cache(maxsize=1)
def seed_run() -> SeedRun:
    if not any(SEEDS.glob("*.txt")):
        pytest.skip("no seeds/*.txt in this checkout")
    return SeedRun()


def test_courtesy_call_date_start_and_duration() -> None:
    calls = [e for e in seed_run().events_named("courtesy call") if e.start_date == dt.date(2024, 7, 29)]
    assert len(calls) == 1
    assert (calls[0].start_time, calls[0].duration_minutes, calls[0].date_precision) == ("15:10", 20, "day")


def test_two_plus_two_and_extended_deterrence_are_two_events_on_july_28() -> None:
    run = seed_run()
    day = dt.date(2024, 7, 28)
    two_plus_two = [e for e in run.resolution.events if e.alias_key == "2+2" and e.start_date == day]
    deterrence = [e for e in run.events_named("extended deterrence") if e.start_date == day]
    assert len(two_plus_two) == 1 and len(deterrence) == 1
    assert two_plus_two[0].event_id != deterrence[0].event_id
    assert two_plus_two[0].source_document_count >= 3
    assert deterrence[0].first_of_its_kind


def test_transcript_without_date_is_inferred_from_todays_two_plus_two() -> None:
    run = seed_run()
    transcript = run.document_id("004")
    assert run.analyses[next(n for n in run.analyses if n.startswith("004"))].document_date.published_on is None
    inferred = {d.document_id: d for d in run.resolution.inferred_document_dates}
    assert inferred[transcript].published_on == dt.date(2024, 7, 28)
    assert inferred[transcript].published_on_method == "inferred"


def test_news_on_monday_resolves_once_another_source_dates_the_two_plus_two() -> None:
    run = seed_run()
    news = run.document_id("003")
    mondays = [t for t in run.resolution.time_expressions if t.document_id == news and t.text == "Monday"]
    assert mondays and all(t.value == "2024-07-29" and t.method == "inferred" for t in mondays)
    assert news not in {d.document_id for d in run.resolution.inferred_document_dates}  # a week pinned, not a day


def test_stated_document_date_of_the_readout() -> None:
    run = seed_run()
    analysis = run.analyses[next(n for n in run.analyses if n.startswith("000"))]
    date = analysis.document_date
    assert (date.published_on, date.published_on_method) == (dt.date(2024, 7, 29), "stated")
    assert (
        run.texts[next(n for n in run.analyses if n.startswith("000"))][date.char_start : date.char_end]
        == "July 29, 2024"
    )
    undated = [a for n, a in run.analyses.items() if not n.startswith("000")]
    assert all(a.document_date.published_on is None for a in undated)


def test_press_conference_participants_are_its_official_speakers() -> None:
    run = seed_run()
    conference = [e for e in run.events_named("press conference") if e.start_date == dt.date(2024, 7, 28)]
    assert conference
    ids = {p.person_id for p in run.resolution.participants if p.event_id == conference[0].event_id}
    assert {run.family[i] for i in ids} >= {"Kamikawa", "Kihara", "Blinken", "Austin"}


def test_offsets_of_mentions_and_expressions_point_at_their_text() -> None:
    run = seed_run()
    for name, analysis in run.analyses.items():
        text = run.texts[name]
        for row in [*analysis.time_expressions, *analysis.event_mentions]:
            if row.char_end:
                assert text[row.char_start : row.char_end] == row.text


def _gold_events() -> list[dict]:
    if not GOLD.exists():
        pytest.skip("../shared/gold/seed_corpus.yml is absent")
    import yaml

    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))["events"]


def _date_matches(event, gold_date) -> bool:
    if event.start_date is None:
        return False
    if isinstance(gold_date, dt.date):
        return event.start_date == gold_date and event.date_precision == "day"
    text = str(gold_date)
    return event.start_date.isoformat().startswith(text) and event.date_precision == (
        "month" if len(text) == 7 else "year"
    )


def _matches(event, gold: dict) -> bool:
    name = event.name.lower()
    if not any(key in name for key in gold["match"]) or not _date_matches(event, gold["date"]):
        return False
    return "start_time" not in gold or event.start_time == gold["start_time"]


def test_event_recall_by_the_gold_rules() -> None:
    gold = _gold_events()
    events = seed_run().resolution.events
    found = [g["name"] for g in gold if any(_matches(event, g) for event in events)]
    missing = [g["name"] for g in gold if g["name"] not in found]
    assert len(found) / len(gold) >= 0.8, missing


def test_month_precision_events_and_monday_talks() -> None:
    run = seed_run()
    visits = [e for e in run.events_named("visit") if e.start_date == dt.date(2024, 4, 1)]
    assert visits and all(e.date_precision == "month" for e in visits)
    previous = [e for e in run.resolution.events if e.alias_key == "2+2" and e.start_date == dt.date(2023, 1, 1)]
    assert previous and previous[0].date_precision == "month"
    assert [e for e in run.events_named("bilateral") if e.start_date == dt.date(2024, 7, 29)]
