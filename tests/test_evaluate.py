"""Scoring follows the gold README: overlap + value within 0.5 % + same unit; pairwise grouping."""
from __future__ import annotations

import json

import pytest

from etl.evaluate import load_gold, score

DOC = "page.txt"


def gold_row(start, end, value, unit="元", indicator="规上工业总产值", **fields):
    return {"doc": DOC, "start": start, "end": end, "text": "x" * (end - start), "is_indicator": True,
            "value": value, "unit": unit, "indicator": indicator, "year": 2025,
            "qualifier": "exact", "measure": "level", "topic": "industry", **fields}


def non_indicator(start, end, reason="phone"):
    return {"doc": DOC, "start": start, "end": end, "text": "x", "is_indicator": False, "reason": reason}


def pred(start, end, value, unit="元", indicator="规上工业总产值", **fields):
    row = gold_row(start, end, value, unit, indicator, **fields)
    row.pop("is_indicator")
    return row


@pytest.mark.parametrize("prediction, matched", [
    pytest.param(pred(10, 16, 4e11), True, id="same span and value matches"),
    pytest.param(pred(12, 20, 4e11), True, id="an overlapping span matches"),
    pytest.param(pred(10, 16, 4.019e11), True, id="a value within half a percent matches"),
    pytest.param(pred(10, 16, 4.03e11), False, id="a value off by more than half a percent does not"),
    pytest.param(pred(10, 16, 4e11, unit="人"), False, id="another unit does not match"),
    pytest.param(pred(16, 20, 4e11), False, id="touching but not overlapping spans do not match"),
])
def test_a_prediction_matches_a_gold_indicator(prediction, matched):
    result = score({DOC: [prediction]}, {DOC: [gold_row(10, 16, 4e11)]})
    assert (len(result.matches) == 1) is matched
    assert result.value_unit[2] == (1.0 if matched else 0.0)


def test_a_prediction_on_a_non_indicator_row_is_counted_as_such():
    gold = {DOC: [gold_row(10, 16, 4e11), non_indicator(30, 38)]}
    result = score({DOC: [pred(10, 16, 4e11), pred(30, 38, 82987136, unit="个")]}, gold)
    assert result.value_unit == (0.5, 1.0, pytest.approx(2 / 3))
    assert len(result.non_indicator_false_positives) == 1


def test_a_wrong_value_on_an_indicator_row_is_a_false_positive_but_not_a_non_indicator_one():
    result = score({DOC: [pred(10, 16, 5e11)]}, {DOC: [gold_row(10, 16, 4e11)]})
    assert len(result.false_positives) == 1
    assert result.non_indicator_false_positives == []
    assert len(result.misses) == 1


def test_full_record_needs_year_qualifier_and_measure_right():
    gold = {DOC: [gold_row(0, 5, 1.0), gold_row(10, 15, 2.0)]}
    preds = {DOC: [pred(0, 5, 1.0), pred(10, 15, 2.0, year=2024)]}
    result = score(preds, gold)
    assert result.value_unit[2] == 1.0
    assert result.full_record[2] == 0.5
    assert result.accuracy("year") == 0.5


def test_grouping_compares_pairs_of_names_not_the_names_themselves():
    gold = {DOC: [gold_row(0, 5, 1.0, indicator="A"), gold_row(10, 15, 2.0, indicator="A"),
                  gold_row(20, 25, 3.0, indicator="B")]}
    renamed = {DOC: [pred(0, 5, 1.0, indicator="x"), pred(10, 15, 2.0, indicator="x"),
                     pred(20, 25, 3.0, indicator="y")]}
    assert score(renamed, gold).grouping[2] == 1.0
    merged = {DOC: [pred(0, 5, 1.0, indicator="x"), pred(10, 15, 2.0, indicator="x"),
                    pred(20, 25, 3.0, indicator="x")]}
    p, r, _ = score(merged, gold).grouping
    assert (p, r) == (pytest.approx(1 / 3), 1.0)


def test_load_gold_names_the_file_and_line_of_a_broken_row(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps(gold_row(0, 1, 1.0)) + "\n{broken\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.jsonl:2"):
        load_gold(tmp_path)


@pytest.mark.parametrize("predicted, expected, agree", [
    pytest.param("杭州市", "杭州市", True, id="the same name agrees"),
    pytest.param("杭州", "杭州市", True, id="a name without its suffix agrees"),
    pytest.param("临江产业邻里中心项目", "临江产业邻里中心", True, id="two more characters agree"),
    pytest.param("钱塘区", "杭州市", False, id="another place does not"),
    pytest.param("区", "杭州市钱塘区", False, id="a fragment much shorter than the name does not"),
])
def test_subjects_are_compared_leniently(predicted, expected, agree):
    gold = {DOC: [gold_row(0, 5, 1.0, subject=expected)]}
    result = score({DOC: [pred(0, 5, 1.0, subject=predicted)]}, gold)
    assert result.accuracy("subject") == (1.0 if agree else 0.0)


def test_series_grouping_keys_on_indicator_and_subject():
    gold = {DOC: [gold_row(0, 5, 1.0, subject="杭州市"), gold_row(10, 15, 2.0, subject="杭州市"),
                  gold_row(20, 25, 3.0, subject="钱塘区")]}
    same_subject = {DOC: [pred(0, 5, 1.0, subject="杭州市"), pred(10, 15, 2.0, subject="杭州市"),
                          pred(20, 25, 3.0, subject="杭州市")]}
    result = score(same_subject, gold)
    assert result.grouping[2] == 1.0                       # one indicator: names are right
    assert result.series_grouping[:2] == (pytest.approx(1 / 3), 1.0)   # but three points on one line
