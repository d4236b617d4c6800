"""Commitments: each modality, each rejection class, spans, actors and deadlines on invented text."""

from __future__ import annotations

import pytest

from orchestration.extract.commitments import Commitment, find_commitments
from orchestration.extract.records import LocalPerson, PersonMention, TimeExpression
from tests.unit.invented import lay_out

PEOPLE = {
    "moreau": ("Moreau", "Foreign Minister", "FR"),
    "lindqvist": ("Lindqvist", "Minister of Defence", "SE"),
    "okafor": ("Okafor", "journalist", None),
    "host": ("Host", None, None),
}


def build(turns, kind="transcript", timex=(), mentions=()):
    """A document from (speaker_kind, person_key, [sentences]) turns; timex/mentions as (text, ...) found in it."""
    text, utterances, sentences = lay_out("d", turns)
    people = [
        LocalPerson("d", key, name, None, name, False, role, country, None, 1)
        for key, (name, role, country) in PEOPLE.items()
    ]
    timexes = []
    for i, (needle, kind_, value, precision, direction) in enumerate(timex, start=1):
        s = text.index(needle)
        timexes.append(
            TimeExpression(
                "d", f"d-t{i:05d}", s, s + len(needle), needle, kind_, value, precision, None, "stated", direction, None
            )
        )
    person_mentions = []
    for i, (needle, key) in enumerate(mentions, start=1):
        s = text.index(needle)
        person_mentions.append(PersonMention("d", f"d-p{i:05d}", s, s + len(needle), needle, "prose", None, key))
    return dict(
        document_id="d",
        clean_text=text,
        kind=kind,
        utterances=utterances,
        sentences=sentences,
        local_people=people,
        person_mentions=person_mentions,
        time_expressions=timexes,
    )


def run(doc) -> list[Commitment]:
    rows = find_commitments(**doc)
    for row in rows:
        assert row.text == doc["clean_text"][row.char_start : row.char_end]
    return rows


def said(sentence: str, speaker: str = "moreau", kind: str = "transcript") -> list[Commitment]:
    return run(build([("official", speaker, [sentence])], kind=kind))


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("The two governments agreed to open a joint research centre for tidal energy.", "agreed"),
        ("Both delegations concurred on Tuesday to speed up the customs talks.", "agreed"),
        ("We will expand scholarships for engineering students from the region.", "will"),
        ("We’ll keep supplying clean water to the flooded districts.", "will"),
        ("I will do everything in my power to finish the rail link.", "will"),
        ("We reaffirmed our steadfast commitment to the freedom of navigation.", "reaffirmed"),
        ("Today I reaffirm our support for the reconstruction fund.", "reaffirmed"),
        ("The ministers pledged to double their contributions to the vaccine facility.", "pledged"),
        ("We are firmly committed to reducing methane emissions.", "committed"),
        ("Our commitment to the coastal communities is unwavering.", "committed"),
        ("We have committed to training a thousand nurses.", "committed"),
        ("The partners resolved to deepen their cooperation on cyber defence.", "resolved"),
        ("The minister vowed to rebuild every school damaged by the storm.", "vowed"),
        ("I would like to further expand our exchange programmes.", "intent"),
        ("We intend to sign the fisheries accord.", "intent"),
        ("We are determined to bring the smugglers to justice.", "determined"),
        ("Both sides committed to strengthening the joint coast guard patrols.", "committed"),
        ("The United States defense commitments to the islands are ironclad.", "committed"),
        ("Norway’s commitment to the fisheries accord remains unwavering.", "committed"),
        ("The two leaders decided to establish a joint working group on ports.", "agreed"),
        ("The four Ministers confirmed that the two countries would expand port visits.", "reaffirmed"),
        ("The two leaders reviewed the harbour project and will continue to work closely on its financing.", "will"),
        ("Norway and the Netherlands plan to open a joint wind-power testing site.", "intent"),
        ("The minister hopes to see construction of the ferry terminal begin next spring.", "intent"),
        ("She expressed hope that the grain corridor could reopen within weeks.", "intent"),
        ("Both sides expressed their firm commitment to protect the wetlands.", "committed"),
        ("The principals committed to expand the exchange of liaison officers.", "committed"),
        ("Norway is fully, thoroughly, completely committed to the fisheries accord.", "committed"),
        ("The ministers reaffirmed that the mutual defence treaty applies to the northern islands.", "reaffirmed"),
    ],
)
def test_each_modality(sentence, modality):
    rows = said(sentence)
    assert [r.modality for r in rows] == [modality]
    assert rows[0].text == sentence


def test_scheduled_plan_takes_its_deadline_from_the_time_expression():
    sentence = "The new border crossing will be opened by June 2026 to ease freight traffic."
    doc = build([("official", "moreau", [sentence])], timex=[("June 2026", "date", "2026-06", "month", None)])
    (row,) = run(doc)
    assert (row.modality, row.due_value, row.due_precision, row.timex_id) == (
        "scheduled",
        "2026-06",
        "month",
        "d-t00001",
    )


def test_a_non_actor_subject_with_a_date_is_scheduled_and_without_one_is_a_prediction():
    dated = "The pipeline construction will start next year."
    doc = build([("official", "moreau", [dated])], timex=[("next year", "relative", "2026", "year", "future")])
    assert [r.modality for r in run(doc)] == ["scheduled"]
    assert said("The pipeline construction will change the region.") == []


def test_a_commitment_with_a_deadline_keeps_its_modality():
    sentence = "We agreed to finish the review by March 2027."
    doc = build([("official", "moreau", [sentence])], timex=[("March 2027", "date", "2027-03", "month", None)])
    (row,) = run(doc)
    assert (row.modality, row.due_value) == ("agreed", "2027-03")


@pytest.mark.parametrize(
    "sentence",
    [
        "Will you commit to a ceasefire?",  # question
        "The summit outcome will shape the next decade.",  # prediction about the world
        "We will continue to be tested by these crises.",  # prediction about us
        "It will remain that way for years to come.",  # prediction, 'it' subject
        "Today we will discuss the energy transition.",  # same-day agenda
        "We will start with brief opening remarks.",  # procedure
        "I will refrain from commenting on the negotiations.",  # refusal
        "I won’t speculate about the talks.",  # refusal
        "The referendum that will take place on Sunday matters to everyone.",  # event description
        "Voters will cast their ballots in the morning.",  # event, others
        "This is a chance to review progress in fulfilling the commitments made last year.",  # mention
        "We urge all sides to honor their commitments.",  # exhortation
        "We call on both parties to agree to an immediate truce.",  # exhortation
        "I would like to thank our hosts for their hospitality.",  # courtesy
        "I would like to send our deepest condolences to the families of the victims.",  # courtesy
        "I would like to give a summary of my visit to the islands.",  # speech act
        "The pledge was the one the delegations committed to.",  # talks about a commitment
        "I decided to run for the senate when I was young.",  # a life story, not a commitment
        "I’ll say a few words about the budget.",  # speech act
        "I’ll stop there so that my colleague can add a few points.",  # procedure
        "We discussed Prime Minister Moreau’s plan to expand the ferry network.",  # a plan, the noun
        "I hope to see you all again at the next festival.",  # courtesy
        "The people deserve an election that reflects their will, free from fear.",  # the noun 'will'
    ],
)
def test_rejections(sentence):
    assert said(sentence) == []


def test_moderator_and_questioner_turns_yield_nothing():
    doc = build(
        [
            ("moderator", "host", ["We will take questions now.", "We will expand the programme next year."]),
            ("questioner", "okafor", ["Will the government commit to the new targets.", "We are committed to it."]),
            ("official", "moreau", ["We are committed to the new targets."]),
        ]
    )
    rows = run(doc)
    assert [r.text for r in rows] == ["We are committed to the new targets."]
    assert rows[0].local_person_key == "moreau"


def test_ids_follow_document_order_and_point_at_utterance_and_sentence():
    doc = build([("official", "moreau", ["Thank you.", "We will open two new consulates.", "We pledged to help."])])
    rows = run(doc)
    assert [r.commitment_id for r in rows] == ["d-c00001", "d-c00002"]
    assert [r.sentence_id for r in rows] == ["d-s000002", "d-s000003"]
    assert {r.utterance_id for r in rows} == {"d-u00001"}


def test_actor_from_countries_named_before_the_cue():
    (row,) = said("France and Sweden will jointly fund the observatory.")
    assert row.actor == "FR;SE"
    (row,) = said("Both ministers reaffirmed the enduring French and Swedish commitment to the treaty.")
    assert row.actor == "FR;SE"


def test_actor_falls_back_to_the_speakers_country():
    (row,) = said("I will personally oversee the inquiry.", speaker="lindqvist")
    assert row.actor == "SE"


def test_we_in_a_joint_statement_binds_every_party():
    doc = build([("narrator", None, ["We will coordinate our export controls."])], kind="statement")
    (row,) = run(doc)
    assert row.actor == "FR;SE"  # the officials of the document (journalists left out)


def test_narration_attributes_the_commitment_to_the_person_who_says_it():
    sentence = "“We remain fully committed to the alliance,” Lindqvist said after the meeting."
    doc = build([("narrator", None, [sentence])], kind="news", mentions=[("Lindqvist", "lindqvist")])
    (row,) = run(doc)
    assert (row.modality, row.local_person_key) == ("committed", "lindqvist")


def test_narration_with_reported_future():
    sentence = "Moreau said she will propose a new fund for the islands."
    doc = build([("narrator", None, [sentence])], kind="news", mentions=[("Moreau", "moreau")])
    (row,) = run(doc)
    assert (row.modality, row.local_person_key, row.actor) == ("will", "moreau", "FR")


def test_a_stronger_cue_wins_over_a_later_weaker_one():
    (row,) = said("We have concurred that our teams will meet again soon.")
    assert row.modality == "agreed"


def test_a_document_without_cues_costs_nothing():
    doc = build([("official", "moreau", ["Thank you very much.", "It is good to be here."])])
    assert run(doc) == []


def test_both_countries_of_a_statement_whose_officials_give_one_country_are_its_pair_compound():
    doc = build(
        [("narrator", None, ["The Sweden-India Dialogue met.", "Both countries pledged to fund the lab."])],
        kind="statement",
    )
    doc["local_people"] = [p for p in doc["local_people"] if p.country != "FR"]  # only Sweden's minister named
    (row,) = run(doc)
    assert row.actor == "IN;SE"
    doc["clean_text"] = doc["clean_text"].replace("Sweden-India", "Swedish Desk")  # no pair named
    (row,) = run(doc)
    assert row.actor is None  # 'both countries' with one known: unknown, not a guess


@pytest.mark.parametrize(
    ("sentence", "modality"),
    [
        ("We announce the establishment of a new working group on cyber threats.", "agreed"),
        ("We announce our governments’ commitment to consult with each other.", "committed"),
        ("We have also decided to hold a youth summit next year.", "agreed"),
        ("Sweden has decided to offer around $2 million in support.", "agreed"),
        ("We stand united in our commitment to the complete denuclearization of the peninsula.", "committed"),
        ("Our countries are dedicated to honoring our commitments to non-proliferation.", "committed"),
        ("The minister and I tasked our teams to maintain a regular dialogue.", "agreed"),
        ("Both governments undertake to fund the observatory.", "pledged"),
        ("The leaders committed their governments to working together on trade.", "committed"),
        ("The leaders recommitted themselves to the partnership.", "committed"),
        ("The leaders launched two Joint Task Forces on telecommunications.", "agreed"),
        ("France and Sweden announced plans to create a payment mechanism.", "intent"),
        ("Today we announce an additional USD $50 million in funding.", "pledged"),
        ("I'm also making available, through the Production Act, $50 million to spur investment.", "pledged"),
        ("The leaders also directed officials to identify new mechanisms.", "agreed"),
        ("The National Cancer Institute will foster collaboration between scientists.", "will"),
        ("A new working group on cyber activities will be established.", "will"),
        ("An early warning system will be established together.", "will"),
    ],
)
def test_decisions_announcements_and_plans_to_create_a_body_are_commitments(sentence, modality):
    (row,) = said(sentence)
    assert row.modality == modality


@pytest.mark.parametrize(
    "sentence",
    [
        "I decided to run for office when I was young.",  # a life story, not a decision to act
        "The results will be known next week.",  # a passive that creates nothing
        "This day is dedicated to the victims.",
        "The company launched a new phone last year.",  # no body of the parties
        "The war has cost $50 million so far.",
        "Last year, Sweden announced $250 million of funding for mining.",  # a past announcement
        "Acme Aircraft has announced a $100 million investment in training.",  # a company's
        "COVID will continue to spread.",  # an acronym is no agency
    ],
)
def test_life_stories_and_passive_predictions_are_not_commitments(sentence):
    assert said(sentence) == []


def test_reported_futures_in_a_readout():
    sentence = "President Moreau emphasized that France would continue to invest in the alliance."
    doc = build([("narrator", None, [sentence])], kind="readout", mentions=[("Moreau", "moreau")])
    (row,) = run(doc)
    assert (row.modality, row.actor) == ("will", "FR")


def test_a_government_body_as_subject_binds_the_speakers_or_the_publishers_government():
    (row,) = said("The Department of Ports will cancel the remaining fees.", speaker="lindqvist")
    assert (row.actor, row.actor_basis) == ("SE", "speaker")
    order = build(
        [("narrator", None, ["The Department of the Interior shall submit a report within 60 days."])], kind="other"
    )
    order["local_people"] = []
    (row,) = find_commitments(**order, publisher_country="US")
    assert (row.actor, row.actor_basis) == ("US", "publisher")
    (row,) = find_commitments(**order)
    assert row.actor is None  # no publishing government known: unknown


@pytest.mark.parametrize(
    "sentence",
    [
        "On Wednesday, the Minister will travel to Oslo to attend a convention.",
        "In both meetings, the Minister will have the opportunity to discuss trade.",
        "No, I'm going to keep going.",
        "There are two questions there, and I'll take that first.",
        "This order is not intended to, and does not, create any right or benefit.",
    ],
)
def test_schedules_podium_asides_and_legal_disclaimers_are_not_commitments(sentence):
    assert said(sentence) == []


def test_wishing_to_take_the_moment_to_act_is_still_intent():
    (row,) = said("I wish to take this moment to raise our security cooperation to a new level.")
    assert row.modality == "intent"


def test_present_tense_commitments_and_plans_of_named_parties() -> None:
    from orchestration.extract.commitments import find_commitments as _find
    from orchestration.extract.people import analyse_speakers as _speakers

    def cues(text: str) -> list[tuple[str, str]]:
        analysis = _speakers("d", text, "statement", {})
        rows = _find(
            "d",
            text,
            "statement",
            analysis.utterances,
            analysis.sentences,
            analysis.local_people,
            analysis.mentions,
            [],
        )
        return [(row.modality, row.cue) for row in rows]

    assert cues("The Alliance commits to engage in deeper decision-making.") == [("committed", "commits to e")]
    assert cues("Ruritania plans to join the exercises next year.") == [("intent", "Ruritania plans to j")]
    assert cues("The Ruritanian plan to modernize the fleet is in line with the review.") == []
    assert cues("They met and committed to strengthening cooperation.")[0][0] == "committed"


def test_our_countries_are_the_parties_and_our_alliance_a_thing_of_theirs() -> None:
    rows = said("Our two countries will also expand joint research on fisheries.")
    assert [row.modality for row in rows] == ["will"]
    assert said("Our alliance will grow ever stronger in the years ahead.") == []


def test_two_people_as_the_subject_bind_both_their_countries():
    sentence = "Minister Moreau and Minister Lindqvist pledged to expand their joint patrols."
    mentions = [("Moreau", "moreau"), ("Lindqvist", "lindqvist")]
    [row] = run(build([("narrator", None, [sentence])], kind="news", mentions=mentions))
    assert row.actor == "FR;SE"
    sentence = "Minister Moreau and a journalist, Okafor, pledged to expand their joint patrols."
    mentions = [("Moreau", "moreau"), ("Okafor", "okafor")]
    [row] = run(build([("narrator", None, [sentence])], kind="news", mentions=mentions))
    assert (row.actor, row.local_person_key) == (None, "okafor")  # one without a country: the old rule


def test_they_after_two_named_people_binds_both_their_countries():
    sentence = "Minister Moreau and Minister Lindqvist met in Paris, and they pledged to expand joint patrols."
    mentions = [("Moreau", "moreau"), ("Lindqvist", "lindqvist")]
    [row] = run(build([("narrator", None, [sentence])], kind="news", mentions=mentions))
    assert row.actor == "FR;SE"


def test_the_speakers_side_resuming_or_launching_now_is_a_commitment():
    [row] = said("Both sides are also resuming talks between their coast guards.")
    assert row.modality == "will"
    [row] = said("We are restarting cooperation on fisheries enforcement.")
    assert row.modality == "will"
    assert said("Their navy is launching drills near the strait.") == []  # a third party's action


def test_past_we_committed_intent_on_and_agreed_that_could():
    assert [r.modality for r in said("We committed to work together on the new grid.")] == ["committed"]
    assert [r.modality for r in said("I'm also intent on responsibly managing the competition.")] == ["intent"]
    assert said("And I promise you, that is what we are doing.") == []  # a promise of nothing said
    assert said("I committed to you and we worked together.") == []
    assert [r.modality for r in said("He and I agreed that either of us could pick up the phone.")] == ["agreed"]
    assert said("The promise of the alliance is great.") == []


def test_a_hedged_future_and_a_toast_commit_no_one():
    assert said("We'll probably be releasing that next week.") == []
    assert said("Friends, on this note, I would like to raise a toast.") == []
    assert [r.modality for r in said("We will release the report next week.")] in (["will"], ["scheduled"])


def test_an_and_between_names_keeps_the_whole_subject():
    doc = build(
        [
            (
                "narrator",
                None,
                ["The Arctic Council and Norway’s Ministry of Fisheries and Coastal Affairs will fund ten labs."],
            )
        ],
        kind="statement",
    )
    assert [row.modality for row in run(doc)] == ["will"]
    assert said("We met the press and they will write about it.") == []  # 'and' between clauses: 'they'
