"""Picture pages and their JSON twins: the brief, measures, a measure, events, predictions, the
map, the timeline and `ask`.

The brief is built live from the stored measures (`Sitroom.brief_data`), with analyst
corrections applied; each citation [n] and each chart point links to its claim's page, where
the quote is highlighted in its document. A measure page charts observations by origin over
time (report.charts), disputed points marked, with its disagreements listed.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from markupsafe import Markup, escape

from sitroom.report import cite as C
from sitroom.web import render
from sitroom.web.routes_read import Filters, filters, identify, paged, twin

CLAIM_REF = re.compile(r"\[(c[0-9a-f]{8,40})\]")


class _Point:  # what report.charts.estimate_chart reads
    def __init__(self, claim_id, source, published_at, low, high) -> None:  # noqa: ANN001
        self.claim_id, self.source, self.published_at = claim_id, source, published_at
        self.low, self.high = low, high


def _chart(name: str, points: list[_Point], disputed: set[str]) -> Markup:
    """The report's SVG chart with each point linked to its claim page, disputed ones marked."""
    from sitroom.report.charts import estimate_chart

    numbers = {p.claim_id: i + 1 for i, p in enumerate(points)}
    svg = estimate_chart(name, points, numbers)
    by_n = {str(n): cid for cid, n in numbers.items()}
    svg = re.sub(r'href="#cite-(\d+)"', lambda m: f'href="/claims/{by_n[m.group(1)]}#quote"', svg)
    for cid in disputed:
        svg = re.sub(
            rf'<circle class="point"([^>]*data-claim="{re.escape(cid)}")',
            r'<circle class="point disputed"\1',
            svg,
        )
    return Markup(svg)  # noqa: S704 - drawn by report.charts, which escapes every text


def _cite_links(text: str, cited: dict[int, str]) -> Markup:
    """Escape `text`, then turn citation markers into links to the cited claims' pages."""
    safe = str(escape(C.plain_marks(text)))

    def link(m: re.Match) -> str:
        n = int(m.group(1))
        cid = cited.get(n)
        return f'<a class="cite" href="/claims/{cid}#quote">[{n}]</a>' if cid else m.group(0)

    return Markup(re.sub(r"\[(\d+)\]", link, safe))  # noqa: S704 - escaped above


def brief(
    request: Request,
    f: Annotated[Filters, Depends(filters)],
    top: Annotated[int, Query(ge=1, le=100)] = 20,
) -> object:
    """The situation brief, live from the stored measures (corrections applied)."""
    room = request.app.state.room
    args = f.clean()
    data = room.brief_data(args["q"], args["since"], args["until"], args["theatre"], top)
    from sitroom.report.brief import _plain

    if render.wants_json(request):
        return render.respond(request, "brief.html.j2", _plain(data))
    cited = {c["n"]: c["claim_id"] for c in data["cited"]}
    assess = {}
    for c in room.corrections():
        if c["action"] == "assess":
            assess.setdefault(c["target_id"], []).append(c)
    glance = [
        {
            "theatre": t["theatre"],
            "measures": [{**g, "html": _cite_links(g["sentence"], cited)} for g in t["measures"]],
        }
        for t in data["glance"]
    ]
    sections = []
    for m in data["measures"]:
        pts = [
            _Point(p["claim_id"], p["source"], p["published_at"], p["low"], p["high"])
            for p in m["points"]
        ]
        sections.append(
            {
                **m,
                "html": _cite_links(m["sentence"], cited),
                "chart": _chart(m["name"], pts, set()) if pts else "",
                "assessments": assess.get(m["id"], []),
            }
        )
    theatre_notes = [c for k, cs in assess.items() for c in cs if c["target_type"] == "theatre"]
    ctx = {
        "glance": glance,
        "sections": sections,
        "others": [{**o, "html": _cite_links(o["latest"], cited)} for o in data["others"]],
        "f": args,
        "theatre_assessments": theatre_notes,
    }
    return render.page(request, "brief.html.j2", {**data, **ctx})


def measures(
    request: Request,
    f: Annotated[Filters, Depends(filters)],
    order: Annotated[str, Query(pattern="^(rank|recent|name)$")] = "rank",
) -> object:
    """Stored measures, ranked, with each origin's current figure."""
    from sitroom.picture.measures.read import count_measures

    room = request.app.state.room
    args = f.clean()
    keys = ("kind", "actor", "place", "theatre", "since", "until")
    flt = {k: args[k] for k in keys} | {"query": args["q"]}
    rows = room.measures(**flt, order=order, limit=args["limit"], offset=args["offset"])
    total = count_measures(room.store, **flt)
    result = {"items": rows, "total": total, "limit": args["limit"], "offset": args["offset"]}
    return render.respond(request, "measures.html.j2", paged(request, result), {"f": args})


def measure(request: Request, measure_id: Annotated[str, Path(max_length=80)]) -> object:
    """One measure: observations by origin over time (chart), disagreements, corrections."""
    room = request.app.state.room
    m = room.measure(measure_id)
    if render.wants_json(request):
        return render.respond(request, "measure.html.j2", {"measure": m})
    disputed = {
        o.get("claim_id") for d in m["disagreements"] for o in (d.get("a"), d.get("b")) if o
    }
    pts = [
        _Point(
            o["claim_id"], o.get("origin") or o.get("outlet"), o.get("as_of"), o["low"], o["high"]
        )
        for o in m["observations"]
        if o.get("low") is not None
    ]
    ctx = {
        "chart": _chart(m["name"], pts, disputed) if pts else "",
        "corrections": room.corrections(measure_id),
        "likelihood_words": _words(),
    }
    return render.page(request, "measure.html.j2", {"measure": m, **ctx})


def _words() -> tuple[str, ...]:
    from sitroom.corrections.statements import LIKELIHOOD_WORDS

    return LIKELIHOOD_WORDS


def _in_memory(request: Request, rows: list[dict], args: dict, template: str) -> object:
    total = len(rows)
    page_rows = rows[args["offset"] : args["offset"] + args["limit"]]
    result = {"items": page_rows, "total": total, "limit": args["limit"], "offset": args["offset"]}
    return render.respond(request, template, paged(request, result), {"f": args})


def events(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    """Events: claims of one happening across reports, with credibility (Admiralty 1-6)."""
    args = f.clean()
    rows = request.app.state.room.events(args["q"], args["since"], args["until"])
    rows = _match(rows, args)
    return _in_memory(request, rows, args, "events.html.j2")


def predictions(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    """Predictions (planned or predicted claims) and whether they came true."""
    args = f.clean()
    rows = request.app.state.room.predictions(args["q"], args["since"], args["until"])
    rows = [r for r in rows if _match([r.get("claim") or r], args)]
    return _in_memory(request, rows, args, "predictions.html.j2")


def _match(rows: list[dict], args: dict) -> list[dict]:
    def ok(r: dict) -> bool:
        if args["kind"] and r.get("kind") != args["kind"]:
            return False
        if args["actor"]:
            who = f"{r.get('actor') or ''} {r.get('target') or ''}".lower()
            if args["actor"].lower() not in who:
                return False
        if args["place"]:
            place = r.get("place") or {}
            where = (
                place if isinstance(place, str) else " ".join(str(v) for v in place.values() if v)
            )
            if args["place"].lower() not in where.lower():
                return False
        return True

    return [r for r in rows if ok(r)]


def map_page(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    """Places of the filtered claims on a map (offline country outlines), sized by claims."""
    from urllib.parse import urlencode

    from sitroom.web.svg import world_map

    room = request.app.state.room
    args = f.clean()
    keys = ("q", "kind", "actor", "source", "since", "until", "theatre", "place")
    flt = {k: args[k] for k in keys}
    places = room.claim_places(**flt, limit=args["limit"] * 6)
    for p in places:
        p["href"] = "/claims?" + urlencode(
            {k: v for k, v in {**flt, "place": p["name"]}.items() if v}
        )
    data = {"items": places, "total": len(places)}
    return render.respond(
        request, "map.html.j2", data, {"svg": Markup(world_map(places)), "f": args}
    )


def timeline_page(request: Request, f: Annotated[Filters, Depends(filters)]) -> object:
    """Claims on a time line; an uncertain date (a month, 'between X and Y') is an interval."""
    from sitroom.web.svg import timeline

    room = request.app.state.room
    args = f.clean()
    page = room.claims_page(**args)
    rows = []
    for c in page["items"]:
        w = c["when"]
        earliest = w.get("earliest") or (
            c["document"]["published_at"] if not w.get("relation") else None
        )
        rows.append(
            {
                "id": c["id"],
                "label": f"{c['kind']}: {c['actor'] or '?'}"
                + (f" → {c['target']}" if c["target"] else ""),
                "href": f"/claims/{c['id']}#quote",
                "earliest": (earliest or "")[:10] or None,
                "latest": (w.get("latest") or earliest or "")[:10] or None,
                "uncertain": bool(
                    w.get("latest") and w.get("earliest") and w["latest"][:10] != w["earliest"][:10]
                ),
            }
        )
    rows.sort(key=lambda r: (r["earliest"] or "9999", r["id"]))
    result = {**page, "items": rows}
    ctx = {"svg": Markup(timeline(rows)), "f": args}
    return render.respond(request, "timeline.html.j2", paged(request, result), ctx)


def ask(request: Request, q: Annotated[str | None, Query(max_length=300)] = None) -> object:
    """Answer a question from the stored measures and claims, with citations."""
    room = request.app.state.room
    question = (q or "").strip()
    answer = room.ask(question) if question else None
    data = {"question": question, "answer": answer}
    if render.wants_json(request):
        return render.respond(request, "ask.html.j2", data)
    html = None
    if answer:
        safe = str(escape(answer["answer"]))
        html = Markup(
            CLAIM_REF.sub(
                lambda m: f'<a class="cite" href="/claims/{m.group(1)}#quote">[{m.group(1)}]</a>',
                safe,
            )
        )  # noqa: S704
    return render.page(request, "ask.html.j2", {**data, "answer_html": html})


def register(app: FastAPI) -> None:
    r = APIRouter(dependencies=[Depends(identify)])
    twin(r, "/brief", brief, summary="The brief, live from the stored measures")
    twin(r, "/measures", measures, summary="Stored measures, ranked")
    r.add_api_route("/measures/{measure_id}.json", measure, methods=["GET"])
    r.add_api_route("/measures/{measure_id}", measure, methods=["GET"], include_in_schema=False)
    twin(r, "/events", events, summary="Events across reports")
    twin(r, "/predictions", predictions, summary="Predictions and their outcomes")
    twin(r, "/map", map_page, summary="Places of the claims, with counts")
    twin(r, "/timeline", timeline_page, summary="Claims on a time line")
    twin(r, "/ask", ask, summary="A cited answer to a question")
    app.include_router(r)
