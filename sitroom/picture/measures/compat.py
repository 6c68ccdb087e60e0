"""The `estimates` and `contradictions` rows scripts read, built from the stored measures.

Today's fields are kept (measure, key, points with origin, low, high, published_at,
refers_from/refers_to; current_low/current_high; conservative, best, low, high, rules,
derived, disputes; contradictions: kind, measure, sides, why) and new ones sit beside them
(id, scope, theatre, incident, current by origin, disagreements, observation ids, as_of, role).
"""

from __future__ import annotations

import statistics

from sitroom.picture.common import fmt_range
from sitroom.picture.estimates import RULES
from sitroom.picture.measures.read import get_measure, list_disagreements, list_measures
from sitroom.picture.measures.read import observations_of as _observations_of


def estimate_rows(
    store,  # noqa: ANN001
    grades: dict[str, str],
    measure: str | None = None,
    limit: int | None = None,
    **filters,
) -> list[dict]:
    """One estimate per stored measure, sorted by name; `measure` keeps names containing it."""
    rows = list_measures(
        store, limit=limit, order="name", with_current=False, name=measure, **filters
    )
    obs = _observations_of(store, [r["id"] for r in rows])
    out = [_estimate(r, obs[r["id"]], grades) for r in rows]
    _derive_totals(out)
    return out


def _estimate(m: dict, obs: list[dict], grades: dict[str, str]) -> dict:
    obs = sorted(obs, key=lambda o: (o["published_at"] or "", o["doc_id"], o["claim_id"]))
    by_id = {o["id"]: o for o in obs}
    cur = [by_id[i] for i in m["current_ids"].values() if i in by_id]
    cur.sort(key=lambda o: (o["published_at"] or "", o["claim_id"]))
    credible = [
        o for o in cur if o["certainty"] != "doubtful" and grades.get(o["origin"] or "", "F") != "E"
    ]
    rules = dict(RULES)
    rules["current"] = (
        "current estimates: each origin's latest figure by as-of date (the date it refers to "
        "when stated, else publication); parts of a larger figure are not figures"
    )
    if not credible:
        rules["conservative"] += "; no credible origin, so over all current estimates"
    cur_low = min((o["low"] for o in cur), default=None)
    cur_high = max((o["high"] for o in cur), default=None)
    return {
        "measure": m["name"],
        "key": {
            "kind": m["kind"],
            "actor": m["actor"],
            "target": m["target"],
            "casualty": m["casualty"],
            "unit": m["unit"],
            "status": m["status"],
            "basis": m["basis"],
        },
        "points": [_point(o) for o in obs],
        "current_low": cur_low,
        "current_high": cur_high,
        "conservative": min((o["low"] for o in (credible or cur)), default=None),
        "best": statistics.median((o["low"] + o["high"]) / 2 for o in cur) if cur else None,
        "low": cur_low,
        "high": cur_high,
        "rules": rules,
        "derived": [],
        "disputes": [],
        # new beside the old
        "id": m["id"],
        "scope": m["scope"],
        "theatre": m["theatre"],
        "incident": m["incident"],
        "n_origins": m["n_origins"],
        "n_disagreements": m["n_disagreements"],
        "current": [
            {
                "origin": o["origin"],
                "low": o["low"],
                "high": o["high"],
                "as_of": o["as_of"],
                "claim_id": o["claim_id"],
                "observation_id": o["id"],
            }
            for o in cur
        ],
    }


def _point(o: dict) -> dict:
    return {
        "claim_id": o["claim_id"],
        "source": o["outlet"],
        "origin": o["origin"],
        "published_at": (o["published_at"] or "")[:10] or None,
        "refers_from": o["refers_from"],
        "refers_to": o["refers_to"],
        "low": o["low"],
        "high": o["high"],
        "basis": o["basis"],
        "status": o["status"],
        "quote": o["quote"],
        "approx": o["approx"],
        "bound": o["bound"],
        "observation_id": o["id"],
        "as_of": o["as_of"],
        "role": o["role"],
        "claim_ids": o["claim_ids"],
    }


def _derive_totals(estimates: list[dict]) -> None:
    """Planned total = latest occurred total + planned increment, on the increment measure."""
    from sitroom.picture.estimates import measure_name

    def k(e: dict) -> tuple:
        key = e["key"]
        return (
            key["kind"],
            key["actor"],
            key["target"],
            key["casualty"],
            key["unit"],
            e["theatre"],
        )

    totals = {
        k(e): e
        for e in estimates
        if e["key"]["status"] == "occurred" and e["key"]["basis"] == "total"
    }
    for est in estimates:
        key = est["key"]
        if key["basis"] != "additional" or key["status"] != "planned":
            continue
        base = totals.get(k(est))
        if base is None or not base["points"] or not est["points"]:
            continue
        b, inc = base["points"][-1], est["points"][-1]
        low, high = b["low"] + inc["low"], b["high"] + inc["high"]
        est["derived"].append(
            {
                "measure": measure_name(
                    (
                        key["kind"],
                        key["actor"],
                        key["target"],
                        key["casualty"],
                        key["unit"],
                        "planned",
                        "total",
                    )
                )
                + " in total",
                "low": low,
                "high": high,
                "rule": "latest occurred total + latest planned increment",
                "text": f"{fmt_range(b['low'], b['high'])} + "
                f"{fmt_range(inc['low'], inc['high'])} additional = {fmt_range(low, high)}",
                "inputs": [b["claim_id"], inc["claim_id"]],
            }
        )


def attach_disputes(store, estimates: list[dict]) -> None:  # noqa: ANN001
    """Fill `disputes` (old text form) and `disagreements` from the stored disagreements."""
    for est in estimates:
        if not est["n_disagreements"]:
            est["disagreements"] = []
            continue
        rows = list_disagreements(store, measure_id=est["id"], limit=None)
        est["disagreements"] = rows
        est["disputes"] = [
            f"{r['origin_a']} says {fmt_range(r['a']['low'], r['a']['high'])} "
            f"[{r['a']['claim_id']}]; {r['origin_b']} says "
            f"{fmt_range(r['b']['low'], r['b']['high'])} [{r['b']['claim_id']}]"
            for r in rows
        ]


def contradiction_rows(store, resolve, limit: int | None = None, **filters) -> list[dict]:  # noqa: ANN001
    """Value contradictions = stored disagreements; sides are the two claims' full views
    (`resolve` = Sitroom.show)."""
    out = []
    for r in list_disagreements(store, limit=limit, **filters):
        sides = [_side(resolve, r["a"]), _side(resolve, r["b"])]
        out.append(
            {
                "kind": "values",
                "measure": r["measure"],
                "sides": sides,
                "why": r["why"],
                "measure_id": r["measure_id"],
                "gap": r["gap"],
                "origins": [r["origin_a"], r["origin_b"]],
                "observations": [r["a"], r["b"]],
            }
        )
    return out


def _side(resolve, obs: dict) -> dict:  # noqa: ANN001
    view = resolve(obs["claim_id"])
    view.pop("context", None)
    view.pop("type", None)
    return view


__all__ = ["attach_disputes", "contradiction_rows", "estimate_rows", "get_measure"]
