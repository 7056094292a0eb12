"""Reading files: formats, encodings, checksums, manifests and the errors users see."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from etl.errors import InputError
from etl.extract import extract_document
from etl.ingest import load_manifest, read_document
from etl.segment import split_articles

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
PAGES = sorted(ARTICLES.glob("*.txt"))
PAGE_000 = ARTICLES / "000_74212d2662a3d8db.txt"
CJK_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
             "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


def _mentions(doc):
    return [(m.start, m.end, m.text, m.value, m.unit) for m in extract_document(doc)[1]]


def _values(doc):
    return sorted((m.value, m.unit) for m in extract_document(doc)[1])


def _tourism_article() -> tuple[str, list[str]]:
    """The 文旅商 article of page 000 (headline + four paragraphs), as in the file."""
    text = PAGE_000.read_text(encoding="utf-8")
    start = text.index("32.5万人次涌入")
    end = text.index("除夕夜,钱塘的文旅盛宴")
    blocks = [b.strip() for b in text[start:end].split("\n\n") if b.strip()]
    return blocks[0].replace("\n", " "), blocks[1:]


def _cjk_font() -> str:
    for path in CJK_FONTS:
        if Path(path).exists():
            return path
    try:
        listed = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True).stdout
    except OSError:
        listed = ""
    for line in listed.splitlines():
        path = line.split(":")[0].strip()
        if path.endswith((".ttf", ".otf", ".ttc")):
            return path
    pytest.skip("no CJK font installed (fonts-noto-cjk)")


def _write_pdf(path: Path, headline: str, paragraphs: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    font = _cjk_font()
    pdf.add_font("cjk", fname=font, collection_font_number=2 if font.endswith(".ttc") else 0)
    pdf.set_font("cjk", size=14)
    pdf.multi_cell(0, 9, headline)
    pdf.ln(4)
    pdf.set_font("cjk", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph)
        pdf.ln(4)
    pdf.output(str(path))
    return path


def _html_page(headline: str, paragraphs: list[str], dateline: str = "发布日期:2025-02-07 09:33") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{headline}</title>'
            '<meta property="og:url" content="https://www.example.gov.cn/art/2025/2/7/art_1.html">'
            '</head><body><div class="nav"><a href="/">首页</a> | <a href="/news">新闻中心</a></div>'
            f'<div class="article"><h1>{headline}</h1><div class="info">{dateline} 来源:钱塘新区报</div>'
            f'{body}</div><div class="footer">版权所有 钱塘区融媒体中心 联系电话 82987136</div>'
            '</body></html>')


# --- encodings ---------------------------------------------------------------------------------

ENCODINGS = [
    pytest.param(lambda t: t.encode("gbk"), "gb18030", id="a page saved in GBK is read as GB18030"),
    pytest.param(lambda t: t.encode("gb18030"), "gb18030", id="a page saved in GB18030 is read as GB18030"),
    pytest.param(lambda t: t.encode("utf-16"), "utf-16", id="a page saved in UTF-16 with BOM is read as UTF-16"),
    pytest.param(lambda t: t.encode("utf-16-le"), "utf-16-le", id="a page saved in UTF-16 LE without BOM is detected"),
    pytest.param(lambda t: t.encode("utf-16-be"), "utf-16-be", id="a page saved in UTF-16 BE without BOM is detected"),
    pytest.param(lambda t: "\ufeff".encode() + t.encode("utf-8"), "utf-8-sig", id="a page saved in UTF-8 with BOM loses the BOM"),
    pytest.param(lambda t: t.encode("utf-32"), "utf-32", id="a page saved in UTF-32 with BOM is read as UTF-32"),
]


@pytest.mark.parametrize("encode, encoding", ENCODINGS)
def test_a_reencoded_page_gives_the_same_text_and_mentions_as_utf8(tmp_path, encode, encoding):
    original = read_document(PAGE_000)
    raw = encode(PAGE_000.read_text(encoding="utf-8"))
    copy = tmp_path / PAGE_000.name
    copy.write_bytes(raw)
    doc = read_document(copy)
    assert doc.encoding == encoding
    assert doc.text == original.text and not doc.text.startswith("\ufeff")
    assert doc.content_hash == hashlib.sha256(raw).hexdigest() != original.content_hash
    assert _mentions(doc) == _mentions(original)


@pytest.mark.parametrize("page", PAGES, ids=[p.name[:3] for p in PAGES])
def test_every_sample_page_in_gbk_and_utf16_gives_the_utf8_mentions(tmp_path, page):
    expected = _mentions(read_document(page))
    text = page.read_text(encoding="utf-8")
    for name, raw in (("gbk.txt", text.encode("gbk")), ("utf16.txt", text.encode("utf-16"))):
        (tmp_path / name).write_bytes(raw)
        assert _mentions(read_document(tmp_path / name)) == expected, name


def test_utf16_without_bom_of_mostly_ascii_text_is_not_taken_for_binary(tmp_path):
    page = tmp_path / "ascii.txt"
    page.write_bytes("QIANTANG NEW AREA DAILY 2025-03-11: 5 projects, 2264 mu.\n".encode("utf-16-le"))
    doc = read_document(page)
    assert (doc.encoding, doc.text) == ("utf-16-le", "QIANTANG NEW AREA DAILY 2025-03-11: 5 projects, 2264 mu.\n")


def test_the_sample_is_read_as_plain_utf8_with_the_hash_of_its_bytes():
    doc = read_document(PAGE_000)
    assert (doc.encoding, doc.format, doc.name) == ("utf-8", "text", PAGE_000.name)
    assert doc.content_hash == hashlib.sha256(PAGE_000.read_bytes()).hexdigest()
    assert doc.text == PAGE_000.read_text(encoding="utf-8")


# --- formats -----------------------------------------------------------------------------------

def test_html_keeps_headline_dateline_and_main_text_and_drops_the_page_chrome(tmp_path):
    headline, paragraphs = _tourism_article()
    page = tmp_path / "tourism.html"
    page.write_text(_html_page(headline, paragraphs), encoding="utf-8")
    doc = read_document(page)
    assert doc.format == "html" and doc.encoding == "utf-8"
    assert doc.text.startswith(headline)
    assert "发布日期:2025-02-07 09:33" in doc.text
    assert "春节期间,钱塘累计接待游客32.5万人次,同比增长27.45%" in doc.text
    assert "新闻中心" not in doc.text and "版权所有" not in doc.text
    assert (doc.published_on, doc.published_on_source) == (date(2025, 2, 7), "dateline")
    assert doc.url == "https://www.example.gov.cn/art/2025/2/7/art_1.html"
    [article] = split_articles(doc)
    assert (article.headline, article.byline) == (headline, "记者 雷秋红 诸苏壹")
    assert "发布日期" not in article.body.text


def test_a_gbk_html_page_is_decoded_from_its_bytes(tmp_path):
    headline, paragraphs = _tourism_article()
    page = tmp_path / "tourism.htm"
    page.write_bytes(_html_page(headline, paragraphs).replace("utf-8", "gbk").encode("gbk"))
    doc = read_document(page)
    assert doc.encoding == "gb18030"
    assert "钱塘累计接待游客32.5万人次" in doc.text


def test_pdf_text_layer_is_read_with_wrapped_lines_joined(tmp_path):
    headline, paragraphs = _tourism_article()
    doc = read_document(_write_pdf(tmp_path / "tourism.pdf", headline, paragraphs))
    assert doc.format == "pdf"
    assert "春节期间,钱塘累计接待游客32.5万人次,同比增长27.45%。其中,乡村旅游累计接待游客8.6万人次" in doc.text
    for m in extract_document(doc)[1]:
        assert doc.text[m.start:m.end] == m.text


def test_a_two_column_pdf_page_keeps_each_column_paragraph_whole(tmp_path):
    from fpdf import FPDF

    text = PAGE_000.read_text(encoding="utf-8")
    left, right = (text[text.index(start):text.index("\n", text.index(start))]
                   for start in ("春节期间,钱塘累计", "临江产业邻里中心坐落于"))
    pdf = FPDF()
    pdf.add_page()
    font = _cjk_font()
    pdf.add_font("cjk", fname=font, collection_font_number=2 if font.endswith(".ttc") else 0)
    pdf.set_font("cjk", size=10)
    pdf.set_xy(10, 20)
    pdf.multi_cell(90, 6, left)
    pdf.set_xy(110, 20)
    pdf.multi_cell(90, 6, right)
    pdf.output(str(tmp_path / "columns.pdf"))
    doc = read_document(tmp_path / "columns.pdf")
    assert f"{left}\n\n{right}" in doc.text


def test_the_same_article_as_utf8_gbk_html_and_pdf_yields_the_same_indicator_values(tmp_path):
    headline, paragraphs = _tourism_article()
    plain = f"{headline}\n\n" + "\n\n".join(paragraphs) + "\n"
    (tmp_path / "a.txt").write_text(plain, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(plain.encode("gbk"))
    (tmp_path / "c.html").write_text(_html_page(headline, paragraphs), encoding="utf-8")
    _write_pdf(tmp_path / "d.pdf", headline, paragraphs)
    values = {name: _values(read_document(tmp_path / name)) for name in ("a.txt", "b.txt", "c.html", "d.pdf")}
    assert (325000.0, "人次") in values["a.txt"] and (27.45, "%") in values["a.txt"]
    assert values["b.txt"] == values["c.html"] == values["d.pdf"] == values["a.txt"]


# --- bad input ---------------------------------------------------------------------------------

def _file(path: Path, raw: bytes) -> Path:
    path.write_bytes(raw)
    return path


def _png(path: Path) -> Path:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4)
    return path


def _pdf_without_text(path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


BAD_INPUTS = [
    pytest.param(lambda d: d / "missing.txt", "no such file", id="a missing file"),
    pytest.param(lambda d: d, "is a folder", id="a folder given as a file"),
    pytest.param(lambda d: _png(d / "scan.txt"), "binary data", id="a binary file named .txt"),
    pytest.param(lambda d: _file(d / "latin.txt", bytes(range(128, 256)) * 8),
                 "cannot be decoded as text", id="bytes that are no Chinese text encoding"),
    pytest.param(lambda d: _file(d / "page.docx", b"PK\x03\x04 docx"),
                 "unsupported format '.docx'", id="an unsupported extension"),
    pytest.param(lambda d: _file(d / "empty.txt", b""), "empty file", id="an empty file"),
    pytest.param(lambda d: _file(d / "blank.txt", b" \n\n \n"), "no text", id="a file of blank lines"),
    pytest.param(lambda d: _file(d / "fake.pdf", "钱塘".encode()), "not a PDF", id="text named .pdf"),
    pytest.param(lambda d: _pdf_without_text(d / "scan.pdf"), "no text layer", id="a scanned PDF without text layer"),
    pytest.param(lambda d: _file(d / "cut.pdf", b"%PDF-1.7\n1 0 obj <<"),
                 "cannot open the PDF", id="a truncated PDF"),
]


@pytest.mark.parametrize("make, reason", BAD_INPUTS)
def test_unreadable_input_raises_one_line_naming_the_file(tmp_path, make, reason):
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert caught.value.path == str(path)
    assert reason in caught.value.reason
    assert str(caught.value).startswith(str(path)) and "\n" not in str(caught.value)


def test_the_cli_reports_a_bad_file_in_one_line_and_goes_on(tmp_path, capsys):
    from etl.cli import main

    bad = _png(tmp_path / "scan.txt")
    assert main(["extract", str(bad), str(PAGE_000), "--format", "table"]) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == f"error: {bad}: binary data, not text (NUL bytes)"
    assert "32.5万人次" in captured.out


# --- decoding has to prove itself ---------------------------------------------------------------

HELDOUT = sorted((Path(__file__).resolve().parent / "heldout").glob("corpus/*.txt")) + sorted(
    (Path(__file__).resolve().parent / "heldout_b").glob("corpus/*.txt"))
KOREAN = ("대한민국 서울특별시는 올해 경제 성장률이 3.5퍼센트에 달할 것으로 전망했다. "
          "지난해 관광객 수는 1200만 명을 기록했고, 올해는 더 늘어날 것으로 보인다.\n") * 4
JAPANESE = ("東京都は今年の経済成長率が3.5パーセントに達すると発表しました。"
            "昨年の観光客数は1200万人を記録し、今年はさらに増える見込みです。\n") * 4


def test_utf8_with_one_nul_at_an_even_length_is_utf8_with_the_nul_replaced_and_reported(tmp_path):
    """Before: the NUL made the file 'UTF-16-LE', stored as garbage with 0 mentions."""
    raw = PAGE_000.read_bytes()
    at = raw.rindex(b"\n", 0, raw.index("32.5万人次".encode()))
    broken = raw[:at] + b"\x00" + raw[at:]
    if len(broken) % 2:
        broken += b"\n"
    page = tmp_path / "page.txt"
    page.write_bytes(broken)
    doc = read_document(page)
    assert doc.encoding == "utf-8"
    assert doc.text == broken.decode("utf-8").replace("\x00", "\ufffd")
    assert doc.warnings == (f"{page}: 1 control character (U+0000) replaced by U+FFFD, at byte {at}",)
    assert (325000.0, "人次") in _values(doc)


@pytest.mark.parametrize("text, encoding, language", [
    (KOREAN, "euc-kr", "Korean"), (KOREAN, "cp949", "Korean"),
    (JAPANESE, "shift_jis", "Japanese"), (JAPANESE, "euc-jp", "Japanese")],
    ids=["Korean in EUC-KR", "Korean in CP949", "Japanese in Shift_JIS", "Japanese in EUC-JP"])
def test_text_in_another_languages_encoding_is_refused_by_name(tmp_path, text, encoding, language):
    """Before: EUC-KR Korean was stored as GB18030 hanzi (its bytes are valid GB18030)."""
    page = tmp_path / "page.txt"
    page.write_bytes(text.encode(encoding))
    with pytest.raises(InputError) as caught:
        read_document(page)
    assert f"looks like {language} text" in caught.value.reason


def test_utf8_with_a_few_bad_bytes_is_read_with_them_replaced_and_their_byte_offsets_given(tmp_path):
    raw = bytearray(PAGE_000.read_bytes())
    spots = [raw.index("涌入".encode()), raw.index("除夕夜".encode())]
    for spot in spots:
        raw[spot] = 0xFF          # a lead byte lost: it and its two continuation bytes are bad
    page = tmp_path / "page.txt"
    page.write_bytes(bytes(raw))
    db = tmp_path / "w.duckdb"
    done = subprocess.run([sys.executable, "-m", "etl", "run", str(page), "--db", str(db),
                           "--no-progress", "--corrections", str(tmp_path / "c.jsonl")],
                          cwd=ARTICLES.parent.parent, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    offsets = ", ".join(str(spot + i) for spot in spots for i in range(3))
    assert done.stderr.splitlines() == [
        f"warning: {page}: 6 byte sequences not valid UTF-8, replaced by U+FFFD, at byte {offsets}"]
    import duckdb
    con = duckdb.connect(str(db), read_only=True)
    stored, encoding = con.execute(
        "SELECT (SELECT string_agg(p.text, '' ORDER BY p.part_index) FROM document_parts p"
        " WHERE p.doc_id = d.doc_id), d.encoding FROM documents d").fetchone()
    con.close()
    original = PAGE_000.read_text(encoding="utf-8")
    assert encoding == "utf-8" and len(stored) == len(original) + 4
    assert stored.count("\ufffd") == 6 and "32.5万人次" in stored


def test_utf8_with_many_bad_bytes_is_refused(tmp_path):
    raw = bytearray(PAGE_000.read_bytes())
    for spot in range(100, len(raw), 97):
        raw[spot] = 0xFF
    page = tmp_path / "page.txt"
    page.write_bytes(bytes(raw))
    with pytest.raises(InputError, match="cannot be decoded as text|not Chinese"):
        read_document(page)


@pytest.mark.parametrize("path", HELDOUT, ids=[p.name for p in HELDOUT])
def test_every_held_out_document_reads_back_from_gb18030_and_big5(tmp_path, path):
    """The detector must not refuse real Chinese: every held-out text in the legacy encodings."""
    text = path.read_text(encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_bytes(text.encode("gb18030"))
    assert (read_document(page).text, read_document(page).encoding) == (text, "gb18030")
    try:
        big5 = text.encode("big5")
    except UnicodeEncodeError:
        return                         # simplified characters: Big5 cannot hold them
    page.write_bytes(big5)
    doc = read_document(page)
    assert doc.text == text and doc.encoding in ("big5hkscs", "gb18030")


# --- manifest and date precedence --------------------------------------------------------------

def test_publication_date_precedence_is_argument_then_manifest_then_document(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published_on,source,url\n"
                        f"{PAGE_000},2025-02-08,钱塘新区报,https://example.cn/a.html\n", encoding="utf-8")
    entries = load_manifest(manifest)
    by_manifest = read_document(PAGE_000, manifest=entries)
    assert (by_manifest.published_on, by_manifest.published_on_source) == (date(2025, 2, 8), "manifest")
    assert by_manifest.url == "https://example.cn/a.html"
    by_argument = read_document(PAGE_000, published_on=date(2025, 2, 1), manifest=entries)
    assert (by_argument.published_on, by_argument.published_on_source) == (date(2025, 2, 1), "override")
    by_text = read_document(PAGE_000)
    assert (by_text.published_on, by_text.published_on_source) == (date(2025, 2, 7), "inferred")


def test_manifest_paths_are_relative_to_the_manifest_and_empty_dates_fall_through(tmp_path):
    page = tmp_path / "pages" / "2024-01-19_front.txt"
    page.parent.mkdir()
    page.write_text("区委一届十次全会在实施“九大提质行动”中提出,要实施新质生产力培育行动。\n", encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published_on,source,url\npages/2024-01-19_front.txt,,钱塘新区报,"
                        "https://example.cn/2024/01/18/x.html\n", encoding="utf-8")
    doc = read_document(page, manifest=load_manifest(manifest))
    assert (doc.published_on, doc.published_on_source) == (date(2024, 1, 18), "url")


BAD_MANIFESTS = [
    pytest.param("file,date\na.txt,2025-01-01\n", "line 1: manifest header lacks path, published_on",
                 id="a manifest without the expected header"),
    pytest.param("path,published_on,source,url\na.txt,2025-01-01,,\nb.txt,7 Feb 2025,,\n",
                 "line 3: published_on '7 Feb 2025' is not a date", id="a row with a date in another form"),
    pytest.param("path,published_on,source,url\n,2025-01-01,,\n", "line 2: empty path", id="a row without a path"),
    pytest.param("path,published_on,source,url\na.txt,2025-01-01,,\n\"b.txt,2025-01-02,钱塘新区报,\n",
                 "line 3: not valid CSV", id="a quoted cell that is never closed swallows no rows silently"),
    pytest.param("path,published_on,source,url\na.txt,2025-01-01,,\nb.txt,2025-01-02,,\na.txt,2025-01-03,,\n",
                 "line 4: a.txt is listed again with other values (first on line 2)",
                 id="one file with two different dates"),
]


def test_a_file_listed_twice_with_the_same_values_is_harmless(tmp_path):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,published_on,source,url\na.txt,2025-01-01,,\na.txt,2025-01-01,,\n",
                        encoding="utf-8")
    assert load_manifest(manifest).lookup(tmp_path / "a.txt").published_on == date(2025, 1, 1)


@pytest.mark.parametrize("content, message", BAD_MANIFESTS)
def test_a_bad_manifest_names_the_file_and_the_line(tmp_path, content, message):
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_manifest(manifest)
    assert caught.value.path == str(manifest)
    assert message in caught.value.reason


def test_a_missing_manifest_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="manifest not found"):
        load_manifest(tmp_path / "nope.csv")


@pytest.mark.parametrize("encoding", [pytest.param("big5", id="Big5"), pytest.param("utf-8", id="UTF-8")])
def test_a_traditional_full_width_page_is_dated_by_its_news_lead_dateline(tmp_path, encoding):
    page = tmp_path / "port.txt"
    page.write_bytes("港口吞吐量穩步回升\n【本報訊】２０２５年６月１８日（星期三）　記者 陳志明\n\n"
                     "今年前五個月，全市港口貨物吞吐量達１．２６億噸，按年增長４．５％。\n".encode(encoding))
    doc = read_document(page)
    assert (doc.published_on, doc.published_on_source) == (date(2025, 6, 18), "dateline")
    [article] = split_articles(doc)
    assert (article.headline, article.byline) == ("港口吞吐量穩步回升", "記者 陳志明")


def test_utf16_without_bom_rich_in_ideographs_with_a_nul_byte_is_read(tmp_path):
    """Found by the property test: 一 (U+4E00) puts NULs on the low side of UTF-16-LE, and the
    NUL count alone then refused the file."""
    text = "春节前后,钱塘大地随处可见一片繁忙景象。\n" * 3
    for encoding in ("utf-16-le", "utf-16-be"):
        page = tmp_path / f"{encoding}.txt"
        page.write_bytes(text.encode(encoding))
        doc = read_document(page)
        assert (doc.text, doc.encoding) == (text, encoding)
