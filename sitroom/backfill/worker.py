"""What runs inside an engine's workers: read one partition, extract it, return rows to write.

The pipeline (spaCy model, gazetteer, actor data) is loaded once per worker process: the
`PipelineLoader` worker plugin loads it when the worker starts (and again in a worker that
replaced a dead one), and `extract_partition` finds it in this module's cache. Workers never
touch the store: everything they make goes back to the one writer (`sitroom.backfill.writer`).

`extract_partition` returns a `PartitionResult`: per row, in file order, either
("failed", origin, reason) or ("doc", doc_id, RawDocument, MinHash signature, extraction
result), plus the worker's CPU and wall seconds (the per-article cost the scale model uses).
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field

from sitroom.backfill.inputs import Partition, read_partition
from sitroom.config import IngestSettings, NlpSettings

_PIPELINES: dict = {}  # NlpSettings -> Pipeline, per worker process
_LOADING = threading.Lock()  # the plugin loads in a thread while a first task may ask too


@dataclass
class PartitionResult:
    index: int
    items: list = field(default_factory=list)
    rows: int = 0  # rows of the partition (read or skipped)
    skipped: int = 0  # rows already stored and extracted (a resumed run)
    cpu_s: float = 0.0  # CPU seconds this worker spent on the partition
    wall_s: float = 0.0
    worker: str = ""


def pipeline_for(nlp: NlpSettings):  # noqa: ANN201 - a warm sitroom.nlp.pipeline.Pipeline
    """This process's pipeline for these settings, loaded and warmed on first use."""
    key = repr(nlp)
    with _LOADING:
        if key not in _PIPELINES:
            from sitroom.nlp.parallel import warm
            from sitroom.nlp.pipeline import Pipeline

            pipeline = Pipeline(nlp)
            warm(pipeline)  # model, gazetteer, actor data loaded now, not in a first partition
            _PIPELINES[key] = pipeline
        return _PIPELINES[key]


def extract_partition(part: Partition, nlp: NlpSettings, ingest: IngestSettings) -> PartitionResult:
    """Read, identify and extract one partition (see module docstring). Never raises for a bad
    record or a failed extraction: those are items of the result."""
    from sitroom import ids
    from sitroom.errors import ExtractionError
    from sitroom.ingest.base import FailedInput, ReaderSettings
    from sitroom.ingest.copies import signature
    from sitroom.ingest.paths import _finish

    wall0, cpu0 = time.perf_counter(), time.process_time()
    reader = ReaderSettings(max_bytes=ingest.max_bytes, max_text_chars=ingest.max_text_chars)
    out = PartitionResult(part.index, rows=part.rows, worker=f"{os.uname().nodename}:{os.getpid()}")
    pending: list[tuple[int, str]] = []  # (index in items, doc id) to extract
    seen: set[str] = set()
    for item in read_partition(part, reader):
        if isinstance(item, FailedInput):
            out.items.append(("failed", item.origin, item.reason))
            continue
        doc_id = ids.document_id(item.text)
        if part.skip and part.skip.get(_row(item.origin)) == doc_id:
            out.skipped += 1
            continue
        item = _finish(item, reader, None, None)
        if isinstance(item, FailedInput):
            out.items.append(("failed", item.origin, item.reason))
            continue
        if doc_id not in seen:  # a text met again in this partition is not extracted twice
            pending.append((len(out.items), doc_id))
            seen.add(doc_id)
        out.items.append(["doc", doc_id, item, signature(item.text), None])
    pipeline = pipeline_for(nlp)
    size = max(1, nlp.batch_size)
    for i in range(0, len(pending), size):
        chunk = pending[i : i + size]
        raws = [out.items[k][2] for k, _ in chunk]
        try:
            results = pipeline(raws, [d for _, d in chunk])
        except Exception as exc:  # noqa: BLE001 - the batch failed as a whole: each doc fails
            results = [ExtractionError(f"extraction failed: {exc}")] * len(chunk)
        for (k, _), result in zip(chunk, results, strict=True):
            out.items[k][4] = result
    out.items = [tuple(it) for it in out.items]
    out.wall_s = time.perf_counter() - wall0
    out.cpu_s = time.process_time() - cpu0
    return out


def _row(origin: str) -> int:
    try:
        return int(origin.rsplit("#", 1)[1])
    except (IndexError, ValueError):
        return -1


try:  # the plugin only exists where dask.distributed is installed
    from distributed.diagnostics.plugin import WorkerPlugin

    class PipelineLoader(WorkerPlugin):
        """Loads the pipeline when a worker starts, so each worker loads it once."""

        name = "sitroom-pipeline"

        def __init__(self, nlp: NlpSettings) -> None:
            self.nlp = nlp

        async def setup(self, worker) -> None:  # noqa: ANN001 - a distributed.Worker
            import asyncio

            # in a thread: loading takes seconds and must not stall the worker's heartbeats
            await asyncio.get_running_loop().run_in_executor(None, pipeline_for, self.nlp)

except ImportError:  # pragma: no cover
    PipelineLoader = None  # type: ignore[assignment,misc]
