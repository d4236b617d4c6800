"""Event names and merge keys: finding trigger candidates in a text, growing a name around each
(qualifiers, parties, abbreviations, a topic or counterpart) and the generic rules that make its
merge key (``alias_key_for``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from orchestration.extract.countries import country_rows
from orchestration.extract.events.rules import (
    _CAPITAL_STOPWORDS,
    _COMPLEMENT_SPLIT,
    _COUNTERPART,
    _DETERMINERS_AND_FILLERS,
    _FOLLOWING_ABBREVIATION,
    _FOREIGN_AND_DEFENCE,
    _FOREIGN_AND_DEFENCE_FORMAT,
    _GAP_ALLOWED,
    _GENERIC_SUFFIX,
    _LETTER_DASH_NUMBER,
    _NUMBER_WORDS,
    _NUMERIC_FORMAT,
    _OF_NAME,
    _ORDINAL,
    _PAREN_NAME,
    _PARTY_COMPOUND,
    _PLUS_NUMBER,
    _POSSESSIVE,
    _QUOTES,
    _SPACED_PLUS,
    _TIME_WORDS,
    _TOKEN,
    _TOPIC,
    _UNITED_COUNTRY,
    _UNITED_COUNTRY_SHORT,
    _VERB_CONTEXT,
    QualifierInfo,
    TriggerInfo,
    TriggerTable,
    _Candidate,
    _keyword_spans,
    _qualifiers,
    _reference_key,
    _triggers,
)
from orchestration.extract.names import trie_regex
from orchestration.extract.records import EventMention
from orchestration.extract.sentences import sentence_cuts
from orchestration.extract.timex import (
    MONTH_NUMBERS,
    WEEKDAY_NUMBERS,
    merge_spans,
)
from orchestration.extract.turns import title_lexicon

# --- names and alias keys ------------------------------------------------------------------------


def normalise_number_format(text: str) -> str:
    """'two-plus-two', '2 plus 2', '2 + 2' -> '2+2' (spelled and spaced forms of one format name;
    'two plus two' in words and spaces is arithmetic)."""
    if "plus" in text:
        text = _PLUS_NUMBER.sub(lambda m: f"{_number_of(m[1] or m[3])}+{_number_of(m[2] or m[4])}", text)
    return _SPACED_PLUS.sub(r"\1+\2", text) if "+" in text else text


def _number_of(word: str) -> str:
    return word if word.isdigit() else _NUMBER_WORDS[word.lower()]


def fold_country_names(text: str) -> str:
    """'Australia-United States Ministerial' -> 'Australia-U.S. Ministerial', 'South Korea-Japan-China
    summit' -> 'ROK-Japan-China summit': a country name of several words touching a party prefix's
    dash is one token, so the prefix is read as parties, not as name words."""
    if "United" in text:
        text = _UNITED_COUNTRY.sub(lambda m: _UNITED_COUNTRY_SHORT[" ".join(m[1].split())], text)
    if "-" not in text and "–" not in text:
        return text
    names = _country_names(_reference_key())
    return names.multiword.sub(lambda m: names.short[m["after"] or m["before"]], text)


class _CountryNames(NamedTuple):
    """What event names need of ref_countries, read once per reference folder."""

    codes: dict[str, str]  # every name and alias, lower case -> country code ('rok' -> 'KR')
    words: frozenset[str]  # every word of them, lower case, no last full stop ('republic', 'korea', 'u.s')
    multiword: re.Pattern[str]  # a name of several words right after or before a dash ('South Korea')
    short: dict[str, str]  # such a name -> the country's first one-word alias ('ROK')


@functools.lru_cache(maxsize=4)
def _country_names(_folder: str | None) -> _CountryNames:
    codes: dict[str, str] = {}
    words: set[str] = set()
    short: dict[str, str] = {}
    for row in country_rows():
        aliases = row.aliases
        one_word = next((alias for alias in aliases if " " not in alias and alias[:1].isupper()), None)
        for alias in aliases:
            codes.setdefault(alias.lower(), row.country_code)
            words.update(word.lower().rstrip(".,") for word in alias.split())
            if one_word and " " in alias and alias[:1].isupper() and not alias.startswith("United "):
                short[alias] = one_word
    names = trie_regex(sorted(short, key=len, reverse=True)) or "(?!)"
    multiword = re.compile(rf"(?<=[-–])(?P<after>{names})\b|\b(?P<before>{names})(?=[-–])")
    return _CountryNames(codes, frozenset(words), multiword, short)


def _strip_quotes(token: str) -> str:
    return token.strip(_QUOTES) if not _POSSESSIVE.search(token) else token.lstrip(_QUOTES)


def is_party_compound(token: str) -> bool:
    """'Japan-U.S.', 'U.S.-Japan-ROK': a hyphenated list of capitalised party names."""
    return bool(_PARTY_COMPOUND.match(token)) and "-" in token.replace("–", "-")


def parties_of(token: str) -> str:
    """'U.S.-Japan' and 'Japan-U.S.' -> 'JP|US' (order-free); a party ref_countries knows is its country
    code ('ROK', 'Korea' and 'South Korean' are all 'KR'), another its lower-case name ('asean')."""
    codes = _country_names(_reference_key()).codes
    parts = [part.strip(" .").lower() for part in re.split(r"[-–]", token) if part.strip(" .")]
    return "|".join(sorted({codes.get(part) or codes.get(part + ".") or part for part in parts}))


def core_of_name(name: str, family: str) -> str:
    """The merge-relevant words of an event name (lowercase), by generic rules.

    Priority: a parenthesised abbreviation ('Foreign and Defense Ministerial (2+2) Meeting' -> '2+2'),
    then a topic complement ('meeting on extended deterrence' -> 'extended deterrence'), then a
    numeric format name anywhere, then the remaining words without party prefixes, trigger words and
    format qualifiers ('Quad Foreign Ministers Meeting' -> 'quad').
    """
    name = fold_country_names(normalise_number_format(name))
    paren = _PAREN_NAME.match(name)
    if paren and paren["short"].strip().lower() not in _country_names(_reference_key()).codes:
        short = _core_words(paren["short"].split(), family)  # not '(ROK)' after 'Republic of Korea'
        if short and len(short) <= 3:
            return " ".join(short)
    head, complement = _split_complement(name)
    if complement and family == "meeting":
        topic = _core_words(complement.split(), family)
        if topic:
            return " ".join(topic)
    words = _core_words(head.split(), family)
    numeric = [word for word in words if _NUMERIC_FORMAT.match(word)]
    if numeric:
        return numeric[0]
    if (
        family == "meeting"
        and _names_foreign_and_defence(head)
        and set(words) <= _country_names(_reference_key()).words
    ):
        return _FOREIGN_AND_DEFENCE_FORMAT  # what is left names only countries: 'Republic of Korea – United States'
    return " ".join(words)


def _names_foreign_and_defence(name: str) -> bool:
    """'Foreign and Defense Ministerial', 'foreign and defence ministers' meeting': both portfolios named."""
    words = {word.strip(_QUOTES + "().,").lower() for word in name.split()}
    return all(words & portfolio for portfolio in _FOREIGN_AND_DEFENCE)


def _split_complement(name: str) -> tuple[str, str | None]:
    """Split after the head trigger word: 'Ministerial Meeting on X' -> ('Ministerial Meeting', 'X')."""
    words = _triggers().words
    head_end = 0
    for token in re.finditer(r"\S+", name):
        if token.group(0).lower().strip(_QUOTES + "().,") in words:
            head_end = token.end()
    match = _COMPLEMENT_SPLIT.search(name, head_end)
    if not match:
        return name, None
    if match[1] in ("on", "regarding", "about", "of"):
        return name[: match.start()], name[match.end() :]
    return name[: match.start()], None


def _core_words(tokens: Sequence[str], family: str) -> list[str]:
    trigger_words = _triggers().words
    qualifiers = _qualifiers()
    words: list[str] = []
    for raw in tokens:
        token = _strip_quotes(raw.strip("()"))
        if not token or is_party_compound(token) or not any(c.isalnum() for c in token):
            continue  # a party compound, or a spaced dash ('Republic of Korea – United States')
        if raw.startswith("(") and token.lower().rstrip(".") in _country_names(_reference_key()).codes:
            continue  # '(ROK)' spelling out a party: 'Japan-China-Republic of Korea (ROK) Summit'
        if _POSSESSIVE.search(token):
            owner = _POSSESSIVE.sub("", token).lower()
            # 'Prime Minister Kishida's visit' -> 'kishida'; 'last night's working dinner' names no owner
            words = [] if owner in _TIME_WORDS else [owner]
            continue
        lower = _LETTER_DASH_NUMBER.sub(r"\1\2", token.lower().rstrip(".,"))  # 'G-7' is 'G7'

        qualifier = qualifiers.get(lower)
        if lower in trigger_words or lower in _DETERMINERS_AND_FILLERS or (qualifier and not qualifier.in_core):
            continue
        if _ORDINAL.match(lower):
            continue
        words.append(lower)
    while words and words[-1] in ("and", "of"):
        words.pop()
    return words


def alias_key_for(name: str, family: str, kind: str) -> str:
    """Merge key: the core words, prefixed by the family for non-meetings ('visit:kishida').

    A name with no core words ('the meeting', 'a courtesy call', 'the election') is generic: it
    merges only inside its own document, never with another document's 'election' of that year.
    Memoised per reference folder: names repeat across documents ('the meeting', '2+2').
    """
    return _alias_key_memo(_reference_key(), name, family, kind)


@functools.lru_cache(maxsize=1 << 16)
def _alias_key_memo(_folder: str | None, name: str, family: str, kind: str) -> str:
    """``alias_key_for`` for one reference folder (the folder is only the cache key)."""
    core = core_of_name(name, family)
    if family == "meeting":
        return core or kind + _GENERIC_SUFFIX
    return f"{family}:{core}" if core else family + _GENERIC_SUFFIX


def is_generic_alias(alias_key: str) -> bool:
    """A meeting named only by its kind ('the meeting'): merged only inside one document."""
    return alias_key.endswith(_GENERIC_SUFFIX)


# --- finding mentions ----------------------------------------------------------------------------


def find_event_candidates(text: str) -> list[_Candidate]:
    """Trigger matches grown into named mentions; a modifier trigger inside a longer name is dropped.

    Candidate-first: ``str.find`` on a few keywords, then the trigger regex only in small windows.
    """
    table = _triggers()
    spans = _keyword_spans(text, table)
    candidates: list[_Candidate] = []
    seen: set[int] = set()
    for low, high in merge_spans(spans):
        for match in table.pattern.finditer(text, low, high):
            if match.start() in seen:
                continue
            seen.add(match.start())
            candidate = _candidate_from_trigger(text, match, table)
            if candidate is not None:
                candidates.append(candidate)
    return _drop_nested(candidates)


def _candidate_from_trigger(text: str, match: re.Match[str], table: TriggerTable) -> _Candidate | None:
    if match["word"]:
        phrase = " ".join(match["word"].lower().split())
        info = table.by_phrase[phrase]
        if _VERB_CONTEXT.search(text, max(0, match.start() - 12), match.start()):
            return None
        if phrase in table.qualifiers and _modifies_next_word(text, match.end(), table):
            return None  # 'ministerial level meeting': the head comes later
        if _inside_longer_proper_name(text, match, table) or _followed_like_a_verb(text, match.end()):
            return None
    else:
        info = TriggerInfo("meeting", "meeting")
    candidate = _grow_candidate(text, match.start(), match.end(), info, table)
    if (
        info.needs_name
        and candidate
        and candidate.start == candidate.trigger_start  # no name word or qualifier before it
        and is_generic_alias(candidate.alias_key)
        and match.group(0).islower()
    ):
        return None  # 'consultations with Congress'; but 'ministerial consultations' is an event
    return candidate


_NEXT_WORD = re.compile(r"[ \t-]+([A-Za-z][\w’'-]*)")


_VERB_FOLLOWERS = frozenset({"about", "like", "him", "her", "them", "us", "me", "it"})
_NAME_CONTINUATION_EXCEPTIONS = frozenset(
    {"On", "In", "At", "With", "Of", "For", "And", "The", "This", "Between", "By"}
)


def _inside_longer_proper_name(text: str, match: re.Match[str], table: TriggerTable) -> bool:
    """'Press Briefing Room', 'Summit Declaration': a capitalised trigger followed by another capitalised
    non-trigger word is the modifier of a longer proper name (a room, a document), not the event."""
    if not match.group(0)[:1].isupper():
        return False
    following = _NEXT_WORD.match(text, match.end())
    if not following or not following[1][:1].isupper() or following[1] in _NAME_CONTINUATION_EXCEPTIONS:
        return False
    word = following[1].lower().strip("’'")
    return word not in table.words and word not in _TIME_WORDS and not following.group(0).startswith("-")


def _followed_like_a_verb(text: str, position: int) -> bool:
    """'the President talks about this', 'Biden meeting him': the trigger is a verb here."""
    following = _NEXT_WORD.match(text, position)
    return bool(following) and following.group(0)[:1] == " " and following[1] in _VERB_FOLLOWERS


def _modifies_next_word(text: str, position: int, table: TriggerTable) -> bool:
    """A trigger that is also a qualifier ('ministerial', 'summit') is a modifier when a name word follows."""
    following = _NEXT_WORD.match(text, position)
    if not following:
        return False
    word = following[1].lower()
    return word in table.words or word in table.qualifiers


def _drop_nested(candidates: list[_Candidate]) -> list[_Candidate]:
    """'Ministerial Meeting' yields two triggers; keep the head (the rightmost trigger of a name)."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.trigger_end)):
        if kept and candidate.start < kept[-1].end:
            if candidate.trigger_end > kept[-1].trigger_end and candidate.start <= kept[-1].trigger_start:
                kept[-1] = candidate
            elif candidate.trigger_end > kept[-1].end:
                kept.append(candidate)
            continue
        kept.append(candidate)
    return kept


def _grow_candidate(
    text: str, trigger_start: int, trigger_end: int, info: TriggerInfo, table: TriggerTable
) -> _Candidate | None:
    paren_open = _enclosing_paren(text, trigger_start)
    left_edge = paren_open if paren_open is not None else trigger_start
    pre_tokens, start = _premodifiers(text, left_edge, table)
    trigger_text = _strip_quotes(text[trigger_start:trigger_end])
    end = trigger_end
    if paren_open is not None:
        close = text.find(")", trigger_end)
        inner = text[paren_open + 1 : close] if close > 0 else trigger_text
        end = close + 1 if close > 0 else trigger_end
        name_parts = [*pre_tokens, f"({_clean_inner(inner)})"]
    else:
        name_parts = [*pre_tokens, trigger_text]
    place = None
    complement = _complement(text, end, info.family)
    if complement:
        words, end, place = complement
        name_parts.append(words)
    elif paren_open is None:
        abbreviation = _FOLLOWING_ABBREVIATION.match(text, end)
        if abbreviation:  # 'Ministerial Consultations (AUSMIN)': the short name its sources use
            name_parts.append(f"({abbreviation['short']})")
            end = abbreviation.end()
    name = " ".join(_strip_quotes(part) if not part.startswith("(") else part for part in name_parts)
    if paren_open is not None and not pre_tokens:
        name = name.strip("()")
    kind = _kind_from_qualifiers(pre_tokens, info, table.qualifiers)
    party_tokens = fold_country_names(" ".join(pre_tokens)).split()
    parties = next((parties_of(token) for token in party_tokens if is_party_compound(_strip_quotes(token))), None)
    alias_key = _alias_key_memo(table.folder, name, info.family, kind)
    return _Candidate(start, end, trigger_start, trigger_end, name, kind, info.family, alias_key, parties, place)


def _clean_inner(inner: str) -> str:
    """Inside '(Japan-U.S. “2+2”)' keep the abbreviation: drop quotes and party prefixes."""
    tokens = [_strip_quotes(token) for token in inner.split()]
    kept = [token for token in tokens if token and not is_party_compound(token)]
    return normalise_number_format(" ".join(kept or tokens))


def _enclosing_paren(text: str, position: int) -> int | None:
    """Start of an open parenthesis just before the trigger ('Committee (Japan-U.S. “2+2”)')."""
    window_start = max(0, position - 40)
    open_index = text.rfind("(", window_start, position)
    if open_index < 0 or text.rfind(")", open_index, position) >= 0 or "\n" in text[open_index:position]:
        return None
    return open_index


def _premodifiers(text: str, position: int, table: TriggerTable) -> tuple[list[str], int]:
    """Name words left of the trigger, nearest first rejected at the first non-name word."""
    window_start = max(0, position - 160)
    line_start = text.rfind("\n", window_start, position) + 1
    window_start = max(window_start, line_start)
    tokens = list(_TOKEN.finditer(text, window_start, position))
    accepted: list[re.Match[str]] = []
    boundary = position
    has_plus = "plus" in text[window_start:position]
    plus_formats = [m.span() for m in _PLUS_NUMBER.finditer(text, window_start, position)] if has_plus else []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        if not _GAP_ALLOWED.fullmatch(text, token.end(), boundary):
            break
        raw = token.group(0)
        if raw.startswith("(") and raw[1:2].islower():
            boundary = token.start()  # '(inaudible)', '(via interpreter)': transcript notes, not name words
            continue
        in_plus_format = any(start <= token.start() and token.end() <= end for start, end in plus_formats)
        if not in_plus_format and not _accept_premodifier(
            raw, tokens[index - 1].group(0) if index > 0 else None, table
        ):  # 'the 2 plus 2 Ministerial Dialogue': '2', 'plus', '2' are one name word
            break
        accepted.append(token)
        boundary = token.start()
        if len(accepted) >= 8 or (_POSSESSIVE.search(raw) and raw[:1].islower()):
            break
    while accepted and _strip_quotes(accepted[-1].group(0)).lower() in ("and", "of", "&"):
        accepted.pop()
    accepted.reverse()
    start = accepted[0].start() if accepted else position
    return [token.group(0) for token in accepted], start


def _accept_premodifier(raw: str, previous: str | None, table: TriggerTable) -> bool:
    if raw.startswith("("):
        return True
    token = _strip_quotes(raw)
    bare = _POSSESSIVE.sub("", token)
    lower = bare.lower().rstrip(".")
    if not bare or lower in _TIME_WORDS:
        return False
    if _NUMERIC_FORMAT.match(normalise_number_format(bare)):
        return True
    if lower in ("and", "of", "&"):
        return previous is not None and _strip_quotes(previous)[:1].isupper()
    qualifiers = table.qualifiers
    if lower in table.words and lower not in qualifiers:
        return False  # another event's head word: 'X Meeting and Y Dialogue' are two names
    if bare[:1].isupper() or bare[:1].isdigit() and any(char.isupper() for char in bare):
        return lower not in _CAPITAL_STOPWORDS
    if _POSSESSIVE.search(token):
        return lower not in _CAPITAL_STOPWORDS and lower not in ("it", "today", "yesterday", "tomorrow")
    return lower in qualifiers


def _complement(text: str, position: int, family: str) -> tuple[str, int, str | None] | None:
    """Words right of the trigger that belong to the name: a topic for meetings, a counterpart otherwise.

    None of them runs past the end of a sentence ('talks on Wednesday. Washington ...')."""
    if family == "meeting":
        topic = _TOPIC.match(text, position)
        if topic and not _starts_with_time_word(topic["topic"]) and not _verb_phrase_topic(text, topic):
            words = _within_sentence(topic.group(0).strip()).rstrip(".")
            return words, topic.start() + topic.group(0).find(words) + len(words), None
        of_name = _OF_NAME.match(text, position)
        if of_name and not _starts_with_time_word(of_name["name"]):
            words = _within_sentence(of_name.group(0).strip()).rstrip(".")
            return words, of_name.start() + of_name.group(0).find(words) + len(words), None
    counterpart = _COUNTERPART.match(text, position)
    if not counterpart or _starts_with_time_word(counterpart["who"]):
        return None
    prep = counterpart["prep"]
    if prep == "to" and family != "visit" or prep == "on" and family == "meeting":
        return None
    who = _without_sentence_dot(_without_dangling_conjunction(_within_sentence(counterpart["who"].strip())))
    if prep in ("with", "between") and len(who.split()) < 2:
        return None
    end = counterpart.start("who") + counterpart["who"].find(who) + len(who)
    place = who.removeprefix("the ").strip() if prep == "to" else None
    return f"{prep} {who}", end, place


_DANGLING_CONJUNCTION = re.compile(r"(?:[ \t]+(?:and|of|&))+$")


def _within_sentence(words: str) -> str:
    """'Wednesday. Washington' -> 'Wednesday.': a complement stops where its sentence ends, as the
    sentence splitter reads it ('H.E. Mr. Kang', 'U.S. Forces' go on)."""
    cuts = sentence_cuts(words)
    return words[: cuts[0]].rstrip() if cuts else words


def _without_dangling_conjunction(words: str) -> str:
    """'Foreign Minister Virtanen and' -> 'Foreign Minister Virtanen': a counterpart list cut short at
    its word limit does not end on 'and' or 'of'."""
    return _DANGLING_CONJUNCTION.sub("", words)


_DETERMINER_AFTER = re.compile(r"[ \t]*(?:the|a|an|our|their|its|this|these|those|his|her|my|your)\b")


def _verb_phrase_topic(text: str, topic: re.Match[str]) -> bool:
    """'talks on updating the alliance': a lone '-ing' word taking an object is a verb phrase, not a topic."""
    words = topic["topic"].split()
    return len(words) == 1 and words[0].endswith("ing") and bool(_DETERMINER_AFTER.match(text, topic.end("topic")))


def _without_sentence_dot(words: str) -> str:
    """'President of Israel.' -> 'President of Israel'; 'the U.S.' keeps its abbreviation dot."""
    if words.endswith(".") and not re.search(r"(?:^|[\s.])[A-Za-z]\.$", words):
        return words[:-1]
    return words


def _starts_with_time_word(words: str) -> bool:
    first = words.split()[0].lower().rstrip(".,;:").rstrip("’'s") if words.split() else ""
    return first in _TIME_WORDS


def _kind_from_qualifiers(pre_tokens: Sequence[str], info: TriggerInfo, qualifiers: dict[str, QualifierInfo]) -> str:
    for raw in reversed(pre_tokens):
        qualifier = qualifiers.get(_strip_quotes(raw).lower())
        if qualifier and qualifier.kind and qualifier.applies_to == info.family:
            return qualifier.kind
    return info.kind


class _AliasLinks:
    """Union-find over alias keys; the shortest key of a group names it (an abbreviation)."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.cache: dict[str, str] = {}

    def find(self, key: str) -> str:
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        root = self._root(key)
        self.cache[key] = root
        return root

    def _root(self, key: str) -> str:
        root = key
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(key, key) != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        self.cache.clear()
        if a != b:
            keep, drop = sorted((a, b), key=lambda key: (len(key), key))
            self.parent[drop] = keep


def learn_alias_links(mentions: Iterable[EventMention]) -> _AliasLinks:
    """'Security Consultative Committee (2+2)' says the long name and the abbreviation are one alias."""
    links = _AliasLinks()
    seen: set[str] = set()
    for mention in mentions:
        if "(" not in mention.name or mention.name in seen:
            continue
        seen.add(mention.name)
        match = _PAREN_NAME.match(mention.name)
        if not match:
            continue
        family = _family_of_alias(mention.alias_key)
        long_name = f"{match['long']} {match['tail']}".strip()
        long_key = alias_key_for(long_name, family, mention.kind)
        if long_key != mention.alias_key and not is_generic_alias(long_key) and long_key != family:
            links.union(long_key, mention.alias_key)
    return links


def _family_of_alias(alias_key: str) -> str:
    if ":" in alias_key:
        return alias_key.split(":", 1)[0]
    return alias_key.rstrip(_GENERIC_SUFFIX) if alias_key.endswith(_GENERIC_SUFFIX) else "meeting"


@functools.lru_cache(maxsize=4)
def _generic_words(_folder: str | None) -> frozenset[str]:
    # a title's head ('minister', 'secretary', 'president'), not the portfolio ('Defense Production Act')
    heads = {
        words[-1]
        for phrase in title_lexicon()
        if (words := phrase.replace(".", " ").split()) and not {"of", "for", "to", "on"} & set(words)
    }
    titles = heads | {f"{head}s" for head in heads}  # 'The Presidents announced
    months = {name.lower() for name in MONTH_NUMBERS} | {name.lower() for name in WEEKDAY_NUMBERS}
    stop = {word.lower() for word in _CAPITAL_STOPWORDS}
    return frozenset(titles | months | stop | _country_names(_folder).words | set(_triggers().words))


def generic_name_words() -> frozenset[str]:
    """Words that tell no event from another: titles, months, weekdays, countries, trigger words."""
    return _generic_words(_reference_key())
