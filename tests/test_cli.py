"""The `sitroom` command end to end, as a user runs it (real subprocesses, real files)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

from conftest import ROOT, SEED_DIR

SITROOM = str(ROOT / ".venv" / "bin" / "sitroom")


def run(
    *args: str, db: str | None = None, stdin: bytes | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    cmd = [SITROOM] + (["--db", db] if db else []) + list(args)
    return subprocess.run(cmd, input=stdin, capture_output=True, cwd=ROOT, timeout=300, env=env)


def test_ingest_then_list_show_and_filter(db: str) -> None:
    out = run("ingest", str(SEED_DIR), db=db)
    assert out.returncode == 0, out.stderr
    assert b"stored 1 documents" in out.stdout
    claims = json.loads(run("claims", "--format", "json", db=db).stdout)
    assert claims and all(c["quote"] and c["evidence"]["doc_id"] for c in claims)
    deploy = json.loads(
        run(
            "claims", "--kind", "deployment", "--actor", "Pyongyang", "--format", "json", db=db
        ).stdout
    )
    assert deploy and {c["actor"] for c in deploy} == {"North Korea"}
    found = json.loads(run("claims", "--query", "Kursk", "--format", "json", db=db).stdout)
    assert found and all("Kursk" in c["quote"] for c in found)
    shown = json.loads(run("show", deploy[0]["id"], db=db).stdout)
    text = shown["context"]["evidence"]
    assert shown["type"] == "claim" and text == shown["quote"]
    doc = json.loads(run("show", shown["document"]["id"], db=db).stdout)
    start, end = shown["evidence"]["start"], shown["evidence"]["end"]
    assert doc["text"][start:end] == shown["quote"]


def test_listing_formats(seeded_db: str) -> None:
    db = seeded_db
    lines = run("claims", "--format", "jsonl", db=db).stdout.decode().splitlines()
    assert lines and all(json.loads(line)["id"].startswith("c") for line in lines)
    rows = list(
        csv.DictReader(io.StringIO(run("claims", "--format", "csv", db=db).stdout.decode()))
    )
    assert len(rows) == len(lines) and "quantity.low" in rows[0] and "attribution.kind" in rows[0]
    table = run("documents", "--format", "table", db=db).stdout.decode()
    assert "KumDi.com" in table
    stats = json.loads(run("stats", db=db).stdout)
    assert stats["documents"] == 1 and stats["claims"] >= len(lines)


def test_stdin_and_env_database(tmp_path: Path) -> None:
    db = str(tmp_path / "env.db")
    text = (SEED_DIR / "000_f87ea5b6e03fbb1f.txt").read_bytes()
    import os

    env = {**os.environ, "SITROOM_DB": db}
    out = run("ingest", "-", "--source", "Pasted", "--published", "2025-06-01", stdin=text, env=env)
    assert out.returncode == 0, out.stderr
    docs = json.loads(run("documents", "--format", "json", env=env).stdout)
    assert docs[0]["source"] == "Pasted" and docs[0]["published_how"] == "supplied"


def test_errors_are_one_line_with_exit_codes(tmp_path: Path, db: str) -> None:
    bad_db = run("stats", db=str(tmp_path / "nope" / "x.db"))
    assert bad_db.returncode == 5
    assert (
        bad_db.stderr.decode().startswith("sitroom: error:") and b"Traceback" not in bad_db.stderr
    )
    missing = run("show", "c0000000000000000", db=db)
    assert missing.returncode == 4 and b"no claim" in missing.stderr
    bad_date = run("claims", "--since", "last tuesday", db=db)
    assert bad_date.returncode == 2 and b"--since" in bad_date.stderr
    bad_grade = run("sources", "grade", "KumDi.com", "Z", db=db)
    assert bad_grade.returncode == 2 and b"A, B, C" in bad_grade.stderr
    cfg = tmp_path / "c.toml"
    cfg.write_text("[nlp]\nbatch_size = 'many'\n")
    bad_cfg = run("--config", str(cfg), "stats", db=db)
    assert bad_cfg.returncode == 2 and b"batch_size" in bad_cfg.stderr


def test_a_bad_file_is_reported_and_others_are_stored(db: str, tmp_path: Path) -> None:
    (tmp_path / "junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    out = run("ingest", str(tmp_path / "junk.txt"), str(SEED_DIR), db=db)
    assert out.returncode == 7  # partial: one input failed, the rest stored
    assert b"failed: " in out.stdout and b"junk.txt" in out.stdout and b"binary" in out.stdout
    failures = json.loads(run("failures", "--format", "json", db=db).stdout)
    assert len(failures) == 1
    assert json.loads(run("stats", db=db).stdout)["documents"] == 1


def test_source_grades_are_user_edited(db: str) -> None:
    run("ingest", str(SEED_DIR), db=db)
    before = json.loads(run("sources", "--format", "json", db=db).stdout)
    assert [s["reliability"] for s in before if s["name"] == "KumDi.com"] == ["F"]
    assert run("sources", "grade", "KumDi.com", "c", db=db).returncode == 0
    after = json.loads(run("sources", "--format", "json", db=db).stdout)
    assert [s["reliability"] for s in after if s["name"] == "KumDi.com"] == ["C"]
    run("ingest", str(SEED_DIR), db=db)
    again = json.loads(run("sources", "--format", "json", db=db).stdout)
    assert [s["reliability"] for s in again if s["name"] == "KumDi.com"] == ["C"]
