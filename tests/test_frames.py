"""Claim-frame rules on real-style sentences (each expected value worked out by hand)."""

from __future__ import annotations

import json

import pytest

from sitroom.config import NlpSettings
from sitroom.nlp.pipeline import Pipeline
from sitroom.nlp.types import Block, RawDocument

PIPE = Pipeline(NlpSettings())


def claims(text: str, published: str | None = "2025-03-12") -> list[dict]:
    raw = RawDocument(
        text,
        [Block("paragraph", 0, len(text))],
        "test",
        "txt",
        published_at=published,
        published_how="metadata",
    )
    result = PIPE([raw], ["dtest"])[0]
    assert not isinstance(result, Exception), result
    return [c for c in result.claims if not c["restates"]]


def kinds(text: str) -> list[str]:
    return sorted(c["kind"] for c in claims(text))


def test_threatened_and_urged_events_are_not_claims() -> None:
    assert kinds("Threatening to kill the hostages, the militants demanded a ransom.") == []
    assert "diplomatic" not in kinds(
        "Top diplomats urged Russia on Friday to accept a U.S.-proposed ceasefire."
    )


def test_conditional_event_is_not_a_claim() -> None:
    text = "The ministers discussed new measures in case a ceasefire is not agreed by Friday."
    assert "diplomatic" not in kinds(text)
    assert "diplomatic" in kinds("Russia and Ukraine agreed a ceasefire on Friday.")


def test_a_breakdown_of_a_total_is_one_claim() -> None:
    found = claims(
        "Security sources said 104 passengers, including 58 men, 31 women and "
        "15 children, had been rescued."
    )
    rescued = [c for c in found if c["kind"] == "casualties"]
    assert [(c["q_low"], c["casualty"]) for c in rescued] == [(104.0, "rescued")]
    assert rescued[0]["attribution_kind"] == "unnamed_reports"


def test_one_named_victim_counts_one() -> None:
    found = claims("Injured in the initial attack, the driver of the train has died.")
    killed = [c for c in found if c["casualty"] == "killed"]
    assert killed and killed[0]["q_low"] == 1.0


def test_counted_attacks_after_a_light_verb() -> None:
    found = claims(
        "According to the report, the Baloch Liberation Army launched 504 attacks in 2024."
    )
    attacks = [c for c in found if c["kind"] == "attack"]
    assert attacks and attacks[0]["q_low"] == 504.0
    assert attacks[0]["actor"] == "Baloch Liberation Army"


def test_leaving_a_bloc_is_one_joint_diplomatic_act() -> None:
    found = claims("In late January, Burkina Faso, Mali and Niger withdrew from ECOWAS.")
    assert [(c["kind"], c["actor"]) for c in found] == [("diplomatic", "Burkina Faso")]


def test_independent_acts_are_one_claim_per_actor() -> None:
    found = claims(
        "The United States and Pakistan have both designated the BLA as a terrorist group."
    )
    assert sorted(c["actor"] for c in found if c["kind"] == "sanction") == [
        "Pakistan",
        "United States",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian forces seized the town of Avdiivka in February.", ["territory"]),
        ("During the operation the government seized critical data.", []),
    ],
)
def test_seizing_is_territory_only_for_places(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


def test_restatement_by_a_second_official_is_linked() -> None:
    text = (
        "One of the Islamic State group's most senior leaders is dead, killed in an airstrike "
        "in Iraq. U.S. Central Command said the leader was killed in a precision airstrike."
    )
    raw = RawDocument(text, [Block("paragraph", 0, len(text))], "t", "txt")
    rows = PIPE([raw], ["d"])[0].claims
    casualties = [r for r in rows if r["kind"] == "casualties"]
    assert len(casualties) == 2
    assert casualties[0]["restates"] is None and casualties[1]["restates"] == casualties[0]["id"]


def test_attribution_kinds() -> None:
    named = claims("Imran Hayat, a railway official, said militants attacked the train.")
    assert named[0]["attribution_kind"] == "named_official"
    assert named[0]["attribution_source"] == "Imran Hayat"
    agency = claims(
        "South Korea's spy agency said North Korea had sent 3,000 more troops to Russia."
    )
    deploy = next(c for c in agency if c["kind"] == "deployment")
    assert deploy["attribution_kind"] == "intelligence_agency"
    assert deploy["attribution_source"] == "South Korea National Intelligence Service"
    assert (deploy["actor"], deploy["target"], deploy["q_low"], deploy["q_basis"]) == (
        "North Korea",
        "Russia",
        3000.0,
        "additional",
    )
    own = claims("Militants attacked a passenger train Tuesday in Pakistan's Balochistan province.")
    assert own[0]["attribution_kind"] == "article"


def test_hedges_give_status_and_certainty() -> None:
    found = claims(
        "Analysts say Pyongyang could send more troops to Russia within the next few months."
    )
    deploy = next(c for c in found if c["kind"] == "deployment")
    assert (deploy["status"], deploy["certainty"]) == ("predicted", "possible")
    assert deploy["time_relation"] == "after_publication"
    assert deploy["attribution_kind"] == "analysts"


def test_killed_militants_are_the_groups_people() -> None:
    text = (
        "Militants of the Baloch Liberation Army attacked a train in Pakistan's Balochistan "
        "province, and Pakistan said its forces were fighting the BLA. The sources said "
        "16 terrorists had been killed and 17 injured people were shifted to a hospital in "
        "Pakistan."
    )
    found = {c["q_low"]: c for c in claims(text) if c["kind"] == "casualties"}
    militants, people = found[16.0], found[17.0]
    assert (militants["actor"], militants["target"]) == ("Baloch Liberation Army", "Pakistan")
    assert (people["actor"], people["target"]) == ("Pakistan", "Baloch Liberation Army")
    assert "target: the article's main opponent" in militants["notes"]


def test_meeting_people_is_diplomatic_meeting_success_is_not() -> None:
    assert "diplomatic" in kinds(
        "On Monday, Saudi Crown Prince Mohammed bin Salman met with Rubio in Jeddah."
    )
    assert "diplomatic" not in kinds("The offensive has met with surprising success.")


def test_two_casualty_words_on_one_count_are_one_claim() -> None:
    found = [
        c
        for c in claims(
            "The army chief said his forces had killed and injured 1,000 "
            "Taliban fighters in the past week."
        )
        if c["kind"] == "casualties"
    ]
    assert [(c["q_low"], c["casualty"]) for c in found] == [(1000.0, "killed_or_injured")]


def test_a_stated_share_is_checked_against_its_counts() -> None:
    holds = claims("Militants killed 12 of the 30 passengers, or 40%, on the train.")
    notes = [json.loads(c["consistency"]) for c in holds if c["consistency"]]
    assert notes and notes[0]["check"] == "share" and notes[0]["holds"] is True
    assert notes[0]["computed"] == 40.0
    fails = claims("Militants killed 12 of the 30 passengers, or 60%, on the train.")
    notes = [json.loads(c["consistency"]) for c in fails if c["consistency"]]
    assert notes and notes[0]["holds"] is False


def test_tripling_is_checked_against_the_earlier_total() -> None:
    text = (
        "Earlier in the year, the regime sent approximately 12,000 troops to Russia. "
        "Pyongyang is poised to dispatch between 25,000 to 30,000 additional soldiers, "
        "effectively tripling its military support to Moscow."
    )
    note = next(json.loads(c["consistency"]) for c in claims(text) if c["consistency"])
    assert note["computed"] == [3.08, 3.5] and note["holds"] is True
    assert note["new_total"] == [37000.0, 42000.0]


def test_a_list_of_counts_is_one_claim_per_count() -> None:
    text = (
        "Pakistan officials confirmed Friday that 31 people, including 23 security "
        "personnel, lost their lives in Tuesday's train hijacking. Lieutenant General Ahmed "
        "Sharif Chaudhry said 18 off-duty military and paramilitary Frontier Corps personnel, "
        "three railway staff and five civilian passengers were among those killed in the "
        "initial attack. Five Frontier Corps personnel were also killed in the attack."
    )
    found = [(c["q_low"], c["casualty"]) for c in claims(text) if c["kind"] == "casualties"]
    assert found == [
        (31.0, "killed"),
        (18.0, "killed"),
        (3.0, "killed"),
        (5.0, "killed"),
        (5.0, "killed"),
    ]  # the second five are soldiers, not the passengers again


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The airstrikes targeted al-Shabab hideouts in the Middle Shabelle region.", ["attack"]),
        ("The operation targeted platforms spreading extremist ideologies.", []),
    ],
)
def test_targeting_is_an_attack_only_on_a_target(text: str, expected: list[str]) -> None:
    assert [k for k in kinds(text) if k == "attack"] == expected


def test_a_dated_event_is_a_claim_even_as_a_subject() -> None:
    said = claims(
        "Security sources have said the handlers of Tuesday's attack are based in Afghanistan."
    )
    assert [c["kind"] for c in said] == ["attack"]
    assert said[0]["attribution_kind"] == "unnamed_reports"
    assert kinds("The attack marked a dramatic escalation in the insurgency.") == []


def test_force_strength_estimate_is_a_deployment_figure() -> None:
    found = claims(
        "Various intelligence estimates put the number of IS fighters across Iraq "
        "and Syria at between 1,500 and 3,000."
    )
    (deploy,) = [c for c in found if c["kind"] == "deployment"]
    assert (deploy["actor"], deploy["q_low"], deploy["q_high"]) == ("Islamic State", 1500.0, 3000.0)
    assert deploy["attribution_kind"] == "intelligence_agency"


def test_receiving_weapons_is_a_transfer_from_the_giver_and_a_denial_is_kept() -> None:
    found = claims(
        "Russia's envoy again dismissed accusations it is getting weapons from North "
        "Korea at Friday's meeting."
    )
    (transfer,) = [c for c in found if c["kind"] == "arms_transfer"]
    assert (transfer["actor"], transfer["target"], transfer["status"]) == (
        "North Korea",
        "Russia",
        "denied",
    )


def test_narrative_past_is_not_a_plan() -> None:
    """VOA biography line: the death in 1927 is told, not planned by 'decided'."""
    text = (
        "When his father died in 1927, Gee's mother, who did not speak English, decided to take "
        "her children back to their home in China."
    )
    assert all(c["status"] not in ("planned", "predicted") for c in claims(text))
    plan = claims("After the talks collapsed, Russia decided to deploy 5,000 troops to Kursk.")
    assert [c["status"] for c in plan if c["kind"] == "deployment"] == ["planned"]


def test_a_hedged_past_is_not_a_forecast() -> None:
    """VOA 2020-01-27: 'five people had likely been killed in the crash' happened (probably)."""
    text = "The official told VOA five people had likely been killed in the crash."
    (c,) = [c for c in claims(text) if c["kind"] == "casualties"]
    assert (c["status"], c["certainty"]) == ("occurred", "probable")
    (p,) = [c for c in claims("North Korea could send 3,000 more troops to Russia.")]
    assert p["status"] == "predicted"


def _casualties(text: str) -> dict[float, tuple]:
    return {
        c["q_low"]: (c["casualty"], c["actor"], c["q_unit"])
        for c in claims(text)
        if c["kind"] == "casualties" and c["q_low"] is not None
    }


def test_each_of_two_coordinated_counts_takes_the_casualty_word_of_its_own_phrase() -> None:
    # the parser hangs '117 people wounded' on 'the deaths of': the words next to a count win
    got = _casualties(
        '"The ministry of health has so far confirmed the deaths of 21 people and 117 people '
        'wounded" in the assault, Adan said.'
    )
    assert got[21.0][0] == "killed" and got[117.0][0] == "injured"
    got = _casualties('"We have confirmed so far 21 dead people and 117 others injured," he said.')
    assert got[21.0][0] == "killed" and got[117.0][0] == "injured"
    got = _casualties("The attack killed 26 people and injured 17 others, police said.")
    assert got[26.0][0] == "killed" and got[17.0][0] == "injured"
    got = _casualties("The NIS said about 300 North Korean soldiers were killed and 2,700 wounded.")
    assert got[300.0][0] == "killed" and got[2700.0][0] == "injured"


def test_a_second_casualty_word_with_its_own_quantifier_does_not_make_killed_or_wounded() -> None:
    got = _casualties(
        "At least 15 people were killed and several seriously wounded after militants stormed "
        "a hotel."
    )
    assert got == {15.0: ("killed", got[15.0][1], "people")}
    assert _casualties("Shelling killed and wounded 40 people.")[40.0][0] == "killed_or_injured"


def test_a_killed_part_of_a_killed_or_wounded_total_is_kept_with_the_whole_side() -> None:
    got = _casualties(
        "South Korea's spy agency said 4,700 North Korean soldiers had been killed or wounded, "
        "including 600 deaths."
    )
    assert got[4700.0][0] == "killed_or_injured" and got[600.0][0] == "killed"
    assert got[600.0][1] == got[4700.0][1] == "North Korea"
    # a breakdown of the same type stays inside its total
    got = _casualties("At least 31 people, including 18 soldiers, were killed in the attack.")
    assert set(got) == {31.0}


def test_a_partitive_whole_is_not_a_casualty_count() -> None:
    got = _casualties("Officials said 1,000 of the 11,000 troops deployed had been killed.")
    assert set(got) == {1000.0} and got[1000.0][0] == "killed" and got[1000.0][2] == "troops"
