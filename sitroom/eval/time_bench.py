"""Temporal-expression benchmark: TempEval-3 Task A scoring on character offsets.

Implements tests/fixtures/bench/README.md section 1 exactly: strict (identical span) and relaxed
(>= 1 shared character) P/R/F1 micro-averaged over the file; attributes judged on every
relaxed-matched gold timex against the overlapping system timex with the most overlapping
characters (ties: the earlier one); value F1 = relaxed F1 x value accuracy, type F1 likewise;
per-type recall; optional date-only view; timing over per-document seconds.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime

from sitroom.eval.geo_scoring import timing_summary

Predict = Callable[[str, date | None], list[dict]]
_CALENDAR = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def load_gold(path: str) -> list[dict]:
    """The JSON Lines gold file as a list of documents."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "day"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"-(Q\d|H\d)$"), "quarter"),
    (re.compile(r"_REF$"), "reference"),
    (re.compile(r"^P"), "duration"),
    (re.compile(r"T"), "time"),
    (re.compile(r"^\d{3}$|^\d{2}$"), "decade_century"),
)


def value_form(value: str) -> str:
    """The shape of a TIMEX3 value: day, month, year, week, season, quarter, reference,
    duration, time, decade_century, underspecified (XXXX...), other."""
    if value.startswith("XXXX") or "X" in value[:10] and not value.startswith("P"):
        return "underspecified"
    for pattern, name in _FORMS:
        if pattern.search(value):
            return name
    return "other"


def score_documents(
    gold_docs: Iterable[dict], predictions: dict[str, dict], *, date_only: bool = False
) -> dict:
    """Score predictions {doc id: {"timexes": [...], "seconds"?}} against gold documents."""
    n_gold = n_sys = rel_gold = rel_sys = strict = strict_gold = 0
    matched = value_ok = type_ok = 0
    by_type: dict[str, list[int]] = {}
    value_by: dict[str, dict[str, list[int]]] = {"type": {}, "form": {}}
    seconds: list[float] = []
    docs = 0
    for doc in gold_docs:
        docs += 1
        pred = predictions.get(doc["id"], {"timexes": []})
        if pred.get("seconds") is not None:
            seconds.append(float(pred["seconds"]))
        gold = doc["timexes"]
        system = list(pred["timexes"])
        if date_only:
            keep = [g for g in gold if g["type"] == "DATE" and _CALENDAR.match(g["value"])]
            dropped = [g for g in gold if g not in keep]
            system = [
                s
                for s in system
                if any(_overlap(s, g) for g in keep) or not any(_overlap(s, g) for g in dropped)
            ]
            gold = keep
        n_gold += len(gold)
        n_sys += len(system)
        spans = {(g["start"], g["end"]) for g in gold}
        strict += sum(1 for s in system if (s["start"], s["end"]) in spans)
        sys_spans = {(s["start"], s["end"]) for s in system}
        strict_gold += sum(1 for g in gold if (g["start"], g["end"]) in sys_spans)
        rel_sys += sum(1 for s in system if any(_overlap(s, g) for g in gold))
        for g in gold:
            stats = by_type.setdefault(g["type"], [0, 0])
            stats[1] += 1
            best, best_ov = None, 0
            for s in sorted(system, key=lambda x: (x["start"], x["end"])):
                ov = _overlap(g, s)
                if ov > best_ov:
                    best, best_ov = s, ov
            if best is None:
                continue
            rel_gold += 1
            matched += 1
            stats[0] += 1
            value_ok += best.get("value") == g["value"]
            type_ok += best.get("type") == g["type"]
            for key, cls in (("type", g["type"]), ("form", value_form(g["value"]))):
                cell = value_by[key].setdefault(cls, [0, 0])
                cell[0] += best.get("value") == g["value"]
                cell[1] += 1
    rp, rr = _div(rel_sys, n_sys), _div(rel_gold, n_gold)
    sp, sr = _div(strict, n_sys), _div(strict_gold, n_gold)
    rf1 = _f1(rp, rr)
    vacc, tacc = _div(value_ok, matched), _div(type_ok, matched)
    out = {
        "documents": docs,
        "gold_timexes": n_gold,
        "system_timexes": n_sys,
        "relaxed_precision": rp,
        "relaxed_recall": rr,
        "relaxed_f1": rf1,
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": _f1(sp, sr),
        "value_accuracy": vacc,
        "value_f1": rf1 * vacc,
        "type_accuracy": tacc,
        "type_f1": rf1 * tacc,
        "recall_by_type": {t: _div(a, n) for t, (a, n) in sorted(by_type.items())},
        "value_accuracy_by_type": {
            t: {"matched": n, "value_accuracy": _div(a, n)}
            for t, (a, n) in sorted(value_by["type"].items())
        },
        "value_accuracy_by_form": {
            t: {"matched": n, "value_accuracy": _div(a, n)}
            for t, (a, n) in sorted(value_by["form"].items())
        },
        "date_only": date_only,
        "seconds": timing_summary(seconds),
    }
    return out


def _dct(doc: dict) -> date | None:
    return date.fromisoformat(doc["dct"][:10]) if doc.get("dct") else None


def predict_all(gold_docs: list[dict], predict: Predict) -> dict[str, dict]:
    """Run predict(text, dct) on every document, timing each call."""
    out = {}
    for doc in gold_docs:
        t0 = time.perf_counter()
        timexes = predict(doc["text"], _dct(doc))
        out[doc["id"]] = {"timexes": timexes, "seconds": time.perf_counter() - t0}
    return out


def score_time(gold_path: str, predict: Predict, *, date_only: bool = False) -> dict:
    """Run predict over the gold file and score it (README section 1). predict(text, dct)
    returns [{"start", "end", "type", "value"}, ...]."""
    docs = load_gold(gold_path)
    return score_documents(docs, predict_all(docs, predict), date_only=date_only)


def ours(text: str, dct: date | None) -> list[dict]:
    """sitroom's own tagger as a predict function."""
    from sitroom.nlp.time.timex import find_timexes

    return [
        {"start": t.start, "end": t.end, "type": t.type, "value": t.value}
        for t in find_timexes(text, dct)
    ]


def baseline(text: str, dct: date | None) -> list[dict]:
    """dateparser peer: search_dates(languages=['en'], RELATIVE_BASE=dct); each found string is
    located from a moving cursor; type DATE with value YYYY-MM-DD (cut to YYYY for a bare year
    and to YYYY-MM for a month with no day number, so plain calendar strings can score), or TIME
    with THH:MM when the string carries a clock time."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(dct.year, dct.month, dct.day)} if dct else {}
    try:
        found = search_dates(text, languages=["en"], settings=settings) or []
    except Exception:  # dateparser raises on odd input; the peer then finds nothing
        found = []
    out, cursor = [], 0
    for s, dt in found:
        i = text.find(s, cursor)
        if i < 0:
            continue
        cursor = i + len(s)
        has_time = bool(re.search(r"\d[:.]\d\d|\b[ap]\.?m\b|noon|midnight", s, re.I))
        if has_time:
            out.append(
                {"start": i, "end": cursor, "type": "TIME", "value": dt.strftime("%Y-%m-%dT%H:%M")}
            )
        else:
            out.append({"start": i, "end": cursor, "type": "DATE", "value": _granular(s, dt)})
    return out


def _granular(s: str, dt: datetime) -> str:
    if re.fullmatch(r"\s*\d{4}\s*", s):
        return dt.strftime("%Y")
    if (
        not re.search(r"\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b(?!\d)", s)
        and re.search(r"[A-Za-z]{3}", s)
        and re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", s, re.I)
    ):
        return dt.strftime("%Y-%m")
    return dt.strftime("%Y-%m-%d")


def run_time_eval(path: str, baseline: bool = False, date_only: bool = False) -> dict:
    """Metrics of our tagger on a gold file; with baseline=True the dateparser metrics are added
    under key 'baseline'."""
    result = score_time(path, ours, date_only=date_only)
    if baseline:
        result["baseline"] = score_time(path, _dateparser_predict, date_only=date_only)
    return result


_dateparser_predict = baseline
