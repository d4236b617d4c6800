"""dbt's unit tests (SQL logic on fixed fixtures) run here, in CI; pipeline runs skip them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from orchestration.defs.dbt import build_args
from orchestration.project import dbt_executable, dbt_project

pytestmark = pytest.mark.e2e


def test_pipeline_runs_skip_unit_tests_unless_asked(monkeypatch):
    monkeypatch.delenv("READOUT_DBT_UNIT_TESTS", raising=False)
    assert build_args() == ["build", "--exclude-resource-type", "unit_test"]
    monkeypatch.setenv("READOUT_DBT_UNIT_TESTS", "1")
    assert build_args() == ["build"]


def test_dbt_unit_tests_pass_against_the_seed_warehouse(seed_warehouse, tmp_path):
    """`dbt test --select test_type:unit` on a copy of the seed build (unit tests read column types from it)."""
    copy = tmp_path / seed_warehouse.path.name
    shutil.copyfile(seed_warehouse.path, copy)
    env = {**os.environ, "READOUT_DBT_DATABASE": str(copy), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [dbt_executable(), "test", "--select", "test_type:unit", "--target-path", str(tmp_path / "target")],
        cwd=dbt_project.project_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:]
    unit_tests = json.loads(dbt_project.manifest_path.read_text())["unit_tests"]
    assert unit_tests, "the project has dbt unit tests"
    assert f"PASS={len(unit_tests)} " in result.stdout, result.stdout[-2000:]
