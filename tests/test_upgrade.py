"""Upgrades and damaged files: nothing already published is lost, a damaged file is never replaced.

When the code's schema differs from the published warehouse's, the run rebuilds the warehouse
from every document the old one knew (its stored text), not only from the files of this run,
and keeps the run history. A warehouse that cannot be read is refused in one line and left as
it is.
"""
from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from cli_support import assert_one_line_failure, etl
from etl import pipeline, warehouse
from etl.errors import EtlError
from etl.warehouse import open_reader
from warehouse_support import SAMPLE, run_etl, table_rows

FIRST = SAMPLE / "000_74212d2662a3d8db.txt"
SECOND = SAMPLE / "001_0afe12775af9bc51.txt"
THIRD = SAMPLE / "002_69ef27317d1e5147.txt"


def set_schema_hash(db, value: str) -> None:
    """What an older ETL left: the same warehouse under another schema hash."""
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_hash'", [value])
    con.close()


#: Each document with its text (kept in parts).
DOCUMENTS = ("SELECT doc_id, name, (SELECT string_agg(p.text, '' ORDER BY p.part_index) "
             "FROM document_parts p WHERE p.doc_id = d.doc_id), published_on FROM documents d")


def snapshot(db) -> dict:
    return {
        "documents": table_rows(db, DOCUMENTS + " ORDER BY doc_id"),
        "mentions": table_rows(db, "SELECT doc_id, span_start, span_end, text, value, unit, year, "
                                   "indicator, subject FROM mentions ORDER BY doc_id, span_start"),
        "runs": table_rows(db, "SELECT run_id FROM runs ORDER BY run_id"),
    }


@pytest.fixture()
def uploaded(tmp_path):
    """A warehouse of two runs whose second file (an upload) is gone from disk since."""
    db = tmp_path / "w.duckdb"
    upload = tmp_path / "uploads" / "20250301T101500" / SECOND.name
    upload.parent.mkdir(parents=True)
    shutil.copy(SECOND, upload)
    run_etl([FIRST], db)
    run_etl([upload], db)
    shutil.rmtree(tmp_path / "uploads")
    return db


def test_a_schema_change_rebuilds_from_every_document_the_old_warehouse_knew(uploaded, capsys):
    """Before: the run published a warehouse holding only THIRD; the upload and history were gone."""
    db = uploaded
    before = snapshot(db)
    set_schema_hash(db, "0123456789abcdef")
    result = run_etl([THIRD], db)
    assert result.published and not result.errors
    after = snapshot(db)
    assert len(after["documents"]) == 3
    assert set(before["documents"]) < set(after["documents"]), "old documents kept, text and date"
    assert set(before["mentions"]) < set(after["mentions"]), "their mentions extracted again"
    assert set(before["runs"]) < set(after["runs"]) and len(after["runs"]) == 3
    assert table_rows(db, "SELECT value FROM meta WHERE key = 'schema_hash'") == [
        (warehouse.sql_hash("schema.sql"),)]
    assert any("2 documents extracted again from their stored text" in n for n in result.notes)
    again = run_etl([THIRD], db)
    assert not again.published, "the upgraded warehouse is stable"


def test_the_upgrade_note_is_one_line_of_the_command(uploaded):
    set_schema_hash(uploaded, "0123456789abcdef")
    done = etl("run", str(THIRD), "--db", str(uploaded), "--no-progress",
               "--corrections", str(uploaded.with_name("c.jsonl")))
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert [line for line in done.stderr.splitlines() if "stored text" in line] == [
        f"note: {uploaded}: the warehouse was published with another schema; rebuilt: "
        "2 documents extracted again from their stored text"]


def test_an_upgrade_with_prune_drops_the_documents_whose_files_are_gone(uploaded):
    set_schema_hash(uploaded, "0123456789abcdef")
    result = run_etl([FIRST, THIRD], uploaded, prune=True)
    assert result.published
    assert sorted(r[0] for r in table_rows(uploaded, "SELECT name FROM documents")) == [
        FIRST.name, THIRD.name]


def test_an_upgrade_that_cannot_extract_an_old_document_again_publishes_nothing(uploaded, monkeypatch):
    import etl.windows

    set_schema_hash(uploaded, "0123456789abcdef")
    published = uploaded.read_bytes()
    real = etl.windows.extract_pieces

    def broken(doc, pieces, settings=None):
        if doc.name == SECOND.name:
            raise RuntimeError("extractor bug")
        return real(doc, pieces, settings)

    monkeypatch.setattr(etl.windows, "extract_pieces", broken)
    with pytest.raises(EtlError, match="could not be extracted again from its stored text"):
        run_etl([THIRD], uploaded)
    assert uploaded.read_bytes() == published


def break_meta(db) -> None:
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE meta")
    con.close()


def truncate(db) -> None:
    os.truncate(db, db.stat().st_size // 2)


def overwrite(db) -> None:
    db.write_bytes(b"not a database at all\n" * 100)


@pytest.mark.parametrize("damage, reason", [
    (break_meta, "its meta table cannot be read"),
    (truncate, "cannot be read"),
    (overwrite, "cannot be read as a DuckDB database"),
], ids=["a warehouse without its meta table", "a warehouse cut in half",
        "a file that is not a database"])
def test_a_damaged_warehouse_is_refused_in_one_line_and_left_as_it_is(tmp_path, damage, reason):
    db = tmp_path / "w.duckdb"
    run_etl([FIRST, SECOND], db)
    damage(db)
    damaged = db.read_bytes()
    done = etl("run", str(THIRD), "--db", str(db), "--no-progress",
               "--corrections", str(tmp_path / "c.jsonl"))
    line = assert_one_line_failure(done, db)
    assert reason in line and "left as it is" in line
    assert db.read_bytes() == damaged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]


def test_a_changed_schema_keeps_the_summary_of_new_unchanged_files(uploaded):
    set_schema_hash(uploaded, "0123456789abcdef")
    result = run_etl([FIRST, THIRD], uploaded)
    assert "2 files" in pipeline.summary_line(result, uploaded)


FIXTURE = Path(__file__).resolve().parent / "fixtures" / "warehouse_v0"


@pytest.fixture()
def published_by_v0(tmp_path):
    """The warehouse an older ETL published (tests/fixtures/warehouse_v0/README.md), and its store."""
    db = tmp_path / "indicators.duckdb"
    with gzip.open(FIXTURE / "indicators.duckdb.gz") as packed:
        db.write_bytes(packed.read())
    store = tmp_path / "corrections.jsonl"
    shutil.copy(FIXTURE / "corrections.jsonl", store)
    return db, store


def test_a_warehouse_of_the_previous_release_upgrades_without_losing_anything(published_by_v0):
    db, store = published_by_v0
    old_docs = table_rows(db, "SELECT doc_id, name, text, published_on FROM documents ORDER BY doc_id")
    old_runs = table_rows(db, "SELECT run_id FROM runs ORDER BY run_id")
    corrected = {key: table_rows(db, "SELECT doc_id, span_start, text FROM mentions "
                                     "WHERE mention_key = ?", [key])[0]
                 for key in ("b118c4935e56d0bb", "e7f8e49e42868a11")}
    assert table_rows(db, "SELECT value FROM meta WHERE key = 'schema_hash'") != [
        (warehouse.sql_hash("schema.sql"),)], "the fixture is of an older schema"

    result = run_etl([THIRD], db, store)
    assert result.published and not result.errors
    assert set(old_docs) < set(table_rows(db, DOCUMENTS))
    assert set(old_runs) < set(table_rows(db, "SELECT run_id FROM runs"))
    assert table_rows(db, "SELECT count(*) FROM documents") == [(3,)]

    con = open_reader(db, store)
    try:
        doc_id, start, text = corrected["b118c4935e56d0bb"]          # 3700亿元, corrected to 3.8e11
        assert con.execute("SELECT text, value, corrected, original_value FROM mentions_effective "
                           "WHERE doc_id = ? AND span_start = ?", [doc_id, start]).fetchall() == [
            (text, 3.8e11, True, 3.7e11)]
        doc_id, start, _ = corrected["e7f8e49e42868a11"]             # 三项, rejected
        assert con.execute("SELECT count(*) FROM mentions_effective WHERE doc_id = ? AND "
                           "span_start = ?", [doc_id, start]).fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM mentions WHERE mention_key IN "
                           "('b118c4935e56d0bb', 'e7f8e49e42868a11')").fetchall() == [(0,)], \
            "the keys are new ones; the old keys live on as aliases"
    finally:
        con.close()
    assert not run_etl([THIRD], db, store).published, "the upgraded warehouse is stable"
