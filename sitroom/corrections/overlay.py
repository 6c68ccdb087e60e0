"""Applying corrections at read time: machine rows stay as extracted; views show the analyst's
value with the machine's beside it. Called by the core object's read methods, so the CLI, the
API, the brief and exports all see the same corrected picture; re-extraction rewrites claims
but never the corrections table, and a correction finds its claim again by its deterministic id.

Contract (each function changes the given views in place and returns them):
- `claim_views(store, views)`: a claim with corrections gets `correction` = {"ids", "rejected"
  (the reject statement or None), "fields" {field: statement}, "machine" {field: machine value}}
  and the corrected field values.
- `source_rows(store, rows)`: an analyst grade replaces `reliability`; the stored grade is kept
  as `machine_reliability`, the statement as `correction`.
- `measure_rows(store, rows)`: measures merged into another are left out; the current figures
  of rejected claims are dropped; `assessments` attached; `merged_from` on merge targets.
- `measure_detail(store, m, load)`: one measure with merged measures' observations added
  (`load(id)` reads a measure), split-off and rejected observations removed (split series in
  `splits`), corrected figures applied (`machine_low`/`machine_high` kept), current figures
  and disagreements recomputed from what is left; `assessments` attached.
"""

from __future__ import annotations

from sitroom.corrections import statements as st
from sitroom.views import LIKELIHOOD


def claim_views(store, views: list[dict]) -> list[dict]:  # noqa: ANN001
    found = st.active(store, "claim", [v["id"] for v in views])
    for v in views:
        for c in found.get(v["id"], []):
            apply_claim(v, c)
    return views


def apply_claim(v: dict, c: dict) -> None:
    corr = v.setdefault("correction", {"ids": [], "rejected": None, "fields": {}, "machine": {}})
    corr["ids"].append(c["id"])
    if c["action"] == "reject":
        corr["rejected"] = c
        return
    if c["action"] == "assess":
        v.setdefault("assessments", []).append(c)
        return
    if c["action"] != "correct":
        return
    name, value = c["field"], c["value"]
    corr["machine"].setdefault(name, v.get(name))
    corr["fields"][name] = c
    if name == "quantity":
        v["quantity"] = {**(v.get("quantity") or {"unit": None, "approx": False}), **value}
        v["quantity"]["text"] = None
    elif name == "when":
        v["when"] = {**(v.get("when") or {}), **value, "resolved": True, "precision": "day"}
        v["when"]["text"] = value["earliest"]
    elif name == "place":
        v["place"] = {"id": None, "text": value, "name": value}
    else:
        v[name] = value
        if name == "certainty":
            v["likelihood"] = LIKELIHOOD.get(value)


def source_rows(store, rows: list[dict]) -> list[dict]:  # noqa: ANN001
    found = st.active(store, "source", [r["id"] for r in rows])
    for r in rows:
        grades = [c for c in found.get(r["id"], []) if c["action"] == "grade"]
        if grades:
            last = grades[-1]
            r["machine_reliability"] = r["reliability"]
            r["reliability"] = last["value"]
            r["graded_by"] = f"analyst {last['author']}"
            r["correction"] = last
    return rows


def _claim_state(store, claim_ids) -> tuple[set[str], dict[str, dict]]:  # noqa: ANN001
    """(rejected claim ids, claim id -> corrected figure {'low','high'})."""
    found = st.active(store, "claim", claim_ids)
    rejected = {cid for cid, cs in found.items() if any(c["action"] == "reject" for c in cs)}
    figures = {}
    for cid, cs in found.items():
        fixes = [c for c in cs if c["action"] == "correct" and c["field"] == "quantity"]
        if fixes:
            figures[cid] = fixes[-1]["value"]
    return rejected, figures


def measure_rows(store, rows: list[dict]) -> list[dict]:  # noqa: ANN001
    ids = [r["id"] for r in rows]
    found = st.active(store, "measure", ids)
    merged_away = {r["id"] for r in rows if _merged_into(found.get(r["id"], []))}
    targets = st.active(store, "measure", None) if any(found.values()) else {}
    claims = [o["claim_id"] for r in rows for o in r.get("current", [])]
    rejected, figures = _claim_state(store, claims)
    out = []
    for r in rows:
        if r["id"] in merged_away:
            continue
        if rejected or figures:
            r["current"] = [
                _fix_obs(o, figures) for o in r.get("current", []) if o["claim_id"] not in rejected
            ]
        notes = [c for c in found.get(r["id"], []) if c["action"] == "assess"]
        merged = sorted(mid for mid, cs in targets.items() if _merged_into(cs) == r["id"])
        if notes:  # keys only when there is something to show: rows keep their shape
            r["assessments"] = notes
        if merged:
            r["merged_from"] = merged
        out.append(r)
    return out


def _merged_into(cs: list[dict]) -> str | None:
    merges = [c for c in cs if c["action"] == "merge"]
    return merges[-1]["value"] if merges else None


def merged_into(store, measure_id: str) -> str | None:  # noqa: ANN001
    return _merged_into(st.active(store, "measure", [measure_id]).get(measure_id, []))


def measure_detail(store, m: dict, load) -> dict:  # noqa: ANN001
    all_measure = st.active(store, "measure", None)
    mine = all_measure.get(m["id"], [])
    notes = [c for c in mine if c["action"] == "assess"]
    merged = sorted(mid for mid, cs in all_measure.items() if _merged_into(cs) == m["id"])
    if notes:  # keys only when there is something to show
        m["assessments"] = notes
    if merged:
        m["merged_from"] = merged
    changed = False
    for mid in merged:
        other = load(mid)
        for o in other["observations"]:
            m["observations"].append({**o, "merged_from": mid})
        m["disagreements"] += other.get("disagreements", [])
        changed = True
    split_out = {}
    for c in mine:
        if c["action"] == "split":
            for cid in c["value"]:
                split_out[cid] = c
    claims = [o["claim_id"] for o in m["observations"]]
    rejected, figures = _claim_state(store, claims)
    if split_out or rejected or figures:
        changed = True
    kept, splits = [], {}
    for o in m["observations"]:
        if o["claim_id"] in rejected:
            continue
        o = _fix_obs(o, figures)
        if o["claim_id"] in split_out:
            c = split_out[o["claim_id"]]
            splits.setdefault(c["id"], {"correction": c, "observations": []})[
                "observations"
            ].append(o)
            continue
        kept.append(o)
    if splits:
        m["splits"] = list(splits.values())
    if changed:
        kept.sort(key=lambda o: (o["as_of"] or "", o["published_at"] or "", o["claim_id"]))
        m["observations"] = kept
        gone = rejected | set(split_out)
        live = {o["id"] for o in kept}
        m["disagreements"] = [
            d
            for d in m["disagreements"]
            if not ({(d.get("a") or {}).get("claim_id"), (d.get("b") or {}).get("claim_id")} & gone)
            and {d.get("obs_a"), d.get("obs_b")} <= live | {None}
        ]
        m["current"] = current_of(kept)
        m["n_disagreements"] = len(m["disagreements"])
        m["n_origins"] = len({o.get("origin") or o.get("outlet") for o in kept})
    return m


def _fix_obs(o: dict, figures: dict[str, dict]) -> dict:
    fix = figures.get(o["claim_id"])
    if not fix:
        return o
    return {
        **o,
        "machine_low": o["low"],
        "machine_high": o["high"],
        "low": fix["low"],
        "high": fix["high"],
    }


def current_of(obs: list[dict]) -> list[dict]:
    """Each origin's current figure (docs/picture.md): its latest figure that is not a part,
    totals before window counts, ties to the later publication."""
    best: dict[str, dict] = {}
    for o in obs:
        if o.get("role") not in (None, "figure"):
            continue
        key = o.get("origin") or o.get("outlet") or "?"
        rank = (o.get("basis") != "window", o.get("as_of") or "", o.get("published_at") or "")
        if key not in best or rank >= best[key][0]:
            best[key] = (rank, o)
    return sorted(
        (o for _, o in best.values()), key=lambda o: (o["as_of"] or "", o.get("origin") or "")
    )
