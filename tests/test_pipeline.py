"""Incremental, idempotent runs over the sample: new, changed, unchanged, pruned, failed files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl import pipeline, shards
from warehouse_support import SAMPLE, copy_sample, run_etl, table_rows

FIRST = "000_74212d2662a3d8db.txt"


@pytest.fixture()
def loaded(tmp_path):
    """The sample copied and loaded once: (articles folder, database, first run)."""
    articles = copy_sample(tmp_path / "articles")
    db = tmp_path / "w.duckdb"
    return articles, db, run_etl([articles], db)


def counts(db) -> dict:
    return {table: table_rows(db, f"SELECT count(*) FROM {table}")[0][0]
            for table in ("documents", "articles", "mentions", "runs", "run_errors")}


def test_a_first_run_loads_every_file_and_records_itself(loaded):
    _, db, result = loaded
    s = result.stats
    assert (s.files_seen, s.files_new, s.files_failed, result.published) == (5, 5, 0, True)
    assert s.mentions == counts(db)["mentions"] > 0 and s.articles == counts(db)["articles"] > 0
    run = table_rows(db, "SELECT run_id, files_seen, files_new, mentions, finished_at IS NOT NULL, "
                         "extractor_version FROM runs")
    assert run == [(result.run_id, 5, 5, s.mentions, True, shards.extractor_version())]


def test_every_loaded_row_carries_the_run_that_loaded_it(loaded):
    _, db, result = loaded
    for table in ("documents", "articles", "mentions"):
        assert table_rows(db, f"SELECT DISTINCT run_id FROM {table}") == [(result.run_id,)]


def test_a_second_run_over_the_same_files_changes_nothing(loaded):
    articles, db, _ = loaded
    before = (db.read_bytes(), os.stat(db).st_ino, os.stat(db).st_mtime_ns)
    result = run_etl([articles], db)
    assert (result.published, result.stats.files_unchanged, result.stats.files_new) == (False, 5, 0)
    assert "nothing changed" in pipeline.summary_line(result, db)
    assert (db.read_bytes(), os.stat(db).st_ino, os.stat(db).st_mtime_ns) == before


def test_a_changed_file_replaces_its_rows_and_keeps_the_others(loaded):
    articles, db, first = loaded
    others = table_rows(db, "SELECT * FROM mentions WHERE doc <> ? ORDER BY mention_key", [FIRST])
    page = articles / FIRST
    page.write_text(page.read_text(encoding="utf-8") + "\n全年接待游客32.5万人次。\n", encoding="utf-8")
    result = run_etl([articles], db)
    assert (result.stats.files_changed, result.stats.files_unchanged) == (1, 4)
    assert table_rows(db, "SELECT count(DISTINCT doc_id) FROM documents WHERE name = ?", [FIRST]) == [(1,)]
    assert table_rows(db, "SELECT DISTINCT run_id FROM mentions WHERE doc = ?", [FIRST]) == [
        (result.run_id,)]
    assert table_rows(db, "SELECT * FROM mentions WHERE doc <> ? ORDER BY mention_key", [FIRST]) == others
    assert table_rows(db, "SELECT count(*) FROM runs") == [(2,)]


def test_a_new_file_adds_its_rows(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    held_back = tmp_path / FIRST
    (articles / FIRST).rename(held_back)
    db = tmp_path / "w.duckdb"
    run_etl([articles], db)
    before = counts(db)
    held_back.rename(articles / FIRST)
    result = run_etl([articles], db)
    assert (result.stats.files_new, result.stats.files_unchanged) == (1, 4)
    assert counts(db)["documents"] == before["documents"] + 1
    assert counts(db)["mentions"] == before["mentions"] + result.stats.mentions


def test_prune_removes_documents_whose_files_are_gone(loaded):
    articles, db, _ = loaded
    (articles / FIRST).unlink()
    kept = run_etl([articles], db)
    assert kept.stats.files_pruned == 0
    assert table_rows(db, "SELECT count(*) FROM documents WHERE name = ?", [FIRST]) == [(1,)]
    pruned = run_etl([articles], db, prune=True)
    assert (pruned.stats.files_pruned, pruned.published) == (1, True)
    assert table_rows(db, "SELECT count(*) FROM mentions WHERE doc = ?", [FIRST]) == [(0,)]
    assert counts(db)["documents"] == 4


def test_a_moved_folder_keeps_its_rows_and_records_the_new_paths(loaded, tmp_path):
    articles, db, first = loaded
    mentions = table_rows(db, "SELECT * FROM mentions ORDER BY mention_key")
    moved = articles.rename(tmp_path / "moved")
    result = run_etl([moved], db, prune=True)
    assert (result.stats.files_unchanged, result.stats.files_pruned, result.published) == (5, 0, True)
    assert table_rows(db, "SELECT * FROM mentions ORDER BY mention_key") == mentions
    assert {p for (p,) in table_rows(db, "SELECT path FROM documents")} == {
        str(p.resolve()) for p in moved.iterdir()}


def test_a_new_extractor_version_re_extracts_every_document(loaded, monkeypatch):
    articles, db, first = loaded
    monkeypatch.setattr(pipeline, "extractor_version", lambda: "9.9.9+test")
    result = run_etl([articles], db)
    assert (result.stats.files_changed, result.stats.files_unchanged) == (5, 0)
    assert table_rows(db, "SELECT DISTINCT extractor_version FROM mentions") == [("9.9.9+test",)]
    assert result.stats.mentions == first.stats.mentions


def test_a_publication_date_given_on_the_command_line_re_extracts_and_sticks(loaded):
    from datetime import date
    articles, db, _ = loaded
    page = articles / FIRST
    result = run_etl([page], db, published_on=date(2025, 2, 7))
    assert result.stats.files_changed == 1
    assert table_rows(db, "SELECT published_on, published_on_source FROM documents WHERE name = ?",
                      [FIRST]) == [(date(2025, 2, 7), "override")]
    again = run_etl([page], db, published_on=date(2025, 2, 7))
    assert (again.published, again.stats.files_unchanged) == (False, 1)


def test_a_manifest_dates_its_files_and_a_new_manifest_re_extracts_them(loaded, tmp_path):
    from datetime import date
    articles, db, _ = loaded
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(f"path,published_on,source,url\narticles/{FIRST},2025-02-07,钱塘新区报,"
                        "https://example.org/a\n", encoding="utf-8")
    first = run_etl([articles], db, manifest=manifest)
    assert first.stats.files_changed == 5
    assert table_rows(db, "SELECT published_on, published_on_source, url FROM documents "
                          "WHERE name = ?", [FIRST]) == [
        (date(2025, 2, 7), "manifest", "https://example.org/a")]
    assert run_etl([articles], db, manifest=manifest).published is False
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("2025-02-07", "2025-02-08"),
                        encoding="utf-8")
    assert run_etl([articles], db, manifest=manifest).stats.files_changed == 5
    assert table_rows(db, "SELECT published_on FROM documents WHERE name = ?", [FIRST]) == [
        (date(2025, 2, 8),)]


def test_a_bad_manifest_stops_the_run_before_anything_is_published(loaded, tmp_path):
    from etl.errors import EtlError
    articles, db, _ = loaded
    before = db.read_bytes()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,date\nx.txt,2025-01-01\n", encoding="utf-8")
    with pytest.raises(EtlError, match="manifest header lacks path, published_on"):
        run_etl([articles], db, manifest=manifest)
    assert db.read_bytes() == before


@pytest.mark.parametrize("rows, problem", [
    pytest.param("articles/a.txt,2025-02-07,钱塘新区报,\narticles/b.txt,2025-02-30,钱塘新区报,\n",
                 "line 3: published_on '2025-02-30' is not a date", id="an impossible date on line 3"),
    pytest.param(",2025-02-07,钱塘新区报,\n", "line 2: empty path", id="a row without a path on line 2"),
    pytest.param("articles/a.txt,2025-02-07,钱塘新区报,\n\"articles/b.txt,2025-02-08,钱塘新区报,\n",
                 "line 3: not valid CSV", id="a quote opened on line 3 and never closed"),
    pytest.param("articles/a.txt,2025-02-07,钱塘新区报,\narticles/a.txt,2025-02-09,钱塘新区报,\n",
                 "line 3: articles/a.txt is listed again with other values (first on line 2)",
                 id="the same file listed twice with two dates"),
])
def test_the_run_command_reads_the_manifest_once_and_a_bad_one_stops_it_with_exit_2(
        loaded, tmp_path, capsys, rows, problem):
    from etl.cli import main
    articles, db, _ = loaded
    before = db.read_bytes()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published_on,source,url\n" + rows, encoding="utf-8")
    code = main(["run", str(articles), "--db", str(db), "--no-progress", "--manifest", str(manifest)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and str(manifest) in err[0] and problem in err[0]
    assert db.read_bytes() == before


def test_an_unreadable_file_is_reported_and_the_others_load(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    (articles / "broken.txt").write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "w.duckdb"
    result = run_etl([articles], db)
    assert (result.stats.files_failed, result.stats.files_new) == (1, 5)
    assert [(p.endswith("broken.txt"), stage) for p, stage, _ in result.errors] == [(True, "ingest")]
    errors = table_rows(db, "SELECT run_id, path, stage, message FROM run_errors")
    assert [(r, stage, "broken.txt" in m) for r, _, stage, m in errors] == [
        (result.run_id, "ingest", True)]
    assert counts(db)["documents"] == 5


def test_a_second_run_that_only_repeats_the_same_failure_changes_nothing(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    (articles / "broken.txt").write_bytes(bytes(range(256)) * 8)
    db = tmp_path / "w.duckdb"
    run_etl([articles], db)
    before = db.read_bytes()
    again = run_etl([articles], db)
    assert (again.published, again.stats.files_failed, len(again.errors)) == (False, 1, 1)
    assert db.read_bytes() == before


def test_a_changed_file_that_now_fails_keeps_its_previous_rows(loaded):
    articles, db, _ = loaded
    before = table_rows(db, "SELECT mention_key FROM mentions WHERE doc = ? ORDER BY 1", [FIRST])
    (articles / FIRST).write_bytes(b"\x00\xff\xfe\x00" * 512)
    result = run_etl([articles], db)
    assert result.stats.files_failed == 1 and result.published
    assert table_rows(db, "SELECT mention_key FROM mentions WHERE doc = ? ORDER BY 1", [FIRST]) == before


def test_the_same_bytes_under_two_names_are_loaded_once_and_the_copy_named_a_duplicate(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    (articles / "copy").mkdir()
    copy = articles / "copy" / "again.txt"
    copy.write_bytes((articles / FIRST).read_bytes())
    db = tmp_path / "w.duckdb"
    result = run_etl([articles], db)
    s = result.stats
    assert (s.files_seen, s.files_new, s.files_unchanged, s.files_duplicate) == (6, 5, 0, 1)
    assert counts(db)["documents"] == 5
    assert result.notes == [f"{copy}: same bytes as {articles / FIRST}; loaded once, from "
                            f"{articles / FIRST}"]
    again = run_etl([articles], db)
    assert not again.published and (again.stats.files_unchanged, again.stats.files_duplicate) == (5, 1)
    assert again.notes == [f"{copy}: same bytes as {(articles / FIRST).resolve()}, which is "
                           "loaded already; a duplicate"]


def test_files_with_the_same_name_in_two_folders_both_load_and_a_rerun_changes_nothing(tmp_path):
    """Before: mention keys came from the file name; the second file clashed, was refused, and
    every rerun republished the warehouse to refuse it again."""
    articles = copy_sample(tmp_path / "articles")
    (articles / "other").mkdir()
    text = (articles / FIRST).read_text(encoding="utf-8")
    (articles / "other" / FIRST).write_text(text.replace("亿元", "万元"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = run_etl([articles], db)
    assert not result.errors and result.stats.files_new == 6
    assert table_rows(db, "SELECT count(*) FROM documents WHERE name = ?", [FIRST]) == [(2,)]
    by_doc = table_rows(db, "SELECT count(DISTINCT doc_id), count(*), count(DISTINCT mention_key) "
                            "FROM mentions WHERE doc = ?", [FIRST])
    assert by_doc[0][0] == 2 and by_doc[0][1] == by_doc[0][2]
    before = (db.read_bytes(), os.stat(db).st_mtime_ns)
    again = run_etl([articles], db)
    assert not again.published and not again.errors
    assert (db.read_bytes(), os.stat(db).st_mtime_ns) == before


def test_a_changed_file_keeps_the_keys_of_the_other_files(tmp_path):
    articles = copy_sample(tmp_path / "articles")
    db = tmp_path / "w.duckdb"
    run_etl([articles], db)
    others = table_rows(db, "SELECT mention_key FROM mentions WHERE doc <> ? ORDER BY 1", [FIRST])
    text = (articles / FIRST).read_text(encoding="utf-8")
    (articles / FIRST).write_text(text + "\n", encoding="utf-8")
    result = run_etl([articles], db)
    assert result.stats.files_changed == 1 and not result.errors
    assert table_rows(db, "SELECT mention_key FROM mentions WHERE doc <> ? ORDER BY 1", [FIRST]) == others


def test_a_copy_with_another_suffix_loads_where_the_first_failed(tmp_path):
    """Before: page.txt beside a byte-identical page.pdf was refused as 'same bytes as
    page.pdf, which failed'."""
    text = (SAMPLE / FIRST).read_bytes()
    (tmp_path / "in").mkdir()
    pdf, txt = tmp_path / "in" / "page.pdf", tmp_path / "in" / "page.txt"
    pdf.write_bytes(text)
    txt.write_bytes(text)
    db = tmp_path / "w.duckdb"
    result = run_etl([tmp_path / "in"], db)
    assert [(p, stage) for p, stage, _ in result.errors] == [(str(pdf), "ingest")]
    assert "not a PDF" in result.errors[0][2]
    assert result.stats.files_new == 1 and result.stats.files_failed == 1
    assert table_rows(db, "SELECT name FROM documents") == [("page.txt",)]
