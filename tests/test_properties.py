"""Properties that hold for any input (hypothesis): the decoder and the corrections store.

The decoder never stores text it did not prove: random bytes are refused or decode to text that
reads back to the same bytes; every supported encoding of real article text gives that text
back; one corrupted byte of UTF-8 is replaced and reported, never taken for another encoding.
The corrections store has one rule set: for any lines, the validator, the dashboard's reader
and the ETL's copy keep exactly the same lines, and every line kept obeys the rules.
"""
from __future__ import annotations

import codecs
import json
import math
import re
import unicodedata
import uuid
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from etl import corrections, warehouse
from etl.decoding import decode
from etl.errors import EtlError, InputError
from warehouse_support import build_warehouse

TESTS = Path(__file__).resolve().parent
CORPORA = sorted((TESTS.parent / "data" / "articles").glob("*.txt")) + \
    sorted(TESTS.glob("heldout*/corpus/*.txt"))
LINES = [line for path in CORPORA for line in path.read_text(encoding="utf-8").splitlines()
         if len(line.strip()) >= 8]
TRADITIONAL = [line for path in CORPORA if "traditional" in path.name
               for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 8]
PATH = Path("page.txt")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
PROPERTY = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def article(lines=LINES, least: int = 3):
    """Text made of real article lines, as a file holds them."""
    return st.lists(st.sampled_from(lines), min_size=least, max_size=25).map(
        lambda chosen: "\n".join(chosen) + "\n")


def reencoded(text: str, encoding: str, raw: bytes) -> bytes:
    """The bytes ``text`` makes in ``encoding`` (with the BOM ``raw`` started with)."""
    bom = next((b for b in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8,
                            codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if raw.startswith(b)), b"")
    codec = {"utf-8-sig": "utf-8",
             "utf-16": "utf-16-le" if bom == codecs.BOM_UTF16_LE else "utf-16-be",
             "utf-32": "utf-32-le" if bom == codecs.BOM_UTF32_LE else "utf-32-be"}.get(encoding, encoding)
    return bom + text.encode(codec)


# --- the decoder --------------------------------------------------------------------------------

@PROPERTY
@given(st.binary(min_size=1, max_size=3000))
@example(b"\xff\xfe" + "钱塘".encode("utf-16-le"))
@example("대한민국 서울특별시 경제 성장률".encode("euc-kr") * 5)
def test_random_bytes_are_refused_or_decode_to_text_that_reads_back_to_them(raw):
    try:
        decoded = decode(raw, PATH)
    except InputError as exc:
        assert exc.path == str(PATH) and "\n" not in str(exc)
        return
    assert not CONTROL.search(decoded.text), "control characters never reach the text"
    if decoded.warnings:
        assert all(w.startswith(f"{PATH}: ") and "at byte" in w for w in decoded.warnings)
        assert "\ufffd" in decoded.text
    else:
        assert reencoded(decoded.text, decoded.encoding, raw) == raw
    if decoded.encoding not in ("utf-8", "utf-8-sig"):
        assert not any(unicodedata.category(c) in ("Co", "Cn", "Cs") for c in set(decoded.text))


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "gb18030", "gbk"]


@PROPERTY
@given(article(), st.sampled_from(ENCODINGS))
@example("春节前后,钱塘大地随处可见一片繁忙景象。\n" * 3, "utf-16-le")   # NULs on both sides
@example("里水河流域综合整治工程总投资7.5亿元，完工后水质将稳定达到Ⅴ类以上。\n" * 2  # one chaotic chunk
         + "西樵镇听音湖片区文旅配套项目总投资9.4亿元，建成后预计每年可吸引游客200万人次以上。\n",
         "gb18030")
def test_real_article_text_in_every_supported_encoding_decodes_to_itself(text, encoding):
    try:
        raw = text.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    decoded = decode(raw, PATH)
    assert decoded.text == text and decoded.warnings == ()


@PROPERTY
@given(article(TRADITIONAL, least=2))
def test_traditional_article_text_in_big5_decodes_to_itself(text):
    try:
        raw = text.encode("big5")
    except UnicodeEncodeError:
        assume(False)
    assert decode(raw, PATH).text == text


@PROPERTY
@given(article(), st.data())
def test_one_corrupted_byte_of_utf8_is_replaced_and_reported_never_another_encoding(text, data):
    raw = bytearray(text.encode("utf-8"))
    position = data.draw(st.integers(0, len(raw) - 1), label="position")
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != raw[position]), label="byte")
    raw[position] = byte
    decoded = decode(bytes(raw), PATH)
    assert decoded.encoding == "utf-8"
    at = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    assert decoded.text[:at] == text[:at], "everything before the corrupted byte is intact"
    tail = len(text) - at - 1
    assert decoded.text[len(decoded.text) - tail:] == text[len(text) - tail:] if tail else True
    if decoded.warnings:
        offsets = [int(n) for n in re.findall(r"\d+", decoded.warnings[0].split("at byte", 1)[1])]
        assert all(position - 3 <= o <= position + 3 for o in offsets), (position, offsets)
    else:
        assert len(decoded.text) == len(text), "a byte that still reads as text changes one character"


@pytest.mark.parametrize("byte", [b"\x00", b"\x01"])
def test_a_short_page_with_few_multibyte_characters_and_one_corrupted_byte_is_still_utf8(byte):
    text = "热线 82987136\n" * 3           # six multi-byte characters: too few for ten per bad run
    raw = byte + text.encode("utf-8")[1:]
    decoded = decode(raw, PATH)
    assert decoded.encoding == "utf-8" and decoded.text.endswith(text[1:])
    assert decoded.warnings and all("at byte 0" in w or "at byte 1" in w for w in decoded.warnings)


def test_a_corrupted_lead_byte_in_a_short_page_is_one_bad_run_not_three():
    text = "钱塘“新春第一会”释放哪些信号?\n二、2025年主要目标\n二、2025年主要目标\n"
    raw = b"\x80" + text.encode("utf-8")[1:]     # 钱's lead byte: its two continuation bytes orphaned
    decoded = decode(raw, PATH)
    assert decoded.encoding == "utf-8" and decoded.text.endswith(text[1:])
    assert "at byte 0" in decoded.warnings[0]


# --- the corrections store ----------------------------------------------------------------------

NUMBERS = st.one_of(st.integers(-10**25, 10**25), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([1e300, -1e400, 1.2e19, 0, 2025]))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=12),
                    st.sampled_from(["", "元", "钱塘区", "\ud800"]))
FIELD_VALUES = st.dictionaries(
    st.sampled_from(list(corrections.FIELDS) + ["valeu", "colour"]),
    st.one_of(SCALARS, st.integers(1890, 2210)), max_size=4)
ROWS = st.fixed_dictionaries({}, optional={
    "mention_key": st.one_of(st.sampled_from(["k1", "k2", ""]), SCALARS),
    "action": st.one_of(st.sampled_from(corrections.ACTIONS), SCALARS),
    "fields": st.one_of(FIELD_VALUES, SCALARS, st.lists(SCALARS, max_size=2)),
    "note": SCALARS, "created_at": SCALARS, "extra": SCALARS})


@st.composite
def store_line(draw) -> str:
    """A line of the store as an analyst, an editor or a torn write may leave it."""
    row = draw(ROWS)
    line = json.dumps(row, ensure_ascii=draw(st.booleans()), allow_nan=True)
    damage = draw(st.sampled_from(["none"] * 6 + ["torn", "repeat", "comma", "cr", "blank", "junk"]))
    if damage == "torn":
        line = line[:draw(st.integers(0, len(line)))]
    elif damage == "repeat" and row:
        key = draw(st.sampled_from(sorted(row)))
        line = line[:-1] + (", " if len(line) > 2 else "") + json.dumps(key) + ": " + \
            json.dumps(draw(SCALARS), allow_nan=True) + "}"
    elif damage == "comma" and line.endswith("}"):
        line = line[:-1] + ", }"
    elif damage == "cr":
        line += "\r"
    elif damage == "blank":
        line = " "
    elif damage == "junk":
        line = draw(st.text(max_size=20)).replace("\n", " ")
    return line


@pytest.fixture(scope="module")
def empty_warehouse(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("properties") / "w.duckdb"
    build_warehouse(db, {}, [])
    return db


def write_store(folder: Path, lines: list[str], bom: bool) -> Path:
    store = folder / f"c-{uuid.uuid4().hex}.jsonl"
    data = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n"
    store.write_bytes((codecs.BOM_UTF8 if bom else b"") + data)
    return store


def reader_rows(db: Path, store: Path) -> list[tuple]:
    con = warehouse.open_reader(db, store)
    try:
        return con.execute("SELECT line_no, mention_key, action, value, unit, year, indicator, "
                           "subject, note FROM corrections ORDER BY line_no").fetchall()
    finally:
        con.close()


def etl_rows(store: Path) -> list[tuple]:
    """The ETL's copy, into the typed and constrained table of schema.sql."""
    con = duckdb.connect(":memory:")
    try:
        warehouse.apply_schema(con)
        warehouse.load_corrections(con, store)
        return con.execute("SELECT line_no, mention_key, action, value, unit, year, indicator, "
                           "subject, note FROM corrections ORDER BY line_no").fetchall()
    finally:
        con.close()


@PROPERTY
@given(st.lists(store_line(), min_size=1, max_size=12), st.booleans())
def test_the_validator_the_reader_and_the_etl_keep_the_same_lines_by_the_same_rules(
        empty_warehouse, lines, bom):
    store = write_store(empty_warehouse.parent, lines, bom)
    expected = []
    for line_no, line in enumerate(lines, start=1):
        try:
            line.encode("utf-8")
        except UnicodeEncodeError:
            continue                                      # not UTF-8 in the file: skipped
        row, problem = corrections.validate_line(line)
        if row is not None:
            fields = (row.get("fields") or {}) if row["action"] == "override" else {}
            value = fields.get("value")
            expected.append((line_no, row["mention_key"], row["action"],
                             None if value is None else float(value), fields.get("unit"),
                             fields.get("year"), fields.get("indicator"), fields.get("subject"),
                             row.get("note")))
    assert reader_rows(empty_warehouse, store) == expected
    assert etl_rows(store) == expected
    for _, _, action, value, _, year, _, _, _ in expected:
        assert action in corrections.ACTIONS
        assert value is None or (math.isfinite(value) and abs(value) <= corrections.MAX_ABS_VALUE)
        assert year is None or 1900 <= year <= 2200
    kept, warnings = corrections.read_corrections(store)
    skipped = sum(1 for line in lines if line.strip(" \t\r")) - len(kept)
    assert len(warnings) == skipped, "every line not kept is named, blank lines aside"
    store.unlink()


@PROPERTY
@given(st.sampled_from(corrections.ACTIONS), FIELD_VALUES, SCALARS)
def test_a_correction_is_saved_only_if_every_reader_will_apply_it(empty_warehouse, action,
                                                                  fields, note):
    store = empty_warehouse.parent / f"c-{uuid.uuid4().hex}.jsonl"
    try:
        corrections.add_correction(store, "k1", action, fields, note)
    except EtlError as exc:
        assert str(exc).startswith(f"{store}: correction not saved: ")
        assert not store.exists(), "a refused correction writes nothing"
        return
    assert [r[1:3] for r in reader_rows(empty_warehouse, store)] == [("k1", action)]
    store.unlink()
