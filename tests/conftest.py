"""Shared fixtures: paths to the bundled corpus and gold data, and small real corpora."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).parent))

SEED_DIR = ROOT / "corpus" / "demo" / "seed"
SEED = SEED_DIR / "000_f87ea5b6e03fbb1f.txt"
VOA = ROOT / "corpus" / "demo" / "voa" / "voa_stories.jsonl"
GOLD = ROOT / "tests" / "fixtures" / "gold"
INPUTS = ROOT / "tests" / "fixtures" / "inputs"

# Debian's Chromium and the flags every browser test launches it with (no network, no sandbox)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def voa_records(*ids: str) -> list[dict]:
    recs = [json.loads(line) for line in VOA.read_text("utf-8").splitlines() if line]
    return [r for r in recs if r["id"] in ids] if ids else recs


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "sitroom.db")


@pytest.fixture(scope="session")
def seed_master(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed corpus ingested once per test session (through the Python API: spaCy loads once).
    Tests never write to it: they take a copy through `seeded_db`."""
    from sitroom import Sitroom

    db = str(tmp_path_factory.mktemp("seed-master") / "seed.db")
    report = Sitroom(db=db).ingest([str(SEED_DIR)])
    assert report.stored == 1 and not report.failed
    return db


@pytest.fixture
def seeded_db(seed_master: str, db: str) -> str:
    """A private copy of the ingested seed store (SQLite's backup API: a consistent copy)."""
    import sqlite3

    with sqlite3.connect(seed_master) as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    return db


PICTURE_SETS = [
    "pakistan-jaffar-express-2025",
    "somalia-hayat-hotel-2022",
    "drc-goma-2025",
    "india-pahalgam-2025",
]
VOA_SIEGE_AND_TRAIN = ("8008152", "8006503", "8011076", "8009314", "8007760", "8006651")


@pytest.fixture(scope="session")
def picture_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One store of real reporting on several conflicts: the four picture dev sets, six VOA
    stories (the Beledweyne hotel siege, the Jaffar Express) and the seed article (Kursk)."""
    from sitroom import Sitroom

    tmp = tmp_path_factory.mktemp("picture-store")
    db = str(tmp / "picture.db")
    voa = write_jsonl(tmp / "voa.jsonl", voa_records(*VOA_SIEGE_AND_TRAIN))
    folder = ROOT / "tests" / "fixtures" / "picture"
    paths = [str(folder / s / "articles.jsonl") for s in PICTURE_SETS] + [str(voa), str(SEED)]
    report = Sitroom(db=db).ingest(paths)
    assert not report.failed and report.stored == 44 + len(VOA_SIEGE_AND_TRAIN) + 1
    return db


# -- PostgreSQL: one throwaway server per test session (sitroom.store.pgserver) ---------------
@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server started from the installed binaries, torn down at the end.
    Without one, `make test` skips the PostgreSQL cases saying why; under CI (CI=true) a
    missing server fails the run instead."""
    import os

    from sitroom.store.pgserver import LocalServer, Unavailable

    try:
        server = LocalServer()
    except Unavailable as exc:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(f"CI=true but no PostgreSQL server could be started: {exc}")
        pytest.skip(f"PostgreSQL tests skipped (no local server could be started): {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new empty store on each back end: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "sitroom.db")
    return request.getfixturevalue("pg_server").new_database()


def raw_engine(url: str):  # noqa: ANN201 - an Engine
    """A plain SQLAlchemy engine on a store (no sitroom code), to look at or tamper with it."""
    from sqlalchemy import create_engine

    from sitroom.store import postgres

    if postgres.is_url(url):
        return create_engine(postgres.engine_url(url), poolclass=_null_pool())
    return create_engine(f"sqlite:///{url.removeprefix('sqlite:///')}", poolclass=_null_pool())


def _null_pool():  # noqa: ANN202
    from sqlalchemy.pool import NullPool

    return NullPool


def store_snapshot(url: str) -> dict:
    """What a store holds, read directly: ids per table, document statuses."""
    from sqlalchemy import text

    engine = raw_engine(url)
    out = {}
    with engine.connect() as conn:
        for table in ("documents", "claims", "sources", "failures", "measures", "observations"):
            out[table] = sorted(r[0] for r in conn.execute(text(f"select id from {table}")))
        out["status"] = sorted(
            tuple(r) for r in conn.execute(text("select id, status from documents"))
        )
        out["bands"] = conn.execute(text("select count(*) from copy_bands")).scalar()
    engine.dispose()
    return out
