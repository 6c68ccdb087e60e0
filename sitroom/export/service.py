"""`export`: opens the output (a file, a directory, or standard output) and runs one format.

Formats with several tables (parquet always; csv when the output is a directory) write one
file per table into a directory; the others write one stream. A file is written to a temporary
name and renamed when complete, so an interrupted export never leaves a truncated file that
looks whole.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sitroom.errors import ConfigError, InputError
from sitroom.export import FORMATS, acled, ftm, geo, jsonl, stix, tabular
from sitroom.export.scope import Scope

BINARY = {"ftm"}


def export(room, fmt: str, out: str, scope: Scope, events: bool = True) -> dict:  # noqa: ANN001
    """Write the scope in `fmt` to `out` ('-' for stdout). Returns {'format', 'out', 'counts'}."""
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format; choose one of {', '.join(FORMATS)}", subject=fmt)
    if fmt == "parquet" or (fmt == "csv" and out != "-" and not out.endswith(".csv")):
        return {"format": fmt, "out": out, "counts": _to_dir(room, fmt, out, scope)}
    if out == "-":
        stream = sys.stdout.buffer if fmt in BINARY else sys.stdout
        counts = _one(room, fmt, stream, scope, events)
        stream.flush()
        return {"format": fmt, "out": out, "counts": counts}
    path = Path(out)
    if path.is_dir():
        raise InputError("is a directory; give a file name for this format", subject=out)
    if not path.parent.exists():
        raise InputError("folder does not exist", subject=str(path.parent))
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        mode = ("wb",) if fmt in BINARY else ("w",)
        kwargs = {} if fmt in BINARY else {"encoding": "utf-8", "newline": ""}
        with open(tmp, *mode, **kwargs) as fh:
            counts = _one(room, fmt, fh, scope, events)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return {"format": fmt, "out": out, "counts": counts}


def _one(room, fmt: str, stream, scope: Scope, events: bool) -> dict:  # noqa: ANN001
    if fmt == "jsonl":
        return jsonl.write(room.store, scope, stream)
    if fmt == "csv":
        return tabular.write_claims_csv(room.store, scope, stream)
    if fmt == "geojson":
        return geo.write(room, scope, stream, events)
    if fmt == "stix":
        return stix.write(room, scope, stream, events)
    if fmt == "ftm":
        return ftm.write(room, scope, stream, events)
    return acled.write(room, scope, stream)


def _to_dir(room, fmt: str, out: str, scope: Scope) -> dict:  # noqa: ANN001
    if out == "-":
        raise InputError(f"{fmt} writes one file per table: give a directory with -o", subject=out)
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise InputError("exists and is not a directory", subject=out)
    folder.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        return tabular.write_parquet_dir(room.store, scope, folder)
    return tabular.write_csv_dir(room.store, scope, folder)
