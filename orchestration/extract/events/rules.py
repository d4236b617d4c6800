"""Event rules: the trigger and qualifier tables (``ref_event_kinds``, ``ref_event_qualifiers``),
the compiled patterns and word lists the event readers share, and the row types they return."""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from orchestration.extract.records import (
    DocumentDate,
    EventMention,
    TimeExpression,
)
from orchestration.extract.reference import REFERENCE_DIR_VARIABLE, load_reference
from orchestration.extract.timex import (
    WEEKDAY_NUMBERS,
    keyword_positions,
)

# --- reference data ------------------------------------------------------------------------------


class TriggerInfo(NamedTuple):
    kind: str
    family: str
    needs_name: bool = False  # alone ('consultations with Congress') a process, not an event


class QualifierInfo(NamedTuple):
    in_core: bool
    kind: str | None
    applies_to: str | None


class TriggerTable(NamedTuple):
    """Trigger phrases with their kinds, the regex that confirms them, and the cheap search keywords."""

    by_phrase: dict[str, TriggerInfo]
    pattern: re.Pattern[str]
    keywords: tuple[str, ...]  # longest word of each phrase without its first letter ('eeting' finds 'Meeting')
    searches: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]  # how find_event_candidates finds the keywords
    words: frozenset[str]  # every word of every trigger phrase (not part of a merge key)
    qualifiers: dict[str, QualifierInfo]  # carried along so per-token helpers need no second table lookup
    folder: str | None  # the reference folder key it was built for (alias keys are memoised per folder)


def _reference_key() -> str | None:
    """Cache key of the current reference folder: the raw environment value, no Path built.

    Called thousands of times per second; ``reference_dir()`` builds a Path each call (~90 us
    per document in total), while the variable alone already tells which folder is meant.
    """
    return os.environ.get(REFERENCE_DIR_VARIABLE)


def _triggers() -> TriggerTable:
    """The trigger table of the current reference folder (tests point READOUT_REFERENCE_DIR elsewhere)."""
    return _trigger_table(_reference_key())


@functools.lru_cache(maxsize=4)
def _trigger_table(_folder: str | None) -> TriggerTable:
    """Trigger phrase -> kind/family, one regex that confirms any of them (longest first), search keywords."""
    table: dict[str, TriggerInfo] = {}
    for row in load_reference("ref_event_kinds"):
        phrase = " ".join(row["trigger"].lower().split())
        if phrase:
            needs_name = (row.get("needs_name") or "").strip().lower() == "true"
            table[phrase] = TriggerInfo(row["kind"].strip(), row["family"].strip(), needs_name)
    phrases = sorted(table, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases)
    pattern = re.compile(
        rf"{_first_letter_guard(phrases)}"
        rf"(?:\b(?P<word>{alternatives})\b(?![-–]\w)"
        rf"|(?<![\w+])(?P<numeric>\d\s?\+\s?\d"
        rf"|(?:{_NUMBER_WORD_ALTERNATION})-plus-(?:{_NUMBER_WORD_ALTERNATION})|\d[-\s]plus[-\s]\d)"
        rf"(?![\w+]))",
        re.IGNORECASE,
    )
    keywords = {max(phrase.split(), key=len)[1:] for phrase in phrases} | {"+", "plus"}
    words = frozenset(word for phrase in phrases for word in phrase.split())
    ordered = tuple(sorted(keywords))
    return TriggerTable(table, pattern, ordered, _keyword_searches(ordered), words, _qualifier_table(_folder), _folder)


def _keyword_searches(keywords: Sequence[str]) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """(searched keyword, [(longer keyword holding it, offset), ...]): one text pass per searched keyword.

    A keyword that contains another ('ideoconference' holds 'ideo') needs no pass of its own: each of its
    occurrences is an occurrence of the shorter one, so checking the shorter one's hits finds them all.
    """
    searched = [keyword for keyword in keywords if not any(other != keyword and other in keyword for other in keywords)]
    holders: dict[str, list[tuple[str, int]]] = {keyword: [] for keyword in searched}
    for keyword in keywords:
        if keyword in holders:
            continue
        base = min((other for other in searched if other in keyword), key=lambda other: (len(other), other))
        holders[base].append((keyword, keyword.find(base)))
    return tuple((keyword, tuple(holders[keyword])) for keyword in searched)


def _keyword_spans(text: str, table: TriggerTable, margin: int = 24) -> list[tuple[int, int]]:
    """Windows of margin characters around every trigger keyword occurrence (overlapping ones not merged)."""
    length = len(text)
    spans = []
    for keyword, holders in table.searches:
        for position in keyword_positions(text, keyword):
            spans.append((max(0, position - margin), min(length, position + len(keyword) + margin)))
            for longer, offset in holders:
                start = position - offset
                if start >= 0 and text.startswith(longer, start):
                    spans.append((max(0, start - margin), min(length, start + len(longer) + margin)))
    return spans


def _first_letter_guard(phrases: Iterable[str]) -> str:
    """A lookahead on the letters a trigger can start with (a phrase's first letter, a digit, a number word's).

    The trigger regex is tried at every position of a window; the guard turns most positions away in
    one step instead of walking two dozen alternatives. It only lists possible first letters, so it
    never changes a match.
    """
    letters = {phrase[0] for phrase in phrases} | {word[0] for word in _NUMBER_WORDS}
    return rf"(?=[{''.join(re.escape(letter) for letter in sorted(letters))}\d])"


def _qualifiers() -> dict[str, QualifierInfo]:
    """Qualifier word -> whether it belongs in the merge key, and the kind it implies."""
    return _qualifier_table(_reference_key())


@functools.lru_cache(maxsize=4)
def _qualifier_table(_folder: str | None) -> dict[str, QualifierInfo]:
    """Rows of ref_event_qualifiers.csv for one reference folder."""
    table = {}
    for row in load_reference("ref_event_qualifiers"):
        word = row["word"].strip().lower()
        table[word] = QualifierInfo(
            in_core=row["in_core"].strip().lower() == "true",
            kind=row["kind"].strip() or None,
            applies_to=row["applies_to"].strip() or None,
        )
    return table


_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_NUMBER_WORD_ALTERNATION = "|".join(_NUMBER_WORDS)

# --- compiled patterns ---------------------------------------------------------------------------

_TOKEN = re.compile(r"\([^()\n]{1,60}\)|[“\"‘']?[\w][\w.’'+&-]*[”\"’']?")
_GAP_ALLOWED = re.compile(r"[ \t]*")
_VERB_CONTEXT = re.compile(
    r"(?:\b(?:to|will|would|can|could|may|might|should|must|shall|not|we|you|they|he|she|am|is|are|was|were|be"
    r"|been|being|I)|['’]ll)\s+$"
)
_PLUS_NUMBER = re.compile(
    rf"\b(?:({_NUMBER_WORD_ALTERNATION})-plus-({_NUMBER_WORD_ALTERNATION})|(\d)[-\s]plus[-\s](\d))\b", re.IGNORECASE
)
_SPACED_PLUS = re.compile(r"(\d)\s*\+\s*(\d)")
_NUMERIC_FORMAT = re.compile(r"^\d\+\d$")
_QUOTES = "“”\"‘’'"
_POSSESSIVE = re.compile(r"['’]s$")
_PARTY_COMPOUND = re.compile(r"^(?:[A-Z][\w.]*\.?)(?:[-–](?:[A-Z][\w.]*\.?))+$")
_COMPLEMENT_SPLIT = re.compile(r"\s(on|regarding|about|of|with|between|to|by)\s")
_PAREN_NAME = re.compile(r"^(?P<long>[^()]+?)\s*\((?P<short>[^()]{1,40})\)\s*(?P<tail>[^()]*)$")
_TOPIC = re.compile(
    r"[ \t]+(?:on|regarding|about)[ \t]+(?P<topic>(?:(?!(?:the|a|an|and|or|to|of|in|at|with|for|this|that|which|who|was"
    r"|is|are|were|will|has|had|have|from|by|between|as)\b)[A-Za-z][\w.’'-]*[ \t]?){1,4})"
)
_OF_NAME = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?(?P<name>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,3})")
_COUNTERPART = re.compile(  # 'with the Chinese foreign minister': lower-case title words after a name word
    r"[ \t]+(?P<prep>on|with|between|by|to)[ \t]+"
    r"(?P<who>(?:the[ \t]+)?(?:[A-Z][\w.’'-]*)(?:[ \t]+(?:[A-Z][\w.’'-]*|of|and"
    r"|(?:foreign|defen[cs]e|prime|deputy|vice|minister|ministers|secretary|president|counterparts?)\b)){0,5})"
)
_FOLLOWING_ABBREVIATION = re.compile(r"[ \t]*\((?P<short>[A-Z](?=(?:[^)]*[A-Z]){1,})[A-Za-z0-9+&.-]{1,11})\)")
_UNITED_COUNTRY = re.compile(r"\bUnited[ \t]+(States|Kingdom|Arab[ \t]+Emirates)\b")
_UNITED_COUNTRY_SHORT = {"States": "U.S.", "Kingdom": "U.K.", "Arab Emirates": "UAE"}
_PLACE = re.compile(r"\bin[ \t]+(?P<place>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,2})")
_FIRST_CLAIM = re.compile(
    r"\bfor\s+the\s+(?:very\s+)?first\s+time\b|\bfirst[-\s]ever\b|\bfirst\s+of\s+its\s+kind\b"
    r"|\bnever\s+been\s+(?:done|held)\s+before\b|\bunprecedented\b",
    re.IGNORECASE,
)
_CONVENING_VERB = re.compile(
    r"\b(?:held|hold|holding|convened|convene|conducted|conduct|hosted|host|took\s+place|met|meet|had|have)\b",
    re.IGNORECASE,
)
_STANDALONE_FIRST_CLAIM = re.compile(r"\bnever\s+been\s+(?:done|held)\s+before\b|\bfirst\s+of\s+its\s+kind\b", re.I)
_PREVIOUS_CUE = re.compile(
    r"\b(?:last|previous|prior|past|next|upcoming|future|another)\s+(?:[\w.’'-]+\s+){0,3}$", re.I
)
# 'Remarks by X and Y Before Bilateral Meeting': the remarks are made at that meeting, that day.
_GATHERING_TITLE = re.compile(
    r"\b(?:Before|After|During|at\s+the\s+(?:Start|Top|Opening)\s+of)\s+(?:(?:Their|a|an|the|Our|His|Her)\s+)?"
    r"(?P<name>(?:[A-Z][\w+-]*\s+){0,4}?(?:Meeting|Talks|Summit|Dialogue|Consultations|Breakfast|Lunch|Dinner))\b"
)
_PRESS_TITLE = re.compile(r"press\s+(?:conference|briefing|gaggle)|news\s+conference|briefing", re.IGNORECASE)

_TIME_WORDS = frozenset(
    list(WEEKDAY_NUMBERS)
    + ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
       "november", "december", "today", "yesterday", "tomorrow", "tonight", "sunday", "week", "month", "year",
       "night", "morning", "afternoon", "evening"]
)  # fmt: skip
_CAPITAL_STOPWORDS = frozenset(
    {
        "was",
        "is",
        "are",
        "were",
        "did",
        "does",
        "do",
        "will",
        "would",
        "can",
        "could",
        "should",
        "has",
        "have",
        "had",
        "what",
        "why",
        "how",
        "who",
        "where",
        "whether",
        "if",
        "because",
        "q",
        "thank",
        "yes",
        "no",
        "well",
        "now",
        "let’s",
        "let's",
        "said",
        "says",
        "about",
        "than",
        "just",
        "only",
        "even",
        "every",
        "the",
        "a",
        "an",
        "at",
        "in",
        "on",
        "of",
        "for",
        "during",
        "after",
        "before",
        "this",
        "that",
        "these",
        "those",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "we",
        "i",
        "they",
        "he",
        "she",
        "it",
        "and",
        "but",
        "so",
        "since",
        "with",
        "from",
        "to",
        "as",
        "by",
        "following",
        "ahead",
        "regarding",
        "also",
        "then",
        "when",
        "while",
        "next",
        "last",
        "both",
        "there",
        "here",
        "today",
        "yesterday",
        "tomorrow",
        "however",
        "meanwhile",
        "mr",
        "mrs",
        "ms",
        "dr",
        # headline verbs: 'X and Y Conduct Press Conference', 'President Hosts Leaders Summit'
        "conduct",
        "conducts",
        "hold",
        "holds",
        "host",
        "hosts",
        "attend",
        "attends",
        "join",
        "joins",
        "deliver",
        "delivers",
        "co-chair",
        "co-chairs",
        "convene",
        "convenes",
        "participate",
        "participates",
    }
)
_DETERMINERS_AND_FILLERS = frozenset(["the", "a", "an", "and", "of", "&", "this", "that"])
_LETTER_DASH_NUMBER = re.compile(r"^([a-z]+)-(\d+)$")
# 'the Second ... Meeting', 'the 24th Summit': which occurrence, not which event series; the date tells
# occurrences apart, so an ordinal in the merge key only split one meeting into two events.
_ORDINAL = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth)$"
)
# A meeting of foreign and defence ministers together is what the format name '2+2' names: 'the Foreign and
# Defense Ministerial Meeting' and 'the 2+2' of one day are one event (when nothing else names it).
_FOREIGN_AND_DEFENCE = (frozenset({"foreign"}), frozenset({"defense", "defence"}))
_FOREIGN_AND_DEFENCE_FORMAT = "2+2"
_NOT_PLACES = frozenset(
    {
        "The",
        "This",
        "That",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "January",
        "February",
        "March",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "English",
        "Japanese",
        "Chinese",
        "Korean",
        "Russian",
        "French",
        "Spanish",
        "History",
        "Congress",
        "Parliament",
    }
)
_DATING_TIMEX_KINDS = frozenset({"date", "relative"})
_EVENT_PRECISIONS = frozenset({"day", "month", "year"})
_NON_EVENT_DATE_CUES = ("since", "by ", "until", "through", "before", "after", "from")
_GENERIC_SUFFIX = "*"


# --- result types --------------------------------------------------------------------------------


class TimeEventAnalysis(NamedTuple):
    """Everything the time/event library extracts from one document."""

    document_date: DocumentDate
    time_expressions: list[TimeExpression]
    event_mentions: list[EventMention]


class Event(NamedTuple):
    """One real-world event across the corpus (``dim_event``)."""

    event_id: str
    name: str
    kind: str
    start_date: dt.date | None
    date_precision: str | None
    start_time: str | None
    duration_minutes: int | None
    place: str | None
    source_document_count: int
    first_of_its_kind: bool
    alias_key: str  # extra column: the merge key, so analysts can see why mentions were merged


class EventParticipant(NamedTuple):
    event_id: str
    person_id: str


class EventMentionLink(NamedTuple):
    event_mention_id: str
    event_id: str


class EventResolution(NamedTuple):
    events: list[Event]
    participants: list[EventParticipant]
    mention_links: list[EventMentionLink]
    inferred_document_dates: list[DocumentDate]
    time_expressions: list[TimeExpression]  # re-resolved expressions of documents that got an anchor
    event_mentions: list[EventMention]  # re-dated mentions of those documents


class _Candidate(NamedTuple):
    """A mention before dating: span, name parts and the trigger that started it."""

    start: int
    end: int
    trigger_start: int
    trigger_end: int
    name: str
    kind: str
    family: str
    alias_key: str
    parties: str | None
    place: str | None
