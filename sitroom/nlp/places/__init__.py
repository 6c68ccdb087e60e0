"""Places: an offline geoparser over GeoNames-derived packages (component `places`).

Contract: `find_places(spacy_doc) -> list[PlaceMention]` finds toponyms (spaCy entities corrected
by the gazetteer) and resolves each to a `Place` (GeoNames-style id, level, country, first-level
division, coordinates) using the document's own context. `resolve_name(name, countries)` resolves
one name. `Gazetteer.get()` is the process-wide name index (built once, cached on disk).

Modules: `finder` (toponyms in a parsed document), `resolve` (candidate choice),
`resolve_doc` and `cues` (a document's own cues: qualifiers, datelines, lists, abbreviations
from `abbrev`), `gazetteer` / `gazetteer_build` (the index), `admin1` / `admin2` (towns'
divisions, counties), `words` (word lists), `api` (THE place API: lookup by id, containment,
precision, country of; used by the geocoder, the picture's theatres and the exports). `finder`
needs spaCy; the others do not, so `find_places` is imported lazily.
Eval hook: `sitroom eval places FILE` (`sitroom.eval.geo_bench`).
"""

from sitroom.nlp.places import api
from sitroom.nlp.places.api import (
    ancestors,
    contains,
    continent_of,
    country_of,
    level,
    lookup,
    precision,
)
from sitroom.nlp.places.gazetteer import Gazetteer
from sitroom.nlp.places.resolve import resolve_name

__all__ = [
    "Gazetteer",
    "ancestors",
    "api",
    "contains",
    "continent_of",
    "country_of",
    "find_places",
    "level",
    "lookup",
    "precision",
    "resolve_name",
]


def __getattr__(name: str):  # noqa: ANN202 - lazy export, keeps spaCy out of light imports
    if name == "find_places":
        from sitroom.nlp.places.finder import find_places

        return find_places
    raise AttributeError(name)
