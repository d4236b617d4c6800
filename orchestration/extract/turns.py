"""Split clean text into utterances: speaker turns in transcripts, narration elsewhere.

A speaker label is an upper-case run at the start of a line followed by a colon
and spoken text, on the same line or the next ("SECRETARY BLINKEN: Well, ...", "Q  Thank
you", "MODERATOR: (Via interpreter) ...", "QUESTION (NHK): ..."). Upper-case headings
share that shape ("SUBJECT:", "NOMINATIONS SENT TO THE SENATE:"), so a label is only
accepted when it carries a title or role word from ``ref_titles.csv``, or recurs in the
document, or names a surname another accepted label uses (which also lets typos such as
"S. PSAKI" through). Labels printed in mixed case ("Secretary Blinken:") are read too,
under a stricter test (see ``_mixed_case_labels``).
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .countries import country_rows
from .records import Utterance
from .reference import load_reference

# The letters a personal name may hold, here and in people.py: Latin-1, Latin Extended-A and -B
# and Extended Additional ('Erdoğan', 'Šefčovič', 'Võ Văn Thưởng'). The extended blocks
# interleave the cases, so both classes hold them whole.
NAME_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ"
NAME_LOWER = "a-zß-öø-ÿĀ-ɏḀ-ỿ"
_EXTENDED_UPPER = "".join(c for c in map(chr, [*range(0x100, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())
# The letters of upper-case labels: only the capitals of those blocks ('PRESIDENT ERDOĞAN:',
# 'GENERAL SECRETARY TRỌNG:'), so a capitalised word in running text ('Šefčovič:') is not one.
_CAP = f"A-ZÀ-ÖØ-Þ{_EXTENDED_UPPER}"
_TOKEN = rf"[{_CAP}][{_CAP}.’'\-]*"
_INTERPRETER_MARKER = (  # in any case: '(Via interpreter)', '(As interpreted.)', '(VIA INTERPRETER)'
    r"\((?i:via|as|through|by)(?i: an?)? (?i:interpret(?:er|ed|ation|ing)|translat(?:or|ed|ion))\.?\)\.?"
)
_ASIDE = r"(?: \((?P<aside>[^()\n:]{1,60})\))"  # 'QUESTION (NHK):', 'MINISTER X (via interpreter):'
_LABEL_BODY = (
    rf"(?:(?P<label>{_TOKEN}(?: {_TOKEN}){{0,9}}){_ASIDE}? ?:|(?P<q>Q)(?::| (?=\S)| {{2,}}))"
    rf" *(?:\n *)?(?P<marker>{_INTERPRETER_MARKER})? *(?=\S)"  # the text may start on the next line
)
LABEL_LINE = re.compile(rf"^{_LABEL_BODY}", re.MULTILINE)
# The same label after a newline: a pattern that starts with a literal lets the regex engine jump from
# line to line in C instead of testing every position for '^'.
_LABEL_AFTER_NEWLINE = re.compile(rf"\n{_LABEL_BODY}")
# Labels printed in mixed case ("Secretary Blinken:", "Minister for Foreign Affairs Kamikawa:",
# "Reporter (NHK):"), as many governments, NATO and transcription services print them: capitalised
# words, or words joined by a connector; an affiliation in brackets may follow.
# Labels all in upper case match here too and are left to the upper-case pattern above.
_MIXED_WORD = rf"[{NAME_UPPER}][{NAME_UPPER}{NAME_LOWER}.’'\-]*"
_CONNECTOR = r"(?:of|for|the|and|on|de|da|del|der|van|von|al|bin|la|le|du)"
_MIXED_WORDS = rf"{_MIXED_WORD}(?: (?:{_CONNECTOR} )?{_MIXED_WORD}){{0,6}}"
_MIXED_BODY = (  # 'Minister Kamikawa:', and the two-part forms 'NHK, Igarashi:', 'Ms. X Y, Minister for ...:'
    rf"(?P<label>{_MIXED_WORDS}(?:, {_MIXED_WORDS})?)"
    rf"{_ASIDE}? ?:"
    rf" *(?:\n *)?(?P<marker>{_INTERPRETER_MARKER})? *(?=\S)"
)
_MIXED_LABEL_AT_START = re.compile(_MIXED_BODY)
_MIXED_LABEL_AFTER_NEWLINE = re.compile(rf"\n{_MIXED_BODY}")
# Labels closed by a full stop, as the American Presidency Project prints its transcripts: 'The President.
# Please, have a seat.', 'Prime Minister Kishida. Thank you.', 'Q. Mr. President, ...'.
_PERIOD_BODY = rf"(?P<label>{_MIXED_WORDS}|Q)\. (?: *(?P<marker>{_INTERPRETER_MARKER}) *)?(?=\S)"
# A field holding a code, not a turn: a photo's 'VIRIN: 220411-D-BN624-0090', 'REF: 2024-07-118A'.
_CODE_FIELD = re.compile(r"(?P<code>[A-Z0-9./:-]*\d[A-Z0-9./:-]*)[ \t]*(?:\n|$)")


def _holds_a_code(text: str, position: int) -> bool:
    """The label's line holds only a code of letters and digits, or a long one ('220411-D-BN624-0090');
    a number said aloud ('THE PRESIDENT: 46.', 'Q    12:45.') is a turn."""
    field = _CODE_FIELD.match(text, position)
    if field is None:
        return False
    code = field["code"]
    return len(code) >= 10 or any(char.isalpha() for char in code)


_PERIOD_LABEL_AT_START = re.compile(_PERIOD_BODY)
_PERIOD_LABEL_AFTER_NEWLINE = re.compile(rf"\n{_PERIOD_BODY}")
_INTERPRETER_ASIDE = re.compile(_INTERPRETER_MARKER)
_POSSESSIVE = re.compile(r"['’]S\b")
# Two or three capitalised words, hyphenated parts allowed ('Mao Ning', 'Josep Borrell', 'Shin Won-sik').
_PERSONAL_NAME = re.compile(
    rf"[{NAME_UPPER}][{NAME_LOWER}]+(?:-[{NAME_UPPER}{NAME_LOWER}][{NAME_LOWER}]+)?"
    rf"(?: [{NAME_UPPER}][{NAME_LOWER}]+(?:-[{NAME_UPPER}{NAME_LOWER}][{NAME_LOWER}]+)?){{1,2}}"
)
# Words that name a news outlet ("NHK", "Fuji TV", "Kyodo News", "The Wall Street Journal").
OUTLET_CUE = re.compile(
    r"(?i)\b(?:news(?:paper)?|press|times|post|journal|shimbun|television|tv|radio|broadcast(?:ing)?|network|agency"
    r"|magazine|daily|herald|tribune|wire|media|reuters|bloomberg|cnn|nbc|cbs|abc|fox|npr|pbs|cnbc|msnbc|bbc|nhk|kyodo|afp|ap"
    r"|politico|axios|one|today|telegraph|guardian|economist|gazette|chronicle|dispatch|monitor|observer"
    r"|nikkei|yomiuri|asahi|mainichi|sankei|jiji|xinhua|yonhap|tass|dpa|efe|ansa|freelance)\b"
)
_OPENING_QUOTES = frozenset("“\"‘'«")
_END_LINE = re.compile(r"\n(?:END|\(END\)|\[END\])\b[^\n]{0,40}\s*$")
_PARAGRAPH = re.compile(r"[^\n]+")


def word_set(text: str) -> frozenset[str]:
    """A word set from a white-space separated block (keeps long lexicons readable)."""
    return frozenset(text.split())


_HEADING_WORDS = word_set(
    """
    SUBJECT RE NOTE NOTES UPDATE UPDATED BACKGROUND EMBARGOED CONTACT CONTACTS DATE TIME LOCATION WHEN WHERE WHAT
    WHY HOW SENT SENATE CONGRESS NOMINATIONS NOMINATION WITHDRAWAL WITHDRAWALS FACT SHEET AGENDA SCHEDULE TOPIC
    TOPICS PURPOSE SUMMARY BACKGROUNDER ATTENDEES PARTICIPATION TITLE SECTION ARTICLE PART ANNEX WASHINGTON
    """
)


class TitleInfo(NamedTuple):
    phrase: str  # lower-case phrase as in ref_titles.csv
    role: str | None
    speaker_kind: str
    country: str | None


class ParsedLabel(NamedTuple):
    title: TitleInfo | None
    name_tokens: tuple[str, ...]  # what is left after the title: 'KIHARA', 'HUNTER BIDEN'
    honorific: str | None  # 'MR', 'MS', 'DR' (typos such as 'S.' / 'M.' fold here)
    organization: str | None = None  # the outlet of a journalist's label: 'NHK, Igarashi'


@functools.lru_cache(maxsize=1)
def title_lexicon() -> dict[str, TitleInfo]:
    """Title phrase (lower case, dots kept) -> what the title says about its holder."""
    out: dict[str, TitleInfo] = {}
    for row in load_reference("ref_titles"):
        phrase = row["phrase"].strip().lower()
        out[phrase] = TitleInfo(
            phrase, row.get("role") or None, row.get("speaker_kind") or "official", row.get("country") or None
        )
    return out


@functools.lru_cache(maxsize=1)
def _label_titles() -> dict[tuple[str, ...], TitleInfo]:
    """Title phrases as upper-case token tuples without dots, for matching label prefixes."""
    out: dict[tuple[str, ...], TitleInfo] = {}
    for phrase, info in title_lexicon().items():
        key = tuple(phrase.upper().replace(".", "").split())
        out.setdefault(key, info)
    return out


@functools.lru_cache(maxsize=1)
def _titleword_set() -> frozenset[str]:
    return frozenset(word for key in _label_titles() for word in key if len(word) > 1 or word == "Q")


@functools.lru_cache(maxsize=1)
def _title_phrases_upper() -> tuple[str, ...]:
    return tuple(" ".join(key) for key in _label_titles())


_HONORIFICS = frozenset({"MR", "MS", "MRS", "MISS", "MX", "DR", "MADAM", "SIR"})


def _looks_like_honorific(token: str) -> bool:
    """'MS', 'MR', and the typos transcribers make of them ('S.', 'M.', 'QMS')."""
    if token in _HONORIFICS:
        return True
    if len(token) == 1:
        return token != "Q"
    return len(token) <= 3 and process.extractOne(token, _HONORIFICS, scorer=fuzz.ratio, score_cutoff=66) is not None


def _bare(token: str) -> str:
    return token.replace(".", "").replace("’", "'")


def fuzzy_title(tokens: tuple[str, ...]) -> TitleInfo | None:
    """Match a misspelt title prefix ('PRESIDEN', 'DEFENESE MINISTER') to the closest known title."""
    text = " ".join(tokens)
    if len(text) < 4:
        return None
    best = process.extractOne(text, _title_phrases_upper(), scorer=fuzz.ratio, score_cutoff=85)
    if best is None:
        return None
    return _label_titles()[tuple(best[0].split())]


@functools.lru_cache(maxsize=4096)
def parse_label(label: str) -> ParsedLabel:
    """Split a printed label into title, honorific and name tokens (longest known title prefix wins)."""
    if ", " in label:
        return _two_part_label(label) or ParsedLabel(None, tuple(label.split()), None)
    tokens = tuple(_bare(t) for t in label.split() if _bare(t))
    upper = tuple(t.upper() for t in tokens)  # titles match in any case; names keep their printed case
    if upper and upper[0] == "THE":
        tokens, upper = tokens[1:], upper[1:]
    honorific = None
    if len(tokens) > 1 and _looks_like_honorific(upper[0]):
        honorific = upper[0] if upper[0] in _HONORIFICS else "M"
        tokens, upper = tokens[1:], upper[1:]
    found = _title_prefix(upper)
    if found is None:  # 'PHILIPPINE SECRETARY OF ...': a nationality before the title names the country
        for size in (2, 1):
            country = _demonyms().get(upper[:size])
            after = _title_prefix(upper[size:]) if country and len(upper) > size else None
            if after is not None:
                found = (after[0]._replace(country=country), size + after[1])
                break
    if found is not None:
        return ParsedLabel(found[0], tokens[found[1] :], honorific)
    return ParsedLabel(None, tokens, honorific)


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_REPORTER = TitleInfo("reporter", "journalist", "questioner", None)


def _two_part_label(label: str) -> ParsedLabel | None:
    """'Ms. KAMIKAWA Yoko, Minister for Foreign Affairs' (name, title) and 'NHK, Igarashi' or
    'Yamazaki, Fuji TV' (a journalist and the outlet, either way round), as Japan's foreign
    ministry prints its press conferences; None for anything else ('Tokyo, Japan')."""
    left, _, right = label.partition(", ")
    if ", " in right:
        return None
    for name_part, title_part in ((left, right), (right, left)):
        title = _title_of_country(parse_label(title_part))
        named = parse_label(name_part)
        if (
            title.title is not None
            and not title.name_tokens
            and (named.title is None or not named.title.role)  # 'Shri Arindam Bagchi': an honorific, not a title
            and 1 <= len(named.name_tokens) <= 3
        ):
            return ParsedLabel(title.title, named.name_tokens, named.honorific)
    for name_part, outlet in ((right, left), (left, right)):
        named = parse_label(name_part)
        if is_outlet(outlet) and not is_outlet(name_part) and named.title is None and 1 <= len(named.name_tokens) <= 2:
            return ParsedLabel(_REPORTER, named.name_tokens, named.honorific, outlet)
    return None


def _title_of_country(parsed: ParsedLabel) -> ParsedLabel:
    """'Foreign Minister of Japan' (the title part of 'Aino Virtanen, Foreign Minister of Finland', as
    Australia's government prints its transcripts): the country after 'of' is the title's, not a name."""
    tokens = parsed.name_tokens
    if parsed.title is None or len(tokens) < 2 or tokens[0].upper() != "OF":
        return parsed
    rest = tuple(token.upper() for token in tokens[1:] if token.upper() != "THE")
    country = _demonyms().get(rest)
    if country is None:
        return parsed
    return parsed._replace(title=parsed.title._replace(country=country), name_tokens=())


def is_outlet(text: str) -> bool:
    """An outlet's name: a news word ('Kyodo News', 'Radio Romania') or an acronym ('NPR', 'WION')."""
    return OUTLET_CUE.search(text) is not None or _ACRONYM.fullmatch(text) is not None


def _title_prefix(upper: tuple[str, ...]) -> tuple[TitleInfo, int] | None:
    """The longest known title the upper-case tokens start with, else a misspelt one, and its length."""
    titles = _label_titles()
    for size in range(len(upper), 0, -1):
        info = titles.get(upper[:size])
        if info is not None:
            return info, size
    if len(upper) >= 2:
        for size in range(len(upper) - 1, 0, -1):
            info = fuzzy_title(upper[:size])
            if info is not None:
                return info, size
    return None


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[tuple[str, ...], str]:
    """Country names and adjectives from ``ref_countries.csv`` as upper-case token tuples -> country code."""
    out: dict[tuple[str, ...], str] = {}
    for row in country_rows():
        for alias in row.aliases:
            key = tuple(_bare(alias).upper().split())
            if key:
                out.setdefault(key, row.country_code)
    return out


class LabelMatch(NamedTuple):
    start: int  # label start
    end: int  # end of label incl. colon and interpreter marker (spoken text starts here)
    label: str  # as printed, without colon and marker
    interpreted: bool


class _LabelWords(NamedTuple):
    verdict: bool | None  # False: a heading or no real word; True: carries a title word; None: ask the document
    short: bool  # at most four words
    last: str  # the last word without dots


@functools.lru_cache(maxsize=8192)
def _label_words(label: str) -> _LabelWords:
    """What a label's own words say about it (cached: the same labels recur in every transcript)."""
    tokens = [_bare(t) for t in label.split()]
    short, last = len(tokens) <= 4, tokens[-1] if tokens else ""
    if any(t in _HEADING_WORDS for t in tokens) or not any(len(t) > 1 for t in tokens):
        return _LabelWords(False, short, last)
    if _reads_as_heading(tokens) and parse_label(label).title is None:
        return _LabelWords(False, short, last)
    if any(t in _titleword_set() for t in tokens):
        return _LabelWords(True, short, last)
    return _LabelWords(None, short, last)


# Words of slogans and headings that no name holds ('PROTECTING OUR FARMERS', 'MAKING AMERICA SAFE AGAIN').
_SLOGAN_WORDS = word_set("OUR YOUR MY THEIR ITS AGAIN UP NOT ALL MORE NEW TO FOR WITH FROM INTO")


def _reads_as_heading(tokens: list[str]) -> bool:
    """A title-less label that opens with a gerund or holds a pronoun or preposition is a heading."""
    first = tokens[0] if tokens else ""
    gerund = len(tokens) >= 2 and len(first) > 5 and first.endswith("ING")  # not a lone 'FLEMING:'
    return gerund or any(t in _SLOGAN_WORDS for t in tokens)


def _plausible_label(label: str, counts: dict[str, int], surnames: dict[str, set[str]]) -> bool:
    """Reject headings; accept labels with a title word, a repeated label, or a surname other labels use
    ('SECRETARY DOE' lets 'DOE' through; a label's own last word vouches for nothing)."""
    words = _label_words(label)
    if words.verdict is not None:
        return words.verdict
    if words.short and (counts.get(label, 0) >= 2 or bool(surnames.get(words.last, set()) - {label})):
        return True
    return parse_label(label).title is not None


@functools.lru_cache(maxsize=4)
def find_labels(clean_text: str) -> tuple[LabelMatch, ...]:
    """Speaker labels at line starts, in document order, with headings filtered out.

    Cached for the last few texts: the kind classifier and the turn splitter both ask.
    """
    head = LABEL_LINE.match(clean_text)
    raw = ([head] if head else []) + list(_LABEL_AFTER_NEWLINE.finditer(clean_text))
    raw = [m for m in raw if not _holds_a_code(clean_text, m.end())]
    mixed = _mixed_case_labels(clean_text)
    if not raw:
        return mixed or _period_labels(clean_text)
    counts: dict[str, int] = {}
    for m in raw:
        name = m.group("label") or "Q"
        counts[name] = counts.get(name, 0) + 1
    accepted_surnames: dict[str, set[str]] = {}
    for name in counts:
        if name != "Q" and len(name.split()) > 1:
            accepted_surnames.setdefault(_bare(name.split()[-1]), set()).add(name)
    out: list[LabelMatch] = []
    for m in raw:
        label = m.group("label")
        start = m.start("label") if label is not None else m.start("q")
        if label is None or label == "Q":
            out.append(LabelMatch(start, m.end(), "Q", _interpreted(m)))
        elif _plausible_label(label, counts, accepted_surnames) and (
            "\n" not in clean_text[m.end("label") : m.end()] or parse_label(label).title is not None
        ):  # a label alone on its line must name a title: headings stand alone too ('THE MEDAL OF HONOR:')
            out.append(LabelMatch(start, m.end(), label, _interpreted(m)))
    if mixed:
        return tuple(sorted([*out, *mixed]))
    return tuple(out)


def _mixed_case_labels(clean_text: str) -> tuple[LabelMatch, ...]:
    """Speaker labels printed in mixed case, held to a stricter test than upper-case ones.

    Mixed case is also how a fact sheet prints a bold lead-in ("Lowering Costs: ..."), a page
    its fields ("Location: ...") and a release its list of nominees or of quoted reactions
    ("Sen. Smith: “...”"). So a label must name a known title as its prefix ("Secretary
    Blinken", "Question") or end in the surname of one that does, must not be a possessive
    ("President Biden's Record") nor open a quotation, and the document must read as a
    dialogue: at least three such turns, and somebody speaks twice.
    An affiliation in brackets ("Reporter (NHK)") is left out of the label; "(via interpreter)"
    there marks the turn interpreted.
    """
    head = _MIXED_LABEL_AT_START.match(clean_text)
    raw = ([head] if head else []) + list(_MIXED_LABEL_AFTER_NEWLINE.finditer(clean_text))
    raw = [m for m in raw if not m.group("label").isupper()]
    if len(raw) < 3 and not any(_names_a_minister_in_full(m.group("label")) for m in raw):
        return ()
    counts: dict[str, int] = {}
    for m in raw:
        counts[m.group("label")] = counts.get(m.group("label"), 0) + 1
    named_in_text = {  # personal-name labels the text also names outside its labels ('... by Josep Borrell')
        label for label, count in counts.items() if _PERSONAL_NAME.fullmatch(label) and clean_text.count(label) > count
    }
    titled_surnames = {  # 'Foreign Minister Tanabe' lets a bare 'Tanabe:' through
        _bare(label.split()[-1]).upper()
        for label in counts
        if (parsed := parse_label(label)).title is not None and parsed.name_tokens
    }
    out: list[LabelMatch] = []
    for m in raw:
        label = m.group("label")
        if clean_text[m.end()] in _OPENING_QUOTES or not _plausible_mixed_label(
            label, titled_surnames, counts, named_in_text
        ):
            continue
        out.append(LabelMatch(m.start("label"), m.end(), label, _interpreted(m)))
    if any(_names_a_minister_in_full(m.label) for m in out):
        return tuple(out)  # 'Ms. KAMIKAWA Yoko, Minister for Foreign Affairs:' opens a transcript on its own
    if len(out) < 3 or len({m.label for m in out}) == len(out):
        return ()  # not a dialogue: nobody speaks twice (a list of nominees, of quoted reactions)
    return tuple(out)


def _names_a_minister_in_full(label: str) -> bool:
    """A two-part label of a titled official whose family name is printed in capitals, as Japan's foreign
    ministry prints its speakers: a form that no lead-in, field or quoted reaction takes."""
    if ", " not in label:
        return False
    parsed = parse_label(label)
    return (
        parsed.title is not None
        and parsed.title.role is not None
        and parsed.organization is None
        and any(len(t) > 1 and t.isupper() for t in parsed.name_tokens)
        and any(t[:1].isupper() and not t.isupper() for t in parsed.name_tokens)
    )


def _period_labels(clean_text: str) -> tuple[LabelMatch, ...]:
    """Labels closed by a full stop ('President Biden. Please, have a seat.'), only where a text has no
    colon labels, held to the strictest test: a paragraph must open with a known title and at most three
    name words ('The President', 'Prime Minister Kishida') or with 'Q', and two different speakers must
    take turns. A paragraph of prose seldom opens with a titled name and a full stop; two of them that
    name two people are a dialogue.
    """
    head = _PERIOD_LABEL_AT_START.match(clean_text)
    raw = ([head] if head else []) + list(_PERIOD_LABEL_AFTER_NEWLINE.finditer(clean_text))
    out = [
        LabelMatch(m.start("label"), m.end(), m.group("label"), m.group("marker") is not None)
        for m in raw
        if _titled_period_label(m.group("label"))
    ]
    if len(out) < 2 or len({m.label for m in out}) < 2:
        return ()
    return tuple(out)


def _titled_period_label(label: str) -> bool:
    """'Prime Minister Kishida', 'The President', 'Q'; never an honorific ('Ms. Lee has served ...') nor a
    name cut at an initial ('Judge Amy M. Baggio has been ...', 'President Joseph R. Biden, Jr. today ...')."""
    if label == "Q":
        return True
    words = label.split()
    if "." in label or len(words[-1]) < 3 or _POSSESSIVE.search(label.upper()):
        return False
    if _label_words(label.upper()).verdict is False:
        return False
    parsed = parse_label(label)
    if parsed.title is None or not parsed.title.role or len(parsed.name_tokens) > 3:
        return False
    return bool(parsed.name_tokens) or words[0] == "The"  # 'The President.', not the abbreviation 'Sen.'


def _interpreted(m: re.Match[str]) -> bool:
    """'(Via interpreter)' after the colon, or as the label's aside: 'FOREIGN MINISTER X (via interpreter):'."""
    aside = m.group("aside")
    return m.group("marker") is not None or (
        aside is not None and _INTERPRETER_ASIDE.fullmatch(f"({aside})") is not None
    )


def _plausible_mixed_label(
    label: str, titled_surnames: set[str], counts: dict[str, int], named_in_text: set[str]
) -> bool:
    """A known title as prefix with at most three name words, a short label ending in a titled label's
    surname, or a personal name of two or three words that recurs and that the text also names
    outside its labels ("Josep Borrell:", "Mao Ning:").

    Recurring alone is not enough in mixed case: lead-ins recur too ("Before:", "After:").
    """
    upper = label.upper()
    words = _label_words(upper)
    if words.verdict is False or _POSSESSIVE.search(upper):
        return False
    parsed = parse_label(label)
    if parsed.title is not None:
        return len(parsed.name_tokens) <= 3
    if words.short and words.last in titled_surnames:
        return True
    return counts.get(label, 0) >= 2 and label in named_in_text


def count_labelled_turns(clean_text: str) -> int:
    """How many accepted speaker labels the text has (the transcript test of the kind classifier)."""
    return len(find_labels(clean_text))


@functools.lru_cache(maxsize=4096)
def speaker_kind_of(label: str) -> str:
    """official | moderator | questioner | interpreter, from the label's title words."""
    if label == "Q":
        return "questioner"
    parsed = parse_label(label)
    return parsed.title.speaker_kind if parsed.title else "official"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) so it neither starts nor ends with white space."""
    chunk = text[start:end]
    body = chunk.strip()
    if not body:
        return start, start
    lead = len(chunk) - len(chunk.lstrip())
    return start + lead, start + lead + len(body)


def _narration(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """One narrator utterance per non-empty line (a paragraph after cleaning) of text[start:end]."""
    spans = []
    position = start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((position + lead, position + lead + len(stripped)))
        position += len(line) + 1
    return spans


def _turn_end(text: str, start: int, end: int) -> tuple[int, int | None]:
    """End of a turn's spoken text, splitting off a closing 'END 7:45 P.M. EST' line as narration."""
    start, end = _trimmed(text, start, end)
    tail = _END_LINE.search(text, start, end)
    if tail:
        return _trimmed(text, start, tail.start())[1], tail.start() + 1
    return end, None


def _utterance(
    document_id: str,
    index: int,
    start: int,
    end: int,
    turn_index: int | None = None,
    label: LabelMatch | None = None,
    label_end: int | None = None,
) -> Utterance:
    """An Utterance row; narration when no label is given."""
    if label is None:
        return Utterance(
            document_id,
            f"{document_id}-u{index:05d}",
            index,
            None,
            None,
            "narrator",
            False,
            start,
            end,
            None,
            None,
            None,
        )
    return Utterance(
        document_id,
        f"{document_id}-u{index:05d}",
        index,
        turn_index,
        label.label,
        speaker_kind_of(label.label),
        label.interpreted,
        start,
        end,
        label.start,
        label_end,
        None,
    )


def split_utterances(
    document_id: str, clean_text: str, labels: tuple[LabelMatch, ...] | None = None
) -> list[Utterance]:
    """Turns for labelled text (continuation lines stay in the open turn), narrator lines elsewhere."""
    if labels is None:
        labels = find_labels(clean_text)
    out: list[Utterance] = []
    first = labels[0].start if labels else len(clean_text)
    for start, end in _narration(clean_text, 0, first):
        out.append(_utterance(document_id, len(out) + 1, start, end))
    for turn_number, label in enumerate(labels, start=1):
        next_start = labels[turn_number].start if turn_number < len(labels) else len(clean_text)
        text_start, _ = _trimmed(clean_text, label.end, next_start)
        text_end, end_line = _turn_end(clean_text, text_start, next_start)
        label_end = label.start + len(clean_text[label.start : label.end].rstrip())
        if not label.interpreted and _INTERPRETER_ASIDE.search(clean_text, text_start, text_end):
            label = label._replace(interpreted=True)  # 'PRESIDENT X:  Thank you.  (As interpreted.)  I believe ...'
        out.append(
            _utterance(document_id, len(out) + 1, text_start, max(text_end, text_start), turn_number, label, label_end)
        )
        if end_line is not None:
            for start, end in _narration(clean_text, end_line, next_start):
                out.append(_utterance(document_id, len(out) + 1, start, end))
    return out
