"""Sentence splitting: abbreviations, initials, ellipses, closing quotes, utterance boundaries."""

from orchestration.extract.sentences import sentence_spans, split_sentences
from orchestration.extract.turns import split_utterances


def _split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, 0, len(text))]


def test_abbreviations_do_not_end_sentences():
    assert _split("Mr. Smith met Dr. Jones on St. Patrick's Day. They talked.") == [
        "Mr. Smith met Dr. Jones on St. Patrick's Day.",
        "They talked.",
    ]
    assert _split("See No. 5 for details. Then stop.") == ["See No. 5 for details.", "Then stop."]


def test_us_and_initials():
    assert _split("U.S. Secretary of State Antony J. Blinken met Lloyd J. Austin III. It went well.") == [
        "U.S. Secretary of State Antony J. Blinken met Lloyd J. Austin III.",
        "It went well.",
    ]
    assert _split("They met in the U.S. We left.") == ["They met in the U.S.", "We left."]


def test_closing_quotes_and_ellipses():
    assert _split("He said, “We are ready.” Then he left.") == ["He said, “We are ready.”", "Then he left."]
    assert _split("It was very productive…I think. Yes... And more.") == [
        "It was very productive…I think.",
        "Yes...",
        "And more.",
    ]


def test_line_breaks_end_sentences():
    assert _split("A heading\nThe body. More") == ["A heading", "The body.", "More"]


def test_sentences_stay_inside_utterances():
    text = "MODERATOR: Welcome. Minister.\nMINISTER TANABE: Thank you. We agreed."
    utterances = split_utterances("d", text)
    sentences = split_sentences("d", text, utterances)
    assert [text[s.char_start : s.char_end] for s in sentences] == ["Welcome.", "Minister.", "Thank you.", "We agreed."]
    by_id = {u.utterance_id: u for u in utterances}
    for s in sentences:
        u = by_id[s.utterance_id]
        assert u.char_start <= s.char_start < s.char_end <= u.char_end
    assert [s.sentence_index for s in sentences] == [1, 2, 3, 4]
    assert sentences[0].sentence_id == "d-s000001"
