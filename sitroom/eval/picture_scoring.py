"""Score a built picture against a hand-written expected picture (tests/fixtures/picture).

Pure functions over plain data, so the same scoring serves whichever picture API produced it.
The picture is given as `Observed`:

- series: [{'id', 'name', 'points': [{'claim_id', 'doc', 'origin', 'low', 'high', 'as_of',
  'published'}], 'current': {origin_name: (low, high)} | None}] - one entry per measure series
  sitroom built; 'doc' is the article id of the point's document; 'published' (optional)
  breaks as-of ties;
  'current' is the API's own current figure per origin, None when the API has none (then the
  scorer takes the origin's point with the latest as-of date).
- contradictions: [{'claims': [{'claim_id', 'doc', 'low', 'high'}]}] - the sides of each one.
- judgements: [{'text', 'likelihood', 'citations': [claim ids]}].

The expected format and the annotation conventions are in tests/fixtures/picture/README.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TOLERANCE = 0.02  # relative slack when comparing figures (rounding in reports, not opinions)


@dataclass
class Observed:
    series: list[dict]
    contradictions: list[dict] = field(default_factory=list)
    judgements: list[dict] = field(default_factory=list)
    api: str = "room"  # which read API produced it


def overlaps(low: float, high: float | None, exp_low: float, exp_high: float) -> bool:
    """True when [low, high] meets the expected [exp_low, exp_high] (with TOLERANCE)."""
    high = low if high is None else high
    return low <= exp_high * (1 + TOLERANCE) and high >= exp_low * (1 - TOLERANCE)


def origin_matches(name: str | None, aliases: list[str]) -> bool:
    """Whether sitroom's origin name is one of the expected origin's names (whole words)."""
    if not name:
        return False
    text = name.lower()
    return any(re.search(rf"(?<!\w){re.escape(a.lower())}(?!\w)", text) for a in aliases)


def _aliases(expected: dict, obs: dict) -> list[str]:
    return list(expected["origins"][obs["origin"]]["aliases"]) + list(obs.get("also_accept", []))


def _observations(expected: dict) -> list[tuple[dict, dict]]:
    return [(m, o) for m in expected["measures"] for o in m["observations"]]


def _point_obs(expected: dict, doc: str | None, low: float, high: float | None) -> list[tuple]:
    """Expected (measure, observation) pairs a figure from this article can be."""
    return [
        (m, o)
        for m, o in _observations(expected)
        if doc in o["carriers"] and overlaps(low, high, o["low"], o["high"])
    ]


def score_set(expected: dict, observed: Observed) -> dict:
    """Every metric for one development set (counts, so sets can be summed)."""
    hits: dict[int, list[tuple[dict, dict]]] = {}  # id(obs) -> [(series, point)]
    for s in observed.series:
        for p in s["points"]:
            for _m, o in _point_obs(expected, p["doc"], p["low"], p["high"]):
                hits.setdefault(id(o), []).append((s, p))
    out = {
        "measures": _measures(expected, hits),
        "observations": _recall(expected, hits),
        "origins": _origins(expected, hits),
        "current": _current(expected, hits, observed),
        "disagreements": _disagreements(expected, observed),
        "judgements": _judgements(expected, observed, hits),
    }
    return out


def _measures(expected: dict, hits: dict) -> dict:
    rows, found, one, mixed = [], 0, 0, 0
    for m in expected["measures"]:
        series = {}
        for o in m["observations"]:
            for s, _p in hits.get(id(o), []):
                series.setdefault(s["id"], [s, set()])[1].add(id(o))
        others = {id(o) for m2 in expected["measures"] if m2 is not m for o in m2["observations"]}
        main = max(series.values(), key=lambda v: len(v[1]), default=None)
        is_mixed = bool(main) and any(
            id(o) in others for p in main[0]["points"] for o in _ids(expected, p)
        )
        found += bool(series)
        one += len(series) == 1
        mixed += is_mixed
        rows.append(
            {
                "measure": m["id"],
                "series": [v[0]["name"] for v in series.values()],
                "one_series": len(series) == 1,
                "mixed_with_other_measures": is_mixed,
            }
        )
    return {"expected": len(rows), "found": found, "one_series": one, "mixed": mixed, "rows": rows}


def _ids(expected: dict, p: dict) -> list[dict]:
    return [o for _m, o in _point_obs(expected, p["doc"], p["low"], p["high"])]


def _recall(expected: dict, hits: dict) -> dict:
    by_origin: dict[str, list[int]] = {}
    for _m, o in _observations(expected):
        row = by_origin.setdefault(o["origin"], [0, 0])
        row[0] += id(o) in hits
        row[1] += 1
    found = sum(r[0] for r in by_origin.values())
    total = sum(r[1] for r in by_origin.values())
    return {
        "expected": total,
        "found": found,
        "by_origin": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_origin.items())},
    }


def _origins(expected: dict, hits: dict) -> dict:
    """Points naming the right origin; statements with several carriers read as one origin."""
    right = points = multi = unified = 0
    wrong: list[str] = []
    for _m, o in _observations(expected):
        found = hits.get(id(o), [])
        aliases = _aliases(expected, o)
        for _s, p in found:
            points += 1
            if origin_matches(p["origin"], aliases):
                right += 1
            else:
                wrong.append(f"{o['origin']} <- {p['origin']!r} ({p['doc']})")
        docs = {p["doc"] for _s, p in found}
        if len(o["carriers"]) > 1 and len(docs) > 1:
            multi += 1
            names = {(p["origin"] or "").lower() for _s, p in found}
            unified += len(names) == 1 and all(origin_matches(n, aliases) for n in names)
    return {
        "points": points,
        "right_origin": right,
        "multi_carrier_statements": multi,
        "one_origin": unified,
        "wrong": sorted(set(wrong))[:20],
    }


def _as_of(p: dict) -> tuple[str, str]:
    """Latest first by as-of date, ties by the later publication."""
    return (p.get("as_of") or "", p.get("published") or "")


def _current(expected: dict, hits: dict, observed: Observed) -> dict:
    """Per measure and origin: sitroom's current figure (API or latest point) vs the expected."""
    total = right = 0
    misses = []
    for m in expected["measures"]:
        series = {}
        for o in m["observations"]:
            for s, _p in hits.get(id(o), []):
                series.setdefault(s["id"], [s, 0])[1] += 1
        if not series:
            total += len(m["current"])
            continue
        main = max(series.values(), key=lambda v: v[1])[0]
        for origin, cur in m["current"].items():
            total += 1
            aliases = expected["origins"][origin]["aliases"]
            value = _origin_current(main, aliases)
            if value and overlaps(value[0], value[1], cur["low"], cur["high"]):
                right += 1
            else:
                misses.append(f"{m['id']}/{origin}: expected {cur['low']:g}, got {value}")
    return {"expected": total, "right": right, "misses": misses[:20]}


def _origin_current(series: dict, aliases: list[str]) -> tuple | None:
    if series.get("current") is not None:
        for name, value in series["current"].items():
            if origin_matches(name, aliases):
                return tuple(value)
        return None
    pts = [p for p in series["points"] if origin_matches(p["origin"], aliases)]
    if not pts:
        return None
    latest = max(pts, key=_as_of)
    return (latest["low"], latest["high"])


def _side_keys(expected: dict, side: dict) -> set[tuple[str, str]]:
    return {
        (m["id"], o["origin"])
        for m, o in _point_obs(expected, side["doc"], side["low"], side["high"])
    }


def _disagreements(expected: dict, observed: Observed) -> dict:
    flagged = []  # per contradiction: set of (measure, origin) its sides stand for
    for c in observed.contradictions:
        keys = set().union(*(_side_keys(expected, s) for s in c["claims"]))
        flagged.append(keys)
    required = [d for d in expected["disagreements"] if d.get("required", True)]
    optional = [d for d in expected["disagreements"] if not d.get("required", True)]

    def hit(d: dict) -> bool:
        want = {(d["measure"], o) for o in d["origins"]}
        return any(want <= keys for keys in flagged)

    false = other = 0
    for keys in flagged:
        measures = {k[0] for k in keys}
        origins = {k[1] for k in keys}
        listed = any(
            {(n["measure"], o) for o in n["origins"]} <= keys
            for n in expected.get("not_disagreements", [])
        )
        if keys and (listed or len(measures) > 1 or len(origins) < 2):
            false += 1
        elif not any(
            {(d["measure"], o) for o in d["origins"]} <= keys for d in required + optional
        ):
            other += 1
    found = sum(hit(d) for d in required)
    return {
        "expected": len(required),
        "found": found,
        "missed": len(required) - found,
        "optional_found": sum(hit(d) for d in optional),
        "false": false,
        "unlisted": other,
        "flagged": len(flagged),
    }


NUM = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?"
RANGE = re.compile(rf"(?<![\d.\-])({NUM})\s?(?:-|–|to)\s?({NUM})(?![\d\-])")


def _judgements(expected: dict, observed: Observed, hits: dict) -> dict:
    """Merged min-max ranges and 'almost certain' resting on a single origin."""
    claim_origin = {
        p["claim_id"]: o["origin"]
        for o_id, found in hits.items()
        for o in [_obs_by_id(expected, o_id)]
        for _s, p in found
    }
    claim_name = {p["claim_id"]: p["origin"] for s in observed.series for p in s["points"]}
    merged, certain_one = [], []
    for j in observed.judgements:
        for a, b in RANGE.findall(j["text"]):
            lo, hi = float(a.replace(",", "")), float(b.replace(",", ""))
            if lo < hi and not _one_measure(expected, lo, hi):
                merged.append(j["text"][:160])
                break
        if j.get("likelihood") == "almost certain":
            origins = {
                claim_origin.get(c) or claim_name.get(c) or c for c in j.get("citations", [])
            }
            if len(origins) <= 1:
                certain_one.append(j["text"][:160])
    return {
        "checked": len(observed.judgements),
        "merged_ranges": len(merged),
        "almost_certain_one_origin": len(certain_one),
        "examples": (merged + certain_one)[:6],
    }


def _obs_by_id(expected: dict, oid: int) -> dict:
    return next(o for _m, o in _observations(expected) if id(o) == oid)


def _one_measure(expected: dict, lo: float, hi: float) -> bool:
    """A range is honest when both ends are figures sources gave for one measure."""
    for m in expected["measures"]:
        obs = m["observations"]
        if any(overlaps(lo, lo, o["low"], o["high"]) for o in obs) and any(
            overlaps(hi, hi, o["low"], o["high"]) for o in obs
        ):
            return True
    return False
