"""FollowTheMoney statements (the `followthemoney` library), for Aleph and other FtM tools.

Every value is a statement (entity, property, value) with provenance: `origin` is the sitroom id
of what asserted it (a claim id for what a claim says, a document id for an article's metadata,
`sitroom` for reference data) and `first_seen` its publication date. Entities:
- `Article` per document (title, publishedAt, publisher, sourceUrl, language, bodyText);
- `Organization` per source (outlet or origin), Admiralty reliability in `notes`, and per actor;
- `Event` per stored incident (`sitroom.export.events`); each of its claims adds statements (name,
  date, location, country, involved, summary = the exact quote, description, proof = the Article,
  sourceUrl). A claim in no event is an `Event` of its own. Several claims, so several
  origins, on one event entity is FtM's own way to keep who says what.
Statements are written as JSON lines (`followthemoney.statement.write_statements`), one claim's
statements at a time.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from followthemoney import Dataset
from followthemoney.statement import StatementEntity, write_statements
from followthemoney.statement.serialize import JSON

from sitroom.export import scope as sc
from sitroom.export.events import stored_events
from sitroom.ids import slug

DATASET = Dataset.make({"name": "sitroom", "title": "sitroom claims"})


def _entity(schema: str, eid: str) -> StatementEntity:
    return StatementEntity(DATASET, {"schema": schema, "id": eid})


def _stamped(entity: StatementEntity, first_seen: str | None) -> Iterator:
    for stmt in entity.statements:
        if stmt.prop == "id":
            continue
        if first_seen:
            stmt.first_seen = first_seen[:10]
        yield stmt


def org(name: str, kind: str, grade: str | None = None) -> StatementEntity:
    e = _entity("Organization", f"sitroom-{kind}-{slug(name)}")
    e.add("name", name, origin="sitroom")
    e.add("classification", kind, origin="sitroom")
    if grade:
        e.add("notes", f"Admiralty reliability {grade}", origin="sitroom")
    return e


def article(doc: dict, outlet: str | None) -> StatementEntity:
    e = _entity("Article", f"sitroom-doc-{doc['id']}")
    for prop, value in (
        ("title", doc["title"]),
        ("publishedAt", doc["published_at"]),
        ("publisher", outlet),
        ("sourceUrl", doc["url"]),
        ("language", doc["language"]),
        ("bodyText", doc["text"]),
        ("retrievedAt", doc["retrieved_at"]),
    ):
        if value:
            e.add(prop, value, origin=doc["id"], quiet=True)
    return e


def claim_event(v: dict, event_id: str | None) -> StatementEntity:
    e = _entity("Event", f"sitroom-event-{event_id}" if event_id else f"sitroom-claim-{v['id']}")
    p, q, w = v["provenance"], v["quantity"], v["when"]
    who = v["actor"] or "?"
    whom = f" -> {v['target']}" if v["target"] else ""
    e.add("name", f"{v['kind']}: {who}{whom}", origin=v["id"])
    e.add("summary", v["quote"], origin=v["id"])
    figure = f"; {q['low']:g}-{q['high']:g} {q['unit'] or ''}" if q else ""
    e.add("description", f"{v['kind']} ({v['status']}, {v['likelihood']}){figure}", origin=v["id"])
    if w["earliest"]:
        e.add("startDate", w["earliest"][:10], origin=v["id"], quiet=True)
    if w["latest"]:
        e.add("endDate", w["latest"][:10], origin=v["id"], quiet=True)
    if v["place"]:
        e.add("location", v["place"].get("name") or v["place"].get("text"), origin=v["id"])
        if v["place"].get("country"):
            e.add("country", v["place"]["country"], origin=v["id"], quiet=True)
    for name in (v["actor"], v["target"]):
        if name:
            e.add("involved", f"sitroom-actor-{slug(name)}", origin=v["id"])
    e.add("proof", f"sitroom-doc-{p['document']}", origin=v["id"])
    if p["url"]:
        e.add("sourceUrl", p["url"], origin=v["id"], quiet=True)
    if p["origin"]:
        e.add("publisher", p["origin"], origin=v["id"])
    return e


def statements(room, scope: sc.Scope, events: bool = True) -> Iterator:  # noqa: ANN001
    event_of = (
        {c["id"]: ev.id for ev in stored_events(room.store, scope) for c in ev.claims}
        if events
        else {}
    )
    sources = {s["id"]: s for s in room.store.table_rows("sources")}
    for s in sources.values():
        yield from _stamped(org(s["name"], "source", s["reliability"]), None)
    seen_docs: set[str] = set()
    seen_actors: set[str] = set()
    for v in sc.claims(room.store, scope):
        p = v["provenance"]
        if p["document"] not in seen_docs:
            seen_docs.add(p["document"])
            doc = room.store.get_document(p["document"])
            yield from _stamped(article(doc, p["outlet"]), doc["published_at"])
        for name in (v["actor"], v["target"]):
            if name and name not in seen_actors:
                seen_actors.add(name)
                yield from _stamped(org(name, "actor"), None)
        yield from _stamped(claim_event(v, event_of.get(v["id"])), p["published_at"])


def write(room, scope: sc.Scope, out: BinaryIO, events: bool = True) -> dict[str, int]:  # noqa: ANN001
    counts = {"statements": 0}

    def counted():  # noqa: ANN202
        for stmt in statements(room, scope, events):
            counts["statements"] += 1
            yield stmt

    write_statements(out, JSON, counted())
    return counts
