"""Resolve a document's toponym items together: the confident ones set the context, then
qualifiers ("Buffalo, New York"), lists of divisions and division hints decide the rest.

Contract: ``resolve_items(text, items, gaz)`` takes ``(start, end, candidates, admin_hint)``
items (any order) and returns one ``PlaceMention`` per item, sorted by offset; an item without
candidates gets ``place=None``. Abbreviations qualifying a place ("Lexington, Neb.") are added
as items of their own (see ``cues``).
"""

from __future__ import annotations

import re

from sitroom.nlp.places import cues
from sitroom.nlp.places import words as W
from sitroom.nlp.places.api import contains
from sitroom.nlp.places.gazetteer import KIND_ALT, KIND_DEMONYM, Candidate, Gazetteer
from sitroom.nlp.places.resolve import DocContext, is_confident, pick
from sitroom.nlp.types import PlaceMention


def resolve_items(text: str, items: list[tuple], gaz: Gazetteer) -> list[PlaceMention]:
    """One PlaceMention per item, resolved with the document's own cues (module docstring)."""
    items = sorted(items, key=lambda x: x[0])
    abbrevs = cues.abbreviation_items(text, items, gaz)
    items = [  # an abbreviation replaces the unresolved entity spaCy made of it
        it for it in items if it[2] or not any(it[0] < a[1] and a[0] < it[1] for a in abbrevs)
    ]
    items = sorted(items + abbrevs, key=lambda x: x[0])
    ctx = DocContext()
    hints = [
        admin or cues.division_hint(text, s, e) or _admin_next(text, e) for s, e, _, admin in items
    ]
    for (_s, _e, cands, _a), hint in zip(items, hints, strict=True):  # pass 1: confident places
        if is_confident(cands) or (hint and any(c.place.level == "admin1" for c in cands)):
            best = pick(cands, admin_hint=hint)
            if best is not None and not _weak_alias(best):  # a lone alias sets no context
                ctx.add(best.place, 2 if best.place.level == "country" else 1)
    lists = cues.list_neighbours(text, items)
    quals = cues.qualifiers(text, items)
    for k in list(quals):  # "Virginia, Washington, West Virginia": a list, not "town, state"
        if any(
            n < k and any(c.place.level in ("admin1", "country") for c in items[n][2])
            for n in lists.get(k, ())
        ) or (is_confident(items[k][2]) and pick(items[k][2]).place.level != "city"):
            del quals[k]
    resolved: dict[int, Candidate] = {}
    for k, q in quals.items():  # "Buffalo, New York": the division that holds the town
        inner = items[k][2]
        holding = [
            c
            for c in items[q][2]
            if c.place.level in ("admin1", "country")
            and any(contains(c.place, ic.place) for ic in inner)
        ]
        best = pick(holding, ctx, admin_hint=True) if holding else None
        if best is not None:
            resolved[q] = best
            ctx.add(best.place)
    prelim = [
        pick(c, ctx, admin_hint=h) if c else None
        for (_s, _e, c, _a), h in zip(items, hints, strict=True)
    ]
    out = []
    for k, ((s, e, cands, _admin), hint) in enumerate(zip(items, hints, strict=True)):
        best = resolved.get(k)
        if best is None and cands:
            qual = resolved.get(quals[k]) if k in quals else None
            if qual is None and k in quals and prelim[quals[k]] is not None:
                qual = prelim[quals[k]]
            list_cc = _list_country(lists.get(k, ()), prelim)
            best = pick(
                cands,
                ctx,
                admin_hint=hint,
                qualifier=qual.place if qual else None,
                list_cc=list_cc,
            )
        if best is not None and _foreign_alias(best, ctx):
            best = None
        place = best.place if best else None
        if place is None and not cands:
            place = _container(text, items, k, resolved, prelim)
        adjectival = bool(best and best.kind == KIND_DEMONYM)
        out.append(PlaceMention(s, e, text[s:e], place, adjectival))
    return out


_IN_OR_COMMA = re.compile(r"\s*,?\s*(?:(?:in|near(?:\s+to)?|outside)\s+)?(?:the\s+)?$")


def _container(text: str, items: list[tuple], k: int, resolved: dict, prelim: list):  # noqa: ANN202
    """A name the gazetteer lacks ("the village of Cellardyke in Fife") takes the place the text
    puts it in, when that place is a county or a town: the finest point the text gives. A
    division or country is too coarse to stand for a small town, so the name stays
    unresolved then."""
    if k + 1 >= len(items) or not _IN_OR_COMMA.match(text[items[k][1] : items[k + 1][0]]):
        return None
    best = resolved.get(k + 1) or prelim[k + 1]
    if best is None or best.place.level not in ("admin2", "city"):
        return None
    return best.place


def _foreign_alias(best: Candidate, ctx: DocContext) -> bool:
    """A small town matched only by one of its alternate names, in a country the document
    never names while it names others ("Kalam ... north-west Pakistan" is not India's
    Kallam): most likely a place the gazetteer lacks, so the mention stays unresolved rather
    than placed in the wrong country."""
    return _weak_alias(best) and bool(ctx.countries) and best.place.country not in ctx.countries


def _weak_alias(best: Candidate) -> bool:
    return best.kind == KIND_ALT and best.place.level == "city" and best.population < 100_000


def _admin_next(text: str, end: int) -> bool:
    nxt = text[end : end + 12].lower().split()
    return bool(nxt and nxt[0].strip(".,;") in W.ADMIN_WORDS)


def _list_country(neighbours, prelim) -> str | None:
    """The country of first-level divisions a name is listed with, if any."""
    for n in neighbours:
        c = prelim[n]
        if c is not None and c.place.level == "admin1" and c.kind != 1:
            return c.place.country
    return None
