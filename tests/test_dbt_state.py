"""When the dbt step builds the per-document marts incrementally and when it must refresh them whole."""

from __future__ import annotations

import json

import duckdb
import pytest

from orchestration import warehouse
from orchestration.stages import dbt_state
from orchestration.stages.extract import ChangedDocument


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("create schema staging")
    con.execute("create table staging.documents (document_id varchar)")
    con.execute("insert into staging.documents select 'd' || range from range(10)")
    con.execute(warehouse.create_table_sql("staging", "changed_documents", ChangedDocument))
    return con


def changed(con: duckdb.DuckDBPyConnection, count: int) -> None:
    con.execute("delete from staging.changed_documents")
    con.execute(f"insert into staging.changed_documents select 'd' || range, 'parsed' from range({count})")


def test_the_first_build_a_new_project_and_a_mostly_changed_corpus_refresh_whole(con):
    assert dbt_state.full_refresh_reason(con, "v1") == "no earlier dbt build in this warehouse"
    dbt_state.record_build(con, "run-1", "v1", "no earlier dbt build in this warehouse")
    changed(con, 2)
    assert dbt_state.full_refresh_reason(con, "v1") is None
    assert dbt_state.full_refresh_reason(con, "v2") == "the dbt project changed since the last build"
    changed(con, 6)
    assert dbt_state.full_refresh_reason(con, "v1") == "6 of 10 documents changed"


def test_a_subset_build_makes_the_next_build_refresh_whole(con):
    dbt_state.record_build(con, "run-1", "v1", None, every_model=False)
    changed(con, 1)
    assert dbt_state.full_refresh_reason(con, "v1") == "the last dbt build ran a subset of the models"


def test_the_last_build_decides(con):
    dbt_state.record_build(con, "run-1", "v1", None)
    dbt_state.record_build(con, "run-2", "v2", "the dbt project changed since the last build")
    changed(con, 1)
    assert dbt_state.full_refresh_reason(con, "v2") is None
    assert con.execute("select count(*) from staging.dbt_builds").fetchone()[0] == 2


def manifest(tmp_path, model_sql_checksum: str, test_checksum: str):
    path = tmp_path / "manifest.json"
    nodes = {
        "model.readout.fct_x": {"resource_type": "model", "checksum": {"checksum": model_sql_checksum}, "config": {}},
        "test.readout.not_null_x": {"resource_type": "test", "checksum": {"checksum": test_checksum}, "config": {}},
    }
    path.write_text(json.dumps({"nodes": nodes, "macros": {"macro.readout.m": {"macro_sql": "select 1"}}}))
    return path


def test_the_project_checksum_follows_models_not_tests(tmp_path):
    base = dbt_state.project_checksum(manifest(tmp_path, "a", "t1"))
    assert dbt_state.project_checksum(manifest(tmp_path, "a", "t2")) == base
    assert dbt_state.project_checksum(manifest(tmp_path, "b", "t1")) != base
