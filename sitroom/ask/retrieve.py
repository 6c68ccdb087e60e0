"""Resolving a parsed question against the store: places, sources, named events, measures.

Contract: `resolve(store, question) -> Found`. Every lookup is an indexed query (full-text
index, measure and observation indexes), so `ask` stays fast on a large store; nothing
recomputes the picture. What the question names but the store does not know is kept in
`Found.unknown` so the answer can say so plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from sitroom.ask.parse import STOP, Question
from sitroom.store import fts
from sitroom.store import schema as S

M, OB = S.measures, S.observations
UNITS = [  # words of the question -> the unit of the measure preferred
    ("troops", r"\b(troops|soldiers)\b"),
    ("fighters", r"\b(militants?|fighters|insurgents|rebels|attackers)\b"),
    ("people", r"\b(people|civilians|passengers|persons|tourists|guests|hostages)\b"),
]
MAX_DOCS = 5000  # full-text hits kept per name (the most recent documents are not preferred)


@dataclass
class Found:
    places: list[dict] = field(default_factory=list)  # places rows the question names
    actors: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  # names of events / things, searched
    docs: set[str] | None = None  # documents mentioning every named place/event (None: any)
    origins: list[str] = field(default_factory=list)  # stored origins the source names
    origin_tiers: list[list[str]] = field(default_factory=list)  # candidates, best first
    source_places: list[dict] = field(default_factory=list)  # "the Somali health ministry"
    unknown: list[str] = field(default_factory=list)  # names the store does not hold
    measures: list[dict] = field(default_factory=list)  # ranked measure rows


def resolve(store, q: Question) -> Found:  # noqa: ANN001
    from sitroom.nlp.actors.index import actor_index

    f = Found(actors=list(q.actors))
    index = actor_index()
    with store.connect() as conn:
        for name in q.names:
            entity = index.resolve(name)
            rows = _places(conn, name)
            if rows:
                f.places += rows
            elif entity is not None:
                if not _docs(conn, name) and not _docs(conn, entity.name):
                    f.unknown.append(name)
                continue  # an actor: matched by measure actor/target
            else:
                f.events.append(name)
        for name in f.events + [p["name"] for p in f.places]:
            hits = _docs(conn, name)
            if not hits:
                f.unknown.append(name)
            elif name in f.events:  # a named event narrows; places are matched on measures
                f.docs = hits if f.docs is None else f.docs & hits
        if q.source:
            f.origin_tiers = _origins(conn, q.source)
            for mention in index.find(q.source):  # a country the source belongs to
                if mention.entity.kind == "state":
                    f.source_places += _places(conn, mention.entity.name)
            f.origins = f.origin_tiers[0] if f.origin_tiers else []
            if not f.origins:
                f.unknown.append(q.source)
        f.events = [e for e in f.events if e not in f.unknown]
    return f


def _places(conn, name: str) -> list[dict]:  # noqa: ANN001
    P = S.places
    low = name.lower()
    q = select(P.c.name, P.c.level, P.c.country, P.c.country_name, P.c.admin1).where(
        or_(func.lower(P.c.name) == low, func.lower(P.c.country_name) == low)
    )
    rows = [dict(r._mapping) for r in conn.execute(q.limit(20))]
    exact = [r for r in rows if (r["name"] or "").lower() == low]
    if exact:
        return exact[:1]
    if rows:  # the country itself, named by a place row inside it
        r = rows[0]
        return [{**r, "name": r["country_name"], "level": "country", "admin1": None}]
    return []


def _docs(conn, name: str) -> set[str]:  # noqa: ANN001
    return fts.document_ids(conn, name, MAX_DOCS)


def _tokens(name: str) -> set[str]:
    """Word stems of a name (first five letters): 'Somali' ~ 'Somalia', 'ministry' ~
    'minister'; function words left out."""
    words = re.findall(r"[a-z0-9]+", name.lower().replace("’", "'").replace("'s", ""))
    return {w[:5] for w in words if w not in STOP and len(w) > 1}


SOURCE_STOP = {"speaking", "spoke", "speak", "told", "talking", "telling", "quoted", "cited"}
TIERS = 4  # candidate tiers of origins tried, best overlap first


def _origins(conn, source: str) -> list[list[str]]:  # noqa: ANN001
    """Stored origins the source phrase names, in tiers of equal overlap, best first: 'Zelensky'
    -> 'Volodymyr Zelensky', "South Korea's intelligence service" -> 'South Korea National
    Intelligence Service', 'the Somali health ministry' -> whoever the claims quote as 'Health
    Minister Ali Haji Adan'. Origins are compared by word stems, with the shipped aliases of
    each origin and the attribution words of its claims; at least half the source's words must
    match. An outlet the phrase names ("police officers speaking to AP", "according to PTI")
    also brings the origins it carried or that spoke to it. The answer takes the first tier
    with a figure on the question (`answer.pick_origins`)."""
    from sitroom.nlp.actors.index import actor_index
    from sitroom.nlp.attribution.outlets import outlet_index

    index = actor_index()
    outlets = [m.outlet.name for m in outlet_index().find(source)]
    bare = source
    for m in sorted(outlet_index().find(source), key=lambda m: -m.start):
        bare = bare[: m.start] + bare[m.end :]
    want = _tokens(bare) - {w[:5] for w in SOURCE_STOP} or _tokens(source)
    entity = index.resolve(source)
    if not want and entity is None:
        return []
    longest = sorted(want | {w[:5] for o in outlets for w in _tokens(o)}, key=len, reverse=True)
    likes = [OB.c.origin.ilike(f"%{w}%") for w in longest[:6]]
    if entity is not None:
        likes.append(OB.c.origin == entity.name)
    have: dict[str, set[str]] = {}
    for (name,) in conn.execute(
        select(OB.c.origin).where(or_(*likes)).group_by(OB.c.origin).limit(200)
    ):
        if name:
            have.setdefault(name, set()).update(_tokens(name))
    C = S.claims
    said = (
        select(OB.c.origin, C.c.attribution_text)
        .join(C, C.c.id == OB.c.claim_id)
        .where(or_(*[C.c.attribution_text.ilike(f"%{w}%") for w in longest[:6]]))
        .limit(500)
    )
    for name, words in conn.execute(said):
        if name:
            have.setdefault(name, set()).update(_tokens(words or ""))
    if outlets:  # origins carried by the named outlet or speaking to it
        q = select(OB.c.origin).where(OB.c.outlet.in_(outlets)).group_by(OB.c.origin).limit(200)
        for (name,) in conn.execute(q):
            if name:
                have.setdefault(name, set()).update(_tokens(name) | {"_outlet"})
    scored = []
    for name, stems in have.items():
        if entity is not None and index.same(name, entity.name):
            scored.append((2.0, name))
            continue
        ent = index.resolve(name)
        for alias in ent.aliases if ent is not None else ():
            stems |= _tokens(alias)
        overlap = len(want & stems) / max(1, len(want))
        if outlets and ("_outlet" in stems or any(f"via {o}" in name for o in outlets)):
            overlap += 0.5  # spoke to (or was carried by) the outlet the question names
        if overlap >= 0.5:
            scored.append((overlap, name))
    tiers: dict[float, list[str]] = {}
    for sc, name in sorted(scored, key=lambda x: (-x[0], x[1])):
        tiers.setdefault(sc, []).append(name)
    return list(tiers.values())[:TIERS]


def preferred_casualty(q: Question) -> str | None:
    """The casualty type asked first: 'killed or wounded' -> killed_or_injured."""
    if not q.casualty:
        return None
    if "killed" in q.casualty and "injured" in q.casualty:
        return "killed_or_injured"
    return q.casualty[0]


def rank_measures(store, q: Question, f: Found, limit: int = 3) -> list[dict]:  # noqa: ANN001
    """The measures the question is about, best first; [] when the store holds none.

    A question that names a place, an event or a source is answered from the measures whose
    observations come from documents about it (that keeps other conflicts out) and may span
    several measures; one that names none takes the best-ranked measures of the best
    measure's theatre only."""
    sel = select(M.c.id)
    if q.kind:
        sel = sel.where(M.c.kind == q.kind)
    if q.casualty:
        sel = sel.where(M.c.casualty.in_(q.casualty))
    if f.origins:
        sel = sel.where(M.c.id.in_(select(OB.c.measure_id).where(OB.c.origin.in_(f.origins))))
    if f.docs is not None:
        sel = sel.where(M.c.id.in_(_in_docs(f.docs)))
    if f.origins and f.source_places and not f.places:  # the Somali ministry: Somalia's
        sel = sel.where(or_(*[_at(p) for p in f.source_places]))
    scoped = bool(f.places or f.docs is not None or f.origins)
    with store.connect() as conn:
        if f.places:
            docs: set[str] = set()
            for p in f.places:
                if p.get("level") != "country":
                    docs |= _docs(conn, p["name"])
            where = [_at(p) for p in f.places] + ([M.c.id.in_(_in_docs(docs))] if docs else [])
            sel = sel.where(or_(*where))
        if not scoped and not q.actors:
            sel = sel.order_by(M.c.score.desc())
        ids = [r[0] for r in conn.execute(sel.limit(500))]
    if not ids:
        return []
    rows = _rows(store, ids)
    if q.actors:
        named = [r for r in rows if {r["actor"], r["target"]} & set(q.actors)]
        rows = named or (rows if scoped else [])
    want = preferred_casualty(q)
    unit = next((u for u, pat in UNITS if re.search(pat, q.text, re.I)), None)

    def key(r: dict) -> tuple:
        side = q.side in (r["actor"], r["target"]) if q.side else False
        return (
            -(r["casualty"] == want if want else 0),
            -(r["unit"] == unit if unit else 0),
            -side,
            -(r["status"] == ("planned" if q.planned else "occurred")),
            -r["n_origins"],
            -r["score"],
            r["id"],
        )

    rows.sort(key=key)
    if not rows:
        return []
    top = rows[0]
    if scoped:  # the documents keep it on topic; the closest measures first
        best = key(top)[:2]
        return [r for r in rows if key(r)[:2] == best][: max(limit, 8)]
    keep = [r for r in rows if r["theatre"] == top["theatre"]]
    return keep[:limit]


def _in_docs(docs: set[str]):  # noqa: ANN202 - a subquery of measure ids
    return select(OB.c.measure_id).where(OB.c.doc_id.in_(sorted(docs)[:MAX_DOCS]))


def _at(place: dict):  # noqa: ANN202 - a SQL condition: the measure is at this place
    name = place["name"]
    inside = OB.c.place.ilike(name)
    if place.get("level") == "country":
        return or_(  # a country: its theatre, or a measure of or against it (troops to Russia)
            M.c.theatre.ilike(name),
            M.c.countries.like(f'%"{place["country"]}"%'),
            M.c.actor == name,
            M.c.target == name,
        )
    return or_(
        M.c.incident.ilike(f"{name},%"),
        M.c.id.in_(select(OB.c.measure_id).where(inside)),
    )


def _rows(store, ids: list[str]) -> list[dict]:  # noqa: ANN001
    """Measure rows with each origin's current observation (see measures.read)."""
    from sitroom.picture.measures.read import _attach_current, measure_row

    out = []
    with store.connect() as conn:
        for i in range(0, len(ids), 900):
            q = select(M).where(M.c.id.in_(ids[i : i + 900]))
            out += [measure_row(dict(r._mapping)) for r in conn.execute(q)]
        _attach_current(conn, out)
    return out
