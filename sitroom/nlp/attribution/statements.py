"""One unnamed statement carried by several outlets is one origin.

An unnamed origin ("a high ranking official said", "security sources said") is tied to the
outlet that carries it and the day (`origins.origin_name`). Two outlets carrying the same
statement (the same description of the speaker giving the same figure for the same kind of
thing, with publication at most `DAYS` apart, and no different side or country stated: a wire
story reprinted) must still read as one origin: at
ingest the later claim adopts the origin of the earlier one (`adopt_same_statements`), found
through the indexed `claims.statement` key, never by loading stored claims. A named person
spelled another way by another outlet ("Chaudhry" / "Chaudhary", "Zelensky" / "Zelenskyy")
takes the first stored spelling the same way (key: `person_key`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sitroom import ids
from sitroom.nlp.attribution.origins import describe_unnamed, is_unnamed

DAYS = 2


def person_key(name: str) -> str | None:
    """A spelling-tolerant key of a person's name: the consonant skeletons of the last and the
    first word ("Ahmed Sharif Chaudhry" and "Ahmed Sharif Chaudhary" -> 'p:chdhry:hmd';
    "Zelensky" / "Zelenskyy" -> 'p:zlnsky:'). Why own code: transliterations differ by vowels
    and doubled letters, which no shipped alias list can enumerate."""
    words = [w for w in re.split(r"[\s.]+", _ascii(name)) if w.isalpha()]
    if not words:
        return None
    first = _skeleton(words[0]) if len(words) > 1 else ""
    return f"p:{_skeleton(words[-1])}:{first}"


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _skeleton(word: str) -> str:
    out = word[:1] + re.sub(r"[aeiou]", "", word[1:])
    return re.sub(r"(.)\1+", r"\1", out)


def statement_key(row: dict, chain: list[dict]) -> str | None:
    """The key of an unnamed statement, or of a named person's name (`person_key`); None
    otherwise (a named agency or outlet is already canonical; a claim without a figure)."""
    if row.get("attribution_kind") == "named_official" and row.get("origin"):
        return person_key(row["origin"])
    if not is_unnamed(row.get("origin")) or row.get("q_low") is None:
        return None
    origin = next((c for c in chain if c["role"] == "origin"), {})
    what = describe_unnamed(origin.get("text")).lower()
    return (
        "s"
        + ids.digest(
            what,
            row["kind"],
            row.get("casualty") or "",
            str(row["q_low"]),
            str(row["q_high"]),
        )[:24]
    )


def adopt_same_statements(
    conn: Connection, rows: list[dict], published_at: str | None, doc_id: str
) -> int:
    """Give each new unnamed claim the origin of the same statement stored from another
    document published within DAYS; returns how many adopted one."""
    from sitroom.store import schema as S

    c, d, p = S.claims, S.documents, S.places
    n = 0
    for row in rows:
        key = row.get("statement")
        if not key:
            continue
        person = key.startswith("p:")
        if person and key.endswith(":"):  # a surname alone: any first name, if only one
            same = (c.c.statement >= key) & (c.c.statement < key[:-1] + ";")
        else:
            same = c.c.statement == key
        q = (
            select(c.c.id, c.c.origin, d.c.published_at, c.c.actor, p.c.country)
            .join(d, d.c.id == c.c.doc_id)
            .outerjoin(p, p.c.id == c.c.place_id)
            .where(same, c.c.doc_id != doc_id, d.c.superseded_by.is_(None))
            .order_by(d.c.published_at, c.c.id)
        )
        country = _country(conn, row.get("place_id"))
        if person and key.endswith(":"):
            found = list(conn.execute(q))
            if len({f[1] for f in found}) != 1:
                continue  # several people share the surname: keep the name as written
            q = q.limit(1)
        for other_id, origin, other_pub, other_actor, other_country in conn.execute(q):
            if origin == row["origin"]:
                break  # already one name
            gap = _days(published_at, other_pub)
            if not person and gap is not None and gap > DAYS:
                continue
            if not person and not (
                _compatible(row.get("actor"), other_actor) and _compatible(country, other_country)
            ):
                continue  # the same words about another side or another country
            chain = json.loads(row["origin_chain"]) if row.get("origin_chain") else []
            for link in chain:
                if link["role"] == "origin":
                    link["same_person_as" if person else "same_statement_as"] = other_id
                    if person:
                        link["name"] = origin
            row["origin"], row["origin_chain"] = origin, json.dumps(chain)
            n += 1
            break
    return n


def _compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one of them unstated."""
    return not a or not b or a == b


def _country(conn: Connection, place_id: str | None) -> str | None:
    from sitroom.store import schema as S

    if not place_id:
        return None
    return conn.execute(select(S.places.c.country).where(S.places.c.id == place_id)).scalar()


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None
