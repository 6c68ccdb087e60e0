"""CLI commands `watch` (poll feeds until stopped) and `feeds` (their health)."""

from __future__ import annotations

import argparse
import sys

from sitroom.output import emit

FEED_COLUMNS = [
    ("feed", lambda r: r["name"]),
    ("last poll", lambda r: r["last_poll"] or "never"),
    ("last success", lambda r: r["last_ok"] or "never"),
    ("next poll", lambda r: r["next_due"] or "now"),
    ("failures in a row", lambda r: r["errors"]),
    ("polls", lambda r: r["polls"]),
    ("unchanged", lambda r: r["unchanged"]),
    ("documents", lambda r: r["documents"]),
    ("claims", lambda r: r["claims"]),
    ("last error", lambda r: r["last_error"] or ""),
]


def add_watch_commands(sub, formats) -> None:  # noqa: ANN001 - argparse subparsers
    w = sub.add_parser("watch", help="poll the feeds of FEEDS.toml and ingest what is new")
    w.add_argument("feeds_file", metavar="FEEDS.toml")
    w.add_argument("--once", action="store_true", help="poll what is due once, then stop")
    w.add_argument("--rounds", type=int, help="stop after this many polling rounds")
    f = sub.add_parser("feeds", help="the watched feeds with their health")
    f.add_argument("--format", choices=formats)


def run_watch_command(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    if args.command == "feeds":
        emit(room.feeds(), args.format, FEED_COLUMNS)
        return 0
    rounds = 1 if args.once else args.rounds
    results = room.watch(args.feeds_file, rounds=rounds, log=_log)
    return 0 if all(r.status != "error" for r in results) or not results else 7


def _log(line: str) -> None:
    from sitroom.output_safety import terminal_text  # feed titles and errors come from servers

    print(terminal_text(line, one_line=True), file=sys.stderr, flush=True)
