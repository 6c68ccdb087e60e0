"""CLI command `copy-store` (move a store between SQLite and PostgreSQL) and `bench store`
(ingest throughput and read times on both back ends)."""

from __future__ import annotations

import argparse
import json
import sys


def add_store_commands(sub) -> None:  # noqa: ANN001 - argparse subparsers
    c = sub.add_parser(
        "copy-store",
        help="copy a whole store to another (SQLite <-> PostgreSQL), verified",
        description="Copy every row of one store into another, streamed in batches; the "
        "target must be empty unless --append. Stores: a SQLite file, sqlite:///PATH or "
        "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.",
        epilog="exit status: 0 copied and verified; 5 store error (target not empty, counts "
        "differ, cannot connect); 2 bad option",
    )
    c.add_argument("--from", dest="source", required=True, metavar="STORE")
    c.add_argument("--to", dest="target", required=True, metavar="STORE")
    c.add_argument("--append", action="store_true", help="add the rows a non-empty target lacks")
    c.add_argument("--format", choices=("text", "json"), default="text")


def add_store_bench(bench_sub) -> None:  # noqa: ANN001 - argparse subparsers of `bench`
    b = bench_sub.add_parser(
        "store", help="ingest throughput and read times on SQLite and PostgreSQL"
    )
    b.add_argument("--pg", help="PostgreSQL server URL to create the bench databases on "
                   "(default: a throwaway local server from the installed binaries)")  # fmt: skip
    b.add_argument("--corpus", help="path (default: the bundled demo corpus)")
    b.add_argument("--repeat", type=int, default=5, help="runs per read timing (median)")
    b.add_argument("--format", choices=("text", "json"), default="text")


def run_copy_store(args: argparse.Namespace) -> int:
    from sitroom.config import load_settings
    from sitroom.store.copy import copy_store

    settings = load_settings(args.config, None)
    out = copy_store(
        args.source,
        args.target,
        append=args.append,
        busy_timeout_s=settings.store.busy_timeout_s,
        log=None if args.format == "json" else lambda m: print(m, file=sys.stderr),
    )
    if args.format == "json":
        print(json.dumps(out, indent=2))
        return 0
    rows = sum(t["written"] for t in out["tables"].values())
    print(f"copied {rows} rows from {out['from']} to {out['to']} in {out['seconds']:.1f}s")
    print(f"{'table':<20} {'source':>9} {'target':>9} {'written':>9}")
    for name, t in out["tables"].items():
        print(f"{name:<20} {t['source']:>9} {t['target']:>9} {t['written']:>9}")
    print("verified: every table's row count matches" + (" or exceeds" if args.append else ""))
    return 0


def run_store_bench(args: argparse.Namespace) -> int:
    from sitroom.eval.store_bench import bench_store, print_table

    result = bench_store(args.pg, args.corpus, args.repeat, args.config)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0
