"""Overview: the latest value of the key indicators of one subject, with the change and source."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from dashboard import downloads, filters, queries, shell
from dashboard.i18n import plain, t, vocab
from dashboard.numbers import format_change, format_quantity
from etl.settings import Settings

ctx = shell.page_context()
lang, f = ctx.lang, ctx.filters
region = Settings.from_env().default_region
subjects = list(f.subjects) or ([region] if region in ctx.options["subjects"] else ctx.options["subjects"][:1])
st.title(t("page_overview", lang))
subject = st.selectbox(t("subject", lang), subjects or [region], key="overview_subject")
st.subheader(t("key_indicators_of", lang, subject=plain(subject)))

rows = queries.key_indicators(ctx.source, f, subject)
if rows.empty:
    st.info(t("no_data", lang))
    st.stop()

columns = st.columns(3)
for i, row in enumerate(rows.itertuples()):
    name = plain(row.indicator if lang == "zh" else f"{row.indicator_en} · {row.indicator}")
    if row.measure != "level":
        name += f" · {vocab('measure', row.measure, lang)}"
    with columns[i % 3].container(border=True):
        has_previous = row.previous_year is not None and str(row.previous_year) != "<NA>"
        change = format_change(row.value, row.previous_value if has_previous else None, row.unit, lang)
        st.metric(f"{name} ({row.year})", format_quantity(row.value, row.unit, lang),
                  delta=f"{change} {t('change_vs', lang, year=int(row.previous_year))}" if change else None,
                  delta_color="normal" if change else "off")
        period = f" · {t('period', lang)} {row.period}" if isinstance(row.period, str) and row.period != str(row.year) else ""
        st.caption(f"{t('source', lang)}: " + plain(
            f"{row.headline or row.doc} · {row.reported_on} · "
            f"{vocab('qualifier', row.qualifier, lang)}{period}"))
        context = str(row.context)
        st.text(context if len(context) <= 90 else context[:89] + "…")

shown = rows[["indicator", "indicator_en", "measure", "unit", "year", "period", "value",
              "previous_year", "previous_value", "qualifier", "reported_on", "headline", "doc",
              "context"]]
downloads.buttons(shown, lambda: shown, "overview", "overview_download", lang)
