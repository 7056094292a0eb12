"""The publication date finder: mastheads, datelines, URLs, file names and inference from content."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from etl.dates import (LINE_REACH, _quoted_terms, dateline_date, festival_dates,
                       find_publication_date, infer_date, masthead_date, url_date)
from etl.ingest import read_document
from etl.segment import _masthead_end, page_blocks

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"


def _page(prefix: str) -> Path:
    return next(ARTICLES.glob(f"{prefix}_*.txt"))


def _without_masthead(text: str) -> str:
    blocks = page_blocks(text)
    return text[blocks[_masthead_end(blocks)].start:]


SAMPLE_PAGES = [
    pytest.param("000", date(2025, 2, 7), "inferred", 2,
                 id="000 has no masthead: 2月6日召开“新春第一会” and 昨天的“新春第一会” give 7 Feb 2025"),
    pytest.param("001", date(2024, 1, 19), "inferred", 2,
                 id="001 has no masthead: a 2024-01-17 decision and 18日 … 腊八 give 19 Jan 2024"),
    pytest.param("002", date(2026, 3, 3), "masthead", 0, id="002 prints 2026年3月3日 星期二 in its masthead"),
    pytest.param("003", date(2022, 10, 31), "masthead", 0, id="003 prints 2022年10月31日 星期一 in its masthead"),
    pytest.param("004", date(2025, 3, 11), "masthead", 0, id="004 prints 2025年3月11日 星期二 in its masthead"),
]


@pytest.mark.parametrize("prefix, expected, source, tolerance_days", SAMPLE_PAGES)
def test_sample_pages_get_their_publication_date(prefix, expected, source, tolerance_days):
    doc = read_document(_page(prefix))
    assert doc.published_on_source == source
    assert abs((doc.published_on - expected).days) <= tolerance_days


@pytest.mark.parametrize("prefix, expected", [
    pytest.param("002", date(2026, 3, 3), id="002 without its masthead: leads of 3月2日 and a 2025年度 review"),
    pytest.param("000", date(2025, 2, 7), id="000 stays 7 Feb 2025"),
    pytest.param("001", date(2024, 1, 19), id="001 stays 19 Jan 2024"),
])
def test_the_content_alone_gives_the_date_when_the_masthead_is_cut_off(prefix, expected):
    text = _without_masthead(_page(prefix).read_text(encoding="utf-8"))
    assert masthead_date(text) is None
    assert infer_date(text) == expected


INFERENCE = [
    pytest.param("紧跟省市步伐,2月6日,钱塘(新)区以“三会合一”的形式召开“新春第一会”。\n"
                 "站在开年开工的起跑线上,2025年,钱塘又将如何扛起责任担当?\n"
                 "昨天的钱塘“新春第一会”,从一份喜报开始。\n", date(2025, 2, 7),
                 id="昨天 ties to the dated sentence naming the same event"),
    pytest.param("本报讯 近日,省商务厅印发通知,确定了2023年度浙江本土民营跨国公司“领航企业”名单。\n"
                 "18日,钱塘芯谷产业社区工作人员来到企业,开展“腊八送温暖 新春照福运”主题活动。\n",
                 date(2024, 1, 19), id="a day number on the day of 腊八 fixes month and year"),
    pytest.param("会上,街道党工委主要负责人通报了2025年度民主生活会征求意见情况。\n"
                 "本报讯 12月30日(星期二)上午,区政府召开常务会议。\n", date(2025, 12, 31),
                 id="a weekday puts a December date in the year before the reviewing one"),
    pytest.param("本报讯(记者 陈晓)2月5日,春节后的第一个工作日,临江产业邻里中心项目迎来了节后复工。\n"
                 "项目2024年10月30日正式开工,预计2026年9月10日竣工。\n"
                 "对浙江来说,今年尤为特殊。2025年,钱塘要大力推进新型工业化。\n", date(2025, 2, 6),
                 id="the latest news lead plus one day; planned dates are not leads"),
    pytest.param("在去年的综合考核中,钱塘首次获得“三先进”。这是2024年度综合考核大会的喜报。\n"
                 "2025年,钱塘又将如何扛起“产业大区挑大梁”的责任担当?\n", date(2025, 2, 1),
                 id="a page reviewing 2024 and planning 2025 is from early 2025"),
    pytest.param("区委常委会召开2024年度民主生活会。\n去年12月31日,钱塘举行跨年活动。\n"
                 "本报讯 2月5日,春节后的第一个工作日,项目迎来了节后复工。\n", date(2025, 2, 6),
                 id="去年 puts a December lead in the year before"),
    pytest.param("会上,义蓬街道通报了2025年度民主生活会征求意见情况。\n本报讯 3月2日,区政府第十次全体会议召开。\n"
                 "本报讯 28日,新区党委书记开展大走访活动。\n", date(2026, 3, 3),
                 id="a bare day after the month's last lead belongs to the month before"),
    pytest.param("新年启幕,万象更新。春节前后,钱塘大地随处可见一片繁忙景象。\n", None,
                 id="a page without any dated evidence has no date"),
    pytest.param("襄阳市2024年国民经济和社会发展统计公报\n\n初步核算,2024年全市实现地区生产总值"
                 "6102.6亿元。分季度看,一季度增长6.1%,上半年增长6.0%。2024年末全市常住人口"
                 "524.5万人。2024年全年粮食总产量500.2万吨,2024年比2023年增长1.1%。\n",
                 date(2025, 2, 1), id="a bulletin of 2024 came out in 2025, whatever its quarters"),
    pytest.param("青山湖街道2025年一季度经济运行情况\n\n一季度,全街道实现地区生产总值46.2亿元,"
                 "同比增长5.8%;1—3月规上工业增加值增长7.1%,较1—2月回落1.5个百分点,"
                 "力争上半年增长8%。\n", date(2025, 4, 1),
                 id="a release of 2025年一季度 came out after the quarter; compared and planned parts are not reported"),
    pytest.param("国庆假期重庆接待游客4263.5万人次\n\n全市共接待游客4263.5万人次,同比增长6.8%,"
                 "较2019年同期增长21.4%;实现旅游花费321.7亿元,较2019年同期增长15.2%。\n", None,
                 id="a base year of comparison (较2019年同期) says nothing of the page's year"),
]


@pytest.mark.parametrize("text, expected", INFERENCE)
def test_inference_from_content(text, expected):
    assert infer_date(text) == expected


DATELINES = [
    pytest.param("钱塘文旅商融合显活力\n发布日期:2023-02-01 09:33 来源:钱塘新区报\n正文", date(2023, 2, 1),
                 id="a labelled web dateline"),
    pytest.param("钱塘文旅商融合显活力\n2023-02-01 09:33 来源:杭州日报\n正文", date(2023, 2, 1),
                 id="a bare timestamp"),
    pytest.param("标题\n时间:2023年2月1日 来源:钱塘发布\n正文", date(2023, 2, 1), id="a Chinese-form date after 时间"),
    pytest.param("标题\n发布时间：2023/2/1\n正文", date(2023, 2, 1), id="a slash date after 发布时间"),
    pytest.param("标题\n正文里说2月1日召开会议。", None, id="a date inside the prose is no dateline"),
    pytest.param("钱塘新闻\n\n本报讯 区文旅局近日发布通知,“潮涌钱塘”文化节活动时间:2025年3月15日至3月30日,"
                 "届时将有40余场演出在金沙湖大剧院上演,市民可通过线上平台预约。\n", None,
                 id="an event time inside a sentence is no dateline"),
]


@pytest.mark.parametrize("text, expected", DATELINES)
def test_datelines(text, expected):
    assert dateline_date(text) == expected


URLS = [
    pytest.param("https://www.hangzhou.gov.cn/art/2023/2/1/art_812262_59073086.html", date(2023, 2, 1),
                 id="year/month/day folders"),
    pytest.param("http://www.news.cn/politics/2023-02/01/c_1129326645.htm", date(2023, 2, 1), id="year-month/day"),
    pytest.param("https://www.gov.cn/xinwen/2023-02/01/content_5739469.htm", date(2023, 2, 1), id="gov.cn content"),
    pytest.param("http://www.qiantang.gov.cn/art/t20230201_4123.html", date(2023, 2, 1), id="t plus compact date"),
    pytest.param("https://example.cn/news/12345678.html", None, id="an id that is no date"),
]


@pytest.mark.parametrize("url, expected", URLS)
def test_dates_in_urls(url, expected):
    assert url_date(url) == expected


FILE_NAMES = [
    pytest.param("2025-02-07_钱塘新区报.txt", date(2025, 2, 7), id="an ISO date in the name"),
    pytest.param("qtxqb_20250207_01.pdf", date(2025, 2, 7), id="a compact date in the name"),
    pytest.param("000_74212d2662a3d8db.txt", None, id="a hash in the name is no date"),
]


@pytest.mark.parametrize("name, expected", FILE_NAMES)
def test_dates_in_file_names(name, expected):
    found = find_publication_date("新年启幕,万象更新。", file_name=name)
    assert (found[0] if found else None) == expected
    if found:
        assert found[1] == "filename"


def test_a_masthead_wins_over_the_file_name_and_a_url_over_the_file_name():
    text = _page("004").read_text(encoding="utf-8")
    assert find_publication_date(text, file_name="2020-01-01.txt") == (date(2025, 3, 11), "masthead")
    assert find_publication_date("新年启幕。", file_name="2020-01-01.txt",
                                 url="https://x.cn/2021/05/06/a.html") == (date(2021, 5, 6), "url")


def test_a_dated_lead_sentence_near_the_top_is_no_masthead():
    text = "钱塘新闻\n\n本报讯 2025年3月10日(星期一)上午,区政府召开常务会议,研究部署重点工作。\n"
    assert masthead_date(text) is None
    assert find_publication_date(text) == (date(2025, 3, 11), "inferred")


def test_a_masthead_date_whose_weekday_is_wrong_is_not_taken():
    assert masthead_date("钱塘新区报\n\n2025年3月11日 星期三\n今日4版") is None


@pytest.mark.parametrize("festival, year, expected", [
    pytest.param("元宵节", 2026, date(2026, 3, 3), id="元宵 2026 is 3 March, 正月十五 on page 002's masthead"),
    pytest.param("腊八", 2024, date(2024, 1, 18), id="腊八 2024 is 18 January (page 001)"),
    pytest.param("除夕", 2025, date(2025, 1, 28), id="除夕 is the eve of the lunar new year"),
    pytest.param("春节", 2022, date(2022, 2, 1), id="春节 2022 is 1 February"),
])
def test_lunar_festivals_from_the_new_year_table(festival, year, expected):
    assert expected in festival_dates(festival, year)


CUES = [
    pytest.param("秋收時節糧食再獲豐收\n【本報訊】２０２５年１１月４日（星期二）　記者 林嘉慧\n\n全區今年糧食總產量達１２．６萬噸。",
                 None, date(2025, 11, 4), "dateline",
                 id="a traditional full-width 本報訊 line with a date and reporter is a dateline"),
    pytest.param("新能源汽车产业链再添新项目\n本报讯 2023年6月12日 记者 王丽 通讯员 陈涛\n\n昨天,项目签约仪式举行。",
                 None, date(2023, 6, 12), "dateline", id="a simplified 本报讯 line with only date and names is a dateline"),
    pytest.param("钱塘区2022年国民经济和社会发展统计公报\n钱塘区统计局\n(2023年3月30日)\n\n2022年,全区经济稳中有进。",
                 None, date(2023, 3, 30), "dateline", id="a date alone in brackets under a bulletin's title"),
    pytest.param("关于做好2024年防汛工作的通知\n钱塘区人民政府办公室 2024年8月2日 10:15 浏览次数:\n\n各街道:",
                 None, date(2024, 8, 2), "dateline", id="an office line with a Chinese-form date and a time"),
    pytest.param("杭州市一九九五年统计公报\n扫描上传日期:2021-04-08 原刊于《杭州日报》1996年2月28日第三版\n\n"
                 "一九九五年,全市经济稳步发展。", None, date(1996, 2, 28), "original",
                 id="原刊于 a paper on a date beats a scan-and-upload date"),
    pytest.param("盐碱地上种出致富果\n\n二十年前,这里还是一片滩涂。\n(原载《钱江晚报》2018年5月3日)",
                 None, date(2018, 5, 3), "original", id="an 原载 note at the foot of a reprint"),
    pytest.param("金沙湖畔新地标启用\n来源:钱塘新区报 2022-10-31 发布时间:2022-11-02 08:00\n\n正文从这里开始。",
                 None, date(2022, 10, 31), "original", id="来源 a paper with its date beats the portal's posting time"),
    pytest.param("老照片里的下沙\n入库时间:2020-05-06\n\n照片摄于建区之初,记录了当年的农田与河道。",
                 None, date(2020, 5, 6), "archive", id="an archive date is used only when nothing else dates the page"),
    pytest.param("老照片里的下沙\n入库时间:2020-05-06\n\n照片摄于建区之初。\n",
                 "https://example.cn/2019/03/01/a.html", date(2019, 3, 1), "url",
                 id="a URL date beats an archive date"),
    pytest.param("钱塘县一九九七年统计公报\n扫描日期:2020-11-02 原载《钱塘报》一九九八年二月二十六日第一版\n\n"
                 "一九九七年,全县经济平稳发展。", None, date(1998, 2, 26), "original",
                 id="an 原载 note with a date in Chinese numerals beats a scan date"),
    pytest.param("下沙报\n一九九九年十月一日 星期五\n\n国庆五十周年,开发区举行升旗仪式。", None, date(1999, 10, 1),
                 "masthead", id="a masthead in Chinese numerals with its weekday"),
    pytest.param("江东大桥主体完工\n钱江晚报讯(记者 周宁)2023年9月8日\n\n昨天,大桥最后一段箱梁合龙。", None,
                 date(2023, 9, 8), "dateline", id="another paper's 报讯 line with reporter and date is a dateline"),
    pytest.param("老街旧影\n上传时间:2021年4月8日\n\n照片摄于上世纪八十年代,街口还是一片稻田。", None,
                 date(2021, 4, 8), "archive", id="an upload date written like a masthead is still only an archive date"),
    pytest.param("區內新增三條公交線路\n發佈日期：２０２４年５月２日\n\n區交通局昨日公佈，新線路下月開通。", None,
                 date(2024, 5, 2), "dateline", id="a traditional full-width 發佈日期 line is a dateline, not a masthead"),
]


@pytest.mark.parametrize("text, url, expected, source", CUES)
def test_the_strongest_cue_gives_the_date(text, url, expected, source):
    assert find_publication_date(text, url=url) == (expected, source)


# --- bounded work per date: the look-ups read a bounded window, never the whole prefix ---------

def _quoted_brute_force(sentence: str, term: str) -> bool:
    return f"“{term}”" in sentence or f'"{term}"' in sentence


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="“”\"「」a会b", max_size=40), st.text(alphabet="“a会b", min_size=2, max_size=6))
def test_quoted_terms_of_a_sentence_are_the_terms_it_quotes(sentence, term):
    assert (term in _quoted_terms(sentence)) == _quoted_brute_force(sentence, term)


def test_a_relative_day_far_into_a_long_text_still_finds_its_dated_event():
    filler = "园区企业持续推进项目建设。" * 4000          # 52,000 characters of other sentences
    text = ("钱塘于2025年2月6日召开“新春第一会”。" + filler +
            "昨天的“新春第一会”释放了信号。")
    assert infer_date(text) == date(2025, 2, 7)


def test_a_date_on_a_line_longer_than_the_reach_is_no_dateline():
    long_line = "发布日期:2024-07-03 " + "说明" * (LINE_REACH // 2 + 10)
    assert dateline_date(long_line) is None
    assert dateline_date("发布日期:2024-07-03\n" + long_line[20:]) == date(2024, 7, 3)
