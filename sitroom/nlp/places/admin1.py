"""First-level division names for GeoNames towns, offline.

cities500 gives each town only an admin1 *code* ("PK.02"), and no installed package maps those
codes to names. countrystatecity-countries lists 152,000 towns with the name of their division,
so a town's division is taken from the nearest of those towns in the same country (a k-d tree
per country, on an equirectangular projection that is accurate at these distances).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.spatial import cKDTree


def _project(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    return np.column_stack([lat, lon * np.cos(np.radians(lat))])


def admin1_names(towns: Sequence[tuple[str, float, float]]) -> list[str | None]:
    """For each (country code, lat, lon), the name of its first-level division, or None when
    the country has no listed towns."""
    import countrystatecity_countries as csc

    wanted: dict[str, list[int]] = defaultdict(list)
    for i, (cc, _, _) in enumerate(towns):
        wanted[cc].append(i)
    out: list[str | None] = [None] * len(towns)
    for cc, rows in wanted.items():
        try:
            states = {s.id: s.name for s in csc.get_states_of_country(cc)}
            cities = [c for c in csc.get_cities_of_country(cc) if c.state_id in states]
        except Exception:  # noqa: BLE001 - an unknown code in the package means no data
            continue
        if not cities:
            continue
        tree = cKDTree(
            _project(
                np.array([float(c.latitude) for c in cities]),
                np.array([float(c.longitude) for c in cities]),
            )
        )
        lat = np.array([towns[i][1] for i in rows])
        lon = np.array([towns[i][2] for i in rows])
        _, nearest = tree.query(_project(lat, lon))
        for i, j in zip(rows, nearest, strict=True):
            out[i] = states[cities[int(j)].state_id]
    return out
