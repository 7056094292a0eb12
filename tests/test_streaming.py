"""Large files read in pieces: the same document and numbers as a whole read, in bounded memory;
files above the size limit refused by name with the limit."""
from __future__ import annotations

from pathlib import Path

import pytest

from etl import streaming, windows
from etl.cli import main
from etl.errors import InputError
from etl.extract import extract_document
from etl.ingest import read_document
from etl.streaming import open_document
from warehouse_support import SAMPLE, run_etl, table_rows

PAGE = SAMPLE / "002_69ef27317d1e5147.txt"            # has a masthead date


@pytest.fixture()
def small_pieces(monkeypatch):
    """Files above 20 KB are read in pieces of 4 KB, extracted in windows of 8,000 characters."""
    monkeypatch.setattr(streaming, "STREAM_BYTES", 20_000)
    monkeypatch.setattr(streaming, "CHUNK_BYTES", 4_096)
    monkeypatch.setattr(streaming, "HEAD_CHARS", 8_000)
    monkeypatch.setattr(windows, "WINDOW_CHARS", 8_000)


def _long_page(path: Path, encoding: str = "utf-8", copies: int = 4) -> Path:
    text = PAGE.read_text(encoding="utf-8")
    path.write_bytes(("\n\n\n".join([text] * copies)).encode(encoding))
    return path


def _mentions(mentions):
    return [(m.start, m.end, m.text, m.value, m.unit, m.year, m.indicator) for m in mentions]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16", "utf-8-sig"],
                         ids=lambda e: f"a large {e} file decodes piece by piece")
def test_a_large_file_in_pieces_is_the_file_read_whole(small_pieces, tmp_path, encoding):
    path = _long_page(tmp_path / "long.txt", encoding)
    whole = read_document(path)
    doc, pieces = open_document(path)
    assert doc.text == "" and "".join(pieces) == whole.text
    assert (doc.content_hash, doc.published_on, doc.published_on_source, doc.encoding) == (
        whole.content_hash, whole.published_on, whole.published_on_source, whole.encoding)
    _, pieces = open_document(path)
    found = [m for piece in windows.extract_pieces(doc, pieces) for m in piece.mentions]
    assert _mentions(found) == _mentions(extract_document(whole)[1])


def test_a_bad_byte_deep_in_a_large_file_is_named_with_its_offset(small_pieces, tmp_path):
    path = _long_page(tmp_path / "long.txt")
    data = path.read_bytes()
    path.write_bytes(data[:-100] + b"\xff" + data[-99:])
    doc, pieces = open_document(path)                     # the head decodes
    with pytest.raises(InputError, match=rf"cannot be decoded as utf-8 \(bad bytes at {len(data) - 100}\)"):
        "".join(pieces)


def test_a_file_above_the_size_limit_is_refused_by_name_with_the_limit(tmp_path):
    path = _long_page(tmp_path / "long.txt")
    size = round(path.stat().st_size / 1e6, 2)
    with pytest.raises(InputError, match=rf"long\.txt: refused: {size:g} MB is above the size limit "
                                         rf"of 0\.01 MB \(set by --max-file-mb or POLICY_MAX_FILE_MB\)"):
        open_document(path, max_bytes=10_000)


def test_a_run_refuses_a_file_above_the_limit_unread_and_loads_the_rest(tmp_path, capsys):
    big = _long_page(tmp_path / "big.txt", copies=40)              # about 0.65 MB
    db = tmp_path / "w.duckdb"
    code = main(["run", str(big), str(PAGE), "--db", str(db), "--no-progress", "--max-file-mb", "0.5",
                 "--corrections", str(tmp_path / "c.jsonl")])
    err = capsys.readouterr().err
    assert code == 1 and f"error: {big}: refused: " in err and "above the size limit of 0.5 MB" in err
    assert table_rows(db, "SELECT name FROM documents") == [(PAGE.name,)]
    assert table_rows(db, "SELECT stage FROM run_errors") == [("ingest",)]


def test_the_size_limit_defaults_to_the_setting(monkeypatch):
    from etl.settings import Settings

    monkeypatch.setenv("POLICY_MAX_FILE_MB", "2.5")
    assert Settings.from_env().max_file_bytes == 2_500_000
    assert Settings().max_file_mb == 1024


def test_a_large_file_loads_its_text_in_parts_and_its_mentions(small_pieces, tmp_path):
    path = _long_page(tmp_path / "long.txt")
    db = tmp_path / "w.duckdb"
    result = run_etl([path], db)
    whole = read_document(path)
    assert result.stats.files_new == 1 and not result.errors
    [(text,)] = table_rows(db, "SELECT string_agg(text, '' ORDER BY part_index) FROM document_parts")
    assert text == whole.text
    starts = [s for (s,) in table_rows(db, "SELECT span_start FROM mentions ORDER BY span_start")]
    assert starts == [m.start for m in extract_document(whole)[1]]


def test_a_large_file_failing_half_way_leaves_no_rows(small_pieces, tmp_path):
    path = _long_page(tmp_path / "long.txt")
    data = path.read_bytes()
    path.write_bytes(data[:-100] + b"\xff" + data[-99:])
    db = tmp_path / "w.duckdb"
    result = run_etl([path, PAGE], db)
    assert [(p, stage) for p, stage, _ in result.errors] == [(str(path), "ingest")]
    assert table_rows(db, "SELECT count(*) FROM document_parts WHERE doc_id NOT IN "
                          "(SELECT doc_id FROM documents)") == [(0,)]
    assert table_rows(db, "SELECT DISTINCT doc FROM mentions") == [(PAGE.name,)]


def test_a_large_pdf_is_read_page_by_page_as_a_whole_read_joins_it(small_pieces, monkeypatch,
                                                                   tmp_path):
    from fpdf import FPDF

    from test_ingest import _cjk_font

    pdf = FPDF()
    font = _cjk_font()
    pdf.add_font("cjk", fname=font, collection_font_number=2 if font.endswith(".ttc") else 0)
    pdf.set_font("cjk", size=11)
    for page in range(6):
        pdf.add_page()
        pdf.multi_cell(0, 7, f"第{page + 1}版 全区规上工业总产值{3000 + page}亿元,同比增长{page + 5}%。")
    path = tmp_path / "pages.pdf"
    pdf.output(str(path))
    monkeypatch.setattr(streaming, "STREAM_BYTES", path.stat().st_size - 1)
    doc, pieces = open_document(path)
    assert doc.format == "pdf" and doc.text == ""
    assert "".join(pieces) == read_document(path).text
