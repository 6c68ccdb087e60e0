"""One family's claims -> measures, observations, part/whole links, disagreements (pure).

Steps (each rule documented in docs/picture.md):
1. each claim's theatre (`keys.theatre_name` of its country; an unplaced claim takes the
   theatre its document gives other claims of the family, else the family's most observed);
2. its scope (`keys.scopes`): incident readings are clustered into incidents per theatre and
   casualty type (same or containing place, times within three days); everything else is one
   running/standing measure per theatre and casualty type;
3. parts and wholes: in one document, a smaller figure of the same measure and time is a part
   of the larger ('31 people, including 18 soldiers'); a killed figure with a killed-or-injured
   figure is its subset; killed + injured without a killed-or-injured figure add up to one
   (a derived 'sum' observation naming both claims);
4. per measure: each origin's current figure (latest as-of), disagreements (disagreement.py).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from sitroom import ids
from sitroom.picture.common import (
    canon,
    day_gap,
    interval,
    outlet,
    overlaps,
    place_compatible,
    published,
    qrange,
    resolved,
    sort_claims,
    time_compatible,
)
from sitroom.picture.measures.disagreement import find_disagreements, origin_key
from sitroom.picture.measures.keys import (
    country_of,
    is_window,
    scopes,
    target_country,
    theatre_name,
)
from sitroom.picture.measures.naming import measure_name

KW = "killed_or_injured"
AMONG = re.compile(
    r"\bamong (?:the|those) (?:dead|killed|injured|wounded|victims|casualties|hostages)",
    re.IGNORECASE,
)


@dataclass
class FamilyResult:
    measures: list[dict] = field(default_factory=list)
    observations: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    disagreements: list[dict] = field(default_factory=list)


def build_family(
    fam_id: str,
    key: tuple,
    claims: list[dict],
    *,
    origin_of,  # noqa: ANN001 - claim view -> origin name
    incident_docs: dict[str, list[frozenset[str]]],
    theatres: dict[str, list[str]],
    threshold: float,
    now: str,
    doc_countries: dict[str, str] | None = None,
) -> FamilyResult:
    speakers = " | ".join(sorted({c.get("origin") or "" for c in claims}))
    claims = [_unplace_speaker(c, speakers) for c in sort_claims(claims)]
    claims = claims + _sums(claims)
    theatre = _theatres(claims, theatres, doc_countries or {})
    scope = scopes(claims, theatre, incident_docs)
    groups: dict[tuple, list[list[dict]]] = {}
    # dated readings first, so incidents form around them and an undated figure joins the
    # incident it is compatible with rather than founding one that dated readings then join
    for c in sorted(claims, key=lambda c: not resolved(c)):
        gkey = (c.get("casualty"), theatre[c["id"]], scope[c["id"]])
        parts = groups.setdefault(gkey, [])
        if scope[c["id"]] == "theatre" and theatre[c["id"]] is not None:
            (parts.append([c]) if not parts else parts[0].append(c))
            continue
        if scope[c["id"]] == "theatre":
            # no theatre known: only reports of the same fortnight are one running figure
            # (a family spans conflicts; 'people rescued' in 2022 and 2025 are not one)
            for g in parts:
                if all(_close_reports(c, o) for o in g):
                    g.append(c)
                    break
            else:
                parts.append([c])
            continue
        for g in parts:
            if all(_same_incident(c, o) for o in g):
                g.append(c)
                break
        else:
            parts.append([c])
    _absorb(groups, scope)
    out = FamilyResult()
    obs_of_claim: dict[str, dict] = {}
    labels: Counter = Counter()
    for (casualty, th, sc), parts in sorted(groups.items(), key=lambda kv: str(kv[0])):
        for members in parts:
            label = _setting(members) if sc == "incident" else None
            labels[(casualty, th, sc, label)] += 1
            if labels[(casualty, th, sc, label)] > 1:  # two incidents on one day and place
                label = f"{label}; #{labels[(casualty, th, sc, label)]}"
            mid = "m" + ids.digest(fam_id, casualty, sc, th, label)
            obs = [_observation(mid, fam_id, c, origin_of, sc) for c in members]
            for o, c in zip(obs, members, strict=True):
                obs_of_claim[c["id"]] = o

            out.links += _parts(fam_id, obs)
            for o in obs:
                if o["role"] == "figure" and AMONG.search(o["quote"]):
                    o["role"] = "part"  # 'among the dead are two foreign nationals'
            if any(o["high"] > 1 for o in obs):
                for o, c in zip(obs, members, strict=True):
                    if o["role"] == "figure" and _one_person(c):
                        o["role"] = "part"  # 'the driver of the train has died': one of them
            dis = find_disagreements(mid, fam_id, obs, key[0], threshold)
            out.observations += obs
            out.disagreements += dis
            out.measures.append(
                _measure(mid, fam_id, key, casualty, th, sc, label, members, obs, dis, now)
            )
    out.links += _subset_links(fam_id, claims, obs_of_claim)
    return out


# -- theatre ---------------------------------------------------------------------------------
def _unplace_speaker(c: dict, speakers: str) -> dict:
    """A place named by a word of a speaker's name (any origin of the family's claims) is the
    speaker, not where it happened ('..., Adan said': the health minister Ali Haji Adan, not
    Aden in Yemen; the next sentence inherits that place too)."""
    place = c.get("place") or {}
    text = (place.get("text") or "").strip()
    if len(text) > 2 and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", speakers):
        return dict(c, place=None)
    return c


def _theatres(claims: list[dict], groups: dict, doc_countries: dict) -> dict[str, str | None]:
    """Each claim's theatre: its own country; unplaced, the one its document gives other
    claims of the family, else the country most of its document's claims are placed in
    (`doc_countries`), else the family's only theatre. (A family spans theatres: casualties
    of people are one family wherever they fell, so its most observed theatre is no guess
    for an unplaced claim.)"""
    placed = {c["id"]: theatre_name(country_of(c), groups) for c in claims}
    by_doc: dict[str, Counter] = {}
    overall: Counter = Counter()
    for c in claims:
        if placed[c["id"]]:
            by_doc.setdefault(c["document"]["id"], Counter())[placed[c["id"]]] += 1
            overall[placed[c["id"]]] += 1
    out = {}
    for c in claims:
        t = placed[c["id"]]
        if not t:
            doc = c["document"]["id"]
            t = _most(by_doc.get(doc, Counter()))
            t = t or theatre_name(doc_countries.get(doc), groups)
            t = t or (_most(overall) if len(overall) == 1 else None)
            t = t or theatre_name(target_country(c), groups)
        out[c["id"]] = t
    return out


def _most(counter: Counter) -> str | None:
    if not counter:
        return None
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


# -- incidents -------------------------------------------------------------------------------
def _same_incident(a: dict, b: dict) -> bool:
    """Same place (or containing) and compatible times (or dates a few days apart). Two
    different figures from one article are two incidents unless both are dated and overlap
    (then one is a part of the other)."""
    if a["document"]["id"] == b["document"]["id"] and qrange(a) != qrange(b):
        if not (resolved(a) and resolved(b) and overlaps(interval(a), interval(b))):
            return False
    return (place_compatible(a, b)[0] or _near(a, b)) and (
        time_compatible(a, b)[0] or _days_apart(a, b) <= 3
    )


NEAR_KM = 120  # two towns this close, on the same days, are one incident's places (a district
# town and its neighbour: Sibi-Quetta 110 km; Kalat-Quetta, 135 km, are two districts)


def _near(a: dict, b: dict) -> bool:
    """Two places of one country within NEAR_KM of each other: reports place one incident by
    the nearest town, the district town or the dateline ('near Sibi', 'in Bolan', 'Quetta')."""
    pa, pb = a.get("place") or {}, b.get("place") or {}
    if pa.get("country") != pb.get("country") or None in (
        pa.get("lat"),
        pa.get("lon"),
        pb.get("lat"),
        pb.get("lon"),
    ):
        return False
    la, lb = math.radians(pa["lat"]), math.radians(pb["lat"])
    dlon = math.radians(pb["lon"] - pa["lon"])
    cos = math.sin(la) * math.sin(lb) + math.cos(la) * math.cos(lb) * math.cos(dlon)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos))) <= NEAR_KM


def _days_apart(a: dict, b: dict) -> int:
    if not (resolved(a) and resolved(b)):
        return 10**6
    (a0, a1), (b0, b1) = interval(a), interval(b)
    if max(day_gap(a0, a1), day_gap(b0, b1)) > 2:
        return 10**6
    if overlaps((a0, a1), (b0, b1)):
        return 0
    return day_gap(a1, b0) if a1 < b0 else day_gap(b1, a0)


REPORT_DAYS = 14  # a toll is reported, and revised, for up to two weeks after an incident


def _close_reports(a: dict, b: dict) -> bool:
    pa, pb = published(a), published(b)
    return pa is not None and pb is not None and day_gap(min(pa, pb), max(pa, pb)) <= REPORT_DAYS


def _absorb(groups: dict[tuple, list[list[dict]]], scope: dict[str, str]) -> None:
    """Theatre readings that all fall in the reporting days of one incident of the same
    theatre and casualty type are readings of that incident ('the death toll rose to 21'
    the next day, no date or place given): they join it. A running total reported over
    months never does."""
    for (casualty, th, sc), parts in list(groups.items()):
        if sc != "theatre" or not parts:
            continue
        readings = [c for c in parts[0] if not _window(c)]
        incidents = groups.get((casualty, th, "incident"), [])
        if not readings or len(readings) != len(parts[0]) or len(incidents) != 1:
            continue
        start = min((interval(c)[0] for c in incidents[0] if resolved(c)), default=None)
        pubs = [published(c) for c in readings]
        if start is None or any(p is None for p in pubs):
            continue
        if all(start <= p and day_gap(start, p) <= REPORT_DAYS for p in pubs) and all(
            place_compatible(c, o)[0] for c in readings for o in incidents[0]
        ):
            incidents[0].extend(readings)
            for c in readings:
                scope[c["id"]] = "incident"
            del groups[(casualty, th, sc)]


def _window(c: dict) -> bool:
    from sitroom.picture.measures.keys import span_days

    return (span_days(c) or 0) > 3


def _setting(claims: list[dict]) -> str:
    place = next(
        (c["place"].get("name") or c["place"].get("text") for c in claims if c.get("place")), None
    )
    start = next((interval(c)[0] for c in claims if resolved(c)), None)
    return ", ".join(x for x in (place, start) if x) or "place and time unstated"


# -- observations ----------------------------------------------------------------------------
def as_of(claim: dict) -> str | None:
    """The date a figure refers to when stated (end of its time), else publication day."""
    return interval(claim)[1] if resolved(claim) else published(claim)


def _observation(mid: str, fam: str, c: dict, origin_of, scope: str) -> dict:  # noqa: ANN001
    low, high = qrange(c)
    e, l_ = interval(c) if resolved(c) else (None, None)
    q = c["quantity"]
    place = c.get("place") or {}
    return {
        "id": "o" + ids.digest(mid, c["id"]),
        "measure_id": mid,
        "family": fam,
        "claim_id": c.get("_claim_id") or c["id"],
        "claim_ids": json.dumps(c["_sum_of"]) if c.get("_sum_of") else None,
        "doc_id": c["document"]["id"],
        "outlet": outlet(c),
        "origin": origin_of(c),
        "published_at": (c.get("document") or {}).get("published_at"),
        "as_of": as_of(c),
        "refers_from": e,
        "refers_to": l_,
        "low": low,
        "high": high,
        "basis": "window" if is_window(c, scope) else (q.get("basis") or "total"),
        "role": "sum" if c.get("_sum_of") else "figure",
        "status": c["status"],
        "certainty": c["certainty"],
        "approx": q.get("approx"),
        "bound": q.get("bound"),
        "place": place.get("name") or place.get("text"),
        "country": place.get("country")
        if place.get("level") not in ("continent", "region")
        else None,
        "quote": c["quote"],
    }


def _one_person(c: dict) -> bool:
    """A count of one person the text names or describes ('the driver of the train', 'a
    soldier'), not a figure written as a number: one victim, never a toll."""
    q = c.get("quantity") or {}
    text = q.get("text") or ""
    return q.get("low") == q.get("high") == 1 and not re.search(r"\d|\bone\b", text, re.I)


def _period(o: dict) -> tuple[str | None, str | None]:
    if o["refers_from"] and o["refers_to"]:
        return (o["refers_from"], o["refers_to"])
    day = (o["published_at"] or "")[:10] or None
    return (day, day)


def _parts(fam: str, obs: list[dict]) -> list[dict]:
    """In one document, a smaller figure of the same measure and period is a part of the
    largest ('31 people, including 18 soldiers'); marks it role 'part'."""
    links = []
    by_doc: dict[str, list[dict]] = {}
    for o in obs:
        if o["role"] == "figure":
            by_doc.setdefault(o["doc_id"], []).append(o)
    for group in by_doc.values():
        if len(group) < 2:
            continue
        whole = max(group, key=lambda o: (o["high"], o["low"]))
        for o in group:
            if o is whole or (o["low"], o["high"]) == (whole["low"], whole["high"]):
                continue
            if not overlaps(_period(o), _period(whole)):
                continue
            o["role"] = "part"
            links.append(
                _link(
                    fam,
                    whole,
                    o,
                    "includes",
                    "the same document gives a larger figure for the same measure and time",
                )
            )
    return links


def _link(fam: str, whole: dict, part: dict, relation: str, why: str) -> dict:
    return {
        "id": "l" + ids.digest(whole["id"], part["id"], relation),
        "family": fam,
        "whole_id": whole["id"],
        "part_id": part["id"],
        "relation": relation,
        "why": why,
    }


def _sums(claims: list[dict]) -> list[dict]:
    """Killed + injured figures of one document and time, with no killed-or-injured figure
    there: a derived killed-or-injured claim ('300 killed and 2,700 wounded' is 3,000)."""
    out = []
    by_doc: dict[str, dict[str, list[dict]]] = {}
    for c in claims:
        by_doc.setdefault(c["document"]["id"], {}).setdefault(c.get("casualty") or "", []).append(c)
    for cas in by_doc.values():
        if cas.get(KW) or not cas.get("killed") or not cas.get("injured"):
            continue
        k = max(cas["killed"], key=lambda c: qrange(c)[1])  # the document's largest figures
        w = max(cas["injured"], key=lambda c: qrange(c)[1])
        if interval(w) != interval(k) or not place_compatible(k, w)[0]:
            continue
        (kl, kh), (wl, wh) = qrange(k), qrange(w)
        q = dict(k["quantity"], low=kl + wl, high=kh + wh, text=None)
        quote = k["quote"] if k["quote"] == w["quote"] else f"{k['quote']} … {w['quote']}"
        out.append(
            dict(
                k,
                id=f"{k['id']}+{w['id']}",
                _claim_id=k["id"],
                _sum_of=[k["id"], w["id"]],
                casualty=KW,
                quantity=q,
                quote=quote,
            )
        )
    return out


def _subset_links(fam: str, claims: list[dict], obs: dict[str, dict]) -> list[dict]:
    """A killed figure with a killed-or-injured figure of the same document and time: a
    subset ('4,700 casualties, including 600 deaths'); sums link to what they add up."""
    links = []
    for c in claims:
        o = obs.get(c["id"])
        if o is None:
            continue
        if c.get("_sum_of"):
            for cid in c["_sum_of"]:
                if cid in obs:
                    links.append(_link(fam, o, obs[cid], "sum_of", "killed + injured"))
            continue
        if c.get("casualty") != "killed":
            continue
        for other in claims:
            oo = obs.get(other["id"])
            if (
                oo is not None
                and other.get("casualty") == KW
                and not other.get("_sum_of")
                and other["document"]["id"] == c["document"]["id"]
                and oo["high"] >= o["high"]
                and overlaps(_period(o), _period(oo))
            ):
                links.append(_link(fam, oo, o, "includes", "killed, a subset of killed or injured"))
    return links


# -- measures --------------------------------------------------------------------------------
def _commonest(names) -> str | None:  # noqa: ANN001
    """The most frequent name (ties: alphabetical), None when none is given."""
    counts = Counter(n for n in names if n)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def current_by_origin(obs: list[dict]) -> dict[str, dict]:
    """Each origin's current figure: its figure with the latest as-of date (then the latest
    publication, then the later claim). Parts are not figures of the measure."""
    cur: dict[str, dict] = {}
    for o in obs:
        if o["role"] == "part":
            continue
        k = origin_key(o)
        best = cur.get(k)
        if best is None or _rank(o) > _rank(best):
            cur[k] = o
    return cur


def _rank(o: dict) -> tuple:
    """Totals before counts over a window, then the latest as-of, then publication."""
    return (o["basis"] != "window", o["as_of"] or "", o["published_at"] or "")


def _measure(mid, fam, key, casualty, theatre, scope, label, claims, obs, dis, now) -> dict:  # noqa: ANN001, PLR0913
    kind, actor, target, unit, status, basis = key
    if kind == "casualties":  # the family keys neither: name the measure by what its claims say
        actor = actor or _commonest(canon(c.get("actor")) for c in claims)
        target = _commonest(canon(c.get("target")) for c in claims)
    cur = current_by_origin(obs)
    figures = [o for o in obs if o["role"] != "part"] or obs
    latest = max(figures, key=lambda o: (o["as_of"] or "", o["published_at"] or ""))
    dates = sorted(o["as_of"] for o in obs if o["as_of"])
    name = measure_name((kind, actor, target, casualty, unit, status, basis))
    if scope == "incident":
        name += f" ({label})"
    elif theatre and theatre not in name:
        name += f" in {theatre}"
    origins = sorted(cur)
    high = max(o["high"] for o in figures)
    score = len(origins) + 0.5 * len({o["doc_id"] for o in obs}) ** 0.5 + math.log10(1 + high)
    score += 2.0 if dis else 0.0
    countries = sorted({o["country"] for o in obs if o["country"]})
    return {
        "id": mid,
        "family": fam,
        "kind": kind,
        "actor": actor,
        "target": target,
        "casualty": casualty,
        "unit": unit,
        "status": status,
        "basis": basis,
        "scope": scope,
        "theatre": theatre,
        "countries": json.dumps(countries),
        "incident": label,
        "name": name,
        "n_observations": len(obs),
        "n_origins": len(origins),
        "n_documents": len({o["doc_id"] for o in obs}),
        "first_as_of": dates[0] if dates else None,
        "last_as_of": dates[-1] if dates else None,
        "current_low": min(o["low"] for o in cur.values()) if cur else None,
        "current_high": max(o["high"] for o in cur.values()) if cur else None,
        "latest_low": latest["low"],
        "latest_high": latest["high"],
        "n_disagreements": len(dis),
        "score": round(score, 4),
        "detail": json.dumps({"current": {k: o["id"] for k, o in sorted(cur.items())}}),
        "updated_at": now,
    }
