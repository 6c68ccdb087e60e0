"""CLI commands for the cross-article picture: events, estimates, contradictions,
predictions, ask, brief. Each handler calls one function of sitroom.picture and prints."""

from __future__ import annotations

import argparse
import json
import sys

from sitroom.cli_filters import SCOPE, add_filters, filters
from sitroom.output import emit
from sitroom.output_safety import json_text, terminal_text

EVENT_COLUMNS = [
    "id",
    "kind",
    "actor",
    "target",
    "status",
    "place",
    "earliest",
    "latest",
    "reports",
    "origins_count",
    "credibility",
    "contradicted",
    "first_published",
]
ESTIMATE_COLUMNS = [
    "measure",
    "n_points",
    "current",
    "conservative",
    "best",
    "low",
    "high",
    "derived_text",
    "disputes_n",
]
CONTRA_COLUMNS = ["kind", "measure", "side_ids", "why"]
PREDICTION_COLUMNS = [
    "claim.id",
    "claim.kind",
    "claim.actor",
    "claim.target",
    "claim.status",
    "window",
    "state",
    "evidence_ids",
    "why",
]
ASK_COLUMNS = ["measure", "origin", "figure", "as_of", "outlet", "claim"]
PICTURE_COMMANDS = ("events", "estimates", "contradictions", "predictions", "ask", "brief")


def add_picture_commands(sub, formats) -> None:  # noqa: ANN001
    """Register the picture commands on the CLI's subparsers."""
    helps = {
        "events": "claims from different articles grouped into events",
        "estimates": "figures per measure: series, current, conservative, UCDP",
        "contradictions": "incompatible figures and denials across articles",
        "predictions": "planned/predicted claims: borne out, not borne out, open",
    }
    for name, text in helps.items():
        p = sub.add_parser(name, help=text)
        if name == "estimates":
            p.add_argument("measure", nargs="?", help="keep measures whose name contains this")
        _scope(p)
        if name in ("events", "predictions"):
            p.add_argument("--as-of", dest="as_of", help="judge prediction windows at this date")
        p.add_argument("--format", choices=formats)
    a = sub.add_parser("ask", help="answer a question from the stored measures (rule-based)")
    a.add_argument("question")
    a.add_argument("--format", choices=("text", "table", "json"), default="text")
    b = sub.add_parser("brief", help="write the situation brief (Markdown, HTML or JSON)")
    b.add_argument("query", nargs="?", help="full-text filter (or --query)")
    b.add_argument("--query", dest="query_opt", help="full-text filter on the claims")
    b.add_argument("--since")
    b.add_argument("--until")
    b.add_argument("--theatre", help="only this theatre (a country, or a configured group)")
    b.add_argument("--top", type=int, default=20, help="measures with a section (default 20)")
    b.add_argument("--format", choices=("md", "html", "json"), default="md")
    b.add_argument("-o", "--output", help="write to this file (and FILE.config.json)")


def _scope(p: argparse.ArgumentParser) -> None:
    add_filters(p, *SCOPE)


def run_picture(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    """Run one picture command; returns the exit code (errors propagate as SitroomError)."""
    from sitroom.picture import service

    cmd = args.command
    scope = filters(args, *SCOPE)
    if cmd == "events":
        rows = service.list_events(room, as_of=args.as_of, **scope)
        emit(rows, args.format, EVENT_COLUMNS)
    elif cmd == "estimates":
        rows = service.list_estimates(room, measure=args.measure, **scope)
        if args.format in (None, "table"):
            rows = [_estimate_summary(r) for r in rows]
        emit(rows, args.format, ESTIMATE_COLUMNS)
    elif cmd == "contradictions":
        rows = service.list_contradictions(room, **scope)
        for r in rows:
            r["side_ids"] = [s["id"] for s in r["sides"]]
        emit(rows, args.format, CONTRA_COLUMNS)
    elif cmd == "predictions":
        rows = service.list_predictions(room, as_of=args.as_of, **scope)
        for r in rows:
            r["evidence_ids"] = [e["id"] for e in r["evidence"]]
        emit(rows, args.format, PREDICTION_COLUMNS)
    elif cmd == "ask":
        result = room.ask(args.question)
        if args.format == "json":
            print(json_text(json.dumps(result, indent=2, ensure_ascii=False)))
        elif args.format == "table":
            emit(result.get("rows") or [], "table", ASK_COLUMNS)
        else:
            print(terminal_text(result["answer"]))
        return 0 if result["found"] else 1
    elif cmd == "brief":
        return _brief(room, args)
    else:
        raise SystemExit(f"unknown command {cmd}")
    return 0


def _estimate_summary(r: dict) -> dict:
    from sitroom.picture.common import fmt_range

    return {
        **r,
        "n_points": len(r["points"]),
        "current": fmt_range(r["current_low"], r["current_high"]),
        "derived_text": "; ".join(
            f"{d['measure']} {fmt_range(d['low'], d['high'])}" for d in r["derived"]
        ),
        "disputes_n": len(r["disputes"]),
    }


def _brief(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    from sitroom.report.brief import render_brief

    data = room.brief_data(
        query=args.query or args.query_opt,
        since=args.since,
        until=args.until,
        theatre=args.theatre,
        top=args.top,
    )
    text = render_brief(data, args.format)
    if not args.output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    _write(args.output, text)
    config = {
        "settings": room.settings.resolved(),
        "brief": {**data["scope"], "format": args.format},
    }
    _write(args.output + ".config.json", json.dumps(config, indent=2, default=str))
    print(terminal_text(f"wrote {args.output} (and {args.output}.config.json)", one_line=True))
    return 0


def _write(path: str, text: str) -> None:
    """Write a file, creating its folder; an unwritable path is a clear input error."""
    from pathlib import Path

    from sitroom.errors import InputError

    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}", subject=path) from exc
