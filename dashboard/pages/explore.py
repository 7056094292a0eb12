"""Explore: every mention, like Datasette. Facets whose values filter when clicked (the sidebar
filters and the URL follow), sort and search in the URL, a message when nothing matches."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from dashboard import downloads, queries, shell
from dashboard.i18n import column_config, plain, readable, t, vocab
from dashboard.numbers import format_quantity

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
st.title(t("page_explore", lang))

search = st.text_input(t("search", lang), key="q", bind="query-params",
                       placeholder=t("search_placeholder", lang))
left, right = st.columns([3, 1])
sort = left.selectbox(t("sort_by", lang), queries.SORTABLE, key="sort", bind="query-params",
                      format_func=lambda c: f"{t(c, 'zh')} {t(c, 'en')}")   # one URL, both languages
descending = right.toggle(t("descending", lang), value=True, key="desc", bind="query-params")

#: facet -> (the sidebar filter it sets, the Filters field it reads)
FACETS = {"topic": ("topic", "topics"), "year": ("years", "years"),
          "indicator": ("indicator", "indicators"), "subject": ("subject", "subjects")}


def facet_counts(facet: str):
    """The counts of one facet under every filter but its own (so a second value can still be
    picked), the others' counts under every filter."""
    own = FACETS[facet][1]
    active = getattr(f, own)
    if not active:
        counts = queries.mention_facets(source, f, search)
    else:
        counts = queries.mention_facets(source, f._replace(**{own: None if own == "years" else ()}),
                                        search)
    return counts[counts["facet"] == facet]


def selected(facet: str) -> list[str]:
    if facet == "year":
        years = f.years
        return [str(years[0])] if years and years[0] == years[1] else []
    return [str(v) for v in getattr(f, FACETS[facet][1])]


def on_facet(facet: str) -> None:
    """A click on a facet value: the sidebar filter (bound to the URL) takes the new choice."""
    picked = st.session_state.get(f"facet_{facet}") or []
    target = FACETS[facet][0]
    if facet == "year":
        new = [p for p in picked if p not in selected("year")] or []
        if new:
            st.session_state[target] = (int(new[-1]), int(new[-1]))
        else:   # the chosen year clicked again: every year
            bounds = ctx.options.get("years")
            if bounds:
                st.session_state[target] = tuple(bounds)
    else:
        st.session_state[target] = list(picked)


with st.container(border=True, key="facets"):
    st.caption(t("facets_hint", lang))
    columns = [*st.columns(2), *st.columns(2)]
    for column, facet in zip(columns, FACETS):
        counts = facet_counts(facet)
        values = [str(v) for v in counts["value"].fillna("—")]
        current = selected(facet)
        options = list(dict.fromkeys(current + values))
        number = dict(zip(values, counts["n"]))

        def label(value, facet=facet, number=number) -> str:
            name = vocab("topic", value, lang) if facet == "topic" else value
            return f"{name} · {number.get(value, 0):,}"

        st.session_state[f"facet_{facet}"] = current
        with column:
            st.pills(t(facet, lang), options, selection_mode="multi", format_func=label,
                     key=f"facet_{facet}", on_change=on_facet, args=(facet,), wrap=True)

total = queries.mention_count(source, f, search)
rows = queries.mention_rows(source, f, search, sort, descending)
if rows.empty:
    what = t("no_match_search", lang, q=plain(search)) if search.strip() else t("no_match", lang)
    st.info(what, icon=":material/search_off:")
    st.stop()
st.caption(t("rows_shown", lang, total=f"{total:,}", shown=f"{len(rows):,}"))
shown = rows.drop(columns=["doc_id", "article_index"])
shown.insert(3, "display", [format_quantity(v, u, lang) for v, u in zip(shown["value"], shown["unit"])])
st.dataframe(readable(shown, lang), hide_index=True, key="explore_table",
             column_config=column_config(shown.columns, lang))
downloads.buttons(shown, lambda: queries.mention_table(source, f, search, sort, descending)
                  .drop(columns=["doc_id", "article_index"]), "mentions", "explore_download", lang)
