"""Extraction workers that die (killed from outside, or on a poisonous document) lose nothing:
the pool starts again and redoes the batches in flight; only a document that kills its worker
every time becomes a failure with a reason. Real forked worker processes, real SIGKILLs."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from sitroom.errors import ExtractionError
from sitroom.nlp.parallel import extract_in_pool
from sitroom.nlp.types import Block, RawDocument


def doc(text: str) -> RawDocument:
    return RawDocument(text, [Block("paragraph", 0, len(text))], f"test#{text}", "txt")


class Upper:
    """A stand-in pipeline (a plain function of the text), which kills its own worker process
    on the texts `kill_on` names: always, or only the first time when `once` (a marker file)."""

    def __init__(self, kill_on: str, once: Path | None = None) -> None:
        self.kill_on, self.once, self.parent = kill_on, once, os.getpid()

    def __call__(self, raws: list[RawDocument], doc_ids: list[str]) -> list:
        for raw in raws:
            if raw.text == self.kill_on and os.getpid() != self.parent:
                if self.once is None or not self.once.exists():
                    if self.once is not None:
                        self.once.touch()
                    os.kill(os.getpid(), signal.SIGKILL)
        return [raw.text.upper() for raw in raws]


def batches(texts: list[str], size: int) -> list[tuple[list[RawDocument], list[str]]]:
    return [
        ([doc(t) for t in texts[i : i + size]], [f"d{j}" for j in range(i, i + size)])
        for i in range(0, len(texts), size)
    ]


TEXTS = [f"document {i}" for i in range(40)]


def test_a_worker_killed_once_loses_nothing(tmp_path: Path) -> None:
    pipeline = Upper("document 13", once=tmp_path / "killed")
    results = [r for batch in extract_in_pool(pipeline, batches(TEXTS, 4), 2) for r in batch]
    assert (tmp_path / "killed").exists()  # the worker really died
    assert results == [t.upper() for t in TEXTS]


def test_a_document_that_always_kills_its_worker_fails_alone() -> None:
    results = [
        r for batch in extract_in_pool(Upper("document 22"), batches(TEXTS, 4), 2) for r in batch
    ]
    failed = [i for i, r in enumerate(results) if isinstance(r, ExtractionError)]
    assert failed == [22]
    assert "died on this document again when retried alone" in str(results[22])
    assert all(r == t.upper() for r, t in zip(results, TEXTS, strict=True) if r is not results[22])
