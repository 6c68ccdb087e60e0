"""Full-text search on both back ends: SQLite's FTS5 tables (sitroom.store.sqlite) or
PostgreSQL's tsvector columns with GIN indexes (sitroom.store.postgres).

Every caller that searches or indexes text goes through these functions; each picks the
back end from the connection it is given. A user's words are AND-ed (each word must occur),
case-insensitively, without stemming, on both.
"""

from __future__ import annotations

from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import TextClause

from sitroom.store import postgres as pg
from sitroom.store import sqlite as sq


def _is_pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def create(conn: Connection) -> None:
    """The full-text index (migration 1)."""
    (pg if _is_pg(conn) else sq).create_fts(conn)


def index_document(conn: Connection, doc_id: str, title: str | None, body: str) -> None:
    """Index a new document (on PostgreSQL the row indexes itself: a generated column)."""
    if not _is_pg(conn):
        sq.index_document(conn, doc_id, title, body)


def index_claims(conn: Connection, rows: list[tuple[str, str]]) -> None:
    if not _is_pg(conn):
        sq.index_claims(conn, rows)


def unindex_claims(conn: Connection, claim_ids: list[str]) -> None:
    if not _is_pg(conn):
        sq.unindex_claims(conn, claim_ids)


def claim_ids(conn: Connection, user_query: str) -> set[str]:
    """Ids of the claims whose quote holds every word of the query."""
    if _is_pg(conn):
        return pg.search_claim_ids(conn, sq.fts_query(user_query))
    return sq.search_claim_ids(conn, user_query)


def document_ids(conn: Connection, user_query: str, limit: int | None = None) -> set[str]:
    """Ids of the documents whose title or text holds every word (at most `limit`)."""
    if _is_pg(conn):
        return pg.search_document_ids(conn, sq.fts_query(user_query), limit)
    return sq.search_document_ids(conn, user_query, limit)


class ClaimHits(TextClause):
    """`SELECT <claim id> ... WHERE <the quote matches>`, usable inside `IN (...)`; compiled
    for the back end that runs it. The bound value is the same FTS5 expression on both
    (PostgreSQL's plainto_tsquery reads the quoted words as plain words)."""

    inherit_cache = False  # the SQL differs per dialect: never reuse a compiled form blindly


@compiles(ClaimHits, "postgresql")
def _claim_hits_pg(element: ClaimHits, compiler, **kw) -> str:  # noqa: ANN001
    bind = compiler.process(element._bindparams["fts_q"], **kw)
    return pg.CLAIM_HITS.replace(":fts_q", bind)


def claim_hits(user_query: str) -> ClaimHits:
    return ClaimHits(sq.CLAIM_HITS).bindparams(fts_q=sq.fts_query(user_query))


# -- measures (SQLite: the measures_fts table; PostgreSQL: the claims' tsvector) --------------
def create_measures(conn: Connection) -> None:
    if not _is_pg(conn):
        sq.create_measures_fts(conn)


def clear_measures(conn: Connection) -> None:
    if not _is_pg(conn):
        sq.clear_measures_fts(conn)


def fill_measures(conn: Connection) -> None:
    """Index every stored measure (migration 30; PostgreSQL searches claims, nothing to do)."""
    if not _is_pg(conn):
        sq.fill_measures_fts(conn)


def unindex_measure_families(conn: Connection, families: list[str]) -> None:
    if not _is_pg(conn):
        sq.unindex_measure_families(conn, families)


def index_measures(conn: Connection, quotes: dict[str, list[str]]) -> None:
    if not _is_pg(conn):
        sq.index_measures(conn, quotes)


class MeasureMatch(TextClause):
    """A condition on `measures`: one of its claims holds every word of the query. SQLite
    reads the measures' own index (their claims' quotes); PostgreSQL the claims' tsvector."""

    inherit_cache = False


@compiles(MeasureMatch, "postgresql")
def _measure_match_pg(element: MeasureMatch, compiler, **kw) -> str:  # noqa: ANN001
    bind = compiler.process(element._bindparams["mfts_q"], **kw)
    hits = pg.CLAIM_HITS.replace(":fts_q", bind)
    return f"measures.id IN (SELECT measure_id FROM observations WHERE claim_id IN ({hits}))"


def measure_match(user_query: str) -> MeasureMatch:
    return MeasureMatch(sq.MEASURE_MATCH).bindparams(mfts_q=sq.fts_query(user_query))
