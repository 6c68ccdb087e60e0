"""Shared helpers for the picture: canonical names, status groups, times, places, quantities.

All functions take claim views (see sitroom.views.claim_view) and are pure.
"""

from __future__ import annotations

from functools import lru_cache

TOLERANCE = 0.10  # quantities within 10% are "the same figure"
UNRESOLVED_DAYS = 14  # unresolved times: publication dates at most this far apart

STATUS_GROUP = {
    "occurred": "occurred",
    "planned": "planned",
    "predicted": "planned",
    "denied": "denied",
    "hypothetical": "hypothetical",
}


@lru_cache(maxsize=4096)
def canon(name: str | None) -> str | None:
    """The canonical actor name (any naming -> the shipped entity's name), else the name."""
    if not name:
        return None
    from sitroom.nlp.actors.index import actor_index

    entity = actor_index().resolve(name)
    return entity.name if entity else name.strip()


def status_group(claim: dict) -> str:
    """'occurred', 'planned' (planned or predicted), 'denied' or 'hypothetical'."""
    return STATUS_GROUP.get(claim["status"], claim["status"])


def published(claim: dict) -> str | None:
    """The claim's document publication day (YYYY-MM-DD) or None."""
    value = (claim.get("document") or {}).get("published_at")
    return value[:10] if value else None


def outlet(claim: dict) -> str | None:
    """The outlet that published the claim's document."""
    src = claim.get("source")
    return src["name"] if src else None


def is_copy(claim: dict) -> bool:
    return bool((claim.get("document") or {}).get("copy_of"))


def doc_key(claim: dict) -> str:
    """The document a claim counts for: a copy counts as its original."""
    doc = claim.get("document") or {}
    return doc.get("copy_of") or doc.get("id") or claim["evidence"]["doc_id"]


def interval(claim: dict) -> tuple[str | None, str | None]:
    """(earliest, latest) as ISO day strings, either may be None."""
    when = claim.get("when") or {}
    e, l_ = when.get("earliest"), when.get("latest")
    return (e[:10] if e else None, l_[:10] if l_ else None)


def resolved(claim: dict) -> bool:
    """True when both ends of the claim's time are known (a half-open time is unresolved)."""
    e, l_ = interval(claim)
    return bool(e and l_)


def overlaps(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Closed intervals overlap; a missing end is open."""
    a0, a1 = a
    b0, b1 = b
    if a0 and b1 and a0 > b1:
        return False
    return not (b0 and a1 and b0 > a1)


def day_gap(a: str | None, b: str | None) -> int | None:
    from datetime import date

    if not a or not b:
        return None
    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)


def time_compatible(a: dict, b: dict) -> tuple[bool, str]:
    """Both resolved: intervals overlap. One resolved: it lies within 14 days of the other's
    publication day. Neither: same relation to publication, published <= 14 days apart."""
    ia, ib = interval(a), interval(b)
    if resolved(a) and resolved(b):
        ok = overlaps(ia, ib)
        return ok, f"time {_span(ia)} {'overlaps' if ok else 'does not overlap'} {_span(ib)}"
    if resolved(a) or resolved(b):
        res, other = (a, b) if resolved(a) else (b, a)
        pub = published(other)
        lo, hi = interval(res)
        ok = pub is None or (
            day_gap(hi, pub) <= UNRESOLVED_DAYS
            if hi < pub
            else (lo <= pub or day_gap(lo, pub) <= UNRESOLVED_DAYS)
        )
        return ok, (
            f"time {_span((lo, hi))} {'within' if ok else 'not within'} "
            f"{UNRESOLVED_DAYS} days of an unresolved report published {pub}"
        )
    ra, rb = (a.get("when") or {}).get("relation"), (b.get("when") or {}).get("relation")
    gap = day_gap(published(a), published(b))
    ok = ra == rb and (gap is None or gap <= UNRESOLVED_DAYS)
    gap_text = "" if gap is None else f", published {gap} days apart"
    return ok, f"time unresolved, relation {ra} vs {rb}{gap_text}"


def _span(iv: tuple[str | None, str | None]) -> str:
    e, l_ = iv
    if e and l_ and e == l_:
        return e
    return f"{e or '..'}/{l_ or '..'}"


def place_compatible(a: dict, b: dict) -> tuple[bool, str]:
    """Same place, one containing the other (`sitroom.nlp.places.api.contains`: town, county,
    first-level division, country, continent), or one missing."""
    pa, pb = a.get("place"), b.get("place")
    if not pa or not pb:
        return True, "place " + ("unstated" if not pa and not pb else "stated once")
    na, nb = pa.get("name") or pa.get("text"), pb.get("name") or pb.get("text")
    if (pa.get("id") and pa.get("id") == pb.get("id")) or na == nb:
        return True, f"place {na}"
    from sitroom.nlp.places import api as places_api  # lazily: the gazetteer is heavy

    for outer, inner in ((pa, pb), (pb, pa)):
        if places_api.contains(outer, inner):
            return True, f"place {inner.get('name')} within {outer.get('name')}"
    return False, f"place {na} vs {nb}"


def ranges_close(a: tuple[float, float], b: tuple[float, float], tol: float = TOLERANCE) -> bool:
    """Ranges overlap once each is widened by `tol` of its own size."""
    (al, ah), (bl, bh) = a, b
    return al * (1 - tol) <= bh * (1 + tol) and bl * (1 - tol) <= ah * (1 + tol)


def qrange(claim: dict) -> tuple[float, float] | None:
    q = claim.get("quantity")
    if not q or q.get("low") is None:
        return None
    return (float(q["low"]), float(q["high"] if q.get("high") is not None else q["low"]))


def quantity_compatible(a: dict, b: dict) -> tuple[bool, str]:
    """Same unit and casualty type; ranges within 10%, or one figure missing."""
    if a.get("casualty") and b.get("casualty") and a["casualty"] != b["casualty"]:
        return False, f"casualty {a['casualty']} vs {b['casualty']}"
    ra, rb = qrange(a), qrange(b)
    if ra is None or rb is None:
        return True, "quantity " + ("unstated" if ra == rb else "stated once")
    ua, ub = a["quantity"].get("unit"), b["quantity"].get("unit")
    if ua and ub and ua != ub:
        return False, f"unit {ua} vs {ub}"
    ba, bb = a["quantity"].get("basis"), b["quantity"].get("basis")
    if (ba or "total") != (bb or "total"):
        return False, f"basis {ba} vs {bb}"
    ok = ranges_close(ra, rb)
    return (
        ok,
        f"quantity {fmt_range(*ra)} {'within' if ok else 'not within'} 10% of {fmt_range(*rb)}",
    )


def fmt_num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.1f}"


def fmt_range(low: float | None, high: float | None) -> str:
    if low is None:
        return "?"
    if high is None or high == low:
        return fmt_num(low)
    return f"{fmt_num(low)}-{fmt_num(high)}"


def origin_of(claim: dict) -> str | None:
    """Who first said it: the stored canonical origin (followed through reported speech, see
    sitroom/nlp/attribution/origins.py); for claims stored before origins were kept, the named
    attribution source (canonical), else the outlet; else None."""
    if claim.get("origin"):
        return canon(claim["origin"])
    att = claim.get("attribution") or {}
    if att.get("source") and att.get("kind") != "article":
        return canon(att["source"])
    return outlet(claim)


def carriers_of(claim: dict) -> list[str]:
    """The outlets that carry a claim: its chain's carrier, else its document's outlet."""
    named = [c["name"] for c in claim.get("origin_chain") or [] if c["role"] == "carrier"]
    if named:
        return named
    own = outlet(claim)
    return [own] if own else []


def sort_claims(claims: list[dict]) -> list[dict]:
    """Deterministic order: publication time (to the second when known), document, evidence
    start, id."""
    return sorted(
        claims,
        key=lambda c: (
            (c.get("document") or {}).get("published_at") or "",
            c["document"]["id"] or "",
            c["evidence"]["start"] or 0,
            c["id"],
        ),
    )
