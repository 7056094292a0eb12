"""The shared sidebar: language and filters, every one bound to a URL query parameter.

A copied link therefore reopens the same view. Pages read the result through ``current()``.
"""
from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from dashboard import queries
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES, bilingual, t
from etl.models import MEASURES, QUALIFIERS

#: Widget keys, which are also the URL query parameter names.
KEYS = ("lang", "topic", "years", "indicator", "subject", "qualifier", "measure")
CONTEXT_KEY = "dashboard_context"


class Context(NamedTuple):
    source: queries.Source
    lang: str
    filters: queries.Filters
    options: dict


def language_hint() -> str:
    """The language of this run before its widget is drawn: the session's, else the URL's."""
    if st.session_state.get("lang") in LANGUAGES:
        return st.session_state["lang"]
    by_name = {name: code for code, name in LANGUAGE_NAMES.items()}
    return by_name.get(st.query_params.get("lang"), "zh")


def language() -> str:
    """The language radio. Drawn after st.navigation: a bound widget drawn before it loses its
    URL parameter on a page switch."""
    lang = st.sidebar.radio(
        "语言 / Language", LANGUAGES, format_func=LANGUAGE_NAMES.get, horizontal=True,
        key="lang", bind="query-params")
    return lang or "zh"


def render(source: queries.Source, lang: str) -> Context:
    """Draw the filters and remember the choices for the pages of this run."""
    options = queries.filter_options(source)
    side = st.sidebar
    side.subheader(t("filters", lang))
    topics = side.multiselect(
        t("topic", lang), options["topics"], format_func=lambda c: bilingual("topic", c),
        key="topic", bind="query-params", placeholder=t("all", lang), select_all=False)
    years = None
    if options["years"] and options["years"][0] < options["years"][1]:
        lo, hi = options["years"]
        chosen = side.slider(t("years", lang), lo, hi, (lo, hi), step=1,
                             key="years", bind="query-params")
        if tuple(chosen) != (lo, hi):
            years = (int(chosen[0]), int(chosen[1]))
    indicators = side.multiselect(
        t("indicator", lang), options["indicators"], key="indicator", bind="query-params",
        placeholder=t("all", lang), select_all=False)
    subjects = side.multiselect(
        t("subject", lang), options["subjects"], key="subject", bind="query-params",
        placeholder=t("all", lang), select_all=False)
    qualifiers = side.multiselect(
        t("qualifier", lang), QUALIFIERS, format_func=lambda c: bilingual("qualifier", c),
        key="qualifier", bind="query-params", placeholder=t("all", lang), select_all=False)
    measures = side.multiselect(
        t("measure", lang), MEASURES, format_func=lambda c: bilingual("measure", c),
        key="measure", bind="query-params", placeholder=t("all", lang), select_all=False)
    filters = queries.Filters(tuple(topics), years, tuple(indicators), tuple(subjects),
                              tuple(qualifiers), tuple(measures))
    context = Context(source, lang, filters, options)
    st.session_state[CONTEXT_KEY] = context
    return context


def current() -> Context:
    """The context the sidebar built in this run."""
    return st.session_state[CONTEXT_KEY]


#: URL parameters owned by widgets (``bind="query-params"``): Streamlit refuses to set them
#: directly; the widgets keep their state across a page switch and write them back themselves.
BOUND_PARAMS = frozenset({"lang", "topic", "years", "indicator", "subject", "qualifier", "measure",
                          "q", "sort", "desc", "trend_indicators", "trend_mode", "trend_tab",
                          "compare_indicator", "compare_subjects", "overview_subject",
                          "overview_all"})


def link_params(**extra: str) -> dict:
    """The current URL's own parameters plus ``extra``, for ``st.switch_page``.

    Widget-bound filters are left out: the shared sidebar keeps them and puts them back in the URL.
    """
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys() if k not in BOUND_PARAMS}
    params = {k: (v if len(v) > 1 else v[0]) for k, v in params.items() if v}
    params.update(extra)
    return params
