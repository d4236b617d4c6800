"""Extract: run the pure extract library over changed documents in a process pool, one writer.

Only documents whose fingerprint differs from what ``staging.documents`` holds are
parsed; their old rows are deleted first, so a changed file's new version replaces
the old version's rows. Workers return plain tuples; the parent process is the only
DuckDB writer and inserts in Arrow batches. Corpus-level steps (people, events,
inferred dates) run last over the whole corpus, since one new document can change them.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

import duckdb
import pyarrow as pa

from orchestration import warehouse
from orchestration.extract import events, pipeline
from orchestration.extract.pipeline import DocumentRow
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

log = logging.getLogger(__name__)

BATCH_DOCUMENTS = 64  # documents per worker task: amortises pickling without starving a core
FLUSH_DOCUMENTS = 2000  # documents buffered before one Arrow insert per table

# Per-document tables, in DocumentAnalysis field order (document first).
DOCUMENT_TABLES: dict[str, type[NamedTuple]] = {
    "staging.documents": DocumentRow,
    "staging.removed_boilerplate": RemovedSpan,
    "staging.utterances": Utterance,
    "staging.sentences": Sentence,
    "staging.person_mentions": PersonMention,
    "staging.local_people": LocalPerson,
    "staging.document_dates": DocumentDate,
    "staging.time_expressions": TimeExpression,
    "staging.event_mentions": EventMention,
}


class ExtractRun(NamedTuple):
    """``staging.extract_runs``: what each run parsed, so incremental cost is auditable."""

    run_id: str
    started_at: dt.datetime
    parsed_documents: int
    removed_documents: int
    corpus_documents: int
    seconds: float


class ExtractSummary(NamedTuple):
    parsed_documents: int
    removed_documents: int
    corpus_documents: int
    seconds: float
    rows: dict[str, int]

    def as_metadata(self) -> dict[str, object]:
        return {
            "parsed_documents": self.parsed_documents,
            "removed_documents": self.removed_documents,
            "corpus_documents": self.corpus_documents,
            "seconds": round(self.seconds, 2),
            **self.rows,
        }


ProgressCallback = Callable[[int, int], None]


def ensure_extract_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists staging")
    for table, record in {**DOCUMENT_TABLES, "staging.extract_runs": ExtractRun}.items():
        schema, name = table.split(".")
        con.execute(warehouse.create_table_sql(schema, name, record))
    for table, record in corpus_tables().items():
        schema, name = table.split(".")
        con.execute(warehouse.create_table_sql(schema, name, record))


def corpus_tables() -> dict[str, type[NamedTuple]]:
    """Tables recomputed over the whole corpus each run (one new document can change any of them)."""
    return {
        "staging.people": Person,
        "staging.person_links": PersonLink,
        "staging.events": events.Event,
        "staging.event_participants": events.EventParticipant,
        "staging.event_mention_links": events.EventMentionLink,
        "staging.inferred_document_dates": DocumentDate,
        "staging.resolved_time_expressions": TimeExpression,
        "staging.resolved_event_mentions": EventMention,
    }


def analyse_batch(batch: Sequence[tuple]) -> tuple[int, dict[str, pa.Table]]:
    """Worker entry point: analyse a batch and return one Arrow table per staging table.

    Building the columns here, in the worker, keeps the parent (the only DuckDB writer)
    nearly idle: an Arrow table pickles as a few buffers, not millions of tuples.
    """
    rows: dict[str, list[tuple]] = {table: [] for table in DOCUMENT_TABLES}
    for document_id, file_name, fmt, text, metadata_json, fingerprint, version in batch:
        metadata = json.loads(metadata_json) if metadata_json else {}
        src = SourceDocument(document_id, file_name, fmt, text, metadata)
        analysis = pipeline.analyse_document(src, fingerprint, version)
        for table, value in zip(DOCUMENT_TABLES, analysis, strict=True):
            if isinstance(value, list):
                rows[table].extend(value)
            else:
                rows[table].append(value)
    return len(batch), {table: warehouse.to_arrow(DOCUMENT_TABLES[table], rows[table]) for table in DOCUMENT_TABLES}


def pending_documents(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[str]]:
    """(documents to parse, documents whose rows must go): decided by fingerprint, not by time."""
    to_parse = [
        r[0]
        for r in con.execute(
            """select r.document_id from staging.raw_documents r
           left join staging.documents d using (document_id)
           where r.status = 'current' and (d.document_id is null or d.fingerprint <> r.fingerprint)
           order by r.document_id"""
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
    """Arrow batches waiting for one insert per table."""

    def __init__(self) -> None:
        self.tables: dict[str, list[pa.Table]] = {t: [] for t in DOCUMENT_TABLES}
        self.documents = 0
        self.written: dict[str, int] = {t: 0 for t in DOCUMENT_TABLES}

    def add(self, documents: int, tables: dict[str, pa.Table]) -> None:
        self.documents += documents
        for table, arrow in tables.items():
            self.tables[table].append(arrow)

    def flush(self, con: duckdb.DuckDBPyConnection) -> None:
        for table, parts in self.tables.items():
            if parts:
                self.written[table] += warehouse.insert_arrow(con, table, pa.concat_tables(parts))
            self.tables[table] = []
        self.documents = 0


def _analysed(batches: Iterator[list[tuple]], workers: int) -> Iterator[tuple[int, dict[str, pa.Table]]]:
    """Analysed batches in input order: inline for one worker, else a pool with a bounded queue.

    At most ``2 * workers`` batches are in flight, so memory stays flat however large the
    corpus; results come back first-in first-out, so rows are written in a stable order.
    """
    if workers <= 1:
        yield from map(analyse_batch, batches)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        queue: deque[Future] = deque()
        for batch in batches:
            queue.append(pool.submit(analyse_batch, batch))
            if len(queue) >= workers * 2:
                yield queue.popleft().result()
        while queue:
            yield queue.popleft().result()


def _analyse_all(
    con: duckdb.DuckDBPyConnection, ids: Sequence[str], workers: int, progress: ProgressCallback | None
) -> dict[str, int]:
    buffer = _Buffer()
    done = 0
    pool_size = workers if len(ids) > BATCH_DOCUMENTS else 1  # a pool is not worth starting for one batch
    for documents, tables in _analysed(_read_batches(con, ids), pool_size):
        buffer.add(documents, tables)
        done += documents
        if progress:
            progress(done, len(ids))
        if buffer.documents >= FLUSH_DOCUMENTS:
            buffer.flush(con)
    buffer.flush(con)
    return buffer.written


def _fetch_records(
    con: duckdb.DuckDBPyConnection, table: str, record: type[NamedTuple], where: str = "true"
) -> list[tuple]:
    cols = ", ".join(f'"{c}"' for c in record._fields)
    return [record(*row) for row in con.execute(f"select {cols} from {table} where {where}").fetchall()]


def resolve_corpus(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Recompute people, events and inferred dates over the whole corpus."""
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
    resolved = pipeline.resolve_corpus(local_people, mentions, dates, timexes)
    written = {}
    tables = corpus_tables()
    written["staging.people"] = warehouse.replace_rows(con, "staging.people", tables["staging.people"], resolved.people)
    written["staging.person_links"] = warehouse.replace_rows(
        con, "staging.person_links", PersonLink, resolved.person_links
    )
    resolution = resolved.events
    for table, rows in (
        ("staging.events", resolution.events),
        ("staging.event_participants", resolution.participants),
        ("staging.event_mention_links", resolution.mention_links),
        ("staging.inferred_document_dates", resolution.inferred_document_dates),
        ("staging.resolved_time_expressions", resolution.time_expressions),
        ("staging.resolved_event_mentions", resolution.event_mentions),
    ):
        written[table] = warehouse.replace_rows(con, table, tables[table], rows)
    return written


def run_extract(
    con: duckdb.DuckDBPyConnection, run_id: str, workers: int, progress: ProgressCallback | None = None
) -> ExtractSummary:
    """Parse what changed, drop what went away, then re-resolve the corpus; all in one transaction."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    ensure_extract_tables(con)
    to_parse, to_remove = pending_documents(con)
    con.execute("begin transaction")
    try:
        warehouse.delete_for_documents(con, DOCUMENT_TABLES, [*to_parse, *to_remove])
        rows = _analyse_all(con, to_parse, workers, progress)
        rows.update(resolve_corpus(con))
        corpus = con.execute("select count(*) from staging.documents").fetchone()[0]
        seconds = time.perf_counter() - started
        warehouse.insert_rows(
            con,
            "staging.extract_runs",
            ExtractRun,
            [ExtractRun(run_id, started_at, len(to_parse), len(to_remove), corpus, seconds)],
        )
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return ExtractSummary(len(to_parse), len(to_remove), corpus, time.perf_counter() - started, rows)
