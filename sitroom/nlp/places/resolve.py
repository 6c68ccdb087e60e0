"""Choose one gazetteer entry for each toponym, using the other places of the document.

Scoring (higher wins): hand aliases and demonyms are strong; countries beat continents beat
regions beat admin-1 divisions; cities score log10(population). Candidates in a country the
document names (explicitly or through unambiguous places) gain, and so do candidates within a
few hundred km of other places already resolved in the document. A bare name shared by a city
and an admin-1 division of the same country goes to the city ("Kursk"); "Kursk Oblast" or
"Kursk region" goes to the division.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from sitroom.nlp.places.gazetteer import KIND_ALIAS, KIND_DEMONYM, KIND_NAME, Candidate, Gazetteer
from sitroom.nlp.types import Place

_LEVEL_BASE = {"country": 10.0, "continent": 9.0, "region": 7.0, "admin1": 5.0}
_KIND_BONUS = {KIND_NAME: 2.0, KIND_ALIAS: 8.0, KIND_DEMONYM: 8.0}


def base_score(c: Candidate, admin_hint: bool = False) -> float:
    """Context-free prior of a candidate (see module docstring)."""
    level = c.place.level
    s = _LEVEL_BASE.get(level) if level != "city" else math.log10(c.population + 1)
    s = (s or 0.0) + _KIND_BONUS.get(c.kind, 0.0)
    if admin_hint and level == "admin1":
        s += 10.0
    return s


class DocContext:
    """Countries and points mentioned in one document, used to re-rank candidates."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.points: list[tuple[float, float]] = []

    def add(self, place: Place, weight: int = 1) -> None:
        """Record a confidently resolved place."""
        if place.country:
            self.countries[place.country] += weight
        if place.level in ("city", "admin1") and place.lat is not None and place.lon is not None:
            self.points.append((place.lat, place.lon))

    def bonus(self, place: Place) -> float:
        """Context bonus for a candidate city/admin-1 (countries get none)."""
        if place.level not in ("city", "admin1") or not place.country:
            return 0.0
        b = 0.0
        n = self.countries.get(place.country, 0)
        if n:
            b += 4.0
            top = self.countries.most_common(1)[0][0]
            if top == place.country:
                b += 1.0
        if place.lat is not None and self.points:
            d = min(_approx_km(place.lat, place.lon, la, lo) for la, lo in self.points)
            if d < 0.5:
                b += 0.0  # the same point: no self-reinforcement
            elif d < 250:
                b += 2.5
            elif d < 600:
                b += 1.0
        return b


def _approx_km(la1: float, lo1: float, la2: float, lo2: float) -> float:
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    y = math.radians(la2 - la1)
    return 6371.0 * math.hypot(x, y)


def pick(
    cands: Iterable[Candidate], ctx: DocContext | None = None, admin_hint: bool = False
) -> Candidate | None:
    """Best candidate; ties go to the larger population, then the lower entry index."""
    best: tuple[float, int, int] | None = None
    out = None
    cands = list(cands)
    if admin_hint and not any(c.place.level == "admin1" for c in cands):
        admin_hint = False
    admin_cc = {c.place.country for c in cands if c.place.level == "admin1"}
    for c in cands:
        s = base_score(c, admin_hint) + (ctx.bonus(c.place) if ctx else 0.0)
        if c.place.level == "city" and c.population < 100_000 and c.place.country in admin_cc:
            s -= 3.0  # "California": the state, not a small town named after it
        key = (s, c.population, -c.index)
        if best is None or key > best:
            best, out = key, c
    return out


def is_confident(cands: list[Candidate]) -> bool:
    """True when a name needs no context: one strong entry or a clear winner by prior."""
    if not cands:
        return False
    scored = sorted((base_score(c) for c in cands), reverse=True)
    return len(scored) == 1 or scored[0] - scored[1] >= 3.0


def resolve_name(name: str, context_countries: set[str] | None = None) -> Place | None:
    """Resolve one place name ("the Kursk region", "Kiev", "Ukrainian") to a Place, or None.

    ``context_countries``: ISO2 codes known from the surrounding text; they favour same-named
    places in those countries. A trailing "region/oblast/province..." prefers admin-1 entries.
    """
    text = name.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    gaz = Gazetteer.get()
    cands = gaz.lookup(text)
    if not cands:
        return None
    ctx = DocContext()
    for cc in context_countries or ():
        ctx.countries[cc.upper()] += 1
    words = text.lower().split()
    admin_hint = len(words) > 1 and words[-1] in ("region", "oblast", "province", "governorate")
    best = pick(cands, ctx, admin_hint)
    return best.place if best else None
