"""`sitroom bench memory`: peak memory (RSS) of real ingests, measured from outside.

Two cases, each a `sitroom ingest` subprocess into a fresh store, its process tree sampled
from /proc every 20 ms (Linux):

- dense: one document of `--dense-kb` KB (default 1000) of news text, with extraction. The
  stated bound: each process (the ingest and each extraction worker) stays under 1 GB
  whatever the document's length (documents are parsed at most 200,000 characters at a time).
- plain: a folder of `--plain-mb` MB (default 50) of distinct stories in 1 MB JSONL files,
  without extraction.

Prints, per case: seconds, peak RSS of the largest single process, peak RSS of the whole
tree, and what was stored.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from sitroom.eval.speed import DEFAULT_CORPUS

CEILING_MB = 1024  # the per-process ceiling this benchmark checks


def _tree(root: int) -> list[int]:
    """The pid and every descendant pid of `root`."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(cmd: list[str]) -> dict:
    """Run a command; its time, exit code, output and peak RSS (largest process, tree)."""
    peak = {"process": 0.0, "tree": 0.0}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = [_rss_mb(pid) for pid in _tree(proc.pid)]
            if sizes:
                peak["process"] = max(peak["process"], max(sizes))
                peak["tree"] = max(peak["tree"], sum(sizes))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "exit": proc.returncode,
        "peak_process_mb": round(peak["process"]),
        "peak_tree_mb": round(peak["tree"]),
        "output": (out.strip() or err.strip()).splitlines()[0] if (out or err).strip() else "",
    }


def _stories(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in corpus.read_text("utf-8").splitlines() if line]


def dense_text(kb: int, corpus: Path = DEFAULT_CORPUS) -> str:
    """`kb` KB of real news text as one document: the stories, one after another."""
    stories, parts, size = _stories(corpus), [], 0
    while size < kb * 1000:
        text = stories[len(parts) % len(stories)]["text"]
        parts.append(text)
        size += len(text) + 2
    return "\n\n".join(parts)[: kb * 1000]


def plain_folder(folder: Path, mb: int, corpus: Path = DEFAULT_CORPUS) -> int:
    """A folder of 1 MB JSONL files, about `mb` MB of distinct stories (numbered copies) in
    all; how many stories. (One file may not exceed ingest.max_bytes, 20 MB by default.)"""
    folder.mkdir(parents=True, exist_ok=True)
    stories, n = _stories(corpus), 0
    for part in range(mb):
        size = 0
        with (folder / f"part-{part:04d}.jsonl").open("w", encoding="utf-8") as f:
            while size < 1_000_000:
                rec = dict(stories[n % len(stories)])
                rec["id"] = f"{rec.get('id', 'story')}-{n}"
                rec["url"] = None
                rec["text"] = f"Report {n}. " + rec["text"]
                line = json.dumps(rec) + "\n"
                f.write(line)
                size += len(line.encode("utf-8"))
                n += 1
    return n


def bench_memory(dense_kb: int, plain_mb: int, config: str | None = None) -> dict:
    cli = [sys.executable, "-m", "sitroom.cli"] + (["--config", config] if config else [])
    with tempfile.TemporaryDirectory() as tmp:
        dense = Path(tmp) / "dense.txt"
        dense.write_text(dense_text(dense_kb), encoding="utf-8")
        db = str(Path(tmp) / "d.db")
        dense_run = measure([*cli, "--db", db, "ingest", str(dense), "--published", "2025-06-01"])
        plain = Path(tmp) / "plain"
        records = plain_folder(plain, plain_mb)
        db = str(Path(tmp) / "p.db")
        plain_run = measure([*cli, "--db", db, "ingest", "--no-extract", str(plain)])
    return {
        "ceiling_mb_per_process": CEILING_MB,
        f"dense_{dense_kb}kb_extract": dense_run,
        f"plain_{plain_mb}mb_no_extract": {"records": records, **plain_run},
    }


def add_memory_bench(bench_sub) -> None:  # noqa: ANN001 - argparse subparsers of `bench`
    m = bench_sub.add_parser("memory", help="peak RSS of a dense-text and a large plain ingest")
    m.add_argument("--dense-kb", type=int, default=1000, help="size of the dense document")
    m.add_argument("--plain-mb", type=int, default=50, help="MB of JSONL, no extraction")
    m.add_argument("--format", choices=("text", "json"), default="text")


def run_memory_bench(args: argparse.Namespace) -> int:
    result = bench_memory(args.dense_kb, args.plain_mb, args.config)
    if args.format == "json":
        print(json.dumps(result, indent=2))
    else:
        print(f"ceiling per process: {CEILING_MB} MB")
        for case, r in result.items():
            if isinstance(r, dict):
                print(f"{case}: " + ", ".join(f"{k} {v}" for k, v in r.items()))
    over = any(isinstance(r, dict) and r["peak_process_mb"] > CEILING_MB for r in result.values())
    return 1 if over else 0
