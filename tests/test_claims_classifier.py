"""The learned sentence kind classifier: trains, predicts, loads once, falls back, vetoes."""

from __future__ import annotations

from types import SimpleNamespace

from sitroom.eval.train_classifier import _rows, _vetoed
from sitroom.nlp.claims import classifier as C

ROWS = [
    ("Gunmen killed 12 villagers in the north.", {"casualties"}),
    ("Three soldiers were killed in the ambush.", {"casualties", "attack"}),
    ("Police said 40 people died in the attack.", {"casualties", "attack"}),
    ("The two leaders signed a ceasefire agreement.", {"diplomatic"}),
    ("Ministers held talks in Geneva on Monday.", {"diplomatic"}),
    ("The delegations signed a peace deal.", {"diplomatic"}),
    ("The market reopened after the holiday.", set()),
    ("Schools were closed because of the weather.", set()),
    ("The festival drew large crowds.", set()),
]


def test_a_model_trained_on_labelled_sentences_ranks_kinds() -> None:
    model = C.train(ROWS, epochs=20)
    casualty, talks = C.predict(model, ["Rebels killed 5 farmers.", "They signed an agreement."])
    assert casualty["casualties"] > talks["casualties"]
    assert talks["diplomatic"] > casualty["diplomatic"]


def test_a_missing_model_folder_falls_back_to_the_rules(tmp_path, capsys) -> None:  # noqa: ANN001
    missing = str(tmp_path / "nope")
    assert C.load(missing) is None
    assert "rules alone" in capsys.readouterr().err
    frames = [object(), object()]
    assert C.veto(frames, missing) == frames


def test_a_saved_model_loads_and_vetoes_below_its_threshold(tmp_path) -> None:  # noqa: ANN001
    model = C.train(ROWS, epochs=20)
    model.to_disk(tmp_path)
    (tmp_path / "classifier.json").write_text('{"thresholds": {"casualties": 0.5}}', "utf-8")

    def found(text: str, kind: str) -> SimpleNamespace:
        return SimpleNamespace(
            sentence=SimpleNamespace(span=SimpleNamespace(text=text)),
            frame=SimpleNamespace(kind=kind),
        )

    frames = [found("Gunmen killed 12 villagers.", "casualties"), found("It rained.", "casualties")]
    frames.append(found("It rained.", "diplomatic"))  # no threshold for this kind: kept
    kept = C.veto(frames, str(tmp_path))
    assert kept == [frames[0], frames[2]]


def test_training_rows_take_the_kinds_of_overlapping_gold_quotes() -> None:
    text = "Gunmen killed 12 villagers. Talks were held. Nothing else happened."
    split = {
        "gold": [{"doc": "d", "kind": "casualties", "quote": "killed 12 villagers"}],
        "docs": {"d": SimpleNamespace(text=text)},
        "sents": {"d": [(0, 27, text[:27]), (28, 44, text[28:44]), (45, 67, text[45:])]},
    }
    assert [r[3] for r in _rows(split)] == [{"casualties"}, set(), set()]


def test_vetoed_scores_without_the_vetoed_predictions() -> None:
    text = "Gunmen killed 12 villagers. Talks were held."
    pred = {
        "kind": "casualties", "evidence_start": 0, "evidence_end": 27, "q_low": 12.0,
        "q_high": 12.0, "actor": None, "target": None, "place_id": None, "status": "occurred",
        "certainty": "certain", "attribution_kind": "article", "attribution_source": None,
        "casualty": "killed", "q_basis": None, "q_approx": None, "quote": text[:27],
    }  # fmt: skip
    false_alarm = {**pred, "kind": "diplomatic", "evidence_start": 28, "evidence_end": 44}
    split = {
        "gold": [
            {
                "doc": "d",
                "id": "g1",
                "kind": "casualties",
                "quote": "killed 12 villagers",
                "quantity": {"low": 12, "high": 12},
            },
        ],  # fmt: skip
        "docs": {"d": SimpleNamespace(text=text)},
        "sents": {"d": [(0, 27, text[:27]), (28, 44, text[28:])]},
        "preds": {"d": [pred, false_alarm]},
        "places": {},
    }
    assert _vetoed(split, {}, {})["precision"] == 0.5
    probs = {("d", 0): {"casualties": 0.9}, ("d", 28): {"diplomatic": 0.01}}
    result = _vetoed(split, probs, {"diplomatic": 0.05, "casualties": 0.05})
    assert (result["precision"], result["recall"]) == (1.0, 1.0)


def test_the_shipped_model_loads_with_its_measured_figures() -> None:
    import json

    loaded = C.load()
    assert loaded is not None
    meta = json.loads((C.MODEL_DIR / "classifier.json").read_text("utf-8"))
    assert set(meta["figures"]) == {"voa-dev", "voa-dev2", "other-dev", "heldout", "other-heldout"}
    probs = C.predict(loaded[0], ["Gunmen killed 12 villagers on Sunday."])[0]
    assert set(probs) == set(C.KINDS) and all(0.0 <= p <= 1.0 for p in probs.values())
