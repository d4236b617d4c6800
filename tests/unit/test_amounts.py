"""Sums of money as claims (orchestration/extract/amounts.py), on invented text."""

from __future__ import annotations

import datetime as dt

from orchestration.extract.amounts import find_amounts
from orchestration.extract.claims import find_entity_claims
from orchestration.extract.sentences import split_sentences

DAY = dt.date(2031, 5, 10)


def amounts(text: str, day: dt.date | None = DAY):
    return find_amounts(text, split_sentences("d", text, []), day)


def test_a_sum_is_claimed_with_its_qualifier_currency_and_clause() -> None:
    [read] = amounts("Norway will provide up to CAD $250 million for the Arctic Fund.")
    assert read.value == "up to CAD $250 million"
    assert read.subject == "Norway will provide up to CAD $250 million for the Arctic Fund"
    assert (read.attribute, read.subject_key) == ("amount", "amount:CAD 2.5e+08@2031-05-10")


def test_the_same_sum_the_same_day_shares_a_key_whatever_its_wording() -> None:
    [first] = amounts("Japan will give a total of around $2 million in relief to the islands.")
    [second] = amounts("We welcome the $2,000,000 that Japan pledged.")
    assert first.subject_key == second.subject_key == "amount:USD 2e+06@2031-05-10"
    assert first.value == "a total of around $2 million"
    [other_day] = amounts("Japan will give $2 million in relief.", day=dt.date(2031, 6, 1))
    assert other_day.subject_key != first.subject_key


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
