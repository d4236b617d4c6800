"""Extract: run the pure extract library over changed documents in a process pool, one writer.

Only documents whose fingerprint differs from what ``staging.documents`` holds are
parsed; their old rows are deleted first, so a changed file's new version replaces
the old version's rows. Workers return plain tuples; the parent process is the only
DuckDB writer and inserts in Arrow batches. Corpus-level steps (people, events,
inferred dates) run last over the whole corpus, since one new document can change them.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import logging
import time
import typing
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import duckdb
import pyarrow as pa

from orchestration import warehouse
from orchestration.extract import events, pipeline, quotes
from orchestration.extract.claims import EntityClaim
from orchestration.extract.commitments import Commitment
from orchestration.extract.pipeline import DocumentRow, DocumentSource
from orchestration.extract.quotes import QuoteCandidate, QuoteMatch
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
from orchestration.extract.topics import TopicMention
from orchestration.stages.pool import process_pool

log = logging.getLogger(__name__)

QUOTE_PAIRING_MEMORY = "512MB"
BATCH_DOCUMENTS = 64  # documents per worker task: amortises pickling without starving a core
FLUSH_DOCUMENTS = 2000  # documents buffered before one Arrow insert per table

# ``staging.utterances``: an Utterance plus its text. The worker slices it (O(1) in Python);
# DuckDB's substr walks UTF-8 from the string's start, which cost dbt ~6 s on the corpus.
UtteranceRow = NamedTuple("UtteranceRow", [*typing.get_type_hints(Utterance).items(), ("text", str)])

# Per-document tables, in DocumentAnalysis field order (document first).
DOCUMENT_TABLES: dict[str, type[NamedTuple]] = {
    "staging.documents": DocumentRow,
    "staging.removed_boilerplate": RemovedSpan,
    "staging.utterances": UtteranceRow,
    "staging.sentences": Sentence,
    "staging.person_mentions": PersonMention,
    "staging.local_people": LocalPerson,
    "staging.document_dates": DocumentDate,
    "staging.time_expressions": TimeExpression,
    "staging.event_mentions": EventMention,
    "staging.commitments": Commitment,
    "staging.topic_mentions": TopicMention,
    "staging.quote_candidates": QuoteCandidate,
    "staging.entity_claims": EntityClaim,
}


class ExtractRun(NamedTuple):
    """``staging.extract_runs``: what each run parsed, so incremental cost is auditable."""

    run_id: str
    started_at: dt.datetime
    parsed_documents: int
    removed_documents: int
    corpus_documents: int
    seconds: float
    extractor_version: str | None  # pipeline.extractor_version() of the code that ran
    parse_seconds: float | None  # reading, parsing (process pool) and writing the parsed documents
    corpus_seconds: float | None  # the corpus step: people, events, inferred dates, quote matches


class QuotePair(NamedTuple):
    """``staging.quote_pairs``: two quote candidates, in different documents, that share enough 8-grams.

    Kept between runs: a run re-pairs only the candidates that share a shingle with a
    changed document (see refresh_quote_pairs), not the whole corpus.
    """

    left_id: str
    right_id: str


class ChangedDocument(NamedTuple):
    """``staging.changed_documents``: documents whose mart rows this run may have changed.

    Rewritten by every run: the documents parsed, the documents removed, and the documents
    whose corpus-resolved rows (person links, event links, inferred dates, re-resolved time
    expressions and event mentions) differ from the previous run's. The per-document marts
    are incremental dbt models that rebuild exactly these documents' rows.
    """

    document_id: str
    reason: str  # parsed | removed | resolved


# Corpus tables that per-document marts read, and how a row names its document: a change in
# one of these rows changes that document's mart rows even when the document itself did not.
DOCUMENT_OF_CORPUS_ROW: dict[str, str] = {
    "staging.person_links": "document_id",
    "staging.inferred_document_dates": "document_id",
    "staging.resolved_time_expressions": "document_id",
    "staging.resolved_event_mentions": "document_id",
    # f"{document_id}-e{index:05d}": the mention id starts with its document's id.
    "staging.event_mention_links": "regexp_replace(event_mention_id, '-e[0-9]+$', '')",
}


class SpanAudit(NamedTuple):
    """Evidence spans that do not reproduce their text, counted where the text is at hand.

    Checking in the worker costs a string slice per span; the same check in SQL
    (``substr`` over each document's text) took 9-15 s on the 9,182-document corpus.
    """

    mentions_checked: int = 0
    bad_mentions: int = 0
    utterances_checked: int = 0
    bad_utterances: int = 0
    commitments_checked: int = 0
    bad_commitments: int = 0

    def plus(self, other: SpanAudit) -> SpanAudit:
        return SpanAudit(*(a + b for a, b in zip(self, other, strict=True)))


def audit_spans(
    text: str,
    mentions: Sequence[PersonMention],
    utterances: Sequence[Utterance],
    commitments: Sequence[Commitment],
) -> SpanAudit:
    """Mentions and commitments must reproduce their text; utterances must lie inside the document."""
    bad_mentions = sum(1 for m in mentions if text[m.char_start : m.char_end] != m.text)
    bad_utterances = sum(1 for u in utterances if not 0 <= u.char_start <= u.char_end <= len(text))
    bad_commitments = sum(1 for c in commitments if text[c.char_start : c.char_end] != c.text)
    return SpanAudit(len(mentions), bad_mentions, len(utterances), bad_utterances, len(commitments), bad_commitments)


class ExtractSummary(NamedTuple):
    parsed_documents: int
    removed_documents: int
    corpus_documents: int
    seconds: float
    rows: dict[str, int]
    spans: SpanAudit = SpanAudit()
    parse_seconds: float = 0.0
    corpus_seconds: float = 0.0

    def as_metadata(self) -> dict[str, object]:
        return {
            "parsed_documents": self.parsed_documents,
            "removed_documents": self.removed_documents,
            "corpus_documents": self.corpus_documents,
            "seconds": round(self.seconds, 2),
            "parse_seconds": round(self.parse_seconds, 2),
            "corpus_seconds": round(self.corpus_seconds, 2),
            **self.rows,
        }


ProgressCallback = Callable[[int, int], None]


def ensure_extract_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the staging tables; True when a corpus table is new or was rebuilt (so must be filled).

    Per-document tables whose columns changed are all rebuilt empty (``staging.documents``
    included), which makes every document pending: a warehouse written by an older release
    is re-extracted rather than left half-migrated.
    """
    con.execute("create schema if not exists staging")
    outdated = [t for t, record in DOCUMENT_TABLES.items() if not warehouse.table_matches(con, *t.split("."), record)]
    if outdated:
        log.warning("staging tables changed shape (%s): re-extracting every document", ", ".join(outdated))
        for table in DOCUMENT_TABLES:
            con.execute(f"drop table if exists {table}")
    rebuilt = False
    for table, record in corpus_tables().items():
        schema, name = table.split(".")
        if not warehouse.table_exists(con, schema, name):
            rebuilt = True  # new in this release: filled by this run's corpus step
        elif not warehouse.table_matches(con, schema, name, record):
            con.execute(f"drop table {table}")
            rebuilt = True
    warehouse.add_missing_columns(con, "staging", "extract_runs", ExtractRun)
    if not warehouse.table_matches(con, *CHANGED_DOCUMENTS.split("."), ChangedDocument):
        con.execute(f"drop table {CHANGED_DOCUMENTS}")
    tables = {
        **DOCUMENT_TABLES,
        "staging.extract_runs": ExtractRun,
        **corpus_tables(),
        CHANGED_DOCUMENTS: ChangedDocument,
    }
    for table, record in tables.items():
        schema, name = table.split(".")
        con.execute(warehouse.create_table_sql(schema, name, record))
    return rebuilt


def corpus_tables() -> dict[str, type[NamedTuple]]:
    """Tables recomputed over the corpus each run (one new document can change any of them).

    All are rewritten whole except ``staging.quote_pairs``, which is updated where a changed
    document's shingles reach.
    """
    return {
        "staging.people": Person,
        "staging.person_links": PersonLink,
        "staging.events": events.Event,
        "staging.event_participants": events.EventParticipant,
        "staging.event_mention_links": events.EventMentionLink,
        "staging.inferred_document_dates": DocumentDate,
        "staging.resolved_time_expressions": TimeExpression,
        "staging.resolved_event_mentions": EventMention,
        "staging.quote_matches": QuoteMatch,
        "staging.quote_pairs": QuotePair,
    }


CHANGED_DOCUMENTS = "staging.changed_documents"


class AnalysedBatch(NamedTuple):
    documents: int
    tables: dict[str, pa.Table]
    spans: SpanAudit


def analyse_batch(batch: Sequence[tuple]) -> AnalysedBatch:
    """Worker entry point: analyse a batch and return one Arrow table per staging table.

    Building the columns here, in the worker, keeps the parent (the only DuckDB writer)
    nearly idle: an Arrow table pickles as a few buffers, not millions of tuples.
    """
    rows: dict[str, list[tuple]] = {table: [] for table in DOCUMENT_TABLES}
    spans = SpanAudit()
    for document_id, file_name, fmt, text, metadata_json, fingerprint, version in batch:
        metadata = json.loads(metadata_json) if metadata_json else {}
        src = SourceDocument(document_id, file_name, fmt, text, metadata)
        analysis = pipeline.analyse_document(src, fingerprint, version)
        clean_text = analysis.document.clean_text
        spans = spans.plus(audit_spans(clean_text, analysis.person_mentions, analysis.utterances, analysis.commitments))
        for table, value in zip(DOCUMENT_TABLES, analysis, strict=True):
            if table == "staging.utterances":
                rows[table].extend(UtteranceRow(*u, clean_text[u.char_start : u.char_end]) for u in value)
            elif isinstance(value, list):
                rows[table].extend(value)
            else:
                rows[table].append(value)
    tables = {table: warehouse.to_arrow(DOCUMENT_TABLES[table], rows[table]) for table in DOCUMENT_TABLES}
    return AnalysedBatch(len(batch), tables, spans)


def last_extractor_version(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute("select extractor_version from staging.extract_runs order by started_at desc limit 1").fetchone()
    return row[0] if row else None


def pending_documents(con: duckdb.DuckDBPyConnection, extractor_version: str) -> tuple[list[str], list[str]]:
    """(documents to parse, documents whose rows must go): decided by fingerprint, not by time.

    Every current document is pending when the extractor itself changed since the last run.
    """
    everything = last_extractor_version(con) != extractor_version
    to_parse = [
        r[0]
        for r in con.execute(
            """select r.document_id from staging.raw_documents r
           left join staging.documents d using (document_id)
           where r.status = 'current' and (? or d.document_id is null or d.fingerprint <> r.fingerprint)
           order by r.document_id""",
            [everything],
        ).fetchall()
    ]
    to_remove = [
        r[0]
        for r in con.execute(
            """select d.document_id from staging.documents d
           left join staging.raw_documents r on r.document_id = d.document_id and r.status = 'current'
           where r.document_id is null"""
        ).fetchall()
    ]
    return to_parse, to_remove


def _read_batches(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> Iterator[list[tuple]]:
    """Source rows in batches from ONE streaming query (a query per batch re-scanned every text)."""
    cursor = con.cursor()
    try:
        cursor.register("_readout_pending", pa.table({"document_id": pa.array(list(ids), type=pa.string())}))
        cursor.execute(
            """select r.document_id, r.file_name, r.format, r.text, cast(r.metadata as varchar), r.fingerprint,
                      r.version
               from staging.raw_documents r semi join _readout_pending p on r.document_id = p.document_id
               order by r.document_id"""
        )
        while rows := cursor.fetchmany(BATCH_DOCUMENTS):
            yield rows
    finally:
        cursor.close()


class _Buffer:
    """Arrow batches waiting for one insert per table, written by a background writer thread.

    While the writer inserts and commits one flush (~1 s on the corpus), the main thread keeps
    feeding the pool: written inline, the two workers drained their bounded queue in half a
    second and then sat idle until the commit returned. At most one flush is in flight, and
    only the writer thread uses the extract connection until ``finish`` (the batches are read
    on a cursor, a connection of its own).
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.tables: dict[str, list[pa.Table]] = {t: [] for t in DOCUMENT_TABLES}
        self.documents = 0
        self.written: dict[str, int] = {t: 0 for t in DOCUMENT_TABLES}
        self.spans = SpanAudit()
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="readout-writer")
        self._in_flight: Future | None = None

    def add(self, batch: AnalysedBatch) -> None:
        self.documents += batch.documents
        self.spans = self.spans.plus(batch.spans)
        for table, arrow in batch.tables.items():
            self.tables[table].append(arrow)

    def flush_in_background(self) -> None:
        """Hand the buffered batches to the writer (after the previous flush has committed)."""
        self._wait()
        tables = self.tables
        self.tables = {t: [] for t in DOCUMENT_TABLES}
        self.documents = 0
        self._in_flight = self._writer.submit(self._write, tables, True)

    def finish(self) -> None:
        """Write what is left, in the caller's open transaction, and stop the writer."""
        self.close()
        self._write(self.tables, False)
        self.tables = {t: [] for t in DOCUMENT_TABLES}

    def close(self) -> None:
        """Wait for the flush in flight (so the caller may use the connection again) and stop the writer."""
        try:
            self._wait()
        finally:
            self._writer.shutdown(wait=True)

    def _wait(self) -> None:
        if self._in_flight is not None:
            self._in_flight.result()  # re-raises a failed insert or commit here
            self._in_flight = None

    def _write(self, tables: dict[str, list[pa.Table]], commit: bool) -> None:
        for table, parts in tables.items():
            if parts:
                self.written[table] += warehouse.insert_arrow(self.con, table, pa.concat_tables(parts))
        if commit:
            _commit_and_continue(self.con)


def prepare_worker() -> None:
    """Pool initializer: keep the garbage collector off the inherited heap and out of the hot loop.

    A forked worker inherits the parent's whole heap (Dagster, dbt-core, ...); freezing it
    stops every full collection from walking those objects again. The library allocates
    millions of short-lived, acyclic tuples that reference counting frees, so a larger
    first-generation threshold just collects less often (~8% of library time measured).
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def _analysed(batches: Iterator[list[tuple]], workers: int) -> Iterator[AnalysedBatch]:
    """Analysed batches in input order: inline for one worker, else a pool with a bounded queue.

    At most ``2 * workers`` batches are in flight, so memory stays flat however large the
    corpus; results come back first-in first-out, so rows are written in a stable order.
    """
    if workers <= 1:
        yield from map(analyse_batch, batches)
        return
    with process_pool(workers, initializer=prepare_worker) as pool:
        queue: deque[Future] = deque()
        for batch in batches:
            queue.append(pool.submit(analyse_batch, batch))
            if len(queue) >= workers * 2:
                yield queue.popleft().result()
        while queue:
            yield queue.popleft().result()


def _analyse_all(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], workers: int, progress: ProgressCallback | None
) -> tuple[dict[str, int], SpanAudit]:
    buffer = _Buffer(con)
    done = 0
    pool_size = workers if len(ids) > BATCH_DOCUMENTS else 1  # a pool is not worth starting for one batch
    try:
        for batch in _analysed(_read_batches(con, ids), pool_size):
            buffer.add(batch)
            done += batch.documents
            if progress:
                progress(done, len(ids))
            if buffer.documents >= FLUSH_DOCUMENTS:
                buffer.flush_in_background()
    except BaseException:
        buffer.close()  # the caller rolls back on this connection: no write may still be running
        raise
    buffer.finish()
    return buffer.written, buffer.spans


def _commit_and_continue(con: duckdb.DuckDBPyConnection) -> None:
    """Commit the rows written so far and open the next transaction.

    DuckDB holds a transaction's inserted rows in memory until it commits: one transaction over
    the corpus's per-document rows grew the writer by ~500 MB (peak 1.98 GB for the process
    tree against 1.48 GB committing every flush). A partial extract is still never seen: the
    run writes into its own copy of the warehouse, which a failed run never publishes.
    """
    con.execute("commit")
    con.execute("begin transaction")


def _fetch_records(
    con: duckdb.DuckDBPyConnection, table: str, record: type[NamedTuple], where: str = "true"
) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in record._fields)
    return [record(*row) for row in con.execute(f"select {cols} from {table} where {where}").fetchall()]


CHANGED_SHINGLES = "_readout_changed_shingles"


def remember_changed_shingles(con: duckdb.DuckDBPyConnection, document_ids: Sequence[str]) -> None:
    """Add the shingles the documents' quote candidates hold now to this run's changed set.

    Called before a changed document's rows are deleted (its old shingles) and after it is
    parsed again (its new ones): pairs can change only where these shingles occur.
    """
    con.execute(f"create temp table if not exists {CHANGED_SHINGLES} (shingle ubigint)")
    con.register("_readout_changed_documents", pa.table({"document_id": pa.array(list(document_ids), pa.string())}))
    try:
        con.execute(
            f"""insert into {CHANGED_SHINGLES}
                select distinct unnest(q.shingles) from staging.quote_candidates q
                semi join _readout_changed_documents c using (document_id)"""
        )
    finally:
        con.unregister("_readout_changed_documents")


def refresh_quote_pairs(con: duckdb.DuckDBPyConnection, incremental: bool) -> list[tuple[str, str]]:
    """Bring ``staging.quote_pairs`` up to date and return every pair, sorted.

    Candidates pair under quotes.PAIRING_RULES, as in quotes.match_quotes: shingles in 2 to
    N documents link; a pair needs 2 shared shingles, 1 when either has a single one, and
    half of the shorter candidate's. DuckDB's hash joins do it over the stored shingles.

    A pair's shared-shingle count, and whether each of its shingles links, can only change
    if the two candidates share a shingle of a changed document. So an incremental run
    deletes the pairs of candidates holding a changed shingle (and of candidates that are
    gone) and re-pairs just those candidates against the corpus; the rest stand. The full
    pairing runs on a cold build or a new extractor. The shingle joins fill DuckDB's buffer
    pool; at half the pool the full one spills a little (3.1 -> 4.0 s on the corpus) and
    the run's peak memory stays under 2 GB.
    """
    con.execute(f"set memory_limit = '{QUOTE_PAIRING_MEMORY}'")
    try:
        if incremental:
            _prepare_incremental_pairing(con)
        else:
            _prepare_full_pairing(con)
        con.execute(_PAIRS_FROM_OCCURRENCES, _pairing_parameters(quotes.PAIRING_RULES))
        con.execute("drop table _readout_occurrences")
    finally:
        con.execute(f"set memory_limit = '{warehouse.MEMORY_LIMIT}'")
    return con.execute("select left_id, right_id from staging.quote_pairs order by left_id, right_id").fetchall()


def _pairing_parameters(rules: dict) -> dict[str, object]:
    return {
        "max_df": rules["max_document_frequency"],
        "min_shared": rules["min_shared_shingles"],
        "min_containment": rules["min_containment"],
    }


def _prepare_full_pairing(con: duckdb.DuckDBPyConnection) -> None:
    """Clear the pairs, and collect every candidate's recurring shingles (all count as affected).

    Shingles seen once (most of them) are dropped before documents are counted: 6.0 -> 3.3 s
    on the 9,182-document corpus.
    """
    con.execute("delete from staging.quote_pairs")
    con.execute(
        """create or replace temp table _readout_occurrences as
           with shingles as (
               select candidate_id, document_id, len(shingles) as shingle_count, unnest(shingles) as shingle
               from staging.quote_candidates
           ),
           recurring as (
               select shingle from shingles group by shingle having count(*) >= 2
           )
           select shingles.*, true as affected from shingles semi join recurring using (shingle)"""
    )


def _prepare_incremental_pairing(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the pairs a change can alter, and collect what re-pairing their candidates needs.

    Each step is materialised: as one query DuckDB joined the corpus's 6.8 M shingles against
    themselves (3.4 s); step by step, every join after the first scan is over a few thousand rows.
    """
    con.execute(
        f"""create or replace temp table _readout_affected as
            select distinct candidate_id from (
                select candidate_id, unnest(shingles) as shingle from staging.quote_candidates
            ) s semi join {CHANGED_SHINGLES} c using (shingle)"""
    )
    con.execute(
        """delete from staging.quote_pairs
           where left_id in (select candidate_id from _readout_affected)
              or right_id in (select candidate_id from _readout_affected)
              or left_id not in (select candidate_id from staging.quote_candidates)
              or right_id not in (select candidate_id from staging.quote_candidates)"""
    )
    # Every shingle an affected candidate holds (all a re-paired pair can share), then every
    # candidate's occurrence of those shingles.
    con.execute(
        """create or replace temp table _readout_reach as
           select distinct unnest(shingles) as shingle
           from staging.quote_candidates semi join _readout_affected using (candidate_id)"""
    )
    con.execute(
        """create or replace temp table _readout_occurrences as
           select s.*, s.candidate_id in (select candidate_id from _readout_affected) as affected
           from (
               select candidate_id, document_id, len(shingles) as shingle_count, unnest(shingles) as shingle
               from staging.quote_candidates
           ) s semi join _readout_reach using (shingle)"""
    )
    con.execute("drop table _readout_affected")
    con.execute("drop table _readout_reach")


# Pairs with at least one affected side, from shingle occurrences that hold every occurrence of
# each shingle they contain (so document counts and shared counts are exact).
_PAIRS_FROM_OCCURRENCES = """
    insert into staging.quote_pairs
    with linking as (
        select shingle from (select distinct shingle, document_id from _readout_occurrences) group by shingle
        having count(*) between 2 and $max_df
    ),
    linked as (
        select o.* from _readout_occurrences o semi join linking using (shingle)
    ),
    shared as (
        select a.candidate_id as left_id, b.candidate_id as right_id, count(*) as shared,
               least(any_value(a.shingle_count), any_value(b.shingle_count)) as shorter
        from linked a join linked b
          on a.shingle = b.shingle and a.document_id <> b.document_id and a.candidate_id < b.candidate_id
         and (a.affected or b.affected)
        group by a.candidate_id, b.candidate_id
    )
    select left_id, right_id from shared
    where (shared >= $min_shared or shorter = 1) and shared >= $min_containment * shorter
"""


def _fetch_quote_candidates(con: duckdb.DuckDBPyConnection, candidate_ids: Sequence[str]) -> list[QuoteCandidate]:
    """The named candidates, without their shingles (clustering needs ids, spans and kinds only).

    Read on ``con`` itself: this runs inside the extract transaction, which a cursor (a
    second connection) would not see.
    """
    cols = ", ".join("[]::ubigint[]" if c == "shingles" else f'q."{c}"' for c in QuoteCandidate._fields)
    con.register("_readout_paired", pa.table({"candidate_id": pa.array(candidate_ids, type=pa.string())}))
    try:
        rows = con.execute(
            f"select {cols} from staging.quote_candidates q semi join _readout_paired p using (candidate_id)"
        ).fetchall()
    finally:
        con.unregister("_readout_paired")
    return [QuoteCandidate(*row) for row in rows]


class CorpusResolution(NamedTuple):
    written: dict[str, int]  # rows per corpus table
    changed_documents: set[str]  # documents whose corpus-resolved rows differ from before


def resolve_corpus(con: duckdb.DuckDBPyConnection, incremental_pairs: bool = False) -> CorpusResolution:
    """Recompute people, events, inferred dates and quote matches over the whole corpus.

    Returns the rows written and the documents whose resolved rows changed, which the
    incremental marts must rebuild although the documents themselves did not change.

    ``incremental_pairs``: staging.quote_pairs is current except where this run's changed
    shingles reach (see refresh_quote_pairs).
    """
    local_people = _fetch_records(con, "staging.local_people", LocalPerson)
    mentions = _fetch_records(con, "staging.event_mentions", EventMention)
    dates = _fetch_records(con, "staging.document_dates", DocumentDate)
    # Only undated documents' expressions can be re-resolved against another source's date.
    timexes = _fetch_records(
        con,
        "staging.time_expressions",
        TimeExpression,
        "document_id in (select document_id from staging.document_dates where published_on is null)",
    )
    # People and events resolve in Python on one core while DuckDB pairs quote candidates on
    # the other (its queries release the GIL): ~4 s of the corpus step run side by side.
    with ThreadPoolExecutor(1, thread_name_prefix="readout-resolve") as resolver:
        people_and_events = resolver.submit(pipeline.resolve_people_and_events, local_people, mentions, dates, timexes)
        pairs = refresh_quote_pairs(con, incremental_pairs)
        quote_candidates = _fetch_quote_candidates(con, sorted({candidate for pair in pairs for candidate in pair}))
        sources = _fetch_records(con, "staging.documents", DocumentSource)
        resolved = people_and_events.result()
    quote_matches = pipeline.cluster_quotes(quote_candidates, pairs, sources)
    resolution = resolved.events
    new_rows: dict[str, list] = {
        "staging.people": resolved.people,
        "staging.person_links": resolved.person_links,
        "staging.events": resolution.events,
        "staging.event_participants": resolution.participants,
        "staging.event_mention_links": resolution.mention_links,
        "staging.inferred_document_dates": resolution.inferred_document_dates,
        "staging.resolved_time_expressions": resolution.time_expressions,
        "staging.resolved_event_mentions": resolution.event_mentions,
        "staging.quote_matches": quote_matches,
    }
    written: dict[str, int] = {}
    changed: set[str] = set()
    for table, record in corpus_tables().items():
        if table not in new_rows:
            continue
        arrow = warehouse.to_arrow(record, new_rows[table])
        if table in DOCUMENT_OF_CORPUS_ROW:
            changed |= documents_with_changed_rows(con, table, arrow, DOCUMENT_OF_CORPUS_ROW[table])
        written[table] = warehouse.replace_arrow(con, table, arrow)
    written["staging.quote_pairs"] = len(pairs)
    return CorpusResolution(written, changed)


def documents_with_changed_rows(
    con: duckdb.DuckDBPyConnection, table: str, new: pa.Table, document_sql: str
) -> set[str]:
    """Documents with a row in ``table`` that the new rows drop, add or alter (a multiset difference)."""
    con.register("_readout_new_rows", new)
    try:
        rows = con.execute(
            f"""select distinct {document_sql} from (
                    (select * from {table} except all select * from _readout_new_rows)
                    union all
                    (select * from _readout_new_rows except all select * from {table})
                )"""
        ).fetchall()
    finally:
        con.unregister("_readout_new_rows")
    return {row[0] for row in rows}


def record_changed_documents(
    con: duckdb.DuckDBPyConnection, parsed: Sequence[str], removed: Sequence[str], resolved: set[str]
) -> int:
    """Rewrite ``staging.changed_documents``: what this run parsed, removed or re-resolved."""
    reasons = {document_id: "resolved" for document_id in resolved}
    reasons.update({document_id: "parsed" for document_id in parsed})
    reasons.update({document_id: "removed" for document_id in removed})
    rows = [ChangedDocument(document_id, reason) for document_id, reason in sorted(reasons.items())]
    return warehouse.replace_rows(con, CHANGED_DOCUMENTS, ChangedDocument, rows)


def run_extract(
    con: duckdb.DuckDBPyConnection, run_id: str, workers: int, progress: ProgressCallback | None = None
) -> ExtractSummary:
    """Parse what changed, drop what went away, then re-resolve the corpus.

    Per-document rows are committed every FLUSH_DOCUMENTS documents (see _commit_and_continue);
    the corpus step, the changed-documents list and the run's record commit together, last.
    Nothing of a failed run is published: it writes into its own copy of the warehouse.
    The corpus step is a deterministic function of the per-document rows, so it is skipped
    when no document was parsed or removed (and its tables are intact).
    """
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    corpus_rebuilt = ensure_extract_tables(con)
    version = pipeline.extractor_version()
    to_parse, to_remove = pending_documents(con, version)
    # Pairs from a run of this extractor are current but for what changed now.
    incremental_pairs = not corpus_rebuilt and last_extractor_version(con) == version
    con.execute("begin transaction")
    try:
        con.execute(f"drop table if exists {CHANGED_SHINGLES}")
        if incremental_pairs:
            remember_changed_shingles(con, [*to_parse, *to_remove])
        warehouse.delete_for_documents(con, DOCUMENT_TABLES, [*to_parse, *to_remove])
        parse_started = time.perf_counter()
        rows, spans = _analyse_all(con, to_parse, workers, progress)
        corpus_started = time.perf_counter()
        resolved: set[str] = set()
        if to_parse or to_remove or corpus_rebuilt:
            if incremental_pairs:
                remember_changed_shingles(con, to_parse)
            corpus = resolve_corpus(con, incremental_pairs)
            rows.update(corpus.written)
            resolved = corpus.changed_documents
        rows[CHANGED_DOCUMENTS] = record_changed_documents(con, to_parse, to_remove, resolved)
        corpus = con.execute("select count(*) from staging.documents").fetchone()[0]
        finished = time.perf_counter()
        parse_seconds, corpus_seconds = corpus_started - parse_started, finished - corpus_started
        run = ExtractRun(
            run_id,
            started_at,
            len(to_parse),
            len(to_remove),
            corpus,
            finished - started,
            version,
            parse_seconds,
            corpus_seconds,
        )
        warehouse.insert_rows(con, "staging.extract_runs", ExtractRun, [run])
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    seconds = time.perf_counter() - started
    return ExtractSummary(len(to_parse), len(to_remove), corpus, seconds, rows, spans, parse_seconds, corpus_seconds)
