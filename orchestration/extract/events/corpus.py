"""Events across the corpus (``resolve_events``): alias keys linked by 'Long Name (ABBR)' definitions,
undated documents anchored by events other documents date, their relative expressions re-resolved,
and mentions merged into events on (alias, date, parties), with the joins of generic mentions,
happenings and occasions."""

from __future__ import annotations

import bisect
import collections
import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from typing import NamedTuple

from orchestration.extract.docdates import numeric_date_readings
from orchestration.extract.events.document import (
    _GATHERING_KINDS,
)
from orchestration.extract.events.naming import (
    _AliasLinks,
    generic_name_words,
    is_generic_alias,
    learn_alias_links,
)
from orchestration.extract.events.rules import (
    _EVENT_PRECISIONS,
    _GENERIC_SUFFIX,
    Event,
    EventMentionLink,
    EventParticipant,
    EventResolution,
)
from orchestration.extract.happenings import ALIAS_PREFIX as HAPPENING_PREFIX
from orchestration.extract.happenings import lexicon as happening_lexicon
from orchestration.extract.records import (
    DocumentDate,
    EventMention,
    Person,
    PersonLink,
    TimeExpression,
)
from orchestration.extract.timex import (
    MONTH_NUMBERS,
    WEEKDAY_NUMBERS,
    date_from_value,
    reresolve_time_expression,
)

# --- corpus level --------------------------------------------------------------------------------


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
    return _absorb_keeping_names(clusters, merged_into, {})


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
    return _absorb_keeping_names(clusters, merges, named_by)


def _absorb_keeping_names(
    clusters: list[tuple[str, str | None, list[EventMention]]],
    merges: dict[int, int],
    named_by: dict[int, list[EventMention]],
) -> tuple[list[tuple[str, str | None, list[EventMention]]], dict[int, list[EventMention]]]:
    """``_absorb``, remembering each target's own members (they, not what joined, name and kind it)
    and renumbering them, and those already remembered, to the clusters that remain."""
    own = dict(named_by)
    for target in set(merges.values()):
        own.setdefault(target, list(clusters[target][2]))
    kept = [index for index in range(len(clusters)) if index not in merges]
    position = {index: new_index for new_index, index in enumerate(kept)}
    return _absorb(clusters, merges), {position[index]: members for index, members in own.items() if index in position}


def _happening_families() -> dict[str, str]:
    return happening_lexicon().family_of_kind


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
