"""Kills at seeded points: an ingest killed anywhere (while creating the schema, mid-corpus), or
one of its extraction workers killed, then ingested again, leaves the store exactly as a clean
run does: same documents, claims, sources, failures and states, every table's count (stored
measures included), integrity ok. Real processes, real SIGKILLs. Slow: `pytest -m slow`."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import SEED_DIR, voa_records, write_jsonl
from faults import sitroom, start, wait_for

pytestmark = pytest.mark.slow

SKIP_TABLES = ("runs", "schema_migrations")


def store_state(db: str) -> dict:
    """Everything an ingest decides, by content: ids, states, links, and every table's count."""
    con = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in con.execute("select name from sqlite_master where type = 'table'")
            if r[0] not in SKIP_TABLES and "_fts" not in r[0]
        ]
        out = {"integrity": con.execute("pragma integrity_check").fetchone()[0]}
        out["counts"] = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in tables}
        out["documents"] = sorted(
            con.execute(
                "select id, status, extractor_version, copy_of, version_of from documents"
            ).fetchall()
        )
        for table in ("claims", "sources", "failures", "places", "entities"):
            out[table] = sorted(r[0] for r in con.execute(f"select id from {table}"))
        return out
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], Path, dict]:
    """Inputs (the seed article and 24 VOA stories), a small-batch config so the worker pool
    is used, and the state a clean run leaves."""
    folder = tmp_path_factory.mktemp("kills")
    stories = write_jsonl(folder / "voa.jsonl", voa_records()[:24])
    paths = [str(SEED_DIR), str(stories)]
    cfg = folder / "small-batches.toml"
    cfg.write_text("[nlp]\nbatch_size = 3\n")
    db = str(folder / "clean.db")
    out = sitroom("--config", str(cfg), "--db", db, "ingest", *paths)
    assert out.returncode == 0, out.stderr
    return paths, cfg, store_state(db)


def documents_in(db: str) -> int:
    try:
        con = sqlite3.connect(db, timeout=1)
        try:
            return con.execute("select count(*) from documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return -1


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_an_ingest_killed_at_a_seeded_point_then_ingested_again_equals_a_clean_run(
    tmp_path: Path, corpus: tuple, seed: int
) -> None:
    paths, cfg, clean = corpus
    rng = random.Random(seed)
    after_docs = rng.choice([0, 0, 3, 8, 15, 21])  # 0: during start-up / schema creation
    db = str(tmp_path / "k.db")
    proc = start("--config", str(cfg), "--db", db, "ingest", *paths)
    if after_docs == 0:
        time.sleep(rng.uniform(0.2, 2.5))
    else:
        assert wait_for(lambda: documents_in(db) >= after_docs or proc.poll() is not None, 600)
    assert proc.poll() is None, "the ingest finished before the seeded kill point"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert wait_for(lambda: not _orphans(db), 20), "extraction workers outlived the ingest"
    again = sitroom("--config", str(cfg), "--db", db, "ingest", *paths)
    assert again.returncode == 0, again.stderr
    assert store_state(db) == clean


def _orphans(db: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and db in (entry / "cmdline").read_text():
                pids.append(int(entry.name))
        except OSError:
            continue
    return pids


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit():
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if ppid == pid:
                    out.append(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return out


def test_a_killed_extraction_worker_loses_no_claims(tmp_path: Path, corpus: tuple) -> None:
    paths, cfg, clean = corpus
    db = str(tmp_path / "w.db")
    proc = start("--config", str(cfg), "--db", db, "ingest", *paths)
    assert wait_for(lambda: documents_in(db) >= 4 and _children(proc.pid), 600)
    os.kill(_children(proc.pid)[0], signal.SIGKILL)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "BrokenProcessPool" not in out + err
    assert store_state(db) == clean


def test_two_extracting_writers_on_a_fresh_store_equal_a_clean_run(
    tmp_path: Path, corpus: tuple
) -> None:
    paths, cfg, clean = corpus
    db = str(tmp_path / "two.db")
    procs = [start("--config", str(cfg), "--db", db, "ingest", *p) for p in (paths, paths[::-1])]
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 0 and "Traceback" not in err, err
    assert store_state(db) == clean
