"""The labelled sets `make eval` scores, where their documents come from, and how far to trust them.

A set is one gold file in the shared scorer's format. Its role says what a score on it means:
in-sample (the rules were written against it), dev (read while changing rules) or held-out
(scored only; nobody changing rules reads it). The role comes from the file's name, so adding
a set is adding a file: ``tests/data/labels/dev_<name>.yml`` or ``heldout_<name>.yml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from evaluation.build import PROJECT, SHARED

LABELS = PROJECT / "tests" / "data" / "labels"
TRANSCRIPTS = PROJECT / "tests" / "data" / "wh_transcripts_gold.yml"


@dataclass(frozen=True)
class GoldSet:
    name: str
    path: Path
    role: str  # in-sample | dev | held-out
    source: str  # seeds (the project's seeds/) | corpus (the shared White House corpus)
    files: tuple[str, ...]  # base names of the documents the set labels


def _files(gold: dict) -> tuple[str, ...]:
    """Every document a gold file names: its documents, turns and commitment files."""
    names = [d["file"] for d in gold.get("documents") or []]
    names += list(gold.get("turns") or {})
    names += list(gold.get("exhaustive_commitments") or [])
    for section in ("commitments", "not_commitments", "borderline"):
        names += [c["file"] for c in gold.get(section) or []]
    return tuple(dict.fromkeys(n for n in names if n))


def _role(path: Path) -> str:
    if path.name.startswith("heldout_"):
        return "held-out"
    if path.name == "seed_corpus.yml":
        return "in-sample"
    return "dev"


def discover() -> list[GoldSet]:
    """The sets present here: the shared seed and dev golds (when ../shared exists) and the project's labels."""
    paths: list[Path] = []
    if (SHARED / "gold").is_dir():
        paths.append(SHARED / "gold" / "seed_corpus.yml")
        paths += sorted((SHARED / "gold").glob("dev_*.yml"))
    paths.append(TRANSCRIPTS)
    paths += sorted(LABELS.glob("*.yml"))
    sets = []
    for path in paths:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        name = path.stem.removeprefix("dev_").removesuffix("_gold")
        source = "seeds" if path.name == "seed_corpus.yml" else "corpus"
        sets.append(GoldSet(name=name, path=path, role=_role(path), source=source, files=_files(gold)))
    return sets
