"""The dashboard as a user drives it (AppTest), on a warehouse the real ETL built from the sample.

One ETL run per session of this module: the sample articles plus one article whose text holds a
``<script>`` tag. Each test gets its own empty corrections store, so a correction saved by one
test never shows in another.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "dashboard" / "app.py"
PAGES = ("overview", "trends", "explore", "article", "review", "upload")
SCRIPT_ARTICLE = (
    "钱塘新区报\n2025年3月1日 星期六\n\n"
    "园区快讯<script>alert(\"x\")</script>\n\n"
    "今年前两个月，钱塘区新增市场主体1200户。<b>加粗</b>\n")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Path:
    """data/articles plus a <script> article, loaded by ``python -m etl run``."""
    folder = tmp_path_factory.mktemp("warehouse")
    extra = folder / "999_script.txt"
    extra.write_text(SCRIPT_ARTICLE, encoding="utf-8")
    db = folder / "x.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "run", str(REPO / "data" / "articles"), str(extra),
         "--db", str(db), "--corrections", str(folder / "unused.jsonl"), "--no-progress"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def env(warehouse, tmp_path, monkeypatch) -> dict:
    """The app pointed at the shared warehouse and a fresh corrections store."""
    store = tmp_path / "corrections.jsonl"
    monkeypatch.setenv("POLICY_DB", str(warehouse))
    monkeypatch.setenv("POLICY_CORRECTIONS", str(store))
    return {"db": warehouse, "store": store}


@pytest.fixture
def media(monkeypatch) -> MemoryMediaFileStorage:
    """Keep the bytes of download buttons (AppTest drops its media store after each run)."""
    storage = MemoryMediaFileStorage("/mock/media")
    monkeypatch.setattr("streamlit.testing.v1.app_test.MemoryMediaFileStorage",
                        lambda endpoint: storage)
    return storage


def open_page(page: str, query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def by_key(widgets, key: str):
    found = [w for w in widgets if w.key == key]
    assert found, f"no widget with key {key!r}"
    return found[0]


def dataframe(at: AppTest, index: int = 0):
    return at.dataframe[index].value


def table_with(at: AppTest, column: str):
    """The first table of the page that has ``column``."""
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, f"no table with a {column!r} column"
    return found[0]


def shown(element) -> str:
    """An element's text as the page shows it (markdown escapes removed)."""
    return element.value.replace("\\", "")


def correct(at: AppTest, number: str, magnitude: str = "") -> AppTest:
    """Correct the picked mention's value: typed as shown, in a magnitude; saved."""
    by_key(at.radio, "review_action").set_value("correct").run()
    by_key(at.text_input, "review_number").set_value(number)
    by_key(at.selectbox, "review_magnitude").set_value(magnitude)
    by_key(at.button, "review_save").click().run()
    return at


def download_bytes(at: AppTest, key: str, media: MemoryMediaFileStorage) -> bytes:
    button = by_key(at.get("download_button"), key)
    return media.get_file(button.proto.url.rsplit("/", 1)[-1]).content


def reader(db: Path, store: Path):
    from etl.warehouse import open_reader
    return open_reader(db, store)


@pytest.mark.parametrize("page", PAGES, ids=[f"the {p} page renders on the sample" for p in PAGES])
def test_every_page_renders_without_exception(env, page):
    at = open_page(page)
    assert at.title, "every page has a title"
    assert not at.error


def test_the_default_trend_is_industrial_output_of_the_district_2021_to_2025(env):
    at = open_page("trends")
    assert by_key(at.multiselect, "trend_indicators").value == ["规上工业总产值"]
    table = table_with(at, "mention_key")
    assert set(table["subject"]) == {"钱塘区"}
    assert set(table["indicator"]) == {"规上工业总产值"}
    assert {2021, 2025} <= set(table["year"]) and table["year"].between(2021, 2025).all()
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["xaxis"]["tickformat"] == "d"
    assert [a["text"] for a in chart["layout"]["annotations"]] == ["<b>亿元</b>"]
    wide = dataframe(at)
    assert wide["期间"].tolist() == ["2021", "2022", "2023", "2024", "2025"]
    assert wide.loc[wide["期间"] == "2024", "规上工业总产值"].tolist() == ["3,700亿元"]


def test_one_indicator_is_compared_across_subjects_and_mapped(env):
    at = open_page("trends", {"trend_mode": "多个对象 · Subjects",
                              "compare_indicator": "就业 Labour & employment · 建筑工人居住登记办理量"})
    picked = by_key(at.multiselect, "compare_subjects").value
    assert set(picked) == {"钱塘区", "杭州市"}
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = {trace["name"] for trace in chart["data"]}
    assert any("钱塘区" in n for n in names) and any("杭州市" in n for n in names)
    assert not at.exception


def test_choosing_a_topic_narrows_the_explore_table(env):
    at = open_page("explore")
    everything = dataframe(at)
    by_key(at.multiselect, "topic").set_value(["industry"]).run()
    narrowed = dataframe(at)
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed["topic"]) == {"工业"}, "codes are shown as words"


def test_a_topic_in_the_url_opens_the_filtered_view(env):
    at = open_page("explore", {"topic": "工业 Industry"})
    assert by_key(at.multiselect, "topic").value == ["industry"]
    assert set(dataframe(at)["topic"]) == {"工业"}


def test_search_finds_source_sentences(env):
    at = open_page("explore")
    by_key(at.text_input, "q").input("市场主体").run()
    table = dataframe(at)
    assert len(table) > 0
    assert all("市场主体" in c or "市场主体" in (h or "")
               for c, h in zip(table["context"], table["headline"]))


def test_the_csv_download_holds_exactly_the_filtered_rows_with_a_bom(env, media):
    at = open_page("explore")
    by_key(at.multiselect, "topic").set_value(["industry"]).run()
    shown = dataframe(at)
    data = download_bytes(at, "explore_download_csv_shown", media)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(shown)
    assert {r["topic"] for r in rows} == {"industry"}
    assert sorted(r["mention_key"] for r in rows) == sorted(shown["mention_key"])


def test_a_missing_database_names_the_command_that_creates_it(tmp_path, monkeypatch):
    monkeypatch.setenv("POLICY_DB", str(tmp_path / "none.duckdb"))
    monkeypatch.setenv("POLICY_CORRECTIONS", str(tmp_path / "c.jsonl"))
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception
    assert any("python -m etl run" in w.value for w in at.warning)


def test_article_text_with_a_script_tag_is_shown_as_text(env):
    con = reader(env["db"], env["store"])
    doc_id = con.execute("SELECT doc_id FROM documents WHERE name = '999_script.txt'").fetchone()[0]
    index = con.execute("SELECT min(article_index) FROM mentions WHERE doc_id = ?", [doc_id]).fetchone()[0]
    at = open_page("article", {"article": f"{doc_id[:16]}-{index}"})
    body = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;" in body and "&lt;b&gt;" in body
    assert "<script" not in body and "<b>" not in body
    assert "<mark" in body, "the extracted number is highlighted"


def test_a_correction_saved_in_review_changes_the_series(env):
    at = open_page("review")
    queue = dataframe(at)
    con = reader(env["db"], env["store"])
    dated = con.execute("SELECT mention_key FROM series").fetchdf()["mention_key"]
    key = next(k for k in queue["mention_key"] if k in set(dated))
    by_key(at.selectbox, "review_pick").set_value(key).run()
    before = con.execute("SELECT value FROM series WHERE mention_key = ?", [key]).fetchone()[0]
    correct(at, repr(before * 2 + 1))
    assert not at.exception
    assert by_key(at.radio, "review_action").value == "accept", "the form starts again clean"
    assert at.success and key not in at.success[0].value, "the confirmation is in words, not a key"
    lines = [json.loads(x) for x in env["store"].read_text(encoding="utf-8").splitlines()]
    assert lines[-1]["mention_key"] == key and lines[-1]["fields"] == {"value": before * 2 + 1}
    after = reader(env["db"], env["store"]).execute(
        "SELECT value FROM series WHERE mention_key = ?", [key]).fetchone()[0]
    assert after == before * 2 + 1
    assert key not in set(dataframe(at)["mention_key"]), "a reviewed mention leaves the queue"


def test_rejecting_a_mention_removes_it_from_explore(env):
    at = open_page("review")
    key = dataframe(at)["mention_key"].iloc[0]
    by_key(at.selectbox, "review_pick").set_value(key).run()
    by_key(at.radio, "review_action").set_value("reject").run()
    by_key(at.button, "review_save").click().run()
    assert json.loads(env["store"].read_text(encoding="utf-8").splitlines()[-1])["action"] == "reject"
    at.switch_page("pages/explore.py").run()
    assert key not in set(dataframe(at)["mention_key"])


def test_english_labels_come_with_the_language_choice(env):
    at = open_page("trends", {"lang": "English"})
    assert at.title[0].value == "Trends"
    assert by_key(at.radio, "lang").value == "en"


def test_picking_a_point_opens_its_article(env):
    at = open_page("trends")
    key = table_with(at, "mention_key")["mention_key"].iloc[0]
    by_key(at.selectbox, "trend_point").set_value(key).run()
    assert not at.exception
    assert at.title[0].value == "文章"
    assert key in set(dataframe(at)["mention_key"]), "the article lists the picked mention"
    byline = at.caption[0].value
    assert "nan" not in byline.split(" · ") and "None" not in byline, "a missing url or byline is left out"


def test_any_number_of_an_article_can_be_sent_to_review_for_correction(env):
    at = open_page("article")
    key = dataframe(at)["mention_key"].iloc[0]
    by_key(at.selectbox, "article_review").set_value(key).run()
    assert not at.exception
    assert at.title[0].value == "审核"
    assert by_key(at.selectbox, "review_pick").value == key, "the requested mention comes first"


def test_an_uploaded_article_is_extracted_and_a_bad_file_is_named(env, tmp_path, monkeypatch):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(env["db"].read_bytes())
    monkeypatch.setenv("POLICY_DB", str(db))
    at = open_page("upload")
    uploader = at.get("file_uploader")[0]
    uploader.set_value([
        ("园区 快讯.txt", "钱塘新区报\n2025年3月1日 星期六\n\n园区快讯\n\n今年前两个月，钱塘区新增市场主体1200户。\n"
         .encode("utf-8"), "text/plain"),
        ("broken.pdf", b"%PDF-1.4 not really a pdf", "application/pdf")])
    at.form_submit_button[0].click().run(timeout=120)
    assert not at.exception
    saved = sorted(p.name for p in (tmp_path / "uploads").rglob("*") if p.is_file())
    assert saved == ["园区_快讯.txt"], "a file that cannot be read is not kept"
    assert any("broken.pdf" in shown(w) and "无法读取" in shown(w) for w in at.warning)
    assert at.success and "已加载 1 个文件" in at.success[0].value
    extracted = dataframe(at)
    assert (extracted["value"] == 1200).any()
    assert set(extracted["topic"]) == {"市场主体"}, "codes in words of the page's language"


def test_the_review_form_follows_the_picked_mention(env):
    at = open_page("review")
    second = dataframe(at).iloc[1]
    by_key(at.selectbox, "review_pick").set_value(second["mention_key"]).run()
    typed = float(by_key(at.text_input, "review_number").value)
    factor = {"": 1, "万": 1e4, "亿": 1e8}[by_key(at.selectbox, "review_magnitude").value]
    assert typed * factor == pytest.approx(second["value"])
    assert by_key(at.text_input, "review_subject").value == second["subject"]
    assert by_key(at.text_input, "review_indicator").value == second["indicator"]


def test_the_overview_writes_values_the_chinese_way_with_the_change(env):
    at = open_page("overview")
    output = next(m for m in at.metric if m.value == "4,000亿元")
    assert output.label == "2021-2025年", "the period the value refers to"
    assert output.delta == "+300亿元 (+8.1%)"
    visits = next(m for m in at.metric if m.value == "32.5万人次")
    assert visits.label == "2025年春节" and visits.delta == "+27.45%"


def test_the_overview_lists_key_indicators_by_topic_and_shows_all_on_request(env):
    at = open_page("overview")
    headings = [m.value for m in at.markdown if m.value.startswith("#### ")]
    assert headings[:2] == ["#### 工业", "#### 投资"]
    titles = [m.value for m in at.markdown if m.value.startswith("**")]
    tourism = titles.index("**接待游客**")
    assert titles[tourism + 1:tourism + 3] == ["**乡村旅游接待游客**", "**核心景区接待游客**"]
    shown = len(at.metric)
    by_key(at.toggle, "overview_all").set_value(True).run()
    assert len(at.metric) > shown and not at.exception
    import re
    counts = [re.search(r"显示 (\d+) / 共 (\d+) 个", c.value) for c in at.caption]
    [(shown_n, total)] = [m.groups() for m in counts if m]
    assert shown_n == total == str(len(at.metric)), "every indicator has its card"


def test_english_tables_and_cards_speak_english(env):
    at = open_page("explore", {"lang": "English"})
    table = dataframe(at)
    assert list(table.columns[:3]) == ["published_on", "indicator_en", "indicator"]
    assert "CNY 400 bn" in set(table["display"]) and "Spring Festival 2025" in set(table["period"])
    at = open_page("overview", {"lang": "English"})
    assert any(m.value == "CNY 400 bn" for m in at.metric)
    assert any(m.label == "Spring Festival 2025" and m.value == "325,000 person-times" for m in at.metric)


def test_a_huge_value_in_the_store_takes_no_page_down_and_is_named_as_a_bad_line(env):
    """Before: one override of 1e300 made Explore, Article and Review fail for everyone."""
    con = reader(env["db"], env["store"])
    key, article_id = con.execute(
        "SELECT mention_key, substr(doc_id, 1, 16) || '-' || article_index FROM mentions_effective "
        "ORDER BY mention_key LIMIT 1").fetchone()
    env["store"].write_text(json.dumps({"mention_key": key, "action": "override",
                                        "fields": {"value": 1e300}}) + "\n", encoding="utf-8")
    for page, query in (("explore", {}), ("article", {"article": article_id, "mention": key}),
                        ("review", {"mention": key}), ("overview", {}), ("trends", {})):
        at = open_page(page, query)
        assert not at.exception and not at.error, page
    at = open_page("review", {"mention": key})
    assert any(f"{env['store']}:1" in c.value and "out of range" in c.value for c in at.code)


def test_review_refuses_a_huge_value_and_a_saved_correction_can_be_withdrawn(env):
    at = open_page("review")
    row = dataframe(at).iloc[0]
    key = row["mention_key"]
    by_key(at.selectbox, "review_pick").set_value(key).run()
    correct(at, "1e300")
    assert not at.exception
    assert any("out of range" in e.value for e in at.error)
    assert not env["store"].exists() or env["store"].read_text(encoding="utf-8") == ""
    correct(at, "2e19")
    assert not at.exception and not at.error
    assert reader(env["db"], env["store"]).execute(
        "SELECT value FROM mentions_effective WHERE mention_key = ?", [key]).fetchone()[0] == 2e19
    at.switch_page("pages/explore.py").run()
    assert not at.exception
    at.switch_page("pages/review.py").run()
    by_key(at.selectbox, "review_withdraw_pick").set_value(key).run()
    by_key(at.button, "review_withdraw").click().run()
    assert not at.exception
    assert json.loads(env["store"].read_text(encoding="utf-8").splitlines()[-1])["action"] == "restore"
    assert reader(env["db"], env["store"]).execute(
        "SELECT value, corrected FROM mentions_effective WHERE mention_key = ?",
        [key]).fetchone() == (row["value"], False)


REPORT = "钱塘新区报\n2025年3月1日 星期六\n\n园区快讯\n\n今年前两个月，钱塘区新增市场主体{n}户。\n"


def upload(at: AppTest, name: str, text: str) -> AppTest:
    at.get("file_uploader")[0].set_value([(name, text.encode("utf-8"), "text/plain")])
    at.form_submit_button[0].click().run(timeout=120)
    assert not at.exception
    return at


def test_a_corrected_upload_of_the_same_name_replaces_the_earlier_one_which_stays_a_vintage(
        env, tmp_path, monkeypatch):
    """Before: the second report.txt was always refused (its mention keys clashed by name)."""
    db = tmp_path / "copy.duckdb"
    db.write_bytes(env["db"].read_bytes())
    monkeypatch.setenv("POLICY_DB", str(db))
    at = upload(open_page("upload"), "report.txt", REPORT.format(n=1200))
    assert at.success and list(dataframe(at)["value"]) == [1200]
    at = upload(at, "report.txt", REPORT.format(n=1300))
    assert at.success, [c.value for c in at.code]
    assert list(dataframe(at)["value"]) == [1300], "the table shows the new upload's numbers"
    con = reader(db, env["store"])
    reports = con.execute("SELECT value, is_chosen FROM series WHERE doc = 'report.txt' "
                          "ORDER BY value").fetchall()
    assert reports == [(1200.0, False), (1300.0, True)], "the earlier upload stays, as a vintage"
    assert con.execute("SELECT count(*) FROM documents WHERE name = 'report.txt'").fetchall() == [(2,)]
    runs = con.execute("SELECT count(*) FROM runs").fetchall()
    at = upload(at, "report.txt", REPORT.format(n=1300))
    assert any("与已加载的 report.txt 内容相同" in shown(w) for w in at.warning), \
        [w.value for w in at.warning]
    assert list(dataframe(at)["value"]) == [1300], "the rows already loaded from it are shown"
    assert reader(db, env["store"]).execute("SELECT count(*) FROM runs").fetchall() == runs


def test_a_file_that_cannot_be_read_leaves_no_upload_no_table_and_no_new_run(env, tmp_path, monkeypatch):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(env["db"].read_bytes())
    monkeypatch.setenv("POLICY_DB", str(db))
    before = db.stat().st_mtime_ns
    at = open_page("upload")
    at.get("file_uploader")[0].set_value([("scan.pdf", b"%PDF-1.4 garbage", "application/pdf")])
    at.form_submit_button[0].click().run(timeout=120)
    assert not at.exception and not at.dataframe and not at.get("download_button")
    assert any("scan.pdf" in shown(w) for w in at.warning)
    assert not (tmp_path / "uploads").exists() or not any((tmp_path / "uploads").rglob("*.pdf"))
    assert db.stat().st_mtime_ns == before, "nothing was published"


def test_an_empty_submit_is_explained_and_markdown_is_accepted(env, tmp_path, monkeypatch):
    db = tmp_path / "copy.duckdb"
    db.write_bytes(env["db"].read_bytes())
    monkeypatch.setenv("POLICY_DB", str(db))
    at = open_page("upload")
    at.form_submit_button[0].click().run()
    assert any("还没有选择文件" in w.value for w in at.warning)
    uploader = at.get("file_uploader")[0]
    assert "md" in uploader.proto.type or ".md" in uploader.proto.type
    at = upload(at, "note.md", "# 园区快讯\n\n2025年3月1日\n\n今年前两个月，钱塘区新增市场主体1400户。\n")
    assert at.success and (dataframe(at)["value"] == 1400).any()


SENTENCE = "今年全区规上工业总产值达到3700亿元，同比增长12.5%。\n"


@pytest.fixture
def huge_article(tmp_path, monkeypatch):
    """A warehouse whose one article is about two million characters long, with a number near
    its end (written directly: the point is the page, not the extraction)."""
    from warehouse_support import build_warehouse, doc_id

    db = tmp_path / "huge.duckdb"
    build_warehouse(db, {"huge.txt": None}, [])
    text = SENTENCE * 70_000
    start = text.index("3700亿元", len(text) - 500)
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET span_end = ? WHERE doc_id = ?", [len(text), doc_id("huge.txt")])
    con.execute("DELETE FROM document_parts WHERE doc_id = ?", [doc_id("huge.txt")])
    half = len(text) // 2 + 7                          # a part boundary inside the text
    for index, (at, part) in enumerate([(0, text[:half]), (half, text[half:])]):
        con.execute("INSERT INTO document_parts VALUES (?, ?, ?, ?, 'r1')",
                    [doc_id("huge.txt"), index, at, part])
    con.execute("""INSERT INTO mentions VALUES ('late', ?, 0, 'huge.txt', ?, ?, '3700亿元', 3.7e11, '元',
                   'exact', 'level', NULL, 2025, '规上工业总产值', 'industrial output', NULL, '钱塘区', NULL,
                   'industry', '全区规上工业总产值达到3700亿元', 1.0, 'test', 'r1')""",
                [doc_id("huge.txt"), start, start + 6])
    from etl import warehouse as wh
    wh.apply_views(con)
    con.close()
    monkeypatch.setenv("POLICY_DB", str(db))
    monkeypatch.setenv("POLICY_CORRECTIONS", str(tmp_path / "c.jsonl"))
    return f"{doc_id('huge.txt')[:16]}-0", len(text), start


def test_a_huge_article_shows_a_window_around_the_chosen_number_with_paging(huge_article):
    """Before: the page sent all two million characters to the browser, which froze."""
    article_id, length, start = huge_article
    at = open_page("article", {"article": article_id, "mention": "late"})
    body = "".join(h.proto.body for h in at.get("html"))
    assert len(body) < 100_000, "one window of text, not the whole article"
    assert "outline:2px solid" in body and "3700亿元</mark>" in body, "the chosen number is shown"
    [pages] = [w for w in at.number_input if w.key.startswith("article_page")]
    assert pages.value == start // 20_000 + 1 and pages.max == -(-length // 20_000)
    assert any(f"{length:,}" in c.value and "20,000" in c.value for c in at.caption), \
        "the limit and the article's length are stated"
    pages.set_value(1).run()
    assert not at.exception
    first = "".join(h.proto.body for h in at.get("html"))
    assert len(first) < 100_000 and first.count("今年全区") > 100 and "outline:2px" not in first


def test_an_upload_cannot_leave_the_uploads_folder_whatever_its_name(env, tmp_path, monkeypatch):
    db = tmp_path / "data" / "copy.duckdb"
    db.parent.mkdir()
    db.write_bytes(env["db"].read_bytes())
    monkeypatch.setenv("POLICY_DB", str(db))
    at = open_page("upload")
    at.get("file_uploader")[0].set_value([
        ("../../escape.txt", REPORT.format(n=7).encode("utf-8"), "text/plain"),
        ("/tmp/absolute.txt", REPORT.format(n=8).encode("utf-8"), "text/plain")])
    at.form_submit_button[0].click().run(timeout=120)
    assert not at.exception
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.txt"))
    assert [p.parts[:2] for p in written] == [("data", "uploads")] * 2, written
    assert sorted(p.name for p in written) == ["absolute.txt", "escape.txt"]
