"""`sitroom reextract [--stale|--all]`: extract stored documents again (see
`sitroom.ingest.completion` for the extraction states)."""

from __future__ import annotations

import argparse
import json


def add_reextract_command(sub) -> None:  # noqa: ANN001 - argparse subparsers
    r = sub.add_parser(
        "reextract",
        help="extract stored documents that have no claims yet (pending or failed)",
        epilog="exit status: 0 every document extracted; 7 some extractions failed",
    )
    which = r.add_mutually_exclusive_group()
    which.add_argument(
        "--stale", action="store_true", help="also documents made by another extractor version"
    )
    which.add_argument("--all", action="store_true", help="every current document")
    r.add_argument("--format", choices=("text", "table", "json"), default="text")


def cmd_reextract(room, args: argparse.Namespace) -> int:  # noqa: ANN001 - a Sitroom
    from sitroom.cli_commands import _progress

    mode = "all" if args.all else "stale" if args.stale else "missing"
    with _progress() as tick:
        report = room.reextract(mode, tick=tick)
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    elif args.format == "table":
        from sitroom.output import emit_one

        emit_one(
            {"which documents": mode, "extracted": report.completed, "claims": report.claims,
             "failed": report.extraction_failed, "seconds": round(report.seconds, 1),
             "not extracted": [f"{o}: {r}" for o, r in report.not_extracted]},
            "table",
        )  # fmt: skip
    else:
        print(
            f"extracted {report.completed} documents ({mode}), {report.claims} claims, "
            f"{report.extraction_failed} failed, in {report.seconds:.1f}s"
        )
        for origin, reason in report.not_extracted:
            print(f"  not extracted: {origin}: {reason}")
    return 7 if report.extraction_failed else 0
