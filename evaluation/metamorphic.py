"""Seed-sized invariance checks, cheap enough for `make test` (each builds the seeds once more).

- shuffled: the seeds under other file names, listed in another order: identical marts, ids aside;
- copied: a verbatim copy of a seed under another name: no fact changes status or gains an
  independent source, no quote gains an independent origin;
- other occurrences: two invented documents about other "2+2" meetings (another date, place,
  parties): no answer about the seed documents changes (events, dates, places, participants,
  people, commitments, facts, quotes).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.build import PROJECT, SEEDS, BuiltWarehouse
from evaluation.invariance import changed_answers, diff_rows, document_answers, mart_rows

INVENTED = PROJECT / "tests" / "data" / "invariance"
COPIED_SEED = "004_89f3eab6af172ecf.txt"  # the transcript: its quotes and facts are the ones a copy could inflate


@dataclass
class Outcome:
    check: str
    passed: bool
    changes: dict = field(default_factory=dict)

    def summary(self) -> str:
        if self.passed:
            return "identical"
        return "; ".join(f"{k}: {v if isinstance(v, tuple) else len(v)}" for k, v in self.changes.items())


def _seed_names() -> set[str]:
    return {p.name for p in SEEDS.iterdir() if p.is_file()}


def _build(root: Path, fill: Callable[[Path], None]) -> Path:
    built = BuiltWarehouse(root)
    built.source.mkdir(parents=True)
    fill(built.source)
    if not built.run(log=root / "build.log"):
        raise RuntimeError(f"the build in {root} failed")
    return built.path


def shuffled(baseline: Path, root: Path) -> Outcome:
    """Seeds renamed (in reverse order of their names) build the same marts, ids and names aside."""

    def fill(source: Path) -> None:
        for i, path in enumerate(sorted(SEEDS.iterdir(), reverse=True)):
            shutil.copyfile(path, source / f"doc_{i:02d}{path.suffix}")

    changes = diff_rows(mart_rows(baseline), mart_rows(_build(root, fill)))
    return Outcome("file names and order shuffled: identical marts", not changes, changes)


def copied(baseline: Path, root: Path) -> Outcome:
    """A verbatim copy under another name adds no independent source to any fact or quote."""

    def fill(source: Path) -> None:
        shutil.copytree(SEEDS, source, dirs_exist_ok=True)
        shutil.copyfile(SEEDS / COPIED_SEED, source / "zz_verbatim_copy.txt")

    before = document_answers(baseline, _seed_names())
    after = document_answers(_build(root, fill), _seed_names())
    changes = {k: v for k, v in changed_answers(before, after).items() if k in ("facts", "quotes")}
    return Outcome("verbatim copy added: facts and quotes unchanged", not changes, changes)


def other_occurrences(baseline: Path, root: Path) -> Outcome:
    """Documents about other occurrences of the same kind of meeting change no seed answer."""

    def fill(source: Path) -> None:
        shutil.copytree(SEEDS, source, dirs_exist_ok=True)
        for path in INVENTED.glob("*.txt"):
            shutil.copyfile(path, source / path.name)

    after = document_answers(_build(root, fill), _seed_names())
    changes = changed_answers(document_answers(baseline, _seed_names()), after)
    return Outcome("other occurrences of the meeting added: seed answers unchanged", not changes, changes)


CHECKS = (shuffled, copied, other_occurrences)
