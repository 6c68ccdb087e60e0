"""What an export covers (filters like `sitroom claims`) and the streams of rows it reads.

Rows come from the store through a server-side cursor, `PAGE` at a time, so memory does not grow
with the number of claims. Reference tables (places, sources) are small and read whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select

from sitroom.picture.common import origin_of
from sitroom.picture.grades import reliability_map
from sitroom.store import schema as S
from sitroom.views import claim_filters, claim_view

PAGE = 1000


@dataclass(frozen=True)
class Scope:
    """Filters of an export; all None means everything (current document versions)."""

    query: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    actor: str | None = None
    place: str | None = None
    source: str | None = None

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def stream(store, query) -> Iterator[dict]:  # noqa: ANN001 - a Store and a Select
    """Rows of `query` as dicts, fetched PAGE at a time."""
    with store.connect() as conn:
        result = conn.execution_options(yield_per=PAGE).execute(query)
        for row in result:
            yield dict(row._mapping)


def claim_rows(store, scope: Scope) -> Iterator[dict]:  # noqa: ANN001
    """Raw claim rows (joined with their document) of the current versions in scope."""
    q = claim_filters(
        store.claims_query(),
        kind=scope.kind,
        actor=scope.actor,
        place=scope.place,
        source=scope.source,
        since=scope.since,
        until=scope.until,
        restatements=True,
    )
    hits = store.search_claims(scope.query) if scope.query else None
    for row in stream(store, q):
        if hits is None or row["id"] in hits:
            yield row


class Provenance:
    """Turns raw claim rows into claim views with their full provenance: document, url, outlet
    and its grade, origin (who first said it) and the origin's grade."""

    def __init__(self, store) -> None:  # noqa: ANN001
        from sitroom.corrections import statements
        from sitroom.corrections.overlay import source_rows

        self.places = {p["id"]: p for p in store.table_rows("places")}
        self.sources = {s["id"]: s for s in source_rows(store, store.table_rows("sources"))}
        self.grades = reliability_map(list(self.sources.values()))
        self.corrections = statements.active(store, "claim", None)  # analyst corrections

    def view(self, row: dict) -> dict:
        from sitroom.corrections.overlay import apply_claim

        view = claim_view(row, self.places, self.sources)
        for c in self.corrections.get(view["id"], []):
            apply_claim(view, c)
        origin = origin_of(view)
        outlet = view["source"] or {}
        view["provenance"] = {
            "document": view["document"]["id"],
            "url": view["document"]["url"],
            "title": view["document"]["title"],
            "published_at": view["document"]["published_at"],
            "outlet": outlet.get("name"),
            "outlet_grade": outlet.get("reliability"),
            "origin": origin,
            "origin_grade": self.grade(origin),
            "copy_of": view["document"]["copy_of"],
        }
        return view

    def grade(self, name: str | None) -> str | None:
        if not name:
            return None
        from sitroom.ids import slug

        return self.grades.get(slug(name), "F")


def claims(store, scope: Scope) -> Iterator[dict]:  # noqa: ANN001
    """Claim views with provenance, streamed."""
    prov = Provenance(store)
    for row in claim_rows(store, scope):
        yield prov.view(row)


def table_names() -> list[str]:
    """Stored tables an export carries whole (besides claims), those present in this schema."""
    wanted = (
        "sources",
        "places",
        "entities",
        "measures",
        "observations",
        "disagreements",
        "corrections",
    )
    return [n for n in wanted if n in S.metadata.tables]


def table(store, name: str) -> Iterator[dict]:  # noqa: ANN001
    t = S.metadata.tables[name]
    key = t.c.id if "id" in t.c else list(t.primary_key.columns)[0]
    yield from stream(store, select(t).order_by(key))


def documents(store, doc_ids: set[str] | None = None) -> Iterator[dict]:  # noqa: ANN001
    """Whole document rows (text and blocks included, minhash left out), streamed."""
    cols = [c for c in S.documents.c if c.name != "minhash"]
    for row in stream(store, select(*cols).order_by(S.documents.c.id)):
        if doc_ids is None or row["id"] in doc_ids:
            yield row
