"""Exports: formula-safe UTF-8 CSV with BOM, Parquet partitioned by year, the dashboard's filters."""
from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pyarrow.dataset as ds
import pytest

from etl.errors import EtlError
from etl.export import Filters, query, to_safe_csv_bytes, write_parquet
from etl.warehouse import open_reader
from warehouse_support import build_warehouse

# (id, cell, written as)
CELLS = [
    ("an equals sign starts a formula", "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("a plus sign starts a formula", "+1+1", "'+1+1"),
    ("a minus sign in text starts a formula", "-2+3", "'-2+3"),
    ("an at sign starts a formula", "@SUM(A1)", "'@SUM(A1)"),
    ("a full-width equals sign is neutralised too", "＝1+1", "'＝1+1"),
    ("a full-width plus sign is neutralised too", "＋1", "'＋1"),
    ("a full-width minus sign is neutralised too", "－1", "'－1"),
    ("a full-width at sign is neutralised too", "＠A1", "'＠A1"),
    ("a leading tab is neutralised", "\t=1", "'\t=1"),
    ("a leading carriage return is neutralised", "\r=1", "'\r=1"),
    ("ordinary Chinese text is left alone", "规上工业总产值", "规上工业总产值"),
    ("a sign inside the text is left alone", "增长-3.5%", "增长-3.5%"),
]


@pytest.mark.parametrize("cell, written", [c[1:] for c in CELLS], ids=[c[0] for c in CELLS])
def test_text_cells_that_a_spreadsheet_would_run_are_neutralised(cell, written):
    data = to_safe_csv_bytes(pd.DataFrame({"context": [cell]}))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows == [["context"], [written]]


def test_csv_is_utf8_with_a_bom_and_numbers_stay_numbers():
    df = pd.DataFrame({"indicator": ["规上工业总产值", "-注意"], "value": [-3.5, 4000e8],
                       "year": [2024, 2025], "is_chosen": [True, False]})
    data = to_safe_csv_bytes(df)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["value"].tolist() == [-3.5, 4000e8]
    assert back["indicator"].tolist() == ["规上工业总产值", "'-注意"]
    assert back["year"].tolist() == [2024, 2025]


def test_a_header_that_looks_like_a_formula_is_neutralised_as_well():
    data = to_safe_csv_bytes(pd.DataFrame({"=cmd": [1]}))
    assert data.decode("utf-8-sig").splitlines()[0] == "'=cmd"


DOCS = {"page_2024.txt": date(2024, 1, 19), "page_2025.txt": date(2025, 2, 7)}
MENTIONS = [
    dict(key="a", doc="page_2024.txt", start=10, value=3500e8, year=2023),
    dict(key="b", doc="page_2025.txt", start=10, value=3700e8, year=2024),
    dict(key="c", doc="page_2025.txt", start=50, value=32.5e4, year=2024, unit="人次",
         indicator="接待游客", topic="tourism_culture", context="=接待游客32.5万人次"),
    dict(key="d", doc="page_2025.txt", start=90, value=-3.5, year=2025, unit="%",
         measure="yoy_growth", subject="某公司"),
]


@pytest.fixture()
def reader(tmp_path):
    db = tmp_path / "w.duckdb"
    build_warehouse(db, DOCS, MENTIONS)
    con = open_reader(db, tmp_path / "c.jsonl")
    yield con
    con.close()


# (id, filters, keys kept)
FILTERS = [
    ("no filter keeps everything", Filters(), ["a", "b", "c", "d"]),
    ("a topic keeps its mentions", Filters(topics=("tourism_culture",)), ["c"]),
    ("a year range is inclusive", Filters(year_from=2024, year_to=2024), ["b", "c"]),
    ("an indicator keeps its mentions", Filters(indicators=("规上工业总产值",)), ["a", "b", "d"]),
    ("subjects combine with other filters", Filters(subjects=("某公司",), year_from=2025), ["d"]),
    ("several topics are a union", Filters(topics=("industry", "tourism_culture"), year_to=2023),
     ["a"]),
]


@pytest.mark.parametrize("what", ["mentions", "series"])
@pytest.mark.parametrize("filters, keys", [c[1:] for c in FILTERS], ids=[c[0] for c in FILTERS])
def test_exports_apply_the_dashboards_filters(reader, what, filters, keys):
    assert sorted(query(reader, what, filters)["mention_key"]) == keys


def test_a_mentions_csv_keeps_chinese_text_and_neutralises_a_formula_context(reader):
    data = to_safe_csv_bytes(query(reader, "mentions", Filters(topics=("tourism_culture",))))
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back.loc[0, "context"] == "'=接待游客32.5万人次" and back.loc[0, "value"] == 325000


def test_parquet_is_partitioned_by_year_and_reads_back_the_same_rows(reader, tmp_path):
    df = query(reader, "series", Filters())
    out = tmp_path / "series"
    write_parquet(df, out)
    assert sorted(p.name for p in out.iterdir()) == ["year=2023", "year=2024", "year=2025"]
    back = ds.dataset(out, partitioning="hive").to_table().to_pandas()
    assert sorted(back["mention_key"]) == sorted(df["mention_key"])
    assert sorted(back["year"].astype(int)) == sorted(df["year"])


def test_a_new_parquet_export_replaces_a_previous_one_whole(reader, tmp_path):
    out = tmp_path / "series"
    write_parquet(query(reader, "series", Filters()), out)
    write_parquet(query(reader, "series", Filters(year_from=2025)), out)
    assert sorted(p.name for p in out.iterdir()) == ["year=2025"]


def test_parquet_is_not_written_into_a_folder_that_holds_other_files(reader, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(EtlError, match="not empty and not a previous export"):
        write_parquet(query(reader, "series", Filters()), tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"
