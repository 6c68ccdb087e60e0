"""The seed article alone, end to end: what its brief must state (worked out by hand)."""

from __future__ import annotations

import re

from conftest import SEED

from sitroom import Sitroom


def test_seed_brief_states_the_key_figures(db: str) -> None:
    room = Sitroom(db=db)
    room.ingest([str(SEED)])
    brief = room.brief(fmt="md")
    glance = brief.split("## At a glance", 1)[1].split("## Measures", 1)[0]
    # the deployment, the planned increment and the casualties, each with its origin, cited
    assert re.search(
        r"North Korea troops deployed to Russia\*\*: Latest: about 12,000 according to "
        r"KumDi\.com, date unknown\[\d+\]",
        glance,
    )
    assert re.search(r"25,000-30,000 according to .+?, date unknown\[\d+\]", glance)
    assert re.search(r"about 4,000 according to .+?, date unknown\[\d+\]", glance)
    # one F-graded outlet is never "almost certain"
    assert "Confidence: almost certain" not in brief and "Confidence:" in glance
    assert "publication date unknown" in brief.split("## Sources cited", 1)[1]
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
