"""Extraction on several cores: a pool of forked workers, each running the whole pipeline.

The parent loads the model, gazetteer and actor data once (`warm`), then forks, so workers
start at once and share those pages. Batches are submitted in order within a bounded window,
and results come back in input order, so the store sees documents as they were read.
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
    context = multiprocessing.get_context("fork")
    window: deque[tuple[int, Future]] = deque()
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init, initargs=(pipeline, os.getpid())
    ) as pool:
        for raws, doc_ids in batches:
            window.append((len(raws), pool.submit(_extract, raws, doc_ids)))
            if len(window) >= 2 * workers:
                yield _result(*window.popleft())
        while window:
            yield _result(*window.popleft())


def _result(size: int, future: Future) -> list:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        error = ExtractionError(f"extraction worker died: {exc}")
        return [error] * size
