"""Extraction on several cores: a pool of forked workers, each running the whole pipeline.

The parent loads the model, gazetteer and actor data once (`warm`), then forks, so workers
start at once and share those pages. Batches are submitted in order within a bounded window,
and results come back in input order, so the store sees documents as they were read.

A worker that dies (killed, crashed, out of memory) breaks the whole pool and every batch in
flight with it. Nothing is lost: the pool is started again and the batches in flight are redone
one at a time; a batch that kills its worker again is redone document by document, and only a
document that kills its worker alone as well becomes a failure with a reason.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from sitroom.errors import ExtractionError
from sitroom.nlp.types import Block, RawDocument

_WORKER = None  # the pipeline inside a worker process


def _init(pipeline, parent: int) -> None:  # noqa: ANN001 - a Pipeline, inherited through fork
    global _WORKER
    _WORKER = pipeline
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive an ingest that was killed: ask Linux for SIGTERM when the
    parent dies (PR_SET_PDEATHSIG), and leave at once if it is already gone."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still applies
        return
    if os.getppid() != parent:
        os._exit(0)


def _extract(raws: list[RawDocument], doc_ids: list[str]) -> list:
    return _WORKER(raws, doc_ids)


def warm(pipeline) -> None:  # noqa: ANN001
    """Load everything lazy (model, gazetteer, actors) before forking."""
    text = "Militants attacked a train in Kyiv on Tuesday, killing 3 people."
    pipeline([RawDocument(text, [Block("paragraph", 0, len(text))], "warm-up", "txt")], ["w"])


def extract_in_pool(
    pipeline,  # noqa: ANN001 - a Pipeline
    batches: Iterable[tuple[list[RawDocument], list[str]]],
    workers: int,
) -> Iterator[list]:
    """Results of each batch (one entry per document), in input order."""
    warm(pipeline)
    pool = _Pool(pipeline, workers)
    window: deque[tuple[list[RawDocument], list[str], Future]] = deque()
    try:
        for raws, doc_ids in batches:
            window.append((raws, doc_ids, pool.submit(raws, doc_ids)))
            if len(window) >= 2 * workers:
                yield from _drain(pool, window, keep=2 * workers - 1)
        yield from _drain(pool, window, keep=0)
    finally:
        pool.close()


def _drain(pool: _Pool, window: deque, keep: int) -> Iterator[list]:
    """Results of the oldest batches until `keep` are left in flight."""
    while len(window) > keep:
        try:
            result = window[0][2].result()
        except BrokenProcessPool:
            lost = list(window)  # a dead worker takes every batch in flight with it
            window.clear()
            pool.restart()
            for raws, doc_ids, _ in lost:
                yield pool.careful(raws, doc_ids)
            return
        except Exception as exc:  # noqa: BLE001 - the batch failed as a whole in its worker
            result = [ExtractionError(f"extraction failed: {exc}")] * len(window[0][0])
        window.popleft()
        yield result


class _Pool:
    """A process pool that can be started again after a worker died."""

    def __init__(self, pipeline, workers: int) -> None:  # noqa: ANN001
        self.pipeline, self.workers = pipeline, workers
        self.restarts = 0
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init,
            initargs=(self.pipeline, os.getpid()),
        )

    def submit(self, raws: list[RawDocument], doc_ids: list[str]) -> Future:
        try:
            return self.executor.submit(_extract, raws, doc_ids)
        except BrokenProcessPool as exc:  # broke before this batch went in: handled as lost
            lost: Future = Future()
            lost.set_exception(exc)
            return lost

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.restarts += 1
        self.executor = self._start()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def careful(self, raws: list[RawDocument], doc_ids: list[str]) -> list:
        """One batch alone; if its worker dies again, each document alone; a document whose
        worker dies alone too is a failure."""
        try:
            return self.submit(raws, doc_ids).result()
        except BrokenProcessPool:
            self.restart()
        except Exception as exc:  # noqa: BLE001 - the batch failed as a whole in its worker
            return [ExtractionError(f"extraction failed: {exc}")] * len(raws)
        out: list = []
        for raw, doc_id in zip(raws, doc_ids, strict=True):
            try:
                out.extend(self.submit([raw], [doc_id]).result())
            except Exception as exc:  # noqa: BLE001
                if not isinstance(exc, BrokenProcessPool):
                    out.append(ExtractionError(f"extraction failed: {exc}", subject=raw.origin))
                    continue
                self.restart()
                out.append(
                    ExtractionError(
                        "the extraction worker died on this document again when retried alone "
                        "(killed, crashed or out of memory); stored without claims",
                        subject=raw.origin,
                    )
                )
        return out
