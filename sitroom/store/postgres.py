"""Everything PostgreSQL-specific lives here: the URL, connection settings, the write lock,
error wording and the full-text index (tsvector + GIN).

The schema is the same SQLAlchemy Core schema as SQLite's (sitroom/store/schema.py), driven by
psycopg 3. What differs, and why:

- Writers: every write transaction starts by taking one transaction-scoped advisory lock
  (`pg_advisory_xact_lock`), the counterpart of SQLite's BEGIN IMMEDIATE: writers from any
  number of machines run one at a time, so "is it stored yet?" checked inside a write
  transaction stays true until it commits. Waiting is capped by `lock_timeout` (the store's
  busy timeout). Migrations run under the same lock. Readers never take it (MVCC).
- Full text: a stored generated `tsvector` column on documents (title + text) and on claims
  (quote), each with a GIN index, using the 'simple' configuration (lower-cased words, no
  stemming: what SQLite's FTS5 unicode61 tokenizer does). Being generated columns they are
  written by PostgreSQL itself with the row, in the same transaction.
- Text: VARCHAR(n) of the shared schema is created as TEXT (SQLite never enforces lengths; a
  document SQLite stores must not fail here), and a NUL character, which PostgreSQL text
  cannot hold, is stored as U+FFFD (one character for one, so evidence offsets still hold).
"""

from __future__ import annotations

import os
from urllib.parse import unquote

from psycopg.types.string import StrDumper
from sqlalchemy import String, event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.compiler import compiles

from sitroom.errors import ConfigError

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
WRITE_LOCK = 0x5175_2001  # advisory lock key: "a sitroom writer is at work" (any stable bigint)
CONFIG = "simple"  # text search configuration: words lower-cased, not stemmed (like unicode61)


def is_url(path: str) -> bool:
    return path.split("://", 1)[0].lower() in SCHEMES if "://" in path else False


def engine_url(path: str) -> URL:
    """`postgresql://`, `postgres://` or `postgresql+psycopg://` -> an SQLAlchemy URL for
    psycopg 3. Host, port, user, password and database may also come from libpq's PG*
    variables (PGHOST, PGUSER, PGPASSWORD, ...) and ~/.pgpass."""
    try:
        url = make_url(path)
    except ArgumentError as exc:
        raise ConfigError("not a valid PostgreSQL URL", subject=shown(path)) from exc
    return url.set(drivername="postgresql+psycopg")


def shown(path: str) -> str:
    """The URL as shown to a user: the password masked."""
    try:  # the query unescaped for reading (?host=/var/run/postgresql, not %2Fvar%2F...)
        return unquote(make_url(path).render_as_string(hide_password=True))
    except ArgumentError:
        return path.split("@")[-1] if "@" in path else path


class _NulSafeStr(StrDumper):
    """Python str -> PostgreSQL text, a NUL (which text cannot hold) stored as U+FFFD."""

    def dump(self, obj: str) -> bytes:
        return super().dump(obj.replace("\x00", "\ufffd") if "\x00" in obj else obj)


@compiles(String, "postgresql")
def _text_not_varchar(type_, compiler, **kw) -> str:  # noqa: ANN001, ARG001
    return "TEXT"


def create_engine_for(path: str, busy_timeout_s: float) -> Engine:
    from sqlalchemy import create_engine

    engine = create_engine(
        engine_url(path),
        pool_size=int(os.environ.get("SITROOM_PG_POOL", "3")),
        max_overflow=5,
        pool_pre_ping=True,  # a server restarted under a long watch: reconnect, don't fail
        connect_args={"application_name": "sitroom", "connect_timeout": 10},
    )
    configure(engine, busy_timeout_s)
    return engine


WRITE = "sitroom_write"  # execution option (the same one sqlite.py reads)


def configure(engine: Engine, busy_timeout_s: float) -> None:
    """Per connection: lock_timeout = the busy timeout, UTC, the NUL-safe text dumper. A
    transaction on a connection marked with the WRITE option starts by taking the write lock."""

    @event.listens_for(engine, "connect")
    def _settings(dbapi_conn, _record) -> None:  # noqa: ANN001 - psycopg connection
        dbapi_conn.adapters.register_dumper(str, _NulSafeStr)
        with dbapi_conn.cursor() as cur:
            cur.execute(f"SET lock_timeout = {int(busy_timeout_s * 1000)}")
            cur.execute("SET TIME ZONE 'UTC'")
        dbapi_conn.commit()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get(WRITE):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


# SQLSTATE classes and codes -> what a user can do about it.
_BY_STATE = {
    "55P03": "the store is busy: another writer held its lock longer than the busy timeout "
    "({timeout:g} s); try again when it has finished",
    "53100": "the disk holding the store's server is full; nothing committed is lost, free some "
    "space and run the command again",
    "25006": "the store is read-only (a read-only transaction or a standby server); nothing was "
    "written",
    "3D000": "the database does not exist on this server (create it first: createdb NAME)",
    "28P01": "authentication failed (wrong user or password)",
    "28000": "the server refused this user (pg_hba.conf or role)",
    "42501": "permission denied on the store's tables (grant this role access)",
    "57P01": "the server was shut down while sitroom was using it; nothing uncommitted was kept",
    "53300": "the server has too many connections; try again later",
}


def explain(exc: BaseException, busy_timeout_s: float) -> str:
    """One line saying what went wrong, from a psycopg or SQLAlchemy error."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    if state in _BY_STATE:
        return _BY_STATE[state].format(timeout=busy_timeout_s)
    message = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = message.lower()
    if "connection refused" in low or "no such file or directory" in low:
        return "cannot connect to the PostgreSQL server (is it running, and is this its address?)"
    if "could not translate host name" in low:
        return "cannot connect: unknown host name"
    if "timeout expired" in low:
        return "cannot connect: the server did not answer in time"
    return f"database error: {message}"


# -- full text ---------------------------------------------------------------------------------
def create_fts(conn: Connection) -> None:
    """Generated tsvector columns with GIN indexes (migration 1 on PostgreSQL). `strip` keeps
    the words without their positions (searches are AND of words), so a long document stays
    far below the 1 MB tsvector limit."""
    for table, column, source in (
        ("documents", "fts", "coalesce(title, '') || ' ' || text"),
        ("claims", "fts", "quote"),
    ):
        conn.execute(
            text(
                f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} tsvector "
                f"GENERATED ALWAYS AS (strip(to_tsvector('{CONFIG}', {source}))) STORED"
            )
        )
        conn.execute(
            text(f"CREATE INDEX IF NOT EXISTS ix_{table}_fts ON {table} USING gin ({column})")
        )


MATCH = f"fts @@ plainto_tsquery('{CONFIG}', :fts_q)"


def search_claim_ids(conn: Connection, fts_q: str, limit: int | None = None) -> set[str]:
    sql = f"SELECT id FROM claims WHERE {MATCH}" + (" LIMIT :n" if limit else "")
    return {r[0] for r in conn.execute(text(sql), {"fts_q": fts_q, "n": limit})}


def search_document_ids(conn: Connection, fts_q: str, limit: int | None = None) -> set[str]:
    sql = f"SELECT id FROM documents WHERE {MATCH}" + (" LIMIT :n" if limit else "")
    return {r[0] for r in conn.execute(text(sql), {"fts_q": fts_q, "n": limit})}


CLAIM_HITS = f"SELECT id FROM claims WHERE {MATCH}"


def integrity_ok(conn: Connection) -> bool:
    """The server keeps its own files consistent; this checks that the store answers."""
    return conn.execute(text("SELECT 1")).scalar() == 1
