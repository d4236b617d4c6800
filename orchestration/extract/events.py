"""Event mentions per document, and events across the corpus.

Per document (``analyse_time_and_events``): the document date, its time expressions, and its
event mentions. A mention starts at a trigger word from ``ref_event_kinds.csv`` (or a numeric
format name such as '2+2'); its name grows left over Title-Case words, party prefixes
('Japan-U.S.'), quoted or parenthesised abbreviations and the qualifiers of
``ref_event_qualifiers.csv``, and right over a topic ('... meeting on extended deterrence') or a
counterpart ('courtesy call on Prime Minister X'). The date, time, duration, place and
participants come from the same sentence; the name gives a merge key (``alias_key``) built by
generic rules only: parenthesised abbreviations, 'two-plus-two' -> '2+2', topic complements.

Corpus level (``resolve_events``): alias keys linked by 'Long Name (ABBR)' definitions, undated
documents anchored by events other documents date ("today's 2+2"), their relative expressions
re-resolved, and mentions merged into events on (alias, date, parties).
"""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import functools
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from orchestration.extract.countries import country_rows
from orchestration.extract.docdates import day_spoken, find_document_date, numeric_date_readings
from orchestration.extract.happenings import ALIAS_PREFIX as HAPPENING_PREFIX
from orchestration.extract.happenings import find_happenings
from orchestration.extract.happenings import lexicon as happening_lexicon
from orchestration.extract.names import trie_regex
from orchestration.extract.records import (
    DocumentDate,
    EventMention,
    LocalPerson,
    Person,
    PersonLink,
    Sentence,
    TimeExpression,
    Utterance,
)
from orchestration.extract.reference import load_reference
from orchestration.extract.sentences import sentence_cuts
from orchestration.extract.timex import (
    MONTH_NUMBERS,
    SINCE_LAST_OCCURRENCE,
    WEEKDAY_NUMBERS,
    date_from_value,
    duration_minutes,
    find_time_expressions,
    keyword_positions,
    merge_spans,
    reresolve_time_expression,
    sentence_bounds,
    utterance_at,
)
from orchestration.extract.turns import title_lexicon

# --- reference data ------------------------------------------------------------------------------

REFERENCE_DIR_VARIABLE = "READOUT_REFERENCE_DIR"  # read by reference.reference_dir() as well


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


# --- names and alias keys ------------------------------------------------------------------------


def normalise_number_format(text: str) -> str:
    """'two-plus-two', '2 plus 2', '2 + 2' -> '2+2' (spelled and spaced forms of one format name;
    'two plus two' in words and spaces is arithmetic)."""
    if "plus" in text:
        text = _PLUS_NUMBER.sub(lambda m: f"{_number_of(m[1] or m[3])}+{_number_of(m[2] or m[4])}", text)
    return _SPACED_PLUS.sub(r"\1+\2", text) if "+" in text else text


def _number_of(word: str) -> str:
    return word if word.isdigit() else _NUMBER_WORDS[word.lower()]


def fold_country_names(text: str) -> str:
    """'Australia-United States Ministerial' -> 'Australia-U.S. Ministerial', 'South Korea-Japan-China
    summit' -> 'ROK-Japan-China summit': a country name of several words touching a party prefix's
    dash is one token, so the prefix is read as parties, not as name words."""
    if "United" in text:
        text = _UNITED_COUNTRY.sub(lambda m: _UNITED_COUNTRY_SHORT[" ".join(m[1].split())], text)
    if "-" not in text and "–" not in text:
        return text
    names = _country_names(_reference_key())
    return names.multiword.sub(lambda m: names.short[m["after"] or m["before"]], text)


class _CountryNames(NamedTuple):
    """What event names need of ref_countries, read once per reference folder."""

    codes: dict[str, str]  # every name and alias, lower case -> country code ('rok' -> 'KR')
    words: frozenset[str]  # every word of them, lower case, no last full stop ('republic', 'korea', 'u.s')
    multiword: re.Pattern[str]  # a name of several words right after or before a dash ('South Korea')
    short: dict[str, str]  # such a name -> the country's first one-word alias ('ROK')


@functools.lru_cache(maxsize=4)
def _country_names(_folder: str | None) -> _CountryNames:
    codes: dict[str, str] = {}
    words: set[str] = set()
    short: dict[str, str] = {}
    for row in country_rows():
        aliases = row.aliases
        one_word = next((alias for alias in aliases if " " not in alias and alias[:1].isupper()), None)
        for alias in aliases:
            codes.setdefault(alias.lower(), row.country_code)
            words.update(word.lower().rstrip(".,") for word in alias.split())
            if one_word and " " in alias and alias[:1].isupper() and not alias.startswith("United "):
                short[alias] = one_word
    names = trie_regex(sorted(short, key=len, reverse=True)) or "(?!)"
    multiword = re.compile(rf"(?<=[-–])(?P<after>{names})\b|\b(?P<before>{names})(?=[-–])")
    return _CountryNames(codes, frozenset(words), multiword, short)


def _strip_quotes(token: str) -> str:
    return token.strip(_QUOTES) if not _POSSESSIVE.search(token) else token.lstrip(_QUOTES)


def is_party_compound(token: str) -> bool:
    """'Japan-U.S.', 'U.S.-Japan-ROK': a hyphenated list of capitalised party names."""
    return bool(_PARTY_COMPOUND.match(token)) and "-" in token.replace("–", "-")


def parties_of(token: str) -> str:
    """'U.S.-Japan' and 'Japan-U.S.' -> 'JP|US' (order-free); a party ref_countries knows is its country
    code ('ROK', 'Korea' and 'South Korean' are all 'KR'), another its lower-case name ('asean')."""
    codes = _country_names(_reference_key()).codes
    parts = [part.strip(" .").lower() for part in re.split(r"[-–]", token) if part.strip(" .")]
    return "|".join(sorted({codes.get(part) or codes.get(part + ".") or part for part in parts}))


def core_of_name(name: str, family: str) -> str:
    """The merge-relevant words of an event name (lowercase), by generic rules.

    Priority: a parenthesised abbreviation ('Foreign and Defense Ministerial (2+2) Meeting' -> '2+2'),
    then a topic complement ('meeting on extended deterrence' -> 'extended deterrence'), then a
    numeric format name anywhere, then the remaining words without party prefixes, trigger words and
    format qualifiers ('Quad Foreign Ministers Meeting' -> 'quad').
    """
    name = fold_country_names(normalise_number_format(name))
    paren = _PAREN_NAME.match(name)
    if paren and paren["short"].strip().lower() not in _country_names(_reference_key()).codes:
        short = _core_words(paren["short"].split(), family)  # not '(ROK)' after 'Republic of Korea'
        if short and len(short) <= 3:
            return " ".join(short)
    head, complement = _split_complement(name)
    if complement and family == "meeting":
        topic = _core_words(complement.split(), family)
        if topic:
            return " ".join(topic)
    words = _core_words(head.split(), family)
    numeric = [word for word in words if _NUMERIC_FORMAT.match(word)]
    if numeric:
        return numeric[0]
    if (
        family == "meeting"
        and _names_foreign_and_defence(head)
        and set(words) <= _country_names(_reference_key()).words
    ):
        return _FOREIGN_AND_DEFENCE_FORMAT  # what is left names only countries: 'Republic of Korea – United States'
    return " ".join(words)


def _names_foreign_and_defence(name: str) -> bool:
    """'Foreign and Defense Ministerial', 'foreign and defence ministers' meeting': both portfolios named."""
    words = {word.strip(_QUOTES + "().,").lower() for word in name.split()}
    return all(words & portfolio for portfolio in _FOREIGN_AND_DEFENCE)


def _split_complement(name: str) -> tuple[str, str | None]:
    """Split after the head trigger word: 'Ministerial Meeting on X' -> ('Ministerial Meeting', 'X')."""
    words = _triggers().words
    head_end = 0
    for token in re.finditer(r"\S+", name):
        if token.group(0).lower().strip(_QUOTES + "().,") in words:
            head_end = token.end()
    match = _COMPLEMENT_SPLIT.search(name, head_end)
    if not match:
        return name, None
    if match[1] in ("on", "regarding", "about", "of"):
        return name[: match.start()], name[match.end() :]
    return name[: match.start()], None


def _core_words(tokens: Sequence[str], family: str) -> list[str]:
    trigger_words = _triggers().words
    qualifiers = _qualifiers()
    words: list[str] = []
    for raw in tokens:
        token = _strip_quotes(raw.strip("()"))
        if not token or is_party_compound(token) or not any(c.isalnum() for c in token):
            continue  # a party compound, or a spaced dash ('Republic of Korea – United States')
        if raw.startswith("(") and token.lower().rstrip(".") in _country_names(_reference_key()).codes:
            continue  # '(ROK)' spelling out a party: 'Japan-China-Republic of Korea (ROK) Summit'
        if _POSSESSIVE.search(token):
            owner = _POSSESSIVE.sub("", token).lower()
            # 'Prime Minister Kishida's visit' -> 'kishida'; 'last night's working dinner' names no owner
            words = [] if owner in _TIME_WORDS else [owner]
            continue
        lower = _LETTER_DASH_NUMBER.sub(r"\1\2", token.lower().rstrip(".,"))  # 'G-7' is 'G7'

        qualifier = qualifiers.get(lower)
        if lower in trigger_words or lower in _DETERMINERS_AND_FILLERS or (qualifier and not qualifier.in_core):
            continue
        if _ORDINAL.match(lower):
            continue
        words.append(lower)
    while words and words[-1] in ("and", "of"):
        words.pop()
    return words


def alias_key_for(name: str, family: str, kind: str) -> str:
    """Merge key: the core words, prefixed by the family for non-meetings ('visit:kishida').

    A name with no core words ('the meeting', 'a courtesy call', 'the election') is generic: it
    merges only inside its own document, never with another document's 'election' of that year.
    Memoised per reference folder: names repeat across documents ('the meeting', '2+2').
    """
    return _alias_key_memo(_reference_key(), name, family, kind)


@functools.lru_cache(maxsize=1 << 16)
def _alias_key_memo(_folder: str | None, name: str, family: str, kind: str) -> str:
    """``alias_key_for`` for one reference folder (the folder is only the cache key)."""
    core = core_of_name(name, family)
    if family == "meeting":
        return core or kind + _GENERIC_SUFFIX
    return f"{family}:{core}" if core else family + _GENERIC_SUFFIX


def is_generic_alias(alias_key: str) -> bool:
    """A meeting named only by its kind ('the meeting'): merged only inside one document."""
    return alias_key.endswith(_GENERIC_SUFFIX)


# --- finding mentions ----------------------------------------------------------------------------


def find_event_candidates(text: str) -> list[_Candidate]:
    """Trigger matches grown into named mentions; a modifier trigger inside a longer name is dropped.

    Candidate-first: ``str.find`` on a few keywords, then the trigger regex only in small windows.
    """
    table = _triggers()
    spans = _keyword_spans(text, table)
    candidates: list[_Candidate] = []
    seen: set[int] = set()
    for low, high in merge_spans(spans):
        for match in table.pattern.finditer(text, low, high):
            if match.start() in seen:
                continue
            seen.add(match.start())
            candidate = _candidate_from_trigger(text, match, table)
            if candidate is not None:
                candidates.append(candidate)
    return _drop_nested(candidates)


def _candidate_from_trigger(text: str, match: re.Match[str], table: TriggerTable) -> _Candidate | None:
    if match["word"]:
        phrase = " ".join(match["word"].lower().split())
        info = table.by_phrase[phrase]
        if _VERB_CONTEXT.search(text, max(0, match.start() - 12), match.start()):
            return None
        if phrase in table.qualifiers and _modifies_next_word(text, match.end(), table):
            return None  # 'ministerial level meeting': the head comes later
        if _inside_longer_proper_name(text, match, table) or _followed_like_a_verb(text, match.end()):
            return None
    else:
        info = TriggerInfo("meeting", "meeting")
    candidate = _grow_candidate(text, match.start(), match.end(), info, table)
    if (
        info.needs_name
        and candidate
        and candidate.start == candidate.trigger_start  # no name word or qualifier before it
        and is_generic_alias(candidate.alias_key)
        and match.group(0).islower()
    ):
        return None  # 'consultations with Congress'; but 'ministerial consultations' is an event
    return candidate


_NEXT_WORD = re.compile(r"[ \t-]+([A-Za-z][\w’'-]*)")


_VERB_FOLLOWERS = frozenset({"about", "like", "him", "her", "them", "us", "me", "it"})
_NAME_CONTINUATION_EXCEPTIONS = frozenset(
    {"On", "In", "At", "With", "Of", "For", "And", "The", "This", "Between", "By"}
)


def _inside_longer_proper_name(text: str, match: re.Match[str], table: TriggerTable) -> bool:
    """'Press Briefing Room', 'Summit Declaration': a capitalised trigger followed by another capitalised
    non-trigger word is the modifier of a longer proper name (a room, a document), not the event."""
    if not match.group(0)[:1].isupper():
        return False
    following = _NEXT_WORD.match(text, match.end())
    if not following or not following[1][:1].isupper() or following[1] in _NAME_CONTINUATION_EXCEPTIONS:
        return False
    word = following[1].lower().strip("’'")
    return word not in table.words and word not in _TIME_WORDS and not following.group(0).startswith("-")


def _followed_like_a_verb(text: str, position: int) -> bool:
    """'the President talks about this', 'Biden meeting him': the trigger is a verb here."""
    following = _NEXT_WORD.match(text, position)
    return bool(following) and following.group(0)[:1] == " " and following[1] in _VERB_FOLLOWERS


def _modifies_next_word(text: str, position: int, table: TriggerTable) -> bool:
    """A trigger that is also a qualifier ('ministerial', 'summit') is a modifier when a name word follows."""
    following = _NEXT_WORD.match(text, position)
    if not following:
        return False
    word = following[1].lower()
    return word in table.words or word in table.qualifiers


def _drop_nested(candidates: list[_Candidate]) -> list[_Candidate]:
    """'Ministerial Meeting' yields two triggers; keep the head (the rightmost trigger of a name)."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.trigger_end)):
        if kept and candidate.start < kept[-1].end:
            if candidate.trigger_end > kept[-1].trigger_end and candidate.start <= kept[-1].trigger_start:
                kept[-1] = candidate
            elif candidate.trigger_end > kept[-1].end:
                kept.append(candidate)
            continue
        kept.append(candidate)
    return kept


def _grow_candidate(
    text: str, trigger_start: int, trigger_end: int, info: TriggerInfo, table: TriggerTable
) -> _Candidate | None:
    paren_open = _enclosing_paren(text, trigger_start)
    left_edge = paren_open if paren_open is not None else trigger_start
    pre_tokens, start = _premodifiers(text, left_edge, table)
    trigger_text = _strip_quotes(text[trigger_start:trigger_end])
    end = trigger_end
    if paren_open is not None:
        close = text.find(")", trigger_end)
        inner = text[paren_open + 1 : close] if close > 0 else trigger_text
        end = close + 1 if close > 0 else trigger_end
        name_parts = [*pre_tokens, f"({_clean_inner(inner)})"]
    else:
        name_parts = [*pre_tokens, trigger_text]
    place = None
    complement = _complement(text, end, info.family)
    if complement:
        words, end, place = complement
        name_parts.append(words)
    elif paren_open is None:
        abbreviation = _FOLLOWING_ABBREVIATION.match(text, end)
        if abbreviation:  # 'Ministerial Consultations (AUSMIN)': the short name its sources use
            name_parts.append(f"({abbreviation['short']})")
            end = abbreviation.end()
    name = " ".join(_strip_quotes(part) if not part.startswith("(") else part for part in name_parts)
    if paren_open is not None and not pre_tokens:
        name = name.strip("()")
    kind = _kind_from_qualifiers(pre_tokens, info, table.qualifiers)
    party_tokens = fold_country_names(" ".join(pre_tokens)).split()
    parties = next((parties_of(token) for token in party_tokens if is_party_compound(_strip_quotes(token))), None)
    alias_key = _alias_key_memo(table.folder, name, info.family, kind)
    return _Candidate(start, end, trigger_start, trigger_end, name, kind, info.family, alias_key, parties, place)


def _clean_inner(inner: str) -> str:
    """Inside '(Japan-U.S. “2+2”)' keep the abbreviation: drop quotes and party prefixes."""
    tokens = [_strip_quotes(token) for token in inner.split()]
    kept = [token for token in tokens if token and not is_party_compound(token)]
    return normalise_number_format(" ".join(kept or tokens))


def _enclosing_paren(text: str, position: int) -> int | None:
    """Start of an open parenthesis just before the trigger ('Committee (Japan-U.S. “2+2”)')."""
    window_start = max(0, position - 40)
    open_index = text.rfind("(", window_start, position)
    if open_index < 0 or text.rfind(")", open_index, position) >= 0 or "\n" in text[open_index:position]:
        return None
    return open_index


def _premodifiers(text: str, position: int, table: TriggerTable) -> tuple[list[str], int]:
    """Name words left of the trigger, nearest first rejected at the first non-name word."""
    window_start = max(0, position - 160)
    line_start = text.rfind("\n", window_start, position) + 1
    window_start = max(window_start, line_start)
    tokens = list(_TOKEN.finditer(text, window_start, position))
    accepted: list[re.Match[str]] = []
    boundary = position
    has_plus = "plus" in text[window_start:position]
    plus_formats = [m.span() for m in _PLUS_NUMBER.finditer(text, window_start, position)] if has_plus else []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if not _GAP_ALLOWED.fullmatch(text, token.end(), boundary):
            break
        raw = token.group(0)
        if raw.startswith("(") and raw[1:2].islower():
            boundary = token.start()  # '(inaudible)', '(via interpreter)': transcript notes, not name words
            continue
        in_plus_format = any(start <= token.start() and token.end() <= end for start, end in plus_formats)
        if not in_plus_format and not _accept_premodifier(
            raw, tokens[index - 1].group(0) if index > 0 else None, table
        ):  # 'the 2 plus 2 Ministerial Dialogue': '2', 'plus', '2' are one name word
            break
        accepted.append(token)
        boundary = token.start()
        if len(accepted) >= 8 or (_POSSESSIVE.search(raw) and raw[:1].islower()):
            break
    while accepted and _strip_quotes(accepted[-1].group(0)).lower() in ("and", "of", "&"):
        accepted.pop()
    accepted.reverse()
    start = accepted[0].start() if accepted else position
    return [token.group(0) for token in accepted], start


def _accept_premodifier(raw: str, previous: str | None, table: TriggerTable) -> bool:
    if raw.startswith("("):
        return True
    token = _strip_quotes(raw)
    bare = _POSSESSIVE.sub("", token)
    lower = bare.lower().rstrip(".")
    if not bare or lower in _TIME_WORDS:
        return False
    if _NUMERIC_FORMAT.match(normalise_number_format(bare)):
        return True
    if lower in ("and", "of", "&"):
        return previous is not None and _strip_quotes(previous)[:1].isupper()
    qualifiers = table.qualifiers
    if lower in table.words and lower not in qualifiers:
        return False  # another event's head word: 'X Meeting and Y Dialogue' are two names
    if bare[:1].isupper() or bare[:1].isdigit() and any(char.isupper() for char in bare):
        return lower not in _CAPITAL_STOPWORDS
    if _POSSESSIVE.search(token):
        return lower not in _CAPITAL_STOPWORDS and lower not in ("it", "today", "yesterday", "tomorrow")
    return lower in qualifiers


def _complement(text: str, position: int, family: str) -> tuple[str, int, str | None] | None:
    """Words right of the trigger that belong to the name: a topic for meetings, a counterpart otherwise.

    None of them runs past the end of a sentence ('talks on Wednesday. Washington ...')."""
    if family == "meeting":
        topic = _TOPIC.match(text, position)
        if topic and not _starts_with_time_word(topic["topic"]) and not _verb_phrase_topic(text, topic):
            words = _within_sentence(topic.group(0).strip()).rstrip(".")
            return words, topic.start() + topic.group(0).find(words) + len(words), None
        of_name = _OF_NAME.match(text, position)
        if of_name and not _starts_with_time_word(of_name["name"]):
            words = _within_sentence(of_name.group(0).strip()).rstrip(".")
            return words, of_name.start() + of_name.group(0).find(words) + len(words), None
    counterpart = _COUNTERPART.match(text, position)
    if not counterpart or _starts_with_time_word(counterpart["who"]):
        return None
    prep = counterpart["prep"]
    if prep == "to" and family != "visit" or prep == "on" and family == "meeting":
        return None
    who = _without_sentence_dot(_without_dangling_conjunction(_within_sentence(counterpart["who"].strip())))
    if prep in ("with", "between") and len(who.split()) < 2:
        return None
    end = counterpart.start("who") + counterpart["who"].find(who) + len(who)
    place = who.removeprefix("the ").strip() if prep == "to" else None
    return f"{prep} {who}", end, place


_DANGLING_CONJUNCTION = re.compile(r"(?:[ \t]+(?:and|of|&))+$")


def _within_sentence(words: str) -> str:
    """'Wednesday. Washington' -> 'Wednesday.': a complement stops where its sentence ends, as the
    sentence splitter reads it ('H.E. Mr. Kang', 'U.S. Forces' go on)."""
    cuts = sentence_cuts(words)
    return words[: cuts[0]].rstrip() if cuts else words


def _without_dangling_conjunction(words: str) -> str:
    """'Foreign Minister Virtanen and' -> 'Foreign Minister Virtanen': a counterpart list cut short at
    its word limit does not end on 'and' or 'of'."""
    return _DANGLING_CONJUNCTION.sub("", words)


_DETERMINER_AFTER = re.compile(r"[ \t]*(?:the|a|an|our|their|its|this|these|those|his|her|my|your)\b")


def _verb_phrase_topic(text: str, topic: re.Match[str]) -> bool:
    """'talks on updating the alliance': a lone '-ing' word taking an object is a verb phrase, not a topic."""
    words = topic["topic"].split()
    return len(words) == 1 and words[0].endswith("ing") and bool(_DETERMINER_AFTER.match(text, topic.end("topic")))


def _without_sentence_dot(words: str) -> str:
    """'President of Israel.' -> 'President of Israel'; 'the U.S.' keeps its abbreviation dot."""
    if words.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", words):
        return words[:-1]
    return words


def _starts_with_time_word(words: str) -> bool:
    first = words.split()[0].lower().rstrip(".,;:").rstrip("’'s") if words.split() else ""
    return first in _TIME_WORDS


def _kind_from_qualifiers(pre_tokens: Sequence[str], info: TriggerInfo, qualifiers: dict[str, QualifierInfo]) -> str:
    for raw in reversed(pre_tokens):
        qualifier = qualifiers.get(_strip_quotes(raw).lower())
        if qualifier and qualifier.kind and qualifier.applies_to == info.family:
            return qualifier.kind
    return info.kind


# --- per document --------------------------------------------------------------------------------


def analyse_time_and_events(
    document_id: str,
    clean_text: str,
    kind: str,
    metadata: dict,
    utterances: list[Utterance],
    sentences: list[Sentence],
    local_people: list[LocalPerson],
) -> TimeEventAnalysis:
    """Document date, time expressions and event mentions of one document (pure, no I/O)."""
    document_date = find_document_date(document_id, clean_text, metadata, kind)
    # Time and events are anchored to the day the words were spoken: for a transcript published after
    # midnight, the day before its publication (docdates.day_spoken). The document keeps its own date.
    spoken = day_spoken(document_date, clean_text, metadata, kind, HEADING_CHARS)
    anchor = (
        document_date._replace(published_on=spoken, published_on_method="heading_clock") if spoken else document_date
    )
    time_expressions = find_time_expressions(
        document_id, clean_text, anchor.published_on, anchor.published_on_method, utterances
    )
    mentions = find_event_mentions(
        document_id, clean_text, kind, metadata, utterances, sentences, local_people, anchor, time_expressions
    )
    return TimeEventAnalysis(document_date, time_expressions, mentions)


def find_event_mentions(
    document_id: str,
    text: str,
    kind: str,
    metadata: dict,
    utterances: list[Utterance],
    sentences: list[Sentence],
    local_people: list[LocalPerson],
    document_date: DocumentDate,
    time_expressions: list[TimeExpression],
) -> list[EventMention]:
    """Event mentions with date, time, duration, place, participants and first-of-its-kind claims."""
    bounds = sentence_bounds(sentences, text)
    candidates = find_event_candidates(text)
    if not candidates:
        synthetic = _synthetic_document_event(document_id, kind, metadata, document_date, utterances, [])
        found = _with_heading_time_and_place(text, kind, utterances, time_expressions, [synthetic] if synthetic else [])
        return found + find_happenings(document_id, text, bounds, time_expressions, found, _next_index(found))
    sentence_starts = [start for start, _ in bounds]
    by_sentence = _group_by_sentence(candidates, sentence_starts)
    timex_by_sentence = _group_timex_by_sentence(time_expressions, sentence_starts)
    people = _person_finder(local_people)
    utterance_starts = [utterance.char_start for utterance in utterances]
    document_event_index = _document_event_index(candidates, kind, text)
    title_events = _title_gathering_indexes(candidates, kind, text)
    title_dated: set[str] = set()  # mentions dated only because the document's title names them
    mentions: list[EventMention] = []
    for sentence_index, indexes in sorted(by_sentence.items()):
        sentence_start, sentence_end = bounds[sentence_index]
        sentence_timexes = timex_by_sentence.get(sentence_index, [])
        times = _assign_exclusive(
            [timex for timex in sentence_timexes if timex.kind == "time"], [candidates[i] for i in indexes]
        )
        durations = _assign_exclusive(
            [timex for timex in sentence_timexes if timex.kind == "duration" and duration_minutes(timex.value)],
            [candidates[i] for i in indexes],
        )
        participants = people(text[sentence_start:sentence_end])
        first_claims = _first_claim_positions(text, sentence_start, sentence_end)
        since_last = [t for t in sentence_timexes if SINCE_LAST_OCCURRENCE.search(t.text)]
        dating_timexes = [t for t in sentence_timexes if t not in since_last] if since_last else sentence_timexes
        previous_of = _previous_occurrence_dates(since_last, [candidates[i] for i in indexes])
        for position, index in enumerate(indexes):
            candidate = candidates[index]
            dating = _nearest_dating_timex(text, candidate, dating_timexes, [candidates[i] for i in indexes])
            is_document_event = index == document_event_index
            mentions.append(
                _make_mention(
                    document_id, len(mentions) + 1, text, candidate, dating, document_date, is_document_event,
                    times.get(position), durations.get(position),
                    _place_near(text, candidate, sentence_start, sentence_end, [candidates[i] for i in indexes]),
                    _speaker_participants(utterances) if is_document_event else participants,
                    _claims_first(text, candidate, first_claims, [candidates[i] for i in indexes]),
                    utterance_at(utterances, utterance_starts, candidate.start),
                    dated_by_document=index in title_events,
                )
            )  # fmt: skip
            if index in title_events and dating is None:
                title_dated.add(mentions[-1].event_mention_id)
            if position in previous_of:
                previous = _make_mention(
                    document_id, len(mentions) + 1, text, candidate, previous_of[position], document_date, False,
                    None, None, None, (), False, mentions[-1].utterance_id,
                )  # fmt: skip
                mentions.append(previous._replace(other_occurrence=True))
    if title_dated:
        mentions = _title_defers_to_body(mentions, title_dated)
    mentions = _name_other_occurrences(text, mentions)
    mentions = _propagate_within_paragraph(text, mentions)
    mentions = _place_from_greeting(text, mentions, sentence_starts)
    mentions = _mark_following_first_claims(text, mentions, bounds, sentence_starts)
    synthetic = _synthetic_document_event(document_id, kind, metadata, document_date, utterances, mentions)
    found = _with_heading_time_and_place(
        text, kind, utterances, time_expressions, mentions + ([synthetic] if synthetic else [])
    )
    return found + find_happenings(document_id, text, bounds, time_expressions, found, _next_index(found))


def _next_index(mentions: list[EventMention]) -> int:
    """The number after the highest mention id (ids stay unique whatever a step dropped)."""
    return 1 + max((int(m.event_mention_id.rsplit("-e", 1)[1]) for m in mentions), default=0)


HEADING_CHARS = 400  # a transcript's heading: dateline and clock before the first speaker
# A dateline: 'Camp David, Maryland', 'Tokyo, Japan', 'San Francisco, California' -- a line of capitalised words
# with one comma, alone on its line just above the clock.
_DATELINE = re.compile(r"[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3}, [A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,2}")


def _with_heading_time_and_place(
    text: str,
    kind: str,
    utterances: list[Utterance],
    time_expressions: list[TimeExpression],
    mentions: list[EventMention],
) -> list[EventMention]:
    """A transcript printed with a dateline and a clock above its first speaker ('Camp David, Maryland' /
    '3:14 P.M. EDT') says where and when its own event began: the document event takes them when the
    text gave it none."""
    if kind != "transcript" or not any(m.document_event for m in mentions):
        return mentions
    first_turn = next((u.char_start for u in utterances if u.turn_index is not None), None)
    end = min(first_turn if first_turn is not None else HEADING_CHARS, HEADING_CHARS)
    clock = next(
        (t for t in time_expressions if t.char_end <= end and t.kind == "time" and t.precision == "minute"), None
    )
    if clock is None:
        return mentions
    line_start = text.rfind("\n", 0, clock.char_start) + 1
    previous_line = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)].strip()
    place = previous_line if _DATELINE.fullmatch(previous_line) else None
    return [
        m._replace(start_time=m.start_time or clock.value, place=m.place or place) if m.document_event else m
        for m in mentions
    ]


_SERIES_CUE = re.compile(r"\b(?:last|previous|prior|next)\s+(?:[\w.’'-]+\s+){0,3}$", re.IGNORECASE)
_MEETING_KINDS = frozenset({"meeting", "talks", "dialogue", "summit", "ministerial_meeting", "conference"})
_SERIES_OF_A_MEETING = frozenset({"meeting", "talks", "dialogue", "ministerial_meeting"})  # not a summit, a forum
# 'the last meeting between President X and President Y': a gathering of its own, not the document's series
_OWN_GATHERING = re.compile(r"\s(?:between|with|among)\s")
_NAMED_JUST_BEFORE = re.compile(r"\b\w*[A-Z]\w*\s+$")  # 'the next iCET meeting': a name the mention did not take


def _name_other_occurrences(text: str, mentions: list[EventMention]) -> list[EventMention]:
    """'this meeting of AUSMIN following up on our last meeting together in December': a dated 'last'
    or 'next' meeting, named by its kind only, is an occurrence of the series the document is about --
    the named meeting its other mentions name most often, or first -- and takes that series' name, so
    the previous AUSMIN merges with the other sources that date it."""
    named = [
        m for m in mentions if not m.other_occurrence and not is_generic_alias(m.alias_key) and m.kind in _MEETING_KINDS
    ]
    if not named:
        return mentions
    counts = collections.Counter(m.alias_key for m in named)
    series = min(named, key=lambda m: (-counts[m.alias_key], m.char_start))  # a tie: the one named first
    return [
        m._replace(alias_key=series.alias_key, name=series.name, kind=series.kind, parties=series.parties)
        if m.other_occurrence
        and m.event_date is not None
        and is_generic_alias(m.alias_key)
        and m.parties is None  # 'the last U.S.-EU Summit' is named by its parties
        and (m.kind == series.kind or (m.kind == "meeting" and series.kind in _SERIES_OF_A_MEETING))
        and _SERIES_CUE.search(text, max(0, m.char_start - 40), m.char_start) is not None  # not 'another'
        and _OWN_GATHERING.search(text, m.char_start, m.char_end + 10) is None
        and _NAMED_JUST_BEFORE.search(text, max(0, m.char_start - 30), m.char_start) is None
        else m
        for m in mentions
    ]


def _title_defers_to_body(mentions: list[EventMention], title_dated: set[str]) -> list[EventMention]:
    """'Japan-U.S.-ROK Summit (Summary)', published on the 19th, whose text says the summit was held
    on the 18th (another time zone): a title takes the date its document gives the same event."""
    dated_in_body = {
        m.alias_key: m
        for m in reversed(mentions)
        if m.timex_id is not None and m.event_date is not None and not m.other_occurrence
    }
    updated = []
    for mention in mentions:
        body = dated_in_body.get(mention.alias_key) if mention.event_mention_id in title_dated else None
        if body is not None:
            mention = mention._replace(
                event_date=body.event_date,
                date_precision=body.date_precision,
                date_method=body.date_method,
                timex_id=body.timex_id,
            )
        updated.append(mention)
    return updated


def _previous_occurrence_dates(
    since_last: list[TimeExpression], candidates: list[_Candidate]
) -> dict[int, TimeExpression]:
    """'we held the 2+2 after one and a half years since the last time': the mention just before such
    an expression (by position among ``candidates``) also names the previous occurrence, which the
    expression dates. The mention itself stays the current occasion."""
    found: dict[int, TimeExpression] = {}
    for expression in since_last:
        before = [
            (expression.char_start - c.end, position)
            for position, c in enumerate(candidates)
            if c.end <= expression.char_start and expression.char_start - c.end <= MAX_DATE_DISTANCE
        ]
        if before:
            found.setdefault(min(before)[1], expression)
    return found


def _make_mention(
    document_id: str,
    index: int,
    text: str,
    candidate: _Candidate,
    dating: TimeExpression | None,
    document_date: DocumentDate,
    is_document_event: bool,
    start_time: TimeExpression | None,
    duration: TimeExpression | None,
    place: str | None,
    participants: tuple[str, ...],
    first_of_its_kind: bool,
    utterance_id: str | None,
    dated_by_document: bool = False,
) -> EventMention:
    """One mention; with no date of its own, the document event (or the gathering a statement's,
    readout's or transcript's title names: ``dated_by_document``) takes the document's date."""
    event_date, precision, method, timex_id = None, None, None, None
    if dating is not None:
        event_date, precision = date_from_value(dating.value)
        method = dating.method if event_date else None
        timex_id = dating.timex_id
    elif (is_document_event or dated_by_document) and document_date.published_on:
        event_date, precision, method = document_date.published_on, "day", document_date.published_on_method
    return EventMention(
        document_id=document_id,
        event_mention_id=f"{document_id}-e{index:05d}",
        char_start=candidate.start,
        char_end=candidate.end,
        text=text[candidate.start : candidate.end],
        name=candidate.name,
        kind=candidate.kind,
        alias_key=candidate.alias_key,
        event_date=event_date,
        date_precision=precision,
        date_method=method,
        start_time=start_time.value if start_time else None,
        duration_minutes=duration_minutes(duration.value) if duration else None,
        place=candidate.place or place,
        participant_keys=participants,
        first_of_its_kind=first_of_its_kind,
        utterance_id=utterance_id,
        timex_id=timex_id,
        document_event=is_document_event,
        parties=candidate.parties,
        other_occurrence=_PREVIOUS_CUE.search(text, max(0, candidate.start - 40), candidate.start) is not None,
    )


def _group_by_sentence(candidates: list[_Candidate], sentence_starts: list[int]) -> dict[int, list[int]]:
    groups: dict[int, list[int]] = collections.defaultdict(list)
    for index, candidate in enumerate(candidates):
        groups[max(0, bisect.bisect_right(sentence_starts, candidate.start) - 1)].append(index)
    return groups


def _group_timex_by_sentence(
    expressions: list[TimeExpression], sentence_starts: list[int]
) -> dict[int, list[TimeExpression]]:
    groups: dict[int, list[TimeExpression]] = collections.defaultdict(list)
    for expression in expressions:
        groups[max(0, bisect.bisect_right(sentence_starts, expression.char_start) - 1)].append(expression)
    return groups


def _distance(candidate: _Candidate, start: int, end: int) -> int:
    if end <= candidate.start:
        return candidate.start - end
    if start >= candidate.end:
        return start - candidate.end
    return 0


def _nearest_dating_timex(
    text: str, candidate: _Candidate, expressions: list[TimeExpression], others: list[_Candidate]
) -> TimeExpression | None:
    """The closest date-like expression in the sentence whose nearest mention is this one.

    'the 2+2 confirmed progress on the outcomes of the visit in April': 'in April' dates the visit,
    not the 2+2. A coordinated mention ('X Meeting and a Y Dialogue in Tokyo on July 28') shares
    the date. 'since 2010' / 'by March' are not event dates. A mention marked as the current
    occasion ('this 2+2') takes only a date right next to it.
    """
    best: tuple[int, TimeExpression] | None = None
    current = _CURRENT_CUE.search(text, max(0, candidate.start - 40), candidate.start) is not None
    for expression in expressions:
        if expression.kind not in _DATING_TIMEX_KINDS or expression.precision not in ("day", "month", "year"):
            continue
        if expression.text.lower().startswith(_NON_EVENT_DATE_CUES) or _after_since(text, expression):
            continue
        distance = _distance(candidate, expression.char_start, expression.char_end)
        limit = FRAMING_DATE_DISTANCE if _frames_its_sentence(text, expression) else MAX_DATE_DISTANCE
        if distance > limit or best is not None and distance >= best[0]:
            continue
        if current and distance > CURRENT_OCCASION_DATE_DISTANCE:
            continue
        if _blocked_by_other_mention(text, candidate, expression, others):
            continue
        if len(expressions) > 1 and _in_time_zone_aside(text, expression):
            continue
        best = (distance, expression)
    return best[1] if best else None


def _after_since(text: str, expression: TimeExpression) -> bool:
    """'I have been visiting India since yesterday and have just concluded the 2+2': an expression after
    'since' starts a period; it does not date the event. ('from June 11 to 13' still dates a summit.)"""
    return text[max(0, expression.char_start - 6) : expression.char_start].lower() == "since "


def _frames_its_sentence(text: str, expression: TimeExpression) -> bool:
    """'On August 18, commencing at 11:30 a.m. (...), the Prime Minister ... held a summit': a date
    opening its sentence dates the sentence's events however long the sentence runs."""
    return _SENTENCE_OPENING_ON.search(text, max(0, expression.char_start - 6), expression.char_start) is not None


_SENTENCE_OPENING_ON = re.compile(r"(?:^|\n|[.!?][ \t]+)[ \t]*On[ \t]+$")
FRAMING_DATE_DISTANCE = 400


def _in_time_zone_aside(text: str, expression: TimeExpression) -> bool:
    """'On August 18, at 11:30 a.m. (local time, on August 19, 0:30 a.m. Japan time)': a date in a
    bracketed time-zone conversion restates the date beside it; it dates nothing itself."""
    opening = text.rfind("(", max(0, expression.char_start - 60), expression.char_start)
    if opening < 0 or text.find(")", opening, expression.char_start) >= 0:
        return False
    closing = text.find(")", expression.char_end, expression.char_end + 60)
    return closing >= 0 and _TIME_ZONE_WORDS.search(text, opening, closing) is not None


_TIME_ZONE_WORDS = re.compile(r"\b(?:local\s+time|\w+\s+time|[A-Z]{2,4}T|UTC|GMT)\b")
MAX_DATE_DISTANCE = 150
CURRENT_OCCASION_DATE_DISTANCE = 20  # 'during this 2+2, ... announced in April': April is not this 2+2's date
_CURRENT_CUE = re.compile(r"\b(?:this|these|today['’]s|the\s+current|the\s+present)\s+(?:[\w.’'+-]+\s+){0,3}$", re.I)
_COORDINATION = re.compile(r"^[\s,]*(?:and|or|as\s+well\s+as)?[\s,]*(?:an?|the)?\s*$")


def _blocked_by_other_mention(
    text: str, candidate: _Candidate, expression: TimeExpression, others: list[_Candidate]
) -> bool:
    """An expression belongs to its nearest mention (and to mentions coordinated with that one)."""
    owner = min(others, key=lambda other: _distance(other, expression.char_start, expression.char_end))
    if owner is candidate or _distance(owner, expression.char_start, expression.char_end) == _distance(
        candidate, expression.char_start, expression.char_end
    ):
        return False
    first, second = sorted((owner, candidate), key=lambda item: item.start)
    return not _COORDINATION.match(text[first.end : second.start])


def _assign_exclusive(expressions: list[TimeExpression], candidates: list[_Candidate]) -> dict[int, TimeExpression]:
    """Each clock time / duration goes to the one mention nearest to it (a sentence narrates one event)."""
    assigned: dict[int, TimeExpression] = {}
    for expression in expressions:
        position = min(
            range(len(candidates)),
            key=lambda i: _distance(candidates[i], expression.char_start, expression.char_end),
        )
        assigned.setdefault(position, expression)
    return assigned


def _person_finder(local_people: list[LocalPerson]):
    """A function: sentence text -> LocalPerson keys whose family (or printed) name occurs in it."""
    names: dict[str, list[str]] = collections.defaultdict(list)
    for person in local_people:
        if (person.role or "").lower() == "journalist":
            continue
        name = person.family_name or person.name_as_printed
        if name and len(name) > 1:
            names[name.lower()].append(person.local_person_key)
    if not names:
        return lambda _text: ()
    pattern = _names_pattern(
        r"\b(?:" + "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True)) + r")\b"
    )

    def find(sentence: str) -> tuple[str, ...]:
        keys: dict[str, None] = {}
        for match in pattern.finditer(sentence):
            for key in names[match.group(0).lower()]:
                keys[key] = None
        return tuple(keys)

    return find


@functools.lru_cache(maxsize=4096)
def _names_pattern(source: str) -> re.Pattern[str]:
    """Compiled once per distinct cast: the same speakers recur across briefings, and ``re``'s own
    cache (512 patterns, shared with every other module) keeps evicting them."""
    return re.compile(source, re.IGNORECASE)


def _speaker_participants(utterances: list[Utterance]) -> tuple[str, ...]:
    """Officials who speak in a transcript are the participants of the event it records."""
    keys: dict[str, None] = {}
    for utterance in utterances:
        if utterance.speaker_kind == "official" and utterance.local_person_key:
            keys[utterance.local_person_key] = None
    return tuple(keys)


def _place_near(
    text: str, candidate: _Candidate, sentence_start: int, sentence_end: int, others: Sequence[_Candidate] = ()
) -> str | None:
    """'in Tokyo' in the same sentence, closest to the mention; 'the Japanese capital' stays unresolved.

    A place with another of the sentence's mentions between it and this one is that mention's
    ('this meeting of AUSMIN, following up on our last meeting in Washington')."""
    best: tuple[int, str] | None = None
    for match in _PLACE.finditer(text, sentence_start, sentence_end):
        place = _without_sentence_dot(match["place"].rstrip(",’'"))
        first = place.split()[0]
        if first.rstrip(".") in _NOT_PLACES or first.rstrip("’'s") in _NOT_PLACES or _TIME_WORD_RE.match(first):
            continue
        distance = _distance(candidate, match.start(), match.end())
        if distance > 120 or best is not None and distance >= best[0]:
            continue
        if _mention_between(text, candidate, match.start(), match.end(), others):
            continue
        if match.start() >= candidate.end and _MEET_AGAIN.search(text, candidate.end, match.start()):
            continue  # 'talks ..., and the two agreed to meet again in Washington': where they will meet
        if match.start() >= candidate.end and _in_relative_clause_of_another_noun(text, candidate.end, match.start()):
            continue  # 'during the 2+2, I raised the case that happened in Okinawa': the case's place
        best = (distance, place)
    return best[1] if best else None


_MEET_AGAIN = re.compile(r"\b(?:meet|gather|convene)\s+again\b")  # the next occurrence's place follows


def _mention_between(text: str, candidate: _Candidate, start: int, end: int, others: Sequence[_Candidate]) -> bool:
    """Does another mention, not coordinated with or in apposition to this one, lie between
    ``candidate`` and [start, end)?

    'the Nordic 5+5 and the Baltic Security Dialogue in Riga' share the place, as do 'the U.S.-ASEAN
    Summit — Special Summit in Washington'; 'this meeting, following up on our last meeting in
    Washington' do not."""
    if start >= candidate.end:
        between = sorted((o for o in others if candidate.end <= o.start and o.end <= start), key=lambda o: o.start)
        gaps = [(candidate.end, between[0].start)] if between else []
        gaps += [(a.end, b.start) for a, b in zip(between, between[1:], strict=False)]
    else:
        between = sorted((o for o in others if end <= o.start and o.end <= candidate.start), key=lambda o: o.start)
        following = [*between[1:], candidate] if between else []
        gaps = [(a.end, b.start) for a, b in zip(between, following, strict=True)]
    return any(
        _COORDINATION.match(text[gap_start:gap_end]) is None and _APPOSITION.fullmatch(text, gap_start, gap_end) is None
        for gap_start, gap_end in gaps
    )


# 'the Summit of the Americas — the ninth Summit of the Americas — ...': a dash apposition renames it
_APPOSITION = re.compile(r"[ \t]*[—–][ \t]*(?:[\w’'-]+[ \t]+){0,2}")


def _in_relative_clause_of_another_noun(text: str, mention_end: int, place_start: int) -> bool:
    """A relative clause between the mention and its place that does not hang on the mention.

    'the Conference, which will be held in London', 'the Summit that was held in Washington' and
    'the Summit — the ninth — which will be ... in Los Angeles' place the event; 'the 2+2, I raised
    the case that happened in Okinawa' places the case.
    """
    for relative in _RELATIVE_PRONOUN.finditer(text, mention_end, place_start):
        between = text[mention_end : relative.start()]
        if between.count("—") % 2:
            continue  # inside a dashed aside: 'the Conference — which is COP27 — in Egypt'
        return _ASIDE.sub("", between).strip(" ,") != ""
    return False


_RELATIVE_PRONOUN = re.compile(r"\b(?:that|which|who|where)\b")
_ASIDE = re.compile(r"—[^—]*—|\([^()]*\)")


_TIME_WORD_RE = re.compile(r"^(?:\d|Q\d)")


def _first_claim_positions(text: str, sentence_start: int, sentence_end: int) -> list[tuple[int, bool]]:
    """(position, standalone) of 'for the first time' style claims; standalone ones need no verb."""
    claims = []
    has_convening_verb: bool | None = None  # looked up only once a claim needs it (most sentences have none)
    for match in _FIRST_CLAIM.finditer(text, sentence_start, sentence_end):
        if _FIRST_IN_A_PLACE.match(text, match.end()):
            continue  # 'held for the first time in Manila': the first there, not the first of its kind
        standalone = _STANDALONE_FIRST_CLAIM.match(match.group(0)) is not None
        if not standalone and has_convening_verb is None:
            has_convening_verb = _CONVENING_VERB.search(text[sentence_start:sentence_end]) is not None
        if standalone or has_convening_verb:
            claims.append((match.start(), standalone))
    return claims


_FIRST_IN_A_PLACE = re.compile(r"[ \t]+(?:in|on)[ \t]+(?:the[ \t]+)?[A-Z]")
_FIRST_BEFORE_NAME = re.compile(r"\bfirst(?:[\s-]ever)?\s+$", re.IGNORECASE)
_FIRST_IN_NAME = re.compile(r"\bfirst\b", re.IGNORECASE)


def _claims_first(
    text: str, candidate: _Candidate, claims: list[tuple[int, bool]], sentence_candidates: list[_Candidate]
) -> bool:
    """'the first ministerial meeting', or a 'for the first time' claim whose nearest mention this is.

    One owner per claim: 'during this 2+2, for the first time we conducted a ministerial on X'
    credits the ministerial, not the 2+2.
    """
    if _FIRST_IN_NAME.search(candidate.name) or _FIRST_BEFORE_NAME.search(
        text, max(0, candidate.start - 20), candidate.start
    ):
        return True
    return any(_claim_owner(text, position, sentence_candidates) is candidate for position, _ in claims)


def _claim_owner(text: str, position: int, sentence_candidates: list[_Candidate]) -> _Candidate:
    """The mention a 'for the first time' claim is about: the object of a convening verb right after
    it ('for the first time we conducted a ministerial on X'), else the nearest mention."""
    claim_end = position + len(_FIRST_CLAIM.match(text, position).group(0))
    convened = _CONVENED_NEXT.match(text, claim_end)
    if convened:
        following = [c for c in sentence_candidates if c.start >= convened.end() - 1]
        if following:
            return min(following, key=lambda c: c.start)
    return min(sentence_candidates, key=lambda other: _distance(other, position, position + 1))


# ', we conducted', ' they held', ' the ministers convened': the convened thing follows.
_CONVENED_NEXT = re.compile(
    r"[\s,]*(?:(?:we|they|I|the\s+\w+|both\s+sides)\s+)?(?:have\s+|has\s+)?"
    r"(?:held|conducted|convened|hosted|had|organi[sz]ed|launched)\b",
    re.IGNORECASE,
)


def _mark_following_first_claims(
    text: str, mentions: list[EventMention], bounds: list[tuple[int, int]], sentence_starts: list[int]
) -> list[EventMention]:
    """'... a separate meeting on X. And that has never been done before.' marks the previous sentence's last event."""
    if not mentions:
        return mentions
    last_in_sentence: dict[int, int] = {}
    for index, mention in enumerate(mentions):
        last_in_sentence[bisect.bisect_right(sentence_starts, mention.char_start) - 1] = index
    updated = list(mentions)
    for previous_index in sorted(last_in_sentence):
        sentence_index = previous_index + 1
        if sentence_index in last_in_sentence or sentence_index >= len(bounds):
            continue
        start, end = bounds[sentence_index]
        if _STANDALONE_FIRST_CLAIM.search(text, start, end):
            target = last_in_sentence[sentence_index - 1]
            updated[target] = updated[target]._replace(first_of_its_kind=True)
    return updated


def _propagate_within_paragraph(text: str, mentions: list[EventMention]) -> list[EventMention]:
    """An undated mention takes the date of a same-alias mention in its paragraph ('The courtesy call was ...').

    Not when the words before it point at another occurrence ('our last 2+2', 'the next summit'),
    and such a mention's date is not the paragraph's occasion's either.
    """
    by_key: dict[tuple[int, str], set[tuple]] = collections.defaultdict(set)
    paragraph_of = [text.rfind("\n", 0, mention.char_start) for mention in mentions]
    for mention, paragraph in zip(mentions, paragraph_of, strict=True):
        if (mention.timex_id or mention.event_date) and not mention.other_occurrence:
            by_key[(paragraph, mention.alias_key)].add(
                (mention.event_date, mention.date_precision, mention.date_method, mention.timex_id)
            )
    updated = []
    for mention, paragraph in zip(mentions, paragraph_of, strict=True):
        dates = by_key.get((paragraph, mention.alias_key))
        if mention.timex_id or mention.event_date or not dates or len({d[:2] for d in dates}) != 1:
            updated.append(mention)
            continue
        if mention.other_occurrence:
            updated.append(mention)
            continue
        event_date, precision, method, timex_id = sorted(dates, key=lambda d: str(d[3]))[0]
        updated.append(
            mention._replace(event_date=event_date, date_precision=precision, date_method=method, timex_id=timex_id)
        )
    return updated


def _place_from_greeting(text: str, mentions: list[EventMention], sentence_starts: list[int]) -> list[EventMention]:
    """'I am delighted to welcome you to Tokyo. I am delighted that we are able to hold the 2+2
    meeting.': the place a speaker welcomes guests to, or is glad to be in, is where the gathering
    named in that sentence or the next happens. Only meetings, summits, talks and the like that
    name no place, no date and no other occurrence take it ('here in America' is no greeting, and
    an election or a trip happens elsewhere)."""
    if "elcome" not in text and "to be " not in text:
        return mentions
    places: dict[int, str] = {}
    for match in _greetings(text):
        place = _without_sentence_dot(re.split(r"[.?!]\s", match["place"], maxsplit=1)[0].rstrip(",’'"))
        if place.split()[0] in _NOT_PLACES:
            continue
        sentence = bisect.bisect_right(sentence_starts, match.start()) - 1
        places.setdefault(sentence, place)
        places.setdefault(sentence + 1, place)
    if not places:
        return mentions
    updated = []
    for mention in mentions:
        place = places.get(bisect.bisect_right(sentence_starts, mention.char_start) - 1)
        if (
            place
            and not mention.place
            and not mention.other_occurrence
            and mention.event_date is None
            and mention.kind in _GATHERING_KINDS
        ):
            mention = mention._replace(place=place)
        updated.append(mention)
    return updated


def _greetings(text: str) -> list[re.Match[str]]:
    """_GREETING_PLACE's matches, searched only around 'elcome' and 'to be' (the regex alone tried every
    word boundary of the text: 0.3 ms a document that has either)."""
    starts = [*keyword_positions(text, "elcome"), *keyword_positions(text, "to be")]
    found: dict[int, re.Match[str]] = {}
    for start in sorted(starts):
        match = _GREETING_PLACE.search(text, max(0, start - 1), start + _GREETING_REACH)
        if match and match.start() >= start - 1 and match.start() not in found:
            found[match.start()] = match
    return [found[start] for start in sorted(found)]


_GREETING_REACH = 160  # characters from the keyword to the end of the place it names
_GREETING_PLACE = re.compile(
    r"\b(?:[Ww]elcome\s+(?:you\s+|everyone\s+|all\s+of\s+you\s+|you\s+all\s+|all\s+)?(?:back\s+)?to"
    r"|to\s+be\s+(?:back\s+)?(?:here\s+)?in)"
    r"[ \t]+(?P<place>[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,2})"
)
# Occasions a greeting's place can be the place of (not an election, a call or a trip elsewhere).
_GATHERING_KINDS = frozenset(
    {
        "meeting", "ministerial_meeting", "bilateral_meeting", "summit", "talks", "dialogue", "conference",
        "courtesy_call", "ceremony",
    }
)  # fmt: skip


def _document_event_index(candidates: list[_Candidate], kind: str, text: str) -> int | None:
    """A press-conference transcript is itself the event: its first press-conference mention near the top.

    So is the meeting a transcript's title line names it as held at ('Secretary X and Minister Y
    Before Their Meeting'): the remarks were made there, that day.
    """
    if kind != "transcript":
        return None
    for index, candidate in enumerate(candidates):
        if candidate.start > 2000:
            break
        if candidate.family == "press_conference":
            return index
    title_end = text.find("\n", 0, TITLE_LINE_CHARS)
    title = _GATHERING_TITLE.search(text, 0, title_end if title_end >= 0 else min(len(text), TITLE_LINE_CHARS))
    if title is None:
        return None
    for index, candidate in enumerate(candidates):
        if candidate.start < title.end("name") and candidate.end > title.start("name"):
            return index
    return None


TITLE_LINE_CHARS = 300  # a title line longer than this is a paragraph
_TITLE_DATED_KINDS = frozenset({"statement", "readout", "transcript"})
_TITLE_DATED_FAMILIES = frozenset({"meeting", "courtesy_call", "call"})
_PREVIEW_TITLE = re.compile(
    r"\b(?:ahead\s+of|upcoming|preview|to\s+(?:travel|attend|host|visit)|will)\b", re.IGNORECASE
)


def _reads_as_title(line: str) -> bool:
    """A title, not a first paragraph: no sentence ends in it and most longer words are capitalised
    ('Joint statement on Australia-United States Ministerial Consultations (AUSMIN) 2023')."""
    line = line.strip(" \t*_")  # Markdown emphasis around a first paragraph
    if not line or line[-1] in ".!?:;" or sentence_cuts(line):
        return False
    words = [word for word in re.findall(r"[^\W\d_][\w’'-]{3,}", line)]
    return bool(words) and sum(word[0].isupper() for word in words) >= 0.6 * len(words)


def _title_gathering_indexes(candidates: list[_Candidate], kind: str, text: str) -> set[int]:
    """'Joint Statement on the Fifth Annual India-U.S. 2+2 Ministerial Dialogue', 'Joint Press
    Conference Following the Australia-US Ministerial Consultations (AUSMIN)': the gathering a
    statement, readout or transcript is titled after was held on the document's day. Not a preview
    ('Secretary Aalto to Travel to ...') or another occurrence ('Since the Last Summit')."""
    if kind not in _TITLE_DATED_KINDS:
        return set()
    title_end = text.find("\n", 0, TITLE_LINE_CHARS + 1)
    if title_end < 0 or not _reads_as_title(text[:title_end]) or _PREVIEW_TITLE.search(text, 0, title_end):
        return set()
    return {
        index
        for index, candidate in enumerate(candidates)
        if candidate.end <= title_end
        and candidate.family in _TITLE_DATED_FAMILIES
        and _PREVIOUS_CUE.search(text, max(0, candidate.start - 40), candidate.start) is None
    }


@functools.lru_cache(maxsize=4)
def _occasion_title_pattern(_folder: str | None) -> tuple[re.Pattern[str], dict[str, str]]:
    kinds = {row["head"].strip().lower(): row["kind"].strip() for row in load_reference("ref_occasion_heads")}
    heads = trie_regex(sorted(kinds, key=len, reverse=True))
    # 'at State Dinner', 'in Address to the Parliament', 'during a Visit to': a preposition, up to eight
    # capitalised words (or 'of', 'for', 'and', 'the'), then the head.
    pattern = re.compile(
        rf"\b(?:at|in|during)\s+(?:(?:the|a|an|his|her|their)\s+)?"
        rf"(?:(?:[A-Z][\w’'.&-]*|of|for|and|the|on|with)\s+){{0,8}}?(?P<head>(?i:{heads}))(?![\w-])"
    )
    return pattern, kinds


def _occasion_of_title(title: str) -> str | None:
    """The kind of the occasion a transcript's title says it was spoken at ('Remarks by X at State Dinner'
    -> 'ceremony'; ref_occasion_heads.csv), else None. The head must be printed capitalised, as titles
    print an occasion's name."""
    pattern, kinds = _occasion_title_pattern(_reference_key())
    for match in pattern.finditer(title):
        if match["head"][:1].isupper():
            return kinds[match["head"].lower()]
    return None


def _synthetic_document_event(
    document_id: str,
    kind: str,
    metadata: dict,
    document_date: DocumentDate,
    utterances: list[Utterance],
    mentions: list[EventMention],
) -> EventMention | None:
    """A transcript titled as a press briefing, or as remarks before, during or after a meeting
    ('Remarks by X and Y Before Bilateral Meeting'), with no mention of it in the text: an event
    without a span, held on the document's day, its speakers taking part. It is named by the
    title, which names the people it joins it to in other sources."""
    title = str((metadata or {}).get("title") or "")
    if kind != "transcript" or any(mention.document_event for mention in mentions):
        return None
    name = " ".join(title.split())[:200]
    if _PRESS_TITLE.search(title):
        event_kind, alias_key = "press_conference", f"press_conference:{core_of_name(name, 'press_conference')}"
    else:
        gathering = _GATHERING_TITLE.search(name)
        found = find_event_candidates(gathering.group("name")) if gathering else []
        occasion = None if found else _occasion_of_title(name)
        if occasion is not None:
            # named by the whole title, so kept to its document ('Remarks by X at State Dinner')
            event_kind, alias_key = occasion, f"{occasion}:{core_of_name(name, occasion)}"
        elif not found:
            return None
        else:
            event_kind, alias_key = found[0].kind, found[0].alias_key
            qualifiers = _qualifiers()
            if all(word in qualifiers for word in found[0].name.lower().split()[:-1]):
                # 'Bilateral Meeting' names no meeting in particular: kept to its document, and joined
                # to other sources' meeting of that day through the people the title names
                alias_key = alias_key.rstrip(_GENERIC_SUFFIX) + _GENERIC_SUFFIX
    return EventMention(
        document_id=document_id,
        event_mention_id=f"{document_id}-e{len(mentions) + 1:05d}",
        char_start=0,
        char_end=0,
        text="",
        name=name,
        kind=event_kind,
        alias_key=alias_key,
        event_date=document_date.published_on,
        date_precision="day" if document_date.published_on else None,
        date_method=document_date.published_on_method if document_date.published_on else None,
        start_time=None,
        duration_minutes=None,
        place=None,
        participant_keys=_speaker_participants(utterances),
        first_of_its_kind=False,
        utterance_id=None,
        timex_id=None,
        document_event=True,
        parties=None,
    )


# --- corpus level --------------------------------------------------------------------------------


class _AliasLinks:
    """Union-find over alias keys; the shortest key of a group names it (an abbreviation)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.cache: dict[str, str] = {}

    def find(self, key: str) -> str:
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        root = self._root(key)
        self.cache[key] = root
        return root

    def _root(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(key, key) != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        self.cache.clear()
        if a != b:
            keep, drop = sorted((a, b), key=lambda key: (len(key), key))
            self.parent[drop] = keep


def learn_alias_links(mentions: Iterable[EventMention]) -> _AliasLinks:
    """'Security Consultative Committee (2+2)' says the long name and the abbreviation are one alias."""
    links = _AliasLinks()
    seen: set[str] = set()
    for mention in mentions:
        if "(" not in mention.name or mention.name in seen:
            continue
        seen.add(mention.name)
        match = _PAREN_NAME.match(mention.name)
        if not match:
            continue
        family = _family_of_alias(mention.alias_key)
        long_name = f"{match['long']} {match['tail']}".strip()
        long_key = alias_key_for(long_name, family, mention.kind)
        if long_key != mention.alias_key and not is_generic_alias(long_key) and long_key != family:
            links.union(long_key, mention.alias_key)
    return links


def _family_of_alias(alias_key: str) -> str:
    if ":" in alias_key:
        return alias_key.split(":", 1)[0]
    return alias_key.rstrip(_GENERIC_SUFFIX) if alias_key.endswith(_GENERIC_SUFFIX) else "meeting"


def resolve_events(
    event_mentions: list[EventMention],
    document_dates: list[DocumentDate],
    time_expressions: list[TimeExpression],
    person_links: list[PersonLink],
    people: Sequence[Person] = (),
) -> EventResolution:
    """Merge mentions into events, anchoring undated documents on events other documents date.

    ``people`` (the corpus people of ``person_links``) lets a source's unnamed 'talks' join
    another source's event of that day named after one of its participants."""
    links = learn_alias_links(event_mentions)
    dated_documents = {row.document_id for row in document_dates if row.published_on is not None}
    document_kinds = {row.document_id: row.document_kind for row in document_dates}
    undated = ({mention.document_id for mention in event_mentions} | set(document_kinds)) - dated_documents
    undated_timexes = {
        expression.timex_id: expression for expression in time_expressions if expression.document_id in undated
    }
    wanted = {
        links.find(mention.alias_key)
        for mention in event_mentions
        if mention.timex_id in undated_timexes and not is_generic_alias(mention.alias_key)
    }
    known_dates = _known_event_dates(event_mentions, links, wanted) if wanted else {}
    people_of = _people_of_documents(person_links, people)
    anchors = _infer_anchors(event_mentions, undated_timexes, known_dates, links, document_kinds, people_of)
    anchors.update(_dateline_anchors(document_dates, undated_timexes, set(anchors)))
    new_timexes, new_mentions, inferred_dates = _reresolve_documents(
        anchors, event_mentions, time_expressions, document_kinds
    )
    replaced = {mention.event_mention_id: mention for mention in new_mentions}
    final_mentions = [replaced.get(mention.event_mention_id, mention) for mention in event_mentions]
    document_days = {row.document_id: row.published_on for row in document_dates if row.published_on is not None}
    document_days.update({row.document_id: row.published_on for row in inferred_dates})
    transcripts = {document_id for document_id, kind in document_kinds.items() if kind == "transcript"}
    events, participants, mention_links = merge_mentions(
        final_mentions,
        links,
        person_links,
        document_days,
        transcripts - set(document_days),
        {person.person_id: person.family_name for person in people if person.family_name},
        _officials_named_in_news(document_kinds, person_links, people),
        people_of,
    )
    return EventResolution(events, participants, mention_links, inferred_dates, new_timexes, new_mentions)


def _people_of_documents(person_links: list[PersonLink], people: Sequence[Person]) -> dict[str, frozenset[str]]:
    """Document -> the corpus people (not journalists) it names: which occurrence of a recurring
    meeting an undated document is about shows in whom it shares with that occurrence's sources."""
    journalists = {person.person_id for person in people if person.role == "journalist"}
    named: dict[str, set[str]] = collections.defaultdict(set)
    for link in person_links:
        if link.person_id not in journalists:
            named[link.document_id].add(link.person_id)
    return {document_id: frozenset(ids) for document_id, ids in named.items()}


def _officials_named_in_news(
    document_kinds: dict[str, str], person_links: list[PersonLink], people: Sequence[Person]
) -> dict[str, frozenset[str]]:
    """News story -> the corpus people (not journalists) it names."""
    journalists = {person.person_id for person in people if person.role == "journalist"}
    named: dict[str, set[str]] = collections.defaultdict(set)
    for link in person_links:
        if document_kinds.get(link.document_id) == "news" and link.person_id not in journalists:
            named[link.document_id].add(link.person_id)
    return {document_id: frozenset(ids) for document_id, ids in named.items()}


class _Anchor(NamedTuple):
    document_id: str
    anchor: dt.date
    relation: str  # today | weekday
    published_on: dt.date | None


def _known_event_dates(
    mentions: list[EventMention], links: _AliasLinks, wanted: set[str]
) -> dict[str, dict[dt.date, set[str]]]:
    """alias -> day -> documents that date it, for the aliases undated documents refer to (day precision)."""
    known: dict[str, dict[dt.date, set[str]]] = {}
    for mention in mentions:
        if mention.event_date is None or mention.date_precision != "day":
            continue
        alias = links.find(mention.alias_key)
        if alias in wanted:
            known.setdefault(alias, {}).setdefault(mention.event_date, set()).add(mention.document_id)
    return known


_DEICTIC_OFFSETS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
                    "yesterday": 1, "tomorrow": -1}  # fmt: skip


def _infer_anchors(
    mentions: list[EventMention],
    undated_timexes: dict[str, TimeExpression],
    known: dict[str, dict[dt.date, set[str]]],
    links: _AliasLinks,
    document_kinds: dict[str, str | None],
    people_of: dict[str, frozenset[str]] | None = None,
) -> dict[str, _Anchor]:
    """Undated documents' anchors from "today's X" / "Sunday's X" where other documents date X.

    'today' fixes the document's own date; a weekday name only pins the week (the document is
    not dated, but its other weekday names can be resolved). Index pages are skipped: their excerpts
    quote other days. Ties between candidate dates leave the document undated: never invent a date.
    """
    votes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for mention in mentions:
        expression = undated_timexes.get(mention.timex_id or "")
        if expression is None or document_kinds.get(mention.document_id) == "index":
            continue
        day = _unique_known_day(known.get(links.find(mention.alias_key)), mention.document_id, people_of or {})
        if day is None:
            continue
        relation = _relation_of(expression.text)
        if relation in _DEICTIC_OFFSETS:
            votes[mention.document_id][("today", day + dt.timedelta(days=_DEICTIC_OFFSETS[relation]))] += 1
        elif relation in WEEKDAY_NUMBERS and day.weekday() == WEEKDAY_NUMBERS[relation]:
            votes[mention.document_id][("weekday", day)] += 1
    anchors = {}
    for document_id, counter in votes.items():
        ranked = counter.most_common()
        today_votes = [(key, count) for key, count in ranked if key[0] == "today"] or ranked
        (relation, day), count = today_votes[0]
        if len(today_votes) > 1 and today_votes[1][1] == count:
            continue
        anchors[document_id] = _Anchor(document_id, day, relation, day if relation == "today" else None)
    return anchors


DATELINE_YEAR_WINDOW_DAYS = 10  # a wire story is filed within days of the sources that date its events


def _dateline_anchors(
    document_dates: list[DocumentDate], undated_timexes: dict[str, TimeExpression], anchored: set[str]
) -> dict[str, _Anchor]:
    """'TOKYO, July 28 (Reuters) -': an undated story's dateline gives month and day; the year is the
    one that puts that day within DATELINE_YEAR_WINDOW_DAYS of a dated source. With no dated source
    that near, or with two years that near (a corpus of several years' meetings), it stays undated."""
    dated = sorted(row.published_on for row in document_dates if row.published_on is not None)
    datelines = {
        row.document_id: row.char_start
        for row in document_dates
        if row.published_on is None and row.char_start is not None and row.document_id not in anchored
    }
    if not dated or not datelines:
        return {}
    anchors = {}
    for expression in undated_timexes.values():
        if datelines.get(expression.document_id) != expression.char_start:
            continue
        numeric = _NUMERIC_DATE.fullmatch(expression.text.strip())
        if numeric:
            day = _nearest_reading(numeric, dated)
        else:
            month_day = _month_day(expression.text)
            day = _nearest_year(month_day, dated) if month_day else None
        if day is not None:
            anchors[expression.document_id] = _Anchor(expression.document_id, day, "today", day)
    return anchors


_NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _nearest_reading(numeric: re.Match[str], dated: list[dt.date]) -> dt.date | None:
    """'06/08/2024' as June 8 or 6 August: the reading nearer a dated source, by a week or more."""
    readings = sorted((_gap_to_nearest(day, dated), day) for day in numeric_date_readings(*numeric.groups()))
    if not readings or readings[0][0] > DATELINE_YEAR_WINDOW_DAYS:
        return None
    if len(readings) > 1 and readings[1][0] - readings[0][0] < 7:
        return None
    return readings[0][1]


def _gap_to_nearest(candidate: dt.date, dated: list[dt.date]) -> int:
    index = bisect.bisect_left(dated, candidate)
    return min(abs((dated[i] - candidate).days) for i in (index - 1, index) if 0 <= i < len(dated))


def _month_day(text: str) -> tuple[int, int] | None:
    words = text.replace(".", " ").split()
    month = MONTH_NUMBERS.get(words[0].lower()) if len(words) == 2 and words[1].isdigit() else None
    return (month, int(words[1])) if month else None


def _nearest_year(month_day: tuple[int, int], dated: list[dt.date]) -> dt.date | None:
    near = []
    for year in sorted({day.year + offset for day in dated for offset in (-1, 0, 1)}):
        try:
            candidate = dt.date(year, *month_day)
        except ValueError:
            continue
        if _gap_to_nearest(candidate, dated) <= DATELINE_YEAR_WINDOW_DAYS:
            near.append(candidate)
    return near[0] if len(near) == 1 else None


def _unique_known_day(
    days: dict[dt.date, set[str]] | None, document_id: str, people_of: dict[str, frozenset[str]]
) -> dt.date | None:
    """The day other documents give an alias: the only one, else the one whose sources share the most
    people with this document (``_sharing_most``); with nothing to tell occurrences apart, None --
    the best-attested occurrence of a recurring meeting is a guess that more documents would change."""
    if not days:
        return None
    candidates = [(day, sources - {document_id}) for day, sources in sorted(days.items()) if sources - {document_id}]
    if len(candidates) <= 1:
        return candidates[0][0] if candidates else None
    best = _sharing_most(document_id, [sources for _, sources in candidates], people_of)
    return candidates[best][0] if best is not None else None


MIN_SHARED_PEOPLE = (
    2  # people an undated document must share with one occurrence's sources (and more than with any other)
)


def _sharing_most(document_id: str, source_sets: list[set[str]], people_of: dict[str, frozenset[str]]) -> int | None:
    """Index of the source set one of whose documents names the most of this document's people, when
    that is at least MIN_SHARED_PEOPLE and more than any other set's; else None."""
    mine = people_of.get(document_id, frozenset())
    if len(mine) < MIN_SHARED_PEOPLE:
        return None
    shared = [
        max((len(mine & people_of.get(source, frozenset())) for source in sources), default=0)
        for sources in source_sets
    ]
    ranked = sorted(range(len(shared)), key=lambda i: -shared[i])
    if shared[ranked[0]] < MIN_SHARED_PEOPLE or (len(ranked) > 1 and shared[ranked[1]] == shared[ranked[0]]):
        return None
    return ranked[0]


def _relation_of(expression_text: str) -> str:
    words = " ".join(expression_text.lower().replace("’", "'").removesuffix("'s").split())
    return words


def _reresolve_documents(
    anchors: dict[str, _Anchor],
    mentions: list[EventMention],
    time_expressions: list[TimeExpression],
    document_kinds: dict[str, str | None],
) -> tuple[list[TimeExpression], list[EventMention], list[DocumentDate]]:
    """Relative expressions and mentions of anchored documents, resolved again against the anchor."""
    if not anchors:
        return [], [], []
    new_timexes: dict[str, TimeExpression] = {}
    for expression in time_expressions:
        anchor = anchors.get(expression.document_id)
        if anchor is None:
            continue
        if anchor.relation == "weekday" and _relation_of(expression.text) not in WEEKDAY_NUMBERS:
            continue
        updated = reresolve_time_expression(
            expression, anchor.anchor, "inferred", weekday_window_start=anchor.relation == "weekday"
        )
        if updated != expression:
            new_timexes[expression.timex_id] = updated
    new_mentions = []
    for mention in mentions:
        anchor = anchors.get(mention.document_id)
        if anchor is None:
            continue
        redated = _redate_mention(mention, new_timexes, anchor)
        if redated != mention:
            new_mentions.append(redated)
    inferred = [
        DocumentDate(anchor.document_id, anchor.published_on, "inferred", None, None, document_kinds.get(document_id))
        for document_id, anchor in sorted(anchors.items())
        if anchor.published_on is not None
    ]
    return sorted(new_timexes.values(), key=lambda row: row.timex_id), new_mentions, inferred


def _redate_mention(mention: EventMention, new_timexes: dict[str, TimeExpression], anchor: _Anchor) -> EventMention:
    expression = new_timexes.get(mention.timex_id or "")
    if expression is not None:
        day, precision = date_from_value(expression.value)
        if day is not None:
            return mention._replace(event_date=day, date_precision=precision, date_method="inferred")
    if mention.document_event and anchor.published_on is not None and mention.event_date is None:
        return mention._replace(event_date=anchor.published_on, date_precision="day", date_method="inferred")
    return mention


def event_id_for(alias_key: str, event_date: dt.date | None, precision: str | None, parties: str | None) -> str:
    """Deterministic id: hash of the merge key (alias, date at its precision, parties when they split)."""
    basis = f"{alias_key}|{_date_key(event_date, precision)}|{parties or ''}"
    return "ev_" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def _date_key(event_date: dt.date | None, precision: str | None) -> str:
    if event_date is None:
        return ""
    if precision == "year":
        return f"{event_date.year}"
    if precision == "month":
        return f"{event_date.year}-{event_date.month:02d}"
    return event_date.isoformat()


def merge_mentions(
    mentions: list[EventMention],
    links: _AliasLinks,
    person_links: list[PersonLink],
    document_days: dict[str, dt.date] | None = None,
    undated_transcripts: set[str] | None = None,
    family_names: dict[str, str] | None = None,
    named_in_news: dict[str, frozenset[str]] | None = None,
    people_of: dict[str, frozenset[str]] | None = None,
) -> tuple[list[Event], list[EventParticipant], list[EventMentionLink]]:
    """Group dated mentions on (alias group, date at precision); split groups whose parties disagree.

    An undated mention joins its document's event of the same alias held on the document's own date
    (the title 'Courtesy Call on X' of a readout dated that day), else no event: an undated 'the
    meeting' cannot be placed among recurring occurrences without guessing.
    """
    groups: dict[tuple[str, dt.date, str], list[EventMention]] = {}
    undated: list[EventMention] = []
    find = links.find
    for mention in mentions:
        if mention.event_date is None or mention.date_precision not in _EVENT_PRECISIONS:
            undated.append(mention)
            continue
        alias = find(mention.alias_key)
        if alias[-1] == _GENERIC_SUFFIX:
            alias = f"{alias}@{mention.document_id}"
        # dates of month/year precision are stored as the period's first day, so the date is the key
        key = (alias, mention.event_date, mention.date_precision)
        group = groups.get(key)
        if group is None:
            groups[key] = [mention]
        else:
            group.append(mention)
    _fold_coarse_dates(groups)
    clusters: list[tuple[str, str | None, list[EventMention]]] = []
    for (alias, _, _), members in sorted(groups.items()):
        for place_suffix, by_place in _split_by_occasion_places(members):
            for parties, subgroup in _split_by_parties(by_place):
                clusters.append((alias + place_suffix, parties, subgroup))
    _attach_undated(undated, clusters, links, document_days or {}, undated_transcripts or set(), people_of or {})
    clusters = _merge_party_named_generics(clusters)
    clusters = _merge_place_named_generics(clusters)
    clusters = _merge_counted_parties(clusters)
    person_of = {(link.document_id, link.local_person_key): link.person_id for link in person_links}
    named_by: dict[int, list[EventMention]] = {}
    if family_names:
        clusters, named_by = _join_unnamed_gatherings(clusters, person_of, family_names, named_in_news or {})
    clusters, named_by = _join_happenings_to_occasions(clusters, named_by)
    events, participants, mention_links = [], [], []
    for index, (alias, parties, members) in enumerate(clusters):
        event = _event_row(alias, parties, members)
        if index in named_by:  # joined 'talks' do not rename or re-kind the gathering they joined
            own = _event_row(alias, parties, named_by[index])
            event = event._replace(name=own.name, kind=own.kind)
        events.append(event)
        people = sorted(_participants_of(members, person_of))
        participants.extend(EventParticipant(event.event_id, person) for person in people)
        mention_links.extend(EventMentionLink(m.event_mention_id, event.event_id) for m in members)
    events.sort(key=lambda row: row.event_id)
    participants.sort()
    mention_links.sort()
    return events, participants, mention_links


_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _fold_coarse_dates(groups: dict[tuple[str, dt.date, str], list[EventMention]]) -> None:
    """'the Fifth Annual 2+2 in 2023' is the 2+2 another sentence dates to 10 November 2023: mentions
    dated to a month or a year join the one group of their alias dated more finely inside that
    period, when exactly one is and parties agree. Two occurrences in the period leave them alone."""
    by_alias: dict[str, list[tuple[str, dt.date, str]]] = collections.defaultdict(list)
    for key in groups:
        by_alias[key[0]].append(key)
    for precision in ("month", "year"):
        for key in sorted(k for k in groups if k[2] == precision):
            alias, start, _ = key
            finer = [
                k
                for k in by_alias[alias]
                if k in groups
                and _PRECISION_RANK[k[2]] < _PRECISION_RANK[precision]
                and k[1].year == start.year
                and (precision == "year" or k[1].month == start.month)
            ]
            if len(finer) != 1:
                continue
            target = groups[finer[0]]
            target_parties = {m.parties for m in target if m.parties}
            if all(m.parties is None or m.parties in target_parties for m in groups[key]):
                target.extend(groups.pop(key))


def _cluster_day(members: list[EventMention]) -> dt.date | None:
    """The day a cluster is held: its first dated mention's date, when that is dated to the day."""
    first = next((m for m in members if m.event_date is not None), None)
    return first.event_date if first is not None and first.date_precision == "day" else None


def _absorb(
    clusters: list[tuple[str, str | None, list[EventMention]]], merges: dict[int, int]
) -> list[tuple[str, str | None, list[EventMention]]]:
    """The clusters after moving each merged cluster's mentions (``merges``: index -> target index) into its target."""
    for index, target in merges.items():
        clusters[target][2].extend(clusters[index][2])
    return [cluster for index, cluster in enumerate(clusters) if index not in merges]


def _merge_party_named_generics(
    clusters: list[tuple[str, str | None, list[EventMention]]],
) -> list[tuple[str, str | None, list[EventMention]]]:
    """'The Japan-ROK summit' of one day is one event in every source that names it so: clusters
    kept to their document because their name has no core words ('summit', 'meeting') merge across
    documents when their parties name them alike and they are held the same day.

    A cluster's parties may come from a member that joined it undated: 'the Summit' dated by the
    press release's own day, and its title's 'EU-China Summit' that joined it."""
    by_key: dict[tuple[str, dt.date, str], list[int]] = collections.defaultdict(list)
    for index, (alias, parties, members) in enumerate(clusters):
        parties = parties or _only_parties(members)
        day = _cluster_day(members) if "@" in alias and parties and "|" in parties else None
        if day is not None:
            by_key[(alias.split("@", 1)[0], day, parties)].append(index)
    return _absorb(clusters, {index: indexes[0] for indexes in by_key.values() for index in indexes[1:]})


def _merge_place_named_generics(
    clusters: list[tuple[str, str | None, list[EventMention]]],
) -> list[tuple[str, str | None, list[EventMention]]]:
    """'The meeting in Bali' of November 2022 is one event in every source that names it so: clusters
    kept to their document because their name has no core words merge across documents when they
    are of one kind, at one place and on one date (at the same precision), and no two of them name
    different parties. A transcript's own event ('Remarks ... Before Bilateral Meeting | Vilnius')
    never merges so: one city holds several bilaterals a day."""
    by_key: dict[tuple[str, str, dt.date, str], list[int]] = collections.defaultdict(list)
    for index, (alias, _parties, members) in enumerate(clusters):
        if "@" not in alias or any(m.document_event for m in members):
            continue
        place = _most_common([m.place for m in members])
        first = next((m for m in members if m.event_date is not None), None)
        if place and first is not None and first.date_precision:
            key = (alias.split("@", 1)[0], " ".join(place.lower().split()), first.event_date, first.date_precision)
            by_key[key].append(index)
    merges: dict[int, int] = {}
    for indexes in by_key.values():
        named = {clusters[i][1] or _only_parties(clusters[i][2]) for i in indexes} - {None}
        if (
            len(indexes) > 1
            and len(named) <= 1
            and len({clusters[i][2][0].document_id for i in indexes}) == len(indexes)
        ):
            merges.update({index: indexes[0] for index in indexes[1:]})
    return _absorb(clusters, merges)


def _only_parties(members: list[EventMention]) -> str | None:
    """The parties the members name, when those that name any name the same ones."""
    named = {m.parties for m in members if m.parties}
    return named.pop() if len(named) == 1 else None


_PARTY_COUNT_WORDS = {"bilateral": 2, "trilateral": 3, "quadrilateral": 4}


def _merge_counted_parties(
    clusters: list[tuple[str, str | None, list[EventMention]]],
) -> list[tuple[str, str | None, list[EventMention]]]:
    """'The trilateral summit' and 'the Japan-U.S.-ROK Summit' held the same day are one gathering: a
    name that counts its parties joins the one party-named gathering of that day with that many
    parties, when each is the other's only match."""
    counted: dict[tuple[dt.date, int], list[int]] = collections.defaultdict(list)
    named: dict[tuple[dt.date, int], list[int]] = collections.defaultdict(list)
    for index, (alias, parties, members) in enumerate(clusters):
        day = _cluster_day(members)
        if day is None:
            continue
        if alias in _PARTY_COUNT_WORDS:
            counted[(day, _PARTY_COUNT_WORDS[alias])].append(index)
        elif "@" in alias and parties:  # a name with no core words but its parties
            named[(day, parties.count("|") + 1)].append(index)
    merges = {
        named[key][0]: indexes[0]
        for key, indexes in counted.items()
        if len(indexes) == 1 and len(named.get(key, [])) == 1
    }
    return _absorb(clusters, merges)


class _Gathering(NamedTuple):
    """What the unnamed-gathering join needs to know of one cluster."""

    is_gathering: bool  # a day-dated meeting, talks, summit ...
    day: dt.date | None
    documents: frozenset[str]
    people: frozenset[str]
    name: str  # lower case


def _join_unnamed_gatherings(
    clusters: list[tuple[str, str | None, list[EventMention]]],
    person_of: dict[tuple[str, str], str],
    family_names: dict[str, str],
    named_in_news: dict[str, frozenset[str]],
) -> tuple[list[tuple[str, str | None, list[EventMention]]], dict[int, list[EventMention]]]:
    """'Kishida on Monday vowed ... in his talks with U.S. chiefs' (a news item) is the readout's
    'Courtesy Call on Prime Minister Kishida' of that Monday: a gathering one document names only
    generically ('talks', 'the meeting') joins another document's gathering of the same day whose
    name names one of its participants and whose participants include all of its own, when exactly
    one does. Each stays apart otherwise: a briefing's 'meeting' may be several meetings.

    A news story's 'officials held talks on Wednesday' names no participant in its sentence; it
    joins the one named gathering of that day whose participants (two or more) the story names
    somewhere (``named_in_news``: story -> people it names).
    Returns the clusters and, per joined cluster's new index, its own members (they name it)."""
    by_day: dict[dt.date, list[int]] = collections.defaultdict(list)
    gatherings = []
    for index, (_, _, members) in enumerate(clusters):
        gathering = _gathering_of(members, person_of)
        if gathering.is_gathering:
            by_day[gathering.day].append(index)
        gatherings.append(gathering)
    merged_into: dict[int, int] = {}
    for index, (alias, parties, _) in enumerate(clusters):
        joining = gatherings[index]
        if not joining.is_gathering or not joining.people or "@" not in alias:  # a document's generic alias only
            continue
        if index in merged_into.values():
            continue  # already joined by another: it is a named gathering to them, not an unnamed one
        families = [family_names[person].lower() for person in joining.people if person in family_names]
        targets = [
            other
            for other in by_day[joining.day]
            if other != index
            and other not in merged_into
            and not gatherings[other].documents & joining.documents
            and parties in (None, clusters[other][1])  # 'the Japan-ROK summit' is not a trilateral
            and joining.people <= gatherings[other].people
            and any(re.search(rf"\b{re.escape(family)}\b", gatherings[other].name) for family in families)
        ]
        if len(targets) == 1:
            merged_into[index] = targets[0]
    for index, (alias, parties, _) in enumerate(clusters):
        joining = gatherings[index]
        if index in merged_into or not joining.is_gathering or "@" not in alias or index in merged_into.values():
            continue
        story_people = frozenset().union(*(named_in_news.get(document, frozenset()) for document in joining.documents))
        if not story_people or not all(document in named_in_news for document in joining.documents):
            continue
        targets = [
            other
            for other in by_day[joining.day]
            if other != index
            and other not in merged_into
            and "@" not in clusters[other][0]
            and not gatherings[other].documents & joining.documents
            and parties in (None, clusters[other][1])
            and len(gatherings[other].people) >= 2
            and joining.people <= gatherings[other].people <= story_people
        ]
        if len(targets) == 1:
            merged_into[index] = targets[0]
    if not merged_into:
        return clusters, {}
    own_members = {target: list(clusters[target][2]) for target in set(merged_into.values())}
    for index, target in merged_into.items():
        clusters[target][2].extend(clusters[index][2])
    kept = [index for index in range(len(clusters)) if index not in merged_into]
    position = {index: new_index for new_index, index in enumerate(kept)}
    return [clusters[index] for index in kept], {position[target]: own for target, own in own_members.items()}


_NAME_WORD = re.compile(r"\b[A-Z][\w’'-]{3,}")


def _join_happenings_to_occasions(
    clusters: list[tuple[str, str | None, list[EventMention]]], named_by: dict[int, list[EventMention]]
) -> tuple[list[tuple[str, str | None, list[EventMention]]], dict[int, list[EventMention]]]:
    """'in my speech to Parliament earlier today' (a gala's transcript) is the day's 'Address to the
    Canadian Parliament' (the address's own transcript): a dated happening joins the one transcript
    event of its day and family whose name shares a proper word with it ('Parliament'; not a title,
    a country, a month, nor a word of more than a third of the occasions' names, such as the host's).
    The occasion keeps its name and kind; the happening's date becomes one more source's claim about
    it. Otherwise it stays its own event."""
    families = _happening_families()
    occasions: dict[tuple[dt.date, str], list[int]] = collections.defaultdict(list)
    named: dict[int, set[str]] = {}
    for index, (_, _, members) in enumerate(clusters):
        own = next((m for m in members if m.document_event and m.date_precision == "day"), None)
        if own is not None:
            occasions[(own.event_date, families.get(own.kind, own.kind))].append(index)
            named[index] = {w.lower() for w in _NAME_WORD.findall(_best_name(members))}
    # a word in the names of many occasions ('Biden' in every 'Remarks by President Biden ...') tells
    # none of them apart: more than a third of them, and two or more
    counts = collections.Counter(word for words in named.values() for word in words)
    generic = generic_name_words() | {w for w, n in counts.items() if n > 1 and n * 3 > len(named)}
    merges: dict[int, int] = {}
    for index, (alias, _, members) in enumerate(clusters):
        first = members[0]
        if not alias.startswith(HAPPENING_PREFIX) or first.date_precision != "day" or len(members) != 1:
            continue
        words = {w.lower() for w in _NAME_WORD.findall(first.name)} - generic
        targets = [
            target
            for target in occasions.get((first.event_date, families.get(first.kind, first.kind)), [])
            if first.document_id not in {m.document_id for m in clusters[target][2]} and words & named[target]
        ]
        if words and len(targets) == 1:
            merges[index] = targets[0]
    if not merges:
        return clusters, named_by
    for target in set(merges.values()):
        named_by.setdefault(target, list(clusters[target][2]))
    kept = [index for index in range(len(clusters)) if index not in merges]
    position = {index: new_index for new_index, index in enumerate(kept)}
    clusters = _absorb(clusters, merges)
    return clusters, {position[index]: own for index, own in named_by.items() if index in position}


def _happening_families() -> dict[str, str]:
    return happening_lexicon().family_of_kind


@functools.lru_cache(maxsize=4)
def _generic_words(_folder: str | None) -> frozenset[str]:
    # a title's head ('minister', 'secretary', 'president'), not the portfolio ('Defense Production Act')
    heads = {
        words[-1]
        for phrase in title_lexicon()
        if (words := phrase.replace(".", " ").split()) and not {"of", "for", "to", "on"} & set(words)
    }
    titles = heads | {f"{head}s" for head in heads}  # 'The Presidents announced
    months = {name.lower() for name in MONTH_NUMBERS} | {name.lower() for name in WEEKDAY_NUMBERS}
    stop = {word.lower() for word in _CAPITAL_STOPWORDS}
    return frozenset(titles | months | stop | _country_names(_folder).words | set(_triggers().words))


def generic_name_words() -> frozenset[str]:
    """Words that tell no event from another: titles, months, weekdays, countries, trigger words."""
    return _generic_words(_reference_key())


def _gathering_of(members: list[EventMention], person_of: dict[tuple[str, str], str]) -> _Gathering:
    first = next((m for m in members if m.event_date is not None), members[0])
    return _Gathering(
        first.date_precision == "day" and _cluster_kind(members) in _TALKS_KINDS,
        first.event_date,
        frozenset(m.document_id for m in members),
        _participants_of(members, person_of),
        _best_name(members).lower(),
    )


def _participants_of(members: list[EventMention], person_of: dict[tuple[str, str], str]) -> frozenset[str]:
    """The corpus people the mentions name as taking part."""
    return frozenset(
        person_of[(m.document_id, key)]
        for m in members
        for key in m.participant_keys
        if (m.document_id, key) in person_of
    )


# Gatherings whose unnamed mentions may be another source's named one (not a ceremony, not a conference).
_TALKS_KINDS = _GATHERING_KINDS - {"ceremony", "conference"}


def _cluster_kind(members: list[EventMention]) -> str:
    return _most_common([m.kind for m in members], prefer_not=("meeting", "visit")) or members[0].kind


def _split_by_occasion_places(members: list[EventMention]) -> list[tuple[str, list[EventMention]]]:
    """'Remarks at a Campaign Reception | Boston, MA' and '... | Washington, D.C.' of one day are two
    receptions: transcripts' own events of one name and day held in different places stay apart, the
    place in their merge key ('#boston, ma'); the other mentions stay with the first place's."""
    places = sorted({" ".join(m.place.lower().split()) for m in members if m.document_event and m.place})
    if len(places) < 2:
        return [("", members)]
    by_place: dict[str, list[EventMention]] = {place: [] for place in places}
    rest: list[EventMention] = []
    for mention in members:
        place = " ".join(mention.place.lower().split()) if mention.document_event and mention.place else None
        (by_place[place] if place else rest).append(mention)
    by_place[places[0]].extend(rest)
    return [("" if index == 0 else f"#{place}", by_place[place]) for index, place in enumerate(places)]


def _split_by_parties(members: list[EventMention]) -> list[tuple[str | None, list[EventMention]]]:
    """'Japan-U.S. 2+2' and 'Japan-Philippines 2+2' on one date are two events; party-less mentions join the largest."""
    by_parties: dict[str | None, list[EventMention]] = collections.defaultdict(list)
    for mention in members:
        by_parties[mention.parties].append(mention)
    named = sorted((key for key in by_parties if key), key=lambda key: (-len(by_parties[key]), key))
    if len(named) <= 1:
        return [(named[0] if named else None, members)]
    result = [(key, list(by_parties[key])) for key in named]
    result[0][1].extend(by_parties.get(None, []))
    return result


def _attach_undated(
    undated: list[EventMention],
    clusters: list[tuple[str, str | None, list[EventMention]]],
    links: _AliasLinks,
    document_days: dict[str, dt.date],
    undated_transcripts: set[str],
    people_of: dict[str, frozenset[str]] | None = None,
) -> None:
    """An undated mention joins the event of its alias held on its own document's date, else the one
    named event of its alias held in the days just before (RECENT_EVENT_DAYS) at no other place.
    In a transcript no source dates, it joins the only occurrence of its named event other
    sources date to a day.

    A transcript or readout talks about the occasion of its day ('the 2+2', 'the ministerial on X'),
    and a readout of the next day's call about the meeting just held ('the 2+2 this time'); mentions
    pointing at another occurrence ('our last 2+2') never attach, and two candidate events leave
    the mention unattached. A generic 'the meeting' looks no further than its own day: in a
    briefing it may be any of several meetings.
    """
    day_clusters: dict[tuple[str, dt.date], list[int]] = collections.defaultdict(list)
    alias_day_clusters: dict[str, list[int]] = collections.defaultdict(list)
    for index, (alias, _, members) in enumerate(clusters):
        dated = next((m for m in members if m.event_date is not None), None)
        if dated is not None and dated.date_precision == "day":
            day_clusters[(alias, dated.event_date)].append(index)
            alias_day_clusters[alias].append(index)
    for mention in undated:
        if mention.other_occurrence:
            continue
        day = document_days.get(mention.document_id)
        alias = links.find(mention.alias_key)
        generic = is_generic_alias(alias)
        if day is None:
            if mention.document_id in undated_transcripts and not generic:
                _attach_to_only_occurrence(mention, alias_day_clusters.get(alias, []), clusters, people_of or {})
            continue
        if generic:
            alias = f"{alias}@{mention.document_id}"
        targets = day_clusters.get((alias, day), [])
        if not targets and not generic:
            targets = [
                index
                for back in range(1, RECENT_EVENT_DAYS + 1)
                for index in day_clusters.get((alias, day - dt.timedelta(days=back)), [])
            ]
            if len(targets) == 1 and _place_conflicts(mention, clusters[targets[0]][2]):
                continue
        if len(targets) == 1:
            clusters[targets[0]][2].append(mention)


def _attach_to_only_occurrence(
    mention: EventMention,
    indexes: list[int],
    clusters: list[tuple[str, str | None, list[EventMention]]],
    people_of: dict[str, frozenset[str]] | None = None,
) -> None:
    """An undated transcript's 'we are able to hold the 2+2 meeting' is the one 2+2 other sources
    date to a day, when they date exactly one (of its parties); with two or more, the one whose
    sources share the most people with the transcript (``_sharing_most``), else it stays alone."""
    candidates = [i for i in indexes if mention.parties is None or clusters[i][1] in (None, mention.parties)]
    if len(candidates) > 1:
        sources = [{m.document_id for m in clusters[i][2]} for i in candidates]
        best = _sharing_most(mention.document_id, sources, people_of or {})
        candidates = [candidates[best]] if best is not None else []
    if len(candidates) == 1 and not _place_conflicts(mention, clusters[candidates[0]][2]):
        clusters[candidates[0]][2].append(mention)


def _place_conflicts(mention: EventMention, members: list[EventMention]) -> bool:
    """'the President's visit to the Department of Defense' is not last week's visit to the State Department."""
    places = {member.place for member in members if member.place}
    return bool(mention.place and places and mention.place not in places)


RECENT_EVENT_DAYS = 7  # how far back a dated document's undated 'the <event>' may point


def _event_row(alias: str, parties: str | None, members: list[EventMention]) -> Event:
    dated = [m for m in members if m.event_date is not None]
    first = dated[0]
    place = _most_common([m.place for m in members])
    return Event(
        event_id=event_id_for(alias, first.event_date, first.date_precision, parties),
        name=_name_with_place(_best_name(members), place)
        if is_generic_alias(alias.split("@", 1)[0])
        else _best_name(members),
        kind=_most_common([m.kind for m in members], prefer_not=("meeting", "visit")) or first.kind,
        start_date=first.event_date,
        date_precision=first.date_precision,
        start_time=_most_common([m.start_time for m in members]),
        duration_minutes=_most_common([m.duration_minutes for m in members]),
        place=place,
        source_document_count=len({m.document_id for m in members}),
        first_of_its_kind=any(m.first_of_its_kind for m in members),
        alias_key=alias.split("@", 1)[0],
    )


def _name_with_place(name: str, place: str | None) -> str:
    """'meeting' held in Bali is 'meeting in Bali': an event named only by its kind says where it was,
    so two generic meetings of one day are told apart and the name can be searched for."""
    if not place or place.lower() in name.lower():
        return name
    return f"{name} in {place}"


def _best_name(members: list[EventMention]) -> str:
    """A proper name (capitalised) before a generic one, then the form most mentions use, then the longer."""
    if len(members) == 1:
        return " ".join(members[0].name.split())
    counts = collections.Counter(" ".join(m.name.split()) for m in members if m.name)
    if not counts:
        return ""
    return max(counts, key=lambda name: (any(c.isupper() for c in name), counts[name], len(name), name))


def _most_common(values: list, prefer_not: tuple = ()):
    present = [value for value in values if value is not None]
    if not present:
        return None
    if len(present) == 1 or all(value == present[0] for value in present):
        return present[0]
    counts = collections.Counter(present)
    if not counts:
        return None
    return max(counts, key=lambda value: (value not in prefer_not, counts[value], str(value)))
