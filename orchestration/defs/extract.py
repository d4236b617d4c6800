"""Extract stage: changed documents through the extract library into the staging tables."""

import dagster as dg

from orchestration import config, warehouse
from orchestration.defs.ingest import RAW_DOCUMENTS
from orchestration.defs.progress import Progress
from orchestration.stages.extract import CHANGED_DOCUMENTS, DOCUMENT_TABLES, corpus_tables, run_extract

EXTRACT_TABLES = [*DOCUMENT_TABLES, "staging.extract_runs", *corpus_tables(), CHANGED_DOCUMENTS]
DOCUMENTS = dg.AssetKey(["staging", "documents"])
COMMITMENTS = dg.AssetKey(["staging", "commitments"])


def _key(table: str) -> dg.AssetKey:
    return dg.AssetKey(table.split("."))


@dg.multi_asset(
    specs=[dg.AssetSpec(_key(t), deps=[RAW_DOCUMENTS], group_name="extract") for t in EXTRACT_TABLES],
    check_specs=[
        dg.AssetCheckSpec(
            "mention_spans_reproduce_text",
            asset=DOCUMENTS,
            blocking=True,
            description="Every person mention parsed in this run reproduces its text from clean_text.",
        ),
        dg.AssetCheckSpec(
            "commitment_spans_reproduce_text",
            asset=COMMITMENTS,
            blocking=True,
            description="Every commitment parsed in this run reproduces its text from clean_text.",
        ),
        dg.AssetCheckSpec(
            "utterances_inside_text",
            asset=DOCUMENTS,
            blocking=True,
            description="Every utterance parsed in this run lies inside its document's clean text.",
        ),
    ],
    pool="readout_warehouse",
)
def extract_documents(context: dg.AssetExecutionContext):
    """Clean, split and resolve only the documents that changed; re-resolve people and events."""
    build = warehouse.prepare_build(context.run_id)
    progress = Progress(context.log.info, "extract")
    with warehouse.connect(build) as con:
        summary = run_extract(con, context.run_id, config.worker_count(), progress)
    progress.close()
    spans = summary.spans
    context.log.info(f"extract: {summary.as_metadata()}")
    for table in EXTRACT_TABLES:
        metadata = summary.as_metadata() if table == "staging.documents" else {}
        if table in summary.rows:
            metadata["rows_written"] = summary.rows[table]
        yield dg.MaterializeResult(asset_key=_key(table), metadata=metadata)
    yield dg.AssetCheckResult(
        check_name="mention_spans_reproduce_text",
        asset_key=DOCUMENTS,
        passed=spans.bad_mentions == 0,
        metadata={"checked": spans.mentions_checked, "bad_spans": spans.bad_mentions},
    )
    yield dg.AssetCheckResult(
        check_name="commitment_spans_reproduce_text",
        asset_key=COMMITMENTS,
        passed=spans.bad_commitments == 0,
        metadata={"checked": spans.commitments_checked, "bad_spans": spans.bad_commitments},
    )
    yield dg.AssetCheckResult(
        check_name="utterances_inside_text",
        asset_key=DOCUMENTS,
        passed=spans.bad_utterances == 0,
        metadata={"checked": spans.utterances_checked, "bad_spans": spans.bad_utterances},
    )
