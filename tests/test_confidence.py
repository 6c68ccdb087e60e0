"""ICD 203 words from evidence (sitroom.picture.confidence), each expected word worked out by
hand from the rules in docs/grading.md."""

from __future__ import annotations

from sitroom.picture.confidence import WORDS, judge, lead

NIS = "South Korea National Intelligence Service"
HUR = "Ukrainian defense intelligence (HUR)"
WEST = "Western officials (unnamed; BBC, 2025-01-13)"


def obs(origin, outlet, low, certainty="certain", as_of="2025-01-13", high=None):  # noqa: ANN001, ANN201
    return {
        "origin": origin,
        "outlet": outlet,
        "low": low,
        "high": high if high is not None else low,
        "certainty": certainty,
        "as_of": as_of,
    }


def test_worked_example_of_the_docs() -> None:
    observations = [
        obs(NIS, "Yonhap", 11000, as_of="2025-01-10"),
        obs(NIS, "Reuters", 11000, as_of="2025-01-10"),
        obs(HUR, "Kyiv Independent", 12000, as_of="2025-01-12"),
        obs(WEST, "BBC", 12000, certainty="probable", as_of="2025-01-13"),
        obs("Russia", "TASS", 0, as_of="2025-01-11"),
    ]
    grades = {NIS: "B", "bbc": "A"}  # by name or by slug
    j = judge(observations, grades)
    assert j.word == "very likely"
    assert [r["origin"] for r in j.agreeing] == [WEST, NIS, HUR]
    assert next(r for r in j.agreeing if r["origin"] == NIS)["carriers"] == ["Reuters", "Yonhap"]
    assert [r["origin"] for r in j.disagreeing] == ["Russia"]
    assert j.reasons[0].startswith("best agreeing origin: " + WEST + " takes its outlet's grade A")


def test_one_f_origin_is_never_almost_certain() -> None:
    for carriers in (["Kyiv Independent"], ["Kyiv Independent", "Yonhap", "Reuters"]):
        j = judge([obs(HUR, c, 12000) for c in carriers], {})
        assert j.word == "roughly even chance", j.reasons
    # even an A-graded single origin stops short of almost certain
    assert judge([obs(NIS, "Yonhap", 11000)], {NIS: "A"}).word == "very likely"
    # an F outlet in its own voice
    assert judge([obs("Example Times", "Example Times", 5)], {}).word == "roughly even chance"


def test_corroboration_hedges_and_disagreement_move_the_word() -> None:
    two_f = [obs("A agency", "X", 100), obs("B agency", "Y", 110)]
    assert judge(two_f, {}).word == "likely"  # F base 3, +1
    assert judge(two_f, {"A agency": "B"}).word == "very likely"  # B base 4, +1
    assert judge(two_f, {"A agency": "A"}).word == "almost certain"  # A base 5, +1
    hedged = [obs("A agency", "X", 100, "possible"), obs("B agency", "Y", 110, "possible")]
    assert judge(hedged, {"A agency": "A"}).word == "roughly even chance"
    split = [obs("A agency", "X", 100), obs("B agency", "Y", 300)]
    # judged figure: the latest (both same date: B sorts last); one against one -> capped
    assert judge(split, {"A agency": "A", "B agency": "A"}, (100, 100)).word == (
        "roughly even chance"
    )
    # the judged figure decides who agrees
    j = judge(split, {}, (300, 300))
    assert [r["origin"] for r in j.agreeing] == ["B agency"]


def test_lead_reads_as_english() -> None:
    assert lead("likely") == "It is likely that"
    assert lead("roughly even chance") == "There is a roughly even chance that"
    assert all(lead(w).endswith("that") for w in WORDS)


def test_reasons_trace_every_step() -> None:
    observations = [
        obs(NIS, "Yonhap", 11000),
        obs(HUR, "Kyiv Independent", 12000),
        obs(WEST, "BBC", 12000, certainty="probable"),
        obs("Russia", "TASS", 0),
    ]
    j = judge(observations, {NIS: "B", "BBC": "A"}, (12000, 12000))
    assert j.reasons[1:] == [
        "3 independent origins agree -> almost certain",
        "1 origin(s) disagree (Russia) -> one step down",
    ]


def test_unnamed_sources_take_the_grade_of_the_outlet_they_spoke_to() -> None:
    via = obs("Western officials (unnamed; via BBC)", "Example Daily", 1000)
    assert judge([via], {"BBC": "A"}).agreeing[0]["grade"] == "A"
    assert judge([via], {}).word == "roughly even chance"


def test_key_judgement_states_each_origins_own_figure() -> None:
    """The worked example as a key judgement (docs/grading.md): the latest origin's figure is
    judged, the others are named with their own figures; no range spans two origins."""
    import re

    from sitroom.picture.model import Estimate, EstimatePoint
    from sitroom.picture.service import _estimate_judgement

    def point(cid, origin, outlet, low, day, high=None):  # noqa: ANN001, ANN202
        return EstimatePoint(cid, outlet, origin, day, None, day, low, high or low, "total",
                             "occurred", "...")  # fmt: skip

    est = Estimate(
        "North Korea troops deployed to Russia",
        {
            "kind": "deployment",
            "actor": "North Korea",
            "target": "Russia",
            "unit": "troops",
            "status": "occurred",
            "basis": "total",
        },  # fmt: skip
        [
            point("c1", NIS, "Yonhap", 11000, "2025-01-10"),
            point("c2", NIS, "Reuters", 11000, "2025-01-10"),
            point("c3", HUR, "Kyiv Independent", 12000, "2025-01-12"),
            point("c4", WEST, "BBC", 12000, "2025-01-13"),
            point("c5", "Russia", "TASS", 0, "2025-01-11"),
        ],
        current_low=0,
        current_high=12000,
    )
    views = {"c4": {"certainty": "probable"}}
    j = _estimate_judgement(est, views, {NIS: "B", "bbc": "A"})
    assert j["likelihood"] == "very likely"
    assert j["text"].startswith(
        "It is very likely that North Korea deployed 12,000 troops to Russia, according to " + WEST
    )
    for name, fig in ((HUR, "12,000"), (NIS, "11,000"), ("Russia", "0")):
        assert f"{name} says {fig} (as of" in j["text"]
    assert "4 independent origins" in j["text"]
    assert not re.search(r"\d-1[12],000", j["text"])  # no 0-12,000 or 11,000-12,000 range
    assert j["citations"][:4] == ["c4", "c3", "c5", "c2"]
