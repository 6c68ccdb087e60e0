"""Estimate series on real VOA stories about one attack, published on different days.

Worked out by hand from the texts, all on Tuesday's (2025-03-11) train attack in Balochistan:
VOA 8006651 (2025-03-12) "17 injured people were shifted to a hospital"; VOA 8007760
(2025-03-12) "At least 37 injured people are in hospitals" (Quetta, in Balochistan); VOA
8011076 (2025-03-14) quotes Lt. Gen. Chaudhry: "354 passengers were freed, 37 of whom were
injured". One series 17 / 37 / 37; the current estimate is each origin's latest.
The stories also recall other incidents: "BLA insurgents ambushed a bus ... in Kalat and killed
18" (last month) and "Deaths in the attacks surged from 88 in 2023": different incidents, which
must not be readings of the same measure. "88 in 2023" and "nearly 400 people" killed "in
2024" are counts over a window (a year) of the theatre's running measure: its reference
period is an attribute of the observation, not a key that splits the measure (issue 7).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import voa_records, write_jsonl

from sitroom import Sitroom


@pytest.fixture(scope="module")
def estimates(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    tmp: Path = tmp_path_factory.mktemp("est")
    corpus = write_jsonl(tmp / "pk.jsonl", voa_records("8006651", "8007760", "8011076"))
    room = Sitroom(db=str(tmp / "pk.db"))
    room.ingest([str(corpus)])
    return room.estimates()


def test_one_attack_gives_one_series_across_days_and_origins(estimates: list[dict]) -> None:
    injured = [
        e
        for e in estimates
        if e["key"]["casualty"] == "injured" and any(p["low"] == 37.0 for p in e["points"])
    ]
    assert len(injured) == 1
    # the figures (parts such as 'the driver of the train has died' are listed, not figures)
    points = sorted(
        (p["published_at"][:10], p["low"]) for p in injured[0]["points"] if p["role"] != "part"
    )
    assert points == [("2025-03-12", 17.0), ("2025-03-12", 37.0), ("2025-03-14", 37.0)]
    # 17 is what "security sources" told VOA (8006651: "According to security sources, ...
    # 17 injured people were shifted to a hospital"): an unnamed origin of its own, tied to
    # VOA and the day; each origin's latest: 17, 37 (VOA's own voice), 37 (Chaudhry)
    assert (injured[0]["current_low"], injured[0]["current_high"]) == (17.0, 37.0)
    assert {p["origin"] for p in injured[0]["points"] if p["role"] != "part"} == {
        "security sources (unnamed; Voice of America, 2025-03-12)",
        "Voice of America",
        "Ahmed Sharif Chaudhry",
    }


def test_other_incidents_are_not_readings_of_the_same_measure(estimates: list[dict]) -> None:
    killed = [
        e for e in estimates if e["key"]["casualty"] == "killed" and e["key"]["actor"] == "Pakistan"
    ]
    ambush = [e for e in killed if any("ambushed a bus" in p["quote"] for p in e["points"])]
    with_88 = [e for e in killed if any(p["low"] == 88.0 for p in e["points"])]
    assert len(ambush) == 1 and len(with_88) == 1 and ambush[0] is not with_88[0]
    assert {p["low"] for p in ambush[0]["points"]} == {18.0}
    assert "Kalat" in ambush[0]["measure"] and "2025-02" in ambush[0]["measure"]
    yearly = {(p["refers_from"], p["low"]) for p in with_88[0]["points"]}
    assert yearly == {("2023-01-01", 88.0), ("2024-01-01", 400.0)}
    assert {p["basis"] for p in with_88[0]["points"]} == {"window"}
    assert with_88[0]["scope"] == "theatre" and with_88[0]["theatre"] == "Pakistan"
