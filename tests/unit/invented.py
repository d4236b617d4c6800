"""Invented documents for extractor tests: turns of sentences laid out the way the pipeline does."""

from __future__ import annotations

from typing import NamedTuple

from orchestration.extract.records import Sentence, Utterance


class InventedText(NamedTuple):
    text: str
    utterances: list[Utterance]
    sentences: list[Sentence]


def lay_out(document_id: str, turns) -> InventedText:
    """Text, utterances and sentences from (speaker_kind, person_key, [sentences]) turns.

    Sentences of a turn are joined by a space and turns end with a newline; narrators have
    no turn index; the person key doubles as the speaker label and the local person key.
    """
    parts: list[str] = []
    utterances: list[Utterance] = []
    sentences: list[Sentence] = []
    at = 0
    for u_index, (speaker_kind, person, turn_sentences) in enumerate(turns, start=1):
        uid = f"{document_id}-u{u_index:05d}"
        start = at
        for sentence in turn_sentences:
            index = len(sentences) + 1
            sentences.append(Sentence(document_id, f"{document_id}-s{index:06d}", index, uid, at, at + len(sentence)))
            parts.append(sentence + " ")
            at += len(sentence) + 1
        turn_index = None if speaker_kind == "narrator" else u_index
        utterances.append(
            Utterance(
                document_id, uid, u_index, turn_index, person, speaker_kind, False, start, at - 1, None, None, person
            )
        )
        parts[-1] = parts[-1][:-1] + "\n"
    return InventedText("".join(parts), utterances, sentences)
