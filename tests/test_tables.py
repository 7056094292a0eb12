"""Tables written as lines of figures: units from the header, names from the row label."""
from __future__ import annotations

import pytest

from etl.quantities import find_quantities
from etl.tables import cell_value, find_rows, is_row

RETAIL = """表1 2024年1—11月限额以上单位主要商品零售额
单位:亿元,%
商品类别        绝对额  同比增长
粮油、食品类      156.8  8.2
汽车类          412.3  -5.4
"""

BRACKETED = """分产业用电情况
类别    用电量(万千瓦时)    增速(%)
第一产业    2563.1    12.4
第二产业    612345.8    6.1
"""


def test_a_unit_line_gives_the_amount_column_its_unit_and_the_rate_column_percent():
    rows = find_rows(RETAIL)
    assert [r.label for r in rows] == ["粮油、食品类", "汽车类"]
    amount, rate = rows[1].cells
    assert (amount.text, amount.column.unit, amount.column.factor) == ("412.3", "元", 1e8)
    assert (rate.text, rate.column.unit, rate.column.measure) == ("-5.4", "%", "yoy_growth")


def test_a_unit_in_a_column_title_applies_to_that_column_only():
    first = find_rows(BRACKETED)[0]
    assert [(c.column.unit, c.column.factor, c.column.measure) for c in first.cells] == [
        ("千瓦时", 1e4, "level"), ("%", 1.0, "growth")]


def test_cells_become_quantities_in_base_units():
    values = {(q.text, q.value, q.unit) for q in find_quantities(RETAIL)}
    assert ("412.3", 41230000000.0, "元") in values and ("-5.4", -5.4, "%") in values


def test_the_declared_unit_itself_is_no_quantity():
    assert not [q for q in find_quantities(RETAIL) if q.text == "亿元"]


def test_a_table_whose_units_are_unknown_is_left_alone():
    assert find_rows("名称    数量\n甲    12\n乙    15\n") == ()


@pytest.mark.parametrize("line, row", [
    pytest.param("汽车类          412.3  -5.4", True, id="a label and two numbers set apart is a row"),
    pytest.param("全年全市实现地区生产总值5678亿元。", False, id="a sentence is not a row"),
    pytest.param("2024年1—11月", False, id="a date line is not a row"),
])
def test_rows_are_recognised_by_their_shape(line, row):
    assert is_row(line) is row


def test_an_index_column_and_a_total_row_leave_the_figures_readable():
    text = ("单位：个、户、%\n序号    区域    改造小区    涉及居民    开工率\n"
            "1    瑶海区    48    12563    100\n2    庐阳区    36    9874    97.2\n合计    —    84    22437    98.6\n")
    rows = find_rows(text)
    assert [r.label for r in rows] == ["瑶海区", "庐阳区", "合计"]
    assert [(c.text, c.column.unit, c.column.measure) for c in rows[1].cells] == [
        ("36", "个", "level"), ("9874", "户", "level"), ("97.2", "%", "share")]


@pytest.mark.parametrize("text", [
    pytest.param("单位：个、户\n| 区域 | 改造小区 | 涉及居民 |\n| 瑶海区 | 48 | 12,563 |\n| 庐阳区 | 36 | 9,874 |\n",
                 id="a table drawn with pipes and thousands separators"),
    pytest.param("单位：个、户\n区域 改造小区 涉及居民\n瑶海区 48 12563\n庐阳区 36 9874\n",
                 id="a table set with single spaces"),
])
def test_tables_as_web_pages_print_them(text):
    rows = find_rows(text)
    assert [(r.label, [cell_value(c) for c in r.cells]) for r in rows] == [
        ("瑶海区", [48.0, 12563.0]), ("庐阳区", [36.0, 9874.0])]


COUNTIES = """表1　2024年各县（区）地区生产总值
县（区）　　地区生产总值（亿元）　　比上年增长（%）
翠屏区　　　　　1036.52　　　　　　6.0
高　县　　　　　 226.73　　　　　　6.4
珙　县　　　　　 231.62　　　　　　5.6
"""


def test_a_label_spaced_out_character_by_character_is_one_name():
    assert [r.label for r in find_rows(COUNTIES)] == ["翠屏区", "高县", "珙县"]


def test_a_place_label_is_whose_figure_never_a_prefix_of_the_column_name():
    from datetime import date
    from etl.indicators import annotate
    from etl.models import Article, Document, MappedText
    from etl.settings import Settings
    doc = Document(path="t.txt", name="t.txt", text=COUNTIES, content_hash="0" * 64, encoding="utf-8",
                   format="text", published_on=date(2025, 3, 28))
    article = Article(doc_name="t.txt", index=0, headline="", byline=None, start=0, end=len(COUNTIES),
                      body=MappedText.identity(COUNTIES))
    quantities = [q for q in find_quantities(COUNTIES) if q.start > COUNTIES.index("高")]
    mentions = annotate(article, quantities, doc, Settings())
    assert {(m.indicator, m.subject) for m in mentions if m.unit == "元"} == {("地区生产总值", "高县"), ("地区生产总值", "珙县")}


PARTNERS = """表1　2024年对主要贸易伙伴进出口情况（金额单位：亿元）
贸易伙伴　　　进出口　　　同比（%）　　　出口
日本　　　　　 612.4　　　　 1.8　　　　287.5
东盟　　　　　 542.1　　　　 8.7　　　　301.6
"""

SCENIC = """表　春节假期主要景区接待情况（单位：万人次）
景区名称　　　　　接待游客　　同比增长（%）
遇龙河景区　　　　　8.62　　　　16.3
银子岩景区　　　　　5.23　　　　 9.8
"""


def _table_mentions(text: str):
    from datetime import date
    from etl.indicators import annotate
    from etl.models import Article, Document, MappedText
    from etl.settings import Settings
    doc = Document(path="t.txt", name="t.txt", text=text, content_hash="0" * 64, encoding="utf-8",
                   format="text", published_on=date(2025, 2, 6))
    article = Article(doc_name="t.txt", index=0, headline="", byline=None, start=0, end=len(text),
                      body=MappedText.identity(text))
    first_row = text.index("\n", text.index("\n") + 1)
    quantities = [q for q in find_quantities(text) if q.start > first_row]
    return annotate(article, quantities, doc, Settings())


@pytest.mark.parametrize("text", [PARTNERS, SCENIC], ids=["partners", "scenic"])
def test_a_rate_column_measures_the_amount_column_to_its_left(text):
    """进出口 | 同比（%） | 出口: the 1.8 is the growth of 进出口, not of 出口 (the next amount)."""
    mentions = _table_mentions(text)
    rows = {}
    for m in mentions:
        rows.setdefault(m.subject, []).append((m.measure, m.indicator))
    for cells in rows.values():
        amount, rate = cells[0], cells[1]
        assert amount[0] == "level" and rate[0] != "level"
        assert rate[1] == amount[1]


SECTORS = """2024年1—10月分产业用电情况
单位：亿千瓦时，%
类别　　　　　　　　用电量　　　同比增长
第一产业　　　　　　0.62　　　　8.3
第二产业　　　　　　58.37　　　　7.9
"""


def test_a_rate_cell_of_a_sector_row_is_the_growth_of_the_row_amount_not_the_sector_value_added():
    """第一产业 | 0.62 | 8.3 in a table of electricity: the 8.3 is 第一产业用电量's growth."""
    mentions = _table_mentions(SECTORS)
    assert [(m.indicator, m.measure) for m in mentions] == [
        ("第一产业用电量", "level"), ("第一产业用电量", "yoy_growth"),
        ("第二产业用电量", "level"), ("第二产业用电量", "yoy_growth")]


RENEWAL = """附表　2024年各县（市）区城镇老旧小区改造进展情况
单位：个、户、栋、个、台
县（市）区　计划改造小区　涉及居民　涉及楼栋　已完工小区　加装电梯
瑶海区　32　12860　438　25　62
庐阳区　28　10540　365　22　71
"""


def test_two_columns_the_title_would_name_alike_are_two_indicators():
    """计划改造小区 and 已完工小区 both count 小区 of a table about 老旧小区改造: the title names
    neither, each column is its own indicator."""
    mentions = [m for m in _table_mentions(RENEWAL) if m.subject == "瑶海区"]
    names = [m.indicator for m in mentions]
    assert len(names) == 5 and len(set(names)) == 5


GRAIN = """表1　2024年部分县（市、区）粮食生产情况
县（市、区）　　播种面积（万亩）　　总产量（亿斤）　　增长（%）
北林区　　　　　　228.4　　　　　　21.6　　　　　　1.1
安达市　　　　　　205.7　　　　　　17.9　　　　　 -0.8
"""


def test_grain_output_in_jin_keeps_its_name_in_a_table():
    mentions = [m for m in _table_mentions(GRAIN) if m.subject == "北林区"]
    assert [m.indicator for m in mentions][1:] == ["粮食总产量", "粮食总产量"]
    assert {m.topic for m in mentions[1:]} == {"agriculture"}


ITEMS = """2024年1—10月主要经济指标
指标名称　　　　　　　　　　绝对量　　　比上年同期增长（%）
规模以上工业增加值　　　　　　—　　　　　　6.9
　#石化工业　　　　　　　　　　—　　　　　　4.2
　#新材料产业　　　　　　　　　—　　　　　 11.8
社会消费品零售总额　　　　　2416.3　　　　　4.5
"""


def test_an_item_row_marked_with_a_hash_is_a_part_of_the_row_it_is_an_item_of():
    """规模以上工业增加值 / #石化工业 / #新材料产业: the items' rates are 石化工业增加值's and
    新材料产业增加值's, never the figure of another row."""
    mentions = _table_mentions(ITEMS)
    assert [(m.indicator, m.measure) for m in mentions][:3] == [
        ("规上工业增加值", "yoy_growth"), ("石化工业增加值", "yoy_growth"), ("新材料产业增加值", "yoy_growth")]


PROJECTS = """表　部分县（市、区）集中开工项目情况
县（市、区）　　项目数（个）　　总投资（亿元）　　年度计划投资（亿元）
鸠江区　　　　　　16　　　　　　72.5　　　　　　　21.4
弋江区　　　　　　12　　　　　　48.3　　　　　　　15.6
"""


def test_a_column_is_not_named_by_the_name_of_another_column_in_the_header():
    """总投资 | 年度计划投资: the header line names 总投资 for its own column; 年度计划投资 is
    another indicator, named by its own words."""
    mentions = [m for m in _table_mentions(PROJECTS) if m.subject == "鸠江区"]
    names = [m.indicator for m in mentions]
    assert names[1] == "项目总投资" and names[2] == "年度计划投资"
