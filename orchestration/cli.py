"""`python -m orchestration.cli run`: build the warehouse in-process and say what happened.

This is what `make run` calls: the same Dagster job the schedule and sensor run, executed
in this process, followed by a summary a new user can act on.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import duckdb

from orchestration import config, warehouse
from orchestration.warm_dbt import warm_dbt

EXAMPLE_QUERY = (
    "select u.speaker_label, p.display_name, left(u.text, 60) as text\n"
    "  from marts.fct_utterance u left join marts.dim_person p using (person_id)\n"
    " where u.turn_index is not null order by u.document_id, u.turn_index limit 5;"
)


def step_seconds(instance, run_id: str) -> dict[str, float]:
    """Wall seconds per step (ingest, extract, dbt, publish) from the run's step statistics."""
    return {
        stat.step_key: round(stat.end_time - stat.start_time, 2)
        for stat in instance.get_run_step_stats(run_id)
        if stat.start_time and stat.end_time
    }


def run_pipeline() -> bool:
    """Execute the build_warehouse job in-process; True when every step succeeded.

    A warm dbt server starts first, so dbt-core imports on the other core while Dagster
    imports and the extract step runs (orchestration/warm_dbt.py; ~4 s off every run).
    """
    with warm_dbt():
        return _execute_job()


def _execute_job() -> bool:
    import dagster as dg

    from orchestration.definitions import defs

    job = defs.resolve_job_def("build_warehouse")
    instance = dg.DagsterInstance.ephemeral()
    quiet = {"loggers": {"console": {"config": {"log_level": os.environ.get("READOUT_LOG_LEVEL", "INFO")}}}}
    result = job.execute_in_process(run_config=quiet, instance=instance, raise_on_error=False)
    if not result.success:
        for event in result.all_events:
            if event.is_failure and event.step_key:
                print(f"step failed: {event.step_key}: {event.message}", file=sys.stderr)
    timings = step_seconds(instance, result.run_id)
    print("stage seconds: " + ", ".join(f"{k}={v}" for k, v in timings.items()))
    if os.environ.get("READOUT_TIMINGS_FILE"):
        Path(os.environ["READOUT_TIMINGS_FILE"]).write_text(json.dumps(timings))
    return result.success


def dbt_build_line(build: tuple[str | None, int] | None) -> str:
    """How the marts were built: whole (and why) or only for the documents that changed."""
    if build is None:
        return "marts: no dbt build recorded"
    reason, changed = build
    if reason:
        return f"marts: rebuilt whole ({reason})"
    return f"marts: incremental, rebuilt the rows of {changed} changed document(s) (see staging.changed_documents)"


def summary_lines(path: str) -> list[str]:
    """What a user needs after a run: counts, rows per mart, where the file is, how to query it."""
    with duckdb.connect(path, read_only=True) as con:
        last = con.execute(
            "select parsed_documents, removed_documents, corpus_documents from staging.extract_runs "
            "order by started_at desc limit 1"
        ).fetchone()
        status = dict(con.execute("select status, count(*) from staging.raw_documents group by all").fetchall())
        rejected = con.execute("select count(*) from staging.rejected_files").fetchone()[0]
        marts = con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by table_name"
        ).fetchall()
        rows = [(name, con.execute(f"select count(*) from marts.{name}").fetchone()[0]) for (name,) in marts]
        build = (
            con.execute(
                "select full_refresh_reason, (select count(*) from staging.changed_documents) "
                "from staging.dbt_builds order by finished_at desc limit 1"
            ).fetchone()
            if warehouse.table_exists(con, "staging", "dbt_builds")
            else None
        )
    parsed, removed, corpus = last or (0, 0, 0)
    lines = [
        f"documents: {corpus} in the warehouse; this run parsed {parsed}, skipped {corpus - parsed} unchanged, "
        f"removed {removed}; {status.get('deleted', 0)} marked deleted; {rejected} rejected "
        "(see staging.rejected_files)",
        dbt_build_line(build),
        "rows per mart:",
        *[f"  marts.{name:<28} {count:>9,}" for name, count in rows],
        f"warehouse: {path}",
        "query it:",
        f"  .venv/bin/python -c \"import duckdb; print(duckdb.connect('{path}', read_only=True)"
        ".sql('select kind, count(*) from marts.dim_document group by kind'))\"",
        "  or, in any DuckDB client opened read-only on that file:",
        *["    " + line for line in EXAMPLE_QUERY.splitlines()],
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="readout", description=__doc__)
    parser.add_argument("command", choices=["run", "summary"])
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.command == "run":
        print(f"building the warehouse from {config.source_dir()} ...", flush=True)
        if not run_pipeline():
            print(
                f"run failed; the published warehouse {config.published_warehouse()} was left as it was",
                file=sys.stderr,
            )
            return 1
    print("\n".join(summary_lines(str(config.published_warehouse()))))
    if args.command == "run":
        print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
