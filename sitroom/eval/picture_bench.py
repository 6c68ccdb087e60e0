"""`sitroom bench picture --claims N`: the stored picture at scale.

How the synthetic store is built (`build_store`): real claims extracted from the bundled demo
corpus (90 VOA/seed articles, ingested once into a template store cached under
~/.cache/sitroom) are recombined into N claims: synthetic documents of 10 claims each, each
document taking the claims of one random template document (topped up from others), with a
random publication day in 2015-2025 (claim times shifted with it), the actor and target of
70% of its claims replaced by random entities of the shipped actor list, the figures scaled by
a random factor 0.5-2, a random one of 300 outlets, and a random MinHash signature (so no
synthetic document is a copy of another; its LSH bands are indexed like a real one's). Claims
and documents are full-text indexed like real ones. Then `sitroom reconcile` builds every
measure (timed).

Reads are timed in a fresh process once the store is open (the Python API, no spaCy): the
ranked measures list (a brief's first screen), one theatre's, a full-text one, reading one
measure, the top 20 measures in full (a brief's sections), disagreements, estimates of one
measure; peak memory is that process's maximum resident set size. Ingest: one real article
(the seed) into an empty store and into the big one, pipeline loaded beforehand.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter

import numpy as np
from sqlalchemy import insert, select

from sitroom import ids
from sitroom.store import fts
from sitroom.store import schema as S

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "corpus" / "demo"
SEED = DEMO / "seed"
PER_DOC = 10


def template_store(config: str | None = None) -> str:
    """The demo corpus ingested once (cached by extractor version)."""
    from sitroom import __version__
    from sitroom.app import Sitroom

    cache = Path.home() / ".cache" / "sitroom"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"picture-bench-template-{__version__}.db"
    if not path.exists():
        tmp = path.with_suffix(".tmp.db")
        tmp.unlink(missing_ok=True)
        Sitroom(db=str(tmp), config=config).ingest([str(DEMO)])
        tmp.rename(path)
    return str(path)


def build_store(db: str, n_claims: int, template: str, seed: int = 7) -> dict:
    """Write a synthetic store of `n_claims` claims (see module doc); returns timings."""
    from sitroom.app import Sitroom

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    src = Sitroom(db=template).store
    with src.connect() as conn:
        tdocs = {r.id: dict(r._mapping) for r in conn.execute(select(S.documents))}
        tclaims = [dict(r._mapping) for r in conn.execute(select(S.claims))]
        places = [dict(r._mapping) for r in conn.execute(select(S.places))]
    by_doc: dict[str, list[dict]] = {}
    for c in tclaims:
        by_doc.setdefault(c["doc_id"], []).append(c)
    doc_ids = sorted(by_doc)
    actors = [
        e["name"] for e in json.loads((ROOT / "sitroom/data/actors.json").read_text())["entities"]
    ]
    outlets = [f"Outlet {i:03d}" for i in range(300)]
    room = Sitroom(db=db)
    started = perf_counter()
    with room.store.begin() as conn:
        conn.execute(insert(S.places), places)
        conn.execute(
            insert(S.sources),
            [
                {
                    "id": ids.slug(o),
                    "name": o,
                    "kind": "outlet",
                    "reliability": "F",
                    "graded_by": "default",
                }
                for o in outlets
            ],
        )
    n_docs = -(-n_claims // PER_DOC)
    made = 0
    for start in range(0, n_docs, 2000):
        docs, claims, bands = [], [], []
        for i in range(start, min(n_docs, start + 2000)):
            want = min(PER_DOC, n_claims - made)
            tdoc = rng.choice(doc_ids)
            picked = list(by_doc[tdoc][:want])
            while len(picked) < want:
                picked.append(rng.choice(tclaims))
            doc, rows = _synthetic(i, tdocs[tdoc], picked, rng, actors, outlets)
            sig = nrng.integers(0, 2**63, size=128, dtype=np.uint64).tobytes()
            doc["minhash"] = sig
            docs.append(doc)
            claims += rows
            from sitroom.ingest.copies import band_keys

            bands += [{"band": b, "hash": h, "doc_id": doc["id"]} for b, h in band_keys(sig)]
            made += len(rows)
        with room.store.begin() as conn:
            conn.execute(insert(S.documents), docs)
            conn.execute(insert(S.claims), claims)
            conn.execute(insert(S.copy_bands), bands)
            for d in docs:
                fts.index_document(conn, d["id"], d["title"], d["text"])
            fts.index_claims(conn, [(c["id"], c["quote"]) for c in claims])
    written = perf_counter() - started
    done = room.reconcile()
    return {
        "claims": made,
        "documents": n_docs,
        "write_seconds": round(written, 1),
        "reconcile_seconds": done["seconds"],
        "measures": done["measures"],
        "families": done["families"],
    }


def _synthetic(i: int, tdoc: dict, picked: list[dict], rng, actors, outlets) -> tuple:  # noqa: ANN001
    day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    tpub = tdoc.get("published_at")
    shift = (day - date.fromisoformat(tpub[:10])).days if tpub else 0
    doc_id = f"dsyn{i:012d}"
    parts, rows, pos = [], [], 0
    for k, c in enumerate(picked):
        quote = c["quote"]
        row = dict(c)
        row["doc_id"] = doc_id
        if rng.random() < 0.7:
            row["actor"] = rng.choice(actors)
            row["target"] = rng.choice(actors) if c["target"] else None
        if c["q_low"] is not None:
            f = rng.uniform(0.5, 2.0)
            row["q_low"] = round(c["q_low"] * f)
            row["q_high"] = round((c["q_high"] if c["q_high"] is not None else c["q_low"]) * f)
        for col in ("time_earliest", "time_latest"):
            if c[col]:
                row[col] = (date.fromisoformat(c[col][:10]) + timedelta(days=shift)).isoformat()
        row["evidence_start"], row["evidence_end"] = pos, pos + len(quote)
        row["restates"] = None
        row["id"] = "c" + ids.digest(doc_id, k, c["id"])
        parts.append(quote)
        pos += len(quote) + 1
        rows.append(row)
    text = "\n".join(parts)
    doc = {
        "id": doc_id,
        "url": f"https://synthetic.example/{i}",
        "external_id": None,
        "title": f"Synthetic report {i}",
        "source_id": ids.slug(rng.choice(outlets)),
        "published_at": day.isoformat(),
        "published_how": "metadata",
        "retrieved_at": day.isoformat(),
        "language": "en",
        "text": text,
        "blocks": json.dumps([["paragraph", 0, len(text)]]),
        "origin": "synthetic",
        "fmt": "synthetic",
        "status": "extracted",
        "extractor_version": tdoc.get("extractor_version"),
    }
    return doc, rows


def time_reads(db: str) -> dict:
    """Read timings in this process (see module doc); prints nothing."""
    from sitroom.app import Sitroom

    t0 = perf_counter()
    room = Sitroom(db=db)
    out = {"open_s": perf_counter() - t0}

    def timed(name: str, fn):  # noqa: ANN001, ANN202
        t = perf_counter()
        value = fn()
        out[name + "_s"] = perf_counter() - t
        return value

    top = timed("measures_ranked_top20", lambda: room.measures(limit=20))
    theatre = next((m["theatre"] for m in top if m["theatre"]), None)
    timed("measures_theatre_top20", lambda: room.measures(theatre=theatre, limit=20))
    timed("measures_query_killed_top20", lambda: room.measures(query="killed", limit=20))
    actor, kind = top[0]["actor"] or "Russia", top[0]["kind"]
    # the first actor filter loads the alias index once per process (cold), then it is warm
    timed("measures_actor_kind_top20_cold", lambda: room.measures(actor=actor, kind=kind, limit=20))
    timed("measures_actor_kind_top20_warm", lambda: room.measures(actor="BLA", kind=kind, limit=20))
    timed("measure_one", lambda: room.measure(top[0]["id"]))
    timed("brief_sections_top20_full", lambda: [room.measure(m["id"]) for m in top])
    timed("disagreements_top20", lambda: room.disagreements(limit=20))
    timed("estimates_one_measure", lambda: room.estimates(measure=top[0]["name"]))
    brief = timed("brief_md", lambda: room.brief(fmt="md"))
    out["brief_md_lines"] = brief.count("\n")
    timed("brief_md_theatre", lambda: room.brief(fmt="md", theatre=theatre))
    for name, question in ASK_QUESTIONS:
        timed("ask_" + name, lambda q=question: room.ask(q))
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["spacy_loaded"] = "spacy" in sys.modules
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


ASK_QUESTIONS = (  # shapes of the analyst questions (issue 7), on names the demo corpus has
    ("count_place", "How many people were killed in Kursk?"),
    ("count_event", "How many were rescued from the Jaffar Express?"),
    ("source", "What does Zelensky estimate?"),
    ("who", "Who attacked Beledweyne?"),
    ("what", "What happened in Kursk?"),
)


def time_cli(db: str) -> dict:
    """Wall seconds of whole CLI runs on the store (process start-up, store open, the read):
    what a person waits for. spaCy is never loaded by these commands."""
    exe = str(Path(sys.executable).with_name("sitroom"))
    runs = {
        "stats": ["stats"],
        "measures_top20": ["measures", "--limit", "20"],
        "ask": ["ask", ASK_QUESTIONS[0][1]],
        "brief_md": ["brief"],
    }
    out = {}
    for name, args in runs.items():
        t = perf_counter()
        subprocess.run([exe, "--db", db, *args], capture_output=True, check=False)
        out[name + "_s"] = round(perf_counter() - t, 3)
    return out


def time_ingest(db: str, config: str | None = None) -> dict:
    """Seconds to ingest (and reconcile) the seed article into this store, model loaded."""
    from sitroom.app import Sitroom

    room = Sitroom(db=db, config=config)
    room.pipeline  # noqa: B018 - load the models before timing
    text = next(SEED.glob("*.txt")).read_text("utf-8") + f"\n\n(bench {perf_counter()})"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.txt"
        path.write_text(text, "utf-8")
        t = perf_counter()
        report = room.ingest([str(path)], published="2025-06-01")
        seconds = perf_counter() - t
    return {"seconds": round(seconds, 3), "claims": report.claims, **report.reconciled}


def _reads_in_fresh_process(path: str) -> dict:
    reads = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json,sys; from sitroom.eval.picture_bench import "
            "time_reads; print(json.dumps(time_reads(sys.argv[1])))",
            path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(reads.stdout.strip().splitlines()[-1])


def bench_reads(store: str) -> dict:
    """The read timings (Python API, fresh process) and whole CLI runs on an existing store
    (`sitroom bench picture --store FILE`: re-measure without building again)."""
    from sitroom.app import Sitroom

    if not Path(store).exists():
        from sitroom.errors import NotFoundError

        raise NotFoundError("no store at this path", subject=store)
    counts = Sitroom(db=store).store.counts()  # opens it (applies any pending migration)
    return {
        "store": {"claims": counts["claims"], "documents": counts["documents"]},
        "reads": _reads_in_fresh_process(store),
        "cli_wall": time_cli(store),
    }


def bench_picture(n_claims: int, db: str | None, config: str | None = None) -> dict:
    template = template_store(config)
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        path = db or str(Path(tmp) / "big.db")
        if Path(path).exists():
            raise_exists(path)
        result = {"build": build_store(path, n_claims, template)}
        result["reads"] = _reads_in_fresh_process(path)
        result["cli_wall"] = time_cli(path)
        result["ingest_one_article"] = {
            "empty_store": time_ingest(str(Path(tmp) / "empty.db"), config),
            "big_store": time_ingest(path, config),
        }
        result["db_mb"] = round(Path(path).stat().st_size / 2**20, 1)
    return result


def raise_exists(path: str) -> None:
    from sitroom.errors import InputError

    raise InputError("the bench writes a new store; this file exists", subject=path)
