"""Flat tables for CSV and Parquet: the claim table's declared columns, and the stored tables
typed from the store schema. One schema serves both formats, so a CSV header and a Parquet file
of the same table always have the same columns in the same order."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pyarrow as pa
from sqlalchemy import Boolean, Float, Integer, LargeBinary

from sitroom.export import scope as sc
from sitroom.store import schema as S

S_, F_, B_, I_ = pa.string(), pa.float64(), pa.bool_(), pa.int64()

# The claim table: the user view flattened, with provenance. Declared here (not inferred) so a
# consumer can rely on it; tests check that every exported row fits it.
CLAIM_FIELDS: list[tuple[str, pa.DataType]] = [
    ("id", S_), ("kind", S_), ("actor", S_), ("target", S_),
    ("quantity.low", F_), ("quantity.high", F_), ("quantity.unit", S_),
    ("quantity.approx", B_), ("quantity.bound", S_), ("quantity.basis", S_),
    ("quantity.text", S_), ("casualty", S_), ("object", S_),
    ("place.id", S_), ("place.text", S_), ("place.name", S_), ("place.level", S_),
    ("place.country", S_), ("place.country_name", S_), ("place.admin1", S_),
    ("place.lat", F_), ("place.lon", F_),
    ("when.text", S_), ("when.type", S_), ("when.value", S_), ("when.earliest", S_),
    ("when.latest", S_), ("when.precision", S_), ("when.relation", S_), ("when.resolved", B_),
    ("status", S_), ("certainty", S_), ("likelihood", S_),
    ("attribution.kind", S_), ("attribution.source", S_), ("attribution.text", S_),
    ("quote", S_), ("evidence.start", I_), ("evidence.end", I_),
    ("provenance.document", S_), ("provenance.url", S_), ("provenance.title", S_),
    ("provenance.published_at", S_), ("provenance.outlet", S_), ("provenance.outlet_grade", S_),
    ("provenance.origin", S_), ("provenance.origin_grade", S_), ("provenance.copy_of", S_),
    ("restates", S_), ("consistency", S_), ("notes", S_), ("extractor", S_),
]  # fmt: skip
CLAIM_SCHEMA = pa.schema(CLAIM_FIELDS)


def flat_claim(view: dict) -> dict:
    """One claim view as a row of CLAIM_FIELDS (nested lists and dicts as JSON text)."""
    out = {}
    for name, _ in CLAIM_FIELDS:
        value: object = view
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list | dict):
            value = json.dumps(value, ensure_ascii=False)
        out[name] = value
    return out


def _arrow_type(column) -> pa.DataType:  # noqa: ANN001 - an SQLAlchemy Column
    if isinstance(column.type, Boolean):
        return B_
    if isinstance(column.type, Integer):
        return I_
    if isinstance(column.type, Float):
        return F_
    if isinstance(column.type, LargeBinary):
        return pa.binary()
    return S_


def table_schema(name: str) -> pa.Schema:
    """The Arrow schema of a stored table, from the store schema (binary columns left out)."""
    t = S.metadata.tables[name]
    return pa.schema(
        [(c.name, _arrow_type(c)) for c in t.columns if not isinstance(c.type, LargeBinary)]
    )


DOC_COLUMNS = [c for c in table_schema("documents").names if c not in ("text", "blocks")]


def tables(store, scope: sc.Scope) -> Iterator[tuple[str, pa.Schema, Iterator[dict]]]:  # noqa: ANN001
    """(name, schema, rows) for each table of a multi-table export, claims first."""
    yield "claims", CLAIM_SCHEMA, (flat_claim(v) for v in sc.claims(store, scope))
    docs = table_schema("documents")
    doc_schema = pa.schema([docs.field(n) for n in DOC_COLUMNS])
    doc_ids = None if scope == sc.Scope() else {r["doc_id"] for r in sc.claim_rows(store, scope)}
    yield "documents", doc_schema, sc.documents(store, doc_ids)
    for name in sc.table_names():
        yield name, table_schema(name), sc.table(store, name)
