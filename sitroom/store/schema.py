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

# -- feed monitoring (sitroom.watch) ----------------------------------------------------------
feeds = Table(
    "feeds",
    metadata,
    Column("id", String(120), primary_key=True),  # slug of the feed's name in FEEDS.toml
    Column("name", String(300), nullable=False),
    Column("url", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_poll", String(40)),
    Column("last_ok", String(40)),
    Column("next_due", String(40)),
    Column("errors", Integer, nullable=False, default=0),  # consecutive failures (backoff)
    Column("last_error", Text),
    Column("polls", Integer, nullable=False, default=0),
    Column("unchanged", Integer, nullable=False, default=0),  # 304s and identical bodies
    Column("documents", Integer, nullable=False, default=0),  # new documents stored from it
    Column("claims", Integer, nullable=False, default=0),
)

alert_outbox = Table(
    "alert_outbox",
    metadata,
    Column("id", String(40), primary_key=True),  # hash of rule + subject + value: each once
    Column("rule", String(120), nullable=False),
    Column("target", Text, nullable=False),  # file:PATH | command:CMD | webhook:URL
    Column("payload", Text, nullable=False),  # the alert as JSON
    Column("created_at", String(40), nullable=False),
    Column("status", String(20), nullable=False),  # pending | delivered | expired
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("last_error", Text),
    Index("ix_alert_outbox_status", "status", "next_try"),
)

# -- the reconciled picture (sitroom.picture.reconcile): materialised, rebuilt per family ----
# A family is what a group of measures is recomputed by (kind, actor, target, unit, status,
# basis): the unit of incremental update. See docs/picture.md.
measures = Table(
    "measures",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("family", String(40), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("actor", String(120)),
    Column("target", String(120)),
    Column("casualty", String(30)),
    Column("unit", String(60)),
    Column("status", String(20), nullable=False),
    Column("basis", String(20), nullable=False),
    Column("scope", String(20), nullable=False),  # 'theatre' | 'incident'
    Column("theatre", String(200)),
    Column("countries", Text),  # JSON list of ISO codes the observations place it in
    Column("incident", String(300)),  # 'Kalat, 2025-02-01' for an incident
    Column("name", Text, nullable=False),
    Column("n_observations", Integer, nullable=False),
    Column("n_origins", Integer, nullable=False),
    Column("n_documents", Integer, nullable=False),
    Column("first_as_of", String(10)),
    Column("last_as_of", String(10)),
    Column("current_low", Float),
    Column("current_high", Float),
    Column("latest_low", Float),
    Column("latest_high", Float),
    Column("n_disagreements", Integer, nullable=False, default=0),
    Column("score", Float, nullable=False, default=0.0),
    Column("detail", Text, nullable=False),  # JSON: current figure per origin, rules
    Column("updated_at", String(40), nullable=False),
    Index("ix_measures_family", "family"),
    Index("ix_measures_kind_score", "kind", "score"),
    Index("ix_measures_actor", "actor"),
    Index("ix_measures_target", "target"),
    Index("ix_measures_theatre_score", "theatre", "score"),
    Index("ix_measures_score", "score"),
    Index("ix_measures_last", "last_as_of"),
)

observations = Table(
    "observations",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("measure_id", String(40), nullable=False),
    Column("family", String(40), nullable=False),
    Column("claim_id", String(40), nullable=False),
    Column("claim_ids", Text),  # JSON, for a derived sum: the claims it adds up
    Column("doc_id", String(40), nullable=False),
    Column("outlet", String(300)),
    Column("origin", String(300)),
    Column("published_at", String(40)),
    Column("as_of", String(10)),
    Column("refers_from", String(10)),
    Column("refers_to", String(10)),
    Column("low", Float, nullable=False),
    Column("high", Float, nullable=False),
    Column("basis", String(20), nullable=False),  # 'total' | 'additional' (increment)
    Column("role", String(20), nullable=False),  # 'figure' | 'part' | 'sum'
    Column("status", String(20), nullable=False),
    Column("certainty", String(20), nullable=False),
    Column("approx", Boolean),
    Column("bound", String(20)),
    Column("place", String(300)),
    Column("country", String(2)),
    Column("quote", Text, nullable=False),
    Index("ix_observations_measure", "measure_id", "as_of"),
    Index("ix_observations_family", "family"),
    Index("ix_observations_claim", "claim_id"),
    Index("ix_observations_doc", "doc_id"),
)

measure_links = Table(
    "measure_links",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("family", String(40), nullable=False),
    Column("whole_id", String(40), nullable=False),  # observation ids
    Column("part_id", String(40), nullable=False),
    Column("relation", String(30), nullable=False),  # 'includes' | 'sum_of'
    Column("why", Text, nullable=False),
    Index("ix_measure_links_whole", "whole_id"),
    Index("ix_measure_links_part", "part_id"),
    Index("ix_measure_links_family", "family"),
)

disagreements = Table(
    "disagreements",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("measure_id", String(40), nullable=False),
    Column("family", String(40), nullable=False),
    Column("obs_a", String(40), nullable=False),
    Column("obs_b", String(40), nullable=False),
    Column("origin_a", String(300)),
    Column("origin_b", String(300)),
    Column("gap", Float, nullable=False),  # (higher low - lower high) / lower high
    Column("why", Text, nullable=False),
    Index("ix_disagreements_measure", "measure_id"),
    Index("ix_disagreements_family", "family"),
)

copy_bands = Table(  # MinHash LSH bands of stored originals (sitroom.ingest.copies)
    "copy_bands",
    metadata,
    Column("band", Integer, nullable=False),
    Column("hash", String(40), nullable=False),
    Column("doc_id", String(40), nullable=False),
    Index("ix_copy_bands_lookup", "band", "hash"),
    Index("ix_copy_bands_doc", "doc_id"),
)

incident_documents = Table(  # documents reporting an incident between these sides (picture)
    "incident_documents",
    metadata,
    Column("doc_id", String(40), primary_key=True),
    Column("sides", String(300), primary_key=True),  # canonical actor names joined by '|'
)

pending_reconcile = Table(  # documents stored but whose measures are not yet updated
    "pending_reconcile",
    metadata,
    Column("doc_id", String(40), primary_key=True),
)

corrections = Table(  # analyst corrections, kept apart from machine output (sitroom.corrections)
    "corrections",
    metadata,
    Column("id", String(40), primary_key=True),  # "k" + digest of the statement (deterministic)
    Column("action", String(20), nullable=False),  # reject correct grade merge split assess
    Column("target_type", String(20), nullable=False),  # claim source measure theatre
    Column("target_id", String(300), nullable=False),
    Column("field", String(40)),
    Column("value", Text),  # JSON: the analyst's value
    Column("machine_value", Text),  # JSON: the machine's value when the correction was made
    Column("likelihood", String(40)),  # ICD 203 word of an assessment
    Column("reason", Text, nullable=False),
    Column("author", String(200), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("undone_at", String(40)),
    Column("undone_by", String(200)),
    Index("ix_corrections_target", "target_id", "target_type"),
)

# a resumed backfill reads what it stored from each input file by origin ('path#N') ranges
Index("ix_documents_origin", documents.c.origin)
