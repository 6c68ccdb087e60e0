"""CSV (formula-safe, via sitroom.output_safety) and Parquet (pyarrow, declared schemas).

To a file or standard output, CSV carries the claims table; to a directory, CSV and Parquet
write one file per table (claims, documents, sources, places, entities and, when stored,
measures, observations, disagreements). Parquet is written in row groups of `BATCH` rows, so
memory stays flat however many claims there are.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from sitroom.export import scope as sc
from sitroom.export.tables import CLAIM_SCHEMA, flat_claim, tables
from sitroom.output_safety import csv_writer

BATCH = 5000


def write_csv(rows, schema: pa.Schema, out: TextIO) -> int:  # noqa: ANN001
    writer = csv_writer(out, fieldnames=schema.names, extrasaction="ignore")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row)
        n += 1
    return n


def write_claims_csv(store, scope: sc.Scope, out: TextIO) -> dict[str, int]:  # noqa: ANN001
    rows = (flat_claim(v) for v in sc.claims(store, scope))
    return {"claims": write_csv(rows, CLAIM_SCHEMA, out)}


def write_csv_dir(store, scope: sc.Scope, folder: Path) -> dict[str, int]:  # noqa: ANN001
    counts = {}
    for name, schema, rows in tables(store, scope):
        with open(folder / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            counts[name] = write_csv(rows, schema, fh)
    return counts


def write_parquet(rows, schema: pa.Schema, path: Path) -> int:  # noqa: ANN001
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append({k: row.get(k) for k in schema.names})
            if len(batch) >= BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write_parquet_dir(store, scope: sc.Scope, folder: Path) -> dict[str, int]:  # noqa: ANN001
    return {
        name: write_parquet(rows, schema, folder / f"{name}.parquet")
        for name, schema, rows in tables(store, scope)
    }
