"""Where things live: environment variables with defaults that make `make run` work as is."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
DBT_PREPARED_TARGET = DBT_PROJECT_DIR / "target"  # where `make` leaves the build-time parse
# dbt's profile points into this folder (relative to the dbt project); the dbt step links the
# run's private build copy there under the published file's name (orchestration/defs/dbt.py).
DBT_BUILD_LINK_DIR = Path("target") / "build"
# The profile's default path: the one `make` parses with.
DEFAULT_DBT_DATABASE = str(DBT_BUILD_LINK_DIR / "warehouse.duckdb")
# Parse state of other profile paths, one folder each (see parse_state_source).
PARSE_STATE_CACHE = DBT_PREPARED_TARGET / "parse_state"
PARSE_STATE_FILES = ("partial_parse.msgpack", "manifest.json")


def dbt_profile_path() -> str:
    """The database path dbt's profile gets for this run: the build link, named like the published file.

    The name matters: DuckDB names the catalog after the file, and dbt writes the catalog
    into view definitions, so the build copy must carry the published file's name.
    """
    return str(DBT_BUILD_LINK_DIR / published_warehouse().name)


def parse_state_source(profile_path: str) -> Path:
    """Where a dbt command with this profile path finds parse state it can reuse.

    The profile's database path is part of dbt's parse state: a warehouse not named
    warehouse.duckdb made every run re-parse the whole project ("Unable to do partial
    parsing because profile has changed", ~2.7 s measured). Such paths keep their own
    state, saved after each run (keep_parse_state); until one exists, the build-time parse.
    """
    if profile_path != DEFAULT_DBT_DATABASE:
        cached = _parse_state_dir(profile_path)
        if (cached / "partial_parse.msgpack").exists():
            return cached
    return DBT_PREPARED_TARGET


def _parse_state_dir(profile_path: str) -> Path:
    return PARSE_STATE_CACHE / hashlib.sha256(profile_path.encode()).hexdigest()[:16]


def seed_parse_state(target: Path, profile_path: str = DEFAULT_DBT_DATABASE) -> None:
    """Copy reusable parse state into a dbt target folder, so dbt there parses partially."""
    source = parse_state_source(profile_path)
    for name in PARSE_STATE_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, target / name)


def keep_parse_state(target: Path, profile_path: str) -> None:
    """Save the parse state a dbt command left in ``target`` for the next run with this profile path.

    The build-time parse already serves the default path (and `make` keeps it current).
    Files are replaced atomically, so a concurrent reader never sees half a file.
    """
    if profile_path == DEFAULT_DBT_DATABASE or not (target / "partial_parse.msgpack").exists():
        return
    cache = _parse_state_dir(profile_path)
    cache.mkdir(parents=True, exist_ok=True)
    for name in PARSE_STATE_FILES:
        if (target / name).exists():
            shutil.copy2(target / name, cache / f".{name}.tmp")
            os.replace(cache / f".{name}.tmp", cache / name)


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
