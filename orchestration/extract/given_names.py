"""People named in prose without a title: 'Warren Buffett', 'you've heard this from Jerome Powell'.

A titled name ('Secretary Blinken') says it is a person; an untitled one must be recognised by its
first word. The given names come from gender-guesser's name dictionary (some 33,000 given names of
many countries; only its list of names is read, never a gender). Two capitalised words make a name
when the first is a given name and:
- no capitalised word runs into them on either side ('Camp David Accords', 'Lake Jordan Park');
- neither word is a word the extraction knows as a non-name (titles, months, 'Agreement', country names),
  nor listed in ``ref_untitled_name_exclusions.csv`` (place prefixes such as 'San', 'El'; heads of
  proper nouns such as 'Cup', 'Clinic');
- the second word is not printed in lower case elsewhere in the document ('the Paris Agreement ...
  the agreement', 'Women' and 'women');
- the pair is not a country or a headline's words.
"""

from __future__ import annotations

import functools
import importlib.resources
import re

from .names import NAME_TOKEN, NameMention, in_title_case_line, lexicon, parse_name
from .reference import load_reference, reference_dir

# A capitalised word before another; the family name is read after the given name is known to be one, and is
# not consumed: in 'Ask Ro Doe' the pair after 'Ask' is tried too.
_CANDIDATE = re.compile(r"(?<![\w’'.\-])(?P<given>[A-Z][a-z]+) (?=[A-Z])")
_FAMILY = re.compile(NAME_TOKEN)
# A capitalised word just before, on the same line or at the end of the one before ('Franklin\nDelano
# Roosevelt'); a lower-case particle ('Tamim bin Hamad Al-Thani') joins a longer name too.
_WORD_BEFORE = re.compile(
    r"(?P<start>^|[.!?:;]\s+|\s)(?P<word>[A-Z][\w’'.\-]*|bin|ibn|al|de|van|von|del|da)[ \t]*\n?[ \t]*$"
)
_CAPITALISED_AFTER = re.compile(r"[ \t]+(?!(?:Jr|Sr|III|II|IV)\b)[A-Z]")
_POSSESSIVE = ("’s", "'s")
_LOWER_AFTER_HYPHEN = re.compile(r"-[a-z]")
_NAME_FIELD = slice(3, 29)  # nam_dict.txt: a gender code, then the name in a fixed-width column


@functools.lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names of gender-guesser's dictionary, as printed ('Warren', 'Ngozi'); compound forms left out."""
    data = importlib.resources.files("gender_guesser").joinpath("data/nam_dict.txt")
    names = set()
    with data.open(encoding="iso-8859-1") as handle:
        for line in handle:
            if line[:1] in "#=" or len(line) < 30:
                continue
            name = line[_NAME_FIELD].strip()
            if name.isalpha() and name[:1].isupper():
                names.add(name)
    return frozenset(names)


@functools.lru_cache(maxsize=4)
def _exclusions(_folder: str) -> tuple[frozenset[str], frozenset[str]]:
    given, family = set(), set()
    for row in load_reference("ref_untitled_name_exclusions"):
        (given if row["position"].strip() == "given" else family).add(row["word"].strip())
    return frozenset(given), frozenset(family)


def untitled_name_mentions(text: str, taken: list[tuple[int, int]]) -> list[NameMention]:
    """Mentions of people named by given and family name alone, outside the spans already ``taken``
    by titled or initialled names."""
    lex = lexicon()
    names = given_names()
    not_given, not_family = _exclusions(str(reference_dir()))
    printed_lower: dict[str, bool] = {}
    line_cache: dict[int, bool] = {}
    out: list[NameMention] = []
    for m in _CANDIDATE.finditer(text):
        given = m["given"]
        if given not in names or given in not_given or given in lex.non_name or given in lex.titles_by_prose:
            continue
        family_match = _FAMILY.match(text, m.end())
        if family_match is None:
            continue
        family = family_match.group()
        bare_family = family[:-2] if family.endswith(_POSSESSIVE) else family
        if bare_family in lex.non_name:
            continue
        if bare_family in not_family or bare_family.isupper() or f"{given} {bare_family}" in lex.country_by_alias:
            continue
        if _LOWER_AFTER_HYPHEN.search(bare_family):
            continue  # 'Bid-en', a word broken in speech; a family name's parts are capitalised ('Ocasio-Cortez')
        end = m.end() + len(bare_family)
        if _runs_on_from_before(text, m.start(), names, lex.titles_by_prose):
            continue
        if _CAPITALISED_AFTER.match(text, end):
            continue
        if any(start < end and m.start() < stop for start, stop in taken):
            continue
        lower = bare_family.lower()
        if lower not in printed_lower:
            printed_lower[lower] = _printed_as_word(text, lower)
        if printed_lower[lower]:
            continue
        if in_title_case_line(text, m.start(), line_cache):
            continue
        name = parse_name(f"{given} {bare_family}")
        if name is None or name.tokens != 2:
            continue
        out.append(NameMention(m.start(), end, "prose", name, None, None, None, None, text[m.start() : end]))
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "’'-_"


def _printed_as_word(text: str, word: str) -> bool:
    """Does ``word`` occur in ``text`` as a whole word? (A substring search: a regex with look-arounds
    would try every position.)"""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _runs_on_from_before(text: str, position: int, names: frozenset[str], titles: dict) -> bool:
    """Is the candidate the tail of a longer capitalised run? A capitalised word that opens a sentence
    ('Later Jerome Doe said') does not join it unless it is a given name or a title itself."""
    before = _WORD_BEFORE.search(text, max(0, position - 40), position)
    if before is None:
        return False
    word = before["word"]
    if not word[0].isupper():
        return True  # 'bin', 'van': a particle inside a longer name
    opens_sentence = before["start"] != " " or before.start() == max(0, position - 40)
    return not opens_sentence or word in names or word in titles
