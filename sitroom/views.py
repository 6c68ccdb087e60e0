"""Row -> user-facing dict conversions and claim filters, shared by every front door."""

from __future__ import annotations

import json

from sqlalchemy import func, or_, select

from sitroom.errors import ConfigError
from sitroom.store import schema as S

# the claim kinds the extractor produces (meanings: tests/fixtures/gold/README.md)
CLAIM_KINDS = (
    "aid_suspension",
    "arms_transfer",
    "attack",
    "casualties",
    "combat",
    "deployment",
    "diplomatic",
    "recruitment",
    "sanction",
    "territory",
    "training",
    "withdrawal",
)

LIKELIHOOD = {  # ICD 203 expressions of likelihood for each certainty level
    "certain": "almost certain",
    "probable": "likely",
    "possible": "roughly even chance",
    "doubtful": "unlikely",
}


def check_kind(kind: str | None, option: str = "--kind") -> str | None:
    """`kind` if it is a claim kind (case and spaces forgiven: 'Arms transfer'), else
    ConfigError naming it and listing the valid kinds (the CLI prints it on one line, exit 2)."""
    if kind is None:
        return None
    norm = "_".join(str(kind).strip().lower().replace("-", " ").split())
    if norm not in CLAIM_KINDS:
        raise ConfigError(
            f"unknown kind; valid kinds: {', '.join(CLAIM_KINDS)}", subject=f"{option} {kind}"
        )
    return norm


def claim_filters(q, *, kind, actor, place, source, since, until, restatements):  # noqa: ANN001, ANN201
    c, d = S.claims, S.documents
    if not restatements:
        q = q.where(c.c.restates.is_(None))
    if kind:
        q = q.where(c.c.kind == kind)
    if actor:
        from sitroom.nlp.actors.index import actor_index

        entity = actor_index().resolve(actor)
        names = {actor, entity.name} if entity else {actor}
        q = q.where(or_(c.c.actor.in_(names), c.c.actor.ilike(f"%{actor}%")))
    if place:
        ids = select(S.places.c.id).where(
            or_(
                S.places.c.name.ilike(f"%{place}%"),
                S.places.c.country_name.ilike(f"%{place}%"),
                S.places.c.admin1.ilike(f"%{place}%"),
            )
        )
        q = q.where(or_(c.c.place_id.in_(ids), c.c.place_text.ilike(f"%{place}%")))
    if source:
        q = q.where(
            or_(d.c.source_id.ilike(f"%{source}%"), c.c.attribution_source.ilike(f"%{source}%"))
        )
    if since:
        q = q.where(func.coalesce(c.c.time_latest, d.c.published_at) >= since)
    if until:
        q = q.where(func.coalesce(c.c.time_earliest, d.c.published_at) <= until + "~")
    return q.order_by(d.c.published_at, c.c.doc_id, c.c.evidence_start, c.c.id)


def claim_view(r: dict, places: dict, sources: dict) -> dict:
    """The nested user view of one claim row (joined with its document)."""
    place = places.get(r["place_id"]) if r.get("place_id") else None
    src = sources.get(r.get("doc_source_id")) if r.get("doc_source_id") else None
    return {
        "id": r["id"],
        "kind": r["kind"],
        "actor": r["actor"],
        "target": r["target"],
        "quantity": None
        if r["q_low"] is None
        else {
            "low": r["q_low"],
            "high": r["q_high"],
            "unit": r["q_unit"],
            "approx": r["q_approx"],
            "bound": r["q_bound"],
            "basis": r["q_basis"],
            "text": r["q_text"],
        },
        "casualty": r["casualty"],
        "object": r["object"],
        "place": None
        if place is None and not r["place_text"]
        else {
            "id": r["place_id"],
            "text": r["place_text"],
            **(
                {
                    k: place[k]
                    for k in ("name", "level", "country", "country_name", "admin1", "lat", "lon")
                }
                if place
                else {}
            ),
        },
        "when": {
            "text": r["time_text"],
            "type": r["time_type"],
            "value": r["time_value"],
            "earliest": r["time_earliest"],
            "latest": r["time_latest"],
            "precision": r["time_precision"],
            "relation": r["time_relation"],
            "resolved": bool(r["time_resolved"]),
        },
        "status": r["status"],
        "certainty": r["certainty"],
        "likelihood": LIKELIHOOD.get(r["certainty"]),
        "attribution": {
            "kind": r["attribution_kind"],
            "source": r["attribution_source"],
            "text": r["attribution_text"],
        },
        "origin": r.get("origin"),
        "origin_chain": json.loads(r["origin_chain"]) if r.get("origin_chain") else [],
        "quote": r["quote"],
        "evidence": {"doc_id": r["doc_id"], "start": r["evidence_start"], "end": r["evidence_end"]},
        "document": {
            "id": r["doc_id"],
            "title": r.get("doc_title"),
            "url": r.get("doc_url"),
            "published_at": r.get("doc_published_at"),
            "copy_of": r.get("doc_copy_of"),
        },
        "source": None
        if src is None
        else {"id": src["id"], "name": src["name"], "reliability": src["reliability"]},
        "restates": r["restates"],
        "consistency": json.loads(r["consistency"]) if r["consistency"] else None,
        "notes": json.loads(r["notes"]) if r.get("notes") else [],
        "extractor": f"{r['extractor']} {r['extractor_version']}",
    }


def document_view(d: dict, sources: dict) -> dict:
    src = sources.get(d.get("source_id"))
    return {
        "id": d["id"],
        "title": d["title"],
        "url": d["url"],
        "source": src["name"] if src else None,
        "published_at": d["published_at"],
        "published_how": d["published_how"],
        "retrieved_at": d["retrieved_at"],
        "language": d["language"],
        "status": d["status"],
        # the store keeps one text per document: why it failed, or what was (not) done
        "error": d["error"] if d["status"].endswith("failed") else None,
        "note": None if d["status"].endswith("failed") else d["error"],
        "copy_of": d["copy_of"],
        "copy_similarity": d["copy_similarity"],
        "version_of": d["version_of"],
        "superseded_by": d["superseded_by"],
        "origin": d["origin"],
        "format": d["fmt"],
    }


def flat(view: dict, prefix: str = "") -> dict:
    """Flatten a nested view for CSV (keys joined with '.')."""
    out = {}
    for k, v in view.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flat(v, key + "."))
        elif isinstance(v, list):
            out[key] = json.dumps(v)
        else:
            out[key] = v
    return out
