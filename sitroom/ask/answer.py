"""Writing the answer: the latest figure of each origin with its date, disagreements, citations.

Contract: `answer(room, question) -> dict` with `answer` (text, under `LIMIT` characters, each
figure followed by its claim id in brackets), `found` (False when the store holds nothing on
the question: the text says so plainly), `rows` (one per origin figure: measure, origin,
figure, as of, outlet, claim; the CLI's table), `citations` (claim ids, each leading to quote,
document and outlet via `Sitroom.show`), `measures` (ids of the measures used) and `parsed`.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from sitroom.ask.parse import Question, parse
from sitroom.ask.retrieve import Found, _docs, rank_measures, resolve
from sitroom.picture.common import fmt_range
from sitroom.store import schema as S

LIMIT = 2500
RESPONSIBILITY = re.compile(r"claim\w* responsibility|responsib\w+ for|behind the", re.I)


def answer(room, question: str) -> dict:  # noqa: ANN001
    q = parse(question)
    f = resolve(room.store, q)
    note = ""
    if q.source and f.origin_tiers and q.intent == "count":
        pick_origins(room.store, q, f)
    if q.source and not f.origins:  # no stored origin by that name: say so, answer the rest
        from sitroom.nlp.actors.index import actor_index
        from sitroom.nlp.attribution.outlets import outlet_index

        entity = actor_index().resolve(q.source)
        if entity is not None and entity.name not in q.actors:
            q.actors.append(entity.name)
        f.unknown = [u for u in f.unknown if u != q.source]
        note = f"No {_measure_words(q)} in the store are attributed to {q.source}. "
        names = [n for n in q.source_names if outlet_index().resolve(n) is None]
        if names:  # "the Beledweyne District Commissioner": still about Beledweyne
            q.names += names
            f = resolve(room.store, q)
            f.unknown = [u for u in f.unknown if u != q.source]
        f.origins, f.origin_tiers = [], []
        if not f.places and f.source_places:  # "the Somali health ministry": about Somalia
            f.places = f.source_places
    out = {"parsed": q.as_dict(), "resolved": _resolved(f), "rows": [], "citations": []}
    if f.unknown and not (f.places or f.events or f.origins):
        return _nothing(out, f"The store holds nothing on {_names(f.unknown)}.")
    if q.intent == "who":
        text = _who(room.store, q, f, out)
    elif q.intent == "what" or (q.kind is None and not f.origins):
        text = _what(room, q, f, out)
    else:
        text = _count(room, q, f, out)
    if text is None:
        return _nothing(out, _nothing_text(q, f))
    if f.unknown:
        text += f" (Nothing in the store names {_names(f.unknown)}.)"
    out["answer"] = _cut(note + text)
    out["found"] = True
    out["citations"] = list(dict.fromkeys(out["citations"]))
    return out


def pick_origins(store, q: Question, f: Found) -> None:  # noqa: ANN001
    """The first tier of candidate origins with a figure on the question (its measure words,
    place, event); none: `f.origins` is emptied and the answer says no figure is attributed to
    the source, then answers the rest."""
    for tier in f.origin_tiers:
        f.origins = tier
        if rank_measures(store, q, f, limit=1):
            return
    f.origins = []


def _resolved(f: Found) -> dict:
    return {
        "places": [p["name"] for p in f.places],
        "actors": f.actors,
        "events": f.events,
        "origins": f.origins,
        "unknown": f.unknown,
    }


def _nothing(out: dict, text: str) -> dict:
    return {**out, "answer": text, "found": False}


def _names(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _nothing_text(q: Question, f: Found) -> str:
    if q.intent == "who":
        where = ", ".join([p["name"] for p in f.places] + f.events) or "this"
        return f"The store names no attacker for {where}."
    what = _measure_words(q)
    where = [p["name"] for p in f.places] + f.events
    text = f"The store holds no {what}"
    if f.origins:
        text += f" from {', '.join(f.origins)}"
    if where:
        text += f" about {', '.join(where)}"
    if q.actors:
        text += f" involving {', '.join(q.actors)}"
    return text + "."


CASUALTY_WORDS = {
    "killed": "killed",
    "injured": "wounded",
    "killed_or_injured": "killed or wounded",
    "hostage": "taken hostage",
    "captured": "captured",
    "rescued": "rescued",
    "missing": "missing",
}


def _measure_words(q: Question) -> str:
    if q.casualty:
        if {"killed", "injured"} <= set(q.casualty):
            return "casualty figures"
        kinds = [CASUALTY_WORDS.get(c, c) for c in q.casualty if c != "killed_or_injured"]
        return "figures of people " + " or ".join(kinds or ["killed or wounded"])
    return f"{q.kind.replace('_', ' ')} figures" if q.kind else "figures"


def _cut(text: str) -> str:
    if len(text) <= LIMIT:
        return text
    cut = text[: LIMIT - 40].rsplit("; ", 1)[0]
    return cut + "; (more: sitroom measures)."


# -- counts --------------------------------------------------------------------------------
def _count(room, q: Question, f: Found, out: dict) -> str | None:  # noqa: ANN001
    ranked = rank_measures(room.store, q, f, limit=3)
    if not ranked:
        return None
    said: set[tuple] = set()
    parts = [_measure_text(room, m, f, out, said) for m in ranked]
    return " ".join(p for p in parts if p) or None


def _figure(o: dict) -> str:
    text = fmt_range(o["low"], o["high"])
    bound = {
        "more_than": "more than ",
        "at_least": "at least ",
        "up_to": "up to ",
        "nearly": "nearly ",
    }.get(o.get("bound") or "", "")
    return bound + ("about " if o.get("approx") and not bound else "") + text


def _measure_text(room, m: dict, f: Found, out: dict, said: set | None = None) -> str:  # noqa: ANN001
    """One measure: each origin's latest figure with date and citation; figures an earlier
    measure of the answer already gave (same origin, same figure) are not repeated."""
    current = m.get("current") or []
    if f.origins:
        current = [o for o in current if o["origin"] in f.origins] or current
    if said is not None:
        current = [o for o in current if (o["origin"], o["low"], o["high"]) not in said]
        said.update((o["origin"], o["low"], o["high"]) for o in current)
    if not current:
        return ""
    figures = []
    for o in sorted(current, key=lambda o: (o["as_of"] or "", o["origin"] or ""), reverse=True):
        who = o["origin"] or o["outlet"] or "unknown origin"
        via = f"; {o['outlet']}" if o["outlet"] and o["outlet"] not in who else ""
        when = o["as_of"] or (o["published_at"] or "")[:10] or "date unknown"
        figures.append(f"{_figure(o)} per {who} (as of {when}{via}) [{o['claim_id']}]")
        out["rows"].append(
            {
                "measure": m["name"],
                "origin": who,
                "figure": _figure(o),
                "as_of": when,
                "outlet": o["outlet"],
                "claim": o["claim_id"],
            }
        )
        out["citations"].append(o["claim_id"])
    out.setdefault("measures", []).append(m["id"])
    text = f"{m['name']}: " + "; ".join(figures) + "."
    if m.get("n_disagreements"):
        text += " " + _disagreement(room, m["id"], out)
    return text


def _disagreement(room, measure_id: str, out: dict) -> str:  # noqa: ANN001
    rows = room.disagreements(measure_id=measure_id, limit=2)
    bits = []
    for d in rows:
        a, b = d.get("a") or {}, d.get("b") or {}
        bits.append(
            f"{d['origin_a']} ({_figure(a)}) and {d['origin_b']} ({_figure(b)}) disagree "
            f"by {d['gap']:.0%} [{a.get('claim_id')}, {b.get('claim_id')}]"
        )
        out["citations"] += [a.get("claim_id"), b.get("claim_id")]
    return ("Disagreement: " + "; ".join(bits) + ".") if bits else ""


# -- who attacked X? -----------------------------------------------------------------------
def _claims_in(store, docs: set[str], kinds: tuple[str, ...], limit: int = 300) -> list[dict]:  # noqa: ANN001
    C, D, SRC = S.claims, S.documents, S.sources
    q = (
        select(
            C.c.id,
            C.c.kind,
            C.c.actor,
            C.c.target,
            C.c.attribution_source,
            C.c.quote,
            C.c.status,
            C.c.casualty,
            C.c.q_low,
            C.c.doc_id,
            D.c.published_at,
            SRC.c.name.label("outlet"),
        )
        .join(D, D.c.id == C.c.doc_id)
        .outerjoin(SRC, SRC.c.id == D.c.source_id)
        .where(
            C.c.doc_id.in_(sorted(docs)[:2000]),
            C.c.kind.in_(kinds),
            C.c.restates.is_(None),
            D.c.superseded_by.is_(None),
        )
        .order_by(D.c.published_at, C.c.id)
        .limit(limit)
    )
    with store.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def _scope_docs(store, f: Found) -> set[str]:  # noqa: ANN001
    if f.docs is not None:
        return f.docs
    docs: set[str] = set()
    with store.connect() as conn:
        for p in f.places:
            docs |= _docs(conn, p["name"])
    return docs


WHO_WEIGHT = {"responsibility": 3, "attack": 2, "territory": 2, "casualties": 1}


def _who(store, q: Question, f: Found, out: dict) -> str | None:  # noqa: ANN001
    """Who the reports name as the attacker: a claim of responsibility (weight 3), the actor
    of an attack or capture (2), the side that inflicted casualties (1), in documents about
    the place or event; the best-supported names first, each with its quotes."""
    docs = _scope_docs(store, f)
    if not docs:
        return None
    named: dict[str, list[dict]] = {}
    weight: dict[str, int] = {}
    for c in _claims_in(store, docs, ("attack", "casualties", "combat", "territory")):
        if c["status"] in ("denied", "hypothetical"):
            continue
        if RESPONSIBILITY.search(c["quote"] or ""):
            who, how = c["actor"] or c["attribution_source"], "responsibility"
        elif c["kind"] in ("attack", "territory") and c["actor"]:
            who, how = c["actor"], c["kind"]
        elif c["kind"] == "casualties" and c["target"] and c["casualty"] == "killed":
            who, how = c["target"], "casualties"
        else:
            continue
        if who:
            named.setdefault(who, []).append({**c, "how": how})
            weight[who] = weight.get(who, 0) + WHO_WEIGHT[how]
    if not named:
        return _who_in_text(store, docs, f, out)
    for cs in named.values():  # the strongest evidence first
        cs.sort(key=lambda c: -WHO_WEIGHT[c["how"]])
    where = ", ".join([p["name"] for p in f.places] + f.events) or "this"
    parts = []
    for who in sorted(named, key=lambda w: (-weight[w], w))[:2]:
        cs = named[who]
        quotes = []
        for c in cs[:2]:
            day = (c["published_at"] or "")[:10] or "date unknown"
            quote = " ".join((c["quote"] or "").split())
            quote = quote if len(quote) < 220 else quote[:217] + "..."
            quotes.append(f'"{quote}" ({c["outlet"] or "unknown outlet"}, {day}) [{c["id"]}]')
            out["citations"].append(c["id"])
            out["rows"].append(
                {
                    "measure": f"attacker in {where}",
                    "origin": c["attribution_source"] or c["outlet"],
                    "figure": who,
                    "as_of": day,
                    "outlet": c["outlet"],
                    "claim": c["id"],
                }
            )
        n = len({c["doc_id"] for c in cs})
        parts.append(f"{who} ({n} report{'s' if n != 1 else ''}): " + " ".join(quotes))
    return f"Named as the attacker in {where}: " + "; ".join(parts) + "."


CLAIMED = re.compile(
    r"(?:^|[.!?]\s+)(?P<s>[^.!?]*?\b(?P<who>(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|al|\([A-Z]+\)))*)"
    r"[^.!?]{0,40}?\bclaimed responsibility[^.!?]*[.!?])"
)


def _who_in_text(store, docs: set[str], f: Found, out: dict) -> str | None:  # noqa: ANN001
    """No claim names the attacker: the sentences of the documents that say who 'claimed
    responsibility' (a group no claim frame caught), cited by document id."""
    D, SRC = S.documents, S.sources
    q = (
        select(D.c.id, D.c.text, D.c.published_at, SRC.c.name.label("outlet"))
        .outerjoin(SRC, SRC.c.id == D.c.source_id)
        .where(D.c.id.in_(sorted(docs)[:200]), D.c.superseded_by.is_(None))
        .order_by(D.c.published_at, D.c.id)
    )
    found: dict[str, list[tuple]] = {}
    with store.connect() as conn:
        for d in conn.execute(q):
            for m in CLAIMED.finditer(d.text or ""):
                who = re.sub(r"^the\s+", "", m.group("who"))
                found.setdefault(who, []).append((d, " ".join(m.group("s").split())))
    if not found:
        return None
    where = ", ".join([p["name"] for p in f.places] + f.events) or "this"
    parts = []
    for who, hits in sorted(found.items(), key=lambda kv: -len(kv[1]))[:2]:
        d, sentence = hits[0]
        day = (d.published_at or "")[:10] or "date unknown"
        out["citations"].append(d.id)
        parts.append(f'{who}: "{sentence[:220]}" ({d.outlet or "unknown outlet"}, {day}) [{d.id}]')
    return (
        f"Named as claiming responsibility in {where} (no extracted claim; the text): "
        + "; ".join(parts)
        + "."
    )


# -- what happened in X? -------------------------------------------------------------------
def _what(room, q: Question, f: Found, out: dict) -> str | None:  # noqa: ANN001
    ranked = rank_measures(room.store, q, f, limit=4) if (f.places or f.events or f.origins) else []
    said: set[tuple] = set()
    parts = [p for p in (_measure_text(room, m, f, out, said) for m in ranked) if p]
    docs = _scope_docs(room.store, f)
    if docs and len(" ".join(parts)) < LIMIT - 600:
        seen = set(out["citations"])
        quotes: set[str] = set()
        events = []
        for c in _claims_in(room.store, docs, ("attack", "deployment", "territory", "combat")):
            if c["id"] in seen or c["status"] == "hypothetical" or c["quote"] in quotes:
                continue
            quotes.add(c["quote"])
            events.append(c)
        for c in events[:3]:
            day = (c["published_at"] or "")[:10] or "date unknown"
            quote = " ".join((c["quote"] or "").split())
            quote = quote if len(quote) < 200 else quote[:197] + "..."
            parts.append(f'"{quote}" ({c["outlet"] or "unknown outlet"}, {day}) [{c["id"]}]')
            out["citations"].append(c["id"])
    if not parts:
        return None
    where = ", ".join([p["name"] for p in f.places] + f.events)
    head = f"In {where}: " if where else ""
    return head + " ".join(parts)
