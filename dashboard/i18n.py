"""Chinese/English labels: the words live in labels.json and vocab.json, this is the lookup."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

LANGUAGES = ("zh", "en")
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}
_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def _load(name: str) -> dict:
    return json.loads((_HERE / name).read_text(encoding="utf-8"))


def t(key: str, lang: str, **values) -> str:
    """The label ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    entry = _load("labels.json").get(key)
    text = entry.get(lang, entry["en"]) if entry else key
    return text.format(**values) if values else text


def vocab_entry(group: str, code: str | None) -> dict | None:
    """The entry of ``code`` in a vocabulary group of vocab.json (``{"zh": .., "en": ..}``)."""
    return _load("vocab.json").get(group, {}).get(code) if code is not None else None


def vocab(group: str, code: str | None, lang: str) -> str:
    """A vocabulary code (topic, qualifier, measure, kind, action) as a word; unknown codes as is."""
    if code is None:
        return ""
    entry = _load("vocab.json").get(group, {}).get(code)
    return entry.get(lang, entry["en"]) if entry else str(code)


#: Columns holding vocabulary codes, and the vocabulary each belongs to.
CODE_COLUMNS = {"topic": "topic", "qualifier": "qualifier", "measure": "measure", "kind": "kind"}


def readable(frame, lang: str):
    """A copy of ``frame`` for display: vocabulary codes as words, periods in words (2025年春节 /
    Spring Festival 2025), units in the language; in English the English indicator name comes
    first. Downloads keep the codes, which is what code and spreadsheets downstream want."""
    from dashboard.numbers import format_period, unit_name   # numbers uses this module

    shown = frame.copy()
    for column, group in CODE_COLUMNS.items():
        if column in shown.columns:
            shown[column] = [vocab(group, c, lang) for c in shown[column]]
    if "period" in shown.columns:
        years = shown["year"] if "year" in shown.columns else [None] * len(shown)
        shown["period"] = [format_period(p, y, lang) for p, y in zip(shown["period"], years)]
    if "unit" in shown.columns and lang != "zh":
        shown["unit"] = [unit_name(u, lang) for u in shown["unit"]]
    if lang != "zh" and {"indicator", "indicator_en"} <= set(shown.columns):
        columns = [c for c in shown.columns if c != "indicator_en"]
        at = columns.index("indicator")
        shown = shown[columns[:at] + ["indicator_en"] + columns[at:]]
    return shown


def bilingual(group: str, code: str | None) -> str:
    """'工业 Industry': the label of a URL-bound option, the same whatever the language, so a
    copied link keeps its filters after a language switch (the URL holds the label)."""
    zh, en = vocab(group, code, "zh"), vocab(group, code, "en")
    return zh if zh == en else f"{zh} {en}"


def codes(group: str) -> list[str]:
    """Every code of a vocabulary group, in the order of the data file."""
    return list(_load("vocab.json").get(group, {}))


def column_config(columns, lang: str) -> dict:
    """Column headers in ``lang`` for st.dataframe; base-unit values shown as plain numbers."""
    import streamlit as st   # only the pages call this

    labels = _load("labels.json")
    config = {}
    for column in columns:
        label = t(column, lang) if column in labels else column
        if column in ("value", "previous_value"):
            config[column] = st.column_config.NumberColumn(
                t("raw_value", lang) if column == "value" else label, format="%g")
        elif column == "context":
            config[column] = st.column_config.TextColumn(label, width="large")
        else:
            config[column] = label
    return config


_MARKDOWN_SPECIAL = set("\\`*_{}[]<>()#+-.!|~$:")


def plain(text) -> str:
    """Text shown through a markdown element (caption, info) exactly as written: every
    markdown or HTML character is backslash-escaped, so article text never becomes markup."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in str(text))
