"""Choose one gazetteer entry for each toponym, using the other places of the document.

Scoring (higher wins): hand aliases and demonyms are strong; countries beat continents beat
regions beat admin-1 divisions beat counties; cities score log10(population). Local cues beat
population priors: candidates in a first-level division the document names gain most, then
those within a few hundred km of places already resolved, then those in a country the
document names; a qualifier ("Lexington, Neb.", "Scott County, Indiana") keeps only the
candidates it contains. A country-only cue is halved for a town with a namesake a hundred
times bigger (a US story's "Cairo" is still Egypt's). A town matched only by an alternate name
never beats a country of that name ("Mexico"). A bare name shared by a city and an admin-1
division of the same country goes to the city ("Kursk") unless the town is small; "Kursk
Oblast" or "Kursk region" goes to the division.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from sitroom.nlp.places.gazetteer import KIND_ALIAS, KIND_DEMONYM, KIND_NAME, Candidate, Gazetteer
from sitroom.nlp.types import Place

_LEVEL_BASE = {"country": 10.0, "continent": 9.0, "region": 7.0, "admin1": 6.0, "admin2": 5.0}
_LOCAL = ("city", "admin1", "admin2")
_KIND_BONUS = {KIND_NAME: 2.0, KIND_ALIAS: 8.0, KIND_DEMONYM: 8.0}


def base_score(c: Candidate, admin_hint: bool = False) -> float:
    """Context-free prior of a candidate (see module docstring)."""
    level = c.place.level
    s = _LEVEL_BASE.get(level) if level != "city" else math.log10(c.population + 1)
    s = (s or 0.0) + _KIND_BONUS.get(c.kind, 0.0)
    if admin_hint and level in ("admin1", "admin2"):
        s += 14.0
    return s


class DocContext:
    """Countries and points mentioned in one document, used to re-rank candidates."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()
        self.admin1s: Counter[tuple[str, str]] = Counter()
        self.points: list[tuple[float, float]] = []

    def add(self, place: Place, weight: int = 1) -> None:
        """Record a confidently resolved place."""
        if place.country:
            self.countries[place.country] += weight
        if place.level == "admin1" and place.country:
            self.admin1s[(place.country, place.name)] += weight
        if place.level in ("city", "admin2") and place.lat is not None and place.lon is not None:
            self.points.append((place.lat, place.lon))  # a division's point is not local

    def bonus(self, place: Place, country_weight: float = 1.0) -> float:
        """Context bonus for a candidate city/county/admin-1 (countries get none)."""
        if place.level not in _LOCAL or not place.country:
            return 0.0
        b = 0.0
        n = self.countries.get(place.country, 0)
        if n:
            top = self.countries.most_common(1)[0][0]
            b += (3.0 + (1.0 if top == place.country else 0.0)) * country_weight
        if place.level != "admin1" and (place.country, place.admin1) in self.admin1s:
            b += 4.0 * country_weight
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
    cands: Iterable[Candidate],
    ctx: DocContext | None = None,
    admin_hint: bool = False,
    qualifier: Place | None = None,
    list_cc: str | None = None,
    firm_context: bool = False,
) -> Candidate | None:
    """Best candidate; ties go to the larger population, then the lower entry index.

    ``qualifier``: a place the text says this one lies in ("X, Neb."): only candidates it
    contains are kept (all, when it contains none). ``list_cc``: the country whose first-level
    divisions this name is listed with ("Texas, Georgia and Ohio"), which favours divisions.
    """
    from sitroom.nlp.places.api import contains

    best: tuple[float, int, int] | None = None
    out = None
    cands = list(cands)
    if qualifier is not None:
        inside = [c for c in cands if c.place.id != qualifier.id and contains(qualifier, c.place)]
        cands = inside or cands
    if admin_hint and not any(c.place.level in ("admin1", "admin2") for c in cands):
        admin_hint = False
    admin_cc = {c.place.country for c in cands if c.place.level == "admin1" and c.kind != 1}
    has_admin = bool(admin_cc)
    country_named = any(c.place.level == "country" and c.kind in (0, KIND_ALIAS) for c in cands)
    biggest = max((c.population for c in cands if c.place.level == "city"), default=0)
    for c in cands:
        weight = 1.0
        if not firm_context and c.place.level == "city" and biggest >= 30 * max(c.population, 1):
            weight = 0.5  # a country or division cue is weak against a much bigger namesake
        s = base_score(c, admin_hint) + (ctx.bonus(c.place, weight) if ctx else 0.0)
        if c.place.level == "city" and c.place.country in admin_cc:
            # "California": the state, not a small town named after it; "Kursk": the city
            s += -3.0 if c.population < 100_000 else 1.5
        elif c.place.level == "city" and has_admin and biggest < 100_000:
            s -= 4.0  # "Texas" is the state, not a Mexican village of that name
        if c.place.level == "city" and country_named:
            s -= 6.0  # "Mexico", "Peru": the country, not a town of that name
        if list_cc and c.place.level == "admin1" and c.place.country == list_cc:
            s += 8.0
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
    best = pick(cands, ctx, admin_hint, firm_context=True)
    return best.place if best else None
