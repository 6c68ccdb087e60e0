"""STIX 2.1 (the `stix2` library), for threat-intelligence platforms such as OpenCTI and MISP.

Mapping (docs/exports.md has the full table and OpenCTI notes):
- the outlet of a document, and each origin (who first said a claim): `identity`
  (identity_class organization, individual for named officials), Admiralty reliability in
  `x_sitroom_admiralty_reliability` (A-F);
- each actor named as actor or target: `identity` (organization), `x_sitroom_actor: true`;
- each place: `location` (latitude, longitude, country), `x_sitroom_precision` (its level);
- each document: `report` (published, the outlet as `created_by_ref`, its url in
  `external_references`), whose `object_refs` are its claims, places and actors;
- each claim: `note` (abstract: a one-line summary; content: the exact quote; authors: the
  origin), `object_refs` to its document's report, place and actors, and the claim's fields as
  `x_sitroom_*` properties; `confidence` is the STIX 2.1 Admiralty Credibility mapping (1->90,
  2->70, 3->50, 4->30, 5->10, 6: absent) of the claim's event, when it is in one;
- each event (a stored incident, `sitroom.export.events`): `grouping` (context `suspicious-
  activity`) of its claims and place, with its Admiralty credibility in
  `x_sitroom_admiralty_credibility` and `confidence` as above.
All `x_sitroom_*` properties are declared by one `extension-definition` (a STIX 2.1 top-level
property extension) that every object names in `extensions`. Ids are deterministic (UUIDv5 of
the sitroom id, as OpenCTI's own standard ids are), so a re-export updates, never duplicates.
The bundle is written object by object (constant memory in the number of claims).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TextIO

import stix2

from sitroom.export import scope as sc
from sitroom.export.events import stored_events
from sitroom.ids import slug

NAMESPACE = uuid.UUID("5a3c1f0e-6a51-4d5b-9d0e-7f7a2b9c0d11")
EXTENSION = f"extension-definition--{uuid.uuid5(NAMESPACE, 'sitroom-ext-1')}"
EXTENSION_PROPERTIES = [
    f"x_sitroom_{name}"
    for name in (
        "actor", "admiralty_reliability", "admiralty_credibility", "precision", "claim_id",
        "kind", "actor_name", "target_name", "quantity_low", "quantity_high", "quantity_unit",
        "casualty", "status", "certainty", "likelihood", "when_earliest", "when_latest",
        "attribution_kind", "origin", "origin_ref", "url", "document_id", "event_id",
    )
]  # fmt: skip
EPOCH = "2025-01-01T00:00:00Z"  # creation time of the shared objects (deterministic output)
CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}  # STIX 2.1 Appendix A, Admiralty Credibility
OFFICIAL_KINDS = {"named_official"}


def sid(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, key)}"


def _ts(value: str | None, fallback: str) -> str:
    if value and len(value) >= 10:
        return (value[:10] + "T00:00:00Z") if len(value) == 10 else value
    return fallback


class Writer:
    """Writes one STIX bundle, each shared object (identity, location) once."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.seen: set[str] = set()
        self.counts: dict[str, int] = {}
        self.now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.system = sid("identity", "system:sitroom")
        self.ext = {EXTENSION: {"extension_type": "toplevel-property-extension"}}

    def start(self) -> None:
        self.out.write(f'{{"type": "bundle", "id": "bundle--{uuid.uuid4()}", "objects": [\n')
        self.emit(
            stix2.Identity(
                id=self.system,
                name="sitroom",
                identity_class="system",
                created=EPOCH,
                modified=EPOCH,
            )
        )
        self.emit(
            stix2.ExtensionDefinition(
                id=EXTENSION,
                created_by_ref=self.system,
                name="sitroom claim properties",
                description="Claim fields, Admiralty grades and sitroom ids (docs/exports.md)",
                schema="sitroom docs/exports.md, section STIX 2.1",
                version="1.0.0",
                extension_types=["toplevel-property-extension"],
                extension_properties=EXTENSION_PROPERTIES,
                created=EPOCH,
                modified=EPOCH,
            )
        )

    def emit(self, obj) -> None:  # noqa: ANN001 - a stix2 object
        if obj.id in self.seen:
            return
        self.out.write(("" if not self.seen else ",\n") + obj.serialize())
        self.seen.add(obj.id)
        self.counts[obj.type] = self.counts.get(obj.type, 0) + 1

    def finish(self) -> dict[str, int]:
        self.out.write("\n]}\n")
        return self.counts

    def identity(self, name: str, klass: str, grade: str | None, actor: bool = False) -> str:
        ident = sid("identity", f"{'actor' if actor else 'source'}:{slug(name)}")
        if ident not in self.seen:
            extra = {"x_sitroom_actor": True} if actor else {}
            if grade:
                extra["x_sitroom_admiralty_reliability"] = grade
            self.emit(
                stix2.Identity(
                    id=ident,
                    name=name,
                    identity_class=klass,
                    created=EPOCH,
                    modified=EPOCH,
                    created_by_ref=self.system,
                    allow_custom=True,
                    extensions=self.ext,
                    **extra,
                )
            )
        return ident

    def location(self, place: dict | None) -> str | None:
        if not place or place.get("lat") is None or not place.get("id"):
            return None
        loc = sid("location", f"place:{place['id']}")
        if loc not in self.seen:
            extra = {"country": place["country"]} if place.get("country") else {}
            self.emit(
                stix2.Location(
                    id=loc,
                    name=place.get("name") or place.get("text"),
                    latitude=place["lat"],
                    longitude=place["lon"],
                    created=EPOCH,
                    modified=EPOCH,
                    created_by_ref=self.system,
                    allow_custom=True,
                    extensions=self.ext,
                    x_sitroom_precision=place.get("level"),
                    **extra,
                )
            )
        return loc


def _summary(v: dict) -> str:
    q = v["quantity"]
    figure = ""
    if q:
        lo, hi = q["low"], q["high"]
        figure = f" {lo:g}" if lo == hi else f" {lo:g}-{hi:g}"
        figure += f" {q['unit'] or ''}".rstrip()
    who = v["actor"] or "?"
    whom = f" -> {v['target']}" if v["target"] else ""
    return f"{v['kind']}: {who}{whom}{figure} ({v['status']})"


def claim_note(w: Writer, v: dict, credibility: int | None) -> stix2.Note:
    p = v["provenance"]
    refs = [sid("report", f"document:{p['document']}")]
    if loc := w.location(v["place"]):
        refs.append(loc)
    for name in (v["actor"], v["target"]):
        if name:
            refs.append(w.identity(name, "organization", None, actor=True))
    origin = p["origin"] or p["outlet"] or "unknown"
    klass = "individual" if v["attribution"]["kind"] in OFFICIAL_KINDS else "organization"
    author_ref = w.identity(origin, klass, p["origin_grade"])
    q = v["quantity"] or {}
    extra = {
        k: val
        for k, val in {
            "x_sitroom_claim_id": v["id"],
            "x_sitroom_kind": v["kind"],
            "x_sitroom_actor_name": v["actor"],
            "x_sitroom_target_name": v["target"],
            "x_sitroom_quantity_low": q.get("low"),
            "x_sitroom_quantity_high": q.get("high"),
            "x_sitroom_quantity_unit": q.get("unit"),
            "x_sitroom_casualty": v["casualty"],
            "x_sitroom_status": v["status"],
            "x_sitroom_certainty": v["certainty"],
            "x_sitroom_likelihood": v["likelihood"],
            "x_sitroom_when_earliest": v["when"]["earliest"],
            "x_sitroom_when_latest": v["when"]["latest"],
            "x_sitroom_attribution_kind": v["attribution"]["kind"],
            "x_sitroom_origin": origin,
            "x_sitroom_origin_ref": author_ref,
            "x_sitroom_admiralty_reliability": p["origin_grade"],
            "x_sitroom_url": p["url"],
        }.items()
        if val is not None
    }
    if credibility in CONFIDENCE:
        extra["confidence"] = CONFIDENCE[credibility]
        extra["x_sitroom_admiralty_credibility"] = credibility
    created = _ts(p["published_at"], w.now)
    return stix2.Note(
        id=sid("note", f"claim:{v['id']}"),
        abstract=_summary(v),
        content=v["quote"],
        authors=[origin],
        object_refs=refs,
        created=created,
        modified=created,
        created_by_ref=w.system,
        allow_custom=True,
        extensions=w.ext,
        **extra,
    )


def document_report(w: Writer, doc: dict, outlet: dict | None, refs: list[str]) -> stix2.Report:
    created_by = (
        w.identity(outlet["name"], "organization", outlet["reliability"]) if outlet else w.system
    )
    ext = [{"source_name": outlet["name"] if outlet else "sitroom", "url": doc["url"]}]
    published = _ts(doc["published_at"], _ts(doc["retrieved_at"], w.now))
    return stix2.Report(
        id=sid("report", f"document:{doc['id']}"),
        name=doc["title"] or doc["id"],
        published=published,
        created=published,
        modified=published,
        report_types=["threat-report"],
        object_refs=refs or [created_by],
        created_by_ref=created_by,
        allow_custom=True,
        extensions=w.ext,
        x_sitroom_document_id=doc["id"],
        **({"external_references": ext} if doc["url"] else {}),
    )


def _claims_with_reports(w: Writer, room, scope: sc.Scope, credibility: dict) -> None:  # noqa: ANN001
    """Notes for the claims, and after each document's claims (they come grouped by document)
    the document's report, so nothing accumulates beyond one document."""
    sources = {s["id"]: s for s in room.store.table_rows("sources")}
    doc_id, refs = None, []

    def flush() -> None:
        if doc_id is not None:
            doc = room.store.get_document(doc_id)
            outlet = sources.get(doc["source_id"])
            w.emit(document_report(w, doc, outlet, list(dict.fromkeys(refs))))

    for v in sc.claims(room.store, scope):
        if v["provenance"]["document"] != doc_id:
            flush()
            doc_id, refs = v["provenance"]["document"], []
        note = claim_note(w, v, credibility.get(v["id"]))
        w.emit(note)
        refs.extend([note.id, *note.object_refs[1:]])
    flush()


def _event_grouping(w: Writer, ev) -> None:  # noqa: ANN001 - a StoredEvent
    notes = dict.fromkeys(sid("note", f"claim:{c['id']}") for c in ev.claims)
    refs = [r for r in notes if r in w.seen]
    if not refs:
        return
    if loc := w.location(ev.place):
        refs.append(loc)
    extra = {"confidence": CONFIDENCE[ev.credibility]} if ev.credibility in CONFIDENCE else {}
    name = f"{ev.kind}: {ev.actor or '?'}" + (f" -> {ev.target}" if ev.target else "")
    w.emit(
        stix2.Grouping(
            id=sid("grouping", f"event:{ev.id}"),
            name=name,
            context="suspicious-activity",
            object_refs=refs,
            created=w.now,
            modified=w.now,
            created_by_ref=w.system,
            allow_custom=True,
            extensions=w.ext,
            x_sitroom_event_id=ev.id,
            x_sitroom_admiralty_credibility=ev.credibility,
            **extra,
        )
    )


def write(room, scope: sc.Scope, out: TextIO, events: bool = True) -> dict[str, int]:  # noqa: ANN001
    """Write the bundle. With `events`, the scope's stored incidents (`sitroom.export.events`,
    read twice as a stream: first their claims' credibility, then the groupings) become
    groupings and lend their credibility to their claims."""
    credibility = (
        {c["id"]: ev.credibility for ev in stored_events(room.store, scope) for c in ev.claims}
        if events
        else {}
    )
    w = Writer(out)
    w.start()
    _claims_with_reports(w, room, scope, credibility)
    if events:
        for ev in stored_events(room.store, scope):
            _event_grouping(w, ev)
    _corrections(w, room)
    return w.finish()


OPINION = {  # ICD 203 likelihood word -> STIX 2.1 opinion-enum
    "almost no chance": "strongly-disagree",
    "remote": "strongly-disagree",
    "very unlikely": "strongly-disagree",
    "highly improbable": "strongly-disagree",
    "unlikely": "disagree",
    "improbable": "disagree",
    "roughly even chance": "neutral",
    "roughly even odds": "neutral",
    "likely": "agree",
    "probable": "agree",
    "very likely": "strongly-agree",
    "highly probable": "strongly-agree",
    "almost certain": "strongly-agree",
    "nearly certain": "strongly-agree",
}


def _corrections(w: Writer, room) -> None:  # noqa: ANN001
    """Analyst corrections in force: a `note` each (abstract: what changed; content: the
    reason, the analyst's and the machine's value; authors: the analyst), an `opinion` per
    assessment (its ICD 203 word mapped to the opinion scale, kept in x_sitroom_likelihood).
    They refer to the claim's note when the claim is in the bundle, else to the source's
    identity, else to sitroom itself."""
    import json

    for c in room.corrections():
        refs = [w.system]
        if c["target_type"] == "claim" and (r := sid("note", f"claim:{c['target_id']}")) in w.seen:
            refs = [r]
        elif c["target_type"] == "source":
            src = room.source(c["target_id"])
            refs = [w.identity(src["name"], "organization", src["reliability"])] if src else refs
        common = dict(
            id=sid("opinion" if c["action"] == "assess" else "note", f"correction:{c['id']}"),
            created=_ts(c["created_at"], w.now),
            modified=_ts(c["created_at"], w.now),
            authors=[c["author"]],
            object_refs=refs,
            created_by_ref=w.system,
        )
        if c["action"] == "assess":
            w.emit(
                stix2.Opinion(
                    opinion=OPINION[c["likelihood"]],
                    explanation=f"{c['value']} ({c['likelihood']}; {c['reason']})",
                    allow_custom=True,
                    extensions=w.ext,
                    x_sitroom_likelihood=c["likelihood"],
                    **common,
                )
            )
            continue
        what = f"{c['action']} {c['target_type']} {c['target_id']}"
        if c["field"]:
            what += f" {c['field']}"
        content = f"Reason: {c['reason']}"
        if c["value"] is not None:
            content += f"\nAnalyst value: {json.dumps(c['value'], ensure_ascii=False)}"
        if c["machine_value"] is not None:
            content += f"\nMachine value: {json.dumps(c['machine_value'], ensure_ascii=False)}"
        w.emit(
            stix2.Note(
                abstract=f"Analyst correction: {what}",
                content=content,
                labels=["sitroom-correction", c["action"]],
                **common,
            )
        )
