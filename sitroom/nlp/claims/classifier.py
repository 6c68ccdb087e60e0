"""A learned sentence classifier over claim kinds (spaCy `textcat_multilabel`, bag of words).

Contract: `probabilities(texts)` gives, per sentence, P(kind) for each claim kind of the gold
README, from a model trained only on the dev gold (`sitroom train claims-classifier`); the
trained weights ship in `model/` beside this module with `classifier.json` (training data, per-kind
veto thresholds chosen on dev out-of-fold figures, the figures measured). `veto(frames)` drops
rule frames whose sentence the model finds very unlikely to state a claim of that kind.

It is off by default (`[nlp] classifier = true` turns it on) because it did not improve the
held-out splits when measured (see classifier.json and docs/extraction.md): the rules stay the
extractor. When the model folder is missing or unreadable, extraction goes on with the rules
alone and says so once on stderr.
"""

from __future__ import annotations

import json
import sys
from functools import lru_cache
from pathlib import Path

KINDS = (
    "deployment", "withdrawal", "casualties", "attack", "combat", "territory", "arms_transfer",
    "aid_suspension", "training", "recruitment", "sanction", "diplomatic",
)  # fmt: skip
MODEL_DIR = Path(__file__).resolve().parent / "model"
LENGTH = 2**15  # hashed n-gram table rows: 12 kinds x 32768 floats keeps the weights ~1.6 MB


def new_model(ngram: int = 2):  # noqa: ANN201 - a spaCy Language with one textcat
    import spacy

    nlp = spacy.blank("en")
    model = {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": ngram,
        "no_output_layer": False,
        "length": LENGTH,
    }
    textcat = nlp.add_pipe("textcat_multilabel", config={"model": model})
    for kind in KINDS:
        textcat.add_label(kind)
    return nlp


def train(rows: list[tuple[str, set[str]]], epochs: int = 12, seed: int = 0):  # noqa: ANN201
    """A model fitted on (sentence text, gold kinds of the sentence) pairs; deterministic."""
    import random

    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = new_model()
    examples = [
        Example.from_dict(nlp.make_doc(text), {"cats": {k: float(k in kinds) for k in KINDS}})
        for text, kinds in rows
    ]
    optimizer = nlp.initialize(lambda: examples)
    rnd = random.Random(seed)
    for _ in range(epochs):
        rnd.shuffle(examples)
        for batch in minibatch(examples, 16):
            nlp.update(batch, sgd=optimizer, drop=0.2)
    return nlp


def predict(nlp, texts: list[str]) -> list[dict[str, float]]:  # noqa: ANN001
    return [dict(doc.cats) for doc in nlp.pipe(texts)]


@lru_cache(maxsize=2)
def load(path: str = str(MODEL_DIR)) -> tuple | None:
    """(model, thresholds) from a model folder, loaded once per process; None when missing."""
    folder = Path(path)
    try:
        import spacy

        meta = json.loads((folder / "classifier.json").read_text("utf-8"))
        nlp = spacy.load(folder)
    except (OSError, ValueError, KeyError) as exc:
        print(
            f"sitroom: claims classifier not loaded ({folder}: {exc.__class__.__name__}); "
            "extracting with the rules alone",
            file=sys.stderr,
        )
        return None
    return nlp, {k: float(v) for k, v in meta.get("thresholds", {}).items()}


def veto(found: list, path: str = str(MODEL_DIR)) -> list:
    """The found frames (`document.FoundFrame`) the classifier does not veto: a frame goes when
    P(its kind | its sentence) is below that kind's threshold. No model: all frames stay."""
    loaded = load(path)
    if loaded is None or not found:
        return found
    nlp, thresholds = loaded
    texts = sorted({f.sentence.span.text for f in found})
    probs = dict(zip(texts, predict(nlp, texts), strict=True))
    return [
        f
        for f in found
        if probs[f.sentence.span.text].get(f.frame.kind, 1.0) >= thresholds.get(f.frame.kind, 0.0)
    ]
