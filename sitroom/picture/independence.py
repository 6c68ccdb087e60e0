"""Independence: corroboration counts origins, not articles.

The origin of a claim is its named attribution source (an agency, official, group,
government; canonical name) when there is one, else the outlet that published it. A copy
(document.copy_of set) is never a second report nor a second origin: it repeats its original.
Five outlets citing the same intelligence briefing are one origin reported five times.
"""

from __future__ import annotations

from sitroom.picture.common import is_copy, origin_of


def origins_of(claims: list[dict]) -> list[str]:
    """Sorted distinct origins of the non-copy claims (claims with no origin are skipped)."""
    return sorted({o for c in claims if not is_copy(c) and (o := origin_of(c))})


def report_count(claims: list[dict]) -> int:
    """Distinct documents reporting the claims, copies excluded."""
    return len({c["document"]["id"] for c in claims if not is_copy(c)})


def independence(claims: list[dict]) -> dict:
    """{'reports': documents (copies excluded), 'origins': [..], 'copies': copy documents}."""
    return {
        "reports": report_count(claims),
        "origins": origins_of(claims),
        "copies": len({c["document"]["id"] for c in claims if is_copy(c)}),
    }
