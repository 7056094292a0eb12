"""The dashboard end to end: a warehouse built by the real ETL, the real Streamlit server,
Chromium driven by playwright. What the pages show is checked against the warehouse itself.

The tests share one server and run in file order; the upload test adds documents and the
correction test, which changes the data, comes last. Screenshots of every page in both
languages are saved under tests/output/screenshots/.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, quote, urlparse

import duckdb
import pytest

import e2e_support as e2e

pytestmark = pytest.mark.e2e

INDICATOR = "规上工业总产值"
REGION = "钱塘区"
DISTRICT_YEARS = [2021, 2022, 2023, 2024, 2025]
# The correction test fixes the reported 2024 figure (3,700 亿元) to 3,750 亿元.
CORRECTED_YEAR = 2024
CORRECTED_VALUE = 375_000_000_000.0
PAGES = ("overview", "trends", "explore", "article", "review", "upload")
ERROR_BOXES = '[data-testid="stException"], [data-testid="stAlertContentError"]'
#: Card texts that must never be cut short (titles, periods, values).
CARD_TEXT = ('[class*="st-key-card_"] [data-testid="stMetricValue"], '
             '[class*="st-key-card_"] [data-testid="stMetricLabel"], '
             '[class*="st-key-card_"] [data-testid="stMarkdownContainer"] p')


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    folder = tmp_path_factory.mktemp("e2e")
    db, corrections = folder / "w.duckdb", folder / "corrections.jsonl"
    e2e.run_etl(db, corrections)
    return db, corrections


@pytest.fixture(scope="module")
def server(warehouse, tmp_path_factory):
    db, corrections = warehouse
    log = tmp_path_factory.mktemp("e2e_log") / "streamlit.log"
    with e2e.streamlit_server(db, corrections, log) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    if not e2e.CHROMIUM.exists():
        pytest.skip(f"{e2e.CHROMIUM} is missing: install Debian's chromium to run the browser test")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(e2e.CHROMIUM), args=e2e.CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True,
                              locale="zh-CN")
    ctx.set_default_timeout(e2e.TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


def charted_series(db, years=None) -> dict[str, tuple[int, float]]:
    """What the Trends chart should draw for the district's output, read from the warehouse:
    {mention_key: (year, value)} of the chosen reported value per year and the latest
    forecast/target."""
    lo, hi = years or (0, 9999)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("""
            SELECT mention_key, year, value FROM series
            WHERE indicator = ? AND subject = ? AND year BETWEEN ? AND ?
              AND ((kind = 'actual' AND is_chosen) OR (kind <> 'actual' AND is_latest_of_kind))""",
                           [INDICATOR, REGION, lo, hi]).fetchall()
    return {key: (int(year), float(value)) for key, year, value in rows}


def article_of(db, mention_key: str) -> tuple[str, str]:
    """(article id as the dashboard's URLs write it, the mention's source text)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(
            "SELECT substr(doc_id, 1, 16) || '-' || article_index, text FROM mentions_effective "
            "WHERE mention_key = ?", [mention_key]).fetchone()


def chart_keys(traces) -> dict[str, int]:
    return {key: int(year) for t in traces for key, year in zip(t["keys"], t["x"])}


def open_trends(page, url: str) -> list[dict]:
    e2e.open_page(page, url, ".st-key-trend_chart .js-plotly-plot")
    return e2e.wait_for_traces(page, lambda ts: all(INDICATOR in t["name"] for t in ts),
                               f"the Trends chart should draw {INDICATOR}")


def test_trends_opens_on_the_district_output_series_from_2021_to_2025(server, context, warehouse):
    page = context.new_page()
    traces = open_trends(page, f"{server}/trends")
    expected = charted_series(warehouse[0])
    assert chart_keys(traces) == {key: year for key, (year, _) in expected.items()}
    assert sorted({year for _, (year, _) in expected.items()}) == DISTRICT_YEARS
    assert {t["name"].split(" · ")[0] for t in traces} == {INDICATOR}
    legend = page.locator(".st-key-trend_chart .legend").text_content()
    assert INDICATOR in legend
    assert INDICATOR in page.locator(".st-key-trend_indicators").inner_text()
    assert e2e.slider_values(page, "years") == (2021, 2025)
    assert page.locator(ERROR_BOXES).count() == 0


def test_year_filter_narrows_the_chart_and_the_csv_and_the_copied_url_reopens_it(
        server, context, warehouse):
    page = context.new_page()
    open_trends(page, f"{server}/trends")
    start = page.locator(".st-key-years input[type=range]").nth(0)
    start.focus()
    for _ in range(2):   # 2021 -> 2023, one rerun per step
        start.press("ArrowRight")
        e2e.settle(page)
    expected = charted_series(warehouse[0], (2023, 2025))
    traces = e2e.wait_for_traces(
        page, lambda ts: set(chart_keys(ts)) == set(expected),
        "after moving the year range to 2023–2025 the chart should keep only those years")
    assert sorted(set(chart_keys(traces).values())) == [2023, 2024, 2025]
    assert e2e.slider_values(page, "years") == (2023, 2025)
    params = parse_qs(urlparse(page.url).query)
    assert params["years"] == ["2023", "2025"]

    name, data = e2e.download(page, page.locator(".st-key-trend_download_download_full_csv button").click)
    assert name == "series_reports.csv"
    assert data[:3] == b"\xef\xbb\xbf", "the CSV starts with a UTF-8 BOM for spreadsheets"
    rows = list(__import__("csv").DictReader(__import__("io").StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0])[:6] == ["indicator", "indicator_en", "indicator_id", "subject", "measure", "unit"] \
        or list(rows[0])[:3] == ["indicator", "indicator_en", "subject"]
    assert {int(r["year"]) for r in rows} == {2023, 2024, 2025} and {r["indicator"] for r in rows} == {INDICATOR}
    assert set(expected) <= {r["mention_key"] for r in rows}
    name, data = e2e.download(page, page.locator(".st-key-trend_download_download_wide_csv button").click)
    wide = data.decode("utf-8-sig").splitlines()
    assert wide[0] == f"期间,{INDICATOR} (元),{INDICATOR} · 预计 (元),{INDICATOR} · 目标 (元)"
    assert [line.split(",")[0] for line in wide[1:]] == ["2023", "2024", "2025"]

    # The copied link, opened in a fresh page (a new session), brings the same view back.
    again = context.new_page()
    copied = open_trends(again, page.url)
    assert e2e.slider_values(again, "years") == (2023, 2025)
    assert INDICATOR in again.locator(".st-key-trend_indicators").inner_text()
    assert e2e.points_of(copied) == e2e.points_of(e2e.trend_traces(page))


def test_clicking_a_chart_point_opens_its_article_with_the_number_highlighted(
        server, context, warehouse):
    page = context.new_page()
    traces = open_trends(page, f"{server}/trends")
    reported = next(t for t in traces if t["keys"] and t["name"].endswith("实际"))
    # 2024: a year where no forecast or target marker lies on top of the reported one
    index = reported["x"].index(2024)
    key, label = reported["keys"][index], reported["labels"][index]
    point = page.locator(".st-key-trend_chart .scatterlayer .trace") \
        .nth(traces.index(reported)).locator(".points .point").nth(index)
    point.click(force=True)
    page.wait_for_url(re.compile(r"/article\?"), timeout=e2e.TIMEOUT_MS)
    page.wait_for_selector(".st-key-article_text mark")
    e2e.settle(page)
    params = parse_qs(urlparse(page.url).query)
    assert params["mention"] == [key]
    article_id, text = article_of(warehouse[0], key)
    assert params["article"] == [article_id]
    picked = page.locator(".st-key-article_text mark[style*='outline']")
    assert picked.count() == 1, "the number opened from the chart is outlined"
    assert picked.inner_text() == text
    note = page.locator('[data-testid="stAlert"]').filter(has_text=INDICATOR)
    assert note.count() == 1 and label in note.inner_text(), "the picked number is named above the text"
    assert page.locator(".st-key-article_text mark").count() > 1


def test_the_point_selector_opens_the_article_of_the_picked_year(server, context, warehouse):
    page = context.new_page()
    traces = open_trends(page, f"{server}/trends")
    key = next(k for t in traces for k, year in zip(t["keys"], t["x"]) if year == 2022)
    e2e.choose(page, "trend_point", "2022年")
    page.wait_for_url(re.compile(rf"mention={key}"), timeout=e2e.TIMEOUT_MS)
    picked = page.locator(".st-key-article_text mark[style*='outline']")
    picked.wait_for()
    assert picked.count() == 1
    assert parse_qs(urlparse(page.url).query)["article"] == [article_of(warehouse[0], key)[0]]


def test_trends_draws_like_a_grapher_and_exports_png_and_svg(server, context):
    page = context.new_page()
    open_trends(page, f"{server}/trends")
    alone = dict(e2e.plot_layout(page, "trend_chart")["colors"])
    # A second indicator, in yuan and in percent: a second panel on the same year axis.
    both = f"{server}/trends?trend_indicators={quote('工业 Industry · ' + INDICATOR)}" \
           f"&trend_indicators={quote('消费 Consumption · 综合体销售额')}"
    e2e.open_page(page, both, ".st-key-trend_chart .js-plotly-plot")
    e2e.wait_for_traces(page, lambda ts: any("综合体销售额" in t["name"] for t in ts),
                        "the second indicator should be drawn")
    layout = e2e.plot_layout(page, "trend_chart")
    colors = dict(layout["colors"])
    for name, color in alone.items():      # the first series keeps its colour
        assert colors[name] == color, name
    assert len({c for n, c in colors.items() if "综合体销售额" in n} & set(alone.values())) == 0
    units = [a["text"] for a in layout["annotations"]]
    assert units == ["<b>%</b>", "<b>亿元</b>"], units
    assert all(not a["angle"] for a in layout["annotations"]), "units are written horizontally"
    ranges = {tuple(axis["range"]) for axis in layout["axes"]}
    assert len(layout["axes"]) == 2 and len(ranges) == 1, "both panels share one year axis"
    assert INDICATOR in layout["title"] and "钱塘区" in layout["title"]
    labels = page.locator(".st-key-trend_chart .textpoint").all_text_contents()
    assert "3,700" in labels, "few points: the values are written beside them"
    e2e.full_screenshot(page, "trends_two_units_zh")

    # The wide table: one row per year, in order, the values written out.
    page.get_by_role("tab", name="表格").click()
    e2e.settle(page)
    cells = e2e.grid_cells(page, "trend_wide")
    years = [c for c in cells if re.fullmatch(r"20\d\d", c)]
    assert years == sorted(years) and years[0] == "2021" and "3,700亿元" in cells
    assert "trend_tab" in page.url, "the open tab is in the URL"
    page.get_by_role("tab", name="图表").click()
    e2e.settle(page)

    # Plotly's own export: PNG, then SVG with the Chinese text in it.
    chart = page.locator(".st-key-trend_chart .js-plotly-plot")
    chart.hover()
    name, png = e2e.download(page, page.locator('.st-key-trend_chart [data-title^="Download plot"]').click)
    assert name == "trend.png" and png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    page.locator(".st-key-trend_image button").filter(has_text="SVG").click()
    e2e.settle(page)
    from playwright.sync_api import expect
    expect(chart).to_have_count(1, timeout=e2e.TIMEOUT_MS)   # the chart of the run before is gone
    chart.hover()
    name, svg = e2e.download(page, page.locator('.st-key-trend_chart [data-title^="Download plot"]').click)
    text = svg.decode("utf-8")
    assert name == "trend.svg" and text.lstrip().startswith("<svg")
    assert INDICATOR in text and "Noto Sans CJK SC" in text, "the Chinese text and its font travel with it"


def test_one_indicator_is_compared_across_regions_and_mapped_offline(server, context):
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(server) and not r.url.startswith(("data:", "blob:")) else None)
    compare = (f"{server}/trends?trend_mode={quote('多个对象 · Subjects')}"
               f"&compare_indicator={quote('就业 Labour & employment · 建筑工人居住登记办理量')}")
    e2e.open_page(page, compare, ".st-key-trend_chart .js-plotly-plot")
    traces = e2e.wait_for_traces(page, lambda ts: len({t['name'].split(' · ')[0] for t in ts}) >= 2,
                                 "both regions should be drawn")
    names = {t["name"] for t in traces}
    assert any("钱塘区" in n for n in names) and any("杭州市" in n for n in names)
    assert "钱塘区 · 杭州市 · 浙江省" in page.locator('[data-testid="stMain"]').inner_text()
    e2e.full_screenshot(page, "trends_compare_regions_zh")
    for lang, tab in (("zh", "地图"), ("en", "Map")):
        url = compare + ("&lang=English" if lang == "en" else "") + f"&trend_tab={quote(tab)}"
        e2e.open_page(page, url, ".st-key-trend_map .js-plotly-plot")
        drawn = page.locator(".st-key-trend_map .js-plotly-plot").text_content()
        assert "钱塘区" in drawn and ("4,000人" in drawn if lang == "zh" else "4,000 persons" in drawn)
        assert "萧山区" in drawn, "the other districts of the city are drawn faint around it"
        # 杭州市 counts 人次, not 人: not on the same map, but named below it
        assert "杭州市" in page.locator('[data-testid="stMain"]').inner_text().split(drawn[:5])[-1]
        assert page.locator(".st-key-trend_map .geolayer > *, .st-key-trend_map .mapboxgl-map").count() == 0
        e2e.full_screenshot(page, f"trends_map_{lang}")
    assert outside == [], f"the map fetched {outside}"


def test_the_overview_is_a_briefing_with_periods_and_nothing_cut_in_either_language(server, context):
    page = context.new_page()
    e2e.open_page(page, f"{server}/", '[data-testid="stMetric"]')
    main = page.locator('[data-testid="stMain"]')
    text = main.inner_text()
    visits = page.locator('[class*="st-key-card_"]').filter(has_text="接待游客").first.inner_text()
    assert "2025年春节" in visits and "32.5万人次" in visits and "+27.45%" in visits
    headings = page.locator("h4").all_inner_texts()
    assert headings[:2] == ["工业", "投资"] and "文旅" in headings
    assert e2e.clipped(page, CARD_TEXT) == []
    cards = page.locator('[class*="st-key-card_"]').count()
    page.locator(".st-key-overview_all label").click()
    e2e.settle(page)
    page.wait_for_function(f"() => document.querySelectorAll('[class*=\"st-key-card_\"]').length > {cards}")
    assert "overview_all=true" in page.url
    assert "留杭过年人数" in main.inner_text() and "留杭过年人数" not in text, "show all hides nothing"
    assert page.locator("[data-testid=stMetric] [data-testid=stMetricValue]").count() > cards - 1
    e2e.open_page(page, f"{server}/?lang=English", '[data-testid="stMetric"]')
    english = page.locator('[data-testid="stMain"]').inner_text()
    assert "CNY 400 bn" in english and "Spring Festival 2025" in english
    assert "325,000 person-times" in english
    values = page.locator("[data-testid=stMetricValue]").all_inner_texts()
    assert values and not [v for v in values if "亿" in v or "万" in v], values
    assert e2e.clipped(page, CARD_TEXT) == []


def test_explore_facets_filter_when_clicked_and_sort_and_search_live_in_the_url(server, context):
    page = context.new_page()
    e2e.open_page(page, f"{server}/explore", ".st-key-facet_topic button")
    total = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="共").inner_text()
    page.locator(".st-key-facet_topic button").filter(has_text="工业 ·").first.click()
    page.wait_for_function("() => location.search.includes('topic=')")
    page.locator('[data-testid="stCaptionContainer"]').filter(has_text="共 14 条").wait_for()
    e2e.settle(page)
    assert parse_qs(urlparse(page.url).query)["topic"] == ["工业 Industry"]
    assert "工业" in page.locator(".st-key-topic").inner_text(), "the sidebar filter follows"
    assert "共 14 条" not in total
    e2e.choose(page, "sort", "数值")
    page.wait_for_function("() => location.search.includes('sort=')")
    e2e.settle(page)
    assert parse_qs(urlparse(page.url).query)["sort"] == ["数值 Value"]
    assert page.locator('[data-testid="stDownloadButton"]').count() == 3, "one row of downloads"
    page.locator(".st-key-q input").fill("_")
    page.locator(".st-key-q input").press("Enter")
    e2e.settle(page)
    message = page.locator('[data-testid="stAlert"]').filter(has_text="没有与")
    message.wait_for()
    assert "“_”" in message.inner_text() or "_" in message.inner_text()
    e2e.settle(page)   # the grid of the previous run goes when this run ends: no empty grid
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stDataFrame\"]')")
    e2e.full_screenshot(page, "explore_no_match_zh")


def test_add_articles_names_duplicates_and_failures_and_reports_in_chinese(server, context, warehouse,
                                                                           tmp_path):
    db = warehouse[0]
    uploads = db.parent / "uploads"
    page = context.new_page()
    e2e.open_page(page, f"{server}/upload", '[data-testid="stFileUploaderDropzone"]')
    button = page.locator('[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p')
    assert page.evaluate("e => getComputedStyle(e, '::after').content", button.element_handle()) == '"选择文件"'
    page.locator(".st-key-upload_run button").click()
    page.locator('[data-testid="stAlert"]').filter(has_text="还没有选择文件").wait_for()

    def runs() -> int:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT count(*) FROM runs").fetchone()[0]

    before = runs()
    copy = tmp_path / "renamed_copy.txt"
    copy.write_bytes((e2e.ROOT / "data" / "articles" / "003_f21dfc14c585a82d.txt").read_bytes())
    garbage = tmp_path / "scan.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', [str(copy), str(garbage)])
    page.locator(".st-key-upload_run button").click()
    page.locator('[data-testid="stAlert"]').filter(has_text="scan.pdf").wait_for()
    e2e.settle(page)
    shown = page.locator('[data-testid="stMain"]').inner_text()
    assert "renamed_copy.txt 与已加载的 003_f21dfc14c585a82d.txt 内容相同" in shown
    assert "无法读取 scan.pdf" in shown
    assert runs() == before, "nothing loaded: no new run"
    assert not uploads.exists() or not [p for p in uploads.rglob("*") if p.is_file()], "no stray upload"

    note = tmp_path / "快讯.md"
    note.write_text("# 园区快讯\n\n钱塘新区报 2025年3月1日\n\n今年前两个月，钱塘区新增市场主体1400户。\n",
                    encoding="utf-8")
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', [str(note)])
    page.locator(".st-key-upload_run button").click()
    success = page.locator('[data-testid="stAlertContentSuccess"]')
    success.wait_for()
    assert "已加载 1 个文件" in success.inner_text()
    e2e.settle(page)
    assert runs() == before + 1
    assert [p.name for p in uploads.rglob("*.md")] == ["快讯.md"]
    e2e.full_screenshot(page, "upload_result_zh")


def test_every_page_shows_real_data_in_both_languages_without_error_boxes(server, context):
    page = context.new_page()
    ready = {"overview": '[data-testid="stMetric"]', "trends": ".js-plotly-plot",
             "explore": "[data-testid=\"stDataFrame\"] canvas", "article": ".st-key-article_text mark",
             "review": ".st-key-review_form", "upload": "[data-testid=\"stForm\"]"}
    english = {"overview": "Key indicators of", "trends": "Trends", "explore": "Full-text search",
               "article": "Article", "review": "mentions to review", "upload": "Add articles"}
    for lang in ("zh", "en"):
        for name in PAGES:
            path = "" if name == "overview" else name   # the default page lives at the root URL
            e2e.open_page(page, f"{server}/{path}" + ("?lang=English" if lang == "en" else ""), ready[name])
            assert page.locator(ERROR_BOXES).count() == 0, f"the {name} page shows an error box"
            assert page.locator('[role="dialog"]').count() == 0, f"the {name} page opens a dialog"
            if lang == "en":
                assert english[name] in page.locator('[data-testid="stMain"]').inner_text()
            path = e2e.full_screenshot(page, f"{name}_{lang}")
            assert path.stat().st_size > 20_000
    # the English tables carry indicator_en and English units; no "Select all" in a filter
    e2e.open_page(page, f"{server}/explore?lang=English", "[data-testid=\"stDataFrame\"] canvas")
    cells = page.locator("[role=gridcell]").all_inner_texts()
    assert "industrial output above designated size" in cells and "CNY 400 bn" in cells
    page.locator(".st-key-topic input").click()
    options = page.locator('[role="option"]').all_inner_texts()
    assert options and not [o for o in options if "Select all" in o]


def test_a_correction_saved_in_review_changes_the_chart_and_survives_an_etl_rerun(
        server, context, warehouse):
    db, corrections = warehouse
    with duckdb.connect(str(db), read_only=True) as con:
        key, text = con.execute(
            "SELECT mention_key, text FROM mentions WHERE indicator = ? AND subject = ? AND year = ? "
            "AND qualifier NOT IN ('target', 'forecast')", [INDICATOR, REGION, CORRECTED_YEAR]).fetchone()
        latest = con.execute("SELECT mention_key FROM series WHERE indicator = ? AND subject = ? AND "
                             "year = 2025 AND kind = 'actual' AND is_chosen", [INDICATOR, REGION]).fetchone()[0]
    page = context.new_page()
    before = open_trends(page, f"{server}/trends")
    reported = next(t for t in before if t["name"].endswith("实际"))
    assert (CORRECTED_YEAR, 3700) in e2e.points_of([reported])[reported["name"]]

    # No change is shown as such: grey, no arrow (the 2024 value set to the 2025 one, then undone).
    e2e.open_page(page, f"{server}/review?mention={key}", ".st-key-review_form")
    assert page.locator(".review-sentence mark").inner_text() == text, "the number is marked in its sentence"
    assert re.search(r"待审核 \d+ 条", page.locator("[data-testid=stMain] h3").first.inner_text())
    page.locator(".st-key-review_action label").filter(has_text="更正").click()
    e2e.settle(page)
    page.locator(".st-key-review_number input").fill("4000")
    page.locator(".st-key-review_number input").press("Enter")
    e2e.settle(page)
    page.locator(".st-key-review_form").filter(has_text="400,000,000,000 元").wait_for()
    page.locator(".st-key-review_save button").click()
    saved = page.locator('[data-testid="stAlertContentSuccess"]')
    saved.wait_for()
    assert "已更正：规上工业总产值 · 钱塘区 · 2024年 · 3,700亿元 → " in saved.inner_text()
    assert key not in saved.inner_text(), "a confirmation in words, not a key"
    e2e.settle(page)
    from playwright.sync_api import expect
    expect(page.locator(".st-key-review_action input[type=radio]").first).to_be_checked()   # reset
    e2e.open_page(page, f"{server}/", '[data-testid="stMetric"]')
    card = page.locator('[class*="st-key-card_"]').filter(has_text=INDICATOR).first
    assert "持平" in card.inner_text()
    assert card.locator('[data-testid^="stMetricDeltaIcon"]').count() == 0, "no arrow for no change"
    e2e.full_screenshot(page, "overview_no_change_zh")

    # The history of the mention, and undo as a new line of the store.
    e2e.open_page(page, f"{server}/review?mention={key}", ".st-key-review_form")
    page.locator(".st-key-review_history_undo button").click()
    page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="已撤销").wait_for()
    lines = [json.loads(line) for line in corrections.read_text(encoding="utf-8").splitlines()]
    assert [line["action"] for line in lines] == ["override", "restore"]

    # The real correction: 3,750 亿元, typed as it is shown.
    e2e.settle(page)
    page.locator(".st-key-review_action label").filter(has_text="更正").click()
    e2e.settle(page)
    assert page.locator(".st-key-review_number input").input_value() == "3700"
    page.locator(".st-key-review_number input").fill("3750")
    page.locator(".st-key-review_number input").press("Enter")
    e2e.settle(page)
    # typed in 亿, saved in 元: the conversion is shown before saving
    page.locator(".st-key-review_form").filter(has_text="375,000,000,000 元（即 3,750亿元）").wait_for()
    page.locator(".st-key-review_note input").fill("e2e: the page reported 3750")
    page.locator(".st-key-review_note input").press("Enter")
    e2e.settle(page)
    page.locator(".st-key-review_save button").click()
    page.locator('[data-testid="stAlertContentSuccess"]').filter(has_text="3,750亿元").wait_for()
    e2e.full_screenshot(page, "review_saved_zh")
    saved = [json.loads(line) for line in corrections.read_text(encoding="utf-8").splitlines()]
    assert saved[-1]["action"] == "override"
    assert saved[-1]["mention_key"] == key
    assert saved[-1]["fields"]["value"] == CORRECTED_VALUE

    def shows_correction(traces):
        return any(k == key and x == CORRECTED_YEAR and abs(y - 3750) < 0.01
                   for t in traces for k, x, y in zip(t["keys"], t["x"], t["y"]))

    open_trends(page, f"{server}/trends")
    e2e.wait_for_traces(page, shows_correction, "the corrected value should be charted")

    summary = e2e.run_etl(db, corrections)
    assert "published" in summary or "left as it was" in summary
    page.reload()
    page.wait_for_selector(".js-plotly-plot")
    e2e.settle(page)
    traces = e2e.wait_for_traces(page, shows_correction,
                                 "the correction should survive a new ETL run")
    reported = next(t for t in traces if t["name"].endswith("实际"))
    assert (CORRECTED_YEAR, 3750) in e2e.points_of([reported])[reported["name"]]
    assert latest
