"""Abbreviation-aware sentence splitting with character spans.

Candidate boundaries come from one compiled regex (terminal punctuation, optional
closing quotes/brackets, white space, then something that can open a sentence);
each candidate is then vetoed if the word before the period is a title
abbreviation ('Mr.', 'Dr.', 'St.', 'No.'), an initial ('Antony J. Blinken') or a
dotted abbreviation such as 'U.S.' followed by what is probably a name or noun
rather than a new sentence. Line breaks always end a sentence: after cleaning a
line is a paragraph. Sentences never cross an utterance boundary because each
utterance is split on its own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .records import Sentence, Utterance

# A candidate boundary: terminal punctuation with optional closing quotes/brackets and the white space
# after them (so a cut lands on the next sentence's first character), before something that can open a
# sentence. It starts with a character class so the regex engine can skip ahead in C (a leading group or
# assertion makes it try every position). Line breaks are handled by the splitter.
_BOUNDARY = re.compile(r"[.!?…][.!?]*[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý¿¡])")
# Periods that might belong to an abbreviation: all except those right after four lower-case letters
# ('...went well.'). Starting with the literal dot keeps this pass in C too.
_SUSPECT_PERIOD = re.compile(r"\.(?<![a-z]{4}\.)")


# Abbreviations that stand before a name and so never end a sentence.
def _words(text: str) -> frozenset[str]:
    """A word set from a white-space separated block (keeps long lexicons readable)."""
    return frozenset(text.split())


_NAME_ABBREVIATIONS = _words(
    """
    mr mrs ms mx dr st sen rep gov lt col gen maj capt sgt adm cmdr prof rev hon amb pres supt insp messrs fr mt
    vs v e.g i.e cf approx ave blvd
    """
)
# Abbreviations that stand before a number ('No. 5', 'Jan. 6').
_NUMBER_ABBREVIATIONS = _words(
    """
    no nos vol art sec ch fig op pp p jan feb mar apr jun jul aug sep sept oct nov dec
    """
)
# Abbreviations that may end a sentence: split only before a typical sentence opener.
_TRAILING_ABBREVIATIONS = _words(
    """
    jr sr inc corp co ltd etc al bros
    """
)
# After a dotted abbreviation (U.S., D.C., a.m.), a new sentence usually starts with one of these words.
_SENTENCE_OPENERS = _words(
    """
    The A An And But So We I It This That These Those He She They You Our Their His Her Its In On At For As If
    When While After Before Today Tomorrow Yesterday Now Then There Here What Why How Who Where Thank Thanks Yes
    No Well Please Let Let's We're I'm It's That's There's Also However And, Both Each Every Many Some One Two
    Three All Finally First Second Third Last Next Meanwhile Since During Under Over Together With Without Let
    """
)
_OPENING_WORD = re.compile(r"\s*[\"'“‘(\[]?([A-Za-z'’]+)")


def _is_false_boundary(text: str, match: re.Match[str]) -> bool:
    """True when the period belongs to an abbreviation or an initial rather than ending a sentence."""
    punct = match.group().rstrip()
    if punct[0] != "." or punct.startswith(".."):
        return False
    start = match.start()
    word = text[text.rfind(" ", max(0, start - 30), start) + 1 : start].lstrip("(\"“‘'")
    if not word or not word[0].isalpha():
        return False
    if len(word) == 1:
        return word.isupper()  # an initial: 'Antony J. Blinken', 'Lloyd J. Austin III'
    lower = word.lower()
    if "." not in word:
        if lower in _NAME_ABBREVIATIONS:
            return punct == "."  # 'Mr. Smith', but 'Mr.” He' does end a sentence
        if lower in _NUMBER_ABBREVIATIONS:
            return text[match.end() : match.end() + 8].lstrip()[:1].isdigit()
        if lower not in _TRAILING_ABBREVIATIONS:
            return False
    opener = _OPENING_WORD.match(text, match.end())  # U.S., D.C., a.m., Jr.: split only before a usual opener
    return opener is None or opener.group(1) not in _SENTENCE_OPENERS


def sentence_cuts(text: str) -> list[int]:
    """Offsets just after every true sentence end in the text (one regex pass over the whole document).

    A period after four lower-case letters is a sentence end without further checks
    (no abbreviation we veto looks like that); only the rest pay for the abbreviation test.
    """
    suspects = {m.start() for m in _SUSPECT_PERIOD.finditer(text)}
    return [
        match.end()
        for match in _BOUNDARY.finditer(text)
        if match.start() not in suspects or not _is_false_boundary(text, match)
    ]


def sentence_spans(text: str, start: int, end: int, cuts: list[int] | None = None) -> list[tuple[int, int]]:
    """[start, end) spans of the sentences inside text[start:end], white space trimmed."""
    if cuts is None:
        cuts = sentence_cuts(text[:end])
    spans: list[tuple[int, int]] = []
    cursor = start
    for stop in [*cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)], end]:
        chunk = text[cursor:stop]
        spans.extend(_line_spans(chunk, cursor) if "\n" in chunk else _one_span(chunk, cursor))
        cursor = stop
    return spans


def _one_span(chunk: str, offset: int) -> tuple[tuple[int, int], ...]:
    body = chunk.strip()
    if not body:
        return ()
    first = offset + len(chunk) - len(chunk.lstrip())
    return ((first, first + len(body)),)


def _line_spans(chunk: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of a chunk (a paragraph break always ends a sentence)."""
    spans = []
    for line in chunk.split("\n"):
        spans.extend(_one_span(line, offset))
        offset += len(line) + 1
    return spans


def _utterance_spans(clean_text: str, cuts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    """Trimmed sentence spans of one utterance: its cuts (found by bisection) plus every line break."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for stop in [*cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)], end]:
        chunk = clean_text[cursor:stop].rstrip()
        if "\n" in chunk:
            spans.extend(_line_spans(chunk, cursor))
        elif chunk:
            spans.append((cursor, cursor + len(chunk)))
        cursor = stop
    return spans


def split_sentences(document_id: str, clean_text: str, utterances: Iterable[Utterance]) -> list[Sentence]:
    """Sentence rows for every utterance, numbered 1-based in document order.

    This runs once per sentence of the corpus: spans are collected first and the rows
    built in one comprehension with ``tuple.__new__`` (a NamedTuple's own ``__new__`` is
    a Python frame per row).
    """
    cuts = sentence_cuts(clean_text)
    spans: list[tuple[int, int, str]] = []
    for utterance in utterances:
        utterance_id = utterance.utterance_id
        spans.extend(
            (first, last, utterance_id)
            for first, last in _utterance_spans(clean_text, cuts, utterance.char_start, utterance.char_end)
        )
    new = tuple.__new__
    return [
        new(Sentence, (document_id, f"{document_id}-s{index:06d}", index, utterance_id, first, last))
        for index, (first, last, utterance_id) in enumerate(spans, start=1)
    ]
