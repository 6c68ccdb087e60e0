"""`sitroom bench serve`: load on a real `sitroom serve` over loopback, bounded in count and time.

For each store - the demo corpus (the 90 bundled articles, ingested once and cached per schema
version) and a synthetic store of `--claims` claims (`picture_bench.build_store`:
the demo's real claims recombined, with measures reconciled so the brief has something to
rank; chosen over `synthetic.grow_store`, which copies documents without a stored picture) -
one server is started as a subprocess on a free loopback port, warmed up (one request per
page), then each page is requested by `--concurrency` client threads until `--requests`
answers or `--seconds` pass, whichever comes first:

- brief: `GET /brief` (HTML, built live from the stored measures),
- claims list: `GET /claims.json?limit=50&offset=K` (K random within the total),
- claim page: `GET /claims/{id}` (HTML: the claim, its notes and chain, the whole document with
  the quote highlighted) for random claim ids.

Reported per page: requests completed, errors (non-200), requests per second (completed /
wall time), p50 and p95 latency in ms. The target: p95 under 200 ms for a claim page.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

PAGES = ("brief", "claims list", "claim page")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str) -> tuple[subprocess.Popen, str]:
    import httpx

    port = _free_port()
    cmd = [sys.executable, "-m", "sitroom.cli", "--db", db, "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode()[-500:])
        try:
            httpx.get(base + "/static/web.css", timeout=2)
            return proc, base
        except httpx.TransportError:
            if time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.2)


def _claim_ids(db: str, n: int = 2000, seed: int = 3) -> list[str]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM claims WHERE restates IS NULL")]
    random.Random(seed).shuffle(ids)
    return ids[:n]


def _load(base: str, paths: list[str], requests: int, seconds: float, concurrency: int) -> dict:
    import httpx

    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    counter = iter(range(requests))

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=60) as client:
            while time.monotonic() < stop:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t = time.perf_counter()
                r = client.get(paths[i % len(paths)])
                dt = time.perf_counter() - t
                with lock:
                    lat.append(dt)
                    errors += r.status_code != 200

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - started
    lat.sort()
    p95 = lat[min(len(lat) - 1, int(0.95 * len(lat)))] if lat else None
    return {
        "requests": len(lat),
        "errors": errors,
        "rps": round(len(lat) / wall, 1) if wall else None,
        "p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p95_ms": round(p95 * 1000, 1) if p95 is not None else None,
    }


def bench_store(db: str, requests: int, seconds: float, concurrency: int) -> dict:
    import httpx

    ids = _claim_ids(db)
    proc, base = _serve(db)
    try:
        total = httpx.get(base + "/claims.json?limit=1", timeout=120).json()["total"]
        rng = random.Random(5)
        offsets = [rng.randrange(0, max(total - 50, 1)) for _ in range(500)]
        paths = {
            "brief": ["/brief"],
            "claims list": [f"/claims.json?limit=50&offset={k}" for k in offsets],
            "claim page": [f"/claims/{c}" for c in ids],
        }
        for ps in paths.values():  # warm-up: caches, the alias index, the brief's first build
            httpx.get(base + ps[0], timeout=300)
        out = {"claims": total}
        for name in PAGES:
            out[name] = _load(base, paths[name], requests, seconds, concurrency)
        return out
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def demo_store() -> str:
    """The demo corpus ingested once, cached per schema (the migrations this sitroom knows), so
    a store migrated by another sitroom version is never reused."""
    from sitroom import ids
    from sitroom.app import Sitroom
    from sitroom.eval.picture_bench import DEMO
    from sitroom.store.db import MIGRATIONS

    cache = Path.home() / ".cache" / "sitroom"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"serve-bench-demo-{ids.digest(*sorted(m[0] for m in MIGRATIONS), length=8)}.db"
    if not path.exists():
        tmp = path.with_suffix(".tmp.db")
        tmp.unlink(missing_ok=True)
        Sitroom(db=str(tmp)).ingest([str(DEMO)])
        _copy_db(str(tmp), str(path))  # the backup API carries the WAL's content too
        for extra in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            extra.unlink(missing_ok=True)
    return str(path)


def _copy_db(src: str, dst: str) -> None:
    import sqlite3

    part = dst + ".part"
    Path(part).unlink(missing_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(part) as b:
        a.backup(b)
    Path(part).rename(dst)


def bench_serve(
    claims: int = 100_000,
    requests: int = 200,
    seconds: float = 30.0,
    concurrency: int = 4,
    out_db: str | None = None,
    log=print,  # noqa: ANN001
) -> dict:
    from sitroom.eval.picture_bench import build_store, raise_exists

    template = demo_store()
    result = {"demo": bench_store(template, requests, seconds, concurrency)}
    log(f"demo store done ({result['demo']['claims']} claims)")
    if claims:
        with tempfile.TemporaryDirectory(prefix="sitroom-bench-serve-") as tmp:
            path = out_db or str(Path(tmp) / "big.db")
            if Path(path).exists():
                raise_exists(path)
            t = time.perf_counter()
            build_store(path, claims, template)
            log(f"synthetic store of {claims} claims built in {time.perf_counter() - t:.0f}s")
            result["synthetic"] = bench_store(path, requests, seconds, concurrency)
    return result


def format_text(result: dict) -> str:
    lines = [
        f"{'store':<10} {'claims':>9} {'page':<12} {'requests':>8} {'errors':>6} "
        f"{'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}"
    ]
    for store, r in result.items():
        for page in PAGES:
            x = r[page]
            lines.append(
                f"{store:<10} {r['claims']:>9,} {page:<12} {x['requests']:>8} {x['errors']:>6} "
                f"{x['rps']:>7} {x['p50_ms']:>8} {x['p95_ms']:>8}"
            )
    return "\n".join(lines)


def add_serve_bench(bes) -> None:  # noqa: ANN001 - the bench subparsers
    b = bes.add_parser("serve", help="load on a real server: req/s and p95 for key pages")
    b.add_argument("--claims", type=int, default=100_000, help="synthetic store (0: demo only)")
    b.add_argument("--requests", type=int, default=200, help="per page (bound)")
    b.add_argument("--seconds", type=float, default=30.0, help="per page (bound)")
    b.add_argument("--concurrency", type=int, default=4)
    b.add_argument("--out-db", help="keep the synthetic store here (a new file)")
    b.add_argument("--format", choices=("text", "json"), default="text")


def run_serve_bench(args) -> int:  # noqa: ANN001
    import json

    result = bench_serve(
        args.claims,
        args.requests,
        args.seconds,
        args.concurrency,
        args.out_db,
        log=lambda m: print(m, file=sys.stderr),
    )
    print(json.dumps(result, indent=2) if args.format == "json" else format_text(result))
    return 0
