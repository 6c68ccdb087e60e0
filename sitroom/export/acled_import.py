"""One ACLED-style CSV row -> a document, its claims and its place (store rows).

The document's text is one sentence stating the row, then the row's notes; every claim quotes
that sentence, so each figure traces to the row (the document's external id is the row's
event_id_cnty). Kinds are the inverse of the export's mapping (docs/exports.md).
"""

from __future__ import annotations

import json

from sitroom import ids

KIND_OF = {
    "Battles": "combat",
    "Explosions/Remote violence": "attack",
    "Violence against civilians": "attack",
    "Riots": "attack",
}
STRATEGIC_KIND = {"Agreement": "diplomatic", "Change to group/activity": "deployment"}
LEVEL = {"1": "town", "2": "admin1", "3": "country"}
EXTRACTOR = "acled-import"


def _alpha2(rec: dict) -> str | None:
    """The ISO alpha-2 code from ACLED's numeric `iso`, else from the country name."""
    import pycountry

    iso = str(rec.get("iso") or "").strip()
    hit = pycountry.countries.get(numeric=iso.zfill(3)) if iso.isdigit() else None
    if hit is None and rec.get("country"):
        try:
            hit = pycountry.countries.lookup(rec["country"])
        except LookupError:
            hit = None
    return hit.alpha_2 if hit else None


def _kind(rec: dict) -> str | None:
    etype = rec.get("event_type", "").strip()
    if etype in KIND_OF:
        return KIND_OF[etype]
    return STRATEGIC_KIND.get(rec.get("sub_event_type", "").strip())


def _sentence(rec: dict, fatalities: int) -> str:
    where = ", ".join(x for x in (rec.get("location"), rec.get("admin1"), rec.get("country")) if x)
    who = rec.get("actor1") or "unknown actor"
    whom = f" against {rec['actor2']}" if rec.get("actor2") else ""
    return (
        f"ACLED event {rec['event_id_cnty']} on {rec['event_date']}: {rec.get('event_type')} "
        f"({rec.get('sub_event_type')}) by {who}{whom} in {where}; {fatalities} fatalities."
    )


def acled_rows(rec: dict, now: str) -> tuple[dict, list[dict], dict | None]:
    """Raises ValueError / KeyError for a row without an id, a date or a number of fatalities."""
    if not rec.get("event_id_cnty") or not rec.get("event_date"):
        raise ValueError("row lacks event_id_cnty or event_date")
    fatalities = int(float(rec.get("fatalities") or 0))
    sentence = _sentence(rec, fatalities)
    text = sentence + ("\n\n" + rec["notes"] if rec.get("notes") else "")
    doc_id = ids.document_id(text)
    place = None
    if rec.get("latitude") and rec.get("longitude"):
        lat, lon = float(rec["latitude"]), float(rec["longitude"])
        place = {
            "id": f"acled:{lat:.4f},{lon:.4f}",
            "name": rec.get("location") or rec.get("country") or "unknown",
            "level": LEVEL.get(str(rec.get("geo_precision") or "").strip(), "town"),
            "country": _alpha2(rec),
            "country_name": rec.get("country") or None,
            "admin1": rec.get("admin1") or None,
            "lat": lat,
            "lon": lon,
        }
    doc = {
        "id": doc_id,
        "url": None,
        "external_id": rec["event_id_cnty"],
        "title": f"ACLED {rec['event_id_cnty']}",
        "source_id": "acled",
        "published_at": rec["event_date"][:10],
        "published_how": "acled",
        "retrieved_at": now,
        "language": "en",
        "text": text,
        "blocks": json.dumps([{"kind": "paragraph", "start": 0, "end": len(sentence)}]),
        "origin": f"acled:{rec['event_id_cnty']}",
        "fmt": "acled",
        "status": "imported",
        "error": None,
        "copy_of": None,
        "copy_similarity": None,
        "version_of": None,
        "superseded_by": None,
        "minhash": None,
        "extractor_version": EXTRACTOR,
    }
    base = {
        "doc_id": doc_id,
        "actor": rec.get("actor1") or None,
        "target": rec.get("actor2") or None,
        "place_id": place["id"] if place else None,
        "place_text": rec.get("location") or None,
        "time_text": rec["event_date"],
        "time_type": "DATE",
        "time_value": rec["event_date"][:10],
        "time_earliest": rec["event_date"][:10],
        "time_latest": rec["event_date"][:10],
        "time_precision": "day",
        "time_relation": "past",
        "time_resolved": True,
        "status": "occurred",
        "certainty": "certain",
        "attribution_kind": "article",
        "attribution_source": None,
        "attribution_text": None,
        "evidence_start": 0,
        "evidence_end": len(sentence),
        "sentence": sentence,
        "quote": sentence,
        "restates": None,
        "consistency": None,
        "extractor": EXTRACTOR,
        "extractor_version": "1",
        "q_low": None,
        "q_high": None,
        "q_unit": None,
        "q_approx": None,
        "q_bound": None,
        "q_basis": None,
        "q_text": None,
        "casualty": None,
        "object": None,
        "notes": json.dumps(["imported from an ACLED-style row"]),
    }
    claims = []
    kind = _kind(rec)
    if kind:
        claims.append(
            {
                **base,
                "id": ids.claim_id(doc_id, kind, 0, len(sentence), base["actor"]),
                "kind": kind,
            }
        )
    if fatalities > 0:
        n = float(fatalities)
        claims.append(
            {
                **base,
                "id": ids.claim_id(doc_id, "casualties", 0, len(sentence), None),
                "kind": "casualties",
                "actor": None,
                "target": base["actor"],
                "casualty": "killed",
                "q_low": n,
                "q_high": n,
                "q_unit": "people",
                "q_approx": False,
                "q_basis": "total",
                "q_text": f"{fatalities} fatalities",
            }
        )
    return doc, claims, place
