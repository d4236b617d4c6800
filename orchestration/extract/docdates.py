"""Document dates: when a document was published, and how we know.

Order of trust: metadata the user or publisher attached (sidecar ``published_on``, front matter
``date``) over a date line the document prints about itself near its top. Anything else (a
date in the body, the date of an event the text mentions) is not the document's own date and is
never used here; corpus-level inference from other documents lives in ``events.resolve_events``
and is labelled ``inferred``. When neither source exists the date is None / 'unknown'.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil import parser as date_parser

from orchestration.extract.records import DocumentDate
from orchestration.extract.reference import load_reference, reference_dir
from orchestration.extract.timex import MONTH_FULL, MONTH_NUMBERS

METADATA_DATE_KEYS: tuple[str, ...] = ("published_on", "date", "published", "publication_date", "published_time")
TOP_OF_DOCUMENT_CHARS = 800
TOP_OF_DOCUMENT_LINES = 8

_MONTH = (  # any case: 'Posted On: 07 AUG 2024'
    r"(?i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_LABEL = r"(?:(?:Date|Dated|Published|Released|Posted|Issued|Updated)(?:\s+[Oo]n)?\s*:?\s*)?"
_CLOCK = r"\d{1,2}:\d\d(?::\d\d)?(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]+[A-Z]{2,4})?"
# The place a clock time is local to: '5:14 p.m. Philippines (Manila)', '10:00 a.m. (Tokyo)'.
_CLOCK_PLACE = r"(?:[ \t]+\(?[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+){0,2}\)?(?:[ \t]+\([A-Z][A-Za-z ]{1,30}\))?)?"
# Where the document was issued, before its date: 'Beijing, 7 December 2023', 'Washington, D.C., July 29, 2024'.
_PLACE = r"(?:[A-Z][A-Za-z.'’ -]{1,40},[ \t]+){0,2}"
# A line that is only a date: optionally labelled or placed, optionally with a clock time before it ('20:00
# JST, July 29, 2024', '09:39 AM July 30, 2024') or after it ('2021-03-18 11:44:53'), and an update note
# after ('| Updated 12:13 pm IST').
_DATE_LINE = re.compile(
    rf"^[ \t]*{_LABEL}{_PLACE}(?:{_CLOCK},?[ \t]+)?{_WEEKDAY}(?:"
    rf"(?P<mdy_month>{_MONTH})\s+(?P<mdy_day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_year>(?:19|20)\d\d)"
    rf"|(?P<dmy_day>\d{{1,2}})\s+(?P<dmy_month>{_MONTH})\s+(?P<dmy_year>(?:19|20)\d\d)"
    rf"|(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)"
    rf")(?:[ \t]*(?:,|at|[-–|])?[ \t]*{_CLOCK}{_CLOCK_PLACE})?"
    rf"(?:[ \t]*\|[ \t]*(?:Updated|Last [Uu]pdated|Modified)\b[^\n]{{0,80}})?[ \t]*$",
    re.MULTILINE,
)


# A wire dateline: 'TOKYO, July 28 (Reuters) -', 'New Delhi, July 29 (IANS)', 'Maryland, August 7' alone on
# its line. It gives the month and day only; events.resolve_events finds the year from other sources.
_DATELINE = re.compile(
    rf"^[ \t]*[A-Z][A-Za-z.'’ -]{{1,40}},[ \t]+(?P<month_day>{_MONTH}[ \t]+\d{{1,2}})"
    r"(?=[ \t]*(?:\(|[-–—]|$))",
    re.MULTILINE,
)


_NUMERIC_DATE_LINE = re.compile(
    r"^[ \t]*(?P<month_day>(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<year>(?:19|20)\d\d))[ \t]*$", re.MULTILINE
)


def parse_metadata_date(value: object) -> dt.date | None:
    """A date from metadata: date/datetime objects, 'YYYY-MM-DD', or a timestamp string.

    dateutil is used only for the rare non-ISO string, on a single short value per document.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return date_parser.parse(text, default=dt.datetime(1, 1, 1)).date() if re.search(r"\d{4}", text) else None
    except (ValueError, OverflowError):
        return None


def date_from_metadata(metadata: dict | None) -> dt.date | None:
    """The first usable metadata date, sidecar 'published_on' before front matter 'date'."""
    for key in METADATA_DATE_KEYS:
        if metadata and key in metadata:
            parsed = parse_metadata_date(metadata[key])
            if parsed is not None:
                return parsed
    return None


def find_stated_date(clean_text: str) -> tuple[dt.date, int, int] | None:
    """A date line near the top of the document (under the title), with its span.

    Only a line that is nothing but a date counts: a date inside a sentence ('On July 29, 2024,
    ... received') is about an event, not necessarily about when the document appeared.
    """
    top = clean_text[:TOP_OF_DOCUMENT_CHARS]
    line_limit = _offset_after_lines(top, TOP_OF_DOCUMENT_LINES)
    for match in _DATE_LINE.finditer(top, 0, line_limit):
        parsed = _date_from_line_match(match)
        if parsed is not None:
            start, end = _strip_span(clean_text, match.start(), match.end())
            return parsed, start, end
    for match in _NUMERIC_DATE_LINE.finditer(top, 0, line_limit):
        readings = _readings_of(match)
        if len(readings) == 1:  # '7/29/2024' or '29/07/2024': only one part can be the month
            start, end = _strip_span(clean_text, match.start(), match.end())
            return readings[0], start, end
    return None


def numeric_date_readings(first: str, second: str, year: str) -> list[dt.date]:
    """The distinct dates 'first/second/year' can be: month first, then day first ('06/08/2024':
    June 8 and 6 August; '7/29/2024': July 29 only)."""
    readings: list[dt.date] = []
    for month, day in ((first, second), (second, first)):
        try:
            reading = dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if reading not in readings:
            readings.append(reading)
    return readings


def _offset_after_lines(text: str, lines: int) -> int:
    position = 0
    for _ in range(lines):
        newline = text.find("\n", position)
        if newline < 0:
            return len(text)
        position = newline + 1
    return position


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _date_from_line_match(match: re.Match[str]) -> dt.date | None:
    try:
        if match["mdy_year"]:
            month = MONTH_NUMBERS[match["mdy_month"].lower().rstrip(".")]
            return dt.date(int(match["mdy_year"]), month, int(match["mdy_day"]))
        if match["dmy_year"]:
            month = MONTH_NUMBERS[match["dmy_month"].lower().rstrip(".")]
            return dt.date(int(match["dmy_year"]), month, int(match["dmy_day"]))
        return dt.date(int(match["iso_year"]), int(match["iso_month"]), int(match["iso_day"]))
    except (ValueError, KeyError):
        return None


def find_document_date(
    document_id: str, clean_text: str, metadata: dict | None, kind: str | None = None
) -> DocumentDate:
    """published_on with its method: metadata, else stated (with the span), else unknown."""
    from_metadata = date_from_metadata(metadata)
    if from_metadata is not None:
        return DocumentDate(document_id, from_metadata, "metadata", None, None, kind)
    stated = find_stated_date(clean_text)
    if stated is not None:
        day, start, end = stated
        return DocumentDate(document_id, day, "stated", start, end, kind)
    dateline = find_dateline(clean_text)
    if dateline is not None:  # no date yet: the span of the month and day a dateline gives
        return DocumentDate(document_id, None, "unknown", dateline[0], dateline[1], kind)
    return DocumentDate(document_id, None, "unknown", None, None, kind)


def find_dateline(clean_text: str) -> tuple[int, int] | None:
    """The span of a date the top of the document gives only in part: a wire dateline's month and
    day ('TOKYO, July 28 (Reuters) -'), or a numeric date line whose day and month order is unknown
    ('06/08/2024': June 8 in Washington, 6 August in Canberra)."""
    top = clean_text[:TOP_OF_DOCUMENT_CHARS]
    limit = _offset_after_lines(top, TOP_OF_DOCUMENT_LINES)
    ambiguous = (m for m in _NUMERIC_DATE_LINE.finditer(top, 0, limit) if len(_readings_of(m)) == 2)
    match = _DATELINE.search(top, 0, limit) or next(ambiguous, None)
    return match.span("month_day") if match else None


def _readings_of(match: re.Match[str]) -> list[dt.date]:
    return numeric_date_readings(match["first"], match["second"], match["year"])


# A transcript's heading clock, alone on its line: '2:44 P.M. EST', '10:05 a.m. PDT'.
_HEADING_CLOCK = re.compile(
    r"^[ \t]*(?P<hour>\d{1,2}):(?P<minute>\d\d)[ \t]*(?P<half>[AaPp])\.?[Mm]\.?(?:[ \t]+(?P<zone>[A-Z]{2,5}))?[ \t]*$",
    re.MULTILINE,
)
PUBLICATION_TIME_KEYS = ("published_time", "published_at", "article:published_time")


def day_spoken(
    document_date: DocumentDate, clean_text: str, metadata: dict | None, kind: str, heading_end: int
) -> dt.date | None:
    """The day a transcript's words were spoken, when that is not the day it was published.

    A transcript is published after its event. Two signs say it was spoken before its publication day:
    - its title or URL prints a date up to ``SPOKEN_DAYS_BEFORE`` days earlier ('Press Briefing ...,
      November 13, 2023' published on the 14th);
    - it was published in the small hours (before ``SMALL_HOURS_END``, publication time) and the clock
      printed in its heading ('5:20 P.M. PST', before ``heading_end``) is later than that: an evening
      event published after midnight. Later in the day a publication time is often when the page was
      scheduled, before the event, and says nothing.
    The clock's zone is read from ``ref_time_zones.csv``; a clock without a zone is read in the
    publication's own. None when nothing says so (the usual case).
    """
    if kind != "transcript" or document_date.published_on is None or document_date.published_on_method != "metadata":
        return None
    printed = _date_in_title_or_url(metadata)
    if printed is not None:
        gap = (document_date.published_on - printed).days
        return printed if 0 < gap <= SPOKEN_DAYS_BEFORE else None
    published = _publication_time(metadata)
    if published is not None and published.hour >= SMALL_HOURS_END:
        return None
    clock = _HEADING_CLOCK.search(clean_text, 0, heading_end)
    if published is None or clock is None or published.date() != document_date.published_on:
        return None
    hour = int(clock["hour"]) % 12 + (12 if clock["half"].lower() == "p" else 0)
    if hour > 23 or int(clock["minute"]) > 59:
        return None
    offset = _zone_offsets().get(clock["zone"] or "")
    zone = dt.timezone(dt.timedelta(minutes=offset)) if offset is not None else published.tzinfo
    if clock["zone"] and offset is None:
        return None  # a zone we cannot read: no comparison
    spoken = dt.datetime.combine(published.date(), dt.time(hour, int(clock["minute"])), tzinfo=zone)
    return document_date.published_on - dt.timedelta(days=1) if spoken > published else None


SPOKEN_DAYS_BEFORE = 3
SMALL_HOURS_END = 6
# 'November 13, 2023' in a title; '-november-13-2023' in a URL slug.
_TITLE_OR_SLUG_DATE = re.compile(
    rf"(?i)\b(?P<month>{MONTH_FULL})[\s-]+(?P<day>\d{{1,2}})(?:,\s*|-)(?P<year>(?:19|20)\d\d)\b"
)


def _date_in_title_or_url(metadata: dict | None) -> dt.date | None:
    for key in ("title", "source_url", "url", "canonical_url"):
        value = (metadata or {}).get(key)
        match = _TITLE_OR_SLUG_DATE.search(value) if isinstance(value, str) else None
        if match:
            try:
                return dt.date(int(match["year"]), MONTH_NUMBERS[match["month"].lower()], int(match["day"]))
            except (ValueError, KeyError):
                continue
    return None


def _publication_time(metadata: dict | None) -> dt.datetime | None:
    """The publication instant, when the metadata prints one with its UTC offset."""
    for key in PUBLICATION_TIME_KEYS:
        value = (metadata or {}).get(key)
        if isinstance(value, dt.datetime):
            moment = value
        elif isinstance(value, str) and ":" in value:
            try:
                moment = dt.datetime.fromisoformat(value.strip())
            except ValueError:
                continue
        else:
            continue
        if moment.tzinfo is not None:
            return moment
    return None


@functools.lru_cache(maxsize=4)
def _zone_offsets_of(_folder: str) -> dict[str, int]:
    return {row["abbreviation"].strip(): int(row["utc_offset_minutes"]) for row in load_reference("ref_time_zones")}


def _zone_offsets() -> dict[str, int]:
    return _zone_offsets_of(str(reference_dir()))
