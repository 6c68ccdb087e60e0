"""`sitroom eval ask FILE`: score `ask` on a hand-written question set.

FILE is JSON: `corpora` (paths ingested into a fresh temporary store unless `--db` names a
store that already holds them) and `questions`, each with `conflict`, `question`, `expect`
(figures or names written by hand from the texts: each origin's latest figure) and `topic` (a
regular expression every cited document must match: the conflict's places and actors).

- right: the answer is found and every expected figure is in it (figures as sitroom writes
  them: 8,500; a string is a regular expression, e.g. an attacker's name);
- on topic: under 2,500 characters, cites at least one claim, and every cited claim's
  document matches `topic` (so nothing from another conflict).

Prints totals, per conflict and (with --details) every question with its answer.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from pathlib import Path

from sitroom.errors import InputError

LIMIT = 2500


def _figure(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


def expected_in(answer: str, expect: list) -> list:
    """The expected items missing from the answer text."""
    missing = []
    for e in expect:
        if isinstance(e, str):
            if not re.search(e, answer, re.I):
                missing.append(e)
        elif not re.search(rf"(?<![\d,.]){re.escape(_figure(e))}(?![\d,]|\.\d)", answer):
            missing.append(e)
    return missing


def run_ask_eval(path: str, db: str | None = None, config: str | None = None,
                 details: bool = False) -> dict:  # fmt: skip
    from sitroom.app import Sitroom

    try:
        spec = json.loads(Path(path).read_text("utf-8"))
        questions = spec["questions"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"not a question set ({exc})", subject=path) from exc
    with tempfile.TemporaryDirectory() as tmp:
        room = Sitroom(db=db or str(Path(tmp) / "ask.db"), config=config)
        if not room.store.counts()["documents"]:
            room.ingest(spec.get("corpora") or [])
        texts: dict[str, str] = {}
        rows, started = [], time.perf_counter()
        for q in questions:
            t0 = time.perf_counter()
            a = room.ask(q["question"])
            seconds = time.perf_counter() - t0
            missing = expected_in(a["answer"], q["expect"]) if a["found"] else q["expect"]
            docs = {_doc_of(room, c, texts) for c in a["citations"]}
            off = [d for d in docs if not re.search(q["topic"], texts.get(d, ""), re.I)]
            on_topic = bool(a["citations"]) and not off and len(a["answer"]) < LIMIT
            rows.append(
                {
                    "conflict": q.get("conflict"),
                    "question": q["question"],
                    "right": a["found"] and not missing,
                    "on_topic": on_topic,
                    "missing": missing,
                    "off_topic_documents": off,
                    "chars": len(a["answer"]),
                    "seconds": round(seconds, 3),
                    "answer": a["answer"],
                }
            )
        total = time.perf_counter() - started
    return _summary(rows, total, details)


def _doc_of(room, cited: str, texts: dict[str, str]) -> str:  # noqa: ANN001
    """The document a citation leads to (a claim id, or a document id)."""
    view = room.show(cited)
    doc = view["id"] if view["type"] == "document" else view["document"]["id"]
    if doc not in texts:
        d = room.show(doc)
        texts[doc] = f"{d.get('title') or ''}\n{d.get('text') or ''}"
    return doc


def _summary(rows: list[dict], seconds: float, details: bool) -> dict:
    def score(rs: list[dict]) -> dict:
        both = sum(1 for r in rs if r["right"] and r["on_topic"])
        return {
            "questions": len(rs),
            "right": sum(r["right"] for r in rs),
            "on_topic": sum(r["on_topic"] for r in rs),
            "right_and_on_topic": both,
            "share": round(both / len(rs), 3) if rs else 0.0,
        }

    conflicts = sorted({r["conflict"] for r in rows if r["conflict"]})
    out = {
        **score(rows),
        "by_conflict": {c: score([r for r in rows if r["conflict"] == c]) for c in conflicts},
        "seconds_per_question": round(seconds / max(1, len(rows)), 3),
        "max_chars": max((r["chars"] for r in rows), default=0),
    }
    if details:
        out["details"] = rows
    else:
        out["wrong"] = [
            {k: r[k] for k in ("question", "missing", "off_topic_documents")}
            for r in rows
            if not (r["right"] and r["on_topic"])
        ]
    return out
