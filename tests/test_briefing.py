"""The Overview's briefing: cards per topic in the catalogue's priority, periods kept apart."""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard import briefing
from etl.catalogue import key_indicator_priorities, load_catalogue


def rows(*specs):
    base = dict(indicator_en="x", indicator_id=None, topic="tourism_culture", measure="level",
                unit="人次", period=None, qualifier="exact", reported_on=date(2025, 2, 7),
                doc="000.txt", headline="h", context="c", conflict=False)
    return pd.DataFrame([{**base, "mention_key": f"k{i}", **spec} for i, spec in enumerate(specs)])


PRIORITIES = {"tourist_visits": ("tourism_culture", 1), "tourism_revenue": ("tourism_culture", 2)}


def test_a_topic_lists_its_key_indicators_first_in_the_catalogues_order():
    data = rows(
        {"indicator": "惠民票数量", "indicator_id": "subsidised_tickets", "year": 2024, "value": 1e4, "unit": "张"},
        {"indicator": "惠民票数量", "indicator_id": "subsidised_tickets", "year": 2025, "value": 1e4, "unit": "张"},
        {"indicator": "旅游收入", "indicator_id": "tourism_revenue", "year": 2025, "value": 5e9, "unit": "元"},
        {"indicator": "接待游客", "indicator_id": "tourist_visits", "year": 2025, "value": 3e6},
        {"indicator": "留杭过年人数", "year": 2025, "value": 100.0, "unit": "人"})
    cards = briefing.build_cards(data, PRIORITIES)
    assert [c.indicator for c in cards] == ["接待游客", "旅游收入", "惠民票数量", "留杭过年人数"]
    [(topic, shown)] = briefing.by_topic(cards, show_all=False)
    assert topic == "tourism_culture" and [c.indicator for c in shown] == ["接待游客", "旅游收入", "惠民票数量"]
    [(_, everything)] = briefing.by_topic(cards, show_all=True)
    assert len(everything) == 4, "show all hides nothing, the uncatalogued name included"


def test_a_spring_festival_figure_is_a_card_of_its_own_with_the_growth_of_the_same_period():
    data = rows(
        {"indicator": "接待游客", "indicator_id": "tourist_visits", "year": 2024, "value": 2.0e6, "period": "2024"},
        {"indicator": "接待游客", "indicator_id": "tourist_visits", "year": 2025, "value": 3.25e5, "period": "2025-春节"},
        {"indicator": "接待游客", "indicator_id": "tourist_visits", "year": 2025, "value": 27.45,
         "period": "2025-春节", "measure": "yoy_growth", "unit": "%"})
    cards = briefing.build_cards(data, PRIORITIES)
    by_part = {c.part: c for c in cards}
    assert set(by_part) == {"", "春节"}
    festival = by_part["春节"]
    assert festival.latest["value"] == 3.25e5 and festival.growth["value"] == 27.45
    assert festival.previous is None, "the 2024 annual figure is not the festival's previous value"
    assert by_part[""].latest["year"] == 2024 and by_part[""].growth is None
    assert cards[0].part == "", "the annual card comes before the part of the year"


def test_the_sparkline_is_the_series_in_year_order():
    data = rows(*[{"indicator": "规上工业总产值", "indicator_id": "industrial_output", "topic": "industry",
                   "year": y, "value": v, "unit": "元"} for y, v in ((2024, 3.7e11), (2021, 3.0e11), (2022, 3.5e11))])
    [card] = briefing.build_cards(data, {})
    assert card.history == [3.0e11, 3.5e11, 3.7e11]
    assert card.previous["year"] == 2022 and card.latest["year"] == 2024


def test_every_key_indicator_names_an_indicator_of_its_own_topic():
    catalogue = {e.id: e.topic for e in load_catalogue()}
    priorities = key_indicator_priorities()
    assert priorities and all(catalogue[i] == topic for i, (topic, _) in priorities.items())
    for topic in {t for t, _ in priorities.values()}:
        ranks = sorted(p for t, p in priorities.values() if t == topic)
        assert ranks == list(range(1, len(ranks) + 1)), topic


def test_a_key_indicator_of_another_topic_is_refused_naming_the_line(tmp_path):
    from etl.errors import InputError
    bad = tmp_path / "key.csv"
    bad.write_text("topic,priority,id\nindustry,1,gdp\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: gdp is of topic economy"):
        key_indicator_priorities(bad)
