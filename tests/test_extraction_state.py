"""Documents stored without claims don't stay that way: each document records its extraction
state, `ingest` completes pending or failed ones, `reextract` redoes missing or stale ones."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import SEED_DIR, voa_records, write_jsonl
from faults import sitroom

from sitroom import Sitroom
from sitroom.nlp.pipeline import VERSION

TRAIN, UKRAINE = "8006651", "8008456"


def states(db: str) -> dict[str, tuple]:
    con = sqlite3.connect(db)
    rows = con.execute("select id, status, extractor_version, error from documents").fetchall()
    con.close()
    return {r[0]: r[1:] for r in rows}


def claim_ids(db: str) -> list[str]:
    con = sqlite3.connect(db)
    ids = sorted(r[0] for r in con.execute("select id from claims"))
    con.close()
    return ids


def inputs(tmp_path: Path) -> list[str]:
    return [str(SEED_DIR), str(write_jsonl(tmp_path / "s.jsonl", voa_records(TRAIN, UKRAINE)))]


def clean_claims(tmp_path: Path) -> list[str]:
    db = str(tmp_path / "clean.db")
    Sitroom(db=db).ingest(inputs(tmp_path))
    return claim_ids(db)


def test_documents_stored_without_extraction_are_completed_by_ingest(
    db: str, tmp_path: Path
) -> None:
    paths = inputs(tmp_path)
    first = Sitroom(db=db).ingest(paths, extract=False)
    assert first.stored == 3 and first.claims == 0
    assert {s for s, _, _ in states(db).values()} == {"pending"}
    again = Sitroom(db=db).ingest(paths)
    assert again.completed == 3 and again.stored == 0 and again.claims > 0
    assert all(s == "extracted" and v == VERSION for s, v, _ in states(db).values())
    assert claim_ids(db) == clean_claims(tmp_path)
    third = Sitroom(db=db).ingest(paths)
    assert third.unchanged == 3 and third.completed == 0 and third.claims == 0


def test_a_failed_extraction_is_redone_by_reextract(db: str, tmp_path: Path) -> None:
    Sitroom(db=db).ingest(inputs(tmp_path), extract=False)
    con = sqlite3.connect(db)  # as an extraction worker crash leaves it
    con.execute("update documents set status = 'extraction_failed', error = 'worker died'")
    con.commit()
    con.close()
    out = sitroom("--db", db, "reextract")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("extracted 3 documents (missing)")
    assert all(s == "extracted" and e != "worker died" for s, _, e in states(db).values())
    assert claim_ids(db) == clean_claims(tmp_path)
    nothing = Sitroom(db=db).reextract()
    assert nothing.completed == 0


def test_reextract_stale_redoes_older_extractor_versions(db: str, tmp_path: Path) -> None:
    Sitroom(db=db).ingest(inputs(tmp_path))
    before = claim_ids(db)
    old_doc = sorted(states(db))[0]
    con = sqlite3.connect(db)  # as an older sitroom left it: other version, fewer claims
    con.execute("update documents set extractor_version = '0.0.1' where id = ?", (old_doc,))
    con.execute("delete from claims where doc_id = ?", (old_doc,))
    con.commit()
    con.close()
    room = Sitroom(db=db)
    assert room.reextract("missing").completed == 0
    stale = room.reextract("stale")
    assert stale.completed == 1 and stale.doc_ids == [old_doc]
    assert states(db)[old_doc][1] == VERSION and claim_ids(db) == before
    everything = room.reextract("all")
    assert everything.completed == 3 and claim_ids(db) == before


def test_migration_3_marks_unextracted_documents_pending(tmp_path: Path) -> None:
    db = str(tmp_path / "v2.db")
    Sitroom(db=db).ingest([str(SEED_DIR)], extract=False)
    con = sqlite3.connect(db)  # a v2 store: unextracted documents were 'stored'
    con.execute("update documents set status = 'stored'")
    con.execute("delete from schema_migrations where version = 3")
    con.commit()
    con.close()
    room = Sitroom(db=db)
    assert [d["status"] for d in room.documents()] == ["pending"]
    assert room.ingest([str(SEED_DIR)]).completed == 1


def test_an_implausible_metadata_date_does_not_fail_extraction(db: str, tmp_path: Path) -> None:
    record = dict(voa_records(TRAIN)[0], published="9999-12-31")
    report = Sitroom(db=db).ingest([str(write_jsonl(tmp_path / "far.jsonl", [record]))])
    assert report.extraction_failed == 0 and report.claims > 0
    (status, version, note) = next(iter(states(db).values()))
    assert status == "extracted" and "publication date unknown" in note
