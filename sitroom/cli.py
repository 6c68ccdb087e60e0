"""The `sitroom` command. It only wraps `Sitroom`; it alone turns errors into exit codes."""

from __future__ import annotations

import argparse
import json
import sys

from sitroom.cli_filters import CLAIM_FILTERS, add_filters
from sitroom.errors import SitroomError

FORMATS = ("table", "json", "jsonl", "csv")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="sitroom", description=__doc__)
    p.add_argument("--db", help="database file (default ./sitroom.db, or $SITROOM_DB)")
    p.add_argument("--config", help="TOML config file")
    sub = p.add_subparsers(dest="command", required=True)

    ing = sub.add_parser(
        "ingest",
        help="read articles into the store and extract their claims",
        epilog="exit status: 0 all inputs stored (or already stored); 3 every input failed; "
        "7 some inputs or extractions failed, the rest stored; 5 store error; 2 bad option",
    )
    ing.add_argument("paths", nargs="+", help="files, folders, or - for standard input")
    ing.add_argument("--published", help="publication date for these inputs (YYYY-MM-DD)")
    ing.add_argument("--source", help="outlet name for these inputs")
    ing.add_argument("--no-extract", action="store_true", help="store without extracting")
    ing.add_argument("--format", choices=("text", "table", "json"), default="text")

    for name, helptext in (
        ("documents", "list stored documents"),
        ("failures", "list inputs that failed to ingest"),
        ("sources", "list sources with their grades"),
    ):
        s = sub.add_parser(name, help=helptext)
        s.add_argument("--format", choices=FORMATS)
        if name == "sources":
            ssub = s.add_subparsers(dest="action")
            g = ssub.add_parser("grade", help="set a source's reliability grade (A-F)")
            g.add_argument("name")
            g.add_argument("grade")

    cl = sub.add_parser("claims", help="list claims")
    add_filters(cl, *CLAIM_FILTERS)
    cl.add_argument("--all", action="store_true", help="include restatements")
    cl.add_argument("--format", choices=FORMATS)

    sh = sub.add_parser("show", help="a claim, document or event with its provenance")
    sh.add_argument("id")
    sh.add_argument("--format", choices=("json", "table"), default="json")

    st = sub.add_parser("stats", help="what the store holds")
    st.add_argument("--format", choices=("json", "table"), default="json")

    ev = sub.add_parser("eval", help="score components against gold data")
    evs = ev.add_subparsers(dest="what", required=True)
    ec = evs.add_parser("claims", help="claims against gold claims")
    ec.add_argument("gold", nargs="+", help="gold JSONL file(s), scored side by side")
    ec.add_argument(
        "--texts", required=True, action="append", help="corpus JSONL (by id) or folder; repeatable"
    )
    ec.add_argument("--details", action="store_true", help="list misses and false alarms")
    ec.add_argument("--format", choices=("json", "text"), default="json")
    eask = evs.add_parser("ask", help="ask on a hand-written question set (right, on topic)")
    eask.add_argument("file", help="question set JSON (tests/fixtures/ask/*.json)")
    eask.add_argument("--details", action="store_true", help="every question with its answer")
    epi = evs.add_parser("picture", help="the picture against hand-written expected pictures")
    epi.add_argument("folder", help="folder of sets: <set>/articles.jsonl + <set>/expected.json")
    epi.add_argument("--details", action="store_true", help="list series, misses, wrong origins")
    epi.add_argument(
        "--api", choices=("auto", "measures", "estimates"), default="auto", help="read API"
    )
    for what in ("time", "places", "quantities"):
        e = evs.add_parser(what, help=f"{what} benchmark (bench JSONL format)")
        e.add_argument("file")
        e.add_argument("--baseline", action="store_true", help="also score the peer library")

    be = sub.add_parser("bench", help="speed benchmarks")
    bes = be.add_subparsers(dest="what", required=True)
    sp = bes.add_parser("speed", help="ingest+extract the VOA corpus vs a plain spaCy pass")
    sp.add_argument("--corpus", help="JSONL corpus (default: the bundled VOA stories)")
    sp.add_argument("--rounds", type=int, default=3, help="rounds in rotated order (median)")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    bp = bes.add_parser("picture", help="stored measures at scale on a synthetic store")
    bp.add_argument("--claims", type=int, default=100_000, help="synthetic claims (default 1e5)")
    bp.add_argument("--out-db", help="keep the synthetic store here (a new file)")
    bp.add_argument("--store", help="time the reads on this existing store (no build)")
    bp.add_argument("--format", choices=("text", "json"), default="text")
    bi = bes.add_parser("ingest", help="ingest throughput without extraction")
    bi.add_argument("--corpus", help="path (default: the bundled demo corpus)")
    bi.add_argument("--format", choices=("text", "json"), default="text")
    from sitroom.eval.memory_bench import add_memory_bench

    add_memory_bench(bes)
    from sitroom.cli_store import add_store_bench, add_store_commands

    add_store_bench(bes)
    from sitroom.eval.web_bench import add_serve_bench

    add_serve_bench(bes)
    from sitroom.eval.backfill_bench import add_backfill_bench

    add_backfill_bench(bes)
    bx = bes.add_parser("export", help="export formats on a synthetic store: rate, peak memory")
    bx.add_argument("--claims", type=int, default=100_000)
    bx.add_argument("--formats", help="comma-separated (default: all)")
    bx.add_argument("--template", help="store to recombine (default: seed + 30 VOA stories)")
    bx.add_argument("--no-events", action="store_true", help="claims only")
    bx.add_argument("--format", choices=("text", "json"), default="text")

    tr = sub.add_parser("train", help="train a learned component on the dev gold")
    tr.add_argument("what", choices=("claims-classifier",))
    tr.add_argument("--out", help="model folder (default: the shipped sitroom/nlp/claims/model)")
    tr.add_argument("--folds", type=int, default=5, help="folds by document for dev figures")
    from sitroom.cli_picture import add_picture_commands

    add_picture_commands(sub, FORMATS)
    from sitroom.cli_watch import add_watch_commands

    add_watch_commands(sub, FORMATS)
    from sitroom.cli_measures import add_measure_commands

    add_measure_commands(sub, FORMATS)
    from sitroom.cli_reextract import add_reextract_command

    add_reextract_command(sub)
    from sitroom.cli_export import add_export_commands

    add_export_commands(sub)
    add_store_commands(sub)
    from sitroom.cli_serve import add_serve_command

    add_serve_command(sub)
    from sitroom.cli_corrections import add_correction_commands

    add_correction_commands(sub, FORMATS)
    from sitroom.cli_backfill import add_backfill_command

    add_backfill_command(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        from sitroom.cli_commands import run

        return run(args)
    except SitroomError as exc:
        if getattr(args, "format", None) == "json":
            print(json.dumps(exc.as_dict()))
        from sitroom.output_safety import terminal_text

        print(terminal_text(f"sitroom: error: {exc}", one_line=True), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("sitroom: interrupted; everything committed so far is kept", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
