"""Where an article reports on, and what 全市/全区/全省 mean there."""
from __future__ import annotations

from datetime import date

import pytest

from etl.models import Article, Document, MappedText
from etl.places import ArticlePlaces, page_places


def _places(body: str, headline: str = "", page: str = "", source: str | None = None,
            region: str = "钱塘区") -> ArticlePlaces:
    text = page + "\n" + headline + "\n" + body
    doc = Document("p.txt", "p.txt", text, "h", "utf-8", "text", date(2025, 3, 1), source=source)
    start = len(page) + len(headline) + 2
    article = Article("p.txt", 0, headline, None, start, len(text), MappedText.identity(body, start))
    return ArticlePlaces(article, page_places(doc, region))


@pytest.mark.parametrize("kwargs, own", [
    pytest.param(dict(body="新华社重庆10月8日电 国庆假期，全市接待游客4800万人次。"), "重庆市",
                 id="a news agency dateline names the place"),
    pytest.param(dict(body="一季度全市规模以上工业增加值增长7.9%。", page="来源：宜昌市统计局"), "宜昌市",
                 id="a 来源 line names the place"),
    pytest.param(dict(body="全年全县实现地区生产总值234.5亿元。", headline="秭归县2023年国民经济和社会发展统计公报"),
                 "秭归县", id="the headline names the place"),
    pytest.param(dict(body="全区共新增市场主体1200家。", page="钱塘新区报\n2025年3月11日 星期二"), "钱塘区",
                 id="the masthead names the place (a former name)"),
    pytest.param(dict(body="近日，宜昌市统计局发布数据，一季度全市经济稳中有进。"), "宜昌市",
                 id="a statistics bureau's place is where the article reports from"),
    pytest.param(dict(body="全年新增就业岗位1.2万个。"), "钱塘区",
                 id="POLICY_REGION is the last resort for an article naming no place"),
    pytest.param(dict(body="全区共新增市场主体1200家。", source="柳州日报"), "柳州市",
                 id="the manifest's source names the place"),
])
def test_an_article_s_own_place(kwargs, own):
    assert _places(**kwargs).own.name == own


@pytest.mark.parametrize("word, subject", [
    pytest.param("全市", "杭州市", id="全市 in a district's article is its city"),
    pytest.param("全省", "浙江省", id="全省 is its province"),
    pytest.param("全国", "全国", id="全国 is the nation"),
    pytest.param("全区", "钱塘区", id="全区 is the district itself"),
])
def test_scope_words_follow_the_hierarchy(word, subject):
    places = _places("钱塘区全区新增市场主体1200家，钱塘区位居全市第一。")
    assert places.scope(word).name == subject


def test_a_reporting_body_s_place_is_no_subject_mention():
    places = _places("宜昌市统计局发布数据显示，一季度全市经济稳中有进。")
    assert [m.surface for m in places.mentions] == []


def test_a_place_the_table_lacks_counts_when_named_twice():
    places = _places("云江区召开大会。会上，云江区公布了去年的成绩。")
    assert places.own.name == "云江区" and places.own.adcode is None
