"""Reference data (dbt seeds) shared by the extract library and the dbt project.

The CSVs live in ``dbt_project/seeds/`` so an analyst edits one file and both the
Python extraction and the dbt models see the change. ``READOUT_REFERENCE_DIR``
points elsewhere (tests use it to try alternative lexicons).
"""

from __future__ import annotations

import csv
import functools
import os
from pathlib import Path

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
REFERENCE_DIR_VARIABLE = "READOUT_REFERENCE_DIR"  # the environment variable that points elsewhere


def reference_dir() -> Path:
    """Folder holding the reference CSVs (the dbt seeds)."""
    return Path(os.environ.get(REFERENCE_DIR_VARIABLE, DEFAULT_REFERENCE_DIR))


@functools.cache
def _load(path: str) -> tuple[dict[str, str], ...]:
    with open(path, newline="", encoding="utf-8") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))


def load_reference(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``<name>.csv`` as dicts (cached per process; rows are read-only by convention)."""
    return _load(str(reference_dir() / f"{name}.csv"))
