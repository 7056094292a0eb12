"""Chart functions and number formatting: DataFrame in, figure or text out, no Streamlit."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import charts
from dashboard.downloads import csv_bytes, formula_safe
from dashboard.numbers import (format_change, format_period, format_quantity, period_part,
                               scale_for)


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


@pytest.mark.parametrize("value, unit, zh, en", [
    (1e300, "元", "1e+292亿元", "CNY 1e+288 tn"),
    (-1e300, "元", "-1e+292亿元", "CNY -1e+288 tn"),
    (1.7976931348623157e308, "%", "1.798e+308%", "1.798e+308%"),
    (2e19, "元", "200,000,000,000亿元", "CNY 20,000,000 tn"),
    (float("inf"), "元", "—", "—"),
    (float("nan"), "元", "—", "—"),
], ids=["1e300 元 is written with an exponent", "and so is minus 1e300", "the largest double",
        "2e19 元 still has its digits", "infinity is no number", "NaN is no number"])
def test_any_value_can_be_written_without_an_error(value, unit, zh, en):
    assert format_quantity(value, unit) == zh
    assert format_quantity(value, unit, "en") == en


@pytest.mark.parametrize("value, unit, expected", [
    (370000000000, "元", "CNY 370 bn"),
    (73000000, "元", "CNY 73 m"),
    (325000, "人次", "325,000 person-times"),
    (1.2e7, "人次", "12 m person-times"),
    (27.45, "%", "27.45%"),
    (10000, "亩", "10,000 mu"),
    (3, "个", "3"),
    (421, "千瓦", "421 kW"),
    (2.5, "百分点", "2.5 pp"),
    (5, "某单位", "5 某单位"),
], ids=["亿元 in billions of yuan", "万元 in millions", "人次 in English", "a million person-times",
        "percent as is", "mu", "a count without a unit word", "kilowatts", "percentage points",
        "a unit English has no word for is written as in the article"])
def test_quantities_are_written_the_english_way_with_western_magnitudes(value, unit, expected):
    assert format_quantity(value, unit, "en") == expected


@pytest.mark.parametrize("period, year, zh, en", [
    ("2025-春节", 2025, "2025年春节", "Spring Festival 2025"),
    ("2024-01..11", 2024, "2024年1-11月", "Jan–Nov 2024"),
    ("2023-Q1..Q3", 2023, "2023年前三季度", "Q1–Q3 2023"),
    ("2023-Q2", 2023, "2023年第二季度", "Q2 2023"),
    ("2024-H1", 2024, "2024年上半年", "H1 2024"),
    ("2022-08", 2022, "2022年8月", "Aug 2022"),
    ("2022-10-26", 2022, "2022年10月26日", "26 Oct 2022"),
    ("2021-2025", 2025, "2021-2025年", "2021–2025"),
    ("2024", 2024, "2024年", "2024"),
    (None, 2024, "2024年", "2024"),
    ("2025-国庆", 2025, "2025年国庆", "National Day holiday 2025"),
    (None, None, "", ""),
], ids=["a festival", "months", "three quarters", "one quarter", "a half", "a month", "a day",
        "a span of years", "a year", "no period: the year", "National Day", "nothing known"])
def test_every_period_is_written_out_in_both_languages(period, year, zh, en):
    assert format_period(period, year, "zh") == zh
    assert format_period(period, year, "en") == en


@pytest.mark.parametrize("period, part", [
    ("2025", ""), ("2021-2025", ""), (None, ""), ("2025-春节", "春节"), ("2024-01..11", "01..11"),
    ("2023-Q1..Q3", "Q1..Q3")], ids=["a year", "a span", "none", "a festival", "months", "quarters"])
def test_the_part_of_a_year_is_what_ranking_sql_calls_part_year(period, part):
    assert period_part(period) == part


def test_the_change_between_extreme_values_is_written_or_left_out():
    assert format_change(1e300, -1e300, "元") == "+2e+292亿元 (+200%)"
    assert format_change(1.7e308, -1.7e308, "元") is None, "the difference overflows"
    assert format_change(1e300, 1e-300, "%") == "+1e+300个百分点"


def test_the_change_is_given_in_the_unit_and_as_a_percentage():
    assert format_change(4.0e11, 3.7e11, "元") == "+300亿元 (+8.1%)"
    assert format_change(4.0e11, 3.7e11, "元", "en") == "+CNY 30 bn (+8.1%)"
    assert format_change(5.1, 6.0, "%") == "-0.9个百分点"
    assert format_change(5.1, None, "%") is None


@pytest.mark.parametrize("lang, word", [("zh", "持平"), ("en", "no change")])
def test_no_change_is_written_as_such_without_a_sign(lang, word):
    assert format_change(10000, 10000, "个", lang) == word
    assert format_change(27.45, 27.45, "%", lang) == word


def test_the_scale_follows_the_largest_value():
    assert scale_for([3.0e11, 4.0e11], "元") == (1e8, "亿")
    assert scale_for([3000, 325000], "人次") == (1e4, "万")
    assert scale_for([12, 40], "个") == (1.0, "")
    assert scale_for([3.0e11, 4.0e11], "元", "en") == (1e9, "bn")
    assert scale_for([3000, 325000], "人次", "en") == (1.0, "")


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
    figure = charts.trend_figure(df, "zh")
    symbols = {trace.name: trace.marker.symbol for trace in figure.data}
    assert symbols == {"规上工业总产值 · 实际": "circle", "规上工业总产值 · 预计": "diamond-open",
                       "规上工业总产值 · 目标": "star-open"}
    actual = next(t for t in figure.data if t.name.endswith("实际"))
    assert list(actual.y) == [3000, 3700], "values are drawn in 亿"
    assert [a.text for a in figure.layout.annotations] == ["<b>亿元</b>"]
    assert figure.layout.xaxis.tickformat == "d" and figure.layout.xaxis.dtick == 1
    assert figure.layout.title.text == "规上工业总产值 · 钱塘区, 2021–2025"


def test_the_unit_is_written_horizontally_above_its_panel_not_along_the_axis():
    df = points([{"year": 2024, "kind": "actual", "value": 3.7e11}])
    figure = charts.trend_figure(df, "en")
    assert not figure.layout.yaxis.title.text, "no sideways unit"
    [unit] = figure.layout.annotations
    assert unit.text == "<b>CNY bn</b>" and unit.textangle in (None, 0)
    assert unit.yref == "y domain" and unit.yanchor == "bottom"


def test_few_points_carry_their_values_and_many_do_not():
    few = charts.trend_figure(points([{"year": y, "kind": "actual", "value": 3.0e11 + y}
                                      for y in (2021, 2022, 2023)]))
    assert few.data[0].mode == "lines+markers+text" and list(few.data[0].text) == ["3,000"] * 3
    many = charts.trend_figure(points([{"year": y, "kind": "actual", "value": 1.0}
                                       for y in range(2010, 2010 + charts.LABEL_POINTS + 1)]))
    assert many.data[0].mode == "lines+markers" and many.data[0].text is None


def test_the_hover_tells_value_subject_period_unit_headline_date_and_source_sentence():
    df = points([{"year": 2024, "kind": "actual", "value": 3.7e11, "period": "2024"}])
    figure = charts.trend_figure(df, "zh")
    custom = figure.data[0].customdata[0]
    assert list(custom[:5]) == ["k0", "3,700亿元", "元", "2024年", "确切"]
    assert custom[5] == "新年新开局" and custom[6] == "2025-02-07"
    assert "3700亿元" in custom[7] and custom[8] == "钱塘区"
    for field in ("对象", "单位", "期间", "标题", "发布日期", "原句"):
        assert field in figure.data[0].hovertemplate


def test_the_hover_escapes_markup_in_the_source_sentence():
    df = points([{"year": 2024, "kind": "actual", "value": 1.0, "context": "<script>x</script>"}])
    figure = charts.trend_figure(df, "zh")
    assert "&lt;script&gt;" in figure.data[0].customdata[0][7]


MARKUP = {"indicator": '<a href="https://evil.example">产值</a>', "indicator_en": "<b>output</b>",
          "subject": "<i>钱塘区</i>", "unit": "<b>元</b>", "period": "<sup>2024</sup>"}


def visible_texts(figure) -> list[str]:
    """Every piece of a figure Plotly draws as (pseudo-)HTML: legend, titles, ticks, hovers,
    annotations, labels."""
    layout = figure.layout
    texts = [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text]
    texts += list(layout.yaxis.ticktext or []) + list(layout.xaxis.ticktext or [])
    texts += [a.text for a in layout.annotations or []]
    for trace in figure.data:
        texts.append(trace.name)
        texts += [str(x) for x in (trace.text if isinstance(trace.text, (list, tuple)) else [trace.text])]
        for row in trace.customdata if trace.customdata is not None else []:
            texts += [str(cell) for cell in row]
    return [t for t in texts if t]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_in_names_and_units_is_drawn_as_text_in_legends_titles_and_hovers(lang):
    df = points([{"year": 2024, "kind": "actual", "value": 3.7e11, **MARKUP},
                 {"year": 2024, "kind": "actual", "value": 1.0, **MARKUP, "subject": "临江街道"}])
    figure = charts.trend_figure(df, lang)
    shown = visible_texts(figure)
    tags = ("<a", "<i>", "<sup>", "<b>output", "<b>元")
    assert not [t for t in shown if any(tag in t for tag in tags)], shown
    assert any("&lt;a href=" in t or "&lt;b&gt;output" in t for t in shown)
    assert any("&lt;b&gt;元&lt;/b&gt;" in t for t in shown)


def test_markup_in_place_names_is_drawn_as_text_on_the_map():
    places = pd.DataFrame({"subject": ["<b>钱塘区</b>"], "value": [3.7e11], "period": ["2024"],
                           "year": [2024], "longitude": [120.2], "latitude": [30.2],
                           "mention_key": ["k"]})
    context = pd.DataFrame({"name": ['<a href="x">萧山区</a>'], "longitude": [120.3], "latitude": [30.1]})
    figure = charts.map_figure(places, context, "元", "<i>t</i>", "zh")
    shown = visible_texts(figure)
    assert not [t for t in shown if "<a" in t or "<b>钱" in t or "<i>" in t], shown
    assert any("&lt;b&gt;钱塘区&lt;/b&gt;" in t for t in shown)


def test_the_map_is_a_plain_scatter_of_coordinates_that_needs_no_base_map():
    places = pd.DataFrame({"subject": ["钱塘区", "萧山区"], "value": [3.7e11, 1.0e11],
                           "period": ["2024", "2024"], "year": [2024, 2024],
                           "longitude": [120.2, 120.26], "latitude": [30.25, 30.18],
                           "mention_key": ["a", "b"]})
    figure = charts.map_figure(places, pd.DataFrame(columns=["name", "longitude", "latitude"]),
                               "元", "规上工业总产值", "zh")
    assert {trace.type for trace in figure.data} == {"scatter"}, "no geo trace: nothing to fetch"
    assert "geo" not in figure.layout.to_plotly_json() and "mapbox" not in figure.layout.to_plotly_json()
    dots = figure.data[-1]
    assert dots.marker.size[0] > dots.marker.size[1], "the larger value has the larger dot"
    assert list(dots.marker.color) == [3700, 1000] and figure.layout.yaxis.scaleanchor == "x"
    assert "3,700亿元" in dots.text[0] and "2024年" in dots.text[0]


def test_units_get_their_own_panels_on_one_shared_year_axis():
    df = points([
        {"year": 2021, "kind": "actual", "value": 3.0e11},
        {"year": 2024, "kind": "actual", "value": 3.7e11},
        {"year": 2023, "kind": "actual", "value": 8.1, "unit": "%", "measure": "yoy_growth"},
    ])
    figure = charts.trend_figure(df, "en")
    assert [a.text for a in figure.layout.annotations] == ["<b>%</b>", "<b>CNY bn</b>"]
    assert figure.layout.xaxis2.matches == "x" or figure.layout.xaxis.matches == "x2"
    assert {t.yaxis for t in figure.data} == {"y", "y2"}
    assert list(figure.layout.xaxis.range) == [2020.5, 2024.5], "the lone % point sits at its year"


def test_several_subjects_are_named_in_the_legend():
    df = points([
        {"year": 2024, "kind": "actual", "value": 3.0},
        {"year": 2024, "kind": "actual", "value": 4.0, "subject": "临江街道"},
    ])
    figure = charts.trend_figure(df, "zh")
    assert sorted(t.name for t in figure.data) == ["临江街道 · 实际", "钱塘区 · 实际"]
    assert figure.layout.title.text == "规上工业总产值 · 钱塘区、临江街道, 2024"


def test_a_part_year_value_is_its_own_series_never_the_years():
    df = points([
        {"year": 2024, "kind": "actual", "value": 3.0e5, "unit": "人次", "period": "2024"},
        {"year": 2025, "kind": "actual", "value": 3.25e5, "unit": "人次", "period": "2025-春节"},
    ])
    figure = charts.trend_figure(df, "zh")
    assert sorted(t.name for t in figure.data) == ["规上工业总产值 · 实际", "规上工业总产值 · 春节 · 实际"]
    wide, _ = charts.wide_table(df, "zh")
    assert wide.iloc[:, 0].tolist() == ["2024", "2025年春节"]


def test_a_series_keeps_its_colour_when_others_are_added_or_removed():
    output, visits, entities = ("规上工业总产值\x1f钱塘区", "接待游客\x1f钱塘区", "市场主体数量\x1f钱塘区")
    assert len({charts._stable_index(k) for k in (output, visits, entities)}) == 3
    alone = charts.series_colors([output])
    together = charts.series_colors([visits, output, entities])
    assert together[output] == alone[output]
    assert charts.series_colors([visits])[visits] == together[visits]
    assert len(set(together.values())) == 3, "series drawn together never share a colour"


def test_two_series_whose_colours_collide_are_told_apart_in_the_order_picked():
    seen = {}
    for n in range(100):
        key = f"指标{n}"
        if charts._stable_index(key) in seen:
            first, second = seen[charts._stable_index(key)], key
            break
        seen[charts._stable_index(key)] = key
    colors = charts.series_colors([first, second])
    assert colors[first] == charts.PALETTE[charts._stable_index(first)]
    assert colors[second] != colors[first]


def test_the_wide_table_has_a_row_per_year_sorted_and_values_written_out():
    df = points([
        {"year": 2024, "kind": "actual", "value": 3.7e11},
        {"year": 2021, "kind": "actual", "value": 3.0e11},
        {"year": 2025, "kind": "target", "value": 4.0e11, "qualifier": "target"},
    ])
    wide, numbers = charts.wide_table(df, "zh")
    assert wide.columns.tolist() == ["期间", "规上工业总产值", "规上工业总产值 · 目标"]
    assert wide["期间"].tolist() == ["2021", "2024", "2025"]
    assert wide["规上工业总产值"].tolist() == ["3,000亿元", "3,700亿元", ""]
    assert numbers.columns.tolist() == ["期间", "规上工业总产值 (元)", "规上工业总产值 · 目标 (元)"]
    assert numbers["规上工业总产值 (元)"].tolist()[:2] == [3.0e11, 3.7e11]


@pytest.mark.parametrize("cell", ["=1+1", "+86 571", "-2+3", "@SUM(A1)", "\tcmd"],
                         ids=["equals", "plus", "minus", "at", "tab"])
def test_csv_cells_that_look_like_formulas_are_neutralised(cell):
    assert formula_safe(pd.DataFrame({"text": [cell]}))["text"][0] != cell


def test_csv_downloads_start_with_a_bom_and_keep_numbers_as_numbers():
    data = csv_bytes(pd.DataFrame({"indicator": ["规上工业总产值"], "value": [-3.5]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["indicator,value", "规上工业总产值,-3.5"]


def test_a_single_series_still_shows_its_legend_entry():
    figure = charts.trend_figure(points([{"year": 2025, "kind": "actual", "value": 10.0}]))
    assert figure.layout.showlegend is True


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "**粗体** _斜体_", "# 标题", "[链接](http://x)"],
                         ids=["a script tag", "bold and italics", "a heading", "a link"])
def test_article_text_shown_through_markdown_elements_stays_literal(text):
    from dashboard.i18n import plain
    escaped = plain(text)
    assert escaped.replace("\\", "") == text.replace("\\", "")
    assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c in "<>*_#[]()" and i)
