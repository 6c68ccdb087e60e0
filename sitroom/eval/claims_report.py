"""Text report for `sitroom eval claims`: splits side by side, per kind, then misses and false
alarms with their sentences (`--details`). Pure formatting of `claims_eval.score` results."""

from __future__ import annotations

from pathlib import Path


def _f(x: float | None) -> str:
    return "   -" if x is None else f"{x:.2f}"


def _name(path: str) -> str:
    return Path(path).stem


def format_report(results: dict[str, dict]) -> str:
    """One column block (P R F1 n) per gold file; rows: all claims, each kind, each field."""
    names = [_name(p) for p in results]
    width = max(14, *(len(n) for n in names))
    head = f"{'':<22}" + "".join(f"{n:>{width + 10}}" for n in names)
    sub = f"{'':<22}" + "".join(f"{'P':>{width - 8}}{'R':>6}{'F1':>6}{'n':>6}" for _ in names)
    rows = [head, sub]

    def row(label: str, cells: list[dict | None]) -> str:
        out = f"{label:<22}"
        for c in cells:
            if c is None:
                out += f"{'':>{width - 8}}{'':>6}{'':>6}{'':>6}"
            else:
                p, r, f1 = c.get("precision"), c.get("recall"), c.get("f1")
                out += f"{_f(p):>{width - 8}}{_f(r):>6}{_f(f1):>6}{c.get('gold', 0):>6}"
        return out

    res = list(results.values())
    rows.append(row("all claims", res))
    kinds = sorted({k for r in res for k in r["kinds"]})
    rows += [row(f"  {k}", [r["kinds"].get(k) for r in res]) for k in kinds]
    rows.append("")
    rows.append(f"{'field accuracy':<22}" + "".join(f"{n:>{width + 10}}" for n in names))
    for field in res[0]["fields"]:
        cells = ""
        for r in res:
            acc, n = r["fields"][field], r["field_counts"][field]
            cells += f"{_f(acc):>{width + 4}}{n:>6}"
        rows.append(f"  {field:<20}{cells}")
    rows.append(
        "documents             "
        + "".join(f"{r['documents']:>{width + 10}}" for r in res)
        + "   (n = gold claims; predicted: "
        + ", ".join(f"{r['predicted']}" for r in res)
        + ")"
    )
    for path, r in results.items():
        if "misses" not in r:
            continue
        rows += ["", f"== {_name(path)}: {len(r['misses'])} missed gold claims"]
        for m in r["misses"]:
            q = f" q={m['q'][0]:g}" if m.get("q") and m["q"][0] is not None else ""
            rows.append(f"- [{m['doc']}] {m['kind']} actor={m.get('actor')}{q}: {m['quote']}")
            rows.append(f"    | {m.get('sentence') or '(quote not found in text)'}")
        rows += ["", f"== {_name(path)}: {len(r['false_alarms'])} false alarms"]
        for fa in r["false_alarms"]:
            q = f" q={fa['q'][0]:g}" if fa["q"][0] is not None else ""
            rows.append(f"+ [{fa['doc']}] {fa['kind']} actor={fa['actor']}{q}")
            rows.append(f"    | {fa['sentence']}")
        wrong = r.get("wrong_fields", [])
        rows += [
            "",
            f"== {_name(path)}: {len(wrong)} matched claims with a wrong actor, target or place",
        ]
        rows += [f"~ [{w['id']}] {w['field']}: gold {w['gold']!r}, got {w['got']!r}" for w in wrong]
    return "\n".join(rows)
