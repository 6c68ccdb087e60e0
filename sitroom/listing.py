"""Paged, filtered reads for front doors that show one page at a time (the web app, the API).

Contract: `claims_page(store, settings, limit=, offset=, **filters)` and
`documents_page(store, limit=, offset=, q=, source=, since=, until=)` return
`{"items": [...views...], "total": N, "limit": L, "offset": O}`. Claim items are the views of
`sitroom.views.claim_view`; filters are those of `Sitroom.claims` plus `theatre` (a configured
theatre name, a country name or ISO code of the claim's place). Only the places and sources the
page references are read, so a page costs the same on a store of 100 or 1,000,000 claims
(the filters and ORDER BY run in the database on indexed columns; `q` through the full-text
index of either back end, sitroom.store.fts).
"""

from __future__ import annotations

from sqlalchemy import func, or_, select

from sitroom.store import fts
from sitroom.store import schema as S
from sitroom.views import claim_filters, claim_view, document_view


def theatre_countries(settings, theatre: str) -> list[str]:  # noqa: ANN001
    """ISO codes a theatre name stands for: a configured [picture.theatres] group, else the
    name itself (a country name or code is matched by the caller)."""
    for name, members in (settings.picture.theatres or {}).items():
        if name.lower() == theatre.strip().lower():
            return list(members)
    return []


def claims_select(settings, *, q=None, theatre=None, restatements=False, **filters):  # noqa: ANN001, ANN201
    """The filtered, ordered select over current claims (no limit)."""
    c = S.claims
    sel = claim_filters(
        _base(),
        restatements=restatements,
        **{k: filters.get(k) for k in ("kind", "actor", "place", "source", "since", "until")},
    )
    if q:
        sel = sel.where(c.c.id.in_(fts.claim_hits(q)))
    if theatre:
        codes = theatre_countries(settings, theatre)
        p = S.places.c
        cond = or_(
            p.country_name.ilike(theatre.strip()),
            p.country.ilike(theatre.strip()),
            *([p.country.in_(codes)] if codes else []),
        )
        sel = sel.where(c.c.place_id.in_(select(p.id).where(cond)))
    return sel


def _base():  # noqa: ANN202
    from sitroom.store.db import current_claims_select

    return current_claims_select()


def claims_page(store, settings, *, limit: int = 50, offset: int = 0, **filters) -> dict:  # noqa: ANN001
    sel = claims_select(settings, **filters)
    c = S.claims
    with store.connect() as conn:
        count = sel.with_only_columns(func.count(), maintain_column_froms=True).order_by(None)
        total = conn.execute(count).scalar_one()
        # the page's ids first (a narrow sort: 5x faster than sorting whole rows), then its rows
        page = sel.with_only_columns(c.c.id, maintain_column_froms=True)
        ids = [r[0] for r in conn.execute(page.limit(limit).offset(offset))]
        found = {
            r.id: dict(r._mapping) for r in conn.execute(sel.order_by(None).where(c.c.id.in_(ids)))
        }
        rows = [found[i] for i in ids if i in found]
        places, sources = referenced(conn, rows)
    items = [claim_view(r, places, sources) for r in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def referenced(conn, rows: list[dict]) -> tuple[dict, dict]:  # noqa: ANN001
    """The place and source rows a page of claim rows names (two small indexed reads)."""
    pids = sorted({r["place_id"] for r in rows if r.get("place_id")})
    sids = sorted({r["doc_source_id"] for r in rows if r.get("doc_source_id")})
    places = {
        p.id: dict(p._mapping)
        for p in conn.execute(select(S.places).where(S.places.c.id.in_(pids)))
    }
    sources = {
        s.id: dict(s._mapping)
        for s in conn.execute(select(S.sources).where(S.sources.c.id.in_(sids)))
    }
    return places, sources


DOC_COLUMNS = [col for col in S.documents.c if col.name not in ("text", "blocks", "minhash")]


def documents_page(
    store,  # noqa: ANN001
    *,
    limit: int = 50,
    offset: int = 0,
    q: str | None = None,
    source: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> dict:
    d = S.documents
    sel = select(*DOC_COLUMNS)
    if q:
        with store.connect() as conn:
            hits = sorted(fts.document_ids(conn, q, 10_000))  # both back ends (store.fts)
        sel = sel.where(or_(d.c.id.in_(hits), d.c.title.ilike(f"%{q}%")))
    if source:
        sel = sel.where(d.c.source_id.ilike(f"%{source}%"))
    if since:
        sel = sel.where(d.c.published_at >= since)
    if until:
        sel = sel.where(d.c.published_at <= until + "~")
    with store.connect() as conn:
        total = conn.execute(select(func.count()).select_from(sel.subquery())).scalar_one()
        rows = [
            dict(r._mapping)
            for r in conn.execute(
                sel.order_by(d.c.published_at.desc(), d.c.id).limit(limit).offset(offset)
            )
        ]
        sids = sorted({r["source_id"] for r in rows if r["source_id"]})
        sources = {
            s.id: dict(s._mapping)
            for s in conn.execute(select(S.sources).where(S.sources.c.id.in_(sids)))
        }
    items = [document_view(r, sources) for r in rows]
    return {"items": items, "total": total, "limit": limit, "offset": offset}


def document_relations(store, doc_id: str) -> dict:  # noqa: ANN001
    """{"copies": [...], "copy_of": {...}|None, "versions": [...]} as short document rows."""
    d = S.documents
    cols = (d.c.id, d.c.title, d.c.published_at, d.c.copy_similarity, d.c.superseded_by)
    with store.connect() as conn:
        me = conn.execute(
            select(d.c.copy_of, d.c.version_of, d.c.superseded_by).where(d.c.id == doc_id)
        ).first()
        if me is None:
            return {"copies": [], "copy_of": None, "versions": []}
        copies = [
            dict(r._mapping) for r in conn.execute(select(*cols).where(d.c.copy_of == doc_id))
        ]
        original = None
        if me.copy_of:
            row = conn.execute(select(*cols).where(d.c.id == me.copy_of)).first()
            original = dict(row._mapping) if row else None
        chain, seen = [], {doc_id}
        for step in ("version_of", "superseded_by"):  # walk back, then forward
            nxt = getattr(me, step)
            while nxt and nxt not in seen and len(seen) < 100:
                seen.add(nxt)
                row = conn.execute(select(*cols, d.c.version_of).where(d.c.id == nxt)).first()
                if row is None:
                    break
                chain.append(dict(row._mapping))
                nxt = row.version_of if step == "version_of" else row.superseded_by
    chain.sort(key=lambda r: (r["published_at"] or "", r["id"]))
    return {"copies": copies, "copy_of": original, "versions": chain}


def claim_places(store, settings, *, limit: int = 300, **filters) -> list[dict]:  # noqa: ANN001
    """Places of the filtered claims with how many claims name each, most named first:
    [{id, name, country_name, level, lat, lon, count}] (one grouped query)."""
    sel = claims_select(settings, **filters).order_by(None).subquery()
    p = S.places
    q = (
        select(
            p.c.id,
            p.c.name,
            p.c.country_name,
            p.c.level,
            p.c.lat,
            p.c.lon,
            func.count().label("count"),
        )
        .select_from(sel.join(p, p.c.id == sel.c.place_id))
        .where(p.c.lat.is_not(None))
        .group_by(p.c.id)
        .order_by(func.count().desc(), p.c.id)
        .limit(limit)
    )
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
