"""The store on both back ends (SQLite file, real PostgreSQL server): migrations and schema
upgrades, refusing stores it must not touch, full-text search, idempotent upserts, text
PostgreSQL cannot hold, errors as one line, and concurrent writers losing nothing."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from conftest import INPUTS, SEED_DIR, raw_engine, store_snapshot, voa_records, write_jsonl
from faults import one_line_error, sitroom, start
from sqlalchemy import inspect, text

from sitroom import Sitroom
from sitroom.errors import StoreError
from sitroom.store.db import MIGRATIONS, Store

FEED = INPUTS / "voa_feed.rss"
STORIES = ("8006651", "8008456", "8008152", "8006503", "8011076", "8009314")


def versions(url: str) -> list[int]:
    engine = raw_engine(url)
    with engine.connect() as conn:
        out = sorted(r[0] for r in conn.execute(text("select version from schema_migrations")))
    engine.dispose()
    return out


def test_a_new_store_has_every_table_and_migration(store_url: str) -> None:
    store = Store(store_url)
    assert versions(store_url) == sorted(m[0] for m in MIGRATIONS)
    with store.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    assert {"documents", "claims", "measures", "observations", "feeds", "copy_bands"} <= tables
    assert store.counts()["documents"] == 0 and store.integrity_ok()
    Store(store_url).close()  # opening it again changes nothing
    assert versions(store_url) == sorted(m[0] for m in MIGRATIONS)
    store.close()


def test_an_old_store_is_upgraded_in_place(store_url: str, tmp_path: Path) -> None:
    """A store from before migrations 2 and 40 (no claims.notes / origin columns) gets them,
    keeping every row."""
    room = Sitroom(db=store_url)
    room.ingest([str(write_jsonl(tmp_path / "s.jsonl", voa_records(*STORIES[:2])))], extract=False)
    room.store.close()
    before = store_snapshot(store_url)
    engine = raw_engine(store_url)
    with engine.begin() as conn:
        for column in ("notes", "origin_chain", "origin"):
            conn.execute(text(f"ALTER TABLE claims DROP COLUMN {column}"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version IN (2, 40)"))
    engine.dispose()
    store = Store(store_url)
    with store.connect() as conn:
        columns = {c["name"] for c in inspect(conn).get_columns("claims")}
    store.close()
    assert {"notes", "origin_chain", "origin"} <= columns
    assert versions(store_url) == sorted(m[0] for m in MIGRATIONS)
    assert store_snapshot(store_url) == before


def test_a_store_from_a_newer_sitroom_or_another_program_is_refused_untouched(
    store_url: str,
) -> None:
    Store(store_url).close()
    engine = raw_engine(store_url)
    with engine.begin() as conn:
        conn.execute(text("insert into schema_migrations values (999, 'future', '2030-01-01')"))
    with pytest.raises(StoreError, match="newer sitroom") as err:
        Store(store_url)
    assert "nothing was written" in str(err.value)
    assert versions(store_url)[-1] == 999
    engine.dispose()


def test_another_programs_postgres_database_is_refused_untouched(pg_server) -> None:
    url = pg_server.new_database()
    engine = raw_engine(url)
    with engine.begin() as conn:
        conn.execute(text("create table users (id integer primary key, name text)"))
    with pytest.raises(StoreError, match="not a sitroom store"):
        Store(url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == ["users"]
    engine.dispose()


def _words(s: str) -> set[str]:
    return set(re.findall(r"\w+", s.lower()))


def test_full_text_search_finds_every_word_on_both(store_url: str, tmp_path: Path) -> None:
    records = voa_records(*STORIES)
    room = Sitroom(db=store_url)
    room.ingest([str(write_jsonl(tmp_path / "s.jsonl", records))], extract=False)
    docs = {d["id"]: d for d in room.documents()}
    assert len(docs) == len(records)
    for query in ("Jaffar Express", "hotel", "Beledweyne", "passengers HOSTAGES", "zzyzx"):
        want = {
            i
            for i, d in docs.items()
            if _words(query)
            <= _words((d["title"] or "") + " " + room.store.get_document(i)["text"])
        }
        assert room.store.search_documents(query) == want, query
    assert room.store.search_documents("Jaffar Express")  # the corpus does name it
    room.store.close()


def test_upsert_is_one_statement_and_keeps_the_kept_columns(store_url: str) -> None:
    store = Store(store_url)
    row = {"id": "s-x", "name": "X News", "kind": "outlet", "reliability": "F"}
    with store.begin() as conn:
        store.upsert(conn, "sources", row)
    with store.begin() as conn:  # a user's grade stays; the name is updated
        store.upsert(conn, "sources", {**row, "reliability": "B"})
        store.upsert(
            conn, "sources", {**row, "name": "X", "reliability": "F"}, keep=("reliability",)
        )
    assert store.get_row("sources", "s-x")["name"] == "X"
    assert store.get_row("sources", "s-x")["reliability"] == "B"
    with store.begin() as conn:
        for _ in range(2):
            store.record_failure(conn, "f1", "a.txt", "binary file, not text")
            store.mark_pending_reconcile(conn, "d1")
    assert [f["id"] for f in store.list_failures()] == ["f1"]
    store.close()


def test_a_nul_character_is_stored_on_both(store_url: str, tmp_path: Path) -> None:
    rec = {**voa_records(STORIES[0])[0], "id": "nul"}
    rec["text"] = rec["text"][:200] + "\x00" + rec["text"][200:]
    room = Sitroom(db=store_url)
    report = room.ingest([str(write_jsonl(tmp_path / "n.jsonl", [rec]))], extract=False)
    assert report.stored == 1 and not report.failed
    doc = room.store.get_document(report.doc_ids[0])
    assert len(doc["text"]) == len(rec["text"])  # offsets hold: one character for one
    assert doc["text"][200] in ("\x00", "\ufffd")
    room.store.close()


def test_errors_are_one_line_and_never_show_a_password() -> None:
    with pytest.raises(StoreError) as err:
        Store("postgresql://spy:s3cret@127.0.0.1:1/x")
    assert "cannot connect" in str(err.value) and "s3cret" not in str(err.value)
    assert "\n" not in str(err.value)
    with pytest.raises(StoreError, match="unknown kind of store"):
        Store("mysql://root@localhost/x")
    from sitroom.config import load_settings

    shown = load_settings(None, "postgresql://spy:s3cret@db.example/x").resolved()["db"]
    assert shown == "postgresql://spy:***@db.example/x"  # what runs and briefs keep


def test_a_writer_waits_for_the_lock_then_a_busy_store_is_one_error(pg_server) -> None:
    """PostgreSQL writers queue on one advisory lock (SQLite's BEGIN IMMEDIATE): a writer
    waits for another, and past the busy timeout gets one StoreError; readers never wait."""
    import psycopg

    from sitroom.store.postgres import WRITE_LOCK

    url = pg_server.new_database()
    Store(url).close()
    from sqlalchemy.engine import make_url

    db = make_url(url).database
    holder = psycopg.connect(host=str(pg_server.dir), user="postgres", dbname=db)
    holder.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    threading.Timer(2.0, holder.commit).start()
    store = Store(url, busy_timeout_s=20)
    began = time.time()
    with store.begin() as conn:
        store.record_failure(conn, "f1", "a", "b")
    assert time.time() - began >= 1.5
    holder.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    busy = Store(url, busy_timeout_s=1)
    with pytest.raises(StoreError, match="busy"):
        with busy.begin() as conn:
            busy.record_failure(conn, "f2", "a", "b")
    assert [f["id"] for f in busy.list_failures()] == ["f1"]  # a reader, while it is held
    holder.rollback()
    holder.close()
    store.close()
    busy.close()


def test_two_ingest_processes_on_one_postgres_store_lose_nothing(pg_server, tmp_path: Path) -> None:
    """Two `sitroom ingest` processes at once on a fresh PostgreSQL store (both migrate it,
    both store overlapping inputs) end with exactly what one process storing both gives."""
    voa = str(write_jsonl(tmp_path / "voa.jsonl", voa_records()[:30]))
    a_paths, b_paths = [voa, str(SEED_DIR)], [str(SEED_DIR), str(FEED), voa]
    url = pg_server.new_database()
    procs = [start("--db", url, "ingest", "--no-extract", *p) for p in (a_paths, b_paths)]
    for proc in procs:
        _out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    clean = pg_server.new_database()
    room = Sitroom(db=clean)
    for paths in (a_paths, b_paths):
        room.ingest(paths, extract=False)
    room.store.close()
    both, one = store_snapshot(url), store_snapshot(clean)
    assert both == one and len(both["documents"]) >= 31


def test_cli_on_postgres_via_sitroom_db(pg_server) -> None:
    import os

    url = pg_server.new_database()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "SITROOM_DB": url}
    done = sitroom("ingest", "--no-extract", str(FEED), env=env)
    assert done.returncode == 0, done.stderr
    stats = Sitroom(db=url).stats()
    assert stats["documents"] == 3 and stats["db"].startswith("postgresql://")
    bad = sitroom("--db", url.replace("/t_", "/missing_"), "stats")
    assert "does not exist" in one_line_error(bad, 5)


@pytest.mark.slow
def test_two_extracting_ingests_on_postgres_equal_one_clean_run(pg_server, tmp_path: Path) -> None:
    """With extraction and the worker pool (small batches): two `sitroom ingest` processes on
    one fresh PostgreSQL store, in opposite orders, end with the documents, claims, stored
    measures and observations one clean run on SQLite gives."""
    stories = write_jsonl(tmp_path / "voa.jsonl", voa_records()[:8])
    paths = [str(SEED_DIR), str(stories)]
    cfg = tmp_path / "small-batches.toml"
    cfg.write_text("[nlp]\nbatch_size = 3\n")
    url = pg_server.new_database()
    procs = [start("--config", str(cfg), "--db", url, "ingest", *p) for p in (paths, paths[::-1])]
    for proc in procs:
        _out, err = proc.communicate(timeout=900)
        assert proc.returncode == 0 and "Traceback" not in err, err
    clean = str(tmp_path / "clean.db")
    assert sitroom("--config", str(cfg), "--db", clean, "ingest", *paths).returncode == 0
    both, one = store_snapshot(url), store_snapshot(clean)
    assert both == one and len(one["claims"]) > 20 and one["measures"]
