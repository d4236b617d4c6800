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


def test_an_article_is_no_currency_and_a_run_together_invest_still_invests() -> None:
    [read] = amounts("The firm announced a $120 million investment at its mill.")
    assert (read.value, read.subject_key) == ("$120 million", "amount:USD 1.2e+08@2031-05-10")
    [read] = amounts("The leaders lauded the firm’s plans toinvest $650 million in a plant.")
    assert read.attribute == "investment"
    [read] = amounts("Canberra pledged A$3 billion to the fund.")
    assert read.subject_key.startswith("amount:AUD 3e+09")


def test_a_thousands_comma_does_not_end_the_clause() -> None:
    [read] = amounts("The combined investment valued at $2.75 billion would create up to 5,000 new jobs.")
    assert read.subject == "The combined investment valued at $2.75 billion would create up to 5,000 new jobs"
