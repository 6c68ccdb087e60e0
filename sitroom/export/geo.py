"""GeoJSON (RFC 7946): a FeatureCollection of claims and events that have coordinates.

Events are the stored incidents (`sitroom.export.events`: measures and observations read from the
store, streamed). Features are built with the `geojson` library and written one by one between the
collection's head and tail, so memory does not grow with the number of claims. Positions are [lon,
lat] (WGS 84, no `crs` member, as RFC 7946 requires). `place_precision` is the gazetteer level of
the point (country, admin1, county, town...): a country-level point is the country's GeoNames point,
not the place of the event.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

import geojson

from sitroom.export import scope as sc
from sitroom.export.events import stored_events
from sitroom.nlp.places import api as places_api


def _point(place: dict | None) -> geojson.Point | None:
    if not place or place.get("lat") is None or place.get("lon") is None:
        return None
    return geojson.Point((round(place["lon"], 6), round(place["lat"], 6)))


def claim_feature(view: dict) -> geojson.Feature | None:
    point = _point(view["place"])
    if point is None:
        return None
    p = view["provenance"]
    q = view["quantity"] or {}
    props = {
        "type": "claim",
        "kind": view["kind"],
        "actor": view["actor"],
        "target": view["target"],
        "quantity_low": q.get("low"),
        "quantity_high": q.get("high"),
        "quantity_unit": q.get("unit"),
        "casualty": view["casualty"],
        "status": view["status"],
        "likelihood": view["likelihood"],
        "place_name": view["place"].get("name"),
        "place_precision": places_api.level(view["place"]),
        "country": places_api.country_of(view["place"]),
        "when_earliest": view["when"]["earliest"],
        "when_latest": view["when"]["latest"],
        "when_precision": view["when"]["precision"],
        "quote": view["quote"],
        "document": p["document"],
        "url": p["url"],
        "outlet": p["outlet"],
        "outlet_grade": p["outlet_grade"],
        "origin": p["origin"],
        "origin_grade": p["origin_grade"],
    }
    return geojson.Feature(id=view["id"], geometry=point, properties=props)


def event_feature(ev) -> geojson.Feature | None:  # noqa: ANN001 - a StoredEvent
    point = _point(ev.place)
    if point is None:
        return None
    props = {
        "type": "event",
        "kind": ev.kind,
        "actor": ev.actor,
        "target": ev.target,
        "status": ev.status,
        "place_name": ev.place.get("name"),
        "place_precision": places_api.level(ev.place),
        "country": places_api.country_of(ev.place),
        "earliest": ev.earliest,
        "latest": ev.latest,
        "reports": ev.reports,
        "origins": ev.origins,
        "credibility": ev.credibility,
        "incident": ev.incident,
        "fatalities": ev.fatalities,
        "claims": list(dict.fromkeys(c["id"] for c in ev.claims)),
    }
    return geojson.Feature(id=ev.id, geometry=point, properties=props)


def features(room, scope: sc.Scope, events: bool = True) -> Iterator[geojson.Feature]:  # noqa: ANN001
    for view in sc.claims(room.store, scope):
        if (f := claim_feature(view)) is not None:
            yield f
    if not events:
        return
    for ev in stored_events(room.store, scope):
        if (f := event_feature(ev)) is not None:
            yield f


def write(room, scope: sc.Scope, out: TextIO, events: bool = True) -> dict[str, int]:  # noqa: ANN001
    counts = {"claim": 0, "event": 0}
    out.write('{"type": "FeatureCollection", "features": [\n')
    for i, feat in enumerate(features(room, scope, events)):
        out.write((",\n" if i else "") + json.dumps(feat, ensure_ascii=False))
        counts[feat["properties"]["type"]] += 1
    out.write("\n]}\n")
    return counts
