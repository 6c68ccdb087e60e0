"""The seed article alone, end to end: what its brief must state (worked out by hand)."""

from __future__ import annotations

import re

from conftest import SEED

from sitroom import Sitroom


def test_seed_brief_states_the_key_claims(db: str) -> None:
    room = Sitroom(db=db)
    room.ingest([str(SEED)])
    brief = room.brief(fmt="md")
    # 12,000 earlier deployment in the outlet's own voice, 25,000-30,000 planned (likely)
    assert re.search(r"12,000\[\d+\]", brief)
    # one ungraded origin each (F, cannot be judged): never "almost certain"
    assert (
        "There is a roughly even chance that North Korea plans to send 25,000-30,000 additional "
        "troops" in brief
    )
    assert "There is a roughly even chance that North Korea deployed 12,000 troops to Russia" in (
        brief
    )
    assert "almost certain" not in brief.split("## ")[1]
    assert "4,000 troops on the North Korea side were killed or injured" in brief
    assert "4,000" in brief and "killed or injured" in brief
    assert "aid suspension — United States → Ukraine" in brief
    # tripling: (12,000 + 25,000..30,000) / 12,000 = 3.08..3.5, consistent with 3
    assert re.search(r"tripling\" checked: stated 3, computed 3.08-3.5, holds", brief)
    assert "37,000-42,000" in brief
    assert "publication date unknown" in brief
    # who says it: unnamed reports for the plan, the agencies for the predictions
    assert "said by unnamed reports" in brief
    assert "Ukrainian intelligence (intelligence agency)" in brief
    # no publication date is invented anywhere
    assert room.documents()[0]["published_at"] is None
    planned = [c for c in room.claims(kind="deployment") if c["status"] == "planned"]
    assert planned and all(c["when"]["relation"] == "after_publication" for c in planned)


def test_seed_predictions_get_windows_once_a_date_is_supplied(db: str) -> None:
    """Published 2025-05-01: "within the next few months" is 2025-05-01..2025-09-01 (TimeML
    PXM, four months here) and "as early as July or August" 2025-07-01..2025-08-31; both are
    open on the publication day and not borne out by 2025-12-01 with nothing reported."""
    room = Sitroom(db=db)
    room.ingest([str(SEED)], published="2025-05-01")
    windows = {
        p["claim"]["when"]["text"]: (tuple(p["window"]), p["state"])
        for p in room.predictions()
        if p["claim"]["kind"] == "deployment" and p["claim"]["when"]["text"]
    }
    assert windows == {
        "the next few months": (("2025-05-01", "2025-09-01"), "open"),
        "July": (("2025-07-01", "2025-08-31"), "open"),
    }
    later = {tuple(p["window"]): p["state"] for p in room.predictions(as_of="2025-12-01")}
    assert (
        later[("2025-05-01", "2025-09-01")]
        == later[("2025-07-01", "2025-08-31")]
        == ("not_borne_out")
    )
