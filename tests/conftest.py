"""Shared fixtures: a warehouse built once per session from a copy of seeds/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluation.build import PROJECT, SEEDS, SHARED, BuiltWarehouse, environment

__all__ = ["PROJECT", "SEEDS", "SHARED", "BuiltWarehouse", "environment", "shared_or_skip"]


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip: a user's clone has no ../shared, CI does."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"{path} is absent (only CI and developers have ../shared; put the shared folder beside the"
            " project, as ../shared, to run this check)"
        )
    return path


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
