"""Event mentions of one document (``analyse_time_and_events``): the document date, its time
expressions, and each mention's date, time, duration, place, participants and first-of-its-kind
claims; the document's own event; dated happenings (``happenings``)."""

from __future__ import annotations

import bisect
import collections
import functools
import re
from collections.abc import Sequence

from orchestration.extract.docdates import day_spoken, find_document_date
from orchestration.extract.events.naming import (
    _without_sentence_dot,
    core_of_name,
    find_event_candidates,
    is_generic_alias,
)
from orchestration.extract.events.rules import (
    _CONVENING_VERB,
    _DATING_TIMEX_KINDS,
    _FIRST_CLAIM,
    _GATHERING_TITLE,
    _GENERIC_SUFFIX,
    _NON_EVENT_DATE_CUES,
    _NOT_PLACES,
    _PLACE,
    _PRESS_TITLE,
    _PREVIOUS_CUE,
    _STANDALONE_FIRST_CLAIM,
    TimeEventAnalysis,
    _Candidate,
    _qualifiers,
    _reference_key,
)
from orchestration.extract.happenings import find_happenings
from orchestration.extract.names import trie_regex
from orchestration.extract.records import (
    DocumentDate,
    EventMention,
    LocalPerson,
    Sentence,
    TimeExpression,
    Utterance,
)
from orchestration.extract.reference import load_reference
from orchestration.extract.sentences import sentence_cuts
from orchestration.extract.timex import (
    SINCE_LAST_OCCURRENCE,
    date_from_value,
    duration_minutes,
    find_time_expressions,
    keyword_positions,
    sentence_bounds,
    utterance_at,
)

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
