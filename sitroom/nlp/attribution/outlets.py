"""News outlets and agencies named in text ("according to Yonhap", "told the BBC").

`data/outlets.json` lists each outlet with the names it goes by in print. Matching is
case-sensitive and longest-first over the aliases (a bare name such as "Dawn" is resolved but
never searched for in running text). `resolve` folds case, punctuation and a leading "the", so a
document's outlet ("Yonhap News Agency") and a mention ("Yonhap") are one carrier.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str


@dataclass(frozen=True)
class OutletMention:
    start: int
    end: int
    text: str
    outlet: Outlet


class OutletIndex:
    def __init__(self, outlets: list[tuple[Outlet, list[str]]]) -> None:
        self._alias: dict[str, Outlet] = {}
        self._folded: dict[str, Outlet] = {}
        for outlet, aliases in outlets:
            for alias in aliases:
                self._alias.setdefault(alias, outlet)
            for alias in (outlet.name, *aliases):
                self._folded.setdefault(_fold(alias), outlet)
        names = sorted(self._alias, key=len, reverse=True)
        self._pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"
        )

    def find(self, text: str) -> list[OutletMention]:
        return [
            OutletMention(m.start(), m.end(), m.group(0), self._alias[m.group(0)])
            for m in self._pattern.finditer(text)
        ]

    def resolve(self, name: str | None) -> Outlet | None:
        if not name:
            return None
        return self._alias.get(name) or self._folded.get(_fold(name))


def _fold(name: str) -> str:
    name = name.replace("’", "'").lower()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@lru_cache(maxsize=1)
def outlet_index() -> OutletIndex:
    """The shipped outlet data, loaded once per process."""
    raw = json.loads(resources.files("sitroom.data").joinpath("outlets.json").read_text("utf-8"))
    return OutletIndex([(Outlet(o["id"], o["name"]), o["aliases"]) for o in raw["outlets"]])


def canonical_outlet(name: str | None) -> str | None:
    """The outlet's canonical name when it is a known outlet, else the name as given."""
    if not name:
        return None
    hit = outlet_index().resolve(name)
    return hit.name if hit else name.strip()
