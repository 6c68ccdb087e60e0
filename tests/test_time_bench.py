"""Temporal benchmark scorer (README section 1) on a hand-made pair, plus the quality gate."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from floors import FLOORS  # tests/ is on sys.path

from sitroom.eval.time_bench import run_time_eval, score_documents, score_time

DEV = Path(__file__).parent / "fixtures" / "bench" / "time-dev.jsonl"

TEXT = "On Monday, three years after 2019, officials met daily."
GOLD = {
    "id": "d1",
    "dct": "2022-05-04",
    "text": TEXT,
    "timexes": [
        {"start": 3, "end": 9, "text": "Monday", "type": "DATE", "value": "2022-05-02"},
        {"start": 11, "end": 22, "text": "three years", "type": "DURATION", "value": "P3Y"},
        {"start": 29, "end": 33, "text": "2019", "type": "DATE", "value": "2019"},
        {"start": 49, "end": 54, "text": "daily", "type": "SET", "value": "P1D"},
    ],
}
SYSTEM = [
    {"start": 0, "end": 9, "type": "DATE", "value": "2022-05-02"},  # relaxed only, value ok
    {"start": 11, "end": 22, "type": "DURATION", "value": "P3Y"},  # strict, value ok
    {"start": 23, "end": 28, "type": "DATE", "value": "2022"},  # false positive ("after")
    {"start": 29, "end": 33, "type": "DATE", "value": "2018"},  # strict, wrong value
]


def _write(tmp_path: Path, docs: list[dict]) -> str:
    p = tmp_path / "gold.jsonl"
    p.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return str(p)


def test_hand_computed_scores(tmp_path: Path) -> None:
    path = _write(tmp_path, [GOLD])
    r = score_time(path, lambda text, dct: SYSTEM)
    # relaxed: 3 of 4 system overlap gold; 3 of 4 gold found
    assert r["relaxed_precision"] == pytest.approx(3 / 4)
    assert r["relaxed_recall"] == pytest.approx(3 / 4)
    assert r["relaxed_f1"] == pytest.approx(0.75)
    # strict: "three years" and "2019" exact -> P 2/4, R 2/4
    assert r["strict_precision"] == pytest.approx(0.5)
    assert r["strict_recall"] == pytest.approx(0.5)
    assert r["strict_f1"] == pytest.approx(0.5)
    # values: Monday ok, P3Y ok, 2019 wrong -> 2/3; value F1 = 0.75 * 2/3 = 0.5
    assert r["value_accuracy"] == pytest.approx(2 / 3)
    assert r["value_f1"] == pytest.approx(0.5)
    assert r["type_accuracy"] == pytest.approx(1.0)
    assert r["type_f1"] == pytest.approx(0.75)
    assert r["recall_by_type"] == {"DATE": 1.0, "DURATION": 1.0, "SET": 0.0}
    assert (r["documents"], r["gold_timexes"], r["system_timexes"]) == (1, 4, 4)
    assert r["seconds"]["total"] >= 0


def test_attribute_match_most_overlap_then_earliest() -> None:
    gold = dict(GOLD, timexes=[{"start": 10, "end": 20, "type": "DATE", "value": "A"}])
    # two system timexes overlap 5 chars each: the earlier one is judged
    preds = {
        "d1": {
            "timexes": [
                {"start": 5, "end": 15, "type": "DATE", "value": "A"},
                {"start": 15, "end": 25, "type": "DATE", "value": "B"},
            ]
        }
    }
    assert score_documents([gold], preds)["value_accuracy"] == 1.0
    preds["d1"]["timexes"][1]["start"] = 14  # now the later one overlaps more
    assert score_documents([gold], preds)["value_accuracy"] == 0.0


def test_date_only_ignores_system_timexes_on_excluded_gold() -> None:
    preds = {"d1": {"timexes": SYSTEM + [{"start": 49, "end": 54, "type": "SET", "value": "P1D"}]}}
    r = score_documents([GOLD], preds, date_only=True)
    # gold kept: Monday, 2019. System: Monday-overlap (TP), 2019 (TP), "after" (FP);
    # the P3Y and "daily" predictions overlap only excluded gold -> ignored.
    assert r["gold_timexes"] == 2
    assert r["system_timexes"] == 3
    assert r["relaxed_precision"] == pytest.approx(2 / 3)
    assert r["relaxed_recall"] == pytest.approx(1.0)


def test_empty_prediction_scores_zero(tmp_path: Path) -> None:
    r = score_time(_write(tmp_path, [GOLD]), lambda text, dct: [])
    assert r["relaxed_f1"] == 0.0 and r["value_f1"] == 0.0 and r["system_timexes"] == 0


def test_quality_gate_dev() -> None:
    r = run_time_eval(str(DEV))
    assert r["documents"] == 30 and r["gold_timexes"] == 405
    assert r["value_f1"] >= FLOORS["time_value_f1"]
    assert r["relaxed_f1"] >= FLOORS["time_relaxed_f1"]
    assert r["value_accuracy_by_form"]["day"]["matched"] > 0


def test_baseline_runs_and_is_reported() -> None:
    r = run_time_eval(str(DEV), baseline=True)
    b = r["baseline"]
    assert 0.0 <= b["value_f1"] <= 1.0 and b["documents"] == 30
    assert r["value_f1"] > b["value_f1"]
