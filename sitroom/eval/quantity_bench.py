"""NewsQuant-format quantity benchmark (tests/fixtures/bench/README.md section 2).

Scoring, re-implemented from the CQE paper as the README fixes it: one sentence at a time, a
maximum bipartite matching between gold and predicted quantities (no prediction counts twice);
a value match is scalar-vs-scalar or range-vs-range on both bounds, numbers equal under
isclose(rel_tol=1e-6, abs_tol=1e-9), spans overlapping when both sides have start/end.
value+unit also needs equal normalized_unit (strip().lower()), value+change equal change; each
metric has its own matching. Micro precision / recall / F1 over the file, as fractions (0..1).

Run: python -m sitroom.eval.quantity_bench FILE [--baseline] [--range-midpoint]
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections.abc import Callable, Sequence

from sitroom.nlp.quantities.finder import find_quantities, in_newsquant_scope, to_newsquant

Pred = dict
Matcher = Callable[[dict, dict], bool]


def max_matching(n_left: int, n_right: int, ok: Callable[[int, int], bool]) -> int:
    """Size of a maximum bipartite matching (Kuhn's augmenting paths; fine for sentences)."""
    adj = [[r for r in range(n_right) if ok(g, r)] for g in range(n_left)]
    owner = [-1] * n_right

    def augment(g: int, seen: list[bool]) -> bool:
        for r in adj[g]:
            if not seen[r]:
                seen[r] = True
                if owner[r] == -1 or augment(owner[r], seen):
                    owner[r] = g
                    return True
        return False

    return sum(augment(g, [False] * n_right) for g in range(n_left))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _as_value(q: dict) -> tuple[float | None, list[float] | None]:
    """(scalar, range) of a gold or predicted record; tolerates 'low-high' strings."""
    rng = q.get("range")
    val = q.get("value")
    if isinstance(rng, str):
        rng = [float(x) for x in rng.split("-", 1)] if rng else None
    if isinstance(val, str):
        head, sep, tail = val[1:].partition("-")
        if sep:
            return None, [float(val[0] + head), float(tail)]
        val = float(val)
    if rng is not None:
        return None, [float(rng[0]), float(rng[1])]
    return (None if val is None else float(val)), None


def value_match(gold: dict, pred: dict, range_midpoint: bool = False) -> bool:
    """README value match between one gold and one predicted quantity."""
    gs, gr = _as_value(gold)
    ps, pr = _as_value(pred)
    if all(k in gold for k in ("start", "end")) and all(k in pred for k in ("start", "end")):
        if not (gold["start"] < pred["end"] and pred["start"] < gold["end"]):
            return False
    if gr is not None:
        if pr is not None:
            return _close(gr[0], pr[0]) and _close(gr[1], pr[1])
        return range_midpoint and ps is not None and _close(ps, (gr[0] + gr[1]) / 2)
    return gs is not None and ps is not None and pr is None and _close(gs, ps)


def _unit(q: dict) -> str:
    return str(q.get("normalized_unit") or "-").strip().lower()


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(
    golds: Sequence[list[dict]], preds: Sequence[list[dict]], range_midpoint: bool = False
) -> dict:
    """Micro P/R/F1 for value, value+unit and value+change over aligned sentence lists."""
    checks: dict[str, Matcher] = {
        "value": lambda g, p: value_match(g, p, range_midpoint),
        "value_unit": lambda g, p: value_match(g, p, range_midpoint) and _unit(g) == _unit(p),
        "value_change": lambda g, p: (
            value_match(g, p, range_midpoint)
            and (g.get("change") or "=") == (p.get("change") or "=")
        ),
    }
    tps = dict.fromkeys(checks, 0)
    for gold, pred in zip(golds, preds, strict=True):
        for name, ok in checks.items():
            tps[name] += max_matching(
                len(gold), len(pred), lambda a, b, ok=ok, g=gold, p=pred: ok(g[a], p[b])
            )
    n_gold = sum(map(len, golds))
    n_pred = sum(map(len, preds))
    out: dict = {
        "gold_quantities": n_gold,
        "predicted_quantities": n_pred,
        "unit_scale": "fraction",
    }
    for name, tp in tps.items():
        p, r, f = _prf(tp, n_pred, n_gold)
        out.update({f"{name}_tp": tp, f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f})
    return out


_MONEY = frozenset(
    "dollar euro pound yen yuan ruble rupee shekel rial lira franc won hryvnia cent".split()
)


def gold_type(q: dict) -> str:
    """What a gold quantity counts: percent, money, measure, count or no_unit (its unit '-')."""
    from sitroom.nlp.quantities.units import MEASURES

    u = _unit(q)
    if u == "-":
        return "no_unit"
    if u.startswith("percentage"):
        return "percent"
    if u.split()[-1] in _MONEY:
        return "money"
    if u in set(MEASURES.values()) or " per " in u or u.startswith("degree"):
        return "measure"
    return "count"


def breakdown(golds: Sequence[list[dict]], preds: Sequence[list[dict]]) -> dict:
    """Recall per gold type (unit kind), per shape (scalar/range) and per change marker:
    value and value+unit recall by type and shape, value+change recall by change."""
    groups: dict[str, dict[str, Callable[[dict], bool]]] = {
        "by_type": {
            t: (lambda g, t=t: gold_type(g) == t)
            for t in ("count", "percent", "money", "measure", "no_unit")
        },
        "by_shape": {
            "scalar": lambda g: _as_value(g)[1] is None,
            "range": lambda g: _as_value(g)[1] is not None,
        },
        "by_change": {
            c: (lambda g, c=c: (g.get("change") or "=") == c)
            for c in ("=", "~", "up", "down", ">", "<")
        },
    }
    checks: dict[str, Matcher] = {
        "value": value_match,
        "value_unit": lambda g, p: value_match(g, p) and _unit(g) == _unit(p),
        "value_change": lambda g, p: (
            value_match(g, p) and (g.get("change") or "=") == (p.get("change") or "=")
        ),
    }
    out: dict = {}
    for group, members in groups.items():
        table = {}
        for name, keep in members.items():
            subset = [[g for g in gold if keep(g)] for gold in golds]
            n = sum(map(len, subset))
            if not n:
                continue
            row = {"gold": n}
            for metric, ok in checks.items():
                if group == "by_change" and metric == "value_unit":
                    continue
                tp = sum(
                    max_matching(len(g), len(p), lambda a, b, ok=ok, g=g, p=p: ok(g[a], p[b]))
                    for g, p in zip(subset, preds, strict=True)
                )
                row[f"{metric}_recall"] = tp / n
            table[name] = row
        out[group] = table
    return out


def predict(text: str) -> list[dict]:
    """Our predictions for one sentence, in the README output format."""
    return [to_newsquant(q) for q in find_quantities(text) if in_newsquant_scope(q)]


def predict_quantulum(text: str) -> list[dict]:
    """quantulum3 baseline: its value (a midpoint for ranges) and unit name ('-' if none)."""
    from quantulum3 import parser

    out = []
    for q in parser.parse(text):
        name = q.unit.name.lower() if q.unit is not None else "dimensionless"
        out.append(
            {
                "value": float(q.value),
                "range": None,
                "normalized_unit": "-" if name == "dimensionless" else name,
                "change": "=",
            }
        )
    return out


def _timed(fn: Callable[[str], list[dict]], texts: list[str]) -> tuple[list[list[dict]], dict]:
    per: list[float] = []
    preds = []
    for t in texts:
        t0 = time.perf_counter()
        preds.append(fn(t))
        per.append(time.perf_counter() - t0)
    ordered = sorted(per) or [0.0]
    return preds, {
        "seconds_total": sum(per),
        "seconds_mean": sum(per) / max(len(per), 1),
        "seconds_median": ordered[len(ordered) // 2],
        "seconds_max": ordered[-1],
    }


def run_quantity_eval(path: str, baseline: bool = False, range_midpoint: bool = False) -> dict:
    """Score our extractor (and quantulum3 when `baseline`) on a NewsQuant-format JSONL file.

    Returns value/value_unit/value_change precision, recall, f1 (fractions), counts, timing
    seconds, and under 'baseline' the same for quantulum3 (its import time is excluded and
    reported as 'load_seconds').
    """
    with open(path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    texts = [r["text"] for r in records]
    golds = [r.get("quantities") or [] for r in records]
    preds, timing = _timed(predict, texts)
    result = score(golds, preds, range_midpoint)
    result.update(timing, sentences=len(records), range_midpoint=range_midpoint)
    result.update(breakdown(golds, preds))
    if baseline:
        t0 = time.perf_counter()
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # noqa: F401

            load = time.perf_counter() - t0
            bpreds, btiming = _timed(predict_quantulum, texts)
        result["baseline"] = {
            "system": "quantulum3",
            **score(golds, bpreds, range_midpoint),
            **btiming,
            "load_seconds": load,
        }
    return result


def main(argv: list[str] | None = None) -> None:
    """CLI: print the metrics as JSON."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path")
    ap.add_argument("--baseline", action="store_true")
    ap.add_argument("--range-midpoint", action="store_true")
    args = ap.parse_args(argv)
    print(json.dumps(run_quantity_eval(args.path, args.baseline, args.range_midpoint), indent=2))


if __name__ == "__main__":
    main()


__all__ = [
    "run_quantity_eval",
    "score",
    "value_match",
    "max_matching",
    "predict",
    "predict_quantulum",
    "breakdown",
    "gold_type",
]
