"""A state's agency named by its role: "Seoul's spy agency", "the South Korean intelligence
service", "Russia's defence ministry", "South Korea's military" -> the one shipped entity of
that kind and country (`data/actors.json`).

Why own code: the alias list cannot hold every "<country>'s <role>" wording; the role words
below and the actor data (kind, country) settle it in general. Nothing is returned when the
country has no entity, or more than one, for that role (never a guess).
"""

from __future__ import annotations

from functools import lru_cache

from sitroom.nlp.actors.index import ActorMention, Entity, actor_index

# role -> (entity kind, words of which one must be in the phrase, words in the entity's names
# that pick one among several entities of the kind)
ROLES = {
    "intelligence": ("intelligence_agency", {"intelligence", "spy"}, ()),
    "defense": ("government_body", {"defense", "defence"}, ("defense", "defence")),
    "foreign": ("government_body", {"foreign"}, ("foreign", "state department")),
    "military": ("military", {"military", "army", "armed", "chiefs", "jcs"}, ()),
}
STATE_KINDS = ("state",)


def by_role(words: set[str], inside: list[ActorMention]) -> Entity | None:
    """The entity a phrase names by country + role, or None (see the module doc)."""
    countries = {m.entity.country for m in inside if m.entity.kind in STATE_KINDS}
    if len(countries) != 1 or not words & _all_role_words():
        return None
    if any(m.entity.kind not in STATE_KINDS for m in inside):
        return None  # an agency is named outright: the alias wins, not the role
    (country,) = countries
    for kind, cues, pick in ROLES.values():
        if not words & cues:
            continue
        if kind == "government_body" and "ministry" not in words and "department" not in words:
            continue
        found = _of(kind, country)
        if pick:
            found = [e for e in found if any(p in " ".join(e.aliases).lower() for p in pick)]
        if kind == "intelligence_agency" and len(found) > 1:
            military = bool(words & {"military", "defense", "defence"})
            found = [e for e in found if _military_intel(e) == military]
        if len(found) == 1:
            return found[0]
    return None


def _military_intel(e: Entity) -> bool:
    names = " ".join((e.name, *e.aliases)).lower()
    return "military" in names or "defense intelligence" in names


@lru_cache(maxsize=512)
def _of(kind: str, country: str | None) -> list[Entity]:
    return [e for e in actor_index().entities.values() if e.kind == kind and e.country == country]


@lru_cache(maxsize=1)
def _all_role_words() -> frozenset[str]:
    return frozenset(w for _, cues, _ in ROLES.values() for w in cues)


PORTFOLIOS = {
    "health": "health",
    "defense": "defense",
    "defence": "defense",
    "foreign": "foreign",
    "interior": "interior",
    "information": "information",
    "communications": "communications",
    "communication": "communications",
    "finance": "finance",
    "justice": "justice",
    "home": "home",
}
TITLES = (
    "prime minister",
    "chief minister",
    "deputy prime minister",
    "president",
    "vice president",
    "government spokesman",
    "government spokesperson",
    "army spokesman",
    "military spokesman",
    "police commissioner",
    "police chief",
    "governor",
)
RANKS = {"lt", "gen", "general", "lieutenant", "col", "colonel", "maj", "major", "brig"}
RANKS |= {"brigadier", "capt", "captain", "dr", "mr", "ms", "mrs", "sen", "rep"}
TITLE_KEY = "title:"


def strip_rank(name: str) -> str:
    """'Gen Ahmed Sharif Chaudhry' -> 'Ahmed Sharif Chaudhry': a rank is not part of a name."""
    words = name.strip().split()
    while len(words) > 1 and words[0].lower().rstrip(".") in RANKS:
        words = words[1:]
    return " ".join(words)  # persons-map keys holding a title's holder in this document


def office(words: set[str], text: str, inside: list[ActorMention], persons: dict[str, str]):  # noqa: ANN201
    """(kind, canonical name) of a state office named by portfolio or title: "the health
    ministry of the DRC" -> government_body "Democratic Republic of the Congo health ministry";
    "the prime minister" -> the person this document gives that title ("Prime Minister Judith
    Suminwa"), else "<country> prime minister". None when neither fits."""
    low = " ".join(text.lower().split())
    states = {m.entity.name for m in inside if m.entity.kind in STATE_KINDS}
    country = next(iter(states)) if len(states) == 1 else None
    portfolio = next((PORTFOLIOS[w] for w in words if w in PORTFOLIOS), None)
    if portfolio and "ministry" in words and country:
        return "government_body", f"{country} {portfolio} ministry"
    titles = [t for t in TITLES if t in low]
    if portfolio and "minister" in words:
        titles.insert(0, f"{portfolio} minister")
    for title in titles:
        holder = persons.get(TITLE_KEY + title)
        if holder:
            return "named_official", holder
        if country:
            return "named_official", f"{country} {title}"
    for noun in ("minister", "spokesman", "spokesperson", "commissioner"):
        if low in (f"the {noun}", f"the {noun},"):  # "said the minister": the article's one
            held = {v for k, v in persons.items() if k.startswith(TITLE_KEY) and k.endswith(noun)}
            if len(held) == 1:
                return "named_official", held.pop()
    return None


def titled_persons(doc) -> dict[str, str]:  # noqa: ANN001 - a spaCy Doc
    """'title:prime minister' -> 'Judith Suminwa' for each "Prime Minister Judith Suminwa" or
    "Health Minister Samuel-Roger Kamba" in the text (the title right before the name)."""
    out: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        window = [t for t in doc[max(0, ent.start - 6) : ent.start] if not t.is_punct]
        while window and window[-1].lower_.rstrip(".") in RANKS:
            window.pop()  # "army spokesman Lt. Gen. Ahmed Sharif Chaudhry"
        before = " ".join(t.lower_ for t in window[-3:])
        for word, portfolio in PORTFOLIOS.items():
            if before.endswith(f"{word} minister") or before.endswith(f"minister of {word}"):
                out.setdefault(f"{TITLE_KEY}{portfolio} minister", strip_rank(ent.text))
        for title in TITLES:
            if before.endswith(title):
                out.setdefault(TITLE_KEY + title, strip_rank(ent.text))
    return out


def person_names(doc) -> dict[str, str]:  # noqa: ANN001 - a spaCy Doc
    """Map each short form of a person's name ("Hayat") to the full name first used."""
    out: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        full = strip_rank(ent.text)
        out.setdefault(full, full)
        parts = full.split()
        if len(parts) > 1:
            out.setdefault(parts[-1], full)
    out.update(titled_persons(doc))
    return out
