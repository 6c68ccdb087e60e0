"""Ingestion into the store: idempotence, versions, copies, bad inputs, crash safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import INPUTS, ROOT, SEED, SEED_DIR, VOA, raw_engine, voa_records, write_jsonl
from sqlalchemy import text

from sitroom import Sitroom
from sitroom.store.db import MIGRATIONS

TRAIN = "8006651"
UKRAINE = "8008456"


def table_counts(db: str) -> dict:
    """Rows per table, read directly (a SQLite file or a PostgreSQL URL)."""
    engine = raw_engine(db)
    with engine.connect() as conn:
        out = {
            t: conn.execute(text(f"select count(*) from {t}")).scalar()
            for t in ("documents", "claims", "sources", "failures", "runs")
        }
    engine.dispose()
    return out


def processes_using(path: str, wait: float) -> list[int]:
    """Pids whose command line names path, after waiting up to `wait` seconds for them to go."""
    deadline = time.time() + wait
    while True:
        pids = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and path in (entry / "cmdline").read_text():
                    pids.append(int(entry.name))
            except OSError:
                continue
        if not pids or time.time() > deadline:
            return pids
        time.sleep(0.2)


def test_reingest_changes_nothing(store_url: str, tmp_path: Path) -> None:
    db = store_url
    stories = write_jsonl(tmp_path / "s.jsonl", voa_records(TRAIN, UKRAINE))
    room = Sitroom(db=db)
    first = room.ingest([str(SEED_DIR), str(stories)])
    assert first.stored == 3 and first.claims > 0
    ids_before = sorted(first.doc_ids)
    claims_before = sorted(c["id"] for c in room.claims(include_restatements=True))
    counts = table_counts(db)
    again = Sitroom(db=db).ingest([str(SEED_DIR), str(stories)])
    assert again.stored == 0 and again.unchanged == 3
    assert sorted(again.doc_ids) == ids_before
    assert sorted(c["id"] for c in room.claims(include_restatements=True)) == claims_before
    assert table_counts(db) == {**counts, "runs": 2}  # both runs recorded


def test_changed_article_is_a_new_version_keeping_the_old(store_url: str, tmp_path: Path) -> None:
    db = store_url
    rec = voa_records(TRAIN)[0]
    room = Sitroom(db=db)
    room.ingest([str(write_jsonl(tmp_path / "v1.jsonl", [rec]))])
    changed = dict(rec, text=rec["text"] + " Officials later said 12 more passengers were freed.")
    report = room.ingest([str(write_jsonl(tmp_path / "v2.jsonl", [changed]))])
    assert report.stored == 1 and report.versions == 1
    docs = {d["id"]: d for d in room.documents()}
    assert len(docs) == 2
    new = next(d for d in docs.values() if d["version_of"])
    old = docs[new["version_of"]]
    assert old["superseded_by"] == new["id"]
    assert {c["document"]["id"] for c in room.claims()} == {new["id"]}


def test_copy_with_changed_boilerplate_is_linked_to_its_original(
    store_url: str, tmp_path: Path
) -> None:
    db = store_url
    rec = voa_records(TRAIN)[0]
    copy = dict(
        rec,
        id="copy-1",
        url="https://example-mirror.test/train-attack",
        title="Pakistan: train seized",
        text="Republished from VOA. " + rec["text"] + " Follow us for more news.",
    )
    room = Sitroom(db=db)
    room.ingest([str(write_jsonl(tmp_path / "a.jsonl", [rec]))])
    report = room.ingest([str(write_jsonl(tmp_path / "b.jsonl", [copy]))])
    assert report.copies == 1
    docs = room.documents()
    original = next(d for d in docs if d["url"] == rec["url"])
    mirrored = next(d for d in docs if d["url"] == copy["url"])
    assert mirrored["copy_of"] == original["id"] and mirrored["copy_similarity"] >= 0.8


def test_bad_inputs_are_recorded_and_the_batch_goes_on(store_url: str, tmp_path: Path) -> None:
    db = store_url
    room = Sitroom(db=db)
    room.ingest([str(SEED)])
    before = table_counts(db)
    report = room.ingest(
        [
            str(INPUTS / "binary.txt"),
            str(INPUTS / "empty.txt"),
            str(INPUTS / "broken.html"),
            str(tmp_path / "missing.txt"),
            str(INPUTS / "voa_feed.rss"),
        ]
    )
    reasons = dict(report.failed)
    assert len(reasons) == 4
    assert "binary" in reasons[str(INPUTS / "binary.txt")]
    assert "empty" in reasons[str(INPUTS / "empty.txt")]
    assert "no such file" in reasons[str(tmp_path / "missing.txt")]
    assert report.stored == 3  # the feed's three entries
    after = table_counts(db)
    assert after["documents"] == before["documents"] + 3
    assert after["claims"] >= before["claims"]
    assert after["failures"] == before["failures"] + 4


def test_other_language_is_detected_and_not_extracted(db: str, tmp_path: Path) -> None:
    french = tmp_path / "fr.txt"
    french.write_text(
        "Des combattants ont attaqué un train de passagers mardi dans la province du Baloutchistan."
        " Les autorités ont déclaré que plus de cent passagers avaient été pris en otage par les"
        " séparatistes, et que les forces de sécurité avaient lancé une opération de sauvetage.",
        encoding="utf-8",
    )
    report = Sitroom(db=db).ingest([str(french)])
    assert report.stored == 1 and report.claims == 0
    doc = Sitroom(db=db).documents()[0]
    assert doc["language"] == "fr" and doc["status"] == "skipped_language"


def test_store_survives_a_process_killed_mid_ingest(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    records = voa_records()
    corpus = write_jsonl(tmp_path / "all.jsonl", records)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitroom.cli", "--db", db, "ingest", str(corpus)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    deadline = time.time() + 120
    committed = 0
    while time.time() < deadline and proc.poll() is None:
        time.sleep(0.5)
        if Path(db).exists():
            try:
                con = sqlite3.connect(db, timeout=1)
                committed = con.execute("select count(*) from documents").fetchone()[0]
                con.close()
            except sqlite3.Error:
                committed = 0
            if committed >= 3:
                break
    assert proc.poll() is None, "ingest finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not processes_using(db, wait=10), "extraction workers outlived the killed ingest"
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    kept = con.execute("select count(*) from documents").fetchone()[0]
    orphan = con.execute(
        "select count(*) from claims where doc_id not in (select id from documents)"
    ).fetchone()[0]
    con.close()
    assert kept >= committed and orphan == 0
    report = Sitroom(db=db).ingest([str(corpus)])
    assert report.unchanged == kept and report.stored == len(records) - kept


def test_seed_publication_date_unknown_then_supplied(tmp_path: Path) -> None:
    unknown = Sitroom(db=str(tmp_path / "u.db"))
    unknown.ingest([str(SEED)])
    doc = unknown.documents()[0]
    assert doc["published_at"] is None and doc["published_how"] == "unknown"
    assert doc["source"] == "KumDi.com"
    earlier = [
        c
        for c in unknown.claims(kind="deployment")
        if c["when"]["text"] and "Earlier in the year" in c["when"]["text"]
    ]
    assert earlier and not earlier[0]["when"]["resolved"] and earlier[0]["when"]["earliest"] is None
    supplied = Sitroom(db=str(tmp_path / "s.db"))
    supplied.ingest([str(SEED)], published="2025-07-10")
    doc = supplied.documents()[0]
    assert doc["published_at"].startswith("2025-07-10") and doc["published_how"] == "supplied"
    claim = next(
        c
        for c in supplied.claims(kind="deployment")
        if c["when"]["text"] and "Earlier in the year" in c["when"]["text"]
    )
    assert claim["when"]["resolved"]
    assert (
        claim["when"]["earliest"].startswith("2025-01") and claim["when"]["latest"] <= "2025-07-10"
    )


def test_voa_corpus_path_is_bundled() -> None:
    assert VOA.exists() and SEED.exists()


def test_a_version_1_database_is_migrated_in_place(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    Sitroom(db=db).ingest([str(SEED)])
    con = sqlite3.connect(db)  # make it look like a v1 store: no notes column, no v2 record
    con.execute("ALTER TABLE claims DROP COLUMN notes")
    con.execute("DELETE FROM schema_migrations WHERE version = 2")
    before = con.execute("select count(*) from claims").fetchone()[0]
    con.commit()
    con.close()
    room = Sitroom(db=db)
    con = sqlite3.connect(db)
    columns = {row[1] for row in con.execute("pragma table_info(claims)")}
    versions = [row[0] for row in con.execute("select version from schema_migrations")]
    con.close()
    assert "notes" in columns and sorted(versions) == sorted(m[0] for m in MIGRATIONS)
    assert len(room.claims(include_restatements=True)) == before


def test_a_store_without_origins_is_migrated_and_still_reads_origins(tmp_path: Path) -> None:
    """Migration 40 adds claims.origin_chain / claims.origin; claims stored before it read
    their origin as before (the named attribution source, else the outlet)."""
    db = str(tmp_path / "old.db")
    Sitroom(db=db).ingest([str(SEED)])
    con = sqlite3.connect(db)
    con.execute("ALTER TABLE claims DROP COLUMN origin_chain")
    con.execute("ALTER TABLE claims DROP COLUMN origin")
    con.execute("DELETE FROM schema_migrations WHERE version = 40")
    con.commit()
    con.close()
    room = Sitroom(db=db)
    con = sqlite3.connect(db)
    columns = {row[1] for row in con.execute("pragma table_info(claims)")}
    con.close()
    assert {"origin_chain", "origin"} <= columns
    from sitroom.picture.common import origin_of

    views = room.claims()
    assert views and all(v["origin"] is None and v["origin_chain"] == [] for v in views)
    assert {origin_of(v) for v in views} >= {"KumDi.com"}


def test_inferred_fields_say_how_they_were_obtained(db: str) -> None:
    room = Sitroom(db=db)
    room.ingest([str(SEED)])
    analysts = next(
        c for c in room.claims(kind="deployment") if c["attribution"]["kind"] == "analysts"
    )
    assert analysts["actor"] == "North Korea"  # "these soldiers will be deployed"
    assert "actor from earlier deployment claim" in analysts["notes"]


def test_bad_text_gives_no_crash_and_no_nonsense(tmp_path: Path) -> None:
    """A 5 MB single paragraph, years and digit lists, unbalanced quotes: stored, recorded."""
    cfg = tmp_path / "small.toml"
    cfg.write_text("[nlp]\nmax_extract_chars = 20000\n")
    sentence = (
        "In 2025, officials said “the convoy was hit near Kalat and 1,2,3 were the "
        "codes of the trucks, while 2024 was calmer. "
    )
    big = tmp_path / "big.txt"
    big.write_text((sentence * (5_000_000 // len(sentence) + 1))[:5_000_000], encoding="utf-8")
    room = Sitroom(db=str(tmp_path / "b.db"), config=str(cfg))
    report = room.ingest([str(big)])
    assert report.stored == 1 and not report.failed
    doc = room.documents()[0]
    assert doc["status"] == "extracted"
    assert "extracted the first" in doc["note"] and "5,000,000" in doc["note"]
    assert doc["error"] is None
    for claim in room.claims(include_restatements=True):
        q = claim["quantity"]
        assert q is None or q["low"] not in (
            2025.0,
            2024.0,
            123.0,
        )  # years and lists are not counts
        assert claim["evidence"]["end"] <= 20000
