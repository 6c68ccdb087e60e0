"""Reconcile: stored claims -> stored observations, measures, links and disagreements.

Materialised in the store (tables in sitroom/store/schema.py) and kept up to date on ingest:
`reconcile_documents` recomputes only the families (sitroom.picture.measures.keys) that the
given documents' claims belong to, or belonged to before a new version superseded them. Each
family is recomputed from all its current claims, so an incremental update gives exactly what
`rebuild` (every family from scratch) gives. Front doors read the stored rows
(sitroom.picture.measures.read), never recompute.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from time import perf_counter

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from sitroom.config import Settings
from sitroom.picture.measures.build import build_family
from sitroom.picture.measures.keys import counted, family_id, family_key, incident_sides
from sitroom.store import fts
from sitroom.store import schema as S
from sitroom.store.db import Store, current_claims_select, now_iso
from sitroom.views import claim_view

CHUNK = 5000  # ids per IN (...) list (SQLite allows 32,766 variables)
TABLES = (S.observations, S.measures, S.measure_links, S.disagreements)


def reconcile_documents(store: Store, settings: Settings, doc_ids: Iterable[str]) -> dict:
    """Recompute the families touched by these documents (new, or superseded by them), and by
    any document a killed run left pending."""
    started = perf_counter()
    with store.begin() as conn:
        pending = [r[0] for r in conn.execute(select(S.pending_reconcile.c.doc_id))]
        doc_ids = sorted(set(doc_ids) | set(pending))
        old = _superseded(conn, doc_ids)
        views = list(_views(conn, S.claims.c.doc_id, doc_ids))
        _mark_incident_docs(conn, views)
        new: dict[str, set[str]] = {}
        for v in views:
            if _counts(v):
                new.setdefault(family_id(family_key(v)), set()).add(v["id"])
        fams = set(new) | _families_in(conn, doc_ids + old)
        n = _recompute(conn, settings, sorted(fams), new)
        for chunk in _chunks(doc_ids):
            conn.execute(delete(S.pending_reconcile).where(S.pending_reconcile.c.doc_id.in_(chunk)))
    return {"families": len(fams), "measures": n, "seconds": round(perf_counter() - started, 3)}


def rebuild(store: Store, settings: Settings) -> dict:
    """Drop and recompute every stored measure from the current claims."""
    started = perf_counter()
    with store.begin() as conn:
        out = rebuild_in(conn, settings)
    return {**out, "seconds": round(perf_counter() - started, 3)}


def rebuild_in(conn: Connection, settings: Settings) -> dict:
    """`rebuild` inside an open transaction (also the store migration to v10)."""
    for table in (*TABLES, S.incident_documents, S.pending_reconcile):
        conn.execute(delete(table))
    docs = _incident_docs_all(conn)
    rows = [{"doc_id": d, "sides": _join(s)} for d, sets in sorted(docs.items()) for s in sets]
    if rows:
        conn.execute(insert(S.incident_documents), rows)
    fams = _all_families(conn)
    fts.clear_measures(conn)
    n = _recompute_many(conn, settings, fams, docs, replace=False)
    return {"families": len(fams), "measures": n}


# -- internals -------------------------------------------------------------------------------
def _counts(view: dict) -> bool:
    return counted(view) and not view.get("restates")


def _superseded(conn: Connection, doc_ids: list[str]) -> list[str]:
    out = []
    for chunk in _chunks(doc_ids):
        q = select(S.documents.c.version_of).where(
            S.documents.c.id.in_(chunk), S.documents.c.version_of.is_not(None)
        )
        out += [r[0] for r in conn.execute(q)]
    return out


def _families_in(conn: Connection, doc_ids: list[str]) -> set[str]:
    out: set[str] = set()
    for chunk in _chunks(doc_ids):
        q = select(S.observations.c.family).where(S.observations.c.doc_id.in_(chunk)).distinct()
        out |= {r[0] for r in conn.execute(q)}
    return out


def _join(side_set: frozenset[str]) -> str:
    return "|".join(sorted(side_set))


def _split(text: str) -> frozenset[str]:
    return frozenset(x for x in text.split("|") if x)


def _mark_incident_docs(conn: Connection, views: list[dict]) -> None:
    by_doc: dict[str, list[dict]] = {}
    for v in views:
        by_doc.setdefault(v["document"]["id"], []).append(v)
    for doc_id, vs in by_doc.items():
        conn.execute(delete(S.incident_documents).where(S.incident_documents.c.doc_id == doc_id))
        rows = [
            {"doc_id": doc_id, "sides": _join(s)} for s in sorted(incident_sides(vs), key=_join)
        ]
        if rows:
            conn.execute(insert(S.incident_documents), rows)


def _incident_docs(conn: Connection) -> dict[str, list[frozenset[str]]]:
    out: dict[str, list[frozenset[str]]] = {}
    for doc_id, text in conn.execute(select(S.incident_documents)):
        out.setdefault(doc_id, []).append(_split(text))
    return out


def _incident_docs_all(conn: Connection) -> dict[str, list[frozenset[str]]]:
    """Documents' incident side sets, from a light streamed pass over incident-kind claims
    (the fields `keys.own_scope` reads), never all claim views at once."""
    from sitroom.picture.measures.keys import INCIDENT_KINDS, own_scope, sides

    c, d, p = S.claims.c, S.documents, S.places
    q = (
        select(
            c.doc_id,
            c.kind,
            c.actor,
            c.target,
            c.quote,
            c.time_text,
            c.time_type,
            c.time_earliest,
            c.time_latest,
            c.time_relation,
            p.c.level,
        )
        .join(d, d.c.id == c.doc_id)
        .outerjoin(p, p.c.id == c.place_id)
        .where(d.c.superseded_by.is_(None), c.kind.in_(sorted(INCIDENT_KINDS)))
    )
    out: dict[str, set[frozenset[str]]] = {}
    for r in conn.execute(q.execution_options(yield_per=10_000)):  # this query only
        light = {
            "kind": r.kind,
            "actor": r.actor,
            "target": r.target,
            "quote": r.quote,
            "when": {
                "text": r.time_text,
                "type": r.time_type,
                "earliest": r.time_earliest,
                "latest": r.time_latest,
                "relation": r.time_relation,
            },
            "place": {"level": r.level} if r.level else None,
        }
        if own_scope(light) == "incident":
            out.setdefault(r.doc_id, set()).add(sides(light))
    return {k: sorted(v, key=_join) for k, v in out.items()}


def _all_families(conn: Connection) -> dict[str, list[str]]:
    """Family id -> claim ids, from a light pass over every current counted claim."""
    c = S.claims.c
    q = (
        select(c.id, c.kind, c.actor, c.target, c.q_unit, c.q_basis, c.status, c.q_low)
        .join(S.documents, S.documents.c.id == c.doc_id)
        .where(
            S.documents.c.superseded_by.is_(None),
            S.documents.c.copy_of.is_(None),
            c.restates.is_(None),
            c.q_low.is_not(None),
        )
    )
    out: dict[str, list[str]] = {}
    for r in conn.execute(q):
        light = {
            "kind": r.kind,
            "actor": r.actor,
            "target": r.target,
            "status": r.status,
            "quantity": {"low": r.q_low, "unit": r.q_unit, "basis": r.q_basis},
            "document": {},
        }
        if counted(light):
            out.setdefault(family_id(family_key(light)), []).append(r.id)
    return out


def _recompute(
    conn: Connection, settings: Settings, fams: list[str], new: dict[str, set[str]]
) -> int:
    docs = _incident_docs(conn)
    members: dict[str, list[str]] = {}
    for chunk in _chunks(fams):
        q = select(S.observations.c.family, S.observations.c.claim_id).where(
            S.observations.c.family.in_(chunk)
        )
        for fam, cid in conn.execute(q):
            members.setdefault(fam, []).append(cid)
    for fam in fams:
        members[fam] = sorted(set(members.get(fam, [])) | new.get(fam, set()))
    return _recompute_many(conn, settings, members, docs, replace=True)


BATCH = 20_000  # claims loaded and rebuilt together


def _recompute_many(
    conn: Connection,
    settings: Settings,
    fams: dict[str, list[str]],
    incident_docs: dict[str, list[frozenset[str]]],
    *,
    replace: bool,
) -> int:
    """Rebuild these families (family id -> its claim ids), in batches of about BATCH claims:
    one load of their claim views, one bulk insert of the results."""
    from sitroom.picture.common import origin_of  # replaceable: origins are their own module

    fts.create_measures(conn)  # a store migrating to v10 has no index yet
    lookups = _Lookups(conn)
    n = 0
    batch: list[str] = []
    size = 0
    for fam in sorted(fams):
        batch.append(fam)
        size += len(fams[fam])
        if size >= BATCH:
            n += _rebuild_batch(
                conn, settings, fams, batch, incident_docs, lookups, replace, origin_of
            )
            batch, size = [], 0
    if batch:
        n += _rebuild_batch(conn, settings, fams, batch, incident_docs, lookups, replace, origin_of)
    return n


def _rebuild_batch(conn, settings, fams, batch, incident_docs, lookups, replace, origin_of) -> int:  # noqa: ANN001, PLR0913
    if replace:
        for chunk in _chunks(batch, 900):
            fts.unindex_measure_families(conn, chunk)
        for table in TABLES:
            for chunk in _chunks(batch):
                conn.execute(delete(table).where(table.c.family.in_(chunk)))
    wanted = set(batch)
    ids = [cid for fam in batch for cid in fams[fam]]
    by_fam: dict[str, list[dict]] = {}
    for v in _views(conn, S.claims.c.id, ids, lookups):
        if not _counts(v):
            continue
        fam = family_id(family_key(v))
        if fam in wanted:
            by_fam.setdefault(fam, []).append(v)
    rows: dict = {S.measures: [], S.observations: [], S.measure_links: [], S.disagreements: []}
    now = now_iso()
    doc_countries = _doc_countries(
        conn, sorted({v["document"]["id"] for vs in by_fam.values() for v in vs})
    )
    for fam in batch:
        views = by_fam.get(fam)
        if not views:
            continue
        result = build_family(
            fam,
            family_key(views[0]),
            views,
            origin_of=origin_of,
            incident_docs=incident_docs,
            theatres=settings.picture.theatres,
            threshold=settings.picture.disagreement,
            now=now,
            doc_countries=doc_countries,
        )
        rows[S.measures] += result.measures
        rows[S.observations] += result.observations
        rows[S.measure_links] += result.links
        rows[S.disagreements] += result.disagreements
    for table, values in rows.items():
        if values:
            conn.execute(insert(table), values)
    fts.index_measures(conn, _claim_quotes(conn, rows[S.observations]))
    return len(rows[S.measures])


def _claim_quotes(conn: Connection, observations: list[dict]) -> dict[str, list[str]]:
    """Measure id -> the quotes of the claims its observations come from (the index rows)."""
    ids = sorted({o["claim_id"] for o in observations})
    quote: dict[str, str] = {}
    for chunk in _chunks(ids):
        q = select(S.claims.c.id, S.claims.c.quote).where(S.claims.c.id.in_(chunk))
        quote.update(dict(conn.execute(q).fetchall()))
    out: dict[str, list[str]] = {}
    for o in observations:
        if quote.get(o["claim_id"]):
            out.setdefault(o["measure_id"], []).append(quote[o["claim_id"]])
    return out


def _doc_countries(conn: Connection, doc_ids: list[str]) -> dict[str, str]:
    """Document id -> the country most of its claims are placed in (any kind), not counting a
    place named by a word of one of the document's speakers ('Adan said': not Aden)."""
    import re
    from collections import Counter

    c, p = S.claims.c, S.places.c
    rows: dict[str, list[tuple]] = {}
    for chunk in _chunks(doc_ids):
        q = (
            select(c.doc_id, c.origin, c.place_text, p.country)
            .outerjoin(S.places, S.places.c.id == c.place_id)
            .where(c.doc_id.in_(chunk))
        )
        for r in conn.execute(q):
            rows.setdefault(r.doc_id, []).append((r.origin, r.place_text, r.country))
    out = {}
    for doc, rs in rows.items():
        speakers = " | ".join(sorted({o for o, _, _ in rs if o}))
        counts = Counter(
            country
            for _, text, country in rs
            if country
            and not (
                text and len(text) > 2 and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", speakers)
            )
        )
        if counts:
            out[doc] = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return out


class _Lookups:
    """Places and sources rows by id, loaded as needed and kept for one reconcile."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.places: dict[str, dict] = {}
        self.sources: dict[str, dict] = {}

    def fill(self, rows: list[dict]) -> None:
        for key, table, cache in (
            ("place_id", S.places, self.places),
            ("doc_source_id", S.sources, self.sources),
        ):
            missing = sorted({r[key] for r in rows if r[key] and r[key] not in cache})
            for chunk in _chunks(missing):
                for row in self.conn.execute(select(table).where(table.c.id.in_(chunk))):
                    cache[row.id] = dict(row._mapping)


def _views(
    conn: Connection, column, values: list[str], lookups: _Lookups | None = None
) -> Iterator[dict]:  # noqa: ANN001
    lookups = lookups or _Lookups(conn)
    for chunk in _chunks(values):
        yield from _run_views(conn, current_claims_select().where(column.in_(chunk)), lookups)


def _run_views(conn: Connection, q, lookups: _Lookups | None = None) -> Iterator[dict]:  # noqa: ANN001
    lookups = lookups or _Lookups(conn)
    rows = [dict(r._mapping) for r in conn.execute(q)]
    lookups.fill(rows)
    for r in rows:
        yield claim_view(r, lookups.places, lookups.sources)


def _chunks(values: list, size: int = CHUNK) -> Iterator[list]:
    for i in range(0, len(values), size):
        yield values[i : i + size]
