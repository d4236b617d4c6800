"""The whole job on the seeds: publish, re-run, idempotency, the contract, evidence spans."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import duckdb
import pytest

from orchestration.cli import summary_lines
from tests.conftest import PROJECT, SEEDS, BuiltWarehouse

pytestmark = pytest.mark.e2e

# Run history (append-only) and what the last run changed: expected to differ between runs.
RUN_STATE_TABLES = {"staging.extract_runs", "staging.dbt_builds", "staging.changed_documents"}


def table_checksums(path) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content hash of every staging and mart table."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() "
            "where schema_name in ('staging', 'intermediate', 'marts') order by 1"
        ).fetchall()
        out = {}
        for (table,) in tables:
            if table in RUN_STATE_TABLES:
                continue
            out[table] = con.execute(
                f"select count(*), coalesce(md5(string_agg(r, '|' order by r)), '') "
                f"from (select cast(t as varchar) as r from {table} t)"
            ).fetchone()
    return out


def test_published_file_is_in_dim_document_for_every_seed(seed_warehouse):
    with duckdb.connect(str(seed_warehouse.path), read_only=True) as con:
        names = {r[0] for r in con.execute("select file_name from marts.dim_document").fetchall()}
    assert names == {p.name for p in SEEDS.iterdir()}


def test_published_file_opens_in_duckdb_1_4_storage(seed_warehouse):
    with duckdb.connect(str(seed_warehouse.path), read_only=True) as con:
        tags = con.execute("select tags from duckdb_databases() where database_name = 'warehouse'").fetchone()[0]
    assert tags["storage_version"].startswith("v1.4.0")


def test_no_build_leftovers_after_a_successful_run(seed_warehouse):
    build_root = seed_warehouse.path.parent / ".build"
    assert not build_root.exists() or not any(build_root.iterdir())


def test_every_fact_row_with_a_span_reproduces_its_text(seed_warehouse):
    """Every mart with char_start/char_end/text: substr over staging.documents gives the text back."""
    with duckdb.connect(str(seed_warehouse.path), read_only=True) as con:
        tables = [
            r[0]
            for r in con.execute(
                """select table_name from duckdb_columns() where schema_name = 'marts'
                   group by table_name
                   having count(*) filter (where column_name in ('char_start', 'char_end', 'text')) = 3
                   order by 1"""
            ).fetchall()
        ]
        assert {"fct_utterance", "fct_commitment", "fct_person_mention"} <= set(tables)
        for table in tables:
            rows, bad = con.execute(
                f"""select count(*), count(*) filter (
                        where substr(d.clean_text, f.char_start + 1, f.char_end - f.char_start) is distinct from f.text)
                    from marts.{table} f join staging.documents d using (document_id)"""
            ).fetchone()
            assert rows > 0, table
            assert bad == 0, table


def test_schemas_are_named_exactly(seed_warehouse):
    with duckdb.connect(str(seed_warehouse.path), read_only=True) as con:
        schemas = {r[0] for r in con.execute("select schema_name from duckdb_tables()").fetchall()}
    assert {"staging", "marts"} <= schemas
    assert not any(s.startswith("main_") for s in schemas)


def declared_not_null_columns() -> set[tuple[str, str]]:
    """(mart, column) pairs whose contract declares a not_null constraint, from the dbt manifest."""
    manifest = json.loads((PROJECT / "dbt_project" / "target" / "manifest.json").read_text())
    return {
        (node["name"], column["name"])
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("contract", {}).get("enforced")
        for column in node["columns"].values()
        if any(c["type"] == "not_null" for c in column.get("constraints", []))
    }


def test_declared_not_null_constraints_are_enforced_by_the_built_tables(seed_warehouse):
    """Mart columns rely on contract constraints, not on not_null data tests: DuckDB must hold them."""
    declared = declared_not_null_columns()
    assert len(declared) > 40
    with duckdb.connect(str(seed_warehouse.path), read_only=True) as con:
        nullable = {
            (table, column)
            for table, column in con.execute(
                "select table_name, column_name from duckdb_columns() where schema_name = 'marts' and is_nullable"
            ).fetchall()
        }
    assert not declared & nullable


def test_summary_names_counts_path_and_a_query(seed_warehouse):
    text = "\n".join(summary_lines(str(seed_warehouse.path)))
    assert "documents: 5 in the warehouse" in text
    assert "marts: rebuilt whole (no earlier dbt build in this warehouse)" in text
    assert "marts.dim_document" in text
    assert str(seed_warehouse.path) in text
    assert "select" in text


def test_second_run_skips_everything_and_changes_nothing(built_copy):
    built = built_copy
    first = table_checksums(built.path)
    assert built.run()
    assert table_checksums(built.path) == first
    with duckdb.connect(str(built.path), read_only=True) as con:
        runs = con.execute("select parsed_documents from staging.extract_runs order by started_at").fetchall()
        changed = con.execute("select count(*) from staging.changed_documents").fetchone()[0]
        builds = con.execute("select full_refresh_reason from staging.dbt_builds order by finished_at").fetchall()
    assert runs[-2:] == [(5,), (0,)]
    assert changed == 0
    assert builds == [("no earlier dbt build in this warehouse",), (None,)]
    assert "marts: incremental, rebuilt the rows of 0 changed document(s)" in "\n".join(summary_lines(str(built.path)))


def mart_rows(path) -> dict[str, list[str]]:
    """Every mart's rows, sorted (dim_document without ``version``, which counts a file's edits)."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [
            r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
        ]
        return {
            table: sorted(
                map(
                    repr,
                    con.execute(
                        f"select * {'exclude (version)' if table == 'dim_document' else ''} from marts.{table}"
                    ).fetchall(),
                )
            )
            for table in tables
        }


def test_incremental_marts_equal_a_cold_build_after_an_edit_and_a_removal(built_copy, tmp_path, monkeypatch):
    """The per-document marts rebuild only changed documents; the result must be a cold build's.

    Removing a seed re-resolves events in the others (their rows change although their files
    did not), which the incremental marts must pick up from staging.changed_documents. On five
    documents that is most of the corpus, which would trigger a full refresh; the threshold is
    lifted so the incremental path itself is what gets compared.
    """
    from orchestration.stages import dbt_state

    monkeypatch.setattr(dbt_state, "FULL_REFRESH_SHARE", 1.0)
    built = built_copy
    removed, edited = sorted(built.source.iterdir())[:2]
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\n\nSecretary Blinken said the United States will continue to consult closely with Japan.\n")
    assert built.run()
    removed.unlink()
    assert built.run()
    with duckdb.connect(str(built.path), read_only=True) as con:
        builds = con.execute("select full_refresh_reason from staging.dbt_builds order by finished_at").fetchall()
        reasons = con.execute("select reason, count(*) from staging.changed_documents group by all").fetchall()
    assert builds[-2:] == [(None,), (None,)]  # both runs were incremental
    assert ("removed", 1) in reasons
    cold = BuiltWarehouse(tmp_path / "cold")
    shutil.copytree(built.source, cold.source)
    assert cold.run()
    assert mart_rows(built.path) == mart_rows(cold.path)


def test_changed_and_deleted_files_replace_their_rows(built_copy):
    built = built_copy
    victim, edited = sorted(built.source.iterdir())[:2]
    victim.unlink()
    edited.write_text("SECRETARY SMITH: We will meet again.\n\nMODERATOR: Thank you.\n", encoding="utf-8")
    assert built.run()
    with duckdb.connect(str(built.path), read_only=True) as con:
        names = {r[0] for r in con.execute("select file_name from marts.dim_document").fetchall()}
        turns = con.execute(
            "select count(*) from marts.fct_utterance u join marts.dim_document d using (document_id) "
            "where d.file_name = ? and u.turn_index is not null",
            [edited.name],
        ).fetchone()[0]
        status = con.execute("select status from staging.raw_documents where file_name = ?", [victim.name]).fetchone()
        parsed = con.execute("select parsed_documents from staging.extract_runs order by started_at desc").fetchone()
    assert victim.name not in names and edited.name in names
    assert turns == 2
    assert status == ("deleted",)
    assert parsed == (1,)


def test_a_reader_holding_the_published_file_does_not_block_a_run(built_copy):
    built = built_copy
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(built.path)!r}, read_only=True)\n"
            "print(con.execute('select count(*) from marts.dim_document').fetchone()[0], flush=True)\n"
            "time.sleep(120)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "5"
        (built.source / "new.txt").write_text("MODERATOR: A new briefing.\n", encoding="utf-8")
        assert built.run()
    finally:
        reader.kill()
        reader.wait()
    with duckdb.connect(str(built.path), read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_document").fetchone()[0] == 6


def test_a_failing_dbt_test_leaves_the_published_file_as_it_was(built_copy, tmp_path, monkeypatch):
    """Run the job with a dbt project copy holding one failing test: nothing is published."""
    import dagster as dg

    from orchestration.definitions import defs
    from orchestration.defs.automation import build_warehouse
    from orchestration.project import dbt_project, dbt_resource

    built = built_copy
    before = built.path.read_bytes()
    mtime = built.path.stat().st_mtime_ns

    broken = tmp_path / "dbt_project"
    shutil.copytree(dbt_project.project_dir, broken, ignore=shutil.ignore_patterns("target", "logs"))
    (broken / "tests" / "always_fails.sql").write_text("select 1 as failure\n")
    (built.source / "new.txt").write_text("MODERATOR: Something new.\n", encoding="utf-8")
    failing = dg.Definitions(
        assets=list(defs.assets),
        jobs=[build_warehouse],
        resources={"dbt": dbt_resource(broken)},
    )
    for key, value in built.env.items():
        monkeypatch.setenv(key, value)
    result = failing.resolve_job_def("build_warehouse").execute_in_process(raise_on_error=False)
    assert not result.success
    assert built.path.stat().st_mtime_ns == mtime
    assert built.path.read_bytes() == before
