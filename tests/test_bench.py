"""``python -m etl bench`` prints its throughput lines (the figures themselves are not asserted)."""
from __future__ import annotations

from etl.cli import main


def test_bench_prints_every_throughput_line(capsys):
    assert main(["bench", "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    for label in ("corpus:", "extract, 1 core:", "cores:", "find_quantities only:",
                  "regex scan (ceiling):", "jionlp extract_money:"):
        assert label in out
    assert "MB/s" in out and "articles/s" in out


def test_dashboard_bench_without_its_module_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setitem(__import__("sys").modules, "etl.bench_dashboard", None)
    assert main(["bench", "--dashboard"]) == 1
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "dashboard" in out
