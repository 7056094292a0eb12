"""The dashboard's SQL on a warehouse that ``python -m etl run`` built from the sample."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import queries
from etl.corrections import add_correction
from etl.settings import Settings

REPO = Path(__file__).resolve().parent.parent


def run_etl(db: Path, *paths: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "etl", "run", *map(str, paths or [REPO / "data" / "articles"]),
         "--db", str(db), "--corrections", str(db.with_name("unused.jsonl")), "--no-progress"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("queries") / "x.duckdb"
    run_etl(db)
    return db


@pytest.fixture
def source(warehouse, tmp_path) -> queries.Source:
    """The shared warehouse with this test's own (empty) corrections store."""
    return queries.current_source(Settings(db_path=warehouse,
                                           corrections_path=tmp_path / "corrections.jsonl"))


ALL = queries.Filters()
INDICATOR_NAME = "规上工业总产值"


def test_a_missing_database_is_reported_before_any_query(tmp_path):
    missing = queries.current_source(Settings(db_path=tmp_path / "none.duckdb",
                                              corrections_path=tmp_path / "c.jsonl"))
    assert queries.database_missing(missing)


@pytest.mark.parametrize("filters, check", [
    (queries.Filters(topics=("industry",)), lambda r: r["topic"] == "industry"),
    (queries.Filters(years=(2024, 2025)), lambda r: 2024 <= r["year"] <= 2025),
    (queries.Filters(subjects=("钱塘区",)), lambda r: r["subject"] == "钱塘区"),
    (queries.Filters(qualifiers=("target", "forecast")), lambda r: r["qualifier"] in ("target", "forecast")),
    (queries.Filters(measures=("yoy_growth",)), lambda r: r["measure"] == "yoy_growth"),
], ids=["a topic keeps its mentions only", "a year range keeps those years",
        "a subject keeps its mentions", "qualifiers keep targets and forecasts",
        "a measure keeps growth rates"])
def test_each_filter_keeps_only_matching_mentions(source, filters, check):
    rows = queries.mention_rows(source, filters)
    assert 0 < len(rows) < queries.mention_count(source, ALL)
    assert all(check(r) for _, r in rows.iterrows())
    assert len(rows) == queries.mention_count(source, filters)


def test_search_looks_in_the_source_sentences(source):
    rows = queries.mention_rows(source, ALL, "游客")
    assert len(rows) > 0
    assert all("游客" in c or "游客" in h for c, h in zip(rows["context"], rows["headline"]))


@pytest.mark.parametrize("term", ["%", "_", "\\", "%%", "5_%"],
                         ids=["a percent sign", "an underscore", "a backslash", "two percent signs",
                              "a pattern-like term"])
def test_search_wildcards_are_matched_literally(source, term):
    rows = queries.mention_rows(source, ALL, term, limit=100000)
    assert len(rows) < queries.mention_count(source, ALL)
    assert all(term in c or term in h for c, h in zip(rows["context"], rows["headline"]))
    assert queries.mention_count(source, ALL, term) == len(rows)
    facets = queries.mention_facets(source, ALL, term)
    assert facets[facets["facet"] == "topic"]["n"].sum() == len(rows)


def test_a_percent_sign_finds_the_growth_rates(source):
    rows = queries.mention_rows(source, ALL, "%", limit=100000)
    assert len(rows) > 0 and (rows["unit"] == "%").any()


def test_the_facet_counts_add_up_to_the_filtered_total(source):
    filters = queries.Filters(subjects=("钱塘区",))
    facets = queries.mention_facets(source, filters)
    total = queries.mention_count(source, filters)
    assert facets[facets["facet"] == "topic"]["n"].sum() == total
    assert set(facets["facet"]) == {"topic", "year", "indicator", "subject"}


def test_rows_are_limited_and_sorted_in_sql(source):
    rows = queries.mention_rows(source, ALL, sort="value", descending=True, limit=5)
    assert len(rows) == 5
    assert list(rows["value"]) == sorted(rows["value"], reverse=True)


def test_an_unknown_sort_column_falls_back_to_the_publication_date(source):
    rows = queries.mention_rows(source, ALL, sort="value; DROP TABLE mentions", limit=3)
    assert len(rows) == 3


def test_the_default_series_is_the_districts_industrial_output(source):
    assert queries.default_series(source, "钱塘区") == ("规上工业总产值", "钱塘区")


def test_trend_points_hold_one_reported_value_per_year(source):
    points = queries.trend_points(source, ALL, ("规上工业总产值",))
    actual = points[points["kind"] == "actual"]
    keys = ["indicator", "subject", "measure", "unit", "year"]
    assert not actual.duplicated(keys).any()
    assert set(points["kind"]) <= {"actual", "forecast", "target"}


def test_series_metadata_counts_every_report(source):
    meta = queries.series_metadata(source, ALL, ("规上工业总产值",))
    reports = queries.trend_reports(source, ALL, ("规上工业总产值",))
    assert meta["reports"].sum() == len(reports)
    assert set(meta["name_zh"]) == {"规上工业总产值"}


def test_the_briefing_reads_every_chosen_reported_value_of_the_subject(source):
    rows = queries.overview_series(source, ALL, "钱塘区")
    output = rows[rows["indicator"] == "规上工业总产值"]
    assert output["year"].tolist() == [2021, 2022, 2024, 2025], "the 2023 forecast is no report"
    visits = rows[(rows["indicator"] == "接待游客") & (rows["measure"] == "level")]
    assert visits["period"].tolist() == ["2025-春节"] and visits["value"].tolist() == [325000.0]
    details = queries.card_details(source, "钱塘区", ("接待游客", INDICATOR_NAME),
                                   tuple(visits["mention_key"]) + tuple(output["mention_key"]))
    assert len(details) == len(visits) + len(output)
    assert set(details["indicator_en"]) == {"tourist visits", "industrial output above designated size"}
    assert not details["conflict"].any() and details["headline"].notna().all()


def test_subjects_that_are_places_carry_their_adcode(source):
    codes = queries.subject_adcodes(source, ("钱塘区", "杭州市", "临江产业邻里中心"))
    assert codes == {"钱塘区": "330114000000", "杭州市": "330100000000"}
    latest = queries.latest_by_subject(source, ALL, "建筑工人居住登记办理量")
    assert dict(zip(latest["subject"], latest["subject_adcode"])) == {
        "钱塘区": "330114000000", "杭州市": "330100000000"}


def test_subjects_of_an_indicator_list_places_first(source):
    holders = queries.subjects_of_indicator(source, ALL, "上榜企业数量")
    assert holders["subject"].iloc[0] == "钱塘区" and holders["subject_adcode"].iloc[0] == "330114000000"
    assert set(holders["subject"]) == {"钱塘区", "中策橡胶集团股份有限公司", "浙江本土民营跨国公司"}


def test_the_latest_value_by_subject_keeps_a_festival_apart_from_the_year(source):
    latest = queries.latest_by_subject(source, ALL, "规上工业总产值")
    assert latest[["subject", "year", "value"]].values.tolist() == [["钱塘区", 2025, 4.0e11]]
    visits = queries.latest_by_subject(source, ALL, "接待游客")
    assert sorted(visits["measure"]) == ["level", "yoy_growth"]
    assert set(visits["period"]) == {"2025-春节"}


def test_the_review_count_is_the_length_of_the_whole_queue(source):
    assert queries.review_count(source, ALL) == len(queries.review_queue(source, ALL, limit=100000))
    industry = queries.Filters(topics=("industry",))
    assert queries.review_count(source, industry) == len(queries.review_queue(source, industry, limit=100000))


def test_documents_are_found_by_the_hash_of_their_bytes(source):
    import hashlib
    data = (REPO / "data" / "articles" / "003_f21dfc14c585a82d.txt").read_bytes()
    found = queries.documents_by_hash(source, (hashlib.sha256(data).hexdigest(), "0" * 64))
    assert found["name"].tolist() == ["003_f21dfc14c585a82d.txt"]


def test_a_mentions_history_lists_its_lines_and_undo_appends_one(source):
    from dashboard import saving
    store = Path(source.corrections_path)
    key = queries.review_queue(source, ALL)["mention_key"].iloc[0]
    saving.save_review(store, key, "correct", {"value": 5.0})
    saving.save_review(store, key, "reject", {})
    assert saving.undo(store, key) == "override"
    assert saving.undo(store, key) == "reject", "undoing the undo brings the rejection back"
    fresh = queries.current_source(Settings(db_path=Path(source.db_path), corrections_path=store))
    lines = queries.mention_history(fresh, key)
    assert lines["action"].tolist() == ["override", "reject", "override", "reject"]
    assert lines["value"].tolist()[2] == 5.0 and lines["note"].tolist()[2] == "undo of line 2"
    assert len(store.read_text(encoding="utf-8").splitlines()) == 4, "append-only: nothing rewritten"


def test_every_mention_of_an_article_points_at_its_text(source):
    for article_id in queries.article_choices(source, ALL)["article_id"]:
        record = queries.article(source, article_id)
        for row in queries.article_mentions(source, article_id).itertuples():
            start = row.span_start - record["span_start"]
            assert record["text"][start:start + len(row.text)] == row.text


def test_an_article_is_put_together_from_the_parts_of_its_document(monkeypatch, tmp_path):
    """Text stored in parts of 700 characters: each article's text is its span of the file."""
    from etl import shards
    from warehouse_support import SAMPLE, run_etl as run_here

    monkeypatch.setattr(shards, "PART_CHARS", 700)
    db = tmp_path / "parts.duckdb"
    run_here([SAMPLE], db)
    source = queries.current_source(Settings(db_path=db, corrections_path=tmp_path / "c.jsonl"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in SAMPLE.glob("*.txt")}
    for article_id in queries.article_choices(source, ALL)["article_id"]:
        record = queries.article(source, article_id)
        assert record["text"] == texts[record["doc"]][record["span_start"]:record["span_end"]]


@pytest.mark.parametrize("rows_per_choice", [1, 8, 10_000],
                         ids=["too few newest mentions: all mentions grouped",
                              "the newest mentions hold every article listed",
                              "the newest mentions are all the mentions"])
def test_article_choices_are_the_newest_articles_with_their_counts(source, monkeypatch, rows_per_choice):
    plain = queries.article_choices.__wrapped__
    expected = queries.run(source, """
        SELECT substr(doc_id, 1, 16) || '-' || article_index AS article_id, count(*) AS mentions
        FROM mentions_effective GROUP BY doc_id, article_index
        ORDER BY any_value(published_on) DESC NULLS LAST, any_value(doc), article_index LIMIT 20""")
    monkeypatch.setattr(queries, "ARTICLE_ROWS_PER_CHOICE", rows_per_choice)
    found = plain(source, ALL, limit=20)
    assert found[["article_id", "mentions"]].to_dict("records") == expected.to_dict("records")
    assert found["headline"].str.len().gt(0).all()


def test_a_malformed_article_id_finds_nothing(source):
    assert queries.article(source, "not-an-id") is None
    assert queries.article_mentions(source, "x'; --").empty


def test_the_review_queue_lists_only_mentions_with_a_reason(source):
    queue = queries.review_queue(source, ALL)
    assert len(queue) > 0
    assert (queue["uncatalogued"] | queue["low_confidence"] | queue["conflict"]).all()


def test_a_rejected_mention_leaves_the_queue_and_the_tables(source):
    key = queries.review_queue(source, ALL)["mention_key"].iloc[0]
    add_correction(Path(source.corrections_path), key, "reject", note="test")
    fresh = queries.current_source(Settings(db_path=Path(source.db_path),
                                            corrections_path=Path(source.corrections_path)))
    assert fresh.version != source.version, "a saved correction changes the cache key"
    assert key not in set(queries.review_queue(fresh, ALL)["mention_key"])
    assert key not in set(queries.mention_rows(fresh, ALL, limit=100000)["mention_key"])


def test_an_accepted_mention_leaves_the_queue_unchanged_and_confirmed(source):
    from dashboard import saving

    row = queries.review_queue(source, ALL).iloc[0]
    saving.save_review(Path(source.corrections_path), row["mention_key"], "accept",
                       {"value": float(row["value"]), "unit": row["unit"]})
    fresh = queries.current_source(Settings(db_path=Path(source.db_path),
                                            corrections_path=Path(source.corrections_path)))
    assert row["mention_key"] not in set(queries.review_queue(fresh, ALL)["mention_key"])
    kept = queries.mention_rows(fresh, ALL, limit=100000).set_index("mention_key").loc[row["mention_key"]]
    assert (kept["value"], kept["unit"], bool(kept["corrected"])) == (row["value"], row["unit"], False)
    store = Path(source.corrections_path).read_text(encoding="utf-8")
    assert '"action": "accept"' in store and '"fields": {}' in store


def test_a_new_publication_changes_the_cache_key(tmp_path):
    db = tmp_path / "x.duckdb"
    run_etl(db, REPO / "data" / "articles" / "000_74212d2662a3d8db.txt")
    settings = Settings(db_path=db, corrections_path=tmp_path / "c.jsonl")
    before = queries.current_source(settings)
    count_before = queries.mention_count(before, ALL)
    run_etl(db, REPO / "data" / "articles" / "001_0afe12775af9bc51.txt")
    after = queries.current_source(settings)
    assert after.version != before.version
    assert queries.mention_count(after, ALL) > count_before


def test_a_subject_with_no_adcode_is_placed_by_a_name_only_one_place_has():
    from dashboard import places
    assert places.place_of("萧山区", None).adcode == "330109000000"   # e.g. a corrected subject
    assert places.place_of("临江产业邻里中心", None) is None
    assert places.lineage(places.place_of("钱塘区", "330114000000")) == "钱塘区 · 杭州市 · 浙江省"
