"""CLI output a person reads: tables in words for every command, one-line errors for bad kinds."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SEED_DIR
from test_cli import run

INTERNAL = re.compile(r"\b\w+_\w+\b|\b\w+\.\w+\b")  # published_at, claim.id, n_points...


@pytest.fixture
def seeded(seeded_db: str) -> str:
    return seeded_db


def _header(table: str) -> str:
    """The header row of a rich table (the line between the top border and the rule)."""
    lines = table.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("┡"))
    return " ".join(lines[1:rule])


@pytest.mark.parametrize(
    "command",
    [
        ["documents"],
        ["claims"],
        ["sources"],
        ["failures"],
        ["events"],
        ["estimates"],
        ["contradictions"],
        ["predictions"],
        ["measures"],
        ["disagreements"],
    ],
)
def test_listing_tables_have_word_headers(seeded: str, command: list[str]) -> None:
    out = run(*command, "--format", "table", db=seeded)
    assert out.returncode == 0, out.stderr
    text = out.stdout.decode()
    assert "┏" in text, text[:300]  # a table, not JSON
    header = _header(text)
    assert not INTERNAL.findall(header), header


def test_show_stats_and_ingest_print_tables_in_words(seeded: str) -> None:
    stats = run("stats", "--format", "table", db=seeded).stdout.decode()
    assert "documents by status" in stats and "{" not in stats
    numbers = json.loads(run("stats", db=seeded).stdout)
    assert re.search(rf"│ documents\s+│ {numbers['documents']}\s", stats)
    claim = json.loads(run("claims", "--format", "json", db=seeded).stdout)[0]
    shown = run("show", claim["id"], "--format", "table", db=seeded).stdout.decode()
    fields = [line.split("│")[1].strip() for line in shown.splitlines() if line.startswith("│")]
    assert {"kind", "quote", "document", "outlet"} <= set(fields), fields
    assert not [f for f in fields if INTERNAL.search(f)], fields
    assert claim["kind"].replace("_", " ") in shown
    again = run("ingest", str(SEED_DIR), "--format", "table", db=seeded).stdout.decode()
    assert "unchanged" in again and "┏" in again


@pytest.mark.parametrize(
    "command",
    [["claims"], ["claims", "--format", "json"], ["measures"], ["measures", "--format", "table"]],
)
def test_unknown_kind_is_one_line_listing_valid_kinds(seeded: str, command: list[str]) -> None:
    out = run(*command, "--kind", "massacre", db=seeded)
    assert out.returncode == 2
    err = out.stderr.decode().strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "massacre" in err and "casualties" in err and "deployment" in err
    ok = run("claims", "--kind", "Arms transfer", "--format", "json", db=seeded)
    assert ok.returncode == 0 and all(c["kind"] == "arms_transfer" for c in json.loads(ok.stdout))


def test_one_measure_and_reconcile_print_tables_in_words(seeded: str) -> None:
    first = json.loads(run("measures", "--format", "json", "--limit", "1", db=seeded).stdout)[0]
    text = run("measure", first["id"], "--format", "table", db=seeded).stdout.decode()
    tables = [t for t in text.split("┏")[1:]]
    assert len(tables) >= 2  # the measure's facts, then its observations by origin
    facts = [line.split("│")[1].strip() for line in text.splitlines() if line.startswith("│")]
    assert {"independent origins", "casualty type", "last as of"} & set(facts)
    header = _header("┏" + tables[1])
    assert "as of" in header and "origin" in header and "figure" in header
    assert not INTERNAL.findall(header), header
    done = run("reconcile", "--format", "table", db=seeded).stdout.decode()
    assert "┏" in done and "measures" in done and "families" in done
