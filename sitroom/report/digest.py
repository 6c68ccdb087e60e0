"""The brief's content as data, read from the stored measures (no picture rebuild).

Contract: `brief_data(room, query=, since=, until=, theatre=, top=20)` returns a dict:

- `scope` (the filters), `counts` (the store's counts exactly as `sitroom stats` prints them,
  plus measures in the store and in scope);
- `glance`: per theatre, the few measures that matter, one sentence each (latest figure, who
  says it, trend, disagreement, confidence word), every number cited;
- `measures`: a section per ranked measure (top `top`): the sentence, its scope, and its
  observations by origin over time (rows; the HTML adds a chart);
- `others`: an index of the other measures in scope (latest figure, cited);
- `cited`: the numbered sources (quote, document, outlet and its grade, origin, claim id).

Ranking: the stored score (independent origins, documents, size of the figure, disagreement;
see docs/picture.md) plus a recency bonus of up to 2 that halves every 90 days before the
newest measure in scope. Text carries citation markers (`report.cite.mark`). A judgement only
states figures that origins stated, each with its origin; never a range across measures.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from sitroom.report import cite as C
from sitroom.report import extras as X
from sitroom.report.phrases import measure_sentence
from sitroom.store import schema as S

GLANCE_PER_THEATRE, GLANCE_TOTAL = 4, 12
TABLE_ROWS = 12  # observations shown per measure section (the rest: `sitroom measure ID`)
INDEX_LIMIT = 100
UNPLACED = "no theatre (unplaced)"


def brief_data(
    room,  # noqa: ANN001
    *,
    query: str | None = None,
    since: str | None = None,
    until: str | None = None,
    theatre: str | None = None,
    top: int = 20,
) -> dict:
    from sitroom.picture.grades import reliability_map
    from sitroom.picture.measures.read import count_measures, list_measures, measure_digest

    filters = {"query": query, "since": since, "until": until, "theatre": theatre}
    fetched = list_measures(
        room.store, **filters, order="rank", limit=top + INDEX_LIMIT, with_current=False
    )
    ranked = rerank(fetched)
    main, others = ranked[:top], ranked[top:]
    _attach_latest(room.store, others)
    details = [measure_digest(room.store, m["id"], rows=TABLE_ROWS) for m in main]
    grades = reliability_map(room.sources())
    views = _views(room.store, details, others)
    cite = C.Citer(views, resolve=lambda cid: _claim(room, cid))
    sections = [_section(i + 1, m, cite, grades) for i, m in enumerate(details)]

    def add_views(obs: list[dict]) -> None:
        for cid, v in _obs_views(room.store, obs).items():
            views.setdefault(cid, v)

    counts = room.store.counts()
    data = {
        "scope": {
            "query": query,
            "since": since,
            "until": until,
            "theatre": theatre,
            "top": top,
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        "counts": {
            **counts,
            "measures": count_measures(room.store),
            "measures_in_scope": count_measures(room.store, **filters),
        },
        "glance": _glance(sections),
        "measures": sections,
        "others": [_index_row(m, cite) for m in others],
        "places": _places(room.store, details, cite),
        "timeline": X.timeline(details, cite),
        "predictions": X.predictions(room, filters, cite, add_views),
        "arithmetic": X.arithmetic(room, details, cite, add_views),
    }
    data["counts"]["not_listed"] = max(
        0, data["counts"]["measures_in_scope"] - len(sections) - len(data["others"])
    )
    data["reports"] = _reports(room, filters, cite) if not details and not others else []
    data["cited"] = cite.entries
    return data


def rerank(rows: list[dict]) -> list[dict]:
    """Stored score plus recency (see module contract), best first."""
    days = [_day(r["last_as_of"]) for r in rows]
    newest = max((d for d in days if d), default=None)

    def rank(r: dict, d: date | None) -> float:
        bonus = 0.0 if d is None or newest is None else 2 * 0.5 ** ((newest - d).days / 90)
        return r["score"] + bonus

    scored = sorted(zip(rows, days, strict=True), key=lambda x: (-rank(*x), x[0]["id"]))
    return [r for r, _ in scored]


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _claim(room, claim_id: str) -> dict | None:  # noqa: ANN001
    """The claim view of a cited claim the brief did not load with a measure."""
    from sitroom.errors import NotFoundError

    try:
        view = room.show(claim_id)
    except NotFoundError:
        return None
    return view if view.get("type", "claim") == "claim" else None


def _views(store, details: list[dict], others: list[dict]) -> dict[str, dict]:  # noqa: ANN001
    """Claim views for every observation the brief may cite (one query for documents)."""
    obs = [o for m in details for o in m["observations"]]
    obs += [o for m in details for d in m["disagreements"] for o in (d.get("a"), d.get("b")) if o]
    obs += [o for m in others for o in m.get("current", [])]
    return _obs_views(store, obs)


def _obs_views(store, obs: list[dict]) -> dict[str, dict]:  # noqa: ANN001
    """Claim views built from observation rows (quote, origin) and their documents."""
    doc_ids = sorted({o["doc_id"] for o in obs})
    D, SRC = S.documents, S.sources
    docs, grades = {}, {}
    with store.connect() as conn:
        for i in range(0, len(doc_ids), 900):
            q = select(D.c.id, D.c.title, D.c.url, D.c.published_at, D.c.source_id).where(
                D.c.id.in_(doc_ids[i : i + 900])
            )
            docs.update({r.id: dict(r._mapping) for r in conn.execute(q)})
        for r in conn.execute(select(SRC.c.id, SRC.c.name, SRC.c.reliability)):
            grades[r.id] = dict(r._mapping)
    from sitroom.corrections.overlay import source_rows

    source_rows(store, list(grades.values()))  # an analyst's grade in force is the one cited
    views: dict[str, dict] = {}
    for o in obs:
        doc = docs.get(o["doc_id"], {})
        src = grades.get(doc.get("source_id")) or {"name": o["outlet"], "reliability": None}
        views.setdefault(
            o["claim_id"],
            {
                "id": o["claim_id"],
                "quote": o["quote"],
                "attribution": {"kind": None, "source": o["origin"]},
                "document": {
                    "id": o["doc_id"],
                    "title": doc.get("title"),
                    "url": doc.get("url"),
                    "published_at": doc.get("published_at") or o.get("published_at"),
                },
                "source": {"name": src.get("name"), "reliability": src.get("reliability")},
            },
        )
    return views


def _section(n: int, m: dict, cite: C.Citer, grades: dict) -> dict:
    sentence = measure_sentence(m, cite, grades)  # first: its citations number in reading order
    obs = [o for o in m["observations"] if o["role"] != "sum"] or m["observations"]
    rows = []
    by_origin = sorted(obs, key=lambda o: (o["origin"] or o["outlet"] or "", o["as_of"] or ""))
    shown = _latest_rows(by_origin, TABLE_ROWS)
    for o in shown:
        rows.append(
            {
                "as_of": o["as_of"] or "date unknown",
                "origin": o["origin"] or o["outlet"] or "unknown",
                "figure": C.span(o["low"], o["high"]) + _bound(o) + cite([o["claim_id"]]),
                "outlet": o["outlet"] or "unknown outlet",
                "role": {"part": "part of a larger figure", "figure": ""}.get(o["role"], o["role"]),
                "basis": "" if o["basis"] == "total" else o["basis"],
            }
        )
    return {
        "n": n,
        "id": m["id"],
        "anchor": f"m-{m['id']}",
        "name": m["name"],
        "theatre": m["theatre"] or UNPLACED,
        "scope": "one incident" + (f" ({m['incident']})" if m.get("incident") else "")
        if m["scope"] == "incident"
        else "running or standing total",
        "counts": f"{C.num(m['n_observations'])} observation"
        f"{'s' if m['n_observations'] != 1 else ''} from "
        f"{C.num(m['n_origins'])} origin{'s' if m['n_origins'] != 1 else ''} in "
        f"{C.num(m['n_documents'])} document{'s' if m['n_documents'] != 1 else ''}",
        "sentence": sentence,
        "rows": rows,
        "more_rows": max(0, max(len(obs), m["n_observations"]) - len(shown)),
        "links": list(dict.fromkeys(_link(lk, m, cite) for lk in m.get("links", [])))[:3],
        "points": [
            {
                "claim_id": o["claim_id"],
                "source": o["origin"] or o["outlet"],
                "published_at": o["as_of"],
                "low": o["low"],
                "high": o["high"],
            }
            for o in shown
        ],
        "score": m["score"],
        "last_as_of": m["last_as_of"],
        "disputed": bool(m["n_disagreements"]),
    }


def _latest_rows(obs: list[dict], limit: int) -> list[dict]:
    """At most `limit` observations: each origin's latest first, then the most recent others;
    shown grouped by origin, oldest first within an origin."""
    if len(obs) <= limit:
        return obs
    latest = {}
    for o in obs:
        latest[o["origin"] or o["outlet"]] = o
    keep = list(latest.values())[:limit]
    rest = sorted((o for o in obs if o not in keep), key=lambda o: o["as_of"] or "", reverse=True)
    keep += rest[: max(0, limit - len(keep))]
    return [o for o in obs if o in keep]


def _bound(o: dict) -> str:
    words = {"more_than": " (more than)", "at_least": " (at least)", "up_to": " (up to)"}
    return words.get(o.get("bound") or "", " (about)" if o.get("approx") else "")


def _link(lk: dict, m: dict, cite: C.Citer) -> str:
    """A part/whole link in words, with both figures cited when they are in this measure."""
    from sitroom.report.phrases import figure

    by_id = {o["id"]: o for o in m["observations"]}
    whole, part = by_id.get(lk["whole_id"]), by_id.get(lk["part_id"])
    marks = cite([o["claim_id"] for o in (whole, part) if o])
    if whole and part and lk["relation"] == "includes":
        return f"{figure(part)} is part of {figure(whole)} ({lk['why']})" + marks
    if whole and lk["relation"] == "sum_of":
        return f"{figure(whole)} is a sum in one report ({lk['why']})" + marks
    return f"Linked to another measure: {lk['why']}" + marks


def _glance(sections: list[dict]) -> list[dict]:
    """Theatres in order of their best measure; each with its few best measures."""
    theatres: dict[str, list[dict]] = {}
    total = 0
    for s in sections:
        group = theatres.setdefault(s["theatre"], [])
        if len(group) < GLANCE_PER_THEATRE and total < GLANCE_TOTAL:
            group.append({"anchor": s["anchor"], "name": s["name"], "sentence": s["sentence"]})
            total += 1
    groups = [{"theatre": t, "measures": ms} for t, ms in theatres.items() if ms]
    return sorted(groups, key=lambda g: g["theatre"] == UNPLACED)  # unplaced last


def _attach_latest(store, rows: list[dict]) -> None:  # noqa: ANN001
    """Each index row's `current`: its latest figure only (one indexed read per measure,
    not every origin's current observation)."""
    OB = S.observations
    with store.connect() as conn:
        for m in rows:
            q = (
                select(OB)
                .where(OB.c.measure_id == m["id"], OB.c.role == "figure")
                .order_by(OB.c.as_of.desc(), OB.c.published_at.desc(), OB.c.id)
                .limit(1)
            )
            m["current"] = [dict(r._mapping) for r in conn.execute(q)]


def _index_row(m: dict, cite: C.Citer) -> dict:
    latest = max(m.get("current") or [], key=lambda o: o["as_of"] or "", default=None)
    figure = (
        f"{C.span(latest['low'], latest['high'])} per {latest['origin'] or latest['outlet']} "
        f"(as of {latest['as_of'] or 'date unknown'})" + cite([latest["claim_id"]])
        if latest
        else C.span(m["latest_low"], m["latest_high"])
    )
    return {
        "id": m["id"],
        "name": m["name"],
        "theatre": m["theatre"] or UNPLACED,
        "latest": figure,
        "origins": m["n_origins"],
        "disagreements": m["n_disagreements"],
    }


def _places(store, details: list[dict], cite: C.Citer) -> list[dict]:  # noqa: ANN001
    """Places of the ranked measures' observations with coordinates (for the HTML map)."""
    names: dict[str, list[str]] = {}
    for m in details:
        for o in m["observations"]:
            if o.get("place"):
                names.setdefault(o["place"], []).append(o["claim_id"])
    if not names:
        return []
    P = S.places
    found = {}
    with store.connect() as conn:
        q = select(P.c.name, P.c.lat, P.c.lon, P.c.country_name).where(P.c.name.in_(list(names)))
        for r in conn.execute(q):
            if r.lat is not None and r.lon is not None:
                found.setdefault(r.name, r)
    out = []
    for name in sorted(found):
        r = found[name]
        marks = cite(names[name][:3])
        out.append(
            {
                "name": name,
                "lat": r.lat,
                "lon": r.lon,
                "country": r.country_name,
                "text": f"{name}" + (f", {r.country_name}" if r.country_name else "") + marks,
                "cites": [int(n) for n in C.MARK_RE.findall(marks)],
            }
        )
    return out


def _reports(room, filters: dict, cite: C.Citer, limit: int = 10) -> list[str]:  # noqa: ANN001
    """No measure in scope: the latest claims without figures, each quoted and cited, so the
    brief still says what the store holds."""
    f = {k: v for k, v in filters.items() if k in ("query", "since", "until") and v}
    claims = room.claims(**f)[-limit:]
    out = []
    for c in reversed(claims):
        cite.views.setdefault(c["id"], c)
        out.append(f'{C.summary(c)}: "{" ".join(c["quote"].split())}"' + cite([c["id"]]))
    return out
