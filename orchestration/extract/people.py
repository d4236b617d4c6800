"""People: who speaks, who is mentioned, and which mentions are the same person.

Per document (``analyse_speakers``) we read names where the text itself says who a
person is: speaker labels, a title before a name ('U.S. Secretary of State Antony
Blinken'), a name with a middle initial ('Lloyd J. Austin III'), journalists who
introduce themselves or are called on (``questioners``), and first-name address ('Well, Yoko, ...')
when only one person in the document has that given name. Titles and demonyms
(``ref_titles.csv``, ``ref_countries.csv``, read in ``names``) give role and country;
nothing here knows any particular person.

Across documents (``resolve_people``) local people merge on family name plus a
compatible given name (nicknames from ``ref_given_name_variants.csv``), country and
role, so 'PRESIDENT BIDEN', 'Joseph R. Biden' and 'Joe Biden' become one person while
'Jill Biden' stays another.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import NamedTuple, TypeVar

from rapidfuzz import fuzz, process

from .given_names import given_names, untitled_name_mentions
from .names import (
    INITIAL,
    NAME,
    NAME_TOKEN,
    NON_NAME_WORDS,
    SUFFIX,
    DocumentPerson,
    NameMention,
    ParsedName,
    canonical_given,
    country_of_alias,
    fold,
    given_compatible,
    given_key,
    in_title_case_line,
    lexicon,
    nice_case,
    parse_name,
    title_anywhere,
)
from .questioners import (
    attribute_follow_up_questions,
    attribute_greetings_before_introductions,
    holds_office,
    questioner_mentions,
)
from .records import LocalPerson, Person, PersonLink, PersonMention, Sentence, Utterance
from .reference import load_reference, reference_dir
from .sentences import split_sentences
from .title_lists import plural_title_mentions
from .turns import (
    NAME_LOWER,
    NAME_UPPER,
    LabelMatch,
    TitleInfo,
    find_labels,
    parse_label,
    split_utterances,
    title_lexicon,
)
from .turns import OUTLET_CUE as _OUTLET_CUE


class SpeakerAnalysis(NamedTuple):
    """Everything the speaker stage yields for one document."""

    utterances: list[Utterance]
    sentences: list[Sentence]
    mentions: list[PersonMention]
    local_people: list[LocalPerson]


# ---------------------------------------------------------------------------
# Per-document analysis (names and their parsing: names.py; journalists: questioners.py)
# ---------------------------------------------------------------------------

_MIDDLE_INITIAL_NAME = re.compile(rf"[A-Z][a-zà-ÿ]+ {INITIAL} {NAME_TOKEN}(?:,? {SUFFIX})?")
_ADDRESS = re.compile(r"\b([A-Z][a-zà-ÿ]{2,})(?=[,.!?])")
# The office between a country and a spokesperson's title
_OFFICE_WORDS = frozenset({"Ministry", "Foreign", "Defense", "Defence", "Embassy", "Government", "Office", "office"})

_INITIAL_DOT = re.compile(r"\.(?<=[a-zà-ÿ] [A-Z]\.) [A-Z]")


def _middle_initial_mentions(text: str) -> list[NameMention]:
    """Untitled names with a middle initial ('Antony J. Blinken'): a strong person signal on its own.

    The scan looks for the rare ' X. ' first (a pattern starting with a literal dot is
    found in C) and only then reads the name around it.
    """
    out = []
    for hit in _INITIAL_DOT.finditer(text):
        start = text.rfind(" ", max(0, hit.start() - 40), hit.start() - 2) + 1
        m = _MIDDLE_INITIAL_NAME.match(text, start)
        if m is None or (start and text[start - 1].isalnum()):
            continue
        name = parse_name(m.group())
        if name is not None and name.given:
            out.append(NameMention(m.start(), m.end(), "prose", name, None, None, None, None, m.group()))
    return out


BYLINE_SCAN_CHARS = 2000  # bylines sit in a document's header
_BYLINE = re.compile(rf"^(?P<name>{NAME}), (?P<rest>[^\n]{{3,80}})$", re.MULTILINE)
_BYLINE_LEAD = re.compile(r"(?:the )?(?:[A-Z][\w.’'-]* ){0,2}")  # 'Department ', 'U.S. ', 'THE '
_BYLINE_TAIL = re.compile(r"(?: (?:of|for) (?:the )?[A-Z][\w.’' -]{1,40})?\.?", re.IGNORECASE)


def _byline_mentions(text: str) -> list[NameMention]:
    """A header line naming a speaker with a title after a comma ('Matthew Miller, Department Spokesperson',
    'ANTONY J. BLINKEN, SECRETARY OF STATE'), as State Department briefings and remarks print them.

    No title precedes these names, so the titled scan misses them, and a label such as
    'MR MILLER:' would never learn its speaker's given name.
    """
    pattern, by_lower = title_anywhere()
    out: list[NameMention] = []
    for m in _BYLINE.finditer(text, 0, min(len(text), BYLINE_SCAN_CHARS)):
        rest = m.group("rest")
        title = pattern.search(rest)
        if title and not (_BYLINE_LEAD.fullmatch(rest, 0, title.start()) and _BYLINE_TAIL.fullmatch(rest, title.end())):
            title = None  # the title must be the line's whole rest: 'General Counsel, ...' is not 'General'
        name = parse_name(m.group("name")) if title else None
        if name is None or not name.given or title is None:
            continue
        name_end = _name_end(text, m.start("name"), m.end("name"), name)
        role = by_lower[title.group(1).lower()]
        out.append(NameMention(m.start(), name_end, "prose", name, role, None, None, None, text[m.start() : name_end]))
    return out


def _country_before(text: str, position: int) -> str | None:
    """Country of a demonym or name just before a title: 'U.S. Secretary', 'Republic of Korea (ROK) Minister',
    also before a first title joined by 'and' ('Australian Deputy Prime Minister and Minister for Defence')."""
    words = _line_words_before(text, position)
    joined = _joined_title(words)
    if joined is not None:
        words = words[: -joined[1]]
    if words and words[-1].startswith("(") and words[-1].endswith(")"):
        words.pop()  # "Republic of Korea (ROK) Minister", "China (PRC) State Councilor and Foreign Minister"
    if words and words[-1].endswith(("'s", "’s")):
        words[-1] = words[-1][:-2]  # "China's Foreign Minister", "South Korea's Defense Minister"
    while len(words) > 1 and words[-1] in _OFFICE_WORDS:
        words.pop()  # "Chinese Foreign Ministry spokesperson", "the South Korean presidential office spokesman"
    aliases = lexicon().country_by_alias
    for size in (1, 2, 3, 4):
        if size <= len(words):
            code = aliases.get(" ".join(words[-size:]))
            if code:
                return code
    return None


def _title_end(m: re.Match[str]) -> int:
    """Where a titled match's title ends: after 'of Japan' or 'to India' when printed."""
    return max(m.end(group) for group in ("title", "country2", "posting", "portfolio") if m.group(group))


_CLAUSE_GOES_ON = re.compile(r",| [a-z]")


def _named_after_comma(text: str, m: re.Match[str], name: ParsedName) -> bool:
    """After 'Title, ' a person is named in full, or by a surname the clause goes on from.

    'the Foreign Minister, Hayashi, flew back' and 'As Assistant Director, Cheatle served' name
    someone; in 'President, AFL-CIO' (a list of organisations' officers) and 'the Secretary-General,
    African Union leaders' the word after the comma is not a person.
    """
    return bool(name.given) or _CLAUSE_GOES_ON.match(text, m.end("name")) is not None


def _is_honorific_phrase(title: TitleInfo, printed: str) -> bool:
    """'His Majesty', 'Her Excellency', 'The Honorable': words before a title, not a title ('Mr.', 'Madam')."""
    return title.role is None and " " in printed


_TITLE_MODIFIER_BEFORE = re.compile(r"(?:\b(?:Assistant|Under|Associate) |\bto the )$")  # not 'Acting


def _titled_mentions(text: str, start: int, end: int, source: str) -> list[NameMention]:
    """'U.S. Secretary of State Antony Blinken', 'Minister Kihara', 'Prime Minister KISHIDA Fumio of Japan'."""
    lex = lexicon()
    out: list[NameMention] = []
    line_cache: dict[int, bool] = {}
    position = start
    while (m := lex.titled.search(text, position, end)) is not None:
        position = m.end()
        apposition = m.group("apposition")
        if apposition and _opens_next_person(text, m.start("apposition"), end):
            # 'Secretary Antony J. Blinken, Secretary of Defense Lloyd J. Austin III': not an apposition
            # ('Blinken, Secretary') but the next titled person of a list; read it next.
            apposition, position = None, m.start("apposition")
        before = text[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in ".-":
            continue
        name = parse_name(m.group("name"))
        if name is None and _is_honorific_phrase(lex.titles_by_prose[m.group("title")], m.group("title")):
            # An honorific before the title proper: 'His Majesty' + 'King Abdullah II of Jordan'.
            inner = lex.titled.match(text, m.start("name"), end) if m.start("name") == m.end("title") + 1 else None
            if inner is not None:
                m, name = inner, parse_name(inner.group("name"))
        comma = "," in text[_title_end(m) : m.start("name")]
        if name is None or comma and not _named_after_comma(text, m, name):
            continue
        if m.group("portfolio") and (
            name.tokens < 2
            or m.group("name").split()[0] in lex.non_name
            or title_anywhere()[0].match(m.group("name"))  # '... for Strategic Affairs Admiral Flávio Rocha'
        ):
            continue  # after 'Judge for the Eastern' or 'Envoy for Afghanistan', 'District' and 'Reconciliation'
        # are the portfolio's last words: a person after a portfolio is named in full
        if comma and lex.titles_by_prose[m.group("title")].role is None:
            continue  # 'Raja, Shri, Pramila': a list of first names, not the honorific 'Shri' before a name
        name_start = m.start("name")
        name_end = _name_end(text, name_start, m.end("name"), name)
        title = lex.titles_by_prose[m.group("title")]
        country = country_of_alias(
            m.group("country2") or m.group("country3") or m.group("country4")
        ) or _country_before(text, m.start())
        role = title
        if _TITLE_MODIFIER_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            role = TitleInfo(title.phrase, None, title.speaker_kind, None)  # 'Assistant to the President', 'Under
            # Secretary of Defense': a post below the title read, whose name the lexicon does not know
        if apposition and name_end == m.end("name"):
            role = lex.titles_by_prose[apposition] if title.role is None else title
        if title.role is None and apposition:
            role = lex.titles_by_prose[apposition]
        headline = source == "metadata" or in_title_case_line(text, m.start(), line_cache)
        out.append(
            NameMention(
                None if source == "metadata" else name_start,
                None if source == "metadata" else name_end,
                source,
                name,
                role,
                country,
                None,
                None,
                text[name_start:name_end],
                headline,
                _joined_title_before(text, m.start()),
            )
        )
    return out


def _opens_next_person(text: str, position: int, end: int) -> bool:
    """Does a titled name ('Secretary of Defense Lloyd J. Austin III') start at ``position``?"""
    following = lexicon().titled.match(text, position, end)
    return following is not None and parse_name(following.group("name")) is not None


def _line_words_before(text: str, position: int) -> list[str]:
    """The words of the line before ``position`` (at most 80 characters back)."""
    return text[max(0, position - 80) : position].rpartition("\n")[2].split()


def _joined_title(words: list[str]) -> tuple[TitleInfo, int] | None:
    """The first of two titles joined by 'and' that ``words`` end with ('... Deputy Prime Minister and'):
    that title, and how many words it and its 'and' take."""
    if len(words) < 2 or words[-1] != "and":
        return None
    titles = lexicon().titles_by_prose
    for size in range(min(5, len(words) - 1), 0, -1):
        found = titles.get(" ".join(words[-1 - size : -1]))
        if found is not None:
            return found, size + 1
    return None


def _joined_title_before(text: str, position: int) -> TitleInfo | None:
    """The first of two titles joined by 'and' before a name ('Deputy Prime Minister and Minister ...')."""
    joined = _joined_title(_line_words_before(text, position))
    return joined[0] if joined is not None and joined[0].role else None


def _trim_headline_names(mentions: list[NameMention], known: set[str]) -> list[NameMention]:
    """In headlines keep the longest name prefix ending in a surname the document uses elsewhere.

    'President Biden Honoring Veterans' -> 'Biden'; a single-word name is kept as is;
    anything else is dropped rather than guessed.
    """
    out = []
    family_first = lexicon().family_first_countries
    for mention in mentions:
        if not mention.headline or mention.name is None:
            out.append(mention)
            continue
        tokens = mention.printed.split()
        for size in range(len(tokens), 0, -1):
            name = parse_name(" ".join(tokens[:size]))
            # 'President Yoon Suk Yeol of the Republic of Korea': a country that writes the family name first
            # makes the first word the surname the document uses ('Yoon'), and the whole name is kept.
            read_family_first = mention.country in family_first and 2 <= size <= 3 and fold(tokens[0]) in known
            if name is not None and name.tokens == size and read_family_first and fold(name.family) not in known:
                given = _family_first_given(" ".join(tokens[:size]), name.given, name.family)
                name = name._replace(family=name.given, given=given, family_first=True)
            if name is not None and name.family and fold(name.family) in known:
                printed = " ".join(tokens[:size])
                end = None if mention.start is None else mention.start + len(printed)
                out.append(mention._replace(name=name, printed=printed, end=end))
                break
        else:
            if len(tokens) == 1:
                out.append(mention)
    return out


def _name_end(text: str, start: int, end: int, name: ParsedName) -> int:
    """End of the name proper inside a greedy name match (stops before words parse_name rejected)."""
    span = text[start:end]
    last = name.suffix or name.family if not name.family_first else (name.given or name.family)
    if last is None:
        return end
    for candidate in (last, last.upper()):
        pos = span.rfind(candidate)
        if pos >= 0:
            return start + pos + len(candidate)
    return end


def _label_name(label: str, tokens: list[str]) -> ParsedName:
    """The name in a label's words after its title: the last word is the family name.

    Leading words that are never names (title words the title lexicon lacks, as 'OF NATIONAL
    DEFENSE' after 'SECRETARY') are dropped first. A label in mixed case ('Prime Minister
    Jonas Gahr Støre') is read as prose names are read, so it gives given name Jonas, as
    'Jonas Gahr Støre' in the text does, and both stay one person; the reading is kept only
    when it ends on the label's last name word. Upper-case labels keep the plain reading
    (the prose reader knows upper-case names in ASCII only), less suffixes and initials.
    """
    non_name = lexicon().non_name
    while len(tokens) > 1 and (tokens[0] in non_name or tokens[0].title() in non_name):
        tokens = tokens[1:]  # title words the title lexicon lacks: 'OF NATIONAL DEFENSE' (after 'SECRETARY')
    family = nice_case(tokens[-1])
    if len(tokens) > 1 and not label.isupper():
        # The printed words (dots kept) end the label, but for a two-part one ('X Y, Minister for ...').
        printed = tokens if ", " in label else label.split()[-len(tokens) :]
        name = parse_name(" ".join(printed)) if len(printed) == len(tokens) else None
        if name is not None and (
            name.family_first  # 'KAMIKAWA Yoko', 'Cho Tae-yul': the prose reader saw the family name first
            or (name.family == family and name.given == nice_case(tokens[0]))
        ):
            return name
    return _upper_label_name(tokens)


_LABEL_SUFFIXES = frozenset({"JR", "JNR", "SR", "SNR", "II", "III", "IV"})


def _upper_label_name(tokens: list[str]) -> ParsedName:
    """'LLOYD J AUSTIN III' -> Austin, given Lloyd, middle J., suffix III: a suffix or an initial is not a name."""
    suffix = None
    if len(tokens) > 1 and tokens[-1].upper() in _LABEL_SUFFIXES:
        suffix = nice_case(tokens[-1]) + "." if tokens[-1].upper() in {"JR", "SR"} else tokens[-1].upper()
        tokens = tokens[:-1]
    initials = [t for t in tokens[1:-1] if len(t) == 1]
    words = [tokens[0], *(t for t in tokens[1:-1] if len(t) > 1), tokens[-1]] if len(tokens) > 1 else tokens
    given = " ".join(nice_case(t) for t in words[:-1]) or None
    middle = f"{initials[0]}." if initials else None
    return ParsedName(nice_case(words[-1]), given, middle, suffix, None, len(words))


def _label_mentions(clean_text: str, labels: list[LabelMatch], utterance_of_turn: list[int]) -> list[NameMention]:
    """One mention per named speaker label ('DEFENSE MINISTER KIHARA', 'MS. PSAKI', 'MR. HUNTER BIDEN')."""
    out: list[NameMention] = []
    lex = lexicon()
    for turn, label in enumerate(labels):
        if label.label == "Q":
            continue
        parsed = parse_label(label.label)
        role = parsed.title
        if role is not None and role.speaker_kind != "official" and parsed.organization is None:
            continue  # a journalist is named by a label only with the outlet ('NHK, Igarashi')
        tokens = [t for t in parsed.name_tokens if t]
        name = None
        if tokens:
            name = _label_name(label.label, tokens)
            if fold(name.family) in lex.non_name_folded:
                continue
        out.append(
            NameMention(
                label.start,
                label.start + len(label.label),
                "label",
                name,
                role,
                None,
                parsed.organization,
                utterance_of_turn[turn],
                label.label,
            )
        )
    return out


class _DocumentPeople:
    """Merges mentions of one document into local people."""

    def __init__(self) -> None:
        self.people: list[DocumentPerson] = []
        self.by_family: dict[str, list[DocumentPerson]] = defaultdict(list)

    def candidates(self, family: str) -> list[DocumentPerson]:
        return self.by_family.get(fold(family), [])

    def add(self, mention: NameMention) -> DocumentPerson | None:
        name = mention.name
        if name is None or name.family is None:
            return None
        person = self.match(name, mention.role)
        if person is None:
            person = DocumentPerson(name.family, name.given)
            self.people.append(person)
            self.by_family[fold(name.family)].append(person)
        person.absorb(mention, None)
        return person

    def match(self, name: ParsedName, role: TitleInfo | None) -> DocumentPerson | None:
        """The local person a name refers to: same family and compatible given name; by role when ambiguous.

        A surname with a title ('President Biden') only joins someone whose known roles fit
        that title; otherwise it stays a separate local person and the corpus step decides.
        """
        options = [p for p in self.candidates(name.family or "") if given_compatible(p.given, name.given)]
        if not name.given and role is not None and role.role and role.speaker_kind == "official":
            options = [p for p in options if _role_fits(role.role, p.roles)]
        if not options and name.given and name.family_first is None:
            swapped = [p for p in self.candidates(name.given) if given_compatible(p.given, name.family)]
            options = swapped
        if len(options) <= 1:
            return options[0] if options else None
        if name.given:
            exact = [p for p in options if p.given and fold(p.given) == fold(name.given)]
            if exact:
                return exact[0]
        if role is not None and role.role:
            by_role = [p for p in options if role.role in p.roles]
            if len(by_role) == 1:
                return by_role[0]
        named = [p for p in options if p.given]
        return max(named or options, key=lambda p: len(p.mentions))


def _role_fits(role: str, roles: Counter[str]) -> bool:
    """A title fits a person whose roles include it or a more/less specific form of it."""
    return any(known == role or known.startswith(role + " ") or role.startswith(known + " ") for known in roles)


def _order_families(people: _DocumentPeople) -> None:
    """Fix 'Kihara Minoru'-style names read given-first when the document also uses 'Kihara' alone."""
    singles = {
        fold(m.name.family)
        for p in people.people
        for m in p.mentions
        if m.name is not None and m.name.tokens == 1 and m.name.family
    }
    titled_singles = {  # 'President Xi': a word a title is put before is a family name
        fold(m.name.family)
        for p in people.people
        for m in p.mentions
        if m.name is not None and m.name.tokens == 1 and m.name.family and m.role is not None and m.role.role
    }
    family_first_countries = lexicon().family_first_countries
    names = given_names()
    for person in list(people.people):
        if (
            person.given
            and person.family_first is None
            and " " not in person.given
            and fold(person.given) in singles
            and fold(person.family or "") not in singles
            # 'Austin Tice ... Austin's release': a given name used alone, in a name whose last word is no
            # given name, is read given-first unless the person's country puts the family name first or a
            # title is put before the word ('Xi Jinping ... President Xi')
            and not (
                person.given in names
                and (person.family or "") not in names
                and not set(person.countries) & family_first_countries
                and fold(person.given) not in titled_singles
            )
        ):
            _turn_round(person)


def _turn_round(person: DocumentPerson) -> None:
    """Read a name family first: 'Yoon Suk Yeol' read given 'Yoon', family 'Yeol' -> family 'Yoon',
    given 'Suk Yeol'."""
    family = person.given
    person.family, person.given = family, _family_first_given(person.printed, family, person.family)
    person.family_first = True


def _family_first_given(printed: str, family: str | None, last_word: str | None) -> str | None:
    """The given name of a printed name read family first. Names printed family first have no middle
    names: the middle word of three belongs to the given name ('Yoon Suk Yeol': 'Suk Yeol', 'Lee
    Hsien Loong': 'Hsien Loong'); an initial stays a middle initial."""
    words = printed.split()
    if len(words) == 3 and words[0] == family and words[-1] == last_word and "." not in words[1]:
        return f"{words[1]} {last_word}"
    return last_word


def _fuzzy_family(family: str, known: list[str]) -> str | None:
    """A label surname misspelt by the transcriber ('PSAK') matched to a surname the document uses."""
    if len(family) < 4 or not known:
        return None
    best = process.extractOne(family, known, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else None


def _merge_into_people(mentions: list[NameMention], doc: _DocumentPeople) -> list[tuple[NameMention, DocumentPerson]]:
    """Attach each named mention to a local person; full names first so surnames find their owner."""
    ordered = sorted(
        range(len(mentions)),
        key=lambda i: (-(mentions[i].name.tokens if mentions[i].name else 0), mentions[i].source == "label", i),
    )
    attached: list[tuple[NameMention, DocumentPerson]] = []
    for i in ordered:
        mention = mentions[i]
        if mention.name is None:
            continue
        if mention.source == "label" and not doc.candidates(mention.name.family or ""):
            corrected = _fuzzy_family(mention.name.family or "", [p.family for p in doc.people if p.family])
            if corrected:
                mention = mention._replace(name=mention.name._replace(family=corrected))
        person = doc.add(mention)
        if person is not None:
            attached.append((mention, person))
    return attached


def _role_only_label_person(
    parsed_role: TitleInfo,
    doc: _DocumentPeople,
    labelled: set[int],
    *,
    label: str = "",
    title: str | None = None,
    publisher_country: str | None = None,
) -> DocumentPerson | None:
    """'THE PRESIDENT' -> the one holder of that role named in the document title, else in the whole document.

    People with a named label of their own ('PRESIDENT MACRON') are not candidates. A generic label
    ('THE PRESIDENT', 'THE VICE PRESIDENT') is the publisher's own office-holder: never a holder
    whose printed country is another, nor one the text merely mentions ('I spoke with President X
    of Nigeria') unless the text gives them the publisher's country; with two holders in the title,
    the one the title presents the document by ('Remarks by President X and President Y').
    """
    generic = label.upper().startswith("THE ")
    holders = [p for p in doc.people if parsed_role.role in p.roles and id(p) not in labelled]
    if generic and publisher_country:
        holders = [p for p in holders if not p.countries or publisher_country in p.countries]
    in_title = [p for p in holders if any(m.source == "metadata" for m in p.mentions)]
    if len(in_title) == 1:
        return in_title[0]
    if len(in_title) > 1 and generic and title and publisher_country:
        presented = _presented_first(title, in_title, lambda p: p.family)
        if presented is not None:
            return presented
    if generic and publisher_country:
        own = [p for p in holders if publisher_country in p.countries]
        return own[0] if len(own) == 1 else None
    if len(holders) == 1 and not (generic and holders[0].countries):
        return holders[0]
    return None


T = TypeVar("T")


def _presented_first(title: str, people: list[T], family: Callable[[T], str | None]) -> T | None:
    """The person the title names first, when a presenting 'by', 'of' or 'from' leads to them
    ('Remarks by President X and ...', 'Readout of Secretary Y's Call'); else None."""
    found = [
        (match.start(), index)
        for index, person in enumerate(people)
        if (name := family(person)) and (match := re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", title))
    ]
    if not found:
        return None
    at, index = min(found)
    return people[index] if _PRESENTED_BY.search(title[:at]) else None


def _label_cut_short(
    label: str, labels: list[LabelMatch], person_of: dict[tuple[int | None, str], DocumentPerson]
) -> DocumentPerson | None:
    """'VICE PRESIDENT:' in a transcript whose only other such label is 'VICE PRESIDENT HARRIS:' -- the
    same speaker's label printed without the name. Never 'THE PRESIDENT', the host's usual label."""
    if label.upper().startswith("THE "):
        return None
    prefix = label.upper() + " "
    owners = {
        id(person): person
        for other in labels
        if other.label.upper().startswith(prefix) and (person := person_of.get((other.start, "label"))) is not None
    }
    return next(iter(owners.values())) if len(owners) == 1 else None


def _address_mentions(
    clean_text: str, utterances: list[Utterance], doc: _DocumentPeople
) -> list[tuple[int, int, int, DocumentPerson]]:
    """First-name address at a turn's start ('Well, Yoko, thank you') when exactly one local person has that name."""
    by_given: dict[str, list[DocumentPerson]] = defaultdict(list)
    for person in doc.people:
        if person.given:
            by_given[person.given.split()[0]].append(person)
    owner_of = {name: owners[0] for name, owners in by_given.items() if len(owners) == 1 and not doc.candidates(name)}
    if not owner_of:  # no given name could be read as an address: nothing to scan for
        return []
    out = []
    for index, utterance in enumerate(utterances):
        if utterance.turn_index is None:
            continue
        for m in _ADDRESS.finditer(
            clean_text, utterance.char_start, min(utterance.char_end, utterance.char_start + 80)
        ):
            owner = owner_of.get(m.group(1))
            if owner is not None:
                out.append((m.start(1), m.end(1), index, owner))
    return out


def _bare_surname_mentions(
    clean_text: str, doc: _DocumentPeople, taken: list[tuple[int, int]]
) -> list[tuple[int, int, DocumentPerson]]:
    """Later bare mentions of a surname the document has already tied to one person ('Kishida said ...').

    Plain str.find per surname: a handful of surnames per document, each found in C.
    """
    taken_sorted = sorted(taken)
    out = []
    for person in doc.people:
        family = person.family
        if not family or len(doc.candidates(family)) != 1:
            continue
        position = clean_text.find(family)
        while position >= 0:
            end = position + len(family)
            before = clean_text[position - 1] if position else " "
            after = clean_text[end] if end < len(clean_text) else " "
            if not (before.isalnum() or before == "-" or after.isalnum() or after == "-") and not _overlaps(
                taken_sorted, position, end
            ):
                out.append((position, end, person))
            position = clean_text.find(family, end)
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (start, float("inf")))
    if i and spans[i - 1][1] > start:
        return True
    return i < len(spans) and spans[i][0] < end


def _utterance_at(utterances: list[Utterance], starts: list[int], offset: int) -> Utterance | None:
    import bisect

    i = bisect.bisect_right(starts, offset) - 1
    if i >= 0 and utterances[i].char_start <= offset < max(utterances[i].char_end, utterances[i].char_start + 1):
        return utterances[i]
    if i >= 0 and utterances[i].label_start is not None and offset < utterances[i].char_start:
        return utterances[i]
    if (
        i + 1 < len(utterances)
        and utterances[i + 1].label_start is not None
        and utterances[i + 1].label_start <= offset < utterances[i + 1].char_start
    ):
        return utterances[i + 1]
    return None


def _read_family_first(person: DocumentPerson) -> None:
    """'Wang Yi', 'Yoon Suk Yeol' read given name first: turn them round for a country printed family first.

    Only a plain printed name of two or three words that was read given-first with no other clue
    (no upper-case family name, no lone surname elsewhere in the document) is turned.
    """
    if person.family_first is not None or not person.given or not person.printed:
        return
    words = person.printed.split()
    if 2 <= len(words) <= 3 and words[0] == person.given and words[-1] == person.family:
        _turn_round(person)  # the same turn as _order_families makes


def _local_person_rows(document_id: str, doc: _DocumentPeople, counts: Counter[int]) -> list[LocalPerson]:
    lex = lexicon()
    rows = []
    used: set[str] = set()
    for person in doc.people:
        if not counts.get(id(person)):
            continue
        country = person.countries.most_common(1)[0][0] if person.countries else None
        if country in lex.printed_family_first_countries:
            _read_family_first(person)
        base = fold(person.family or "x").replace(" ", "-")
        key = base if base not in used else f"{base}-{fold(person.given or str(len(used)))}"
        while key in used:
            key += "+"
        used.add(key)
        person.key = key
        role = _best_role(person.roles)
        organization = person.orgs.most_common(1)[0][0] if person.orgs else None
        family_first = bool(person.family_first) or (country in lex.family_first_countries and bool(person.given))
        rows.append(
            LocalPerson(
                document_id,
                key,
                person.family,
                person.given,
                person.printed or person.family or "",
                family_first,
                role,
                country,
                organization,
                counts[id(person)],
            )
        )
    return rows


def _best_role(roles: Counter[str]) -> str | None:
    """The most frequent role, where a generic title counts for a specific one it is part of.

    'Secretary Blinken' and 'Secretary of State Blinken' in one document are one role,
    'Secretary of State', not a tie between two ('President' does not fold into 'Vice President').
    """
    if not roles:
        return None
    totals: dict[str, float] = dict(roles)
    for generic, count in roles.items():
        specific = [r for r in roles if r != generic and r.lower().startswith(generic.lower() + " ")]
        if specific:
            best = max(specific, key=lambda r: roles[r])
            totals[best] += count
            totals[generic] = 0
    return max(totals.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


_SOURCE_PRIORITY = {"label": 0, "self_intro": 1, "called_on": 2, "address": 3, "prose": 4}


def _dedupe_by_span(records: list[tuple[int, int, str, DocumentPerson]]) -> list[tuple[int, int, str, DocumentPerson]]:
    """One mention per span, in text order; the most specific source wins ('called_on' over 'prose')."""
    records.sort(key=lambda r: (r[0], _SOURCE_PRIORITY.get(r[2], 9), -r[1]))
    out: list[tuple[int, int, str, DocumentPerson]] = []
    for record in records:
        if out and record[0] < out[-1][1]:
            continue
        out.append(record)
    return out


def analyse_speakers(
    document_id: str, clean_text: str, kind: str, metadata: dict, *, publisher_country: str | None = None
) -> SpeakerAnalysis:
    """Utterances, sentences, person mentions and local people of one document (the per-document entry point).

    ``publisher_country``: the government whose own document this is (actors.publisher_country); the
    official its title presents the document by takes that country when the document prints none."""
    labels = find_labels(clean_text)
    utterances = split_utterances(document_id, clean_text, labels)
    sentences = split_sentences(document_id, clean_text, utterances)
    turn_utterance = [i for i, u in enumerate(utterances) if u.turn_index is not None]

    title = (metadata or {}).get("title")
    context = _titled_mentions(title, 0, len(title), "metadata") if isinstance(title, str) else []
    prose = _titled_mentions(clean_text, 0, len(clean_text), "prose")
    prose += _middle_initial_mentions(clean_text)
    starts = {m.start for m in prose}
    prose += [m for m in _byline_mentions(clean_text) if m.start not in starts]
    taken = {m.start for m in prose}
    prose += [m for m in plural_title_mentions(clean_text) if m.start not in taken]
    prose += untitled_name_mentions(clean_text, [(m.start, m.end) for m in prose if m.start is not None])
    label_mentions = _label_mentions(clean_text, labels, turn_utterance)
    questioners = questioner_mentions(clean_text, utterances)

    known = {fold(m.name.family) for m in prose + label_mentions if m.name and m.name.family and not m.headline}
    context = _trim_headline_names(context, known)
    prose = _trim_headline_names(prose, known)
    doc = _DocumentPeople()
    all_mentions = context + prose + label_mentions + [m for ms in questioners.values() for m in ms]
    attached = _merge_into_people(all_mentions, doc)
    _order_families(doc)
    person_of: dict[tuple[int | None, str], DocumentPerson] = {(m.start, m.source): p for m, p in attached}

    speaker_of: dict[int, DocumentPerson] = {}
    labelled_people = {id(person_of[(m.start, "label")]) for m in label_mentions if (m.start, "label") in person_of}
    for turn, label in enumerate(labels):
        index = turn_utterance[turn]
        person = person_of.get((label.start, "label"))
        if person is None and label.label != "Q":
            parsed = parse_label(label.label)
            if (
                parsed.title
                and parsed.title.role
                and parsed.title.speaker_kind == "official"
                and not parsed.name_tokens
            ):
                person = _role_only_label_person(
                    parsed.title,
                    doc,
                    labelled_people,
                    label=label.label,
                    title=title if isinstance(title, str) else None,
                    publisher_country=publisher_country,
                ) or _label_cut_short(label.label, labels, person_of)
                if person is not None:
                    person.absorb(
                        NameMention(
                            label.start,
                            label.start + len(label.label),
                            "label",
                            None,
                            parsed.title,
                            None,
                            None,
                            index,
                            label.label,
                        ),
                        None,
                    )
                    attached.append((person.mentions[-1], person))
        if person is not None:
            speaker_of[index] = person
    for index, candidates in questioners.items():
        people_here = [person_of.get((m.start, m.source)) for m in candidates]
        # a journalist, never an official of the document ('... call on Dr. Walensky' is not a call)
        person = next((p for p in people_here if p is not None and not holds_office(p)), None)
        if person is not None:
            speaker_of[index] = person
    attribute_follow_up_questions(clean_text, utterances, speaker_of)
    attribute_greetings_before_introductions(clean_text, utterances, speaker_of)

    extra: list[tuple[int, int, str, DocumentPerson]] = []
    for start, end, _index, person in _address_mentions(clean_text, utterances, doc):
        extra.append((start, end, "address", person))
    spans = [(m.start, m.end) for m, _ in attached if m.start is not None]
    spans += [(s, e) for s, e, _, _ in extra]
    for start, end, person in _bare_surname_mentions(clean_text, doc, spans):
        extra.append((start, end, "prose", person))

    records: list[tuple[int, int, str, DocumentPerson]] = [
        (m.start, m.end, m.source, p) for m, p in attached if m.start is not None and m.end is not None
    ] + extra
    records = _dedupe_by_span(records)
    counts: Counter[int] = Counter(id(p) for _, _, _, p in records)
    for person in speaker_of.values():
        counts[id(person)] += 0 if counts[id(person)] else 1
    local_people = _local_person_rows(document_id, doc, counts)
    if publisher_country and isinstance(title, str):
        local_people = _principal_takes_publisher_country(title, local_people, publisher_country)
    if publisher_country:
        local_people = _own_office_holders_take_publisher_country(local_people, publisher_country)

    starts = [u.char_start if u.label_start is None else u.label_start for u in utterances]
    mentions: list[PersonMention] = []
    for start, end, source, person in records:
        if not person.key:
            continue
        utterance = _utterance_at(utterances, starts, start)
        mentions.append(
            PersonMention(
                document_id,
                f"{document_id}-p{len(mentions) + 1:05d}",
                start,
                end,
                clean_text[start:end],
                source,
                utterance.utterance_id if utterance else None,
                person.key,
            )
        )
    for index, person in speaker_of.items():
        if person.key:
            utterances[index] = utterances[index]._replace(local_person_key=person.key)
    return SpeakerAnalysis(utterances, sentences, mentions, local_people)


_NOT_OFFICIALS = frozenset({"journalist", "reporter", "moderator"})


def _principal_takes_publisher_country(
    title: str, local_people: list[LocalPerson], publisher_country: str
) -> list[LocalPerson]:
    """'Remarks by President Biden Before Meeting with Prime Minister Draghi of the Italian Republic',
    'Readout of Secretary Roe's Call with ...', 'Statement from Press Secretary Doe': a government's
    own document is presented by one of its officials, named first after 'by', 'of' or 'from'. With
    no country printed for them, that official is the publishing government's. Others named in the
    title (a guest, even an unqualified one) are left as they are: unknown beats a guess."""
    principal = _presented_first(title, local_people, lambda p: p.family_name)
    if principal is None or principal.country or not principal.role or principal.role.lower() in _NOT_OFFICIALS:
        return local_people
    return [p._replace(country=publisher_country) if p is principal else p for p in local_people]


@functools.lru_cache(maxsize=4)
def _own_offices(_folder: str) -> dict[str, frozenset[str]]:
    offices: dict[str, set[str]] = {}
    for row in load_reference("ref_own_offices"):
        offices.setdefault(row["country_code"].strip(), set()).add(row["role"].strip())
    return {code: frozenset(roles) for code, roles in offices.items()}


def _own_office_holders_take_publisher_country(
    local_people: list[LocalPerson], publisher_country: str
) -> list[LocalPerson]:
    """'Secretary Doe', 'Senator Roe' in a White House text: a government's own documents name its own
    office-holders by bare title and print a foreign one's country ('Foreign Minister Poe of Ruritania').
    So a holder of one of the publisher's own offices (ref_own_offices.csv, kept to roles measured to be
    the publisher's in at least 96% of cases) with no country printed in the document takes the
    publisher's country. Offices every government has (President, Prime Minister, Ambassador, Mayor)
    are not listed: there the bare title says nothing."""
    roles = _own_offices(str(reference_dir())).get(publisher_country)
    if not roles:
        return local_people
    return [p._replace(country=publisher_country) if not p.country and p.role in roles else p for p in local_people]


# 'by President', 'of Secretary of State', 'from Press Secretary Jane': the words before the first name
# of a title are a presenting preposition and then only capitalised words (titles, given names).
_PRESENTED_BY = re.compile(r"\b(?:by|of|from)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+(?:of\s+|for\s+)?)*$")


# ---------------------------------------------------------------------------
# Corpus-level resolution
# ---------------------------------------------------------------------------


_UNSET = object()


class _Cluster:
    __slots__ = (
        "family",
        "members",
        "givens",
        "roles",
        "countries",
        "default_countries",
        "orgs",
        "middles",
        "suffixes",
        "family_first",
        "mentions",
        "families",
        "folded_givens",
        "_country",
        "_role_class",
    )

    def __init__(self, family: str) -> None:
        self.family = family
        self.members: list[LocalPerson] = []
        self.givens: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()  # printed ('Philippine Defense Secretary X')
        self.default_countries: Counter[str] = Counter()  # only the title's usual country
        self.orgs: Counter[str] = Counter()
        self.middles: Counter[str] = Counter()
        self.suffixes: Counter[str] = Counter()
        self.families: Counter[str] = Counter()
        self.family_first = 0
        self.mentions = 0
        self.folded_givens: set[str] = set()
        # Majority country and role, cached between additions: clustering asks for them for
        # every candidate member, and recounting dominated corpus resolution.
        self._country: str | None | object = _UNSET
        self._role_class: str | None | object = _UNSET

    def add(self, person: LocalPerson) -> None:
        self.members.append(person)
        self._country = self._role_class = _UNSET
        weight = max(person.mention_count, 1)
        self.mentions += person.mention_count
        if person.given_name:  # documents, not mentions, vote: one chatty speech must not rename a person
            self.givens[person.given_name] += 2 if person.role else 1
            self.folded_givens.add(given_key(person.given_name))
        if person.role:
            self.roles[person.role] += weight
        if person.country:
            if printed_country(person):
                self.countries[person.country] += weight
            else:
                self.default_countries[person.country] += weight
        if person.organization:
            self.orgs[person.organization] += weight
        if person.family_name:
            self.families[person.family_name] += weight * (1 if person.family_name.isupper() else 2)
        middle, suffix = _middle_and_suffix(person.name_as_printed, person.given_name, person.family_name)
        if middle:
            self.middles[f"{person.given_name}|{middle}"] += weight
        if suffix:
            self.suffixes[f"{person.given_name}|{suffix}"] += weight
        if person.given_name:  # a bare surname says nothing about the order of the full name
            self.family_first += weight if person.family_name_first else -weight

    def given(self) -> str | None:
        return self.givens.most_common(1)[0][0] if self.givens else None

    def country(self) -> str | None:
        """The country sources print; a title's usual country ('Secretary of Defense': US) only
        when none prints one."""
        if self._country is _UNSET:
            counts = self.countries or self.default_countries
            self._country = counts.most_common(1)[0][0] if counts else None
        return self._country  # type: ignore[return-value]

    def printed_country(self) -> str | None:
        return self.countries.most_common(1)[0][0] if self.countries else None

    def role_class(self) -> str | None:
        if self._role_class is _UNSET:
            self._role_class = self.roles.most_common(1)[0][0] if self.roles else None
        return self._role_class  # type: ignore[return-value]


_PRINTED_INITIAL = re.compile(rf"\b({INITIAL}) ")
_PRINTED_SUFFIX = re.compile(rf",? ({SUFFIX})")


def _middle_and_suffix(printed: str, given: str | None, family: str | None) -> tuple[str | None, str | None]:
    """Middle initial or names, and suffix, as printed in the fullest form of a name.

    'Lloyd J. Austin III' -> ('J.', 'III'); 'Jonas Gahr Støre' -> ('Gahr', None); 'Yoon Suk Yeol'
    (family first) -> ('Suk', None): the words between the given and the family name.
    """
    middle = suffix = None
    if not given and family and printed.endswith(family):  # 'S. Jaishankar': an initial is all of the given name
        found = _INITIAL_ONLY_BEFORE.fullmatch(printed[: -len(family)])
        middle = found.group(1) if found else None
    if given and family and given in printed and family in printed:
        found = _PRINTED_INITIAL.search(printed, printed.find(given))
        if found and found.start() < printed.rfind(family):
            middle = found.group(1)
        else:
            middle = _middle_words(printed, given, family)
    if given and family and given in printed and family in printed:
        found = _PRINTED_SUFFIX.match(printed, printed.rfind(family) + len(family))
        if found:
            suffix = found.group(1)
    return middle, suffix


_INITIAL_ONLY_BEFORE = re.compile(r"([A-Z]\.) ")
_MIDDLE_WORDS = re.compile(rf"[{NAME_UPPER}][{NAME_LOWER}’'\-]+(?: [{NAME_UPPER}][{NAME_LOWER}’'\-]+)?")


def _middle_words(printed: str, given: str, family: str) -> str | None:
    """One or two capitalised words printed between the given and the family name (either order)."""
    given_at, family_at = printed.find(given), printed.rfind(family)
    if given_at < family_at:
        between = printed[given_at + len(given) : family_at]
    else:
        between = printed[family_at + len(family) : given_at] if family_at >= 0 else ""
    between = between.strip()
    return between if between and _MIDDLE_WORDS.fullmatch(between) else None


def _countries_compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a == b


def printed_country(person: LocalPerson) -> str | None:
    """The person's country when the document prints it, not merely the usual country of the title.

    'Secretary of Defense Gilberto Teodoro' is read as U.S. by the title alone; a source that says
    'Philippine Defense Secretary Gilberto Teodoro' must still be able to name the same man.
    """
    if person.country and person.country == _title_default_countries().get(person.role or ""):
        return None
    return person.country


@functools.lru_cache(maxsize=1)
def _title_default_countries() -> dict[str, str]:
    """Role -> the country every title phrase of that role implies ('Secretary of State': US)."""
    by_role: dict[str, set[str | None]] = {}
    for info in title_lexicon().values():
        if info.role:
            by_role.setdefault(info.role, set()).add(info.country)
    return {
        role: next(iter(countries))
        for role, countries in by_role.items()
        if len(countries) == 1 and None not in countries
    }


def _only_a_title_default_differs(person: LocalPerson, cluster: _Cluster) -> bool:
    """The same full name with countries that differ only by a title's usual country joins up."""
    if not person.given_name or given_key(person.given_name) not in cluster.folded_givens:
        return False
    printed = printed_country(person)
    cluster_printed = cluster.printed_country()
    return not printed or not cluster_printed or printed == cluster_printed


def _is_journalist(role: str | None) -> bool:
    return role == "journalist"


def _compatible(person: LocalPerson, cluster: _Cluster) -> bool:
    """Could this local person be the cluster's person? (given name, country, journalist vs official)."""
    if person.given_name and cluster.givens and not any(given_compatible(person.given_name, g) for g in cluster.givens):
        return False
    if not _countries_compatible(person.country, cluster.country()) and not _only_a_title_default_differs(
        person, cluster
    ):
        return False
    if _is_journalist(person.role) != _is_journalist(cluster.role_class()) and person.role and cluster.roles:
        return False
    return not (
        _is_journalist(person.role)
        and person.organization
        and cluster.orgs
        and not any(fuzz.ratio(person.organization, o) >= 80 for o in cluster.orgs)
    )


def _pick_cluster(person: LocalPerson, clusters: list[_Cluster]) -> _Cluster | None:
    """The one cluster a local person belongs to, by given name first, then role, then dominance."""
    options = [c for c in clusters if _compatible(person, c)]
    if person.given_name:
        folded = given_key(person.given_name)
        exact = [c for c in options if folded in c.folded_givens]
        named = exact or [c for c in options if c.givens]
        if len(named) == 1:
            return named[0]
        if named:
            return max(named, key=lambda c: c.mentions)
        return options[0] if options else None
    if len(options) <= 1:
        return options[0] if options else None
    if person.role:
        by_role = [c for c in options if person.role in c.roles]
        if len(by_role) == 1:
            return by_role[0]
        if by_role:
            options = by_role
    total = sum(c.mentions for c in options)
    best = max(options, key=lambda c: c.mentions)
    return best if best.mentions >= 0.6 * total else None


def _identity_key(cluster: _Cluster) -> str:
    """What a person id is made of: family plus canonical given name; role, outlet and country when unnamed."""
    given = sorted(canonical_given(cluster.given()))[:1]
    if given:
        return f"{fold(cluster.family)}|{given[0]}"
    org = cluster.orgs.most_common(1)[0][0] if cluster.orgs else ""
    return f"{fold(cluster.family)}|{cluster.role_class() or ''}|{org}|{cluster.country() or ''}"


def _hash_id(key: str) -> str:
    return "per_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _tie_break(cluster: _Cluster) -> tuple:
    """A total order on clusters that depends only on their content (not on the order the input came in)."""
    first = min((m.document_id, m.local_person_key) for m in cluster.members)
    org = cluster.orgs.most_common(1)[0][0] if cluster.orgs else ""
    return (-cluster.mentions, cluster.role_class() or "", cluster.country() or "", org, first)


def _unique_ids(clusters: list[_Cluster]) -> list[str]:
    """One distinct person id per cluster, deterministically.

    Clusters that still share an identity key after merging (two real people with one
    name, e.g. a journalist and an official) keep the plain id for the most mentioned
    one; the others get the key plus role, country and outlet (and a counter if even
    that repeats), so ids are unique and stable across runs and input orders.
    """
    keys = [_identity_key(c) for c in clusters]
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        by_key[key].append(index)
    ids = [_hash_id(key) for key in keys]
    taken = set(ids)
    for key, indexes in sorted(by_key.items()):
        if len(indexes) < 2:
            continue
        for index in sorted(indexes, key=lambda i: _tie_break(clusters[i]))[1:]:
            role, country, org = _tie_break(clusters[index])[1:4]
            candidate, n = _hash_id(f"{key}|{role}|{country}|{org}"), 1
            while candidate in taken:
                n += 1
                candidate = _hash_id(f"{key}|{role}|{country}|{org}|{n}")
            taken.add(candidate)
            ids[index] = candidate
    return ids


def _display_name(cluster: _Cluster, family: str, given: str | None) -> str:
    lex = lexicon()
    middles = [key.split("|", 1)[1] for key, _ in cluster.middles.most_common() if key.split("|", 1)[0] == str(given)]
    if not given:  # 'S. Jaishankar': printed with an initial only, shown so
        return f"{middles[0]} {family}" if middles and middles[0].endswith(".") else family
    # An initial, when printed at all, is the formal style ('Kamala D. Harris' over 'Kamala Devi Harris');
    # middle names are shown for names never printed with one ('Jonas Gahr Støre').
    middle = next((m for m in middles if m.endswith(".")), middles[0] if middles else None)
    suffix = next(
        (key.split("|", 1)[1] for key, _ in cluster.suffixes.most_common() if key.split("|", 1)[0] == given), None
    )
    if cluster.country() in lex.family_first_countries or cluster.family_first > 0:
        # 'Yoon Suk Yeol', 'Kishida Fumio': family name first; an initial is not printed there.
        return " ".join(p for p in (family, None if middle and middle.endswith(".") else middle, given) if p)
    parts = [given, middle, family, suffix]
    return " ".join(p for p in parts if p)


def resolve_people(local_people: Iterable[LocalPerson]) -> tuple[list[Person], list[PersonLink]]:
    """Merge document-local people into one Person per real person across the corpus (deterministic)."""
    title_words = {fold(w) for w in NON_NAME_WORDS}
    by_family: dict[str, list[LocalPerson]] = defaultdict(list)
    for person in local_people:
        if person.family_name and fold(person.family_name) not in title_words:
            by_family[fold(person.family_name)].append(person)
    _swap_reversed_names(by_family)

    clusters = [cluster for family_key in sorted(by_family) for cluster in _cluster_family(by_family[family_key])]
    persons: list[Person] = []
    links: list[PersonLink] = []
    for cluster, person_id in zip(clusters, _unique_ids(clusters), strict=True):
        person_row = _person_row(cluster, person_id)
        persons.append(person_row)
        links.extend(PersonLink(m.document_id, m.local_person_key, person_id) for m in cluster.members)
    persons.sort(key=lambda p: p.person_id)
    links.sort(key=lambda link: (link.document_id, link.local_person_key))
    return persons, links


def _cluster_family(members: list[LocalPerson]) -> list[_Cluster]:
    """Split the local people sharing one family name into real people.

    People with a given name are clustered first (given-name/nickname, country and
    journalist-vs-official compatibility); a surname-only mention then joins the one
    named person it fits (by role, else a clearly dominant one); what fits nobody
    becomes a surname-only person per outlet (journalists) or one for everyone else.
    """
    named = sorted(
        (p for p in members if p.given_name), key=lambda p: (-p.mention_count, p.document_id, p.local_person_key)
    )
    bare = sorted(
        (p for p in members if not p.given_name), key=lambda p: (-p.mention_count, p.document_id, p.local_person_key)
    )
    clusters: list[_Cluster] = []
    for person in named:
        cluster = _pick_cluster(person, clusters)
        if cluster is None:
            cluster = _Cluster(fold(person.family_name or ""))
            clusters.append(cluster)
        cluster.add(person)
    named_clusters = list(clusters)
    surname_only: dict[tuple[bool, str], _Cluster] = {}
    for person in bare:
        cluster = _only_cluster_with_role(person, named_clusters)
        if cluster is None and named_clusters:
            cluster = _pick_cluster(person, named_clusters)
        if cluster is None:
            journalist = _is_journalist(person.role)
            key = (journalist, fold(person.organization or "") if journalist else "")
            cluster = surname_only.get(key)
            if cluster is None:
                cluster = surname_only[key] = _Cluster(fold(person.family_name or ""))
                clusters.append(cluster)
        cluster.add(person)
    return _merge_same_person(clusters)


def _only_cluster_with_role(person: LocalPerson, clusters: list[_Cluster]) -> _Cluster | None:
    """The single named person holding a surname-only mention's title ('Vice President Harris').

    A bare surname's country is read from nearby demonyms ('... Korean ... Vice President
    Harris'), which is weaker evidence than the title itself; when exactly one named person
    of that family holds the title, the mention is theirs.
    """
    if not person.role:
        return None
    holders = [c for c in clusters if person.role in c.roles]
    return holders[0] if len(holders) == 1 else None


def _merge_same_person(clusters: list[_Cluster]) -> list[_Cluster]:
    """Fold together named clusters that share an identity key and are really one person.

    Clustering splits a name on a conflicting outlet, country or journalist/official
    reading; when that conflict is a misreading, the two halves would share one person id.
    Earlier clusters (most mentioned members first) absorb later ones.
    """
    kept: list[_Cluster] = []
    kept_keys: list[str] = []
    for cluster in clusters:
        key = _identity_key(cluster)
        index = next(
            (i for i, k in enumerate(kept) if kept_keys[i] == key and k.givens and _same_person(k, cluster)), None
        )
        if index is None:
            kept.append(cluster)
            kept_keys.append(key)
        else:
            kept[index] = _fold_clusters(kept[index], cluster)
    return kept


def _misread_journalist(cluster: _Cluster) -> bool:
    """A 'journalist' whose outlets are no news outlets ('Wisconsin', another person's name): a misread list."""
    return _is_journalist(cluster.role_class()) and not any(_OUTLET_CUE.search(org) for org in cluster.orgs)


def _same_person(a: _Cluster, b: _Cluster) -> bool:
    """Two clusters with one full name: one person unless they really look like two.

    Journalists change outlets and outlets are printed many ways ('AP', 'Associated
    Press'); a misread journalist is whoever the other cluster is; officials with one
    name and one role are one person even when a country was misread. A journalist at
    a real outlet and an official, or officials of different countries and roles, stay apart.
    """
    journalist_a, journalist_b = _is_journalist(a.role_class()), _is_journalist(b.role_class())
    if journalist_a and journalist_b:
        return True
    if journalist_a != journalist_b:
        return _misread_journalist(a if journalist_a else b)
    if _countries_compatible(a.country(), b.country()) or a.role_class() == b.role_class():
        return True
    return bool(a.printed_country()) != bool(b.printed_country())  # one country is only a title's default


def _fold_clusters(a: _Cluster, b: _Cluster) -> _Cluster:
    """``a`` and ``b`` as one cluster; a misread journalist half keeps its documents but not its role or outlet."""
    if _is_journalist(a.role_class()) == _is_journalist(b.role_class()):
        for member in b.members:
            a.add(member)
        return a
    official, misread = (b, a) if _is_journalist(a.role_class()) else (a, b)
    merged = _Cluster(official.family)
    for member in official.members:
        merged.add(member)
    for member in misread.members:
        merged.add(member._replace(role=None, organization=None) if _is_journalist(member.role) else member)
    return merged


def _swap_reversed_names(by_family: dict[str, list[LocalPerson]]) -> None:
    """'Kishida Fumio' read as given 'Kishida' family 'Fumio': move it when the reversed name is attested.

    A move needs a person elsewhere printed with family 'Kishida' and given 'Fumio': bare
    first names ('Thanks, Jen.') make 'Jen' look like a common family name, and a rule on
    family sizes alone turned 'Jen Klein' into family 'Jen'. Evidence is gathered once
    before any move, so the result does not depend on input order.
    """
    sizes = {family_key: len(members) for family_key, members in by_family.items()}
    attested = {
        (family_key, fold(person.given_name))
        for family_key, members in by_family.items()
        for person in members
        if person.given_name
    }
    titled_surnames = _titled_bare_surnames(by_family)
    titled_families = {family_key for family_key, _ in titled_surnames}
    given_families: dict[str, set[str]] = defaultdict(set)  # given name -> families it is the given name of
    for family_key, members in by_family.items():
        for person in members:
            if person.given_name:
                given_families[fold(person.given_name)].add(family_key)
    moves = [
        (family_key, person)
        for family_key in sorted(by_family)
        for person in by_family[family_key]
        if person.given_name
        and " " not in person.given_name
        and (
            (fold(person.given_name), family_key) in attested
            and sizes.get(fold(person.given_name), 0) > sizes[family_key]
            and not _read_by_printing_convention(person)
            and (family_key not in titled_families or fold(person.given_name) in titled_families)
            or _reversed_by_titled_surname(person, family_key, titled_surnames, given_families)
            or _family_word_read_as_given(person, family_key, sizes)
            or (
                # 'Suh Wook' read given Suh, while another source reads the same words family Suh and a third
                # prints 'Minister Suh': the reversed reading is attested and its surname carries a title
                (fold(person.given_name), family_key) in attested
                and fold(person.given_name) in titled_families
                and family_key not in titled_families
            )
        )
    ]
    for family_key, person in moves:
        swapped = person._replace(
            family_name=person.given_name,
            given_name=_family_first_given(person.name_as_printed, person.given_name, person.family_name),
            family_name_first=True,
        )
        by_family[family_key].remove(person)
        by_family[fold(person.given_name or "")].append(swapped)
    _read_as_printed_family_first_elsewhere(by_family)
    for family_key in [key for key, members in by_family.items() if not members]:
        del by_family[family_key]


def _family_word_read_as_given(person: LocalPerson, family_key: str, sizes: dict[str, int]) -> bool:
    """'Mrs. Kishida Yuko' read given 'Kishida', family 'Yuko': for a country that puts the family name
    first, a first word that other people's family name is (two or more sources) and a last word
    that is nobody else's family name are read family first."""
    if person.country not in lexicon().family_first_countries or _read_by_printing_convention(person):
        return False
    return sizes.get(fold(person.given_name or ""), 0) >= 2 and sizes.get(family_key, 0) == 1


def _read_by_printing_convention(person: LocalPerson) -> bool:
    """Read family first because the person's country prints names so ('Chinese Premier Li Qiang').

    Sources that print the same words without a country read them given-first by default and can
    outnumber it; the informed reading is the one to keep (the others turn round to it in
    _read_as_printed_family_first_elsewhere), not the one to move.
    """
    return bool(person.family_name_first) and person.country in lexicon().printed_family_first_countries


def _read_as_printed_family_first_elsewhere(by_family: dict[str, list[LocalPerson]]) -> None:
    """'Yoon Suk Yeol' read given-first (family 'Yeol') where no clue says otherwise, while another
    source reads the same printed words family first (family 'Yoon', given 'Suk Yeol'): take that
    reading. Only the whole printed name, word for word, counts."""
    family_first_forms: dict[str, LocalPerson] = {}
    names = given_names()
    family_first_countries = lexicon().family_first_countries
    for members in by_family.values():
        for person in members:
            if person.given_name and person.family_name and person.family_name_first:
                if (
                    person.country not in family_first_countries
                    and person.family_name in names
                    and person.given_name not in names
                ):
                    continue  # 'George Washington' turned round in one text ('Prince George') is no evidence
                family_first_forms.setdefault(given_key(f"{person.family_name} {person.given_name}"), person)
    if not family_first_forms:
        return
    moves = []
    for family_key in sorted(by_family):
        for person in by_family[family_key]:
            if not person.given_name or person.family_name_first:
                continue
            reading = family_first_forms.get(given_key(person.name_as_printed))
            if reading and fold(reading.family_name or "") != family_key:
                moves.append((family_key, person, reading))
    for family_key, person, reading in moves:
        by_family[family_key].remove(person)
        turned = person._replace(family_name=reading.family_name, given_name=reading.given_name, family_name_first=True)
        by_family[fold(reading.family_name or "")].append(turned)


def _titled_bare_surnames(by_family: dict[str, list[LocalPerson]]) -> Counter[tuple[str, str]]:
    """(family key, role) of people printed only as title + surname ('Foreign Minister Tanabe') ->
    how many documents print them so."""
    return Counter(
        (family_key, person.role)
        for family_key, members in by_family.items()
        for person in members
        if person.role and not person.given_name and not _is_journalist(person.role)
    )


def _reversed_by_titled_surname(
    person: LocalPerson, family_key: str, titled: Counter[tuple[str, str]], given_families: dict[str, set[str]]
) -> bool:
    """'Japanese Foreign Minister Tanabe Hiroki' read given-first, while other sources say
    'Foreign Minister Tanabe': the word another source puts after the same title is the family name.

    For a person of a country that puts the family name first one such source is enough. For an
    unknown country it takes two, and the word must be nobody else's given name ('Director Li'
    in two sources beside 'Director Li Wen'; but one 'Commander Jayna' or 'Judge Shanlyn' is how
    a speaker addresses someone by the first name). Never when the word read as the family name
    is itself printed after that title anywhere.
    """
    if not person.role:
        return False
    given_key = fold(person.given_name or "")
    needed = 1
    if person.country not in lexicon().family_first_countries:
        if person.country is not None or given_families.get(given_key, set()) - {family_key}:
            return False
        needed = 2
    return titled[(given_key, person.role)] >= needed and not titled[(family_key, person.role)]


def _typed_apostrophe(name: str | None) -> str | None:
    return name.replace("’", "'").replace("‘", "'") if name else name


def _person_row(cluster: _Cluster, person_id: str) -> Person:
    family = max(cluster.families.items(), key=lambda kv: (kv[1], kv[0]))[0] if cluster.families else cluster.family
    given = cluster.given()
    role = _best_role(cluster.roles)
    return Person(
        person_id=person_id,
        display_name=_display_name(cluster, family, given),
        # names are looked up as typed: 'O'Hara' with the keyboard's apostrophe, whatever the print used
        family_name=_typed_apostrophe(family),
        given_name=_typed_apostrophe(given),
        role=role,
        country=cluster.country(),
        organization=cluster.orgs.most_common(1)[0][0] if cluster.orgs else None,
        mention_count=cluster.mentions,
    )
