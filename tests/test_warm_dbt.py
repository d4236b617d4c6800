"""The warm dbt server and its client behave like the dbt executable they stand in for."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration.project import dbt_executable, dbt_project
from orchestration.warm_dbt import PID_VARIABLE, SOCKET_VARIABLE, warm_dbt

CLIENT = Path(sys.executable).parent / "readout-dbt"

pytestmark = pytest.mark.skipif(not CLIENT.exists(), reason="readout-dbt is installed by `make install`")


def run_client(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CLIENT), *args],
        cwd=dbt_project.project_dir,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_pipeline_starts_dbt_through_the_client():
    assert Path(dbt_executable()).name == "readout-dbt"


def test_without_a_server_the_client_is_plain_dbt():
    env = {k: v for k, v in os.environ.items() if k not in (SOCKET_VARIABLE, PID_VARIABLE)}
    plain = subprocess.run(
        [str(CLIENT.with_name("dbt")), "--bogus-flag"], capture_output=True, text=True, check=False, env=env
    )
    through = run_client("--bogus-flag", env=env)
    assert through.returncode == plain.returncode == 2
    assert "No such option" in through.stderr


def test_with_a_server_output_and_exit_codes_pass_through(tmp_path):
    with warm_dbt(wait_seconds=60):
        assert os.path.exists(os.environ[SOCKET_VARIABLE]), "the server listens once dbt is imported"
        listed = run_client(
            "ls", "--resource-type", "seed", "--output", "name", "--quiet", "--target-path", str(tmp_path / "target")
        )
        failed = run_client("--bogus-flag")
    assert listed.returncode == 0, listed.stdout + listed.stderr
    seeds = {p.stem for p in (dbt_project.project_dir / "seeds").glob("*.csv")}
    assert set(listed.stdout.split()) == seeds
    assert failed.returncode == 2 and "Usage: dbt" in failed.stderr
    assert SOCKET_VARIABLE not in os.environ, "the block restores the environment"


def test_a_server_that_has_gone_away_falls_back_to_dbt(tmp_path):
    env = {**os.environ, SOCKET_VARIABLE: str(tmp_path / "absent.sock"), PID_VARIABLE: "999999999"}
    assert run_client("--bogus-flag", env=env).returncode == 2


def test_the_server_warms_up_silently_and_leaves_the_prepared_target_alone(capfd):
    """The warm-up `dbt ls` runs in the server; it must print nothing and write only to scratch."""
    prepared = dbt_project.project_dir / "target"
    before = {p.name: p.stat().st_mtime_ns for p in prepared.iterdir() if p.is_file()}
    with warm_dbt(wait_seconds=120):
        assert os.path.exists(os.environ[SOCKET_VARIABLE]), "the server listens once warm"
    out, err = capfd.readouterr()
    assert "dim_document" not in out + err
    assert {p.name: p.stat().st_mtime_ns for p in prepared.iterdir() if p.is_file()} == before


def test_the_warm_up_succeeds_on_the_project():
    project = str(dbt_project.project_dir)
    code = f"import sys; from orchestration.warm_dbt import warm_up; sys.exit(0 if warm_up({project!r}) else 1)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def test_a_command_that_must_parse_the_project_again_does_not_hang(tmp_path, monkeypatch):
    """When the build-time parse is stale, the warm-up and the forked command both parse again.

    Another profile path (part of dbt's parse state) makes it stale here. dbt's static parser
    holds process state that a fork does not carry over: run in the server, it left every forked
    command that parsed hanging, so the warm-up parses without it.
    """
    monkeypatch.setenv("READOUT_DBT_DATABASE", str(tmp_path / "elsewhere.duckdb"))
    with warm_dbt(wait_seconds=120):
        listed = run_client(
            "ls", "--resource-type", "seed", "--output", "name", "--quiet", "--target-path", str(tmp_path / "target")
        )
    assert listed.returncode == 0, listed.stdout + listed.stderr
    assert set(listed.stdout.split()) == {p.stem for p in (dbt_project.project_dir / "seeds").glob("*.csv")}
