"""The frame around every page: navigation, shared sidebar, the missing-database message.

``app.py`` calls ``main()``. A page opened by a deep link on a freshly started server can be
run on its own (Streamlit's legacy ``pages/`` folder mode); ``page_context()`` then runs the
frame first, which switches the app to ``st.navigation`` and renders the page properly.
"""
from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from dashboard import filters, queries
from dashboard.i18n import plain, t
from etl.errors import EtlError
from etl.settings import Settings

HERE = Path(__file__).resolve().parent
PAGES = (   # (file, label key, url path, icon)
    ("pages/overview.py", "page_overview", "overview", ":material/dashboard:"),
    ("pages/trends.py", "page_trends", "trends", ":material/show_chart:"),
    ("pages/explore.py", "page_explore", "explore", ":material/table_view:"),
    ("pages/article.py", "page_article", "article", ":material/article:"),
    ("pages/review.py", "page_review", "review", ":material/fact_check:"),
    ("pages/upload.py", "page_upload", "upload", ":material/upload_file:"),
)
_RUN = threading.local()   # pages run in the thread of the script run that framed them
#: Nothing is cut short: a card's title, period and value wrap instead of ending in "…".
STYLE = """<style>
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] *,
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
    white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; overflow-wrap: anywhere; }
[data-testid="stMetricValue"] { font-size: 1.6rem; line-height: 1.25; }
.st-key-facets button, .st-key-facets button * {
    white-space: normal !important; overflow: visible !important;
    text-overflow: clip !important; height: auto !important; max-width: 100%; }
</style>"""
#: Streamlit's file uploader writes its instructions in English whatever the page's language
#: (no parameter changes them): in Chinese they are replaced by CSS.
STYLE_ZH = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0 !important; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
    content: "或将文件拖放到此处（大小与类型见上方）"; font-size: 0.9rem; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {
    font-size: 0 !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
    content: "选择文件"; font-size: 0.9rem; }
</style>"""


def main() -> None:
    st.set_page_config(page_title="政策指标 Policy indicators", page_icon=":bar_chart:",
                       layout="wide")
    # Page titles need the language before its widget is drawn (after st.navigation, which
    # keeps bound widgets in the URL across pages): take the last choice, or the URL's.
    title_lang = filters.language_hint()
    pages = [st.Page(str(HERE / file), title=t(label, title_lang), url_path=path, icon=icon,
                     default=(path == "overview"))
             for file, label, path, icon in PAGES]
    page = st.navigation(pages)
    lang = filters.language()
    st.html(STYLE + (STYLE_ZH if lang == "zh" else ""))
    source = queries.current_source()
    if queries.database_missing(source):
        st.title(t("app_title", lang))
        st.warning(t("no_db", lang, path=plain(source.db_path), command=_create_command(source)),
                   icon=":material/database:")
        if page.url_path != "upload":   # the upload page can create the database
            return
        st.session_state[filters.CONTEXT_KEY] = filters.Context(source, lang, queries.Filters(), {})
    else:
        try:
            filters.render(source, lang)
        except EtlError as exc:
            st.error(str(exc))
            return
    _RUN.framed = True
    try:
        page.run()
    finally:
        _RUN.framed = False


def _create_command(source: queries.Source) -> str:
    """``python -m etl run``, with ``--db`` when the dashboard reads another file."""
    if Path(source.db_path).resolve() == Settings().db_path.resolve():
        return "python -m etl run"
    return f"python -m etl run --db {source.db_path}"


def page_context() -> filters.Context:
    """The sidebar's context for a page; frames the page first when it was run on its own."""
    if not getattr(_RUN, "framed", False):
        main()
        st.stop()
    return filters.current()
