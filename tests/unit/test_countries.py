"""Countries: the hand table first, then every ISO country with its names and demonym from the libraries."""

from pathlib import Path

import pytest

from orchestration.extract import countries
from orchestration.extract.names import lexicon
from orchestration.extract.people import analyse_speakers

SEEDS = Path(countries.__file__).parents[2] / "dbt_project" / "seeds"


def _code_of() -> dict[str, str]:
    return {alias: row.country_code for row in countries.country_rows() for alias in row.aliases}


def test_every_iso_country_has_a_row_and_its_official_name_and_demonym():
    code_of = _code_of()
    assert len({row.country_code for row in countries.country_rows()}) >= 195  # states; territories name theirs
    assert code_of["Republic of India"] == "IN"
    assert code_of["Zambian"] == "ZM" and code_of["Republic of Zambia"] == "ZM"
    assert code_of["Federative Republic of Brazil"] == "BR"


def test_the_hand_table_wins_and_codes_and_shared_or_ignored_names_are_not_taken():
    code_of = _code_of()
    assert code_of["Korean"] == "KR"  # the hand table's; the libraries also know 'Korean' for KP
    assert code_of["Chinese"] == "CN"  # not Hong Kong's or Macao's
    assert "Congolese" not in code_of  # two Congos: unknown beats a guess
    assert "Georgia" not in code_of and "Chad" not in code_of  # ref_country_aliases_ignored.csv
    assert "IND" not in code_of and "ZM" not in code_of


def test_a_territorys_names_name_its_sovereign():
    code_of = _code_of()
    assert code_of["Guam"] == "US" and code_of["Bermudian"] == "GB"
    assert "GU" not in {row.country_code for row in countries.country_rows()}


def test_an_ignored_alias_is_read_from_the_editable_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for path in SEEDS.glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with open(tmp_path / "ref_country_aliases_ignored.csv", "a", encoding="utf-8") as handle:
        handle.write("Zambian,an invented reason\n")
    monkeypatch.setenv("READOUT_REFERENCE_DIR", str(tmp_path))
    assert "Zambian" not in _code_of()
    monkeypatch.delenv("READOUT_REFERENCE_DIR")
    assert _code_of()["Zambian"] == "ZM"


def test_a_title_qualified_by_an_official_country_name_gives_the_country():
    lexicon.cache_clear()
    text = "Remarks by President Doe and Prime Minister Quarrel of the Republic of India. Prime Minister Quarrel spoke."
    people = {p.family_name: p for p in analyse_speakers("d", text, "remarks", {}).local_people}
    assert people["Quarrel"].country == "IN"


def test_the_publishers_own_office_holders_take_its_country_and_others_do_not():
    text = (
        "Secretary Quillfeather met Foreign Minister Amberlane of Ruritania and President Marchbank. "
        "Secretary Quillfeather and Foreign Minister Amberlane spoke."
    )
    analysis = analyse_speakers("d", text.replace("Ruritania", "Zambia"), "readout", {}, publisher_country="US")
    people = {p.family_name: p for p in analysis.local_people}
    assert people["Quillfeather"].country == "US"  # a bare 'Secretary' in a U.S. government text
    assert people["Amberlane"].country == "ZM"  # printed
    assert people["Marchbank"].country is None  # every government has a President: unknown
    unknown = {p.family_name: p for p in analyse_speakers("d", text, "readout", {}).local_people}
    assert unknown["Quillfeather"].country is None  # nobody's own document: unknown
