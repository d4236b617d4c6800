"""Seed transcripts: speaker turn order against the hand-labelled gold file (needs ../shared)."""

from pathlib import Path

import pytest

from orchestration.extract.cleaning import clean_document
from orchestration.extract.people import analyse_speakers, resolve_people
from orchestration.extract.records import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "seed_corpus.yml"


def _gold() -> dict:
    if not GOLD.exists():
        pytest.skip("../shared/gold/seed_corpus.yml is not available")
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def _analyse_all() -> dict:
    out = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        source = SourceDocument(path.stem[:3], path.name, "txt", path.read_text(encoding="utf-8"), {})
        clean = clean_document(source)
        out[path.name] = (clean, analyse_speakers(source.document_id, clean.clean_text, clean.kind, {}))
    return out


def _speaker_sequence(analysis, people_by_key) -> list[str]:
    out = []
    for u in analysis.utterances:
        if u.turn_index is None:
            continue
        family = people_by_key.get((u.document_id, u.local_person_key))
        out.append(family.lower() if family else {"official": "anonymous"}.get(u.speaker_kind, u.speaker_kind))
    return out


@pytest.mark.parametrize("file_name", ["002_305239ece612187e.txt", "004_89f3eab6af172ecf.txt"])
def test_turn_order_matches_gold(file_name):
    gold = _gold()["turns"][file_name]
    analysed = _analyse_all()
    people, links = resolve_people(p for _, a in analysed.values() for p in a.local_people)
    family = {p.person_id: p.family_name for p in people}
    by_key = {(link.document_id, link.local_person_key): family[link.person_id] for link in links}
    _, analysis = analysed[file_name]
    assert _speaker_sequence(analysis, by_key) == [s.lower() for s in gold["speakers"]]
    interpreted = [u.turn_index for u in analysis.utterances if u.turn_index and u.is_interpreted]
    assert interpreted == gold["interpreted"]


def test_document_kinds_and_titles_match_gold():
    documents = {d["file"]: d for d in _gold()["documents"]}
    for file_name, (clean, _) in _analyse_all().items():
        expected = documents[file_name]
        assert clean.kind == expected["kind"], file_name
        if "title" in expected:
            assert clean.title == expected["title"], file_name
        if expected.get("republished_from"):
            assert clean.republished_from == expected["republished_from"]
