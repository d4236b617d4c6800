"""When the warehouse is rebuilt: daily, and whenever the source folder's content changes."""

import hashlib
from pathlib import Path

import dagster as dg

from orchestration import config
from orchestration.extract.readers import sha256_bytes
from orchestration.stages.ingest import iter_source_files, relative_name

# Run-level concurrency: dagster.yaml limits runs with this tag to one (one DuckDB writer).
WRITER_TAG = {"readout/writer": "warehouse"}

build_warehouse = dg.define_asset_job(
    "build_warehouse",
    selection=dg.AssetSelection.all(),
    tags=WRITER_TAG,
    description="Ingest, extract, dbt build and tests, publish.",
)

daily_build = dg.ScheduleDefinition(
    name="daily_build",
    job=build_warehouse,
    cron_schedule="0 5 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
)

# (size, mtime_ns) -> sha256 per path, so a sensor tick hashes only files that changed on disk.
_hash_cache: dict[str, tuple[int, int, str]] = {}


def folder_content_hash(root: Path) -> str:
    """One hash over every file's relative name and content hash: the run key of a change."""
    digest = hashlib.sha256()
    for path in iter_source_files(root):
        stat = path.stat()
        cached = _hash_cache.get(str(path))
        if cached and cached[:2] == (stat.st_size, stat.st_mtime_ns):
            content = cached[2]
        else:
            content = sha256_bytes(path.read_bytes())
            _hash_cache[str(path)] = (stat.st_size, stat.st_mtime_ns, content)
        digest.update(f"{relative_name(root, path)}\0{content}\n".encode())
    return digest.hexdigest()


@dg.sensor(job=build_warehouse, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.RUNNING)
def source_folder_changed(context: dg.SensorEvaluationContext):
    """Start a run when files are added, changed or removed; the run key dedupes identical content."""
    root = config.source_dir()
    if not root.is_dir():
        return dg.SkipReason(f"source folder {root} does not exist")
    content = folder_content_hash(root)
    if content == context.cursor:
        return dg.SkipReason("no new or changed files")
    context.update_cursor(content)
    return dg.RunRequest(run_key=content, tags=WRITER_TAG)
