"""Admiralty grades: source reliability A-F and information credibility 1-6.

Reliability comes from the sources registry (`Sitroom.grade_source`), for outlets and for
originating agencies alike, looked up by the name's slug; anything not graded is F ("cannot
be judged"). Credibility is graded per event; the rules are in `credibility` and, word for
word, in docs/grading.md.
"""

from __future__ import annotations

from sitroom.ids import slug
from sitroom.picture.common import is_copy, origin_of, outlet
from sitroom.picture.model import Contradiction, Event

RELIABILITY = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "cannot be judged",
}
CREDIBILITY = {
    1: "confirmed",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "cannot be judged",
}


def reliability_map(sources: list[dict]) -> dict[str, str]:
    """slug -> reliability letter, from source rows (id and name both indexed)."""
    out = {}
    for s in sources:
        out[s["id"]] = s["reliability"] or "F"
        out[slug(s["name"])] = s["reliability"] or "F"
    return out


def reliability(name: str | None, rel: dict[str, str]) -> str:
    """The A-F grade of an outlet or origin name; F when unknown or ungraded."""
    return rel.get(slug(name), "F") if name else "F"


def source_table(claims: list[dict], sources: list[dict]) -> list[dict]:
    """Every outlet and origin in scope: name, role, reliability (+ meaning), claim counts."""
    rel = reliability_map(sources)
    rows: dict[str, dict] = {}
    for c in claims:
        for role, name in (("outlet", outlet(c)), ("origin", origin_of(c))):
            if not name:
                continue
            row = rows.setdefault(
                name, {"name": name, "roles": [], "claims": 0, "documents": set()}
            )
            if role not in row["roles"]:
                row["roles"].append(role)
        for name in {outlet(c), origin_of(c)} - {None}:
            rows[name]["claims"] += 1
            rows[name]["documents"].add(c["document"]["id"])
    out = []
    for name in sorted(rows):
        row = rows[name]
        grade = reliability(name, rel)
        out.append(
            {
                "name": name,
                "roles": sorted(row["roles"]),
                "reliability": grade,
                "reliability_text": RELIABILITY[grade],
                "claims": row["claims"],
                "documents": len(row["documents"]),
            }
        )
    return out


def opponents(events: list[Event], contradictions: list[Contradiction]) -> dict[str, set[str]]:
    """event id -> origins that contradict it (other side of value or denial contradictions)."""
    where = {c["id"]: e for e in events for c in e.claims}
    out: dict[str, set[str]] = {}
    for con in contradictions:
        sides = [where.get(s["id"]) for s in con.sides]
        for i, ev in enumerate(sides):
            if ev is None:
                continue
            for j, other in enumerate(con.sides):
                if j == i:
                    continue
                if con.kind == "denial" and sides[j] is not None:
                    out.setdefault(ev.id, set()).update(sides[j].origins)
                elif o := origin_of(other):
                    out.setdefault(ev.id, set()).add(o)
    return out


def credibility(event: Event, against: set[str], rel: dict[str, str]) -> tuple[int, str]:
    """Admiralty information credibility (1-6) of an event, with the rule that gave it.

    Rules, first match wins (docs/grading.md):
      6 no origin known for any claim;
      5 contradicted, and by more distinct origins than support the event;
      4 contradicted (by as many origins as support it or fewer);
      4 any supporting claim has certainty 'doubtful';
      1 two or more independent origins, all supporting claims 'certain';
      2 two or more independent origins (some claim hedged: probable/possible);
      2 one origin graded A or B, and every supporting claim 'certain';
      3 one origin, not contradicted.
    """
    origins = event.origins
    claims = [c for c in event.claims if not is_copy(c)] or event.claims
    n = len(origins)
    if n == 0:
        return 6, "cannot be judged: no origin is known for any claim"
    if event.contradicted or against:
        k = len(against)
        if k > n:
            return 5, f"improbable: contradicted by {k} origins, supported by {n}"
        return 4, f"doubtful: contradicted ({k or 'a'} contradicting origin(s), {n} supporting)"
    if any(c["certainty"] == "doubtful" for c in claims):
        return 4, "doubtful: a supporting claim is hedged as doubtful"
    all_certain = all(c["certainty"] == "certain" for c in claims)
    if n >= 2 and all_certain:
        return 1, f"confirmed: {n} independent origins, no contradiction"
    if n >= 2:
        return 2, f"probably true: {n} independent origins, some claims hedged"
    grade = reliability(origins[0], rel)
    if grade in ("A", "B") and all_certain:
        return 2, f"probably true: one origin ({origins[0]}) graded {grade}, stated as certain"
    return 3, f"possibly true: one origin ({origins[0]}, graded {grade}), not contradicted"


def grade_events(
    events: list[Event], contradictions: list[Contradiction], sources: list[dict]
) -> None:
    """Set `credibility` and `credibility_why` on every event in place."""
    rel = reliability_map(sources)
    against = opponents(events, contradictions)
    for ev in events:
        ev.credibility, ev.credibility_why = credibility(ev, against.get(ev.id, set()), rel)
