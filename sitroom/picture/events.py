"""Events: claims from different documents that describe the same thing.

Two claims join the same event when they have the same kind, the same canonical actor and
target, the same status group (occurred / planned-or-predicted / denied / hypothetical), a
compatible place (same, containing, or one unstated;
both stated when neither actor nor target is named), compatible times (both resolved:
intervals overlap; one resolved: it lies within 14 days of the other's publication day;
neither: the same relation to publication and publication dates at most 14 days apart),
and compatible quantities (same unit and casualty type, ranges within 10%, or one figure
missing). A claim joins the first event (in creation order) whose every claim it is
compatible with and which has no claim from its document yet. A copy (document.copy_of set)
joins the event holding the matching claim of its original. Input is sorted first, so the
result does not depend on input order.
"""

from __future__ import annotations

import hashlib

from sitroom.picture.common import (
    canon,
    doc_key,
    interval,
    is_copy,
    place_compatible,
    published,
    qrange,
    quantity_compatible,
    sort_claims,
    status_group,
    time_compatible,
)
from sitroom.picture.independence import origins_of, report_count
from sitroom.picture.model import Event


def event_key(claim: dict) -> tuple[str, str | None, str | None, str]:
    """(kind, canonical actor, canonical target, status group)."""
    return (claim["kind"], canon(claim["actor"]), canon(claim["target"]), status_group(claim))


def compatible(a: dict, b: dict) -> tuple[bool, str]:
    """Whether two claims (same event key assumed) may describe the same thing, and why.

    Claims naming neither actor nor target must both state a place (compatible ones).
    """
    parts = []
    if not canon(a["actor"]) and not canon(a["target"]) and not (a.get("place") and b.get("place")):
        return False, "no actor, target or shared place to tie the reports together"
    for check in (time_compatible, place_compatible, quantity_compatible):
        ok, why = check(a, b)
        parts.append(why)
        if not ok:
            return False, "; ".join(parts)
    return True, "; ".join(parts)


def group_events(claims: list[dict]) -> list[Event]:
    """Group claim views into events (see module doc). Events sorted by first publication."""
    groups: list[dict] = []  # {'key', 'claims', 'why', 'docs'}
    by_key: dict[tuple, list[dict]] = {}
    copies = []
    for claim in sort_claims(claims):
        if is_copy(claim):
            copies.append(claim)
            continue
        key = event_key(claim)
        _place(claim, key, by_key.setdefault(key, []), groups)
    for claim in copies:
        _place_copy(claim, by_key.setdefault(event_key(claim), []), groups)
    return [_event(g) for g in groups]


def _head(key: tuple) -> str:
    kind, actor, target, group = key
    return f"same kind {kind}, actor {actor or 'unnamed'}, target {target or 'none'}"


def _place(claim: dict, key: tuple, candidates: list[dict], groups: list[dict]) -> None:
    dkey = doc_key(claim)
    for g in candidates:
        if dkey in g["docs"]:
            continue
        reasons = []
        for other in g["claims"]:
            ok, why = compatible(claim, other)
            if not ok:
                break
            reasons.append(why)
        else:
            g["claims"].append(claim)
            g["docs"].add(dkey)
            g["why"].append(f"{_head(key)}; {reasons[0]}")
            return
    g = {
        "key": key,
        "claims": [claim],
        "docs": {dkey},
        "why": [
            f"first report: kind {key[0]}, actor {key[1] or 'unnamed'}, target "
            f"{key[2] or 'none'}, {key[3]}, published {published(claim) or 'undated'}"
        ],
    }
    candidates.append(g)
    groups.append(g)


def _place_copy(claim: dict, candidates: list[dict], groups: list[dict]) -> None:
    original = claim["document"]["copy_of"]
    for g in candidates:
        for other in g["claims"]:
            if (
                other["document"]["id"] == original
                and qrange(other) == qrange(claim)
                and other.get("casualty") == claim.get("casualty")
            ):
                g["claims"].append(claim)
                g["why"].append(f"copy of document {original} (its claim {other['id']})")
                return
    _place(claim, event_key(claim), candidates, groups)
    groups[-1]["why"][-1] += f"; copy of {original}, original claim not found"


def _event(g: dict) -> Event:
    kind, actor, target, group = g["key"]
    claims = g["claims"]
    first = claims[0]
    starts = [e for e, _ in map(interval, claims) if e]
    ends = [l_ for _, l_ in map(interval, claims) if l_]
    place = next(
        (c["place"] for c in claims if c.get("place") and c["place"].get("name")),
        next((c["place"] for c in claims if c.get("place")), None),
    )
    eid = (
        "e"
        + hashlib.sha256(
            "\x1f".join([kind, actor or "", target or "", group, first["id"]]).encode()
        ).hexdigest()[:16]
    )
    return Event(
        id=eid,
        kind=kind,
        actor=actor,
        target=target,
        status=group,
        claims=claims,
        why=g["why"],
        place=place,
        earliest=min(starts) if starts else None,
        latest=max(ends) if ends else None,
        reports=report_count(claims),
        origins=origins_of(claims),
    )


def same_event(a: Event, b: Event) -> bool:
    """Two events (of different status groups) about the same thing: first claims compatible."""
    if (a.kind, a.actor, a.target) != (b.kind, b.actor, b.target):
        return False
    return compatible(a.claims[0], b.claims[0])[0]
