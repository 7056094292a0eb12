"""Numbers the way Chinese readers write them: 3,700亿元, 32.5万人次, 27.45%.

Babel does the digit grouping and decimals; the 万/亿 scaling is ours (CLDR's compact forms
round too hard for statistics). Every function here takes any float (huge, infinite, NaN) and
returns text: a table or a page never fails on a number. The command line's tables and the
dashboard (``dashboard/numbers.py``, which adds English) write numbers with these.
"""
from __future__ import annotations

import math

from babel.numbers import format_decimal

#: (threshold, divisor, magnitude character), largest first.
MAGNITUDES = ((1e8, 1e8, "亿"), (1e4, 1e4, "万"))
#: Units that are never scaled (ratios, rates).
UNSCALED_UNITS = frozenset({"%", "百分点", "‰", "倍", "℃"})
_LOCALE = {"zh": "zh_CN", "en": "en_US"}
#: Beyond this many units (after the scaling) digits stop being readable, and Babel's
#: decimal arithmetic fails from about 1e26: such numbers are written with an exponent.
DIGITS_LIMIT = 1e15


def finite(value) -> bool:
    """A number that can be written with digits (not None, NaN or infinite)."""
    try:
        return value is not None and math.isfinite(value)
    except TypeError:
        return False


def largest_of(values) -> float:
    return max((abs(v) for v in values if finite(v)), default=0.0)


def scale_for(values, unit: str) -> tuple[float, str]:
    """(divisor, magnitude) that suits the largest of ``values`` in ``unit``: 3.7e11 元 -> (1e8, '亿')."""
    if unit in UNSCALED_UNITS:
        return 1.0, ""
    largest = largest_of(values)
    for threshold, divisor, magnitude in MAGNITUDES:
        if largest >= threshold:
            return divisor, magnitude
    return 1.0, ""


def format_number(value: float, lang: str = "zh", decimals: int = 2) -> str:
    """Grouped digits, at most ``decimals`` decimals: 3700 -> '3,700', 32.5 -> '32.5';
    '1e+20' beyond a thousand trillion; '—' for what is not a finite number. Never raises."""
    if not finite(value):
        return "—"
    if abs(value) >= DIGITS_LIMIT:
        return f"{value:.4g}"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_LOCALE.get(lang, "zh_CN"))


def format_quantity_zh(value: float | None, unit: str) -> str:
    """A value in base units as written in Chinese: 370000000000, 元 -> '3,700亿元'."""
    if not finite(value):
        return "—"
    divisor, magnitude = scale_for([value], unit)
    return f"{format_number(value / divisor, 'zh')}{magnitude}{unit}"
