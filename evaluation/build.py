"""Build a warehouse from a folder, in this process, with the same job `make run` executes.

Used by `make eval` (many small warehouses and one of the whole shared corpus) and by the
test fixtures, so every measurement goes through the pipeline a user runs.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SEEDS = PROJECT / "seeds"
CORPUS = SHARED / "corpora" / "wh-briefings-2021-2023.tar.gz"


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set READOUT_* variables for a block and restore them after (fixtures cannot use monkeypatch)."""
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


class BuiltWarehouse:
    """A source folder and the warehouse `make run` publishes from it."""

    def __init__(self, root: Path) -> None:
        self.source = root / "source"
        self.path = root / "warehouse" / "warehouse.duckdb"
        self.env = {"READOUT_SOURCE_DIR": str(self.source), "READOUT_WAREHOUSE": str(self.path)}

    def run(self, log: Path | None = None) -> bool:
        """Run the whole job on the folder; True when every step succeeded.

        With ``log``, everything the run prints (Dagster's and dbt's lines, also from child
        processes) goes to that file instead of the terminal.
        """
        from orchestration.cli import run_pipeline

        with environment(**self.env), _output_to(log):
            return run_pipeline()


@contextlib.contextmanager
def _output_to(log: Path | None) -> Iterator[None]:
    """Point file descriptors 1 and 2 at a file for a block (what redirect_stdout cannot catch)."""
    if log is None:
        yield
        return
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with open(log, "ab") as sink:
        os.dup2(sink.fileno(), 1)
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def extract_corpus(into: Path, wanted: Iterable[str] | None = None, archive: Path = CORPUS) -> list[str]:
    """Copy documents of the shared corpus into a folder; returns the relative names written.

    The whole corpus keeps its folders (a few base names occur in two folders). Wanted files
    (the base names a gold file lists) are written flat under their base names, the first
    copy of each, as a user would collect one meeting's documents in a folder.
    """
    want = None if wanted is None else set(wanted)
    into.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    with tarfile.open(archive) as tar:
        for member in tar:
            name = Path(member.name).name
            if not member.isfile() or not name.endswith(".md"):
                continue
            if want is None:
                relative = Path(*Path(member.name).parts[1:])  # below the archive's top folder
            elif name in want and name not in written:
                relative = Path(name)
            else:
                continue
            target = into / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())
            written.append(str(relative))
    return written
