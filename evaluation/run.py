"""`make eval`: every labelled set scored alone and inside the whole shared corpus, plus invariance.

    python -m evaluation.run [--sets seed_corpus,camp_david_2023] [--no-corpus] [--no-metamorphic]
                             [--no-write] [--workdir DIR] [--keep]

For each gold set it builds a warehouse of that set's documents with the pipeline `make run`
executes, and scores it with ../shared/tools/score_gold.py (used as is). It then builds one
warehouse of the whole shared corpus with the seeds inside, scores every set again there, and
compares: a set must score alike alone and among 9,000 unrelated documents, and the answers
about its documents must not change. The seed-sized metamorphic checks (evaluation/metamorphic.py)
run too. The table goes to stdout and to EVAL.md (latest run on top, a short history below).
Without ../shared only what needs nothing from it runs (the metamorphic checks), and it says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from evaluation import metamorphic, report
from evaluation.build import CORPUS, PROJECT, SEEDS, SHARED, BuiltWarehouse, extract_corpus
from evaluation.goldsets import GoldSet, discover
from evaluation.invariance import changed_answers, document_answers

SCORER = SHARED / "tools" / "score_gold.py"
# Counts over the whole warehouse, not qualities of a set: they differ alone and in the corpus by design.
NOT_COMPARED = {"commitments_extracted"}


def score(gold: GoldSet, warehouse: Path) -> dict[str, float]:
    """The shared scorer's figures for one gold file against one warehouse."""
    result = subprocess.run(
        [sys.executable, str(SCORER), "--warehouse", str(warehouse), "--gold", str(gold.path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"score_gold.py failed on {gold.name}: {result.stderr.strip()[-400:]}")
    return json.loads(result.stdout.splitlines()[-1])


def build_set(gold: GoldSet, root: Path) -> Path:
    """A warehouse of one set's documents: the seeds folder, or its files from the shared corpus."""
    built = BuiltWarehouse(root)
    if gold.source == "seeds":
        shutil.copytree(SEEDS, built.source)
    else:
        written = {Path(n).name for n in extract_corpus(built.source, gold.files)}
        missing = sorted(set(gold.files) - written)
        if missing:
            raise RuntimeError(f"{gold.name}: {len(missing)} labelled files are not in the corpus: {missing[:3]}")
    if not built.run(log=root / "build.log"):
        raise RuntimeError(f"building the {gold.name} warehouse failed: see {root / 'build.log'} (--keep keeps it)")
    return built.path


def build_corpus(root: Path) -> Path:
    """The whole shared corpus with the seeds inside (under seeds/), as one folder."""
    built = BuiltWarehouse(root)
    extract_corpus(built.source)
    shutil.copytree(SEEDS, built.source / "seeds")
    if not built.run(log=root / "build.log"):
        raise RuntimeError(f"building the whole-corpus warehouse failed: see {root / 'build.log'} (--keep keeps it)")
    return built.path


def commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True).stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("+dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", help="comma-separated set names (default: all)")
    ap.add_argument("--no-corpus", action="store_true", help="skip the whole-corpus build and its comparisons")
    ap.add_argument("--no-metamorphic", action="store_true", help="skip the seed-sized metamorphic checks")
    ap.add_argument("--no-write", action="store_true", help="print only; leave EVAL.md as it is")
    ap.add_argument("--workdir", type=Path, help="build here instead of a temporary folder")
    ap.add_argument("--keep", action="store_true", help="keep the built warehouses")
    args = ap.parse_args(argv)
    started = time.monotonic()
    skipped: list[str] = []
    have_shared = SCORER.exists() and CORPUS.exists()
    sets = discover() if have_shared else []
    if not have_shared:
        skipped.append(f"every labelled set: {SHARED} (the scorer, seed gold and corpus) is absent")
    if args.sets:
        wanted = set(args.sets.split(","))
        sets = [s for s in sets if s.name in wanted]
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="readout-eval-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[report.Row] = []
    alone: dict[str, dict] = {}
    try:
        for gold in sets:
            t = time.monotonic()
            path = build_set(gold, workdir / f"set-{gold.name}")
            alone[gold.name] = {"path": path, "scores": score(gold, path)}
            rows.append(report.Row(gold.name, gold.role, "alone", alone[gold.name]["scores"]))
            print(f"[eval] {gold.name}: built and scored alone in {time.monotonic() - t:.0f} s", flush=True)
        invariance: list[tuple[str, str]] = []
        if sets and not args.no_corpus:
            t = time.monotonic()
            corpus = build_corpus(workdir / "corpus")
            print(f"[eval] whole corpus + seeds built in {time.monotonic() - t:.0f} s", flush=True)
            for gold in sets:
                scores = score(gold, corpus)
                rows.append(report.Row(gold.name, gold.role, "in corpus", scores))
                before = alone[gold.name]["scores"]
                moved = sorted(k for k in before if k not in NOT_COMPARED and before.get(k) != scores.get(k))
                names = set(gold.files) if gold.source == "corpus" else {p.name for p in SEEDS.iterdir()}
                lost = changed_answers(
                    document_answers(alone[gold.name]["path"], names), document_answers(corpus, names)
                )
                check = f"{gold.name} alone vs inside the whole corpus"
                invariance.append((check, report.invariance_text(moved, lost)))
            corpus_stats = report.corpus_stats(corpus)
        else:
            corpus_stats = None
            if sets:
                skipped.append("the whole-corpus build (--no-corpus)")
        if not args.no_metamorphic:
            baseline = (
                alone["seed_corpus"]["path"]
                if "seed_corpus" in alone
                else build_set(GoldSet("seeds", SEEDS, "in-sample", "seeds", ()), workdir / "seeds")
            )
            for check in metamorphic.CHECKS:
                outcome = check(baseline, workdir / f"meta-{check.__name__}")
                invariance.append((outcome.check, outcome.summary()))
                print(f"[eval] {outcome.check}: {outcome.summary()}", flush=True)
        minutes = (time.monotonic() - started) / 60
        text = report.render(
            when=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            commit=commit(),
            rows=rows,
            invariance=invariance,
            corpus_stats=corpus_stats,
            skipped=skipped,
            minutes=minutes,
        )
        print(text)
        if not args.no_write:
            report.write_eval_md(PROJECT / "EVAL.md", text)
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
