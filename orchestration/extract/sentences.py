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
import operator
import re
from collections.abc import Iterable
from itertools import repeat

from .records import Sentence, Utterance

# A candidate boundary: terminal punctuation with optional closing quotes/brackets and the white space
# after them (so a cut lands on the next sentence's first character), before something that can open a
# sentence. Line breaks are handled by the splitter.
_BOUNDARY_TAIL = r"[.!?]*[\"'”’)\]]*(?P<space>\s+)(?=[\"'“‘(\[]?[A-Z0-9À-Ý¿¡])"
_BOUNDARY_MARKS = ".!?…"  # what a boundary starts with
# One pattern per opening mark: a pattern that starts with a literal is searched for in a tight C loop,
# while a leading character class is tested position by position (about eight times slower on this
# corpus). Periods come as two patterns: after four lower-case letters ('...went well.') a period is a
# sentence end without further checks (no abbreviation we veto looks like that); only the other, suspect
# periods pay for the abbreviation test.
_PLAIN_PERIOD_BOUNDARY = re.compile(rf"\.(?<=[a-z]{{4}}\.){_BOUNDARY_TAIL}")
_SUSPECT_PERIOD_BOUNDARY = re.compile(rf"\.(?<![a-z]{{4}}\.){_BOUNDARY_TAIL}")
_OTHER_BOUNDARIES = tuple((mark, re.compile(re.escape(mark) + _BOUNDARY_TAIL)) for mark in "!?…")


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
    """Offsets just after every true sentence end in the text, ascending."""
    return sorted(_sentence_boundaries(text))


def _sentence_boundaries(text: str) -> dict[int, int]:
    """Every true sentence end: offset just after it (where the next sentence starts) -> end of its last mark.

    The same boundaries as one left-to-right scan for any mark, found with one fast scan per mark.
    Where marks form a run ('?!', '..', '….') every mark in it that a scan finds ends where the
    run does, so boundaries are keyed by that end; the run is judged by its first mark (the only
    one a single scan would try), so a suspect period preceded by another mark has no say.
    """
    found = {match.end(): match.start("space") for match in _PLAIN_PERIOD_BOUNDARY.finditer(text)}
    for mark, pattern in _OTHER_BOUNDARIES:
        if mark in text:
            found.update((match.end(), match.start("space")) for match in pattern.finditer(text))
    vetoed: list[int] = []
    for match in _SUSPECT_PERIOD_BOUNDARY.finditer(text):
        start = match.start()
        if (start == 0 or text[start - 1] not in _BOUNDARY_MARKS) and _is_false_boundary(text, match):
            vetoed.append(match.end())
        else:
            found[match.end()] = match.start("space")
    for end in vetoed:
        found.pop(end, None)
    return found


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


def split_sentences(document_id: str, clean_text: str, utterances: Iterable[Utterance]) -> list[Sentence]:
    """Sentence rows for every utterance, numbered 1-based in document order.

    This runs once per sentence of the corpus, so Python touches each utterance, not each
    sentence: the spans are cut, trimmed and measured by ``map`` in C (see ``_sentence_spans``)
    and the rows assembled by ``map``/``zip`` with ``tuple.__new__`` (a NamedTuple's own
    ``__new__`` is a Python frame per row) and ids from pre-formatted suffixes.
    """
    firsts, lasts, owners = _sentence_spans(clean_text, utterances)
    count = len(firsts)
    sentence_ids = map(document_id.__add__, _sentence_id_suffixes(count))
    fields = zip(repeat(document_id, count), sentence_ids, range(1, count + 1), owners, firsts, lasts, strict=True)
    return list(map(tuple.__new__, repeat(Sentence, count), fields))


def _sentence_spans(clean_text: str, utterances: Iterable[Utterance]) -> tuple[list[int], list[int], list[str]]:
    """Starts, ends and utterance ids of the trimmed sentences of every utterance, in document order.

    Each utterance is cut at the sentence boundaries inside it (found by bisection); a piece
    ends where the last mark before its boundary does (the white space after a mark is all
    ``rstrip`` would remove), so no sentence text is copied. Only utterances spanning a line
    break, and blank pieces, are then looked at piece by piece: a piece holding a line break
    becomes the spans of its lines (a paragraph break always ends a sentence).
    """
    boundaries = _sentence_boundaries(clean_text)
    cuts = sorted(boundaries)
    mark_ends = list(map(boundaries.__getitem__, cuts))
    firsts: list[int] = []
    lasts: list[int] = []
    owners: list[str] = []
    multiline: list[int] = []  # pieces of utterances that span a line break
    for utterance in utterances:
        start, end = utterance.char_start, utterance.char_end
        low, high = bisect.bisect_right(cuts, start), bisect.bisect_left(cuts, end)
        inner = cuts[low:high]
        if clean_text.find("\n", start, end) >= 0:
            multiline += range(len(firsts), len(firsts) + len(inner) + 1)
        firsts.append(start)
        firsts += inner
        lasts += mark_ends[low:high]
        lasts.append(firsts[-1] + len(clean_text[firsts[-1] : end].rstrip()))
        owners += repeat(utterance.utterance_id, len(inner) + 1)
    lasts = list(map(max, firsts, lasts))  # a boundary whose marks start before the utterance leaves nothing
    suspects = range(len(firsts)) if any(map(operator.eq, firsts, lasts)) else multiline
    for index in reversed(
        [i for i in suspects if firsts[i] == lasts[i] or clean_text.find("\n", firsts[i], lasts[i]) >= 0]
    ):
        first = firsts[index]
        lines = _line_spans(clean_text[first : lasts[index]], first)
        firsts[index : index + 1] = [line_start for line_start, _ in lines]
        lasts[index : index + 1] = [line_end for _, line_end in lines]
        owners[index : index + 1] = [owners[index]] * len(lines)
    return firsts, lasts, owners


_SENTENCE_ID_SUFFIXES: list[str] = []


def _sentence_id_suffixes(count: int) -> list[str]:
    """'-s000001' ... for the first ``count`` sentences, formatted once per process and then reused."""
    have = len(_SENTENCE_ID_SUFFIXES)
    if have < count:
        _SENTENCE_ID_SUFFIXES.extend(f"-s{index:06d}" for index in range(have + 1, count + 1))
    return _SENTENCE_ID_SUFFIXES[:count]
