"""The dbt step's link to a run's build copy is held by one run at a time (concurrent runs once
re-pointed each other's link and published marts dbt never rebuilt)."""

import threading
import time

from orchestration.defs.dbt import linked_build


def test_a_second_run_waits_for_the_first_runs_link(tmp_path, monkeypatch):
    monkeypatch.setenv("READOUT_WAREHOUSE", str(tmp_path / "published" / "warehouse.duckdb"))
    first, second = tmp_path / "run1.duckdb", tmp_path / "run2.duckdb"
    first.touch()
    second.touch()
    seen: list[tuple[str, str]] = []
    waited: list[str] = []

    def later_run() -> None:
        with linked_build(tmp_path, second, waited.append) as relative:
            seen.append(("run2", str((tmp_path / relative).resolve())))

    with linked_build(tmp_path, first, waited.append) as relative:
        thread = threading.Thread(target=later_run)
        thread.start()
        time.sleep(0.3)
        seen.append(("run1", str((tmp_path / relative).resolve())))  # still ours while we hold it
    thread.join(timeout=10)
    assert seen == [("run1", str(first)), ("run2", str(second))]
    assert waited and "waiting for another run" in waited[0]
    assert not (tmp_path / relative).exists()  # the link is gone once both are done
