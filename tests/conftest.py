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


def voa_records(*ids: str) -> list[dict]:
    recs = [json.loads(line) for line in VOA.read_text("utf-8").splitlines() if line]
    return [r for r in recs if r["id"] in ids] if ids else recs


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "sitroom.db")
