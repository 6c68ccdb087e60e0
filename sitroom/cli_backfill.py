"""`sitroom backfill INPUT... --engine local|dask`: extract a large archive on a Dask cluster,
written to the store by this process alone (sitroom.backfill; docs/scale.md)."""

from __future__ import annotations

import argparse
import json
import sys
import time


def add_backfill_command(sub) -> None:  # noqa: ANN001 - argparse subparsers
    b = sub.add_parser(
        "backfill",
        help="extract sharded JSONL / Parquet archives on a Dask cluster (one writer)",
        epilog="exit status: 0 all rows stored (or already stored); 3 every input failed; "
        "7 some rows or extractions failed, the rest stored; 5 store error; 2 bad option. "
        "Run the same command again after a crash: rows already stored are skipped.",
    )
    b.add_argument("paths", nargs="+", help=".jsonl/.ndjson/.json/.parquet files or folders")
    b.add_argument("--engine", choices=("local", "dask"), default="local")
    b.add_argument("--address", help="Dask scheduler address for --engine dask (tcp://host:8786)")
    b.add_argument("--workers", type=int, default=2, help="local workers (processes; default 2)")
    b.add_argument("--partitions", type=int, help="split the rows into about N partitions")
    b.add_argument(
        "--reconcile",
        choices=("end", "batch"),
        default="end",
        help="update the stored measures once at the end (default) or after every partition",
    )
    b.add_argument("--format", choices=("text", "json"), default="text")


class _Progress:
    """Rows done, rate and ETA on standard error: one line rewritten on a terminal, else a line
    every 10 seconds."""

    def __init__(self, stream=sys.stderr) -> None:  # noqa: ANN001
        self.stream = stream
        self.tty = stream.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int, seconds: float) -> None:
        now = time.monotonic()
        if not self.tty and now - self.last < 10 and done < total:
            return
        self.last = now
        rate = done / seconds if seconds > 0 else 0.0
        eta = (total - done) / rate if rate > 0 else None
        line = (
            f"backfill: {done:,}/{total:,} rows ({100 * done / max(total, 1):.1f}%), "
            f"{rate:.1f} rows/s, ETA {_clock(eta)}"
        )
        if self.tty:
            self.stream.write("\r" + line + ("\n" if done >= total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    s = int(seconds)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


def cmd_backfill(room, args: argparse.Namespace) -> int:  # noqa: ANN001 - a Sitroom
    from sitroom.backfill.run import backfill

    report = backfill(
        room,
        args.paths,
        engine=args.engine,
        address=args.address,
        workers=args.workers,
        partitions=args.partitions,
        reconcile=args.reconcile,
        progress=_Progress(),
    )
    out = report.as_dict()
    if args.format == "json":
        print(json.dumps(out, indent=2))
    else:
        print(
            f"backfill ({out['engine']}, {out['workers']} workers): {out['rows']:,} rows in "
            f"{out['partitions']} partitions; stored {out['stored']:,} ({out['copies']} copies, "
            f"{out['new_versions']} new versions), {out['claims']:,} claims; already stored "
            f"{out['skipped_already_stored'] + out['unchanged']:,}; completed "
            f"{out['completed']}; failed {out['failed']}, extraction failed "
            f"{out['extraction_failed']}; {out['seconds']:.1f}s "
            f"({out['articles_per_s'] or 0} articles/s)"
        )
        for f in out["failures"]:
            print(f"  failed: {f['origin']}: {f['reason']}")
    if report.outcome == "failed":
        return 3
    return 7 if report.outcome == "partial" else 0
