"""Explore: every mention, facet counts, full-text search over the source sentences."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from dashboard import charts, downloads, filters, queries, shell
from dashboard.i18n import column_config, readable, t, vocab
from dashboard.numbers import format_quantity

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
st.title(t("page_explore", lang))

search = st.text_input(t("search", lang), key="q", bind="query-params")
left, right = st.columns([3, 1])
sort = left.selectbox(t("sort_by", lang), queries.SORTABLE, key="sort",
                      format_func=lambda c: t(c, lang))
descending = right.toggle(t("descending", lang), value=True, key="desc")

facets = queries.mention_facets(source, f, search)
with st.expander(t("facets", lang), expanded=True):
    columns = st.columns(4)
    for column, facet in zip(columns, ("topic", "year", "indicator", "subject")):
        counts = facets[facets["facet"] == facet]
        labels = {c: vocab("topic", c, lang) for c in counts["value"]} if facet == "topic" else None
        if not counts.empty:
            column.plotly_chart(charts.facet_figure(counts, t(facet, lang), lang, labels,
                                                     by_value=facet == "year"),
                                key=f"facet_{facet}", width="stretch",
                                config={"displayModeBar": False})
    downloads.buttons(facets, lambda: facets, "facets", "facet_download", lang)

total = queries.mention_count(source, f, search)
rows = queries.mention_rows(source, f, search, sort, descending)
st.caption(t("rows_shown", lang, total=f"{total:,}", shown=f"{len(rows):,}"))
shown = rows.drop(columns=["doc_id", "article_index"])
shown.insert(3, "display", [format_quantity(v, u, lang) for v, u in zip(shown["value"], shown["unit"])])
st.dataframe(readable(shown, lang), hide_index=True, key="explore_table", column_config=column_config(shown.columns, lang))
downloads.buttons(shown, lambda: queries.mention_table(source, f, search, sort, descending)
                  .drop(columns=["doc_id", "article_index"]), "mentions", "explore_download", lang)
