"""Error families of issue 8 on sentences written for these tests (not taken from any gold):
threats and tariffs, receivers as subjects, habits, leaders acting for states, comparisons,
armed groups, events named by what they did, parts of a toll."""

from __future__ import annotations

from test_frames import claims


def _by_kind(text: str, kind: str) -> list[dict]:
    return [c for c in claims(text) if c["kind"] == kind]


def test_threatened_and_weighed_sanctions_are_claims_with_their_status() -> None:
    threat = _by_kind(
        "The United States threatened sanctions against the junta on Monday.", "sanction"
    )
    assert [(c["actor"], c["status"]) for c in threat] == [("United States", "hypothetical")]
    weighed = _by_kind(
        "The European Union is considering sanctions on the two generals.", "sanction"
    )
    assert [c["status"] for c in weighed] == ["planned"]


def test_tariffs_and_signed_laws_are_not_claims() -> None:
    assert (
        claims("The president imposed 25% tariffs on steel imports from Canada on Tuesday.") == []
    )
    assert _by_kind("The president signed the legislation on Tuesday.", "diplomatic") == []
    signed = _by_kind(
        "Russia and Belarus signed a security treaty in Minsk on Friday.", "diplomatic"
    )
    assert signed and signed[0]["actor"] == "Russia"


def test_the_receiver_as_subject_takes_weapons_from_the_giver() -> None:
    found = _by_kind(
        "India imports most of its weapons from Russia, the report said.", "arms_transfer"
    )
    assert [(c["actor"], c["target"]) for c in found] == [("Russia", "India")]


def test_habits_are_not_claims_but_dated_acts_are() -> None:
    assert claims("The gangs attack farmers in the region, killing and abducting residents.") == []
    dated = claims("Militants stormed the base and killed 12 soldiers on Monday.")
    assert {c["kind"] for c in dated} == {"attack", "casualties"}


def test_leaders_act_for_their_states() -> None:
    found = _by_kind("Erdogan spoke by phone on Monday with Emmanuel Macron.", "diplomatic")
    assert [(c["actor"], c["target"]) for c in found] == [("Turkey", "France")]


def test_each_figure_of_a_comparison_is_a_claim() -> None:
    found = _by_kind(
        "The group carried out 300 attacks in 2024, compared to 120 in 2023.", "attack"
    )
    assert sorted(c["q_low"] for c in found) == [120.0, 300.0]


def test_armed_groups_and_events_named_by_what_they_did() -> None:
    adf = _by_kind(
        "Fighters of the Allied Democratic Forces attacked the village of Mbau on Sunday.", "attack"
    )
    assert adf and adf[0]["actor"] == "Allied Democratic Forces"
    strike = _by_kind(
        "A Russian missile strike destroyed a power plant in Kharkiv on Tuesday.", "attack"
    )
    assert strike and strike[0]["actor"] == "Russia"


def test_parts_of_a_toll_and_partitives() -> None:
    part = _by_kind(
        "Twelve of the 40 soldiers in the convoy were killed in the ambush on Monday.", "casualties"
    )
    assert [c["q_low"] for c in part] == [12.0]
    assert _by_kind("Nine of the dead were children.", "casualties") == []


def test_passive_victims_are_not_the_perpetrators() -> None:
    found = claims("Afghan officials said on Friday that 13 Americans were killed in the bombing.")
    dead = [c for c in found if c["kind"] == "casualties"]
    assert [(c["actor"], c["q_low"]) for c in dead] == [("United States", 13.0)]
    assert all(c["actor"] != "United States" for c in found if c["kind"] == "attack")
    shelled = _by_kind("Two Indian soldiers were killed by Pakistani shelling on Monday.", "attack")
    assert shelled and shelled[0]["actor"] == "Pakistan"
