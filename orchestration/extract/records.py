"""Row types the extract library produces, one NamedTuple per staging table.

NamedTuples (not dataclasses) because the writer turns lists of them into Arrow
columns with a single ``zip(*rows)``; that keeps the per-row cost near zero at
tens of thousands of documents. Field names are the staging column names.

Offsets (``char_start``/``char_end``) always index the document's stored clean
text (``staging.documents.clean_text``), half-open: ``text[char_start:char_end]``.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple


class SourceDocument(NamedTuple):
    """A decoded input file, before cleaning (produced by ``readers``)."""

    document_id: str
    file_name: str  # path relative to the source folder
    format: str  # txt | md | html
    text: str  # decoded text (front matter removed for .md, tags removed for .html)
    metadata: dict  # front matter / sidecar / HTML <meta>: title, date, source_url, publisher ...


class RemovedSpan(NamedTuple):
    """A boilerplate line removed from the text before it became clean text."""

    document_id: str
    line_index: int  # 0-based line number in the pre-clean text
    text: str
    rule: str  # which boilerplate rule matched


class CleanDocument(NamedTuple):
    """Clean text plus what the text says about the document itself."""

    clean_text: str
    removed: list[RemovedSpan]
    kind: str  # transcript | readout | statement | news | index | other
    title: str | None
    republished_from: str | None  # e.g. 'Department of State' for a syndicated copy
    publisher: str | None


class Utterance(NamedTuple):
    """A speaker turn (transcripts) or a narration block (everything else)."""

    document_id: str
    utterance_id: str  # f"{document_id}-u{utterance_index:05d}"
    utterance_index: int  # 1-based, every utterance in document order
    turn_index: int | None  # 1-based over labelled turns; None for narration
    speaker_label: str | None  # as printed, without the colon and interpreter marker
    speaker_kind: str  # official | moderator | questioner | interpreter | narrator
    is_interpreted: bool
    char_start: int  # start of the spoken text (after the label)
    char_end: int
    label_start: int | None  # span of the printed label, when there is one
    label_end: int | None
    local_person_key: str | None  # who speaks, as a key into LocalPerson of this document


class Sentence(NamedTuple):
    document_id: str
    sentence_id: str  # f"{document_id}-s{sentence_index:06d}"
    sentence_index: int  # 1-based in the document
    utterance_id: str
    char_start: int
    char_end: int


class PersonMention(NamedTuple):
    document_id: str
    mention_id: str  # f"{document_id}-p{index:05d}"
    char_start: int
    char_end: int
    text: str  # exactly clean_text[char_start:char_end]
    source: str  # label | prose | self_intro | called_on | address
    utterance_id: str | None
    local_person_key: str


class LocalPerson(NamedTuple):
    """One person as known inside one document (mentions already merged there)."""

    document_id: str
    local_person_key: str  # unique within the document
    family_name: str | None
    given_name: str | None
    name_as_printed: str  # the fullest form seen in the document
    family_name_first: bool  # True for Japanese/Korean/Chinese order display
    role: str | None  # 'Secretary of State', 'Prime Minister', 'journalist' ...
    country: str | None  # ISO-3166 alpha-2 where known ('US', 'JP', 'KR')
    organization: str | None  # outlet for journalists, ministry/agency for officials
    mention_count: int


class Person(NamedTuple):
    """One real person across the corpus (``dim_person``)."""

    person_id: str
    display_name: str
    family_name: str | None
    given_name: str | None
    role: str | None
    country: str | None
    organization: str | None
    mention_count: int


class PersonLink(NamedTuple):
    """Which corpus person a document-local person is."""

    document_id: str
    local_person_key: str
    person_id: str


class TimeExpression(NamedTuple):
    document_id: str
    timex_id: str  # f"{document_id}-t{index:05d}"
    char_start: int
    char_end: int
    text: str
    kind: str  # date | time | duration | relative | set
    value: str | None  # ISO value: '2024-07-29', '2024-07', '2024', '15:10', 'PT20M'
    precision: str | None  # day | month | year | minute
    anchor_date: dt.date | None  # the date a relative expression was resolved against
    method: str  # stated | metadata | relative | inferred | unresolved
    direction: str | None  # past | future | None
    utterance_id: str | None


class EventMention(NamedTuple):
    document_id: str
    event_mention_id: str  # f"{document_id}-e{index:05d}"
    char_start: int
    char_end: int
    text: str
    name: str  # normalised event name
    kind: str  # ministerial_meeting | press_conference | courtesy_call | visit | election | call | summit ...
    alias_key: str  # canonical key used for merging ('2+2', 'quad', 'extended deterrence' ...)
    event_date: dt.date | None
    date_precision: str | None  # day | month | year
    date_method: str | None  # stated | metadata | relative | inferred
    start_time: str | None  # 'HH:MM'
    duration_minutes: int | None
    place: str | None
    participant_keys: tuple[str, ...]  # LocalPerson keys of this document
    first_of_its_kind: bool
    utterance_id: str | None
    # Added by the time/event library (defaults keep older constructors valid):
    timex_id: str | None = None  # the time expression that dated this mention (re-resolved at corpus level)
    document_event: bool = False  # the document itself records this event (a press-conference transcript)
    parties: str | None = None  # sorted party codes ('JP|US', 'US|asean'); mentions with other parties never merge
    other_occurrence: bool = False  # 'our last 2+2', 'the next summit': not the occasion the document is about


class DocumentDate(NamedTuple):
    document_id: str
    published_on: dt.date | None
    published_on_method: str  # stated | metadata | inferred | unknown
    char_start: int | None  # span of the stated date, when stated
    char_end: int | None
    document_kind: str | None = None  # added: corpus inference skips index pages (their excerpts quote other days)
