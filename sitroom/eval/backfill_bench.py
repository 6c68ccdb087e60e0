"""`sitroom bench backfill`: articles per second of `ingest` and of `backfill` with 1 and 2
workers on the same 2,000+ distinct articles, the per-article costs the scale model uses, and
the model itself (docs/scale.md).

The articles are synthetic recombinations of the bundled VOA stories: each is 9 passages of 3
sentences, every passage from a different story, no passage set used twice. They are not
near-duplicates: the plain `ingest` of them finds no copies (printed as `copies_found`).

Steps, each on a fresh store: `ingest` (as configured: `nlp.n_process` processes), `backfill`
on a LocalCluster of each worker count (wall rate including cluster start and model load, and
the rate after the first partition was written), then the writer alone: the 2-worker run's
results written again into two fresh stores, reconciling once at the end and after every
partition (which of the two is faster picks the default).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sqlite3
import sys
import tempfile
from pathlib import Path
from time import perf_counter

from sitroom.config import load_settings

VOA = Path(__file__).resolve().parents[2] / "corpus" / "demo" / "voa" / "voa_stories.jsonl"
PASSAGES, SENTENCES = 9, 3
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[A-Z“\"])")


def add_backfill_bench(bes) -> None:  # noqa: ANN001 - argparse subparsers of `bench`
    b = bes.add_parser("backfill", help="ingest vs backfill (1, 2 workers): articles/s, costs")
    b.add_argument("--articles", type=int, default=2000, help="synthetic articles (default 2000)")
    b.add_argument("--workers", default="1,2", help="worker counts to run (default 1,2)")
    b.add_argument("--no-ingest", action="store_true", help="skip the plain ingest run")
    b.add_argument("--keep", help="write the articles and stores into this (new) folder")
    b.add_argument("--format", choices=("text", "json"), default="text")


def synthetic_articles(n: int, seed: int = 7) -> list[dict]:
    """n distinct articles recombined from passages of different VOA stories."""
    stories = [json.loads(line) for line in VOA.read_text("utf-8").splitlines() if line]
    passages = []  # (story index, passage text)
    for i, story in enumerate(stories):
        sents = _SENTENCE_END.split(story["text"])
        for k in range(0, len(sents) - SENTENCES + 1, SENTENCES):
            passages.append((i, " ".join(sents[k : k + SENTENCES])))
    rng = random.Random(seed)
    used: set[tuple[int, ...]] = set()
    out = []
    while len(out) < n:
        picks = rng.sample(range(len(passages)), PASSAGES)
        if len({passages[p][0] for p in picks}) < PASSAGES or tuple(sorted(picks)) in used:
            continue
        used.add(tuple(sorted(picks)))
        lead = stories[passages[picks[0]][0]]
        k = len(out)
        out.append(
            {
                "id": f"mix-{k}",
                "url": f"{lead['url']}#mix-{k}",
                "title": f"{lead['title']} (recombined {k})",
                "published": lead["published"],
                "text": "\n\n".join(passages[p][1] for p in picks),
            }
        )
    return out


def write_shards(articles: list[dict], folder: Path, shards: int = 4) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    per = -(-len(articles) // shards)
    for s in range(shards):
        part = articles[s * per : (s + 1) * per]
        (folder / f"part-{s:03d}.jsonl").write_text(
            "".join(json.dumps(a) + "\n" for a in part), encoding="utf-8"
        )
    return folder


def _ids(db: str) -> tuple[list[str], list[str]]:
    con = sqlite3.connect(db)
    docs = sorted(r[0] for r in con.execute("SELECT id FROM documents"))
    claims = sorted(r[0] for r in con.execute("SELECT id FROM claims"))
    con.close()
    return docs, claims


def bench_backfill(  # noqa: PLR0915
    n: int, workers: list[int], config: str | None, keep: str | None, ingest: bool = True
) -> dict:
    from sitroom.app import Sitroom

    tmp = tempfile.TemporaryDirectory()
    root = Path(keep) if keep else Path(tmp.name)
    root.mkdir(parents=True, exist_ok=True)
    folder = write_shards(synthetic_articles(n), root / "articles")
    out: dict = {"articles": n, "distinct_texts": n}
    ids: dict[str, tuple] = {}
    kept: list = []
    # the most telling step first, each printed as it ends (a long run stopped early keeps them)
    for w in sorted(workers, reverse=True):
        out[f"backfill_{w}"], ids[f"backfill_{w}"] = _backfill_run(
            root, folder, w, config, kept if w == max(workers) else None
        )
        _show(f"backfill_{w}", out[f"backfill_{w}"])
        if kept:
            out["writer_alone"] = _writer_alone(kept, root, config)
            _show("writer_alone", out["writer_alone"])
            kept = []
    if ingest:
        settings = load_settings(config, str(root / "ingest.db"))
        room = Sitroom(settings=settings)
        room.pipeline.nlp  # noqa: B018 - the model loaded outside the timed part, as bench speed
        t0 = perf_counter()
        rep = room.ingest([str(folder)])
        secs = perf_counter() - t0
        out["ingest"] = {
            "processes": settings.nlp.n_process,
            "seconds": round(secs, 1),
            "articles_per_s": round(rep.stored / secs, 2),
            "stored": rep.stored,
            "claims": rep.claims,
            "copies_found": rep.copies,
        }
        _show("ingest", out["ingest"])
        ids["ingest"] = _ids(settings.db)
        out["same_ids_as_ingest"] = all(v == ids["ingest"] for v in ids.values())
    out["model"] = scale_model(out)
    out["note"] = (
        "measured on a 2-core machine shared with other engineers' work; "
        "the per-article CPU cost is the workers' process CPU time"
    )
    tmp.cleanup()
    return out


def _backfill_run(root: Path, folder: Path, w: int, config: str | None, kept: list | None):  # noqa: ANN202
    from sitroom.app import Sitroom
    from sitroom.backfill.run import backfill

    settings = load_settings(config, str(root / f"backfill-{w}.db"))
    room = Sitroom(settings=settings)
    first: list[float] = []
    t0 = perf_counter()
    rep = backfill(
        room,
        [str(folder)],
        workers=w,
        progress=lambda done, total, s: first or first.append(perf_counter()),
        on_result=(lambda p, r: kept.append(r)) if kept is not None else None,
    )
    secs = perf_counter() - t0
    d = rep.as_dict()
    after_first = perf_counter() - first[0] if first else None
    first_rows = rep.rows / max(rep.partitions, 1)
    return {
        "workers": w,
        "seconds": round(secs, 1),
        "articles_per_s": round(rep.stored / secs, 2),
        "seconds_to_first_write": round(first[0] - t0, 1) if first else None,
        "articles_per_s_after_first_write": (
            round((rep.stored - first_rows) / after_first, 2) if after_first else None
        ),
        "stored": rep.stored,
        "claims": rep.claims,
        "copies_found": rep.copies,
        "partitions": rep.partitions,
        "worker_cpu_s_per_article": d["worker_cpu_s_per_article"],
        "worker_wall_s_per_article": round(rep.worker_wall_s / max(rep.stored, 1), 4),
        "writer_s_per_article": round(rep.writer_s / max(rep.stored, 1), 4),
        "reconcile_end_s": d["reconcile_s"],
    }, _ids(settings.db)


def _show(step: str, value: dict) -> None:
    print(f"bench backfill: {step}: {json.dumps(value)}", file=sys.stderr, flush=True)


def _writer_alone(results: list, root: Path, config: str | None) -> dict:
    """The 2-worker run's results written again without workers: the writer's own throughput,
    reconciling once at the end vs after every partition."""
    from sitroom.app import Sitroom
    from sitroom.backfill.run import _reconcile
    from sitroom.backfill.writer import BackfillReport, Writer

    out = {}
    for mode in ("end", "batch"):
        room = Sitroom(settings=load_settings(config, str(root / f"writer-{mode}.db")))
        report = BackfillReport()
        writer = Writer(room.store, room.settings, report)
        t0 = perf_counter()
        for r in results:
            touched = writer.write(list(r.items))
            if mode == "batch":
                _reconcile(writer, touched, report)
        if mode == "end":
            _reconcile(writer, [], report)
        secs = perf_counter() - t0
        out[f"reconcile_{mode}"] = {
            "seconds": round(secs, 1),
            "writer_s": round(report.writer_s, 1),
            "reconcile_s": round(report.reconcile_s, 1),
            "articles_per_s": round(report.stored / secs, 1),
            "writer_articles_per_s": round(report.stored / report.writer_s, 1),
        }
    return out


def scale_model(out: dict) -> dict:
    """Wall time and CPU-hours for 1e6 and 1e7 articles from the measured costs: workers
    extract in parallel (W x 1 core each), the one writer stores serially, and the run takes
    whichever is slower, plus one reconcile pass at the end (per-article cost measured here)."""
    runs = [v for k, v in out.items() if k.startswith("backfill_")]
    if not runs:
        return {}
    cpu = max(r["worker_cpu_s_per_article"] or 0 for r in runs)
    alone = out.get("writer_alone", {}).get("reconcile_end", {})
    writer = alone["writer_s"] / out["articles"] if alone else runs[-1]["writer_s_per_article"]
    rec = alone.get("reconcile_s", 0) / out["articles"] if alone else 0.0
    model = {"cpu_s_per_article": cpu, "writer_s_per_article": round(writer, 4),
             "reconcile_s_per_article": round(rec, 4),
             "writer_bound_workers": round(cpu / writer, 1) if writer else None}  # fmt: skip
    for n in (1_000_000, 10_000_000):
        for w in (8, 32, 128):
            hours = (max(n * cpu / w, n * writer) + n * rec) / 3600
            model[f"{n:,}_articles_{w}_workers"] = {
                "wall_hours": round(hours, 1),
                "cpu_hours": round(n * cpu / 3600, 0),
                "bound_by": "writer" if n * writer > n * cpu / w else "workers",
            }
    return model


def run_backfill_bench(args: argparse.Namespace) -> int:
    workers = [int(w) for w in str(args.workers).split(",") if w.strip()]
    result = bench_backfill(args.articles, workers, args.config, args.keep, not args.no_ingest)
    if args.format == "json":
        print(json.dumps(result, indent=2))
        return 0
    for key, value in result.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for k, v in value.items():
                print(f"  {k:>40}: {v}")
        else:
            print(f"{key:>42}: {value}")
    return 0
