"""NewsQuant-style scorer: matching, hand-worked P/R/F1, and a quality gate on the dev file."""

from __future__ import annotations

from pathlib import Path

import pytest
from floors import FLOORS  # tests/ is on sys.path (pytest rootdir-less import)

from sitroom.eval.quantity_bench import max_matching, run_quantity_eval, score, value_match

DEV = Path(__file__).parent / "fixtures" / "bench" / "quantities-dev.jsonl"


def s(v, unit="-", change="="):
    return {"value": v, "range": None, "normalized_unit": unit, "change": change}


def r(lo, hi, unit="-", change="="):
    return {"value": None, "range": [lo, hi], "normalized_unit": unit, "change": change}


def test_value_match_rules():
    assert value_match(s(12000.0), s(12000.0000001))
    assert not value_match(s(12000.0), s(12001.0))
    assert value_match(r(25000, 30000), r(25000, 30000))
    assert not value_match(r(25000, 30000), r(25000, 31000))
    assert not value_match(r(4, 6), s(5))
    assert value_match(r(4, 6), s(5), range_midpoint=True)
    assert not value_match(s(5), r(4, 6), range_midpoint=True)
    assert value_match({"value": "12-120"}, r(12, 120))  # source-style range string
    spans = dict(start=0, end=3)
    assert not value_match({**s(5), **spans}, {**s(5), "start": 10, "end": 12})


def test_maximum_matching_beats_greedy():
    # gold 0 (range 4..6) can take pred 0 (scalar 5, midpoint rule) or pred 1 (range 4..6);
    # gold 1 (scalar 5) can only take pred 0. Greedy in order gives gold0-pred0 and stops at 1;
    # the maximum matching pairs gold0-pred1 and gold1-pred0.
    gold = [r(4, 6), s(5)]
    pred = [s(5), r(4, 6)]
    assert max_matching(2, 2, lambda g, p: value_match(gold[g], pred[p], True)) == 2
    out = score([gold], [pred], range_midpoint=True)
    assert out["value_tp"] == 2 and out["value_f1"] == 1.0


def test_one_prediction_counts_once():
    out = score([[s(5), s(5)]], [[s(5)]])
    assert out["value_tp"] == 1
    assert out["value_precision"] == 1.0 and out["value_recall"] == 0.5


def test_prf_by_hand():
    golds = [[s(5, "dollar"), s(10, "people", "~")], []]
    preds = [[s(5, "Dollar "), s(7)], [s(3)]]
    out = score(golds, preds)
    # value: 1 TP of 3 predicted, 2 gold -> P 1/3, R 1/2, F1 = 2*(1/6)/(5/6) = 0.4
    assert out["value_tp"] == 1
    assert out["value_precision"] == pytest.approx(1 / 3)
    assert out["value_recall"] == pytest.approx(0.5)
    assert out["value_f1"] == pytest.approx(0.4)
    assert out["value_unit_tp"] == 1  # 'Dollar ' == 'dollar' after strip().lower()
    assert out["value_change_tp"] == 1
    assert (out["gold_quantities"], out["predicted_quantities"]) == (2, 3)
    assert out["unit_scale"] == "fraction"


def test_quality_gate_dev():
    out = run_quantity_eval(str(DEV))
    assert out["sentences"] >= 20
    assert out["value_f1"] >= FLOORS["quantity_value_f1"], out
    assert out["value_unit_f1"] >= FLOORS["quantity_value_unit_f1"], out
    assert out["by_type"]["count"]["gold"] > 0 and "range" in out["by_shape"]
    assert out["seconds_mean"] < 0.01


def test_beats_quantulum3_on_dev():
    out = run_quantity_eval(str(DEV), baseline=True)
    assert out["value_f1"] > out["baseline"]["value_f1"]
    assert out["value_unit_f1"] > out["baseline"]["value_unit_f1"]
