"""A backfill run: partitions -> Dask workers (extraction) -> the one writer -> reconcile.

Contract of `backfill(room, paths, ...)`:
- engine 'local' starts a Dask LocalCluster of `workers` processes on this machine (one thread
  each); engine 'dask' connects to the scheduler at `address` (a cluster the user runs; its
  workers need sitroom installed and the input paths readable). A `client` given is used as is.
- At most `2 x workers + 2` partitions are in flight; results are written in input order
  (later ones wait), so copy and version decisions are the ones a plain `ingest` of the same
  files makes, and the client's memory is bounded whatever the input size.
- A task whose worker dies is run again by Dask on another worker (`distributed`'s
  allowed-failures); a partition that kills workers every time is recorded as one failure and
  the run goes on. Nothing is written twice: the writer skips ids already stored.
- Resume: rows whose document is already stored and extracted (found by origin `path#N`,
  checked against the text's id in the worker) are skipped, so after a crash the same command
  finishes the rest.
- reconcile 'end' (default; measured faster, docs/scale.md) updates the stored measures once
  after the last write; 'batch' after every partition. Either way only in this process.
Raises ConfigError for bad options or an unreachable scheduler; never for one bad input.
"""

from __future__ import annotations

import itertools
import logging
import math
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import replace
from time import perf_counter

from sqlalchemy import select

from sitroom.backfill.inputs import InputFile, Partition, cut, scan
from sitroom.backfill.writer import BackfillReport, Writer
from sitroom.errors import ConfigError
from sitroom.store import schema as S
from sitroom.store.db import Store, now_iso

ENGINES = ("local", "dask")
RECONCILE = ("end", "batch")
DONE = ("extracted", "skipped_empty", "skipped_language")
MAX_ROWS_PER_PARTITION = 100  # default: ~10 s of one worker's time; one writer transaction

Progress = Callable[[int, int, float], None]  # (rows done, rows in all, seconds so far)


def backfill(  # noqa: PLR0913
    room,  # noqa: ANN001 - a Sitroom
    paths: list[str],
    *,
    engine: str = "local",
    address: str | None = None,
    workers: int = 2,
    partitions: int | None = None,
    reconcile: str = "end",
    client=None,  # noqa: ANN001 - a distributed.Client to use as is
    progress: Progress | None = None,
    on_result: Callable | None = None,  # (Partition, PartitionResult) after it is written
) -> BackfillReport:
    _check(engine, address, workers, partitions, reconcile)
    started, began = perf_counter(), now_iso()
    report = BackfillReport(engine=engine)
    files, failed = scan(paths)
    report.rows = sum(f.rows for f in files)
    writer = Writer(room.store, room.settings, report)
    if failed:
        writer.write([("failed", f.origin, f.reason) for f in failed])
    own = None
    if client is None:
        client, own = _connect(engine, address, workers)
    try:
        report.workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        parts = _with_skips(room.store, files, _size(report.rows, partitions, report.workers))
        report.partitions = len(parts)
        hooks = (progress, on_result)
        _run(client, parts, room.settings, writer, reconcile, report, hooks, started)
    finally:
        if own is not None:
            _close(client, own)
    if reconcile == "end":
        _reconcile(writer, [], report)
    report.seconds = perf_counter() - started
    room.store.record_run(
        "r" + uuid.uuid4().hex[:16],
        "backfill",
        room.settings.resolved(),
        {"started_at": began, "paths": list(paths), **report.as_dict()},
    )
    return report


def _check(engine, address, workers, partitions, reconcile) -> None:  # noqa: ANN001
    if engine not in ENGINES:
        raise ConfigError(f"engine must be one of {', '.join(ENGINES)}", subject=engine)
    if engine == "dask" and not address:
        raise ConfigError(
            "--engine dask needs --address (the scheduler, e.g. tcp://10.0.0.5:8786)",
            subject="--address",
        )
    if workers < 1:
        raise ConfigError("must be at least 1", subject=f"--workers {workers}")
    if partitions is not None and partitions < 1:
        raise ConfigError("must be at least 1", subject=f"--partitions {partitions}")
    if reconcile not in RECONCILE:
        raise ConfigError("must be end or batch", subject=f"--reconcile {reconcile}")


def _size(rows: int, partitions: int | None, workers: int) -> int:
    """Rows per partition: as asked (`partitions`), else enough partitions to keep every worker
    busy (4 per worker) and at most MAX_ROWS_PER_PARTITION rows each."""
    if partitions:
        return max(1, math.ceil(rows / partitions))
    return max(1, min(MAX_ROWS_PER_PARTITION, math.ceil(rows / (4 * workers))))


def _connect(engine: str, address: str | None, workers: int):  # noqa: ANN202
    """(client, the cluster this run started or True for a remote client it opened)."""
    from distributed import Client, LocalCluster

    if engine == "local":
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # no fixed port (the dashboard needs bokeh anyway)
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster
    try:
        return Client(address, timeout="20s"), True
    except (OSError, TimeoutError, ValueError) as exc:
        raise ConfigError(f"cannot reach the Dask scheduler ({exc})", subject=address) from exc


def _close(client, own) -> None:  # noqa: ANN001
    client.close()
    if own is not True:
        own.close()


def _with_skips(store: Store, files: list[InputFile], size: int) -> list[Partition]:
    """The partitions, each with the rows already stored and extracted (a resumed run)."""
    parts = cut(files, size)
    done = {f.path: _done_rows(store, f.path) for f in files if f.kind != "json"}
    out = []
    for p in parts:
        rows = done.get(p.path)
        if rows:
            skip = {n: rows[n] for n in range(p.first, p.first + p.rows) if n in rows}
            p = replace(p, skip=skip) if skip else p
        out.append(p)
    return out


def _done_rows(store: Store, path: str) -> dict[int, str]:
    """Row number -> id of the documents stored and extracted from `path` (origin `path#N`):
    an indexed range read on documents.origin (SQLite compares bytes; PostgreSQL's collations
    may not, so there a LIKE on the prefix)."""
    d = S.documents.c
    prefix = f"{path}#"
    if getattr(store, "is_pg", False):
        where = d.origin.startswith(prefix, autoescape=True)
    else:
        where = (d.origin >= prefix) & (d.origin < f"{path}$")
    q = select(d.origin, d.id).where(where, d.status.in_(DONE))
    out: dict[int, str] = {}
    with store.connect() as conn:
        for origin, doc_id in conn.execute(q):
            tail = origin[len(prefix) :]
            if origin.startswith(prefix) and tail.isdigit():
                out[int(tail)] = doc_id
    return out


def _run(client, parts, settings, writer, reconcile, report, hooks, started) -> None:  # noqa: ANN001, PLR0913
    progress, on_result = hooks
    from sitroom.backfill.worker import PipelineLoader, extract_partition

    client.register_plugin(PipelineLoader(settings.nlp))
    token = uuid.uuid4().hex[:8]
    window = 2 * report.workers + 2
    todo = iter(parts)
    flight: deque = deque()
    done_rows = 0

    def submit(part: Partition, key: str):  # noqa: ANN202 - a distributed.Future
        args = (extract_partition, part, settings.nlp, settings.ingest)
        return client.submit(*args, key=f"sitroom-backfill-{token}-{key}", retries=1)

    def write(part: Partition, result) -> None:  # noqa: ANN001 - a PartitionResult
        touched = writer.write(list(result.items))
        report.skipped += result.skipped
        report.worker_cpu_s += result.cpu_s
        report.worker_wall_s += result.wall_s
        report.ran_on[part.index] = result.worker
        if reconcile == "batch" and touched:
            _reconcile(writer, touched, report)
        if on_result:
            on_result(part, result)

    for part in itertools.islice(todo, window):
        flight.append((part, submit(part, str(part.index))))
    while flight:
        part, future = flight.popleft()
        try:
            result = future.result()
        except Exception as exc:  # noqa: BLE001 - a partition whose workers died, or a bug
            if _killed(exc) and part.rows > 1 and part.kind != "json":
                _row_by_row(part, submit, write, writer, report)
            else:
                writer.write([("failed", part.label(), _why(exc, "partition"))])
                report.partitions_failed += 1
        else:
            write(part, result)
        future.release()
        done_rows += part.rows
        for nxt in itertools.islice(todo, 1):
            flight.append((nxt, submit(nxt, str(nxt.index))))
        if progress:
            progress(done_rows, report.rows, perf_counter() - started)


def _row_by_row(part: Partition, submit, write, writer: Writer, report: BackfillReport) -> None:  # noqa: ANN001
    """A partition that killed every worker it ran on, run again one row per task; a row whose
    task failed (its worker died, maybe killed by another row) runs once more alone, and only a
    row that kills its worker alone too becomes a failure (like `ingest`'s worker pool)."""
    futures = [(row, submit(row, f"{part.index}-{row.first}")) for row in _rows_of(part)]
    for row, future in futures:
        for attempt in (1, 2):
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001
                future.release()
                if attempt == 1 and _killed(exc):
                    future = submit(row, f"{part.index}-{row.first}-alone")
                    continue
                writer.write([("failed", f"{part.path}#{row.first}", _why(exc, "record"))])
            else:
                write(row, result)
            break
        future.release()
    report.partitions_failed += 1


def _rows_of(part: Partition) -> list[Partition]:
    """One partition per row (JSONL: the line's bytes, found again in the partition's range)."""
    if part.kind == "parquet":
        offsets = [(0, 0)] * part.rows
    else:
        with open(part.path, "rb") as fh:
            fh.seek(part.start)
            data = fh.read(part.end - part.start)
        ends = [i + 1 for i, byte in enumerate(data) if byte == 10]  # each line's end
        ends = (ends + [len(data)])[: part.rows]
        starts = [0, *ends[:-1]]
        offsets = [(part.start + a, part.start + b) for a, b in zip(starts, ends, strict=True)]
    skip = part.skip
    return [
        replace(
            part,
            first=part.first + i,
            rows=1,
            start=start,
            end=end,
            skip={n: v for n, v in skip.items() if n == part.first + i},
        )
        for i, (start, end) in enumerate(offsets)
    ]


def _killed(exc: BaseException) -> bool:
    return type(exc).__name__ == "KilledWorker"


def _why(exc: BaseException, what: str) -> str:
    if _killed(exc):
        return (
            f"every worker that ran this {what} died (killed, crashed or out of memory); "
            "it was not stored - run the backfill again to retry it"
        )
    return f"the {what} failed in its worker ({type(exc).__name__}: {exc})"


def _reconcile(writer: Writer, doc_ids: list[str], report: BackfillReport) -> None:
    """Update the stored measures of these documents and of every document still pending
    (this run's, or an earlier killed run's), in this process."""
    from sitroom.picture.reconcile import reconcile_documents

    t0 = perf_counter()
    done = reconcile_documents(writer.store, writer.settings, doc_ids)
    report.reconcile_s += perf_counter() - t0
    for key in ("families", "measures"):
        report.reconciled[key] = report.reconciled.get(key, 0) + done[key]
