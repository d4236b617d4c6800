"""Facts about named things (claims.py): each cue kind, the subject read around it, and what is refused."""

from __future__ import annotations

from orchestration.extract.claims import EntityClaim, find_entity_claims, subject_key
from orchestration.extract.records import TimeExpression
from tests.unit.invented import lay_out


def claims(sentences: list[str], timex=()) -> list[EntityClaim]:
    """Claims of a one-narration document; timex as (text, kind, value, precision) found in it."""
    text, utterances, laid = lay_out("d", [("narrator", None, sentences)])
    expressions = []
    for i, (needle, kind, value, precision) in enumerate(timex, start=1):
        s = text.index(needle)
        expressions.append(
            TimeExpression(
                "d", f"d-t{i:05d}", s, s + len(needle), needle, kind, value, precision, None, "stated", None, None
            )
        )
    found = find_entity_claims("d", text, utterances, laid, expressions)
    for claim in found:
        assert text[claim.char_start : claim.char_end] == claim.text
    return found


def facts(found: list[EntityClaim]) -> set[tuple[str, str, str | None]]:
    return {(c.subject, c.attribute, c.value or c.timex_id) for c in found}


def test_upgrade_names_the_body_and_what_it_becomes():
    found = claims(["The ministers agreed to upgrade the Northern Fleet Command to a Joint Naval Headquarters."])
    assert facts(found) == {
        ("Northern Fleet Command", "upgrade", "true"),
        ("Northern Fleet Command", "to_become", "Joint Naval Headquarters"),
    }
    assert {c.subject_key for c in found} == {"northern fleet command"}


def test_upgrade_reads_through_a_part_of_the_body():
    found = claims(["They will upgrade the logistics functions of Baltic Air Policing for better coordination."])
    assert facts(found) == {("Baltic Air Policing", "upgrade", "true")}


def test_a_name_that_only_modifies_a_noun_is_not_upgraded():
    assert claims(["We discussed upgrading Alliance command and control."]) == []
    assert claims(["We will upgrade our respective command structures."]) == []


def test_passive_upgrade_is_read_from_the_name_before_it():
    found = claims(["The Coastal Brigade will be upgraded to a Marine Division."])
    assert facts(found) == {("Coastal Brigade", "upgrade", "true"), ("Coastal Brigade", "to_become", "Marine Division")}


def test_a_launch_deadline_hangs_on_the_noun_before_which():
    found = claims(
        ["It will partner the navy’s new joint operations centre, which will be launched by June 2026."],
        timex=[("June 2026", "date", "2026-06", "month")],
    )
    assert facts(found) == {("navy’s new joint operations centre", "launch_by", "d-t00001")}
    found = claims(
        ["Beware of scams involving the relief application, which will be launched in June 2026."],
        timex=[("June 2026", "date", "2026-06", "month")],
    )
    assert facts(found) == {("relief application", "launches", "d-t00001")}


def test_a_start_date_reads_the_clause_subject():
    found = claims(
        ["The ministers confirmed that the transfer of the Third Squadron to Darwin will start next year."],
        timex=[("next year", "relative", "2027", "year")],
    )
    assert facts(found) == {("transfer of the Third Squadron to Darwin", "starts", "d-t00001")}
    assert found[0].subject_key == "transfer of the third squadron to darwin"


def test_a_date_is_needed_right_after_the_cue():
    assert claims(["The programme will start soon, perhaps in 2027."], timex=[("2027", "date", "2027", "year")]) == []


def test_people_pronouns_and_uncut_clauses_are_not_subjects():
    timex = [("Monday", "relative", "2026-01-05", "day")]
    assert claims(["Chairman Okafor will begin on Monday."], timex=timex) == []
    assert claims(["It will begin on Monday."], timex=timex) == []
    assert claims(["The office is pleased to announce tours will begin on Monday."], timex=timex) == []


def test_a_subject_printed_over_a_line_break_reads_as_one_line():
    found = claims(
        ["The price cap on Baltic\n   grain exports will enter into force on 5 February 2027."],
        timex=[("5 February 2027", "date", "2027-02-05", "day")],
    )
    assert [c.subject for c in found] == ["price cap on Baltic grain exports"]
    assert "\n" in found[0].text


def test_a_subject_without_a_name_stays_in_its_document():
    found = claims(["The summer session will begin in June 2026."], timex=[("June 2026", "date", "2026-06", "month")])
    assert [c.subject_key for c in found] == ["summer session@d"]


def test_rank_of_the_commander():
    found = claims(["At the moment, the BALTCOM is led by a two star, as you know."])
    assert facts(found) == {("BALTCOM commander", "rank", "two-star")}


def test_systems_named_by_designator_in_a_coproduction_sentence():
    found = claims(["Regarding the XR-7 LANCE and SB-40 HAWK, we agreed to pursue co-production."])
    assert facts(found) == {("coproduction", "systems", "XR-7 LANCE and SB-40 HAWK")}
    assert found[0].subject_key == "coproduction@d"  # no programme name: never merged across documents


def test_a_disease_code_is_not_a_system():
    assert claims(["We agreed on joint development of tests for COVID-19 in the region."]) == []


def test_subject_key_drops_the_article_and_straightens_apostrophes():
    assert subject_key("The  Navy’s Fleet") == "navy's fleet"


def test_an_acronym_the_document_defines_keys_the_same_thing():
    found = claims(
        [
            "The Northern Fleet Command (NFC) will be upgraded to a Joint Naval Headquarters.",
            "At the moment, the NFC is led by a two star.",
        ]
    )
    assert {(c.subject, c.subject_key, c.attribute) for c in found} == {
        ("Northern Fleet Command", "northern fleet command", "upgrade"),
        ("Northern Fleet Command", "northern fleet command", "to_become"),
        ("NFC commander", "northern fleet command commander", "rank"),
    }
