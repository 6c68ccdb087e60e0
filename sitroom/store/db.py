"""The store: one class over the database, used by the core object only.

A SQLite file (the default) or a PostgreSQL database (`postgresql://...`); the schema is plain
SQLAlchemy Core. SQLite-only statements are in `store.sqlite`, PostgreSQL-only ones in
`store.postgres`, full text for both in `store.fts`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

import psycopg
from sqlalchemy import (
    and_,
    bindparam,
    create_engine,
    delete,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from sitroom.errors import ConfigError, NotFoundError, StoreError
from sitroom.store import fts
from sitroom.store import postgres as pg
from sitroom.store import schema as S
from sitroom.store import sqlite as sq


def _add_claim_notes(conn: Connection) -> None:
    """Claims made before v2 lack `notes` (how a derived field was obtained)."""
    columns = {c["name"] for c in inspect(conn).get_columns("claims")}
    if "notes" not in columns:
        conn.execute(text("ALTER TABLE claims ADD COLUMN notes TEXT"))


def _reconcile_all(conn: Connection) -> None:
    """Stores made before v10 have claims but no measures: build them (default settings)."""
    from sitroom.config import Settings
    from sitroom.picture.reconcile import rebuild_in

    rebuild_in(conn, Settings())


def _index_bands(conn: Connection, doc_id: str, sig: bytes) -> None:
    from sitroom.ingest.copies import band_keys

    rows = [{"band": b, "hash": h, "doc_id": doc_id} for b, h in band_keys(sig)]
    conn.execute(insert(S.copy_bands), rows)


def _index_all_bands(conn: Connection) -> None:
    """Stores made before v11 keep signatures only: index their LSH bands."""
    q = select(S.documents.c.id, S.documents.c.minhash).where(
        S.documents.c.minhash.is_not(None), S.documents.c.copy_of.is_(None)
    )
    for doc_id, sig in conn.execute(q).fetchall():
        _index_bands(conn, doc_id, sig)


def _add_claim_origins(conn: Connection) -> None:
    """Claims made before v40 lack `origin_chain` and `origin` (read as before: the named
    attribution source, else the outlet, until the document is extracted again)."""
    columns = {c["name"] for c in inspect(conn).get_columns("claims")}
    for name, kind in (
        ("origin_chain", "TEXT"),
        ("origin", "VARCHAR(300)"),
        ("statement", "VARCHAR(40)"),
    ):
        if name not in columns:
            conn.execute(text(f"ALTER TABLE claims ADD COLUMN {name} {kind}"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_claims_statement ON claims (statement)"))


def _pending_status(conn: Connection) -> None:
    """Documents stored without extraction were 'stored'; they are 'pending' (to extract)."""
    conn.execute(text("UPDATE documents SET status = 'pending' WHERE status = 'stored'"))


def _index_origin(conn: Connection) -> None:
    """Stores made before v70 have no index on documents.origin (sitroom.backfill)."""
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_origin ON documents (origin)"))


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "initial schema with FTS5 indexes", fts.create),
    (2, "claims.notes: how inferred fields were obtained", _add_claim_notes),
    # applied in this order (claims get their origin columns before measures are built)
    (3, "documents.status 'pending' for documents not extracted yet", _pending_status),
    (40, "claims.origin_chain, origin, statement: who first said it", _add_claim_origins),
    (10, "measures, observations, links, disagreements from the stored claims", _reconcile_all),
    (11, "copy_bands: MinHash LSH bands of stored originals", _index_all_bands),
    (20, "feeds and alert_outbox tables (sitroom.watch)", lambda conn: None),
    (60, "corrections table: analyst corrections (sitroom.corrections)", lambda conn: None),
    (70, "documents.origin index: a resumed backfill finds the rows it stored", _index_origin),
    (30, "measures_fts: full-text index over measures (their claims' quotes)", fts.fill_measures),
]


def current_claims_select():  # noqa: ANN201 - a Select
    """Claims of current document versions, each with its document's title, url, publication
    date, source and copy link (the `doc_*` columns claim views read)."""
    c, d = S.claims, S.documents
    return (
        select(
            c,
            d.c.title.label("doc_title"),
            d.c.url.label("doc_url"),
            d.c.published_at.label("doc_published_at"),
            d.c.source_id.label("doc_source_id"),
            d.c.copy_of.label("doc_copy_of"),
        )
        .join(d, d.c.id == c.c.doc_id)
        .where(d.c.superseded_by.is_(None))
    )


@lru_cache(maxsize=4)
def _band_lookup(n: int):  # noqa: ANN202 - a Select with bound parameters b0, h0, ... b{n-1}
    """The copy-band lookup for n keys, built once: an OR of (band, hash) pairs, which SQLite
    answers from ix_copy_bands_lookup (a row-value IN list would scan the table), and whose
    compiled form is cached (building 25 comparisons per document cost more than the query)."""
    t = S.copy_bands
    pairs = (and_(t.c.band == bindparam(f"b{i}"), t.c.hash == bindparam(f"h{i}")) for i in range(n))
    return select(t.c.doc_id).where(or_(*pairs))


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Store:
    """A sitroom database. `path` is a file path (SQLite) or an SQLAlchemy URL.

    Every database error surfaces as one StoreError line (locked, disk full, read-only,
    corrupt...). A store made by a newer sitroom, or another program's SQLite file, is refused
    untouched. Schema changes happen once, under the write lock, whoever opens the store first.
    """

    def __init__(self, path: str, busy_timeout_s: float = 30.0) -> None:
        self.is_pg = pg.is_url(path)
        self.path = pg.shown(path) if self.is_pg else path  # as shown: no password
        self.busy_timeout_s = busy_timeout_s
        self.engine = self._engine(path)
        self.migrate()

    @property
    def backend(self) -> str:
        return "postgresql" if self.is_pg else "sqlite"

    def close(self) -> None:
        """Close the pooled connections (a PostgreSQL store holds a few open)."""
        self.engine.dispose()

    def _engine(self, path: str) -> Engine:
        if not path or not path.strip():
            raise ConfigError("the database path is empty", subject="--db")
        if self.is_pg:
            engine = pg.create_engine_for(path, self.busy_timeout_s)
            with self._errors("cannot open database: "), engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return engine
        if path.startswith("sqlite:///"):
            path = path.removeprefix("sqlite:///")
        elif "://" in path:
            raise StoreError(
                "unknown kind of store (use a SQLite file path, sqlite:///PATH or "
                "postgresql://USER@HOST/DATABASE)",
                subject=path.split("@")[-1],
            )
        target = Path(path).expanduser()
        if target.is_dir():
            raise StoreError("is a folder, not a database file", subject=path)
        parent = target.resolve().parent
        if not parent.is_dir():
            raise StoreError(f"folder {parent} does not exist", subject=path)
        url = f"sqlite:///{target}"
        if target.exists() and not (os.access(target, os.W_OK) and os.access(parent, os.W_OK)):
            # A read-only store (file, folder or disk): open it read-only and immutable, since
            # WAL needs a writable -shm file otherwise. Reads work; any write is refused.
            url = f"sqlite:///file:{quote(str(target))}?mode=ro&immutable=1&uri=true"
        engine = create_engine(url)
        sq.configure(engine, self.busy_timeout_s)
        with self._errors("cannot open database: "), engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")
        return engine

    @contextmanager
    def _errors(self, prefix: str = "") -> Iterator[None]:
        """Turn any database error raised inside into one StoreError line."""
        try:
            yield
        except (SQLAlchemyError, sqlite3.Error, psycopg.Error) as exc:
            explain = pg.explain if self.is_pg else sq.explain
            message = prefix + explain(exc, self.busy_timeout_s)
            raise StoreError(message, subject=self.path) from exc

    def migrate(self) -> None:
        """Apply pending migrations; each is recorded in schema_migrations.

        Checked first without the write lock (nothing to do is the common case, and a read-only
        store can still be read); the work itself runs in one BEGIN IMMEDIATE transaction that
        checks again, so two processes opening a fresh store never both create it. On
        PostgreSQL the write lock is the writers' advisory lock (store.postgres)."""
        with self.connect() as conn:
            if not self._pending(conn):
                return
        if not self.is_pg:
            with self._errors():
                sq.use_wal(self.engine)
        with self.begin() as conn:
            if self._pending(conn):
                S.metadata.create_all(conn)
                done = self._versions(conn)
                for version, name, step in MIGRATIONS:
                    if version in done:
                        continue
                    step(conn)
                    conn.execute(
                        insert(S.schema_migrations).values(
                            version=version, name=name, applied_at=now_iso()
                        )
                    )

    def _pending(self, conn: Connection) -> bool:
        """Whether this store needs tables or migrations; refuses stores that aren't ours."""
        tables = set(inspect(conn).get_table_names())
        if tables and S.schema_migrations.name not in tables:
            shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
            raise StoreError(
                f"not a sitroom store (it has tables {shown} but no schema_migrations); "
                "refusing to change it",
                subject=self.path,
            )
        done = self._versions(conn) if tables else set()
        newer = sorted(done - {m[0] for m in MIGRATIONS})
        if newer:
            raise StoreError(
                f"made by a newer sitroom (schema version {newer[-1]} is unknown to this one, "
                f"which knows up to {max(m[0] for m in MIGRATIONS)}); upgrade sitroom to use it "
                "- nothing was written",
                subject=self.path,
            )
        return bool(set(S.metadata.tables) - tables) or len(done) < len(MIGRATIONS)

    @staticmethod
    def _versions(conn: Connection) -> set[int]:
        return {r[0] for r in conn.execute(select(S.schema_migrations.c.version))}

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction: committed at the end, rolled back on error. It takes the write
        lock at once (BEGIN IMMEDIATE), waiting up to the busy timeout for another writer."""
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(**{sq.WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read connection (a deferred transaction; never blocks or waits for writers)."""
        with self._errors(), self.engine.connect() as conn:
            yield conn

    # -- documents -----------------------------------------------------------------------
    def get_document(self, doc_id: str, conn: Connection | None = None) -> dict:
        row = self._one(S.documents, S.documents.c.id == doc_id, conn)
        if row is None:
            raise NotFoundError("no document with this id", subject=doc_id)
        return row

    def has_document(self, conn: Connection, doc_id: str) -> bool:
        q = select(S.documents.c.id).where(S.documents.c.id == doc_id)
        return conn.execute(q).first() is not None

    def current_version_of(self, conn: Connection, url: str | None, ext: str | None) -> str | None:
        """The id of the latest stored version of the article at this url / external id."""
        conds = []
        if url:
            conds.append(S.documents.c.url == url)
        if ext:
            conds.append(S.documents.c.external_id == ext)
        if not conds:
            return None
        for cond in conds:
            q = select(S.documents.c.id).where(cond, S.documents.c.superseded_by.is_(None))
            row = conn.execute(q).first()
            if row:
                return row[0]
        return None

    def extraction_state(self, conn: Connection, doc_id: str) -> dict | None:
        """status, extractor_version and publication date of a stored document, or None."""
        d = S.documents.c
        q = select(d.status, d.extractor_version, d.published_at, d.published_how).where(
            d.id == doc_id
        )
        row = conn.execute(q).first()
        return dict(row._mapping) if row else None

    def documents_to_extract(self, mode: str, version: str) -> list[str]:
        """Ids of current documents to extract: 'missing' (pending or failed), 'stale' (also
        those extracted by another extractor version) or 'all'."""
        d = S.documents.c
        q = select(d.id).where(d.superseded_by.is_(None)).order_by(d.retrieved_at, d.id)
        missing = d.status.in_(("pending", "extraction_failed"))
        if mode == "missing":
            q = q.where(missing)
        elif mode == "stale":
            q = q.where(missing | ((d.status == "extracted") & (d.extractor_version != version)))
        with self.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def insert_document(self, conn: Connection, row: dict) -> None:
        conn.execute(insert(S.documents).values(**row))
        if row.get("minhash") and not row.get("copy_of"):
            _index_bands(conn, row["id"], row["minhash"])
        fts.index_document(conn, row["id"], row.get("title"), row["text"])
        if row.get("version_of"):
            conn.execute(
                update(S.documents)
                .where(S.documents.c.id == row["version_of"])
                .values(superseded_by=row["id"])
            )

    def set_document(self, conn: Connection, doc_id: str, **values) -> None:
        conn.execute(update(S.documents).where(S.documents.c.id == doc_id).values(**values))

    def copy_candidates(self, keys: list[tuple[int, str]]) -> list[str]:
        """Documents sharing at least one LSH band with these band keys (copy_bands index)."""
        params = {}
        for i, (b, h) in enumerate(keys):
            params[f"b{i}"], params[f"h{i}"] = b, h
        with self.connect() as conn:
            return sorted({r[0] for r in conn.execute(_band_lookup(len(keys)), params)})

    def signatures_of(self, doc_ids: list[str]) -> dict[str, bytes]:
        if not doc_ids:
            return {}
        q = select(S.documents.c.id, S.documents.c.minhash).where(
            S.documents.c.id.in_(doc_ids), S.documents.c.minhash.is_not(None)
        )
        with self.connect() as conn:
            return {r[0]: r[1] for r in conn.execute(q)}

    def copy_signatures(self) -> Iterator[tuple[str, bytes]]:
        q = select(S.documents.c.id, S.documents.c.minhash).where(
            S.documents.c.minhash.is_not(None), S.documents.c.copy_of.is_(None)
        )
        with self.connect() as conn:
            yield from ((r[0], r[1]) for r in conn.execute(q))

    def list_documents(self, current_only: bool = False) -> list[dict]:
        cols = [c for c in S.documents.c if c.name not in ("text", "blocks", "minhash")]
        q = select(*cols).order_by(S.documents.c.published_at, S.documents.c.id)
        if current_only:
            q = q.where(S.documents.c.superseded_by.is_(None))
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def search_documents(self, query: str) -> set[str]:
        with self.connect() as conn:
            return fts.document_ids(conn, query)

    # -- failures ------------------------------------------------------------------------
    def record_failure(self, conn: Connection, fail_id: str, origin: str, reason: str) -> None:
        at = now_iso()
        stmt = self.insert(S.failures).values(
            id=fail_id, origin=origin, reason=reason, first_seen=at, last_seen=at
        )
        conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_={"last_seen": at}))

    def list_failures(self) -> list[dict]:
        return self._all(select(S.failures).order_by(S.failures.c.first_seen))

    # -- claims --------------------------------------------------------------------------
    def replace_claims(self, conn: Connection, doc_id: str, rows: list[dict]) -> None:
        """Store the claims of one document, replacing any from an older extractor."""
        old = [r[0] for r in conn.execute(select(S.claims.c.id).where(S.claims.c.doc_id == doc_id))]
        if old:
            fts.unindex_claims(conn, old)
            conn.execute(delete(S.claims).where(S.claims.c.doc_id == doc_id))
        if rows:
            conn.execute(insert(S.claims), rows)
            fts.index_claims(conn, [(r["id"], r["quote"]) for r in rows])

    def mark_pending_reconcile(self, conn: Connection, doc_id: str) -> None:
        """The document's measures are to be updated (sitroom.picture.reconcile clears it; a
        run killed before that leaves it for the next ingest)."""
        stmt = self.insert(S.pending_reconcile).values(doc_id=doc_id)
        conn.execute(stmt.on_conflict_do_nothing(index_elements=["doc_id"]))

    def get_claim(self, claim_id: str) -> dict:
        row = self._one(S.claims, S.claims.c.id == claim_id)
        if row is None:
            raise NotFoundError("no claim with this id", subject=claim_id)
        return row

    def claims_query(self):  # noqa: ANN201 - a Select joined with documents and sources
        return current_claims_select()

    def claim_ids_of(self, doc_id: str) -> list[str]:
        q = (
            select(S.claims.c.id)
            .where(S.claims.c.doc_id == doc_id)
            .order_by(S.claims.c.evidence_start, S.claims.c.id)
        )
        with self.connect() as conn:
            return [r[0] for r in conn.execute(q)]

    def run_claims(self, q) -> list[dict]:  # noqa: ANN001
        return self._all(q)

    def search_claims(self, query: str) -> set[str]:
        with self.connect() as conn:
            return fts.claim_ids(conn, query)

    # -- reference tables ----------------------------------------------------------------
    def upsert(
        self, conn: Connection, table_name: str, row: dict, keep: Iterable[str] = ()
    ) -> None:
        """Insert a row, or update it in place leaving the columns in `keep` untouched
        (one INSERT ... ON CONFLICT on the deterministic id: safe with concurrent writers)."""
        table = S.metadata.tables[table_name]
        stmt = self.insert(table).values(**row)
        values = {k: stmt.excluded[k] for k in row if k not in keep and k != "id"}
        if values:
            stmt = stmt.on_conflict_do_update(index_elements=["id"], set_=values)
        else:
            stmt = stmt.on_conflict_do_nothing(index_elements=["id"])
        conn.execute(stmt)

    def insert(self, table):  # noqa: ANN001, ANN201 - an Insert with on_conflict_do_*
        """INSERT for this back end, with ON CONFLICT (both SQLite and PostgreSQL have it)."""
        return (pg_insert if self.is_pg else sqlite_insert)(table)

    def table_rows(self, table_name: str) -> list[dict]:
        table = S.metadata.tables[table_name]
        return self._all(select(table).order_by(table.c.id))

    def get_row(self, table_name: str, row_id: str) -> dict | None:
        table = S.metadata.tables[table_name]
        return self._one(table, table.c.id == row_id)

    def counts(self) -> dict[str, int]:
        out = {}
        with self.connect() as conn:
            for name in ("documents", "claims", "sources", "entities", "places", "failures"):
                table = S.metadata.tables[name]
                out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            out["copies"] = conn.execute(
                select(func.count()).where(S.documents.c.copy_of.is_not(None))
            ).scalar_one()
        return out

    def integrity_ok(self) -> bool:
        with self.connect() as conn:
            return (pg if self.is_pg else sq).integrity_ok(conn)

    def record_run(self, run_id: str, command: str, config: dict, summary: dict) -> None:
        with self.begin() as conn:
            conn.execute(
                insert(S.runs).values(
                    id=run_id,
                    command=command,
                    started_at=summary.get("started_at", now_iso()),
                    finished_at=now_iso(),
                    config=json.dumps(config, sort_keys=True),
                    summary=json.dumps(summary, sort_keys=True),
                )
            )

    # -- helpers -------------------------------------------------------------------------
    def _one(self, table, cond, conn: Connection | None = None) -> dict | None:  # noqa: ANN001
        q = select(table).where(cond)
        if conn is not None:
            row = conn.execute(q).first()
        else:
            with self.connect() as c:
                row = c.execute(q).first()
        return dict(row._mapping) if row else None

    def _all(self, q) -> list[dict]:  # noqa: ANN001
        with self.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]
