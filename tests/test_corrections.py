"""Analyst corrections: stored apart, applied at read time everywhere, undoable, exported,
and never overwritten by re-extraction."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import INPUTS, ROOT, SEED_DIR, voa_records, write_jsonl
from stix2validator import ValidationOptions, validate_file

from sitroom import Sitroom
from sitroom.errors import ConfigError, NotFoundError


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Sitroom:
    tmp = tmp_path_factory.mktemp("corrections")
    stories = write_jsonl(tmp / "stories.jsonl", voa_records("8011076", "8009314"))
    room = Sitroom(db=str(tmp / "src.db"))
    room.ingest([str(SEED_DIR), str(INPUTS / "voa_train_attack.html"), str(stories)])
    return room


def _counted(room: Sitroom) -> dict:
    """A measure with at least two observations (from the stored picture)."""
    for m in room.measures(limit=50):
        full = room.measure(m["id"])
        if len(full["observations"]) >= 2:
            return full
    raise AssertionError("no measure with two observations")


def test_correct_a_field_keeps_the_machine_value_and_undoes(room: Sitroom) -> None:
    claim = next(c for c in room.claims() if c["quantity"])
    machine = claim["quantity"]
    k = room.correct("correct", claim["id"], field="quantity", value="40-45", reason="misread")
    assert k["id"].startswith("k") and k["author"] and k["created_at"]
    assert k["machine_value"] == {"low": machine["low"], "high": machine["high"]}
    shown = room.show(claim["id"])
    assert (shown["quantity"]["low"], shown["quantity"]["high"]) == (40.0, 45.0)
    assert shown["correction"]["machine"]["quantity"] == machine
    listed = {c["id"]: c for c in room.claims()}[claim["id"]]
    assert listed["quantity"]["low"] == 40.0  # lists see it too
    page = room.claims_page(limit=500)["items"]
    assert {c["id"]: c for c in page}[claim["id"]]["quantity"]["low"] == 40.0
    room.undo(k["id"], author="tester")
    assert room.show(claim["id"])["quantity"] == machine and "correction" not in room.show(
        claim["id"]
    )
    assert room.corrections(claim["id"]) == []
    undone = room.corrections(claim["id"], include_undone=True)
    assert undone[0]["undone_by"] == "tester" and not undone[0]["active"]
    with pytest.raises(ConfigError, match="already undone"):
        room.undo(k["id"])


def test_bad_corrections_are_refused(room: Sitroom) -> None:
    cid = room.claims()[0]["id"]
    with pytest.raises(ConfigError):
        room.correct("correct", cid, field="colour", value="red", reason="x")
    with pytest.raises(ConfigError):
        room.correct("correct", cid, field="quantity", value="many", reason="x")
    with pytest.raises(ConfigError):
        room.correct("reject", cid, reason="  ")
    with pytest.raises(NotFoundError):
        room.correct("reject", "cnothere", reason="x")
    with pytest.raises(ConfigError, match="ICD 203"):
        room.correct("assess", cid, value="it will", likelihood="maybe", reason="x")
    with pytest.raises(ConfigError):
        room.correct("grade", "Voice of America", value="Q", reason="x")


def test_reject_split_merge_and_assess_measures(room: Sitroom) -> None:
    m = _counted(room)
    n = len(m["observations"])
    gone = m["observations"][0]["claim_id"]
    rej = room.correct("reject", gone, reason="not this incident")
    after = room.measure(m["id"])
    assert len(after["observations"]) == n - 1
    assert gone not in {o["claim_id"] for o in after["observations"]}
    assert gone not in {o["claim_id"] for o in after["current"]}
    room.undo(rej["id"])
    assert len(room.measure(m["id"])["observations"]) == n
    # split one observation off into its own series
    moved = m["observations"][-1]["claim_id"]
    sp = room.correct("split", m["id"], value=[moved], reason="a different count")
    split = room.measure(m["id"])
    assert moved not in {o["claim_id"] for o in split["observations"]}
    assert split["splits"][0]["observations"][0]["claim_id"] == moved
    room.undo(sp["id"])
    # merge another measure into this one
    other = next(x for x in room.measures(limit=50) if x["id"] != m["id"])
    mg = room.correct("merge", other["id"], value=m["id"], reason="same count")
    listed = [x["id"] for x in room.measures(limit=500)]
    assert other["id"] not in listed and m["id"] in listed
    merged = room.measure(m["id"])
    assert merged["merged_from"] == [other["id"]]
    assert len(merged["observations"]) == n + len(room.measure(other["id"])["observations"])
    assert room.measure(other["id"])["merged_into"] == m["id"]
    room.undo(mg["id"])
    assert other["id"] in [x["id"] for x in room.measures(limit=500)]
    a = room.correct("assess", m["id"], value="The toll will rise", likelihood="likely", reason="r")
    assert room.measure(m["id"])["assessments"][0]["id"] == a["id"]
    room.undo(a["id"])


def test_grade_changes_the_brief_confidence(room: Sitroom) -> None:
    def words() -> list[str]:
        data = room.brief_data(top=10)
        return [
            g["sentence"].split("Confidence:")[-1] for t in data["glance"] for g in t["measures"]
        ]

    before = words()
    k = room.correct("grade", "Voice of America", value="E", reason="poor record here")
    src = room.source("voice-of-america")
    assert src["reliability"] == "E" and src["machine_reliability"] != "E"
    assert words() != before
    room.undo(k["id"])
    assert words() == before


def test_correction_survives_reextraction(room: Sitroom) -> None:
    claim = next(c for c in room.claims() if c["actor"])
    k = room.correct("correct", claim["id"], field="actor", value="Wagner Group", reason="named")
    import sqlite3

    with sqlite3.connect(room.settings.db) as conn:  # an older extractor made it: redo it
        conn.execute(
            "UPDATE documents SET extractor_version = 'old' WHERE id = ?",
            (claim["evidence"]["doc_id"],),
        )
    assert room.reextract("stale").completed == 1
    assert room.show(claim["id"])["actor"] == "Wagner Group"
    assert room.show(claim["id"])["correction"]["machine"]["actor"] == claim["actor"]
    room.undo(k["id"])


def test_exported_and_imported(room: Sitroom, tmp_path: Path) -> None:
    claim = room.claims()[1]
    k = room.correct("reject", claim["id"], reason="duplicate report")
    a = room.correct(
        "assess", "Pakistan", value="Attacks will go on", likelihood="very likely", reason="trend"
    )
    out = tmp_path / "x.jsonl"
    counts = room.export("jsonl", str(out))["counts"]
    assert counts["correction"] >= 2
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    exported = next(r for r in recs if r["type"] == "claim" and r["id"] == claim["id"])
    assert exported["correction"]["rejected"]["id"] == k["id"]
    copy = Sitroom(db=str(tmp_path / "copy.db"))
    assert copy.import_file(str(out), "jsonl")["errors"] == []
    assert {c["id"] for c in copy.corrections(include_undone=True)} == {
        c["id"] for c in room.corrections(include_undone=True)
    }
    assert copy.show(claim["id"])["correction"]["rejected"]["reason"] == "duplicate report"
    bundle = tmp_path / "b.json"
    room.export("stix", str(bundle), events=False)
    result = validate_file(str(bundle), ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for o in result.object_results for e in o.errors][:5]
    objs = json.loads(bundle.read_text())["objects"]
    notes = [o for o in objs if o["type"] == "note" and "sitroom-correction" in o.get("labels", [])]
    assert any("duplicate report" in n["content"] for n in notes)
    ops = [o for o in objs if o["type"] == "opinion"]
    assert (
        ops
        and ops[0]["opinion"] == "strongly-agree"
        and ops[0]["x_sitroom_likelihood"] == "very likely"
    )
    room.undo(k["id"])
    room.undo(a["id"])


def test_cli_correct_list_undo(room: Sitroom) -> None:
    sitroom = str(ROOT / ".venv" / "bin" / "sitroom")
    cid = room.claims()[2]["id"]

    def run(*args: str) -> subprocess.CompletedProcess:
        cmd = [sitroom, "--db", room.settings.db, *args]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)

    made = run("correct", "reject", cid, "--reason", "wrong actor", "--format", "json")
    assert made.returncode == 0, made.stderr
    k = json.loads(made.stdout)
    assert k["id"] in {c["id"] for c in room.corrections()}
    room.undo(k["id"])
    again = run("undo", k["id"])
    assert (
        again.returncode == 2 and again.stderr.count("\n") == 1 and "already undone" in again.stderr
    )
