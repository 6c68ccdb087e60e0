"""`import`: a sitroom JSONL export back into a store, or ACLED-style CSV rows as observations.

JSONL: rows are replayed in the export's order (sources, places, entities, documents, claims);
what the store already holds (same deterministic id) is left as it is, so importing twice adds
nothing. Derived tables (measures, observations, disagreements) are not copied: the store
rebuilds them from the imported claims. ACLED CSV: each row becomes a document of its own
(outlet "ACLED", so ACLED is the origin, graded like any source) holding one sentence that states
the row, and claims for its event and its fatalities, each quoting that sentence.

A bad line or row is reported (file:line and the problem) and skipped; the rest is imported.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from sitroom.errors import InputError
from sitroom.store import schema as S
from sitroom.store.db import now_iso

REPLAYED = {
    "source": "sources",
    "place": "places",
    "entity": "entities",
    "correction": "corrections",  # analyst statements: replayed as they were (undone ones too)
}


@dataclass
class ImportReport:
    counts: dict[str, int] = field(default_factory=dict)
    skipped: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    def as_dict(self) -> dict:
        return {"imported": self.counts, "already_present": self.skipped, "errors": self.errors}


def _columns(table: str) -> set[str]:
    return set(S.metadata.tables[table].c.keys())


def import_jsonl(store, path: str) -> ImportReport:  # noqa: ANN001
    report = ImportReport()
    pending: list[dict] = []
    pending_doc: str | None = None

    def flush() -> None:
        if pending:
            with store.begin() as conn:
                store.replace_claims(conn, pending_doc, list(pending))
            report.counts["claim"] = report.counts.get("claim", 0) + len(pending)
            pending.clear()

    with _open(path) as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                kind = rec["type"]
                if n == 1 and kind != "sitroom-export":
                    raise InputError("not a sitroom JSONL export (no header line)", subject=path)
                if kind == "claim":
                    row = {k: v for k, v in rec["row"].items() if k in _columns("claims")}
                    if row["doc_id"] != pending_doc:
                        flush()
                        pending_doc = row["doc_id"]
                    pending.append(row)
                    continue
                flush()
                _replay(store, kind, rec, report)
            except InputError:
                raise
            except (ValueError, KeyError, TypeError, SQLAlchemyError) as exc:
                report.errors.append(f"{path}:{n}: {type(exc).__name__}: {str(exc)[:200]}")
    try:
        flush()
    except SQLAlchemyError as exc:
        report.errors.append(f"{path}: claims of {pending_doc}: {str(exc)[:200]}")
    return report


def _replay(store, kind: str, rec: dict, report: ImportReport) -> None:  # noqa: ANN001
    if kind in REPLAYED:
        table = REPLAYED[kind]
        row = {k: v for k, v in rec["row"].items() if k in _columns(table)}
        with store.begin() as conn:
            store.upsert(conn, table, row, keep=("reliability", "graded_by", "note"))
        report.add(kind)
    elif kind == "document":
        row = {k: v for k, v in rec["row"].items() if k in _columns("documents")}
        with store.begin() as conn:
            if store.has_document(conn, row["id"]):
                report.skipped += 1
                return
            store.insert_document(conn, row)
        report.add(kind)
    # derived tables (measures, observations...) and unknown types: rebuilt, not copied


def _open(path: str):  # noqa: ANN202
    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", subject=path)
    return open(p, encoding="utf-8", newline="")


def import_acled(store, path: str) -> ImportReport:  # noqa: ANN001
    from sitroom.export.acled_import import acled_rows

    report = ImportReport()
    with _open(path) as fh:
        reader = csv.DictReader(fh)
        for n, rec in enumerate(reader, 2):
            try:
                doc, claims, place = acled_rows(rec, now_iso())
            except (ValueError, KeyError) as exc:
                report.errors.append(f"{path}:{n}: {exc}")
                continue
            with store.begin() as conn:
                store.upsert(conn, "sources", _acled_source(), keep=("reliability", "graded_by"))
                if place:
                    store.upsert(conn, "places", place)
                if store.has_document(conn, doc["id"]):
                    report.skipped += 1
                    continue
                store.insert_document(conn, doc)
                store.replace_claims(conn, doc["id"], claims)
            report.add("document")
            report.counts["claim"] = report.counts.get("claim", 0) + len(claims)
    return report


def _acled_source() -> dict:
    return {
        "id": "acled",
        "name": "ACLED",
        "kind": "outlet",
        "reliability": "F",
        "graded_by": "default",
    }


def dump_json(report: ImportReport) -> str:
    return json.dumps(report.as_dict())
