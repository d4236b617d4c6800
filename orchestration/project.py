"""The one dbt project of this code location, and the dbt CLI resource that runs it.

The manifest is prepared at build time (`make` runs `dbt parse`), never at import:
importing the code location must stay fast and side-effect free.
"""

import importlib.metadata
import shutil
import sys
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject
from packaging import version

from orchestration.config import DBT_PROJECT_DIR

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR, target_path="target")


def dbt_executable() -> str:
    """The dbt dagster-dbt starts: ``readout-dbt`` (warm when `make run` runs a warm dbt server,
    see orchestration/warm_dbt.py; otherwise it execs dbt), else the dbt beside this interpreter.
    """
    for name in ("readout-dbt", "dbt"):
        beside = Path(sys.executable).parent / name
        if beside.exists():
            return str(beside)
    return shutil.which("dbt") or "dbt"


class ReadoutDbtCliResource(DbtCliResource):
    """DbtCliResource without two start-up costs we measured and do not need.

    On this 2-core machine, dagster-dbt spent ~5 s running `dbt --version` in a subprocess
    and ~11 s building an in-process dbt adapter before every invocation; the adapter only
    serves optional row-count/column metadata fetching, which this project does not use.
    dbt-core is pinned (requirements.lock), so its version is read from package metadata.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(importlib.metadata.version("dbt-core"))

    def _initialize_dbt_core_adapter(self, args: Sequence[str]):  # noqa: ARG002 - same signature as the base
        return None


def dbt_resource(project_dir: str | Path | None = None) -> ReadoutDbtCliResource:
    """The resource for this project (or a copy of it, in tests)."""
    directory = str(project_dir or dbt_project.project_dir)
    return ReadoutDbtCliResource(project_dir=directory, profiles_dir=directory, dbt_executable=dbt_executable())
