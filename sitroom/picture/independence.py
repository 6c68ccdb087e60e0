"""Independence: corroboration counts origins, not articles.

The origin of a claim is who first said it (`common.origin_of`: the stored origin, followed
through reported speech; an outlet only when it speaks in its own voice). A copy
(document.copy_of set) is never a second report nor a second origin: it repeats its original.
Five outlets citing the same intelligence briefing are one origin with five carriers.
"""

from __future__ import annotations

from sitroom.picture.common import carriers_of, is_copy, origin_of


def origins_of(claims: list[dict]) -> list[str]:
    """Sorted distinct origins of the non-copy claims (claims with no origin are skipped)."""
    return sorted({o for c in claims if not is_copy(c) and (o := origin_of(c))})


def report_count(claims: list[dict]) -> int:
    """Distinct documents reporting the claims, copies excluded."""
    return len({c["document"]["id"] for c in claims if not is_copy(c)})


def carriers_by_origin(claims: list[dict]) -> dict[str, list[str]]:
    """origin -> sorted outlets that carried it (copies excluded)."""
    out: dict[str, set[str]] = {}
    for c in claims:
        if is_copy(c) or not (o := origin_of(c)):
            continue
        out.setdefault(o, set()).update(carriers_of(c))
    return {o: sorted(v) for o, v in sorted(out.items())}


def independence(claims: list[dict]) -> dict:
    """{'reports': documents (copies excluded), 'origins': [..], 'carriers': {origin: [outlets]},
    'copies': copy documents}."""
    return {
        "reports": report_count(claims),
        "origins": origins_of(claims),
        "carriers": carriers_by_origin(claims),
        "copies": len({c["document"]["id"] for c in claims if is_copy(c)}),
    }
