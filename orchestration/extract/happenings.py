"""Dated happenings: what a clause says took place on a date, where no event word names it.

Event triggers (the ``events`` package) find events named by a noun: 'the summit', 'a phone call'. Much of
what a document dates is told with a verb instead: 'I visited Kyiv last month', 'the Supreme Court
today unveiled a code of ethics', 'when he spoke here in 1961', 'Last night, U.S. forces carried out
airstrikes in Syria'. A happening is the clause around a dating time expression that holds a word
of ``ref_happening_words.csv`` (a verb or a noun of something that takes place, with its kind).

Its name is the clause as printed, so an analyst reads what the source says rather than a label
the rules made up; its merge key is ``happening:<the clause's words>``, so it merges across
documents only with the same words on the same date and never with a trigger's event (adding
documents cannot change it). What is not a happening stays out: a question, a date that bounds
rather than dates ('since 2019', 'by 2030'), a clause with no happening word ('growth was strong
last year'), and a clause that an event trigger of the document already covers or that retells,
on the same day, the event of its own family the document is about.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
from collections.abc import Sequence
from typing import NamedTuple

from orchestration.extract.clauses import WORD, clause_span, is_question, sentence_at
from orchestration.extract.records import EventMention, TimeExpression
from orchestration.extract.reference import REFERENCE_DIR_VARIABLE, load_reference
from orchestration.extract.timex import date_from_value

ALIAS_PREFIX = "happening:"
MAX_NAME_WORDS = 16  # a clause longer than this is cut (the evidence span keeps the whole clause)
FOCUS_WORDS_BEFORE = 11  # of a cut name, the words kept before its date

_DATING_KINDS = frozenset({"date", "relative"})
_PRECISIONS = frozenset({"day", "month", "year"})
# Words just before the expression that make it a bound, not the date of a happening.
_BOUNDING_CUE = re.compile(
    r"\b(?:since|until|till|through|throughout|by|before|after|from|as\s+of|as\s+recently\s+as|beginning|starting)\s*$",
    re.IGNORECASE,
)
_BOUNDING_START = ("since", "by ", "until", "through", "before", "after", "from", "as of")


class HappeningWord(NamedTuple):
    kind: str
    family: str | None  # the ref_event_kinds family it retells (meeting, call, visit ...), if any
    generic: bool = False  # 'announced', 'event': the kind only when no specific word is in the clause


class Lexicon(NamedTuple):
    pattern: re.Pattern[str]
    words: dict[str, HappeningWord]
    family_of_kind: dict[str, str]  # trigger event kind -> family (ref_event_kinds, ref_event_qualifiers)


def lexicon() -> Lexicon:
    """The happening words of the current reference folder (tests point READOUT_REFERENCE_DIR elsewhere)."""
    return _lexicon(os.environ.get(REFERENCE_DIR_VARIABLE))


@functools.lru_cache(maxsize=4)
def _lexicon(_folder: str | None) -> Lexicon:
    words: dict[str, HappeningWord] = {}
    for row in load_reference("ref_happening_words"):
        phrase = " ".join((row.get("phrase") or "").lower().split())
        if phrase:
            words[phrase] = HappeningWord(
                row["kind"].strip(),
                (row.get("family") or "").strip() or None,
                (row.get("generic") or "").strip().lower() == "true",
            )
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in sorted(words, key=len, reverse=True))
    family_of_kind = {row["kind"].strip(): row["family"].strip() for row in load_reference("ref_event_kinds")}
    for word in words.values():  # 'dinner' is of the ceremony family the occasion '... at State Dinner' is
        if word.family:
            family_of_kind.setdefault(word.kind, word.family)
    for row in load_reference("ref_event_qualifiers"):
        if (row.get("kind") or "").strip() and (row.get("applies_to") or "").strip():
            family_of_kind.setdefault(row["kind"].strip(), row["applies_to"].strip())
    return Lexicon(re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE), words, family_of_kind)


def happening_name(clause: str, focus: int = 0) -> str:
    """The clause as printed, on one line; a longer one cut to MAX_NAME_WORDS words around the word at
    character ``focus`` (the date), the cuts marked with '…': '... announced by the two countries at
    the COP27 in 2022' keeps the words next to its date."""
    words = clause.split()
    if len(words) <= MAX_NAME_WORDS:
        return " ".join(words)
    at = len(clause[:focus].split())  # the index of the word holding the focus
    first = min(max(0, at - FOCUS_WORDS_BEFORE), len(words) - MAX_NAME_WORDS)
    kept = words[first : first + MAX_NAME_WORDS]
    return ("… " if first else "") + " ".join(kept) + (" …" if first + MAX_NAME_WORDS < len(words) else "")


def alias_key_of(name: str) -> str:
    """Merge key: the clause's words, lower case ('happening:i visited kyiv last month')."""
    return ALIAS_PREFIX + " ".join(word.lower().strip("’'.") for word in WORD.findall(name.rstrip(" …")))


def _bounds_rather_than_dates(text: str, expression: TimeExpression) -> bool:
    return expression.text.lower().startswith(_BOUNDING_START) or bool(
        _BOUNDING_CUE.search(text, max(0, expression.char_start - 24), expression.char_start)
    )


def _nearest_word(
    lex: Lexicon, text: str, span: tuple[int, int], expression: TimeExpression
) -> tuple[HappeningWord, int] | None:
    """The happening word nearest the date, with its distance; a specific one ('signed') before a
    generic one ('announced')."""
    best: tuple[bool, int, HappeningWord] | None = None
    for match in lex.pattern.finditer(text, span[0], span[1]):
        distance = min(abs(match.start() - expression.char_end), abs(expression.char_start - match.end()))
        word = lex.words.get(" ".join(match.group(0).lower().split()))
        if word is not None and (best is None or (word.generic, distance) < best[:2]):
            best = (word.generic, distance, word)
    return (best[2], best[1]) if best else None


def find_happenings(
    document_id: str,
    text: str,
    sentence_spans: Sequence[tuple[int, int]],
    time_expressions: Sequence[TimeExpression],
    mentions: Sequence[EventMention],
    first_index: int,
) -> list[EventMention]:
    """Happenings of one document (pure): one per dating time expression no event mention used,
    numbered from ``first_index`` after the document's trigger mentions."""
    lex = lexicon()
    used = {mention.timex_id for mention in mentions if mention.timex_id}
    covered = [(mention.char_start, mention.char_end) for mention in mentions]
    own_days = {
        (mention.event_date, family)
        for mention in mentions
        if mention.event_date is not None and mention.date_precision == "day"
        for family in (lex.family_of_kind.get(mention.kind, mention.kind),)
    }
    # clause span -> (distance of its word to the date, expression, word, date, precision): of two dates in
    # one clause ('this week we mark two years since X signed'), the one nearest the word dates it
    chosen: dict[tuple[int, int], tuple[int, TimeExpression, HappeningWord, dt.date, str]] = {}

    def holds_word(start: int, end: int) -> bool:
        return lex.pattern.search(text, start, end) is not None

    for expression in time_expressions:
        if expression.kind not in _DATING_KINDS or expression.precision not in _PRECISIONS | {"week"}:
            continue
        if expression.timex_id in used or _bounds_rather_than_dates(text, expression):
            continue
        event_date, precision = _date_of(expression)
        sentence = sentence_at(sentence_spans, expression.char_start)
        if event_date is None or sentence is None or is_question(text, sentence):
            continue
        span = clause_span(text, sentence, expression.char_start, expression.char_end, holds_word)
        nearest = _nearest_word(lex, text, span, expression)
        if nearest is None or any(start < span[1] and span[0] < end for start, end in covered):
            continue
        word, distance = nearest
        if precision == "day" and word.family and (event_date, word.family) in own_days:
            continue  # 'President X met with Prime Minister Y today' in the readout of that meeting
        if span not in chosen or distance < chosen[span][0]:
            chosen[span] = (distance, expression, word, event_date, precision)
    found: list[EventMention] = []
    seen: set[tuple[str, str]] = set()
    for span, (_, expression, word, event_date, precision) in sorted(chosen.items()):
        name = happening_name(text[span[0] : span[1]], max(0, expression.char_start - span[0]))
        key = alias_key_of(name)
        if (key, expression.value) in seen:
            continue
        seen.add((key, expression.value))
        found.append(
            EventMention(
                document_id=document_id,
                event_mention_id=f"{document_id}-e{first_index + len(found):05d}",
                char_start=span[0],
                char_end=span[1],
                text=text[span[0] : span[1]],
                name=name,
                kind=word.kind,
                alias_key=key,
                event_date=event_date,
                date_precision=precision,
                date_method=expression.method,
                start_time=None,
                duration_minutes=None,
                place=None,
                participant_keys=(),
                first_of_its_kind=False,
                utterance_id=expression.utterance_id,
                timex_id=expression.timex_id,
            )
        )
    return found


def _date_of(expression: TimeExpression) -> tuple[dt.date | None, str | None]:
    """The expression's date; a week ('last week') as its month when it lies within one, else none."""
    if expression.precision != "week":
        return date_from_value(expression.value)
    try:
        monday = dt.date.fromisocalendar(int(expression.value[:4]), int(expression.value[6:8]), 1)
    except (TypeError, ValueError):
        return None, None
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) != (sunday.year, sunday.month):
        return None, None
    return monday.replace(day=1), "month"
