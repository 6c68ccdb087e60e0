"""Reading the stored measures (the read side of sitroom.picture.reconcile).

Every function takes the `Store` and runs indexed queries over the materialised tables; none
recomputes the picture. Rows are JSON-ready dicts. Figures carry the observation and claim ids
they come from (`Sitroom.show(claim_id)` gives quote, document and source).
"""

from __future__ import annotations

import json

from sqlalchemy import or_, select

from sitroom.errors import NotFoundError
from sitroom.store import fts
from sitroom.store import schema as S

M, OB, X, L = S.measures, S.observations, S.disagreements, S.measure_links
ORDERS = {
    "rank": (M.c.score.desc(), M.c.last_as_of.desc(), M.c.id),
    "recent": (M.c.last_as_of.desc(), M.c.score.desc(), M.c.id),
    "name": (M.c.name, M.c.id),
}


def measure_filters(
    q,  # noqa: ANN001
    *,
    query: str | None = None,
    kind: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    theatre: str | None = None,
    since: str | None = None,
    until: str | None = None,
    scope: str | None = None,
    disputed: bool | None = None,
    name: str | None = None,
):  # noqa: ANN202
    """Narrow a select over `measures` (see `list_measures`)."""
    if name:
        q = q.where(M.c.name.ilike(f"%{name}%"))
    if kind:
        q = q.where(M.c.kind == kind)
    if actor:
        names = _names(actor)
        q = q.where(or_(M.c.actor.in_(names), M.c.target.in_(names)))
    if theatre:
        q = q.where(M.c.theatre.ilike(theatre))
    if scope:
        q = q.where(M.c.scope == scope)
    if disputed is not None:
        q = q.where(M.c.n_disagreements > 0 if disputed else M.c.n_disagreements == 0)
    if place:
        like = f"%{place}%"
        placed = select(OB.c.measure_id).where(OB.c.place.ilike(like))
        q = q.where(or_(M.c.theatre.ilike(like), M.c.incident.ilike(like), M.c.id.in_(placed)))
    if since:
        q = q.where(M.c.last_as_of >= since[:10])
    if until:
        q = q.where(M.c.first_as_of <= until[:10])
    if query:  # the measures' own full-text index (SQLite) or their claims' (PostgreSQL)
        q = q.where(or_(M.c.name.ilike(f"%{query}%"), fts.measure_match(query)))
    return q


def _names(actor: str) -> list[str]:
    from sitroom.picture.common import canon

    return sorted({actor, canon(actor) or actor})


def list_measures(
    store,  # noqa: ANN001
    *,
    limit: int | None = 50,
    offset: int = 0,
    order: str = "rank",
    with_current: bool = True,
    **filters,
) -> list[dict]:
    """Measures, ranked (score: origins, documents, size, disagreement) or by recency.

    Filters: query (full text of the claims, or words of the name), kind, actor (who or
    whom, any alias), place (an observation's place, the theatre or incident), theatre,
    since/until (as-of dates overlap), scope ('theatre'|'incident'), disputed, name (words
    of the measure's name).
    """
    q = measure_filters(select(M), **filters).order_by(*ORDERS[order]).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    with store.connect() as conn:
        rows = [measure_row(dict(r._mapping)) for r in conn.execute(q)]
        if with_current:
            _attach_current(conn, rows)
    return rows


def count_measures(store, **filters) -> int:  # noqa: ANN001
    from sqlalchemy import func

    q = measure_filters(select(func.count()).select_from(M), **filters)
    with store.connect() as conn:
        return conn.execute(q).scalar_one()


def measure_row(r: dict) -> dict:
    detail = json.loads(r.pop("detail") or "{}")
    r["countries"] = json.loads(r["countries"] or "[]")
    r["current_ids"] = detail.get("current", {})
    return r


def _attach_current(conn, rows: list[dict]) -> None:  # noqa: ANN001
    """Each row's `current`: one dict per origin, its latest figure with quote and date."""
    wanted = [oid for r in rows for oid in r["current_ids"].values()]
    obs = {}
    for i in range(0, len(wanted), 900):
        q = select(OB).where(OB.c.id.in_(wanted[i : i + 900]))
        obs.update({o.id: dict(o._mapping) for o in conn.execute(q)})
    for r in rows:
        cur = [obs[i] for i in r["current_ids"].values() if i in obs]
        r["current"] = sorted(cur, key=lambda o: (o["as_of"] or "", o["origin"] or ""))


def get_measure(store, measure_id: str) -> dict:  # noqa: ANN001
    """One measure with its observations (by as-of date), links and disagreements."""
    with store.connect() as conn:
        row = conn.execute(select(M).where(M.c.id == measure_id)).first()
        if row is None:
            raise NotFoundError("no measure with this id", subject=measure_id)
        m = measure_row(dict(row._mapping))
        q = (
            select(OB)
            .where(OB.c.measure_id == measure_id)
            .order_by(OB.c.as_of, OB.c.published_at, OB.c.claim_id, OB.c.id)
        )
        m["observations"] = [_obs(dict(o._mapping)) for o in conn.execute(q)]
        oids = [o["id"] for o in m["observations"]]
        m["links"] = _links(conn, oids)
        m["disagreements"] = _disagreements(
            conn,
            select(X).where(X.c.measure_id == measure_id).order_by(X.c.gap.desc(), X.c.id),
        )  # ordered: every backend gives the same first (largest) disagreement
    by_id = {o["id"]: o for o in m["observations"]}
    m["current"] = [by_id[i] for i in m["current_ids"].values() if i in by_id]
    return m


def measure_digest(store, measure_id: str, rows: int = 12, disputes: int = 5) -> dict:  # noqa: ANN001
    """One measure as a report shows it, bounded whatever its size (`get_measure` loads every
    observation): the `rows` latest observations, each origin's current one, the first total
    of the latest origin (its trend), links among those, the `disputes` widest disagreements
    (`n_disagreements` counts them all). Same keys as `get_measure`, plus `truncated`."""
    from sqlalchemy import func

    with store.connect() as conn:
        row = conn.execute(select(M).where(M.c.id == measure_id)).first()
        if row is None:
            raise NotFoundError("no measure with this id", subject=measure_id)
        m = measure_row(dict(row._mapping))
        latest = select(OB).where(OB.c.measure_id == measure_id)
        latest = latest.order_by(OB.c.as_of.desc(), OB.c.published_at.desc(), OB.c.id.desc())
        found = {o.id: dict(o._mapping) for o in conn.execute(latest.limit(rows))}
        wanted = [i for i in m["current_ids"].values() if i not in found]
        for i in range(0, len(wanted), 900):
            q = select(OB).where(OB.c.id.in_(wanted[i : i + 900]))
            found.update({o.id: dict(o._mapping) for o in conn.execute(q)})
        current = [found[i] for i in m["current_ids"].values() if i in found]
        if current:
            lead = max(current, key=lambda o: (o["as_of"] or "", o["published_at"] or ""))
            first = conn.execute(
                select(OB)
                .where(OB.c.measure_id == measure_id, OB.c.origin == lead["origin"])
                .where(OB.c.role == "figure", OB.c.basis == "total", OB.c.as_of.is_not(None))
                .order_by(OB.c.as_of, OB.c.published_at, OB.c.id)
                .limit(1)
            ).first()
            if first is not None:
                found.setdefault(first.id, dict(first._mapping))
        obs = sorted(
            found.values(),
            key=lambda o: (o["as_of"] or "", o["published_at"] or "", o["claim_id"], o["id"]),
        )
        m["observations"] = [_obs(o) for o in obs]
        m["links"] = _links(conn, [o["id"] for o in obs])
        q = select(X).where(X.c.measure_id == measure_id).order_by(X.c.gap.desc(), X.c.id)
        m["disagreements"] = _disagreements(conn, q.limit(disputes))
        total = select(func.count()).select_from(OB).where(OB.c.measure_id == measure_id)
        m["truncated"] = conn.execute(total).scalar_one() > len(obs)
    by_id = {o["id"]: o for o in m["observations"]}
    m["current"] = [by_id[i] for i in m["current_ids"].values() if i in by_id]
    return m


def _obs(o: dict) -> dict:
    o["claim_ids"] = json.loads(o["claim_ids"]) if o["claim_ids"] else [o["claim_id"]]
    return o


def _links(conn, oids: list[str]) -> list[dict]:  # noqa: ANN001
    out = []
    for i in range(0, len(oids), 400):
        chunk = oids[i : i + 400]
        q = select(L).where(or_(L.c.whole_id.in_(chunk), L.c.part_id.in_(chunk)))
        out += [dict(r._mapping) for r in conn.execute(q)]
    uniq = {r["id"]: r for r in out}
    return [uniq[k] for k in sorted(uniq)]


def _disagreements(conn, q) -> list[dict]:  # noqa: ANN001
    rows = [dict(r._mapping) for r in conn.execute(q)]
    ids = sorted({r["obs_a"] for r in rows} | {r["obs_b"] for r in rows})
    obs = {}
    for i in range(0, len(ids), 900):
        sel = select(OB).where(OB.c.id.in_(ids[i : i + 900]))
        obs.update({o.id: _obs(dict(o._mapping)) for o in conn.execute(sel)})
    for r in rows:
        r["a"], r["b"] = obs.get(r["obs_a"]), obs.get(r["obs_b"])
    return rows


def list_disagreements(
    store,  # noqa: ANN001
    *,
    measure_id: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    **filters,
) -> list[dict]:
    """Disagreements (both observations inline: origin, figures, as-of, quote, claim), with
    the measure's id and name; the largest gaps of the best-ranked measures first."""
    ms = measure_filters(select(M.c.id), **filters)
    q = (
        select(X, M.c.name.label("measure"), M.c.score)
        .join(M, M.c.id == X.c.measure_id)
        .where(X.c.measure_id.in_(ms))
        .order_by(M.c.score.desc(), X.c.gap.desc(), X.c.id)
        .offset(offset)
    )
    if measure_id:
        q = q.where(X.c.measure_id == measure_id)
    if limit is not None:
        q = q.limit(limit)
    with store.connect() as conn:
        return _disagreements(conn, q)


def observations_of(store, measure_ids: list[str]) -> dict[str, list[dict]]:  # noqa: ANN001
    """Observations per measure id (by as-of date)."""
    out: dict[str, list[dict]] = {m: [] for m in measure_ids}
    with store.connect() as conn:
        for i in range(0, len(measure_ids), 900):
            q = (
                select(OB)
                .where(OB.c.measure_id.in_(measure_ids[i : i + 900]))
                .order_by(OB.c.measure_id, OB.c.as_of, OB.c.published_at, OB.c.claim_id, OB.c.id)
            )
            for o in conn.execute(q):
                out[o.measure_id].append(_obs(dict(o._mapping)))
    return out


__all__ = [
    "count_measures",
    "measure_digest",
    "get_measure",
    "list_disagreements",
    "list_measures",
    "measure_filters",
    "observations_of",
]
