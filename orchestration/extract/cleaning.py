"""Clean a decoded document and say what kind of document it is.

Cleaning is line based because the furniture we remove (share bars, comment
widgets, syndication notices, lone close buttons) always sits on lines of its
own; matching whole lines keeps body sentences that merely mention "share" safe.
The rules are analyst-editable regexes in ``ref_boilerplate.csv``.

Markdown input is hard-wrapped (soft line breaks inside paragraphs, trailing
double spaces for real breaks). We join soft-wrapped lines so that a paragraph
is one line: speaker labels then always start a line, sentences are not cut by
wrap points, and wrapped text such as "Washington,\\nD.C.: Thank you" cannot
masquerade as a label.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .records import CleanDocument, RemovedSpan, SourceDocument
from .reference import load_reference

_MD_INLINE_TAGS = re.compile(r"</?(?:span|u|b|i|em|strong|sup|sub|br|a)\b[^>\n]*>", re.IGNORECASE)
_MD_EMPHASIS = re.compile(r"\*\*|__")
_MD_STRUCK = re.compile(r"<(?P<tag>s|del)>[^<\n]*</(?P=tag)>(?: ?\\\[(?P<fix>[^\]\\\n]{1,80})\\\])?")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # CommonMark: any ASCII punctuation may be escaped

_CREDIT_LINE = re.compile(
    r"(?:U\.S\. |US |United States )?(?:Department|Ministry|Office|Embassy|Bureau|Mission) of(?: the)?"
    r" [A-Z][\w.&' -]{2,60}"
)
_REPUBLISHER_NOTICE = re.compile(r"([A-Z][\w.-]*(?:\.[A-Za-z]+)?) does not take institutional positions")
_DATE_ONLY_LINE = re.compile(
    r"(?:[A-Z][a-z]+day,? )?(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r" \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2} [A-Z][a-z]+ \d{4}"
)
_INDEX_LINK_RULES = frozenset({"read_full_text"})


class BoilerplateRule(NamedTuple):
    name: str
    pattern: re.Pattern[str]


def _scoped(pattern: str) -> str:
    """Turn a leading global ``(?i)`` into a scoped group so patterns can be OR-ed together."""
    if pattern.startswith("(?i)"):
        return f"(?i:{pattern[4:]})"
    return f"(?:{pattern})"


@functools.lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[tuple[BoilerplateRule, ...], re.Pattern[str]]:
    """The boilerplate rules and one combined regex (one match attempt per line instead of one per rule)."""
    rules = tuple(
        BoilerplateRule(row["rule"], re.compile(_scoped(row["pattern"])))
        for row in load_reference("ref_boilerplate")
        if row.get("pattern")
    )
    combined = re.compile("|".join(rule.pattern.pattern for rule in rules))
    return rules, combined


_SPACE_LIKE = ("\u00a0", "\u202f", "\u2007", "\u2009", "\u200a", "\u3000")
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")
_MD_BLOCK_START = re.compile(r"[-*+] |#|\d{1,3}[.)] |>|\|")


def normalise_characters(text: str) -> str:
    """Unify line ends and exotic spaces (str.replace scans in C; far cheaper than a regex pass)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char in _SPACE_LIKE:
        if char in text:
            text = text.replace(char, " ")
    for char in _INVISIBLE:
        if char in text:
            text = text.replace(char, "")
    if "\t" in text:
        text = text.replace("\t", " ")
    return text


def _strip_markup(text: str) -> str:
    """Drop inline HTML tags and bold markers that Markdown exports leave in running text; struck-out
    words give way to the correction printed after them ('MaryAlice <s>Parker</s> \\[Parks\\]' reads
    'MaryAlice Parks'), and backslash escapes are read as the characters they escape ('\\[ph\\]')."""
    if "<" in text:
        if "<s>" in text or "<del>" in text:
            text = _MD_STRUCK.sub(lambda m: m.group("fix") or "", text)
        text = _MD_INLINE_TAGS.sub("", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    return _drop_emphasis(text)


def _drop_emphasis(text: str) -> str:
    """Remove '**' and '__' markers as one left-to-right regex pass would.

    With only one kind present, str.replace removes the same pairs (leftmost, non-overlapping)
    without the regex's character-class scan; with both, removing one kind first could join
    new pairs of the other ('_**_'), so the regex does it.
    """
    bold, underline = "**" in text, "__" in text
    if bold and underline:
        return _MD_EMPHASIS.sub("", text)
    if bold:
        return text.replace("**", "")
    if underline:
        return text.replace("__", "")
    return text


_BLANK_WITH_SPACES = re.compile(r"\n[ \t]+(?=\n)")
_SOFT_BREAK = re.compile(r"\n(?![\n\x00]|[-*+] |#|\d{1,3}[.)] |>|\|)")
# The complement: a line break that stays (before a blank line, a hard break or a block start).
_KEPT_BREAK = re.compile(r"\n(?=[\n\x00]|[-*+] |#|\d{1,3}[.)] |>|\|)")
_HARD_BREAK = "\x00"
_KEPT_MARK = "\x01"


def unwrap_markdown(text: str) -> str:
    """Join soft-wrapped Markdown lines; keep hard breaks (two trailing spaces, backslash, <br>) and paragraphs.

    Done with str.replace and regexes that start with a literal newline, so the work
    stays in C: a per-line Python loop costs more than the rest of cleaning together.
    """
    text = text.replace(_HARD_BREAK, "")
    for marker in ("  \n", "\\\n", "<br>\n", "<br/>\n", "<br />\n"):
        if marker in text:
            text = text.replace(marker, _HARD_BREAK)
    text = _BLANK_WITH_SPACES.sub("\n", text)
    return _join_soft_breaks(text).replace(_HARD_BREAK, "\n")


def _join_soft_breaks(text: str) -> str:
    """Every soft line break to a space.

    Soft breaks outnumber kept ones about nine to one, so the few kept breaks are marked
    and all other line breaks replaced by one str.replace, instead of a regex substitution
    per soft break. Text that already holds the mark takes the plain substitution.
    """
    if _KEPT_MARK in text:
        return _SOFT_BREAK.sub(" ", text)
    return _KEPT_BREAK.sub(_KEPT_MARK, text).replace("\n", " ").replace(_KEPT_MARK, "\n")


def _line_index(original: str, line: str, hint: int) -> tuple[int, int]:
    """Input line number where an output line starts (only computed for removed lines)."""
    head = line[:40]
    position = original.find(head, hint)
    if position < 0:
        position = original.find(head.split(" ", 1)[0], hint)
    if position < 0:
        return original.count("\n", 0, hint), hint
    return original.count("\n", 0, position), position + 1


def clean_lines(document_id: str, text: str, fmt: str) -> tuple[str, list[RemovedSpan]]:
    """Normalise, join Markdown soft wraps, drop boilerplate lines (recorded), collapse blank lines.

    Boilerplate is matched on whole (unwrapped) lines; RemovedSpan.line_index is the
    line of the input where the removed line starts.
    """
    rules, combined = boilerplate_rules()
    original = normalise_characters(text)
    body = _strip_markup(unwrap_markdown(original)) if fmt == "md" else original
    removed: list[RemovedSpan] = []
    out: list[str] = []
    hint = 0
    for line in body.split("\n"):
        line = line.strip() if fmt == "md" else line.rstrip()
        if line and len(line) <= 600 and combined.fullmatch(line.strip()):
            stripped = line.strip()
            rule = next(r.name for r in rules if r.pattern.fullmatch(stripped))
            index, hint = _line_index(original, stripped, hint)
            removed.append(RemovedSpan(document_id, index, stripped, rule))
            line = ""
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out), removed


def first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-empty lines (cheap: stops splitting early)."""
    out: list[str] = []
    for line in text.split("\n", count * 4):
        line = line.strip()
        if line:
            out.append(line)
            if len(out) == count:
                break
    return out


def looks_like_headline(line: str) -> bool:
    """A headline is short, has several words, no sentence end, and is not a speaker label or date."""
    from .turns import LABEL_LINE  # local import: turns imports nothing from here, keeps modules acyclic

    if not 3 <= len(line) <= 220 or len(line.split()) < 3:
        return False
    if line.endswith((".", ":", ",", ";")) and not line.endswith(("U.S.", "Jr.")):
        return False
    if LABEL_LINE.match(line) or _DATE_ONLY_LINE.fullmatch(line):
        return False
    return line[0].isupper() or line[0].isdigit() or line[0] in "“\"'‘"


def find_title(clean_text: str, metadata: dict) -> str | None:
    """Title from metadata when given, else the first line when it reads like a headline."""
    meta_title = metadata.get("title") if metadata else None
    if isinstance(meta_title, str) and meta_title.strip():
        return " ".join(normalise_characters(meta_title).split())
    head = first_lines(clean_text, 1)
    if head and looks_like_headline(head[0]):
        return head[0]
    return None


def find_republication(clean_text: str, removed: list[RemovedSpan]) -> tuple[str | None, str | None]:
    """(republished_from, republisher) from an originator credited alone near the top or a syndication notice.

    A credit line alone among the first lines ("Department of State") is how syndication
    sites show whose text they copied; a 'Public Release' notice names the republisher.
    """
    republisher = None
    notice = False
    for span in removed:
        if span.rule == "public_release" or "institutional positions" in span.text:
            notice = True
            found = _REPUBLISHER_NOTICE.search(span.text)
            if found:
                republisher = found.group(1)
    origin = None
    for line in first_lines(clean_text, 4)[1:]:
        if len(line) <= 80 and _CREDIT_LINE.fullmatch(line):
            origin = line
            break
    if origin is None and notice:
        origin = "unknown"
    return origin, republisher


def site_name_publisher(removed: list[RemovedSpan]) -> str | None:
    """A lone site-name line ('Example.com') names the site that published the page."""
    for span in removed:
        if span.rule == "site_name":
            return span.text
    return None


def classify_kind(clean_text: str, title: str | None, removed: list[RemovedSpan]) -> str:
    """Document kind from structure: index links, speaker labels, statement headers, reported speech, news style."""
    from .turns import count_labelled_turns

    index_links = sum(1 for span in removed if span.rule in _INDEX_LINK_RULES)
    if index_links >= 2:
        return "index"
    labelled_turns = count_labelled_turns(clean_text)
    if labelled_turns >= 2:
        return "transcript"
    heading = f"{title or ''} {' '.join(first_lines(clean_text, 3))[:300]}"
    if _STATEMENT_HEADER.search(heading):
        return "statement"
    if _READOUT_HEADER.search(heading):
        return "readout"
    if _OTHER_HEADER.search(heading):
        return "other"
    sample = clean_text[:4000]
    news = _count_cues(sample, _NEWS_CUES)
    readout = _count_cues(sample, _READOUT_CUES)
    if readout >= 3 and readout > news:
        return "readout"
    if news >= 2:
        return "news"
    return "transcript" if labelled_turns == 1 else "other"


_STATEMENT_HEADER = re.compile(
    r"\b(?:Joint [Ss]tatement|Joint [Dd]eclaration|Statement (?:by|from|of|on)|Statement$|Joint [Cc]ommuniqu[eé]"
    r"|Communiqu[eé]|Fact Sheet|FACT SHEET|Press Release|Leaders[’'] Statement|Declaration)\b"
)
_READOUT_HEADER = re.compile(
    r"\b(?:Readout|READOUT|\(Summary\)|Courtesy Call|Telephone (?:Call|Talk)s?|Meeting Summary)\b"
)
_OTHER_HEADER = re.compile(
    r"\b(?:Executive Order|Proclamation|Memorandum|Notice on|Message to the|Letter to|Nominations|Withdrawals?"
    r" Sent|Bill Signed|Bills Signed|Legislation)\b"
)
# Cue phrases are counted with str.count (C speed); word boundaries matter little for a vote.
_READOUT_CUES = (
    " stated that",
    " mentioned that",
    " expressed ",
    " underscored",
    " concurred",
    "Both sides",
    "both sides",
    " the two leaders",
    " the two ministers",
    " the two sides",
    " discussed",
    " confirmed",
    " reaffirmed",
    " emphasized",
    " noted that",
    " highlighted",
    " welcomed",
)
_NEWS_CUES = (
    " said",
    " told ",
    " added",
    "according to",
    " reported",
    " on Monday",
    " on Tuesday",
    " on Wednesday",
    " on Thursday",
    " on Friday",
    " on Saturday",
    " on Sunday",
    "(AP)",
    "(Reuters)",
    "(AFP)",
    "(Kyodo)",
)


def _count_cues(text: str, cues: tuple[str, ...]) -> int:
    return sum(text.count(cue) for cue in cues)


def clean_document(src: SourceDocument) -> CleanDocument:
    """Normalise, strip boilerplate lines, and read title, kind and republication from the text itself."""
    clean_text, removed = clean_lines(src.document_id, src.text or "", src.format)
    metadata = src.metadata or {}
    title = find_title(clean_text, metadata)
    republished_from, republisher = find_republication(clean_text, removed)
    publisher = metadata.get("publisher") or republisher or site_name_publisher(removed)
    kind = classify_kind(clean_text, title, removed)
    return CleanDocument(clean_text, removed, kind, title, republished_from, publisher)
