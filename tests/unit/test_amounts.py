"""Sums of money as claims (orchestration/extract/amounts.py), on invented text."""

from __future__ import annotations

import datetime as dt

from orchestration.extract.amounts import find_amounts
from orchestration.extract.claims import find_entity_claims
from orchestration.extract.sentences import split_sentences

DAY = dt.date(2031, 5, 10)


def amounts(text: str, day: dt.date | None = DAY, doc: str = "d"):
    return find_amounts(text, split_sentences(doc, text, []), day, document_id=doc)


def test_a_sum_is_claimed_with_its_qualifier_currency_and_clause() -> None:
    [read] = amounts("Norway will provide up to CAD $250 million for the Arctic Fund.")
    assert read.value == "up to CAD $250 million"
    assert read.subject == "Norway will provide up to CAD $250 million for the Arctic Fund"
    assert (read.attribute, read.subject_key) == ("amount", "amount:CAD 2.5e+08@2031-05-10#arctic")


def test_the_same_sum_about_the_same_name_the_same_day_shares_a_key_whatever_its_wording() -> None:
    [first] = amounts("Japan will give a total of around $2 million in relief to the Bergen Harbour.", doc="a")
    [second] = amounts("We welcome the $2,000,000 that Japan pledged for the Bergen Harbour.", doc="b")
    assert first.subject_key == second.subject_key == "amount:USD 2e+06@2031-05-10#bergen"
    assert first.value == "a total of around $2 million"
    [other_day] = amounts("Japan will give $2 million to the Bergen Harbour.", day=dt.date(2031, 6, 1))
    assert other_day.subject_key != first.subject_key
    # clauses that name nothing but countries share the sum's key; a named one stays apart from them
    [unnamed_a] = amounts("Japan will give $2 million in relief.", doc="a")
    [unnamed_b] = amounts("The Presidents announced $2 million in relief.", doc="b")
    assert unnamed_a.subject_key == unnamed_b.subject_key == "amount:USD 2e+06@2031-05-10#" != first.subject_key


def test_an_acronym_the_document_defines_is_read_as_its_name() -> None:
    [read] = find_amounts(
        "The firm uses the Defense Production Act (DPA). It won $50 million of DPA funding.",
        split_sentences("d", "x", []),
        DAY,
        document_id="d",
        acronyms={"DPA": "Defense Production Act"},
    )
    assert read.subject_key.endswith("#defense")


def test_investments_prices_questions_and_undated_documents() -> None:
    [read] = amounts("The firm will invest $650 million in a new plant in Ohio.")
    assert read.attribute == "investment"
    assert amounts("Insulin now costs $35 a month. Is $40 million enough?") == []
    assert amounts("The firm will invest $650 million.", day=None) == []


def test_amount_claims_follow_the_cue_claims_with_their_evidence() -> None:
    text = "The Fund will invest €3 billion in grids."
    [claim] = find_entity_claims("d", text, [], split_sentences("d", text, []), [], published_on=DAY)
    assert (claim.cue_id, claim.attribute, claim.value) == ("amount", "investment", "€3 billion")
    assert claim.text == text[claim.char_start : claim.char_end] == "The Fund will invest €3 billion in grids"


def test_an_article_is_no_currency_and_a_run_together_invest_still_invests() -> None:
    [read] = amounts("The firm announced a $120 million investment at its mill.")
    assert (read.value, read.subject_key) == ("$120 million", "amount:USD 1.2e+08@2031-05-10#")
    [read] = amounts("The leaders lauded the firm’s plans toinvest $650 million in a plant.")
    assert read.attribute == "investment"
    [read] = amounts("Canberra pledged A$3 billion to the fund.")
    assert read.subject_key.startswith("amount:AUD 3e+09")


def test_a_thousands_comma_does_not_end_the_clause() -> None:
    [read] = amounts("The combined investment valued at $2.75 billion would create up to 5,000 new jobs.")
    assert read.subject == "The combined investment valued at $2.75 billion would create up to 5,000 new jobs"
