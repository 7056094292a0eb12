"""DataFrame -> Plotly figure. No Streamlit calls: every function is testable on its own.

Values are scaled before plotting (tick labels cannot write 万/亿) and the magnitude goes into
the unit written above each panel: 3.7e11 元 is drawn at 3,700 under 亿元 (CNY 370 bn under
"CNY bn" in English).

A series is one indicator of one subject, one measure, one unit and one part of the year: the
Spring Festival figures of 2024 and 2025 are one series, the annual figures another, and a
part-year value never stands for its year. Each series keeps one colour whatever else is drawn
(``series_colors``).

Plotly draws legends, titles, tick labels and hovers as a small HTML dialect (``<a href>``,
``<b>``, ``<br>`` ...). Names, units and sentences come from articles and analysts, so every one
of them is escaped (``text()``) before it reaches a figure: they are shown, never interpreted.
"""
from __future__ import annotations

import hashlib
import html
import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboard.i18n import t, vocab
from dashboard.numbers import (format_period, format_quantity, format_part, format_scaled,
                               period_part, scale_for, unit_label)

FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif"
#: How each kind of report is drawn: the marker symbol and the line dash tell them apart.
KIND_STYLE = {
    "actual": {"symbol": "circle", "dash": "solid", "size": 10},
    "forecast": {"symbol": "diamond-open", "dash": "dash", "size": 12},
    "target": {"symbol": "star-open", "dash": "dot", "size": 17},
}
#: Twelve colours that stay apart on white (D3's ten, black and mustard): more would look alike.
PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#7f7f7f", "#000000", "#a6761d")
TOPIC_COLORS = {
    "economy": "#ffe5b4", "agriculture": "#d8f3a0",
    "industry": "#ffd6a5", "investment": "#caffbf", "tourism_culture": "#ffc6ff",
    "consumption": "#fdffb6", "construction_housing": "#e0c3a0", "energy_environment": "#b9fbc0",
    "education": "#a0c4ff", "labor_employment": "#ffadad", "innovation_tech": "#9bf6ff",
    "market_entities": "#d0bfff", "governance": "#dddddd", "other": "#eeeeee",
}
#: A series with at most this many points has its values written beside them.
LABEL_POINTS = 6
PANEL_HEIGHT = 340


def text(value) -> str:
    """``value`` as literal text in a figure: Plotly shows ``&lt;b&gt;`` as ``<b>``."""
    return html.escape(str(value), quote=False)


def _wrap(value: str, width: int = 28) -> str:
    """Escaped and wrapped for a hover box (hover labels understand a few HTML tags only)."""
    return "<br>".join(text(line) for line in textwrap.wrap(str(value or ""), width)) or "—"


# --- series -------------------------------------------------------------------------------------

def with_series(points: pd.DataFrame, lang: str = "zh", by_subject: bool | None = None) -> pd.DataFrame:
    """``points`` with ``part`` (the part of the year, '' for a whole year), ``series_key`` (what
    identifies a series) and ``series`` (its legend label, unescaped)."""
    if points.empty:
        return points.assign(part=[], series_key=[], series=[])
    many_subjects = points["subject"].nunique() > 1 if by_subject is None else by_subject
    many_indicators = points["indicator"].nunique() > 1
    parts = [period_part(p) for p in points["period"]]
    keys = ["\x1f".join(str(x) for x in (r.indicator, r.subject, r.measure, r.unit, part))
            for r, part in zip(points.itertuples(), parts)]
    labels = []
    for row, part in zip(points.itertuples(), parts):
        name = row.indicator if lang == "zh" else (row.indicator_en or row.indicator)
        bits = [name] if (many_indicators or not many_subjects) else []
        if row.measure != "level":
            bits.append(vocab("measure", row.measure, lang))
        if part:
            bits.append(format_part(part, lang))
        if many_subjects:
            bits.append(str(row.subject))
        labels.append(" · ".join(bits) or str(row.subject))
    return points.assign(part=parts, series_key=keys, series=labels)


def _stable_index(key: str) -> int:
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest()[:8], 16) % len(PALETTE)


def series_colors(keys) -> dict[str, str]:
    """One colour per series key, from a hash of the key: a series keeps its colour when others
    are added or removed. Keys are served in the order given (the order the analyst picked
    them); one whose colour is already taken in this chart takes the next free one."""
    taken, colors = set(), {}
    for key in dict.fromkeys(keys):
        index = _stable_index(key)
        for step in range(len(PALETTE)):
            candidate = PALETTE[(index + step) % len(PALETTE)]
            if candidate not in taken or len(taken) >= len(PALETTE):
                break
        colors[key] = candidate
        taken.add(candidate)
    return colors


def _title(points: pd.DataFrame, lang: str) -> str:
    """'规上工业总产值 · 钱塘区, 2021–2025' (unescaped): what, of whom, when."""
    names = list(dict.fromkeys(points["indicator"] if lang == "zh" else
                               points["indicator_en"].fillna(points["indicator"])))
    subjects = list(dict.fromkeys(points["subject"]))
    joiner = "、" if lang == "zh" else ", "
    what = joiner.join(names) if len(names) <= 3 else t("n_indicators", lang, n=len(names))
    whom = joiner.join(subjects) if len(subjects) <= 3 else t("n_subjects", lang, n=len(subjects))
    years = points["year"].dropna()
    when = ""
    if not years.empty:
        lo, hi = int(years.min()), int(years.max())
        when = f"{lo}–{hi}" if lo != hi else str(lo)
    return f"{what} · {whom}" + (f", {when}" if when else "")


# --- trends -------------------------------------------------------------------------------------

def trend_figure(points: pd.DataFrame, lang: str = "zh", order: list[str] | None = None) -> go.Figure | None:
    """Every series in one figure: a panel per unit (a yuan axis and a percent axis do not mix),
    the panels sharing one year axis. ``order``: series keys in the order they were picked
    (their colours are served in that order)."""
    if points.empty:
        return None
    points = with_series(points, lang) if "series_key" not in points.columns else points
    keys = list(dict.fromkeys([*(order or []), *sorted(points["series_key"].unique())]))
    colors = series_colors([k for k in keys if k in set(points["series_key"])])
    units = sorted(points["unit"].unique())
    fig = make_subplots(rows=len(units), cols=1, shared_xaxes=True,
                        vertical_spacing=min(0.12, 0.3 / len(units)))
    annotations = []
    for row, unit in enumerate(units, start=1):
        group = points[points["unit"] == unit]
        divisor, magnitude = scale_for(group["value"].tolist(), unit, lang)
        for (key, kind), trace_points in group.groupby(["series_key", "kind"], sort=True):
            fig.add_trace(_trace(trace_points, kind, colors[key], divisor, lang), row=row, col=1)
        axis = "" if row == 1 else str(row)
        annotations.append({   # the unit, horizontal, above the panel's top-left corner
            "text": f"<b>{text(unit_label(unit, magnitude, lang))}</b>", "xref": "paper",
            "yref": f"y{axis} domain", "x": 0, "y": 1.0, "xanchor": "left", "yanchor": "bottom",
            "showarrow": False, "font": {"size": 13}})
    years = points["year"].dropna()
    fig.update_layout(
        title={"text": "<br>".join(text(line) for line in textwrap.wrap(_title(points, lang), 70)),
               "x": 0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT}, hovermode="closest", clickmode="event+select",
        showlegend=True,   # even for one trace: the legend says reported / forecast / target
        height=PANEL_HEIGHT * len(units) + 140,
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.1 / len(units), "x": 0},
        annotations=annotations,
    )
    span = (years.max() - years.min()) if not years.empty else 0
    fig.update_xaxes(tickformat="d", dtick=1 if span <= 15 else None,
                     range=[years.min() - 0.5, years.max() + 0.5] if not years.empty else None,
                     showticklabels=True)
    fig.update_yaxes(tickformat=",.4~g", rangemode="tozero", separatethousands=True)
    return fig


def _trace(group: pd.DataFrame, kind: str, color: str, divisor: float, lang: str) -> go.Scatter:
    group = group.sort_values("year")
    style = KIND_STYLE.get(kind, KIND_STYLE["actual"])
    first = group.iloc[0]
    custom = [[row.mention_key, text(format_quantity(row.value, row.unit, lang)),
               text(unit_label(row.unit, "", lang)),
               text(format_period(row.period, row.year, lang)),
               text(vocab("qualifier", row.qualifier, lang)),
               _wrap(row.headline), str(row.reported_on or "—"), _wrap(row.context),
               text(row.subject)]
              for row in group.itertuples()]
    few = len(group) <= LABEL_POINTS
    return go.Scatter(
        x=group["year"], y=group["value"] / divisor,
        mode="lines+markers+text" if few else "lines+markers",
        text=[text(format_scaled(v, divisor, lang)) for v in group["value"]] if few else None,
        # reported values above their point, forecasts and targets below (they often share a year)
        textposition="top center" if kind == "actual" else "bottom center",
        textfont={"color": color, "size": 12},
        name=text(f"{first['series']} · {vocab('kind', kind, lang)}"),
        legendgroup=first["series_key"],
        line={"color": color, "dash": style["dash"], "width": 2},
        marker={"symbol": style["symbol"], "size": style["size"], "color": color,
                "line": {"width": 1.5, "color": color}},
        customdata=custom, cliponaxis=False,
        hovertemplate=(
            f"<b>%{{customdata[1]}}</b> ({vocab('kind', kind, lang)})<br>"
            f"{t('subject', lang)}: %{{customdata[8]}}<br>"
            f"{t('period', lang)}: %{{customdata[3]}}<br>"
            f"{t('unit', lang)}: %{{customdata[2]}}<br>"
            f"{t('qualifier', lang)}: %{{customdata[4]}}<br>"
            f"{t('headline', lang)}: %{{customdata[5]}}<br>"
            f"{t('published_on', lang)}: %{{customdata[6]}}<br>"
            f"{t('context', lang)}: %{{customdata[7]}}<extra></extra>"),
    )


def wide_table(points: pd.DataFrame, lang: str = "zh") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(shown, numbers): one row per period sorted by year (a year before its parts), one column
    per series and kind. ``shown`` holds the values written out (3,700亿元), ``numbers`` the
    values in base units, the unit in each column's name, for a download."""
    if points.empty:
        return pd.DataFrame(), pd.DataFrame()
    points = with_series(points, lang) if "series_key" not in points.columns else points
    rows = points.assign(
        column=[s if k == "actual" else f"{s} · {vocab('kind', k, lang)}"
                for s, k in zip(points["series"], points["kind"])],
        label=[format_period(p, y, lang) if part else str(int(y))
               for p, y, part in zip(points["period"], points["year"], points["part"])],
        shown=[format_quantity(v, u, lang) for v, u in zip(points["value"], points["unit"])])
    rows = rows.sort_values(["year", "part"])
    order = list(dict.fromkeys(rows["label"]))
    columns = list(dict.fromkeys(rows.sort_values(["series", "kind"])["column"]))
    period = t("period", lang)
    shown = rows.pivot_table(index="label", columns="column", values="shown", aggfunc="first")
    shown = shown.reindex(index=order, columns=columns).fillna("")
    numbers = rows.pivot_table(index="label", columns="column", values="value", aggfunc="first")
    numbers = numbers.reindex(index=order, columns=columns)
    unit_of = dict(zip(rows["column"], rows["unit"]))
    numbers.columns = [f"{c} ({unit_of[c]})" for c in numbers.columns]
    shown.index.name = numbers.index.name = period
    return shown.reset_index(), numbers.reset_index()


# --- map ----------------------------------------------------------------------------------------

def map_figure(places: pd.DataFrame, context: pd.DataFrame, unit: str, title: str,
               lang: str = "zh") -> go.Figure:
    """The latest value of each place drawn at its coordinates, sized and coloured by value and
    labelled; ``context`` (name, longitude, latitude): the places around them, drawn faint, for
    orientation. No base map: nothing is fetched, the figure works offline."""
    divisor, magnitude = scale_for(places["value"].tolist(), unit, lang)
    largest = max((abs(v) for v in places["value"] if math.isfinite(v)), default=1.0) or 1.0
    sizes = [14 + 36 * math.sqrt(abs(v) / largest) for v in places["value"]]
    fig = go.Figure()
    if not context.empty:
        fig.add_trace(go.Scatter(
            x=context["longitude"], y=context["latitude"], mode="markers+text",
            text=[text(n) for n in context["name"]], textposition="bottom center",
            textfont={"size": 10, "color": "#9a9a9a"},
            marker={"size": 5, "color": "#c8c8c8"}, hoverinfo="text", showlegend=False,
            hovertext=[text(n) for n in context["name"]], name=""))
    labels = [f"<b>{text(n)}</b><br>{text(format_quantity(v, unit, lang))}<br>"
              f"{text(format_period(p, y, lang))}"
              for n, v, p, y in zip(places["subject"], places["value"], places["period"], places["year"])]
    fig.add_trace(go.Scatter(
        x=places["longitude"], y=places["latitude"], mode="markers+text",
        text=labels, textposition="top center", textfont={"size": 12},
        marker={"size": sizes, "color": places["value"] / divisor, "colorscale": "Blues",
                "cmin": 0, "cmax": largest / divisor, "showscale": len(places) > 1,
                "line": {"width": 1, "color": "#08306b"},
                "colorbar": {"title": {"text": text(unit_label(unit, magnitude, lang)), "side": "top"},
                             "tickformat": ",.4~g"}},
        customdata=[[k] for k in places["mention_key"]], name="",
        hovertemplate="%{text}<extra></extra>", showlegend=False))
    lats = pd.concat([places["latitude"], context["latitude"] if not context.empty else places["latitude"]])
    middle = float(lats.mean()) if not lats.empty else 30.0
    fig.update_layout(
        title={"text": text(title), "x": 0, "xanchor": "left", "font": {"size": 17}},
        font={"family": FONT}, height=560, margin={"l": 10, "r": 10, "t": 60, "b": 10},
        plot_bgcolor="#f4f7fb")
    fig.update_xaxes(title_text=t("longitude", lang), showgrid=True, gridcolor="#e3e8ef",
                     zeroline=False, ticksuffix="°")
    fig.update_yaxes(title_text=t("latitude", lang), showgrid=True, gridcolor="#e3e8ef",
                     zeroline=False, ticksuffix="°", scaleanchor="x",
                     scaleratio=1 / max(math.cos(math.radians(middle)), 0.2))
    return fig
