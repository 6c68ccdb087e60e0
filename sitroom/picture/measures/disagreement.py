"""Disagreement: two origins giving materially different values for one measure at once.

Two observations of a measure disagree when they come from different origins, their periods
overlap (period = the stated reference time, else the publication day), their ranges do not
overlap and the gap between them is more than `threshold` (default 25%, config
[picture] disagreement) of the lower figure. Not disagreements (kept from
picture/contradictions.py): a source revising its own figure (same origin); a later report
giving a larger figure (a running total or toll that grew); parts of a larger figure and
derived sums (their inputs are compared); a part 'among the dead'; an increment
against a total, or a count over a window against a total or another window (different basis
or window). One disagreement per pair of origins: the pair of observations with the latest
as-of date.
"""

from __future__ import annotations

from sitroom import ids
from sitroom.picture.common import fmt_range


def origin_key(o: dict) -> str:
    return o["origin"] or o["outlet"] or o["claim_id"]


def period(o: dict) -> tuple[str, str]:
    if o["refers_from"] and o["refers_to"]:
        return (o["refers_from"], o["refers_to"])
    day = (o["published_at"] or "")[:10]
    return (day, day)


def gap(a: dict, b: dict) -> float:
    """(higher low - lower high) / lower high; <= 0 when the ranges overlap."""
    lo, hi = (a, b) if a["high"] <= b["high"] else (b, a)
    if hi["low"] <= lo["high"]:
        return 0.0
    return (hi["low"] - lo["high"]) / max(lo["high"], 1e-9)


def _grew(a: dict, b: dict) -> bool:
    """A later report with a larger figure: an update of a growing total, not a dispute
    (publication times compared as precisely as known: a toll that grew during the day)."""
    da, db = a["published_at"] or "", b["published_at"] or ""
    if da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    return late["low"] >= early["high"]


def _comparable(a: dict, b: dict) -> bool:
    """Totals with totals; counts over a window only with counts over the same window."""
    if a["basis"] != b["basis"]:
        return False
    return a["basis"] != "window" or period(a) == period(b)


def find_disagreements(
    mid: str, fam: str, obs: list[dict], kind: str, threshold: float
) -> list[dict]:
    figures = sorted((o for o in obs if o["role"] != "part"), key=lambda o: (period(o), o["id"]))
    best: dict[tuple[str, str], tuple] = {}
    for i, a in enumerate(figures):
        pa = period(a)
        for b in figures[i + 1 :]:
            pb = period(b)
            if pb[0] > pa[1]:
                break  # sorted by period start: nothing later overlaps a
            ka, kb = origin_key(a), origin_key(b)
            if ka == kb or _grew(a, b) or not _comparable(a, b):
                continue
            g = gap(a, b)
            if g <= threshold:
                continue
            pair = tuple(sorted((ka, kb)))
            rank = (max(a["as_of"] or "", b["as_of"] or ""), g)
            if pair not in best or rank > best[pair][0]:
                best[pair] = (rank, a, b, g)
    out = []
    for pair, (_rank, a, b, g) in sorted(best.items()):
        a, b = (a, b) if origin_key(a) == pair[0] else (b, a)
        out.append(
            {
                "id": "x" + ids.digest(mid, a["id"], b["id"]),
                "measure_id": mid,
                "family": fam,
                "obs_a": a["id"],
                "obs_b": b["id"],
                "origin_a": origin_key(a),
                "origin_b": origin_key(b),
                "gap": round(g, 4),
                "why": f"{origin_key(a)} gives {fmt_range(a['low'], a['high'])} ({a['as_of']}), "
                f"{origin_key(b)} gives {fmt_range(b['low'], b['high'])} ({b['as_of']}) for "
                f"overlapping times; the gap is {g:.0%} of the lower figure "
                f"(threshold {threshold:.0%})",
            }
        )
    return out
