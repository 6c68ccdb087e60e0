"""Events for the exports, read from the stored picture (measures and observations), streamed.

An exported event is one **incident** (`measures.scope = 'incident'`, docs/picture.md): every
incident measure with the same incident label and theatre ("Beledweyne, 2025-03-11" in
Somalia: the killed, the injured, the hostages, on either side) is one event. Nothing is
recomputed: measures are read page by page in (incident, theatre, id) order, each page's
observations, claims and disagreements with a few indexed queries, and an event is yielded as
soon as its last measure is read, so memory does not grow with the store.

Each `StoredEvent` carries what the formats need: kind ('attack' when any measure counts an
attack, else its measures' kind), actor/target (the inflicting side first, from the most
observed measure), place (the finest stored place of its observations' claims, finest level
first, then the most cited), dates (earliest/latest as-of), the observations as `claims`
(claim id, quote, origin, outlet, figures, casualty type, certainty), its independent origins
and its Admiralty credibility by the picture's own rules (`sitroom.picture.grades.credibility`;
a measure with a disagreement counts as contradicted), and the killed figures: for each killed
measure its lowest current figure across origins (ACLED's lowest credible figure), each origin's
figure noted.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select

from sitroom.export.scope import PAGE, Scope, stream
from sitroom.picture.grades import credibility, reliability_map
from sitroom.picture.measures.read import measure_filters
from sitroom.picture.model import Event
from sitroom.store import schema as S

M, OB, X, C = S.measures, S.observations, S.disagreements, S.claims
_LEVEL_RANK = {"city": 5, "admin2": 4, "admin1": 3, "country": 2, "region": 1, "continent": 0}


@dataclass
class StoredEvent:
    """One incident read from the stored picture (see module docstring)."""

    id: str
    incident: str
    theatre: str | None
    kind: str
    actor: str | None
    target: str | None
    status: str
    measures: list[str]
    claims: list[dict]  # one per observation: id, quote, origin, outlet, low, high, ...
    place: dict | None = None
    earliest: str | None = None
    latest: str | None = None
    reports: int = 0
    origins: list[str] = field(default_factory=list)
    credibility: int = 6
    credibility_why: str = ""
    killed: list[dict] = field(default_factory=list)  # per killed measure: low, figures

    @property
    def fatalities(self) -> int:
        """ACLED's lowest credible figure: the largest of the killed measures' lowest current
        figures (two measures of one incident may count the same dead, so they are not
        added up)."""
        return int(max((k["low"] for k in self.killed), default=0))


def event_id(incident: str, theatre: str | None) -> str:
    digest = hashlib.sha1(f"{incident}|{theatre or ''}".encode()).hexdigest()[:16]
    return f"i{digest}"


def _measures(store, scope: Scope) -> Iterator[dict]:  # noqa: ANN001
    """Incident measures in scope, in (incident, theatre, id) order, through one cursor."""
    if scope.kind and scope.kind not in ("attack", "casualties"):
        return  # only attacks and casualties make incidents
    q = measure_filters(
        select(M),
        query=scope.query,
        kind=scope.kind,
        actor=scope.actor,
        place=scope.place,
        since=scope.since,
        until=scope.until,
        scope="incident",
    ).order_by(M.c.incident, func.coalesce(M.c.theatre, ""), M.c.id)
    yield from stream(store, q)


def _details(store, measures: list[dict], places: dict) -> tuple[dict, dict, set]:  # noqa: ANN001
    """Observations per measure, claim facts per claim id, and measure ids with a disagreement."""
    ids = [m["id"] for m in measures]
    obs: dict[str, list[dict]] = {i: [] for i in ids}
    facts: dict[str, dict] = {}
    disputed: set[str] = set()
    with store.connect() as conn:
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            q = (
                select(OB)
                .where(OB.c.measure_id.in_(chunk))
                .order_by(OB.c.measure_id, OB.c.as_of, OB.c.id)
            )
            for o in conn.execute(q):
                obs[o.measure_id].append(dict(o._mapping))
            dq = select(X.c.measure_id).where(X.c.measure_id.in_(chunk))
            disputed.update(r.measure_id for r in conn.execute(dq))
        cids = sorted({o["claim_id"] for rows in obs.values() for o in rows})
        for i in range(0, len(cids), 900):
            q = select(C.c.id, C.c.place_id, C.c.certainty, C.c.time_precision).where(
                C.c.id.in_(cids[i : i + 900])
            )
            for r in conn.execute(q):
                facts[r.id] = {
                    "place": places.get(r.place_id) if r.place_id else None,
                    "certainty": r.certainty,
                    "precision": r.time_precision,
                }
    return obs, facts, disputed


def _claim(o: dict, m: dict, facts: dict) -> dict:
    f = facts.get(o["claim_id"], {})
    return {
        "id": o["claim_id"],
        "observation": o["id"],
        "measure": m["id"],
        "kind": m["kind"],
        "casualty": m["casualty"],
        "unit": m["unit"],
        "quote": o["quote"],
        "origin": o["origin"],
        "outlet": o["outlet"],
        "doc_id": o["doc_id"],
        "published_at": o["published_at"],
        "as_of": o["as_of"],
        "low": o["low"],
        "high": o["high"],
        "role": o["role"],
        "certainty": f.get("certainty") or o["certainty"],
        "precision": f.get("precision"),
        "place": f.get("place"),
        "document": {"copy_of": None},  # observations exclude copies (docs/picture.md)
    }


def _best_place(claims: list[dict]) -> dict | None:
    cited = Counter(c["place"]["id"] for c in claims if c["place"])
    if not cited:
        return None
    by_id = {c["place"]["id"]: c["place"] for c in claims if c["place"]}
    best = max(
        cited,
        key=lambda pid: (_LEVEL_RANK.get(by_id[pid].get("level") or "", -1), cited[pid], pid),
    )
    return by_id[best]


def _event(group: list[dict], obs: dict, facts: dict, disputed: set, rel: dict) -> StoredEvent:
    claims = [_claim(o, m, facts) for m in group for o in obs.get(m["id"], [])]
    lead = max(group, key=lambda m: (m["n_observations"], m["n_origins"], m["id"]))
    kind = "attack" if any(m["kind"] == "attack" for m in group) else lead["kind"]
    actor, target = lead["actor"], lead["target"]
    if lead["kind"] == "casualties":  # casualties: actor suffered, target inflicted
        actor, target = target, actor
    origins = sorted({c["origin"] for c in claims if c["origin"] and c["role"] != "sum"})
    dates = sorted(d for m in group for d in (m["first_as_of"], m["last_as_of"]) if d)
    killed = []
    for m in group:
        if m["casualty"] != "killed" or m["current_low"] is None or m["status"] != "occurred":
            continue
        current = json.loads(m["detail"] or "{}").get("current", {})
        figures = sorted(
            (o["low"], o["origin"] or "unknown", o["as_of"] or "", o["claim_id"])
            for o in obs.get(m["id"], [])
            if o["id"] in set(current.values())
        )
        killed.append({"measure": m["id"], "low": m["current_low"], "figures": figures})
    model = Event(
        id="",
        kind=kind,
        actor=actor,
        target=target,
        status=lead["status"],
        claims=[c for c in claims if c["role"] != "sum"] or claims,
        why=[],
        origins=origins,
        contradicted=any(m["id"] in disputed for m in group),
    )
    grade, why = credibility(model, set(), rel)
    return StoredEvent(
        id=event_id(lead["incident"], lead["theatre"]),
        incident=lead["incident"],
        theatre=lead["theatre"],
        kind=kind,
        actor=actor,
        target=target,
        status=lead["status"],
        measures=[m["id"] for m in group],
        claims=claims,
        place=_best_place(claims),
        earliest=dates[0] if dates else None,
        latest=dates[-1] if dates else None,
        reports=len({c["doc_id"] for c in claims}),
        origins=origins,
        credibility=grade,
        credibility_why=why,
        killed=killed,
    )


def stored_events(store, scope: Scope | None = None) -> Iterator[StoredEvent]:  # noqa: ANN001
    """The incidents in scope, one `StoredEvent` each, in (incident, theatre) order, streamed:
    at most about PAGE measures (whole incidents) are held at a time."""
    places = {p["id"]: p for p in store.table_rows("places")}
    rel = reliability_map(store.table_rows("sources"))

    def key(m: dict) -> tuple:
        return (m["incident"] or "", m["theatre"] or "")

    def flush(buf: list[dict]) -> Iterator[StoredEvent]:
        obs, facts, disputed = _details(store, buf, places)
        group: list[dict] = []
        for m in buf:
            if group and key(group[-1]) != key(m):
                yield _event(group, obs, facts, disputed, rel)
                group = []
            group.append(m)
        if group:
            yield _event(group, obs, facts, disputed, rel)

    buf: list[dict] = []
    for m in _measures(store, scope or Scope()):
        if len(buf) >= PAGE and key(buf[-1]) != key(m):
            yield from flush(buf)
            buf = []
        buf.append(m)
    if buf:
        yield from flush(buf)
