"""CLI commands over the stored measures: `measures`, `measure ID`, `disagreements`,
`reconcile`. Each calls one `Sitroom` method and prints."""

from __future__ import annotations

import argparse

from sitroom.cli_filters import MEASURE_FILTERS, add_filters, filters
from sitroom.output import emit, emit_one

MEASURE_COLUMNS = [
    ("measure", lambda r: r["name"]),
    ("theatre", lambda r: r["theatre"] or ""),
    ("latest", lambda r: _fig(r["latest_low"], r["latest_high"])),
    (
        "current by origin",
        lambda r: "; ".join(
            f"{o['origin'] or o['outlet']}: {_fig(o['low'], o['high'])} ({o['as_of']})"
            for o in r.get("current", [])
        ),
    ),
    ("origins", lambda r: str(r["n_origins"])),
    ("disagreements", lambda r: str(r["n_disagreements"])),
    ("id", lambda r: r["id"]),
]
DISAGREEMENT_COLUMNS = [
    ("measure", lambda r: r["measure"]),
    (
        "one origin",
        lambda r: f"{r['origin_a']}: {_fig(r['a']['low'], r['a']['high'])} ({r['a']['as_of']})",
    ),
    (
        "other origin",
        lambda r: f"{r['origin_b']}: {_fig(r['b']['low'], r['b']['high'])} ({r['b']['as_of']})",
    ),
    ("gap", lambda r: f"{r['gap']:.0%}"),
]


def _fig(low: float | None, high: float | None) -> str:
    from sitroom.picture.common import fmt_range

    return fmt_range(low, high)


def add_measure_commands(sub, formats) -> None:  # noqa: ANN001
    m = sub.add_parser("measures", help="stored measures, ranked, with each origin's figure")
    add_filters(m, *MEASURE_FILTERS)
    m.add_argument("--order", choices=("rank", "recent", "name"), default="rank")
    m.add_argument("--limit", type=int, default=50)
    m.add_argument("--offset", type=int, default=0)
    m.add_argument("--format", choices=formats)
    one = sub.add_parser("measure", help="one measure: observations, links, disagreements")
    one.add_argument("id")
    one.add_argument("--format", choices=("json", "table"), default="json")
    d = sub.add_parser("disagreements", help="origins giving materially different figures")
    add_filters(d, *MEASURE_FILTERS)
    d.add_argument("--limit", type=int, default=100)
    d.add_argument("--format", choices=formats)
    r = sub.add_parser("reconcile", help="rebuild every stored measure from the claims")
    r.add_argument("--format", choices=("text", "table", "json"), default="text")


def cmd_measures(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    rows = room.measures(
        **filters(args, *MEASURE_FILTERS), order=args.order, limit=args.limit, offset=args.offset
    )
    emit(rows, args.format, MEASURE_COLUMNS)
    return 0


OBSERVATION_COLUMNS = [
    ("as of", lambda o: o["as_of"] or "date unknown"),
    ("origin", lambda o: o["origin"] or o["outlet"] or ""),
    ("figure", lambda o: _fig(o["low"], o["high"])),
    ("carried by", lambda o: o["outlet"] or ""),
    ("role", lambda o: {"figure": "", "part": "part of a larger figure"}.get(o["role"], o["role"])),
    ("total or window", lambda o: o["basis"]),
    ("place", lambda o: o["place"] or ""),
    ("claim", lambda o: o["claim_id"]),
]
MEASURE_FACTS = (
    "name", "kind", "actor", "target", "casualty", "unit", "status", "basis", "scope",
    "theatre", "incident", "n_observations", "n_origins", "n_documents", "first_as_of",
    "last_as_of", "n_disagreements", "id",
)  # fmt: skip
FACT_WORDS = {
    "n_observations": "observations",
    "n_origins": "independent origins",
    "n_documents": "documents",
    "first_as_of": "first as of",
    "last_as_of": "last as of",
    "n_disagreements": "disagreeing pairs",
    "casualty": "casualty type",
    "basis": "total or additional",
}


def cmd_measure(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    m = room.measure(args.id)
    if args.format != "table":
        emit_one(m, args.format)
        return 0
    emit_one({FACT_WORDS.get(k, k): m.get(k) for k in MEASURE_FACTS}, "table")
    emit(m["observations"], "table", OBSERVATION_COLUMNS)
    if m["disagreements"]:
        emit(
            [{**d, "measure": m["name"]} for d in m["disagreements"]],
            "table",
            DISAGREEMENT_COLUMNS,
        )
    return 0


def cmd_disagreements(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    rows = room.disagreements(**filters(args, *MEASURE_FILTERS), limit=args.limit)
    emit(rows, args.format, DISAGREEMENT_COLUMNS)
    return 0


def cmd_reconcile(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    import json

    done = room.reconcile()
    if args.format == "json":
        print(json.dumps(done))
    elif args.format == "table":
        emit_one({"measures": done["measures"], "families": done["families"],
                  "seconds": done["seconds"]}, "table")  # fmt: skip
    else:
        print(
            f"rebuilt {done['measures']} measures in {done['families']} families "
            f"in {done['seconds']}s"
        )
    return 0


HANDLERS = {
    "measures": cmd_measures,
    "measure": cmd_measure,
    "disagreements": cmd_disagreements,
    "reconcile": cmd_reconcile,
}
