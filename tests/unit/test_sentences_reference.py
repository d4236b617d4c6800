"""The fast sentence splitter against a straightforward reference (one scan, a per-piece loop) on random text."""

import bisect
import random
import re

from orchestration.extract import sentences
from orchestration.extract.records import Utterance
from orchestration.extract.sentences import sentence_cuts, split_sentences

_BOUNDARY = re.compile(r"[.!?…][.!?]*[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý¿¡])")
_SUSPECT_PERIOD = re.compile(r"\.(?<![a-z]{4}\.)")


def _reference_cuts(text: str) -> list[int]:
    suspects = {m.start() for m in _SUSPECT_PERIOD.finditer(text)}
    return [
        m.end()
        for m in _BOUNDARY.finditer(text)
        if m.start() not in suspects or not sentences._is_false_boundary(text, m)
    ]


def _reference_spans(text: str, cuts: list[int], start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for stop in [*cuts[bisect.bisect_right(cuts, start) : bisect.bisect_left(cuts, end)], end]:
        chunk = text[cursor:stop].rstrip()
        if "\n" in chunk:
            spans.extend(sentences._line_spans(chunk, cursor))
        elif chunk:
            spans.append((cursor, cursor + len(chunk)))
        cursor = stop
    return spans


_PIECES = [
    "Mr", "Dr", "No", "U.S", "a.m", "Jr", "J", "went", "said", "it", "Biden", "The", "We", "(", ")", "“", "”",
    "’", "'", '"', ".", ".", ".", "..", "...", "?", "!", "…", "?!", ".?", " ", " ", " ", "  ", "\n", " \n ",
    "5", "2021", "e.g", "Sen", "jan", "co", "D.C", "Thank", "¿Qué",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 60)))


def test_cuts_match_reference_on_random_text():
    rng = random.Random(7)
    for _ in range(4000):
        text = _random_text(rng)
        assert sentence_cuts(text) == _reference_cuts(text), text


def test_sentences_match_reference_on_random_utterances():
    rng = random.Random(11)
    for _ in range(3000):
        text = _random_text(rng)
        bounds = sorted(rng.randint(0, len(text)) for _ in range(rng.randint(0, 6)))
        pairs = list(zip(bounds[::2], bounds[1::2], strict=False))
        if rng.random() < 0.2:
            pairs.append((rng.randint(0, len(text)), rng.randint(0, len(text))))  # odd or reversed spans too
        utterances = [
            Utterance("d", f"d-u{i:05d}", i, None, None, "narrator", False, a, b, None, None, None)
            for i, (a, b) in enumerate(pairs, start=1)
        ]
        cuts = _reference_cuts(text)
        want = [
            (u.utterance_id, a, b)
            for u in utterances
            for a, b in _reference_spans(text, cuts, u.char_start, u.char_end)
        ]
        got = [(s.utterance_id, s.char_start, s.char_end) for s in split_sentences("d", text, utterances)]
        assert got == want, (text, pairs)
