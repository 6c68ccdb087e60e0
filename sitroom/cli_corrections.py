"""CLI commands `correct`, `corrections` and `undo`: analyst corrections (sitroom.corrections).

sitroom correct reject CLAIM --reason "..."
sitroom correct field CLAIM FIELD VALUE --reason "..."     # FIELD: actor, quantity, when...
sitroom correct grade SOURCE A-F --reason "..."
sitroom correct merge MEASURE INTO_MEASURE --reason "..."
sitroom correct split MEASURE CLAIM... --reason "..."
sitroom correct assess TARGET "likely" "judgement" --reason "..."
sitroom corrections [--target ID] [--all] [--format ...]
sitroom undo CORRECTION_ID
"""

from __future__ import annotations

import argparse
import json

from sitroom.output import emit

COLUMNS = [
    "id",
    "action",
    ("target", lambda c: f"{c['target_type']} {c['target_id']}"),
    ("change", lambda c: _change(c)),
    "reason",
    "author",
    ("made", lambda c: c["created_at"][:19]),
    ("undone", lambda c: (c["undone_at"] or "")[:19]),
]


def _change(c: dict) -> str:
    if c["action"] == "assess":
        return f"{c['likelihood']}: {c['value']}"
    if c["action"] == "reject":
        return "rejected"
    machine = "" if c["machine_value"] is None else f" (machine: {json.dumps(c['machine_value'])})"
    return f"{c['field'] or ''} = {json.dumps(c['value'])}{machine}"


def add_correction_commands(sub, formats) -> None:  # noqa: ANN001
    c = sub.add_parser("correct", help="record an analyst correction (kept apart, undoable)")
    cs = c.add_subparsers(dest="action", required=True)
    specs = {
        "reject": (["claim"], "reject a claim"),
        "field": (["claim", "field", "value"], "correct one field of a claim"),
        "grade": (["source", "grade"], "grade a source (Admiralty A-F)"),
        "merge": (["measure", "into"], "merge a measure into another"),
        "split": (["measure", "claims*"], "take claims out of a measure into their own series"),
        "assess": (["target", "likelihood", "text"], "an assessment with an ICD 203 word"),
    }
    for name, (args, helptext) in specs.items():
        p = cs.add_parser(name, help=helptext)
        for a in args:
            if a.endswith("*"):
                p.add_argument(a[:-1], nargs="+")
            else:
                p.add_argument(a)
        p.add_argument("--reason", required=True, help="why (stored with the correction)")
        p.add_argument("--author", help="who (default: [web] user, else the login name)")
        p.add_argument("--format", choices=("text", "json"), default="text")
    ls = sub.add_parser("corrections", help="list analyst corrections")
    ls.add_argument("--target", help="only those of this claim, source or measure id")
    ls.add_argument("--all", action="store_true", help="include undone corrections")
    ls.add_argument("--format", choices=formats)
    u = sub.add_parser("undo", help="undo a correction (kept, marked undone)")
    u.add_argument("id")
    u.add_argument("--author")
    u.add_argument("--format", choices=("text", "json"), default="text")


def run_correction_command(room, args: argparse.Namespace) -> int:  # noqa: ANN001
    if args.command == "corrections":
        emit(room.corrections(args.target, args.all), args.format, COLUMNS)
        return 0
    if args.command == "undo":
        done = room.undo(args.id, author=args.author)
        _print(done, args.format, f"undone {done['id']} ({done['action']} {done['target_id']})")
        return 0
    a = args.action
    kw: dict = {"reason": args.reason, "author": args.author}
    if a == "reject":
        made = room.correct("reject", args.claim, **kw)
    elif a == "field":
        made = room.correct("correct", args.claim, field=args.field, value=args.value, **kw)
    elif a == "grade":
        made = room.correct("grade", args.source, value=args.grade, **kw)
    elif a == "merge":
        made = room.correct("merge", args.measure, value=args.into, **kw)
    elif a == "split":
        made = room.correct("split", args.measure, value=args.claims, **kw)
    else:
        made = room.correct(
            "assess", args.target, value=args.text, likelihood=args.likelihood, **kw
        )
    _print(made, args.format, f"recorded {made['id']}: {made['action']} {made['target_id']}")
    return 0


def _print(row: dict, fmt: str, text: str) -> None:
    if fmt == "json":
        print(json.dumps(row, ensure_ascii=False))
    else:
        from sitroom.output_safety import terminal_text

        print(terminal_text(text, one_line=True))
