"""`copy-store` between back ends, and the picture read from PostgreSQL: the session's
picture store (real reporting, extracted on SQLite) copied to a real PostgreSQL server gives
the same rows, the same measures, full-text hits, answers and brief; copied back to SQLite it
is the same again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import raw_engine, store_snapshot
from faults import sitroom
from sqlalchemy import text

from sitroom import Sitroom
from sitroom.errors import StoreError
from sitroom.store.copy import copy_store


def _undated(md: str) -> str:
    """The brief without the moment it was written."""
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", "WHEN", md)


@pytest.fixture(scope="module")
def pg_copy(picture_store: str, pg_server) -> str:
    url = pg_server.new_database("copy")
    out = copy_store(picture_store, url)
    assert out["verified"] and out["tables"]["claims"]["written"] > 100
    return url


def test_the_copy_holds_every_row(picture_store: str, pg_copy: str) -> None:
    assert store_snapshot(pg_copy) == store_snapshot(picture_store)
    engine = raw_engine(pg_copy)
    with engine.connect() as conn:  # the full-text column is filled by PostgreSQL itself
        empty = conn.execute(text("select count(*) from claims where fts is null")).scalar()
    engine.dispose()
    assert empty == 0


def test_measures_search_ask_and_brief_read_the_same_on_postgres(
    picture_store: str, pg_copy: str
) -> None:
    lite, pg = Sitroom(db=picture_store), Sitroom(db=pg_copy)
    assert pg.store.backend == "postgresql"
    for word in ("killed", "hostages rescued", "Goma"):
        assert pg.store.search_claims(word) == lite.store.search_claims(word), word
        assert pg.store.search_claims(word)  # the reporting does use these words
        ids = [m["id"] for m in pg.measures(query=word, limit=None)]
        assert ids == [m["id"] for m in lite.measures(query=word, limit=None)], word
    for question in ("Who attacked Beledweyne?", "How many hostages were rescued?"):
        assert pg.ask(question)["answer"] == lite.ask(question)["answer"], question
    assert _undated(pg.brief(fmt="md")) == _undated(lite.brief(fmt="md"))
    pg.store.close()


def test_a_non_empty_target_is_refused_unless_append(picture_store: str, pg_copy: str) -> None:
    with pytest.raises(StoreError, match="not empty"):
        copy_store(picture_store, pg_copy)
    again = copy_store(picture_store, pg_copy, append=True)
    assert again["verified"] and sum(t["written"] for t in again["tables"].values()) == 0
    assert store_snapshot(pg_copy) == store_snapshot(picture_store)


def test_cli_copies_postgres_back_to_sqlite(
    picture_store: str, pg_copy: str, tmp_path: Path
) -> None:
    back = tmp_path / "back.db"
    done = sitroom("copy-store", "--from", pg_copy, "--to", f"sqlite:///{back}")
    assert done.returncode == 0, done.stderr
    assert "verified" in done.stdout and "claims" in done.stdout
    assert store_snapshot(str(back)) == store_snapshot(picture_store)
    room, lite = Sitroom(db=str(back)), Sitroom(db=picture_store)
    assert room.store.search_claims("killed") == lite.store.search_claims("killed")
    assert room.store.integrity_ok()
    missing = sitroom("copy-store", "--from", str(tmp_path / "nope.db"), "--to", str(back))
    assert missing.returncode == 5 and "no such store" in missing.stderr
