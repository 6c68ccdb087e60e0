"""CLI commands for the cross-article picture (events, estimates, brief...)."""

from __future__ import annotations

import argparse


def add_picture_commands(sub, formats) -> None:  # noqa: ANN001
    """Register the picture commands on the CLI's subparsers."""


def run_picture(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    raise SystemExit(f"unknown command {args.command}")
