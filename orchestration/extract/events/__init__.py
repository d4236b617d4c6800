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

The package splits the work by concern: ``rules`` (reference tables, patterns, row types),
``naming`` (candidates, names, merge keys), ``document`` (one document), ``corpus`` (across documents).
"""

from orchestration.extract.events.corpus import (
    DATELINE_YEAR_WINDOW_DAYS,
    MIN_SHARED_PEOPLE,
    RECENT_EVENT_DAYS,
    event_id_for,
    merge_mentions,
    resolve_events,
)
from orchestration.extract.events.document import (
    CURRENT_OCCASION_DATE_DISTANCE,
    FRAMING_DATE_DISTANCE,
    HEADING_CHARS,
    MAX_DATE_DISTANCE,
    TITLE_LINE_CHARS,
    analyse_time_and_events,
    find_event_mentions,
)
from orchestration.extract.events.naming import (
    alias_key_for,
    core_of_name,
    find_event_candidates,
    fold_country_names,
    generic_name_words,
    is_generic_alias,
    is_party_compound,
    learn_alias_links,
    normalise_number_format,
    parties_of,
)
from orchestration.extract.events.rules import (
    REFERENCE_DIR_VARIABLE,
    Event,
    EventMentionLink,
    EventParticipant,
    EventResolution,
    QualifierInfo,
    TimeEventAnalysis,
    TriggerInfo,
    TriggerTable,
)

__all__ = [
    "CURRENT_OCCASION_DATE_DISTANCE",
    "DATELINE_YEAR_WINDOW_DAYS",
    "Event",
    "EventMentionLink",
    "EventParticipant",
    "EventResolution",
    "FRAMING_DATE_DISTANCE",
    "HEADING_CHARS",
    "MAX_DATE_DISTANCE",
    "MIN_SHARED_PEOPLE",
    "QualifierInfo",
    "RECENT_EVENT_DAYS",
    "REFERENCE_DIR_VARIABLE",
    "TITLE_LINE_CHARS",
    "TimeEventAnalysis",
    "TriggerInfo",
    "TriggerTable",
    "alias_key_for",
    "analyse_time_and_events",
    "core_of_name",
    "event_id_for",
    "find_event_candidates",
    "find_event_mentions",
    "fold_country_names",
    "generic_name_words",
    "is_generic_alias",
    "is_party_compound",
    "learn_alias_links",
    "merge_mentions",
    "normalise_number_format",
    "parties_of",
    "resolve_events",
]
