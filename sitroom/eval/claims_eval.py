"""Claim extraction scored against gold claims, with the rules of the gold README.

1. A prediction matches a gold claim of the same doc when its evidence span overlaps the gold
   quote's location, the kind is equal and, where the gold has a quantity, low and high are equal
   within 1%. Each gold claim matches at most one prediction (and each prediction one gold).
2. Precision / recall / F1 over matches, overall and per kind; restatements linked to a first
   statement are not counted as predictions.
3. Field accuracy over matched pairs.

A gold line whose `kind` is null only declares its document annotated with no claims there, so
that predictions on it count as false alarms.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from sitroom.errors import ExtractionError, InputError, SitroomError
from sitroom.ingest.base import FailedInput, ReaderSettings
from sitroom.ingest.jsonl import record_to_document
from sitroom.ingest.paths import iter_inputs
from sitroom.nlp.actors.index import actor_index
from sitroom.nlp.types import RawDocument

FIELDS = (
    "actor",
    "target",
    "quantity.basis",
    "quantity.approx",
    "casualty",
    "place",
    "status",
    "certainty",
    "attribution.kind",
    "attribution.source",
)


def load_gold(path: str) -> list[dict]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read gold file: {exc.strerror}", subject=path) from exc
    out = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"line {n} is not JSON: {exc.msg}", subject=path) from exc
    return out


def load_texts(path: str, wanted: set[str]) -> dict[str, RawDocument]:
    """The documents the gold refers to: JSONL records by `id`, or folder files by name."""
    p = Path(path)
    docs: dict[str, RawDocument] = {}
    if p.is_file() and p.suffix in (".jsonl", ".json"):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            if str(rec.get("id")) in wanted:
                docs[str(rec["id"])] = record_to_document(rec, f"{path}#{n}")
        return docs
    if not p.exists():
        raise InputError("no such file or folder", subject=path)
    for item in iter_inputs([str(p)], ReaderSettings()):
        if isinstance(item, FailedInput):
            continue
        name = Path(item.origin.split("#")[0]).name
        if name in wanted:
            docs[name] = item
    return docs


def _overlaps(pred: dict, start: int, end: int) -> bool:
    return pred["evidence_start"] < end and start < pred["evidence_end"]


def _q_equal(pred: dict, gq: dict) -> bool:
    if pred["q_low"] is None:
        return False
    return all(
        abs(p - g) <= 0.01 * max(abs(g), 1e-9)
        for p, g in ((pred["q_low"], gq["low"]), (pred["q_high"], gq["high"]))
    )


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence(s) around text[start:end], for showing a miss in context (display only)."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(m, 0, start) for m in (". ", "? ", "! ")))
    right = [i for i in (text.find("\n", end), text.find(". ", end)) if i >= 0]
    stop = min(right) + 1 if right else len(text)
    return text[left + 1 if left >= 0 else 0 : stop].strip()


def match_doc(text: str, gold: list[dict], preds: list[dict]) -> list[tuple[dict, dict]]:
    """Gold-prediction pairs under rule 1, gold claims taken in order, closest prediction first."""
    pairs, used = [], set()
    for g in gold:
        start = text.find(g["quote"])
        if start < 0:
            continue
        end = start + len(g["quote"])
        cands = [
            p
            for p in preds
            if id(p) not in used
            and p["kind"] == g["kind"]
            and _overlaps(p, start, end)
            and (g.get("quantity") is None or _q_equal(p, g["quantity"]))
        ]
        if cands:
            best = min(cands, key=lambda p: abs(p["evidence_start"] - start))
            used.add(id(best))
            pairs.append((g, best))
    return pairs


def field_correct(name: str, g: dict, p: dict, places: dict) -> bool | None:
    """Whether one field agrees; None when the field does not apply to this pair."""
    index = actor_index()
    if name in ("actor", "target"):
        return index.same(g.get(name), p[name])
    if name.startswith("quantity."):
        if not g.get("quantity"):
            return None
        key = name.split(".")[1]
        return g["quantity"].get(key) == p[f"q_{key}"]
    if name == "casualty":
        return None if g["kind"] != "casualties" else g.get("casualty") == p["casualty"]
    if name == "place":
        return place_equal(g.get("place"), places.get(p["place_id"]))
    if name in ("status", "certainty"):
        return None if name not in g else g[name] == p[name]
    attribution = g.get("attribution")
    if attribution is None:
        return None
    if name == "attribution.kind":
        return attribution.get("kind") == p["attribution_kind"]
    if name == "attribution.source":
        return index.same(attribution.get("source"), p["attribution_source"])
    return None


ADMIN_SUFFIXES = re.compile(
    r"\s+(oblast|province|district|governorate|region|state|krai|county|prefecture)$"
)


def _place_name(name: str) -> str:
    return ADMIN_SUFFIXES.sub("", name.strip().lower())


def place_equal(gold: str | None, place: dict | None) -> bool:
    """Same place, or the place that contains it, down to admin-1 level; any naming: an
    administrative suffix ("Kalat District", "Anbar Governorate") does not change the place."""
    if not gold or place is None:
        return not gold and place is None
    first = _place_name(gold.split(",")[0])
    names = {_place_name(str(place.get(k) or "")) for k in ("name", "admin1", "country_name")}
    return first in names or any(first and first in n for n in names if n)


def _prf(matched: int, predicted: int, gold: int) -> dict:
    p = matched / predicted if predicted else None
    r = matched / gold if gold else None
    f1 = 2 * p * r / (p + r) if p and r else 0.0
    return {
        "precision": None if p is None else round(p, 4),
        "recall": None if r is None else round(r, 4),
        "f1": round(f1, 4),
        "matched": matched,
        "predicted": predicted,
        "gold": gold,
    }


def _place_label(place: dict | None) -> str | None:
    if place is None:
        return None
    return ", ".join(str(place.get(k)) for k in ("name", "admin1", "country_name") if place.get(k))


def score(
    gold: list[dict],
    docs: dict[str, RawDocument],
    preds: dict[str, list[dict]],
    places: dict,
    details: bool = False,
) -> dict:
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        by_doc[g["doc"]]  # a doc declared annotated, even with no claim
        if g.get("kind"):
            by_doc[g["doc"]].append(g)
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # matched, predicted, gold
    tp = n_pred = n_gold = 0
    field_hits: dict[str, list[int]] = {f: [0, 0] for f in FIELDS}
    misses, false_alarms, wrong_fields = [], [], []
    for doc, golds in by_doc.items():
        text = docs[doc].text if doc in docs else ""
        ps = preds.get(doc, [])
        pairs = match_doc(text, golds, ps)
        tp += len(pairs)
        n_pred += len(ps)
        n_gold += len(golds)
        for g, _ in pairs:
            per_kind[g["kind"]][0] += 1
        for p in ps:
            per_kind[p["kind"]][1] += 1
        for g in golds:
            per_kind[g["kind"]][2] += 1
        for g, p in pairs:
            for f in FIELDS:
                ok = field_correct(f, g, p, places)
                if ok is not None:
                    field_hits[f][0] += int(ok)
                    field_hits[f][1] += 1
                if details and ok is False and f in ("actor", "target", "place"):
                    got = p.get(f) if f != "place" else _place_label(places.get(p["place_id"]))
                    wrong_fields.append(
                        {"doc": doc, "id": g["id"], "field": f, "gold": g.get(f), "got": got}
                    )
        if details:
            matched_g = {id(g) for g, _ in pairs}
            matched_p = {id(p) for _, p in pairs}
            for g in golds:
                if id(g) in matched_g:
                    continue
                at = text.find(g["quote"])
                q = g.get("quantity") or {}
                misses.append(
                    {
                        "doc": doc,
                        "id": g["id"],
                        "kind": g["kind"],
                        "actor": g.get("actor"),
                        "q": [q.get("low"), q.get("high")] if q else None,
                        "quote": g["quote"],
                        "sentence": sentence_at(text, at, at + len(g["quote"]))
                        if at >= 0
                        else None,
                    }
                )
            false_alarms += [
                {
                    "doc": doc,
                    "kind": p["kind"],
                    "actor": p["actor"],
                    "q": [p["q_low"], p["q_high"]],
                    "sentence": p["quote"],
                }
                for p in ps
                if id(p) not in matched_p
            ]
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "matched": tp,
        "predicted": n_pred,
        "gold": n_gold,
        "fields": {f: round(h / n, 4) if n else None for f, (h, n) in field_hits.items()},
        "field_counts": {f: n for f, (_, n) in field_hits.items()},
        "kinds": {k: _prf(*per_kind[k]) for k in sorted(per_kind)},
        "documents": len(by_doc),
    }
    if details:
        out["misses"], out["false_alarms"] = misses, false_alarms
        out["wrong_fields"] = wrong_fields  # matched claims with the wrong actor or target
    return out


def run_claims_eval(gold_path: str, texts: str, pipeline, details: bool = False) -> dict:  # noqa: ANN001
    """One gold file scored against the documents it names in `texts`."""
    return run_claims_evals([gold_path], [texts], pipeline, details)[gold_path]


def run_claims_evals(
    gold_paths: list[str],
    texts: list[str],
    pipeline,  # noqa: ANN001
    details: bool = False,
) -> dict[str, dict]:
    """Several gold files (e.g. a dev and a held-out split) scored side by side, keyed by path.

    Each gold document is looked up by id in every `texts` corpus; one extraction pass serves
    all files. Raises InputError when a gold document has no text.
    """
    golds = {path: load_gold(path) for path in gold_paths}
    wanted = {g["doc"] for gold in golds.values() for g in gold}
    docs: dict[str, RawDocument] = {}
    for path in texts:
        docs.update(load_texts(path, wanted - set(docs)))
    missing = wanted - set(docs)
    if missing:
        raise InputError(
            f"no text for gold document(s): {', '.join(sorted(missing)[:5])}",
            subject=", ".join(texts),
        )
    keys = sorted(docs)
    results = pipeline([docs[k] for k in keys], keys)
    preds, places = {}, {}
    for key, result in zip(keys, results, strict=True):
        if isinstance(result, Exception):
            if isinstance(result, SitroomError):
                raise result
            raise ExtractionError(f"extraction failed: {result!r}", subject=key) from result
        preds[key] = [r for r in result.claims if not r["restates"]]
        places.update({p["id"]: p for p in result.references.get("places", [])})
    return {path: score(gold, docs, preds, places, details) for path, gold in golds.items()}
