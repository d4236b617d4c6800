"""Who a commitment binds: the countries of its actor, and how that was decided.

Its own step, separate from finding commitments, because the two fail differently: a commitment
sentence is found from its cue, but who is bound depends on who speaks, who the document is by
and whom the subject names. The rules, in order:

1. countries the subject names ('Japan, the ROK, and the United States are committed', 'Canada will');
2. a joint subject ('the two leaders', 'both sides', 'our three countries') binds every party;
3. 'we' in a joint text (a joint statement, a readout's narration) binds every party; a speaker's
   'we agreed / reaffirmed' at a meeting of several parties binds them all; otherwise a speaker's
   'I' / 'we' binds the speaker's country;
4. a person named as the subject in narration ('Prime Minister Kishida vowed') binds that
   person's country, two or more ('Minister Shin and Secretary Austin affirmed') all of theirs; a
   government body or office ('the Department of Education will') binds the speaker's government,
   or the publisher's in a text no other government takes part in;
5. 'we' in the narration of a single government's own document binds that government;
6. otherwise unknown: no guess from whoever is mentioned.

The basis (``named``, ``parties``, ``speaker``, ``person``, ``publisher``) is kept with the row:
a speaker's or person's country is often printed only in another document, so the corpus step
(dbt) fills those from the resolved person when the document alone does not say.

A document's parties are the countries its title and first lines list as a coordinated group
('Joint Statement of Japan, the Republic of Korea, and the United States'), the countries of its
speakers, and the publishing government (``ref_publishers.csv``) when the document is its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from orchestration.extract.reference import load_reference, reference_dir

# Modalities of a meeting's shared outcome: a speaker's 'we agreed' reports what every party did.
SHARED_OUTCOME_MODALITIES = frozenset({"agreed", "reaffirmed", "resolved"})
ALL_PARTIES = re.compile(
    r"\b(?:both|the two|our two|our three|our four|all (?:three|four)|the three|the four)\s+"
    r"(?:countries|sides|governments|nations|ministers|leaders|partners|allies|parties|delegations)\b"
    r"|\bthe (?:ministers|leaders|participants|parties|two sides|delegations|principals)\b|\bboth\b"
    # the holders of one title on every side: 'the two presidents', 'the Prime Ministers'; and an
    # alliance of the parties: 'the Alliance will work to'
    r"|\b(?:the|both|our)\s+(?:two\s+|three\s+|four\s+)?(?:presidents|prime\s+ministers|foreign\s+ministers|"
    r"defen[cs]e\s+ministers|heads\s+of\s+(?:state|government)|alliance)\b",
    re.IGNORECASE,
)
HEAD_CHARS = 600  # a document's first lines, where it says whose text it is


class ActorContext(NamedTuple):
    """What a document tells about who can be bound, computed once per document."""

    parties: frozenset[str]  # the document's parties (see module docstring)
    publisher_country: str | None  # the government whose own document this is, if any
    joint_text: bool  # narration speaks for several parties (a joint statement, a readout)


class Actor(NamedTuple):
    countries: frozenset[str]
    # named | parties | speaker | person | publisher | None (unknown); publisher_speaker: the publisher's
    # country for a speaker no document gives a country (resolved in int_commitment_actors)
    basis: str | None

    @property
    def codes(self) -> str | None:
        return ";".join(sorted(self.countries)) or None


UNKNOWN = Actor(frozenset(), None)


@functools.cache
def _publishers() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(row["pattern"], re.IGNORECASE), row["country_code"]) for row in load_reference("ref_publishers")
    )


def publisher_country(url: str | None, publisher: str | None, republished_from: str | None) -> str | None:
    """The government whose own text this is: the original of a republished copy, else the publisher or URL."""
    host = re.sub(r"^[a-z]+://", "", url or "").split("/", 1)[0].lower()
    for name in (republished_from, publisher):
        if name:
            for regex, code in _publishers():
                if regex.search(name.strip().lower()):
                    return code
            if name is republished_from:
                return None  # a copy of someone else's text: not the publisher's own
    for regex, code in _publishers():
        if host and regex.search(host):
            return code
    return None


def country_runs(text: str, countries: re.Pattern[str]) -> list[tuple[int, int]]:
    """Spans (start, end) of coordinated lists of two or more country names
    ('Japan, the Republic of Korea, and the United States')."""
    runs = []
    run: list[re.Match[str]] = []
    for match in countries.finditer(text):
        if run and not _JOINER.fullmatch(text[run[-1].end() : match.start()]):
            if len(run) >= 2:
                runs.append((run[0].start(), run[-1].end()))
            run = []
        run.append(match)
    if len(run) >= 2:
        runs.append((run[0].start(), run[-1].end()))
    return runs


# What may stand between the names of a coordinated list: commas, 'and', 'the', '&', slashes.
_JOINER = re.compile(r"(?:\s*(?:,|and|&|/|the)\s*)+", re.IGNORECASE)


def _listed_parties(text: str, countries: re.Pattern[str], country_of: Mapping[str, str]) -> frozenset[str]:
    """The first coordinated list of two or more distinct countries in the text, as codes."""
    for start, end in country_runs(text, countries):
        codes = frozenset(country_of[m.group(0)] for m in countries.finditer(text[start:end]))
        if len(codes) >= 2:
            return codes
    return frozenset()


def document_context(
    *,
    title: str | None,
    head: str,
    speaker_countries: Iterable[str],
    publisher: str | None,
    kind: str,
    countries: re.Pattern[str],
    country_of: Mapping[str, str],
) -> ActorContext:
    """The parties of a document and whose voice its narration is (``head``: its text, of which the
    first HEAD_CHARS are read)."""
    parties: set[str] = set(speaker_countries)
    listed = _listed_parties(f"{title or ''}\n{head[:HEAD_CHARS]}", countries, country_of)
    if listed:
        parties |= listed
    elif title:
        parties |= {country_of[m.group(0)] for m in countries.finditer(title)}
    parties |= groups_named(title or "")  # 'Quad Leaders’ Joint Statement': every member is a party
    own = kind in ("readout", "statement", "transcript", "other")
    if publisher and own:
        parties.add(publisher)
    return ActorContext(frozenset(parties), publisher if own else None, kind in ("readout", "statement", "other"))


def attribute(
    *,
    subject: str,
    cue_head: str,
    sentence: str,
    modality: str,
    narration: bool,
    speaker_country: str | None,
    person_country: str | None,
    has_person: bool,
    context: ActorContext,
    countries: re.Pattern[str],
    country_of: Mapping[str, str],
    body_subject: bool = False,
    co_subject_countries: frozenset[str] = frozenset(),
) -> Actor:
    """The countries a commitment binds, from the words before its cue (``subject``), the cue up to its
    object (``cue_head``: 'reaffirmed the U.S. commitment'), its sentence and the document."""
    # Line breaks and indentation inside a wrapped sentence ('The United States\n    committed to') are spaces.
    subject, cue_head = " ".join(subject.split()), " ".join(cue_head.split())
    pronoun = _last_pronoun(subject)
    head_pronoun = _last_pronoun(cue_head)  # cues that start with their subject: 'we commit to'
    if pronoun or head_pronoun:
        named = _named(subject, countries, country_of, after=pronoun.end() if pronoun else 0)
        named |= groups_named(subject[pronoun.end() :] if pronoun else subject)
    else:  # the cue may start inside the subject's name: 'The United States committed to' cut at 'States'
        named = _named(f"{subject} {cue_head}", countries, country_of) | groups_named(f"{subject} {cue_head}")
    pronoun = head_pronoun or pronoun
    if named:
        return Actor(named, "named")
    parties = context.parties
    several = len(parties) >= 2
    whole = " ".join(f"{subject} {cue_head}".split())
    if ALL_PARTIES.search(whole) and several:
        return Actor(parties, "parties")
    plural = pronoun is not None and pronoun.group(0) != "I"
    if body_subject and pronoun is None and not (narration and has_person):
        # 'the Department of Education will cancel', 'the Secretary of the Interior shall submit': a
        # government's body or office, in a text only that government speaks in or by its own speaker
        if not narration and speaker_country:
            return Actor(frozenset({speaker_country}), "speaker")
        if context.publisher_country and parties <= {context.publisher_country}:
            return Actor(frozenset({context.publisher_country}), "publisher")
        return UNKNOWN
    if narration:
        if several and context.joint_text and (THEY.search(whole) or (has_person and PERSON_PAIR.search(whole))):
            return Actor(parties, "parties")  # 'They reaffirmed', 'President X and Prime Minister Y committed'
        if co_subject_countries:
            # 'Minister Shin and Secretary Austin affirmed': every named person's country
            return Actor(co_subject_countries, "person")
        if has_person and not plural:
            return Actor(frozenset({person_country} if person_country else ()), "person")
        if plural and context.joint_text and several:
            return Actor(parties, "parties")
        if pronoun is not None and context.publisher_country:
            return Actor(frozenset({context.publisher_country}), "publisher")
        return UNKNOWN
    if plural and several and (modality in SHARED_OUTCOME_MODALITIES or TOGETHER.search(sentence)):
        return Actor(parties, "parties")
    if SPEAKER_AND_PERSON.search(subject) and has_person and speaker_country:
        # 'President Doe and I will continue to cooperate': the speaker's country and the named person's
        if person_country:
            return Actor(frozenset({speaker_country, person_country}), "speaker")
        if len(parties) == 2 and speaker_country in parties:
            return Actor(parties, "parties")
    if pronoun is not None or not subject.strip():
        if speaker_country:
            return Actor(frozenset({speaker_country}), "speaker")
        if context.publisher_country and parties <= {context.publisher_country}:
            # the publisher's own official in a document no other government takes part in; a
            # country printed for the speaker in another document still wins (int_commitment_actors)
            return Actor(frozenset({context.publisher_country}), "publisher_speaker")
        return Actor(frozenset(), "speaker")
    return UNKNOWN


# A speaker's 'we' that plainly means every party: 'we will work together', 'all three of us'.
TOGETHER = re.compile(
    r"\b(?:together|jointly|each other|one another|all (?:three|four|of us)|both of us|the three of us|"
    r"(?:our|the) (?:two|three|four) (?:countries|nations|governments))\b",
    re.IGNORECASE,
)
THEY = re.compile(r"\b(?:[Tt]hey|their)\b")
# A speaker and a named person as one subject: 'President Doe and I', 'I and Minister Roe'.
SPEAKER_AND_PERSON = re.compile(r"\b[A-Z][\w’'.-]+\s+and\s+I\b|\bI\s+and\s+[A-Z]")
# Two named people as one subject: 'President Biden and Prime Minister Modi'.
PERSON_PAIR = re.compile(r"\b[A-Z][\w’'.-]+\s+and\s+(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]+")
_PRONOUN = re.compile(r"\b(?:[Ww]e|[Uu]s|I)\b")


@functools.lru_cache(maxsize=4)
def _groups(_folder: str) -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    members: dict[str, frozenset[str]] = {}
    for row in load_reference("ref_country_groups"):
        codes = frozenset(code.strip() for code in row["members"].split(";") if code.strip())
        for alias in row["aliases"].split("|"):
            if alias.strip():
                members[alias.strip()] = codes
    names = "|".join(re.escape(alias) for alias in sorted(members, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![\w.+-])(?:{names})(?![\w+-])"), members


def groups_named(text: str) -> frozenset[str]:
    """Members of the fixed groups the text names outside possessives ('the Quad will', not 'the Quad's
    agenda'; ``ref_country_groups.csv``)."""
    pattern, members = _groups(str(reference_dir()))
    out: set[str] = set()
    for match in pattern.finditer(text):
        if text[match.end() : match.end() + 2] not in ("'s", "’s"):
            out |= members[match.group(0)]
    return frozenset(out)


def _last_pronoun(subject: str) -> re.Match[str] | None:
    """The subject's first-person pronoun nearest the cue: 'I' in 'during that meeting, I'."""
    found = None
    for found in _PRONOUN.finditer(subject):  # noqa: B007 (the last one is wanted)
        pass
    return found


def _named(subject: str, countries: re.Pattern[str], country_of: Mapping[str, str], after: int = 0) -> frozenset[str]:
    """Countries the subject names as actors, after its last first-person pronoun: a coordinated list,
    or names outside possessives. 'Japan's new command will' names no actor (a thing of Japan's);
    'the U.S. and Japan will' does; 'between Russia and China, and we were able to' does not."""
    if subject.islower():
        return frozenset()
    out = set()
    for match in countries.finditer(subject, after):
        if subject[match.end() : match.end() + 2] in ("'s", "’s"):
            continue
        out.add(country_of[match.group(0)])
    return frozenset(out)
