"""Review: mentions to check; accept, reject or correct them into the corrections store."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import streamlit as st

from dashboard import downloads, filters, queries, saving, shell
from dashboard.i18n import column_config, plain, readable, t, vocab
from dashboard.numbers import format_quantity
from etl.errors import EtlError

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
st.title(t("page_review", lang))

if "review_saved" in st.session_state:
    st.success(st.session_state.pop("review_saved"))

problems = queries.store_problems(source)
if problems:   # skipped by every reader: say which lines and why
    st.warning(t("store_bad_lines", lang, n=len(problems), path=plain(source.corrections_path)))
    st.code("\n".join(problems), language=None)


def saved_corrections() -> None:
    """The corrections in force, each of which can be withdrawn (a ``restore`` line)."""
    in_force = queries.corrections_in_force(source)
    with st.expander(t("corrections_in_force", lang, n=len(in_force))):
        if in_force.empty:
            st.caption(t("no_corrections", lang))
            return
        st.dataframe(readable(in_force, lang), hide_index=True, key="review_corrections",
                     column_config=column_config(in_force.columns, lang))
        def name(r) -> str:   # a key the warehouse does not know has no text: show the key
            known = isinstance(r.text, str)
            return (f"{t(r.action if r.action != 'override' else 'correct', lang)} · "
                    f"{r.original_indicator if known else ''} · {r.text if known else r.mention_key}")

        names = {r.mention_key: name(r) for r in in_force.itertuples()}
        key = st.selectbox(t("withdraw_pick", lang), list(names), format_func=names.get,
                           index=None, key="review_withdraw_pick", placeholder=t("choose", lang))
        if st.button(t("withdraw", lang), key="review_withdraw", disabled=key is None):
            try:
                saving.withdraw(Path(source.corrections_path), key)
            except EtlError as exc:
                st.error(str(exc))
                return
            st.session_state["review_saved"] = t("withdrawn", lang, mention=key)
            st.rerun()


requested = st.query_params.get("mention")    # "correct this number", from the Article page
queue = queries.review_queue(source, f, requested=requested)
if queue.empty:
    st.info(t("queue_empty", lang))
    saved_corrections()
    st.stop()


def reasons(row) -> str:
    names = [("requested", "reason_requested"), ("uncatalogued", "reason_uncatalogued"),
             ("low_confidence", "reason_low_confidence"), ("conflict", "reason_conflict")]
    return ", ".join(t(label, lang) for column, label in names if getattr(row, column))


queue = queue.assign(reason=[reasons(r) for r in queue.itertuples()])
queue = queue.assign(display=[format_quantity(v, u, lang) for v, u in zip(queue["value"], queue["unit"])])
shown = queue[["reason", "indicator", "subject", "display", "value", "unit", "year", "qualifier", "measure",
               "confidence", "text", "context", "headline", "published_on", "doc", "mention_key"]]
st.dataframe(readable(shown, lang), hide_index=True, key="review_table", column_config=column_config(shown.columns, lang))
downloads.buttons(shown, lambda: shown, "review_queue", "review_download", lang)

labels = {r.mention_key: f"[{r.reason}] {r.indicator} · {r.subject} · "
                         f"{format_quantity(r.value, r.unit, lang)} · {r.text}"
          for r in queue.itertuples()}
key = st.selectbox(t("review_pick", lang), list(labels), format_func=labels.get,
                   key="review_pick", placeholder=t("choose", lang))
row = queue[queue["mention_key"] == key].iloc[0]
st.text(row["context"])   # article text: shown as text

has_year = row["year"] is not None and row["year"] == row["year"]   # not NULL / NaN
if st.session_state.get("review_loaded") != key or "review_value" not in st.session_state:
    # a new pick (or a return to this page): load the mention's values into the form
    st.session_state.update({
        "review_value": float(row["value"]), "review_unit": row["unit"],
        "review_year": int(row["year"]) if has_year else None,
        "review_indicator": row["indicator"], "review_subject": row["subject"],
        "review_note": "", "review_loaded": key})

with st.form("review_form", clear_on_submit=False):
    decision = st.radio(t("action", lang), list(saving.STORE_ACTIONS),
                        format_func=lambda a: t(a, lang), horizontal=True, key="review_action")
    c1, c2, c3 = st.columns(3)
    value = c1.number_input(t("value", lang), format="%.4f", key="review_value")
    unit = c2.text_input(t("unit", lang), key="review_unit")
    year = c3.number_input(t("year", lang), min_value=1900, max_value=2200, step=1,
                           key="review_year")
    c4, c5 = st.columns(2)
    indicator = c4.text_input(t("indicator", lang), key="review_indicator")
    subject = c5.text_input(t("subject", lang), key="review_subject")
    note = st.text_input(t("note", lang), key="review_note")
    submitted = st.form_submit_button(t("save", lang), type="primary", key="review_save")
saved_corrections()

if submitted:
    original = {"value": float(row["value"]), "unit": row["unit"],
                "year": int(row["year"]) if has_year else None,
                "indicator": row["indicator"], "subject": row["subject"]}
    edited = {"value": float(value), "unit": unit.strip(),
              "year": int(year) if year is not None else None,
              "indicator": indicator.strip(), "subject": subject.strip()}
    if decision == "correct":
        fields = {k: v for k, v in edited.items() if v != original[k]}
    else:
        fields = {k: v for k, v in original.items() if v is not None}
    if decision == "correct" and not fields:
        st.warning(t("nothing_changed", lang))
        st.stop()
    try:
        saving.save_review(Path(source.corrections_path), key, decision, fields, note or None)
    except EtlError as exc:
        st.error(str(exc))
        st.stop()
    st.session_state["review_saved"] = t("saved", lang, action=t(decision, lang), mention=key)
    st.rerun()
