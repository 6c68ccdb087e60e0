"""Arithmetic across articles: a multiplier stated in one article against other articles.

Each within-article `consistency` note (nlp.claims.arithmetic: "12,000 ... then 25,000-30,000
additional, effectively tripling") is re-checked with the figures other articles give: the
base is the latest occurred total of the same measure from any document published on or
before the claim's, the increment is the claim's own range. The check holds when the stated
factor lies within half a unit of the computed range (the within-article tolerance).
"""

from __future__ import annotations

from sitroom.picture.common import published
from sitroom.picture.model import Estimate

TOLERANCE = 0.5


def cross_checks(claims: list[dict], estimates: list[Estimate]) -> list[dict]:
    """One dict per stated multiplier: inputs, stated, computed, holds, note, within-article."""
    by_key = {tuple(e.key.values()): e for e in estimates}
    out = []
    for c in claims:
        note = c.get("consistency")
        if not note or note.get("check") != "multiplier" or not c.get("quantity"):
            continue
        from sitroom.picture.estimates import measure_key

        kind, actor, target, casualty, unit, _group, _basis = measure_key(c)
        base_est = by_key.get((kind, actor, target, casualty, unit, "occurred", "total"))
        pub = published(c) or ""
        bases = [p for p in (base_est.points if base_est else []) if (p.published_at or "") <= pub]
        stated = note.get("stated")
        entry = {
            "check": "multiplier",
            "claim": c["id"],
            "stated": stated,
            "stated_text": note.get("stated_text"),
            "within_article": note,
        }
        if not bases or stated is None:
            out.append(
                {
                    **entry,
                    "inputs": [c["id"]],
                    "computed": None,
                    "holds": None,
                    "why": "no total of the same measure in the store to check against",
                }
            )
            continue
        base = bases[-1]
        q = c["quantity"]
        low = (base.low + q["low"]) / base.low
        high = (base.high + q["high"]) / base.high
        holds = low - TOLERANCE <= stated <= high + TOLERANCE
        out.append(
            {
                **entry,
                "inputs": [base.claim_id, c["id"]],
                "computed": [round(low, 2), round(high, 2)],
                "holds": holds,
                "why": f"({base.low:,.0f} + {q['low']:,.0f}..{q['high']:,.0f}) / "
                f"{base.low:,.0f} = {low:.2f}..{high:.2f}; stated {stated}",
            }
        )
    return out
