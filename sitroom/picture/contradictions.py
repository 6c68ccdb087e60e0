"""Contradictions: incompatible figures for one measure, and occurred-vs-denied events.

Values: two points of the same measure from different documents (copies excluded) and
different origins whose periods overlap (period = the claim's resolved time when both ends are
known, else its publication day) and whose ranges do not overlap even when widened by 10%. One
contradiction per pair of claims. Not contradictions: a source revising its own figure, and a
casualty toll that a later report puts higher (tolls grow as bodies are found: an update).
Denial: an occurred event and a denied event of the same kind, actor and target whose first
claims are compatible in place, time and quantity.
"""

from __future__ import annotations

from sitroom.picture.common import fmt_range, overlaps, ranges_close
from sitroom.picture.events import same_event
from sitroom.picture.model import Contradiction, Estimate, EstimatePoint, Event


def period(p: EstimatePoint) -> tuple[str | None, str | None]:
    if p.refers_from and p.refers_to:
        return (p.refers_from, p.refers_to)
    return (p.published_at, p.published_at)


def value_contradictions(estimates: list[Estimate], views: dict[str, dict]) -> list[Contradiction]:
    """Pairs of incompatible figures per measure (see module doc); `views` maps claim id."""
    out = []
    for est in estimates:
        pts = est.points
        for i, a in enumerate(pts):
            for b in pts[i + 1 :]:
                if views[a.claim_id]["document"]["id"] == views[b.claim_id]["document"]["id"]:
                    continue
                if not overlaps(period(a), period(b)):
                    continue
                if ranges_close((a.low, a.high), (b.low, b.high)):
                    continue
                if (a.origin or a.source) == (b.origin or b.source) or _toll_update(est, a, b):
                    continue
                out.append(
                    Contradiction(
                        kind="values",
                        measure=est.measure,
                        sides=[views[a.claim_id], views[b.claim_id]],
                        why=f"{a.origin or a.source} gives {fmt_range(a.low, a.high)} "
                        f"({a.published_at}), {b.origin or b.source} gives "
                        f"{fmt_range(b.low, b.high)} ({b.published_at}) for overlapping "
                        f"periods; the ranges differ by more than 10%",
                    )
                )
    return out


def _toll_update(est: Estimate, a: EstimatePoint, b: EstimatePoint) -> bool:
    """A casualty figure published later and higher than an earlier one is an update."""
    if est.key.get("kind") != "casualties" or a.published_at == b.published_at:
        return False
    early, late = sorted((a, b), key=lambda p: p.published_at or "")
    return late.low >= early.high


def denial_contradictions(events: list[Event]) -> list[Contradiction]:
    """Occurred events matched with denied events; marks both `contradicted`."""
    out = []
    denied = [e for e in events if e.status == "denied"]
    for occ in (e for e in events if e.status == "occurred"):
        for den in denied:
            if not same_event(occ, den):
                continue
            occ.contradicted = den.contradicted = True
            out.append(
                Contradiction(
                    kind="denial",
                    measure=f"{occ.kind} {occ.actor or 'unnamed'} -> {occ.target or 'none'}",
                    sides=[occ.claims[0], den.claims[0]],
                    why=f"event {occ.id} reported as occurred by {', '.join(occ.origins) or '?'}; "
                    f"denied by {', '.join(den.origins) or '?'} (event {den.id})",
                )
            )
    return out


def mark_value_contradictions(events: list[Event], contradictions: list[Contradiction]) -> None:
    """Mark events holding a claim on either side of a value contradiction."""
    where = {c["id"]: e for e in events for c in e.claims}
    for con in contradictions:
        if con.kind != "values":
            continue
        for side in con.sides:
            if side["id"] in where:
                where[side["id"]].contradicted = True
