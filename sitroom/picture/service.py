"""The cross-article picture: `build_picture` and the listing functions the CLI and API call.

Everything is computed from claim views (`Sitroom.claims`) on demand; nothing is stored.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from sitroom.errors import NotFoundError
from sitroom.picture.arithmetic import cross_checks
from sitroom.picture.common import fmt_range, is_copy, origin_of, published
from sitroom.picture.confidence import judge, lead
from sitroom.picture.contradictions import (
    denial_contradictions,
    mark_value_contradictions,
    value_contradictions,
)
from sitroom.picture.estimates import build_estimates
from sitroom.picture.events import group_events
from sitroom.picture.grades import grade_events, reliability_map, source_table
from sitroom.picture.model import Estimate, Event, Picture
from sitroom.picture.phrasing import estimate_clause, event_clause
from sitroom.picture.predictions import build_predictions

CERTAINTY_ORDER = ("doubtful", "possible", "probable", "certain")


def build_picture(
    room,
    query: str | None = None,
    since: str | None = None,  # noqa: ANN001
    until: str | None = None,
    as_of: str | None = None,
) -> Picture:
    """The whole picture for the claims `room.claims(query=, since=, until=)` returns.

    `as_of` (YYYY-MM-DD) decides which prediction windows are over; default: the latest
    publication date in scope. Raises ConfigError for malformed dates (via room.claims).
    """
    claims = room.claims(query=query, since=since, until=until)
    sources = room.sources()
    rel = reliability_map(sources)
    views = {c["id"]: c for c in claims}
    events = group_events(claims)
    estimates = build_estimates(
        claims, {o: rel.get(_slug(o), "F") for c in claims if (o := origin_of(c))}
    )
    contradictions = value_contradictions(estimates, views) + denial_contradictions(events)
    mark_value_contradictions(events, contradictions)
    grade_events(events, contradictions, sources)
    predictions = build_predictions(claims, as_of)
    doc_ids = {c["document"]["id"] for c in claims}
    documents = [d for d in room.documents() if d["id"] in doc_ids]
    picture = Picture(
        query=query,
        since=since,
        until=until,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        events=events,
        estimates=estimates,
        contradictions=contradictions,
        predictions=predictions,
        sources=source_table(claims, sources),
        documents=documents,
        arithmetic=cross_checks(claims, estimates),
    )
    picture.judgements = judgements(picture, views)
    return picture


def _slug(name: str) -> str:
    from sitroom.ids import slug

    return slug(name)


def weakest(certainties: list[str]) -> str:
    """The most hedged certainty of a list (default 'certain')."""
    known = [c for c in certainties if c in CERTAINTY_ORDER]
    return min(known, key=CERTAINTY_ORDER.index) if known else "certain"


def judgements(picture: Picture, views: dict[str, dict], limit: int = 8) -> list[dict]:
    """Key judgements from estimates (occurred, most reported first) and corroborated events.

    A judgement about a measure states figures that sources stated, each named: the latest
    origin's own current figure (the judged one), then the other origins' own current figures,
    never a min-max range across origins or claims. Its ICD 203 likelihood word comes from
    `confidence.judge` on that figure (grades of the origins, how many agree, disagreement,
    the texts' hedges); its reasons go in `why`.
    """
    grades = {s["name"]: s["reliability"] for s in picture.sources}
    out = []
    ests = sorted(picture.estimates, key=lambda e: (-len(e.points), e.measure))
    for est in ests[:limit]:
        out.append(_estimate_judgement(est, views, grades))
    for ev in sorted(picture.events, key=lambda e: (-len(e.origins), e.id)):
        if len(ev.origins) < 2 or len(out) >= 2 * limit:
            continue
        found = judge([{**c, "origin": origin_of(c)} for c in ev.claims if not is_copy(c)], grades)
        likely = found.word
        out.append(
            {
                "text": f"{lead(likely)} {event_clause(ev)} "
                f"({plural(ev.reports, 'report')}, "
                f"{plural(len(ev.origins), 'independent origin')}).",
                "likelihood": likely,
                "citations": [c["id"] for c in ev.claims],
                "why": found.reasons,
            }
        )
    return out


MAX_OTHERS = 3  # other origins named in a judgement after the judged one


def _point_figure(p) -> str:  # noqa: ANN001 - an EstimatePoint
    bound = {"more_than": "more than ", "at_least": "at least ", "up_to": "up to ",
             "nearly": "nearly "}.get(p.bound or "", "")  # fmt: skip
    return bound + ("about " if p.approx and not bound else "") + fmt_range(p.low, p.high)


def _point_when(p) -> str:  # noqa: ANN001
    return (p.refers_to or p.published_at or "")[:10] or "date unknown"


def _estimate_judgement(est: Estimate, views: dict[str, dict], grades: dict) -> dict:
    """One key judgement: the latest origin's own figure, judged; the others' own figures."""
    current: dict[str, object] = {}
    for p in sorted(est.points, key=lambda p: (_point_when(p), p.published_at or "")):
        current[p.origin or p.source or p.claim_id] = p  # each origin's latest point
    ordered = sorted(current.items(), key=lambda kv: (_point_when(kv[1]), kv[0]), reverse=True)
    who, lead_point = ordered[0]
    found = judge(
        [
            {
                "origin": p.origin,
                "outlet": p.source,
                "low": p.low,
                "high": p.high,
                "published_at": p.published_at,
                "as_of": _point_when(p),
                "certainty": (views.get(p.claim_id) or {}).get("certainty"),
            }
            for p in est.points
        ],
        grades,
        (lead_point.low, lead_point.high),
    )
    text = (
        f"{lead(found.word)} {estimate_clause(est, _point_figure(lead_point))}, "
        f"according to {who} (as of {_point_when(lead_point)})"
    )
    others = ordered[1 : 1 + MAX_OTHERS]
    if others:
        text += "; " + "; ".join(
            f"{name} says {_point_figure(p)} (as of {_point_when(p)})" for name, p in others
        )
    more = len(ordered) - 1 - len(others)
    text += f"{f'; {more} more' if more > 0 else ''} ({plural(len(ordered), 'independent origin')})"
    for d in est.derived:
        text += f"; derived: {d['measure']} {fmt_range(d['low'], d['high'])}"
    cites = [p.claim_id for _, p in [(who, lead_point), *others]]
    cites += [p.claim_id for p in est.points if p.claim_id not in cites]
    return {"text": text + ".", "likelihood": found.word, "citations": cites, "why": found.reasons}


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def describe(ev: Event) -> str:
    """A short plain description of an event."""
    what = f"{ev.actor or 'an unnamed actor'} {ev.kind}"
    if ev.target:
        what += f" involving {ev.target}"
    if ev.place:
        what += f" in {ev.place.get('name') or ev.place.get('text')}"
    if ev.earliest:
        what += f" ({ev.earliest}{'/' + ev.latest if ev.latest != ev.earliest else ''})"
    verb = {
        "occurred": "took place",
        "planned": "is planned or expected",
        "denied": "is denied",
    }.get(ev.status, ev.status)
    return f"{what} {verb}"


# -- listings ------------------------------------------------------------------------------
def event_row(ev: Event) -> dict:
    """A JSON-ready summary row of an event (claims as ids)."""
    d = asdict(ev)
    d["claims"] = [c["id"] for c in ev.claims]
    d["place"] = (ev.place or {}).get("name") or (ev.place or {}).get("text")
    d["origins_count"] = len(ev.origins)
    d["first_published"] = min((published(c) or "" for c in ev.claims), default=None)
    return d


def list_events(
    room,
    query: str | None = None,
    since: str | None = None,  # noqa: ANN001
    until: str | None = None,
    as_of: str | None = None,
) -> list[dict]:
    """Events as JSON-ready rows (claims by id; `show_event` gives the full claims)."""
    return [event_row(e) for e in build_picture(room, query, since, until, as_of).events]


def list_estimates(
    room,
    measure: str | None = None,
    query: str | None = None,  # noqa: ANN001
    since: str | None = None,
    until: str | None = None,
    **filters,
) -> list[dict]:
    """Estimates read from the stored measures (sitroom.picture.measures.compat): one per
    measure; `measure` keeps those whose name contains it (case-insensitive)."""
    from sitroom.picture.measures.compat import attach_disputes, estimate_rows

    _check_dates(since, until)
    grades = {s["name"]: s["reliability"] for s in room.sources()}
    rows = estimate_rows(
        room.store, grades, measure=measure, query=query, since=since, until=until, **filters
    )
    attach_disputes(room.store, rows)
    return rows


def list_contradictions(
    room,
    query: str | None = None,
    since: str | None = None,  # noqa: ANN001
    until: str | None = None,
    **filters,
) -> list[dict]:
    """Value contradictions (stored disagreements between origins) then denials."""
    from sitroom.picture.measures.compat import contradiction_rows

    _check_dates(since, until)
    rows = contradiction_rows(
        room.store, room.show, query=query, since=since, until=until, **filters
    )
    return rows + [asdict(c) for c in _denials(room, query, since, until)]


def _denials(room, query, since, until) -> list:  # noqa: ANN001
    """Occurred-vs-denied contradictions, over the denied claims and the occurred claims of
    the same kind and actor only (not the whole store)."""
    from sitroom.store import schema as S
    from sitroom.views import claim_filters, claim_view

    q = claim_filters(
        room.store.claims_query().where(S.claims.c.status == "denied"),
        kind=None,
        actor=None,
        place=None,
        source=None,
        since=since,
        until=until,
        restatements=False,
    )
    rows = room.store.run_claims(q)
    if query:
        hits = room.store.search_claims(query)
        rows = [r for r in rows if r["id"] in hits]
    places = {p["id"]: p for p in room.store.table_rows("places")}
    sources = {s["id"]: s for s in room.store.table_rows("sources")}
    denied = [claim_view(r, places, sources) for r in rows]
    if not denied:
        return []
    pool = {c["id"]: c for c in denied}
    for kind, actor in sorted({(c["kind"], c["actor"] or "") for c in denied}):
        for c in room.claims(kind=kind, actor=actor or None, since=since, until=until):
            if c["status"] == "occurred":
                pool[c["id"]] = c
    return denial_contradictions(group_events(list(pool.values())))


def _check_dates(*values: str | None) -> None:
    from datetime import date

    from sitroom.errors import ConfigError

    for v in values:
        if v:
            try:
                date.fromisoformat(v[:10])
            except ValueError as exc:
                raise ConfigError("not an ISO date (YYYY-MM-DD)", subject=v) from exc


def list_predictions(
    room,
    query: str | None = None,
    since: str | None = None,  # noqa: ANN001
    until: str | None = None,
    as_of: str | None = None,
) -> list[dict]:
    return [asdict(p) for p in build_picture(room, query, since, until, as_of).predictions]


def show_event(room, event_id: str) -> dict:  # noqa: ANN001
    """An event with its full claim views and why-lines. Raises NotFoundError if absent."""
    picture = build_picture(room)
    for ev in picture.events:
        if ev.id == event_id:
            return {
                "type": "event",
                **asdict(ev),
                "claims_why": [
                    {"claim": c["id"], "why": w} for c, w in zip(ev.claims, ev.why, strict=True)
                ],
            }
    raise NotFoundError("no event with this id", subject=event_id)


def estimate_row(est: Estimate) -> dict:
    return asdict(est)
