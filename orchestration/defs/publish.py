"""Publish stage: move the checked build over the published warehouse with os.replace."""

import dagster as dg

from orchestration import warehouse
from orchestration.defs.dbt import readout_dbt_models

PUBLISHED = dg.AssetKey(["warehouse", "published"])


@dg.asset(
    key=PUBLISHED,
    deps=list(readout_dbt_models.keys),
    group_name="publish",
    pool="readout_warehouse",
    description="The published DuckDB file analysts and BI tools open read-only.",
)
def published_warehouse(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    """Runs only after every upstream step (and so every dbt test and blocking check) succeeded."""
    build = warehouse.prepare_build(context.run_id)
    with warehouse.connect(build, read_only=True) as con:
        counts = dict(
            con.execute(
                "select schema_name || '.' || table_name, estimated_size from duckdb_tables() "
                "where schema_name = 'marts'"
            ).fetchall()
        )
    path = warehouse.publish(context.run_id)
    context.log.info(f"published {path}")
    return dg.MaterializeResult(
        metadata={"path": str(path), "bytes": path.stat().st_size, **{k: int(v) for k, v in sorted(counts.items())}}
    )
