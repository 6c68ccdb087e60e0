"""Estimate series on real VOA stories about one attack, published on different days.

Worked out by hand from the texts: VOA 8007760 (2025-03-12) says "At least 37 injured people
are in hospitals"; VOA 8011076 (2025-03-14) quotes Lt. Gen. Chaudhry: "354 passengers were
freed, 37 of whom were injured". Both stories also recall other incidents: "BLA insurgents
ambushed a bus ... in Kalat and killed 18" (last month) and "Deaths in the attacks surged from
88 in 2023" — those are different incidents and must not be readings of the same measure.
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


def _points(est: dict) -> list[tuple[str, float]]:
    return sorted((p["published_at"][:10], p["low"]) for p in est["points"])


def test_the_same_figure_from_two_days_and_origins_is_one_series(estimates: list[dict]) -> None:
    injured = [
        e
        for e in estimates
        if e["key"]["casualty"] == "injured" and any(p["low"] == 37.0 for p in e["points"])
    ]
    assert len(injured) == 1
    assert _points(injured[0]) == [("2025-03-12", 37.0), ("2025-03-14", 37.0)]
    assert injured[0]["current_low"] == injured[0]["current_high"] == 37.0


def test_other_incidents_are_not_readings_of_the_same_measure(estimates: list[dict]) -> None:
    killed = [
        e for e in estimates if e["key"]["casualty"] == "killed" and e["key"]["actor"] == "Pakistan"
    ]
    with_18 = [e for e in killed if any(p["low"] == 18.0 for p in e["points"])]
    with_88 = [e for e in killed if any(p["low"] == 88.0 for p in e["points"])]
    assert with_18 and with_88
    assert not {id(e) for e in with_18} & {id(e) for e in with_88}
    assert all({p["low"] for p in e["points"]} == {18.0} for e in with_18)
    assert "Kalat" in with_18[0]["measure"] and "2025-02" in with_18[0]["measure"]
