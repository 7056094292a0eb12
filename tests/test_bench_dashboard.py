"""``python -m etl bench --dashboard``: a synthetic warehouse from the sample, one line per query."""
from __future__ import annotations

import re

import duckdb
import pytest

from etl import bench_dashboard
from etl.cli import main

#: (page, query) pairs the bench must time: every query the pages run on open.
QUERIES = [("sidebar", "filter_options"), ("trends", "default_series"),
           ("overview", "overview_series [default]"), ("overview", "overview_series [filtered]"),
           ("overview", "card_details"), ("trends", "subjects_of_indicator [default]"),
           ("trends", "latest_by_subject [filtered]"), ("review", "review_count [default]"),
           ("trends", "trend_points [default]"), ("trends", "series_metadata [filtered]"),
           ("explore", "mention_facets [default]"), ("explore", "mention_rows [filtered]"),
           ("article", "article_choices [default]"), ("article", "article_mentions"),
           ("review", "review_queue [default]"), ("review", "review_queue [filtered]")]


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    cache = tmp_path_factory.mktemp("bench-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bench_dashboard, "CACHE_DIR", cache)
        lines = list(bench_dashboard.run_dashboard_bench(20000))
        again = list(bench_dashboard.run_dashboard_bench(20000))
    return cache, lines, again


@pytest.mark.parametrize("page, query", QUERIES, ids=[f"{p} {q} is timed" for p, q in QUERIES])
def test_each_page_query_gets_a_line_with_its_time(first_run, page, query):
    _, lines, _ = first_run
    matching = [line for line in lines if line.startswith(f"{page}: {query}")]
    assert len(matching) == 1 and re.search(r"\s\d+ ms\s+\(\d+ rows\)$", matching[0])


def test_the_build_line_comes_first_and_a_second_run_uses_the_cache(first_run):
    _, lines, again = first_run
    assert lines[0].startswith("build:") and "built: 20,000 mentions" in lines[0]
    assert again[0].startswith("build:") and "cached: 20,000 mentions" in again[0]


def test_the_synthetic_warehouse_keeps_keys_unique_and_varies_dates_and_subjects(first_run):
    cache, _, _ = first_run
    [db] = cache.glob("synthetic-20000-*.duckdb")
    con = duckdb.connect(str(db), read_only=True)
    keys, distinct, years, subjects = con.execute(
        "SELECT count(*), count(DISTINCT mention_key), count(DISTINCT year(published_on)), "
        "count(DISTINCT subject) FROM mentions JOIN documents USING (doc_id)").fetchone()
    seed_subjects = con.execute("SELECT count(DISTINCT subject) FROM mentions "
                                "WHERE NOT contains(doc, '-') OR starts_with(doc, '0-')").fetchone()[0]
    con.close()
    assert keys == distinct == 20000
    assert years >= 10 and subjects >= seed_subjects


def test_the_command_line_prints_the_bench(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(bench_dashboard, "CACHE_DIR", tmp_path)
    assert main(["bench", "--dashboard", "--rows", "0"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.strip() == "error: --rows must be at least 1 (got 0)"
