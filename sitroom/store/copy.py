"""Copy a whole store to another, between back ends (`sitroom copy-store`).

Contract: `copy_store(source, target, append=False) -> dict`. Both are store paths or URLs
(a SQLite file, `sqlite:///PATH`, `postgresql://...`). Both are opened as sitroom stores (so
both are at this sitroom's schema; an older source is upgraded first, as any command does).

- Streamed: each table is read in primary-key order through a streaming cursor and written in
  batches, one write transaction per batch (memory stays flat whatever the store's size).
- A target holding any rows is refused unless `append`: then rows whose id the target already
  has are left as they are (an interrupted copy is finished by running it again with append).
- Full text is rebuilt by the target's own back end (FTS5 rows on SQLite; PostgreSQL's
  generated tsvector columns fill themselves).
- Verified: at the end every table's row count is compared (equal; with append, at least the
  source's), and a mismatch is a StoreError naming the table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import perf_counter

from sqlalchemy import Table, func, select

from sitroom.errors import ConfigError, StoreError
from sitroom.store import fts
from sitroom.store import postgres as pg
from sitroom.store import schema as S
from sitroom.store.db import Store

BATCH = 1000  # rows per write transaction
DOC_BATCH = 100  # documents carry their full text: smaller batches


def tables() -> list[Table]:
    """Every table a store's content is in, parents before children."""
    return [t for t in S.metadata.sorted_tables if t is not S.schema_migrations]


def _check_source(source: str) -> None:
    if pg.is_url(source):
        return
    path = Path(source.removeprefix("sqlite:///")).expanduser()
    if not path.is_file():
        raise StoreError("no such store (the file does not exist)", subject=source)


def copy_store(
    source: str,
    target: str,
    *,
    append: bool = False,
    busy_timeout_s: float = 30.0,
    log: Callable[[str], None] | None = None,
) -> dict:
    """Copy every row of `source` into `target`; per table the rows read, written and the
    final counts on both sides. See the module docstring."""
    if not source or not target:
        raise ConfigError("both --from and --to are needed", subject="copy-store")
    if _same(source, target):
        raise ConfigError("source and target are the same store", subject=target)
    _check_source(source)
    started = perf_counter()
    src, dst = Store(source, busy_timeout_s), Store(target, busy_timeout_s)
    try:
        held = {t.name: n for t, n in _counts(dst).items() if n}
        if held and not append:
            shown = ", ".join(f"{n} {name}" for name, n in sorted(held.items())[:4])
            raise StoreError(
                f"the target store is not empty ({shown}); copy into an empty store, or pass "
                "--append to add the rows it lacks",
                subject=dst.path,
            )
        out: dict = {"from": src.path, "to": dst.path, "append": append, "tables": {}}
        for table in tables():
            read, written = _copy_table(src, dst, table, append)
            out["tables"][table.name] = {"read": read, "written": written}
            if log and read:
                log(f"{table.name}: {written} of {read} rows written")
        with dst.begin() as conn:  # the measures' own full-text index (SQLite), rebuilt
            fts.fill_measures(conn)
        _verify(src, dst, out, append)
        out["seconds"] = round(perf_counter() - started, 3)
        return out
    finally:
        src.close()
        dst.close()


def _same(a: str, b: str) -> bool:
    if pg.is_url(a) or pg.is_url(b):
        return pg.is_url(a) and pg.is_url(b) and pg.shown(a) == pg.shown(b)
    pa, pb = (Path(x.removeprefix("sqlite:///")).expanduser().resolve() for x in (a, b))
    return pa == pb


def _counts(store: Store) -> dict[Table, int]:
    with store.connect() as conn:
        return {t: conn.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}


def _key(table: Table) -> list:
    pk = list(table.primary_key.columns)
    return pk or [table.c.doc_id, table.c.band, table.c.hash]  # copy_bands: no primary key


def _copy_table(src: Store, dst: Store, table: Table, append: bool) -> tuple[int, int]:
    size = DOC_BATCH if table is S.documents else BATCH
    q = select(table).order_by(*_key(table)).execution_options(yield_per=size)
    read = written = 0
    with src.connect() as conn:
        for part in conn.execute(q).partitions(size):
            rows = [dict(r._mapping) for r in part]
            read += len(rows)
            written += _write(dst, table, rows, append)
    return read, written


def _write(dst: Store, table: Table, rows: list[dict], append: bool) -> int:
    with dst.begin() as conn:
        if append:
            rows = _missing(conn, table, rows)
        if not rows:
            return 0
        conn.execute(table.insert(), rows)
        if table is S.documents:
            for r in rows:
                fts.index_document(conn, r["id"], r["title"], r["text"])
        elif table is S.claims:
            fts.index_claims(conn, [(r["id"], r["quote"]) for r in rows])
    return len(rows)


def _missing(conn, table: Table, rows: list[dict]) -> list[dict]:  # noqa: ANN001
    """The rows the target lacks: by id (by document for copy_bands, by both key columns for
    incident_documents)."""
    if table is S.copy_bands:
        have = select(table.c.doc_id).where(table.c.doc_id.in_({r["doc_id"] for r in rows}))
        held = {r[0] for r in conn.execute(have)}
        return [r for r in rows if r["doc_id"] not in held]
    pk = [c.name for c in table.primary_key.columns]
    first = table.c[pk[0]]
    have = select(*(table.c[c] for c in pk)).where(first.in_({r[pk[0]] for r in rows}))
    held = {tuple(r) for r in conn.execute(have)}
    return [r for r in rows if tuple(r[c] for c in pk) not in held]


def _verify(src: Store, dst: Store, out: dict, append: bool) -> None:
    a, b = _counts(src), _counts(dst)
    bad = []
    for table in tables():
        out["tables"][table.name].update(source=a[table], target=b[table])
        if b[table] < a[table] or (not append and b[table] != a[table]):
            bad.append(f"{table.name} {a[table]} -> {b[table]}")
    out["verified"] = not bad
    if bad:
        raise StoreError(
            "copy incomplete, row counts differ: " + "; ".join(bad) + " (run it again with "
            "--append to finish)",
            subject=dst.path,
        )
