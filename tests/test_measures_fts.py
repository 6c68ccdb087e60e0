"""The full-text index over measures (store migration 30): kept in step with the stored
measures on ingest and on a full rebuild, and what `measures(query=...)` reads."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from sitroom import Sitroom


def _indexed(room: Sitroom) -> set[tuple[str, str]]:
    with room.store.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT m.id, f.quote FROM measures_fts f JOIN measures m "
                "ON m.rowid = (f.rowid >> 20)"
            )
        )
        return set(rows.fetchall())


def _expected(room: Sitroom) -> set[tuple[str, str]]:
    with room.store.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT o.measure_id, c.quote FROM observations o JOIN claims c "
                "ON c.id = o.claim_id"
            )
        )
        return set(rows.fetchall())


def test_index_follows_ingest_and_rebuild(picture_store: str, tmp_path: Path) -> None:
    db = str(tmp_path / "copy.db")
    with sqlite3.connect(picture_store) as src, sqlite3.connect(db) as dst:
        src.backup(dst)  # the WAL's committed pages too (a file copy would miss them)
    room = Sitroom(db=db)
    after_ingest = _indexed(room)
    assert after_ingest and after_ingest == _expected(room)  # each claim quote, none stale
    room.reconcile()
    assert _indexed(room) == after_ingest  # the incremental index equals a full rebuild's
    with room.store.begin() as conn:  # store migration 30 / copy-store fill it the same way
        from sitroom.store import sqlite as sq

        sq.fill_measures_fts(conn)
    assert _indexed(room) == after_ingest


def test_query_matches_a_measure_exactly_when_one_of_its_claims_does(picture_store: str) -> None:
    room = Sitroom(db=picture_store)
    for word in ("hijacked", "hostages rescued", "Goma"):
        hits = {r["id"] for r in room.measures(query=word, limit=None)}
        claims = room.store.search_claims(word)
        want = {
            m["id"]
            for m in room.measures(limit=None)
            if word.lower() in m["name"].lower()
            or {o["claim_id"] for o in room.measure(m["id"])["observations"]} & claims
        }
        assert hits and hits == want, word
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
