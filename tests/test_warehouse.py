"""The published file: the reader the dashboard uses, the writer's lock, stale files, schema."""
from __future__ import annotations

from datetime import date

import duckdb
import pytest

from etl import warehouse
from etl.errors import EtlError
from etl.warehouse import open_reader
from warehouse_support import build_warehouse, copy_sample, run_etl, table_rows

#: The columns the dashboard relies on (WAREHOUSE_CONTRACT.md).
CONTRACT = {
    "mentions_effective": [
        "mention_key", "doc_id", "doc", "article_index", "headline", "published_on", "span_start",
        "span_end", "text", "value", "unit", "qualifier", "measure", "period", "year", "indicator",
        "indicator_en", "indicator_id", "catalogued", "subject", "topic", "context", "confidence",
        "run_id", "corrected", "original_value"],
    "series": [
        "indicator", "indicator_en", "indicator_id", "subject", "measure", "unit", "year", "period",
        "kind", "value", "qualifier", "reported_on", "mention_key", "doc", "headline", "context",
        "is_chosen", "is_latest_of_kind", "conflict"],
    "documents": ["doc_id", "path", "name", "encoding", "format", "published_on",
                  "published_on_source", "url", "text", "run_id"],
    "articles": ["doc_id", "article_index", "headline", "byline", "span_start", "span_end", "run_id"],
    "indicators": ["indicator_id", "name_zh", "name_en", "unit", "topic", "aliases"],
}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sample")
    db = folder / "w.duckdb"
    run_etl([copy_sample(folder / "articles")], db)
    return db


@pytest.mark.parametrize("relation", sorted(CONTRACT))
def test_the_reader_offers_every_column_of_the_contract(sample_db, tmp_path, relation):
    con = open_reader(sample_db, tmp_path / "c.jsonl")
    columns = [d[0] for d in con.execute(f"SELECT * FROM {relation} LIMIT 0").description]
    con.close()
    assert [c for c in CONTRACT[relation] if c not in columns] == []


def test_the_reader_types_match_the_contract(sample_db, tmp_path):
    con = open_reader(sample_db, tmp_path / "c.jsonl")
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name IN ('series', 'mentions_effective')").fetchall())
    con.close()
    assert (types["reported_on"], types["is_chosen"], types["catalogued"], types["original_value"],
            types["corrected"]) == ("DATE", "BOOLEAN", "BOOLEAN", "DOUBLE", "BOOLEAN")


def test_the_reader_cannot_write_the_database(sample_db, tmp_path):
    con = open_reader(sample_db, tmp_path / "c.jsonl")
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM warehouse.main.mentions")
    con.close()


def test_many_readers_can_be_open_at_once(sample_db, tmp_path):
    readers = [open_reader(sample_db, tmp_path / "c.jsonl") for _ in range(3)]
    counts = {r.execute("SELECT count(*) FROM series").fetchone()[0] for r in readers}
    for r in readers:
        r.close()
    assert len(counts) == 1


def test_the_reader_names_a_missing_database_and_the_command_that_creates_it(tmp_path):
    with pytest.raises(EtlError) as caught:
        open_reader(tmp_path / "none.duckdb", tmp_path / "c.jsonl")
    assert str(caught.value) == (f"{tmp_path / 'none.duckdb'}: no such database; "
                                 "create it with `python -m etl run`")


def test_the_reader_refuses_a_duckdb_file_that_is_not_a_warehouse(tmp_path):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(EtlError, match="not a warehouse built by `python -m etl run`"):
        open_reader(other, tmp_path / "c.jsonl")


def test_a_run_leaves_no_temporary_files_beside_the_database(sample_db):
    leftovers = [p.name for p in sample_db.parent.iterdir() if p.name.startswith("w.duckdb.")]
    assert leftovers == ["w.duckdb.lock"]


def test_stale_temporary_files_of_a_killed_run_are_removed_by_the_next_run(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    db = tmp_path / "w.duckdb"
    run_etl([articles], db)
    stale_file = db.with_name("w.duckdb.tmp-99999-deadbeef")
    stale_file.write_bytes(b"half a database")
    stale_shards = db.with_name("w.duckdb.shards-20260101T000000Z-0000")
    stale_shards.mkdir()
    (stale_shards / "mentions-000000.parquet").write_bytes(b"x")
    result = run_etl([articles], db)
    assert not result.published and not stale_file.exists() and not stale_shards.exists()


def test_a_second_writer_is_refused_while_one_holds_the_lock(tmp_path):
    db = tmp_path / "w.duckdb"
    with warehouse.writer_lock(db):
        with pytest.raises(EtlError, match="another `python -m etl run` is writing"):
            run_etl([tmp_path], db)
    assert not db.exists()


def test_constraints_keep_bad_rows_out(tmp_path):
    db = tmp_path / "w.duckdb"
    build_warehouse(db, {"p.txt": date(2025, 1, 1)},
                    [dict(key="k", doc="p.txt", start=0, value=1.0)])
    con = duckdb.connect(str(db))
    row = ("k2", "?", 0, "p.txt", 0, 1, "1", 1.0, "元", "exact", "level", None, 2025, "x", "x",
           None, "钱塘区", "330114000000", "industry", "", 1.0, "v", "r1")
    bad = {
        "an unknown qualifier": {9: "roughly"},
        "an unknown measure": {10: "total"},
        "an unknown topic": {18: "sports"},
        "an adcode that is not twelve digits": {17: "3301"},
        "text that does not fit its span": {6: "12"},
        "a document that does not exist": {1: "f" * 64},
        "a run that does not exist": {22: "nope"},
        "an empty span": {5: 0},
        "an infinite value": {7: float("inf")},
        "a duplicate mention key": {0: "k"},
    }
    from warehouse_support import doc_id
    for reason, change in bad.items():
        values = list(row)
        values[1] = doc_id("p.txt")
        for index, value in change.items():
            values[index] = value
        with pytest.raises(duckdb.Error):
            con.execute(f"INSERT INTO mentions VALUES ({', '.join('?' * len(values))})", values)
            pytest.fail(f"{reason} was accepted")
    con.close()


def test_a_schema_change_rebuilds_the_warehouse_from_the_files(tmp_path, monkeypatch):
    articles = copy_sample(tmp_path / "articles")
    db = tmp_path / "w.duckdb"
    first = run_etl([articles], db)
    real = warehouse.sql_hash
    monkeypatch.setattr(warehouse, "sql_hash",
                        lambda *names: "changed" if names == ("schema.sql",) else real(*names))
    rebuilt = run_etl([articles], db)
    assert (rebuilt.stats.files_new, rebuilt.published) == (5, True)
    assert table_rows(db, "SELECT run_id FROM runs ORDER BY started_at") == [
        (first.run_id,), (rebuilt.run_id,)], "the run history is carried over"
    assert rebuilt.stats.mentions == first.stats.mentions
