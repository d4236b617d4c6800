"""Time expressions: find dates, times, durations and relative expressions, and resolve them.

Candidate-first: a handful of compiled module-level regexes run over the whole text
(the regex engine does the scanning in C), overlaps are settled longest-first, and only
the few matches get Python-level work. No date library is called per token; the
calendar arithmetic a relative expression needs (weekday, month, period, 'N days ago')
is small and explicit here so every resolved value can be explained from its columns:
expression, anchor date, method, precision and direction.

Methods: ``stated`` (the text gives the full date), ``relative`` (resolved against a
stated or metadata document date), ``inferred`` (resolved against an anchor that was
itself inferred, or a year taken from another date of the same document),
``unresolved`` (no anchor to resolve against; resolvable later by ``resolve_relative``).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import re
from typing import NamedTuple

from orchestration.extract.records import Sentence, TimeExpression, Utterance

MONTH_NUMBERS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAY_NUMBERS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "several": 3, "a few": 3, "few": 3, "half a": 0.5, "half an": 0.5, "a couple of": 2, "couple of": 2,
}  # fmt: skip
UNIT_MINUTES: dict[str, float] = {
    "second": 1 / 60, "minute": 1, "min": 1, "hour": 60, "hr": 60, "day": 1440, "week": 10080,
    "month": 43800, "year": 525600, "decade": 5256000,
}  # fmt: skip

MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ANY = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_NUM_WORD = (
    r"(?:\d+(?:\.\d+)?"
    r"|(?:[Tt]wenty|[Tt]hirty|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety)-(?:one|two|three|four|five|six"
    r"|seven|eight|nine)|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven"
    r"|[Tt]welve|[Tt]hirteen|[Ff]ourteen|[Ff]ifteen|[Ss]ixteen|[Ss]eventeen|[Ee]ighteen|[Nn]ineteen|[Tt]wenty|[Tt]hirty"
    r"|[Ff]orty|[Ff]ifty|[Ss]ixty|[Ss]eventy|[Ee]ighty|[Nn]inety|[Ss]everal|[Aa]\s+few|[Aa]\s+couple\s+of|[Hh]alf\s+an?|[Aa]n?)"
)
_UNIT = r"(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|decades?)"

# Each family: (kind, compiled regex). Order is the tie-break when two matches start at the same place
# and have the same length; otherwise the longest match at the earliest start wins.
# Each pattern opens with a first-letter guard, ``\b(?=[...])``: the regex engine tries every position of
# a window, and the guard rejects a word that cannot start a match in one step instead of walking every
# alternative (half the cost of the duration windows). The class lists every letter an alternative can
# start with, so the guard never changes what matches.
_ISO_DATE = re.compile(rf"\b(?=[12])(?P<year>{_YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b")
_US_NUMERIC_DATE = re.compile(rf"\b(?=\d)(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>{_YEAR})\b")
_MONTH_DAY_YEAR = re.compile(
    rf"\b(?=[ADFJMNOSTW])(?:{_WEEKDAY},?\s+)?(?P<month>{_MONTH_ANY})\s+(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    rf"(?:\s*[-–]\s*(?:3[01]|[12]\d|0?[1-9])(?!\d))?(?:,?\s+(?P<year>{_YEAR})(?!\d))?"
)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?=[FMSTW\d])(?:{_WEEKDAY},?\s+)?(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH_ANY})"
    rf"(?:,?\s+(?P<year>{_YEAR})(?!\d))?(?![\w])"
)
_MONTH_YEAR = re.compile(rf"\b(?=[ADFJMNOS])(?P<month>{MONTH_FULL}|{_MONTH_ANY})\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d)")
_CUED_MONTH = re.compile(
    rf"\b(?=[TtLlNnEeMmIiSsBbUuFfDdAao])(?P<cue>[Tt]his\s+past|[Tt]his|[Ll]ast|[Nn]ext|[Ee]arlier\s+in|[Ll]ater\s+in"
    rf"|[Ee]arly|[Ll]ate|[Mm]id-?|[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]hrough|[Ff]rom|[Dd]uring|[Bb]efore|[Aa]fter|of"
    rf"|[Ss]ince\s+early|[Ss]ince\s+late|[Ii]n\s+early|[Ii]n\s+late|[Ii]n\s+mid-?"
    rf"|[Tt]he(?=\s+(?!May\b)[A-Z][a-z]+(?:\s+[a-z]|$)))"  # 'the September extradition'
    rf"\s+(?P<month>{MONTH_FULL})\b(?!\s+\d)"
)
_CUED_YEAR = re.compile(
    rf"\b(?=[IiSsBbutfdaoEeLlMmTt])(?P<cue>[Ii]n\s+early|[Ii]n\s+late|[Ii]n|[Ss]ince|[Bb]y|until|through|from|during"
    rf"|before|after|of|[Ee]arly|[Ll]ate|[Mm]id-?"
    rf"|[Tt]he(?=\s+{_YEAR}\s+[A-Z]))"  # 'the 2014 Wales Summit', not 'the 2030 goals'
    rf"\s+(?P<year>{_YEAR})\b(?![-–/]\d|\s*(?:%|percent|people|troops|dollars))"
)
_DEICTIC_DAY = re.compile(
    r"\b(?=[ty])(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight|yesterday|tomorrow"
    r"|this\s+(?:morning|afternoon|evening))(?P<poss>['’]s)?\b",
    re.IGNORECASE,
)
_WEEKDAY_REF = re.compile(
    rf"\b(?=[CcLlNnOoPpTtFMSW])(?:(?P<cue>[Ll]ast|[Nn]ext|[Tt]his\s+past|[Tt]his|[Tt]his\s+coming|[Cc]oming|[Pp]ast|on|[Oo]n)\s+)?"
    rf"(?P<weekday>{_WEEKDAY})(?P<poss>['’]s)?\b(?!,?\s+(?:{_MONTH_ANY}|\d))"
)
_PERIOD = re.compile(
    r"\b(?=[elnt])(?P<mod>(?:earlier|later|early|late)\s+)?(?P<rel>this|last|next|the\s+past|the\s+coming)"
    r"\s+(?P<unit>week|month|year|quarter)\b",
    re.IGNORECASE,
)
# 'after one and a half years since the last time': the last occurrence was that long ago.
_SINCE_LAST = r"since\s+the\s+(?:last|previous)(?:\s+(?:time|one|meeting))?"
_OFFSET = re.compile(
    rf"\b(?P<num>{_NUM_WORD})(?P<half>\s+and\s+a\s+half)?\s+(?P<unit>{_UNIT})"
    rf"(?:\s+and\s+(?P<num2>{_NUM_WORD})\s+(?P<unit2>{_UNIT}))?\s+"  # 'a year and a day ago'
    # 'two years since X signed' counts back like 'ago'; not 'since then', 'since 2019'
    rf"(?P<dir>ago|{_SINCE_LAST}|since(?=\s+[A-Za-z]|$)(?!\s+(?:then|that|last|early|late|mid)\b)"
    rf"|from\s+now|before\s+that|earlier)\b",
    re.IGNORECASE,
)
SINCE_LAST_OCCURRENCE = re.compile(rf"\b{_SINCE_LAST}\b", re.IGNORECASE)
_CLOCK_TIME = re.compile(
    r"\b(?=\d)(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?"
    r"(?:\s+(?P<tz>[A-Z]{1,2}[DS]T|JST|KST|UTC|GMT|CET|CEST|BST))?",
    re.IGNORECASE,
)
# No IGNORECASE (a third slower in CPython); capitals are spelled out where a sentence may start.
# Durations open the most windows (every 'year', 'week', bare 'day'), so their guard looks two letters deep:
# the approximation words and number words of _DURATION by their first letters ('and', 'the' fail at once).
_DURATION_START = (
    r"(?=\d|[Aa](?:n?[\s-]|pprox|bout|round|lmost)|[Oo](?:ne|ver)|[Tt](?:wo|hree|en|welve|hirt|wenty)"
    r"|[Ff](?:our|ive|ift|ort)|[Ss](?:ix|even|everal|ome)|[Ee](?:ight|leven)|[Nn](?:ine|early)|[Hh]alf|[Rr]oughly"
    r"|[Mm]ore|[Ll]ess|[Uu]nder|[Jj]ust)"
)
_DURATION = re.compile(
    rf"\b{_DURATION_START}(?P<approx>(?:[Aa]pproximately|[Aa]bout|[Aa]round|[Rr]oughly|[Nn]early|[Aa]lmost|[Ss]ome|[Oo]ver|[Mm]ore\s+than"
    r"|[Ll]ess\s+than|[Uu]nder|[Jj]ust\s+over|[Jj]ust\s+under)\s+)?"
    rf"(?P<num>{_NUM_WORD})(?P<half>\s+and\s+a\s+half)?[\s-]+(?P<unit>{_UNIT})\b"
)

_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _ISO_DATE),
    ("numeric", _US_NUMERIC_DATE),
    ("mdy", _MONTH_DAY_YEAR),
    ("dmy", _DAY_MONTH_YEAR),
    ("month_year", _MONTH_YEAR),
    ("cued_month", _CUED_MONTH),
    ("cued_year", _CUED_YEAR),
    ("deictic", _DEICTIC_DAY),
    ("weekday", _WEEKDAY_REF),
    ("period", _PERIOD),
    ("offset", _OFFSET),
    ("time", _CLOCK_TIME),
    ("duration", _DURATION),
)
_FAMILY_RANK = {name: rank for rank, (name, _) in enumerate(_FAMILIES)}

# Tense cues: the nearest one to an expression decides whether it points backwards or forwards.
_FUTURE_CUE = re.compile(  # first-letter guard as for the families above
    r"(?=[aegilnpstuw'’])(?:\b(?:will|won['’]t|shall|going\s+to|gonna|to\s+be\s+held|is\s+to|are\s+to|plans?\s+to|planning\s+to"
    r"|scheduled|expected\s+to|upcoming|looks?\s+forward|next)\b|['’]ll\b)",
    re.IGNORECASE,
)
_PAST_CUE = re.compile(
    r"\b(?=[a-z])(?:was|were|had|did|held|met|said|told|came|took|went|made|gave|began|spoke|saw|ago|last|previous"
    r"|[a-z]{3,}ed)\b"
)


_TENSE_SENSITIVE = frozenset({"weekday", "cued_month"})  # the rest carry their own direction or none


class FoundExpression(NamedTuple):
    """A regex match before resolution: where it is and which family found it."""

    family: str
    start: int
    end: int
    match: re.Match[str]


class Resolution(NamedTuple):
    """What an expression means once an anchor is known."""

    kind: str  # date | time | duration | relative
    value: str | None
    precision: str | None
    direction: str | None
    needs_anchor: bool


# Candidate-first scanning. A full regex pass costs ~40 ns per character in CPython, so a dozen
# families over every document would blow the budget; ``str.find`` on a few keywords is ~20x
# cheaper. Each keyword hit opens a small window in which only the families that keyword can
# start run. (keywords, chars before the hit, chars after it, families)
_KEYWORD_WINDOWS: tuple[tuple[tuple[str, ...], int, int, tuple[str, ...]], ...] = (
    (("omorrow", "onight"), 4, 12, ("deictic",)),
    ((".m.", ".M."), 8, 12, ("time",)),
)  # fmt: skip
_DAY_PARTS = ("his morning", "his afternoon", "his evening")  # 'this'/'This' + part: one search for both cases
_DAY_PART_WINDOW = (1, 16)
_DAY_WINDOW = (24, 8)
_WEEKDAY_STEMS = frozenset({"mon", "tues", "wednes", "thurs", "fri", "satur", "sun"})
_MONTH_WINDOW = (36, 36, ("mdy", "dmy", "month_year", "cued_month"))
_MONTH_HIT = re.compile(
    r"[ADFJMNOS](?:an(?:uary|\.)|eb(?:ruary|\.)|ar(?:ch|\.)|pr(?:il|\.)|ay\b|un(?:e|\.)|ul(?:y|\.)|ug(?:ust|\.)"
    r"|ep(?:tember|t?\.)|ct(?:ober|\.)|ov(?:ember|\.)|ec(?:ember|\.))"
)
_FAMILY_PATTERNS = dict(_FAMILIES)


def keyword_positions(text: str, keyword: str) -> list[int]:
    """Every index where keyword occurs (C-speed substring search, no regex)."""
    positions = []
    index = text.find(keyword)
    while index >= 0:
        positions.append(index)
        index = text.find(keyword, index + 1)
    return positions


_UNIT_KEYWORDS = ("minute", "hour", "week", "month", "year", "decade")
_PERIOD_CUES = ("this", "last", "next", "past", "coming")


def _day_hit(text: str, position: int) -> tuple[tuple[str, ...], int, int]:
    """Families a 'day' hit can start and the window to search, from the letters before it.

    'to'day / 'yester'day -> the word itself; 'Mon'day -> a few words before (for 'last', 'on');
    a bare 'day(s)' -> '20 days ago', 'the day after tomorrow'; 'birth'day -> nothing.
    """
    start = position
    while start > 0 and start > position - 7 and text[start - 1].isalpha():
        start -= 1
    prefix = text[start:position].lower()
    if prefix in ("to", "yester"):
        return ("deictic",), start, position + 6
    if prefix in _WEEKDAY_STEMS:
        return ("weekday",), max(0, start - _DAY_WINDOW[0]), position + 3 + _DAY_WINDOW[1]
    if not prefix:
        return ("deictic", "period", "duration"), max(0, position - 40), position + 30
    return (), 0, 0


def _day_part_windows(text: str) -> list[tuple[int, int]]:
    """Windows around 'this morning' / 'This evening' ...: the search skips the 't' so one pass finds both cases."""
    before, after = _DAY_PART_WINDOW
    length = len(text)
    return [
        (max(0, position - 1 - before), min(length, position + len(part) + after))
        for part in _DAY_PARTS
        for position in keyword_positions(text, part)
        if position > 0 and text[position - 1] in "tT"
    ]


def _year_hit(text: str, position: int) -> str | None:
    """Which family a '19'/'20' hit can start: ISO '2024-07-29', US '7/29/2024', or a cued '... in 2010'."""
    if position > 0 and text[position - 1].isdigit() or not text[position + 2 : position + 4].isdigit():
        return None
    if position + 4 < len(text) and text[position + 4].isdigit():
        return None
    if text[position + 4 : position + 5] == "-":
        return "iso"
    if position > 0 and text[position - 1] == "/":
        return "numeric"
    return "cued_year"


def _clock_hit(text: str, position: int) -> bool:
    """A ':' between digits ('3:10'); speaker labels ('MODERATOR:') are skipped without a regex."""
    return position > 0 and text[position - 1].isdigit() and text[position + 1 : position + 3].isdigit()


def find_expressions(text: str) -> list[FoundExpression]:
    """All time expressions, overlaps removed (earliest start, then longest, then family order)."""
    windows: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    length = len(text)
    for keywords, before, after, families in _KEYWORD_WINDOWS:
        spans = [
            (max(0, position - before), min(length, position + len(keyword) + after))
            for keyword in keywords
            for position in keyword_positions(text, keyword)
        ]
        if spans:
            for family in families:
                windows[family].extend(spans)
    windows["deictic"].extend(_day_part_windows(text))
    for keyword in _UNIT_KEYWORDS:
        for position in keyword_positions(text, keyword):
            windows["duration"].append((max(0, position - 40), min(length, position + len(keyword) + 2)))
            cue_zone = text[max(0, position - 22) : position].lower()
            if any(cue in cue_zone for cue in _PERIOD_CUES):
                windows["period"].append((max(0, position - 22), min(length, position + len(keyword) + 2)))
    for position in keyword_positions(text, "day"):
        families, low, high = _day_hit(text, position)
        for family in families:
            windows[family].append((low, min(length, high)))
    for keyword in ("19", "20"):
        for position in keyword_positions(text, keyword):
            family = _year_hit(text, position)
            if family:
                windows[family].append((max(0, position - 24), min(length, position + 12)))
    for position in keyword_positions(text, ":"):
        if _clock_hit(text, position):
            windows["time"].append((max(0, position - 3), min(length, position + 16)))
    before, after, families = _MONTH_WINDOW
    month_spans = [(max(0, hit.start() - before), min(length, hit.end() + after)) for hit in _MONTH_HIT.finditer(text)]
    if month_spans:
        for family in families:
            windows[family].extend(month_spans)
    found: dict[tuple[str, int, int], FoundExpression] = {}
    for family, spans in windows.items():
        pattern = _FAMILY_PATTERNS[family]
        for low, high in merge_spans(spans):
            for match in pattern.finditer(text, low, high):
                if family == "duration":
                    # 'about a year and a day ago': the offset may start inside the duration's words
                    offset = _OFFSET.search(text, match.start(), min(length, match.end() + 48))
                    if offset and offset.start() < match.end():  # '20 days ago' is a point in time
                        found[("offset", offset.start(), offset.end())] = FoundExpression(
                            "offset", offset.start(), offset.end(), offset
                        )
                        continue
                    if not _is_plausible_duration(text, match):
                        continue
                start, end = _trim_leading_preposition(family, match)
                found[(family, start, end)] = FoundExpression(family, start, end, match)
    return _without_overlaps(list(found.values()))


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping windows become one, so a match is never cut at a window edge it spans."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(spans):
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _without_overlaps(found: list[FoundExpression]) -> list[FoundExpression]:
    """Of overlapping matches, the one of the more explicit family (``_FAMILIES`` order), then the longer:
    in 'back in May of 2022' the month and year ('May of 2022'), not the cued month that starts first
    ('in May') and a stray year ('of 2022')."""
    starts: list[int] = []  # the chosen matches, kept sorted by start (they never overlap)
    chosen: list[FoundExpression] = []
    for item in sorted(found, key=lambda item: (_FAMILY_RANK[item.family], -(item.end - item.start), item.start)):
        at = bisect.bisect_left(starts, item.start)
        if (at and chosen[at - 1].end > item.start) or (at < len(chosen) and chosen[at].start < item.end):
            continue
        starts.insert(at, item.start)
        chosen.insert(at, item)
    return chosen


_VAGUE_AMOUNTS = frozenset({"a", "an", "several", "a few", "a couple of", "half a", "half an"})
_DURATION_PREPOSITION = re.compile(r"\b(?:for|within|in|after|over|last|past|next|than)\s+$", re.IGNORECASE)


def _is_plausible_duration(text: str, match: re.Match[str]) -> bool:
    """'a day' alone is usually not a duration ('twice a day'); with 'for'/'within' before it, it is."""
    amount = " ".join(match["num"].lower().split())
    if amount not in _VAGUE_AMOUNTS or match["approx"]:
        return True
    return _DURATION_PREPOSITION.search(text, max(0, match.start() - 10), match.start()) is not None


def _trim_leading_preposition(family: str, match: re.Match[str]) -> tuple[int, int]:
    """A weekday's 'on' is grammar, not part of the expression ('on Monday' -> 'Monday')."""
    if family == "weekday" and match.group("cue") in ("on", "On"):
        return match.start("weekday"), match.end()
    return match.start(), match.end()


def detect_direction(text: str, start: int, end: int) -> str | None:
    """'past' or 'future' from the nearest tense cue in the same clause; None when the clause has none.

    Why nearest: a sentence like 'the talks held on Monday will shape ...' carries both tenses; the
    cue closest to the expression is the one that governs it far more often than the first one.
    """
    clause_start = _clause_start(text, start)
    clause_end = _clause_end(text, end)
    best: tuple[int, str] | None = None
    for pattern, label in ((_FUTURE_CUE, "future"), (_PAST_CUE, "past")):
        for cue in pattern.finditer(text, clause_start, clause_end):
            if start <= cue.start() < end:
                continue
            distance = start - cue.end() if cue.end() <= start else cue.start() - end
            if best is None or distance < best[0]:
                best = (distance, label)
    return best[1] if best else None


_CLAUSE_SEPARATORS = (". ", ".\n", "\n", "? ", "! ", "; ")


def _clause_start(text: str, position: int, limit: int = 160) -> int:
    """Start of the clause around position: after the last sentence break (str.rfind, no char loop)."""
    floor = max(0, position - limit)
    best = floor
    for separator in _CLAUSE_SEPARATORS:
        index = text.rfind(separator, floor, position)
        if index >= 0 and index + len(separator) > best and not _is_abbreviation_dot(text, index):
            best = index + len(separator)
    return best


def _clause_end(text: str, position: int, limit: int = 160) -> int:
    ceiling = min(len(text), position + limit)
    best = ceiling
    for separator in _CLAUSE_SEPARATORS:
        index = text.find(separator, position, ceiling)
        if 0 <= index < best and not _is_abbreviation_dot(text, index):
            best = index
    return best


def _is_abbreviation_dot(text: str, index: int) -> bool:
    """'U.S. officials' and '3 p.m. meeting': a dot after a single capital or a dotted letter ends no clause."""
    if text[index] != ".":
        return False
    return index >= 2 and text[index - 2] in ". " and text[index - 1].isalpha()


# --- calendar arithmetic -------------------------------------------------------------------------


def weekday_on_or_before(anchor: dt.date, weekday: int) -> dt.date:
    """The latest date not after the anchor that falls on the weekday."""
    return anchor - dt.timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_after(anchor: dt.date, weekday: int) -> dt.date:
    """The earliest date strictly after the anchor that falls on the weekday."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)


def weekday_on_or_after(anchor: dt.date, weekday: int) -> dt.date:
    """The earliest date not before the anchor on the weekday (used when a known weekday pins the week)."""
    return anchor + dt.timedelta(days=(weekday - anchor.weekday()) % 7)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by delta months."""
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def resolve_weekday(anchor: dt.date, weekday: int, cue: str | None, direction: str | None) -> dt.date:
    """A weekday name against an anchor.

    Without a future cue a bare weekday points back to the latest such day (news style: 'Kishida
    on Monday vowed'); 'last' is strictly before, 'next'/future tense strictly after the anchor.
    """
    cue = (cue or "").lower()
    if cue == "last" or cue == "past" or cue == "this past":
        return anchor - dt.timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
    if cue in ("next", "coming", "this coming") or direction == "future":
        return weekday_after(anchor, weekday)
    return weekday_on_or_before(anchor, weekday)


def resolve_month(anchor: dt.date, month: int, cue: str | None, direction: str | None) -> tuple[int, int]:
    """A year-less month name ('this April', 'last August', 'in April') against an anchor."""
    cue = (cue or "").lower()
    if cue.startswith("last") or cue == "this past" or cue == "since":
        year = anchor.year if month < anchor.month else anchor.year - 1
        return year, month
    if cue.startswith("next"):
        year = anchor.year if month > anchor.month else anchor.year + 1
        return year, month
    if direction == "past" and month > anchor.month:
        return anchor.year - 1, month
    if direction == "future" and month < anchor.month:
        return anchor.year + 1, month
    return anchor.year, month


def resolve_yearless_day(anchor: dt.date, month: int, day: int, direction: str | None) -> dt.date | None:
    """'July 29' takes the anchor's year, moved a year when the tense says the date lies the other way."""
    candidate = _safe_date(anchor.year, month, day)
    if candidate is None:
        return None
    if direction == "past" and (candidate - anchor).days > 31:
        return _safe_date(anchor.year - 1, month, day)
    if direction == "future" and (anchor - candidate).days > 31:
        return _safe_date(anchor.year + 1, month, day)
    if direction is None and abs((candidate - anchor).days) > 183:
        shifted = _safe_date(anchor.year + (1 if candidate < anchor else -1), month, day)
        return shifted or candidate
    return candidate


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_number(words: str) -> float | None:
    """'20' -> 20, 'one' -> 1, 'half an' -> 0.5 (durations and offsets)."""
    normal = " ".join(words.lower().split())
    if normal[:1].isdigit():
        try:
            return float(normal)
        except ValueError:
            return None
    tens, _, unit = normal.partition("-")
    if unit and tens in NUMBER_WORDS and unit in NUMBER_WORDS:  # 'twenty-five'
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return NUMBER_WORDS.get(normal)


def unit_name(unit: str) -> str:
    """'minutes' -> 'minute', 'hrs' -> 'hr'."""
    unit = unit.lower()
    return unit[:-1] if unit.endswith("s") and unit not in ("s",) else unit


def iso_duration(amount: float, unit: str) -> str:
    """ISO 8601 duration: 20 minute -> PT20M, 1.5 year -> P1.5Y."""
    number = f"{amount:g}"
    designators = {
        "second": "TS", "minute": "TM", "min": "TM", "hour": "TH", "hr": "TH",
        "day": "D", "week": "W", "month": "M", "year": "Y",
    }  # fmt: skip
    if unit == "decade":
        return f"P{amount * 10:g}Y"
    code = designators[unit]
    return f"PT{number}{code[1]}" if code.startswith("T") else f"P{number}{code}"


def duration_minutes(value: str | None) -> int | None:
    """Minutes of a clock-scale ISO duration ('PT20M' -> 20, 'PT1.5H' -> 90); None for days and longer."""
    if not value or not value.startswith("PT"):
        return None
    amount, unit = value[2:-1], value[-1]
    try:
        number = float(amount)
    except ValueError:
        return None
    return round(number * {"S": 1 / 60, "M": 1, "H": 60}[unit])


# --- resolution ----------------------------------------------------------------------------------


def resolve_found(
    found: FoundExpression, text: str, anchor: dt.date | None, context_year: int | None
) -> tuple[Resolution, bool]:
    """Resolve one match; the flag says whether a context year (not the anchor) supplied the year."""
    match = found.match
    family = found.family
    needs_direction = family in _TENSE_SENSITIVE or family in ("mdy", "dmy") and not match["year"]
    direction = detect_direction(text, found.start, found.end) if needs_direction else None
    if family in ("iso", "numeric"):
        day = _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))
        return Resolution("date", day.isoformat() if day else None, "day", None, False), False
    if family in ("mdy", "dmy"):
        return _resolve_month_day(match, anchor, context_year, direction)
    if family == "month_year":
        month = MONTH_NUMBERS[match["month"].lower().rstrip(".")]
        return Resolution("date", f"{match['year']}-{month:02d}", "month", None, False), False
    if family == "cued_year":
        return Resolution("date", match["year"], "year", None, False), False
    if family == "time":
        return Resolution("time", _clock_value(match), "minute", None, False), False
    if family == "duration":
        return _resolve_duration(match), False
    return resolve_relative_text(match.group(0), anchor, direction), False


def _resolve_month_day(
    match: re.Match[str], anchor: dt.date | None, context_year: int | None, direction: str | None
) -> tuple[Resolution, bool]:
    month = MONTH_NUMBERS[match["month"].lower().rstrip(".")]
    day_number = int(match["day"])
    if match["year"]:
        day = _safe_date(int(match["year"]), month, day_number)
        return Resolution("date", day.isoformat() if day else None, "day", None, False), False
    if anchor is not None:
        day = resolve_yearless_day(anchor, month, day_number, direction)
        return Resolution("date", day.isoformat() if day else None, "day", direction, True), False
    if context_year is not None:
        day = _safe_date(context_year, month, day_number)
        return Resolution("date", day.isoformat() if day else None, "day", direction, True), True
    return Resolution("date", None, "day", direction, True), False


def _clock_value(match: re.Match[str]) -> str:
    hour = int(match["hour"]) % 12 + (12 if match["ap"].lower() == "p" else 0)
    return f"{hour:02d}:{int(match['minute'] or 0):02d}"


def _resolve_duration(match: re.Match[str]) -> Resolution:
    amount = parse_number(match["num"])
    if amount is None:
        return Resolution("duration", None, None, None, False)
    if match["half"]:
        amount += 0.5
    return Resolution("duration", iso_duration(amount, unit_name(match["unit"])), None, None, False)


def resolve_relative_text(expression: str, anchor: dt.date | None, direction: str | None) -> Resolution:
    """Resolve a relative expression's text against an anchor (None -> unresolved, value None).

    Taking the text (not the match) lets the corpus pass re-resolve stored expressions once an
    anchor has been inferred for a document that had none.
    """
    for pattern, resolver in _RELATIVE_RESOLVERS:
        match = pattern.fullmatch(expression)
        if match:
            return resolver(match, anchor, direction)
    return Resolution("relative", None, None, direction, True)


def _resolve_deictic(match: re.Match[str], anchor: dt.date | None, direction: str | None) -> Resolution:
    word = " ".join(match["word"].lower().split())
    offset = {
        "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2,
    }.get(word, 0)  # fmt: skip
    own_direction = "past" if offset < 0 else "future" if offset > 0 else None
    if anchor is None:
        return Resolution("relative", None, "day", own_direction, True)
    return Resolution("relative", (anchor + dt.timedelta(days=offset)).isoformat(), "day", own_direction, True)


def _resolve_weekday(match: re.Match[str], anchor: dt.date | None, direction: str | None) -> Resolution:
    cue = (match["cue"] or "").lower()
    cue = " ".join(cue.split())
    if cue in ("next", "coming", "this coming"):
        direction = "future"
    elif cue in ("last", "past", "this past"):
        direction = "past"
    resolved_direction = direction or "past"
    if anchor is None:
        return Resolution("relative", None, "day", resolved_direction, True)
    day = resolve_weekday(anchor, WEEKDAY_NUMBERS[match["weekday"].lower()], cue, direction)
    return Resolution("relative", day.isoformat(), "day", resolved_direction, True)


def _resolve_cued_month(match: re.Match[str], anchor: dt.date | None, direction: str | None) -> Resolution:
    cue = " ".join(match["cue"].lower().split())
    if cue in ("last", "this past", "since"):
        direction = "past"
    elif cue == "next":
        direction = "future"
    if anchor is None:
        return Resolution("relative", None, "month", direction, True)
    year, month = resolve_month(anchor, MONTH_NUMBERS[match["month"].lower()], cue, direction)
    return Resolution("relative", f"{year}-{month:02d}", "month", direction, True)


def _resolve_period(match: re.Match[str], anchor: dt.date | None, direction: str | None) -> Resolution:
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower()
    step = {"this": 0, "last": -1, "the past": -1, "next": 1, "the coming": 1}[rel]
    mod = (match["mod"] or "").strip().lower()
    own_direction = "past" if step < 0 or mod == "earlier" else "future" if step > 0 or mod == "later" else direction
    if anchor is None:
        return Resolution("relative", None, _PERIOD_PRECISION[unit], own_direction, True)
    if unit == "year":
        return Resolution("relative", str(anchor.year + step), "year", own_direction, True)
    if unit == "month":
        year, month = add_months(anchor.year, anchor.month, step)
        return Resolution("relative", f"{year}-{month:02d}", "month", own_direction, True)
    if unit == "quarter":
        quarter = (anchor.month - 1) // 3 + step
        year = anchor.year + quarter // 4
        return Resolution("relative", f"{year}-Q{quarter % 4 + 1}", "quarter", own_direction, True)
    iso_year, iso_week, _ = (anchor + dt.timedelta(weeks=step)).isocalendar()
    return Resolution("relative", f"{iso_year}-W{iso_week:02d}", "week", own_direction, True)


_PERIOD_PRECISION = {"year": "year", "month": "month", "quarter": "quarter", "week": "week"}


def _resolve_offset(match: re.Match[str], anchor: dt.date | None, direction: str | None) -> Resolution:
    if match["num2"]:
        return _resolve_compound_offset(match, anchor, 1 if match["dir"].lower().startswith("from") else -1)
    amount = parse_number(match["num"])
    if amount is not None and match["half"]:
        amount += 0.5
    unit = unit_name(match["unit"])
    sign = 1 if match["dir"].lower().startswith("from") else -1
    own_direction = "future" if sign > 0 else "past"
    whole_years = unit in ("year", "decade") and amount is not None and amount == int(amount)
    precision = "year" if whole_years else "month" if unit in ("month", "year", "decade") else "day"
    if anchor is None or amount is None or unit in ("second", "minute", "min", "hour", "hr"):
        return Resolution("relative", None, precision, own_direction, True)
    if unit in ("month", "year", "decade"):
        months = round(amount * {"month": 1, "year": 12, "decade": 120}[unit]) * sign
        year, month = add_months(anchor.year, anchor.month, months)
        value = str(year) if precision == "year" else f"{year}-{month:02d}"
        return Resolution("relative", value, precision, own_direction, True)
    days = round(amount * (7 if unit == "week" else 1)) * sign
    return Resolution("relative", (anchor + dt.timedelta(days=days)).isoformat(), "day", own_direction, True)


def _resolve_compound_offset(match: re.Match[str], anchor: dt.date | None, sign: int) -> Resolution:
    """'a year and a day ago': both parts counted back (forward for 'from now'), to the day."""
    own_direction = "future" if sign > 0 else "past"
    first, second = parse_number(match["num"]), parse_number(match["num2"])
    units = (unit_name(match["unit"]), unit_name(match["unit2"]))
    if anchor is None or first is None or second is None or {"second", "minute", "min", "hour", "hr"} & set(units):
        return Resolution("relative", None, "day", own_direction, True)
    months = days = 0.0
    for amount, unit in ((first, units[0]), (second, units[1])):
        if unit in ("month", "year", "decade"):
            months += amount * {"month": 1, "year": 12, "decade": 120}[unit]
        else:
            days += amount * (7 if unit == "week" else 1)
    year, month = add_months(anchor.year, anchor.month, round(months) * sign)
    day = _safe_date(year, month, min(anchor.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
    if day is None:
        return Resolution("relative", None, "day", own_direction, True)
    return Resolution("relative", (day + dt.timedelta(days=round(days) * sign)).isoformat(), "day", own_direction, True)


_RELATIVE_RESOLVERS = (
    (_DEICTIC_DAY, _resolve_deictic),
    (_WEEKDAY_REF, _resolve_weekday),
    (re.compile(rf"(?P<weekday>{_WEEKDAY})(?P<poss>['’]s)?"), _resolve_weekday),
    (_CUED_MONTH, _resolve_cued_month),
    (_PERIOD, _resolve_period),
    (_OFFSET, _resolve_offset),
)


# --- document level ------------------------------------------------------------------------------


def find_time_expressions(
    document_id: str,
    text: str,
    anchor: dt.date | None,
    anchor_method: str | None,
    utterances: list[Utterance] | None = None,
) -> list[TimeExpression]:
    """Every time expression of a document, resolved against the document's anchor date.

    Year-less dates in an undated document borrow the year of the nearest full date the same
    document states (method 'inferred'), because index pages list 'July 28' next to 'July 28, 2024'.
    """
    found = find_expressions(text)
    stated_years = _stated_years(found)
    utterance_starts = [utterance.char_start for utterance in utterances or ()]
    rows: list[TimeExpression] = []
    for index, item in enumerate(found, start=1):
        context_year = _nearest_year(stated_years, item.start) if anchor is None else None
        resolution, used_context_year = resolve_found(item, text, anchor, context_year)
        method = _method_for(resolution, anchor, anchor_method, used_context_year)
        rows.append(
            TimeExpression(
                document_id=document_id,
                timex_id=f"{document_id}-t{index:05d}",
                char_start=item.start,
                char_end=item.end,
                text=text[item.start : item.end],
                kind=resolution.kind,
                value=resolution.value,
                precision=resolution.precision,
                anchor_date=anchor if resolution.needs_anchor and not used_context_year else None,
                method=method,
                direction=resolution.direction,
                utterance_id=utterance_at(utterances, utterance_starts, item.start),
            )
        )
    return rows


def _method_for(resolution: Resolution, anchor: dt.date | None, anchor_method: str | None, context: bool) -> str:
    if resolution.value is None:
        return "unresolved"
    if not resolution.needs_anchor:
        return "stated"
    if context or anchor_method == "inferred":
        return "inferred"
    return "relative" if anchor is not None else "unresolved"


def _stated_years(found: list[FoundExpression]) -> list[tuple[int, int]]:
    """(position, year) of every date that prints its year; sorted by position."""
    years = []
    for item in found:
        if item.family in ("iso", "numeric", "mdy", "dmy", "month_year") and item.match["year"]:
            years.append((item.start, int(item.match["year"])))
    return years


def _nearest_year(stated_years: list[tuple[int, int]], position: int) -> int | None:
    if not stated_years:
        return None
    return min(stated_years, key=lambda pair: abs(pair[0] - position))[1]


def utterance_at(utterances: list[Utterance] | None, starts: list[int], position: int) -> str | None:
    """The utterance whose span holds position (starts: the utterances' char_start, sorted)."""
    if not utterances:
        return None
    index = bisect.bisect_right(starts, position) - 1
    if index < 0:
        return None
    utterance = utterances[index]
    return utterance.utterance_id if position < max(utterance.char_end, utterance.char_start + 1) else None


def reresolve_time_expression(
    expression: TimeExpression, anchor: dt.date, anchor_method: str, weekday_window_start: bool = False
) -> TimeExpression:
    """Resolve a stored expression again once its document has an (inferred) anchor.

    ``weekday_window_start``: the anchor is a known weekday the document itself names ('Sunday's
    talks'); other weekday names then fall in the seven days that start there, the way a news item
    written after the event reports the days that followed it.
    """
    if expression.kind in ("time", "duration") or (expression.method == "stated"):
        return expression
    direction = expression.direction
    if expression.kind == "date":
        match = _MONTH_DAY_YEAR.fullmatch(expression.text) or _DAY_MONTH_YEAR.fullmatch(expression.text)
        if not match or match["year"]:
            return expression
        month = MONTH_NUMBERS[match["month"].lower().rstrip(".")]
        day = resolve_yearless_day(anchor, month, int(match["day"]), direction)
        value = day.isoformat() if day else None
        return expression._replace(value=value, anchor_date=anchor, method=anchor_method if value else "unresolved")
    weekday_match = _WEEKDAY_REF.fullmatch(expression.text)
    if weekday_window_start and weekday_match and not weekday_match["cue"]:
        day = weekday_on_or_after(anchor, WEEKDAY_NUMBERS[weekday_match["weekday"].lower()])
        return expression._replace(value=day.isoformat(), precision="day", anchor_date=anchor, method=anchor_method)
    resolution = resolve_relative_text(expression.text, anchor, direction)
    if resolution.value is None:
        return expression
    return expression._replace(
        value=resolution.value, precision=resolution.precision, anchor_date=anchor, method=anchor_method
    )


def date_from_value(value: str | None) -> tuple[dt.date | None, str | None]:
    """('2024-07', ...) -> (date(2024, 7, 1), 'month'); week/quarter values give (None, None)."""
    if not value:
        return None, None
    parts = value.split("-")
    try:
        if len(parts) == 1 and parts[0].isdigit():
            return dt.date(int(parts[0]), 1, 1), "year"
        if len(parts) == 2 and parts[1].isdigit():
            return dt.date(int(parts[0]), int(parts[1]), 1), "month"
        if len(parts) == 3:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2])), "day"
    except ValueError:
        return None, None
    return None, None


def sentence_bounds(sentences: list[Sentence], text: str) -> list[tuple[int, int]]:
    """Sentence spans; falls back to a punctuation split when no sentences were given."""
    if sentences:
        return [(sentence.char_start, sentence.char_end) for sentence in sentences]
    bounds = []
    start = 0
    for match in _FALLBACK_SENTENCE_END.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


_FALLBACK_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|['”’\"]?(?=\s+[A-Z“\"‘'(]))")
