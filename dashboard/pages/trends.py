"""Trends: indicators over time; reported values, forecasts and targets drawn apart."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from dashboard import charts, downloads, filters, queries, shell
from dashboard.i18n import bilingual, column_config, readable, t, vocab
from dashboard.numbers import format_quantity
from etl.settings import Settings

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
st.title(t("page_trends", lang))

region = Settings.from_env().default_region
default_indicator, default_subject = queries.default_series(source, region)
# Without a subject chosen in the sidebar, the default view is the district-wide series.
if not f.subjects and default_subject:
    f = f._replace(subjects=(default_subject,))

choices = queries.trend_choices(source, f)
options = choices["indicator"].tolist()
topic_of = dict(zip(choices["indicator"], choices["topic"]))
preferred = [i for i in f.indicators if i in options] or \
    ([default_indicator] if default_indicator in options else options[:1])
picked = st.multiselect(
    t("trend_indicators", lang), options, default=preferred,
    format_func=lambda i: f"{bilingual('topic', topic_of.get(i))} · {i}",
    key="trend_indicators", bind="query-params")
if not picked:
    st.info(t("empty_series", lang))
    st.stop()
picked = tuple(picked)
f = f._replace(indicators=())
points = queries.trend_points(source, f, picked)
if points.empty:
    st.info(t("no_data", lang))
    st.stop()

chart_tab, table_tab, meta_tab = st.tabs([t("chart", lang), t("table", lang), t("metadata", lang)])
selected_key = None
with chart_tab:
    st.caption(t("click_hint", lang))
    for n, (unit, figure) in enumerate(charts.trend_figures(points, lang)):
        event = st.plotly_chart(figure, key=f"trend_chart_{n}", on_select="rerun",
                                selection_mode="points", width="stretch")
        chosen = (event or {}).get("selection", {}).get("points", []) if event else []
        if chosen and chosen[0].get("customdata"):
            selected_key = chosen[0]["customdata"][0]

table = points.assign(display=[format_quantity(v, u, lang) for v, u in zip(points["value"], points["unit"])])
shown = table[["indicator", "subject", "measure", "year", "period", "kind", "display", "value",
               "unit", "qualifier", "reported_on", "headline", "doc", "context", "conflict",
               "mention_key"]]
with table_tab:
    st.dataframe(readable(shown, lang), hide_index=True, key="trend_table", column_config=column_config(shown.columns, lang))
with meta_tab:
    meta = queries.series_metadata(source, f, picked)
    st.dataframe(meta.assign(topic=[vocab("topic", c, lang) for c in meta["topic"]]),
                 hide_index=True, key="trend_metadata", column_config=column_config(meta.columns, lang))
    if meta["conflicts"].sum():
        st.warning(t("conflict_flag", lang))

labels = {row.mention_key: f"{row.indicator} {row.year} {vocab('kind', row.kind, lang)}: "
                           f"{format_quantity(row.value, row.unit, lang)} — {row.headline}"
          for row in points.itertuples()}
point = st.selectbox(t("open_point", lang), list(labels), format_func=labels.get, index=None,
                     key="trend_point", placeholder=t("choose", lang))
target = selected_key or point
if target:
    article_id = queries.article_of_mention(source, target)
    if article_id:
        st.switch_page("pages/article.py", query_params=filters.link_params(article=article_id, mention=target))

reports = queries.trend_reports(source, f, picked)
downloads.buttons(shown, lambda: reports, "series", "trend_download", lang)
st.download_button(t("download_series", lang), lambda: downloads.series_zip(shown, reports, meta),
                   "series.zip", "application/zip", key="trend_download_zip", on_click="ignore")
