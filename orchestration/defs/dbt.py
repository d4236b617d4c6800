"""dbt stage: models, seeds and tests run against this run's private build copy.

dbt tests surface as Dagster asset checks; a failing test fails the step, so the
publish step downstream never runs and the published warehouse stays as it was.
"""

import contextlib
import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration import config, warehouse
from orchestration.project import dbt_project
from orchestration.stages import dbt_state

translator = DagsterDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_source_tests_as_checks=True)
)


def run_target_path(project_dir: Path, run_id: str, profile_path: str) -> Path:
    """A per-run dbt target folder seeded with reusable parse state (so dbt parses only what changed)."""
    target = project_dir / dbt_project.target_path / "runs" / run_id
    target.mkdir(parents=True, exist_ok=True)
    config.seed_parse_state(target, profile_path)
    return target


@contextlib.contextmanager
def linked_build(project_dir: Path, build: Path, log: Callable[[str], None] = print) -> Iterator[str]:
    """Expose the run's build copy at dbt's constant profile path for the length of the dbt call.

    The link keeps the published file's name, so DuckDB's catalog name (which dbt writes
    into view definitions) is the same in the build copy and in the published file. Every run
    of this checkout whose warehouse has that name uses the same link, so the link is held under
    an exclusive OS lock (``<link>.lock``): a second run's dbt step waits for the first one's
    instead of re-pointing the link under it (which published marts dbt never rebuilt).
    """
    relative = Path(config.dbt_profile_path())  # the build copy carries the published file's name
    link = project_dir / relative
    link.parent.mkdir(parents=True, exist_ok=True)
    with open(link.with_name(link.name + ".lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"dbt: waiting for another run's dbt step to release {relative}")
            fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in (link, link.with_name(link.name + ".wal")):  # left by an interrupted run
            stale.unlink(missing_ok=True)
        link.symlink_to(build)
        try:
            yield str(relative)
        finally:
            wal = link.with_name(link.name + ".wal")
            if wal.exists():  # DuckDB writes its WAL beside the path it opened: keep it with the data
                os.replace(wal, build.with_name(build.name + ".wal"))
            link.unlink(missing_ok=True)


def build_args(full_refresh: bool = False) -> list[str]:
    """`dbt build`, without dbt's unit tests unless ``READOUT_DBT_UNIT_TESTS`` is set.

    Unit tests check SQL logic against fixed fixtures, not the data: they belong in CI
    (`make test` runs them, tests/test_dbt_unit_tests.py) and cost ~2 s of every run here.
    ``full_refresh`` rebuilds the incremental marts whole (see stages/dbt_state.py).
    """
    args = ["build", *(["--full-refresh"] if full_refresh else [])]
    if os.environ.get("READOUT_DBT_UNIT_TESTS", "").lower() in {"1", "true", "yes"}:
        return args
    return [*args, "--exclude-resource-type", "unit_test"]


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=translator, pool="readout_warehouse")
def readout_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    project_dir = Path(dbt.project_dir)
    build = warehouse.prepare_build(context.run_id)
    checksum = dbt_state.project_checksum(dbt_project.manifest_path)
    with warehouse.connect(build) as con:
        reason = dbt_state.full_refresh_reason(con, checksum)
    context.log.info(f"dbt: full refresh ({reason})" if reason else "dbt: incremental marts (changed documents only)")
    with linked_build(project_dir, build, context.log.info) as profile_path:
        target = run_target_path(project_dir, context.run_id, profile_path)
        os.environ["READOUT_DBT_DATABASE"] = profile_path
        try:
            yield from dbt.cli(build_args(reason is not None), context=context, target_path=target).stream()
        finally:
            config.keep_parse_state(target, profile_path)
            # dagster-dbt's per-invocation target folder is only needed while events stream.
            shutil.rmtree(target, ignore_errors=True)
    every_model = context.selected_asset_keys == set(context.assets_def.keys)
    with warehouse.connect(build) as con:  # reached only when every dbt node succeeded
        dbt_state.record_build(con, context.run_id, checksum, reason, every_model)
