"""Names: how a person's name is printed and parsed, and the document-local person its mentions build.

The name grammar (a name word, an initial, a suffix, an outlet), the reference lexicon of
titles and countries (``ref_titles.csv``, ``ref_countries.csv``) and given-name variants
(``ref_given_name_variants.csv``), ``parse_name``, and the two records the speaker stage
assembles: a ``NameMention`` (one printed name, with what its context says of the person)
and a ``DocumentPerson`` (the mentions of one person within a document). Nothing here
knows any particular person.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz import fuzz

from .countries import country_rows
from .reference import load_reference
from .turns import NAME_LOWER, NAME_UPPER, TitleInfo, title_lexicon, word_set

_KEEP_LOWER = frozenset({"of", "for", "the", "and", "on", "to"})
_PARTICLES = r"(?:von der|von|van der|van|de la|de|del|der|da|di|du|le|la|bin|ibn|al)"
# A name word: an all-caps family name ('KISHIDA'), or a capitalised word with inner capitals or apostrophes
# ('McDonough', 'O’Connell') and hyphenated parts ('Jean-Pierre', 'Won-sik'); a possessive 's is not part of it.
NAME_TOKEN = (
    rf"(?:[A-Z]{{2,}}(?:-[A-Z]{{2,}})?(?![{NAME_LOWER}])"
    rf"|[{NAME_UPPER}](?:[{NAME_LOWER}]+|['’](?=[A-Z]))(?:['’]?[A-Z][{NAME_LOWER}]+)*(?:-[A-Za-z{NAME_LOWER}]+)*)"
)
# "J.", or a bare "J" between two mixed-case name words ("Antony J Blinken", as Indian papers print it)
INITIAL = r"[A-Z](?:\.|(?<=[a-z] [A-Z])(?= [A-Z][a-z]))"
SUFFIX = r"(?:Jr\.?|Jnr\.?|Sr\.?|Snr\.?|III|II|IV)(?![\w])"
_TRAILING_HONORIFICS = frozenset({"Ji", "Sahib"})
NAME = rf"{NAME_TOKEN}(?: (?:{INITIAL} )?(?:{_PARTICLES} )?{NAME_TOKEN}){{0,2}}(?:,? {SUFFIX})?"
NAME_RE = re.compile(NAME)
_TOKEN_SPLIT = re.compile(rf"{SUFFIX}|{INITIAL}|{_PARTICLES}(?= )|{NAME_TOKEN}")
ORG = (  # 'Yonhap News Agency', 'the Associated Press', 'N.H.K.', '1+1 tv channel'
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'’-]*|\d[\w+&'’-]*)(?: (?:(?:[A-Z]\.){2,}|[A-Z][\w&'’-]*|of|and|&|the|newspaper"
    r"|news|television|tv|channel|radio|magazine|daily|press|agency|network)){0,5}"
)
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
NON_NAME_WORDS = word_set(
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
    New Old Great Day Week Year Time Number Part Hotel Palace Residence Plaza Square Airport Emerita Emeritus
    Station Base Port Harbor Harbour Museum Library Stadium Arena Embassy Consulate Mansion Villa Garden Gardens
    Lodge Resort Estate Bridge Conduct Conducts Conducted Host Meet Discuss Sign Visit Travel Deliver Launch
    Announce Welcome Attend Join Address Speak Hold
    """
)


# Ranks and forms of address printed before a name and never a name themselves here: 'Judge J. Harvie
# Wilkinson', 'Congressman Steny Hoyer', 'Admiral Rachel Levine'. A name read from such a run skips them.
RANK_WORDS = word_set(
    """
    Congressman Congresswoman Congressmember Judge Admiral Major Colonel Captain Lieutenant Sergeant Commander
    Corporal Chaplain Bishop Rabbi Reverend Sheriff Councilman Councilwoman Councilmember
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


def trie_regex(words: Iterable[str]) -> str:
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
    for row in country_rows():
        code = row.country_code
        for alias in row.aliases:
            country_by_alias.setdefault(alias, code)
            country_by_alias.setdefault(alias.replace("'", "’"), code)  # 'People’s Republic of China'
        if row.family_name_first:
            family_first.add(code)
        if row.printed_family_first:
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
    countries = trie_regex(sorted(country_by_alias, key=len, reverse=True))
    # An apposition ('Antony Blinken, Secretary of State') is not one when a name follows the title: in
    # 'Premier Li Qiang, Foreign Minister Wang Yi' the title opens the next person of a list.
    # The pattern starts with the title trie (upper-case first letters only) so the regex engine can skip
    # ahead in C; a demonym before the title ('U.S.', 'Japanese') is read in Python afterwards.
    for phrase in _TITLES_PRINTED_IN_LOWER_CASE:  # 'ministry spokesperson Zhao Lijian', 'his spokesman Kang Min Seok'
        if _prose_form(phrase) in titles_by_prose:
            titles_by_prose[phrase] = titles_by_prose[_prose_form(phrase)]
    titles = trie_regex(
        sorted(
            (t for t in titles_by_prose if t[0].isupper() or t in _TITLES_PRINTED_IN_LOWER_CASE), key=len, reverse=True
        )
    )
    # 'Minister Shri Rajnath Singh', 'External Affairs Minister Dr. S. Jaishankar': a one-word honorific of
    # ref_titles between the title and the name belongs to neither.
    honorifics = "|".join(
        [re.escape(info.phrase) for info in titles_by_prose.values() if info.role is None and " " not in info.phrase]
        + ["emerita", "emeritus"]  # 'Speaker Emerita Nancy Pelosi': the title's, not the name's
    )
    honorific_after_title = rf"(?:(?i:{honorifics}) )?"
    # A portfolio after the title: 'Assistant Secretary of State for East Asian and Pacific Affairs Daniel
    # Kritenbrink', 'Special Presidential Envoy for Climate John Kerry'. Only portfolio words and country names
    # may make it up, so the name that follows is not read into it.
    portfolio_word = rf"(?:{trie_regex(sorted(_PORTFOLIO_WORDS | set(country_by_alias), key=len, reverse=True))})"
    portfolio_word += r"(?![\w’'-])"
    portfolio = rf"{portfolio_word}(?:(?: and | & |, | of (?:the )?| ){portfolio_word}){{0,7}}"
    titled = re.compile(
        rf"(?P<title>{titles})"
        rf"(?: (?:of (?:the )?(?P<country2>{countries})|to (?:the )?(?P<posting>{countries})))?"
        rf"(?: for (?:the )?(?P<portfolio>(?>{portfolio})))?,? "  # atomic: no portfolio word is given back as a name
        rf"{honorific_after_title}(?P<name>(?:{INITIAL} )?{NAME})"
        rf"(?:(?: of (?:the )?(?P<country3>{countries}))|(?:, (?:the )?(?P<apposition>{titles})"
        rf"(?: of (?:the )?(?P<country4>{countries}))?(?! [A-Z])))?"
    )
    non_name = frozenset(NON_NAME_WORDS | RANK_WORDS | set(country_by_alias))
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


class ParsedName(NamedTuple):
    family: str | None
    given: str | None
    middle: str | None  # middle initial, 'J.'
    suffix: str | None  # 'III', 'Jr.'
    family_first: bool | None  # True when printed family first (caps family), None when unknown
    tokens: int  # how many name tokens were read


_SUFFIX_RE = re.compile(SUFFIX)
_INITIAL_RE = re.compile(INITIAL)
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
        if not parts and (token in RANK_WORDS or token.title() in RANK_WORDS):
            continue  # 'Judge J. Harvie Wilkinson': the rank before the name
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


class NameMention(NamedTuple):
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


def _fullness(mention: NameMention) -> tuple[int, ...]:
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


class DocumentPerson:
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
        self.mentions: list[NameMention] = []
        self.key = ""

    def absorb(self, mention: NameMention, country_hint: str | None) -> None:
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


def country_of_alias(alias: str | None) -> str | None:
    if not alias:
        return None
    return lexicon().country_by_alias.get(alias)


@functools.lru_cache(maxsize=1)
def title_anywhere() -> tuple[re.Pattern[str], dict[str, TitleInfo]]:
    """Any prose title, in any case, as a whole word sequence; and title (lower case) -> TitleInfo."""
    by_lower = {title.lower(): info for title, info in lexicon().titles_by_prose.items()}
    return re.compile(rf"(?i)\b({trie_regex(sorted(by_lower, key=len, reverse=True))})\b"), by_lower


def in_title_case_line(text: str, position: int, cache: dict[int, bool]) -> bool:
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
