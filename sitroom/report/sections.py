"""The brief's sections as plain data, with citation markers: what every format renders.

`brief_context(picture)` gives key judgements, estimates (figures with their rules, series by
source, derived totals, disputes), the timeline, contradictions, predictions, arithmetic
checks, places, sources and the numbered citations (see `cite`).
"""

from __future__ import annotations

from collections.abc import Callable

from sitroom.picture.model import Estimate, Event, Picture
from sitroom.report import cite as C
from sitroom.report.charts import estimate_chart
from sitroom.report.mapsvg import places_map

STATES = [
    ("open", "Open"),
    ("borne_out", "Borne out"),
    ("not_borne_out", "Not borne out"),
    ("contradicted", "Contradicted"),
    ("undated", "Undated (cannot be checked)"),
]
FIGURES = [  # (figure name in Estimate.rules, label, attribute)
    ("conservative", "conservative (ACLED rule: lowest credible figure)", "conservative"),
    ("best", "best (UCDP)", "best"),
    ("low", "low (UCDP)", "low"),
    ("high", "high (UCDP)", "high"),
]


def claim_views(picture: Picture) -> dict[str, dict]:
    """Every claim view the picture carries, by claim id."""
    views: dict[str, dict] = {}
    for event in picture.events:
        for v in event.claims:
            views.setdefault(v["id"], v)
    for c in picture.contradictions:
        for v in c.sides:
            views.setdefault(v["id"], v)
    for p in picture.predictions:
        for v in [p.claim, *p.evidence]:
            views.setdefault(v["id"], v)
    return views


def brief_context(picture: Picture, resolve: Callable[[str], dict | None] | None = None) -> dict:
    """The whole brief as plain data; text fields carry citation markers (see cite.mark)."""
    views = claim_views(picture)
    for est in picture.estimates:
        for p in est.points:
            views.setdefault(p.claim_id, _point_view(p, picture))
    cite = C.Citer(views, resolve)
    ctx = {
        "p": picture,
        "counts": {
            "documents": len(picture.documents),
            "events": len(picture.events),
            "estimates": len(picture.estimates),
            "contradictions": len(picture.contradictions),
            "predictions": len(picture.predictions),
            "sources": len(picture.sources),
        },
        "judgements": [_judgement(j, cite) for j in picture.judgements],
        "estimates": [_estimate(e, cite) for e in picture.estimates],
        "timeline": _timeline(picture, cite),
        "contradictions": [
            {
                "head": f"{c.measure} ({c.kind}): {cite.text(c.why)}"
                + cite(v["id"] for v in c.sides),
                "sides": [_side(v, cite) for v in c.sides],
            }
            for c in picture.contradictions
        ],
        "predictions": _predictions(picture, cite),
        "arithmetic": [_arithmetic(a, cite) for a in picture.arithmetic],
    }
    ctx["places"] = _places(picture, cite)
    ctx["sources"], ctx["credibility"] = _sources(picture, cite)
    for est in ctx["estimates"]:  # charts after numbering: they only link to cited claims
        est["chart"] = estimate_chart(est["measure"], est["points_raw"], cite.numbers)
    ctx["map"] = places_map(ctx["places"])
    ctx["cited"] = cite.entries
    return ctx


def _point_view(p, picture: Picture) -> dict:  # noqa: ANN001
    src = next((s for s in picture.sources if s.get("name") == p.source), None)
    return {
        "id": p.claim_id,
        "quote": p.quote,
        "status": p.status,
        "attribution": {"kind": None, "source": p.origin},
        "document": {"id": None, "title": None, "url": None, "published_at": p.published_at},
        "source": {"name": p.source, "reliability": (src or {}).get("reliability")},
    }


def _judgement(j: dict, cite: C.Citer) -> str:
    text = cite.text(str(j.get("text", "")).strip())
    word = j.get("likelihood")
    if word and word.lower() not in text.lower():
        text = f"{text.rstrip('.')} (likelihood: {word})."
    return text + cite(j.get("citations") or [])


def _matching(points: list, value: float | None) -> list[str]:
    hits = [p.claim_id for p in points if value is not None and value in (p.low, p.high)]
    return hits or [p.claim_id for p in points]


def _estimate(e: Estimate, cite: C.Citer) -> dict:
    rule = e.rules.get
    rows = []
    if e.current_low is not None or e.current_high is not None:
        ids = _matching(e.points, e.current_low) + _matching(e.points, e.current_high)
        rows.append(
            {
                "figure": "current range",
                "value": C.span(e.current_low, e.current_high) + cite(ids),
                "rule": rule("current_range") or rule("current") or "",
            }
        )
    for name, label, attr in FIGURES:
        value = getattr(e, attr)
        if value is not None:
            rows.append(
                {
                    "figure": label,
                    "value": C.num(value) + cite(_matching(e.points, value)),
                    "rule": rule(name, ""),
                }
            )
    points = sorted(e.points, key=lambda p: (p.published_at is None, p.published_at or ""))
    by_source = [
        {
            "published": C.day(p.published_at) or "publication date unknown",
            "refers": _refers(p.refers_from, p.refers_to),
            "outlet": p.source or "unknown outlet",
            "grade": C.grade(cite.view(p.claim_id) and cite.view(p.claim_id).get("source")),
            "who": p.origin or "the outlet itself",
            "value": C.span(p.low, p.high) + cite([p.claim_id]),
            "basis": p.basis,
            "status": p.status,
        }
        for p in points
    ]
    derived = []
    for d in e.derived:
        ids = d.get("inputs") or d.get("citations") or d.get("from") or []
        name = d.get("measure") or d.get("name") or d.get("label") or "derived figure"
        value = C.span(d.get("low", d.get("value")), d.get("high", d.get("value")))
        text = f"{name} {value} (derived from {' + '.join(cite([i]) for i in ids)})"
        if d.get("text"):
            text += f": {_cited(cite.text(str(d['text'])), cite(ids))}"
        derived.append(text + (f"; rule: {d['rule']}" if d.get("rule") else ""))
    every = cite(p.claim_id for p in e.points)
    return {
        "measure": e.measure,
        "figures": rows,
        "by_source": by_source,
        "derived": derived,
        "disputes": [_cited(cite.text(d), every) for d in e.disputes],
        "points_raw": points,
    }


def _cited(text: str, marks: str) -> str:
    """`text` with `marks` appended unless it already carries a citation."""
    return text if C.MARK_RE.search(text) else text + marks


def _refers(lo: str | None, hi: str | None) -> str:
    if lo and hi:
        return lo if lo == hi else f"{lo} .. {hi}"
    return f"from {lo}" if lo else (f"by {hi}" if hi else "not stated")


def _line(v: dict, cite: C.Citer) -> str:
    return (
        f"{C.when(v)}: {C.summary(v)}; said by {C.who(v)}; {C.published(v.get('document'))}"
        + cite([v["id"]])
    )


def _timeline(picture: Picture, cite: C.Citer) -> list[dict]:
    items = []
    seen: set[str] = set()
    for ev in picture.events:
        seen.update(v["id"] for v in ev.claims)
        items.append(
            {
                "key": _sort_key(ev.earliest, ev.claims),
                "head": _event_head(ev, cite),
                "lines": [_line(v, cite) for v in ev.claims],
            }
        )
    loose = [p.claim for p in picture.predictions] + [
        v for p in picture.predictions for v in p.evidence
    ]
    for v in loose:
        if v["id"] not in seen:
            seen.add(v["id"])
            items.append({"key": _sort_key(None, [v]), "head": _line(v, cite), "lines": []})
    items.sort(key=lambda i: i["key"])
    return items


def _sort_key(earliest: str | None, claims: list[dict]) -> tuple[bool, str]:
    dates = [earliest] + [
        (v.get("when") or {}).get("earliest") or (v.get("document") or {}).get("published_at")
        for v in claims
    ]
    known = sorted(d for d in dates if d)
    return (not known, known[0] if known else "")


def _event_head(ev: Event, cite: C.Citer) -> str:
    span = (
        (ev.earliest or "?")
        if ev.earliest == ev.latest
        else f"{ev.earliest or '?'} .. {ev.latest or '?'}"
    )
    if not ev.earliest and not ev.latest:
        span = C.when(ev.claims[0]) if ev.claims else "date unknown"
    who = f"{ev.actor or '?'} → {ev.target or '?'}"
    place = f" in {ev.place.get('name') or ev.place.get('text')}" if ev.place else ""
    cred = C.CREDIBILITY.get(ev.credibility, "?")
    return (
        f"{span}: {ev.kind.replace('_', ' ')}, {who}{place}, {ev.status}; "
        f"{ev.reports} report(s), {len(ev.origins)} independent origin(s); information "
        f"credibility {ev.credibility} ({cred})"
        + (", contradicted" if ev.contradicted else "")
        + cite(v["id"] for v in ev.claims)
    )


def _side(v: dict, cite: C.Citer) -> dict:
    outlet = (v.get("source") or {}).get("name") or "unknown outlet"
    return {
        "quote": v.get("quote") or "",
        "cite": cite([v["id"]]),
        "text": f"{C.summary(v)}; said by {C.who(v)}; {outlet}, "
        f"{C.published(v.get('document'))}" + cite([v["id"]]),
    }


def _predictions(picture: Picture, cite: C.Citer) -> list[dict]:
    groups = []
    for state, label in STATES:
        items = []
        for p in picture.predictions:
            if p.state != state:
                continue
            window = f"window {_refers(*p.window)}" if any(p.window) else "no window stated"
            text = f"{C.summary(p.claim)}; {window}; said by {C.who(p.claim)}"
            text += cite([p.claim["id"]])
            if p.why:
                why = cite.text(p.why[:1].upper() + p.why[1:])
                text += f". {why}" + cite([p.claim["id"], *(v["id"] for v in p.evidence)])
            items.append(
                {
                    "text": text,
                    "quote": p.claim.get("quote") or "",
                    "cite": cite([p.claim["id"]]),
                    "evidence": [_line(v, cite) for v in p.evidence],
                }
            )
        if items:
            groups.append({"label": label, "entries": items})
    return groups


def _arithmetic(a: dict, cite: C.Citer) -> str:
    inner = a.get("within_article") if isinstance(a.get("within_article"), dict) else {}
    stated = a.get("stated_text") or inner.get("stated_text") or a.get("check") or "figure"
    ids = [*(a.get("inputs") or []), a.get("claim"), a.get("claim_id"), *(a.get("citations") or [])]
    text = f'"{stated}" checked: stated {C.num(a.get("stated"))}' + _check(a, cite) + cite(ids)
    if inner and inner.get("computed") and inner is not a:
        text += "; within its article" + _check(inner, cite) + cite(inner.get("inputs") or ids)
    return text


def _check(a: dict, cite: C.Citer) -> str:
    """', computed 3.08-3.5 (new total 37,000-42,000), holds (why)' for one check dict."""
    comp = a.get("computed") or [None, None]
    verdict = {True: "holds", False: "does not hold"}.get(a.get("holds"), "cannot be checked")
    text = f", computed {C.span(comp[0], comp[-1])}" if comp[0] is not None else ""
    if a.get("new_total"):
        text += f" (new total {C.span(a['new_total'][0], a['new_total'][-1])})"
    return f"{text}, {verdict}" + (f" ({cite.text(a['why'])})" if a.get("why") else "")


def _places(picture: Picture, cite: C.Citer) -> list[dict]:
    found: dict[tuple, dict] = {}
    views = [v for ev in picture.events for v in ev.claims] + list(cite.views.values())
    for v in views:
        pl = v.get("place") or {}
        if pl.get("lat") is None or pl.get("lon") is None:
            continue
        key = (pl.get("name") or pl.get("text"), round(pl["lat"], 3), round(pl["lon"], 3))
        found.setdefault(
            key,
            {
                "name": key[0],
                "lat": pl["lat"],
                "lon": pl["lon"],
                "country": pl.get("country_name"),
                "ids": [],
            },
        )["ids"].append(v["id"])
    out = []
    for place in sorted(found.values(), key=lambda p: (p["name"] or "", p["lat"], p["lon"])):
        marks = cite(place["ids"])
        place["text"] = (
            f"{place['name']}"
            + (f", {place['country']}" if place["country"] else "")
            + f" ({place['lat']:.2f}, {place['lon']:.2f})"
            + marks
        )
        place["cites"] = [int(n) for n in C.MARK_RE.findall(marks)]
        out.append(place)
    return out


def _sources(picture: Picture, cite: C.Citer) -> tuple[list[dict], list[str]]:
    rows = []
    for s in picture.sources:
        names = {s.get("id"), s.get("name")} - {None}
        ids = [
            cid
            for cid, v in cite.views.items()
            if {(v.get("source") or {}).get(k) for k in ("id", "name")} & names
            or (v.get("attribution") or {}).get("source") in names
        ]
        roles = ", ".join(s.get("roles") or [])
        rows.append(
            {
                "name": (s.get("name") or s.get("id")) + (f" ({roles})" if roles else ""),
                "grade": C.grade(s),
                "claims": cite(sorted(ids, key=lambda i: cite.numbers.get(i, 10**9))),
            }
        )
    cred = [
        f"{ev.kind.replace('_', ' ')}, {ev.actor or '?'} → {ev.target or '?'}: information "
        f"credibility {ev.credibility} ({C.CREDIBILITY.get(ev.credibility, '?')})"
        + (f" — {ev.credibility_why}" if ev.credibility_why else "")
        + cite(v["id"] for v in ev.claims)
        for ev in picture.events
    ]
    return rows, cred
