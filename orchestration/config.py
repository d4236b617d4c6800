"""Where things live: environment variables with defaults that make `make run` work as is."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DBT_PREPARED_TARGET = DBT_PROJECT_DIR / "target"  # where `make` leaves the build-time parse


def seed_parse_state(target: Path) -> None:
    """Copy the build-time parse state into a dbt target folder, so dbt there parses partially."""
    for name in ("partial_parse.msgpack", "manifest.json"):
        if (DBT_PREPARED_TARGET / name).exists():
            shutil.copy2(DBT_PREPARED_TARGET / name, target / name)


def source_dir() -> Path:
    """Folder of raw documents to ingest (``READOUT_SOURCE_DIR``, default ``seeds/``)."""
    return Path(os.environ.get("READOUT_SOURCE_DIR", PROJECT_ROOT / "seeds")).resolve()


def published_warehouse() -> Path:
    """The published DuckDB file readers open (``READOUT_WAREHOUSE``)."""
    return Path(os.environ.get("READOUT_WAREHOUSE", PROJECT_ROOT / "warehouse" / "warehouse.duckdb")).resolve()


def build_root() -> Path:
    """Private build folders live beside the published file, so ``os.replace`` stays on one filesystem."""
    return published_warehouse().parent / ".build"


def max_file_bytes() -> int:
    """Files above this size are rejected rather than read (``READOUT_MAX_FILE_BYTES``)."""
    return int(os.environ.get("READOUT_MAX_FILE_BYTES", 20 * 1024 * 1024))


def worker_count() -> int:
    """Extraction processes (``READOUT_WORKERS``, default: one per core)."""
    return max(1, int(os.environ.get("READOUT_WORKERS", os.cpu_count() or 1)))
