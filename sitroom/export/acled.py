"""ACLED-style rows, one per stored incident (`sitroom.export.events`, read from the stored
measures and observations, streamed), and the mapping from sitroom kinds (docs/exports.md).

Columns follow ACLED's codebook (event_id_cnty ... timestamp), then sitroom's own columns for
provenance. Fatalities follow ACLED's rule, the lowest credible figure: each origin's latest
killed figure for the event, the lowest of those; the others are noted in `notes`. Rows are
written through the formula-safe CSV writer.
"""

from __future__ import annotations

import re
from typing import TextIO

from sitroom.export import scope as sc
from sitroom.export.events import stored_events
from sitroom.nlp.actors.index import actor_index
from sitroom.nlp.places import api as places_api
from sitroom.output_safety import csv_writer

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    "sitroom_event_id",
    "sitroom_kind",
    "sitroom_claims",
    "sitroom_origins",
    "sitroom_credibility",
    "sitroom_fatality_figures",
]

PV, SD = "Political violence", "Strategic developments"
STRATEGIC = {
    "deployment": "Change to group/activity",
    "withdrawal": "Change to group/activity",
    "diplomatic": "Agreement",
    "territory": "Non-violent transfer of territory",
    "arms_transfer": "Other",
    "training": "Other",
    "recruitment": "Other",
    "sanction": "Other",
    "aid_suspension": "Other",
}
EXPLOSIVE = [  # first match wins: a suicide bomber is not an air strike
    (re.compile(r"\bsuicide\b", re.I), "Suicide bomb"),
    (
        re.compile(r"\b(air ?strikes?|drones?|air raids?|warplanes?|fighter jets?)\b", re.I),
        "Air/drone strike",
    ),
    (
        re.compile(r"\b(shell(ing|ed)?|artillery|missiles?|rockets?|mortars?)\b", re.I),
        "Shelling/artillery/missile attack",
    ),
    (
        re.compile(r"\b(IEDs?|bomb(ing|s)?|explosi(on|ve)s?|landmines?|blasts?)\b", re.I),
        "Remote explosive/landmine/IED",
    ),
]
CIVILIAN = re.compile(
    r"\b(civilians?|passengers?|villagers?|worshippers?|residents?|children)\b", re.I
)
INTER = {
    "state": 1,
    "military": 1,
    "government_body": 1,
    "armed_group": 2,
    "intelligence_agency": 1,
}
PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"town": 1, "city": 1, "county": 2, "admin2": 2, "admin1": 2, "country": 3}


def event_types(ev) -> tuple[str, str, str]:  # noqa: ANN001 - a picture Event
    """(disorder_type, event_type, sub_event_type) of an event."""
    if ev.kind in STRATEGIC:
        return SD, SD, STRATEGIC[ev.kind]
    quotes = " ".join(c["quote"] for c in ev.claims)
    if ev.kind in ("attack", "casualties"):
        for pattern, sub in EXPLOSIVE:
            if pattern.search(quotes):
                return PV, "Explosions/Remote violence", sub
        if CIVILIAN.search(quotes):
            return PV, "Violence against civilians", "Attack"
    return PV, "Battles", "Armed clash"


def fatalities(ev) -> tuple[int, str]:  # noqa: ANN001 - a StoredEvent
    """ACLED's rule, the lowest credible figure: for each killed measure of the incident the
    lowest of the origins' current figures (stored as `current_low`); the event's figure is the
    largest of those (measures of one incident may count the same dead). The note lists every
    origin's current figure."""
    if not ev.killed:
        return 0, ""
    figures = sorted(f for k in ev.killed for f in k["figures"])
    note = "; ".join(f"{int(f):,} by {o} ({d or 'undated'}, {cid})" for f, o, d, cid in figures)
    return ev.fatalities, note


def _iso_numeric(cc: str | None) -> str:
    """ACLED's `iso` is the ISO 3166-1 numeric code."""
    import pycountry

    country = pycountry.countries.get(alpha_2=cc) if cc else None
    return str(int(country.numeric)) if country else ""


def _interaction(a: int | str, b: int | str) -> str:
    codes = sorted(int(x) for x in (a, b) if x != "")
    return "".join(str(c) for c in codes) if len(codes) == 2 else (f"{codes[0]}0" if codes else "")


def _inter(name: str | None) -> int | str:
    entity = actor_index().resolve(name) if name else None
    return INTER.get(entity.kind, 8) if entity else ("" if not name else 8)


def _admin1(place: dict) -> str:
    """ACLED admin1: the division a place lies in, or the division itself (place API)."""
    if not place:
        return ""
    if places_api.level(place) == "admin1":
        return place.get("name") or ""
    return place.get("admin1") or ""


def _incident_place(label: str | None) -> str:
    """The place part of an incident label ('Kalat, 2025-02-01' -> 'Kalat'); none for a bare
    date."""
    head = (label or "").split(",")[0].split(";")[0].strip()
    return "" if re.fullmatch(r"\d{4}(-\d{2}){0,2}", head) else head


def row(ev) -> dict:  # noqa: ANN001 - a StoredEvent
    disorder, etype, sub = event_types(ev)
    place = ev.place or {}
    killed, figures = fatalities(ev)
    quotes = " | ".join(dict.fromkeys(c["quote"] for c in ev.claims))[:2000]
    outlets = sorted({c["outlet"] for c in ev.claims if c["outlet"]})
    published = min((c["published_at"] or "" for c in ev.claims), default="")
    date = ev.earliest or published or ""
    precisions = [c["precision"] for c in ev.claims if c["precision"]]
    precision = min(precisions, key=lambda p: PRECISION.get(p, 3)) if precisions else None
    notes = quotes + (f" [fatalities reported: {figures}]" if figures and ";" in figures else "")
    return {
        "event_id_cnty": ev.id,
        "event_date": date[:10],
        "year": date[:4],
        "time_precision": PRECISION.get(precision or "", 1 if ev.earliest else 3),
        "disorder_type": disorder,
        "event_type": etype,
        "sub_event_type": sub,
        "actor1": ev.actor or "",
        "inter1": _inter(ev.actor),
        "actor2": ev.target or "",
        "inter2": _inter(ev.target),
        "civilian_targeting": "Civilian targeting" if etype == "Violence against civilians" else "",
        "iso": _iso_numeric(places_api.country_of(place) if place else None),
        "country": place.get("country_name") or "",
        "admin1": _admin1(place),
        "location": place.get("name") or _incident_place(ev.incident),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": GEO_PRECISION.get(place.get("level") or "", 3),
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": notes,
        "fatalities": killed,
        "interaction": _interaction(_inter(ev.actor), _inter(ev.target)),
        "sitroom_event_id": ev.id,
        "sitroom_kind": ev.kind,
        "sitroom_claims": " ".join(dict.fromkeys(c["id"] for c in ev.claims)),
        "sitroom_origins": "; ".join(ev.origins),
        "sitroom_credibility": ev.credibility,
        "sitroom_fatality_figures": figures,
    }


def write(room, scope: sc.Scope, out: TextIO) -> dict[str, int]:  # noqa: ANN001
    """One row per stored incident in scope (`sitroom.export.events`), streamed; an incident
    with no date at all (neither as-of nor publication) cannot be an ACLED row and is counted
    as `undated`, not written."""
    writer = csv_writer(out, fieldnames=COLUMNS, extrasaction="ignore")
    writer.writeheader()
    counts = {"events": 0, "undated": 0}
    for ev in stored_events(room.store, scope):
        values = row(ev)
        if not values["event_date"]:
            counts["undated"] += 1
            continue
        writer.writerow(values)
        counts["events"] += 1
    return counts
