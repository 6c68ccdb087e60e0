"""Everything SQLite-specific lives here: connection pragmas, transactions, error wording and
the FTS5 full-text index.

WAL mode with synchronous=FULL so a process killed mid-ingest leaves every committed document
intact, and readers never block a writer. Several processes may write one store: a write
transaction starts with BEGIN IMMEDIATE (it takes the write lock at once, waiting up to the busy
timeout for another writer), so two writers never both read and then collide; read
transactions are plain deferred BEGINs. The FTS5 tables are standalone (not external-content)
and written in the same transaction as the rows they index.
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


WRITE = "sitroom_write"  # execution option: this connection's transaction writes


def configure(engine: Engine, busy_timeout_s: float) -> None:
    """Set the pragmas on every new connection of this engine and take over BEGIN.

    The driver's own transaction handling is switched off (isolation_level=None) so that the
    BEGIN below is the only one: IMMEDIATE for a connection marked with the WRITE option,
    DEFERRED otherwise (SQLAlchemy's documented recipe for pysqlite)."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001 - DB-API connection
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_s * 1000)}")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def use_wal(engine: Engine) -> None:
    """Switch the file to WAL (persistent; written once, when sitroom creates its store). Only
    after the file is known to be ours: the switch rewrites the file header."""
    raw = engine.raw_connection()
    try:
        cur = raw.driver_connection.cursor()
        if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.close()
    finally:
        raw.close()


# SQLite's own messages (sqlite3_errstr) -> what a user can do about it.
_EXPLAINED = (
    (
        "database is locked",
        "the store is busy: another process held its write lock longer "
        "than the busy timeout ({timeout:g} s); try again when it has finished",
    ),
    (
        "database or disk is full",
        "the disk holding the store is full; nothing committed is "
        "lost, free some space and run the command again",
    ),
    (
        "readonly database",
        "the store is read-only (file or folder permissions, or a "
        "read-only disk); nothing was written",
    ),
    (
        "malformed",
        "the store file is corrupt (database disk image is malformed); restore it "
        "from a backup or ingest again into a new file",
    ),
    ("file is not a database", "not a SQLite database (file is not a database)"),
    (
        "unable to open database file",
        "cannot open the store file (missing folder or no permission)",
    ),
    ("disk i/o error", "disk I/O error while using the store"),
)


def explain(exc: BaseException, busy_timeout_s: float) -> str:
    """One line saying what went wrong with the database, from a driver or SQLAlchemy error."""
    orig = getattr(exc, "orig", None) or exc
    message = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
    low = message.lower()
    for needle, text_ in _EXPLAINED:
        if needle in low:
            return text_.format(timeout=busy_timeout_s)
    return f"database error: {message}"


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


MEASURES_FTS_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS measures_fts USING fts5(quote, tokenize='unicode61')"
)
SHIFT = 20  # rowid = measure rowid << SHIFT | k: one row per distinct claim quote of a measure


def create_measures_fts(conn: Connection) -> None:
    """The full-text index over measures: one row per distinct quote of the claims its
    observations come from, rowid = (the measure row's rowid << SHIFT) + k, so a measure's rows
    are one rowid range (dropped without a scan) and a match names its measure by a shift.
    A measure matches exactly when one of its claims does (the PostgreSQL back end asks the
    claims themselves: the same answer), without reading every claim of the store."""
    conn.execute(text(MEASURES_FTS_DDL))


def clear_measures_fts(conn: Connection) -> None:
    """An empty measures index (before every measure is rebuilt)."""
    create_measures_fts(conn)
    conn.execute(text("DELETE FROM measures_fts"))


def unindex_measure_families(conn: Connection, families: list[str]) -> None:
    """Drop the index rows of these families' measures (before the measures are replaced)."""
    if not families:
        return
    marks = ",".join(f":f{i}" for i in range(len(families)))
    rows = conn.execute(
        text(f"SELECT rowid FROM measures WHERE family IN ({marks})"),
        {f"f{i}": f for i, f in enumerate(families)},
    )
    ranges = [{"a": r << SHIFT, "b": ((r + 1) << SHIFT) - 1} for (r,) in rows]
    if ranges:
        conn.execute(text("DELETE FROM measures_fts WHERE rowid BETWEEN :a AND :b"), ranges)


def index_measures(conn: Connection, quotes: dict[str, list[str]]) -> None:
    """Index each measure's distinct claim quotes (measure id -> quotes; measures stored)."""
    ids = list(quotes)
    rowids: dict[str, int] = {}
    for i in range(0, len(ids), 900):
        part = ids[i : i + 900]
        marks = ",".join(f":m{j}" for j in range(len(part)))
        got = conn.execute(
            text(f"SELECT id, rowid FROM measures WHERE id IN ({marks})"),
            {f"m{j}": m for j, m in enumerate(part)},
        )
        rowids.update(dict(got.fetchall()))
    rows = [
        {"r": (rowids[m] << SHIFT) + k, "q": q}
        for m, qs in quotes.items()
        if m in rowids
        for k, q in enumerate(sorted(set(qs))[: (1 << SHIFT) - 1])
    ]
    if rows:
        conn.execute(text("INSERT INTO measures_fts(rowid, quote) VALUES (:r, :q)"), rows)


MEASURE_MATCH = (  # a condition on `measures` (see store.fts.measure_match)
    f"measures.rowid IN (SELECT rowid >> {SHIFT} FROM measures_fts WHERE measures_fts "
    "MATCH :mfts_q)"
)


def fill_measures_fts(conn: Connection) -> None:
    """Index every stored measure (store migration 30, copy-store, a full rebuild)."""
    clear_measures_fts(conn)
    q = text(
        "SELECT o.measure_id, c.quote FROM observations o JOIN claims c ON c.id = o.claim_id "
        "ORDER BY o.measure_id"
    )
    batch: dict[str, list[str]] = {}
    for measure_id, quote in conn.execute(q):
        if len(batch) >= 5000 and measure_id not in batch:
            index_measures(conn, batch)
            batch = {}
        if quote:
            batch.setdefault(measure_id, []).append(quote)
    index_measures(conn, batch)


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


def search_document_ids(conn: Connection, user_query: str, limit: int | None = None) -> set[str]:
    sql = "SELECT doc_id FROM documents_fts WHERE documents_fts MATCH :q"
    rows = conn.execute(
        text(sql + (" LIMIT :n" if limit else "")), {"q": fts_query(user_query), "n": limit}
    )
    return {r[0] for r in rows}


def integrity_ok(conn: Connection) -> bool:
    return conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"


CLAIM_HITS = "SELECT claim_id FROM claims_fts WHERE claims_fts MATCH :fts_q"  # see store.fts
