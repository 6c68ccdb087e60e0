"""Read pages and their JSON twins: home, claims, a claim, documents, a document, sources.

Every list takes `limit` (1-500, default 50) and `offset`, and the filters `q` (full text),
`kind`, `actor`, `place`, `source`, `since`, `until` (ISO dates), `theatre` where they apply;
its JSON is `{"items", "total", "limit", "offset", "next", "prev"}`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request

from sitroom import ids
from sitroom.corrections.statements import FIELDS as CORRECTABLE
from sitroom.corrections.statements import LIKELIHOOD_WORDS
from sitroom.web import render

Text = Annotated[str | None, Query(max_length=200)]
ItemId = Annotated[str, Path(max_length=80)]
MAX_OFFSET = 10_000_000


def identify(request: Request) -> None:
    """Every route but login: who is asking (raises Unauthorized without a valid token)."""
    request.state.identity = request.app.state.access.identify(request)


@dataclass
class Filters:
    q: str | None = None
    kind: str | None = None
    actor: str | None = None
    place: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    theatre: str | None = None
    limit: int = 50
    offset: int = 0

    def clean(self) -> dict:
        """Filters as keyword arguments, blanks dropped, dates and kind checked."""
        from sitroom.app import _check_date
        from sitroom.views import check_kind

        out = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in vars(self).items()}
        for name in ("since", "until"):
            if out[name]:
                _check_date(out[name], name)
        out["kind"] = check_kind(out["kind"], "kind")
        return out


def filters(
    q: Text = None,
    kind: Text = None,
    actor: Text = None,
    place: Text = None,
    source: Text = None,
    since: Annotated[str | None, Query(max_length=40)] = None,
    until: Annotated[str | None, Query(max_length=40)] = None,
    theatre: Text = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> Filters:
    return Filters(q, kind, actor, place, source, since, until, theatre, limit, offset)


def paged(request: Request, result: dict) -> dict:
    return {
        **result,
        **render.page_links(request, result["total"], result["limit"], result["offset"]),
    }


def twin(router: APIRouter, path: str, endpoint, **kw) -> None:  # noqa: ANN001
    """Register `path.json` (in the OpenAPI document) and `path` (the page, same data)."""
    router.add_api_route(path + ".json", endpoint, methods=["GET"], **kw)
    router.add_api_route(path, endpoint, methods=["GET"], include_in_schema=False)


def home(request: Request) -> object:
    room = request.app.state.room
    data = {"stats": room.stats()}
    data["stats"].pop("db", None)  # the server's file path is not the reader's business
    return render.respond(request, "home.html.j2", data)


def claims(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    """Claims of the current documents, filtered, one page at a time."""
    room = request.app.state.room
    args = f.clean()
    result = room.claims_page(**args)
    return render.respond(request, "claims.html.j2", paged(request, result), {"f": args})


def claim(request: Request, claim_id: ItemId) -> object:
    """One claim: its fields, why each was set (notes), origin chain, grades, the quote in
    its document."""
    room = request.app.state.room
    view = room.show(_want(claim_id, "c"))
    doc = room.store.get_document(view["evidence"]["doc_id"])
    start, end = view["evidence"]["start"], view["evidence"]["end"]
    text = doc["text"]
    names = [ids.slug(link["name"]) for link in view["origin_chain"] if link.get("name")]
    known = room.sources_by_id(names)  # one read for the chain's grades
    chain = [
        {
            **link,
            "grade": (known.get(ids.slug(link["name"])) or {}).get("reliability")
            if link.get("name")
            else None,
        }
        for link in view["origin_chain"]
    ]
    fields, other = field_rows(view)
    ctx = {
        "before": text[:start],
        "quote_text": text[start:end],
        "after": text[end:],
        "fields": fields,
        "other_notes": other,
        "corrections": room.corrections(view["id"]),
        "correctable": CORRECTABLE,
        "likelihood_words": LIKELIHOOD_WORDS,
    }
    data = {"claim": view, "chain": chain}
    return render.respond(request, "claim.html.j2", data, ctx)


FIELDS = (
    "kind",
    "actor",
    "target",
    "quantity",
    "casualty",
    "object",
    "place",
    "when",
    "status",
    "certainty",
    "attribution",
)
NOTE_WORDS = {
    "time": "when",
    "date": "when",
    "figure": "quantity",
    "number": "quantity",
    "source": "attribution",
    "origin": "attribution",
    "where": "place",
}


def field_rows(view: dict) -> tuple[list[dict], list[str]]:
    """(one row per field: name, machine value as text, analyst value, notes; notes that
    name no field). A note names its field by its first word ("actor from earlier ...")."""
    from sitroom.report import cite as C

    machine = (view.get("correction") or {}).get("machine", {})
    corrected = (view.get("correction") or {}).get("fields", {})
    by_field: dict[str, list[str]] = {}
    other = []
    for note in view.get("notes") or []:
        word = str(note).split(" ", 1)[0].lower().strip(":,")
        word = NOTE_WORDS.get(word, word)
        (by_field.setdefault(word, []) if word in FIELDS else other).append(str(note))
    rows = []
    for name in FIELDS:
        value = machine.get(name, view.get(name))
        rows.append(
            {
                "name": name,
                "machine": _show(name, value, C),
                "corrected": _show(name, view.get(name), C) if name in corrected else None,
                "notes": by_field.get(name, []),
            }
        )
    return rows, other


def _show(name: str, value, C) -> str:  # noqa: ANN001
    if value is None:
        return ""
    if name == "quantity":
        return C.quantity(value)
    if name == "place":
        return value.get("name") or value.get("text") or ""
    if name == "when":
        return C.when({"when": value, "document": {}}) if isinstance(value, dict) else str(value)
    if name == "attribution":
        return f"{value.get('source') or value.get('kind')}" + (
            f" (“{value['text']}”)" if value.get("text") else ""
        )
    return str(value)


def documents(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    room = request.app.state.room
    args = f.clean()
    result = room.documents_page(
        limit=args["limit"],
        offset=args["offset"],
        q=args["q"],
        source=args["source"],
        since=args["since"],
        until=args["until"],
    )
    return render.respond(request, "documents.html.j2", paged(request, result), {"f": args})


def document(request: Request, doc_id: ItemId) -> object:
    """One document: text, its claims, copies and versions."""
    room = request.app.state.room
    view = room.show(_want(doc_id, "d"))
    view["related"] = room.document_relations(view["id"])
    return render.respond(request, "document.html.j2", {"document": view})


def sources(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    """Sources (outlets and origins) with their Admiralty reliability grades."""
    room = request.app.state.room
    args = f.clean()
    rows = room.sources()
    if args["q"]:
        rows = [r for r in rows if args["q"].lower() in (r["name"] or "").lower()]
    total = len(rows)
    items = rows[args["offset"] : args["offset"] + args["limit"]]
    result = {"items": items, "total": total, "limit": args["limit"], "offset": args["offset"]}
    return render.respond(request, "sources.html.j2", paged(request, result), {"f": args})


def _want(item_id: str, prefix: str) -> str:
    from sitroom.errors import NotFoundError

    if not item_id.startswith(prefix):
        raise NotFoundError("no such item here", subject=item_id)
    return item_id


def register(app: FastAPI) -> None:
    r = APIRouter(dependencies=[Depends(identify)])
    r.add_api_route("/", home, methods=["GET"], include_in_schema=False)
    twin(r, "/stats", home, summary="What the store holds")
    twin(r, "/claims", claims, summary="Claims, filtered and paginated")
    # the .json path first: '/claims/{id}' would also match 'c1.json'
    r.add_api_route("/claims/{claim_id}.json", claim, methods=["GET"])
    r.add_api_route("/claims/{claim_id}", claim, methods=["GET"], include_in_schema=False)
    twin(r, "/documents", documents, summary="Documents, filtered and paginated")
    r.add_api_route("/documents/{doc_id}.json", document, methods=["GET"])
    r.add_api_route("/documents/{doc_id}", document, methods=["GET"], include_in_schema=False)
    twin(r, "/sources", sources, summary="Sources with their grades")
    app.include_router(r)
