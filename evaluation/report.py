"""The `make eval` table and EVAL.md: the latest run on top, a short history of earlier runs below."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

# Every figure score_gold.py prints, in its order, with a short column header.
METRICS = {
    "documents_found": "docs",
    "turn_accuracy": "turn",
    "interpreted_accuracy": "interp",
    "speaker_resolution": "speaker",
    "display_name_accuracy": "display",
    "person_country_accuracy": "country",
    "event_recall": "events",
    "commitment_recall": "c.recall",
    "commitment_precision": "c.prec",
    "negative_rejection": "c.reject",
    "modality_accuracy": "modality",
    "actor_accuracy": "actor",
    "commitments_extracted": "c.rows",
    "fact_status_accuracy": "facts",
    "quote_match_recall": "quotes",
    "evidence_reproducible": "evidence",
}
HISTORY_RUNS = 6  # earlier runs kept below the latest
RUN_MARK = "<!-- eval run -->"
HEADER = """# Quality: `make eval`

`make eval` builds a warehouse of each labelled set's documents with the pipeline `make run` uses,
scores it with `../shared/tools/score_gold.py` (as is), builds the whole shared corpus (9,182 White
House documents) with the seeds inside and scores every set there again, then runs the invariance
checks. It needs `../shared`; without it only the seed-sized invariance checks run.

Roles: **in-sample** — the rules were written against it; **dev** — read while changing rules
(the three shared `dev_*` sets, `wh_transcripts`, and `tests/data/labels/dev_*`); **held-out** —
`tests/data/labels/heldout_*`, labelled by helpers who never saw the output and not read by
anyone changing rules: the honest estimate on unseen documents. On 2026-12-07 a prototype printed
which labelled events it would find in every set, seven of `heldout_mixed`'s among them (no rule
names them, but its event figure is no longer fully unread); `heldout_france_2022` is unread.

Columns are the scorer's figures: docs `documents_found`, turn `turn_accuracy`, interp
`interpreted_accuracy`, speaker `speaker_resolution`, display `display_name_accuracy`, country
`person_country_accuracy`, events `event_recall`, c.recall `commitment_recall`, c.prec
`commitment_precision` (files labelled exhaustively), c.reject `negative_rejection`, modality
`modality_accuracy`, actor `actor_accuracy`, c.rows `commitments_extracted` (whole warehouse),
facts `fact_status_accuracy`, quotes `quote_match_recall`, evidence `evidence_reproducible`.
A blank cell: the set labels nothing that figure reads.
"""


@dataclass(frozen=True)
class Row:
    name: str
    role: str
    where: str  # alone | in corpus
    scores: dict


def _cell(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and value > 1 else f"{value:.3f}"


def table(rows: list[Row]) -> str:
    cols = [m for m in METRICS if any(m in r.scores for r in rows)]
    lines = ["| set | role | built | " + " | ".join(METRICS[m] for m in cols) + " |"]
    lines.append("|---|---|---|" + "---:|" * len(cols))
    for r in sorted(rows, key=lambda r: (r.name, r.where)):
        lines.append(f"| {r.name} | {r.role} | {r.where} | " + " | ".join(_cell(r.scores.get(m)) for m in cols) + " |")
    return "\n".join(lines)


def invariance_text(moved: list[str], lost: dict[str, list]) -> str:
    """One cell: which scores moved and how many answers about the set's documents changed."""
    parts = []
    if moved:
        parts.append("scores moved: " + ", ".join(moved))
    if lost:
        parts.append("answers changed: " + ", ".join(f"{k} {len(v)}" for k, v in lost.items()))
    return "; ".join(parts) or "identical"


def corpus_stats(path: Path) -> list[tuple[str, str]]:
    """Counts over the whole-corpus warehouse that the quality issues track."""
    queries = {
        "documents": "select count(*) from marts.dim_document",
        "person rows": "select count(*) from marts.dim_person",
        # heading-like: a gerund opening or a pronoun/preposition no name holds ('Protecting Our Farmers');
        # title-word: a title stored as a name ('Admiral', 'Judge'); both are heuristics, read the rows
        "person rows that read as headings": (
            "select count(*) from marts.dim_person where regexp_matches(display_name,"
            " '(^[A-Z][a-z]{2,}ing )|\\b(Our|Your|Their|For|To|With|From|Again|Up)\\b')"
        ),
        "person rows named by a title word": (
            "select count(*) from marts.dim_person where lower(family_name) in ('admiral', 'judge', 'major',"
            " 'congressman', 'congresswoman', 'secretary', 'minister', 'president', 'ambassador', 'senator',"
            " 'governor', 'general', 'chairman', 'mayor') or lower(given_name) in ('admiral', 'judge', 'major',"
            " 'congressman', 'congresswoman', 'senator', 'general')"
        ),
        "commitments": "select count(*) from marts.fct_commitment",
        "commitments with no actor": "select count(*) from marts.fct_commitment where actor is null or actor = ''",
        "events": "select count(*) from marts.dim_event",
        "facts corroborated": "select count(*) from marts.fct_fact_reconciliation where status = 'corroborated'",
        "facts conflicting": "select count(*) from marts.fct_fact_reconciliation where status = 'conflicting'",
    }
    with duckdb.connect(str(path), read_only=True) as con:
        return [(k, f"{con.execute(q).fetchone()[0]:,}") for k, q in queries.items()]


def render(*, when, commit, rows, invariance, corpus_stats, skipped, minutes) -> str:
    out = [RUN_MARK, f"## {when} at {commit} ({minutes:.1f} min)", ""]
    if rows:
        out += [table(rows), ""]
    if invariance:
        out += ["| invariance check | result |", "|---|---|"]
        out += [f"| {name} | {result} |" for name, result in invariance]
        out.append("")
    if corpus_stats:
        out += ["Whole shared corpus with the seeds: " + "; ".join(f"{k} {v}" for k, v in corpus_stats), ""]
    for item in skipped:
        out.append(f"Skipped: {item}.")
    return "\n".join(out).rstrip() + "\n"


def write_eval_md(path: Path, latest: str) -> None:
    """Put the run on top; earlier runs move below it, the oldest beyond HISTORY_RUNS dropped."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    runs = [RUN_MARK + r for r in old.split(RUN_MARK)[1:]]
    runs = [re.sub(r"\n## History\s*$", "", r.rstrip()) + "\n" for r in runs][:HISTORY_RUNS]
    body = HEADER + "\n" + latest
    if runs:
        body += "\n## History\n\n" + "\n".join(runs)
    path.write_text(body, encoding="utf-8")
