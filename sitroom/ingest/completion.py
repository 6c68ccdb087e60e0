"""Extraction state of stored documents, and completing what is missing.

A document's `status` says how far extraction got:

    pending            stored, not extracted yet (`ingest --no-extract`, or a run that stopped)
    extracted          claims stored; `extractor_version` says which extractor made them
    extraction_failed  the extractor failed on it; `error` gives the reason
    skipped_empty / skipped_language   nothing to extract (final)

`ingest` with extraction extracts documents it meets again that are pending or failed;
`sitroom reextract` does so for the whole store (`--stale`: also documents extracted by another
extractor version; `--all`: every current document).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from sitroom.nlp.types import Block, RawDocument
from sitroom.store.db import Store

INCOMPLETE = ("pending", "extraction_failed")
MODES = ("missing", "stale", "all")


def raw_of(doc: dict, source_name: str | None = None) -> RawDocument:
    """The stored document as the pipeline reads it (text, blocks, language, date)."""
    return RawDocument(
        text=doc["text"],
        blocks=[Block(k, s, e) for k, s, e in json.loads(doc["blocks"])],
        origin=doc["origin"],
        fmt=doc["fmt"],
        title=doc["title"],
        url=doc["url"],
        outlet=source_name,
        published_at=doc["published_at"],
        published_how=doc["published_how"],
        language=doc["language"],
        external_id=doc["external_id"],
    )


def completion_row(doc_id: str, raw: RawDocument, stored: dict) -> dict:
    """A stored, unextracted document met again: extract it with the date given now, if any,
    else the stored one."""
    if not raw.published_at and stored["published_at"]:
        raw.published_at, raw.published_how = stored["published_at"], stored["published_how"]
    return {"id": doc_id, "_raw": raw, "_complete": True}


def outcome(result) -> tuple[list[dict], str, str | None, str | None, dict]:  # noqa: ANN001
    """(claims, status, error, extractor version, reference rows) of one extraction result:
    None (not extracted), an exception (failed) or an ExtractionResult."""
    if result is None:
        return [], "pending", None, None, {}
    if isinstance(result, Exception):
        return [], "extraction_failed", str(result) or type(result).__name__, None, {}
    return result.claims, result.status, result.note, result.version, result.references


def store_extraction(store: Store, row: dict, result, report) -> None:  # noqa: ANN001
    """Record the extraction of an already stored document: its state, claims and references
    (one transaction), and the date it was extracted with."""
    raw = row["_raw"]
    claims, status, error, version, refs = outcome(result)
    if status == "extraction_failed":
        report.extraction_failed += 1
    if status != "extracted":
        report.not_extracted.append((raw.origin, error or status))
    with store.begin() as conn:
        for table, ref_rows in refs.items():
            for ref in ref_rows:
                store.upsert(conn, table, ref)
        store.set_document(
            conn,
            row["id"],
            status=status,
            error=error,
            extractor_version=version,
            published_at=raw.published_at,
            published_how=raw.published_how,
        )
        from sitroom.nlp.attribution.statements import adopt_same_statements

        adopt_same_statements(conn, claims, raw.published_at, row["id"])
        store.replace_claims(conn, row["id"], claims)
        store.mark_pending_reconcile(conn, row["id"])
    report.completed += 1
    report.claims += len(claims)
    report.doc_ids.append(row["id"])


def rows_to_extract(
    store: Store, mode: str, version: str, tick: Callable[[], None] | None = None
) -> Iterator[dict]:
    """Completion rows for the current documents `mode` selects, read one at a time."""
    sources = {s["id"]: s["name"] for s in store.table_rows("sources")}
    for doc_id in store.documents_to_extract(mode, version):
        doc = store.get_document(doc_id)
        yield {"id": doc_id, "_raw": raw_of(doc, sources.get(doc["source_id"])), "_complete": True}
        if tick:
            tick()
