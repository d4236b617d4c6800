"""Ingest stage: the source folder into staging.raw_documents / document_versions / rejected_files."""

import dagster as dg

from orchestration import config, warehouse
from orchestration.stages.ingest import run_ingest

RAW_DOCUMENTS = dg.AssetKey(["staging", "raw_documents"])
DOCUMENT_VERSIONS = dg.AssetKey(["staging", "document_versions"])
REJECTED_FILES = dg.AssetKey(["staging", "rejected_files"])


@dg.multi_asset(
    specs=[
        dg.AssetSpec(RAW_DOCUMENTS, description="Latest version of each input file, decoded.", group_name="ingest"),
        dg.AssetSpec(DOCUMENT_VERSIONS, description="Every version of every file seen.", group_name="ingest"),
        dg.AssetSpec(
            REJECTED_FILES, description="Files that could not be ingested, with reasons.", group_name="ingest"
        ),
    ],
    check_specs=[
        dg.AssetCheckSpec(
            "every_file_accounted_for",
            asset=RAW_DOCUMENTS,
            blocking=True,
            description="Each file in the folder is a current document or a rejection, never both.",
        ),
    ],
    pool="readout_warehouse",
)
def ingest_files(context: dg.AssetExecutionContext):
    """Scan the source folder; skip unchanged files, version changed ones, mark deleted ones."""
    build = warehouse.prepare_build(context.run_id)
    source = config.source_dir()
    with warehouse.connect(build) as con:
        summary = run_ingest(con, source, config.max_file_bytes(), workers=config.worker_count())
        current, rejected, both = con.execute(
            """select (select count(*) from staging.raw_documents where status = 'current'),
                      (select count(*) from staging.rejected_files),
                      (select count(*) from staging.raw_documents r join staging.rejected_files f using (file_name)
                       where r.status = 'current')"""
        ).fetchone()
    context.log.info(f"ingest from {source}: {summary}")
    metadata = {"source_dir": str(source), **summary.as_metadata()}
    yield dg.MaterializeResult(asset_key=RAW_DOCUMENTS, metadata=metadata)
    yield dg.MaterializeResult(asset_key=DOCUMENT_VERSIONS)
    yield dg.MaterializeResult(asset_key=REJECTED_FILES, metadata={"rejected": summary.rejected})
    yield dg.AssetCheckResult(
        check_name="every_file_accounted_for",
        asset_key=RAW_DOCUMENTS,
        passed=bool(current + rejected == summary.scanned and both == 0),
        metadata={"files": summary.scanned, "current_documents": current, "rejected": rejected, "in_both": both},
    )
