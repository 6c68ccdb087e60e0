"""Speed benchmarks that print numbers (never timed unit tests).

`sitroom bench speed`: ingest+extract the VOA corpus into a fresh store, and in the same run a
plain spaCy pass (`nlp.pipe`, full pipeline) over the same texts; both rates and their ratio.
`sitroom bench ingest`: ingest throughput on the demo corpus with extraction switched off.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path
from time import perf_counter

from sitroom.config import load_settings

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2] / "corpus" / "demo" / "voa" / "voa_stories.jsonl"
)
DEFAULT_DEMO = Path(__file__).resolve().parents[2] / "corpus" / "demo"


def _texts(corpus: Path) -> list[str]:
    return [json.loads(line)["text"] for line in corpus.read_text("utf-8").splitlines() if line]


def bench_speed(corpus: Path, config: str | None = None) -> dict:
    from sitroom.app import Sitroom

    texts = _texts(corpus)
    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(config, str(Path(tmp) / "bench.db"))
        room = Sitroom(settings=settings)
        room.pipeline.nlp  # noqa: B018 - load the model outside the timed part
        t0 = perf_counter()
        report = room.ingest([str(corpus)])
        ours = perf_counter() - t0
        nlp = room.pipeline.nlp
        t0 = perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.nlp.batch_size):
            pass
        plain = perf_counter() - t0
    n = len(texts)
    return {
        "documents": n,
        "claims": report.claims,
        "sitroom_seconds": round(ours, 3),
        "spacy_seconds": round(plain, 3),
        "sitroom_docs_per_s": round(n / ours, 2),
        "spacy_docs_per_s": round(n / plain, 2),
        "ratio": round((n / ours) / (n / plain), 3),
    }


def bench_ingest(corpus: Path, config: str | None = None) -> dict:
    from sitroom.app import Sitroom

    with tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(config, str(Path(tmp) / "bench.db"))
        room = Sitroom(settings=settings)
        t0 = perf_counter()
        report = room.ingest([str(corpus)], extract=False)
        first = perf_counter() - t0
        t0 = perf_counter()
        again = room.ingest([str(corpus)], extract=False)
        second = perf_counter() - t0
    return {
        "documents": report.stored,
        "seconds": round(first, 3),
        "docs_per_s": round(report.stored / first, 1) if first else None,
        "reingest_unchanged": again.unchanged,
        "reingest_seconds": round(second, 3),
    }


def run_bench(args: argparse.Namespace) -> int:
    if args.what == "export":
        from sitroom.eval.export_bench import run_export_bench

        return run_export_bench(args)
    if args.what == "store":
        from sitroom.cli_store import run_store_bench

        return run_store_bench(args)
    if args.what == "serve":
        from sitroom.eval.web_bench import run_serve_bench

        return run_serve_bench(args)
    if args.what == "backfill":
        from sitroom.eval.backfill_bench import run_backfill_bench

        return run_backfill_bench(args)
    if args.what == "memory":
        from sitroom.eval.memory_bench import run_memory_bench

        return run_memory_bench(args)
    if args.what == "picture":
        from sitroom.eval.picture_bench import bench_picture, bench_reads

        if args.store:
            result = bench_reads(args.store)
        else:
            result = bench_picture(args.claims, args.out_db, args.config)
    elif args.what == "speed":
        result = bench_speed(Path(args.corpus) if args.corpus else DEFAULT_CORPUS, args.config)
    else:
        result = bench_ingest(Path(args.corpus) if args.corpus else DEFAULT_DEMO, args.config)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")
    return 0
