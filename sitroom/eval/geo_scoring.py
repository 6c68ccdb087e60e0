"""Toponym scoring rules of tests/fixtures/bench/README.md section 3 (pure functions).

Gold and system toponyms are dicts with ``start``, ``end``, ``lat``, ``lon`` and optionally
``geonameid``. All counts are micro-averaged over the documents passed in.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (Earth radius 6,371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc(errors: list[float]) -> float | None:
    """CamCoder AUC: trapezoid area under sorted ln(1+error) / (ln(20039) * (n-1)); lower=better."""
    n = len(errors)
    if n == 0:
        return None
    if n == 1:
        return math.log(1 + errors[0]) / math.log(MAX_ERROR_KM)
    ys = [math.log(1 + e) for e in sorted(errors)]
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(n - 1))
    return area / (math.log(MAX_ERROR_KM) * (n - 1))


def _prf(tp_p: int, n_sys: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_sys if n_sys else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f}


def _has_coords(t: dict) -> bool:
    return t.get("lat") is not None and t.get("lon") is not None


def score_toponyms(pairs: Iterable[tuple[list[dict], list[dict]]]) -> dict:
    """Score (gold, system) toponym lists per document; returns the section-3 metrics.

    Strict span match = identical [start, end); relaxed = any shared character. Resolution
    metrics run over strictly found gold toponyms with coordinates; a found toponym without
    system coordinates is 'unresolved' (excluded there, wrong in ``acc161_all``).
    """
    n_gold = n_sys = 0
    s_tp_sys = s_tp_gold = r_tp_sys = r_tp_gold = 0
    errors: list[float] = []
    all_errors: list[float] = []
    unresolved = n_gold_coords = 0
    id_total = id_correct = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        by_span = {}
        for s in system:
            by_span.setdefault((s["start"], s["end"]), s)
        gold_spans = {(g["start"], g["end"]) for g in gold}
        s_tp_sys += sum(1 for s in system if (s["start"], s["end"]) in gold_spans)
        r_tp_sys += sum(
            1 for s in system if any(s["start"] < g["end"] and g["start"] < s["end"] for g in gold)
        )
        for g in gold:
            if any(s["start"] < g["end"] and g["start"] < s["end"] for s in system):
                r_tp_gold += 1
            s = by_span.get((g["start"], g["end"]))
            if s is not None:
                s_tp_gold += 1
                if g.get("geonameid") and "geonameid" in s:
                    id_total += 1
                    id_correct += str(s.get("geonameid")) == str(g["geonameid"])
            if not _has_coords(g):
                continue
            n_gold_coords += 1
            if s is None:
                all_errors.append(MAX_ERROR_KM)
            elif not _has_coords(s):
                unresolved += 1
                all_errors.append(MAX_ERROR_KM)
            else:
                err = haversine_km(g["lat"], g["lon"], s["lat"], s["lon"])
                errors.append(err)
                all_errors.append(err)
    strict = _prf(s_tp_sys, n_sys, s_tp_gold, n_gold)
    relaxed = _prf(r_tp_sys, n_sys, r_tp_gold, n_gold)
    ok = sum(1 for e in errors if e <= 161.0)
    ok_all = sum(1 for e in all_errors if e <= 161.0)
    return {
        "mode": "end-to-end",
        "n_gold": n_gold,
        "n_system": n_sys,
        "n_gold_with_coords": n_gold_coords,
        "span_p_strict": strict["p"],
        "span_r_strict": strict["r"],
        "span_f1_strict": strict["f1"],
        "span_p_relaxed": relaxed["p"],
        "span_r_relaxed": relaxed["r"],
        "span_f1_relaxed": relaxed["f1"],
        "n_resolved": len(errors),
        "unresolved": unresolved,
        "acc161": ok / len(errors) if errors else 0.0,
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "auc": auc(errors),
        "acc161_all": ok_all / n_gold_coords if n_gold_coords else 0.0,
        "auc_all": auc(all_errors),
        "geonameid_acc": id_correct / id_total if id_total else None,
        "geonameid_n": id_total,
    }


def timing_summary(seconds: list[float]) -> dict[str, float | None]:
    """Mean, median, max and total of per-document wall times (load time excluded)."""
    if not seconds:
        return {"mean": None, "median": None, "max": None, "total": 0.0}
    return {
        "mean": statistics.fmean(seconds),
        "median": statistics.median(seconds),
        "max": max(seconds),
        "total": sum(seconds),
    }
