"""Clauses of a sentence: the words around a date or a sum that say what it is about.

Dated happenings (``happenings``) and sums of money (``amounts``) are named by the clause that
states them, as printed. A clause ends at punctuation or before a subordinating word; a fronted
date ('In 2018, when Canada hosted the G7') gives the clause after it, and a relative clause
('..., which the two countries signed last June') takes its short antecedent along.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence

MIN_CLAUSE_WORDS = 3  # 'In 2018,' alone is a fronted date: the happening is the clause after it
MAX_FOLLOWING_CLAUSES = 3  # how far past a fronted date the clause with the happening word may be
MAX_ANTECEDENT_WORDS = 14  # 'The Los Angeles Declaration on Migration and Protection, which ...'

# Not parentheses ('(NISAR) will be launched in 2024' needs its subject), nor the comma of '5,000'.
_CLAUSE_BOUNDARY = re.compile(
    r",(?!\d{3}\b)|[;:\[\]—–]|\s-\s|\s(?=(?:when|where|which|while|because|whereas|although|though|but)\b)"
)
_LEADING_FUNCTION_WORDS = re.compile(
    r"^(?:[\s\"“”'‘’]|and\b|but\b|so\b|when\b|where\b|which\b|that\b|while\b|as\b|because\b|then\b|also\b)+",
    re.IGNORECASE,
)
_RELATIVE_OPENING = re.compile(r"\s*(?:which|who|that)\b", re.IGNORECASE)
WORD = re.compile(r"[\w’'.+-]+")


def clause_span(
    text: str,
    sentence: tuple[int, int],
    start: int,
    end: int,
    holds_word: Callable[[int, int], bool] | None = None,
) -> tuple[int, int]:
    """The clause of ``sentence`` holding text[start:end]. Leading conjunctions and quotes are left out.

    - A fronted date ('In 2018, when Canada hosted the G7'; 'In October, the United States, Japan,
      and Korea will convene a dialogue') gives the clauses after it, up to the first that
      ``holds_word`` (a happening word), at most MAX_FOLLOWING_CLAUSES of them.
    - A relative clause ('..., which the two countries signed last June') takes its antecedent
      clause along when that is short (MAX_ANTECEDENT_WORDS): it names what was signed.
    """
    sentence_start, sentence_end = sentence
    cuts = [sentence_start, sentence_end]
    cuts += [sentence_start + m.start() + 1 for m in _CLAUSE_BOUNDARY.finditer(text[sentence_start:sentence_end])]
    cuts = sorted(set(cuts))
    left = max(cut for cut in cuts if cut <= start)
    right = min((cut for cut in cuts if cut >= end), default=sentence_end)
    rest = _LEADING_FUNCTION_WORDS.sub("", f"{text[left:start]} {text[end:right]}".strip())
    if len(WORD.findall(rest)) < MIN_CLAUSE_WORDS:
        following = [(a, b) for a, b in itertools.pairwise(c for c in cuts if c >= right) if WORD.search(text, a, b)]
        following = following[:MAX_FOLLOWING_CLAUSES]
        if following:
            chosen = next((b for a, b in following if holds_word and holds_word(a, b)), following[0][1])
            left, right = following[0][0], chosen
    elif _RELATIVE_OPENING.match(text, left) and text[:left].rstrip().endswith(","):
        before = [cut for cut in cuts if cut < left - 1]
        if before and len(WORD.findall(text, before[-1], left)) <= MAX_ANTECEDENT_WORDS:
            left = before[-1]
    return _trimmed(text, left, right)


def _trimmed(text: str, left: int, right: int) -> tuple[int, int]:
    chunk = text[left:right]
    lead = _LEADING_FUNCTION_WORDS.match(chunk)
    offset = lead.end() if lead else 0
    while offset < len(chunk) and chunk[offset] in " \t\n,;:—–-()[]":
        offset += 1
    kept = chunk.rstrip(' \t\n,;:—–-()[]!”"')
    if kept.endswith(".") and "." not in kept.rsplit(None, 1)[-1][:-1]:  # a full stop, not 'U.S.'
        kept = kept[:-1].rstrip(' ”"')
    return left + offset, left + max(offset, len(kept))


def is_question(text: str, sentence: tuple[int, int]) -> bool:
    """The sentence ends with a question mark (inside a closing quote too): nothing it dates or sums is stated."""
    return text[sentence[0] : sentence[1]].rstrip().rstrip("”\"’'").endswith("?")


def sentence_at(spans: Sequence[tuple[int, int]], position: int) -> tuple[int, int] | None:
    """The span of ``spans`` (sorted, not overlapping) that holds ``position``, if any."""
    index = bisect.bisect_right(spans, (position, float("inf"))) - 1
    if index >= 0 and spans[index][0] <= position < spans[index][1]:
        return spans[index]
    return None
