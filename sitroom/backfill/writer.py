"""The one writer: the client process alone writes worker results to the SQLite store.

Contract: `Writer.write(result)` stores one partition's rows in ONE transaction, in file order,
with the same decisions `sitroom.ingest.service.Ingester` makes for each document:

- a document whose id is stored and extracted is left alone (`unchanged`): a re-run, a resumed
  run or a task the engine ran twice adds nothing twice (ids are content hashes);
- a stored document still pending or failed gets the new extraction (`completed`);
- a new document is a new version of the stored article with its url or external id, else is
  checked for a near-copy through the store's indexed copy lookup (`copy_bands`, the LSH bands
  of every stored original, plus the originals of this transaction), so copies are found
  across partitions and across runs;
- a bad record is recorded in `failures` (its origin and the reason).

Every stored or completed document is marked pending reconcile in the same transaction; the
stored measures are then updated by `reconcile` (once at the end of a run, or per batch), never
in the workers. A client killed mid-run loses at most the transaction in flight.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from time import perf_counter

from sitroom import ids
from sitroom.config import Settings
from sitroom.ingest.completion import INCOMPLETE, outcome
from sitroom.ingest.copies import StoredCopyIndex
from sitroom.ingest.service import document_row, source_row
from sitroom.nlp.attribution.statements import adopt_same_statements
from sitroom.store.db import Store

KEEP_FAILURES = 50  # failures listed in a report (all are in the store's failures table)


@dataclass
class BackfillReport:
    """What one backfill run did (counts as `IngestReport`, plus rows skipped on resume)."""

    rows: int = 0  # rows of the inputs
    skipped: int = 0  # rows already stored and extracted before this run (resume)
    stored: int = 0
    unchanged: int = 0
    versions: int = 0
    copies: int = 0
    claims: int = 0
    completed: int = 0
    failed: int = 0
    extraction_failed: int = 0
    partitions: int = 0
    partitions_failed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    worker_cpu_s: float = 0.0  # CPU seconds the workers spent (read, hash, extract)
    worker_wall_s: float = 0.0
    writer_s: float = 0.0  # seconds the writer spent in its transactions
    reconcile_s: float = 0.0
    reconciled: dict = field(default_factory=dict)
    seconds: float = 0.0
    workers: int = 0
    engine: str = ""
    ran_on: dict[int, str] = field(default_factory=dict)  # partition -> worker (host:pid)

    def fail(self, origin: str, reason: str, count: bool = True) -> None:
        """Record a failure (`count`: an input failure; else an extraction failure, counted in
        `extraction_failed`)."""
        self.failed += count
        if len(self.failures) < KEEP_FAILURES:
            self.failures.append((origin, reason))

    @property
    def documents(self) -> int:
        """Documents the workers extracted (stored, completed or found stored meanwhile)."""
        return self.stored + self.completed + self.unchanged

    @property
    def outcome(self) -> str:
        if not self.failed and not self.extraction_failed:
            return "ok"
        if self.failed and not (self.stored or self.unchanged or self.skipped or self.completed):
            return "failed"
        return "partial"

    def as_dict(self) -> dict:
        per_doc = self.worker_cpu_s / self.documents if self.documents else None
        return {
            "engine": self.engine,
            "workers": self.workers,
            "rows": self.rows,
            "skipped_already_stored": self.skipped,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "completed": self.completed,
            "new_versions": self.versions,
            "copies": self.copies,
            "claims": self.claims,
            "failed": self.failed,
            "extraction_failed": self.extraction_failed,
            "partitions": self.partitions,
            "partitions_failed": self.partitions_failed,
            "failures": [{"origin": o, "reason": r} for o, r in self.failures],
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.documents / self.seconds, 2) if self.seconds else None,
            "worker_cpu_s_per_article": round(per_doc, 4) if per_doc else None,
            "writer_s": round(self.writer_s, 3),
            "writer_articles_per_s": (
                round(self.documents / self.writer_s, 1) if self.writer_s else None
            ),
            "reconcile_s": round(self.reconcile_s, 3),
            "reconciled": self.reconciled,
        }


class Writer:
    """Writes partition results to `store` (see module docstring)."""

    def __init__(self, store: Store, settings: Settings, report: BackfillReport) -> None:
        self.store = store
        self.settings = settings
        self.report = report
        # reference rows (sources, places, entities) as this writer last wrote them: the same
        # row again is not written again (an upsert is a select and an update, ~40% of the
        # writer's time on a news archive, where the same places and actors recur)
        self._written: dict[tuple[str, str], dict] = {}

    def _upsert(self, conn, table: str, row: dict, keep: tuple[str, ...] = ()) -> None:  # noqa: ANN001
        key = (table, row["id"])
        if self._written.get(key) != row:
            self.store.upsert(conn, table, row, keep=keep)
            self._written[key] = dict(row)

    def write(self, items: list[tuple]) -> list[str]:
        """Store one partition's items in one transaction; the ids stored or completed."""
        started = perf_counter()
        copies = StoredCopyIndex(self.store)  # its in-memory part: this transaction's originals
        touched: list[str] = []
        try:
            with self.store.begin() as conn:
                for item in items:
                    self._one(conn, item, copies, touched)
        except BaseException:
            self._written.clear()  # rolled back: what it wrote is not in the store
            raise
        self.report.writer_s += perf_counter() - started
        return touched

    def _one(self, conn, item: tuple, copies: StoredCopyIndex, touched: list[str]) -> None:  # noqa: ANN001
        if item[0] == "failed":
            _, origin, reason = item
            self.report.fail(origin, reason)
            self.store.record_failure(conn, ids.failure_id(origin, reason), origin, reason)
            return
        _, doc_id, raw, sig, result = item
        state = self.store.extraction_state(conn, doc_id)
        if state and state["status"] in INCOMPLETE and result is not None:
            self._complete(conn, doc_id, raw, state, result)
            touched.append(doc_id)
        elif state or result is None:
            self.report.unchanged += 1
        else:
            self._store_new(conn, doc_id, raw, sig, result, copies)
            touched.append(doc_id)

    def _store_new(self, conn, doc_id, raw, sig, result, copies) -> None:  # noqa: ANN001, PLR0913
        """As `Ingester._prepare` + `_store_one`, inside the batch's transaction."""
        previous = self.store.current_version_of(conn, raw.url, raw.external_id)
        original = (
            None if previous else copies.find_original(sig, self.settings.ingest.copy_threshold)
        )
        if original is None and not previous:
            copies.add(doc_id, sig)
        src = source_row(raw.outlet, raw.url)
        claims, status, error, version, refs = outcome(result)
        if status == "extraction_failed":
            self.report.extraction_failed += 1
            self.report.fail(raw.origin, error or status, count=False)
        if raw.notes:
            error = "; ".join([*raw.notes, *([error] if error else [])])
        row = {
            **document_row(raw, doc_id, sig, src, original, previous, status),
            "error": error,
            "extractor_version": version,
        }
        if src:
            self._upsert(conn, "sources", src, keep=("reliability", "graded_by", "note"))
        for table, ref_rows in refs.items():
            for ref in ref_rows:
                self._upsert(conn, table, ref)
        self.store.insert_document(conn, row)
        adopt_same_statements(conn, claims, row["published_at"], doc_id)
        self.store.replace_claims(conn, doc_id, claims)
        self.store.mark_pending_reconcile(conn, doc_id)
        self.report.stored += 1
        self.report.versions += bool(previous)
        self.report.copies += bool(original)
        self.report.claims += len(claims)

    def _complete(self, conn, doc_id, raw, state, result) -> None:  # noqa: ANN001, PLR0913
        """As `completion.store_extraction`, inside the batch's transaction."""
        if not raw.published_at and state["published_at"]:
            raw.published_at, raw.published_how = state["published_at"], state["published_how"]
        claims, status, error, version, refs = outcome(result)
        if status == "extraction_failed":
            self.report.extraction_failed += 1
            self.report.fail(raw.origin, error or status, count=False)
        for table, ref_rows in refs.items():
            for ref in ref_rows:
                self._upsert(conn, table, ref)
        self.store.set_document(
            conn,
            doc_id,
            status=status,
            error=error,
            extractor_version=version,
            published_at=raw.published_at,
            published_how=raw.published_how,
        )
        adopt_same_statements(conn, claims, raw.published_at, doc_id)
        self.store.replace_claims(conn, doc_id, claims)
        self.store.mark_pending_reconcile(conn, doc_id)
        self.report.completed += 1
        self.report.claims += len(claims)
