"""Actor mentions: canonical states, groups, agencies and bodies from shipped alias data.

`data/actors.json` lists each canonical entity with its aliases ("Pyongyang", "the regime" ->
North Korea) and demonym forms ("North Korean" -> North Korea). Matching is case-sensitive and
longest-first, so "South Korea's National Intelligence Service" wins over "South Korea". The data
also corrects the small NER model's errors: whatever label spaCy gave "Kyiv", it is Ukraine.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    entity: Entity
    demonym: bool = False


class ActorIndex:
    """Finds actor mentions in text and resolves free names to canonical entities."""

    def __init__(self, entities: list[Entity], demonyms: dict[str, str]) -> None:
        self.entities = {e.id: e for e in entities}
        self._alias: dict[str, tuple[str, bool]] = {}
        self._folded: dict[str, str] = {}
        for e in entities:
            for alias in (e.name, *e.aliases):
                self._alias.setdefault(alias, (e.id, False))
                self._folded.setdefault(_fold(alias), e.id)
        for form, eid in demonyms.items():
            self._alias.setdefault(form, (eid, True))
            if (
                " " not in form
                and form[-1:].isalpha()
                and not form.endswith(("s", "ese", "sh", "ch"))
            ):
                self._alias.setdefault(form + "s", (eid, True))  # "13 Americans were killed"
        names = sorted(self._alias, key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in names)
        self._pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])")

    def find(self, text: str) -> list[ActorMention]:
        """Every non-overlapping actor mention in text, left to right."""
        out = []
        for m in self._pattern.finditer(text):
            eid, demonym = self._alias[m.group(0)]
            out.append(ActorMention(m.start(), m.end(), m.group(0), self.entities[eid], demonym))
        return out

    def resolve(self, name: str | None) -> Entity | None:
        """The canonical entity for a name in any naming, or None."""
        if not name:
            return None
        hit = self._alias.get(name)
        if hit:
            return self.entities[hit[0]]
        eid = self._folded.get(_fold(name))
        return self.entities[eid] if eid else None

    def same(self, a: str | None, b: str | None) -> bool:
        """True when two names denote the same organisation (any naming)."""
        if not a or not b:
            return a == b
        ea, eb = self.resolve(a), self.resolve(b)
        if ea and eb:
            return ea.id == eb.id
        fa, fb = _fold(a), _fold(b)
        return fa == fb or fa in fb or fb in fa


def _fold(name: str) -> str:
    name = name.replace("’", "'").lower()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@lru_cache(maxsize=1)
def actor_index() -> ActorIndex:
    """The shipped actor data, loaded once per process."""
    raw = json.loads(resources.files("sitroom.data").joinpath("actors.json").read_text("utf-8"))
    entities, demonyms = [], {}
    for item in raw["entities"]:
        entities.append(
            Entity(item["id"], item["name"], item["kind"], item["country"], tuple(item["aliases"]))
        )
        for form in item["demonyms"]:
            demonyms[form] = item["id"]
    return ActorIndex(entities, demonyms)
