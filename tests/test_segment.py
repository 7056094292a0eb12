"""Page -> articles on the five sample pages: headlines, bylines, masthead, column breaks, jumps."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.ingest import read_document
from etl.models import Document
from etl.normalize import canonical
from etl.segment import split_articles

ARTICLES = Path(__file__).resolve().parent.parent / "data" / "articles"
PAGES = sorted(ARTICLES.glob("*.txt"))


def _doc(prefix: str) -> Document:
    return read_document(next(ARTICLES.glob(f"{prefix}_*.txt")))


def _text_doc(text: str) -> Document:
    return Document(path="page.txt", name="page.txt", text=text, content_hash="", encoding="utf-8",
                    format="text")


def _article(articles, headline_start: str):
    return next(a for a in articles if a.headline.startswith(headline_start))


HEADLINES = [
    pytest.param("004", 0, "金承涛在钱塘(新)区科技创新引领新型工业化高质量发展大会上强调 以科技创新引领新型工业化发展 "
                           "推动新型工业化钱塘范例出新出彩", "首席记者 赵一霖",
                 id="004 opens with the 科技创新 conference, Markdown heading joined into one headline"),
    pytest.param("004", 2, "金承涛在督导中央环保督察问题整改工作时强调 强化机制攻坚克难 积极推进生态环境保护", "记者 陈晓",
                 id="004 joins a kicker (##) and a main headline (#)"),
    pytest.param("000", 1, "大抓落实争一流 钱塘“新春第一会”释放哪些信号?", "杭州日报记者 史俊杰",
                 id="000 headline ending in a question mark, byline without 本报讯"),
    pytest.param("000", 6, "32.5万人次涌入 销售额同比增长10% 钱塘文旅商融合显活力", "记者 雷秋红 诸苏壹",
                 id="000 two-line headline before 本报讯(记者 …)"),
    pytest.param("001", 0, "学习贯彻区委一届十次全会精神 培育新质生产力 塑造发展新优势", "记者 郝爽",
                 id="001 kicker and headline before ■记者"),
    pytest.param("001", 1, "杭州市钱塘区人民代表大会常务委员会 关于补选杭州市钱塘区第一届 人民代表大会代表的决定", None,
                 id="001 a decision whose headline is followed by its (adopted on …) note"),
    pytest.param("001", 3, "踏踏实实 久久为功 未来可期 ——论学习贯彻区委一届十次全会精神系列评论之三", "钱塘平",
                 id="001 commentary with subtitle and □ pen name"),
    pytest.param("002", 5, "深入实施产业立区战略 加快构建钱塘特色现代化产业体系", "钱闻",
                 id="002 commentary whose headline the OCR put below its text"),
    pytest.param("002", 7, "中国人民政治协商会议第一届杭州市钱塘区委员会常务委员会工作报告 "
                           "——2026年2月3日在政协第一届杭州市钱塘区委员会第六次会议上", "陈金泉",
                 id="002 report with subtitle and the speaker's name as byline"),
    pytest.param("003", 3, "河庄1500余户居民抽号分房 预计今日全面完成", "记者 董笑瑜 通讯员 高佳美",
                 id="003 headline holding a number"),
]


@pytest.mark.parametrize("prefix, index, headline, byline", HEADLINES)
def test_headlines_and_bylines_of_the_sample_pages(prefix, index, headline, byline):
    article = split_articles(_doc(prefix))[index]
    assert (article.headline, article.byline) == (headline, byline)


@pytest.mark.parametrize("prefix, count", [
    pytest.param("000", 8, id="000 has 8 articles"),
    pytest.param("001", 9, id="001 has 9 articles"),
    pytest.param("002", 8, id="002 has 8 articles"),
    pytest.param("003", 7, id="003 has 6 stories and one 导读 box holding its three entries"),
    pytest.param("004", 7, id="004 has 7 articles"),
])
def test_each_sample_page_splits_into_its_articles(prefix, count):
    articles = split_articles(_doc(prefix))
    assert len(articles) == count
    assert [a.index for a in articles] == list(range(count))
    assert all(a.start < a.end for a in articles)


@pytest.mark.parametrize("page", PAGES, ids=[p.name[:3] for p in PAGES])
def test_every_body_character_maps_back_to_the_same_character_in_the_file(page):
    doc = read_document(page)
    for article in split_articles(doc):
        body = article.body
        assert len(body.offsets) == len(body.text) + 1
        for i, char in enumerate(body.text):
            source = doc.text[body.offsets[i]]
            assert char == canonical(source) or (char == "\n" and source.isspace()), (article.index, i)


@pytest.mark.parametrize("page", PAGES, ids=[p.name[:3] for p in PAGES])
def test_no_text_outside_the_masthead_is_dropped(page):
    doc = read_document(page)
    articles = split_articles(doc)
    covered = bytearray(len(doc.text))
    for article in articles:
        covered[article.start:article.end] = b"\x01" * (article.end - article.start)
    outside = "".join(c for i, c in enumerate(doc.text[articles[0].start:]) if not covered[articles[0].start + i])
    assert outside.strip() == ""
    before = doc.text[:articles[0].start]
    assert "本报讯" not in before and "。" not in before


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_the_masthead_is_not_part_of_any_article(prefix):
    doc = _doc(prefix)
    for article in split_articles(doc):
        text = doc.text[article.start:article.end]
        for masthead_word in ("投稿邮箱", "QIANTANG NEW AREA DAILY", "征订服务热线", "总第", "主办"):
            assert masthead_word not in text


COLUMN_BREAKS = [
    pytest.param("001", "制造业投资总量跃居全省\n\n第一", "制造业投资总量跃居全省第一", id="跃居全省 / 第一"),
    pytest.param("000", "全市开发区(区)\n\n区)", "全市开发区(区)区)综合考核先进单位", id="全市开发区(区) / 区)"),
    pytest.param("004", "今年是实施“55830”\n\n三年", "今年是实施“55830”三年行动方案的第一年", id="a quote closing before the break"),
    pytest.param("003", "准备\n\n\n\n的分房礼品", "河庄街道准备的分房礼品", id="a wide gap inside a sentence"),
]


@pytest.mark.parametrize("prefix, in_file, in_body", COLUMN_BREAKS)
def test_paragraphs_broken_by_a_column_break_are_joined(prefix, in_file, in_body):
    doc = _doc(prefix)
    assert in_file in doc.text
    found = [a for a in split_articles(doc) if in_body in a.body.text]
    assert len(found) == 1
    body = found[0].body
    start = body.text.index(in_body)
    span = body.source_span(start, start + len(in_body))
    assert doc.text[span[0]:span[1]].replace("\n", "") == in_body


def test_subheads_stay_inside_their_article():
    articles = split_articles(_doc("000"))
    meeting = _article(articles, "大抓落实争一流")
    for subhead in ("关键词一:“满塘彩”", "关键词二:“共同富裕”", "关键词三:“人工智能”"):
        assert subhead in meeting.body.text
    assert not any(a.headline.startswith("关键词") for a in articles)


def test_a_lead_without_headline_opens_its_own_article():
    second = split_articles(_doc("004"))[1]
    assert second.headline == "7日,新区党委书记、区委书记金承涛在专题调研民营…" and second.byline == "首席记者 赵一霖"
    assert second.body.text.startswith("本报讯(首席记者 赵一霖)7日,新区党委书记、区委书记金承涛在专题调研民营企业时强调")


def test_a_photo_caption_after_a_wide_gap_is_its_own_article():
    caption = split_articles(_doc("001"))[7]
    assert caption.byline == "文/摄影 记者 朱晟"
    assert caption.body.text.startswith("18日,钱塘芯谷产业社区工作人员")
    assert "文/摄影" not in caption.body.text


def test_jump_markers_are_kept_out_of_the_body_but_inside_the_article():
    doc = _doc("004")
    meeting = _article(split_articles(doc), "区政府党组(扩大)会议")
    assert "(下转第3版)" in doc.text[meeting.start:meeting.end]
    assert "下转" not in meeting.body.text
    assert meeting.body.text.endswith("“暖心”项目、“有感”项目。")


def test_continuations_from_another_page_keep_their_own_headline():
    articles = split_articles(_doc("000"))
    continued = _article(articles, "区委常委会召开")
    assert continued.headline == "区委常委会召开 2024年度民主生活会"
    assert "上接" not in continued.body.text
    assert "金承涛在总结讲话时强调" in continued.body.text


def test_an_article_continued_on_the_same_page_is_one_article():
    page = _doc("004").text
    first = page[page.index("# 区政府党组(扩大)会议"):page.index("## 沈燕俊在调研重点地块")]
    other = page[page.index("## 沈燕俊在专题研究青年主题活动时强调"):]
    continuation = ("区政府党组(扩大)会议、管委会主任办公会议和区政府常务会议召开\n\n"
                    "(上接第1版)会议强调,要提高认识,凝聚共识,把高质量实施“为企办实事”项目作为营造一流营商环境的"
                    "重点内容、关键载体和重要路径,主动服务、靠前服务、精准服务。\n")
    text = first + other + "\n\n" + continuation
    articles = split_articles(_text_doc(text))
    assert len(articles) == 2
    joined = articles[0]
    assert joined.headline == "区政府党组(扩大)会议、管委会主任办公会议和区政府常务会议召开"
    assert joined.start == 0 and joined.end == len(text.rstrip())
    assert "“有感”项目。\n" in joined.body.text and joined.body.text.endswith("精准服务。")
    assert articles[1].headline.startswith("沈燕俊在专题研究青年主题活动时强调")


def test_a_continuation_without_headline_is_not_merged_into_a_jumped_article():
    page = _doc("004").text
    first = page[page.index("# 区政府党组(扩大)会议"):page.index("## 沈燕俊在调研重点地块")]
    continuation = ("(紧接第1版)紧扣反腐败斗争这个艰巨任务,始终保持反腐败高压态势,把严的基调一抓到底。\n")
    articles = split_articles(_text_doc(first + continuation))
    assert [a.headline for a in articles] == ["区政府党组(扩大)会议、管委会主任办公会议和区政府常务会议召开",
                                              "紧扣反腐败斗争这个艰巨任务"]
    assert articles[1].body.text.startswith("紧扣反腐败斗争")


def test_windows_line_endings_give_the_same_articles(tmp_path):
    page = next(ARTICLES.glob("000_*.txt"))
    crlf = tmp_path / page.name
    crlf.write_bytes(page.read_bytes().replace(b"\n", b"\r\n"))
    expected = [(a.headline, a.byline) for a in split_articles(read_document(page))]
    assert [(a.headline, a.byline) for a in split_articles(read_document(crlf))] == expected


def test_a_page_without_structure_is_one_article_holding_all_text():
    text = "春节期间,钱塘累计接待游客32.5万人次,同比增长27.45%。\n"
    [article] = split_articles(_text_doc(text))
    assert article.body.text == text.strip()
    assert article.body.source_span(14, 21) == (14, 21)


@settings(max_examples=60, deadline=None)
@given(page=st.sampled_from(PAGES), cut=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_any_slice_of_a_page_splits_with_exact_offsets(page, cut):
    text = page.read_text(encoding="utf-8")
    start, end = sorted(int(c * len(text)) for c in cut)
    doc = _text_doc(text[start:end])
    for article in split_articles(doc):
        assert 0 <= article.start < article.end <= len(doc.text)
        body = article.body
        assert len(body.offsets) == len(body.text) + 1
        for i, char in enumerate(body.text):
            source = doc.text[body.offsets[i]]
            assert char == canonical(source) or (char == "\n" and source.isspace())


def _page_of(text: str) -> Document:
    return Document(path="page.txt", name="page.txt", text=text, content_hash="0", encoding="utf-8",
                    format="text")


def test_an_index_box_stays_one_article_with_its_entries():
    text = ("区领导调研重点项目建设\n\n本报讯 3日上午,区领导赴江东片区调研重点项目建设,现场察看施工进度。\n\n"
            "本期导读\n\n白杨街道:老旧小区改造惠及三千余户\n\n>>>详见本报第2版\n\n"
            "河庄街道:围垦文化公园开园迎客\n\n>>>详见本报第3版\n")
    articles = split_articles(_page_of(text))
    assert [a.headline for a in articles] == ["区领导调研重点项目建设", "本期导读"]
    assert articles[1].body.text == "本期导读\n白杨街道:老旧小区改造惠及三千余户\n河庄街道:围垦文化公园开园迎客"
    assert articles[1].end == len(text) - 1


@pytest.mark.parametrize("heading", [
    pytest.param("导 读", id="an index heading set with a space between its characters"),
    pytest.param("【导读】", id="an index heading in lenticular brackets"),
    pytest.param("■导读", id="an index heading behind a square marker is no byline"),
    pytest.param("要闻导读", id="a 要闻导读 heading"),
])
def test_index_headings_as_set_on_real_pages_open_one_index_article(heading):
    text = ("江东大桥主体完工\n\n本报讯 8日,江东大桥最后一段箱梁顺利合龙。\n\n"
            f"{heading}\n\n义蓬街道:千亩油菜花田迎来盛花期\n\n>>>详见本报第3版\n\n"
            "临江街道:新建口袋公园6个\n\n>>>详见本报第4版\n")
    articles = split_articles(_page_of(text))
    assert [a.headline for a in articles] == ["江东大桥主体完工", heading]
    assert articles[1].body.text.endswith("义蓬街道:千亩油菜花田迎来盛花期\n临江街道:新建口袋公园6个")


def test_an_index_box_set_as_one_block_stays_apart_from_the_next_article():
    text = ("江东大桥主体完工\n\n本报讯 8日,江东大桥最后一段箱梁顺利合龙。\n\n"
            "导读\n义蓬街道:千亩油菜花田迎来盛花期 >>>详见第3版\n临江街道:新建口袋公园6个 >>>详见第4版\n\n\n\n"
            "居民家门口的文化站开放\n\n本报讯 近日,白杨街道文化站对外开放,日均接待居民300余人次。\n")
    assert [a.headline for a in split_articles(_page_of(text))] == [
        "江东大桥主体完工", "导读", "居民家门口的文化站开放"]


def test_a_page_reference_closing_an_inner_line_keeps_the_lines_after_it():
    text = ("科技大会召开\n\n本报讯 7日,全区科技创新大会召开,5家企业获表彰。(详细报道见第2版)\n"
            "会议强调,今年全区研发投入要增长15%以上。\n")
    [article] = split_articles(_page_of(text))
    assert article.body.text.endswith("(详细报道见第2版)\n会议强调,今年全区研发投入要增长15%以上。")


def test_a_teaser_without_an_index_heading_stays_its_own_article():
    text = ("区领导调研重点项目建设\n\n本报讯 3日上午,区领导赴江东片区调研重点项目建设。\n\n"
            "白杨街道:老旧小区改造惠及三千余户\n\n>>>详见本报第2版\n")
    assert [a.headline for a in split_articles(_page_of(text))] == [
        "区领导调研重点项目建设", "白杨街道:老旧小区改造惠及三千余户"]


@pytest.mark.parametrize("text, headline", [
    pytest.param("本报讯(记者 张敏)5日,下沙街道举办秋季招聘会,120余家企业提供岗位3000余个。\n",
                 "5日,下沙街道举办秋季招聘会", id="a lead without headline: its first clause, byline dropped"),
    pytest.param("【本報訊】第十屆錢塘江國際馬拉松明日開跑，預計兩萬名跑者參賽。\n",
                 "第十屆錢塘江國際馬拉松明日開跑", id="a bracketed traditional lead: its first clause"),
    pytest.param("关于做好2024年度城乡居民医疗保险参保缴费工作的通知\n各街道、各部门:现将有关事项通知如下。\n",
                 "关于做好2024年度城乡居民医疗保险参保缴费工作的通知", id="a title line set without a blank line after it"),
    pytest.param("金沙湖畔的新图书馆昨天正式向市民开放并推出夜间阅读服务\n", "金沙湖畔的新图书馆昨天正式向市民开放并推出夜间阅读服务",
                 id="a short untitled line is its own headline"),
    pytest.param("在钱塘区江东工业园区的一家生物医药企业里科研人员正日夜攻关新型疫苗的关键技术难题。\n",
                 "在钱塘区江东工业园区的一家生物医药企业里科研人员…", id="a long sentence without commas is cut with an ellipsis"),
    pytest.param("钱江晚报讯(记者 周宁)昨天,江东大桥最后一段箱梁顺利合龙,大桥全长2.3公里。\n",
                 "昨天,江东大桥最后一段箱梁顺利合龙", id="another paper's 报讯 lead is dropped like 本报讯"),
])
def test_an_untitled_article_gets_the_lead_of_its_first_sentence_as_headline(text, headline):
    [article] = split_articles(_page_of(text))
    assert article.headline == headline


@pytest.mark.parametrize("text, headline, byline", [
    pytest.param("澄湖秋糧喜獲豐收\n【本報訊】２０２５年１０月８日（星期三）　記者 林嘉慧\n\n今年全區糧食總產量１２．６萬噸。",
                 "澄湖秋糧喜獲豐收", "記者 林嘉慧",
                 id="a traditional 本報訊 dateline under the title is not headline and names the reporter"),
    pytest.param("钱塘区2024年统计公报\n发布日期:2025年3月20日 来源:钱塘区统计局\n\n一、综合\n初步核算,全区生产总值增长6.1%。",
                 "钱塘区2024年统计公报", None, id="a web dateline under the title is not headline"),
    pytest.param("江东新城单元开发启动\n2024-09-03 08:15 来源:钱塘新区报 作者:记者 王倩 通讯员 李涛\n\n正文第一段。",
                 "江东新城单元开发启动", "记者 王倩 通讯员 李涛", id="the reporters named in a web dateline are the byline"),
    pytest.param("关于开展安全生产大检查的通知\n钱塘区应急管理局 2024年6月3日 09:30 浏览次数:\n\n各街道:现将有关事项通知如下。",
                 "关于开展安全生产大检查的通知", None, id="a publisher line with date and time is not headline"),
    pytest.param("江东大桥主体完工\n钱江晚报讯(记者 周宁)2023年9月8日\n\n昨天,大桥最后一段箱梁合龙,全长2.3公里。",
                 "江东大桥主体完工", "记者 周宁", id="another paper's 报讯 line names its reporter in brackets"),
    pytest.param("江东大桥主体完工\n本报讯7月3日(星期三)\n\n昨天,大桥最后一段箱梁合龙,全长2.3公里。",
                 "江东大桥主体完工", None, id="a weekday in brackets after 本报讯 is no reporter"),
])
def test_a_dateline_in_the_headline_block_is_kept_out_of_the_headline(text, headline, byline):
    article = split_articles(_page_of(text))[0]
    assert (article.headline, article.byline) == (headline, byline)


@pytest.mark.parametrize("text, body", [
    pytest.param("本报讯 国庆假期,全区接待游客86.2万人次。其中,江海湿地公园接待游客12.4万人次,\n"
                 "其中,江海湿地公园接待游客12.4万人次,同比增长18.5%。\n",
                 "本报讯 国庆假期,全区接待游客86.2万人次。其中,江海湿地公园接待游客12.4万人次,\n同比增长18.5%。",
                 id="a clause read again at the top of the next line is dropped"),
    pytest.param("本报讯 前三季度,全区完成固定资产投资312.5亿元,同比增长9.1%,\n\n"
                 "全区完成固定资产投资312.5亿元,同比增长9.1%,其中工业投资增长15.3%。\n",
                 "本报讯 前三季度,全区完成固定资产投资312.5亿元,同比增长9.1%,其中工业投资增长15.3%。",
                 id="clauses read again after a column break are dropped"),
    pytest.param("本报讯 今年以来,全区新增市场主体1.2万户,白杨街道新增市场主体1260户\n"
                 "白杨街道新增市场主体1260户数居各街道之首。\n",
                 "本报讯 今年以来,全区新增市场主体1.2万户,白杨街道新增市场主体1260户\n"
                 "白杨街道新增市场主体1260户数居各街道之首。",
                 id="a repeat that is not whole clauses on both sides is kept"),
    pytest.param("本报讯 项目总投资8亿元,同比增长5%,\n同比增长5%,年内投产。\n",
                 "本报讯 项目总投资8亿元,同比增长5%,\n同比增长5%,年内投产。", id="a repeat shorter than twelve characters is kept"),
    pytest.param("本报讯 要压实安全生产责任,守牢安全底线。要压实安全生产责任,守牢安全底线。\n",
                 "本报讯 要压实安全生产责任,守牢安全底线。要压实安全生产责任,守牢安全底线。",
                 id="a repeat inside one line is the writer's, not a column break's"),
])
def test_a_clause_repeated_across_a_break_is_dropped_and_offsets_stay_exact(text, body):
    [article] = split_articles(_page_of(text))
    assert article.body.text == body
    assert all(text[o] == c for c, o in zip(article.body.text, article.body.offsets) if c != "\n")


def test_each_bracketed_item_of_a_news_digest_is_its_own_article():
    text = ("【曲靖】工业用电“开门红”\n\n今年1—2月，曲靖市全社会用电量68.42亿千瓦时，同比增长9.8%。\n\n"
            "【玉溪】玉溪高新区8个重大项目集中开工\n\n3月5日，玉溪高新区8个项目总投资126.8亿元。\n")
    headlines = [a.headline for a in split_articles(_text_doc(text))]
    assert headlines == ["【曲靖】工业用电“开门红”", "【玉溪】玉溪高新区8个重大项目集中开工"]


def test_lines_of_figures_are_one_record_each_not_one_long_sentence():
    from etl.sentences import SentenceIndex
    text = "\n".join(f"第{i}项 产值{i}.5亿元,同比增长{i}.1%" for i in range(1, 6))
    index = SentenceIndex(text)
    third = text.index("第3项")
    assert index.sentence(third)[0] == third
