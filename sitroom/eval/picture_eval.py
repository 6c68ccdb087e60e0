"""`sitroom eval picture DIR`: build the picture of each development set and score it.

DIR holds one folder per set (tests/fixtures/picture/<set>/): `articles.jsonl` (short excerpts
of real reports, read by the JSONL reader) and `expected.json` (the picture written by hand).
Each set is ingested into its own temporary store; the picture is read through the public API
of `Sitroom` and scored by `picture_scoring.score_set`. Prints per set and overall:

- measures: expected measures found, held in one series (not split), mixed with other measures;
- observations: recall of the expected observations, by origin;
- origins: points naming the right origin; statements carried by several outlets read as one;
- current: the current figure per origin (the API's, else the origin's latest point);
- disagreements: required ones found / missed, optional ones found, false alarms;
- judgements: merged min-max ranges, 'almost certain' resting on one origin.

It reads the stored measures API (`Sitroom.measures`, docs/picture.md) when the room has it,
else the picture's estimates and contradictions; `api` forces one.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from sitroom.errors import InputError
from sitroom.eval.picture_scoring import Observed, score_set


def run_picture_eval(
    folder: str, config: str | None = None, details: bool = False, api: str = "auto"
) -> dict:
    """Score every set under `folder` (api: see `observe`). Raises InputError when it holds
    no set."""
    root = Path(folder)
    sets = sorted(p.parent for p in root.glob("*/expected.json"))
    if not sets:
        raise InputError("no development set here (expected <set>/expected.json)", folder)
    from sitroom.app import Sitroom

    if api not in ("auto", "measures", "estimates"):
        raise InputError("api must be auto, measures or estimates", api)
    if api == "measures" and not hasattr(Sitroom, "measures"):
        raise InputError("this sitroom has no stored measures API (Sitroom.measures)", api)
    pipeline = None
    per_set = {}
    for path in sets:
        articles = path / "articles.jsonl"
        expected = json.loads((path / "expected.json").read_text("utf-8"))
        with tempfile.TemporaryDirectory(prefix="sitroom-picture-") as tmp:
            room = Sitroom(db=str(Path(tmp) / "set.db"), config=config)
            if pipeline is not None:  # load the NLP models once for all sets
                room.__dict__["pipeline"] = pipeline
            room.ingest([str(articles)])
            pipeline = room.pipeline
            observed = observe(room, _article_ids(articles), api)
            room.store.engine.dispose()
        result = score_set(expected, observed)
        if not details:
            result = _brief(result)
        per_set[path.name] = {"api": observed.api, **result}
    return {"sets": per_set, "overall": overall(per_set)}


def _article_ids(path: Path) -> dict[str, str]:
    """url -> article id of the set's JSONL file."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out[rec["url"]] = rec["id"]
    return out


def observe(room, by_url: dict[str, str], api: str = "auto") -> Observed:  # noqa: ANN001
    """The picture as plain data, read through the room's public API.

    api 'measures' (the default when the room has `Sitroom.measures`): the stored measures,
    their observations, per-origin current figures and disagreements (docs/picture.md).
    api 'estimates': the picture's estimates and contradictions (no per-origin current
    figure there, so the scorer takes each origin's latest point).
    """
    docs = {d["id"]: d for d in room.documents()}

    def article(doc_id: str | None) -> str | None:
        doc = docs.get(doc_id or "")
        return by_url.get(doc["url"]) if doc else None

    picture = room.picture()
    if api == "auto":
        api = "measures" if hasattr(room, "measures") else "estimates"
    if api == "measures":
        series, contradictions = _from_measures(room, article)
    else:
        series, contradictions = _from_estimates(room, picture, article)
    return Observed(series, contradictions, list(picture.judgements), api=api)


def _from_measures(room, article) -> tuple[list[dict], list[dict]]:  # noqa: ANN001
    series = []
    for row in room.measures(limit=None):
        m = room.measure(row["id"])
        points = [
            {
                "claim_id": o["claim_id"],
                "doc": article(o["doc_id"]),
                "origin": o["origin"],
                "low": o["low"],
                "high": o["high"],
                "as_of": (o["as_of"] or "")[:10],
                "published": o.get("published_at") or "",
            }
            for o in m["observations"]
            if o.get("role") != "sum"  # derived sums are not statements of a source
        ]
        current = {o["origin"] or "": (o["low"], o["high"]) for o in m["current"]}
        series.append({"id": m["id"], "name": m["name"], "points": points, "current": current})
    contradictions = []
    for d in room.disagreements(limit=None):
        sides = [
            {
                "claim_id": o["claim_id"],
                "doc": article(o["doc_id"]),
                "low": o["low"],
                "high": o["high"],
            }
            for o in (d["a"], d["b"])
            if o
        ]
        contradictions.append({"claims": sides})
    return series, contradictions


def _from_estimates(room, picture, article) -> tuple[list[dict], list[dict]]:  # noqa: ANN001
    claims = {c["id"]: c for c in room.claims(include_restatements=True)}

    def claim_doc(claim_id: str) -> str | None:
        c = claims.get(claim_id)
        return article(c["document"]["id"]) if c else None

    series = []
    for n, est in enumerate(picture.estimates):
        points = [
            {
                "claim_id": p.claim_id,
                "doc": claim_doc(p.claim_id),
                "origin": p.origin,
                "low": p.low,
                "high": p.high,
                "as_of": (p.refers_to or p.published_at or "")[:10],
                "published": p.published_at or "",
            }
            for p in est.points
        ]
        series.append({"id": f"s{n}", "name": est.measure, "points": points, "current": None})
    contradictions = []
    for c in picture.contradictions:
        sides = []
        for side in c.sides:
            q = side.get("quantity") or {}
            if q.get("low") is None:
                continue
            sides.append(
                {
                    "claim_id": side["id"],
                    "doc": article(side["document"]["id"]),
                    "low": q["low"],
                    "high": q["high"],
                }
            )
        contradictions.append({"claims": sides})
    return series, contradictions


def _brief(result: dict) -> dict:
    """Drop the long lists (rows, misses, examples) unless --details is asked."""
    out = {}
    for key, value in result.items():
        out[key] = {k: v for k, v in value.items() if k not in ("rows", "misses", "wrong")}
        if key == "judgements":
            out[key].pop("examples", None)
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def overall(per_set: dict) -> dict:
    """Sums over the sets, and the ratios a reader compares between runs."""

    def total(section: str, key: str) -> int:
        return sum(r[section][key] for r in per_set.values())

    return {
        "sets": len(per_set),
        "measures_found": _ratio(total("measures", "found"), total("measures", "expected")),
        "measures_one_series": _ratio(
            total("measures", "one_series"), total("measures", "expected")
        ),
        "measures_mixed": total("measures", "mixed"),
        "observation_recall": _ratio(
            total("observations", "found"), total("observations", "expected")
        ),
        "origin_accuracy": _ratio(total("origins", "right_origin"), total("origins", "points")),
        "statements_one_origin": _ratio(
            total("origins", "one_origin"), total("origins", "multi_carrier_statements")
        ),
        "current_accuracy": _ratio(total("current", "right"), total("current", "expected")),
        "disagreements_found": f"{total('disagreements', 'found')}/"
        f"{total('disagreements', 'expected')}",
        "disagreements_optional_found": total("disagreements", "optional_found"),
        "disagreements_false": total("disagreements", "false"),
        "disagreements_unlisted": total("disagreements", "unlisted"),
        "judgements_checked": total("judgements", "checked"),
        "judgements_merged_ranges": total("judgements", "merged_ranges"),
        "judgements_almost_certain_one_origin": total("judgements", "almost_certain_one_origin"),
    }
