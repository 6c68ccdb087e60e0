"""Printing listings: a readable table on a terminal, JSON / JSONL / CSV for pipes.

Tables are for people: headers are words ("published", "independent origins"), never internal
field names; lists are joined with commas, booleans are yes/no. JSON, JSONL and CSV carry every
field under its stable name, for scripts.

Every format is escaped by `sitroom.output_safety`: CSV cells cannot run as formulas, table
cells are never Rich markup and show control characters as visible escapes.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import TextIO

from rich.console import Console
from rich.table import Table

from sitroom.output_safety import csv_writer, json_text, table_cell
from sitroom.views import flat

# field name -> the words a table header shows (anything else: underscores and dots as spaces)
LABELS = {
    "id": "id",
    "published_at": "published",
    "published_how": "date from",
    "copy_of": "copy of",
    "copy_similarity": "copy similarity",
    "version_of": "version of",
    "superseded_by": "superseded by",
    "retrieved_at": "retrieved",
    "graded_by": "graded by",
    "reliability": "reliability (A-F)",
    "last_seen": "last seen",
    "origins_count": "independent origins",
    "first_published": "first published",
    "earliest": "from",
    "latest": "to",
    "n_points": "figures",
    "current": "current range",
    "derived_text": "derived",
    "disputes_n": "disputes",
    "side_ids": "claims on each side",
    "evidence_ids": "evidence claims",
    "claim.id": "claim",
    "claim.kind": "kind",
    "claim.actor": "actor",
    "claim.target": "target",
    "claim.status": "status",
    "credibility": "credibility (1-6)",
    "contradicted": "contradicted",
    "why": "why",
    "documents_by_status": "documents by status",
    "db": "database",
    "q_low": "low",
    "q_high": "high",
    "attribution.source": "said by",
    "attribution.kind": "attribution",
    "attribution.text": "attribution words",
    "quantity.low": "low",
    "quantity.high": "high",
    "quantity.unit": "unit",
    "quantity.approx": "approximate",
    "quantity.bound": "bound",
    "quantity.basis": "total or additional",
    "quantity.text": "figure as written",
    "when.text": "when (as written)",
    "when.earliest": "earliest",
    "when.latest": "latest",
    "when.precision": "date precision",
    "when.relation": "relative to publication",
    "place.name": "place",
    "place.country_name": "country",
    "document.id": "document",
    "document.title": "document title",
    "document.url": "address",
    "document.published_at": "published",
    "source.name": "outlet",
    "source.reliability": "outlet reliability (A-F)",
    "evidence.doc_id": "evidence document",
    "evidence.start": "evidence start",
    "evidence.end": "evidence end",
}


ENUM = re.compile(r"[a-z]+(?:_[a-z]+)+")


def words(key: str) -> str:
    """The header words for a field name: 'published_at' -> 'published'."""
    return LABELS.get(key) or key.replace(".", " ").replace("_", " ")


def default_format(stream: TextIO) -> str:
    return "table" if stream.isatty() else "jsonl"


Column = str | tuple[str, Callable[[dict], object]]


def emit(
    rows: list[dict], fmt: str | None, columns: list[Column], stream: TextIO = sys.stdout
) -> None:
    """Write rows in the chosen format. `columns` picks what the table shows: a dotted key
    (its header in words, see `words`), or (header, function of the row) for a compact cell;
    JSON, JSONL and CSV carry every field."""
    fmt = fmt or default_format(stream)
    if fmt == "json":
        stream.write(json_text(json.dumps(rows, indent=2, ensure_ascii=False, default=str)))
        stream.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json_text(json.dumps(row, ensure_ascii=False, default=str)) + "\n")
    elif fmt == "csv":
        flats = [flat(r) for r in rows]
        keys = list(dict.fromkeys(k for f in flats for k in f))
        writer = csv_writer(stream, keys)
        writer.writeheader()
        writer.writerows(flats)
    else:
        table = Table(show_lines=False)
        for col in columns:
            header = words(col) if isinstance(col, str) else col[0]
            table.add_column(table_cell(header), overflow="fold")
        for row in rows:
            table.add_row(
                *[_cell(_pick(row, c) if isinstance(c, str) else c[1](row)) for c in columns]
            )
        if not rows:
            table.caption = "nothing to show"
        _console(stream).print(table)


def emit_one(obj: dict, fmt: str | None, stream: TextIO = sys.stdout) -> None:
    """One object: JSON for scripts (the default), or with 'table' a two-column table of its
    fields in words (nested fields flattened: 'quantity low'); long values are cut."""
    if fmt != "table":
        stream.write(json_text(json.dumps(obj, indent=2, ensure_ascii=False, default=str)))
        stream.write("\n")
        return
    table = Table(show_header=True)
    table.add_column("field")
    table.add_column("value", overflow="fold")
    for key, value in _fields(obj):
        table.add_row(table_cell(words(key)), _cell(value, 300))
    _console(stream).print(table)


def _fields(obj: dict, prefix: str = "") -> list[tuple[str, object]]:
    out: list[tuple[str, object]] = []
    for k, v in obj.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict) and v and all(not isinstance(x, dict | list) for x in v.values()):
            if all(isinstance(x, int) for x in v.values()):  # counts: 'extracted 90'
                out.append((key, ", ".join(f"{n} {x}" for n, x in v.items())))
            else:
                out += [(f"{key}.{n}", x) for n, x in v.items()]
        elif isinstance(v, dict):
            out += _fields(v, key + ".")
        else:
            out.append((key, v))
    return [(k, v) for k, v in out if v not in (None, "", [], {})]


def _pick(row: dict, key: str) -> object:
    value: object = row
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _console(stream: TextIO) -> Console:
    return Console(file=stream, width=160 if not stream.isatty() else None)


def _cell(value: object, limit: int = 90):  # noqa: ANN202 - a rich Text, never markup
    if value is None:
        return table_cell("")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        text = ", ".join(
            json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else str(v) for v in value
        )
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    elif isinstance(value, str) and ENUM.fullmatch(value):
        text = value.replace("_", " ")  # 'before_publication' -> 'before publication'
    else:
        text = str(value)
    text = " ".join(text.split())
    return table_cell(text if len(text) < limit else text[: limit - 3] + "...")
