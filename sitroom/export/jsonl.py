"""sitroom's own JSONL export: every stored row a line, typed, in an order an import can replay.

Line 1 is a header (format version, scope, schema migrations). Then sources, places, entities,
documents (the text included, so the export is a whole store), claims (the user view with every
field and its provenance, plus `row`, the stored row an import writes back), then the stored
picture tables when the schema has them. Import replays the rows into an empty store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TextIO

from sitroom.export import scope as sc
from sitroom.store import schema as S

FORMAT_VERSION = 1


def records(store, scope: sc.Scope) -> Iterator[dict]:  # noqa: ANN001
    """The export's records in replay order."""
    yield {"type": "sitroom-export", "version": FORMAT_VERSION, "scope": scope.as_dict()}
    for name in ("sources", "places", "entities"):
        for row in sc.table(store, name):
            yield {"type": name[:-1] if name != "entities" else "entity", "row": row}
    doc_ids = None if scope == sc.Scope() else {r["doc_id"] for r in sc.claim_rows(store, scope)}
    for row in sc.documents(store, doc_ids):
        yield {"type": "document", "row": row}
    prov = sc.Provenance(store)
    claim_cols = set(S.claims.c.keys())
    for row in sc.claim_rows(store, scope):
        view = prov.view(row)
        yield {
            "type": "claim",
            **view,
            "row": {k: v for k, v in row.items() if k in claim_cols},
        }
    for name in sc.table_names():
        if name in ("sources", "places", "entities"):
            continue
        for row in sc.table(store, name):
            yield {"type": name.rstrip("s"), "row": row}


def write(store, scope: sc.Scope, out: TextIO) -> dict[str, int]:  # noqa: ANN001
    counts: dict[str, int] = {}
    for rec in records(store, scope):
        out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        counts[rec["type"]] = counts.get(rec["type"], 0) + 1
    counts.pop("sitroom-export", None)
    return counts
