"""When the dbt step may build the per-document marts incrementally, and the record of each build.

The per-document marts rebuild only the documents in ``staging.changed_documents``. That
is only right while the SQL that built the rest is the SQL that runs now: a new release of
the dbt project (a model, macro or seed changed) must rebuild every row. So each build
records a checksum of the dbt project in ``staging.dbt_builds`` (inside the build copy,
published with it), and the next run compares.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import NamedTuple

import duckdb

from orchestration import warehouse

DBT_BUILDS = "staging.dbt_builds"
# Above this share of changed documents a full rebuild is cheaper than delete-and-insert.
FULL_REFRESH_SHARE = 0.5


class DbtBuild(NamedTuple):
    """``staging.dbt_builds``: one row per successful dbt build of this warehouse."""

    run_id: str
    finished_at: dt.datetime
    project_checksum: str
    full_refresh_reason: str | None  # None: incremental
    every_model: bool  # False: a subset run (the Dagster UI); the marts it skipped missed this run's changes


def project_checksum(manifest_path: Path) -> str:
    """A hash of everything that decides what the marts hold: models, seeds and macros, with config.

    Tests are left out: changing a test changes no row.
    """
    manifest = json.loads(manifest_path.read_text())
    parts = []
    for unique_id, node in sorted(manifest["nodes"].items()):
        if node["resource_type"] in ("model", "seed", "snapshot"):
            parts.append([unique_id, node["checksum"]["checksum"], node.get("config", {})])
    for unique_id, macro in sorted(manifest["macros"].items()):
        parts.append([unique_id, macro["macro_sql"]])
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def ensure_builds_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create schema if not exists staging")
    warehouse.add_missing_columns(con, "staging", "dbt_builds", DbtBuild)
    con.execute(warehouse.create_table_sql("staging", "dbt_builds", DbtBuild))


def full_refresh_reason(con: duckdb.DuckDBPyConnection, checksum: str) -> str | None:
    """Why this build must rebuild every mart row, or None when an incremental build is exact."""
    ensure_builds_table(con)
    last = con.execute(
        f"select project_checksum, every_model from {DBT_BUILDS} order by finished_at desc limit 1"
    ).fetchone()
    if last is None:
        return "no earlier dbt build in this warehouse"
    if last[0] != checksum:
        return "the dbt project changed since the last build"
    if not last[1]:
        return "the last dbt build ran a subset of the models"
    changed, corpus = con.execute(
        "select (select count(*) from staging.changed_documents), (select count(*) from staging.documents)"
    ).fetchone()
    if changed > FULL_REFRESH_SHARE * max(corpus, 1):
        return f"{changed} of {corpus} documents changed"
    return None


def record_build(
    con: duckdb.DuckDBPyConnection, run_id: str, checksum: str, reason: str | None, every_model: bool = True
) -> None:
    ensure_builds_table(con)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    warehouse.insert_rows(con, DBT_BUILDS, DbtBuild, [DbtBuild(run_id, now, checksum, reason, every_model)])
