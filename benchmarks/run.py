"""`make bench`: the pipeline on the shared White House corpus, cold, half, and +1 document.

Each figure is the median of three runs of `python -m orchestration.cli run` in a fresh
process, with the whole process tree's peak resident memory sampled from /proc. Rows are
appended to BENCHMARKS.md with the machine, date and commit, so figures stay auditable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import timeit
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpora" / "wh-briefings-2021-2023.tar.gz"
RESULTS = PROJECT / "BENCHMARKS.md"
RUNS = int(os.environ.get("READOUT_BENCH_RUNS", "3"))


def tree_rss_bytes(root_pid: int) -> int:
    """Resident memory of a process and all its descendants (workers, dbt)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(child for child, parent in parents.items() if parent == pid)
    return total


def timed_run(source: Path, warehouse: Path) -> dict[str, float]:
    """One pipeline run in a fresh process: wall seconds, peak tree memory, per-stage seconds."""
    timings = warehouse.parent / "timings.json"
    env = {
        **os.environ,
        "READOUT_SOURCE_DIR": str(source),
        "READOUT_WAREHOUSE": str(warehouse),
        "READOUT_TIMINGS_FILE": str(timings),
    }
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", "run"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    peak = 0
    done = threading.Event()
    output: list[str] = []
    reader = threading.Thread(target=lambda: (output.extend(proc.stdout), done.set()), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, tree_rss_bytes(proc.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    done.wait(10)
    if proc.returncode != 0:
        sys.stdout.write("".join(output[-40:]))
        raise SystemExit(f"pipeline run failed with exit code {proc.returncode}")
    stages = json.loads(timings.read_text())
    return {"wall_s": wall, "peak_mb": peak / 2**20, **stages, **extract_phases(warehouse)}


def extract_phases(warehouse: Path) -> dict[str, float]:
    """The extract step's own split, from its run log: parsing (pool and writer) and the corpus step."""
    import duckdb

    with duckdb.connect(str(warehouse), read_only=True) as con:
        parse, corpus = con.execute(
            "select parse_seconds, corpus_seconds from staging.extract_runs order by started_at desc limit 1"
        ).fetchone()
    return {"extract_parse": parse, "extract_corpus": corpus}


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def machine(speed_ms: float | None = None) -> str:
    with open("/proc/meminfo") as handle:
        mem = next(line for line in handle if line.startswith("MemTotal")).split()[1]
    speed = f", speed probe {speed_ms:.1f} ms" if speed_ms else ""
    return f"{os.cpu_count()} cores, {int(mem) / 2**20:.0f} GiB{speed}"


SPEED_PROBE = """
import re
words = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)*")
text = "Secretary Blinken met Foreign Minister Kamikawa in Tokyo on Sunday. " * 400
counts = {}
for _ in range(20):
    for match in words.finditer(text):
        counts[match.group()] = counts.get(match.group(), 0) + 1
"""


def machine_speed_ms() -> float:
    """Milliseconds for a fixed one-core regex and dict workload like the extract library's (median of 5).

    This machine's speed drifts by up to ~25% within a day on identical code, so each row
    carries the probe measured around its runs: compare rows by it, not by date alone.
    """
    return statistics.median(timeit.repeat(SPEED_PROBE, number=1, repeat=5)) * 1000


def commit() -> str:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT, capture_output=True, text=True
    ).stdout.strip()
    return result.stdout.strip() + ("+dirty" if dirty else "")


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def copy_subset(files: list[Path], root: Path, target: Path) -> None:
    for path in files:
        dest = target / path.relative_to(root)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


def scenario(name: str, runs: int, prepare, source: Path, workdir: Path) -> dict[str, float]:
    """Median of `runs` runs; `prepare(i, warehouse)` sets up each run (cold or incremental)."""
    results = []
    for i in range(runs):
        warehouse = workdir / f"{name}-{i}" / "warehouse.duckdb"
        warehouse.parent.mkdir(parents=True)
        prepare(i, warehouse)
        results.append(timed_run(source, warehouse))
        print(f"  {name} run {i + 1}: " + ", ".join(f"{k}={v:.1f}" for k, v in results[-1].items()), flush=True)
        shutil.rmtree(warehouse.parent)
    return median_of(results)


def main() -> int:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent (the shared corpus is only on developer and CI machines)")
        return 0
    with tempfile.TemporaryDirectory(prefix="readout-bench-") as tmp:
        tmp_path = Path(tmp)
        with tarfile.open(CORPUS) as archive:
            archive.extractall(tmp_path / "corpus", filter="data")
        root = tmp_path / "corpus"
        files = corpus_files(root)
        text_mb = sum(p.stat().st_size for p in files) / 1e6
        print(f"corpus: {len(files)} files, {text_mb:.0f} MB", flush=True)
        speed_before = machine_speed_ms()
        full, half, extra = tmp_path / "full", tmp_path / "half", files[-1]
        copy_subset(files, root, full)
        copy_subset(files[: len(files) // 2], root, half)
        work = tmp_path / "work"
        work.mkdir()

        def cold(_i, _warehouse):
            return None

        rows = {
            "cold_full": scenario("cold_full", RUNS, cold, full, work),
            "cold_half": scenario("cold_half", RUNS, cold, half, work),
        }

        base = tmp_path / "base" / "warehouse.duckdb"
        base.parent.mkdir()
        missing_one = tmp_path / "minus_one"
        copy_subset([f for f in files if f != extra], root, missing_one)
        timed_run(missing_one, base)
        copy_subset([extra], root, missing_one)

        def from_base(_i, warehouse):
            shutil.copyfile(base, warehouse)

        rows["incremental_plus_one"] = scenario("incremental_plus_one", RUNS, from_base, missing_one, work)
        parsed = parsed_in_last_run(work, base, missing_one)
        rows["incremental_plus_one"]["parsed_documents"] = parsed

        speed = (speed_before + machine_speed_ms()) / 2
    docs_per_s = len(files) / rows["cold_full"].get("extract_documents", float("nan"))
    parse_per_s = len(files) / rows["cold_full"]["extract_parse"]
    ratio = rows["cold_full"]["wall_s"] / rows["cold_half"]["wall_s"]
    write_results(rows, len(files), text_mb, (docs_per_s, parse_per_s), ratio, speed)
    return 0


def parsed_in_last_run(work: Path, base: Path, source: Path) -> int:
    """Run +1 once more and read how many documents the extract step parsed."""
    import duckdb

    warehouse = work / "check" / "warehouse.duckdb"
    warehouse.parent.mkdir()
    shutil.copyfile(base, warehouse)
    timed_run(source, warehouse)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select parsed_documents from staging.extract_runs order by started_at desc").fetchone()[0]


RUN_MARK = "<!-- bench run -->"
HISTORY_RUNS = 5  # earlier runs kept below the latest; older ones: docs/benchmarks_history.md
INTRO = """# Benchmarks

Written by `make bench` (benchmarks/run.py) on the shared White House corpus: the latest run on
top, a few earlier ones below (older: docs/benchmarks_history.md). Each row is the median of the
stated number of runs. This machine's speed swings about 2x between periods: the speed probe
(one core reading the corpus and running one regex over it) in the machine column says which
period a row comes from; compare rows of one period, or A/B in one period.
"""


def write_latest_first(path: Path, block: str) -> None:
    """Put this run's table on top; earlier runs move below it, the oldest beyond HISTORY_RUNS dropped."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    runs = [RUN_MARK + r.replace("\n## History\n", "\n").rstrip() + "\n" for r in old.split(RUN_MARK)[1:]]
    body = INTRO + "\n" + block
    if runs:
        body += "\n## History\n\n" + "\n".join(runs[:HISTORY_RUNS])
    path.write_text(body, encoding="utf-8")


def write_results(
    rows: dict, files: int, text_mb: float, docs_per_s: tuple[float, float], ratio: float, speed_ms: float
) -> None:
    """Write the rows as the latest table; throughput is the whole extract step's and, apart, its parsing phase's."""
    today, sha, box = dt.date.today().isoformat(), commit(), machine(speed_ms)
    lines = []
    for name, row in rows.items():
        stages = ", ".join(
            f"{k}={v:.1f}s" for k, v in row.items() if k not in ("wall_s", "peak_mb", "parsed_documents")
        )
        extra = f", parsed={row['parsed_documents']}" if "parsed_documents" in row else ""
        lines.append(
            f"| {name} | {row['wall_s']:.1f} s | {row['peak_mb']:.0f} MB | {stages}{extra} | {RUNS} | "
            f"{box} | {today} | {sha} |"
        )
    step, parsing = docs_per_s
    lines.append(
        f"| extract_throughput_full | {step:,.0f} docs/s | | {files} files, {text_mb:.0f} MB; whole extract step "
        f"(parse + corpus step) | {RUNS} | {box} | {today} | {sha} |"
    )
    lines.append(
        f"| parse_throughput_full | {parsing:,.0f} docs/s | | {files} files; parsing phase alone (read, pool, "
        f"write) | {RUNS} | {box} | {today} | {sha} |"
    )
    lines.append(
        f"| full_over_half_wall | {ratio:.2f}x | | linearity (target <= 2.2x) | {RUNS} | {box} | {today} | {sha} |"
    )
    header = (
        "| figure | median wall | peak RSS (tree) | stages (median s) | runs | machine | date | commit |\n"
        "|---|---|---|---|---|---|---|---|\n"
    )
    write_latest_first(RESULTS, f"{RUN_MARK}\n## {today} at {sha}\n\n" + header + "\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
