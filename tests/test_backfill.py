"""Backfill on a real local Dask cluster (2 worker processes on this machine), against a plain
`ingest` of the same files: same documents, claims, copies, failures and measures; a killed
worker's partitions run again elsewhere with nothing lost or duplicated; a crashed run resumed."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from conftest import voa_records, write_jsonl

from sitroom import Sitroom
from sitroom.backfill.run import backfill

pytest.importorskip("distributed")

N_STORIES = 10


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two shards: 10 VOA stories, a republished copy of one of them in the other shard (found
    across partitions), a bad line and a blank line."""
    folder = tmp_path_factory.mktemp("backfill-inputs") / "shards"
    folder.mkdir()
    recs = voa_records()[:N_STORIES]
    copy = {
        **recs[1],
        "id": "copy-1",
        "url": "https://example.org/republished",
        "source": "Example Wire",
        "text": "Republished with permission.\n\n" + recs[1]["text"] + "\n\nAll rights reserved.",
    }
    write_jsonl(folder / "part-000.jsonl", recs[:5])
    lines = [json.dumps(r) for r in [*recs[5:], copy]]
    lines[2:2] = ["{not json", ""]
    (folder / "part-001.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = str(tmp_path_factory.mktemp("ingest") / "ingest.db")
    report = Sitroom(db=db).ingest([str(inputs)])
    assert report.stored == N_STORIES + 1 and report.copies == 1 and len(report.failed) == 1
    return snapshot(db)


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    with Client(cluster) as c:
        yield c
    cluster.close()


def snapshot(db: str) -> dict:
    """Everything a backfill must store as `ingest` does (not run times or run records)."""
    con = sqlite3.connect(db)
    queries = {
        "documents": "SELECT id, origin, status, error, copy_of, copy_similarity, version_of, "
        "superseded_by, source_id, published_at, language, title, url, text FROM documents",
        "claims": "SELECT * FROM claims",
        "sources": "SELECT * FROM sources",
        "entities": "SELECT * FROM entities",
        "places": "SELECT * FROM places",
        "failures": "SELECT id, origin, reason FROM failures",
        "copy_bands": "SELECT band, hash, doc_id FROM copy_bands",
        "measures": "SELECT id FROM measures",
        "observations": "SELECT id, measure_id, claim_id FROM observations",
        "pending": "SELECT doc_id FROM pending_reconcile",
    }
    out = {name: sorted(map(repr, con.execute(q))) for name, q in queries.items()}
    con.close()
    return out


def test_backfill_stores_what_ingest_stores(inputs, ingested, client, tmp_path) -> None:
    db = str(tmp_path / "bf.db")
    room = Sitroom(db=db)
    report = backfill(room, [str(inputs)], client=client, partitions=4)
    assert report.partitions >= 4 and len(set(report.ran_on.values())) == 2  # both workers
    assert (report.stored, report.copies, report.failed) == (N_STORIES + 1, 1, 1)
    got = snapshot(db)
    for table, rows in ingested.items():
        assert got[table] == rows, table
    assert len(got["documents"]) == N_STORIES + 1 and got["claims"] and got["measures"]
    assert not got["pending"]

    again = backfill(room, [str(inputs)], client=client)  # a re-run adds nothing
    assert (again.stored, again.skipped, again.claims) == (0, N_STORIES + 1, 0)
    assert snapshot(db) == got


def test_killed_worker_partitions_run_again(inputs, ingested, client, tmp_path) -> None:
    db = str(tmp_path / "killed.db")
    killed: dict = {}

    def kill_a_busy_worker(done: int, total: int, seconds: float) -> None:
        if killed:
            return
        busy = {addr: keys for addr, keys in client.processing().items() if keys}
        if not busy:
            return
        addr, keys = next(iter(busy.items()))
        pid = client.run(os.getpid, workers=[addr])[addr]
        os.kill(pid, signal.SIGKILL)
        killed.update(pid=pid, parts=[int(k.rsplit("-", 1)[1]) for k in keys])

    report = backfill(
        Sitroom(db=db), [str(inputs)], client=client, partitions=13, progress=kill_a_busy_worker
    )
    assert killed["parts"], "a worker was killed while it had partitions"
    for index in killed["parts"]:
        assert not report.ran_on[index].endswith(f":{killed['pid']}")  # ran again elsewhere
    assert report.partitions_failed == 0
    assert snapshot(db) == ingested  # nothing lost, nothing twice


def test_resumed_run_finishes_the_rest(inputs, ingested, client, tmp_path) -> None:
    db = str(tmp_path / "resumed.db")

    class Crash(Exception):
        pass

    def crash_after_two(done: int, total: int, seconds: float) -> None:
        if done >= 2:
            raise Crash

    with pytest.raises(Crash):
        backfill(
            Sitroom(db=db), [str(inputs)], client=client, partitions=13, progress=crash_after_two
        )
    first = len(snapshot(db)["documents"])
    assert 0 < first < N_STORIES + 1

    report = backfill(Sitroom(db=db), [str(inputs)], client=client)
    assert report.skipped == first and report.stored == N_STORIES + 1 - first
    assert snapshot(db) == ingested


def test_parquet_shard_reads_the_same_documents(inputs, tmp_path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from sitroom.backfill.inputs import cut, read_partition, scan
    from sitroom.ingest.base import ReaderSettings

    recs = voa_records()[:5]
    pq.write_table(pa.Table.from_pylist(recs), tmp_path / "part.parquet", row_group_size=2)
    files, failed = scan([str(tmp_path / "part.parquet"), str(inputs / "part-000.jsonl")])
    assert not failed and [f.rows for f in files] == [5, 5]
    by_kind: dict[str, list] = {}
    for part in cut(files, 3):
        for doc in read_partition(part, ReaderSettings()):
            by_kind.setdefault(part.kind, []).append(doc)
    assert [d.origin.rsplit("#", 1)[1] for d in by_kind["parquet"]] == ["1", "2", "3", "4", "5"]
    assert [d.text for d in by_kind["parquet"]] == [d.text for d in by_kind["jsonl"]]
    assert [d.url for d in by_kind["parquet"]] == [r["url"] for r in recs]


def test_cli_backfill_end_to_end(inputs, tmp_path) -> None:
    from faults import one_line_error, sitroom

    db = str(tmp_path / "cli.db")
    shard = write_jsonl(tmp_path / "two.jsonl", voa_records()[:2])
    proc = sitroom("--db", db, "backfill", str(shard), "--workers", "1", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["stored"], out["rows"], out["workers"]) == (2, 2, 1) and out["claims"] > 0
    assert "backfill: 2/2 rows (100.0%)" in proc.stderr and "Traceback" not in proc.stderr
    ids = {r[0] for r in sqlite3.connect(db).execute("SELECT id FROM documents")}
    assert len(ids) == 2

    bad = sitroom("--db", db, "backfill", str(shard), "--engine", "dask")
    assert "--address" in one_line_error(bad, 2)


class KillOn:
    """A stand-in pipeline that kills its own worker process on a text containing `marker`."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __call__(self, raws: list, doc_ids: list[str]) -> list:
        from sitroom.nlp.pipeline import ExtractionResult

        if any(self.marker in raw.text for raw in raws):
            os.kill(os.getpid(), signal.SIGKILL)
        return [ExtractionResult([], "extracted", None) for _ in raws]


def _install(nlp, marker: str):  # noqa: ANN202 - a WorkerPlugin
    from distributed.diagnostics.plugin import WorkerPlugin

    class StandIn(WorkerPlugin):
        name = "test-stand-in-pipeline"

        def setup(self, worker) -> None:  # noqa: ANN001 - also in a worker that replaced a dead one
            from sitroom.backfill import worker as w

            w._PIPELINES[repr(nlp)] = KillOn(marker)

    return StandIn()


@pytest.mark.slow
def test_a_record_that_kills_every_worker_fails_alone(tmp_path) -> None:
    import sys

    import cloudpickle
    import dask
    from distributed import Client, LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the stand-in, in the workers
    texts = [f"Report number {i} from the front, with enough words to read." for i in range(8)]
    texts[5] = "POISON " + texts[5]
    shard = write_jsonl(tmp_path / "poison.jsonl", [{"text": t} for t in texts])
    room = Sitroom(db=str(tmp_path / "poison.db"))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, dashboard_address=":0", silence_logs=logging.ERROR
        )
        with Client(cluster) as c:
            c.register_plugin(_install(room.settings.nlp, "POISON"))
            report = backfill(room, [str(shard)], client=c, partitions=2)
        cluster.close()
    assert report.stored == 7 and report.partitions_failed == 1
    failures = {f["origin"]: f["reason"] for f in room.failures()}
    assert list(failures) == [f"{shard}#6"]
    assert "every worker that ran this record died" in failures[f"{shard}#6"]
