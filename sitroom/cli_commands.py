"""Command handlers for the CLI: each calls one `Sitroom` method and prints the result."""

from __future__ import annotations

import argparse
import json
import sys

from sitroom.app import Sitroom
from sitroom.cli_backfill import cmd_backfill
from sitroom.cli_filters import CLAIM_FILTERS, filters
from sitroom.cli_reextract import cmd_reextract
from sitroom.output import emit, emit_one
from sitroom.output_safety import terminal_text


def _who(c: dict) -> str:
    return f"{c['actor'] or '?'} → {c['target']}" if c["target"] else (c["actor"] or "?")


def _how_many(c: dict) -> str:
    q = c["quantity"]
    if not q:
        return ""
    low, high = (
        f"{int(v):,}" if float(v).is_integer() else f"{v:g}" for v in (q["low"], q["high"])
    )
    figure = low if low == high else f"{low}-{high}"
    extra = " more" if q["basis"] == "additional" else ""
    return f"{'~' if q['approx'] else ''}{figure}{extra} {q['unit'] or ''}".strip()


def _said_by(c: dict) -> str:
    a = c["attribution"]
    return a["source"] or a["kind"].replace("_", " ")


CLAIM_COLUMNS = [
    "id",
    "kind",
    ("who → whom", _who),
    ("how many", _how_many),
    ("status", lambda c: f"{c['status']}, {c['likelihood']}"),
    ("said by", _said_by),
    ("when", lambda c: c["when"]["text"] or (c["document"]["published_at"] or "")[:10]),
    ("where", lambda c: (c["place"] or {}).get("name") or ""),
]
DOC_COLUMNS = ["id", "source", "published_at", "published_how", "status", "copy_of", "title"]


def run(args: argparse.Namespace) -> int:
    if args.command == "eval":
        from sitroom.eval.cli import run_eval

        return run_eval(args)
    if args.command == "bench":
        from sitroom.eval.speed import run_bench

        return run_bench(args)
    if args.command == "copy-store":  # two stores, neither of them --db
        from sitroom.cli_store import run_copy_store

        return run_copy_store(args)
    if args.command == "train":
        from sitroom.eval.train_classifier import run_train

        return run_train(args)
    room = Sitroom(db=args.db, config=args.config)
    if args.command in ("export", "import"):
        from sitroom.cli_export import run_export_command

        return run_export_command(room, args)
    if args.command in ("correct", "corrections", "undo"):
        from sitroom.cli_corrections import run_correction_command

        return run_correction_command(room, args)
    if args.command == "serve":
        from sitroom.cli_serve import run_serve

        return run_serve(room, args)
    if args.command in ("watch", "feeds"):
        from sitroom.cli_watch import run_watch_command

        return run_watch_command(room, args)
    from sitroom.cli_measures import HANDLERS as MEASURE_HANDLERS

    handler = HANDLERS.get(args.command) or MEASURE_HANDLERS.get(args.command)
    if handler is None:
        from sitroom.cli_picture import run_picture

        return run_picture(room, args)
    return handler(room, args)


def _progress():  # noqa: ANN202 - a context manager yielding a tick function or None
    """A spinner with a count of inputs on a terminal; nothing when piped."""
    from contextlib import contextmanager, nullcontext

    if not sys.stderr.isatty():
        return nullcontext(None)
    from rich.progress import Progress, SpinnerColumn, TextColumn

    @contextmanager
    def bar():  # noqa: ANN202
        columns = (SpinnerColumn(), TextColumn("{task.description} {task.completed} inputs"))
        with Progress(*columns, transient=True) as progress:
            task = progress.add_task("ingesting", total=None)
            yield lambda: progress.advance(task)

    return bar()


def cmd_ingest(room: Sitroom, args: argparse.Namespace) -> int:
    stdin = sys.stdin.buffer if "-" in args.paths else None
    with _progress() as tick:
        report = room.ingest(
            args.paths,
            published=args.published,
            source=args.source,
            stdin=stdin,
            extract=not args.no_extract,
            tick=tick,
        )
    if args.format == "json":
        print(json.dumps(report.as_dict(), indent=2))
    elif args.format == "table":
        emit_one(report.as_dict(), "table")
    else:
        print(
            f"stored {report.stored} documents ({report.versions} new versions, "
            f"{report.copies} copies), {report.unchanged} unchanged, "
            + (f"{report.completed} completed (had no claims), " if report.completed else "")
            + f"{report.claims} claims, "
            f"{len(report.failed)} failed, in {report.seconds:.1f}s"
        )
        for origin, reason in report.failed:
            print(terminal_text(f"  failed: {origin}: {reason}", one_line=True))
        for origin, reason in report.not_extracted:
            print(terminal_text(f"  not extracted: {origin}: {reason}", one_line=True))
    return INGEST_EXIT[report.outcome]


# 0: every input stored (or already there); 3: every input failed; 7: some inputs or
# extractions failed, the rest stored (see `sitroom ingest --help`).
INGEST_EXIT = {"ok": 0, "failed": 3, "partial": 7}


def cmd_documents(room: Sitroom, args: argparse.Namespace) -> int:
    emit(room.documents(), args.format, DOC_COLUMNS)
    return 0


def cmd_failures(room: Sitroom, args: argparse.Namespace) -> int:
    emit(room.failures(), args.format, ["origin", "reason", "last_seen"])
    return 0


def cmd_sources(room: Sitroom, args: argparse.Namespace) -> int:
    if getattr(args, "action", None) == "grade":
        row = room.grade_source(args.name, args.grade)
        print(terminal_text(f"{row['name']}: reliability {row['reliability']}", one_line=True))
        return 0
    emit(room.sources(), args.format, ["id", "name", "kind", "domain", "reliability", "graded_by"])
    return 0


def cmd_claims(room: Sitroom, args: argparse.Namespace) -> int:
    rows = room.claims(**filters(args, *CLAIM_FILTERS), include_restatements=args.all)
    emit(rows, args.format, CLAIM_COLUMNS)
    return 0


def cmd_show(room: Sitroom, args: argparse.Namespace) -> int:
    emit_one(room.show(args.id), args.format)
    return 0


def cmd_stats(room: Sitroom, args: argparse.Namespace) -> int:
    emit_one(room.stats(), args.format)
    return 0


HANDLERS = {
    "ingest": cmd_ingest,
    "documents": cmd_documents,
    "failures": cmd_failures,
    "sources": cmd_sources,
    "claims": cmd_claims,
    "show": cmd_show,
    "stats": cmd_stats,
    "reextract": cmd_reextract,
    "backfill": cmd_backfill,
}
