"""dbt's parse state is reused for a warehouse of any name, not only warehouse.duckdb."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from orchestration import config
from orchestration.project import dbt_project

DBT = Path(sys.executable).parent / "dbt"


@pytest.fixture
def parse_cache(tmp_path, monkeypatch) -> Path:
    cache = tmp_path / "parse_state"
    monkeypatch.setattr(config, "PARSE_STATE_CACHE", cache)
    return cache


def test_the_default_profile_path_reads_the_build_time_parse(parse_cache, tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "partial_parse.msgpack").write_bytes(b"state")
    config.keep_parse_state(tmp_path / "run", config.DEFAULT_DBT_DATABASE)
    assert not parse_cache.exists(), "`make` keeps the default path's parse current; nothing to cache"
    assert config.parse_state_source(config.DEFAULT_DBT_DATABASE) == config.DBT_PREPARED_TARGET


def test_another_profile_path_reads_what_its_last_run_left(parse_cache, tmp_path):
    other = str(config.DBT_BUILD_LINK_DIR / "readout.duckdb")
    assert config.parse_state_source(other) == config.DBT_PREPARED_TARGET, "no state kept yet"
    run = tmp_path / "run"
    run.mkdir()
    (run / "partial_parse.msgpack").write_bytes(b"state of readout.duckdb")
    config.keep_parse_state(run, other)
    seeded = tmp_path / "next"
    seeded.mkdir()
    config.seed_parse_state(seeded, other)
    assert (seeded / "partial_parse.msgpack").read_bytes() == b"state of readout.duckdb"
    third = str(config.DBT_BUILD_LINK_DIR / "third.duckdb")
    assert config.parse_state_source(third) == config.DBT_PREPARED_TARGET, "each path keeps its own state"


def parse(target: Path, profile_path: str) -> str:
    env = {**os.environ, "READOUT_DBT_DATABASE": profile_path, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    done = subprocess.run(
        [str(DBT), "parse", "--target-path", str(target), "--log-path", str(target)],
        cwd=dbt_project.project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.skipif(not DBT.exists(), reason="dbt is installed by `make install`")
def test_a_second_run_on_a_renamed_warehouse_parses_partially(parse_cache, tmp_path):
    other = str(config.DBT_BUILD_LINK_DIR / "readout.duckdb")
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    config.seed_parse_state(first, other)
    assert "profile has changed" in parse(first, other), "the build-time parse is for another profile path"
    config.keep_parse_state(first, other)
    config.seed_parse_state(second, other)
    assert "Unable to do partial parsing" not in parse(second, other)
