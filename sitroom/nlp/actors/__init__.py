"""Actors: canonical names of states, forces, groups and officials (component `actors`).

Contract: `actor_index() -> ActorIndex` (cached) over `sitroom/data/actors.json`; its
`find(text)` gives `ActorMention`s (canonical entity, offsets) for every alias in a text.
Pure Python, no spaCy.
"""

from sitroom.nlp.actors.index import ActorIndex, ActorMention, Entity, actor_index

__all__ = ["ActorIndex", "ActorMention", "Entity", "actor_index"]
