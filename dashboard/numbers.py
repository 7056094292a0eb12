"""Numbers and periods as a reader of either language writes them.

Chinese: 3,700亿元, 32.5万人次, 2025年春节 (the digits and the 万/亿 scaling of
``etl.quantity_text``). English: CNY 370 bn, 325,000 person-times, Spring Festival 2025: the
Chinese magnitudes are converted to thousands, millions and billions (1 万 = 10 thousand,
1 亿 = 100 million) and the units named in English (``vocab.json``, group ``unit``; a unit it
lacks is written as in the article). Every function takes any float (huge, infinite, NaN) and
returns text: a page never fails on a number.
"""
from __future__ import annotations

import math
import re

from dashboard.i18n import t, vocab_entry
from etl.quantity_text import (UNSCALED_UNITS, finite, format_number, format_quantity_zh,
                               largest_of)
from etl.quantity_text import scale_for as scale_for_zh

#: English magnitudes: (threshold, divisor, word on an axis, short form after a value).
_EN_MAGNITUDES = ((1e12, 1e12, "trillion", "tn"), (1e9, 1e9, "billion", "bn"),
                  (1e6, 1e6, "million", "m"))


def scale_for(values, unit: str, lang: str = "zh") -> tuple[float, str]:
    """(divisor, magnitude) that suits the largest of ``values``: 3.7e11 元 -> (1e8, '亿') in
    Chinese, (1e9, 'bn') in English."""
    if lang == "zh":
        return scale_for_zh(values, unit)
    if unit in UNSCALED_UNITS:
        return 1.0, ""
    largest = largest_of(values)
    for threshold, divisor, _word, short in _EN_MAGNITUDES:
        if largest >= threshold:
            return divisor, short
    return 1.0, ""


def _en_unit(unit: str) -> tuple[str, str]:
    """(English name, 'prefix' | 'suffix') of a base unit; unknown units as written."""
    entry = vocab_entry("unit", unit)
    if entry is None:
        return unit, "suffix"
    return entry["en"], entry.get("place", "suffix")


def unit_label(unit: str, magnitude: str, lang: str) -> str:
    """The unit of an axis or a column: '亿元', 'CNY bn', 'million kWh', '%'."""
    if lang == "zh":
        return f"{magnitude}{unit}"
    name, place = _en_unit(unit)
    if place == "prefix":
        return f"{name} {magnitude}".strip()
    word = next((w for _, _, w, s in _EN_MAGNITUDES if s == magnitude), magnitude)
    return " ".join(x for x in (word, name) if x) or t("count", "en")


def format_quantity(value: float | None, unit: str, lang: str = "zh") -> str:
    """A value in base units: '3,700亿元' / 'CNY 370 bn', '32.5万人次' / '325,000 person-times'."""
    if not finite(value):
        return "—"
    if lang == "zh":
        return format_quantity_zh(value, unit)
    divisor, magnitude = scale_for([value], unit, "en")
    number = format_number(value / divisor, "en")
    name, place = _en_unit(unit)
    if place == "prefix":
        return " ".join(x for x in (name, number, magnitude) if x)
    if name in ("%", "‰", "°C", "×"):
        return f"{number}{name}"
    return " ".join(x for x in (number, magnitude, name) if x)


def format_scaled(value: float, divisor: float, lang: str = "zh") -> str:
    """A value on an axis of ``divisor``: the number only (the unit is in the axis title)."""
    return format_number(value / divisor, lang) if finite(value) else "—"


def format_change(current: float, previous: float | None, unit: str, lang: str = "zh") -> str | None:
    """The change against the previous period: '+300亿元 (+8.1%)'; percentage points for
    rates; '0' for no change (no sign: it neither rose nor fell)."""
    if not finite(previous) or not finite(current):
        return None
    delta = current - previous
    if not math.isfinite(delta):
        return None
    if delta == 0:
        return t("no_change", lang)
    sign = "+" if delta > 0 else "-"
    if unit in ("%", "‰", "百分点"):
        points = "个百分点" if lang == "zh" else " pp"
        return f"{sign}{format_number(abs(delta), lang)}{points}"
    text = f"{sign}{format_quantity(abs(delta), unit, lang)}"
    ratio = abs(delta) / abs(previous) * 100 if previous else math.inf
    if math.isfinite(ratio):
        text += f" ({sign}{format_number(ratio, lang, 1)}%)"
    return text


# --- periods ------------------------------------------------------------------------------------
# Labels written by etl/periods.py: 2025, 2021-2025, 2025-春节, 2023-Q1..Q3, 2023-Q2, 2024-H1,
# 2024-01..11, 2022-08, 2022-10-26 (a year may be '?' when the text gave none).

_WHOLE = re.compile(r"\d{4}(\s*[-–—~]\s*\d{4})?")     # as ranking.sql: a year or a span of years
_PERIOD = re.compile(r"(?P<year>\d{4}|\?)-(?P<part>.+)")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def is_whole_year(period) -> bool:
    """A year or a span of years (what ranking.sql lets stand for a year), or no period."""
    return not isinstance(period, str) or not period or bool(_WHOLE.fullmatch(period))


def period_part(period) -> str:
    """The part of the year a period covers, '' for a whole year: '2025-春节' -> '春节',
    '2024-01..11' -> '01..11'. Values of one part (every 春节) form one series."""
    if is_whole_year(period):
        return ""
    match = _PERIOD.fullmatch(period)
    return match.group("part") if match else period


def format_part(part: str, lang: str) -> str:
    """A part of the year in words: '春节' -> '春节' / 'Spring Festival', 'Q1..Q3' -> '前三季度' /
    'Q1–Q3', '01..11' -> '1-11月' / 'Jan–Nov'."""
    if not part:
        return ""
    if m := re.fullmatch(r"Q1\.\.Q(\d)", part):
        n = int(m.group(1))
        return f"前{'一二三四'[n - 1]}季度" if lang == "zh" else f"Q1–Q{n}"
    if m := re.fullmatch(r"Q(\d)", part):
        return f"第{'一二三四'[int(m.group(1)) - 1]}季度" if lang == "zh" else f"Q{m.group(1)}"
    if m := re.fullmatch(r"H([12])", part):
        return ("上半年" if m.group(1) == "1" else "下半年") if lang == "zh" else f"H{m.group(1)}"
    if m := re.fullmatch(r"(\d\d)\.\.(\d\d)", part):
        a, b = int(m.group(1)), int(m.group(2))
        if 1 <= a <= 12 and 1 <= b <= 12:
            return f"{a}-{b}月" if lang == "zh" else f"{_MONTHS_EN[a - 1]}–{_MONTHS_EN[b - 1]}"
    if m := re.fullmatch(r"(\d\d)(?:-(\d\d))?", part):
        month, day = int(m.group(1)), m.group(2)
        if 1 <= month <= 12:
            if lang == "zh":
                return f"{month}月" + (f"{int(day)}日" if day else "")
            return (f"{int(day)} " if day else "") + _MONTHS_EN[month - 1]
    return part if lang == "zh" else (vocab_entry("festival", part) or {}).get("en", part)


def format_period(period, year=None, lang: str = "zh") -> str:
    """The period a value refers to, in words: '2025' / '2025年' , '2025年春节' / 'Spring
    Festival 2025', '2024年1-11月' / 'Jan–Nov 2024', '2021-2025年' / '2021–2025'."""
    has_year = finite(year)
    if not isinstance(period, str) or not period:
        if not has_year:
            return ""
        return f"{int(year)}年" if lang == "zh" else str(int(year))
    if _WHOLE.fullmatch(period):
        span = re.sub(r"\s*[-–—~]\s*", "–" if lang == "en" else "-", period)
        return f"{span}年" if lang == "zh" else span
    match = _PERIOD.fullmatch(period)
    if not match:
        return period
    label_year = match.group("year") if match.group("year") != "?" else \
        (str(int(year)) if has_year else "")
    part = format_part(match.group("part"), lang)
    if lang == "zh":
        return f"{label_year}年{part}" if label_year else part
    return f"{part} {label_year}".strip()


def unit_name(unit, lang: str = "zh") -> str:
    """A base unit in ``lang``: '元' / 'CNY'; a unit English leaves unnamed (个, 家) as written."""
    if not isinstance(unit, str) or lang == "zh":
        return unit
    name, _ = _en_unit(unit)
    return f"{name} ({unit})" if name and name != unit else unit
