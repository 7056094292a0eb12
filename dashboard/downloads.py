"""Downloads of what a page shows: CSV (UTF-8 with BOM, formula-safe), Parquet, series ZIP."""
from __future__ import annotations

import io
import json
import zipfile
from typing import Callable

import pandas as pd
import streamlit as st

from dashboard.i18n import t
from etl.export import neutralize_formulas, to_safe_csv_bytes


def formula_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells cannot run as spreadsheet formulas (the warehouse's rule)."""
    return neutralize_formulas(df)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (spreadsheets then read the Chinese right), formula-safe."""
    return to_safe_csv_bytes(df)


def parquet_bytes(df: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    df.to_parquet(buffer, index=False)
    return buffer.getvalue()


def series_zip(points: pd.DataFrame, reports: pd.DataFrame, metadata: pd.DataFrame) -> bytes:
    """The charted series, every report behind it (the sources) and the series metadata."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("series.csv", csv_bytes(points))
        archive.writestr("sources.csv", csv_bytes(reports))
        archive.writestr("metadata.csv", csv_bytes(metadata))
        archive.writestr("metadata.json", json.dumps(
            metadata.to_dict(orient="records"), ensure_ascii=False, indent=2, default=str))
    return buffer.getvalue()


def buttons(shown: pd.DataFrame, full: Callable[[], pd.DataFrame], name: str, key: str,
            lang: str) -> None:
    """Three buttons: the rows shown (CSV), every filtered row (CSV), every row (Parquet).

    The full table is built only when its button is clicked (deferred data).
    """
    left, middle, right = st.columns(3)
    left.download_button(t("download_shown_csv", lang), csv_bytes(shown), f"{name}.csv",
                         "text/csv", key=f"{key}_csv_shown", on_click="ignore")
    middle.download_button(t("download_full_csv", lang), lambda: csv_bytes(full()),
                           f"{name}_full.csv", "text/csv", key=f"{key}_csv_full",
                           on_click="ignore")
    right.download_button(t("download_parquet", lang), lambda: parquet_bytes(full()),
                          f"{name}_full.parquet", "application/octet-stream",
                          key=f"{key}_parquet", on_click="ignore")


def row(lang: str, key: str, items: list[tuple[str, Callable[[], bytes], str, str]]) -> None:
    """One row of download buttons: (label key, bytes built on click, file name, MIME type)."""
    for column, (label, data, name, mime) in zip(st.columns(len(items)), items):
        column.download_button(t(label, lang), data, name, mime, key=f"{key}_{label}",
                               on_click="ignore")
