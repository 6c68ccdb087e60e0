"""Estimates: each counted measure's series and its current figures, each with its rule.

A measure is keyed by (kind, actor, target, casualty, unit, status group, basis): totals and
increments ("additional") are never mixed, nor occurred and planned figures. Counts of
incidents (casualties, attacks) are further split by incident: figures whose places, or whose
resolved times, are incompatible are different measures ("18 killed in Kalat last month" is not
a reading of "88 killed in 2023"). Ongoing states (troops deployed, arms supplied) keep one
series across time, so their evolution can be followed. Copies add no point. Current estimate
= each origin's latest point (by publication date, then claim order).
"""

from __future__ import annotations

import statistics

from sitroom.picture.common import (
    canon,
    day_gap,
    fmt_range,
    interval,
    is_copy,
    origin_of,
    outlet,
    overlaps,
    place_compatible,
    published,
    qrange,
    ranges_close,
    resolved,
    sort_claims,
    status_group,
    time_compatible,
)
from sitroom.picture.model import Estimate, EstimatePoint

VERBS = {
    "deployment": ("deployed to", "planned for"),
    "withdrawal": ("withdrawn from", "to be withdrawn from"),
    "arms_transfer": ("supplied to", "to be supplied to"),
    "training": ("trained by", "to be trained by"),
    "recruitment": ("recruited by", "to be recruited by"),
    "attack": ("in attacks on", "in planned attacks on"),
    "combat": ("in fighting with", "in expected fighting with"),
}
CASUALTY = {"killed_or_injured": "killed or injured"}

RULES = {
    "current": "current estimates: each origin's latest point (by publication date)",
    "current_range": "range of current estimates: lowest low .. highest high",
    "conservative": "ACLED rule: lowest figure among current estimates from credible origins "
    "(certainty not doubtful, origin not graded E); disputes noted",
    "best": "UCDP best: median of the current estimates' midpoints",
    "low": "UCDP low: lowest low among current estimates",
    "high": "UCDP high: highest high among current estimates",
}


INCIDENT_KINDS = {"casualties", "attack"}
PERSON_UNITS = {"troops", "fighters"}


def measure_key(claim: dict) -> tuple:
    q = claim["quantity"]
    unit = q.get("unit") or ""
    if claim["kind"] == "casualties" and unit not in PERSON_UNITS:
        unit = "people"  # "11 coal miners", "four others", "17 injured people": people
    return (
        claim["kind"],
        canon(claim["actor"]),
        canon(claim["target"]),
        claim.get("casualty"),
        unit,
        status_group(claim),
        q.get("basis") or "total",
    )


def incidents(claims: list[dict]) -> list[list[dict]]:
    """Split one measure's claims into incidents: a claim joins the first incident all of
    whose claims are the same incident as it (see `_same_incident`)."""
    groups: list[list[dict]] = []
    for c in claims:
        for g in groups:
            if all(_same_incident(c, other) for other in g):
                g.append(c)
                break
        else:
            groups.append([c])
    return groups


def _same_incident(a: dict, b: dict) -> bool:
    """Same place (or containing), compatible time, and not two different figures from one
    article (an article giving 1 and 11 killed is telling of two incidents)."""
    if a["document"]["id"] == b["document"]["id"] and qrange(a) != qrange(b):
        return False
    return place_compatible(a, b)[0] and (time_compatible(a, b)[0] or _days_apart(a, b) <= 3)


def _days_apart(a: dict, b: dict) -> int:
    """Days between two resolved intervals (0 when they overlap); large when unresolved. A
    siege reported 'Tuesday' and its wounded counted 'Wednesday' are one incident."""
    if not (resolved(a) and resolved(b)):
        return 10**6
    (a0, a1), (b0, b1) = interval(a), interval(b)
    if max(day_gap(a0, a1), day_gap(b0, b1)) > 2:
        return 10**6  # only dates a day or two long are near each other ("Tuesday"/"Wednesday")
    if overlaps((a0, a1), (b0, b1)):
        return 0
    return day_gap(a1, b0) if a1 < b0 else day_gap(b1, a0)


def measure_name(key: tuple) -> str:
    """A readable measure name, e.g. 'additional North Korea troops planned for Russia'."""
    kind, actor, target, casualty, unit, group, basis = key
    who = actor or "unattributed"
    unit = unit or "units"
    if kind == "casualties":
        name = f"{who} {unit} {CASUALTY.get(casualty, casualty or 'affected')}"
        if target:
            name += f" by {target}"
        if group == "planned":
            name = "expected: " + name
    else:
        occurred, planned = VERBS.get(kind, (f"({kind})", f"(planned {kind})"))
        verb = planned if group == "planned" else occurred
        name = f"{who} {unit} {verb}" + (f" {target}" if target else "")
        if kind not in VERBS:
            name = f"{who} {unit} {verb}" + (f" against {target}" if target else "")
    return ("additional " + name) if basis == "additional" else name


def point(claim: dict) -> EstimatePoint:
    low, high = qrange(claim)
    e, l_ = interval(claim)
    return EstimatePoint(
        claim_id=claim["id"],
        source=outlet(claim),
        origin=origin_of(claim),
        published_at=published(claim),
        refers_from=e,
        refers_to=l_,
        low=low,
        high=high,
        basis=claim["quantity"].get("basis") or "total",
        status=claim["status"],
        quote=claim["quote"],
        approx=claim["quantity"].get("approx"),
        bound=claim["quantity"].get("bound"),
    )


def build_estimates(claims: list[dict], grades: dict[str, str] | None = None) -> list[Estimate]:
    """One Estimate per measure with counted claims (occurred or planned), sorted by name.

    `grades` maps origin name -> reliability letter (used by the conservative rule).
    """
    grades = grades or {}
    series: dict[tuple, list[dict]] = {}
    for c in sort_claims(claims):
        if qrange(c) is None or is_copy(c) or status_group(c) not in ("occurred", "planned"):
            continue
        series.setdefault(measure_key(c), []).append(c)
    out = []
    for key, cs in series.items():
        parts = incidents(cs) if key[0] in INCIDENT_KINDS else [cs]
        for part in parts:
            est = _estimate(key, part, grades)
            if len(parts) > 1:
                est.measure += f" ({_setting(part)})"
            out.append(est)
    _derive_totals(out, series)
    return sorted(out, key=lambda e: e.measure)


def _setting(claims: list[dict]) -> str:
    """Where and when an incident happened, from its first claim that says so."""
    place = next(
        (c["place"].get("name") or c["place"].get("text") for c in claims if c.get("place")), None
    )
    start = next((interval(c)[0] for c in claims if resolved(c)), None)
    return ", ".join(x for x in (place, start) if x) or "place and time unstated"


def current_points(points: list[EstimatePoint]) -> list[EstimatePoint]:
    """Each origin's latest point (points are in publication order; later wins)."""
    latest: dict[str, EstimatePoint] = {}
    for p in points:
        latest[p.origin or p.source or p.claim_id] = p
    return sorted(latest.values(), key=lambda p: (p.published_at or "", p.claim_id))


def _estimate(key: tuple, claims: list[dict], grades: dict[str, str]) -> Estimate:
    kind, actor, target, casualty, unit, group, basis = key
    points = [point(c) for c in claims]
    by_id = {c["id"]: c for c in claims}
    cur = current_points(points)
    est = Estimate(
        measure=measure_name(key),
        points=points,
        key={
            "kind": kind,
            "actor": actor,
            "target": target,
            "casualty": casualty,
            "unit": unit,
            "status": group,
            "basis": basis,
        },
    )
    est.current_low = min(p.low for p in cur)
    est.current_high = max(p.high for p in cur)
    credible = [
        p
        for p in cur
        if by_id[p.claim_id]["certainty"] != "doubtful" and grades.get(p.origin or "", "F") != "E"
    ]
    est.conservative = min(p.low for p in (credible or cur))
    est.best = statistics.median((p.low + p.high) / 2 for p in cur)
    est.low, est.high = est.current_low, est.current_high
    est.rules = dict(RULES)
    if not credible:
        est.rules["conservative"] += "; no credible origin, so over all current estimates"
    est.disputes = _disputes(cur)
    return est


def _disputes(cur: list[EstimatePoint]) -> list[str]:
    out = []
    for i, a in enumerate(cur):
        for b in cur[i + 1 :]:
            if not ranges_close((a.low, a.high), (b.low, b.high)):
                out.append(
                    f"{a.origin} says {fmt_range(a.low, a.high)} [{a.claim_id}]; "
                    f"{b.origin} says {fmt_range(b.low, b.high)} [{b.claim_id}]"
                )
    return out


def _derive_totals(estimates: list[Estimate], series: dict[tuple, list[dict]]) -> None:
    """Planned total = latest occurred total + planned increment, on the increment measure."""
    by_key = {tuple(e.key.values()): e for e in estimates}
    for key, est in by_key.items():
        kind, actor, target, casualty, unit, group, basis = key
        if basis != "additional" or group != "planned":
            continue
        base = by_key.get((kind, actor, target, casualty, unit, "occurred", "total"))
        if base is None:
            continue
        b = base.points[-1]
        inc = est.points[-1]
        low, high = b.low + inc.low, b.high + inc.high
        est.derived.append(
            {
                "measure": measure_name((kind, actor, target, casualty, unit, "planned", "total"))
                + " in total",
                "low": low,
                "high": high,
                "rule": "latest occurred total + latest planned increment",
                "text": f"{fmt_range(b.low, b.high)} + {fmt_range(inc.low, inc.high)} additional "
                f"= {fmt_range(low, high)}",
                "inputs": [b.claim_id, inc.claim_id],
            }
        )
