"""The picture end to end on real VOA stories ingested into a temporary store, and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sitroom import Sitroom

ROOT = Path(__file__).resolve().parents[1]
VOA = ROOT / "corpus/demo/voa/voa_stories.jsonl"
SITROOM = str(Path(sys.executable).with_name("sitroom"))
TRAIN_1, TRAIN_2, IRAQ = "8006651", "8007760", "8011115"  # two train-attack stories, one other


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[Sitroom, dict, Path]:
    tmp = tmp_path_factory.mktemp("picture")
    stories = {r["id"]: r for r in map(json.loads, VOA.read_text("utf-8").splitlines())}
    recs = [stories[i] for i in (TRAIN_1, TRAIN_2, IRAQ)]
    copy = dict(
        stories[TRAIN_1],
        id="copy-1",
        title="Train siege: full report",
        url="https://example.org/news/train-siege",
        source="Example Daily",
        text="This report was republished from Voice of America. Follow our desk "
        "for more.\n" + stories[TRAIN_1]["text"],
    )
    path, copy_path = tmp / "stories.jsonl", tmp / "copy.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), "utf-8")
    copy_path.write_text(json.dumps(copy) + "\n", "utf-8")
    db = tmp / "t.db"
    room = Sitroom(db=str(db))
    room.ingest([str(path)])
    room.ingest([str(copy_path)])  # a later batch: copies are found against stored documents
    docs = {d["url"]: d for d in room.documents()}
    ids = {
        key: docs[rec["url"]]["id"]
        for key, rec in (
            ("train1", recs[0]),
            ("train2", recs[1]),
            ("iraq", recs[2]),
            ("copy", copy),
        )
    }
    return room, ids, db


def test_copy_detected(store):
    room, ids, _ = store
    copy = next(d for d in room.documents() if d["id"] == ids["copy"])
    assert copy["copy_of"] == ids["train1"]


def test_two_stories_on_one_event_group_and_others_do_not(store):
    room, ids, _ = store
    events = room.picture().events
    docs = [{c["document"]["id"] for c in e.claims} for e in events]
    assert any({ids["train1"], ids["train2"]} <= d for d in docs)
    assert not any(ids["iraq"] in d and (ids["train1"] in d or ids["train2"] in d) for d in docs)
    for ev in events:
        assert len(ev.why) == len(ev.claims)


def test_copy_is_not_a_second_report_or_origin(store):
    room, ids, _ = store
    events = room.picture().events
    with_copy = [e for e in events if any(c["document"]["id"] == ids["copy"] for c in e.claims)]
    assert with_copy
    for ev in with_copy:
        assert "Example Daily" not in ev.origins
        non_copy_docs = {c["document"]["id"] for c in ev.claims} - {ids["copy"]}
        assert ev.reports == len(non_copy_docs)
    assert any(w.startswith(f"copy of document {ids['train1']}") for e in with_copy for w in e.why)


def test_user_grade_changes_reliability_shown(store):
    room, _, _ = store
    rows = {r["name"]: r for r in room.picture().sources}
    assert rows["Voice of America"]["reliability"] == "F"
    room.grade_source("Voice of America", "B")
    rows = {r["name"]: r for r in room.picture().sources}
    assert rows["Voice of America"]["reliability"] == "B"
    room.grade_source("Voice of America", "F")


def test_api_methods_and_show_event(store):
    room, _, _ = store
    events = room.events()
    assert events and {"id", "reports", "origins", "credibility", "why"} <= set(events[0])
    shown = room.show(events[0]["id"])
    assert shown["type"] == "event" and shown["claims"][0]["quote"]
    assert isinstance(room.estimates(), list) and isinstance(room.predictions(), list)
    assert isinstance(room.contradictions(), list)
    assert room.ask("How many Pakistani people were taken hostage?")["found"]
    assert not room.ask("How many Chinese troops were sent to Mali?")["found"]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [SITROOM, "--db", str(db), *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_cli_listings(store):
    room, _, db = store
    out = _cli(db, "events", "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert {r["id"] for r in rows} == {e.id for e in room.picture().events}
    assert all(r["claims"] and r["reports"] >= 1 for r in rows)
    est = _cli(db, "estimates", "hostage", "--format", "json")
    assert est.returncode == 0, est.stderr
    assert all("hostage" in r["measure"] for r in json.loads(est.stdout))
    for cmd in ("contradictions", "predictions"):
        res = _cli(db, cmd, "--format", "jsonl")
        assert res.returncode == 0, res.stderr
        assert all(json.loads(line) for line in res.stdout.splitlines())
    csv_out = _cli(db, "events", "--format", "csv", "--since", "2025-03-12")
    assert csv_out.returncode == 0 and csv_out.stdout.startswith("id,")
    ask = _cli(db, "ask", "How many Pakistani people were taken hostage?", "--format", "json")
    assert ask.returncode == 0 and json.loads(ask.stdout)["found"]
    bad = _cli(db, "events", "--since", "March")
    assert bad.returncode == 2


def test_brief_writes_file_and_config(store, tmp_path, monkeypatch, capsys):
    import argparse

    from sitroom.cli_picture import run_picture

    room, _, _ = store
    out = tmp_path / "brief.md"
    args = argparse.Namespace(
        command="brief",
        query=None,
        since="2025-03-12",
        until=None,
        query_opt=None,
        theatre=None,
        top=20,
        format="md",
        output=str(out),
    )
    assert run_picture(room, args) == 0
    assert str(out) in capsys.readouterr().out
    text = out.read_text()
    assert text.startswith("# Situation brief") and "since 2025-03-12" in text
    config = json.loads(Path(str(out) + ".config.json").read_text())
    assert config["brief"]["since"] == "2025-03-12" and config["brief"]["format"] == "md"
    assert config["settings"]["db"] == room.settings.db
