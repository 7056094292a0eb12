"""DataFrame -> Plotly figure. No Streamlit calls: every function is testable on its own.

Values are scaled to 万/亿 before plotting (tick labels cannot write them) and the magnitude
goes into the axis title: 3.7e11 元 is drawn at 3,700 on an axis titled 亿元.

Plotly draws legends, titles, tick labels and hovers as a small HTML dialect (``<a href>``,
``<b>``, ``<br>`` ...). Names, units and sentences come from articles and analysts, so every one
of them is escaped (``text()``) before it reaches a figure: they are shown, never interpreted.
"""
from __future__ import annotations

import html
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dashboard.i18n import t, vocab
from dashboard.numbers import format_quantity, scale_for

FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
#: How each kind of report is drawn: the marker symbol and the line dash tell them apart.
KIND_STYLE = {
    "actual": {"symbol": "circle", "dash": "solid", "size": 10},
    "forecast": {"symbol": "diamond-open", "dash": "dash", "size": 12},
    "target": {"symbol": "star-open", "dash": "dot", "size": 17},
}
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#7f7f7f")
TOPIC_COLORS = {
    "industry": "#ffd6a5", "investment": "#caffbf", "tourism_culture": "#ffc6ff",
    "consumption": "#fdffb6", "construction_housing": "#e0c3a0", "energy_environment": "#b9fbc0",
    "education": "#a0c4ff", "labor_employment": "#ffadad", "innovation_tech": "#9bf6ff",
    "market_entities": "#d0bfff", "governance": "#dddddd", "other": "#eeeeee",
}


def text(value) -> str:
    """``value`` as literal text in a figure: Plotly shows ``&lt;b&gt;`` as ``<b>``."""
    return html.escape(str(value), quote=False)


def _wrap(value: str, width: int = 28) -> str:
    """Escaped and wrapped for a hover box (hover labels understand a few HTML tags only)."""
    return "<br>".join(text(line) for line in textwrap.wrap(str(value or ""), width)) or "—"


def _series_label(row: pd.Series, many_subjects: bool, lang: str) -> str:
    label = row["indicator"] if lang == "zh" else f"{row['indicator']} ({row['indicator_en']})"
    if row["measure"] != "level":
        label += f" · {vocab('measure', row['measure'], lang)}"
    if many_subjects:
        label += f" · {row['subject']}"
    return label


def trend_figures(points: pd.DataFrame, lang: str = "zh") -> list[tuple[str, go.Figure]]:
    """One figure per unit (a yuan axis and a percent axis do not mix): [(unit, figure)]."""
    if points.empty:
        return []
    many_subjects = points["subject"].nunique() > 1
    points = points.assign(series=[_series_label(r, many_subjects, lang)
                                   for _, r in points.iterrows()])
    colors = {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(sorted(points["series"].unique()))}
    return [(unit, _trend_figure(group, unit, colors, lang))
            for unit, group in points.groupby("unit", sort=True)]


def _trend_figure(points: pd.DataFrame, unit: str, colors: dict, lang: str) -> go.Figure:
    divisor, magnitude = scale_for(points["value"].tolist(), unit)
    fig = go.Figure()
    for (series, kind), group in points.groupby(["series", "kind"], sort=True):
        group = group.sort_values("year")
        style = KIND_STYLE.get(kind, KIND_STYLE["actual"])
        custom = [[row.mention_key, text(format_quantity(row.value, row.unit, lang)), text(row.unit),
                   text(row.period or row.year), text(vocab("qualifier", row.qualifier, lang)),
                   _wrap(row.headline), str(row.reported_on or "—"), _wrap(row.context)]
                  for row in group.itertuples()]
        fig.add_trace(go.Scatter(
            x=group["year"], y=group["value"] / divisor,
            mode="lines+markers", name=text(f"{series} · {vocab('kind', kind, lang)}"),
            legendgroup=series,
            line={"color": colors[series], "dash": style["dash"], "width": 2},
            marker={"symbol": style["symbol"], "size": style["size"], "color": colors[series],
                    "line": {"width": 1.5, "color": colors[series]}},
            customdata=custom,
            hovertemplate=(
                f"<b>%{{customdata[1]}}</b> ({vocab('kind', kind, lang)})<br>"
                f"{t('unit', lang)}: %{{customdata[2]}}<br>"
                f"{t('period', lang)}: %{{customdata[3]}}<br>"
                f"{t('qualifier', lang)}: %{{customdata[4]}}<br>"
                f"{t('headline', lang)}: %{{customdata[5]}}<br>"
                f"{t('published_on', lang)}: %{{customdata[6]}}<br>"
                f"{t('context', lang)}: %{{customdata[7]}}<extra></extra>"),
        ))
    years = points["year"].dropna()
    fig.update_layout(
        font={"family": FONT}, hovermode="closest", clickmode="event+select",
        showlegend=True,   # even for one trace: the legend says reported / forecast / target
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        yaxis_title=text(f"{magnitude}{unit}"), xaxis_title=t("year", "zh" if lang == "zh" else "en"),
    )
    fig.update_xaxes(tickformat="d", dtick=1,
                     range=[years.min() - 0.5, years.max() + 0.5] if not years.empty else None)
    fig.update_yaxes(tickformat=",.4~g", rangemode="tozero", separatethousands=True)
    return fig


def facet_figure(counts: pd.DataFrame, title: str, lang: str, labels: dict | None = None,
                 by_value: bool = False) -> go.Figure:
    """Horizontal bars of one facet's counts: the largest on top, or (``by_value``, for years)
    the latest on top."""
    counts = counts.sort_values("value" if by_value else "n")
    names = [str(labels.get(v, v) if labels else v) for v in counts["value"].fillna("—")]
    short = [text(n if len(n) <= 10 else n[:9] + "…") for n in names]
    fig = go.Figure(go.Bar(x=counts["n"], y=names, orientation="h", marker_color="#1f77b4",
                           customdata=[[text(n)] for n in names],
                           hovertemplate="%{customdata[0]}: %{x}<extra></extra>"))
    fig.update_layout(title={"text": text(title), "font": {"size": 14}}, font={"family": FONT},
                      height=max(120, 24 * len(counts) + 70),
                      margin={"l": 10, "r": 10, "t": 36, "b": 10})
    fig.update_xaxes(tickformat="d")
    fig.update_yaxes(type="category", tickvals=names, ticktext=short)
    return fig
