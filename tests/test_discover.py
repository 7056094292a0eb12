"""Finding the input files: every file under a folder is read or named with the reason it is not.

Nothing is skipped without a word: links are followed, a broken link or a folder that cannot
be opened is reported by name, and so is a page the HTML parser cannot read whole.
"""
from __future__ import annotations

import shutil

from cli_support import assert_one_line_failure, etl
from etl.discover import discover
from etl.ingest import read_document
from warehouse_support import SAMPLE, table_rows

FIRST = SAMPLE / "000_74212d2662a3d8db.txt"
SECOND = SAMPLE / "001_0afe12775af9bc51.txt"


def test_discover_walks_folders_for_known_suffixes_only(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for name in ("a/x.txt", "a/b/y.HTML", "a/b/z.pdf", "a/notes.docx", "a/.hidden.txt", "a/m.md"):
        (tmp_path / name).write_text("x")
    errors = []
    found = discover([tmp_path / "a", tmp_path / "missing.txt"], errors)
    assert sorted(p.name for p in found) == ["m.md", "x.txt", "y.HTML", "z.pdf"]
    assert errors == [(str(tmp_path / "missing.txt"), "ingest",
                       f"{tmp_path / 'missing.txt'}: no such file or folder")]


def test_a_linked_subfolder_is_read_and_a_link_loop_ends(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "page.txt").write_text("x")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "own.txt").write_text("x")
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    errors = []
    found = discover([corpus], errors)
    assert sorted(str(p.relative_to(corpus)) for p in found) == ["linked/page.txt", "own.txt"]
    assert errors == []


def test_a_broken_link_is_named_with_its_target(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "own.txt").write_text("x")
    (corpus / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    errors = []
    found = discover([corpus], errors)
    assert [p.name for p in found] == ["own.txt"]
    assert errors == [(str(corpus / "gone.txt"), "ingest",
                       f"{corpus / 'gone.txt'}: broken link to {tmp_path / 'deleted.txt'}, "
                       "which does not exist")]


def test_a_subfolder_that_cannot_be_opened_is_named_and_the_rest_loads(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    shutil.copy(FIRST, corpus / FIRST.name)
    shutil.copy(SECOND, corpus / "locked" / SECOND.name)
    db = tmp_path / "w.duckdb"
    (corpus / "locked").chmod(0o000)
    try:
        done = etl("run", str(corpus), "--db", str(db), "--no-progress",
                   "--corrections", str(tmp_path / "c.jsonl"), unprivileged=True)
    finally:
        (corpus / "locked").chmod(0o755)
    line = assert_one_line_failure(done, corpus / "locked")
    assert "Permission denied" in line and "not loaded" in line
    assert table_rows(db, "SELECT name FROM documents") == [(FIRST.name,)]


def nested_page(depth: int) -> str:
    deep = "<div>" * depth + "<p>今年全区规上工业总产值达到3700亿元，同比增长12.5%。</p>" + "</div>" * depth
    return ("<html><head><title>园区快讯</title></head><body>"
            "<p>2025年3月1日 今年前两个月，钱塘区新增市场主体1200户，接待游客32.5万人次。</p>"
            f"{deep}<p>结尾。</p></body></html>")


def test_html_nested_deeper_than_the_parser_reads_is_refused_by_name(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text(nested_page(300), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    done = etl("run", str(page), str(FIRST), "--db", str(db), "--no-progress",
               "--corrections", str(tmp_path / "c.jsonl"))
    line = assert_one_line_failure(done, page)
    assert "nested deeper than" in line
    assert table_rows(db, "SELECT name FROM documents") == [(FIRST.name,)]


def test_html_nested_within_the_parser_limit_loads_whole(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text(nested_page(250), encoding="utf-8")
    text = read_document(page).text
    assert "3700亿元" in text and "结尾" in text
