"""One sentence per measure: the latest figure, who says it, the trend, disagreement, confidence.

Contract: `measure_sentence(measure, cite, grades)` takes a measure as `Sitroom.measure(id)`
returns it (observations, current figure per origin, disagreements), a `report.cite.Citer`
and the grades mapping (`picture.grades.reliability_map`). Every figure in the sentence is one
an origin stated, named with that origin and cited; a range appears only as a range one
statement gave, or labelled as the span across named origins. No figure is ever merged from
different measures.
"""

from __future__ import annotations

from sitroom.report import cite as C

BOUND = {"more_than": "more than ", "at_least": "at least ", "up_to": "up to ", "nearly": "nearly "}
MAX_ORIGINS = 3


def figure(o: dict) -> str:
    """'at least 50', 'about 12,000', '25,000-30,000'."""
    text = C.span(o["low"], o["high"])
    bound = BOUND.get(o.get("bound") or "", "")
    return bound + ("about " if o.get("approx") and not bound else "") + text


def _who(o: dict) -> str:
    origin = o.get("origin") or o.get("outlet") or "an unknown origin"
    outlet = o.get("outlet")
    if not outlet or outlet in origin:  # 'reports (unnamed; KumDi.com, undated)' names it
        return origin
    return f"{origin} (via {outlet})"


def _when(o: dict) -> str:
    return f"as of {o['as_of']}" if o.get("as_of") else "date unknown"


def measure_sentence(m: dict, cite: C.Citer, grades: dict) -> str:
    from sitroom.picture.confidence import judge

    current = sorted(
        m.get("current") or [], key=lambda o: (o.get("as_of") or "", o.get("published_at") or "")
    )
    if not current:
        return "No current figure."
    latest = current[-1]
    text = f"Latest: {figure(latest)} according to {_who(latest)}, {_when(latest)}" + cite(
        [latest["claim_id"]]
    )
    others = [o for o in reversed(current[:-1])][:MAX_ORIGINS]
    if others:
        text += "; " + "; ".join(
            f"{figure(o)} according to {_who(o)}, {_when(o)}" + cite([o["claim_id"]])
            for o in others
        )
        if len(current) - 1 > len(others):
            text += f"; and {len(current) - 1 - len(others)} more origins"
    trend = _trend(m, latest, cite)
    if trend:
        text += f". {trend}"
    dis = _disagreement(m, cite)
    if dis:
        text += f". {dis}"
    observations = [o for o in m.get("observations", []) if o.get("role") != "sum"]
    word = judge(observations or current, grades).word
    return text + f". Confidence: {word}."


def _trend(m: dict, latest: dict, cite: C.Citer) -> str:
    """How the latest origin's own figure moved: its earliest stated total against its latest
    (a revision or a growing toll). Figures of different origins are never chained."""
    who = latest.get("origin") or latest.get("outlet")
    obs = [
        o
        for o in m.get("observations", [])
        if o.get("role") == "figure"
        and o.get("basis") == "total"
        and o.get("as_of")
        and (o.get("origin") or o.get("outlet")) == who
    ]
    if len({o["as_of"] for o in obs}) < 2:
        return ""
    obs.sort(key=lambda o: (o["as_of"], o.get("published_at") or ""))
    first, last = obs[0], obs[-1]
    if last["high"] == first["high"] and last["low"] == first["low"]:
        return f"{who} has given {figure(last)} since {first['as_of']}" + cite([first["claim_id"]])
    word = "raised" if last["high"] > first["high"] else "lowered"
    return (
        f"{who} {word} its figure from {figure(first)} ({first['as_of']})"
        + cite([first["claim_id"]])
        + f" to {figure(last)} ({last['as_of']})"
        + cite([last["claim_id"]])
    )


def _disagreement(m: dict, cite: C.Citer) -> str:
    rows = m.get("disagreements") or []
    if not rows:
        return ""
    d = max(rows, key=lambda r: r["gap"])
    a, b = d.get("a") or {}, d.get("b") or {}
    if not a or not b:
        return ""
    text = (
        f"Origins disagree: {a.get('origin') or a.get('outlet')} says {figure(a)} ({_when(a)})"
        + cite([a["claim_id"]])
        + f", {b.get('origin') or b.get('outlet')} says {figure(b)} ({_when(b)})"
        + cite([b["claim_id"]])
        + f", a gap of {d['gap']:.0%}"
    )
    pairs = max(len(rows), m.get("n_disagreements") or 0)
    if pairs > 1:
        text += f" ({pairs} disagreeing pairs)"
    return text
