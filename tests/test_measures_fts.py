"""The full-text index over measures (store migration 30): kept in step with the stored
measures on ingest and on a full rebuild, and what `measures(query=...)` reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from sitroom import Sitroom


def _indexed(room: Sitroom) -> dict[str, str]:
    with room.store.connect() as conn:
        rows = conn.execute(
            text("SELECT m.id, f.body FROM measures m JOIN measures_fts f ON f.rowid = m.rowid")
        )
        return dict(rows.fetchall())


def test_index_follows_ingest_and_rebuild(picture_store: str, tmp_path: Path) -> None:
    db = str(tmp_path / "copy.db")
    with sqlite3.connect(picture_store) as src, sqlite3.connect(db) as dst:
        src.backup(dst)  # the WAL's committed pages too (a file copy would miss them)
    room = Sitroom(db=db)
    ids = {m["id"] for m in room.measures(limit=None)}
    after_ingest = _indexed(room)
    assert set(after_ingest) == ids  # one index row per stored measure, none stale
    m = room.measure(next(iter(sorted(ids))))
    body = after_ingest[m["id"]]
    assert body.startswith(m["name"]) and m["observations"][-1]["quote"] in body
    room.reconcile()
    assert _indexed(room) == after_ingest  # the incremental index equals a full rebuild's
    with room.store.connect() as conn:
        n = conn.execute(text("SELECT count(*) FROM measures_fts")).scalar()
    assert n == len(ids)


def test_query_reads_names_and_quotes(picture_store: str) -> None:
    room = Sitroom(db=picture_store)
    hits = room.measures(query="hijacked", limit=None)
    assert hits
    for row in hits:
        m = room.measure(row["id"])
        said = " ".join([m["name"]] + [o["quote"] for o in m["observations"]]).lower()
        assert "hijacked" in said
    everything = room.measures(limit=None)
    hit_ids = {r["id"] for r in hits}
    missed = [
        r
        for r in everything
        if r["id"] not in hit_ids
        and "hijacked" in " ".join(o["quote"] for o in room.measure(r["id"])["observations"][-40:])
    ]
    assert not missed
    assert room.measures(query="zzzunknownword", limit=None) == []


def test_measure_digest_is_bounded_and_keeps_every_current_figure(picture_store: str) -> None:
    from sitroom.picture.measures.read import measure_digest

    room = Sitroom(db=picture_store)
    big = max(room.measures(limit=None), key=lambda m: m["n_observations"])
    full = room.measure(big["id"])
    assert len(full["observations"]) > 3
    short = measure_digest(room.store, big["id"], rows=2, disputes=1)
    assert short["truncated"]
    assert len(short["observations"]) <= 2 + len(full["current"]) + 1
    assert {o["id"] for o in short["current"]} == {o["id"] for o in full["current"]}
    newest = sorted(full["observations"], key=lambda o: (o["as_of"] or "", o["published_at"] or ""))
    assert newest[-1]["id"] in {o["id"] for o in short["observations"]}
    assert len(short["disagreements"]) <= 1
    if full["disagreements"]:
        assert short["disagreements"][0]["gap"] == max(d["gap"] for d in full["disagreements"])
