"""The Readout code location: assembles assets, checks, jobs, schedules, sensors and resources."""

import dagster as dg

from orchestration.defs.automation import build_warehouse, daily_build, source_folder_changed
from orchestration.defs.dbt import readout_dbt_models
from orchestration.defs.extract import extract_documents
from orchestration.defs.ingest import ingest_files
from orchestration.defs.publish import published_warehouse
from orchestration.project import dbt_resource

defs = dg.Definitions(
    assets=[ingest_files, extract_documents, readout_dbt_models, published_warehouse],
    jobs=[build_warehouse],
    schedules=[daily_build],
    sensors=[source_folder_changed],
    resources={"dbt": dbt_resource()},
)
