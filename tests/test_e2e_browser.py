"""The dashboard end to end: a warehouse built by the real ETL, the real Streamlit server,
Chromium driven by playwright. What the pages show is checked against the warehouse itself.

The tests share one server and run in file order; the correction test, which changes the
data, comes last.
"""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlparse

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
    e2e.open_page(page, url, ".js-plotly-plot")
    return e2e.wait_for_traces(page, lambda ts: all(INDICATOR in t["name"] for t in ts),
                               f"the Trends chart should draw {INDICATOR}")


def test_trends_opens_on_the_district_output_series_from_2021_to_2025(server, context, warehouse):
    page = context.new_page()
    traces = open_trends(page, f"{server}/trends")
    expected = charted_series(warehouse[0])
    assert chart_keys(traces) == {key: year for key, (year, _) in expected.items()}
    assert sorted({year for _, (year, _) in expected.items()}) == DISTRICT_YEARS
    assert {t["name"].split(" · ")[0] for t in traces} == {INDICATOR}
    legend = page.locator(".st-key-trend_chart_0 .legend").text_content()
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

    with page.expect_download() as info:
        page.locator(".st-key-trend_download_csv_shown button").click()
    head, rows = e2e.read_csv_download(info.value.path())
    assert info.value.suggested_filename == "series.csv"
    assert head == b"\xef\xbb\xbf", "the CSV starts with a UTF-8 BOM for spreadsheets"
    assert list(rows[0])[:6] == ["indicator", "subject", "measure", "year", "period", "kind"]
    assert {r["mention_key"]: (int(r["year"]), float(r["value"])) for r in rows} == expected
    assert {r["indicator"] for r in rows} == {INDICATOR}

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
    point = page.locator(".st-key-trend_chart_0 .scatterlayer .trace") \
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
    e2e.choose(page, "trend_point", f"{INDICATOR} 2022")
    page.wait_for_url(re.compile(rf"mention={key}"), timeout=e2e.TIMEOUT_MS)
    picked = page.locator(".st-key-article_text mark[style*='outline']")
    picked.wait_for()
    assert picked.count() == 1
    assert parse_qs(urlparse(page.url).query)["article"] == [article_of(warehouse[0], key)[0]]


def test_every_page_shows_real_data_without_error_boxes(server, context):
    page = context.new_page()
    ready = {"overview": '[data-testid="stMetric"]', "trends": ".js-plotly-plot",
             "explore": "[data-testid=\"stDataFrame\"] canvas", "article": ".st-key-article_text mark",
             "review": "[data-testid=\"stForm\"]", "upload": "[data-testid=\"stForm\"]"}
    for name in PAGES:
        path = "" if name == "overview" else name   # the default page lives at the root URL
        e2e.open_page(page, f"{server}/{path}", ready[name])
        assert page.locator(ERROR_BOXES).count() == 0, f"the {name} page shows an error box"
        assert page.locator('[role="dialog"]').count() == 0, f"the {name} page opens a dialog"
        path = e2e.full_screenshot(page, name)
        assert path.stat().st_size > 20_000
    # the overview's cards carry the district's numbers
    e2e.open_page(page, f"{server}/", '[data-testid="stMetric"]')
    assert INDICATOR in page.locator('[data-testid="stMain"]').inner_text()


def test_a_correction_saved_in_review_changes_the_chart_and_survives_an_etl_rerun(
        server, context, warehouse):
    db, corrections = warehouse
    with duckdb.connect(str(db), read_only=True) as con:
        key, text = con.execute(
            "SELECT mention_key, text FROM mentions WHERE indicator = ? AND subject = ? AND year = ? "
            "AND qualifier NOT IN ('target', 'forecast')", [INDICATOR, REGION, CORRECTED_YEAR]).fetchone()
    page = context.new_page()
    before = open_trends(page, f"{server}/trends")
    reported = next(t for t in before if t["name"].endswith("实际"))
    assert (CORRECTED_YEAR, 3700) in e2e.points_of([reported])[reported["name"]]

    # An article's number opens in Review (the link the Article page makes), preselected.
    e2e.open_page(page, f"{server}/review?mention={key}", "[data-testid=\"stForm\"]")
    page.wait_for_function(
        "t => document.querySelector('.st-key-review_indicator input').value === t",
        arg=INDICATOR, timeout=e2e.TIMEOUT_MS)
    assert float(page.locator(".st-key-review_value input").input_value()) == 370_000_000_000, text
    page.locator(".st-key-review_action label").filter(has_text=re.compile("更正|correct", re.I)).click()
    page.locator(".st-key-review_value input").fill(f"{CORRECTED_VALUE:.4f}")
    page.locator(".st-key-review_note input").fill("e2e: the page reported 3750")
    page.locator(".st-key-review_save button").click()
    page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=e2e.TIMEOUT_MS)
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
