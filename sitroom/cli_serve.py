"""CLI command `serve`: the web app and HTTP API (sitroom.web) over this store."""

from __future__ import annotations

import argparse
import sys


def add_serve_command(sub) -> None:  # noqa: ANN001 - argparse subparsers
    s = sub.add_parser("serve", help="HTTP API and web app (default http://127.0.0.1:8000/)")
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default loopback)")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--token", help="editor token (needed to bind beyond loopback)")
    s.add_argument("--read-token", help="a read-only token")


def run_serve(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    from sitroom.web.serve import run

    run(
        room,
        host=args.host,
        port=args.port,
        token=args.token,
        read_token=args.read_token,
        log=lambda m: print(m, file=sys.stderr),
    )
    return 0
