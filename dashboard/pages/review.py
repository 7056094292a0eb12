"""Review: mentions to check; accept, reject or correct them into the corrections store.

Values are typed in the unit they are shown in (3,750 with 亿 and 元, not twelve digits), the
conversion to the base unit is shown before saving, the number is marked in its sentence, and
every mention's corrections are listed with an undo that appends a line (the store stays
append-only)."""
from __future__ import annotations

import sys
from pathlib import Path

if str(Path(__file__).resolve().parents[2]) not in sys.path:   # opened by a deep link
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import html

import streamlit as st

from dashboard import downloads, queries, saving, shell
from dashboard.i18n import column_config, plain, readable, t, vocab
from dashboard.numbers import format_number, format_period, format_quantity, scale_for
from etl.errors import EtlError
from etl.quantity_text import UNSCALED_UNITS

ctx = shell.page_context()
lang, f, source = ctx.lang, ctx.filters, ctx.source
store = Path(source.corrections_path)
st.title(t("page_review", lang))
#: Magnitudes a value can be typed in, by language: (label, factor).
MAGNITUDES = {"zh": (("", 1.0), ("万", 1e4), ("亿", 1e8)),
              "en": (("", 1.0), ("thousand", 1e3), ("m", 1e6), ("bn", 1e9))}
FORM_KEYS = ("review_action", "review_number", "review_magnitude", "review_unit", "review_year",
             "review_indicator", "review_subject", "review_note", "review_loaded")

if "review_saved" in st.session_state:
    st.success(st.session_state.pop("review_saved"), icon=":material/check_circle:")

problems = queries.store_problems(source)
if problems:   # skipped by every reader: say which lines and why
    st.warning(t("store_bad_lines", lang, n=len(problems), path=plain(source.corrections_path)))
    st.code("\n".join(problems), language=None)


def describe(indicator, subject, period, year, value, unit) -> str:
    """'规上工业总产值 · 钱塘区 · 2024年 · 3,700亿元': what a mention says, in words."""
    parts = [indicator, subject, format_period(period, year, lang), format_quantity(value, unit, lang)]
    return " · ".join(str(p) for p in parts if p)


def sentence_html(context: str, surface: str) -> str:
    """The source sentence, escaped, with the number marked (its first occurrence)."""
    context, surface = str(context or ""), str(surface or "")
    at = context.find(surface) if surface else -1
    if at < 0:
        body = html.escape(context)
    else:
        body = (html.escape(context[:at]) +
                '<mark style="background:#ffe066;padding:0 3px;border-radius:3px;font-weight:600">'
                + html.escape(surface) + "</mark>" + html.escape(context[at + len(surface):]))
    return f'<div class="review-sentence" style="line-height:1.9;font-size:1.05rem">{body}</div>'


def history(mention_key: str, key: str) -> None:
    """The corrections of one mention, oldest first, and an undo that appends a line."""
    lines = queries.mention_history(source, mention_key)
    if lines.empty:
        st.caption(t("no_history", lang))
        return
    lines = lines.astype(object).where(lines.notna(), "")
    shown = lines.assign(action=[t(a if a != "override" else "correct", lang) if a != "restore"
                                 else t("restored", lang) for a in lines["action"]],
                         value=[format_quantity(v, u or "", lang) if v != "" else ""
                                for v, u in zip(lines["value"], lines["unit"])])
    st.dataframe(shown, hide_index=True, key=f"{key}_table",
                 column_config={"line_no": t("line_no", lang), "created_at": t("created_at", lang),
                                "action": t("action", lang), "value": t("value", lang),
                                "unit": t("unit", lang), "year": t("year", lang),
                                "indicator": t("indicator", lang), "subject": t("subject", lang),
                                "note": t("note", lang)})
    if st.button(t("undo", lang), key=f"{key}_undo", icon=":material/undo:"):
        try:
            action = saving.undo(store, mention_key)
        except (EtlError, ValueError) as exc:
            st.error(str(exc))
            return
        for form_key in FORM_KEYS:   # the form shows the mention as it now is
            st.session_state.pop(form_key, None)
        st.session_state["review_saved"] = t("undone", lang, line=int(lines.iloc[-1]["line_no"]),
                                             action=t("restored" if action == "restore" else
                                                      (action if action != "override" else "correct"), lang))
        st.rerun()


def saved_corrections() -> None:
    """The corrections in force; each one's history, undo, or withdrawal of them all."""
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
        if key is None:
            return
        history(key, "review_saved_history")
        if st.button(t("withdraw", lang), key="review_withdraw"):
            try:
                saving.withdraw(store, key)
            except EtlError as exc:
                st.error(str(exc))
                return
            for form_key in FORM_KEYS:
                st.session_state.pop(form_key, None)
            st.session_state["review_saved"] = t("withdrawn", lang, mention=names[key])
            st.rerun()


requested = st.query_params.get("mention")    # "correct this number", from the Article page
queue = queries.review_queue(source, f, requested=requested)
if queue.empty:
    st.info(t("queue_empty", lang))
    saved_corrections()
    st.stop()
count = queries.review_count(source, f)
opened = requested is not None and requested in set(queue["mention_key"]) and \
    not queue.loc[queue["mention_key"] == requested, ["uncatalogued", "low_confidence", "conflict"]].any(axis=None)
st.subheader(t("queue_count", lang, n=f"{count:,}", shown=f"{len(queue) - int(opened):,}") +
             (t("queue_opened", lang) if opened else ""))


def reasons(row) -> str:
    names = [("requested", "reason_requested"), ("uncatalogued", "reason_uncatalogued"),
             ("low_confidence", "reason_low_confidence"), ("conflict", "reason_conflict")]
    return ", ".join(t(label, lang) for column, label in names if getattr(row, column))


queue = queue.assign(reason=[reasons(r) for r in queue.itertuples()])
queue = queue.assign(display=[format_quantity(v, u, lang) for v, u in zip(queue["value"], queue["unit"])])
shown = queue[["reason", "indicator", "indicator_en", "subject", "display", "value", "unit", "year",
               "period", "qualifier", "measure", "confidence", "text", "context", "headline",
               "published_on", "doc", "mention_key"]]
st.dataframe(readable(shown, lang), hide_index=True, key="review_table",
             column_config=column_config(shown.columns, lang))
downloads.buttons(shown, lambda: shown, "review_queue", "review_download", lang)

def name_of(r) -> str:
    """The indicator in the page's language (English with the Chinese name beside it)."""
    return r.indicator if lang == "zh" or not r.indicator_en else f"{r.indicator_en} ({r.indicator})"


labels = {r.mention_key: f"[{r.reason}] " + describe(name_of(r), r.subject, r.period, r.year,
                                                       r.value, r.unit) + f" · {r.text}"
          for r in queue.itertuples()}
key = st.selectbox(t("review_pick", lang), list(labels), format_func=labels.get,
                   key="review_pick", placeholder=t("choose", lang))
row = queue[queue["mention_key"] == key].iloc[0]
st.html(sentence_html(row["context"], row["text"]))   # article text: escaped, the number marked
st.caption(plain(f"{t('source', lang)}: {row['headline'] or row['doc']} · {row['published_on']} · {row['doc']}"))

has_year = row["year"] is not None and row["year"] == row["year"]   # not NULL / NaN
magnitudes = MAGNITUDES["zh" if lang == "zh" else "en"]
factor_of = dict(magnitudes)
if st.session_state.get("review_loaded") != key:
    # a new pick, a return to this page or a save: the form shows the mention as extracted,
    # its value in the unit it is displayed in (3,700 亿 元)
    divisor, magnitude = scale_for([row["value"]], row["unit"], lang)
    magnitude = magnitude if magnitude in factor_of else ""
    st.session_state.update({
        "review_action": "accept",
        "review_number": format_number(row["value"] / factor_of[magnitude], "en", 6).replace(",", ""),
        "review_magnitude": magnitude, "review_unit": row["unit"],
        "review_year": int(row["year"]) if has_year else None,
        "review_indicator": row["indicator"], "review_subject": row["subject"],
        "review_note": "", "review_loaded": key})

with st.container(border=True, key="review_form"):
    decision = st.radio(t("action", lang), list(saving.STORE_ACTIONS),
                        format_func=lambda a: t(a, lang), horizontal=True, key="review_action")
    correcting = decision == "correct"
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    number_text = c1.text_input(t("value_as_shown", lang), key="review_number", disabled=not correcting)
    unscaled = row["unit"] in UNSCALED_UNITS
    magnitude = c2.selectbox(t("magnitude", lang), [m for m, _ in magnitudes], key="review_magnitude",
                             format_func=lambda m: m or "—", disabled=not correcting or unscaled)
    unit = c3.text_input(t("unit", lang), key="review_unit", disabled=not correcting)
    year = c4.number_input(t("year", lang), min_value=1900, max_value=2200, step=1,
                           key="review_year", disabled=not correcting)
    c5, c6 = st.columns(2)
    indicator = c5.text_input(t("indicator", lang), key="review_indicator", disabled=not correcting)
    subject = c6.text_input(t("subject", lang), key="review_subject", disabled=not correcting)
    note = st.text_input(t("note", lang), key="review_note")
    value = None
    try:
        value = float(str(number_text).replace(",", "").replace("，", "").strip()) * factor_of[magnitude]
    except ValueError:
        if correcting:
            st.error(t("not_a_number", lang, text=plain(number_text)))
    if correcting and value is not None:
        st.caption(t("conversion", lang, typed=plain(f"{number_text} {magnitude}{unit}".strip()),
                     base=plain(f"{format_number(value, lang, 6)} {unit}"),
                     shown=plain(format_quantity(value, unit.strip() or row["unit"], lang))),
                   help=None)
    submitted = st.button(t("save", lang), type="primary", key="review_save")

history(key, "review_history")
saved_corrections()

if submitted:
    original = {"value": float(row["value"]), "unit": row["unit"],
                "year": int(row["year"]) if has_year else None,
                "indicator": row["indicator"], "subject": row["subject"]}
    if correcting and value is None:
        st.stop()
    edited = {"value": value, "unit": unit.strip(),
              "year": int(year) if year is not None else None,
              "indicator": indicator.strip(), "subject": subject.strip()}
    if correcting:
        fields = {k: v for k, v in edited.items()
                  if v != original[k] and not (k == "value" and abs(v - original[k]) <= 1e-9 * abs(original[k]))}
    else:
        fields = {k: v for k, v in original.items() if v is not None}
    if correcting and not fields:
        st.warning(t("nothing_changed", lang))
        st.stop()
    try:
        saving.save_review(store, key, decision, fields, note or None)
    except EtlError as exc:
        st.error(str(exc))
        st.stop()
    before = describe(row["indicator"], row["subject"], row["period"], row["year"], row["value"], row["unit"])
    after = ""
    if correcting:
        new = {**original, **fields}
        after = describe(new["indicator"], new["subject"], row["period"] if "year" not in fields else None,
                         new["year"], new["value"], new["unit"])
    st.session_state["review_saved"] = t(f"saved_{decision}", lang, before=before, after=after)
    for form_key in FORM_KEYS:   # the next mention starts from a clean form
        st.session_state.pop(form_key, None)
    st.rerun()
