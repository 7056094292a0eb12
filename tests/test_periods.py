"""Time expressions and their years: tests/cases/annotate_periods.csv, one row per behaviour.

``expected`` lists ``surface = kind year period`` items separated by ``;`` (empty: none found).
How a number picks one of them is covered by the annotate cases of test_indicators.
"""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from etl.periods import find_time_expressions

CASES = Path(__file__).parent / "cases"


def _rows() -> list[dict[str, str]]:
    with open(CASES / "annotate_periods.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected(cell: str) -> list[tuple]:
    out = []
    for item in filter(None, (part.strip() for part in cell.split(";"))):
        surface, _, rest = item.partition(" = ")
        kind, year, period = rest.split()
        out.append((surface, kind, None if year == "None" else int(year),
                    None if period == "None" else period))
    return out


@pytest.mark.parametrize("row", [pytest.param(r, id=r["id"]) for r in _rows()])
def test_time_expression(row):
    published_on = date.fromisoformat(row["published_on"]) if row["published_on"] else None
    text = row["text"]
    found = [(text[e.start:e.end], e.kind, e.year, e.period)
             for e in find_time_expressions(text, published_on)]
    expected = _expected(row["expected"])
    if expected:
        assert [f for f in found if f[0] in {e[0] for e in expected}] == expected
    else:
        assert found == []


def test_expressions_come_in_text_order_without_overlap():
    text = "2023年前三季度，去年同期，今年8月底，春节期间，“十四五”期间，近三年，1—10月。"
    found = find_time_expressions(text, date(2024, 11, 5))
    assert [e.start for e in found] == sorted(e.start for e in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
