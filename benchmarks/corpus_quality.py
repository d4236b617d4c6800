"""Quality of people, turns and dates on the shared White House corpus (no gold labels needed).

    python -m benchmarks.corpus_quality [--sample N]

Measures what the issues ask of real documents: the share of labelled transcript turns
that get a person or a moderator/questioner kind; whether well-known people are one
person row each; whether label typos resolve; that no person's family name is a title
word; that every front-matter date becomes published_on (method metadata); and that
'yesterday'/'tomorrow' resolve against that date. Runs the pure extract library in a
process pool, so it needs no warehouse. tests/test_corpus_quality.py runs it on a sample.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tarfile
import tempfile
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from orchestration.extract import cleaning, docdates, events, people
from orchestration.extract.readers import RawFile, read_document, sha256_bytes
from orchestration.extract.records import LocalPerson, Person, PersonLink

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "wh-briefings-2021-2023.tar.gz"
TITLE_WORDS = {"secretary", "minister", "president", "ambassador", "senator", "governor", "mr", "ms", "dr"}
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tomorrow": 1}


class DocumentStats(NamedTuple):
    document_id: str
    labelled_turns: int
    attributed_turns: int  # a person, or a moderator/questioner/interpreter kind
    anonymous_official_turns: int
    typo_labels: list[tuple[str, str | None]]  # (label, local person key) for the typo forms we know of
    local_people: list[LocalPerson]
    front_matter_date: str | None
    published_on: str | None
    published_on_method: str
    relative_checks: int
    relative_errors: int


TYPO_LABELS = ("PRESIDEN BIDEN", "S. PSAKI", "MS PSAKI", "M. PSAKI")


def analyse_file(path: str, name: str) -> DocumentStats | None:
    """Run the library on one corpus file and keep only what the measures need."""
    data = Path(path).read_bytes()
    src = read_document(RawFile(name, path, len(data), sha256_bytes(data)), data, {})
    if not hasattr(src, "text"):
        return None
    clean = cleaning.clean_document(src)
    speakers = people.analyse_speakers(src.document_id, clean.clean_text, clean.kind, src.metadata)
    timing = events.analyse_time_and_events(
        src.document_id,
        clean.clean_text,
        clean.kind,
        src.metadata,
        speakers.utterances,
        speakers.sentences,
        speakers.local_people,
    )
    turns = [u for u in speakers.utterances if u.turn_index is not None]
    attributed = sum(
        1 for u in turns if u.local_person_key or u.speaker_kind in ("moderator", "questioner", "interpreter")
    )
    anonymous = sum(1 for u in turns if not u.local_person_key and u.speaker_kind == "official")
    typos = [(u.speaker_label, u.local_person_key) for u in turns if (u.speaker_label or "").upper() in TYPO_LABELS]
    # relative days count from the day the words were spoken: the publication day, or the day before for
    # a transcript published after its evening event (docdates.day_spoken)
    spoken = docdates.day_spoken(timing.document_date, clean.clean_text, src.metadata, clean.kind, events.HEADING_CHARS)
    anchor = spoken or timing.document_date.published_on
    checks = errors = 0
    for timex in timing.time_expressions:
        offset = RELATIVE_DAYS.get(timex.text.lower())
        if offset is None or anchor is None:
            continue
        checks += 1
        errors += timex.value != (anchor + dt.timedelta(days=offset)).isoformat()
    return DocumentStats(
        src.document_id,
        len(turns),
        attributed,
        anonymous,
        typos,
        speakers.local_people,
        str(src.metadata.get("date")) if src.metadata.get("date") else None,
        timing.document_date.published_on.isoformat() if timing.document_date.published_on else None,
        timing.document_date.published_on_method,
        checks,
        errors,
    )


def _analyse_chunk(items: list[tuple[str, str]]) -> list[DocumentStats | None]:
    return [analyse_file(path, name) for path, name in items]


def corpus_files(root: Path, sample: int | None, seed: int = 7) -> list[tuple[str, str]]:
    files = sorted(p for p in root.rglob("*.md"))
    if sample and sample < len(files):
        files = sorted(random.Random(seed).sample(files, sample))
    return [(str(p), p.relative_to(root).as_posix()) for p in files]


class QualityReport(NamedTuple):
    documents: int
    labelled_turns: int
    attributed_share: float
    attributed_or_anonymous_share: float
    people: list[Person]
    links: list[PersonLink]
    typo_resolutions: list[tuple[str, str | None]]  # (label, display name)
    title_word_family_names: list[str]
    dated_documents: int
    metadata_date_mismatches: int
    relative_checks: int
    relative_errors: int

    def people_named(self, family: str, given_prefix: str) -> list[Person]:
        """Person rows with this family name whose given name starts with the prefix (or is missing)."""
        return [
            p
            for p in self.people
            if (p.family_name or "").lower() == family.lower()
            and (not p.given_name or p.given_name.lower().startswith(given_prefix.lower()))
        ]


def measure(root: Path, sample: int | None = None, workers: int | None = None) -> QualityReport:
    items = corpus_files(root, sample)
    chunks = [items[i : i + 100] for i in range(0, len(items), 100)]
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count()) as pool:
        stats = [s for chunk in pool.map(_analyse_chunk, chunks) for s in chunk if s is not None]
    local_people = [p for s in stats for p in s.local_people]
    persons, links = people.resolve_people(local_people)
    by_local = {(link.document_id, link.local_person_key): link.person_id for link in links}
    display = {p.person_id: p.display_name for p in persons}
    typo_resolutions = [
        (label, display.get(by_local.get((s.document_id, key)))) for s in stats for label, key in s.typo_labels
    ]
    labelled = sum(s.labelled_turns for s in stats)
    attributed = sum(s.attributed_turns for s in stats)
    anonymous = sum(s.anonymous_official_turns for s in stats)
    dated = [s for s in stats if s.front_matter_date]
    return QualityReport(
        len(stats),
        labelled,
        attributed / labelled if labelled else 1.0,
        (attributed + anonymous) / labelled if labelled else 1.0,
        persons,
        links,
        typo_resolutions,
        sorted({p.family_name for p in persons if (p.family_name or "").lower().strip(".") in TITLE_WORDS}),
        len(dated),
        sum(
            1 for s in dated if not (s.published_on == s.front_matter_date[:10] and s.published_on_method == "metadata")
        ),
        sum(s.relative_checks for s in stats),
        sum(s.relative_errors for s in stats),
    )


def print_report(report: QualityReport) -> None:
    print(f"documents: {report.documents}; labelled turns: {report.labelled_turns}")
    print(f"turns with a person or moderator/questioner/interpreter kind: {report.attributed_share:.4f}")
    print(
        f"  counting unnamed officials (SENIOR ADMINISTRATION OFFICIAL ...) as right: "
        f"{report.attributed_or_anonymous_share:.4f}"
    )
    for family, given in (
        ("Psaki", "Jen"),
        ("Biden", "Jo"),
        ("Biden", "Jill"),
        ("Harris", "Kamala"),
        ("Kishida", "Fumio"),
    ):
        rows = report.people_named(family, given)
        print(f"  {given}* {family}: {len(rows)} row(s) {[p.display_name for p in rows]}")
    print(f"label typos: {Counter(report.typo_resolutions)}")
    print(f"person rows whose family name is a title word: {report.title_word_family_names}")
    print(
        f"documents with a front-matter date: {report.dated_documents}; published_on mismatches: "
        f"{report.metadata_date_mismatches}"
    )
    print(
        f"today/yesterday/tomorrow checked against the day spoken: {report.relative_checks}, "
        f"wrong: {report.relative_errors}"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sample", type=int)
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} is absent")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(CORPUS) as archive:
            archive.extractall(tmp, filter="data")
        print_report(measure(Path(tmp), args.sample))
    return 0


if __name__ == "__main__":
    sys.exit(main())
