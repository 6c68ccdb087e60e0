"""The filter options the listing commands share, declared once.

`add_filters(parser, *names)` adds `--NAME` options with their help text; `filters(args,
*names)` reads them back as keyword arguments for the `Sitroom` method the command calls
(`claims`, `measures`, `disagreements`, `export`, the picture listings). A name the parser
did not declare reads as None, so one handler can serve parsers with fewer options.
"""

from __future__ import annotations

import argparse

HELP = {
    "query": "full-text filter (words of the quotes; measures: names and quotes)",
    "kind": "what is counted or done: casualties, deployment, arms transfer, attack, ...",
    "actor": "who (or whom), any alias: 'North Korea', 'BLA'",
    "place": "a place the figures or claims name (or a theatre, or an incident)",
    "theatre": "a country, or a configured group of countries",
    "source": "the outlet that published the document",
    "since": "YYYY-MM-DD: only what is dated on or after it",
    "until": "YYYY-MM-DD: only what is dated on or before it",
}
CLAIM_FILTERS = ("query", "kind", "actor", "place", "source", "since", "until")
MEASURE_FILTERS = ("query", "kind", "actor", "place", "theatre", "since", "until")
SCOPE = ("query", "since", "until")


def add_filters(parser: argparse.ArgumentParser, *names: str) -> None:
    for name in names:
        parser.add_argument(f"--{name}", help=HELP[name])


def filters(args: argparse.Namespace, *names: str) -> dict:
    return {name: getattr(args, name, None) for name in names}
