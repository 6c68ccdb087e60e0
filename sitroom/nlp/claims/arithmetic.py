"""Arithmetic checks within one article: stated multipliers and shares against the figures.

"12,000 sent, then 25,000-30,000 additional, effectively tripling": the new total is 37,000 to
42,000, i.e. 3.08 to 3.5 times the first figure; a stated factor within half a unit of that
range holds. The note names its inputs so the number can be traced.
"""

from __future__ import annotations

import json

from sitroom.nlp.quantities.finder import find_quantities

TOLERANCE = 0.5


def multiplier_checks(rows: list[dict]) -> None:
    """Attach a `consistency` note to each increment claim whose sentence states a factor."""
    for row in rows:
        if row["q_basis"] != "additional" or row["q_low"] is None:
            continue
        factors = [q for q in find_quantities(row["sentence"]) if q.kind == "multiplier"]
        if not factors:
            continue
        base = _earlier_total(rows, row)
        if base is None:
            row["consistency"] = json.dumps(
                {
                    "check": "multiplier",
                    "stated": factors[0].low,
                    "holds": None,
                    "why": "no earlier total of the same kind and actor in the article",
                }
            )
            continue
        stated = factors[0].low
        b = base["q_low"]
        low, high = (b + row["q_low"]) / b, (b + row["q_high"]) / b
        holds = low - TOLERANCE <= stated <= high + TOLERANCE
        row["consistency"] = json.dumps(
            {
                "check": "multiplier",
                "stated": stated,
                "stated_text": factors[0].text,
                "computed": [round(low, 2), round(high, 2)],
                "new_total": [b + row["q_low"], b + row["q_high"]],
                "inputs": [base["id"], row["id"]],
                "holds": holds,
            }
        )


def _earlier_total(rows: list[dict], row: dict) -> dict | None:
    for other in rows:
        if other is row or other["kind"] != row["kind"] or other["actor"] != row["actor"]:
            continue
        if other["q_basis"] == "total" and other["q_low"] and other["status"] == "occurred":
            return other
    return None


SHARE_TOLERANCE = 2.0  # percentage points: "nearly 40%" of 1,000 is 380..420


def share_checks(rows: list[dict]) -> None:
    """A stated share against the counts beside it: "12 of the 30 passengers (40%)".

    Only a sentence with exactly one percentage and two counts is checked: the smaller count
    over the larger must give the stated percentage within SHARE_TOLERANCE points. The note
    goes on the claims that carry either count and names both inputs.
    """
    by_sentence: dict[tuple, list[dict]] = {}
    for row in rows:
        by_sentence.setdefault((row["evidence_start"], row["evidence_end"]), []).append(row)
    for members in by_sentence.values():
        found = find_quantities(members[0]["sentence"])
        shares = [q for q in found if q.kind == "percent"]
        counts = [q for q in found if q.kind == "count" and not q.vague]
        if len(shares) != 1 or len(counts) != 2:
            continue
        part, whole = sorted(counts, key=lambda q: q.low)
        if whole.low <= 0:
            continue
        computed = 100 * part.low / whole.low
        note = {
            "check": "share",
            "stated": shares[0].low,
            "stated_text": shares[0].text,
            "computed": round(computed, 1),
            "inputs": [part.text, whole.text],
            "holds": abs(computed - shares[0].low) <= SHARE_TOLERANCE,
        }
        for row in members:
            if row["q_low"] in (part.low, whole.low) and row["consistency"] is None:
                row["consistency"] = json.dumps(note)
