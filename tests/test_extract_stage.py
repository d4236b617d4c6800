"""The extract stage against DuckDB, without Dagster or dbt: what it parses, skips and migrates."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration import warehouse
from orchestration.extract import pipeline
from orchestration.extract.commitments import Commitment
from orchestration.extract.records import PersonMention, Utterance
from orchestration.stages import extract as stage
from orchestration.stages.ingest import run_ingest
from tests.conftest import SEEDS


@pytest.fixture()
def staged(tmp_path) -> tuple[duckdb.DuckDBPyConnection, Path]:
    source = tmp_path / "source"
    shutil.copytree(SEEDS, source)
    con = warehouse.connect(tmp_path / "warehouse.duckdb")
    run_ingest(con, source, 5_000_000)
    stage.run_extract(con, "first", workers=1)
    yield con, source
    con.close()


def last_parsed(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("select parsed_documents from staging.extract_runs order by started_at desc").fetchone()[0]


def test_utterance_text_is_the_slice_of_clean_text(staged):
    con, _ = staged
    rows = con.execute(
        "select d.clean_text, u.char_start, u.char_end, u.text from staging.utterances u "
        "join staging.documents d using (document_id)"
    ).fetchall()
    assert rows
    assert all(text[start:end] == sliced for text, start, end, sliced in rows)


def test_a_run_with_nothing_changed_parses_nothing_and_skips_the_corpus_step(staged, monkeypatch):
    con, _ = staged

    def must_not_run(_con):
        raise AssertionError("the corpus step ran although no document changed")

    monkeypatch.setattr(stage, "resolve_corpus", must_not_run)
    summary = stage.run_extract(con, "second", workers=1)
    assert summary.parsed_documents == 0
    assert con.execute("select count(*) from staging.people").fetchone()[0] > 0


def test_a_new_extractor_version_re_extracts_every_document(staged, monkeypatch):
    con, _ = staged
    monkeypatch.setattr(pipeline, "extractor_version", lambda: "a-newer-extractor")
    stage.run_extract(con, "upgraded", workers=1)
    assert last_parsed(con) == 5
    stage.run_extract(con, "again", workers=1)
    assert last_parsed(con) == 0


def test_the_extractor_version_follows_code_and_reference_data(tmp_path, monkeypatch):
    before = pipeline.extractor_version()
    reference = tmp_path / "reference"
    shutil.copytree(Path(pipeline.__file__).parents[2] / "dbt_project" / "seeds", reference)
    (reference / "ref_titles.csv").write_text(
        (reference / "ref_titles.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    monkeypatch.setenv("READOUT_REFERENCE_DIR", str(reference))
    pipeline.extractor_version.cache_clear()
    try:
        assert pipeline.extractor_version() != before
    finally:
        pipeline.extractor_version.cache_clear()


def test_a_staging_table_of_an_older_shape_is_rebuilt_and_every_document_re_extracted(staged):
    con, _ = staged
    con.execute("alter table staging.utterances drop column text")
    stage.run_extract(con, "migrated", workers=1)
    assert last_parsed(con) == 5
    assert con.execute("select count(*) from staging.utterances where text is null").fetchone()[0] == 0


def test_an_older_run_log_gains_the_new_column_and_keeps_its_rows(staged):
    con, _ = staged
    con.execute("alter table staging.extract_runs drop column extractor_version")
    stage.run_extract(con, "after-upgrade", workers=1)
    runs = con.execute("select run_id, extractor_version from staging.extract_runs order by started_at").fetchall()
    assert [r[0] for r in runs] == ["first", "after-upgrade"]
    assert runs[0][1] is None and runs[1][1] == pipeline.extractor_version()
    assert last_parsed(con) == 5  # no recorded version: the older rows cannot be trusted to match


def test_span_audit_counts_spans_that_do_not_reproduce_their_text():
    text = "Prime Minister Kishida met Secretary Blinken."
    good = PersonMention("d", "d-m1", 15, 22, "Kishida", "text", None, "k")
    bad = PersonMention("d", "d-m2", 0, 5, "Blink", "text", None, "b")
    inside = Utterance("d", "d-u1", 1, None, None, "narrator", False, 0, len(text), None, None, None)
    outside = Utterance("d", "d-u2", 2, None, None, "narrator", False, 10, len(text) + 1, None, None, None)
    commitment = Commitment(
        document_id="d",
        commitment_id="d-c1",
        utterance_id=None,
        sentence_id=None,
        local_person_key=None,
        actor=None,
        actor_basis=None,
        modality="will",
        cue="met",
        char_start=0,
        char_end=5,
        text="Prime",
        due_value=None,
        due_precision=None,
        timex_id=None,
    )
    wrong = commitment._replace(commitment_id="d-c2", text="Blink")
    assert stage.audit_spans(text, [good, bad], [inside, outside], [commitment, wrong]) == stage.SpanAudit(
        2, 1, 2, 1, 2, 1
    )


def test_spawned_workers_write_what_one_process_writes(tmp_path):
    """More documents than one batch, so the pool of spawned workers really runs."""
    source = tmp_path / "source"
    source.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.iterdir()) if p.is_file()]
    for i in range(stage.BATCH_DOCUMENTS + 6):
        (source / f"doc_{i:03d}.txt").write_text(f"Copy {i}.\n\n{texts[i % len(texts)]}", encoding="utf-8")
    contents = {}
    for workers in (1, 2):
        (tmp_path / f"w{workers}").mkdir()
        con = warehouse.connect(tmp_path / f"w{workers}" / "warehouse.duckdb")
        run_ingest(con, source, 5_000_000)
        summary = stage.run_extract(con, f"run-{workers}", workers=workers)
        assert summary.parsed_documents == stage.BATCH_DOCUMENTS + 6
        contents[workers] = {
            table: con.execute(f"select * from {table} order by all").fetchall()
            for table in [*stage.DOCUMENT_TABLES, *stage.corpus_tables()]
        }
        con.close()
    assert contents[1] == contents[2]


def test_background_flushes_write_what_one_flush_writes(staged, tmp_path, monkeypatch):
    """Flushing every two documents (in the writer thread, committing each) loses and repeats nothing."""
    con, source = staged
    tables = [*stage.DOCUMENT_TABLES, *stage.corpus_tables()]
    once = {table: con.execute(f"select * from {table} order by all").fetchall() for table in tables}
    monkeypatch.setattr(stage, "FLUSH_DOCUMENTS", 2)
    monkeypatch.setattr(pipeline, "extractor_version", lambda: "a-newer-extractor")
    assert stage.run_extract(con, "flush-often", workers=1).parsed_documents == len(once["staging.documents"])
    assert {table: con.execute(f"select * from {table} order by all").fetchall() for table in tables} == once


def test_a_failed_background_write_fails_the_run(staged, monkeypatch):
    """An insert that fails in the writer thread surfaces from run_extract, not silently lost rows."""
    con, _source = staged
    monkeypatch.setattr(stage, "FLUSH_DOCUMENTS", 1)
    monkeypatch.setattr(pipeline, "extractor_version", lambda: "a-newer-extractor")

    def broken_insert(*_args):
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(stage.warehouse, "insert_arrow", broken_insert)
    with pytest.raises(duckdb.IOException, match="disk full"):
        stage.run_extract(con, "doomed", workers=1)


def test_quote_pairs_in_sql_cluster_like_the_pure_library(staged):
    """The stage pairs quote candidates in DuckDB; the result equals quotes.match_quotes in Python."""
    from orchestration.extract import quotes
    from orchestration.extract.quotes import QuoteCandidate, QuoteMatch

    con, _ = staged
    cols = ", ".join(f'"{c}"' for c in QuoteCandidate._fields)
    candidates = [QuoteCandidate(*r) for r in con.execute(f"select {cols} from staging.quote_candidates").fetchall()]
    documents = con.execute("select document_id, republished_from, publisher from staging.documents").fetchall()
    expected = quotes.match_quotes(candidates, {d: r for d, r, _ in documents}, {d: p for d, _, p in documents})
    cols = ", ".join(f'"{c}"' for c in QuoteMatch._fields)
    stored = [
        QuoteMatch(*r)
        for r in con.execute(
            f"select {cols} from staging.quote_matches order by quote_id, document_id, char_start, candidate_id"
        ).fetchall()
    ]
    assert expected, "the seeds quote each other"
    assert stored == expected


def test_incremental_quote_pairs_equal_a_full_pairing_after_an_add_and_a_removal(staged, monkeypatch):
    """A run re-pairs only where changed shingles reach; the pairs must equal pairing from scratch."""
    con, source = staged
    repairs = []
    repair = stage._prepare_incremental_pairing
    monkeypatch.setattr(stage, "_prepare_incremental_pairing", lambda *args: repairs.append(repair(*args)))
    first = con.execute("select left_id, right_id from staging.quote_pairs order by all").fetchall()
    assert first, "the seeds quote each other"
    paired_docs = sorted(
        {
            r[0]
            for r in con.execute(
                "select document_id from staging.quote_candidates q join staging.quote_pairs p "
                "on q.candidate_id in (p.left_id, p.right_id)"
            ).fetchall()
        }
    )
    files = dict(con.execute("select document_id, file_name from staging.documents").fetchall())
    quoted = con.execute(
        "select q.text from staging.quote_candidates q join staging.quote_pairs p on q.candidate_id = p.left_id "
        "order by q.candidate_id limit 1"
    ).fetchone()[0]
    (source / files[paired_docs[0]]).unlink()  # a quoting document goes away
    for document_id in paired_docs[1:]:  # the others are edited (re-parsed; their pairs stand)
        path = source / files[document_id]
        path.write_text(path.read_text(encoding="utf-8") + "\n\nA closing line.\n", encoding="utf-8")
    (source / "new_quoting_note.txt").write_text(f"A note.\n\nThe minister said: “{quoted}”\n", encoding="utf-8")
    run_ingest(con, source, 5_000_000)
    summary = stage.run_extract(con, "incremental", workers=1)
    assert summary.parsed_documents == len(paired_docs) and summary.removed_documents == 1
    assert len(repairs) == 1, "the run re-paired incrementally"
    incremental = con.execute("select left_id, right_id from staging.quote_pairs order by all").fetchall()
    con.execute("begin transaction")
    full = stage.refresh_quote_pairs(con, incremental=False)
    con.execute("rollback")
    assert incremental == full
    assert incremental != first


def test_a_corpus_table_new_in_this_release_is_filled_although_no_document_changed(staged):
    con, _ = staged
    pairs = con.execute("select count(*) from staging.quote_pairs").fetchone()[0]
    assert pairs > 0
    con.execute("drop table staging.quote_pairs")  # as in a warehouse an older release built
    summary = stage.run_extract(con, "upgraded", workers=1)
    assert summary.parsed_documents == 0
    assert con.execute("select count(*) from staging.quote_pairs").fetchone()[0] == pairs


def test_changed_rows_name_the_documents_whose_corpus_rows_were_added_dropped_or_altered():
    from orchestration.extract.records import PersonLink

    con = duckdb.connect()
    con.execute("create schema staging")
    con.execute(warehouse.create_table_sql("staging", "person_links", PersonLink))
    old = [
        PersonLink("same", "k1", "per_a"),
        PersonLink("altered", "k1", "per_a"),
        PersonLink("dropped", "k1", "per_b"),
    ]
    warehouse.insert_rows(con, "staging.person_links", PersonLink, old)
    new = [PersonLink("same", "k1", "per_a"), PersonLink("altered", "k1", "per_c"), PersonLink("added", "k1", "per_b")]
    arrow = warehouse.to_arrow(PersonLink, new)
    assert stage.documents_with_changed_rows(con, "staging.person_links", arrow, "document_id") == {
        "altered",
        "dropped",
        "added",
    }


def test_changed_documents_hold_what_a_run_parsed_removed_and_re_resolved(staged):
    con, source = staged
    assert con.execute("select count(*), min(reason) from staging.changed_documents").fetchone() == (5, "parsed")
    removed = sorted(source.iterdir())[0]
    removed.unlink()
    run_ingest(con, source, 5_000_000)
    stage.run_extract(con, "removal", workers=1)
    reasons = dict(con.execute("select document_id, reason from staging.changed_documents").fetchall())
    removed_id = con.execute(
        "select document_id from staging.raw_documents where file_name = ?", [removed.name]
    ).fetchone()[0]
    assert reasons[removed_id] == "removed"
    assert set(reasons.values()) <= {"removed", "resolved"}
    stage.run_extract(con, "nothing", workers=1)
    assert con.execute("select count(*) from staging.changed_documents").fetchone()[0] == 0
