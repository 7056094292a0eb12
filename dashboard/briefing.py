"""The Overview's briefing: from every chosen reported value of a subject to cards, topic by topic.

A card is one indicator and one part of the year (the Spring Festival's visits are not the
year's): its latest value with the period it refers to, its growth (a reported year-on-year
rate of the same period, else the change from the series' previous value), the series for a
sparkline, and the report it comes from. Within a topic, the indicators the catalogue lists as
key (``etl/lexicon/key_indicators.csv``) come first in its order, then other catalogued ones,
then the rest, each by the years it covers. No Streamlit here: a DataFrame in, cards out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from dashboard.i18n import codes
from dashboard.numbers import finite, period_part

#: Cards a topic shows before "show all".
PER_TOPIC = 3
#: Measures that can head a card, best first; a growth rate heads one only when it is all there is.
_HEAD_MEASURES = ("level", "share", "progress", "growth", "yoy_growth")


@dataclass
class Card:
    indicator: str
    indicator_en: str
    topic: str
    measure: str
    unit: str
    part: str
    latest: dict                      # the row of the latest value
    growth: dict | None = None        # a reported growth rate of the same period
    previous: dict | None = None      # the series' value before the latest
    history: list[float] = field(default_factory=list)
    rank: tuple = ()

    @property
    def key(self) -> str:
        return f"{self.indicator}\x1f{self.measure}\x1f{self.unit}\x1f{self.part}"


@lru_cache(maxsize=1)
def priorities() -> dict[str, tuple[str, int]]:
    from etl.catalogue import key_indicator_priorities
    return key_indicator_priorities()


def build_cards(rows: pd.DataFrame, key_priorities: dict[str, tuple[str, int]] | None = None) -> list[Card]:
    """Cards of ``rows`` (queries.overview_series), in briefing order: topic by topic (in the
    vocabulary's order), key indicators first."""
    if rows.empty:
        return []
    key_priorities = priorities() if key_priorities is None else key_priorities
    rows = rows.assign(part=[period_part(p) for p in rows["period"]])
    cards = []
    for (indicator, part), group in rows.groupby(["indicator", "part"], sort=True):
        head_measure = next((m for m in _HEAD_MEASURES if m in set(group["measure"])), None)
        if head_measure is None:
            continue
        head = group[group["measure"] == head_measure]
        unit = head.groupby("unit")["year"].count().sort_values(ascending=False).index[0]
        series = head[head["unit"] == unit].sort_values(["year", "reported_on"])
        latest = series.iloc[-1].to_dict()
        previous = series.iloc[-2].to_dict() if len(series) > 1 else None
        growth = None
        if head_measure not in ("yoy_growth", "growth"):
            rates = group[group["measure"].isin(["yoy_growth", "growth"]) &
                          (group["year"] == latest["year"])]
            if not rates.empty:
                growth = rates.sort_values("measure", ascending=False).iloc[-1].to_dict()
        indicator_id = latest.get("indicator_id")
        listed = key_priorities.get(indicator_id) if isinstance(indicator_id, str) else None
        topic = listed[0] if listed else latest["topic"]
        rank = (0 if listed else 1 if isinstance(indicator_id, str) else 2,
                listed[1] if listed else 0, part != "", -series["year"].nunique(),
                -_ordinal(latest.get("reported_on")), indicator)
        cards.append(Card(indicator, latest.get("indicator_en") or indicator, topic, head_measure,
                          unit, part, latest, growth, previous,
                          [float(v) for v in series["value"] if finite(v)], rank))
    order = {code: n for n, code in enumerate(codes("topic"))}
    cards.sort(key=lambda c: (order.get(c.topic, len(order)), c.rank))
    return cards


def _ordinal(day) -> int:
    try:
        return day.toordinal()
    except AttributeError:
        return 0


def by_topic(cards: list[Card], show_all: bool) -> list[tuple[str, list[Card]]]:
    """[(topic, cards)] in order; without ``show_all`` a topic keeps its first PER_TOPIC cards
    that are catalogued (an uncatalogued name waits for "show all")."""
    topics: dict[str, list[Card]] = {}
    for card in cards:
        topics.setdefault(card.topic, []).append(card)
    if not show_all:
        topics = {topic: [c for c in group if c.rank[0] < 2][:PER_TOPIC]
                  for topic, group in topics.items()}
    return [(topic, group) for topic, group in topics.items() if group]
