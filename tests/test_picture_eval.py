"""The picture development sets and their scorer (`sitroom eval picture`)."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.eval.picture_eval import run_picture_eval
from sitroom.eval.picture_scoring import Observed, origin_matches, overlaps, score_set

SETS = Path(__file__).parent / "fixtures" / "picture"
SET_DIRS = sorted(p.parent for p in SETS.glob("*/expected.json"))
# written before the picture rules were changed and never tuned on (see its README)
HELDOUT = Path(__file__).parent / "fixtures" / "picture-heldout"
HELDOUT_DIRS = sorted(p.parent for p in HELDOUT.glob("*/expected.json"))


def _articles(folder: Path) -> list[dict]:
    text = (folder / "articles.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _figures(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+|\d+", text)}


@pytest.mark.parametrize("folder", SET_DIRS + HELDOUT_DIRS, ids=lambda p: p.name)
def test_sets_are_real_multi_outlet_reporting_with_a_consistent_expected_picture(folder: Path):
    articles = _articles(folder)
    expected = json.loads((folder / "expected.json").read_text("utf-8"))
    by_id = {a["id"]: a for a in articles}
    assert len(articles) >= 8
    assert len({a["source"] for a in articles}) == len(articles)  # each from another outlet
    for a in articles:
        assert a["url"].startswith("http") and a["text"].strip()
        date.fromisoformat(a["published"])
        assert a["date_basis"] in ("page", "url", "text", "story")
    for m in expected["measures"]:
        for o in m["observations"]:
            assert o["origin"] in expected["origins"]
            assert o["low"] <= o["high"]
            assert set(o["carriers"]) <= set(by_id), o["carriers"]
            said = set().union(*(_figures(by_id[c]["text"]) for c in o["carriers"]))
            # a figure the text states, unless a note says how it is read ('three dozen')
            assert o["low"] in said or o["high"] in said or o.get("note"), (m["id"], o)
        assert set(m["current"]) <= set(expected["origins"])
        for origin, cur in m["current"].items():
            mine = [o for o in m["observations"] if o["origin"] == origin]
            latest = max(o["as_of"] for o in mine)
            assert cur["as_of"] == latest
            assert any(
                overlaps(o["low"], o["high"], cur["low"], cur["high"])
                for o in mine
                if o["as_of"] == latest
            )
    ids = {m["id"] for m in expected["measures"]}
    for d in expected["disagreements"] + expected["not_disagreements"]:
        assert d["measure"] in ids and set(d["origins"]) <= set(expected["origins"])


EXPECTED = {
    "origins": {
        "min": {"name": "Ministry", "aliases": ["ministry of health", "Adan"]},
        "grp": {"name": "Group", "aliases": ["al-Shabaab"]},
    },
    "measures": [
        {
            "id": "killed",
            "observations": [
                {
                    "origin": "min",
                    "low": 21,
                    "high": 21,
                    "as_of": "2022-08-21",
                    "carriers": ["a1", "a2"],
                },
                {"origin": "grp", "low": 40, "high": 40, "as_of": "2022-08-21", "carriers": ["a3"]},
            ],
            "current": {
                "min": {"low": 21, "high": 21, "as_of": "2022-08-21"},
                "grp": {"low": 40, "high": 40, "as_of": "2022-08-21"},
            },
        },
        {
            "id": "wounded",
            "observations": [
                {
                    "origin": "min",
                    "low": 117,
                    "high": 117,
                    "as_of": "2022-08-21",
                    "carriers": ["a1"],
                },
            ],
            "current": {"min": {"low": 117, "high": 117, "as_of": "2022-08-21"}},
        },
    ],
    "disagreements": [{"measure": "killed", "origins": ["min", "grp"], "required": True}],
    "not_disagreements": [],
}


def _pt(cid: str, doc: str, origin: str, value: float, as_of: str = "2022-08-21") -> dict:
    return {
        "claim_id": cid,
        "doc": doc,
        "origin": origin,
        "low": value,
        "high": value,
        "as_of": as_of,
    }


def test_one_series_one_origin_and_a_found_disagreement_score_full_marks():
    series = [
        {
            "id": "s1",
            "name": "killed",
            "current": None,
            "points": [
                _pt("c1", "a1", "Ministry of Health", 21),
                _pt("c2", "a2", "ministry of health", 21),
                _pt("c3", "a3", "al-Shabaab", 40),
            ],
        },
        {
            "id": "s2",
            "name": "wounded",
            "current": None,
            "points": [_pt("c4", "a1", "Ali Haji Adan", 117)],
        },
    ]
    contra = [
        {
            "claims": [
                {"claim_id": "c1", "doc": "a1", "low": 21, "high": 21},
                {"claim_id": "c3", "doc": "a3", "low": 40, "high": 40},
            ]
        }
    ]
    judgements = [
        {
            "text": "It is likely that 21-40 people were killed.",
            "likelihood": "likely",
            "citations": ["c1", "c3"],
        }
    ]
    r = score_set(EXPECTED, Observed(series, contra, judgements))
    assert r["measures"]["one_series"] == 2 and r["measures"]["mixed"] == 0
    assert r["observations"]["found"] == 3
    assert r["origins"]["right_origin"] == r["origins"]["points"] == 4
    assert r["origins"]["one_origin"] == r["origins"]["multi_carrier_statements"] == 1
    assert r["current"]["right"] == 3
    assert r["disagreements"]["found"] == 1 and r["disagreements"]["false"] == 0
    assert r["judgements"]["merged_ranges"] == 0  # both ends are figures of one measure


def test_split_series_outlet_origins_and_merged_judgements_are_caught():
    series = [
        {
            "id": "s1",
            "name": "killed (Aug 19)",
            "current": None,
            "points": [_pt("c1", "a1", "Jordan News", 21), _pt("c4", "a1", "Jordan News", 117)],
        },
        {
            "id": "s2",
            "name": "killed (Aug 21)",
            "current": None,
            "points": [_pt("c2", "a2", "Taipei Times", 21), _pt("c3", "a3", "al-Shabaab", 40)],
        },
    ]
    contra = [
        {
            "claims": [
                {"claim_id": "c1", "doc": "a1", "low": 21, "high": 21},
                {"claim_id": "c4", "doc": "a1", "low": 117, "high": 117},
            ]
        }
    ]
    judgements = [
        {
            "text": "It is almost certain that 21-117 people were killed.",
            "likelihood": "almost certain",
            "citations": ["c1", "c4"],
        },
        {
            "text": "It is almost certain that 40 people were killed.",
            "likelihood": "almost certain",
            "citations": ["c3"],
        },
    ]
    r = score_set(EXPECTED, Observed(series, contra, judgements))
    rows = {row["measure"]: row for row in r["measures"]["rows"]}
    assert not rows["killed"]["one_series"] and len(rows["killed"]["series"]) == 2
    assert rows["wounded"]["mixed_with_other_measures"]  # its series holds a 'killed' figure
    assert not rows["killed"]["mixed_with_other_measures"]  # its main series is s2
    assert r["origins"]["right_origin"] == 1  # only al-Shabaab; the outlets are not origins
    assert r["origins"]["one_origin"] == 0
    assert r["disagreements"]["found"] == 0 and r["disagreements"]["false"] == 1
    assert r["judgements"]["merged_ranges"] == 1
    assert r["judgements"]["almost_certain_one_origin"] == 2


def test_api_current_figure_is_preferred_over_the_latest_point():
    points = [
        _pt("c1", "a1", "ministry of health", 21, "2022-08-20"),
        _pt("c2", "a2", "ministry of health", 30, "2022-08-21"),
    ]
    stale = {"id": "s1", "name": "killed", "points": points, "current": {"Ministry": (30, 30)}}
    r = score_set(EXPECTED, Observed([stale]))
    assert r["current"]["right"] == 0  # the API says 30; expected 21
    stale["current"] = None  # no API figure: the latest point (30) is taken
    assert score_set(EXPECTED, Observed([stale]))["current"]["right"] == 0
    points[1]["as_of"] = "2022-08-19"
    assert score_set(EXPECTED, Observed([stale]))["current"]["right"] == 1


def test_origin_names_match_on_whole_words():
    assert origin_matches("Somalia's Ministry of Health", ["ministry of health"])
    assert origin_matches("UN", ["UN"]) and not origin_matches("Fund", ["UN"])
    assert not origin_matches(None, ["UN"])


def test_a_folder_without_sets_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError):
        run_picture_eval(str(tmp_path))


@pytest.fixture(scope="module")
def result() -> dict:
    return run_picture_eval(str(SETS))


def test_scorer_runs_every_set_and_what_works_today_holds(result: dict):
    assert set(result["sets"]) == {p.name for p in SET_DIRS}
    overall = result["overall"]
    # what already works: each expected measure has a series, and the figures are extracted
    assert overall["measures_found"] >= 0.9
    assert overall["observation_recall"] >= 0.93  # 0.95 measured (0.90 before the count fixes)
    assert overall["judgements_checked"] > 0
    # the evidence-based confidence never says 'almost certain' on a single origin
    assert overall["judgements_almost_certain_one_origin"] == 0
    # origins name who first said it (the ministry, the group), not the outlet that carried it
    assert overall["origin_accuracy"] >= 0.88  # 0.90 measured
    # the current figure of each origin in the measure's main series; the Hayat same-day
    # disagreement (ministry 21 against al-Shabaab 40) is found
    assert overall["current_accuracy"] >= 0.39  # 0.415 measured
    assert int(overall["disagreements_found"].split("/")[0]) >= 1
    assert overall["disagreements_false"] <= 3
    # the picture is read from the stored measures (docs/picture.md), not recomputed
    assert {r["api"] for r in result["sets"].values()} == {"measures"}
    for name, r in result["sets"].items():
        for section in ("measures", "observations", "current", "disagreements"):
            assert (
                0
                <= r[section]["found" if section != "current" else "right"]
                <= r[section]["expected"]
            ), (name, section)
        assert r["origins"]["right_origin"] <= r["origins"]["points"]


@pytest.fixture(scope="module")
def heldout() -> dict:
    return run_picture_eval(str(HELDOUT))


def test_held_out_sets_hold_their_floors(heldout: dict):
    """Floors just under what the held-out sets measured (never tuned on): dev and held-out
    side by side in docs/picture.md."""
    assert len(HELDOUT_DIRS) >= 2 and set(heldout["sets"]) == {p.name for p in HELDOUT_DIRS}
    overall = heldout["overall"]
    # measured: found 0.82, recall 0.77, origin accuracy 0.30, current 0.09, false alarms 0
    assert overall["measures_found"] >= 0.8
    assert overall["observation_recall"] >= 0.75
    assert overall["origin_accuracy"] >= 0.28
    assert overall["current_accuracy"] >= 0.08
    assert overall["judgements_almost_certain_one_origin"] == 0
    assert overall["disagreements_false"] <= 1


def test_an_unknown_read_api_is_an_input_error():
    with pytest.raises(InputError):
        run_picture_eval(str(SETS), api="guess")
