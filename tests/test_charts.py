"""Chart functions and number formatting: DataFrame in, figure or text out, no Streamlit."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import charts
from dashboard.downloads import csv_bytes, formula_safe
from dashboard.numbers import format_change, format_quantity, scale_for


@pytest.mark.parametrize("value, unit, expected", [
    (370000000000, "元", "3,700亿元"),
    (325000, "人次", "32.5万人次"),
    (27.45, "%", "27.45%"),
    (10000, "亩", "1万亩"),
    (1500, "条", "1,500条"),
    (160000, "户", "16万户"),
    (2.5e7, "元", "2,500万元"),
    (-3.5, "%", "-3.5%"),
], ids=["3700亿元 reads as 3,700亿元", "32.5万人次 keeps its decimal", "percent is never scaled",
        "一万亩 reads as 1万亩", "below 万 the digits are grouped", "16万户",
        "2500万元 stays in 万", "a fall keeps its sign"])
def test_quantities_are_written_the_chinese_way(value, unit, expected):
    assert format_quantity(value, unit) == expected


@pytest.mark.parametrize("value, unit, expected", [
    (1e300, "元", "1e+292亿元"),
    (-1e300, "元", "-1e+292亿元"),
    (1.7976931348623157e308, "%", "1.798e+308%"),
    (2e19, "元", "200,000,000,000亿元"),
    (float("inf"), "元", "—"),
    (float("nan"), "元", "—"),
], ids=["1e300 元 is written with an exponent", "and so is minus 1e300", "the largest double",
        "2e19 元 still has its digits", "infinity is no number", "NaN is no number"])
def test_any_value_can_be_written_without_an_error(value, unit, expected):
    assert format_quantity(value, unit) == expected
    assert format_quantity(value, unit, "en") == expected


def test_the_change_between_extreme_values_is_written_or_left_out():
    assert format_change(1e300, -1e300, "元") == "+2e+292亿元 (+200%)"
    assert format_change(1.7e308, -1.7e308, "元") is None, "the difference overflows"
    assert format_change(1e300, 1e-300, "%") == "+1e+300个百分点"


def test_the_change_is_given_in_the_unit_and_as_a_percentage():
    assert format_change(4.0e11, 3.7e11, "元") == "+300亿元 (+8.1%)"
    assert format_change(5.1, 6.0, "%") == "-0.9个百分点"
    assert format_change(5.1, None, "%") is None


def test_the_scale_follows_the_largest_value():
    assert scale_for([3.0e11, 4.0e11], "元") == (1e8, "亿")
    assert scale_for([3000, 325000], "人次") == (1e4, "万")
    assert scale_for([12, 40], "个") == (1.0, "")


def points(rows):
    base = dict(indicator="规上工业总产值", indicator_en="industrial output", subject="钱塘区",
                measure="level", unit="元", period=None, qualifier="exact",
                reported_on=date(2025, 2, 7), doc="000.txt", headline="新年新开局",
                context="全区规上工业总产值3700亿元", conflict=False)
    return pd.DataFrame([{**base, "mention_key": f"k{i}", **row} for i, row in enumerate(rows)])


def test_reported_forecast_and_target_values_get_their_own_marker_and_legend_entry():
    df = points([
        {"year": 2021, "kind": "actual", "value": 3.0e11},
        {"year": 2024, "kind": "actual", "value": 3.7e11},
        {"year": 2023, "kind": "forecast", "value": 3.6e11, "qualifier": "forecast"},
        {"year": 2025, "kind": "target", "value": 4.0e11, "qualifier": "target"},
    ])
    [(unit, figure)] = charts.trend_figures(df, "zh")
    symbols = {trace.name: trace.marker.symbol for trace in figure.data}
    assert unit == "元"
    assert symbols == {"规上工业总产值 · 实际": "circle", "规上工业总产值 · 预计": "diamond-open",
                       "规上工业总产值 · 目标": "star-open"}
    actual = next(t for t in figure.data if t.name.endswith("实际"))
    assert list(actual.y) == [3000, 3700], "values are drawn in 亿"
    assert figure.layout.yaxis.title.text == "亿元"
    assert figure.layout.xaxis.tickformat == "d" and figure.layout.xaxis.dtick == 1


def test_the_hover_tells_value_unit_period_headline_date_and_source_sentence():
    df = points([{"year": 2024, "kind": "actual", "value": 3.7e11, "period": "2024"}])
    [(_, figure)] = charts.trend_figures(df, "zh")
    custom = figure.data[0].customdata[0]
    assert list(custom[:5]) == ["k0", "3,700亿元", "元", "2024", "确切"]
    assert custom[5] == "新年新开局" and custom[6] == "2025-02-07"
    assert "3700亿元" in custom[7]
    for field in ("单位", "期间", "标题", "发布日期", "原句"):
        assert field in figure.data[0].hovertemplate


def test_the_hover_escapes_markup_in_the_source_sentence():
    df = points([{"year": 2024, "kind": "actual", "value": 1.0, "context": "<script>x</script>"}])
    [(_, figure)] = charts.trend_figures(df, "zh")
    assert "&lt;script&gt;" in figure.data[0].customdata[0][7]


MARKUP = {"indicator": '<a href="https://evil.example">产值</a>', "indicator_en": "<b>output</b>",
          "subject": "<i>钱塘区</i>", "unit": "<b>元</b>", "period": "<sup>2024</sup>"}


def visible_texts(figure) -> list[str]:
    """Every piece of a figure Plotly draws as (pseudo-)HTML: legend, titles, ticks, hovers."""
    layout = figure.layout
    texts = [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text]
    texts += list(layout.yaxis.ticktext or []) + list(layout.xaxis.ticktext or [])
    for trace in figure.data:
        texts.append(trace.name)
        for row in trace.customdata if trace.customdata is not None else []:
            texts += [str(cell) for cell in row]
    return [t for t in texts if t]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_in_names_and_units_is_drawn_as_text_in_legends_titles_and_hovers(lang):
    df = points([{"year": 2024, "kind": "actual", "value": 3.7e11, **MARKUP},
                 {"year": 2024, "kind": "actual", "value": 1.0, **MARKUP, "subject": "临江街道"}])
    [(_, figure)] = charts.trend_figures(df, lang)
    shown = visible_texts(figure)
    assert not [t for t in shown if "<a" in t or "<b>" in t or "<i>" in t or "<sup>" in t], shown
    assert any("&lt;a href=" in t for t in shown) and any("&lt;b&gt;元&lt;/b&gt;" in t for t in shown)
    assert figure.layout.yaxis.title.text == "亿&lt;b&gt;元&lt;/b&gt;"


def test_markup_in_facet_labels_is_drawn_as_text_in_ticks_and_hovers():
    counts = pd.DataFrame({"value": ['<a href="https://evil.example">钱塘区</a>', "<b>x</b>"],
                           "n": [5, 39]})
    figure = charts.facet_figure(counts, "<b>对象</b>", "zh")
    shown = visible_texts(figure)
    assert not [t for t in shown if "<a" in t or "<b>" in t], shown
    assert "%{y}" not in figure.data[0].hovertemplate, "the hover shows an escaped copy of the name"
    assert ["&lt;b&gt;x&lt;/b&gt;"] in [list(row) for row in figure.data[0].customdata]


def test_yuan_and_percent_series_are_drawn_on_separate_figures():
    df = points([
        {"year": 2024, "kind": "actual", "value": 3.7e11},
        {"year": 2024, "kind": "actual", "value": 8.1, "unit": "%", "measure": "yoy_growth"},
    ])
    assert [unit for unit, _ in charts.trend_figures(df, "en")] == ["%", "元"]


def test_several_subjects_are_named_in_the_legend():
    df = points([
        {"year": 2024, "kind": "actual", "value": 3.0},
        {"year": 2024, "kind": "actual", "value": 4.0, "subject": "临江街道"},
    ])
    [(_, figure)] = charts.trend_figures(df, "zh")
    assert sorted(t.name for t in figure.data) == ["规上工业总产值 · 临江街道 · 实际",
                                                  "规上工业总产值 · 钱塘区 · 实际"]


def test_long_facet_labels_are_shortened_but_hover_keeps_them():
    counts = pd.DataFrame({"value": ["杭政储出(2024)82号地块商品住宅项目", "钱塘区"], "n": [5, 39]})
    figure = charts.facet_figure(counts, "对象", "zh")
    assert list(figure.layout.yaxis.ticktext) == ["杭政储出(2024…", "钱塘区"]
    assert list(figure.data[0].y) == ["杭政储出(2024)82号地块商品住宅项目", "钱塘区"]


@pytest.mark.parametrize("cell", ["=1+1", "+86 571", "-2+3", "@SUM(A1)", "\tcmd"],
                         ids=["equals", "plus", "minus", "at", "tab"])
def test_csv_cells_that_look_like_formulas_are_neutralised(cell):
    assert formula_safe(pd.DataFrame({"text": [cell]}))["text"][0] != cell


def test_csv_downloads_start_with_a_bom_and_keep_numbers_as_numbers():
    data = csv_bytes(pd.DataFrame({"indicator": ["规上工业总产值"], "value": [-3.5]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["indicator,value", "规上工业总产值,-3.5"]


def test_a_single_series_still_shows_its_legend_entry():
    [(_, figure)] = charts.trend_figures(points([{"year": 2025, "kind": "actual", "value": 10.0}]))
    assert figure.layout.showlegend is True


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**粗体** _斜体_", "# 标题", "[链接](http://x)"],
                         ids=["a script tag", "bold and italics", "a heading", "a link"])
def test_article_text_shown_through_markdown_elements_stays_literal(text):
    from dashboard.i18n import plain
    escaped = plain(text)
    assert escaped.replace("\\", "") == text.replace("\\", "")
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "<>*_#[]()" and i)
