"""`sitroom bench export`: rows per second and peak memory of each export format on a large
synthetic store (sitroom.eval.synthetic). Each format runs in its own process, which reports its
own peak RSS, so one format's memory never hides in another's. The peak is the process's own
high-water mark (VmHWM in /proc/self/status): getrusage's ru_maxrss is not, because Linux
carries the parent's high-water mark into a forked child, so every child reported the ~900 MB
of the process that built the synthetic store."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from time import perf_counter

from sitroom.export import FORMATS

CHILD = """
import json, sys, time
from sitroom import Sitroom
room = Sitroom(db=sys.argv[1])
t0 = time.perf_counter()
res = room.export(sys.argv[2], sys.argv[3], events=sys.argv[4] == "1")
secs = time.perf_counter() - t0
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
print(json.dumps({"counts": res["counts"], "seconds": secs, "peak_rss_mb": int(hwm) / 1024}))
"""


def template_store(folder: Path) -> str:
    """A real store to recombine: the seed article and the first 30 VOA stories, extracted."""
    from sitroom.app import Sitroom
    from sitroom.eval.speed import DEFAULT_CORPUS, DEFAULT_DEMO

    lines = DEFAULT_CORPUS.read_text("utf-8").splitlines()[:30]
    part = folder / "voa30.jsonl"
    part.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(folder / "template.db")
    Sitroom(db=db).ingest([str(DEFAULT_DEMO / "seed"), str(part)])
    return db


def bench_export(n_claims: int, formats: list[str], template: str | None, events: bool) -> dict:
    from sitroom.eval.synthetic import grow_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = template or template_store(folder)
        db = str(folder / "big.db")
        t0 = perf_counter()
        built = grow_store(template, db, n_claims)
        built["seconds"] = round(perf_counter() - t0, 1)
        results = {}
        for fmt in formats:
            out = str(folder / (f"out-{fmt}" if fmt in ("parquet",) else f"out.{fmt}"))
            proc = subprocess.run(
                [sys.executable, "-c", CHILD, db, fmt, out, "1" if events else "0"],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            if proc.returncode:
                results[fmt] = {"error": proc.stderr.strip().splitlines()[-1:]}
                continue
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            claims = r["counts"].get("claims") or r["counts"].get("claim") or built["claims"]
            results[fmt] = {
                "seconds": round(r["seconds"], 2),
                "claims_per_s": round(claims / r["seconds"]),
                "peak_rss_mb": round(r["peak_rss_mb"]),
                "counts": r["counts"],
            }
    return {"store": built, "events": events, "formats": results}


def run_export_bench(args) -> int:  # noqa: ANN001
    formats = args.formats.split(",") if args.formats else list(FORMATS)
    report = bench_export(args.claims, formats, args.template, not args.no_events)
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    s = report["store"]
    print(
        f"store: {s['claims']:,} claims in {s['documents']:,} documents (built in {s['seconds']}s)"
    )
    for fmt, r in report["formats"].items():
        if "error" in r:
            print(f"{fmt:8s} error: {r['error']}")
        else:
            rate, rss = r["claims_per_s"], r["peak_rss_mb"]
            print(f"{fmt:8s} {r['seconds']:8.2f}s {rate:8,} claims/s  peak RSS {rss:5,} MB")
    return 0
