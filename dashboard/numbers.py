"""Numbers the way Chinese readers write them: 3,700亿元, 32.5万人次, 27.45%.

Babel does the digit grouping and decimals; the 万/亿 scaling is ours (CLDR's compact forms
round too hard for statistics). Every function here takes any float (huge, infinite, NaN) and
returns text: a page never fails on a number.
"""
from __future__ import annotations

import math

from babel.numbers import format_decimal

#: (threshold, divisor, magnitude character), largest first.
_MAGNITUDES = ((1e8, 1e8, "亿"), (1e4, 1e4, "万"))
#: Units that are never scaled to 万/亿 (ratios, rates).
_UNSCALED_UNITS = {"%", "百分点", "‰"}
_LOCALE = {"zh": "zh_CN", "en": "en_US"}


def scale_for(values, unit: str) -> tuple[float, str]:
    """(divisor, magnitude) that suits the largest of ``values`` in ``unit``: 3.7e11 元 -> (1e8, '亿')."""
    if unit in _UNSCALED_UNITS:
        return 1.0, ""
    finite = [abs(v) for v in values if v is not None and not math.isnan(v)]
    largest = max(finite, default=0.0)
    for threshold, divisor, magnitude in _MAGNITUDES:
        if largest >= threshold:
            return divisor, magnitude
    return 1.0, ""


#: Beyond this many units (after the 万/亿 scaling) digits stop being readable, and Babel's
#: decimal arithmetic fails from about 1e26: such numbers are written with an exponent.
_DIGITS_LIMIT = 1e15


def format_number(value: float, lang: str = "zh", decimals: int = 2) -> str:
    """Grouped digits, at most ``decimals`` decimals: 3700 -> '3,700', 32.5 -> '32.5';
    '1e+20' beyond a thousand trillion; '—' for what is not a finite number. Never raises."""
    if value is None or not math.isfinite(value):
        return "—"
    if abs(value) >= _DIGITS_LIMIT:
        return f"{value:.4g}"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_LOCALE.get(lang, "zh_CN"))


def format_quantity(value: float | None, unit: str, lang: str = "zh") -> str:
    """A value in base units as written in Chinese: 370000000000, 元 -> '3,700亿元'."""
    if value is None or not math.isfinite(value):
        return "—"
    divisor, magnitude = scale_for([value], unit)
    return f"{format_number(value / divisor, lang)}{magnitude}{unit}"


def format_change(current: float, previous: float | None, unit: str, lang: str = "zh") -> str | None:
    """The change against the previous period: '+300亿元 (+8.1%)'; percentage points for % units."""
    if previous is None or not math.isfinite(previous) or not math.isfinite(current):
        return None
    delta = current - previous
    if not math.isfinite(delta):
        return None
    sign = "+" if delta >= 0 else "-"
    if unit in _UNSCALED_UNITS:
        points = "个百分点" if lang == "zh" else " pp"
        return f"{sign}{format_number(abs(delta), lang)}{points}"
    text = f"{sign}{format_quantity(abs(delta), unit, lang)}"
    ratio = abs(delta) / abs(previous) * 100 if previous else math.inf
    if math.isfinite(ratio):
        text += f" ({sign}{format_number(ratio, lang, 1)}%)"
    return text
