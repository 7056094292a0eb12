"""Text -> quantities. (Minimal first version: Arabic numbers with a few units.)"""
from __future__ import annotations

import re

from etl.models import Quantity

_MULT = {"": 1, "万": 1e4, "亿": 1e8}
_PATTERN = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?P<mag>万|亿)?(?P<unit>元|人次|%|平方米|套|户|家|个|栋|幢|场|名|人)")


def find_quantities(text: str) -> list[Quantity]:
    out = []
    for m in _PATTERN.finditer(text):
        unit = "人" if m["unit"] == "名" else m["unit"]
        value = float(m["num"]) * _MULT[m["mag"] or ""]
        out.append(Quantity(m.start(), m.end(), m.group(), value, unit))
    return out
