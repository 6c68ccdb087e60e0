"""Turns found frames into claim rows for the store, links restatements, checks arithmetic."""

from __future__ import annotations

import json

from sitroom import ids
from sitroom.nlp.actors.index import actor_index
from sitroom.nlp.attribution.origins import chain_of, origin_name
from sitroom.nlp.attribution.statements import statement_key
from sitroom.nlp.types import RawDocument

RELATION_BY_STATUS = {"planned": "after_publication", "predicted": "after_publication"}


def claim_rows(doc_id: str, raw: RawDocument, facts, version: str) -> tuple[list[dict], dict]:  # noqa: ANN001
    """Rows for the claims table and the places/entities rows they refer to."""
    rows: list[dict] = []
    places: dict[str, dict] = {}
    entities: dict[str, dict] = {}
    index = actor_index()
    carrier = _carrier(raw)
    for found in facts.frames:
        f, sent, attr = found.frame, found.sentence, found.attribution
        row = _row(doc_id, f, sent, attr, version)
        chain = chain_of(attr, carrier)
        row["origin_chain"] = json.dumps(chain) if chain else None
        row["origin"] = origin_name(chain, raw.published_at)
        row["statement"] = statement_key(row, chain)
        if any(r["id"] == row["id"] for r in rows):
            continue
        rows.append(row)
        if f.place is not None and f.place.place is not None:
            p = f.place.place
            places[p.id] = {
                "id": p.id,
                "name": p.name,
                "level": p.level,
                "country": p.country,
                "country_name": p.country_name,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
            }
        for name in (row["actor"], row["target"], row["attribution_source"]):
            entity = index.resolve(name)
            if entity is not None:
                entities[entity.id] = {
                    "id": entity.id,
                    "name": entity.name,
                    "kind": entity.kind,
                    "country": entity.country,
                    "aliases": json.dumps(list(entity.aliases)),
                }
    link_restatements(rows)
    check_arithmetic(rows)
    return rows, {"places": list(places.values()), "entities": list(entities.values())}


def _carrier(raw: RawDocument) -> str | None:
    """The outlet that published the document, named as the store names it."""
    from sitroom.ingest.service import source_row

    src = source_row(raw.outlet, raw.url)
    return src["name"] if src else None


def _row(doc_id: str, f, sent, attr, version: str) -> dict:  # noqa: ANN001
    q, t = f.quantity, f.timex
    if (
        t is not None
        and f.status in ("planned", "predicted")
        and t.relation == "before_publication"
    ):
        t = None  # "Recent reports indicate X is poised to...": the time is the report's, not X's
    relation = t.relation if t and t.relation else RELATION_BY_STATUS.get(f.status)
    if relation is None:
        relation = "before_publication" if f.status == "occurred" else None
    return {
        "id": ids.claim_id(
            doc_id,
            f.kind,
            sent.start,
            sent.end,
            f"{f.actor}|{q.low if q else ''}|{q.high if q else ''}|{f.casualty}",
        ),
        "doc_id": doc_id,
        "kind": f.kind,
        "actor": f.actor,
        "target": f.target,
        "q_low": q.low if q else None,
        "q_high": q.high if q else None,
        "q_unit": q.unit if q else None,
        "q_approx": q.approx if q else None,
        "q_bound": q.bound if q else None,
        "q_basis": q.basis if q else None,
        "q_text": q.text if q else None,
        "casualty": f.casualty,
        "object": f.object,
        "place_id": f.place.place.id if f.place and f.place.place else None,
        "place_text": f.place.text if f.place else None,
        "time_text": t.text if t else None,
        "time_type": t.type if t else None,
        "time_value": t.value if t else None,
        "time_earliest": t.earliest if t else None,
        "time_latest": t.latest if t else None,
        "time_precision": t.precision if t else None,
        "time_relation": relation,
        "time_resolved": bool(t and t.resolved),
        "status": f.status,
        "certainty": f.certainty,
        "attribution_kind": attr.kind,
        "attribution_source": attr.source,
        "attribution_text": attr.text,
        "evidence_start": sent.start,
        "evidence_end": sent.end,
        "sentence": sent.span.text,
        "quote": sent.span.text,
        "restates": None,
        "consistency": None,
        "notes": json.dumps(f.notes) if f.notes else None,
        "extractor": "sitroom.rules",
        "extractor_version": version,
        "_section": sent.section,
        "_responsibility": "responsibility" in f.notes,
        "_anaphoric": "anaphoric victim" in f.notes,
        "_stated_time": None
        if "time from the article's scene" in f.notes
        else (f.timex.value if f.timex else None),
        "_stated_target": None if "target: the article's main opponent" in f.notes else f.target,
        "_stated_place": None
        if "place from the article's scene" in f.notes
        else (f.place.place.id if f.place and f.place.place else None),
    }


def link_restatements(rows: list[dict]) -> None:
    """Link each claim that restates an earlier one in the same article to it.

    In an FAQ or summary section, the same kind and actor suffice. Elsewhere a later claim
    restates an earlier one when it adds nothing: same kind, status, casualty type and target,
    and its actor, figures, place and time are the earlier's or unstated ("al-Rufay'i was
    killed", said again by a second official). A claim of responsibility is always new.
    """
    for i, row in enumerate(rows):
        for first in rows[:i]:
            if first["restates"] or first["kind"] != row["kind"]:
                continue
            if row["_section"] == "faq" and first["actor"] == row["actor"]:
                row["restates"] = first["id"]
                break
            if _adds_nothing(row, first):
                row["restates"] = first["id"]
                break
    for row in rows:
        row.pop("_section", None)
        row.pop("_responsibility", None)
    for row in rows:
        row.pop("_stated_place", None)
        row.pop("_stated_target", None)
        row.pop("_anaphoric", None)
        row.pop("_stated_time", None)


PERSON_UNITS = {"people", "persons", "villagers", "residents", "civilians", None}


def _person(unit: str | None) -> bool:
    return unit in PERSON_UNITS


def _adds_nothing(row: dict, first: dict) -> bool:
    if row["_responsibility"] or row["status"] != first["status"]:
        return False
    if row["casualty"] != first["casualty"] or row["_stated_target"] != first["_stated_target"]:
        return False
    if row["actor"] is not None and row["actor"] != first["actor"]:
        return False
    keys = ("q_low", "q_high", "_stated_place", "_stated_time")
    if not row["_anaphoric"] and not (_person(row["q_unit"]) and _person(first["q_unit"])):
        keys += ("q_unit",)  # "the leader" refers back; "43 people" repeats "43 villagers"
    for key in keys:
        if row[key] is not None and first[key] is not None and row[key] != first[key]:
            return False
    if row["certainty"] != first["certainty"]:
        return False  # a different hedge is a new claim
    if not row["_anaphoric"] and any(
        row[key] is not None and first[key] is None for key in ("_stated_place", "_stated_time")
    ):
        return False  # it says when or where, the first did not: a new event, not a repeat
    if row["q_low"] is None and first["q_low"] is None:
        # no figures: the same named actor, said by the same source
        same_source = (row["attribution_kind"], row["attribution_source"]) == (
            first["attribution_kind"],
            first["attribution_source"],
        )
        same_setting = (row["_stated_time"], row["_stated_place"]) == (
            first["_stated_time"],
            first["_stated_place"],
        )
        return row["actor"] is not None and same_source and same_setting
    return row["q_low"] is None or row["q_low"] == first["q_low"]


def check_arithmetic(rows: list[dict]) -> None:
    """'tripling' against the figures (additional + earlier total over the earlier total), and
    stated percentages against the counts beside them."""
    from sitroom.nlp.claims.arithmetic import multiplier_checks, share_checks

    multiplier_checks(rows)
    share_checks(rows)
