"""Speed benchmarks that print numbers (never timed unit tests).

`sitroom bench speed`: ingest+extract the VOA corpus into a fresh store with one worker, and in
the same run a plain spaCy pass (`nlp.pipe`, full pipeline, one process) over the same texts;
median of several rounds in rotated order; both rates, their ratio and each side's processes.
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


def bench_speed(corpus: Path, config: str | None = None, rounds: int = 3) -> dict:
    """sitroom (one worker process, store writes included) against a plain spaCy pass (the same
    model with all its components, `nlp.pipe` in one process), model loaded before timing;
    `rounds` rounds in rotated order (who goes first alternates), median wall seconds each."""
    from dataclasses import replace
    from statistics import median

    from sitroom.app import Sitroom
    from sitroom.nlp.pipeline import load_model

    texts = _texts(corpus)
    base = load_settings(config, None)
    settings = replace(base, nlp=replace(base.nlp, n_process=1))
    nlp = load_model(settings.nlp.model)
    times: dict[str, list[float]] = {"sitroom": [], "spacy": []}
    claims = kept = seen = 0

    def ours() -> float:
        nonlocal claims, kept, seen
        with tempfile.TemporaryDirectory() as tmp:
            room = Sitroom(settings=replace(settings, db=str(Path(tmp) / "bench.db")))
            room.pipeline.nlp  # noqa: B018 - load the model outside the timed part
            t0 = perf_counter()
            report = room.ingest([str(corpus)])
            took = perf_counter() - t0
            claims = report.claims
            gate = room.pipeline.gate
            kept, seen = (gate.kept, gate.seen) if gate is not None else (0, 0)
        return took

    def plain() -> float:
        t0 = perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.nlp.batch_size):
            pass
        return perf_counter() - t0

    for r in range(max(1, rounds)):
        order = (("sitroom", ours), ("spacy", plain)) if r % 2 == 0 else (
            ("spacy", plain), ("sitroom", ours))  # fmt: skip
        for name, run in order:
            times[name].append(run())
    n = len(texts)
    mine, theirs = median(times["sitroom"]), median(times["spacy"])
    return {
        "documents": n,
        "claims": claims,
        "rounds": len(times["sitroom"]),
        "sitroom_workers": 1,
        "spacy_processes": 1,
        "sitroom_seconds": round(mine, 3),
        "spacy_seconds": round(theirs, 3),
        "sitroom_docs_per_s": round(n / mine, 2),
        "spacy_docs_per_s": round(n / theirs, 2),
        "ratio": round(theirs / mine, 3),
        "sentences_parsed": f"{kept} of {seen}" if seen else "all (nlp.gate off)",
        "sitroom_rounds_s": [round(t, 2) for t in times["sitroom"]],
        "spacy_rounds_s": [round(t, 2) for t in times["spacy"]],
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
        corpus = Path(args.corpus) if args.corpus else DEFAULT_CORPUS
        result = bench_speed(corpus, args.config, getattr(args, "rounds", 3))
    else:
        result = bench_ingest(Path(args.corpus) if args.corpus else DEFAULT_DEMO, args.config)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")
    return 0
