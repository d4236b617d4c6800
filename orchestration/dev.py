"""`make dev`: the Dagster UI on 127.0.0.1 with signals that actually stop it.

A process started with `&` from a script inherits SIGINT ignored, and a shell cannot
un-ignore it; `dagster dev` then survives Ctrl-C/kill -INT. Resetting the handlers to
their defaults in Python and exec'ing keeps one process that stops when asked.
"""

import os
import signal
import sys
from pathlib import Path

from orchestration.config import PROJECT_ROOT


def main() -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    os.environ.setdefault("DAGSTER_HOME", str(PROJECT_ROOT / ".dagster_home"))
    dagster = str(Path(sys.executable).parent / "dagster")
    port = os.environ.get("READOUT_DEV_PORT", "3000")
    os.execv(dagster, [dagster, "dev", "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", port])


if __name__ == "__main__":
    main()
