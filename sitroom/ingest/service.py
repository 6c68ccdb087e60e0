"""The ingest stage: readers -> dedup/versioning -> copy detection -> extraction -> store.

One bad document never stops a batch: read failures and extraction failures are recorded and
the batch goes on. Each document is committed in its own transaction, so a killed process loses
at most the document in flight.
"""

from __future__ import annotations

import itertools
import json
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter
from urllib.parse import urlparse

from sitroom import ids
from sitroom.config import Settings
from sitroom.ingest.base import FailedInput
from sitroom.ingest.completion import INCOMPLETE, completion_row, outcome, store_extraction
from sitroom.ingest.copies import StoredCopyIndex, signature
from sitroom.nlp.attribution.statements import adopt_same_statements
from sitroom.nlp.types import RawDocument
from sitroom.store.db import Store, now_iso


@dataclass
class IngestReport:
    """What one ingest run did. `failed` holds (origin, reason) pairs."""

    stored: int = 0
    unchanged: int = 0
    versions: int = 0
    copies: int = 0
    claims: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    extraction_failed: int = 0
    completed: int = 0  # stored before without claims (pending or failed), extracted now
    not_extracted: list[tuple[str, str]] = field(default_factory=list)
    doc_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0
    reconciled: dict = field(default_factory=dict)  # families / measures recomputed

    def as_dict(self) -> dict:
        return {
            "stored": self.stored,
            "unchanged": self.unchanged,
            "new_versions": self.versions,
            "copies": self.copies,
            "claims": self.claims,
            "failed": [{"origin": o, "reason": r} for o, r in self.failed],
            "extraction_failed": self.extraction_failed,
            "completed": self.completed,
            "not_extracted": [{"origin": o, "reason": r} for o, r in self.not_extracted],
            "seconds": round(self.seconds, 3),
        }

    @property
    def outcome(self) -> str:
        """'ok' (everything stored), 'failed' (inputs failed and nothing was stored or already
        there) or 'partial' (some inputs or extractions failed, the rest stored)."""
        if not self.failed and not self.extraction_failed:
            return "ok"
        if self.failed and not (self.stored or self.unchanged):
            return "failed"
        return "partial"


def parse_dct(published_at: str | None) -> date | None:
    """The publication date as a date, or None when unknown, unparseable or implausible
    (outside the years 1800-2999: a '9999-12-31' in a feed's metadata made date arithmetic
    overflow and the whole extraction fail)."""
    if not published_at:
        return None
    try:
        day = date.fromisoformat(published_at[:10])
    except ValueError:
        return None
    return day if 1800 <= day.year <= 2999 else None


def document_row(raw, doc_id: str, sig, src: dict | None, original, previous, status: str) -> dict:
    """The `documents` row of one read document: the one shape `ingest` and `backfill` store.
    `original` is (copy_of id, similarity) or None; `previous` the id this is a version of."""
    return {
        "id": doc_id,
        "url": raw.url,
        "external_id": raw.external_id,
        "title": raw.title,
        "source_id": src["id"] if src else None,
        "published_at": raw.published_at,
        "published_how": raw.published_how,
        "retrieved_at": now_iso(),
        "language": raw.language,
        "text": raw.text,
        "blocks": json.dumps([[b.kind, b.start, b.end] for b in raw.blocks]),
        "origin": raw.origin,
        "fmt": raw.fmt,
        "status": status,
        "copy_of": original[0] if original else None,
        "copy_similarity": round(original[1], 3) if original else None,
        "version_of": previous,
        "minhash": sig,
    }


def source_row(outlet: str | None, url: str | None) -> dict | None:
    domain = urlparse(url).netloc.lower().removeprefix("www.") if url else None
    name = outlet or domain
    if not name:
        return None
    return {"id": ids.slug(name), "name": name, "kind": "outlet", "domain": domain}


class Ingester:
    """Runs one batch of inputs into the store. `extract` maps documents to claim rows."""

    def __init__(self, store: Store, settings: Settings, extract: Callable | None) -> None:
        self.store = store
        self.settings = settings
        self.extract = extract
        self.copies = StoredCopyIndex(store)  # LSH bands indexed in the store

    def run(
        self, items: Iterable[RawDocument | FailedInput], tick: Callable[[], None] | None = None
    ) -> IngestReport:
        report = IngestReport()
        started = perf_counter()
        batches = self._batches(items, report, tick)
        for batch, results in self._extracted(batches):
            for row, result in zip(batch, results, strict=True):
                self._store_one(row, result, report)
            self._reconcile([row["id"] for row in batch], report)
        report.seconds = perf_counter() - started
        return report

    def reextract(self, rows: Iterable[dict]) -> IngestReport:
        """Extract stored documents again (rows from `completion.rows_to_extract`)."""
        report = IngestReport()
        started = perf_counter()
        size = self.settings.nlp.batch_size
        rows = iter(rows)
        batches = iter(lambda: list(itertools.islice(rows, size)), [])
        for batch, results in self._extracted(batches):
            for row, result in zip(batch, results, strict=True):
                store_extraction(self.store, row, result, report)
            self._reconcile([row["id"] for row in batch], report)
        report.seconds = perf_counter() - started
        return report

    def _batches(
        self, items: Iterable, report: IngestReport, tick: Callable[[], None] | None
    ) -> Iterator[list[dict]]:
        """New documents, prepared and grouped in batches; failures recorded on the way."""
        batch: list[dict] = []
        seen: set[str] = set()
        for item in items:
            if isinstance(item, FailedInput):
                self._fail(report, item.origin, item.reason)
            else:
                row = self._prepare(item, report, seen)
                if row is not None:
                    batch.append(row)
            if len(batch) >= self.settings.nlp.batch_size:
                yield batch
                batch = []
            if tick:
                tick()
        if batch:
            yield batch

    def _extracted(self, batches: Iterator[list[dict]]) -> Iterator[tuple[list[dict], list]]:
        """Each batch with its extraction results. More than one batch and n_process > 1:
        the batches go to a pool of worker processes (both cores)."""
        if self.extract is None:
            for batch in batches:
                yield batch, [None] * len(batch)
            return
        first = next(batches, None)
        second = next(batches, None)
        if first is None:
            return
        if second is None or self.settings.nlp.n_process <= 1:
            for batch in (b for b in (first, second) if b):
                yield batch, self._extract_batch(batch)
            for batch in batches:
                yield batch, self._extract_batch(batch)
            return
        from sitroom.nlp.parallel import extract_in_pool

        kept: deque[list[dict]] = deque()

        def work() -> Iterator[tuple[list[RawDocument], list[str]]]:
            for batch in itertools.chain((first, second), batches):
                kept.append(batch)
                yield [row["_raw"] for row in batch], [row["id"] for row in batch]

        for results in extract_in_pool(self.extract, work(), self.settings.nlp.n_process):
            yield kept.popleft(), results

    def _reconcile(self, doc_ids: list[str], report: IngestReport) -> None:
        """Update the stored measures of the families these documents touch, once per batch
        (sitroom.picture.reconcile; `sitroom reconcile` rebuilds them all)."""
        from sitroom.picture.reconcile import reconcile_documents

        done = reconcile_documents(self.store, self.settings, doc_ids)
        for key in ("families", "measures"):
            report.reconciled[key] = report.reconciled.get(key, 0) + done[key]

    def _fail(self, report: IngestReport, origin: str, reason: str) -> None:
        report.failed.append((origin, reason))
        with self.store.begin() as conn:
            self.store.record_failure(conn, ids.failure_id(origin, reason), origin, reason)

    def _prepare(self, raw: RawDocument, report: IngestReport, seen: set[str]) -> dict | None:
        doc_id = ids.document_id(raw.text)
        with self.store.connect() as conn:
            stored = None if doc_id in seen else self.store.extraction_state(conn, doc_id)
            if stored and self.extract is not None and stored["status"] in INCOMPLETE:
                seen.add(doc_id)
                return completion_row(doc_id, raw, stored)
            if doc_id in seen or stored:
                report.unchanged += 1
                report.doc_ids.append(doc_id)
                return None
            previous = self.store.current_version_of(conn, raw.url, raw.external_id)
        sig = signature(raw.text)
        original = (
            None
            if previous
            else self.copies.find_original(sig, self.settings.ingest.copy_threshold)
        )
        seen.add(doc_id)
        if original is None and not previous:
            self.copies.add(doc_id, sig)  # later documents of this same batch can find it
        src = source_row(raw.outlet, raw.url)
        row = document_row(raw, doc_id, sig, src, original, previous, "pending")
        return {**row, "_source": src, "_raw": raw}

    def _extract_batch(self, batch: list[dict]) -> list:
        if self.extract is None:
            return [None] * len(batch)
        return self.extract([row["_raw"] for row in batch], [row["id"] for row in batch])

    def _store_one(self, row: dict, result, report: IngestReport) -> None:  # noqa: ANN001
        if row.get("_complete"):
            store_extraction(self.store, row, result, report)
            return
        raw, src = row.pop("_raw"), row.pop("_source")
        claims, status, error, version, refs = outcome(result)
        if status == "extraction_failed":
            report.extraction_failed += 1
        if status not in ("extracted", "pending"):
            report.not_extracted.append((raw.origin, error or status))
        row.update(status=status, error=error, extractor_version=version)
        if raw.notes:  # what the reader repaired (e.g. invalid UTF-8 bytes) stays with the document
            row["error"] = "; ".join([*raw.notes, *([error] if error else [])])
        with self.store.begin() as conn:
            if self.store.has_document(conn, row["id"]):  # another process stored it meanwhile
                report.unchanged += 1
                report.doc_ids.append(row["id"])
                return
            # the latest version now, under the write lock (another writer may have added one)
            row["version_of"] = self.store.current_version_of(conn, row["url"], row["external_id"])
            if src:
                self.store.upsert(conn, "sources", src, keep=("reliability", "graded_by", "note"))
            for table, ref_rows in refs.items():
                for ref in ref_rows:
                    self.store.upsert(conn, table, ref)
            self.store.insert_document(conn, row)
            adopt_same_statements(conn, claims, row.get("published_at"), row["id"])
            self.store.replace_claims(conn, row["id"], claims)
            self.store.mark_pending_reconcile(conn, row["id"])
        report.stored += 1
        report.versions += bool(row["version_of"])
        report.copies += bool(row["copy_of"])
        report.claims += len(claims)
        report.doc_ids.append(row["id"])
