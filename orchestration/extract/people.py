"""People: who speaks, who is mentioned, and which mentions are the same person.

Per document (``analyse_speakers``) we read names where the text itself says who a
person is: speaker labels, a title before a name ('U.S. Secretary of State Antony
Blinken'), a name with a middle initial ('Lloyd J. Austin III'), journalists who
introduce themselves or are called on, and first-name address ('Well, Yoko, ...')
when only one person in the document has that given name. Titles and demonyms
(``ref_titles.csv``, ``ref_countries.csv``) give role and country; nothing here
knows any particular person.

Across documents (``resolve_people``) local people merge on family name plus a
compatible given name (nicknames from ``ref_given_name_variants.csv``), country and
role, so 'PRESIDENT BIDEN', 'Joseph R. Biden' and 'Joe Biden' become one person while
'Jill Biden' stays another.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from rapidfuzz import fuzz, process

from .records import LocalPerson, Person, PersonLink, PersonMention, Sentence, Utterance
from .reference import load_reference
from .sentences import split_sentences
from .turns import (
    NAME_LOWER,
    NAME_UPPER,
    LabelMatch,
    TitleInfo,
    find_labels,
    is_outlet,
    parse_label,
    split_utterances,
    title_lexicon,
    word_set,
)
from .turns import OUTLET_CUE as _OUTLET_CUE


class SpeakerAnalysis(NamedTuple):
    """Everything the speaker stage yields for one document."""

    utterances: list[Utterance]
    sentences: list[Sentence]
    mentions: list[PersonMention]
    local_people: list[LocalPerson]


# ---------------------------------------------------------------------------
# Reference data and compiled patterns
# ---------------------------------------------------------------------------

_KEEP_LOWER = frozenset({"of", "for", "the", "and", "on", "to"})
_PARTICLES = r"(?:von der|von|van der|van|de la|de|del|der|da|di|du|le|la|bin|ibn|al)"
# A name word: an all-caps family name ('KISHIDA'), or a capitalised word with inner capitals or apostrophes
# ('McDonough', 'O’Connell') and hyphenated parts ('Jean-Pierre', 'Won-sik'); a possessive 's is not part of it.
_NAME_TOKEN = (
    rf"(?:[A-Z]{{2,}}(?:-[A-Z]{{2,}})?(?![{NAME_LOWER}])"
    rf"|[{NAME_UPPER}](?:[{NAME_LOWER}]+|['’](?=[A-Z]))(?:['’]?[A-Z][{NAME_LOWER}]+)*(?:-[A-Za-z{NAME_LOWER}]+)*)"
)
# "J.", or a bare "J" between two mixed-case name words ("Antony J Blinken", as Indian papers print it)
_INITIAL = r"[A-Z](?:\.|(?<=[a-z] [A-Z])(?= [A-Z][a-z]))"

_SUFFIX = r"(?:Jr\.?|Jnr\.?|Sr\.?|Snr\.?|III|II|IV)(?![\w])"
_TRAILING_HONORIFICS = frozenset({"Ji", "Sahib"})
_NAME = rf"{_NAME_TOKEN}(?: (?:{_INITIAL} )?(?:{_PARTICLES} )?{_NAME_TOKEN}){{0,2}}(?:,? {_SUFFIX})?"
_NAME_RE = re.compile(_NAME)
_TOKEN_SPLIT = re.compile(rf"{_SUFFIX}|{_INITIAL}|{_PARTICLES}(?= )|{_NAME_TOKEN}")
_ORG = (  # 'Yonhap News Agency', 'the Associated Press', 'N.H.K.', '1+1 tv channel'
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'’-]*|\d[\w+&'’-]*)(?: (?:(?:[A-Z]\.){2,}|[A-Z][\w&'’-]*|of|and|&|the|newspaper"
    r"|news|television|tv|channel|radio|magazine|daily|press|agency|network)){0,5}"
)
_GREETING = (  # 'Yes, thank you.' as well as 'Thank you.': any word of it may be capitalised
    r"(?:(?i:yes|yeah|hi|hello|thank you(?: very much)?|thanks(?: so much)?|all right|alright|okay|ok|sure|great"
    r"|good (?:morning|afternoon|evening)|sorry)(?:,? (?:sir|ma['’]am|everyone|all|again))?[,.!]?\s+"
    # or an address before the introduction: 'Presidents — ', 'Mr. Prime Minister, '
    r"|(?i:(?:mr\.|madam) )?(?i:vice )?(?i:presidents?|prime ministers?)\s*[,.!—–]\s+)*"
)
# 'Name, Outlet', 'Name of Outlet', 'Name, with Outlet', 'Name, on behalf of Outlet'; '[ph]': a name spelt by ear
_NAME_SEP = r"(?: \[ph\])?(?P<sep>,?\s+(?:from|of|with|at|for|on behalf of)\s+(?:the\s+)?|,\s*(?:the\s+)?)"
_SELF_INTRO = re.compile(
    rf"{_GREETING}(?:(?:I['’]m|I am|This is|My name is|It['’]s|Name is)\s+)?(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?"
    rf"(?P<name>{_NAME}){_NAME_SEP}(?P<org>{_ORG})"
)
# An introduction further into the question's opening, the outlet optional: 'TV Asahi.  My name is Yamamoto.',
# 'I'm from Korea Herald.  My name is Lee Ji-yoon.', 'Thank you for doing this.  I'm Janne Pak.'
_NAMED_INTRO = re.compile(
    rf"(?<![\w’'])(?P<cue>I['’]m|I am|My name is)\s+(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{_NAME})"
    rf"(?:{_NAME_SEP}(?P<org>{_ORG}))?(?=\s*[.,;!—–]|\s+and\b)"
)
_PARAGRAPH_INTRO = re.compile(rf"(?<=\n)(?P<name>{_NAME}){_NAME_SEP}(?P<org>{_ORG})")
_CALLED_ON = re.compile(rf"(?P<name>{_NAME}){_NAME_SEP}(?P<org>{_ORG})")
_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.\s+$")
_NOT_A_FIRST_NAME = word_set(
    "Some Many Most Several Few Other Such Every Each Both All Any Federal Happy Merry Good Great New Old Dear"
)
_FULL_NAME_BEFORE = re.compile(rf"[A-Z][{NAME_LOWER}]+ (?P<family>{_NAME_TOKEN})(?=\W)")
_JAPANESE_HONORIFIC = re.compile(r"-(?:san|shi|sama)$")
_CALLED_ON_OUTLET_FIRST = re.compile(rf"(?P<org>{_ORG})(?P<sep>,\s*)(?P<hon>Mr|Ms|Mrs|Dr)\.\s+(?P<name>{_NAME})")
# The outlet first and a full name closing the turn, with no honorific: 'Okay, how about NPR, Tamara Keith.'
_CALLED_ON_OUTLET_THEN_NAME = re.compile(rf"(?P<org>{_ORG})(?P<sep>,\s*)(?P<name>{_NAME})(?=[.?!]?\s*$)")
# A full name alone as the turn's last sentence: '... Trevor Hunnicutt.'
_CALLED_ON_NAME_ALONE = re.compile(
    rf"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?<=(?i:ahead), )|(?<=(?i:yes), )|(?<=(?i:okay), ))"
    r"(?<!Mr\. )(?<!Ms\. )(?<!Dr\. )(?<!Mrs\. )"  # '... made by Dr. Lander.': the sentence began before 'Dr.'
    rf"(?:(?P<hon>Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{_NAME})[.!]?\s*$"  # not 'Jake Sullivan?', asked back
)
# A call anywhere in the tail: 'I'm going to begin by recognizing Steve Portnoy and ...', 'I have to call on
# Mr. Doe', 'the next question goes to Jane Doe' -- the host's own act, not 'We call on Congress to ...'.
_CALLED_BY_CUE = re.compile(
    r"(?:(?i:I['’]m going to|I['’]ll|I will|I['’]d like to|I would like to|let me|I want to|I have to|we['’]ll"
    r"|we will|we['’]d like to)\s+(?:\w+\s+){0,3}?"
    r"(?i:recogniz(?:e|ing)|call on)|(?i:question (?:from|goes to)))"
    rf"\s+(?:(?P<org>{_ORG}),\s+)?(?:(?P<hon>Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{_NAME})(?![\w’'-])"  # '... on AP, Jane Doe'
)
# A full name as a sentence of its own near the end: 'David Sanger.  I thought I saw David.  There he is.'
_NAME_SENTENCE = re.compile(rf"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<name>{_NAME})\.(?=\s)")
_NAME_ALONE = re.compile(rf"(?P<name>{_NAME})[.!]?\s*$")  # the whole (short) turn: 'PRESIDENT X:  Jane Doe.'
_MIDDLE_INITIAL_NAME = re.compile(rf"[A-Z][a-zà-ÿ]+ {_INITIAL} {_NAME_TOKEN}(?:,? {_SUFFIX})?")
_ADDRESS = re.compile(r"\b([A-Z][a-zà-ÿ]{2,})(?=[,.!?])")


# The words of a portfolio after a title ('... for Political Affairs', '... for Arms Control and International
# Security'); country names count too.
_PORTFOLIO_WORDS = word_set(
    """
    Affairs Political Politico-Military Economic Economics Economy Growth Energy Environment Environmental Climate
    Communications Strategic International Security Arms Control Nonproliferation Management Resources Resource Public
    Diplomacy Democracy Human Rights Labor Labour Asian Pacific Indo-Pacific East West South North Central Southeast
    European Eurasian African Near Western Eastern Hemisphere Hemispheric Trade Development Cyberspace Digital Policy
    Planning Global Health Women Issues Counterterrorism Narcotics Law Enforcement Population Refugees Migration Oceans
    Scientific Science Technology Legislative Budget Intelligence Research Defense Defence Acquisition Sustainment Asia
    Americas Africa Europe Middle Foreign National Homeland Civilian Justice Cooperation Coordination Relations Reform
    Reconstruction Recovery Infrastructure Investment Finance Financial Commerce Industry Industrial Innovation Space
    Maritime Regional Multilateral Bilateral Consular Administration Operations Personnel Education Culture Cultural
    Exchanges Tourism Agriculture Food Fisheries Transport Transportation Sustainable Veterans Internal External
    Disarmament Peace Stability Critical Emerging Technologies Supply Chain Chains Resilience Humanitarian Cyber
    Cybersecurity Engagement Markets Nutrition Safety Response Information Impact Communication Strategy Strategies
    Civil Liberties Corporate Citizenship Social Responsibility Services Programs Partnerships Governance Oversight
    Compliance Privacy Outreach Advocacy Equity Inclusion Diversity Access Opportunity Workforce Jobs Housing Urban
    Rural Communities Community Families Children Youth Care Insurance Benefits Legal Ethics Water Land Natural
    Conservation Wildlife Mining Minerals Nuclear Renewable Clean Power Electricity Manufacturing Small Business
    Capital Tax Revenue Fiscal Monetary Banking Procurement Logistics Readiness Training Media Assistance
    Reconciliation Financing Agricultural Gender Religious Freedom Counternarcotics Sanctions Export Controls
    """
)

_NON_NAME_WORDS = word_set(
    """
    The A An And But Or Nor For So Yet Of In On At To From By With About As Into Over Under After Before Since
    During Between Against Among Through Across This That These Those It Its He She They We I You Our Your Their
    His Her Mr Ms Mrs Dr Sir Madam Thank Thanks Yes No Well Okay Hi Hello Today Tomorrow Yesterday Now Then Here
    There Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Department Ministry Office House Senate Congress Administration
    Council Committee Commission Act Agency Services Service Staff Court League Assembly Motors Bank Fund
    Foundation Institute University College School Center Centre Group Party Forces Force Army Navy Air Marine
    Marines Corps Guard Command Headquarters Union Nations Alliance Summit Meeting Dialogue Conference Forum Talks
    Statement Remarks Readout Fact Sheet Press Briefing Room Hall Building Street Avenue Road Island Islands Sea
    Ocean Strait Peninsula Region Province State States County City Republic Kingdom Federation Government Cabinet
    Defense Defence Security Foreign Affairs Affair Trade Treasury Commerce Energy Justice Labor Health Education
    Transportation Interior Agriculture Homeland National International Global Joint General Affairs Policy Plan
    Program Initiative Act Announces Announced Signs Signed Delivers Delivered Hosts Hosted Meets Met Visits
    Visited Travels Calls Called Speaks Spoke Says Said Issues Issued Launches Launched Nominates Nominated
    Appoints Appointed Welcomes Welcomed Commemorates Celebrates Honors Names Named Receives Received Participates
    Joins Joined Highlights Unveils Marks Approves Declares Releases Urges Discusses Holds Held Tours Addresses
    Attends Thanks Congratulates Convenes Sends Will Is Was Has Had Are Were Be Been Would Could Should Can May
    Might Must Shall Do Does Did Also Just Again Prime Minister Secretary President Vice First Lady Chief Deputy
    Acting Senior Special Principal Executive Envoy Ambassador Director Administrator Chair Chairman Governor
    Mayor Senator Representative Speaker Leader Majority Minority Attorney Surgeon Adviser Advisor Counselor
    Coordinator Spokesperson Official Officials Excellency Majesty Highness Honorable Royal Emperor King Queen
    Prince Princess Pope Crown Biden-Harris Covid COVID Omicron Ukraine Russia China Japan Korea Americans
    American Indo-Pacific Pacific Atlantic Middle East West North South Western Eastern Northern Southern Central
    New Old Great Day Week Year Time Number Part Hotel Palace Residence Plaza Square Airport
    Station Base Port Harbor Harbour Museum Library Stadium Arena Embassy Consulate Mansion Villa Garden Gardens
    Lodge Resort Estate Bridge Conduct Conducts Conducted Host Meet Discuss Sign Visit Travel Deliver Launch
    Announce Welcome Attend Join Address Speak Hold
    """
)


class _Lexicon(NamedTuple):
    titled: re.Pattern[str]
    country_by_alias: dict[str, str]
    family_first_countries: frozenset[str]
    printed_family_first_countries: frozenset[str]
    titles_by_prose: dict[str, TitleInfo]
    non_name: frozenset[str]
    non_name_folded: frozenset[str]


def _trie_regex(words: Iterable[str]) -> str:
    """A compact alternation (common prefixes factored out) so the regex engine branches less per position."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


# Titles news prose prints in lower case before a name; the others need a capital, or every 'the president said'
# would be tried as a title.
_TITLES_PRINTED_IN_LOWER_CASE = ("spokesperson", "spokesman", "spokeswoman")
# The office between a country and a spokesperson's title
_OFFICE_WORDS = frozenset({"Ministry", "Foreign", "Defense", "Defence", "Embassy", "Government", "Office", "office"})


def _prose_form(phrase: str) -> str:
    """'secretary of state' -> 'Secretary of State' (how titles are printed before a name)."""
    words = phrase.split()
    return " ".join(w if (w in _KEEP_LOWER and i) else w[:1].upper() + w[1:] for i, w in enumerate(words))


@functools.lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """Compile the title/country patterns once per process from the reference CSVs."""
    country_by_alias: dict[str, str] = {}
    family_first: set[str] = set()
    printed_family_first: set[str] = set()
    for row in load_reference("ref_countries"):
        code = row["country_code"].strip()
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias.strip():
                country_by_alias.setdefault(alias.strip(), code)
                country_by_alias.setdefault(alias.strip().replace("'", "’"), code)  # 'People’s Republic of China'
        if (row.get("family_name_first") or "").strip().lower() == "true":
            family_first.add(code)
        if (row.get("printed_family_first") or "").strip().lower() == "true":
            printed_family_first.add(code)
    titles_by_prose: dict[str, TitleInfo] = {}
    for phrase, info in title_lexicon().items():
        if info.speaker_kind != "official" or phrase in {"official", "staff", "aide", "chief", "major", "leader"}:
            continue
        if (
            info.role is None
            and not phrase.endswith(".")
            and phrase
            not in {
                "the honorable",
                "the honourable",
                "shri",
                "dr",
                "his excellency",
                "her excellency",
                "his majesty",
                "her majesty",
                "madam",
            }
        ):
            continue
        titles_by_prose[_prose_form(phrase)] = info
        if "-" in phrase:  # 'Secretary-General' as well as 'Secretary-general'
            titles_by_prose.setdefault(_prose_form(phrase).title(), info)
        if phrase.startswith("the "):
            titles_by_prose[_prose_form(phrase)[4:]] = info  # 'the Honorable' -> 'Honorable'
    countries = _trie_regex(sorted(country_by_alias, key=len, reverse=True))
    # An apposition ('Antony Blinken, Secretary of State') is not one when a name follows the title: in
    # 'Premier Li Qiang, Foreign Minister Wang Yi' the title opens the next person of a list.
    # The pattern starts with the title trie (upper-case first letters only) so the regex engine can skip
    # ahead in C; a demonym before the title ('U.S.', 'Japanese') is read in Python afterwards.
    for phrase in _TITLES_PRINTED_IN_LOWER_CASE:  # 'ministry spokesperson Zhao Lijian', 'his spokesman Kang Min Seok'
        if _prose_form(phrase) in titles_by_prose:
            titles_by_prose[phrase] = titles_by_prose[_prose_form(phrase)]
    titles = _trie_regex(
        sorted(
            (t for t in titles_by_prose if t[0].isupper() or t in _TITLES_PRINTED_IN_LOWER_CASE), key=len, reverse=True
        )
    )
    # 'Minister Shri Rajnath Singh', 'External Affairs Minister Dr. S. Jaishankar': a one-word honorific of
    # ref_titles between the title and the name belongs to neither.
    honorifics = "|".join(
        re.escape(info.phrase) for info in titles_by_prose.values() if info.role is None and " " not in info.phrase
    )
    honorific_after_title = rf"(?:(?i:{honorifics}) )?"
    # A portfolio after the title: 'Assistant Secretary of State for East Asian and Pacific Affairs Daniel
    # Kritenbrink', 'Special Presidential Envoy for Climate John Kerry'. Only portfolio words and country names
    # may make it up, so the name that follows is not read into it.
    portfolio_word = rf"(?:{_trie_regex(sorted(_PORTFOLIO_WORDS | set(country_by_alias), key=len, reverse=True))})"
    portfolio_word += r"(?![\w’'-])"
    portfolio = rf"{portfolio_word}(?:(?: and | & |, | of (?:the )?| ){portfolio_word}){{0,7}}"
    titled = re.compile(
        rf"(?P<title>{titles})"
        rf"(?: (?:of (?:the )?(?P<country2>{countries})|to (?:the )?(?P<posting>{countries})))?"
        rf"(?: for (?:the )?(?P<portfolio>(?>{portfolio})))?,? "  # atomic: no portfolio word is given back as a name
        rf"{honorific_after_title}(?P<name>(?:{_INITIAL} )?{_NAME})"
        rf"(?:(?: of (?:the )?(?P<country3>{countries}))|(?:, (?:the )?(?P<apposition>{titles})"
        rf"(?: of (?:the )?(?P<country4>{countries}))?(?! [A-Z])))?"
    )
    non_name = frozenset(_NON_NAME_WORDS | set(country_by_alias))
    non_name_folded = frozenset(fold(word) for word in non_name)
    return _Lexicon(
        titled,
        country_by_alias,
        frozenset(family_first),
        frozenset(printed_family_first),
        titles_by_prose,
        non_name,
        non_name_folded,
    )


@functools.lru_cache(maxsize=1)
def given_name_groups() -> dict[str, frozenset[str]]:
    """Given name (lower case) -> the canonical names it may stand for (itself included)."""
    groups: dict[str, set[str]] = defaultdict(set)
    for row in load_reference("ref_given_name_variants"):
        variant, canonical = row["variant"].strip().lower(), row["canonical"].strip().lower()
        groups[variant].add(canonical)
        groups[canonical].add(canonical)
    return {name: frozenset(values) for name, values in groups.items()}


def canonical_given(given: str | None) -> frozenset[str]:
    if not given:
        return frozenset()
    low = fold(given)
    return given_name_groups().get(low, frozenset({low}))


@functools.lru_cache(maxsize=65536)
def given_compatible(a: str | None, b: str | None) -> bool:
    """Same given name, a nickname of it ('Joe'/'Joseph'), or one is missing (cached: corpus
    clustering asks the same pairs tens of thousands of times)."""
    if not a or not b:
        return True
    fa, fb = fold(a), fold(b)
    if fa == fb or given_key(a) == given_key(b):
        return True
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return bool(canonical_given(a) & canonical_given(b)) or _spelling_variants(fa, fb)


def given_key(given: str) -> str:
    """'Suk-yeol', 'Suk Yeol' and 'Sukyeol' are one given name (Korean given names are printed all three ways)."""
    return fold(given).replace("-", "").replace(" ", "")


def _spelling_variants(fa: str, fb: str) -> bool:
    """'Stephen'/'Stephan', 'Gilberto'/'Gilbert': one letter apart in a name of six letters or more
    (news misspells the names officials print). Short names ('Jon'/'Joe') are different people."""
    return min(len(fa), len(fb)) >= 6 and fuzz.ratio(fa, fb) >= 90


def fold(text: str) -> str:
    """Case- and accent-insensitive comparison key."""
    if text.isascii():
        return text.casefold()
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def nice_case(token: str) -> str:
    """'KIHARA' -> 'Kihara', 'JEAN-PIERRE' -> 'Jean-Pierre'; mixed-case tokens stay as printed."""
    if token.isupper() and len(token) > 1:
        return token.title()
    return token


# ---------------------------------------------------------------------------
# Name parsing
# ---------------------------------------------------------------------------


class ParsedName(NamedTuple):
    family: str | None
    given: str | None
    middle: str | None  # middle initial, 'J.'
    suffix: str | None  # 'III', 'Jr.'
    family_first: bool | None  # True when printed family first (caps family), None when unknown
    tokens: int  # how many name tokens were read


_SUFFIX_RE = re.compile(_SUFFIX)
_INITIAL_RE = re.compile(_INITIAL)
_KOREAN_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


@functools.lru_cache(maxsize=16384)
def parse_name(text: str) -> ParsedName | None:
    """Read family/given/middle/suffix from a printed name, stopping at the first word that is not a name.

    Cached: the same few names recur across a corpus ('Biden', 'Antony J. Blinken').
    """
    non_name = lexicon().non_name
    middle = suffix = None
    parts: list[str] = []
    for token in _TOKEN_SPLIT.findall(text):
        if _SUFFIX_RE.fullmatch(token):
            suffix = token if token.endswith(".") or token.isupper() else token + "."
            break
        if _INITIAL_RE.fullmatch(token):
            middle = middle or token
            continue
        if token[0].isupper() and (token in non_name or token.title() in non_name):
            break
        parts.append(token)
    while parts and parts[-1][0].islower():
        parts.pop()
    if len(parts) >= 3 and parts[-1] in _TRAILING_HONORIFICS:
        parts.pop()  # 'Shri Rajnath Singh Ji': a respectful 'Ji' after a full name is not a family name
    words = [p for p in parts if p[0].isupper()]
    if not words:
        return None
    if len(words) == 1:
        return ParsedName(nice_case(words[0]), None, middle, suffix, None, 1)
    caps = [w for w in words if w.isupper() and len(w) > 1]
    if caps and len(caps) < len(words):
        family = caps[0]
        given = " ".join(w for w in words if w is not family)
        return ParsedName(nice_case(family), given, middle, suffix, words[0] is family, len(words))
    if len(words) == 2 and _KOREAN_GIVEN.fullmatch(words[1]):
        return ParsedName(words[0], words[1], middle, suffix, True, 2)  # Korean given names: 'Shin Won-sik'
    particle = next((i for i, p in enumerate(parts) if i and p[0].islower()), None)
    family = " ".join(parts[particle:]) if particle is not None else words[-1]  # 'Ursula von der Leyen'
    return ParsedName(nice_case(family), nice_case(words[0]), middle, suffix, None, len(words))


# ---------------------------------------------------------------------------
# Per-document analysis
# ---------------------------------------------------------------------------


class _Mention(NamedTuple):
    start: int | None  # None for names read from metadata (no span in the clean text)
    end: int | None
    source: str
    name: ParsedName | None
    role: TitleInfo | None
    country: str | None
    organization: str | None
    utterance_index: int | None  # index into utterances list
    printed: str
    headline: bool = False  # found in a title-case line, where names run into capitalised words
    joined_role: TitleInfo | None = None  # 'Deputy Prime Minister and Minister for Defence X': the first title


def _fullness(mention: _Mention) -> tuple[int, ...]:
    """How complete a printed name is: given name, middle initial, suffix, prose over labels, length."""
    name = mention.name
    if name is None:
        return (0, 0, 0, 0, len(mention.printed))
    return (
        int(bool(name.given)),
        int(bool(name.middle)),
        int(bool(name.suffix)),
        int(mention.source != "label"),
        len(mention.printed),
    )


class _Person:
    """A document-local person being assembled from mentions."""

    __slots__ = (
        "family",
        "given",
        "middle",
        "suffix",
        "family_first",
        "roles",
        "countries",
        "orgs",
        "printed",
        "mentions",
        "key",
        "printed_rank",
    )

    def __init__(self, family: str | None, given: str | None) -> None:
        self.family, self.given = family, given
        self.middle: str | None = None
        self.suffix: str | None = None
        self.family_first: bool | None = None
        self.roles: Counter[str] = Counter()
        self.countries: Counter[str] = Counter()
        self.orgs: Counter[str] = Counter()
        self.printed = ""
        self.printed_rank: tuple[int, ...] = (-1,)
        self.mentions: list[_Mention] = []
        self.key = ""

    def absorb(self, mention: _Mention, country_hint: str | None) -> None:
        name = mention.name
        if name is not None:
            if name.given and not self.given:
                self.given = name.given
            self.middle = self.middle or (name.middle if name.given else None)
            self.suffix = self.suffix or name.suffix
            if name.family_first is not None and self.family_first is None:
                self.family_first = name.family_first
            if name.family and self.family and name.family.isupper() is False and self.family.isupper():
                self.family = name.family
        if mention.role and mention.role.role:
            self.roles[mention.role.role] += 1 + len(mention.role.phrase) / 100
        if mention.joined_role and mention.joined_role.role:
            self.roles[mention.joined_role.role] += 0.5  # held too, printed first
        country = mention.country or (mention.role.country if mention.role else None) or country_hint
        if country:
            self.countries[country] += 2 if mention.country else 1
        if mention.organization:
            self.orgs[mention.organization] += 2 if mention.source == "self_intro" else 1
        rank = _fullness(mention)
        if rank > self.printed_rank:
            self.printed, self.printed_rank = mention.printed, rank
        self.mentions.append(mention)


def _country_of(alias: str | None) -> str | None:
    if not alias:
        return None
    return lexicon().country_by_alias.get(alias)


_INITIAL_DOT = re.compile(r"\.(?<=[a-zà-ÿ] [A-Z]\.) [A-Z]")


def _middle_initial_mentions(text: str) -> list[_Mention]:
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
            out.append(_Mention(m.start(), m.end(), "prose", name, None, None, None, None, m.group()))
    return out


BYLINE_SCAN_CHARS = 2000  # bylines sit in a document's header
_BYLINE = re.compile(rf"^(?P<name>{_NAME}), (?P<rest>[^\n]{{3,80}})$", re.MULTILINE)
_BYLINE_LEAD = re.compile(r"(?:the )?(?:[A-Z][\w.’'-]* ){0,2}")  # 'Department ', 'U.S. ', 'THE '
_BYLINE_TAIL = re.compile(r"(?: (?:of|for) (?:the )?[A-Z][\w.’' -]{1,40})?\.?", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _title_anywhere() -> tuple[re.Pattern[str], dict[str, TitleInfo]]:
    """Any prose title, in any case, as a whole word sequence; and title (lower case) -> TitleInfo."""
    by_lower = {title.lower(): info for title, info in lexicon().titles_by_prose.items()}
    return re.compile(rf"(?i)\b({_trie_regex(sorted(by_lower, key=len, reverse=True))})\b"), by_lower


def _byline_mentions(text: str) -> list[_Mention]:
    """A header line naming a speaker with a title after a comma ('Matthew Miller, Department Spokesperson',
    'ANTONY J. BLINKEN, SECRETARY OF STATE'), as State Department briefings and remarks print them.

    No title precedes these names, so the titled scan misses them, and a label such as
    'MR MILLER:' would never learn its speaker's given name.
    """
    pattern, by_lower = _title_anywhere()
    out: list[_Mention] = []
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
        out.append(_Mention(m.start(), name_end, "prose", name, role, None, None, None, text[m.start() : name_end]))
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


def _titled_mentions(text: str, start: int, end: int, source: str) -> list[_Mention]:
    """'U.S. Secretary of State Antony Blinken', 'Minister Kihara', 'Prime Minister KISHIDA Fumio of Japan'."""
    lex = lexicon()
    out: list[_Mention] = []
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
            or _title_anywhere()[0].match(m.group("name"))  # '... for Strategic Affairs Admiral Flávio Rocha'
        ):
            continue  # after 'Judge for the Eastern' or 'Envoy for Afghanistan', 'District' and 'Reconciliation'
        # are the portfolio's last words: a person after a portfolio is named in full
        if comma and lex.titles_by_prose[m.group("title")].role is None:
            continue  # 'Raja, Shri, Pramila': a list of first names, not the honorific 'Shri' before a name
        name_start = m.start("name")
        name_end = _name_end(text, name_start, m.end("name"), name)
        title = lex.titles_by_prose[m.group("title")]
        country = _country_of(m.group("country2") or m.group("country3") or m.group("country4")) or _country_before(
            text, m.start()
        )
        role = title
        if _TITLE_MODIFIER_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            role = TitleInfo(title.phrase, None, title.speaker_kind, None)  # 'Assistant to the President', 'Under
            # Secretary of Defense': a post below the title read, whose name the lexicon does not know
        if apposition and name_end == m.end("name"):
            role = lex.titles_by_prose[apposition] if title.role is None else title
        if title.role is None and apposition:
            role = lex.titles_by_prose[apposition]
        headline = source == "metadata" or _in_title_case_line(text, m.start(), line_cache)
        out.append(
            _Mention(
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


def _in_title_case_line(text: str, position: int, cache: dict[int, bool]) -> bool:
    """Is the line around ``position`` a headline ('President Biden Honoring ...'), most words capitalised?"""
    start = text.rfind("\n", 0, position) + 1
    if start not in cache:
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[start:end].rstrip() if end - start <= 200 else ""  # headlines are short
        words = [w for w in line.split() if len(w) > 3]
        capitalised = sum(1 for w in words if w[0].isupper())
        cache[start] = bool(line) and not line.endswith(".") and len(words) >= 3 and capitalised >= 0.7 * len(words)
    return cache[start]


def _trim_headline_names(mentions: list[_Mention], known: set[str]) -> list[_Mention]:
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


def _label_mentions(clean_text: str, labels: list[LabelMatch], utterance_of_turn: list[int]) -> list[_Mention]:
    """One mention per named speaker label ('DEFENSE MINISTER KIHARA', 'MS. PSAKI', 'MR. HUNTER BIDEN')."""
    out: list[_Mention] = []
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
            _Mention(
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


def _questioner_mentions(clean_text: str, utterances: list[Utterance]) -> dict[int, list[_Mention]]:
    """Journalist behind each question turn: their self-introduction, and whom the previous speaker called on.

    The self-introduction is listed first because it wins when the two disagree
    (a moderator may garble an outlet's name; the journalist rarely does).
    """
    lex = lexicon()
    found: dict[int, list[_Mention]] = {}
    for index, utterance in enumerate(utterances):
        if utterance.speaker_kind != "questioner" or utterance.turn_index is None:
            continue
        head_end = min(utterance.char_end, utterance.char_start + 200)
        mentions = [
            _label_aside_journalist(clean_text, utterance, index, lex.non_name)
            or next(
                (
                    introduced
                    for m in _introductions(clean_text, utterance.char_start, head_end)
                    if (introduced := _journalist(clean_text, m, "self_intro", index, lex.non_name))
                ),
                None,
            )
        ]
        if index > 0 and utterances[index - 1].speaker_kind in ("moderator", "official"):
            previous = utterances[index - 1]
            tail_start = max(previous.char_start, previous.char_end - 200)
            # a name the question before this answer said is echoed, not called: 'Q: Some Democrats —'
            echo_from = utterances[index - 2].char_start if index > 1 else previous.char_start
            called = [
                _journalist(clean_text, m, "called_on", index - 1, lex.non_name)
                for m in _called_on_matches(clean_text, tail_start, previous.char_end, echo_from)
                if _closes_the_call(clean_text, m, previous.char_end)
            ]
            valid = [m for m in called if m is not None]
            mentions.append(max(valid, key=lambda m: m.start or 0) if valid else None)
        kept = [m for m in mentions if m is not None]
        if kept:
            found[index] = kept
    return found


_HONORIFIC_DOT = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.")


def _introductions(text: str, start: int, end: int) -> Iterator[re.Match[str] | None]:
    """A question's self-introductions in the order they are trusted, each searched only when the one before
    it did not name a journalist: at the turn's start, further in ('... I'm Janne Pak.'), and opening a later
    paragraph with an outlet ('(Laughs.)  ...\nLaura Doe with the PBS NewsHour.')."""
    yield _SELF_INTRO.match(text, start, end)
    yield _NAMED_INTRO.search(text, start, end)
    paragraph = _PARAGRAPH_INTRO.search(text, start, end)
    yield paragraph if paragraph is not None and _OUTLET_CUE.search(paragraph.group("org")) else None


# The floor passing to someone new at the end of a turn: 'Go ahead.', 'Next question ...', 'Hi, Sara.', 'Nancy —'.
_FLOOR_CUE = re.compile(
    r"(?i:go ahead(?! and\b)|next question|last question|one more question|question (?:from|for)|questions? from"
    r"|raise your hand|let['’]s go to|how about|call on|in the back|in the front|front row|the floor|who['’]s next)"
)
_QUESTION_LABEL = re.compile(r"(?i:q|question|reporter|journalist)")  # not 'AUDIENCE' or 'PARTICIPANT'
_FULL_NAME_IN_TAIL = re.compile(r"(?P<first>[A-Z][a-z]+) [A-Z][a-zA-Z’'-]+[,.]")
_VOCATIVE_OPENING = re.compile(r"(?:^|[.!?]\s+)(?P<word>[A-Z][a-z]+), ")  # 'Ed, fire away.'
_VOCATIVE_AT_END = re.compile(r"(?:^|[.!?,;:—–]\s*)(?P<word>[A-Z][a-z]+)(?:-san)?[\s.!?—–-]*$")


def _attribute_follow_up_questions(
    clean_text: str, utterances: list[Utterance], speaker_of: dict[int, _Person]
) -> None:
    """A question turn nobody names is the last named questioner's follow-up while the floor stays with them.

    'Q: Are you willing to ...?  THE PRESIDENT: Yes.  Q: You are?' -- the same journalist. The chain breaks
    at a moderator's turn, at a question whose asker is unknown, and at an answer that ends by giving the
    floor to someone ('Go ahead.', 'Next question ...', 'Hi, Sara.').
    """
    current: _Person | None = None
    label = ""
    interpreted = False  # a follow-up comes in the language of the question it follows
    previous_was_question = False
    for index, utterance in enumerate(utterances):
        if utterance.turn_index is None:
            continue
        if utterance.speaker_kind == "questioner" and _QUESTION_LABEL.fullmatch(utterance.speaker_label or ""):
            if previous_was_question and index not in speaker_of:
                current = None  # 'Q: Thank you.'  'Q: Hey, thanks for doing the call.': someone else's turn
            previous_was_question = True
            if index in speaker_of:
                current = speaker_of[index] if _named_as_journalist(speaker_of[index]) else None
                label, interpreted = utterance.speaker_label or "", utterance.is_interpreted
            elif current is not None and (utterance.speaker_label, utterance.is_interpreted) == (label, interpreted):
                speaker_of[index] = current
            else:
                current = None
            continue
        previous_was_question = False
        if current is not None and (
            utterance.speaker_kind != "official"  # a moderator, the audience
            or (index not in speaker_of and _FLOOR_CUE.search(clean_text, utterance.char_start, utterance.char_end))
            or _passes_the_floor(clean_text, utterance)
        ):
            current = None


_GREETING_TURN_CHARS = 150  # 'Good afternoon, Mr. President.'
_REPLY_TURN_CHARS = 60  # 'Afternoon.'


_GREETING_ONLY = re.compile(  # 'Good afternoon, Mr. President.'  'And good afternoon to you too, Madam X.'
    r"(?:(?i:and )?(?i:good (?:morning|afternoon|evening)|hello|hi|thank you|thanks)\b(?:(?:Mr|Mrs|Ms|Dr)\.|[^.?!\n])*"
    r"[.!]\s*)+"
)


def _attribute_greetings_before_introductions(
    clean_text: str, utterances: list[Utterance], speaker_of: dict[int, _Person]
) -> None:
    """'Q: Good afternoon, Mr. President.  PRESIDENT X: Afternoon.  Q: My name is Jane Doe from ...': the
    short greetings exchanged before a journalist names themself are theirs too."""
    turns = [i for i, u in enumerate(utterances) if u.turn_index is not None]
    for position, index in enumerate(turns):
        person = speaker_of.get(index)
        question = utterances[index]
        if person is None or question.speaker_kind != "questioner" or not _named_as_journalist(person):
            continue
        back = position - 2
        while back >= 0:
            reply, greeting = utterances[turns[back + 1]], utterances[turns[back]]
            if (
                reply.speaker_kind != "official"
                or reply.char_end - reply.char_start > _REPLY_TURN_CHARS
                or _passes_the_floor(clean_text, reply)  # 'Mara Quist, Lakeside Post.' calls someone new
                or turns[back] in speaker_of
                or (greeting.speaker_label, greeting.is_interpreted)
                != (question.speaker_label, question.is_interpreted)
                or greeting.char_end - greeting.char_start > _GREETING_TURN_CHARS
                or not _GREETING_ONLY.fullmatch(clean_text, greeting.char_start, greeting.char_end)
            ):
                break
            speaker_of[turns[back]] = person
            back -= 2


_LABEL_ASIDE = re.compile(r"\((?P<aside>[^()\n:]{3,60})\)")


def _label_aside_journalist(
    clean_text: str, utterance: Utterance, utterance_index: int, non_name: frozenset[str]
) -> _Mention | None:
    """The journalist a question label names in brackets: 'Question (Jane Doe, WION):', 'QUESTION (Kyodo, Doe):'."""
    if utterance.label_start is None or utterance.label_end is None:
        return None
    aside = _LABEL_ASIDE.search(clean_text, utterance.label_start, utterance.label_end)
    if aside is None:
        return None
    start, end = aside.span("aside")
    return _journalist(
        clean_text, _CALLED_ON.fullmatch(clean_text, start, end), "self_intro", utterance_index, non_name
    ) or _journalist(
        clean_text,
        _CALLED_ON_OUTLET_THEN_NAME.fullmatch(clean_text, start, end),
        "self_intro",
        utterance_index,
        non_name,
    )


_COMMA_SEPARATOR = re.compile(r",\s*(?:the\s+)?")
_COMMA_THE_SEPARATOR = re.compile(r",\s*the\s+")


def _comma_form(m: re.Match[str]) -> bool:
    """'Name, Outlet' (or 'Name, the Outlet'): the weaker form, where a list or a clause can pass for a call."""
    return _COMMA_SEPARATOR.fullmatch(m.groupdict().get("sep") or "") is not None


def _closes_the_call(text: str, m: re.Match[str], turn_end: int) -> bool:
    """'Name, Place' with no outlet word must close the turn to be a call ('Anne Gearan, Washington Post.'),
    not run on ('... will travel to Des Moines, Iowa, for an event ...')."""
    org = m.groupdict().get("org")
    if not org or not _comma_form(m) or _OUTLET_CUE.search(org):
        return True
    rest = text[m.end() : turn_end].strip(" .?!—–-\n")
    return not rest or (len(rest) <= 30 and _OUTLET_CUE.search(rest) is not None)  # '..., the Asso- — the AFP.'


def _holds_office(person: _Person) -> bool:
    """Named with a title other than a journalist's somewhere in the document."""
    return any(role != "journalist" for role in person.roles)


def _named_as_journalist(person: _Person) -> bool:
    """Called on by the host, or introduced with an outlet: a name worth following through follow-ups
    (not 'Members of the ... Committee' or 'Rehoboth Beach, Delaware' misread as a self-introduction)."""
    if _holds_office(person):
        return False  # 'Jake Sullivan?' asked back by the press secretary is not a journalist's name
    return any(
        m.source == "called_on" or (m.source == "self_intro" and m.organization and _OUTLET_CUE.search(m.organization))
        for m in person.mentions
    )


def _passes_the_floor(clean_text: str, utterance: Utterance) -> bool:
    """Whether a turn ends by giving the floor to someone: a cue, a first name addressed ('Hi, Sara.'),
    or a full name near the end ('Sebastian Smith, the Asso- — the AFP.')."""
    end = utterance.char_end
    if _FLOOR_CUE.search(clean_text, max(utterance.char_start, end - 120), end):
        return True
    tail = clean_text[max(utterance.char_start, end - 60) : end]
    lex = lexicon()
    words = [m.group("word") for m in _VOCATIVE_AT_END.finditer(tail)]
    words += [
        m.group("first") for m in _FULL_NAME_IN_TAIL.finditer(tail) if m.group(0)[:-1] not in lex.country_by_alias
    ]
    words += [m.group("word") for m in _VOCATIVE_OPENING.finditer(tail)]
    return any(
        w not in lex.non_name
        and w not in _GREETING_WORDS
        and w not in lex.country_by_alias
        and not _title_anywhere()[0].fullmatch(w)
        for w in words
    )


_GREETING_WORDS = frozenset(
    {"Morning", "Afternoon", "Evening", "Hello", "Hey", "Sure", "Right", "Absolutely", "Indeed"}
)


def _overlapping(pattern: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Every match of pattern in text[start:end], each search resuming at the word after the last match began."""
    m = pattern.search(text, start, end)
    while m is not None:
        yield m
        space = text.find(" ", m.start(), end)
        m = pattern.search(text, space + 1, end) if space >= 0 else None


def _called_on_matches(text: str, start: int, end: int, echo_from: int) -> Iterator[re.Match[str]]:
    """Called-on matches in text[start:end] (the tail of the turn before a question).

    The outlet-first patterns lead with an outlet pattern that is slow to fail at every capital: the one
    with an honorific runs only when a cheap search finds 'Mr.', the one without only just before the
    last comma (its name must close the turn).
    """
    yield from _overlapping(_CALLED_ON, text, start, end)  # 'Next, Shimada-san of ...' also tries 'Next, Shimada'
    yield from _CALLED_BY_CUE.finditer(text, start, end)
    if _HONORIFIC_DOT.search(text, start, end):
        yield from _CALLED_ON_OUTLET_FIRST.finditer(text, start, end)
    comma = text.rfind(",", start, end)
    if comma > start:
        yield from _CALLED_ON_OUTLET_THEN_NAME.finditer(text, max(start, comma - 60), end)
    alone = (
        _CALLED_ON_NAME_ALONE.search(text, max(start, end - 60), end)
        or _NAME_ALONE.match(text, start, end)
        or _last_full_name_sentence(text, max(start, end - 100), end)
    )
    if alone and not _title_anywhere()[0].match(text, alone.start("name")):
        name = alone.group("name")
        echoed = text.find(name, echo_from, start) >= 0  # 'Q: Some Democrats —'  'A: Some Democrats.'
        if name not in lexicon().country_by_alias and name.split()[0] not in lexicon().non_name and not echoed:
            yield alone  # not 'Prime Minister Kishida.', 'South Korea.' or 'Thank You.'


def _last_full_name_sentence(text: str, start: int, end: int) -> re.Match[str] | None:
    """The last sentence of text[start:end] that is a full name alone: 'David Sanger.  I thought I saw David.'"""
    full = [m for m in _NAME_SENTENCE.finditer(text, start, end) if len(m.group("name").split()) > 1]
    return full[-1] if full else None


def _journalist(
    text: str, m: re.Match[str] | None, source: str, utterance_index: int, non_name: frozenset[str]
) -> _Mention | None:
    """A journalist mention from an intro/called-on match, when it really looks like 'Name, Outlet'."""
    if m is None:
        return None
    printed = m.group("name")
    japanese_honorific = _JAPANESE_HONORIFIC.search(printed)  # 'Shintomi-san': a family name, as after 'Mr.'
    if japanese_honorific:
        printed = printed[: japanese_honorific.start()]
    name = parse_name(printed)
    if name is None or name.tokens != len(printed.replace(".", "").split()) - (1 if name.suffix else 0):
        return None
    if _COMMA_THE_SEPARATOR.fullmatch(m.groupdict().get("sep") or "") and (
        name.tokens < 2 or not _OUTLET_CUE.search(text, m.start("org"), min(len(text), m.end() + 30))
    ):  # 'Karine, the Washington Post reported ...' addresses the host, 'Mitch McConnell, the Republican Leader,
        return None  # said ...' opens a question; 'Jane Doe, the AFP' is a call
    if _OUTLET_CUE.search(printed) or printed.split()[0] in _NOT_A_FIRST_NAME:
        return None  # 'Anne Gearan, Washington Post.' read backwards; 'Happy Birthday, Steve.'; 'Federal Reserve.'
    org = (m.groupdict().get("org") or "").strip().rstrip(".,")
    if org and (org.split()[0] in non_name or org[0].isdigit()) and not _OUTLET_CUE.search(org):
        return None  # 'Of the ...', '2024': no outlet
    if m.re is _CALLED_ON_OUTLET_THEN_NAME and not is_outlet(org):
        return None  # 'Dawn Tan, Channel NewsAsia.' is the name first
    name_at = m.start("name")
    honorific = bool(japanese_honorific) or (
        source == "called_on"
        and bool(m.groupdict().get("hon") or _HONORIFIC_BEFORE.search(text, max(0, name_at - 5), name_at))
    )
    if not org:  # no outlet: 'I'm Janne Pak.', 'My name is Yamamoto.', '... call on Mr. Kynast'
        if name.tokens < 2 and m.groupdict().get("cue") != "My name is" and not honorific:
            return None
    elif _comma_form(m) and not _OUTLET_CUE.search(org) and not honorific and name.tokens < 2:
        return None
    start, end = m.start("name"), m.start("name") + len(printed)
    # Called on by one word and no honorific, the word is a first name as often as not ('Trevor of Reuters'),
    # unless the host has just said the full name ('Phil Mattingly of — Mattingly of CNN').
    if source == "called_on" and not honorific and name.tokens < 2:
        full = _FULL_NAME_BEFORE.search(text, max(0, start - 40), start)
        if full is None or full.group("family") != printed or (name := parse_name(full.group(0))) is None:
            return None
        start, end = full.start(), full.end()
    journalist = TitleInfo("journalist", "journalist", "questioner", None)
    return _Mention(start, end, source, name, journalist, None, org or None, utterance_index, text[start:end])


class _DocumentPeople:
    """Merges mentions of one document into local people."""

    def __init__(self) -> None:
        self.people: list[_Person] = []
        self.by_family: dict[str, list[_Person]] = defaultdict(list)

    def candidates(self, family: str) -> list[_Person]:
        return self.by_family.get(fold(family), [])

    def add(self, mention: _Mention) -> _Person | None:
        name = mention.name
        if name is None or name.family is None:
            return None
        person = self.match(name, mention.role)
        if person is None:
            person = _Person(name.family, name.given)
            self.people.append(person)
            self.by_family[fold(name.family)].append(person)
        person.absorb(mention, None)
        return person

    def match(self, name: ParsedName, role: TitleInfo | None) -> _Person | None:
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
    for person in list(people.people):
        if (
            person.given
            and person.family_first is None
            and " " not in person.given
            and fold(person.given) in singles
            and fold(person.family or "") not in singles
        ):
            _turn_round(person)


def _turn_round(person: _Person) -> None:
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


def _merge_into_people(mentions: list[_Mention], doc: _DocumentPeople) -> list[tuple[_Mention, _Person]]:
    """Attach each named mention to a local person; full names first so surnames find their owner."""
    ordered = sorted(
        range(len(mentions)),
        key=lambda i: (-(mentions[i].name.tokens if mentions[i].name else 0), mentions[i].source == "label", i),
    )
    attached: list[tuple[_Mention, _Person]] = []
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


def _role_only_label_person(parsed_role: TitleInfo, doc: _DocumentPeople, labelled: set[int]) -> _Person | None:
    """'THE PRESIDENT' -> the one holder of that role named in the document title, else in the whole document.

    People with a named label of their own ('PRESIDENT MACRON') are not candidates.
    """
    holders = [p for p in doc.people if parsed_role.role in p.roles and id(p) not in labelled]
    in_title = [p for p in holders if any(m.source == "metadata" for m in p.mentions)]
    if len(in_title) == 1:
        return in_title[0]
    if len(holders) == 1:
        return holders[0]
    return None


def _label_cut_short(
    label: str, labels: list[LabelMatch], person_of: dict[tuple[int | None, str], _Person]
) -> _Person | None:
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
) -> list[tuple[int, int, int, _Person]]:
    """First-name address at a turn's start ('Well, Yoko, thank you') when exactly one local person has that name."""
    by_given: dict[str, list[_Person]] = defaultdict(list)
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
) -> list[tuple[int, int, _Person]]:
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


def _read_family_first(person: _Person) -> None:
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


def _dedupe_by_span(records: list[tuple[int, int, str, _Person]]) -> list[tuple[int, int, str, _Person]]:
    """One mention per span, in text order; the most specific source wins ('called_on' over 'prose')."""
    records.sort(key=lambda r: (r[0], _SOURCE_PRIORITY.get(r[2], 9), -r[1]))
    out: list[tuple[int, int, str, _Person]] = []
    for record in records:
        if out and record[0] < out[-1][1]:
            continue
        out.append(record)
    return out


def analyse_speakers(document_id: str, clean_text: str, kind: str, metadata: dict) -> SpeakerAnalysis:
    """Utterances, sentences, person mentions and local people of one document (the per-document entry point)."""
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
    label_mentions = _label_mentions(clean_text, labels, turn_utterance)
    questioners = _questioner_mentions(clean_text, utterances)

    known = {fold(m.name.family) for m in prose + label_mentions if m.name and m.name.family and not m.headline}
    context = _trim_headline_names(context, known)
    prose = _trim_headline_names(prose, known)
    doc = _DocumentPeople()
    all_mentions = context + prose + label_mentions + [m for ms in questioners.values() for m in ms]
    attached = _merge_into_people(all_mentions, doc)
    _order_families(doc)
    person_of: dict[tuple[int | None, str], _Person] = {(m.start, m.source): p for m, p in attached}

    speaker_of: dict[int, _Person] = {}
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
                person = _role_only_label_person(parsed.title, doc, labelled_people) or _label_cut_short(
                    label.label, labels, person_of
                )
                if person is not None:
                    person.absorb(
                        _Mention(
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
        person = next((p for p in people_here if p is not None and not _holds_office(p)), None)
        if person is not None:
            speaker_of[index] = person
    _attribute_follow_up_questions(clean_text, utterances, speaker_of)
    _attribute_greetings_before_introductions(clean_text, utterances, speaker_of)

    extra: list[tuple[int, int, str, _Person]] = []
    for start, end, _index, person in _address_mentions(clean_text, utterances, doc):
        extra.append((start, end, "address", person))
    spans = [(m.start, m.end) for m, _ in attached if m.start is not None]
    spans += [(s, e) for s, e, _, _ in extra]
    for start, end, person in _bare_surname_mentions(clean_text, doc, spans):
        extra.append((start, end, "prose", person))

    records: list[tuple[int, int, str, _Person]] = [
        (m.start, m.end, m.source, p) for m, p in attached if m.start is not None and m.end is not None
    ] + extra
    records = _dedupe_by_span(records)
    counts: Counter[int] = Counter(id(p) for _, _, _, p in records)
    for person in speaker_of.values():
        counts[id(person)] += 0 if counts[id(person)] else 1
    local_people = _local_person_rows(document_id, doc, counts)

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


_PRINTED_INITIAL = re.compile(rf"\b({_INITIAL}) ")
_PRINTED_SUFFIX = re.compile(rf",? ({_SUFFIX})")


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
    title_words = {fold(w) for w in _NON_NAME_WORDS}
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
    for members in by_family.values():
        for person in members:
            if person.given_name and person.family_name and person.family_name_first:
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


def _person_row(cluster: _Cluster, person_id: str) -> Person:
    family = max(cluster.families.items(), key=lambda kv: (kv[1], kv[0]))[0] if cluster.families else cluster.family
    given = cluster.given()
    role = _best_role(cluster.roles)
    return Person(
        person_id=person_id,
        display_name=_display_name(cluster, family, given),
        family_name=family,
        given_name=given,
        role=role,
        country=cluster.country(),
        organization=cluster.orgs.most_common(1)[0][0] if cluster.orgs else None,
        mention_count=cluster.mentions,
    )
