"""Chinese and mixed numerals read back to the number they write."""
from __future__ import annotations

import cn2an
import pytest
from hypothesis import given, settings, strategies as st

from etl.numerals import is_bare_magnitude, parse_number


@pytest.mark.parametrize("written, value", [
    pytest.param("两千三百万", 23_000_000, id="两千三百万 is 23 million"),
    pytest.param("3.5万", 35_000, id="3.5万 is 35 thousand"),
    pytest.param("1.2万亿", 1.2e12, id="1.2万亿 is 1.2 trillion"),
    pytest.param("百亿", 1e10, id="a bare 百亿 is ten billion"),
    pytest.param("千亿", 1e11, id="a bare 千亿 is a hundred billion"),
    pytest.param("万", 1e4, id="a bare 万 is ten thousand"),
    pytest.param("一万", 1e4, id="一万 is ten thousand"),
    pytest.param("十五", 15, id="十五 needs no leading one"),
    pytest.param("一百零五", 105, id="零 fills a gap"),
    pytest.param("三亿五千万", 3.5e8, id="亿 then 万 add up"),
    pytest.param("二〇二四", 2024, id="digit by digit with 〇"),
    pytest.param("1,500", 1500, id="thousands separators"),
    pytest.param("1000万", 1e7, id="Arabic digits with 万"),
    pytest.param("两万三", 23_000, id="a last digit after 万 counts thousands"),
    pytest.param("三千五", 3500, id="a last digit after 千 counts hundreds"),
    pytest.param("一百二", 120, id="a last digit after 百 counts tens"),
    pytest.param("一万零五", 10005, id="a last digit after 零 counts ones"),
    pytest.param("三点五", 3.5, id="点 is the decimal point"),
    pytest.param("十二點五", 12.5, id="點 is the traditional decimal point"),
    pytest.param("四十二億三千萬", 4.23e9, id="traditional 億 and 萬 close sections"),
    pytest.param("兩萬", 2e4, id="traditional 兩 is two"),
])
def test_reads_a_numeral(written, value):
    assert parse_number(written) == pytest.approx(value)


@pytest.mark.parametrize("written, bare", [
    pytest.param("百亿", True, id="百亿 is a bare magnitude"),
    pytest.param("万", True, id="万 is a bare magnitude"),
    pytest.param("十", False, id="十 is the number ten"),
    pytest.param("一万", False, id="一万 has a digit"),
    pytest.param("3万", False, id="3万 has a digit"),
])
def test_tells_bare_magnitudes(written, bare):
    assert is_bare_magnitude(written) is bare


def test_rejects_text_that_is_no_numeral():
    with pytest.raises(ValueError):
        parse_number("三会合一")


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**15))
def test_reads_what_cn2an_writes_and_agrees_with_cn2an(number):
    written = cn2an.an2cn(number)
    assert parse_number(written) == number
    assert parse_number(written) == cn2an.cn2an(written, "smart")


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 99_999), st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]))
def test_reads_mixed_decimal_and_magnitude(hundredths, magnitude):
    written = f"{hundredths / 100:g}{magnitude[0]}"
    assert parse_number(written) == pytest.approx(hundredths / 100 * magnitude[1], rel=1e-12)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 9), st.integers(0, 9), st.sampled_from(["万", "亿"]))
def test_reads_liang_in_thousands(thousands, hundreds, magnitude):
    written = f"两千{cn2an.an2cn(hundreds)}百{magnitude}" if hundreds else f"两千{magnitude}"
    expected = (2000 + hundreds * 100) * (10**4 if magnitude == "万" else 10**8)
    assert parse_number(written) == expected
    plain = written.replace("两", "二")
    assert parse_number(plain) == cn2an.cn2an(plain, "smart")
