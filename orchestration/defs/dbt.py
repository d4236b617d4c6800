"""dbt stage: models, seeds and tests run against this run's private build copy.

dbt tests surface as Dagster asset checks; a failing test fails the step, so the
publish step downstream never runs and the published warehouse stays as it was.
"""

from __future__ import annotations

import os
import shutil

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, DbtCliResource, dbt_assets

from orchestration import warehouse
from orchestration.project import dbt_project

translator = DagsterDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True,
                                                                        enable_source_tests_as_checks=True))


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=translator, pool="readout_warehouse")
def readout_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource):
    build = warehouse.prepare_build(context.run_id)
    os.environ["READOUT_DBT_DATABASE"] = str(build)
    invocation = dbt.cli(["build"], context=context)
    try:
        yield from invocation.stream()
    finally:
        # dagster-dbt writes a target/ sub-folder per invocation; it is only needed while streaming.
        shutil.rmtree(invocation.target_path, ignore_errors=True)
