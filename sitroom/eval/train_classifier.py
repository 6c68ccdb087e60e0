"""`sitroom train claims-classifier`: fit the sentence kind classifier on the dev gold only,
choose its veto thresholds on dev out-of-fold figures, save it, and print dev (out-of-fold)
and held-out figures of the rules alone and of rules + classifier side by side.

Data: the dev splits of tests/fixtures/gold (voa-dev, voa-dev2, other-dev); a sentence's labels
are the kinds of the gold claims whose quote overlaps it. The held-out splits (heldout,
other-heldout) are only scored. No outside data: the PLOVER-coded quotes of the public NGEC-2025
repository carry no licence, so they were not used.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from sitroom.nlp.claims import classifier as C

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
VOA = ROOT / "corpus" / "demo" / "voa" / "voa_stories.jsonl"
OTHER = GOLD / "other-articles.jsonl"
DEV = ("voa-dev", "voa-dev2", "other-dev")
HELD = ("heldout", "other-heldout")
GRID = (0.01, 0.02, 0.05, 0.1, 0.2, 0.3)


def _split(name: str, pipeline) -> dict:  # noqa: ANN001 - a Pipeline
    """Gold, texts, sentences and rule predictions of one gold split."""
    from sitroom.eval.claims_eval import load_gold, load_texts
    from sitroom.nlp.sentences import body_sentences, chunks
    from sitroom.nlp.types import Block

    gold = load_gold(str(GOLD / f"{name}.jsonl"))
    docs = load_texts(str(OTHER if name.startswith("other") else VOA), {g["doc"] for g in gold})
    keys = sorted(docs)
    results = pipeline([docs[k] for k in keys], keys)
    sents, preds, places = {}, {}, {}
    for key, result in zip(keys, results, strict=True):
        raw = docs[key]
        pieces = list(chunks(raw.text))
        docs_ = pipeline.nlp.pipe([p for _, p in pieces])
        parsed = list(zip([o for o, _ in pieces], docs_, strict=True))
        blocks = raw.blocks or [Block("paragraph", 0, len(raw.text))]
        sents[key] = [(s.start, s.end, s.span.text) for s in body_sentences(blocks, parsed)]
        preds[key] = [r for r in result.claims if not r["restates"]]
        places.update({p["id"]: p for p in result.references.get("places", [])})
    return {"gold": gold, "docs": docs, "sents": sents, "preds": preds, "places": places}


def _rows(split: dict) -> list[tuple[str, int, str, set[str]]]:
    """(doc, sentence start, text, gold kinds) for every sentence of the split."""
    spans: dict[str, list] = {}
    for g in split["gold"]:
        if g.get("kind"):
            at = split["docs"][g["doc"]].text.find(g["quote"])
            if at >= 0:
                spans.setdefault(g["doc"], []).append((at, at + len(g["quote"]), g["kind"]))
    return [
        (doc, st, text, {k for a, b, k in spans.get(doc, []) if a < en and st < b})
        for doc, sents in split["sents"].items()
        for st, en, text in sents
    ]


def _vetoed(split: dict, probs: dict, thresholds: dict) -> dict:
    """The split's rule predictions minus those the classifier vetoes, scored."""
    from sitroom.eval.claims_eval import score

    kept = {}
    for doc, preds in split["preds"].items():
        starts = [(st, en) for st, en, _ in split["sents"][doc]]
        out = []
        for p in preds:
            st = next((a for a, b in starts if a <= p["evidence_start"] < b), None)
            prob = probs.get((doc, st), {}).get(p["kind"], 1.0)
            if prob >= thresholds.get(p["kind"], 0.0):
                out.append(p)
        kept[doc] = out
    return score(split["gold"], split["docs"], kept, split["places"])


def _f1(results: list[dict]) -> float:
    m = sum(r["matched"] for r in results)
    p = sum(r["predicted"] for r in results)
    g = sum(r["gold"] for r in results)
    return 2 * m / (p + g) if p + g else 0.0


def run_train(args: argparse.Namespace) -> int:
    from sitroom.config import load_settings
    from sitroom.nlp.pipeline import Pipeline

    pipeline = Pipeline(load_settings(args.config, None).nlp)
    splits = {name: _split(name, pipeline) for name in DEV + HELD}
    dev = [(name, *row) for name in DEV for row in _rows(splits[name])]
    docs = sorted({(r[0], r[1]) for r in dev})
    random.Random(1).shuffle(docs)
    fold = {d: i % args.folds for i, d in enumerate(docs)}
    oof: dict[str, dict] = {name: {} for name in DEV}
    for f in range(args.folds):
        model = C.train([(r[3], r[4]) for r in dev if fold[(r[0], r[1])] != f])
        test = [r for r in dev if fold[(r[0], r[1])] == f]
        for r, p in zip(test, C.predict(model, [r[3] for r in test]), strict=True):
            oof[r[0]][(r[1], r[2])] = p
    thresholds = {k: 0.0 for k in C.KINDS}
    for kind in C.KINDS:  # greedy, one kind at a time, on dev out-of-fold figures only
        best = (_f1([_vetoed(splits[n], oof[n], thresholds) for n in DEV]), 0.0)
        for t in GRID:
            trial = {**thresholds, kind: t}
            f1 = _f1([_vetoed(splits[n], oof[n], trial) for n in DEV])
            best = max(best, (f1 - 1e-9 * t, t))
        thresholds[kind] = best[1]
    model = C.train([(r[3], r[4]) for r in dev])
    held = {}
    for name in HELD:
        rows = _rows(splits[name])
        held[name] = {
            (r[0], r[1]): p
            for r, p in zip(rows, C.predict(model, [r[2] for r in rows]), strict=True)
        }
    figures = {}
    for name in DEV + HELD:
        probs = oof[name] if name in DEV else held[name]
        rules = _vetoed(splits[name], {}, {})
        both = _vetoed(splits[name], probs, thresholds)
        figures[name] = {
            "rules": [rules["precision"], rules["recall"], rules["f1"]],
            "rules+classifier": [both["precision"], both["recall"], both["f1"]],
        }
    out = Path(args.out) if args.out else C.MODEL_DIR
    model.to_disk(out)
    meta = {
        "trained_on": [f"tests/fixtures/gold/{n}.jsonl" for n in DEV],
        "sentences": len(dev),
        "positive_sentences": sum(1 for r in dev if r[4]),
        "thresholds": {k: v for k, v in thresholds.items() if v},
        "figures": figures,
        "note": "dev figures are out-of-fold (5 folds by document); held-out only scored",
    }
    (out / "classifier.json").write_text(json.dumps(meta, indent=2) + "\n", "utf-8")
    print(
        f"model saved to {out} ({len(dev)} dev sentences, "
        f"{meta['positive_sentences']} with a claim)"
    )
    print(
        f"veto thresholds (dev out-of-fold): {meta['thresholds'] or 'none: no veto helps on dev'}"
    )
    print(f"{'split':<16}{'rules P/R/F1':>20}{'+ classifier P/R/F1':>24}")
    for name, fig in figures.items():
        a, b = fig["rules"], fig["rules+classifier"]
        tag = " (dev, out-of-fold)" if name in DEV else " (held-out)"
        print(
            f"{name:<16}{'/'.join(f'{x:.2f}' for x in a):>20}"
            f"{'/'.join(f'{x:.2f}' for x in b):>24}{tag}"
        )
    return 0
