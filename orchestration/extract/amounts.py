"""Sums of money as claims: 'an additional USD $50 million in Defense Production Act funding'.

A joint statement, its fact sheet and the leaders' remarks of one day repeat the sums a visit
brings ('$2 million' in one, 'a total of around $2 million' in another); reconciliation should show
them as one fact its sources corroborate. Each sum of programme size (a million or more, with its
currency) in a sentence that is not a question becomes a claim:

- its value is the sum as printed, with its qualifier ('up to CAD $250 million', 'more than
  $2.5 billion'), so an analyst reads what the source says;
- its subject is the clause that states it (``clauses.clause_span``), what the money is for;
- its attribute is ``investment`` when the clause speaks of investing, else ``amount``;
- its key is the sum (currency and value), the document's date and the proper word of the clause
  nearest the sum (``anchor_name``: 'JSW', 'Power Africa'; an acronym the document defines read as
  its name): the sources of one day stating one sum about one named thing are one fact, and so are
  those naming nothing; a named and an unnamed statement of a sum stay apart (two programmes of
  one day may share a sum: a blind reading found half of the merges by sum and day alone wrong).
  Prices and small sums ('$35 a month') are no claim.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import NamedTuple

from orchestration.extract.clauses import clause_span, is_question, sentence_at
from orchestration.extract.events import generic_name_words
from orchestration.extract.records import Sentence
from orchestration.extract.timex import sentence_bounds

_QUALIFIER = (
    r"up\s+to|more\s+than|over|about|around|approximately|nearly|almost|at\s+least|roughly|some|"
    r"a\s+total\s+of(?:\s+(?:around|about|approximately|nearly|over|more\s+than))?|an\s+additional|additional|another"
)
# A currency code is printed in capitals and before the sign without a space ('CAD $' and 'CAD$' but
# not 'a $120 million', which is no Australian dollar); only the qualifier's words ignore case.
_CURRENCY_BEFORE = (
    r"(?:US|USD|CAD|CA|C|A|AU|AUD|NZ|NZD|HK|S|SG)\$|(?:USD|CAD|AUD|NZD)\s\$|\$|€|£|¥|₹"
    r"|(?:USD|CAD|EUR|GBP|JPY|INR|AUD)\s"
)
AMOUNT = re.compile(
    rf"(?:\b(?P<qualifier>(?i:{_QUALIFIER}))\s+)?"
    rf"(?P<currency>(?<![\w$]){_CURRENCY_BEFORE})\s?"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s*(?P<scale>(?i:trillion|billion|million|bn|mn))\b)?"
)
MIN_SUM = 1_000_000  # a programme's sum, not a price
_SCALES = {"trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, None: 1.0}
_CURRENCY_CODES = {
    "$": "USD", "us$": "USD", "usd$": "USD", "usd": "USD", "cad$": "CAD", "ca$": "CAD", "c$": "CAD", "cad": "CAD",
    "a$": "AUD", "au$": "AUD", "aud$": "AUD", "aud": "AUD", "nz$": "NZD", "nzd$": "NZD", "hk$": "HKD", "s$": "SGD",
    "sg$": "SGD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "jpy": "JPY", "₹": "INR",
    "inr": "INR",
}  # fmt: skip
_INVEST = re.compile(r"invest(?:s|ed|ing|ment|ments|or|ors)?\b", re.IGNORECASE)  # 'plans toinvest' too


class AmountRead(NamedTuple):
    """One sum read from a sentence: evidence span, subject clause, attribute, value and key."""

    char_start: int
    char_end: int
    utterance_id: str | None
    subject: str
    subject_key: str
    attribute: str
    value: str


def sum_of(match: re.Match[str]) -> tuple[str, float] | None:
    """(currency code, value) of an AMOUNT match; None for a currency the table does not know."""
    code = _CURRENCY_CODES.get("".join(match["currency"].lower().split()))  # 'CAD $' -> 'cad$'

    if code is None:
        return None
    number = float(match["number"].replace(",", ""))
    return code, number * _SCALES[(match["scale"] or "").lower() or None]


_PROPER = re.compile(r"\b[A-Z][\w&.-]*[\w&]")
_POSSESSIVE_END = re.compile(r"[’']s$")


def anchor_name(
    text: str, span: tuple[int, int], amount: tuple[int, int], acronyms: dict[str, str], generic: frozenset[str]
) -> str | None:
    """The proper word of the clause nearest the sum, lower case: what the sum is about ('Power Africa',
    'JSW', 'DPA' read as 'Defense Production Act'); not a title, country, month or stop-word. None
    when the clause names nothing."""
    best: tuple[int, str] | None = None
    for match in _PROPER.finditer(text, span[0], span[1]):
        if amount[0] <= match.start() < amount[1]:
            continue  # the currency code of the sum itself ('CAD $250 million')
        word = _POSSESSIVE_END.sub("", match.group(0))
        word = acronyms.get(word, word).split()[0]
        if len(word) < 3 or word.lower().rstrip(".") in generic:
            continue
        distance = abs(match.start() - amount[0])
        if best is None or distance < best[0]:
            best = (distance, word.lower())
    return best[1] if best else None


def find_amounts(
    text: str,
    sentences: Sequence[Sentence],
    published_on: dt.date | None,
    *,
    document_id: str = "",
    acronyms: dict[str, str] | None = None,
) -> list[AmountRead]:
    """The sums of one document (pure), in text order; none in a document without a date (the key needs it)."""
    if published_on is None or not any(symbol in text for symbol in ("$", "€", "£", "¥", "₹", "USD", "EUR")):
        return []
    generic = generic_name_words()
    spans = sentence_bounds(list(sentences), text)  # a punctuation split when no sentences are given
    utterance_of = {(s.char_start, s.char_end): s.utterance_id for s in sentences}
    found: list[AmountRead] = []
    for match in AMOUNT.finditer(text):
        read = sum_of(match)
        if read is None or read[1] < MIN_SUM:
            continue
        bounds = sentence_at(spans, match.start())
        if bounds is None:
            continue
        if is_question(text, bounds):
            continue
        start, end = clause_span(text, bounds, match.start(), match.end())
        subject = " ".join(text[start:end].split())
        code, value = read
        anchor = anchor_name(text, (start, end), match.span(), acronyms or {}, generic)
        found.append(
            AmountRead(
                char_start=min(start, match.start()),
                char_end=max(end, match.end()),
                utterance_id=utterance_of.get(bounds),
                subject=subject,
                subject_key=f"amount:{code} {value:.6g}@{published_on.isoformat()}#{anchor or ''}",
                attribute="investment" if _INVEST.search(subject) else "amount",
                value=" ".join(match.group(0).split()),
            )
        )
    return found
