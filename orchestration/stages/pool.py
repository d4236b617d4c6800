"""Worker processes for ingest and extract, started fresh rather than forked.

A forked worker inherits the whole Dagster process (Dagster, dbt-core, the DuckDB
connection's buffers: ~490 MB resident each, measured on the corpus), and every page
it touches is counted again in the process tree's memory. A spawned worker imports only
the extract library (~0.4 s) and stays near 100 MB, so two workers cost what one used to.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor


def process_pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """A pool of ``workers`` freshly spawned interpreters."""
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer
    )
