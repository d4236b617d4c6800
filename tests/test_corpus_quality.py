"""Generality on real documents: the shared White House corpus, a fixed sample (full run: make bench)."""

import tarfile

import pytest

from benchmarks import corpus_quality
from tests.conftest import shared_or_skip


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    corpus = shared_or_skip("corpora", "wh-briefings-2021-2023.tar.gz")
    root = tmp_path_factory.mktemp("wh")
    with tarfile.open(corpus) as archive:
        archive.extractall(root, filter="data")
    return corpus_quality.measure(root, sample=400)


def test_labelled_turns_get_a_speaker(report):
    assert report.labelled_turns > 1000
    assert report.attributed_or_anonymous_share >= 0.95


@pytest.mark.parametrize(
    ("family", "given"),
    [("Psaki", "Jen"), ("Biden", "Jo"), ("Biden", "Jill"), ("Harris", "Kamala"), ("Kishida", "Fumio")],
)
def test_well_known_people_are_never_split(report, family, given):
    assert len(report.people_named(family, given)) <= 1


def test_the_bidens_are_different_people(report):
    rows = {p.display_name for p in report.people if (p.family_name or "").lower() == "biden"}
    assert any("Jill" in name for name in rows) and any(name.startswith("Jo") for name in rows)


def test_no_family_name_is_a_title_word(report):
    assert report.title_word_family_names == []


def test_front_matter_dates_become_published_on(report):
    assert report.dated_documents == report.documents
    assert report.metadata_date_mismatches == 0


def test_relative_days_resolve_against_the_day_spoken(report):
    assert report.relative_checks > 100
    assert report.relative_errors == 0
