"""Topic mentions: where a document talks about a foreign-policy topic, by the taxonomy seed.

The taxonomy is ``dbt_project/seeds/ref_topics.csv`` (one row per topic) so an analyst edits
terms in one place and every mention stays explainable: ``matched_text`` is a term of the row
named by ``topic``. Term syntax (the ``terms``, ``exact_terms`` and ``exclusions`` columns):

* terms are separated by ``|``; ``terms`` match regardless of case, ``exact_terms`` only as
  printed (acronyms such as 'AI', 'WHO', 'UN' that are ordinary words in lower case);
* spaces, hyphens and commas between words are interchangeable ('Indo-Pacific' matches
  'Indo Pacific', 'women peace and security' matches 'women, peace, and security');
  both apostrophes (' and ’) match each other;
* a final ``(a|b)`` lists optional endings: 'tariff(s)' matches 'tariff' and 'tariffs',
  'vaccin(e|es|ation)' matches 'vaccin', 'vaccine', 'vaccines', 'vaccination';
* a term matches whole words only (no letter or digit directly before or after it);
* ``exclusions`` are phrases (same syntax) that contain a term but mean something else
  ('trade-off', 'Lunar New Year', 'political climate'): a mention lying inside one is dropped.

Matching: every term is compiled once per process into one regular expression shaped as a
character trie over the lower-cased text (shared prefixes are tried once; literal branches let the
regex engine skip a failing branch in C). It is tried as a lookahead after each character that can
precede a word, so each position yields its longest term and mentions of different topics may
overlap. At one position each topic keeps its longest term ('Indo-Pacific Command' is
military_command, and 'Indo-Pacific' there is still indo_pacific). Per topic the scan then behaves
like a leftmost-longest tokenizer: a mention overlapping an earlier one of the same topic is
dropped ('invasion of Ukraine' is one mention, not two). Exact terms are matched case-blind in the
scan and confirmed against the printed text.
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from orchestration.extract.records import Sentence, Utterance
from orchestration.extract.reference import REFERENCE_DIR_VARIABLE, load_reference

REFERENCE_NAME = "ref_topics"

# Separators between the words of a term, as written in the seed and as matched in text.
_SEPARATOR_CHARS = r"\s,\-\u2010\u2011\u2012\u2013"
_TERM_SEPARATOR = re.compile(rf"[{_SEPARATOR_CHARS}]+")
_TEXT_SEPARATOR = rf"[{_SEPARATOR_CHARS}]+"
_APOSTROPHES = "'\u2019"
# Characters after which a term may start: white space, opening brackets and quotes, dashes and
# slashes. A character class first (rather than a lookbehind) lets the regex engine jump between
# candidate positions in C; leaving out closing punctuation ('.', ',', ')') halves the attempts.
_TERM_PRECEDER = r"[\s(\[{<\"“‘'’«\-‐‑‒–—/*|>]"
_OPTIONAL_ENDINGS = re.compile(r"^(?P<stem>.*?)\((?P<endings>[^()]*)\)$")
_SEP = "\x00"  # the separator unit inside a normalised term key
_END = ""  # trie marker: a term ends at this node


class TopicMention(NamedTuple):
    document_id: str
    topic_mention_id: str  # f"{document_id}-k{index:05d}", 1-based in document order
    utterance_id: str | None  # the Utterance containing the match
    sentence_id: str | None  # the Sentence containing it
    topic: str  # taxonomy key, e.g. 'nuclear_deterrence'
    matched_text: str  # exactly clean_text[char_start:char_end]: the matched term as printed
    char_start: int
    char_end: int


class Topic(NamedTuple):
    """One taxonomy row as the matcher needs it."""

    key: str
    label: str
    parent: str | None


class TermEntry(NamedTuple):
    """What one lower-cased term key means: its topics, and those of its case-sensitive spellings."""

    topics: tuple[str, ...]  # from the ``terms`` column (any case)
    exact: dict[str, tuple[str, ...]]  # printed spelling (``exact_terms``) -> topics


class ShorterTerm(NamedTuple):
    """A shorter term that a longer one starts with, and a regex anchored where the longer one starts."""

    key: str
    pattern: re.Pattern[str]


class _Candidate(NamedTuple):
    """A term occurrence before same-topic overlaps and exclusions are resolved."""

    topic: str
    char_start: int
    char_end: int
    key: str  # the lower-cased term key that matched


class Exclusions(NamedTuple):
    """A topic's exclusion phrases, compiled, and which of its terms they can swallow."""

    pattern: re.Pattern[str]
    longest: int  # upper bound of a phrase's printed length (the search window around a mention)
    term_keys: frozenset[str]  # term keys found inside some phrase: only these need the check


class Lexicon(NamedTuple):
    """The compiled taxonomy: one scanning regex plus the tables that turn a match into topics."""

    topics: dict[str, Topic]
    scanner: re.Pattern[str]  # run over ' ' + lower-cased text; group 1 is the term
    terms: dict[str, TermEntry]  # lower-cased normalised key -> meaning
    shorter_terms: dict[str, tuple[ShorterTerm, ...]]  # key -> shorter terms at its start, longest first
    exclusions: dict[str, Exclusions]  # topic -> its exclusion phrases


def find_topics(
    document_id: str, clean_text: str, utterances: Sequence[Utterance], sentences: Sequence[Sentence]
) -> list[TopicMention]:
    """Every taxonomy term occurrence in ``clean_text``, in document order, with its sentence and utterance."""
    lex = lexicon()
    lowered = _lower_keeping_offsets(clean_text)
    candidates = _resolve_same_topic_overlaps(_scan(lex, clean_text, lowered))
    candidates = [c for c in candidates if not _is_excluded(lex, lowered, c)]
    if not candidates:
        return []
    candidates.sort(key=lambda c: (c.char_start, -c.char_end, c.topic))
    locate_sentence = _span_locator(sentences, "sentence_id")
    locate_utterance = _span_locator(utterances, "utterance_id")
    return [
        TopicMention(
            document_id,
            f"{document_id}-k{index:05d}",
            locate_utterance(c.char_start),
            locate_sentence(c.char_start),
            c.topic,
            clean_text[c.char_start : c.char_end],
            c.char_start,
            c.char_end,
        )
        for index, c in enumerate(candidates, start=1)
    ]


def lexicon() -> Lexicon:
    """The compiled taxonomy of the current reference folder (tests point READOUT_REFERENCE_DIR elsewhere)."""
    return compiled_lexicon(os.environ.get(REFERENCE_DIR_VARIABLE))


@functools.cache
def compiled_lexicon(_folder: str | None) -> Lexicon:
    """Compile ``ref_topics.csv`` once per process and reference folder (clear with ``cache_clear``)."""
    return build_lexicon(load_reference(REFERENCE_NAME))


def build_lexicon(rows: Iterable[dict[str, str]]) -> Lexicon:
    """Turn taxonomy rows into the scanner and its lookup tables (pure: rows in, Lexicon out)."""
    topics: dict[str, Topic] = {}
    folded: dict[str, list[str]] = {}
    exact: dict[str, dict[str, list[str]]] = {}
    exclusions: dict[str, Exclusions] = {}
    for row in rows:
        key = (row.get("topic") or "").strip()
        if not key:
            continue
        if key in topics:
            raise ValueError(f"{REFERENCE_NAME}: topic {key!r} appears twice")
        topics[key] = Topic(key, (row.get("label") or "").strip() or key, (row.get("parent") or "").strip() or None)
        for term_key in _term_keys(row.get("terms")):
            _add_topic(folded.setdefault(term_key.lower(), []), key)
        for term_key in _term_keys(row.get("exact_terms")):
            folded.setdefault(term_key.lower(), [])
            _add_topic(exact.setdefault(term_key.lower(), {}).setdefault(term_key, []), key)
        excluded = [k.lower() for k in _term_keys(row.get("exclusions"))]
        if excluded:
            own_terms = {k.lower() for k in _term_keys(row.get("terms")) + _term_keys(row.get("exact_terms"))}
            swallowed = frozenset(k for k in own_terms if any(k in phrase for phrase in excluded))
            exclusions[key] = Exclusions(_compile_exclusions(excluded), max(map(_longest_text, excluded)), swallowed)
    terms = {
        k: TermEntry(tuple(v), {spelling: tuple(t) for spelling, t in exact.get(k, {}).items()})
        for k, v in folded.items()
    }
    return Lexicon(topics, _compile_scanner(terms), terms, _shorter_terms(terms), exclusions)


def _add_topic(listed: list[str], topic: str) -> None:
    """Record that a term signals ``topic`` (a term may belong to several topics, each once)."""
    if topic not in listed:
        listed.append(topic)


def _term_keys(cell: str | None) -> list[str]:
    """Normalised keys of every term (and optional ending) in a '|'-separated seed cell."""
    keys: list[str] = []
    for term in _split_terms(cell or ""):
        for variant in _expand_endings(term):
            key = _normalise(variant).strip(_SEP)
            if key:
                keys.append(key)
    return keys


def _split_terms(cell: str) -> list[str]:
    """Split on '|' except inside a parenthesised ending list ('vaccin(e|es)')."""
    terms, depth, current = [], 0, []
    for char in cell:
        if char == "|" and depth == 0:
            terms.append("".join(current).strip())
            current = []
            continue
        depth += (char == "(") - (char == ")")
        current.append(char)
    terms.append("".join(current).strip())
    return [t for t in terms if t]


def _expand_endings(term: str) -> list[str]:
    """'tariff(s)' -> ['tariff', 'tariffs']: the stem alone, then the stem with each optional ending."""
    match = _OPTIONAL_ENDINGS.match(term)
    if not match:
        return [term]
    stem = match["stem"]
    return [stem, *(stem + ending.strip() for ending in match["endings"].split("|") if ending.strip())]


def _normalise(text: str) -> str:
    """Separator runs -> one separator unit, curly apostrophe -> straight (case is left to the caller)."""
    return _TERM_SEPARATOR.sub(_SEP, text.strip()).replace("\u2019", "'")


def _lower_keeping_offsets(text: str) -> str:
    """Lower-case ``text`` without changing its length, so offsets into it are offsets into ``text``.

    ``str.lower`` turns a few characters into two ('İ'); those are kept as printed.
    """
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low) == 1 else char for char, low in ((c, c.lower()) for c in text))


def _unit_pattern(unit: str) -> str:
    """Regex for one unit of a term key: a separator run, either apostrophe, or the literal character."""
    if unit == _SEP:
        return _TEXT_SEPARATOR
    if unit in _APOSTROPHES:
        return f"[{_APOSTROPHES}]"
    return re.escape(unit)


def _term_pattern(key: str) -> str:
    """Regex for one lower-cased term key on its own, ending at a word boundary."""
    return "".join(_unit_pattern(u) for u in key) + r"(?!\w)"


def _longest_text(key: str) -> int:
    """Generous upper bound of the printed length of a term key (a separator may print as a few characters)."""
    return len(key) + 3 * key.count(_SEP)


def _compile_exclusions(keys: list[str]) -> re.Pattern[str]:
    """One regex matching any exclusion phrase of a topic in lower-cased text."""
    return re.compile("|".join(r"(?<!\w)" + _term_pattern(k) for k in sorted(keys, key=len, reverse=True)))


def _trie(keys: Iterable[str]) -> dict:
    """Character trie over term keys; ``_END`` marks where a term ends."""
    root: dict = {}
    for key in keys:
        node = root
        for unit in key:
            node = node.setdefault(unit, {})
        node[_END] = {}
    return root


def _trie_pattern(node: dict) -> str:
    """Render a trie as a regex preferring the longest term: literal continuations, separator, 'end here'.

    Literal branches come first because the engine skips a literal branch that cannot match
    without entering it.
    """
    units = sorted((u for u in node if u != _END), key=lambda u: (u == _SEP, u))
    branches = [_unit_pattern(unit) + _trie_pattern(node[unit]) for unit in units]
    if _END in node:
        branches.append(r"(?!\w)")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def _compile_scanner(terms: dict[str, TermEntry]) -> re.Pattern[str]:
    """One regex over all terms, tried after each non-word character (text is padded with one space)."""
    if not terms:
        return re.compile(r"(?!)()")
    return re.compile(rf"{_TERM_PRECEDER}(?=({_trie_pattern(_trie(terms))}))")


def _shorter_terms(terms: dict[str, TermEntry]) -> dict[str, tuple[ShorterTerm, ...]]:
    """For each term, the shorter terms it starts with (at a word end) that may add another topic.

    The scanner reports only the longest term at a position; these are the terms a shorter match
    there would have contributed ('Indo-Pacific' at the start of 'Indo-Pacific Command').
    """
    result: dict[str, tuple[ShorterTerm, ...]] = {}
    for key, entry in terms.items():
        found = []
        for cut in range(len(key) - 1, 0, -1):
            prefix = key[:cut]
            if prefix not in terms or (key[cut].isalnum() or key[cut] == "_"):
                continue
            shorter = terms[prefix]
            possible = set(shorter.topics).union(*shorter.exact.values())
            if not possible <= set(entry.topics):
                found.append(ShorterTerm(prefix, re.compile(_term_pattern(prefix))))
        if found:
            result[key] = tuple(found)
    return result


def _scan(lex: Lexicon, text: str, lowered: str) -> list[_Candidate]:
    """Every (topic, span) the scanner finds, in order of start position."""
    candidates: list[_Candidate] = []
    for match in lex.scanner.finditer(" " + lowered):
        start, end = match.start(1) - 1, match.end(1) - 1  # undo the padding
        key = _normalise(lowered[start:end])
        seen = _topics_of(lex.terms[key], text, start, end) if key in lex.terms else ()
        candidates.extend(_Candidate(topic, start, end, key) for topic in seen)
        for shorter in lex.shorter_terms.get(key, ()):
            found = shorter.pattern.match(lowered, start)
            if found:
                added = [t for t in _topics_of(lex.terms[shorter.key], text, start, found.end()) if t not in seen]
                candidates.extend(_Candidate(topic, start, found.end(), shorter.key) for topic in added)
                seen = (*seen, *added)
    return candidates


def _topics_of(entry: TermEntry, text: str, start: int, end: int) -> tuple[str, ...]:
    """Topics of the term printed at ``text[start:end]``: any-case ones, plus exact ones if the case matches."""
    if not entry.exact:
        return entry.topics
    extra = entry.exact.get(_normalise(text[start:end]), ())
    return entry.topics + tuple(t for t in extra if t not in entry.topics)


def _resolve_same_topic_overlaps(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep, per topic, the leftmost-longest mentions: one overlapping an earlier one of its topic is dropped."""
    kept: list[_Candidate] = []
    reached: dict[str, int] = {}
    for candidate in sorted(candidates, key=lambda c: (c.char_start, -c.char_end)):
        if candidate.char_start >= reached.get(candidate.topic, -1):
            kept.append(candidate)
            reached[candidate.topic] = candidate.char_end
    return kept


def _is_excluded(lex: Lexicon, lowered: str, candidate: _Candidate) -> bool:
    """True when the mention lies inside one of its topic's exclusion phrases ('trade' in 'trade-off')."""
    rule = lex.exclusions.get(candidate.topic)
    if rule is None or candidate.key not in rule.term_keys:
        return False
    window_start = max(0, candidate.char_end - rule.longest)
    window_end = min(len(lowered), candidate.char_start + rule.longest + 1)
    return any(
        m.start() <= candidate.char_start and candidate.char_end <= m.end()
        for m in rule.pattern.finditer(lowered, window_start, window_end)
    )


def _span_locator(spans: Sequence[Sentence] | Sequence[Utterance], id_field: str) -> Callable[[int], str | None]:
    """A function offset -> id of the span containing it (spans in document order, not overlapping)."""
    starts = [span.char_start for span in spans]

    def locate(offset: int) -> str | None:
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and offset < spans[index].char_end:
            return getattr(spans[index], id_field)
        return None

    return locate
