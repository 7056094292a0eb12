"""The series view: every report kept, one chosen value per observation, conflicts flagged."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.warehouse import open_reader
from warehouse_support import build_warehouse, copy_sample, run_etl

DOCS = {"page_2024.txt": date(2024, 1, 19), "page_2025.txt": date(2025, 2, 7),
        "page_2026.txt": date(2026, 3, 3), "undated.txt": None}


def series_of(tmp_path, mentions):
    db = tmp_path / "w.duckdb"
    build_warehouse(db, DOCS, mentions)
    con = open_reader(db, tmp_path / "corrections.jsonl")
    rows = con.execute("SELECT mention_key, kind, is_chosen, is_latest_of_kind, conflict "
                       "FROM series ORDER BY mention_key").fetchall()
    con.close()
    return {key: {"kind": kind, "chosen": chosen, "latest": latest, "conflict": conflict}
            for key, kind, chosen, latest, conflict in rows}


# (id, mentions, key expected chosen)
CHOSEN_CASES = [
    ("an actual reported later beats the target set the year before",
     [dict(key="target", doc="page_2025.txt", start=10, value=4000e8, qualifier="target"),
      dict(key="actual", doc="page_2026.txt", start=10, value=4000e8, qualifier="at_least")],
     "actual"),
    ("an actual beats a target even when the target is reported later",
     [dict(key="actual", doc="page_2025.txt", start=10, value=3700e8, qualifier="exact"),
      dict(key="target", doc="page_2026.txt", start=10, value=3800e8, qualifier="target")],
     "actual"),
    ("a forecast beats a target",
     [dict(key="target", doc="page_2026.txt", start=10, value=100, qualifier="target"),
      dict(key="forecast", doc="page_2025.txt", start=10, value=90, qualifier="forecast")],
     "forecast"),
    ("of two actuals the later report wins",
     [dict(key="early", doc="page_2024.txt", start=10, value=100, qualifier="approx"),
      dict(key="later", doc="page_2025.txt", start=10, value=100, qualifier="exact")],
     "later"),
    ("in one page the later position in the text wins",
     [dict(key="first", doc="page_2025.txt", start=10, value=100),
      dict(key="second", doc="page_2025.txt", start=500, value=100)],
     "second"),
    ("a dated report beats an undated one",
     [dict(key="dated", doc="page_2024.txt", start=10, value=100),
      dict(key="undated", doc="undated.txt", start=10, value=100)],
     "dated"),
    ("a whole-year actual beats a later part-year actual",
     [dict(key="year", doc="page_2025.txt", start=10, value=3700e8, period="2024", year=2024),
      dict(key="months", doc="page_2026.txt", start=10, value=600e8, period="2024-01..02",
           year=2024)],
     "year"),
    ("a span of years counts as whole-year (十四五 totals)",
     [dict(key="target", doc="page_2025.txt", start=10, value=4000e8, qualifier="target",
           period="2025"),
      dict(key="span", doc="page_2026.txt", start=10, value=4000e8, period="2021-2025")],
     "span"),
]


@pytest.mark.parametrize("mentions, expected", [c[1:] for c in CHOSEN_CASES],
                         ids=[c[0] for c in CHOSEN_CASES])
def test_one_report_is_chosen_per_observation(tmp_path, mentions, expected):
    series = series_of(tmp_path, mentions)
    assert [key for key, row in series.items() if row["chosen"]] == [expected]
    assert set(series) == {m["key"] for m in mentions}      # every report is kept


def test_observations_differ_by_subject_measure_unit_and_year(tmp_path):
    series = series_of(tmp_path, [
        dict(key="district", doc="page_2025.txt", start=10, value=1),
        dict(key="company", doc="page_2025.txt", start=20, value=2, subject="某公司"),
        dict(key="growth", doc="page_2025.txt", start=30, value=3, measure="yoy_growth", unit="%"),
        dict(key="other_year", doc="page_2025.txt", start=40, value=4, year=2024),
    ])
    assert all(row["chosen"] for row in series.values())


def test_mentions_without_a_year_are_not_in_the_series(tmp_path):
    series = series_of(tmp_path, [dict(key="no_year", doc="page_2025.txt", start=10, value=1,
                                       year=None)])
    assert series == {}


def test_targets_and_forecasts_keep_their_own_latest_line(tmp_path):
    series = series_of(tmp_path, [
        dict(key="old_target", doc="page_2024.txt", start=10, value=3800e8, qualifier="target"),
        dict(key="new_target", doc="page_2025.txt", start=10, value=4000e8, qualifier="target"),
        dict(key="forecast", doc="page_2025.txt", start=90, value=3900e8, qualifier="forecast"),
        dict(key="actual", doc="page_2026.txt", start=10, value=4000e8, qualifier="at_least"),
    ])
    assert {k: (r["kind"], r["latest"]) for k, r in series.items()} == {
        "old_target": ("target", False), "new_target": ("target", True),
        "forecast": ("forecast", True), "actual": ("actual", True)}


# (id, two actual values, expected conflict)
CONFLICT_CASES = [
    ("the same value twice is no conflict", 3700e8, 3700e8, False),
    ("a difference of 1 % is within the tolerance", 100.0, 99.0, False),
    ("a difference of 1.5 % is a conflict", 100.0, 98.5, True),
    ("4000亿 against 400亿 (an OCR slip) is a conflict", 4000e8, 400e8, True),
    ("negative growth rates compare by size", -5.0, -5.2, True),
]


@pytest.mark.parametrize("first, second, conflict", [c[1:] for c in CONFLICT_CASES],
                         ids=[c[0] for c in CONFLICT_CASES])
def test_actual_reports_that_disagree_are_flagged(tmp_path, first, second, conflict):
    series = series_of(tmp_path, [
        dict(key="a", doc="page_2025.txt", start=10, value=first),
        dict(key="b", doc="page_2026.txt", start=10, value=second),
        dict(key="target", doc="page_2024.txt", start=10, value=first * 3, qualifier="target"),
    ])
    assert (series["a"]["conflict"], series["b"]["conflict"]) == (conflict, conflict)
    assert series["target"]["conflict"] is False       # targets differ from actuals by design


def test_part_year_reports_do_not_conflict_with_the_whole_year(tmp_path):
    series = series_of(tmp_path, [
        dict(key="year", doc="page_2025.txt", start=10, value=3700e8, period="2024", year=2024),
        dict(key="months", doc="page_2025.txt", start=90, value=600e8, period="2024-01..02",
             year=2024),
    ])
    assert not series["year"]["conflict"] and not series["months"]["conflict"]


@pytest.fixture(scope="module")
def sample_series(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    db = folder / "w.duckdb"
    run_etl([copy_sample(folder / "articles")], db)
    con = open_reader(db, folder / "corrections.jsonl")
    yield con.execute("SELECT * FROM series").df()
    con.close()


def test_sample_series_has_exactly_one_chosen_report_per_observation(sample_series):
    key = ["indicator", "subject", "measure", "unit", "year"]
    chosen = sample_series.groupby(key)["is_chosen"].sum()
    assert len(chosen) > 0 and (chosen == 1).all()


def test_sample_series_chooses_no_target_where_an_actual_exists(sample_series):
    key = ["indicator", "subject", "measure", "unit", "year"]
    for _, group in sample_series.groupby(key):
        whole = group[group["period"].isna() | group["period"].str.fullmatch(r"\d{4}(-\d{4})?")]
        if (whole["kind"] == "actual").any():
            assert group[group["is_chosen"]]["kind"].item() == "actual"


def test_sample_series_keeps_one_latest_report_per_kind(sample_series):
    key = ["indicator", "subject", "measure", "unit", "year", "kind"]
    assert (sample_series.groupby(key)["is_latest_of_kind"].sum() == 1).all()


def test_sample_industrial_output_2025_is_the_2026_report_beside_the_2025_target(sample_series):
    rows = sample_series[(sample_series["indicator"] == "规上工业总产值")
                         & (sample_series["subject"] == "钱塘区") & (sample_series["year"] == 2025)]
    if not (rows["kind"] == "actual").any():
        pytest.xfail("the extractor does not report the 2025 actual of 规上工业总产值 yet")
    chosen = rows[rows["is_chosen"]].iloc[0]
    assert (chosen["kind"], chosen["value"], chosen["doc"][:3]) == ("actual", 4000e8, "002")
    targets = rows[rows["kind"] == "target"]
    assert set(targets["doc"].str[:3]) == {"000"} and (targets["value"] == 4000e8).any()


RANK = {"exact": 3, "approx": 3, "at_least": 3, "forecast": 2, "target": 1}
report = st.fixed_dictionaries({
    "doc": st.sampled_from(sorted(DOCS)), "start": st.integers(0, 900),
    "qualifier": st.sampled_from(sorted(RANK)), "value": st.sampled_from([99.0, 100.0, 102.0]),
    "period": st.sampled_from([None, "2025", "2025-01..02"])})


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports=st.lists(report, min_size=1, max_size=6,
                        unique_by=lambda r: (r["doc"], r["start"])))
def test_the_chosen_report_is_the_best_by_the_rule_for_any_set_of_reports(tmp_path_factory, reports):
    mentions = [dict(r, key=f"k{i}") for i, r in enumerate(reports)]
    series = series_of(tmp_path_factory.mktemp("h"), mentions)

    def rank(m):
        whole = m["period"] in (None, "2025")
        return (whole, RANK[m["qualifier"]], DOCS[m["doc"]] or date.min, m["doc"], m["start"])

    best = max(mentions, key=rank)
    assert [k for k, row in series.items() if row["chosen"]] == [best["key"]]
    actual_whole = [m["value"] for m in mentions
                    if RANK[m["qualifier"]] == 3 and m["period"] in (None, "2025")]
    spread = max(actual_whole) - min(actual_whole) if actual_whole else 0
    expected_conflict = spread > 0.01 * max(map(abs, actual_whole)) if actual_whole else False
    for m in mentions:
        if RANK[m["qualifier"]] == 3 and m["period"] in (None, "2025"):
            assert series[m["key"]]["conflict"] == expected_conflict
