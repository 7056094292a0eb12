"""Analyst corrections: append-only store, last line wins, applied by the reader and the ETL.

One parser and one rule set (``etl.corrections``) decide which lines count: the validator, the
reader's ``corrections`` view and the ETL's copy all go through it, so they cannot disagree."""
from __future__ import annotations

import json
from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl import corrections
from etl.errors import EtlError
from etl.warehouse import load_corrections, open_reader
from warehouse_support import build_warehouse, copy_sample, run_etl, table_rows

# (id, line, valid)
LINES = [
    ("a rejection is valid", '{"mention_key": "k1", "action": "reject"}', True),
    ("an override of the value is valid",
     '{"mention_key": "k1", "action": "override", "fields": {"value": 400000000000.0}}', True),
    ("an override of year, unit, indicator and subject is valid",
     '{"mention_key": "k1", "action": "override", "fields": {"year": 2025, "unit": "元", '
     '"indicator": "规上工业总产值", "subject": "钱塘区"}, "note": "见第2版"}', True),
    ("a restore is valid", '{"mention_key": "k1", "action": "restore", "note": null}', True),
    ("an accept is valid", '{"mention_key": "k1", "action": "accept", "note": "checked"}', True),
    ("a line ending in CR (a store edited on Windows) is valid",
     '{"mention_key": "k1", "action": "reject"}\r', True),
    ("a blank line is skipped silently", "   ", None),
    ("text that is not JSON is malformed", "reject k1", False),
    ("a torn line is malformed", '{"mention_key": "k1", "act', False),
    ("a JSON array is malformed", '["k1", "reject"]', False),
    ("a missing mention_key is malformed", '{"action": "reject"}', False),
    ("an empty mention_key is malformed", '{"mention_key": "", "action": "reject"}', False),
    ("an unknown action is malformed", '{"mention_key": "k1", "action": "delete"}', False),
    ("an override without fields is malformed", '{"mention_key": "k1", "action": "override"}', False),
    ("a misspelt field is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"valeu": 1}}', False),
    ("a value given as text is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": "4000亿"}}', False),
    ("a boolean value is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": true}}', False),
    ("a fractional year is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"year": 2025.5}}', False),
    ("a year out of range is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"year": 25}}', False),
    ("an empty unit is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"unit": ""}}', False),
    ("a note that is not text is malformed",
     '{"mention_key": "k1", "action": "reject", "note": 5}', False),
    ("a value too large for a double (1e400) is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": 1e400}}', False),
    ("a value of minus 1e400 is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": -1e400}}', False),
    ("NaN is malformed", '{"mention_key": "k1", "action": "override", "fields": {"value": NaN}}', False),
    ("Infinity is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": Infinity}}', False),
    ("a value beyond the range of any indicator (1e300) is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": 1e300}}', False),
    ("an integer value of 400 digits is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": 1' + "0" * 400 + '}}', False),
    ("a large but plausible value is valid",
     '{"mention_key": "k1", "action": "override", "fields": {"value": 1.2e19}}', True),
    ("a repeated action is malformed (which one would count?)",
     '{"mention_key": "k1", "action": "reject", "action": "restore"}', False),
    ("a repeated field is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": 1, "value": 2}}', False),
    ("a repeated mention_key is malformed",
     '{"mention_key": "k1", "mention_key": "k2", "action": "reject"}', False),
    ("a trailing comma is malformed", '{"mention_key": "k1", "action": "reject", }', False),
    ("a lone surrogate is malformed", '{"mention_key": "k\\ud800", "action": "reject"}', False),
    ("a created_at that is not text is malformed",
     '{"mention_key": "k1", "action": "reject", "created_at": 5}', False),
    ("an override whose fields are all null is malformed",
     '{"mention_key": "k1", "action": "override", "fields": {"value": null}}', False),
]


def reader_rows(store) -> list[tuple]:
    """The corrections the dashboard's reader applies, read through its ``corrections`` view."""
    db = store.with_name("w.duckdb")
    if not db.exists():
        build_warehouse(db, {}, [])
    con = open_reader(db, store)
    try:
        return con.execute("SELECT line_no, mention_key, action, value, unit, year, indicator, "
                           "subject, note FROM corrections ORDER BY line_no").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("line, valid", [c[1:] for c in LINES], ids=[c[0] for c in LINES])
def test_the_reader_and_the_python_validator_agree_on_each_line(tmp_path, line, valid):
    store = tmp_path / "c.jsonl"
    store.write_text(line + "\n", encoding="utf-8")
    python_rows, warnings = corrections.read_corrections(store)
    assert (len(reader_rows(store)), len(python_rows)) == ((1, 1) if valid else (0, 0))
    assert len(warnings) == (1 if valid is False else 0)
    assert (corrections.validate_line(line)[0] is not None) == bool(valid)


def test_a_byte_order_mark_on_line_one_keeps_the_line(tmp_path):
    store = tmp_path / "c.jsonl"
    store.write_bytes(b'\xef\xbb\xbf{"mention_key": "k1", "action": "reject"}\n'
                      b'{"mention_key": "k2", "action": "reject"}\n')
    kept, warnings = corrections.read_corrections(store)
    assert [c.mention_key for c in kept] == ["k1", "k2"] and warnings == []
    assert [r[1] for r in reader_rows(store)] == ["k1", "k2"]


def test_the_reader_applies_exactly_what_the_validator_accepts(tmp_path):
    store = tmp_path / "c.jsonl"
    store.write_text("\n".join(line for _, line, _ in LINES) + "\n", encoding="utf-8")
    kept, warnings = corrections.read_corrections(store)
    assert [(r[0], r[1], r[2]) for r in reader_rows(store)] == [
        (c.line_no, c.mention_key, c.action) for c in kept]
    assert len(warnings) == sum(1 for _, _, valid in LINES if valid is False)


def test_a_malformed_line_is_reported_with_file_and_line_number(tmp_path):
    store = tmp_path / "c.jsonl"
    store.write_text('{"mention_key": "k1", "action": "reject"}\nnot json\n'
                     '{"mention_key": "k2", "action": "reject"}\n', encoding="utf-8")
    kept, warnings = corrections.read_corrections(store)
    assert [c.mention_key for c in kept] == ["k1", "k2"]
    assert warnings == [f"{store}:2: not valid JSON; line skipped"]


def test_a_line_that_is_not_utf8_is_reported_and_the_others_kept(tmp_path):
    store = tmp_path / "c.jsonl"
    store.write_bytes(b'{"mention_key": "k1", "action": "reject"}\n\xff\xfe garbage\n'
                      b'{"mention_key": "k2", "action": "reject", "note": "\xe4\xb8\xad"}\n')
    kept, warnings = corrections.read_corrections(store)
    assert [r[1] for r in reader_rows(store)] == [c.mention_key for c in kept] == ["k1", "k2"]
    assert kept[1].note == "中"
    assert warnings == [f"{store}:2: not valid UTF-8; line skipped"]


def test_add_correction_refuses_an_invalid_correction_and_leaves_the_store_alone(tmp_path):
    store = tmp_path / "c.jsonl"
    with pytest.raises(EtlError, match="unknown field"):
        corrections.add_correction(store, "k1", "override", {"colour": "red"})
    assert not store.exists()


def test_add_correction_starts_a_new_line_after_a_torn_one(tmp_path):
    store = tmp_path / "c.jsonl"
    store.write_text('{"mention_key": "k0", "act', encoding="utf-8")
    corrections.reject(store, "k1", note="重复报道")
    kept, warnings = corrections.read_corrections(store)
    assert [c.mention_key for c in kept] == ["k1"] and kept[0].note == "重复报道"
    assert len(warnings) == 1 and kept[0].created_at


def test_the_last_correction_for_a_key_wins_and_restore_withdraws(tmp_path):
    store = tmp_path / "c.jsonl"
    corrections.override(store, "k1", value=1.0)
    corrections.override(store, "k1", value=2.0)
    corrections.reject(store, "k2")
    corrections.restore(store, "k2")
    current = corrections.current_corrections(store)
    assert {k: (c.action, c.fields) for k, c in current.items()} == {"k1": ("override", {"value": 2.0})}


DOCS = {"page_2025.txt": date(2025, 2, 7), "page_2026.txt": date(2026, 3, 3)}
MENTIONS = [
    dict(key="target", doc="page_2025.txt", start=10, value=4000e8, qualifier="target"),
    dict(key="actual", doc="page_2026.txt", start=10, value=400e8, qualifier="at_least"),
]


@pytest.fixture()
def small(tmp_path):
    db = tmp_path / "w.duckdb"
    build_warehouse(db, DOCS, MENTIONS)
    return db, tmp_path / "corrections.jsonl"


def effective(con) -> dict:
    return {r[0]: r[1:] for r in con.execute(
        "SELECT mention_key, value, year, corrected, original_value FROM mentions_effective").fetchall()}


def saved(con, store) -> None:
    """What the dashboard does after a save: read the store again (it opens a new reader)."""
    load_corrections(con, store)


def test_a_saved_correction_shows_in_the_reader_without_an_etl_run(small):
    db, store = small
    con = open_reader(db, store)
    assert effective(con)["actual"] == (400e8, 2025, False, 400e8)
    corrections.override(store, "actual", value=4000e8, note="OCR dropped a zero")
    assert effective(con)["actual"] == (400e8, 2025, False, 400e8), "as of the reader's opening"
    saved(con, store)
    assert effective(con)["actual"] == (4000e8, 2025, True, 400e8)
    chosen = con.execute("SELECT mention_key, value FROM series WHERE is_chosen").fetchall()
    assert chosen == [("actual", 4000e8)]
    corrections.reject(store, "actual")
    saved(con, store)
    assert set(effective(con)) == {"target"}
    assert con.execute("SELECT mention_key FROM series WHERE is_chosen").fetchall() == [("target",)]
    con.close()


def test_an_override_that_repeats_the_values_is_not_a_change(small):
    db, store = small
    corrections.override(store, "actual", value=400e8, year=2025, note="accept")
    con = open_reader(db, store)
    assert effective(con)["actual"] == (400e8, 2025, False, 400e8)
    con.close()


def test_overriding_the_indicator_takes_its_catalogue_id_and_english_name(tmp_path):
    db = tmp_path / "w.duckdb"
    build_warehouse(db, DOCS, MENTIONS)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO indicators VALUES ('gdp', '地区生产总值', 'gross regional product', '元', "
                "'industry', ['GDP'])")
    con.close()
    store = tmp_path / "c.jsonl"
    corrections.override(store, "actual", indicator="地区生产总值")
    reader = open_reader(db, store)
    row = reader.execute("SELECT indicator, indicator_en, indicator_id, catalogued, corrected "
                         "FROM mentions_effective WHERE mention_key = 'actual'").fetchone()
    assert row == ("地区生产总值", "gross regional product", "gdp", True, True)
    reader.close()


def test_corrections_survive_a_rerun_and_are_copied_into_the_database(tmp_path):
    db, store = tmp_path / "w.duckdb", tmp_path / "corrections.jsonl"
    articles = copy_sample(tmp_path / "articles")
    run_etl([articles], db, store)
    key, value = table_rows(db, "SELECT mention_key, value FROM mentions ORDER BY mention_key LIMIT 1")[0]
    corrections.override(store, key, value=value * 10)
    store_before = store.read_bytes()
    (articles / "000_74212d2662a3d8db.txt").write_text("改版后 本报讯 今年投资10亿元。", encoding="utf-8")
    result = run_etl([articles], db, store)
    assert result.published and store.read_bytes() == store_before     # the ETL never writes it
    assert table_rows(db, "SELECT mention_key, action, value FROM corrections") == [
        (key, "override", value * 10)]
    assert table_rows(db, "SELECT value, corrected FROM mentions_effective WHERE mention_key = ?",
                      [key]) == [(value * 10, True)]


def test_a_changed_store_alone_republishes_the_copy(tmp_path):
    db, store = tmp_path / "w.duckdb", tmp_path / "corrections.jsonl"
    articles = copy_sample(tmp_path / "articles")
    run_etl([articles], db, store)
    corrections.reject(store, "some-key")
    result = run_etl([articles], db, store)
    assert result.published and result.stats.files_unchanged == 5
    assert table_rows(db, "SELECT mention_key FROM corrections") == [("some-key",)]
    lines = store.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["action"] for line in lines] == ["reject"]


def confirmed(con) -> dict:
    return dict(con.execute("SELECT mention_key, confirmed FROM mentions_effective").fetchall())


def test_an_accepted_mention_is_confirmed_unchanged_and_a_restore_withdraws_it(small):
    db, store = small
    con = open_reader(db, store)
    corrections.accept(store, "actual", note="checked against page 1")
    saved(con, store)
    assert effective(con)["actual"] == (400e8, 2025, False, 400e8)
    assert confirmed(con) == {"actual": True, "target": False}
    assert con.execute("SELECT mention_key, is_chosen, confirmed FROM series "
                       "ORDER BY mention_key").fetchall() == [("actual", True, True),
                                                              ("target", False, False)]
    corrections.restore(store, "actual")
    saved(con, store)
    assert confirmed(con) == {"actual": False, "target": False}
    con.close()


def test_fields_on_an_accept_line_change_nothing(small):
    db, store = small
    store.write_text('{"mention_key": "actual", "action": "accept", "fields": {"value": 1}}\n',
                     encoding="utf-8")
    con = open_reader(db, store)
    assert effective(con)["actual"] == (400e8, 2025, False, 400e8)
    assert confirmed(con)["actual"] is True
    con.close()


def test_moving_a_report_to_another_year_ranks_both_years_again(tmp_path):
    db, store = tmp_path / "w.duckdb", tmp_path / "c.jsonl"
    build_warehouse(db, DOCS, [
        dict(key="old", doc="page_2025.txt", start=10, value=5.0, year=2024),
        dict(key="new", doc="page_2026.txt", start=10, value=9.0, year=2024),
        dict(key="other", doc="page_2025.txt", start=40, value=7.0, year=2025)])
    con = open_reader(db, store)
    chosen = "SELECT year, mention_key FROM series WHERE is_chosen ORDER BY year"
    assert con.execute(chosen).fetchall() == [(2024, "new"), (2025, "other")]
    corrections.override(store, "new", year=2025)
    saved(con, store)
    assert con.execute(chosen).fetchall() == [(2024, "old"), (2025, "new")]
    conflicts = "SELECT mention_key FROM series WHERE conflict ORDER BY mention_key"
    assert con.execute(conflicts).fetchall() == [("new",), ("other",)]
    con.close()


def test_an_accept_in_the_store_is_applied_by_an_etl_run(tmp_path):
    db, store = tmp_path / "w.duckdb", tmp_path / "corrections.jsonl"
    articles = copy_sample(tmp_path / "articles")
    run_etl([articles], db, store)
    key = table_rows(db, "SELECT mention_key FROM mentions ORDER BY mention_key LIMIT 1")[0][0]
    corrections.accept(store, key)
    assert run_etl([articles], db, store).published
    con = open_reader(db, store)
    assert con.execute("SELECT confirmed, corrected FROM mentions_effective WHERE mention_key = ?",
                       [key]).fetchall() == [(True, False)]
    con.close()


# --- a correction ranks its observations again: the flags equal a ranking from scratch ---------

QUALIFIERS = ["exact", "approx", "at_least", "forecast", "target"]
RANK_DOCS = {"page_2024.txt": date(2024, 1, 19), "page_2025.txt": date(2025, 2, 7),
             "page_2026.txt": date(2026, 3, 3), "undated.txt": None}
ranked_report = st.fixed_dictionaries({
    "doc": st.sampled_from(sorted(RANK_DOCS)), "start": st.integers(0, 50),
    "qualifier": st.sampled_from(QUALIFIERS), "value": st.sampled_from([99.0, 100.0, 150.0]),
    "year": st.sampled_from([2024, 2025, None]), "subject": st.sampled_from(["钱塘区", "临平区"]),
    "period": st.sampled_from([None, "2025-01..02"])})
correction = st.tuples(st.integers(0, 11), st.sampled_from(
    ["reject", "accept", "restore", "value", "year", "year_none", "subject"]))


def _from_scratch(con) -> dict:
    """The flags of every current report ranked anew (ranking.sql on mentions_effective)."""
    con.execute("CREATE OR REPLACE TEMP VIEW current_reports AS SELECT e.*, b.doc_path "
                "FROM mentions_effective e JOIN mentions_base b USING (mention_key)")
    return {k: flags for k, *flags in con.execute(
        "SELECT mention_key, is_chosen, is_latest_of_kind, conflict "
        "FROM series_ranked('current_reports')").fetchall()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reports=st.lists(ranked_report, min_size=1, max_size=12,
                        unique_by=lambda r: (r["doc"], r["start"])),
       changes=st.lists(correction, max_size=6), snapshot=st.booleans())
def test_series_flags_after_corrections_equal_a_ranking_from_scratch(tmp_path_factory, reports,
                                                                     changes, snapshot):
    folder = tmp_path_factory.mktemp("rank")
    db, store = folder / "w.duckdb", folder / "c.jsonl"
    mentions = [dict(r, key=f"k{i}", period=r["period"] if r["year"] else None)
                for i, r in enumerate(reports)]
    build_warehouse(db, RANK_DOCS, mentions)
    for index, action in changes:
        key = f"k{index % len(mentions)}"
        if action in ("reject", "accept", "restore"):
            corrections.add_correction(store, key, action)
        else:
            fields = {"value": {"value": 160.0}, "year": {"year": 2025}, "year_none": {"year": 2024},
                      "subject": {"subject": "临平区"}}[action]
            corrections.add_correction(store, key, "override", fields)
    con = open_reader(db, store, snapshot=snapshot)
    found = {k: flags for k, *flags in con.execute(
        "SELECT mention_key, is_chosen, is_latest_of_kind, conflict FROM series").fetchall()}
    assert found == _from_scratch(con)
    con.close()
