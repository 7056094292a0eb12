"""The load stage: shards written by workers, read back into DuckDB; the catalogue; bad rows."""
from __future__ import annotations

import dataclasses

import duckdb
import pyarrow.parquet as pq
import pytest

from etl import load, warehouse
from etl.extract import extract_document
from etl.ingest import read_document
from etl.models import Mention, mention_key
from etl.pipeline import CATALOGUE
from etl.shards import ChunkTask, mention_problem, process_chunk
from warehouse_support import SAMPLE

PAGE = SAMPLE / "002_69ef27317d1e5147.txt"


@pytest.fixture()
def chunk(tmp_path):
    """The 2026 page and a missing file extracted into a shard folder."""
    shards = tmp_path / "shards"
    shards.mkdir()
    task = ChunkTask(chunk_id=7, paths=(str(PAGE), str(tmp_path / "gone.txt")),
                     shard_dir=str(shards), extractor_version="v-test", options_key="")
    return shards, process_chunk(task)


def test_a_chunk_writes_one_shard_per_table_and_one_outcome_per_file(chunk):
    shards, outcomes = chunk
    assert sorted(p.name for p in shards.iterdir()) == [
        "articles-000007.parquet", "document_parts-000007.parquet", "documents-000007.parquet",
        "mentions-000007.parquet"]
    ok, missing = outcomes
    assert not ok.failed and ok.mentions == pq.read_table(shards / "mentions-000007.parquet").num_rows
    assert missing.failed and missing.errors[0][0] == "ingest" and "gone.txt" in missing.errors[0][1]


def test_the_shard_holds_exactly_what_the_extractor_returns(chunk):
    shards, _ = chunk
    doc = read_document(PAGE)
    _, mentions = extract_document(doc)
    rows = pq.read_table(shards / "mentions-000007.parquet").to_pylist()
    assert [(r["mention_key"], r["span_start"], r["value"], r["indicator"]) for r in rows] == [
        (mention_key(doc.content_hash, m.start, m.text), m.start, m.value, m.indicator)
        for m in mentions]
    assert {r["doc_id"] for r in rows} == {doc.content_hash}


def test_shards_load_with_the_run_id_and_a_document_replaced_takes_its_rows_along(chunk, tmp_path):
    shards, outcomes = chunk
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.apply_schema(con)
    load.start_run(con, "r1", load.utc_now(), "v-test", "1")
    articles, mentions = load.load_shards(con, shards, "r1")
    assert (articles, mentions) == (outcomes[0].articles, outcomes[0].mentions)
    assert con.execute("SELECT DISTINCT run_id FROM mentions").fetchall() == [("r1",)]
    load.delete_documents(con, {outcomes[0].doc_id})
    assert [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("documents", "document_parts", "articles", "mentions")] == [0, 0, 0, 0]
    con.close()


def test_mention_keys_depend_on_the_content_and_the_span_not_on_the_file_name():
    assert mention_key("a" * 64, 10, "3700亿元") == mention_key("a" * 64, 10, "3700亿元")
    assert len({mention_key("a" * 64, 10, "3700亿元"), mention_key("b" * 64, 10, "3700亿元"),
                mention_key("a" * 64, 11, "3700亿元"), mention_key("a" * 64, 10, "3700万元")}) == 4


def test_the_catalogue_file_loads_into_indicators(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    warehouse.apply_schema(con)
    warnings = load.load_catalogue(con, CATALOGUE)
    rows, _ = load.read_catalogue(CATALOGUE)
    assert warnings == [] and len(rows) > 0
    assert con.execute("SELECT count(*) FROM indicators").fetchone()[0] == len(rows)
    assert con.execute("SELECT count(*) FROM indicators WHERE name_zh = '规上工业总产值'").fetchone() == (1,)
    con.close()


def test_a_missing_catalogue_leaves_indicators_empty(tmp_path):
    assert load.read_catalogue(tmp_path / "none.csv") == ([], [])


def test_bad_catalogue_rows_are_reported_by_line_and_skipped(tmp_path):
    csv_file = tmp_path / "indicators.csv"
    csv_file.write_text(
        "id,name_zh,name_en,aliases,unit,topic\n"
        "gdp,地区生产总值,GDP,GDP|生产总值,元,industry\n"
        "gdp,另一个,dup id,,元,industry\n"
        "visitors,接待游客,visitors,,人次,sightseeing\n"
        ",无编号,no id,,元,other\n", encoding="utf-8")
    rows, warnings = load.read_catalogue(csv_file)
    assert rows == [("gdp", "地区生产总值", "GDP", "元", "industry", ["GDP", "生产总值"])]
    assert [w.split(": ")[0] for w in warnings] == [f"{csv_file}:3", f"{csv_file}:4", f"{csv_file}:5"]


TEXT = "今年规上工业总产值突破4000亿元"
GOOD = Mention(doc="p.txt", start=TEXT.index("4000"), end=len(TEXT), text="4000亿元", value=4000e8, unit="元",
               qualifier="at_least", measure="level", period="2025", year=2025,
               indicator="规上工业总产值", indicator_en="industrial output", subject="钱塘区",
               topic="industry")
# (id, change, problem mentioned)
BAD_MENTIONS = [
    ("a good mention has no problem", {}, None),
    ("a span past the end of the text", dict(end=99), "outside the text"),
    ("a text that is not the span", dict(text="400亿元"), "does not match"),
    ("a value that is not finite", dict(value=float("nan")), "not a finite number"),
    ("a qualifier outside the vocabulary", dict(qualifier="about"), "qualifier"),
    ("a measure outside the vocabulary", dict(measure="total"), "measure"),
    ("a topic outside the vocabulary", dict(topic="sport"), "topic"),
    ("a year out of range", dict(year=25), "year"),
    ("a confidence above one", dict(confidence=1.5), "confidence"),
]


@pytest.mark.parametrize("change, problem", [c[1:] for c in BAD_MENTIONS],
                         ids=[c[0] for c in BAD_MENTIONS])
def test_a_mention_that_would_break_a_constraint_is_caught_before_the_load(change, problem):
    found = mention_problem(dataclasses.replace(GOOD, **change), TEXT)
    assert (found is None) if problem is None else (problem in found)
