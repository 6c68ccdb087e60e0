"""The origin of a claim and its chain, as stored on the claim (`claims.origin`,
`claims.origin_chain`).

Contract:
- `chain_of(attribution, carrier)` -> [{name, kind, role, text}], outermost first, ending with
  the carrier: roles `origin` (who first said it), `intermediary` (who passed it on: an outlet
  quoted by the carrier, "according to Yonhap"), `carrier` (the outlet that published the
  document). An outlet speaking in its own voice is both origin and carrier (one element,
  role `origin`).
- `origin_name(chain, published)` -> the canonical origin:
  * a named source: its canonical name (actors and outlets data: "the NIS", "Seoul's spy
    agency" and "South Korea's National Intelligence Service" are one name);
  * an unnamed one ("officials said", "security sources"): "<what they are> (unnamed; via
    <outlet>)" when the text names the outlet they spoke to, so one statement carried by
    several outlets stays one origin; else "<what they are> (unnamed; <carrier>, <day>)":
    tied to the carrying outlet and date, never merged with another outlet's unnamed sources;
  * no attribution: the carrier (the outlet's own voice).
"""

from __future__ import annotations

import re

from sitroom.nlp.attribution.outlets import canonical_outlet
from sitroom.nlp.attribution.speakers import Attribution

UNNAMED_MARK = "(unnamed;"
COMMON_FIRST = {
    "officials",
    "official",
    "security",
    "police",
    "sources",
    "source",
    "senior",
    "military",
    "government",
    "local",
    "intelligence",
    "diplomatic",
    "medical",
    "hospital",
    "health",
    "reports",
    "report",
    "witnesses",
    "residents",
    "diplomats",
    "authorities",
    "unofficial",
    "high",
    "high-ranking",
    "defense",
    "defence",
    "army",
    "rescue",
    "people",
}
LEAD = re.compile(
    r"^(?:the|a|an|some|several|two|three|four|many|other|one of the|two of the|"
    r"according to|citing|quoting)\s+",
    re.IGNORECASE,
)


def canonical(name: str | None, kind: str) -> str | None:
    """The one name of a source across outlets."""
    if not name:
        return None
    if kind == "media_outlet":
        return canonical_outlet(name)
    from sitroom.nlp.actors.index import actor_index

    entity = actor_index().resolve(name)
    return entity.name if entity else name.strip()


def canonical_source(name: str) -> str:
    """Any naming of an outlet or an origin -> its one name (outlets first, then actors)."""
    from sitroom.nlp.actors.index import actor_index
    from sitroom.nlp.attribution.outlets import outlet_index

    outlet = outlet_index().resolve(name)
    if outlet is not None:
        return outlet.name
    entity = actor_index().resolve(name)
    return entity.name if entity else name.strip()


def describe_unnamed(text: str | None) -> str:
    """'Western officials', 'security sources': the phrase without articles or counts."""
    words = (text or "").strip().strip(",.;:\"'“”").split(",")[-1].strip()
    for _ in range(3):
        words = LEAD.sub("", words)
    words = re.sub(r"\s+", " ", words).strip()
    if not words or len(words.split()) > 6:
        return "unnamed sources"
    first, _, rest = words.partition(" ")
    if first.lower() in COMMON_FIRST:
        first = first.lower()  # "Security sources" at a sentence start; "Western" stays
    return f"{first} {rest}".strip()


def chain_of(attribution: Attribution, carrier: str | None) -> list[dict]:
    """The stored chain (module doc) for one claim's attribution and document outlet."""
    carrier = canonical_outlet(carrier) if carrier else None
    out: list[dict] = []
    links = attribution.chain or (() if attribution.kind == "article" else (_link(attribution),))
    for i, link in enumerate(links):
        role = "origin" if i == len(links) - 1 else "intermediary"
        name = canonical(link.name, link.kind)
        if role == "intermediary" and name and name == carrier:
            continue  # "Yonhap reported" inside Yonhap's own story: the carrier itself
        out.append({"name": name, "kind": link.kind, "role": role, "text": link.text})
    if carrier:
        if out:
            out.append({"name": carrier, "kind": "media_outlet", "role": "carrier", "text": None})
        else:
            out.append({"name": carrier, "kind": "article", "role": "origin", "text": None})
    return out


def _link(a: Attribution):  # noqa: ANN202 - a speakers.Link
    from sitroom.nlp.attribution.speakers import Link

    return Link(a.source, a.kind, a.text)


def origin_name(chain: list[dict], published: str | None) -> str | None:
    """The canonical origin of a stored chain (module doc); None with nothing known."""
    origin = next((c for c in chain if c["role"] == "origin"), None)
    if origin is None:
        return None
    if origin["name"]:
        return origin["name"]
    what = describe_unnamed(origin["text"])
    via = [c["name"] for c in chain if c["role"] == "intermediary" and c["name"]]
    via = [v for v in via if v and c_kind(chain, v) == "media_outlet"]
    if via:
        return f"{what} {UNNAMED_MARK} via {via[-1]})"
    carrier = next((c["name"] for c in chain if c["role"] == "carrier"), None)
    day = (published or "")[:10] or "undated"
    return f"{what} {UNNAMED_MARK} {carrier or 'unknown outlet'}, {day})"


def c_kind(chain: list[dict], name: str) -> str | None:
    return next((c["kind"] for c in chain if c["name"] == name), None)


def is_unnamed(origin: str | None) -> bool:
    return bool(origin) and UNNAMED_MARK in origin
