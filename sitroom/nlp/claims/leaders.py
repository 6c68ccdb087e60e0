"""People who act for a state or organisation ("Trump met with Kim Jong Un": United States and
North Korea), from the hand-made `data/leaders.json`. Used by the claim frames only when a
subject or partner names a person and no actor; attribution keeps the person as the source.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.tokens import Token


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    raw = json.loads(resources.files("sitroom.data").joinpath("leaders.json").read_text("utf-8"))
    return {name: actor for actor, names in raw["leaders"].items() for name in names}


def acting_for(phrase: Token) -> str | None:
    """The state or organisation a person named in phrase's subtree acts for, or None. The
    small NER model labels 'Trump' an ORG now and then: any entity or proper noun is tried."""
    names = _names()
    lo, hi = phrase.left_edge.i, phrase.right_edge.i + 1
    for ent in phrase.doc.ents:
        if lo <= ent.start < hi:
            text = ent.text.replace("’s", "").replace("'s", "").strip()
            if text in names:
                return names[text]
            parts = text.split()
            if len(parts) > 1 and parts[-1] in names:
                return names[parts[-1]]
    for tok in phrase.doc[lo:hi]:
        if tok.text[:1].isupper() and tok.text in names:
            return names[tok.text]
    return None
