"""a:b:c structures: one share per part, only when the parts make a whole."""
from __future__ import annotations

from etl.structures import find_structures


def test_the_three_sectors_of_a_structure_are_three_shares_in_order():
    parts = find_structures("全市三次产业结构为0.9:47.5:51.6。")
    assert [(p.value, p.parts[p.index]) for p in parts] == [
        (0.9, "第一产业"), (47.5, "第二产业"), (51.6, "第三产业")]


def test_a_structure_adjusted_from_one_to_another_gives_both():
    parts = find_structures("三次产业结构由6.1:45.0:48.9调整为5.8:44.9:49.3。")
    assert [p.value for p in parts] == [6.1, 45.0, 48.9, 5.8, 44.9, 49.3]


def test_a_ratio_that_does_not_add_up_to_a_whole_is_no_structure():
    assert find_structures("城乡居民收入比为2.1:1。") == ()


def test_a_ratio_stated_without_a_unit_is_found_with_the_one_it_changes_to():
    from etl.structures import find_ratios
    assert [r.value for r in find_ratios("城乡居民收入比由上年的2.11缩小至2.07。")] == [2.11, 2.07]
    assert [r.value for r in find_ratios("之比为1.08:1")] == [1.08]
    assert find_ratios("收入比上年增长5.6%") == ()


def test_a_structure_with_no_known_lead_keeps_the_words_before_it():
    parts = find_structures("一、二、三产业和城乡居民生活用电结构为0.4:65.8:19.2:14.6，")
    assert [p.value for p in parts] == [0.4, 65.8, 19.2, 14.6]
    assert {p.head for p in parts} == {"一、二、三产业和城乡居民生活用电"}


def test_the_parts_listed_before_a_structure_name_each_share():
    from etl.indicators import _structure_name
    names = [_structure_name(p).name for p in
             find_structures("一、二、三产业和城乡居民生活用电结构为0.4:65.8:19.2:14.6，")]
    assert names == ["第一产业用电量占比", "第二产业用电量占比", "第三产业用电量占比", "居民生活用电量占比"]
    names = [_structure_name(p).name for p in find_structures("农业、林业、牧业和渔业产值结构为60.1:5.2:30.5:4.2。")]
    assert names == ["农业产值占比", "林业产值占比", "牧业产值占比", "渔业产值占比"]
