"""Printing listings: a readable table on a terminal, JSON / JSONL / CSV for pipes."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import TextIO

from rich.console import Console
from rich.table import Table

from sitroom.views import flat


def default_format(stream: TextIO) -> str:
    return "table" if stream.isatty() else "jsonl"


Column = str | tuple[str, Callable[[dict], object]]


def emit(
    rows: list[dict], fmt: str | None, columns: list[Column], stream: TextIO = sys.stdout
) -> None:
    """Write rows in the chosen format. `columns` picks what the table shows: a dotted key, or
    (header, function of the row) for a compact cell; JSON, JSONL and CSV carry every field."""
    fmt = fmt or default_format(stream)
    if fmt == "json":
        json.dump(rows, stream, indent=2, ensure_ascii=False, default=str)
        stream.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
    elif fmt == "csv":
        flats = [flat(r) for r in rows]
        keys = list(dict.fromkeys(k for f in flats for k in f))
        writer = csv.DictWriter(stream, fieldnames=keys)
        writer.writeheader()
        writer.writerows(flats)
    else:
        table = Table(show_lines=False)
        for col in columns:
            table.add_column(col if isinstance(col, str) else col[0], overflow="fold")
        for row in rows:
            f = flat(row)
            table.add_row(*[_cell(f.get(c) if isinstance(c, str) else c[1](row)) for c in columns])
        Console(file=stream, width=160 if not stream.isatty() else None).print(table)


def emit_one(obj: dict, fmt: str | None, stream: TextIO = sys.stdout) -> None:
    if (fmt or default_format(stream)) in ("json", "jsonl", "csv") or fmt is None:
        json.dump(obj, stream, indent=2, ensure_ascii=False, default=str)
        stream.write("\n")
    else:
        Console(file=stream).print_json(json.dumps(obj, default=str))


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) < 90 else text[:87] + "..."
