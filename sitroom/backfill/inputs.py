"""Backfill inputs: sharded JSON Lines and Parquet files (and folders of them), cut into
partitions that workers read themselves.

Contract:
- `scan(paths)` -> (files, failures), then `cut(files, rows_per_partition)` -> partitions. A
  JSONL partition is a byte range of whole lines of one file with the number of its first line;
  a Parquet partition a row range of one file. Only the client scans the files (line starts,
  Parquet metadata): no record is parsed there. A path that is missing, unreadable or of
  another type is a failure, never an exception.
- `read_partition(part, reader)` (in a worker) -> RawDocuments and FailedInputs in file order,
  each named like `ingest` names it: `path#N` (N the 1-based line, or row for Parquet), so a
  backfill and a plain `ingest` of the same JSONL files store the same documents. A file that is
  one JSON array (or starts with a UTF-16/32 byte order mark) is one partition read as `ingest`
  reads it. Unlike `ingest`, shards are not capped by `ingest.max_bytes` (each record still is,
  by `ingest.max_text_chars`).
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sitroom.ingest.base import FailedInput, ReaderSettings
from sitroom.nlp.types import RawDocument

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
PARQUET_SUFFIXES = (".parquet", ".pq")
_WHOLE_FILE_STARTS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16/32 BOMs
_SCAN = 1 << 22  # bytes read at a time while finding line starts


@dataclass(frozen=True)
class Partition:
    """Rows [first, first + rows) of one file (1-based line or row numbers).

    kind 'jsonl': bytes [start, end) of the file; 'json': the whole file read as `ingest` reads
    it; 'parquet': rows by position. `skip` maps row numbers to the document id already stored
    and extracted for that row (a resumed run): the worker skips a row only if its text still
    has that id."""

    index: int
    path: str
    kind: str
    first: int
    rows: int
    start: int = 0
    end: int = 0
    skip: dict[int, str] = field(default_factory=dict, compare=False)

    @property
    def origin_prefix(self) -> str:
        return f"{self.path}#"

    def label(self) -> str:
        return f"{self.path}#{self.first}-{self.first + self.rows - 1}"


@dataclass
class InputFile:
    """One input file: its kind and where its rows start (JSONL line starts, in bytes)."""

    path: str
    kind: str  # 'jsonl' | 'json' (read whole) | 'parquet'
    rows: int
    size: int = 0
    starts: array | None = None


def scan(paths: list[str]) -> tuple[list[InputFile], list[FailedInput]]:
    """The input files (folders walked in sorted order) with their row counts, and the inputs
    that cannot be read."""
    from sitroom.ingest.walk import walk_files

    names: list[str] = []
    failed: list[FailedInput] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in walk_files(path, _skip_name):
                if isinstance(found, FailedInput):
                    failed.append(found)
                elif found.suffix.lower() in JSONL_SUFFIXES + PARQUET_SUFFIXES:
                    names.append(str(found))
        elif not path.exists():
            failed.append(FailedInput(raw, "no such file or folder"))
        elif path.suffix.lower() not in JSONL_SUFFIXES + PARQUET_SUFFIXES:
            failed.append(
                FailedInput(raw, "backfill reads .jsonl, .ndjson, .json or .parquet files")
            )
        else:
            names.append(raw)
    files: list[InputFile] = []
    for name in names:
        try:
            if name.lower().endswith(PARQUET_SUFFIXES):
                files.append(_parquet_file(name))
            else:
                files.append(_jsonl_file(name))
        except OSError as exc:
            failed.append(FailedInput(name, f"cannot read the file: {exc.strerror or exc}"))
        except Exception as exc:  # noqa: BLE001 - e.g. a corrupt Parquet footer: this file only
            failed.append(FailedInput(name, f"cannot read the file ({type(exc).__name__}: {exc})"))
    return files, failed


def cut(files: list[InputFile], rows_per_partition: int) -> list[Partition]:
    """Partitions of at most `rows_per_partition` rows; none crosses a file's end."""
    size = max(1, rows_per_partition)
    parts: list[Partition] = []
    for f in files:
        if f.kind == "json":
            parts.append(Partition(len(parts), f.path, "json", 1, 1, 0, f.size))
            continue
        for first in range(0, f.rows, size):
            last = min(first + size, f.rows)
            start = end = 0
            if f.kind == "jsonl":
                start = f.starts[first]
                end = f.starts[last] if last < f.rows else f.size
            parts.append(Partition(len(parts), f.path, f.kind, first + 1, last - first, start, end))
    return parts


def _skip_name(name: str) -> bool:
    return name.startswith(".") or name.lower().startswith(("readme", "license", "credits"))


def _jsonl_file(name: str) -> InputFile:
    total = os.path.getsize(name)
    with open(name, "rb") as fh:
        head = fh.read(4096)
        body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
        fh.seek(0)
        if (
            head.startswith(_WHOLE_FILE_STARTS)
            or body[:1] == b"["
            or (body[:1] == b"{" and not _line_is_value(fh.readline()))
        ):
            return InputFile(name, "json", 1, total)
        fh.seek(0)
        starts = array("q", [0])  # byte offset of each line's start
        offset = 0
        while chunk := fh.read(_SCAN):
            pos = chunk.find(b"\n")
            while pos >= 0:
                starts.append(offset + pos + 1)
                pos = chunk.find(b"\n", pos + 1)
            offset += len(chunk)
    if starts[-1] == total:  # the file ends with a newline: no line after it
        starts.pop()
    return InputFile(name, "jsonl", len(starts) if total else 0, total, starts)


def _line_is_value(line: bytes) -> bool:
    """Whether the first line is a JSON value by itself (JSON Lines); if not, the file is one
    pretty-printed value, read whole as `ingest` reads it."""
    import json

    try:
        json.loads(line.decode("utf-8-sig", errors="replace"))
        return True
    except (ValueError, RecursionError):
        return False


def _parquet_file(name: str) -> InputFile:
    import pyarrow.parquet as pq

    return InputFile(name, "parquet", pq.ParquetFile(name).metadata.num_rows)


# -- reading one partition (in a worker) ------------------------------------------------------
def read_partition(part: Partition, reader: ReaderSettings) -> Iterator[RawDocument | FailedInput]:
    """The partition's records as `ingest` would read them, unfinished (no language yet)."""
    from sitroom.errors import InputError
    from sitroom.ingest.jsonl import read_jsonl

    try:
        if part.kind == "json":
            with open(part.path, "rb") as fh:
                yield from read_jsonl(fh.read(), part.path, reader)
        elif part.kind == "jsonl":
            yield from _jsonl_lines(part)
        else:
            yield from _parquet_rows(part)
    except InputError as exc:
        yield FailedInput(part.label(), exc.message)
    except OSError as exc:
        yield FailedInput(part.label(), f"cannot read the file: {exc.strerror or exc}")


def _jsonl_lines(part: Partition) -> Iterator[RawDocument | FailedInput]:
    import json

    from sitroom.ingest.base import decode_text
    from sitroom.ingest.jsonl import _one

    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read(part.end - part.start)
    content, notes = decode_text(data, part.label())
    for n, line in enumerate(content.split("\n"), part.first):
        if n >= part.first + part.rows or not line.strip():
            continue
        where = f"{part.path}#{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield FailedInput(where, f"line {n} is not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        except RecursionError:
            yield FailedInput(where, f"line {n} is JSON nested too deeply to read")
            continue
        yield _one(rec, where, notes)


def _parquet_rows(part: Partition) -> Iterator[RawDocument | FailedInput]:
    import pyarrow.parquet as pq

    from sitroom.ingest.jsonl import _one

    pf = pq.ParquetFile(part.path)
    start, stop = part.first - 1, part.first - 1 + part.rows
    groups, offset = [], 0
    for g in range(pf.metadata.num_row_groups):
        n = pf.metadata.row_group(g).num_rows
        if offset < stop and offset + n > start:
            groups.append((g, offset))
        offset += n
    if not groups:
        return
    table = pf.read_row_groups([g for g, _ in groups])
    table = table.slice(start - groups[0][1], part.rows)
    for n, rec in enumerate(table.to_pylist(), part.first):
        yield _one({k: _plain(v) for k, v in rec.items()}, f"{part.path}#{n}")


def _plain(value: object) -> object:
    """Parquet timestamps and dates as ISO text, like a JSON record would carry them."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
