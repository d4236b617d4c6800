"""Commitments: who undertakes to do what, found with an editable cue lexicon.

A commitment is an actor agreeing, pledging, vowing, resolving, reaffirming or saying it
will do something, or stating a decided plan with a date. The cues and what they mean live
in two dbt seeds an analyst can edit:

- ``ref_commitment_cues``: one regular expression per cue, the modality it signals, the
  check it needs (``none``: the cue alone commits; ``future``: a 'will' that must have the
  speaker or an actor as subject and an action verb; ``intent``: a 'would like to' whose verb
  must not be a courtesy; ``future_date``: only with a date) and a priority (lower wins
  when several cues fire in one sentence; ties go to the earliest cue).
- ``ref_commitment_exclusions``: what rejects a candidate, by scope (speaker kind, whole
  sentence, the verb after the cue, the subject before it, the words just before the cue,
  same-day time expressions). ``lifted_by_date`` rows (procedure such as 'will start') are
  forgiven when a future date follows ('will start this year').

Cost matters (the extractor runs over tens of thousands of documents): every cue is joined
into one regex that scans the clean text once; only sentences it hits get detailed work.
One commitment at most per sentence; its evidence is the whole sentence.
"""

from __future__ import annotations

import bisect
import collections
import functools
import re
from collections.abc import Sequence
from typing import NamedTuple

from orchestration.extract.actors import PERSON_PAIR, ActorContext, attribute, country_runs, document_context
from orchestration.extract.countries import country_rows
from orchestration.extract.names import trie_regex
from orchestration.extract.records import LocalPerson, PersonMention, Sentence, TimeExpression, Utterance
from orchestration.extract.reference import load_reference


class Commitment(NamedTuple):
    document_id: str
    commitment_id: str  # f"{document_id}-c{index:05d}", index 1-based in document order
    utterance_id: str | None
    sentence_id: str | None
    local_person_key: str | None  # the committing speaker, or the person a narration sentence attributes it to
    actor: str | None  # ';'-joined sorted ISO country codes, None when unknown
    actor_basis: str | None  # named | parties | speaker | person | publisher (actors.py); None: unknown
    modality: (
        str  # agreed | will | reaffirmed | pledged | committed | resolved | vowed | intent | determined | scheduled
    )
    cue: str  # the cue text that fired, as printed
    char_start: int
    char_end: int
    text: str  # exactly clean_text[char_start:char_end]
    due_value: str | None
    due_precision: str | None
    timex_id: str | None


class Cue(NamedTuple):
    cue_id: str
    triggers: tuple[str, ...]  # literal substrings one of which every match contains (the cheap prefilter)
    regex: re.Pattern[str]
    modality: str
    check: str  # none | future | intent | future_date
    priority: int


class Exclusion(NamedTuple):
    rule_id: str
    scope: str  # speaker_kind | sentence | verb | subject | context | timex
    regex: re.Pattern[str]
    reason: str
    lifted_by_date: bool


class Lexicon(NamedTuple):
    cues: tuple[Cue, ...]  # in priority order
    cues_by_trigger: dict[str, tuple[int, ...]]  # trigger literal -> indexes into cues
    exclusions: dict[str, tuple[Exclusion, ...]]  # by scope
    combined: dict[tuple[str, bool], re.Pattern[str]]  # (scope, lifted_by_date) -> all its rules in one regex
    reasons: dict[str, str]  # group name in ``combined`` -> reason
    countries: re.Pattern[str]  # any country name or demonym (case-sensitive: 'US' is not 'us')
    country_of: dict[str, str]  # alias as printed -> ISO code
    titles: re.Pattern[str]  # a subject that is an official's title and name ('Prime Minister Kishida')


class Candidate(NamedTuple):
    priority: int
    start: int  # offset in the sentence
    cue: Cue
    match: re.Match[str]
    modality: str
    subject: str  # the clause text before the cue (where the actor is named)
    timex: TimeExpression | None
    subject_words: list[str]  # the subject's words right before the cue (_subject_tokens)


# Words that sit between a subject and 'will' or between 'will' and its verb without
# changing who acts or what is done ('we will also further advance', 'I will certainly').
ADVERBS = frozenset(
    [
        "also",
        "further",
        "then",
        "now",
        "certainly",
        "definitely",
        "still",
        "really",
        "absolutely",
        "jointly",
        "together",
        "all",
        "both",
        "too",
        "again",
        "indeed",
        "therefore",
        "thus",
        "so",
        "once",
        "just",
        "always",
        "actively",
        "closely",
        "steadily",
        "firmly",
        "fully",
        "continue",
        "continuously",
        "surely",
        "never",
        "not",
        "soon",
        "next",
        "each",
        "personally",
        "only",
        "even",
        "equally",
        "likely",
        "very",
        "much",
        "strongly",
        "quickly",
        "immediately",
        "gladly",
        "happily",
        "hopefully",
        "ever",
    ]
)
VERB_ADVERBS = (ADVERBS - {"continue"}) | {""}
LY_VERBS = frozenset({"apply", "reply", "supply", "comply", "multiply", "rely", "resupply", "rally", "bully"})
# Openers stripped from the front of a subject ('And today we', 'So, again, we').
LEADING_WORDS = frozenset(
    [
        "and",
        "but",
        "so",
        "then",
        "thus",
        "therefore",
        "also",
        "again",
        "now",
        "today",
        "tomorrow",
        "later",
        "first",
        "second",
        "third",
        "fourth",
        "finally",
        "lastly",
        "moreover",
        "furthermore",
        "in",
        "addition",
        "together",
        "with",
        "that",
        "which",
        "yes",
        "no",
        "well",
        "of",
        "course",
        "indeed",
        "here",
        "there",
        "once",
        "more",
        "further",
    ]
)
# Clause openers: the subject of a 'will' starts after the last one of these.
CLAUSE_BREAKS = frozenset(
    [
        "and",
        "but",
        "so",
        "that",
        "which",
        "who",
        "whom",
        "where",
        "because",
        "if",
        "when",
        "while",
        "as",
        "since",
        "whether",
        "or",
    ]
)
RELATIVE_PRONOUNS = frozenset({"which", "that", "who"})
FIRST_PERSON = frozenset({"i", "we"})
OWN_POSSESSIVES = frozenset({"our", "my"})
# Heads after 'our' that name the speaker's side itself ('our two countries will'), unlike 'our alliance will grow'.
OWN_BODIES = frozenset(
    {"countries", "nations", "governments", "government", "sides", "leaders", "ministers", "delegations",
     "administration", "ministry", "ministries", "department", "departments", "cabinet", "teams", "team"}
)  # fmt: skip
THIRD_PERSON = frozenset({"he", "she", "they"})
PRONOUNS = FIRST_PERSON | THIRD_PERSON | {"it", "you"}
# Nouns that name a party able to commit ('the Ministry of Defense', 'both sides', 'the ministers').
ACTOR_NOUNS = frozenset(
    [
        "government",
        "governments",
        "ministry",
        "ministries",
        "department",
        "departments",
        "administration",
        "administrations",
        "ministers",
        "leaders",
        "sides",
        "side",
        "countries",
        "nations",
        "allies",
        "partners",
        "alliance",
        "cabinet",
        "parties",
        "delegation",
        "delegations",
        "republic",
        "kingdom",
        "union",
        "states",
    ]
)
# Words of ACTOR_NOUNS that name one government's body, not the parties of a meeting.
BODY_NOUNS = frozenset(
    ["government", "governments", "ministry", "ministries", "department", "departments", "administration", "cabinet"]
)
# A public body as subject, by its head noun ('the U.S. Geological Survey', 'the National Cancer Institute');
# bare acronyms are left out: 'COVID will continue to spread' is no agency.
_AGENCY = re.compile(
    r"Agency|Institute|Survey|Service|Commission|Council|Corps|Navy|Army|Guard|Office|Bureau|Authority"
)
# Verbs that attribute narration to a person ('X said', 'X vowed').
REPORTING = re.compile(
    r"^[\s,”\"’']*(?:\S+\s+){0,4}?(?:said|says|stated|states|told|tells|added|adds|noted|notes|vowed|vows|pledged|"
    r"pledges|agreed|agrees|concurred|reaffirmed|affirmed|resolved|stressed|emphasi[sz]ed|underscored|announced|"
    r"promised|promises|hoped|hopes|expressed|committed|declared|insisted|wrote|explained|indicated)\b",
)
REPORTED_SPEECH = re.compile(r"\b(?:said|says|stated|told|added|noted|announced|explained|indicated|expressed)\b")
WORD = re.compile(r"[\w’'.-]+|[^\w\s]")
PASSIVE = re.compile(
    r"be\s+(?:(?:\w+ly|further|also|then|soon|fully|jointly|formally|officially)\s+)*"
    r"(?:\w+ed|\w+en|made|done|held|built|set|put|led|run|kept|met|paid|sent|brought|shown|begun|established)\b"
)
PROGRESSIVE = re.compile(r"be\s+(?:\w+ly\s+)*\w+ing\b")
FUTURE_KINDS = frozenset({"date", "relative"})
# 'We' in these speaks for every party: a joint statement, or the sides agreeing together.


@functools.cache
def lexicon() -> Lexicon:
    """Compile the cue and exclusion seeds once per process (the seeds are cached by ``load_reference``)."""
    rows = sorted(load_reference("ref_commitment_cues"), key=lambda row: int(row["priority"]))
    cues = tuple(
        Cue(
            row["cue_id"],
            tuple(t for t in row["trigger"].split("|") if t),
            re.compile(row["pattern"]),
            row["modality"],
            row["check_rule"],
            int(row["priority"]),
        )
        for row in rows
    )
    cues_by_trigger: dict[str, list[int]] = {}
    for index, cue in enumerate(cues):
        for trigger in cue.triggers:
            cues_by_trigger.setdefault(trigger, []).append(index)
    by_scope: dict[str, list[Exclusion]] = {}
    for row in load_reference("ref_commitment_exclusions"):
        rule = Exclusion(
            row["rule_id"],
            row["scope"],
            re.compile(row["pattern"]),
            row["reason"],
            row["lifted_by_date"].strip().lower() == "true",
        )
        by_scope.setdefault(rule.scope, []).append(rule)
    combined: dict[tuple[str, bool], re.Pattern[str]] = {}
    reasons: dict[str, str] = {}
    for scope, rules in by_scope.items():
        for lifted in (False, True):
            parts = []
            for i, rule in enumerate(rules):
                if rule.lifted_by_date == lifted:
                    reasons[f"{scope}_{i}"] = rule.reason
                    parts.append(f"(?P<{scope}_{i}>{rule.regex.pattern})")
            if parts:
                combined[(scope, lifted)] = re.compile("|".join(parts))
    country_of: dict[str, str] = {}
    for row in country_rows():
        for alias in row.aliases:
            country_of.setdefault(alias, row.country_code)
    aliases = sorted(country_of, key=len, reverse=True)
    countries = re.compile(r"(?<![\w.])(?:" + trie_regex(aliases) + r")(?![\w])")
    titles = sorted(
        (row["phrase"] for row in load_reference("ref_titles") if row.get("speaker_kind") == "official"),
        key=len,
        reverse=True,
    )
    # A title heads the subject ('The President', 'Prime Minister Kishida'), not 'the major challenges'.
    title_regex = re.compile(
        r"^(?:the\s+|our\s+|my\s+)?(?:(?:U\.S\.|[A-Z][a-z]+)\s+)?(?i:"
        + "|".join(re.escape(t) for t in titles)
        + r")(?:\s+[A-Z][\w.’'-]*)*$"
    )
    return Lexicon(
        cues,
        {k: tuple(v) for k, v in cues_by_trigger.items()},
        {k: tuple(v) for k, v in by_scope.items()},
        combined,
        reasons,
        countries,
        country_of,
        title_regex,
    )


def find_commitments(
    document_id: str,
    clean_text: str,
    kind: str,
    utterances: Sequence[Utterance],
    sentences: Sequence[Sentence],
    local_people: Sequence[LocalPerson],
    person_mentions: Sequence[PersonMention],
    time_expressions: Sequence[TimeExpression],
    *,
    title: str | None = None,
    publisher_country: str | None = None,
) -> list[Commitment]:
    """Commitments of one document, one at most per sentence, in document order.

    ``title`` and ``publisher_country`` (actors.publisher_country) tell whose document it is,
    for who the commitments bind (actors.py)."""
    lex = lexicon()
    hit_sentences = _sentences_with_cues(clean_text, sentences, lex)
    if not hit_sentences:
        return []
    by_utterance = {u.utterance_id: u for u in utterances}
    people = {p.local_person_key: p for p in local_people}
    party_countries = _document_countries(local_people)
    context = _actor_context(clean_text, kind, utterances, people, title, publisher_country, lex)
    with_pair = functools.cache(lambda: _with_pair_compound(context, clean_text, lex))
    time_expressions = sorted(time_expressions, key=lambda t: t.char_start)
    timex_starts = [t.char_start for t in time_expressions]
    rows: list[Commitment] = []
    for sentence, cue_indexes in hit_sentences:
        utterance = by_utterance.get(sentence.utterance_id)
        if utterance is not None and _excluded("speaker_kind", utterance.speaker_kind, lex, "fullmatch"):
            continue
        text = clean_text[sentence.char_start : sentence.char_end]
        narration = utterance is None or utterance.speaker_kind == "narrator"
        timexes = _timexes_in(time_expressions, timex_starts, sentence, lex)
        cues = [lex.cues[i] for i in sorted(cue_indexes)]
        best = _best_candidate(cues, text, sentence.char_start, narration, timexes, party_countries, lex)
        if best is None or _excluded("sentence", text.strip(), lex):
            continue  # sentence rules (questions) run last: they are the dearest and most sentences have no cue
        person = _committing_person(utterance, narration, sentence, best, person_mentions)
        subject = _subject_zone(text[: best.start], best, lex)
        cue_head = _head_of_cue(best.match.group(0))
        co_subjects = (
            _co_subject_countries(text, sentence, best, subject, person_mentions, people) if narration else frozenset()
        )
        actor = attribute(
            subject=subject,
            cue_head=cue_head,
            sentence=text,
            modality=best.modality,
            narration=narration,
            speaker_country=_country_of_person(utterance.local_person_key if utterance else None, people),
            person_country=_country_of_person(person, people),
            has_person=person is not None,
            context=with_pair()
            if len(context.parties) < 2 and ASKS_FOR_PARTIES.search(f"{subject} {cue_head}")
            else context,
            countries=lex.countries,
            country_of=lex.country_of,
            body_subject=_names_a_body(best.subject_words),
            co_subject_countries=co_subjects,
        )
        timex = best.timex
        rows.append(
            Commitment(
                document_id,
                f"{document_id}-c{len(rows) + 1:05d}",
                sentence.utterance_id,
                sentence.sentence_id,
                person,
                actor.codes,
                actor.basis,
                best.modality,
                best.match.group(0),
                sentence.char_start,
                sentence.char_end,
                text,
                timex.value if timex is not None and timex.value else None,
                timex.precision if timex is not None and timex.value else None,
                timex.timex_id if timex is not None and timex.value else None,
            )
        )
    return rows


def _sentences_with_cues(
    clean_text: str, sentences: Sequence[Sentence], lex: Lexicon
) -> list[tuple[Sentence, set[int]]]:
    """Sentences holding a cue trigger, with the cues worth trying there.

    Literal ``str.find`` per trigger is the cheapest scan Python offers (a regex alternation of
    every cue costs several times more); only the sentences it hits get regex work.
    """
    starts: list[int] | None = None
    chosen: dict[int, set[int]] = {}
    for trigger, cue_indexes in lex.cues_by_trigger.items():
        at = clean_text.find(trigger)
        while at >= 0:
            if starts is None:
                starts = [s.char_start for s in sentences]
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < sentences[i].char_end:
                chosen.setdefault(i, set()).update(cue_indexes)
            at = clean_text.find(trigger, at + len(trigger))
    return [(sentences[i], chosen[i]) for i in sorted(chosen)]


def _excluded(scope: str, text: str, lex: Lexicon, how: str = "search", has_date: bool = False) -> str | None:
    """The reason an exclusion of ``scope`` rejects ``text`` (``how``: search | match | fullmatch), or None.

    Rules with ``lifted_by_date`` are skipped when a deadline follows the cue. Each scope's
    rules run as one combined regex: one scan instead of one per rule. Patterns are written in
    lowercase and matched against lowercased text (an IGNORECASE alternation is ten times slower).
    """
    text = text.lower()
    for lifted in (False, True):
        if lifted and has_date:
            continue
        regex = lex.combined.get((scope, lifted))
        if regex is None:
            continue
        found = getattr(regex, how)(text)
        if found:
            return lex.reasons[found.lastgroup or ""] if found.lastgroup else "excluded"
    return None


def _verb_excluded(verb_phrase: str, lex: Lexicon, has_date: bool) -> str | None:
    """The reason the verb after a cue rejects it ('will start with', 'will refrain')."""
    return _excluded("verb", verb_phrase, lex, "match", has_date)


def _timexes_in(
    time_expressions: Sequence[TimeExpression], starts: list[int], sentence: Sentence, lex: Lexicon
) -> list[TimeExpression]:
    """Dates and relative dates in the sentence that could be a deadline (not past, not today)."""
    found = []
    first = bisect.bisect_left(starts, sentence.char_start)
    last = bisect.bisect_left(starts, sentence.char_end)
    for timex in time_expressions[first:last]:
        if timex.char_end > sentence.char_end:
            continue
        if timex.kind not in FUTURE_KINDS or timex.direction == "past":
            continue
        if _excluded("timex", timex.text, lex):
            continue
        found.append(timex)
    return found


def _best_candidate(
    cues: list[Cue],
    text: str,
    offset: int,
    narration: bool,
    timexes: list[TimeExpression],
    parties: frozenset[str],
    lex: Lexicon,
) -> Candidate | None:
    """The strongest valid cue of a sentence: lowest priority number, then earliest."""
    best: Candidate | None = None
    for cue in cues:
        for match in cue.regex.finditer(text):
            if best is not None and (cue.priority, match.start()) >= (best.priority, best.start):
                break
            candidate = _validate(cue, match, text, offset, narration, timexes, parties, lex)
            if candidate is not None:
                best = candidate
                break
    return best


def _validate(
    cue: Cue,
    match: re.Match[str],
    text: str,
    offset: int,
    narration: bool,
    timexes: list[TimeExpression],
    parties: frozenset[str],
    lex: Lexicon,
) -> Candidate | None:
    """A candidate for this cue occurrence, or None when an exclusion or the cue's check rejects it."""
    before = text[: match.start()]
    due = next((t for t in timexes if t.char_start - offset >= match.start()), None)
    own_subject = _subject_tokens(before)
    subject_tokens = own_subject or _shared_subject(before)
    subject = " ".join(subject_tokens)
    if subject_tokens and subject_tokens[-1].lower() == "you":
        return None  # 'you were determined to': the speaker describes someone else
    modality = cue.modality
    if cue.check == "future_date" and due is None:
        return None
    if cue.check in ("future", "intent"):
        verb_phrase = _verb_phrase(text[match.end() :])
        if not verb_phrase or not verb_phrase[0].isalpha() or verb_phrase[0].isupper():
            return None  # 'their will, free from ...': the noun, not the auxiliary
        if cue.check == "intent":
            if subject == "you" or _verb_excluded(verb_phrase, lex, has_date=False):
                return None
        else:
            modality = _future_modality(
                subject_tokens, verb_phrase, due, narration, bool(REPORTED_SPEECH.search(before)), parties, lex
            )
            if modality is None:
                return None
    if _excluded("context", before[-70:], lex):
        return None
    return Candidate(cue.priority, match.start(), cue, match, modality, _clause(before), due, own_subject)


def _future_modality(
    subject: list[str],
    verb_phrase: str,
    due: TimeExpression | None,
    narration: bool,
    reported: bool,
    parties: frozenset[str],
    lex: Lexicon,
) -> str | None:
    """'will', 'scheduled' or None for a future auxiliary, from who acts, what is done and whether a date follows.

    The speaker or a named party doing something is a commitment ('will'); anything with a
    future date after it is a plan ('scheduled'); other subjects are predictions.
    """
    role = _subject_role(subject, narration, reported, parties, lex)
    if role == "excluded":
        return None
    has_date = due is not None
    phrase = verb_phrase[len("continue to ") :] if verb_phrase.startswith("continue to ") else verb_phrase
    if PASSIVE.match(phrase) and not PROGRESSIVE.match(phrase):
        # 'we will be challenged' is something done to us; 'our cooperation will be further promoted' is a plan.
        if role == "actor" and not has_date:
            return None
        if role in ("other", "relative") and not has_date and not _plans_a_body(phrase):
            return None
        if _verb_excluded_words(phrase, lex):
            return None
        return "scheduled" if has_date else "will"
    if _verb_excluded(verb_phrase, lex, has_date) or (
        phrase is not verb_phrase and _verb_excluded(phrase, lex, has_date)
    ):
        return None
    if role == "own":
        return None  # 'our alliance will strengthen ...': a prediction about a thing, unless passive (above)
    if has_date:
        return "scheduled"
    return "will" if role == "actor" else None


# Participles of a decided plan: 'a working group will be established', 'cooperation will be reinforced'.
PLAN_PARTICIPLES = frozenset(
    [
        "established",
        "launched",
        "created",
        "formed",
        "convened",
        "expanded",
        "strengthened",
        "reinforced",
        "redoubled",
        "deepened",
        "enhanced",
        "implemented",
        "activated",
        "operationalized",
        "operationalised",
        "bolstered",
        "accelerated",
        "elevated",
        "upgraded",
    ]
)


def _plans_a_body(passive_phrase: str) -> bool:
    """A passive future whose participle creates or reinforces something is a plan whoever the subject is
    ('an early warning system will be established together'), unlike 'the results will be known'."""
    found = PASSIVE.match(passive_phrase)
    return found is not None and found.group(0).split()[-1] in PLAN_PARTICIPLES


def _verb_excluded_words(passive_phrase: str, lex: Lexicon) -> bool:
    """Event and refusal verbs stay excluded in the passive ('will be held' is allowed, 'be cast' is not)."""
    participle = passive_phrase.split()[-1] if passive_phrase.split() else ""
    return any(
        rule.reason in ("event", "refusal") and rule.regex.match(participle) for rule in lex.exclusions.get("verb", ())
    )


def _subject_role(subject: list[str], narration: bool, reported: bool, parties: frozenset[str], lex: Lexicon) -> str:
    """Who the subject before 'will' is: actor | own | relative | other | excluded.

    actor: the speaker ('we', 'Secretary Austin and I'), a country, a government body or an
    official (a country only when it is one of the document's parties, or fewer than two parties
    are known: 'Russia will plead ignorance' is a prediction about someone else); own: 'our/my
    <thing>'; relative: 'which/that will'; excluded: subjects of
    predictions ('it', 'there', 'you'); other: everything else.
    """
    if not subject:
        return "other"
    if subject[0] in RELATIVE_PRONOUNS and len(subject) == 1:
        return "relative"
    joined = " ".join(subject)
    if _excluded("subject", joined.lower(), lex, "fullmatch"):
        return "excluded"
    last = subject[-1].lower()
    if last in FIRST_PERSON or joined.lower() in ("all of us", "both of us", "each of us", "we all", "we both"):
        return "actor"
    if last in THIRD_PERSON and len(subject) == 1:
        return "actor" if narration and reported else "excluded"
    if subject[0].lower() in OWN_POSSESSIVES:
        # 'our two countries will', 'our governments will': the parties themselves, not a thing of theirs
        return "actor" if last in OWN_BODIES else "own"
    tail = _country_tail(joined, lex) if not joined.islower() else None
    if tail is not None:
        # with fewer than two known parties the counterpart cannot be told from a third country
        return "actor" if len(parties) < 2 or tail & parties else "other"
    if any(tok.lower() in ACTOR_NOUNS for tok in subject) or lex.titles.match(joined):
        return "actor"
    if any(_AGENCY.fullmatch(tok) for tok in subject):
        return "actor"  # 'the U.S. Geological Survey will work with'
    return "other"


def _country_tail(subject: str, lex: Lexicon) -> frozenset[str] | None:
    """Countries of a subject ending with a country name ('Japan and the U.S.'); None for 'Japan's new command'."""
    found = list(lex.countries.finditer(subject))
    if not found or subject[found[-1].end() :].strip():
        return None
    return frozenset(lex.country_of[m.group(0)] for m in found)


def _joins_names(tokens: list[str], position: int) -> bool:
    """An 'and' between two capitalised words joins names ('NSF and India's Ministry'), not clauses."""
    return (
        0 < position < len(tokens) - 1
        and tokens[position - 1][:1].isupper()
        and tokens[position + 1][:1].isupper()
        and tokens[position + 1] != "I"
    )


def _subject_tokens(before: str) -> list[str]:
    """The words of the subject right before a cue: back to the last clause break, without leading openers."""
    tokens = WORD.findall(before[-100:])
    while tokens and tokens[-1].lower() in ADVERBS:
        tokens.pop()
    if tokens and tokens[-1] in (",", "–", "—"):  # 'we, the ministers, will' / 'we – the U.S. – will'
        return _subject_tokens(" ".join(tokens[:-1])) if len(tokens) < 40 else []
    subject: list[str] = []
    for position in range(len(tokens) - 1, -1, -1):
        token = tokens[position]
        low = token.lower()
        if low == "and" and subject and _joins_names(tokens, position):
            subject.append(token)  # 'NSF and India's Ministry of Electronics and Information Technology will'
            continue
        if not (token[0].isalnum() or token[0] in "’'") or low in CLAUSE_BREAKS:
            if low in RELATIVE_PRONOUNS and not subject:
                subject = [low]
            break
        subject.append(token)
        if low in PRONOUNS:
            break  # 'the agreements that we have advanced will' is not 'we will'; 'I know they will' is 'they'

    subject.reverse()
    while subject and subject[0].lower() in LEADING_WORDS and len(subject) > 1:
        subject.pop(0)
    return subject


_FIRST_VERB = re.compile(r"[a-z]+ed|is|are|was|were|has|have|had|also")
_SUBJECT_WORDS = 8  # a sentence's subject is read from its first words only


def _shared_subject(before: str) -> list[str]:
    """'The two leaders discussed priorities and will continue to work ...': a 'will' right after 'and'
    shares the subject of the sentence's first verb -- the words before that verb."""
    tokens = WORD.findall(before[-40:])
    while tokens and tokens[-1].lower() in ADVERBS:
        tokens.pop()
    if not tokens or tokens[-1].lower() != "and":
        return []
    lead = WORD.findall(before[:120])[:_SUBJECT_WORDS]
    for index, token in enumerate(lead[1:], start=1):
        if _FIRST_VERB.fullmatch(token):
            return lead[:index]
        if not (token[0].isalnum() or token[0] in "’'"):
            return []  # a comma or a dash before any verb: not a plain 'Subject verbed ... and will'
    return []


def _clause(before: str) -> str:
    """The clause text before a cue, back to the last strong punctuation (where countries are named)."""
    cut = max(before.rfind(c) for c in ';:(“"')
    comma = before.rfind(",")
    if comma > cut and len(before) - comma > 3:
        cut = max(cut, comma)
    return before[cut + 1 :]


def _verb_phrase(after: str) -> str:
    """The words after a cue with adverbs, 'not' and commas dropped: 'will, certainly, not comment' -> 'comment'."""
    words = after[:120].split()
    while words and _is_adverb(words[0].strip(",–—").lower()):
        words.pop(0)
    return " ".join(words).strip(" ,–—")


def _is_adverb(word: str) -> bool:
    """Listed adverbs, plus long '-ly' words that are not verbs ('finally', 'really'; not 'apply', 'supply').
    A hedge ('probably', 'likely') stays: the exclusion 'hedged_future' reads it."""
    if word in HEDGES:
        return False
    return word in VERB_ADVERBS or (len(word) >= 6 and word.endswith("ly") and word not in LY_VERBS)


# Hedges kept at the head of a verb phrase for ref_commitment_exclusions' 'hedged_future' rule.
HEDGES = frozenset({"probably", "likely", "maybe", "perhaps", "possibly", "hopefully"})


def _co_subject_countries(
    text: str,
    sentence: Sentence,
    best: Candidate,
    subject: str,
    mentions: Sequence[PersonMention],
    people: dict[str, LocalPerson],
) -> frozenset[str]:
    """'Minister Shin and Secretary Austin affirmed ...' (or '..., and they pledged to'): the countries of
    the two or more people a coordinated subject names before the cue, when each has one in the
    document; empty otherwise (the other rules of ``actors`` decide)."""
    if _THEY_SUBJECT.search(subject):
        pair = PERSON_PAIR.search(text, 0, best.start)
        if pair is None:
            return frozenset()
        zone = pair.span()
    elif " and " in subject:
        zone = (best.start - len(subject), best.start)
    else:
        return frozenset()
    first, last = sentence.char_start + zone[0], sentence.char_start + zone[1]
    keys = {m.local_person_key for m in mentions if first <= m.char_start and m.char_end <= last}
    countries = {people[key].country if key in people else None for key in keys}
    if len(keys) < 2 or None in countries:
        return frozenset()
    return frozenset(country for country in countries if country)


_THEY_SUBJECT = re.compile(r"^\s*(?:and\s+)?(?:[Tt]hey|[Bb]oth|[Tt]he\s+two)\s*$")


def _committing_person(
    utterance: Utterance | None,
    narration: bool,
    sentence: Sentence,
    best: Candidate,
    mentions: Sequence[PersonMention],
) -> str | None:
    """The speaker of a turn; in narration the mentioned person who says or does the committing."""
    if not narration and utterance is not None:
        return utterance.local_person_key
    cue_at = sentence.char_start + best.start
    in_sentence = [m for m in mentions if sentence.char_start <= m.char_start < sentence.char_end]
    chosen: PersonMention | None = None
    for mention in in_sentence:
        follows = best.match.string[mention.char_end - sentence.char_start :][:80]
        if not REPORTING.match(follows) and not (mention.char_end <= cue_at and cue_at - mention.char_end <= 40):
            continue
        if mention.char_end <= cue_at or chosen is None:
            chosen = mention
    return chosen.local_person_key if chosen is not None else None


def _actor_context(
    clean_text: str,
    kind: str,
    utterances: Sequence[Utterance],
    people: dict[str, LocalPerson],
    title: str | None,
    publisher_country: str | None,
    lex: Lexicon,
) -> ActorContext:
    """The document's parties and voice (actors.document_context). A text whose title, first lines and
    speakers give fewer than two parties takes the countries of the officials it names (and, when a
    subject asks for every party, the two of its pair compound: ``_with_pair_compound``)."""
    speakers = {
        people[u.local_person_key].country
        for u in utterances
        if u.turn_index is not None
        and u.local_person_key in people
        and people[u.local_person_key].country
        and (people[u.local_person_key].role or "").lower() not in ("journalist", "reporter")
    }
    context = document_context(
        title=title,
        head=clean_text,
        speaker_countries=speakers,
        publisher=publisher_country,
        kind=kind,
        countries=lex.countries,
        country_of=lex.country_of,
    )
    if len(context.parties) < 2:  # the officials the text names, then its pair compound
        context = context._replace(parties=context.parties | _document_countries(list(people.values())))
    return context


def _names_a_body(subject: list[str]) -> bool:
    """The subject is a government body: 'the Administration', 'the Department of Education', 'the U.S.
    Geological Survey' (not a pronoun, a person -- 'President X and Prime Minister Y' -- or a thing)."""
    if not subject or subject[-1].lower() in FIRST_PERSON | THIRD_PERSON:
        return False
    return any(tok.lower() in BODY_NOUNS for tok in subject) or any(_AGENCY.fullmatch(tok) for tok in subject)


# Subjects whose actor may be every party: 'both countries', 'they', 'we', 'President X and President Y'.
ASKS_FOR_PARTIES = re.compile(
    r"\b(?i:and|both|two|three|four|all|they|their|we|our|leaders|ministers|sides|participants|parties|delegations"
    r"|principals|governments|nations|countries|partners|allies)\b"
)


def _with_pair_compound(context: ActorContext, clean_text: str, lex: Lexicon) -> ActorContext:
    """The context with the two countries of the document's pair compound ('the India-U.S. 2+2') as
    parties: for a text naming fewer than two, 'both countries' still means both. Scans the whole
    text, so it runs only when a commitment's subject asks for the parties."""
    pair = _pair_named_in_compounds(clean_text, lex)
    return context._replace(parties=context.parties | pair) if pair else context


def _country_of_person(key: str | None, people: dict[str, LocalPerson]) -> str | None:
    return people[key].country if key in people else None


def _subject_zone(before: str, best: Candidate, lex: Lexicon) -> str:
    """The clause before the cue, reaching back over a coordinated list of countries that ends in it
    ('Japan, the Republic of Korea, and the United States are determined')."""
    start = len(before) - len(best.subject)
    for first, last in country_runs(before, lex.countries):
        if first < start <= last + 3:  # the list starts before the clause and reaches into it
            return before[first:]
    return best.subject


def _head_of_cue(cue_text: str) -> str:
    """The cue text up to its object: 'reaffirmed the U.S. commitment to Japan' -> 'reaffirmed the U.S. commitment'."""
    return re.split(r"\s(?:to|for|of|toward|towards)\s", cue_text, maxsplit=1)[0]


_PARTY_PAIR = re.compile(r"(?<![\w.-])([A-Z][\w.]*(?: [A-Z][\w.]*)?)[-–]([A-Z][\w.]*(?: [A-Z][a-z]+)?)(?![\w-])")


def _pair_named_in_compounds(clean_text: str, lex: Lexicon) -> frozenset[str]:
    """The two parties of the document's most frequent pair compound ('India-U.S. 2+2', 'U.S.-Philippine').

    Used when the document's officials give fewer than two countries (a joint statement naming its
    ministers without their countries): 'both countries' then still means both.
    """
    pairs: collections.Counter[frozenset[str]] = collections.Counter()
    for match in _PARTY_PAIR.finditer(clean_text):
        left, right = match[1], match[2]
        first = lex.country_of.get(left) or lex.country_of.get(left.rsplit(" ", 1)[-1])  # '(Annual) India'
        second = lex.country_of.get(right) or lex.country_of.get(right.split(" ", 1)[0])  # 'U.S.' (Navy)
        if first and second and first != second:
            pairs[frozenset((first, second))] += 1
    return pairs.most_common(1)[0][0] if pairs else frozenset()


def _document_countries(local_people: Sequence[LocalPerson]) -> frozenset[str]:
    """Countries of the document's officials (journalists and unknowns left out): the parties of a joint text."""
    return frozenset(
        p.country for p in local_people if p.country and (p.role or "").lower() not in ("journalist", "reporter")
    )
