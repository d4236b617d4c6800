"""Progress for long runs: a terminal bar for people, periodic log lines for Dagster's event log."""

import sys
import time
from collections.abc import Callable

from tqdm import tqdm


class Progress:
    """Documents done / total with rate, shown as a tqdm bar on a TTY and logged every few seconds."""

    def __init__(self, log: Callable[[str], None], label: str, every_seconds: float = 5.0) -> None:
        self._log = log
        self._label = label
        self._every = every_seconds
        self._started = time.perf_counter()
        self._last_log = 0.0
        self._bar: tqdm | None = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = tqdm(
                total=total, unit="doc", desc=self._label, file=sys.stderr, disable=not sys.stderr.isatty()
            )
        self._bar.update(done - self._bar.n)
        now = time.perf_counter()
        if now - self._last_log >= self._every or done == total:
            elapsed = now - self._started
            rate = done / elapsed if elapsed else 0.0
            self._log(f"{self._label}: {done}/{total} documents, {rate:,.0f} docs/s")
            self._last_log = now

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
