"""Shared fixtures: a warehouse built once per session from a copy of seeds/."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEEDS = PROJECT / "seeds"


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set READOUT_* variables for a block (session fixtures cannot use monkeypatch)."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip: a user's clone has no ../shared, CI does."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (only CI and developers have ../shared)")
    return path


class BuiltWarehouse:
    def __init__(self, root: Path) -> None:
        self.source = root / "source"
        self.path = root / "warehouse" / "warehouse.duckdb"
        self.env = {"READOUT_SOURCE_DIR": str(self.source), "READOUT_WAREHOUSE": str(self.path)}

    def run(self) -> bool:
        from orchestration.cli import run_pipeline

        with environment(**self.env):
            return run_pipeline()


@pytest.fixture()
def built_copy(tmp_path, seed_warehouse) -> BuiltWarehouse:
    """A private copy of the seed build (sources and published file) a test may change."""
    built = BuiltWarehouse(tmp_path)
    shutil.copytree(seed_warehouse.source, built.source)
    built.path.parent.mkdir(parents=True)
    shutil.copyfile(seed_warehouse.path, built.path)
    return built


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory) -> BuiltWarehouse:
    """The five seeds built once; tests read it (read-only) and must not change it."""
    built = BuiltWarehouse(tmp_path_factory.mktemp("seedwh"))
    shutil.copytree(SEEDS, built.source)
    assert built.run(), "building the seed warehouse failed"
    return built
