"""Overview: a briefing on one subject. Topic by topic, the key indicators (the catalogue's
priority) each on a card: the latest value and its period, its growth, a sparkline of its
series, and the report it comes from. Everything else is one click away ("show all")."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pandas as pd
import streamlit as st

from dashboard import briefing, downloads, queries, shell
from dashboard.i18n import plain, t, vocab
from dashboard.numbers import format_change, format_number, format_period, format_quantity
from etl.settings import Settings

ctx = shell.page_context()
lang, f = ctx.lang, ctx.filters
region = Settings.from_env().default_region
subjects = list(f.subjects) or ([region] if region in ctx.options["subjects"] else []) + \
    [s for s in ctx.options["subjects"] if s != region]
st.title(t("page_overview", lang))
subject = st.selectbox(t("subject", lang), subjects or [region], key="overview_subject",
                       bind="query-params")
st.subheader(t("key_indicators_of", lang, subject=plain(subject)))

rows = queries.overview_series(ctx.source, f, subject)
cards = briefing.build_cards(rows)
if not cards:
    st.info(t("no_data", lang))
    st.stop()

show_all = st.toggle(t("show_all", lang, n=len(cards)), key="overview_all", bind="query-params")
groups = briefing.by_topic(cards, show_all)
shown_cards = [card for _, group in groups for card in group]
st.caption(t("briefing_note", lang, shown=len(shown_cards), total=len(cards)))
if lang != "zh":
    st.caption(t("magnitudes_note", lang))
details = queries.card_details(ctx.source, subject,
                               tuple(sorted({c.indicator for c in shown_cards})),
                               tuple(sorted(c.latest["mention_key"] for c in shown_cards)))
details = details.astype(object).where(details.notna(), None).set_index("mention_key")
for card in shown_cards:   # the text of each card's value: name in English, source, sentence
    if card.latest["mention_key"] in details.index:
        extra = details.loc[card.latest["mention_key"]].to_dict()
        card.latest.update(extra)
        card.indicator_en = extra.get("indicator_en") or card.indicator


def growth_of(card: briefing.Card) -> tuple[str | None, str | None, float]:
    """(delta text, its description, sign) of a card: a reported growth rate of the same period,
    else the change from the series' previous value; (None, None, 0) when there is neither."""
    latest = card.latest
    if card.growth is not None:
        rate = card.growth["value"]
        name = vocab("measure", card.growth["measure"], lang)
        if rate == 0:
            return t("no_change", lang), name, 0.0
        sign = "+" if rate > 0 else "-"
        unit = "%" if card.growth["unit"] == "%" else card.growth["unit"]
        return f"{sign}{format_number(abs(rate), lang)}{unit}", name, rate
    previous = card.previous
    if previous is None:
        return None, None, 0.0
    change = format_change(latest["value"], previous["value"], card.unit, lang)
    if change is None:
        return None, None, 0.0
    since = t("change_since", lang, period=format_period(previous["period"], previous["year"], lang))
    return change, since, latest["value"] - previous["value"]


def draw(card: briefing.Card) -> None:
    latest = card.latest
    with st.container(border=True, key=f"card_{abs(hash(card.key))}"):
        title = card.indicator if lang == "zh" else card.indicator_en[:1].upper() + card.indicator_en[1:]
        if card.measure in ("growth", "yoy_growth"):   # a share or progress says so in its name
            title += f" · {vocab('measure', card.measure, lang)}"
        st.markdown(f"**{plain(title)}**")
        if lang != "zh":
            st.caption(plain(card.indicator))
        delta, description, sign = growth_of(card)
        change = {"delta": delta, "delta_description": description,
                  "delta_color": "normal" if sign else "off",   # no change: grey, no arrow
                  "delta_arrow": "auto" if sign else "off"} if delta else {}
        st.metric(
            format_period(latest["period"], latest["year"], lang),
            format_quantity(latest["value"], card.unit, lang),
            chart_data=card.history if len(card.history) > 1 else None,
            chart_type="line", border=False, **change)
        qualifier = "" if latest["qualifier"] == "exact" else f" · {vocab('qualifier', latest['qualifier'], lang)}"
        where = " · ".join(str(x) for x in (latest.get("headline") or latest.get("doc"),
                                            latest.get("outlet"), latest["reported_on"],
                                            latest.get("doc")) if x)
        st.caption(f"{t('source', lang)}: " + plain(where + qualifier))
        if latest.get("conflict"):
            st.caption(t("conflict_flag", lang))
        with st.expander(t("context", lang)):
            st.text(str(latest.get("context") or ""))   # article text: shown as text, whole


for topic, group in groups:
    st.markdown(f"#### {plain(vocab('topic', topic, lang))}")
    columns = st.columns(3)
    for i, card in enumerate(group):
        with columns[i % 3]:
            draw(card)

table = pd.DataFrame([{
    "topic": c.topic, "indicator": c.indicator, "indicator_en": c.indicator_en,
    "measure": c.measure, "unit": c.unit, "year": c.latest["year"], "period": c.latest["period"],
    "value": c.latest["value"],
    "growth": c.growth["value"] if c.growth else None,
    "previous_period": c.previous["period"] if c.previous else None,
    "previous_value": c.previous["value"] if c.previous else None,
    "qualifier": c.latest["qualifier"], "reported_on": c.latest["reported_on"],
    "headline": c.latest.get("headline"), "doc": c.latest.get("doc"),
    "context": c.latest.get("context"), "mention_key": c.latest["mention_key"]} for c in shown_cards])
downloads.buttons(table, lambda: table, "overview", "overview_download", lang)
