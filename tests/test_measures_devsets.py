"""Stored measures on real multi-source reporting (tests/fixtures/picture, excerpts of real
pages with their outlets and dates; see its README).

Hayat Hotel siege, Mogadishu, 2022-08-21: the health minister "confirmed so far 21 dead"
while al-Shabaab "put at 40 dead" the same day: a same-day disagreement, flagged with both
quotes, dates and the gap. Pahalgam, 2025-04-22: "Among the dead are two foreign nationals"
is a part of the toll, not a competing total of 2 against the 26 others report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom import Sitroom

SETS = Path(__file__).parent / "fixtures" / "picture"


@pytest.fixture(scope="module")
def hayat(tmp_path_factory: pytest.TempPathFactory) -> Sitroom:
    room = Sitroom(db=str(tmp_path_factory.mktemp("hayat") / "h.db"))
    room.ingest([str(SETS / "somalia-hayat-hotel-2022" / "articles.jsonl")])
    return room


@pytest.fixture(scope="module")
def pahalgam(tmp_path_factory: pytest.TempPathFactory) -> Sitroom:
    room = Sitroom(db=str(tmp_path_factory.mktemp("pahalgam") / "p.db"))
    room.ingest([str(SETS / "india-pahalgam-2025" / "articles.jsonl")])
    return room


def test_same_day_disagreement_is_flagged_with_quotes_dates_and_gap(hayat: Sitroom) -> None:
    found = [
        d
        for d in hayat.disagreements(kind="casualties", limit=None)
        if {d["a"]["low"], d["b"]["low"]} == {21.0, 40.0}
    ]
    # flagged (once per pair of origin names: the ministry is also named by its minister)
    assert found and len({d["measure_id"] for d in found}) == 1
    for d in found:
        quotes = {d["a"]["low"]: d["a"]["quote"], d["b"]["low"]: d["b"]["quote"]}
        assert "21" in quotes[21.0] and "40 dead" in quotes[40.0]
        assert d["a"]["as_of"] == d["b"]["as_of"] == "2022-08-21"
        assert d["gap"] == pytest.approx((40 - 21) / 21, abs=0.01)
    m = hayat.measure(found[0]["measure_id"])
    assert m["casualty"] == "killed" and m["n_disagreements"] >= 1
    rows = hayat.contradictions()
    assert any(
        r["kind"] == "values" and {s["quantity"]["low"] for s in r["sides"]} == {21.0, 40.0}
        for r in rows
    )


def test_a_part_among_the_dead_is_not_a_competing_total(pahalgam: Sitroom) -> None:
    killed = [
        m for m in pahalgam.measures(kind="casualties", limit=None) if m["casualty"] == "killed"
    ]
    parts = [
        o
        for m in killed
        for o in pahalgam.measure(m["id"])["observations"]
        if "Among the dead" in o["quote"]
    ]
    assert parts and all(o["role"] == "part" for o in parts)
    assert not [
        d
        for d in pahalgam.disagreements(limit=None)
        if "Among the dead" in d["a"]["quote"] + d["b"]["quote"]
    ]
