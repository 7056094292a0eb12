"""Trends: indicators over time, like a grapher. Either several indicators of one subject or one
indicator across subjects (regions on one chart); a map of the latest value by place; a wide
table of years by series; reported values, forecasts and targets drawn apart."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from dashboard import charts, downloads, filters, places, queries, shell
from dashboard.i18n import bilingual, column_config, plain, readable, t, vocab
from dashboard.numbers import format_period, format_quantity
from etl.settings import Settings

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
st.title(t("page_trends", lang))

region = Settings.from_env().default_region
default_indicator, default_subject = queries.default_series(source, region)
MODES = ("indicators", "subjects")
# URL-bound widgets show the same label in both languages: a copied link works in either
mode = st.segmented_control(t("trend_mode", lang), MODES,
                            format_func=lambda m: f"{t(f'mode_{m}', 'zh')} · {t(f'mode_{m}', 'en')}",
                            default="indicators", required=True, key="trend_mode",
                            bind="query-params") or "indicators"

if mode == "indicators":
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
        key="trend_indicators", bind="query-params", placeholder=t("choose", lang),
        select_all=False)
    if not picked:
        st.info(t("empty_series", lang))
        st.stop()
    picked = tuple(picked)
    f = f._replace(indicators=())
    points = queries.trend_points(source, f, picked)
    map_indicator = picked[0]
else:
    choices = queries.trend_choices(source, f._replace(subjects=()))
    options = choices["indicator"].tolist()
    if not options:
        st.info(t("no_data", lang))
        st.stop()
    topic_of = dict(zip(choices["indicator"], choices["topic"]))
    first = default_indicator if default_indicator in options else options[0]
    indicator = st.selectbox(
        t("compare_indicator", lang), options, index=options.index(first),
        format_func=lambda i: f"{bilingual('topic', topic_of.get(i))} · {i}",
        key="compare_indicator", bind="query-params")
    holders = queries.subjects_of_indicator(source, f, indicator)
    named = places.subject_labels(holders, lang)
    wanted = [s for s in f.subjects if s in named] or list(named)[:8]
    chosen = st.multiselect(t("compare_subjects", lang), list(named), default=wanted,
                            key="compare_subjects", bind="query-params",
                            placeholder=t("choose", lang), select_all=False)
    st.caption(" · ".join(plain(named[s]) for s in chosen))
    if not chosen:
        st.info(t("empty_subjects", lang))
        st.stop()
    picked = (indicator,)
    f = f._replace(indicators=(), subjects=tuple(chosen))
    points = queries.trend_points(source, f, picked)
    map_indicator = indicator

if points.empty:
    st.info(t("no_data", lang))
    st.stop()

series_points = charts.with_series(points, lang, by_subject=True if mode == "subjects" else None)
order = []   # series in the order the analyst picked them: their colours are served first
for name in picked if mode == "indicators" else chosen:
    column = "indicator" if mode == "indicators" else "subject"
    order += list(dict.fromkeys(series_points.loc[series_points[column] == name, "series_key"]))

table = points.assign(display=[format_quantity(v, u, lang)
                               for v, u in zip(points["value"], points["unit"])])
shown = table[["indicator", "indicator_en", "subject", "measure", "year", "period", "kind",
               "display", "value", "unit", "qualifier", "reported_on", "headline", "doc",
               "context", "conflict", "mention_key"]]
tab_names = [t("chart", lang), t("map", lang), t("table", lang), t("metadata", lang)]
chart_tab, map_tab, table_tab, meta_tab = st.tabs(tab_names, key="trend_tab", bind="query-params")
selected_key = None
with chart_tab:
    st.caption(t("click_hint", lang) + (" " + t("magnitudes_note", lang) if lang != "zh" else ""))
    image = st.segmented_control(t("image_format", lang), ("png", "svg"), default="png",
                                 required=True, key="trend_image", format_func=str.upper) or "png"
    figure = charts.trend_figure(series_points, lang, order)
    event = st.plotly_chart(
        figure, key="trend_chart", on_select="rerun", selection_mode="points", width="stretch",
        config={"toImageButtonOptions": {"format": image, "filename": "trend", "scale": 2},
                "displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]})
    chosen_points = (event or {}).get("selection", {}).get("points", []) if event else []
    if chosen_points and chosen_points[0].get("customdata"):
        selected_key = chosen_points[0]["customdata"][0]
    st.caption(t("download_image_hint", lang, format=image.upper()))

with map_tab:
    if map_tab.open is not False:   # the map's query runs only when its tab is shown
        english = dict(zip(choices["indicator"], choices["indicator_en"]))
        places.map_view(source, f, map_indicator, lang,
                        name=map_indicator if lang == "zh" else english.get(map_indicator) or map_indicator)

wide, numbers = charts.wide_table(series_points, lang)
with table_tab:
    with st.container(key="trend_wide"):
        st.dataframe(wide, hide_index=True, key="trend_wide_table")
    with st.expander(t("reports_table", lang)):
        st.dataframe(readable(shown, lang), hide_index=True, key="trend_table",
                     column_config=column_config(shown.columns, lang))
with meta_tab:
    meta = queries.series_metadata(source, f, picked)
    st.dataframe(meta.assign(topic=[vocab("topic", c, lang) for c in meta["topic"]]),
                 hide_index=True, key="trend_metadata", column_config=column_config(meta.columns, lang))
    if meta["conflicts"].sum():
        st.warning(t("conflict_flag", lang))

labels = {row.mention_key: f"{row.series} · {format_period(row.period, row.year, lang)} · "
                           f"{vocab('kind', row.kind, lang)}: "
                           f"{format_quantity(row.value, row.unit, lang)} — {row.headline}"
          for row in series_points.sort_values(["series", "year"]).itertuples()}
point = st.selectbox(t("open_point", lang), list(labels), format_func=labels.get, index=None,
                     key="trend_point", placeholder=t("choose", lang))
target = selected_key or point
if target:
    article_id = queries.article_of_mention(source, target)
    if article_id:
        st.switch_page("pages/article.py", query_params=filters.link_params(article=article_id, mention=target))

reports = queries.trend_reports(source, f, picked)
downloads.row(lang, "trend_download", [
    ("download_wide_csv", lambda: downloads.csv_bytes(numbers), "series_wide.csv", "text/csv"),
    ("download_full_csv", lambda: downloads.csv_bytes(reports), "series_reports.csv", "text/csv"),
    ("download_parquet", lambda: downloads.parquet_bytes(reports), "series_reports.parquet",
     "application/octet-stream"),
    ("download_series", lambda: downloads.series_zip(shown, reports, meta), "series.zip",
     "application/zip")])
