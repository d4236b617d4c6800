"""Who a commitment binds (orchestration/extract/actors.py), on invented text."""

from __future__ import annotations

import pytest

from orchestration.extract.actors import ActorContext, attribute, country_runs, document_context, publisher_country
from orchestration.extract.commitments import lexicon

LEX = lexicon()
NORDIC = ActorContext(parties=frozenset({"FI", "NO", "SE"}), publisher_country=None, joint_text=True)
ALONE = ActorContext(parties=frozenset({"US"}), publisher_country="US", joint_text=False)


def actor(
    subject,
    cue_head="will",
    *,
    sentence=None,
    modality="will",
    narration=False,
    speaker=None,
    person=None,
    has_person=False,
    context=NORDIC,
):
    found = attribute(
        subject=subject,
        cue_head=cue_head,
        sentence=sentence or f"{subject} {cue_head} do it.",
        modality=modality,
        narration=narration,
        speaker_country=speaker,
        person_country=person,
        has_person=has_person,
        context=context,
        countries=LEX.countries,
        country_of=LEX.country_of,
    )
    return found.codes, found.basis


def test_a_coordinated_list_of_countries_as_subject_binds_them_all():
    assert actor("Norway, Sweden, and Finland are", "determined") == ("FI;NO;SE", "named")


def test_a_countrys_possession_names_no_actor():
    assert actor("Sweden’s new command", narration=True, context=NORDIC._replace(joint_text=False)) == (None, None)


def test_countries_before_the_speakers_pronoun_are_not_the_subject():
    subject = "we discussed cooperation between Norway and Finland, and we were able to"
    assert actor(subject, "reaffirm", modality="reaffirmed", speaker="SE", context=ALONE) == ("SE", "speaker")


def test_a_speakers_we_binds_the_speakers_country():
    assert actor("We", speaker="SE") == ("SE", "speaker")
    assert actor("During that meeting, I", "reaffirmed our commitment", modality="reaffirmed", speaker="SE") == (
        "SE",
        "speaker",
    )


def test_a_speakers_we_agreed_or_we_together_binds_every_party():
    assert actor("We", "agreed to", modality="agreed", speaker="SE") == ("FI;NO;SE", "parties")
    assert actor("We", sentence="We will work together on grids.", speaker="SE") == ("FI;NO;SE", "parties")


def test_joint_subjects_bind_every_party():
    assert actor("The", "leaders committed to", modality="committed", narration=True) == ("FI;NO;SE", "parties")
    assert actor("", "They reaffirmed their", modality="reaffirmed", narration=True) == ("FI;NO;SE", "parties")
    pair = actor(
        "President Aho and Prime Minister Berg",
        "committed to",
        modality="committed",
        narration=True,
        has_person=True,
        person="FI",
    )
    assert pair == ("FI;NO;SE", "parties")


def test_a_joint_texts_we_binds_every_party_and_a_single_governments_we_binds_it():
    assert actor("We", narration=True) == ("FI;NO;SE", "parties")
    assert actor("We", narration=True, context=ALONE) == ("US", "publisher")


def test_narration_about_one_person_binds_that_persons_country():
    assert actor("Prime Minister Berg", "vowed to", modality="vowed", narration=True, has_person=True, person="NO") == (
        "NO",
        "person",
    )


def test_a_speaker_without_a_country_in_a_single_government_document_is_its_official():
    assert actor("We", context=ALONE) == ("US", "publisher_speaker")
    two = ALONE._replace(parties=frozenset({"US", "SE"}))
    assert actor("We", context=two) == (None, "speaker")  # a guest could be speaking: unknown


def test_unknown_stays_unknown():
    assert actor("The company", context=NORDIC._replace(joint_text=False)) == (None, None)


def test_document_parties_come_from_the_title_list_speakers_and_publisher():
    context = document_context(
        title="Joint Statement of Norway, Sweden, and Finland",
        head="",
        speaker_countries=(),
        publisher=None,
        kind="statement",
        countries=LEX.countries,
        country_of=LEX.country_of,
    )
    assert context == ActorContext(frozenset({"FI", "NO", "SE"}), None, True)
    news = document_context(
        title="Leaders meet in Oslo",
        head="",
        speaker_countries={"NO"},
        publisher="SE",
        kind="news",
        countries=LEX.countries,
        country_of=LEX.country_of,
    )
    assert news == ActorContext(frozenset({"NO"}), None, False)  # a news outlet speaks for no government


@pytest.mark.parametrize(
    ("url", "publisher", "republished_from", "expected"),
    [
        ("https://www.whitehouse.gov/briefing-room/x/", None, None, "US"),
        ("https://bidenwhitehouse.archives.gov/briefing-room/x/", None, None, "US"),
        (None, "Department of State", None, "US"),
        (None, "Some Wire", "Department of State", "US"),  # a copy speaks with its original's voice
        (None, "Some Wire", "An Unknown Ministry", None),
        ("https://news.example.com/a", "Some Wire", None, None),
    ],
)
def test_the_publishing_government(url, publisher, republished_from, expected):
    assert publisher_country(url, publisher, republished_from) == expected


def test_country_runs_find_coordinated_lists_only():
    text = "Norway, Sweden and Finland met. Norway hosted."
    assert [text[a:b] for a, b in country_runs(text, LEX.countries)] == ["Norway, Sweden and Finland"]


PAIR = ActorContext(parties=frozenset({"FI", "SE"}), publisher_country=None, joint_text=True)


def test_a_country_name_wrapped_over_lines_or_cut_by_the_cue_still_names_the_actor():
    assert actor("The", "United\n     States committed to", narration=True) == ("US", "named")
    assert actor("The United", "States     committed to", narration=True) == ("US", "named")


def test_the_holders_of_one_title_on_every_side_and_the_alliance_bind_every_party():
    for subject in ("The two presidents", "Both Prime Ministers", "The foreign ministers", "In addition, the Alliance"):
        assert actor(subject, narration=True, context=PAIR) == ("FI;SE", "parties"), subject


def test_a_speaker_and_a_named_person_bind_both_their_countries():
    assert actor("President Virtanen and I", speaker="SE", person="FI", has_person=True) == ("FI;SE", "speaker")
    assert actor("President Virtanen and I", speaker="SE", has_person=True, context=PAIR) == ("FI;SE", "parties")
    assert actor("I", speaker="SE", person="FI", has_person=True) == ("SE", "speaker")  # 'I' alone: the speaker


def test_a_fixed_group_as_subject_binds_its_members_and_its_statement_lists_them_as_parties():
    assert actor("The Quad", narration=True) == ("AU;IN;JP;US", "named")
    assert actor("We, the leaders of the Quad, are", "committed to", narration=True)[0] == "AU;IN;JP;US"
    assert actor("The Quad’s agenda", narration=True, context=ALONE)[0] is None  # a thing of the Quad's
    context = document_context(
        title="Quad Leaders’ Joint Statement",
        head="We, the leaders of Australia, India, Japan, and the United States, met today.",
        speaker_countries=[],
        publisher="US",
        kind="statement",
        countries=LEX.countries,
        country_of=LEX.country_of,
    )
    assert context.parties == frozenset({"AU", "IN", "JP", "US"})
