"""CLI commands `export` and `import`: they call `Sitroom.export` / `Sitroom.import_file`."""

from __future__ import annotations

import argparse
import json
import sys

from sitroom.cli_filters import CLAIM_FILTERS, add_filters, filters
from sitroom.export import FORMATS, IMPORT_FORMATS


def add_export_commands(sub) -> None:  # noqa: ANN001 - argparse subparsers
    ex = sub.add_parser("export", help="export claims and the picture (jsonl csv parquet ...)")
    ex.add_argument("--format", required=True, choices=FORMATS)
    ex.add_argument("-o", "--out", default="-", help="file, directory (parquet; csv), or -")
    add_filters(ex, *CLAIM_FILTERS)
    ex.add_argument(
        "--no-events", action="store_true", help="claims only (events need the whole scope)"
    )
    im = sub.add_parser("import", help="import a sitroom JSONL export or ACLED-style CSV")
    im.add_argument("path")
    im.add_argument("--format", required=True, choices=IMPORT_FORMATS)


def run_export_command(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    if args.command == "import":
        report = room.import_file(args.path, args.format)
        for err in report["errors"]:
            print(f"sitroom: skipped: {err}", file=sys.stderr)
        print(json.dumps(report))
        return 0 if not report["errors"] else 7
    result = room.export(
        args.format,
        args.out,
        **filters(args, *CLAIM_FILTERS),
        events=not args.no_events,
    )
    if args.out != "-":
        counts = ", ".join(f"{v} {k}" for k, v in result["counts"].items())
        print(f"wrote {args.out} ({args.format}: {counts})", file=sys.stderr)
    return 0
