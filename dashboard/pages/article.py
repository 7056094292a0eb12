"""Article: the text with every extracted number highlighted by topic, and its mentions.

The article text is data, never markup: every piece is escaped before the highlight spans
are wrapped around the numbers.
"""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import html

import pandas as pd
import streamlit as st

from dashboard import charts, downloads, filters, queries, shell
from dashboard.i18n import column_config, plain, readable, t, vocab
from dashboard.numbers import format_period, format_quantity

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
st.title(t("page_article", lang))


def highlighted(text: str, spans: pd.DataFrame, offset: int, picked: str | None = None) -> str:
    """HTML of ``text`` (escaped) with each mention span wrapped in a coloured <mark>;
    the ``picked`` mention (opened from a chart) is outlined. ``offset``: the document offset
    of ``text[0]``; spans not wholly inside ``text`` are left unmarked."""
    pieces, cursor = [], 0
    for row in spans.sort_values("span_start").itertuples():
        start, end = int(row.span_start) - offset, int(row.span_end) - offset
        if start < cursor or end > len(text):
            continue
        color = charts.TOPIC_COLORS.get(row.topic, "#eeeeee")
        tip = (f"{row.indicator} · {format_quantity(row.value, row.unit, lang)} · "
               f"{format_period(row.period, row.year, lang)} · {vocab('topic', row.topic, lang)}")
        pieces.append(html.escape(text[cursor:start]))
        outline = ";outline:2px solid #d62728" if row.mention_key == picked else ""
        pieces.append(f'<mark style="background:{color};padding:0 2px;border-radius:3px{outline}" '
                      f'title="{html.escape(tip, quote=True)}">{html.escape(text[start:end])}</mark>')
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return ('<div style="white-space:pre-wrap;line-height:1.8;font-size:1rem">'
            + "".join(pieces) + "</div>")


choices = queries.article_choices(source, f)
requested = st.query_params.get("article")
ids = choices["article_id"].tolist()
if requested and requested not in ids and queries.article(source, requested):
    ids.insert(0, requested)
labels = dict(zip(choices["article_id"],
                  [f"{d} · {h} · {doc}" for d, h, doc in
                   zip(choices["published_on"], choices["headline"], choices["doc"])]))
if not ids:
    st.info(t("no_article", lang))
    st.stop()
# Not a bound widget: the URL holds the article id while the box shows headlines.
article_id = st.selectbox(t("article", lang), ids, format_func=lambda i: labels.get(i, i),
                          index=ids.index(requested) if requested in ids else 0,
                          key="article_pick")
if article_id and st.query_params.get("article") != article_id:
    st.query_params["article"] = article_id
    st.query_params.pop("mention", None)   # the point picked in a chart belongs to the old one
record = queries.article(source, article_id) if article_id else None
if record is None:
    st.info(t("no_article", lang))
    st.stop()

st.subheader(plain(record["headline"] or record["doc"]))
st.caption(plain(" · ".join(str(x) for x in (record["published_on"], record["doc"], record["byline"],
                                             record["url"]) if not pd.isna(x) and str(x))))
mentions = queries.article_mentions(source, article_id)
legend = " ".join(f'<mark style="background:{charts.TOPIC_COLORS.get(c, "#eee")}">'
                  f'{html.escape(vocab("topic", c, lang))}</mark>'
                  for c in sorted(mentions["topic"].unique())) if not mentions.empty else ""
text_tab, mentions_tab = st.tabs([t("article", lang), t("article_mentions", lang)])
with text_tab:
    if legend:
        st.html(legend)
    picked = st.query_params.get("mention")
    chosen = mentions[mentions["mention_key"] == picked] if picked else mentions.iloc[0:0]
    if not chosen.empty:
        row = chosen.iloc[0]
        st.info(plain(f"{row['indicator']} · {format_quantity(row['value'], row['unit'], lang)} · "
                      f"{format_period(row['period'], row['year'], lang)}：{row['context']}"),
                icon=":material/my_location:")
    window = queries.ARTICLE_WINDOW
    length = int(record["span_end"]) - int(record["span_start"])
    start = 0
    if length > window:   # a long article: one window at a time, the chosen number's first
        pages = -(-length // window)
        focus = int(chosen.iloc[0]["span_start"]) - int(record["span_start"]) if not chosen.empty else 0
        page = st.number_input(t("article_page", lang), min_value=1, max_value=pages,
                               value=min(focus // window + 1, pages), step=1,
                               key=f"article_page-{article_id}-{picked or ''}")   # one per view
        start = (int(page) - 1) * window
        st.caption(t("article_window", lang, first=f"{start + 1:,}",
                     last=f"{min(start + window, length):,}", length=f"{length:,}",
                     window=f"{window:,}"))
    text = record["text"] if start == 0 else queries.article_text(source, article_id, start)
    with st.container(height=640, key="article_text"):
        st.html(highlighted(text, mentions, int(record["span_start"]) + start, picked))
with mentions_tab:
    shown = mentions.drop(columns=["doc_id", "article_index"], errors="ignore")
    shown.insert(3, "display", [format_quantity(v, u, lang) for v, u in zip(shown["value"], shown["unit"])])
    st.dataframe(readable(shown, lang), hide_index=True, key="article_mentions_table",
                 column_config=column_config(shown.columns, lang))
    downloads.buttons(shown, lambda: shown, "article_mentions", "article_download", lang)
    if not mentions.empty:
        to_review = {r.mention_key: f"{r.indicator} · {format_quantity(r.value, r.unit, lang)} · {r.text}"
                     for r in mentions.itertuples()}
        chosen_key = st.selectbox(t("review_this", lang), list(to_review), format_func=to_review.get,
                                  index=None, key="article_review", placeholder=t("choose", lang))
        if chosen_key:
            st.switch_page("pages/review.py", query_params=filters.link_params(mention=chosen_key))
