"""The quantity finder on real sentences: tables in tests/cases, one row per behaviour or bug."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from etl.quantities import find_quantities

CASES = Path(__file__).parent / "cases"


def _table(name: str) -> list[dict[str, str]]:
    with open(CASES / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cases(name: str):
    return [pytest.param(row, id=row["id"]) for row in _table(name)]


def _expected(cell: str) -> list[tuple]:
    """``3—5亿元 = 300000000..500000000 元 exact; ...`` -> [(text, low, high, unit, bound)]."""
    out = []
    for item in filter(None, (part.strip() for part in cell.split(";"))):
        text, _, rest = item.partition(" = ")
        value, unit, bound = rest.split()
        low, _, high = value.partition("..")
        out.append((text, float(low), float(high) if high else None, unit, bound))
    return out


@pytest.mark.parametrize("row", _cases("quantities.csv"))
def test_finds_exactly_the_indicator_quantities_of_a_sentence(row):
    found = [(q.text, q.value, q.value_high, q.unit, q.bound)
             for q in find_quantities(row["sentence"])]
    assert found == _expected(row["expected"])


@pytest.mark.parametrize("row", _cases("quantities_sample.csv"))
def test_finds_each_annotated_indicator_of_the_sample(row):
    at = int(row["at"])
    hits = [q for q in find_quantities(row["sentence"]) if q.start == at]
    assert len(hits) == 1, f"nothing found at {at}: {find_quantities(row['sentence'])}"
    quantity = hits[0]
    assert row["sentence"][quantity.start:quantity.end] == quantity.text == row["text"]
    assert quantity.value == pytest.approx(float(row["value"]), rel=1e-9)
    assert quantity.unit == row["unit"]
    if row["bound"]:
        assert quantity.bound == row["bound"]


@pytest.mark.parametrize("row", _cases("quantities_sample_non_indicators.csv"))
def test_never_returns_an_annotated_non_indicator_of_the_sample(row):
    start = int(row["at"])
    end = start + len(row["text"])
    overlapping = [q for q in find_quantities(row["sentence"]) if q.start < end and start < q.end]
    assert overlapping == []


def test_offsets_point_into_the_text_given_and_come_in_text_order():
    text = "总投资约11.2亿元,总用地面积4.76万平方米,总建筑面积约19万平方米。"
    found = find_quantities(text)
    assert [text[q.start:q.end] for q in found] == [q.text for q in found]
    assert [q.start for q in found] == sorted(q.start for q in found)
    assert [q.bound for q in found] == ["approx", "exact", "approx"]


_MAGNITUDES = st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12)])
_COUNTERS = st.sampled_from([("家", "家"), ("名", "人"), ("个", "个"), ("项", "项"), ("套", "套")])


@settings(max_examples=200, deadline=None)
@given(tenths=st.integers(1, 99_999), magnitude=_MAGNITUDES, counter=_COUNTERS)
def test_a_decimal_with_a_magnitude_and_classifier_reads_back(tenths, magnitude, counter):
    written = f"{tenths / 10:g}{magnitude[0]}{counter[0]}"
    found = find_quantities(f"全区新增{written},同比增长。")
    assert [(q.text, q.unit) for q in found] == [(written, counter[1])]
    assert found[0].value == pytest.approx(tenths / 10 * magnitude[1], rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(number=st.integers(2, 10**12 - 1), counter=_COUNTERS, liang=st.booleans())
def test_a_number_written_in_chinese_numerals_reads_back(number, counter, liang):
    import cn2an

    written = cn2an.an2cn(number)
    if liang and written.startswith("二") and len(written) > 1 and written[1] != "十":
        written = "两" + written[1:]
    found = find_quantities(f"累计服务{written}{counter[0]}。")
    expected = [(written + counter[0], number, counter[1])]
    assert [(q.text, q.value, q.unit) for q in found] == expected


@settings(max_examples=100, deadline=None)
@given(number=st.integers(1, 10**9))
def test_arabic_numbers_with_thousands_separators_read_back(number):
    written = f"{number:,}"
    found = find_quantities(f"完成投资{written}元。")
    assert [(q.text, q.value, q.unit) for q in found] == [(written + "元", number, "元")]


def test_every_lexicon_row_is_usable():
    from etl.numerals import read_lexicon

    for row in read_lexicon("units.csv"):
        assert row["role"] in ("unit", "per", "prefix", "fraction", "whole", "ratio",
                               "fraction_tail"), row
        assert float(row["factor"]) > 0, row
    for row in read_lexicon("counters.csv"):
        assert row["numerals"] in ("any", "arabic", "small", "large") and row["unit"], row
    kinds = {"rank_prefix", "rank_prefix_not", "question_prefix", "abstract_noun", "address_suffix",
             "fixed_term", "threshold_end", "goal_noun", "unit_clash", "masthead_word",
             "rate_prefix", "counted_one", "ceiling_after", "grade_after", "whole_not_after",
             "abstract_noun_not", "group_counter", "total_after", "decline_noun", "rank_after",
             "each_bar", "each_bar_not"}
    for row in read_lexicon("non_indicators.csv"):
        assert row["kind"] in kinds and row["word"], row
    for row in read_lexicon("bound_words.csv"):
        assert row["position"] in ("before", "after"), row
        assert row["effect"] in ("approx", "at_least", "decrease", "filler", "none"), row


_PIECES = st.sampled_from(list("0123456789.,、和至—-一二两三十百千万亿数余多约超第前“”《》")
                          + ["元", "亿元", "万人次", "%", "个百分点", "家", "个", "大", "名", "栋", "号",
                             "层", "年", "用户", "下降", "以上", "左右", "的", "企业", "关键词", "/人",
                             " ", "分之", "成", "一半", "级", "㎡", "度", "以内", "合计"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_any_text_gives_consistent_spans_and_never_fails(text):
    found = find_quantities(text)
    assert all(text[q.start:q.end] == q.text and q.start < q.end for q in found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))
    assert all(q.bound in ("exact", "approx", "at_least") for q in found)


_WORDS = st.lists(st.text(alphabet="人次民币个百分点", min_size=1, max_size=4), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(words=_WORDS, text=st.text(alphabet="人次民币个百分点", max_size=6))
def test_the_vocabulary_trie_matches_what_a_longest_first_alternation_matches(words, text):
    import re

    from etl.quantity_lexicon import _alternation

    plain = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    trie = re.compile(f"(?:{_alternation(words)})")
    assert [m.group() for m in trie.finditer(text)] == \
        [m.group() for m in re.finditer(f"(?:{plain})", text)]


@pytest.mark.parametrize("row", _cases("quantities_traditional.csv"))
def test_traditional_text_reads_like_simplified_after_normalisation(row):
    """The pipeline hands the finder the canonical (simplified, half-width) copy of a body; the
    spans, of the same length, are shown here in the original traditional text."""
    from etl.normalize import canonical

    sentence = row["sentence"]
    found = [(sentence[q.start:q.end], q.value, q.value_high, q.unit, q.bound)
             for q in find_quantities(canonical(sentence))]
    assert found == _expected(row["expected"])
