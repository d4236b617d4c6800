"""Quote matching: candidates from turns and narration, stable shingles, clusters across invented documents."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import zlib

from orchestration.extract.quotes import (
    _WEIGHTS,
    QuoteCandidate,
    content_key,
    find_quote_candidates,
    match_quotes,
    normalised_words,
    shingle_hashes,
    window_hashes,
)
from orchestration.extract.records import PersonMention
from tests.unit.invented import lay_out

SPEECH = "We will keep working with our partners to build a port that serves the whole region"
OTHER_SPEECH = "The river crossing opened to traffic this morning after nine years of careful building work"


def build(document_id, blocks, kind="transcript", people=()):
    """An invented document from (speaker_kind, person_key, [sentences]) blocks.

    ``people`` are (name, key) pairs: every occurrence of the name in the text becomes a prose mention.
    """
    text, utterances, sentences = lay_out(document_id, blocks)
    mentions = []
    for name, key in people:
        position = text.find(name)
        while position >= 0:
            mention_id = f"{document_id}-p{len(mentions) + 1:05d}"
            mentions.append(
                PersonMention(document_id, mention_id, position, position + len(name), name, "prose", None, key)
            )
            position = text.find(name, position + 1)
    mentions.sort(key=lambda m: m.char_start)
    return document_id, text, kind, utterances, sentences, mentions


def candidates_of(document):
    return find_quote_candidates(*document)


def transcript(document_id, *official_sentences, person="moreau"):
    return build(document_id, [("official", person, [s + "." for s in official_sentences])])


def news(document_id, quote, name="Moreau", key="moreau"):
    return build(
        document_id,
        [("narrator", None, [f"{name} spoke in the capital on Tuesday.", f"“{quote},” {name} said."])],
        kind="news",
        people=[(name, key)],
    )


def match(documents, republished=None, publishers=None, **options):
    pool = [c for d in documents for c in candidates_of(d)]
    return match_quotes(pool, republished or {}, publishers or {}, **options)


def test_copies_of_one_text_under_other_names_are_one_origin():
    """A verbatim copy with no marker and no publisher adds no independent origin (content_key)."""
    original, copy = news("a", SPEECH), news("b", SPEECH)
    contents = {"a": content_key(original[1]), "b": content_key(copy[1])}
    assert contents["a"] == contents["b"]
    rows = match_quotes([c for d in (original, copy) for c in candidates_of(d)], {}, {"a": "Daily Tide"}, contents)
    assert {(r.documents_in_cluster, r.independent_origins) for r in rows} == {(2, 1)}
    assert {r.independent_origins for r in match([original, copy])} == {2}  # without the digests: two


def test_the_content_key_folds_case_spacing_and_punctuation_only():
    assert content_key("We will,  build   the PORT.") == content_key("we will build the port")
    assert content_key("We will build the port.") != content_key("We will build the dock.")


# --------------------------------------------------------------------------- candidates


def test_official_turn_sentences_are_candidates_and_other_speakers_are_not():
    doc = build(
        "d",
        [
            ("moderator", None, ["We now take questions from the floor about the port and the region today."]),
            ("questioner", "okafor", ["Will the new port really serve the whole region as the minister said?"]),
            ("official", "moreau", [SPEECH + ".", "Thank you all."]),
            ("interpreter", None, ["The minister says the port will serve the whole region for many years."]),
        ],
    )
    found = candidates_of(doc)
    assert [(c.text, c.local_person_key) for c in found] == [(SPEECH + ".", "moreau")]
    assert found[0].candidate_id == "d-q00001"
    assert found[0].document_kind == "transcript"


def test_narration_quote_is_a_candidate_attributed_to_the_person_who_said_it():
    doc = news("n", SPEECH)
    (found,) = candidates_of(doc)
    assert found.text == SPEECH  # the comma closing the clause is trimmed
    assert found.local_person_key == "moreau"


def test_quote_before_a_pronoun_attribution_takes_the_person_of_the_previous_sentence():
    doc = build(
        "n",
        [("narrator", None, ["Minister Moreau opened the new terminal.", f'"{SPEECH}," she told reporters.'])],
        kind="news",
        people=[("Moreau", "moreau")],
    )
    (found,) = candidates_of(doc)
    assert found.text == SPEECH
    assert found.local_person_key == "moreau"


def test_short_quotes_and_unattributed_quotes():
    doc = build(
        "n",
        [
            ("narrator", None, ["The plan was called “a good start” by the press."]),
            ("narrator", None, [f"The banner read “{OTHER_SPEECH}” in large letters."]),
        ],
        kind="news",
        people=[("Moreau", "moreau")],
    )
    (found,) = candidates_of(doc)
    assert found.text == OTHER_SPEECH
    assert found.local_person_key is None


def test_readout_narration_sentences_are_reported_speech_candidates():
    doc = build(
        "r",
        [
            ("narrator", None, ["Minister Moreau welcomed the delegation and stated that talks had gone well."]),
            (
                "narrator",
                None,
                ["She also stated that she would like to deepen cooperation at every level of government."],
            ),
        ],
        kind="readout",
        people=[("Moreau", "moreau")],
    )
    found = candidates_of(doc)
    assert [c.local_person_key for c in found] == ["moreau", "moreau"]


def test_every_candidate_span_reproduces_its_text():
    documents = [
        transcript("t", SPEECH, OTHER_SPEECH),
        news("n", SPEECH),
        build("x", [("narrator", None, ["Odd “quote that never closes and runs on to the end of it"])], kind="news"),
    ]
    seen = 0
    for document in documents:
        text = document[1]
        for candidate in candidates_of(document):
            assert candidate.text == text[candidate.char_start : candidate.char_end]
            assert candidate.shingles == tuple(sorted(set(candidate.shingles)))
            seen += 1
    assert seen == 4


# --------------------------------------------------------------------------- normalising and hashing


def test_normalisation_folds_case_quotes_dashes_and_punctuation():
    assert normalised_words("It’s the U.S. “plan” — agreed, Ms. Núñez!") == [
        b"its",
        b"the",
        b"us",
        b"plan",
        b"agreed",
        b"ms",
        "núñez".encode(),
    ]
    assert shingle_hashes(normalised_words("It’s a plan for the U.S. – and it works")) == shingle_hashes(
        normalised_words("it's A PLAN for the US and it works.")
    )


def test_window_hashes_follow_the_documented_formula():
    words = normalised_words(SPEECH)
    crc = [zlib.crc32(w) for w in words]
    expected = [sum(crc[i + k] * _WEIGHTS[k] for k in range(8)) for i in range(len(words) - 7)]
    assert window_hashes(words) == expected
    assert all(0 <= h < 2**64 for h in expected)
    assert window_hashes(words[:7]) == []


def test_windows_of_a_long_stream_equal_windows_of_its_parts():
    rng = random.Random(7)
    words = [rng.choice([b"port", b"region", b"we", b"will", b"serve", b"the", b"of"]) for _ in range(3000)]
    assert window_hashes(words)[1234:1300] == window_hashes(words[1234:1307])


def test_shingle_hashes_are_the_same_in_another_process_with_another_hash_seed():
    code = (
        "from orchestration.extract.quotes import normalised_words, shingle_hashes;"
        f"print(shingle_hashes(normalised_words({SPEECH!r})))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == str(shingle_hashes(normalised_words(SPEECH)))


# --------------------------------------------------------------------------- matching


def test_a_quote_in_three_documents_is_one_cluster():
    rows = match([transcript("a", SPEECH, OTHER_SPEECH), news("b", SPEECH), news("c", SPEECH, "Lindqvist", "lq")])
    assert {r.quote_id for r in rows} == {rows[0].quote_id}
    assert sorted(r.document_id for r in rows) == ["a", "b", "c"]
    assert {r.documents_in_cluster for r in rows} == {3}
    assert {r.independent_origins for r in rows} == {3}
    assert {r.document_id: r.local_person_key for r in rows} == {"a": "moreau", "b": "moreau", "c": "lq"}


def test_a_republication_and_one_publisher_count_as_one_origin():
    documents = [transcript("a", SPEECH), transcript("b", SPEECH), news("c", SPEECH), news("d", SPEECH)]
    rows = match(
        documents,
        republished={"b": "Ministry of Ports"},
        publishers={"a": "Ministry of Ports", "b": "Wire Reprints", "c": "Daily Tide", "d": "daily tide"},
    )
    assert {r.documents_in_cluster for r in rows} == {4}
    assert {r.independent_origins for r in rows} == {2}  # the ministry (a, and b copying it) and the Daily Tide


def test_an_index_page_excerpt_is_not_an_independent_origin():
    index_page = build("i", [("narrator", None, [f"Remarks at the port: “{SPEECH}.”"])], kind="index")
    rows = match([transcript("a", SPEECH), index_page])
    assert {r.documents_in_cluster for r in rows} == {2}
    assert {r.independent_origins for r in rows} == {1}
    other_page = build("j", [("narrator", None, [f"Earlier: “{SPEECH}.”"])], kind="index")
    only_copies = match([index_page, other_page])
    assert {(r.documents_in_cluster, r.independent_origins) for r in only_copies} == {(2, 1)}  # copies of one source


def test_boilerplate_shingles_link_nothing():
    boilerplate = "Thank you very much for having me here today and for the warm welcome"
    documents = [transcript(f"d{i}", f"{boilerplate} {topic}") for i, topic in enumerate(["ports", "rivers", "roads"])]
    assert match(documents, max_document_frequency=2) == []
    assert len({r.quote_id for r in match(documents, max_document_frequency=3)}) == 1


def test_sentences_that_only_start_alike_do_not_link():
    opening = "I am not going to get ahead of the"
    documents = [
        transcript("a", f"{opening} budget talks that the committee will hold with the governors next week"),
        transcript("b", f"{opening} envoy who travels to the capital on Friday to meet the new cabinet"),
    ]
    assert match(documents) == []


def test_repeats_within_one_document_make_no_cluster():
    assert match([transcript("a", SPEECH, OTHER_SPEECH, SPEECH)]) == []
    rows = match([transcript("a", SPEECH, SPEECH), news("b", SPEECH)])
    assert sorted(r.document_id for r in rows) == ["a", "a", "b"]
    assert {r.documents_in_cluster for r in rows} == {2}


def test_quote_ids_and_rows_do_not_depend_on_input_order():
    documents = [transcript("a", SPEECH, OTHER_SPEECH), news("b", SPEECH), news("c", OTHER_SPEECH), news("d", SPEECH)]
    pool: list[QuoteCandidate] = [c for d in documents for c in candidates_of(d)]
    first = match_quotes(pool, {}, {})
    shuffled = pool[:]
    random.Random(3).shuffle(shuffled)
    assert match_quotes(shuffled, {}, {}) == first
    assert match_quotes(reversed(pool), {}, {}) == first
    assert len({r.quote_id for r in first}) == 2


def test_a_sentence_reused_inside_a_longer_passage_links():
    """A fifth of the shorter passage's shingles is enough: a joint statement's sentence reappears as a
    clause of a fact sheet's longer one."""
    sentence = "We call for a peaceful resolution of the dispute over the northern islands by dialogue"
    longer = (
        f"{sentence} and we will keep supporting the work of the regional council on fisheries, shipping, "
        "pollution, search and rescue, weather warnings and the training of coast guards"
    )
    statement = build("s", [("narrator", None, [sentence + "."])], kind="statement")
    fact_sheet = build("f", [("narrator", None, [longer + "."])], kind="statement")
    rows = match([statement, fact_sheet])
    assert {r.document_id for r in rows} == {"s", "f"}


def test_an_untyped_joint_texts_narration_is_quotable():
    principles = build("p", [("narrator", None, [SPEECH + "."])], kind="other")
    assert [c.text for c in candidates_of(principles)] == [SPEECH + "."]
