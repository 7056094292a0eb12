"""``python -m etl bench --scaling``: the cost of extraction grows linearly with the input.

The tests fit the exponent of CPU time against size on small inputs (a shape, never a time); the
command prints the figures of full runs at larger sizes.
"""
from __future__ import annotations

import re

import pytest

from etl import bench_scaling
from etl.bench_scaling import extraction_seconds, fitted_exponent, make_input
from etl.cli import main

SIZES = (1, 2, 4, 8, 16)
LINEAR = 1.15


def _exponent(case: str, base: int, sizes, tmp_path) -> float:
    points = []
    for factor in sizes:
        folder = tmp_path / f"{case}-{factor}"
        folder.mkdir()
        target = make_input(case, base * factor, folder)
        points.append((base * factor, extraction_seconds(target, folder / "shards")))
    return fitted_exponent(points)


@pytest.mark.parametrize("case, base", [("line", 64_000), ("pages", 64_000)],
                         ids=["a one-line text is extracted in linear time",
                              "a folder of pages is extracted in linear time"])
def test_extraction_time_grows_linearly(case, base, tmp_path):
    assert _exponent(case, base, SIZES, tmp_path) <= LINEAR


def test_a_dense_table_is_extracted_in_linear_time(tmp_path):
    assert _exponent("table", 4_000, (1, 2, 4, 8), tmp_path) <= LINEAR


def test_the_exponent_of_a_power_law_is_its_power():
    assert fitted_exponent([(s, 3 * s ** 1.5) for s in (1, 2, 4, 8)]) == pytest.approx(1.5)
    assert fitted_exponent([(1, 1.0)]) is None


def test_the_inputs_have_the_size_asked_and_their_shape(tmp_path):
    table = make_input("table", 5_000, tmp_path)
    lines = table.read_text(encoding="utf-8").splitlines()
    assert abs(table.stat().st_size - 5_000) < 100
    assert all(re.fullmatch(r"第\d+项 产值[\d.]+亿元,同比增长[\d.]+%", line) for line in lines[:-1])
    line = make_input("line", 50_000, tmp_path)
    assert line.read_text(encoding="utf-8").count("\n") == 1
    pages = make_input("pages", 50_000, tmp_path)
    assert len({p.read_bytes() for p in pages.iterdir()}) == len(list(pages.iterdir())) >= 2


def test_the_command_prints_a_row_per_size_and_the_exponent(capsys):
    assert main(["bench", "--scaling", "--case", "pages", "--sizes", "1", "2",
                 "--base-mb", "0.05"]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line for line in out if line.startswith("pages ")]
    assert [row.split()[1] for row in rows] == ["1x", "2x"]
    assert re.fullmatch(r"pages: time ~ size\^-?\d+\.\d\d over 1x\.\.2x", out[-1])


def test_a_size_over_the_time_limit_is_reported_as_stopped(monkeypatch, capsys):
    def measured(case, factor, target, folder, timeout):
        if factor > 1:
            return bench_scaling.Measure(case, factor, 1.0 * factor, None)
        return bench_scaling.Measure(case, factor, 1.0, 2.0, 2.0, 150.0, 80.0, 10)

    monkeypatch.setattr(bench_scaling, "_measure_in_child", measured)
    assert main(["bench", "--scaling", "--case", "table", "--sizes", "1", "2", "4"]) == 0
    out = capsys.readouterr().out
    assert "table     2x" in out and "stopped" in out and "table     4x" not in out
    assert "2x stopped, so the growth is steeper than this" in out
