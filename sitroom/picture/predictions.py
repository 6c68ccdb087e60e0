"""Predictions: planned or predicted claims checked against what was reported later.

A prediction is judged only against later observations of the *same measure*:

- same kind, canonical actor and canonical target (the index key; a prediction without a named
  actor names no measure and is never borne out or contradicted by another claim);
- same casualty type when both state one, and the same unit when both state a figure;
- a place within the same theatre: when both state a place, one contains the other or both lie
  in the same country (`common.place_compatible`, then the country); a missing place matches;
- published after the prediction.

A planned claim whose whole time ended over NARRATIVE_DAYS before its report ('in 2021, ... were
accused of planning to', 'when his father died in 1927') is narrative past, not a prediction.

Window: the claim's (when.earliest, when.latest); with neither, it is undated: its window
opens at publication and, for matching only, lasts UNDATED_DAYS (a forecast that names no time
is not borne out by whatever happens years later). States, first match wins:
  borne_out      a later occurred observation whose time (its start, else its publication day)
                 lies inside the window (on or after its start, and on or before its end when
                 it has one);
  contradicted   a later denied claim of the same measure;
  not_borne_out  the window ended before `as_of` (default: the latest publication date in
                 scope) and nothing reported it;
  undated        no window and no decision;
  open           otherwise.

Scale: later claims are indexed once by measure key and sorted by publication, so each
prediction reads only its own measure's later claims (bisect on the publication day), never
every claim in scope.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from datetime import date, timedelta

from sitroom.picture.common import (
    canon,
    interval,
    is_copy,
    place_compatible,
    published,
    sort_claims,
)
from sitroom.picture.model import Prediction

MAX_EVIDENCE = 10  # later observations kept as evidence for one prediction
UNDATED_DAYS = 90  # how long an undated prediction's window stays open for matching


def measure_key(c: dict) -> tuple[str, str | None, str | None]:
    """The index key of a claim's measure: (kind, canonical actor, canonical target)."""
    return (c["kind"], canon(c["actor"]), canon(c["target"]))


def same_measure(a: dict, b: dict) -> tuple[bool, str]:
    """The finer checks of one measure within an index bucket, with the reason when not."""
    if a.get("casualty") and b.get("casualty") and a["casualty"] != b["casualty"]:
        return False, f"casualty {a['casualty']} vs {b['casualty']}"
    qa, qb = a.get("quantity") or {}, b.get("quantity") or {}
    if qa.get("unit") and qb.get("unit") and qa["unit"] != qb["unit"]:
        return False, f"unit {qa['unit']} vs {qb['unit']}"
    ok, why = place_compatible(a, b)
    if not ok:
        pa, pb = a.get("place") or {}, b.get("place") or {}
        if pa.get("country") and pa.get("country") == pb.get("country"):
            return True, f"{why}, same country {pa['country']}"
    return ok, why


class _Index:
    """Non-copy claims by measure key, each bucket sorted by publication day."""

    def __init__(self, claims: list[dict]) -> None:
        buckets: dict[tuple, list[dict]] = defaultdict(list)
        for c in claims:
            if c["actor"]:
                buckets[measure_key(c)].append(c)
        self.claims = {k: sorted(v, key=lambda c: published(c) or "") for k, v in buckets.items()}
        self.days = {k: [published(c) or "" for c in v] for k, v in self.claims.items()}

    def later(self, c: dict) -> list[dict]:
        """Claims of c's key published strictly after c."""
        key = measure_key(c)
        if key not in self.claims:
            return []
        i = bisect_right(self.days[key], published(c) or "")
        return self.claims[key][i:]


def build_predictions(claims: list[dict], as_of: str | None = None) -> list[Prediction]:
    """One Prediction per planned/predicted claim (copies skipped), in publication order."""
    ordered = sort_claims([c for c in claims if not is_copy(c)])
    dates = [d for c in claims if (d := published(c))]
    as_of = as_of or (max(dates) if dates else None)
    as_of = as_of[:10] if as_of else None
    index = _Index(ordered)
    return [
        _judge(c, index, as_of)
        for c in ordered
        if c["status"] in ("planned", "predicted") and not narrative_past(c)
    ]


NARRATIVE_DAYS = 30  # a plan whose whole time ended this long before the report is history


def narrative_past(c: dict) -> bool:
    """A planned claim set wholly in the past of its report ('Then, in 2021, operatives were
    accused of planning to kidnap her', 'when his father died in 1927'): narrative, not a
    prediction anything later can bear out."""
    end, pub = interval(c)[1], published(c)
    if not end or not pub:
        return False
    return (date.fromisoformat(pub) - date.fromisoformat(end)).days > NARRATIVE_DAYS


def _in_window(o: dict, opens: str | None, end: str | None) -> bool:
    when = interval(o)[0] or published(o) or ""
    if opens and when < opens:
        return False
    return not (end and when > end)


def _judge(c: dict, index: _Index, as_of: str | None) -> Prediction:
    start, end = interval(c)
    opens = start or published(c)
    window = (start, end)
    match_end = end
    if not start and not end and opens:
        match_end = (date.fromisoformat(opens[:10]) + timedelta(days=UNDATED_DAYS)).isoformat()
    occurred: list[dict] = []
    denied: list[dict] = []
    if c["actor"]:
        for o in index.later(c):
            if o["id"] == c["id"] or o["status"] not in ("occurred", "denied"):
                continue
            if not same_measure(c, o)[0]:
                continue
            if o["status"] == "denied":
                denied = denied or [o]
            elif _in_window(o, opens, match_end):
                occurred.append(o)
                if len(occurred) >= MAX_EVIDENCE:
                    break
    if occurred:
        first = occurred[0]
        _, why = same_measure(c, first)
        return Prediction(
            c,
            window,
            "borne_out",
            occurred,
            f"reported as occurred on {published(first)} [{first['id']}], inside the window "
            f"{opens or '..'}/{match_end or '..'}; same measure ({why})",
        )
    if denied:
        return Prediction(
            c,
            window,
            "contradicted",
            denied,
            f"denied on {published(denied[0])} [{denied[0]['id']}]",
        )
    if end and as_of and end < as_of:
        return Prediction(
            c,
            window,
            "not_borne_out",
            [],
            f"window ended {end}, before {as_of}, and no later report of it",
        )
    if not start and not end:
        return Prediction(c, window, "undated", [], "no time window and no later report")
    return Prediction(
        c, window, "open", [], f"window {start or '..'}/{end or '..'} not over by {as_of}"
    )
