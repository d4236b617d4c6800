"""Topic tagger: taxonomy terms found as whole words, with exact offsets and their sentence/utterance."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from orchestration.extract import topics
from orchestration.extract.records import Sentence, Utterance

DOC = "doc1"


def _narration(text: str) -> tuple[list[Utterance], list[Sentence]]:
    """One narration utterance covering the text, one sentence per '. '-separated piece."""
    utterance = Utterance(DOC, f"{DOC}-u00001", 1, None, None, "narrator", False, 0, len(text), None, None, None)
    sentences, start = [], 0
    for index, piece in enumerate(text.split(". "), start=1):
        end = start + len(piece)
        sentences.append(Sentence(DOC, f"{DOC}-s{index:06d}", index, utterance.utterance_id, start, end))
        start = end + 2
    return [utterance], sentences


def _find(text: str) -> list[topics.TopicMention]:
    utterances, sentences = _narration(text)
    return topics.find_topics(DOC, text, utterances, sentences)


def _pairs(text: str) -> list[tuple[str, str]]:
    return [(m.topic, m.matched_text) for m in _find(text)]


def _topics(text: str) -> set[str]:
    return {m.topic for m in _find(text)}


@pytest.fixture(autouse=True)
def _fresh_lexicon() -> Iterator[None]:
    """Lexicons are cached per process; each test starts (and leaves) with a clean cache."""
    topics.compiled_lexicon.cache_clear()
    yield
    topics.compiled_lexicon.cache_clear()


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("The ministers reaffirmed the importance of extended deterrence for the alliance.", "nuclear_deterrence"),
        ("Both sides will deepen coproduction of munitions.", "defense_industry"),
        ("They discussed freedom of navigation operations near the reef.", "maritime_security"),
        ("New tariffs on steel were announced on Friday.", "trade"),
        ("The Council adopted a fresh package of sanctions.", "sanctions"),
        ("The summit pledged money for climate finance.", "climate"),
        ("Leaders stressed pandemic preparedness at the gathering.", "health"),
        ("Researchers presented advances in quantum computing.", "quantum"),
        ("A fund will support semiconductor manufacturing abroad.", "semiconductors"),
        ("Talks covered women, peace, and security in the region.", "women_peace_security"),
        ("The envoy raised tensions in the Taiwan Strait.", "taiwan_strait"),
        ("Officials condemned the missile launches by North Korea.", "korean_peninsula"),
        ("They spoke about Russia's war against Ukraine.", "russia_ukraine_war"),
    ],
)
def test_each_group_is_tagged(text: str, topic: str) -> None:
    assert topic in _topics(text)


def test_matched_text_is_the_exact_span() -> None:
    text = "Supply-chain resilience and   Cyber  Security topped an agenda on the Indo Pacific."
    mentions = _find(text)
    assert mentions, "expected mentions"
    for mention in mentions:
        assert mention.matched_text == text[mention.char_start : mention.char_end]
    assert ("cyber", "Cyber  Security") in _pairs(text)
    assert ("indo_pacific", "Indo Pacific") in _pairs(text)


def test_longest_term_of_a_topic_wins_at_one_position() -> None:
    assert _pairs("We value the Nuclear Posture Review.") == [("nuclear_deterrence", "Nuclear Posture Review")]
    assert _pairs("The invasion of Ukraine continues.") == [("russia_ukraine_war", "invasion of Ukraine")]


def test_other_topics_may_overlap() -> None:
    pairs = _pairs("He visited Indo-Pacific Command.")
    assert ("military_command", "Indo-Pacific Command") in pairs
    assert ("indo_pacific", "Indo-Pacific") in pairs


def test_case_insensitive_terms_and_exact_acronyms() -> None:
    assert _topics("EXPORT CONTROLS and Export Controls") == {"economic_security"}
    assert len(_find("EXPORT CONTROLS and Export Controls")) == 2
    assert _topics("She met officials from the WHO.") == {"health"}
    assert _topics("Those who came early were thanked.") == set()


def test_word_boundaries() -> None:
    assert _topics("The energetic spacewalker traded jokes in a trademark dispute.") == set()
    assert _topics("Cybernetic enthusiasts gathered.") == set()
    assert _topics("A hypersonic glide body.") == set()


def test_optional_endings() -> None:
    assert _pairs("One tariff, then two tariffs.") == [("trade", "tariff"), ("trade", "tariffs")]


def test_exclusions_drop_other_senses() -> None:
    assert _topics("It is a trade-off we accept.") == set()
    assert _topics("The political climate is tense.") == set()
    assert _topics("Families celebrated Lunar New Year.") == set()
    assert _topics("Bilateral trade grew and the climate crisis worsened.") == {"trade", "climate"}


def test_mentions_point_to_their_sentence_and_utterance() -> None:
    text = "Opening remarks. We discussed cybersecurity. Then NATO came up"
    mentions = _find(text)
    assert [(m.topic, m.sentence_id) for m in mentions] == [
        ("cyber", f"{DOC}-s000002"),
        ("defense_cooperation", f"{DOC}-s000003"),
    ]
    assert all(m.utterance_id == f"{DOC}-u00001" for m in mentions)
    assert [m.topic_mention_id for m in mentions] == [f"{DOC}-k00001", f"{DOC}-k00002"]


def test_text_outside_any_utterance_has_no_ids() -> None:
    assert [(m.utterance_id, m.sentence_id) for m in topics.find_topics(DOC, "Sanctions.", [], [])] == [(None, None)]


def _write_taxonomy(folder: Path, rows: list[dict[str, str]]) -> None:
    columns = ["topic", "label", "parent", "terms", "exact_terms", "exclusions", "description"]
    with open(folder / "ref_topics.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in columns})


def test_an_edited_taxonomy_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_taxonomy(
        tmp_path,
        [
            {"topic": "fisheries", "label": "Fisheries", "terms": "fish stock(s)|tuna", "exclusions": "tuna salad"},
            {"topic": "ports", "label": "Ports", "terms": "port call(s)", "exact_terms": "PSA"},
        ],
    )
    monkeypatch.setenv("READOUT_REFERENCE_DIR", str(tmp_path))
    topics.compiled_lexicon.cache_clear()
    text = "Fish stocks and tuna fell; tuna salad sold; PSA cleared two port calls; psa no."
    assert _pairs(text) == [
        ("fisheries", "Fish stocks"),
        ("fisheries", "tuna"),
        ("ports", "PSA"),
        ("ports", "port calls"),
    ]
    assert _topics("Sanctions and NATO") == set()


def test_duplicate_topic_keys_are_rejected() -> None:
    with pytest.raises(ValueError, match="twice"):
        topics.build_lexicon([{"topic": "a", "terms": "x"}, {"topic": "a", "terms": "y"}])


def test_shipped_taxonomy_is_well_formed() -> None:
    lex = topics.lexicon()
    assert 30 <= len(lex.topics) <= 45
    assert all(topic.parent for topic in lex.topics.values())
