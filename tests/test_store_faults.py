"""The store under faults, as a user meets them: several writers, a lock held by another
process, a full disk, a read-only or corrupt store, a store from a newer sitroom, another
program's SQLite file, and the ingest exit codes. Real processes, real SQLite files."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from conftest import INPUTS, SEED_DIR, VOA
from faults import (
    file_digest,
    hold_write_lock,
    in_namespace,
    namespace_ok,
    one_line_error,
    sitroom,
    snapshot,
    start,
)
from sqlalchemy import event

from sitroom import Sitroom
from sitroom.errors import StoreError

FEED = INPUTS / "voa_feed.rss"


def clean_run(tmp_path: Path, *batches: list[str]) -> dict:
    db = str(tmp_path / "clean.db")
    for paths in batches:
        assert sitroom("--db", db, "ingest", "--no-extract", *paths).returncode == 0
    return snapshot(db)


@pytest.mark.parametrize(
    "round_", [0, pytest.param(1, marks=pytest.mark.slow), pytest.param(2, marks=pytest.mark.slow)]
)
def test_two_writers_on_a_fresh_store_store_everything_once(tmp_path: Path, round_: int) -> None:
    a_paths, b_paths = [str(VOA), str(SEED_DIR)], [str(SEED_DIR), str(FEED), str(VOA)]
    db = str(tmp_path / "both.db")
    procs = [start("--db", db, "ingest", "--no-extract", *p) for p in (a_paths, b_paths)]
    outs = [p.communicate(timeout=300) for p in procs]
    for proc, (_out, err) in zip(procs, outs, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert snapshot(db) == clean_run(tmp_path, a_paths, b_paths)


def test_a_writer_waits_for_another_writers_lock(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    assert sitroom("--db", db, "stats").returncode == 0  # a fresh, empty store
    holder = hold_write_lock(db, 3)
    began = time.time()
    out = sitroom("--db", db, "ingest", "--no-extract", str(SEED_DIR))
    waited = time.time() - began
    holder.wait()
    assert out.returncode == 0, out.stderr
    assert waited >= 2.0
    assert len(snapshot(db)["documents"]) == 1


@pytest.mark.slow
def test_a_writer_holding_the_lock_for_25_s_is_waited_for(tmp_path: Path) -> None:
    """The issue's case: another writer holds the lock 25 s; the default busy timeout (30 s)
    waits for it, and the ingest then stores everything."""
    db = str(tmp_path / "w25.db")
    assert sitroom("--db", db, "stats").returncode == 0
    holder = hold_write_lock(db, 25)
    out = sitroom("--db", db, "ingest", "--no-extract", str(SEED_DIR), str(FEED))
    holder.wait()
    assert out.returncode == 0, out.stderr
    assert len(snapshot(db)["documents"]) == 4


def test_a_lock_held_past_the_busy_timeout_is_one_line_exit_5(tmp_path: Path) -> None:
    db = str(tmp_path / "l.db")
    cfg = tmp_path / "c.toml"
    cfg.write_text("[store]\nbusy_timeout_s = 1\n")
    assert sitroom("--db", db, "stats").returncode == 0
    holder = hold_write_lock(db, 25)  # outlasts a slow start on a loaded machine
    out = sitroom("--config", str(cfg), "--db", db, "ingest", "--no-extract", str(SEED_DIR))
    readers = sitroom("--db", db, "documents", "--format", "json")  # readers never wait
    holder.wait()
    assert "busy" in one_line_error(out, 5)
    assert readers.returncode == 0 and readers.stdout.strip() == "[]"
    assert snapshot(db)["integrity"] == "ok"


def test_a_full_disk_is_one_store_error_and_loses_nothing(tmp_path: Path) -> None:
    """SQLITE_FULL from SQLite itself: the connection may not grow the file past a page cap."""
    db = str(tmp_path / "full.db")
    Sitroom(db=db).ingest([str(SEED_DIR)], extract=False)
    pages = sqlite3.connect(db).execute("pragma page_count").fetchone()[0]
    room = Sitroom(db=db)

    @event.listens_for(room.store.engine, "connect")
    def _cap(dbapi_conn, _record) -> None:  # noqa: ANN001
        dbapi_conn.execute(f"PRAGMA max_page_count={pages + 20}")

    room.store.engine.dispose()
    with pytest.raises(StoreError, match="disk holding the store is full"):
        room.ingest([str(VOA)], extract=False)
    room.store.engine.dispose()
    kept = snapshot(db)
    assert kept["integrity"] == "ok" and len(kept["documents"]) >= 1
    again = Sitroom(db=db).ingest([str(VOA)], extract=False)
    assert not again.failed
    assert (
        snapshot(db)["documents"] == clean_run(tmp_path, [str(SEED_DIR)], [str(VOA)])["documents"]
    )


@pytest.mark.skipif(not namespace_ok(), reason="cannot mount a tmpfs in a user namespace here")
def test_a_full_tmpfs_is_one_line_exit_5(tmp_path: Path) -> None:
    mnt, out_db = tmp_path / "mnt", tmp_path / "after.db"
    mnt.mkdir()
    check = (
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
        "print(c.execute('pragma integrity_check').fetchone()[0],"
        " c.execute('select count(*) from documents').fetchone()[0])"
    )
    script = (
        f"mount -t tmpfs -o size=512k tmpfs {mnt} && "  # room for the empty schema + 1 doc
        f"python -m sitroom.cli --db {mnt}/s.db ingest --no-extract {VOA}; echo rc=$?; "
        f'python -c "{check}" {mnt}/s.db; cp {mnt}/s.db {out_db}; cp {mnt}/s.db-wal {out_db}-wal'
    )
    script = script.replace("python ", f"{os.sys.executable} ")
    res = in_namespace(script)
    assert "rc=5" in res.stdout, (res.stdout, res.stderr)
    errors = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "full" in errors[0] and "Traceback" not in res.stderr
    integrity, kept = res.stdout.split("\n")[-2].split()
    assert integrity == "ok" and int(kept) >= 1
    again = sitroom("--db", str(out_db), "ingest", "--no-extract", str(VOA))
    assert again.returncode == 0
    assert len(snapshot(str(out_db))["documents"]) == len(VOA.read_text().splitlines())


def _make_read_only(folder: Path, db: Path, commands: list[list[str]]) -> list[tuple[int, str]]:
    """Run sitroom commands against a store that cannot be written: chmod when we are not
    root; a read-only bind mount in a private namespace when we are (root ignores modes)."""
    if os.geteuid() != 0:
        db.chmod(0o444)
        folder.chmod(0o555)
        try:
            outs = [sitroom("--db", str(db), *c) for c in commands]
        finally:
            folder.chmod(0o755)
            db.chmod(0o644)
        return [(o.returncode, o.stderr) for o in outs]
    if not namespace_ok():
        pytest.skip("root without mount namespaces: cannot make a read-only store")
    marker = "@@END@@"
    runs = "; ".join(
        f"{os.sys.executable} -m sitroom.cli --db {db} {' '.join(map(str, c))} >/dev/null; "
        f"echo rc=$? >&2; echo {marker} >&2"
        for c in commands
    )
    mount = f"mount --bind {folder} {folder} && mount -o remount,ro,bind {folder}"
    res = in_namespace(f"{mount}; {runs}")
    outs = []
    for chunk in res.stderr.split(marker)[:-1]:
        lines = [line for line in chunk.splitlines() if line.strip()]
        outs.append((int(lines[-1].removeprefix("rc=")), "\n".join(lines[:-1])))
    return outs


def test_a_read_only_store_is_read_and_never_written(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = folder / "s.db"
    assert sitroom("--db", str(db), "ingest", "--no-extract", str(SEED_DIR)).returncode == 0
    before = snapshot(str(db))
    (read_rc, _), (write_rc, write_err) = _make_read_only(
        folder, db, [["documents", "--format", "json"], ["ingest", "--no-extract", str(FEED)]]
    )
    assert read_rc == 0
    assert write_rc == 5 and "read-only" in write_err and "Traceback" not in write_err
    assert len(write_err.splitlines()) == 1
    assert snapshot(str(db)) == before


def test_a_corrupt_store_is_one_line_exit_5(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    assert sitroom("--db", str(db), "ingest", "--no-extract", str(VOA)).returncode == 0
    data = bytearray(db.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # keep page 1 (the schema)
        data[offset : offset + page] = os.urandom(page)
    db.write_bytes(bytes(data))
    for command in (["documents"], ["claims"], ["ingest", "--no-extract", str(SEED_DIR)]):
        assert "corrupt" in one_line_error(sitroom("--db", str(db), *command), 5)
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 50)
    digest = file_digest(junk)
    assert "not a SQLite database" in one_line_error(sitroom("--db", str(junk), "stats"), 5)
    assert file_digest(junk) == digest


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "app.db"
    con = sqlite3.connect(db)
    con.execute("create table users (id integer primary key, name text)")
    con.execute("insert into users (name) values ('ann')")
    con.commit()
    con.close()
    digest = file_digest(db)
    for command in (["ingest", "--no-extract", str(SEED_DIR)], ["stats"]):
        assert "not a sitroom store" in one_line_error(sitroom("--db", str(db), *command), 5)
    assert file_digest(db) == digest
    con = sqlite3.connect(db)
    assert [r[0] for r in con.execute("select name from sqlite_master")] == ["users"]
    con.close()


def test_a_store_from_a_newer_sitroom_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert sitroom("--db", str(db), "ingest", "--no-extract", str(SEED_DIR)).returncode == 0
    con = sqlite3.connect(db)
    con.execute("insert into schema_migrations values (999, 'from the future', '2030-01-01')")
    con.commit()
    con.close()
    digest = file_digest(db)
    for command in (["ingest", "--no-extract", str(FEED)], ["documents"]):
        assert "newer sitroom" in one_line_error(sitroom("--db", str(db), *command), 5)
    assert file_digest(db) == digest


def test_ingest_exit_codes_and_refused_options(tmp_path: Path) -> None:
    db = str(tmp_path / "e.db")
    all_bad = sitroom(
        "--db", db, "ingest", str(INPUTS / "binary.txt"), str(tmp_path / "missing.txt")
    )
    assert all_bad.returncode == 3 and "failed:" in all_bad.stdout
    assert "empty" in one_line_error(sitroom("--db", "", "stats"), 2)
    assert "--since" in one_line_error(sitroom("--db", db, "claims", "--since", "2025-01-01x"), 2)
    far = sitroom("--db", db, "ingest", "--published", "9999-12-31", str(SEED_DIR))
    assert "--published" in one_line_error(far, 2)
    bad = sitroom("--db", db, "ingest", "--published", "2025-13-40", str(SEED_DIR))
    assert "--published" in one_line_error(bad, 2)
    assert snapshot(db)["documents"] == []
