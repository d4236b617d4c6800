"""Facts about things other than events: what a body becomes, when something starts, a rank.

Event facts (date, place, start time ...) come from event mentions (``events``). Readouts and
press conferences also state facts about institutions and programmes: 'The United States
will upgrade U.S. Forces Japan to a Joint Force Headquarters', 'the relocation ... will start
this year', 'the headquarters, which will be launched by March 2025', 'USFJ is led by a
three-star'. Such a fact is a claim a second source may corroborate or contradict, so it
goes to the same reconciliation as event facts, keyed by its subject.

The cues are reference data (``ref_claim_cues``); this module reads, around each cue, the
subject (a name after the cue, or the noun phrase before it) and the value (a name, a time
expression of the document, a number of stars, a list of system designators). A cue without
a readable subject or value yields nothing: a claim must say what it is about.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from orchestration.extract.amounts import find_amounts
from orchestration.extract.records import Sentence, TimeExpression, Utterance
from orchestration.extract.reference import load_reference
from orchestration.extract.timex import keyword_positions, merge_spans
from orchestration.extract.turns import title_lexicon


class EntityClaim(NamedTuple):
    """``staging.entity_claims``: one attribute one source asserts about a named thing."""

    document_id: str
    claim_id: str  # f"{document_id}-f{index:05d}"
    utterance_id: str | None
    cue_id: str
    subject: str  # as printed, leading article dropped
    subject_key: str  # what claims about the same thing share across documents
    attribute: str
    value: str | None  # None when the value is the time expression ``timex_id`` (resolved in dbt)
    timex_id: str | None
    char_start: int  # evidence: subject through value
    char_end: int
    text: str


class ClaimCue(NamedTuple):
    cue_id: str
    kind: str
    triggers: tuple[str, ...]
    regex: re.Pattern[str]
    attribute: str
    deadline_attribute: str | None


# A capitalised word ('U.S.', 'Forces', 'JJOC', 'Self-Defense') and a name made of them,
# joined by the small words names hold ('Department of Defense', 'Research and Development').
_NAME_WORD = r"(?:[A-Z][\w’'.&-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:(?:of|and|for|on)\s+(?:the\s+)?)?(?:{_NAME_WORD}|\d+\b))*"
_NAME_AFTER = re.compile(rf"\s+(?:the\s+)?(?:(?:[a-z][\w-]*\s+){{1,3}}of\s+(?:the\s+)?)?(?P<name>{_NAME})")
_TARGET_AFTER = re.compile(
    rf"\s+(?:in)?to\s+(?:(?:a|an|the)\s+)?(?:new\s+)?(?P<name>{_NAME}|(?:[a-z][\w-]*\s+){{0,3}}(?:headquarters|command))\b"
)
_NAME_BEFORE = re.compile(rf"(?<![\w.’'-])(?:(?:the|The)\s+)?(?P<name>{_NAME})(?:\s+\([A-Z][A-Z0-9&]{{1,8}}\))?\s*$")
_ACRONYM_DEFINITION = re.compile(
    rf"(?<![\w.’'-])(?:[Tt]he\s+)?(?P<name>{_NAME})\s+\((?P<short>[A-Z][A-Z0-9&]{{1,8}})\)"
)
_INITIALISM = re.compile(r"(?:[A-Z]\.){2,}$")
# Lower-case words that may follow a name the cue is about ('upgrading U.S. Forces Japan and ...');
# any other ('upgrading Alliance command and control') means the name only modifies a noun.
_AFTER_NAME_OK = frozenset(
    (
        "to", "into", "for", "in", "with", "and", "by", "at", "on", "as", "is", "are", "was", "were", "will",
        "would", "which", "that", "so", "from", "through", "under", "since", "this", "these", "its", "their", "our"
    )
)  # fmt: skip
_CONTRACTIONS = frozenset(["there's", "that's", "it's", "what's", "here's", "who's", "he's", "she's", "let's"])
_PRONOUNS = frozenset(
    (
        "it", "this", "that", "these", "those", "they", "we", "he", "she", "i", "you", "which", "who", "what",
        "there", "here", "all", "both"
    )
)  # fmt: skip
# Words that end a noun phrase read backwards from a relative clause ('counterpart of | the headquarters').
_PHRASE_STOPS = frozenset(
    (
        "of", "to", "for", "in", "on", "at", "by", "with", "from", "as", "into", "than", "that", "which", "who",
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "serve", "serves", "served", "will",
        "would", "and", "or", "but", "said", "says"
    )
)  # fmt: skip
_CLAUSE_VERBS = frozenset(
    (
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
    )
)
_CLAUSE_START = re.compile(r"(?:^|[;:(]|\b(?:that|whether|if|because|and|but|while|when|as|so)\b|,)\s*(?=\S)")
_RELATIVE = re.compile(r"(?:,\s*which|\s+which|\s+that)\s*$")
_DATE_GAP = re.compile(
    r"\s*(?:(?P<prep>by|before|no\s+later\s+than|in|on|from|during|at|within)\s+)?"
    r"(?:the\s+(?:end|start|beginning|middle|first\s+half|second\s+half)\s+of\s+)?"
)
_DEADLINE_PREPS = frozenset({"by", "before", "no later than"})
_DESIGNATOR = r"(?!COVID-|SARS-|MERS-)[A-Z][A-Z0-9]*-\d+[A-Z0-9]*(?:\s+[A-Z]{2,}\b)*"
_DESIGNATOR_LIST = re.compile(rf"(?<![\w-]){_DESIGNATOR}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_DESIGNATOR})*")
MAX_SUBJECT_WORDS = 14
# A cue's pattern starts at most WINDOW_BEFORE characters before its trigger word ('are expected
# to be | launched') and ends at most WINDOW_AFTER after it ('led by a three-| star').
WINDOW_BEFORE = 80
WINDOW_AFTER = 30
MAX_SYSTEMS_GAP = 60  # characters between a co-production cue and the designators it concerns


@functools.cache
def claim_cues() -> tuple[ClaimCue, ...]:
    """The cue seed, compiled once per process."""
    return tuple(
        ClaimCue(
            row["cue_id"],
            row["kind"],
            tuple(t for t in row["trigger"].lower().split("|") if t),
            re.compile(row["pattern"]),
            row["attribute"],
            row.get("deadline_attribute") or None,
        )
        for row in load_reference("ref_claim_cues")
    )


def subject_key(subject: str) -> str:
    """Lower case, curly apostrophes straight, no leading article: 'The U.S. Forces Japan' = 'U.S. Forces Japan'."""
    key = " ".join(subject.replace("’", "'").lower().split())
    return re.sub(r"^(?:the|a|an)\s+", "", key)


def find_entity_claims(
    document_id: str,
    clean_text: str,
    utterances: Sequence[Utterance],
    sentences: Sequence[Sentence],
    time_expressions: Sequence[TimeExpression],
    published_on: dt.date | None = None,
) -> list[EntityClaim]:
    """Every cue of ``ref_claim_cues`` in the document whose subject and value can be read, in text order,
    then the sums of money it states (``amounts``; they need the document's date ``published_on``)."""
    claims = _cue_claims(document_id, clean_text, sentences, time_expressions)
    acronyms = defined_acronyms(clean_text) if "(" in clean_text else {}
    for read in find_amounts(clean_text, sentences, published_on, document_id=document_id, acronyms=acronyms):
        claims.append(
            EntityClaim(
                document_id,
                f"{document_id}-f{len(claims) + 1:05d}",
                read.utterance_id,
                "amount",
                read.subject,
                read.subject_key,
                read.attribute,
                read.value,
                None,
                read.char_start,
                read.char_end,
                clean_text[read.char_start : read.char_end],
            )
        )
    return claims


def _cue_claims(
    document_id: str,
    clean_text: str,
    sentences: Sequence[Sentence],
    time_expressions: Sequence[TimeExpression],
) -> list[EntityClaim]:
    lowered = clean_text.lower()
    windows = [(cue, _trigger_windows(lowered, cue.triggers)) for cue in claim_cues() if cue.kind != "amount"]
    if not any(spans for _, spans in windows):
        return []
    sentence_starts = [s.char_start for s in sentences]
    timex_at = {t.char_start: t for t in time_expressions}
    found: list[tuple[int, int, str | None, ClaimCue, str, str, str | None, str | None]] = []
    for cue, spans in windows:
        for match in (m for low, high in spans for m in cue.regex.finditer(clean_text, low, high)):
            sentence = _sentence_at(sentences, sentence_starts, match.start())
            if sentence is None:
                continue
            for start, end, subject, attribute, value, timex_id in _read_claims(
                cue, match, clean_text, sentence, timex_at
            ):
                found.append((start, end, sentence.utterance_id, cue, subject, attribute, value, timex_id))
    found.sort(key=lambda row: (row[0], row[1], row[5]))
    acronyms = defined_acronyms(clean_text) if found else {}
    claims: list[EntityClaim] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, utterance_id, cue, subject, attribute, value, timex_id in found:
        if (start, end, attribute) in seen:
            continue
        seen.add((start, end, attribute))
        subject = " ".join(subject.split())  # the evidence span keeps the printed line breaks
        key = subject_key(_expand_acronyms(subject, acronyms))
        if cue.kind == "systems" or not _has_name(subject, start == _sentence_start(sentences, sentence_starts, start)):
            # 'coproduction', 'the session': without a name, nothing says two documents mean the same thing
            key = f"{key}@{document_id}"
        claims.append(
            EntityClaim(
                document_id,
                f"{document_id}-f{len(claims) + 1:05d}",
                utterance_id,
                cue.cue_id,
                subject,
                key,
                attribute,
                value,
                timex_id,
                start,
                end,
                clean_text[start:end],
            )
        )
    return claims


def defined_acronyms(text: str) -> dict[str, str]:
    """'U.S. Forces Japan (USFJ)' -> {'USFJ': 'U.S. Forces Japan'}: so 'USFJ is led by ...' and
    'upgrade U.S. Forces Japan' are claims about one thing. The acronym must start with the
    name's first letter; an acronym defined two ways is left alone."""
    found: dict[str, str | None] = {}
    for match in _ACRONYM_DEFINITION.finditer(text):
        name, short = match.group("name"), match.group("short")
        if short[0] != name[0]:
            continue
        found[short] = name if found.get(short, name) == name else None
    return {short: name for short, name in found.items() if name}


def _expand_acronyms(subject: str, acronyms: dict[str, str]) -> str:
    if not acronyms:
        return subject
    return " ".join(acronyms.get(word, word) for word in subject.split())


def _trigger_windows(lowered: str, triggers: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans around each trigger word where the cue's pattern can match.

    Trigger words ('start', 'opened') are common, and a cue's pattern tried over the whole text
    cost more than every other claim step together; str.find finds the few places worth trying.
    """
    return merge_spans(
        [
            (max(0, position - WINDOW_BEFORE), position + len(trigger) + WINDOW_AFTER)
            for trigger in triggers
            for position in keyword_positions(lowered, trigger)
        ]
    )


def _has_name(subject: str, at_sentence_start: bool) -> bool:
    """A capitalised word, other than one capitalised only because it opens the sentence."""
    words = subject.split()
    return any(word[0].isupper() for word in (words[1:] if at_sentence_start else words))


def _sentence_start(sentences: Sequence[Sentence], starts: list[int], position: int) -> int | None:
    sentence = _sentence_at(sentences, starts, position)
    return sentence.char_start if sentence is not None else None


def _sentence_at(sentences: Sequence[Sentence], starts: list[int], position: int) -> Sentence | None:
    index = bisect.bisect_right(starts, position) - 1
    if index < 0 or sentences[index].char_end <= position:
        return None
    return sentences[index]


ClaimRead = tuple[int, int, str, str, str | None, str | None]


def _read_claims(
    cue: ClaimCue, match: re.Match[str], text: str, sentence: Sentence, timex_at: dict[int, TimeExpression]
) -> list[ClaimRead]:
    """(start, end, subject, attribute, value, timex_id) for the claims one cue match makes."""
    if cue.kind == "upgrade":
        return _read_upgrade(cue, match, text, sentence)
    if cue.kind == "systems":
        return _read_systems(cue, match, text, sentence)
    subject = _subject_before(text, sentence.char_start, match.start(), proper=cue.kind != "schedule")
    if subject is None:
        return []
    subject_start, subject_text = subject
    if cue.kind == "rank":
        value = f"{match.group('value').lower()}-star"
        return [(subject_start, match.end(), f"{subject_text} commander", cue.attribute, value, None)]
    if cue.kind == "upgrade_passive":
        claims: list[ClaimRead] = [(subject_start, match.end(), subject_text, cue.attribute, "true", None)]
        target = _TARGET_AFTER.match(text, match.end(), sentence.char_end)
        if target is not None:
            claims.append((subject_start, target.end("name"), subject_text, "to_become", target.group("name"), None))
        return claims
    gap = _DATE_GAP.match(text, match.end(), sentence.char_end)
    timex = timex_at.get(gap.end()) if gap is not None else None
    if timex is None or timex.kind not in ("date", "relative"):
        return []
    preposition = " ".join((gap.group("prep") or "").split())
    attribute = cue.deadline_attribute if preposition in _DEADLINE_PREPS and cue.deadline_attribute else cue.attribute
    return [(subject_start, timex.char_end, subject_text, attribute, None, timex.timex_id)]


def _read_upgrade(cue: ClaimCue, match: re.Match[str], text: str, sentence: Sentence) -> list[ClaimRead]:
    """'upgrade (the command functions of) <Name> (to a <Name>)': the name must end its phrase."""
    named = _NAME_AFTER.match(text, match.end(), sentence.char_end)
    if named is None:
        return []
    name, name_end = _trim_name(named.group("name"), named.start("name"))
    if not name or not _name_ends_phrase(text, name_end, sentence.char_end):
        return []
    claims: list[ClaimRead] = [(match.start(), name_end, name, cue.attribute, "true", None)]
    target = _TARGET_AFTER.match(text, name_end, sentence.char_end)
    if target is not None:
        target_name, target_end = _trim_name(target.group("name"), target.start("name"))
        if target_name:
            claims.append((match.start(), target_end, name, "to_become", target_name, None))
    return claims


def _read_systems(cue: ClaimCue, match: re.Match[str], text: str, sentence: Sentence) -> list[ClaimRead]:
    """A co-production sentence naming systems by designator: one claim listing them."""
    designators = _DESIGNATOR_LIST.search(text, sentence.char_start, sentence.char_end)
    if designators is None or _gap(match, designators) > MAX_SYSTEMS_GAP:
        return []
    subject = re.sub(r"[\s-]+", "", match.group(0).lower())
    start = min(match.start(), designators.start())
    end = max(match.end(), designators.end())
    return [(start, end, subject, cue.attribute, designators.group(0), None)]


def _gap(first: re.Match[str], second: re.Match[str]) -> int:
    return max(first.start(), second.start()) - min(first.end(), second.end())


def _trim_name(name: str, start: int) -> tuple[str, int]:
    """Drop a sentence's full stop from a name's end, unless it closes an initialism ('U.S.')."""
    trimmed = name
    while trimmed.endswith((".", "’", "'", "-")) and not _INITIALISM.search(trimmed):
        trimmed = trimmed[:-1]
    return trimmed, start + len(trimmed)


def _name_ends_phrase(text: str, end: int, limit: int) -> bool:
    follower = re.match(r"\s*([a-z]+)", text[end : min(limit, end + 24)])
    return follower is None or follower.group(1) in _AFTER_NAME_OK


def _subject_before(text: str, sentence_start: int, cue_start: int, proper: bool) -> tuple[int, str] | None:
    """The thing a cue's clause is about: the noun phrase before 'which'/'that', else the clause's opening words.

    ``proper``: only a name will do (a rank, an upgrade: 'USFJ is led by ...', not 'it is led by').
    """
    before = text[sentence_start:cue_start]
    relative = _RELATIVE.search(before)
    if proper:
        named = _NAME_BEFORE.search(before[: relative.start()] if relative else before)
        if named is None:
            return None
        return sentence_start + named.start("name"), named.group("name")
    if relative is not None:
        return _phrase_before(before, relative.start(), sentence_start)
    starts = [m.end() for m in _CLAUSE_START.finditer(before)]
    if not starts:
        return None
    offset = starts[-1]
    phrase = before[offset:].strip()
    return _checked_subject(phrase, sentence_start + offset)


def _phrase_before(before: str, end: int, sentence_start: int) -> tuple[int, str] | None:
    """The noun phrase a relative clause hangs on: words back to a preposition or verb ('of | the SDF's HQ')."""
    words = list(re.finditer(r"\S+", before[:end]))
    first = len(words)
    while first > 0 and words[first - 1].group(0).lower().strip(",") not in _PHRASE_STOPS and len(words) - first < 6:
        word = words[first - 1].group(0)
        if word.endswith(",") or first < len(words) and word.islower() and word.endswith("ing"):
            break  # 'scams involving | the application, which': a participle before the head ends the phrase
        first -= 1
    if first == len(words):
        return None
    start = words[first].start()
    return _checked_subject(before[start:end].strip(), sentence_start + start)


def _checked_subject(phrase: str, start: int) -> tuple[int, str] | None:
    """A noun phrase fit to be a claim's subject, or None.

    Not a person ('Chairman X will begin on Wednesday' is a schedule, not a fact about a thing),
    not a pronoun or an adverb, not a phrase holding a verb of its own ('X is pleased to
    announce tours will begin': the clause was not cut) and not a transcript's false start.
    """
    stripped = phrase.lstrip(' ,;:“”"')
    start += len(phrase) - len(stripped)
    if stripped.endswith(","):
        return None  # 'Ohio, will begin': the subject lies before an inserted phrase
    phrase = stripped.rstrip(' ;:“”"')
    article = re.match(r"(?:the|The|a|an|An)\s+", phrase)
    if article:
        phrase, start = phrase[article.end() :], start + article.end()
    words = phrase.split()
    if not words or len(words) > MAX_SUBJECT_WORDS:
        return None
    first = words[0].lower().replace("’", "'")
    if first in _PRONOUNS or first in _CONTRACTIONS or first.endswith("ly") and words[0].islower():
        return None
    if any(word.lower() in _CLAUSE_VERBS for word in words) or "—" in phrase or "- " in phrase:
        return None
    if _is_title(phrase):
        return None
    if not any(c.isalpha() for c in phrase):
        return None
    return start, phrase


def _is_title(phrase: str) -> bool:
    """The phrase names a person by title ('President', 'Chairman DeFazio')."""
    lowered = phrase.lower()
    return any(title and (lowered == title or lowered.startswith(title + " ")) for title in title_lexicon())
