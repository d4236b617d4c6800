"""Quote matching: the same words quoted in more than one document.

Two stages, because documents are analysed one at a time in worker processes and the
cross-document step runs once over the corpus in the parent:

1. ``find_quote_candidates`` (per document, in a worker): the passages that can be quoted
   elsewhere, each with the hashes of its normalised word 8-grams ("shingles").
   - every sentence of an official's speaker turn with at least 8 words;
   - every narration sentence of a readout, statement or untyped text with at least 8 words (such a
     document *is* the official's words, in reported speech; news articles quote it);
   - every quoted passage (“…” or "…", at least 8 words) in any other narration.
   Who said it: the turn's speaker, else the person a nearby reporting cue ('said',
   'told', 'according to' ...) in the same or the previous sentence points to.
2. ``match_quotes`` (corpus level, in the parent): candidates of different documents that
   share at least 2 shingles (1 when either has only one), and at least a fifth of the
   shorter one's, are linked; clusters are the connected components; clusters spanning
   at least 2 documents become rows.

Shingle hashes must agree across worker processes, so they are built from CRC-32 word
hashes (zlib), never from Python's salted ``hash()``. Cost is the constraint (every official
sentence of every document is shingled): a shingle is the weighted sum
``sum(word_hash[i + k] * WEIGHT[k] for k in range(8))`` with 32-bit word hashes and fixed
29-bit weights, so each sum fits 64 bits, and all of a document's sums come out of ONE big-integer
multiplication (word hashes packed as 64-bit limbs times the weights packed the same way:
a convolution with no carries between limbs). No Python-level loop runs per word.

The corpus step touches every shingle only through C-level set operations (which
shingles occur in two or more documents); only the few candidates that share a shingle
reach the Python-level inverted index and pair counting.
"""

from __future__ import annotations

import array
import bisect
import hashlib
import re
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from orchestration.extract.records import PersonMention, Sentence, Utterance

SHINGLE_WORDS = 8  # words per shingle; also the minimum length of a candidate
MIN_SHARED_SHINGLES = 2  # shingles two candidates must share to match (1 when either has only one)
# ... and at least this share of the shorter candidate's shingles: a sentence reused inside a longer one
# ('we call for a peaceful resolution of cross-Strait issues' in a paragraph of the joint statement)
MIN_CONTAINMENT = 0.2
MAX_DOCUMENT_FREQUENCY = 50  # a shingle in more documents is boilerplate and links nothing

# Documents whose narration is an official's own words (reported speech, a statement's text, and
# the leaders' texts no header types: 'Camp David Principles', 'Commitment to Consult').
REPORTED_SPEECH_KINDS = frozenset({"readout", "statement", "other"})
# A page that excerpts other pages: its passages are copies, not an independent source.
COPY_KINDS = frozenset({"index"})

_LIMB_BYTES = 8  # one 64-bit limb per word in the packed stream


def _weight(position: int) -> int:
    """A fixed odd 29-bit weight per position in the window (8 of them: sum < 2**64)."""
    digest = hashlib.blake2b(f"readout-shingle-weight-{position}".encode(), digest_size=4).digest()
    return int.from_bytes(digest, "little") >> 3 | 1


_WEIGHTS = tuple(_weight(k) for k in range(SHINGLE_WORDS))
_BIG_ENDIAN = sys.byteorder == "big"
if array.array("Q").itemsize != _LIMB_BYTES:  # pragma: no cover - every mainstream platform
    raise ImportError("quotes needs 8-byte array('Q') items")
# limb l of the multiplier holds WEIGHT[7 - l], so limb i + 7 of the product is the sum for the window at i
_MULTIPLIER = sum(_WEIGHTS[SHINGLE_WORDS - 1 - limb] << (64 * limb) for limb in range(SHINGLE_WORDS))

_SEPARATOR = "\x00"  # a token between passages of one document; windows touching it are skipped
# UTF-8 byte sequences folded before the ASCII fast path: quotes vanish, dashes and the like split words
_UTF8_FOLDS = tuple(
    (old.encode(), new)
    for old, new in (
        ("\u2018", b""),
        ("\u2019", b""),
        ("\u201c", b""),
        ("\u201d", b""),
        ("\u2013", b" "),
        ("\u2014", b" "),
        ("\u2026", b" "),
        ("\xa0", b" "),
        ("\u2022", b" "),
    )
)
_ASCII_PUNCTUATION = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c).isspace() or c == 0))
_DASHES = re.compile(r"[\u2010-\u2015\u2026\u2022]")
_PUNCTUATION = re.compile(r"[^\w\s\x00]+")
_QUOTED = re.compile(r"“([^“”]+)(?:”|$)|\"([^\"\n]+)\"")
_QUOTE_TRIM = " \t\n,;:–—-"
# Reporting verbs ('according to' is found through 'according'), matched on normalised words.
_ATTRIBUTION_CUES = frozenset(
    b"said says say told tells added adds stated states according noted notes wrote writes declared stressed "
    b"emphasized emphasised underscored mentioned remarked explained insisted asked urged warned vowed pledged "
    b"expressed affirmed reaffirmed announced replied responded continued".split()
)


class QuoteCandidate(NamedTuple):
    """A passage of one document that may be quoted in others (computed in the worker)."""

    document_id: str
    candidate_id: str  # f"{document_id}-q{index:05d}", index 1-based in document order
    char_start: int
    char_end: int
    text: str  # exactly clean_text[char_start:char_end]
    local_person_key: str | None  # who said it, None when unknown
    shingles: tuple[int, ...]  # stable hashes of its normalised word 8-grams, sorted, distinct
    document_kind: str = ""  # the document's kind: an 'index' page's passages are copies


class QuoteMatch(NamedTuple):
    """One candidate that belongs to a cluster spanning two or more documents."""

    quote_id: str  # cluster id, derived from the members (not from input order)
    document_id: str
    candidate_id: str
    local_person_key: str | None
    char_start: int
    char_end: int
    text: str
    documents_in_cluster: int
    independent_origins: int  # distinct sources among the cluster's documents


# --------------------------------------------------------------------------- normalising, hashing


def normalised_words(text: str) -> list[bytes]:
    """Casefolded words (UTF-8), quotes and other punctuation dropped, dashes splitting words.

    Dropping (not spacing) punctuation keeps 'U.S.' and "it’s" one word whichever quote
    style or abbreviation dots a source prints. Text that is ASCII once curly quotes and
    dashes are folded (nearly all of it) takes a bytes.translate fast path; the rest a
    regular expression. A NUL survives as its own word (``find_quote_candidates`` uses it
    to keep passages apart).
    """
    data = text.encode()
    if not data.isascii():
        for old, new in _UTF8_FOLDS:
            if old in data:
                data = data.replace(old, new)
        if not data.isascii():
            text = _DASHES.sub(" ", data.decode().casefold())
            return " ".join(_PUNCTUATION.sub("", text).split()).encode().split()
    return data.lower().translate(None, _ASCII_PUNCTUATION).split()


def window_hashes(words: Sequence[bytes]) -> list[int]:
    """The hash of every run of SHINGLE_WORDS consecutive words, in order (empty when fewer).

    Word hashes are CRC-32 (zlib: a fixed standard, the same in every process and version,
    and computed in C without a per-word cache). They are packed as 64-bit limbs, and one
    multiplication by the packed weights gives every window: limb i + 7 of the product is
    sum(word_hash[i + k] * WEIGHT[k]) < 2**64, so limbs never carry into each other.
    """
    count = len(words)
    if count < SHINGLE_WORDS:
        return []
    packed = array.array("Q", map(zlib.crc32, words))
    if _BIG_ENDIAN:
        packed.byteswap()
    product = int.from_bytes(packed.tobytes(), "little") * _MULTIPLIER
    limbs = array.array("Q", product.to_bytes(_LIMB_BYTES * (count + SHINGLE_WORDS), "little"))
    if _BIG_ENDIAN:
        limbs.byteswap()
    return limbs[SHINGLE_WORDS - 1 : count].tolist()


def shingle_hashes(words: Sequence[bytes]) -> tuple[int, ...]:
    """Sorted distinct window hashes of one passage: what a candidate stores."""
    return tuple(sorted(set(window_hashes(words))))


# --------------------------------------------------------------------------- per document

# a passage: (char_start, char_end, its utterance, is a quotation in narration)
_Span = tuple[int, int, Utterance, bool]


def find_quote_candidates(
    document_id: str,
    clean_text: str,
    kind: str,
    utterances: Sequence[Utterance],
    sentences: Sequence[Sentence],
    person_mentions: Sequence[PersonMention],
) -> list[QuoteCandidate]:
    """Every passage of this document that another document could quote, in document order.

    All passages are normalised and hashed in one pass over the document (joined by a
    separator word); each candidate takes the windows that lie wholly inside it.
    """
    spans = _candidate_spans(clean_text, kind, utterances, sentences)
    if not spans:
        return []
    source = clean_text.replace(_SEPARATOR, " ") if _SEPARATOR in clean_text else clean_text  # same offsets
    joined = f" {_SEPARATOR} ".join([source[start:end] for start, end, _, _ in spans])
    words = normalised_words(joined)
    windows = window_hashes(words)
    attribution = _Attribution(clean_text, sentences, person_mentions)
    separator = _SEPARATOR.encode()
    candidates: list[QuoteCandidate] = []
    first = 0
    for start, end, utterance, is_quote in spans:
        try:
            stop = words.index(separator, first)
        except ValueError:
            stop = len(words)
        if stop - first >= SHINGLE_WORDS:
            shingles = tuple(sorted(set(windows[first : stop - SHINGLE_WORDS + 1])))
            person = utterance.local_person_key
            if person is None and attribution.has_people:
                person = attribution.person_for(start, end, is_quote, words[first:stop])
            candidate_id = f"{document_id}-q{len(candidates) + 1:05d}"
            text = clean_text[start:end]
            candidates.append(QuoteCandidate(document_id, candidate_id, start, end, text, person, shingles, kind))
        first = stop + 1
    return candidates


def _candidate_spans(
    clean_text: str, kind: str, utterances: Sequence[Utterance], sentences: Sequence[Sentence]
) -> list[_Span]:
    """Official sentences, reported-speech narration sentences and narration quotes, in text order."""
    by_id = {u.utterance_id: u for u in utterances}
    sentence_kinds = ("official", "narrator") if kind in REPORTED_SPEECH_KINDS else ("official",)
    covered: set[str] = set()  # narration blocks whose sentences are candidates already
    spans: list[_Span] = []
    for sentence in sentences:
        utterance = by_id.get(sentence.utterance_id)
        if utterance is not None and utterance.speaker_kind in sentence_kinds:
            if utterance.speaker_kind == "narrator":
                covered.add(utterance.utterance_id)
            spans.append((sentence.char_start, sentence.char_end, utterance, False))
    quoted = False
    for utterance in utterances:
        if utterance.speaker_kind == "narrator" and utterance.utterance_id not in covered:
            found = _quoted_passages(clean_text, utterance)
            spans.extend(found)
            quoted = quoted or bool(found)
    if quoted:
        spans.sort(key=lambda span: (span[0], span[1]))
    return spans


def _quoted_passages(clean_text: str, utterance: Utterance) -> list[_Span]:
    """Quoted passages of one narration block, trimmed of the punctuation that closes a clause.

    A curly quote left open at the end of the block counts (news prints a quote that runs
    on into the next paragraph without closing it).
    """
    start, end = utterance.char_start, utterance.char_end
    if clean_text.find("\u201c", start, end) < 0 and clean_text.find('"', start, end) < 0:
        return []
    spans: list[_Span] = []
    for match in _QUOTED.finditer(clean_text, start, end):
        group = 1 if match.group(1) is not None else 2
        quote_start, quote_end = _trimmed(clean_text, match.start(group), match.end(group))
        if quote_end - quote_start >= 2 * SHINGLE_WORDS:  # cheap pre-check; the word count decides
            spans.append((quote_start, quote_end, utterance, True))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding white space and trailing clause punctuation."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _QUOTE_TRIM:
        end -= 1
    return start, end


class _Attribution:
    """Who a passage in narration is attributed to: a person mentioned next to a reporting cue.

    Consulted only for narration candidates; a cue is a word of ``_ATTRIBUTION_CUES`` among
    the normalised words of the text around the passage (a set test, not a regex scan).
    """

    def __init__(self, clean_text: str, sentences: Sequence[Sentence], mentions: Sequence[PersonMention]) -> None:
        self.text = clean_text
        self.sentences = sentences
        self.sentence_starts = [s.char_start for s in sentences]
        self.mentions = sorted(mentions, key=lambda m: m.char_start)
        self.mention_starts = [m.char_start for m in self.mentions]
        self.has_people = bool(self.mentions and self.sentences)
        self.sentence_cues: dict[int, bool] = {}  # sentence index -> it has a reporting cue

    def person_for(self, start: int, end: int, is_quote: bool, words: list[bytes]) -> str | None:
        """The person a narration passage (a quote, or a reported-speech sentence with its words) is due to."""
        if is_quote:
            return self.person_for_quote(start, end)
        return self.person_for_sentence(start, words)

    def _sentence_index(self, position: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, position) - 1, 0)

    def _mentions_between(self, start: int, end: int) -> list[PersonMention]:
        low = bisect.bisect_left(self.mention_starts, start)
        high = bisect.bisect_left(self.mention_starts, end)
        return self.mentions[low:high]

    def _has_cue(self, start: int, end: int) -> bool:
        return start < end and not _ATTRIBUTION_CUES.isdisjoint(normalised_words(self.text[start:end]))

    def _sentence_has_cue(self, index: int) -> bool:
        known = self.sentence_cues.get(index)
        if known is None:
            sentence = self.sentences[index]
            known = self.sentence_cues[index] = self._has_cue(sentence.char_start, sentence.char_end)
        return known

    def person_for_sentence(self, position: int, words: list[bytes]) -> str | None:
        """The first person of this sentence when it has a cue, else of the previous one.

        A readout's 'He also stated that ...' refers to the subject of the sentence before.
        The sentence's own words come from the caller (already normalised); the previous
        sentence's cue is usually cached, being the previous candidate.
        """
        index = self._sentence_index(position)
        here = self.sentence_cues[index] = not _ATTRIBUTION_CUES.isdisjoint(words)
        if here:
            current = self.sentences[index]
            mentions = self._mentions_between(current.char_start, current.char_end)
            if mentions:
                return mentions[0].local_person_key
        if index > 0 and (here or self._sentence_has_cue(index - 1)):
            previous = self.sentences[index - 1]
            mentions = self._mentions_between(previous.char_start, previous.char_end)
            if mentions:
                return mentions[0].local_person_key
        return None

    def person_for_quote(self, start: int, end: int) -> str | None:
        """The mention nearest the quote, outside it, in the sentences it spans or the one before.

        Only when those sentences carry a reporting cue outside the quote ('Blinken added, “…”',
        '“…,” he said.' after a sentence naming him).
        """
        first = max(self._sentence_index(start) - 1, 0)
        last = self._sentence_index(max(end - 1, start))
        window_start = self.sentences[first].char_start
        window_end = max(self.sentences[last].char_end, end)
        if not (self._has_cue(window_start, start) or self._has_cue(end, window_end)):
            return None
        outside = [
            m for m in self._mentions_between(window_start, window_end) if m.char_end <= start or m.char_start >= end
        ]
        if not outside:
            return None
        nearest = min(outside, key=lambda m: start - m.char_end if m.char_end <= start else m.char_start - end)
        return nearest.local_person_key


# --------------------------------------------------------------------------- corpus level


def match_quotes(
    candidates: Iterable[QuoteCandidate],
    republished: Mapping[str, str | None],
    publishers: Mapping[str, str | None],
    contents: Mapping[str, str] | None = None,
    *,
    max_document_frequency: int = MAX_DOCUMENT_FREQUENCY,
    min_containment: float = MIN_CONTAINMENT,
) -> list[QuoteMatch]:
    """Clusters of candidates quoted in two or more documents, one row per member candidate.

    Rows are sorted by (quote_id, document_id, char_start), so the output does not depend
    on the order candidates arrive in.
    """
    pool = list(candidates)
    linking = _linking_shingles(pool, max_document_frequency)
    index = _inverted_index(pool, linking)
    pairs = [
        (pool[left].candidate_id, pool[right].candidate_id)
        for left, right in _matching_pairs(pool, index, min_containment)
    ]
    members = [pool[i] for i in sorted({i for postings in index.values() for i in postings})]
    return clusters_from_pairs(members, pairs, republished, publishers, contents)


def clusters_from_pairs(
    members: Sequence[QuoteCandidate],
    pairs: Iterable[tuple[str, str]],
    republished: Mapping[str, str | None],
    publishers: Mapping[str, str | None],
    contents: Mapping[str, str] | None = None,
) -> list[QuoteMatch]:
    """``match_quotes`` when the matching pairs were already found (by candidate id) elsewhere.

    On a large corpus the pairing step (every shingle into an inverted index) is what costs:
    13.7 s in Python for 6.8 M shingles of 9,182 briefings. The extract stage does it as one
    DuckDB query over the stored shingles with the same rules (see ``PAIRING_RULES``) and
    hands over only the pairs and the candidates they name; clustering and rows are here.
    """
    position = {m.candidate_id: i for i, m in enumerate(members)}
    parent = list(range(len(members)))
    for left, right in pairs:
        _union(parent, position[left], position[right])
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        clusters[_find(parent, i)].append(i)
    rows: list[QuoteMatch] = []
    for group in clusters.values():
        rows.extend(_cluster_rows([members[i] for i in group], republished, publishers, contents))
    rows.sort(key=lambda r: (r.quote_id, r.document_id, r.char_start, r.candidate_id))
    return rows


# The pairing rules of ``match_quotes``, for a caller that pairs candidates in SQL.
PAIRING_RULES = {
    "max_document_frequency": MAX_DOCUMENT_FREQUENCY,
    "min_shared_shingles": MIN_SHARED_SHINGLES,
    "min_containment": MIN_CONTAINMENT,
}


def _linking_shingles(pool: Sequence[QuoteCandidate], max_document_frequency: int) -> set[int]:
    """Shingles found in at least 2 and at most max_document_frequency documents.

    Every shingle is touched only by C-level set operations, once to insert it and once to
    probe; only shingles seen in two candidates are then counted per document (few).
    """
    seen: set[int] = set()
    recurring: set[int] = set()
    for candidate in pool:
        shingles = candidate.shingles
        if not seen.isdisjoint(shingles):
            recurring.update(seen.intersection(shingles))
        seen.update(shingles)
    del seen
    per_document: dict[str, set[int]] = defaultdict(set)
    for candidate in pool:
        if not recurring.isdisjoint(candidate.shingles):
            per_document[candidate.document_id].update(recurring.intersection(candidate.shingles))
    frequency: Counter[int] = Counter()
    for shingles in per_document.values():
        frequency.update(shingles)
    return {shingle for shingle, count in frequency.items() if 2 <= count <= max_document_frequency}


def _inverted_index(pool: Sequence[QuoteCandidate], linking: set[int]) -> dict[int, list[int]]:
    """shingle -> positions (in pool) of the candidates that contain it, linking shingles only."""
    index: dict[int, list[int]] = defaultdict(list)
    for position, candidate in enumerate(pool):
        if linking.isdisjoint(candidate.shingles):
            continue
        for shingle in linking.intersection(candidate.shingles):
            index[shingle].append(position)
    return index


def _matching_pairs(
    pool: Sequence[QuoteCandidate], index: Mapping[int, list[int]], min_containment: float
) -> list[tuple[int, int]]:
    """Pairs of candidates from different documents sharing enough linking shingles.

    Enough: at least MIN_SHARED_SHINGLES (1 when either candidate has a single shingle),
    and at least ``min_containment`` of the shorter candidate's shingles. The share keeps a
    speaker's stock phrase ('I'm not going to get ahead of the ...') from linking two
    different sentences that merely start alike, and stops clusters chaining through them.
    """
    shared: Counter[tuple[int, int]] = Counter()
    for postings in index.values():
        for offset, left in enumerate(postings):
            left_document = pool[left].document_id
            for right in postings[offset + 1 :]:
                if pool[right].document_id != left_document:
                    shared[(left, right)] += 1
    pairs: list[tuple[int, int]] = []
    for (left, right), count in shared.items():
        shorter = min(len(pool[left].shingles), len(pool[right].shingles))
        if (count >= MIN_SHARED_SHINGLES or shorter == 1) and count >= min_containment * shorter:
            pairs.append((left, right))
    return pairs


def _find(parent: list[int], item: int) -> int:
    while parent[item] != item:
        parent[item] = parent[parent[item]]  # path halving keeps the trees flat
        item = parent[item]
    return item


def _union(parent: list[int], left: int, right: int) -> None:
    left_root, right_root = _find(parent, left), _find(parent, right)
    if left_root != right_root:
        parent[max(left_root, right_root)] = min(left_root, right_root)


def _cluster_rows(
    members: list[QuoteCandidate],
    republished: Mapping[str, str | None],
    publishers: Mapping[str, str | None],
    contents: Mapping[str, str] | None = None,
) -> list[QuoteMatch]:
    """Rows for one connected component; none when all its members come from one document."""
    documents = {m.document_id for m in members}
    if len(documents) < 2:
        return []
    quote_id = cluster_id(members)
    origins = independent_origins(members, republished, publishers, contents)
    return [
        QuoteMatch(
            quote_id,
            m.document_id,
            m.candidate_id,
            m.local_person_key,
            m.char_start,
            m.char_end,
            m.text,
            len(documents),
            origins,
        )
        for m in members
    ]


def cluster_id(members: Iterable[QuoteCandidate]) -> str:
    """sha1 of the sorted member candidate ids: the same members give the same id in any order.

    Candidate ids derive from document ids (content hashes) and positions, so the id is
    stable across runs; it changes only when the cluster gains or loses a member.
    """
    digest = hashlib.sha1("\n".join(sorted(m.candidate_id for m in members)).encode()).hexdigest()
    return f"quote-{digest[:16]}"


def independent_origins(
    members: Iterable[QuoteCandidate],
    republished: Mapping[str, str | None],
    publishers: Mapping[str, str | None],
    contents: Mapping[str, str] | None = None,
) -> int:
    """How many independent sources carry the quote.

    A document's origin is the source it republishes, else its publisher, else itself;
    one origin counts once, and documents of the same text (``contents``: content_key, a
    copy under another name with no marker) are one origin. Index pages (excerpts of other
    pages) are copies and count only when nothing else carries the quote (then as one
    source: they excerpt something).
    """
    originals: set[str] = set()
    by_content: dict[str, str] = {}
    copies = False
    for member in members:
        if member.document_kind in COPY_KINDS:
            copies = True
            continue
        origin = document_origin(member.document_id, republished, publishers)
        key = (contents or {}).get(member.document_id)
        if key is None:
            originals.add(origin)
        else:
            by_content[key] = min(by_content.get(key, origin), origin)
    return len(originals | set(by_content.values())) or int(copies)


def content_key(text: str) -> str:
    """A digest of a text's normalised words: copies of one text share it whatever their file,
    white space, case, quote style or punctuation."""
    return hashlib.sha256(b" ".join(normalised_words(text))).hexdigest()[:16]


def document_origin(
    document_id: str, republished: Mapping[str, str | None], publishers: Mapping[str, str | None]
) -> str:
    """The source a document's words come from: 'source:<name>' or, when unknown, 'document:<id>'."""
    source = republished.get(document_id) or publishers.get(document_id)
    if source and source.strip():
        return "source:" + _source_key(source)
    return "document:" + document_id


def _source_key(name: str) -> str:
    """'The U.S. Department of State' and 'Department of State' are one source."""
    key = b" ".join(normalised_words(name)).decode()
    for prefix in ("the ", "us ", "united states "):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key
