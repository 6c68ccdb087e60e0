"""Synthetic stores for scale benchmarks: real extracted claims, recombined.

`grow_store(template_db, target_db, n_claims)` copies the documents and claims of a real store
(made by ingesting real articles) again and again until `n_claims` claims are stored. Each copy
of a document gets a distinct text (a copy number line is appended, so a distinct document id),
its own claims (ids derived from the original claim id and the new document id), and a
publication date shifted by the copy number in days, so series have many points over time.
Rows are written with executemany in batches; no extraction runs, so a 100,000-claim store
takes seconds. The result is a valid store
(same schema, FTS indexed) that every command can read.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import insert, select

from sitroom import ids
from sitroom.store import fts
from sitroom.store import schema as S
from sitroom.store.db import Store

BATCH = 2000


def _shift(value: str | None, days: int) -> str | None:
    if not value or len(value) < 10:
        return value
    try:
        return (date.fromisoformat(value[:10]) + timedelta(days=days)).isoformat() + value[10:]
    except ValueError:
        return value


def _copy(doc: dict, claims: list[dict], k: int) -> tuple[dict, list[dict]]:
    text = f"{doc['text']}\n\nSynthetic copy {k}."
    new_id = ids.document_id(text)
    new_doc = {
        **doc,
        "id": new_id,
        "text": text,
        "url": f"{doc['url']}#copy{k}" if doc["url"] else None,
        "external_id": None,
        "published_at": _shift(doc["published_at"], k),
        "copy_of": None,
        "version_of": None,
        "superseded_by": None,
        "minhash": None,
    }
    new_claims = [
        {
            **c,
            "id": "c" + ids.digest(c["id"], new_id),
            "doc_id": new_id,
            "restates": None,
            "time_earliest": _shift(c["time_earliest"], k),
            "time_latest": _shift(c["time_latest"], k),
        }
        for c in claims
    ]
    return new_doc, new_claims


def grow_store(template_db: str, target_db: str, n_claims: int) -> dict:
    """Fill `target_db` (new) with recombined copies of `template_db` until n_claims claims."""
    src, dst = Store(template_db), Store(target_db)
    with src.connect() as conn:
        docs = [dict(r._mapping) for r in conn.execute(select(S.documents))]
        claims = [dict(r._mapping) for r in conn.execute(select(S.claims))]
        refs = {t: [dict(r._mapping) for r in conn.execute(select(S.metadata.tables[t]))]
                for t in ("sources", "places", "entities")}  # fmt: skip
    by_doc: dict[str, list[dict]] = {}
    for c in claims:
        by_doc.setdefault(c["doc_id"], []).append(c)
    docs = [d for d in docs if by_doc.get(d["id"]) and not d["copy_of"] and not d["superseded_by"]]
    with dst.begin() as conn:
        for table, rows in refs.items():
            if rows:
                conn.execute(insert(S.metadata.tables[table]), rows)
    stored_docs = stored_claims = k = 0
    while stored_claims < n_claims:
        k += 1
        batch_docs, batch_claims = [], []
        for doc in docs:
            if stored_claims + len(batch_claims) >= n_claims:
                break
            d, cs = _copy(doc, by_doc[doc["id"]], k)
            batch_docs.append(d)
            batch_claims.extend(cs)
        _write(dst, batch_docs, batch_claims)
        stored_docs += len(batch_docs)
        stored_claims += len(batch_claims)
    return {"documents": stored_docs, "claims": stored_claims, "copies_per_document": k}


def _write(store: Store, docs: list[dict], claims: list[dict]) -> None:
    for i in range(0, len(docs), BATCH):
        with store.begin() as conn:
            part = docs[i : i + BATCH]
            conn.execute(insert(S.documents), part)
            for d in part:
                fts.index_document(conn, d["id"], d["title"], d["text"])
    for i in range(0, len(claims), BATCH):
        with store.begin() as conn:
            part = claims[i : i + BATCH]
            conn.execute(insert(S.claims), part)
            fts.index_claims(conn, [(c["id"], c["quote"]) for c in part])
