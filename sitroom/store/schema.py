"""The database schema (SQLAlchemy Core), shared by SQLite and PostgreSQL.

Statements with provenance: every claim row carries its document, evidence offsets, quote and
extractor version; ids are deterministic hashes so re-ingesting changes nothing.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(40), nullable=False, default="outlet"),
    Column("domain", String(300)),
    Column("reliability", String(1), nullable=False, default="F"),
    Column("graded_by", String(40), nullable=False, default="default"),
    Column("note", Text),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("url", Text),
    Column("external_id", String(200)),
    Column("title", Text),
    Column("source_id", String(120), ForeignKey("sources.id")),
    Column("published_at", String(40)),
    Column("published_how", String(20), nullable=False),
    Column("retrieved_at", String(40), nullable=False),
    Column("language", String(10)),
    Column("text", Text, nullable=False),
    Column("blocks", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("fmt", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("error", Text),
    Column("copy_of", String(40)),
    Column("copy_similarity", Float),
    Column("version_of", String(40)),
    Column("superseded_by", String(40)),
    Column("minhash", LargeBinary),
    Column("extractor_version", String(40)),
    Index("ix_documents_url", "url"),
    Index("ix_documents_external_id", "external_id"),
)

failures = Table(
    "failures",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("first_seen", String(40), nullable=False),
    Column("last_seen", String(40), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("country", String(120)),
    Column("aliases", Text, nullable=False, default="[]"),
)

places = Table(
    "places",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("name", String(300), nullable=False),
    Column("level", String(20), nullable=False),
    Column("country", String(2)),
    Column("country_name", String(200)),
    Column("admin1", String(200)),
    Column("lat", Float),
    Column("lon", Float),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(40), ForeignKey("documents.id"), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("actor", String(120)),
    Column("target", String(120)),
    Column("q_low", Float),
    Column("q_high", Float),
    Column("q_unit", String(60)),
    Column("q_approx", Boolean),
    Column("q_bound", String(20)),
    Column("q_basis", String(20)),
    Column("q_text", Text),
    Column("casualty", String(30)),
    Column("object", Text),
    Column("place_id", String(80), ForeignKey("places.id")),
    Column("place_text", Text),
    Column("time_text", Text),
    Column("time_type", String(20)),
    Column("time_value", String(60)),
    Column("time_earliest", String(40)),
    Column("time_latest", String(40)),
    Column("time_precision", String(20)),
    Column("time_relation", String(30)),
    Column("time_resolved", Boolean, nullable=False, default=False),
    Column("status", String(20), nullable=False),
    Column("certainty", String(20), nullable=False),
    Column("attribution_kind", String(30), nullable=False),
    Column("attribution_source", String(120)),
    Column("attribution_text", Text),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("quote", Text, nullable=False),
    Column("restates", String(40)),
    Column("consistency", Text),
    Column("notes", Text),
    Column("extractor", String(60), nullable=False),
    Column("extractor_version", String(20), nullable=False),
    # who first said it, followed through reported speech (migration 40; see
    # sitroom/nlp/attribution/origins.py): JSON [{name, kind, role, text}] and the canonical name
    Column("origin_chain", Text),
    Column("origin", String(300)),
    Column("statement", String(40)),  # an unnamed statement's key (nlp/attribution/statements)
    Index("ix_claims_doc", "doc_id"),
    Index("ix_claims_statement", "statement"),
    Index("ix_claims_kind", "kind"),
    Index("ix_claims_actor", "actor"),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("command", String(40), nullable=False),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("config", Text, nullable=False),
    Column("summary", Text),
)
