"""The brief's compact sections beside the measures: predictions, timeline, arithmetic.

Contract (each reads stored rows only, a bounded number of them, so the brief stays under a
second on a large store; every figure is cited through the brief's `Citer`):

- `predictions(room, filters, cite, add_views)`: the planned measures in scope (best ranked
  first, at most PREDICTIONS), each with its latest planned figure and origin, and what was
  observed afterwards of the same measure: same kind, actor, target, casualty type, unit and
  theatre, status occurred, an observation dated on or after the planned figure's date and,
  when the plan states an end date, no later than it. Anything else (another actor, another
  theatre, an unrelated remark) never bears a prediction out.
- `timeline(sections_details, cite)`: the newest dated figures of the ranked measures, one
  line each (date, measure, figure, origin), at most TIMELINE lines.
- `arithmetic(room, details, cite, add_views)`: checks the figures allow: a part against its
  whole ("18 soldiers" of "31 people"), a killed-or-wounded total against killed + wounded of
  the same report, and within-article multipliers ("tripling") with the inputs they used.

`add_views(observations)` registers claim views for observations the brief did not load yet.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from sitroom.report import cite as C
from sitroom.report.phrases import figure
from sitroom.store import schema as S

PREDICTIONS, TIMELINE, ARITHMETIC = 8, 15, 10
M, OB = S.measures, S.observations


def _who(o: dict) -> str:
    return o.get("origin") or o.get("outlet") or "an unknown origin"


def predictions(room, filters: dict, cite: C.Citer, add_views) -> list[dict]:  # noqa: ANN001
    from sitroom.picture.measures.read import measure_filters, measure_row

    q = measure_filters(select(M).where(M.c.status == "planned"), **filters)
    q = q.order_by(M.c.score.desc(), M.c.id).limit(PREDICTIONS)
    with room.store.connect() as conn:
        planned = [measure_row(dict(r._mapping)) for r in conn.execute(q)]
        out = []
        for m in planned:
            plan = _latest_obs(conn, m["id"])
            if plan is None:
                continue
            opens, closes = _window(plan)
            later = _borne(conn, m, plan) if opens else []
            add_views([plan, *later])
            text = f"{figure(plan)} according to {_who(plan)} (as of {opens or 'date unknown'}"
            text += f", for {closes})" if plan.get("refers_to") else ")"
            text += cite([plan["claim_id"]])
            if later:
                text += "; observed since: " + "; ".join(
                    f"{figure(o)} per {_who(o)} (as of {o['as_of']})" + cite([o["claim_id"]])
                    for o in later
                )
                state = "observed since"
            elif opens:
                text += f"; no observation of the same measure from {opens} to {closes}"
                state = "open"
            else:
                text += "; undated, so nothing later can be checked against it"
                state = "undated"
            out.append({"id": m["id"], "name": m["name"], "state": state, "text": text})
    return out


def _latest_obs(conn, measure_id: str) -> dict | None:  # noqa: ANN001
    q = (
        select(OB)
        .where(OB.c.measure_id == measure_id, OB.c.role == "figure")
        .order_by(OB.c.as_of.desc(), OB.c.published_at.desc(), OB.c.id)
        .limit(1)
    )
    row = conn.execute(q).first()
    return dict(row._mapping) if row else None


def _window(plan: dict) -> tuple[str | None, str]:
    """(opens, closes): from the plan's date (as-of, else publication) to its stated end, or
    UNDATED_DAYS later (a forecast naming no time is not borne out years afterwards)."""
    from datetime import date, timedelta

    from sitroom.picture.predictions import UNDATED_DAYS

    opens = plan.get("as_of") or (plan.get("published_at") or "")[:10] or None
    if plan.get("refers_to") and plan["refers_to"] > (opens or ""):
        return opens, plan["refers_to"]
    try:
        end = date.fromisoformat(opens) + timedelta(days=UNDATED_DAYS)
    except (TypeError, ValueError):
        return opens, "an unknown end"
    return opens, end.isoformat()


def _borne(conn, m: dict, plan: dict, limit: int = 2) -> list[dict]:  # noqa: ANN001
    """Observations of the same measure (kind, actor, target, casualty, unit, theatre; for an
    incident the same place), occurred and dated inside the plan's window."""

    def same(col, value):  # noqa: ANN001, ANN202
        return col.is_(None) if value is None else col == value

    cond = [M.c.status == "occurred"] + [
        same(getattr(M.c, k), m[k]) for k in ("kind", "actor", "target", "casualty", "unit")
    ]
    cond.append(same(M.c.theatre, m["theatre"]))
    if m["scope"] == "incident" and m.get("incident"):
        cond.append(M.c.incident.like(m["incident"].rsplit(",", 1)[0] + ",%"))
    opens, closes = _window(plan)
    q = select(OB).where(
        OB.c.measure_id.in_(select(M.c.id).where(*cond)),
        OB.c.role == "figure",
        OB.c.as_of.is_not(None),
    )
    if opens:
        q = q.where(OB.c.as_of >= opens)
    if closes[:1].isdigit():
        q = q.where(OB.c.as_of <= closes)
    q = q.order_by(OB.c.as_of.desc(), OB.c.id).limit(limit)
    return [dict(r._mapping) for r in conn.execute(q)]


def timeline(details: list[dict], cite: C.Citer) -> list[dict]:
    """The newest dated figures of the ranked measures (one per measure, origin and day)."""
    rows = {}
    for m in details:
        for o in m["observations"]:
            if o["as_of"] and o["role"] == "figure":
                rows.setdefault((o["as_of"], m["id"], _who(o)), (m, o))
    out = []
    for (day, _mid, who), (m, o) in sorted(rows.items(), key=lambda kv: kv[0], reverse=True):
        if len(out) >= TIMELINE:
            break
        out.append(
            {
                "date": day,
                "anchor": f"m-{m['id']}",
                "name": m["name"],
                "text": f"{figure(o)} according to {who}" + cite([o["claim_id"]]),
            }
        )
    return out


def arithmetic(room, details: list[dict], cite: C.Citer, add_views) -> list[str]:  # noqa: ANN001
    out: list[str] = []
    by_id = {o["id"]: o for m in details for o in m["observations"]}
    for m in details:
        for lk in m.get("links") or []:
            whole, part = by_id.get(lk["whole_id"]), by_id.get(lk["part_id"])
            if not whole or not part or len(out) >= ARITHMETIC:
                continue
            marks = cite([whole["claim_id"], part["claim_id"]])
            if lk["relation"] == "includes":
                holds = part["high"] <= whole["high"]
                out.append(
                    f"{figure(part)} is part of {figure(whole)} ({lk['why']}): "
                    + ("holds" if holds else "does not hold: the part is larger")
                    + marks
                )
            elif lk["relation"] == "sum_of" and whole.get("claim_ids"):
                out.append(f"{figure(whole)} = {lk['why']} in one report{marks}")
    out = list(dict.fromkeys(out))
    claim_ids = sorted({o["claim_id"] for o in by_id.values()})
    C_ = S.claims
    with room.store.connect() as conn:
        for i in range(0, len(claim_ids), 900):
            q = select(C_.c.id, C_.c.consistency).where(
                C_.c.id.in_(claim_ids[i : i + 900]), C_.c.consistency.is_not(None)
            )
            for cid, raw in conn.execute(q):
                note = json.loads(raw)
                if note.get("check") != "multiplier" or len(out) >= ARITHMETIC:
                    continue
                computed = note.get("computed") or []
                held = {True: "holds", False: "does not hold"}.get(note.get("holds"), "unchecked")
                said = note.get("stated_text") or "multiplier"
                text = f'"{said}" (stated x{C.num(note.get("stated"))})'
                if len(computed) == 2:
                    text += f": the figures give x{C.num(computed[0])}-x{C.num(computed[1])}"
                out.append(text + f", {held}" + cite(note.get("inputs") or [cid]))
    return out
