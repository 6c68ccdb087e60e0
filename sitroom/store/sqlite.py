"""Everything SQLite-specific lives here: connection pragmas and the FTS5 full-text index.

WAL mode with synchronous=FULL so a process killed mid-ingest leaves every committed document
intact. The FTS5 tables are standalone (not external-content) and written in the same
transaction as the rows they index.
"""

from __future__ import annotations

from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine

FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "doc_id UNINDEXED, title, body, tokenize='unicode61')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5("
    "claim_id UNINDEXED, quote, tokenize='unicode61')",
)


def configure(engine: Engine) -> None:
    """Set the pragmas on every new connection of this engine."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.close()


def create_fts(conn: Connection) -> None:
    for ddl in FTS_DDL:
        conn.execute(text(ddl))


def index_document(conn: Connection, doc_id: str, title: str | None, body: str) -> None:
    conn.execute(
        text("INSERT INTO documents_fts(doc_id, title, body) VALUES (:i, :t, :b)"),
        {"i": doc_id, "t": title or "", "b": body},
    )


def index_claims(conn: Connection, rows: list[tuple[str, str]]) -> None:
    if rows:
        conn.execute(
            text("INSERT INTO claims_fts(claim_id, quote) VALUES (:i, :q)"),
            [{"i": i, "q": q} for i, q in rows],
        )


def unindex_claims(conn: Connection, claim_ids: list[str]) -> None:
    for cid in claim_ids:
        conn.execute(text("DELETE FROM claims_fts WHERE claim_id = :i"), {"i": cid})


def fts_query(user_query: str) -> str:
    """Turn free user text into a safe FTS5 MATCH expression (each word quoted, AND-ed)."""
    words = [w.replace('"', "") for w in user_query.split() if w.replace('"', "")]
    return " ".join(f'"{w}"' for w in words) or '""'


def search_claim_ids(conn: Connection, user_query: str) -> set[str]:
    rows = conn.execute(
        text("SELECT claim_id FROM claims_fts WHERE claims_fts MATCH :q"),
        {"q": fts_query(user_query)},
    )
    return {r[0] for r in rows}


def search_document_ids(conn: Connection, user_query: str) -> set[str]:
    rows = conn.execute(
        text("SELECT doc_id FROM documents_fts WHERE documents_fts MATCH :q"),
        {"q": fts_query(user_query)},
    )
    return {r[0] for r in rows}


def integrity_ok(conn: Connection) -> bool:
    return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
