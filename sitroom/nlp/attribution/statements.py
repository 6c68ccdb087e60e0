"""One unnamed statement carried by several outlets is one origin.

An unnamed origin ("a high ranking official said", "security sources said") is tied to the
outlet that carries it and the day (`origins.origin_name`). Two outlets carrying the same
statement (the same description of the speaker giving the same figure for the same thing, with
publication at most `DAYS` apart: a wire story reprinted) must still read as one origin: at
ingest the later claim adopts the origin of the earlier one (`adopt_same_statements`), found
through the indexed `claims.statement` key, never by loading stored claims.
"""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sitroom import ids
from sitroom.nlp.attribution.origins import describe_unnamed, is_unnamed

DAYS = 2


def statement_key(row: dict, chain: list[dict]) -> str | None:
    """The key of an unnamed statement (None for a named origin or a claim without figure)."""
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
            row.get("actor") or "",
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

    c, d = S.claims, S.documents
    n = 0
    for row in rows:
        key = row.get("statement")
        if not key:
            continue
        q = (
            select(c.c.id, c.c.origin, d.c.published_at)
            .join(d, d.c.id == c.c.doc_id)
            .where(c.c.statement == key, c.c.doc_id != doc_id, d.c.superseded_by.is_(None))
            .order_by(d.c.published_at, c.c.id)
        )
        for other_id, origin, other_pub in conn.execute(q):
            if _days(published_at, other_pub) is not None and _days(published_at, other_pub) > DAYS:
                continue
            chain = json.loads(row["origin_chain"]) if row.get("origin_chain") else []
            for link in chain:
                if link["role"] == "origin":
                    link["same_statement_as"] = other_id
            row["origin"], row["origin_chain"] = origin, json.dumps(chain)
            n += 1
            break
    return n


def _days(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None
