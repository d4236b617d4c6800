"""Questioners: which journalist asks each question of a press conference or briefing.

A question label says only 'Q:' or 'QUESTION:'. The journalist is read where the transcript
names them: a self-introduction at the question's start ('Jane Doe, Lakeside Post.'), a
bracketed name in the label ('Question (Jane Doe, WION):'), or the host calling on them at
the end of the turn before ('NPR, Jane Doe.', 'I'd like to call on ...'). A follow-up
question keeps the journalist while the floor stays with them, and the greetings exchanged
before a journalist names themself are theirs too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .names import NAME, NAME_TOKEN, ORG, DocumentPerson, NameMention, lexicon, parse_name, title_anywhere
from .records import Utterance
from .turns import NAME_LOWER, TitleInfo, is_outlet, word_set
from .turns import OUTLET_CUE as _OUTLET_CUE

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
    rf"(?P<name>{NAME}){_NAME_SEP}(?P<org>{ORG})"
)
# An introduction further into the question's opening, the outlet optional: 'TV Asahi.  My name is Yamamoto.',
# 'I'm from Korea Herald.  My name is Lee Ji-yoon.', 'Thank you for doing this.  I'm Janne Pak.'
_NAMED_INTRO = re.compile(
    rf"(?<![\w’'])(?P<cue>I['’]m|I am|My name is)\s+(?:(?:Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{NAME})"
    rf"(?:{_NAME_SEP}(?P<org>{ORG}))?(?=\s*[.,;!—–]|\s+and\b)"
)
_PARAGRAPH_INTRO = re.compile(rf"(?<=\n)(?P<name>{NAME}){_NAME_SEP}(?P<org>{ORG})")
_CALLED_ON = re.compile(rf"(?P<name>{NAME}){_NAME_SEP}(?P<org>{ORG})")
_HONORIFIC_BEFORE = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.\s+$")
_NOT_A_FIRST_NAME = word_set(
    "Some Many Most Several Few Other Such Every Each Both All Any Federal Happy Merry Good Great New Old Dear"
)
_FULL_NAME_BEFORE = re.compile(rf"[A-Z][{NAME_LOWER}]+ (?P<family>{NAME_TOKEN})(?=\W)")
_JAPANESE_HONORIFIC = re.compile(r"-(?:san|shi|sama)$")
_CALLED_ON_OUTLET_FIRST = re.compile(rf"(?P<org>{ORG})(?P<sep>,\s*)(?P<hon>Mr|Ms|Mrs|Dr)\.\s+(?P<name>{NAME})")
# The outlet first and a full name closing the turn, with no honorific: 'Okay, how about NPR, Tamara Keith.'
_CALLED_ON_OUTLET_THEN_NAME = re.compile(rf"(?P<org>{ORG})(?P<sep>,\s*)(?P<name>{NAME})(?=[.?!]?\s*$)")
# A full name alone as the turn's last sentence: '... Trevor Hunnicutt.'
_CALLED_ON_NAME_ALONE = re.compile(
    rf"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n)|(?<=(?i:ahead), )|(?<=(?i:yes), )|(?<=(?i:okay), ))"
    r"(?<!Mr\. )(?<!Ms\. )(?<!Dr\. )(?<!Mrs\. )"  # '... made by Dr. Lander.': the sentence began before 'Dr.'
    rf"(?:(?P<hon>Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{NAME})[.!]?\s*$"  # not 'Jake Sullivan?', asked back
)
# A call anywhere in the tail: 'I'm going to begin by recognizing Steve Portnoy and ...', 'I have to call on
# Mr. Doe', 'the next question goes to Jane Doe' -- the host's own act, not 'We call on Congress to ...'.
_CALLED_BY_CUE = re.compile(
    r"(?:(?i:I['’]m going to|I['’]ll|I will|I['’]d like to|I would like to|let me|I want to|I have to|we['’]ll"
    r"|we will|we['’]d like to)\s+(?:\w+\s+){0,3}?"
    r"(?i:recogniz(?:e|ing)|call on)|(?i:question (?:from|goes to)))"
    rf"\s+(?:(?P<org>{ORG}),\s+)?(?:(?P<hon>Mr|Ms|Mrs|Dr)\.\s+)?(?P<name>{NAME})(?![\w’'-])"  # '... on AP, Jane Doe'
)
# A full name as a sentence of its own near the end: 'David Sanger.  I thought I saw David.  There he is.'
_NAME_SENTENCE = re.compile(rf"(?:(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))(?P<name>{NAME})\.(?=\s)")
_NAME_ALONE = re.compile(rf"(?P<name>{NAME})[.!]?\s*$")  # the whole (short) turn: 'PRESIDENT X:  Jane Doe.'


def questioner_mentions(clean_text: str, utterances: list[Utterance]) -> dict[int, list[NameMention]]:
    """Journalist behind each question turn: their self-introduction, and whom the previous speaker called on.

    The self-introduction is listed first because it wins when the two disagree
    (a moderator may garble an outlet's name; the journalist rarely does).
    """
    lex = lexicon()
    found: dict[int, list[NameMention]] = {}
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


def attribute_follow_up_questions(
    clean_text: str, utterances: list[Utterance], speaker_of: dict[int, DocumentPerson]
) -> None:
    """A question turn nobody names is the last named questioner's follow-up while the floor stays with them.

    'Q: Are you willing to ...?  THE PRESIDENT: Yes.  Q: You are?' -- the same journalist. The chain breaks
    at a moderator's turn, at a question whose asker is unknown, and at an answer that ends by giving the
    floor to someone ('Go ahead.', 'Next question ...', 'Hi, Sara.').
    """
    current: DocumentPerson | None = None
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


def attribute_greetings_before_introductions(
    clean_text: str, utterances: list[Utterance], speaker_of: dict[int, DocumentPerson]
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
) -> NameMention | None:
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


def holds_office(person: DocumentPerson) -> bool:
    """Named with a title other than a journalist's somewhere in the document."""
    return any(role != "journalist" for role in person.roles)


def _named_as_journalist(person: DocumentPerson) -> bool:
    """Called on by the host, or introduced with an outlet: a name worth following through follow-ups
    (not 'Members of the ... Committee' or 'Rehoboth Beach, Delaware' misread as a self-introduction)."""
    if holds_office(person):
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
        and not title_anywhere()[0].fullmatch(w)
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
    if alone and not title_anywhere()[0].match(text, alone.start("name")):
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
) -> NameMention | None:
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
    return NameMention(start, end, source, name, journalist, None, org or None, utterance_index, text[start:end])
