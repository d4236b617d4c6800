"""One document in, every staging row it yields out; and the corpus-level resolution steps.

``analyse_document`` is what each worker process runs, so it takes and returns plain
picklable values. Cross-document work (one person across documents, one event across
sources, dates inferred from other sources, words quoted across documents) happens afterwards
in ``resolve_people_and_events`` and ``cluster_quotes``.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from orchestration.extract.actors import publisher_country
from orchestration.extract.claims import EntityClaim, find_entity_claims
from orchestration.extract.cleaning import clean_document
from orchestration.extract.commitments import Commitment, find_commitments
from orchestration.extract.events import EventResolution, analyse_time_and_events, resolve_events
from orchestration.extract.people import analyse_speakers, resolve_people
from orchestration.extract.quotes import (
    QuoteCandidate,
    QuoteMatch,
    clusters_from_pairs,
    content_key,
    find_quote_candidates,
)
from orchestration.extract.records import (
    DocumentDate,
    EventMention,
    LocalPerson,
    Person,
    PersonLink,
    PersonMention,
    RemovedSpan,
    Sentence,
    SourceDocument,
    TimeExpression,
    Utterance,
)
from orchestration.extract.reference import reference_dir
from orchestration.extract.topics import TopicMention, find_topics


class DocumentRow(NamedTuple):
    """``staging.documents``: the cleaned text every offset in the warehouse refers to."""

    document_id: str
    file_name: str
    fingerprint: str
    version: int
    format: str
    title: str | None
    kind: str
    republished_from: str | None
    publisher: str | None
    url: str | None
    metadata: dict
    clean_text: str
    char_count: int
    content_key: str  # digest of the normalised words: copies of one text share it (quotes.content_key)


class DocumentAnalysis(NamedTuple):
    document: DocumentRow
    removed: list[RemovedSpan]
    utterances: list[Utterance]
    sentences: list[Sentence]
    person_mentions: list[PersonMention]
    local_people: list[LocalPerson]
    document_date: DocumentDate
    time_expressions: list[TimeExpression]
    event_mentions: list[EventMention]
    commitments: list[Commitment]
    topic_mentions: list[TopicMention]
    quote_candidates: list[QuoteCandidate]
    entity_claims: list[EntityClaim]


# Libraries whose data the extraction reads as reference data (countries.py, given_names.py).
DATA_PACKAGES = ("pycountry", "countryinfo", "gender-guesser")


@functools.cache
def extractor_version() -> str:
    """A digest of this library's code and its reference data.

    Rows extracted by different versions must not mix: when an upgrade or an edited
    lexicon changes this digest, the extract stage re-extracts every document.
    """
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in [*sorted(here.rglob("*.py")), *sorted(reference_dir().glob("*.csv"))]:  # the events package too
        digest.update((str(path.relative_to(here)) if path.is_relative_to(here) else path.name).encode())
        digest.update(path.read_bytes())
    for package in DATA_PACKAGES:  # their country names are reference data too
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def _metadata_url(metadata: dict) -> str | None:
    for key in ("source_url", "url", "canonical_url"):
        if metadata.get(key):
            return str(metadata[key])
    return None


def analyse_document(src: SourceDocument, fingerprint: str, version: int) -> DocumentAnalysis:
    """Clean one document; extract turns, sentences, people, time, events, commitments, topics, quotable
    passages and facts about named things."""
    clean = clean_document(src)
    meta = src.metadata
    title = meta.get("title") or clean.title
    publisher = meta.get("publisher") or clean.publisher
    doc = DocumentRow(
        src.document_id,
        src.file_name,
        fingerprint,
        version,
        src.format,
        title,
        clean.kind,
        clean.republished_from,
        publisher,
        _metadata_url(meta),
        meta,
        clean.clean_text,
        len(clean.clean_text),
        content_key(clean.clean_text),
    )
    publisher_of = publisher_country(_metadata_url(meta), publisher, clean.republished_from)
    speakers = analyse_speakers(src.document_id, clean.clean_text, clean.kind, meta, publisher_country=publisher_of)
    timing = analyse_time_and_events(
        src.document_id,
        clean.clean_text,
        clean.kind,
        meta,
        speakers.utterances,
        speakers.sentences,
        speakers.local_people,
    )
    commitments = find_commitments(
        src.document_id,
        clean.clean_text,
        clean.kind,
        speakers.utterances,
        speakers.sentences,
        speakers.local_people,
        speakers.mentions,
        timing.time_expressions,
        title=title,
        publisher_country=publisher_of,
    )
    return DocumentAnalysis(
        doc,
        clean.removed,
        speakers.utterances,
        speakers.sentences,
        speakers.mentions,
        speakers.local_people,
        timing.document_date,
        timing.time_expressions,
        timing.event_mentions,
        commitments,
        find_topics(src.document_id, clean.clean_text, speakers.utterances, speakers.sentences),
        find_quote_candidates(
            src.document_id, clean.clean_text, clean.kind, speakers.utterances, speakers.sentences, speakers.mentions
        ),
        find_entity_claims(
            src.document_id,
            clean.clean_text,
            speakers.utterances,
            speakers.sentences,
            timing.time_expressions,
            published_on=timing.document_date.published_on,
        ),
    )


class DocumentSource(NamedTuple):
    """Where a document's words come from, for telling copies from independent sources."""

    document_id: str
    republished_from: str | None
    publisher: str | None
    content_key: str


class PeopleAndEvents(NamedTuple):
    people: list[Person]
    person_links: list[PersonLink]
    events: EventResolution


def resolve_people_and_events(
    local_people: Sequence[LocalPerson],
    event_mentions: Sequence[EventMention],
    document_dates: Sequence[DocumentDate],
    time_expressions: Sequence[TimeExpression],
) -> PeopleAndEvents:
    """People across documents, then the events they take part in and the dates sources lend each other."""
    people, links = resolve_people(local_people)
    return PeopleAndEvents(
        people, links, resolve_events(event_mentions, document_dates, time_expressions, links, people)
    )


def cluster_quotes(
    quote_candidates: Sequence[QuoteCandidate],
    quote_pairs: Sequence[tuple[str, str]],
    sources: Sequence[DocumentSource],
) -> list[QuoteMatch]:
    """Words quoted across documents: ``quote_pairs`` are the matching candidate pairs (found over
    the stored shingles, see quotes.PAIRING_RULES) and ``quote_candidates`` the candidates they name."""
    return clusters_from_pairs(
        quote_candidates,
        quote_pairs,
        {s.document_id: s.republished_from for s in sources},
        {s.document_id: s.publisher for s in sources},
        {s.document_id: s.content_key for s in sources},
    )
