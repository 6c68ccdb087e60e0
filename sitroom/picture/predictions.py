"""Predictions: planned or predicted claims checked against what was reported later.

Window: the claim's (when.earliest, when.latest); with neither, it is undated and its window
opens at publication. Later evidence: a claim published after the prediction, of the same
kind, canonical actor and target. States, first match wins:
  borne_out      a later occurred claim whose time (start, else its publication day) is on or
                 after the window start (the prediction's publication day if undated);
  contradicted   a later denied claim;
  not_borne_out  the window ended before `as_of` (default: the latest publication date in
                 scope) and nothing reported it;
  undated        no window and no decision;
  open           otherwise.
"""

from __future__ import annotations

from sitroom.picture.common import canon, interval, is_copy, published, sort_claims
from sitroom.picture.model import Prediction


def _same(a: dict, b: dict) -> bool:
    return (a["kind"], canon(a["actor"]), canon(a["target"])) == (
        b["kind"],
        canon(b["actor"]),
        canon(b["target"]),
    )


def build_predictions(claims: list[dict], as_of: str | None = None) -> list[Prediction]:
    """One Prediction per planned/predicted claim (copies skipped), in publication order."""
    ordered = sort_claims([c for c in claims if not is_copy(c)])
    dates = [d for c in claims if (d := published(c))]
    as_of = as_of or (max(dates) if dates else None)
    as_of = as_of[:10] if as_of else None
    out = []
    for c in ordered:
        if c["status"] not in ("planned", "predicted"):
            continue
        out.append(_judge(c, ordered, as_of))
    return out


def _judge(c: dict, claims: list[dict], as_of: str | None) -> Prediction:
    start, end = interval(c)
    pub = published(c)
    opens = start or pub
    later = [
        o
        for o in claims
        if o["id"] != c["id"] and _same(c, o) and (published(o) or "") > (pub or "")
    ]
    occurred = [
        o
        for o in later
        if o["status"] == "occurred"
        and (opens is None or ((interval(o)[0] or published(o) or "") >= opens))
    ]
    window = (start, end)
    if occurred:
        first = occurred[0]
        return Prediction(
            c,
            window,
            "borne_out",
            occurred,
            f"reported as occurred on {published(first)} "
            f"[{first['id']}], on or after the window start {opens}",
        )
    denied = [o for o in later if o["status"] == "denied"]
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
