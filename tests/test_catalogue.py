"""The indicator catalogue: it loads, it is well formed, and its aliases find the nearest name."""
from __future__ import annotations

import pytest

from etl.catalogue import AliasMatcher, default_matcher, load_catalogue
from etl.errors import InputError
from etl.models import TOPICS

HEADER = "id,name_zh,name_en,aliases,unit,topic\n"


def test_the_bundled_catalogue_covers_the_common_bulletin_indicators():
    entries = load_catalogue()
    names = {e.name_zh for e in entries}
    assert len(entries) >= 60
    for name in ("地区生产总值", "规上工业增加值", "规上工业总产值", "固定资产投资", "制造业投资",
                 "社会消费品零售总额", "接待游客", "旅游收入", "项目总投资", "总建筑面积", "总用地面积",
                 "用电量", "居民人均可支配收入", "常住人口", "户籍人口", "财政总收入",
                 "一般公共预算收入", "进出口总额", "实际利用外资", "市场主体数量", "高新技术企业",
                 "专利授权量", "城镇新增就业", "新建住房", "保障性住房", "房源套数"):
        assert name in names
    assert all(e.topic in TOPICS and e.name_en and e.aliases for e in entries)
    assert len({e.id for e in entries}) == len(entries)


@pytest.mark.parametrize("row, problem", [
    pytest.param("gdp,地区生产总值,GDP,GDP,元,sports\n", "unknown topic 'sports'",
                 id="an unknown topic names the line"),
    pytest.param("gdp,地区生产总值,GDP,GDP,元,industry\ngdp,生产总值,GDP,GDP,元,industry\n",
                 "line 3: duplicate id", id="a duplicate id names the second line"),
    pytest.param("gdp,地区生产总值,GDP,,元,industry\n", "no aliases", id="an entry needs an alias"),
])
def test_a_malformed_catalogue_is_one_clear_error(tmp_path, row, problem):
    path = tmp_path / "indicators.csv"
    path.write_text(HEADER + row, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as raised:
        load_catalogue(path)
    assert str(path) in str(raised.value)


def test_a_missing_catalogue_names_the_file(tmp_path):
    with pytest.raises(InputError, match="indicators.csv"):
        load_catalogue(tmp_path / "indicators.csv")


@pytest.mark.parametrize("clause, expected", [
    pytest.param("春节期间,钱塘累计接待游客", "接待游客", id="接待游客 before the number"),
    pytest.param("其中,乡村旅游累计接待游客", "乡村旅游接待游客", id="a gap alias wins over its tail"),
    pytest.param("总投资约11.2亿元,总用地面积", "总用地面积", id="the alias nearest the number wins"),
    pytest.param("项目用地面积约", "总用地面积", id="项目用地面积 is an alias of 总用地面积"),
])
def test_nearest_alias_before_a_number(clause, expected):
    hit = default_matcher().before(clause, 0, len(clause))
    assert hit is not None and hit.entry.name_zh == expected


def test_alias_after_a_count_respects_the_unit():
    matcher = default_matcher()
    text = "公租房保基地,建成后"
    assert matcher.after(text, 0, len(text), lambda e: e.accepts("幢")) is None
    assert matcher.after(text, 0, len(text), lambda e: e.accepts("套")).entry.id == "affordable_housing"


def test_a_matcher_over_a_custom_catalogue(tmp_path):
    path = tmp_path / "indicators.csv"
    path.write_text(HEADER + "visits,接待游客,visits,游客|乡村…游客,人次,tourism_culture\n",
                    encoding="utf-8")
    matcher = AliasMatcher(load_catalogue(path))
    text = "乡村旅游累计游客"
    hit = matcher.before(text, 0, len(text))
    assert (hit.entry.id, text[hit.start:hit.end]) == ("visits", "乡村旅游累计游客")
