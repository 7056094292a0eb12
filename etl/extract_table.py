"""``python -m etl extract --format table``: the mentions as an aligned table for reading.

One row per mention: the file, the offset and text as found, the value written the Chinese way
(3,700亿元, 32.5万人次), then what the number is. JSON Lines (the default format) is for programs.
"""
from __future__ import annotations

from etl.models import Mention
from etl.quantity_text import format_quantity_zh
from etl.text_table import format_table

HEADER = ["file", "start", "text", "value", "qualifier", "measure", "period", "topic",
          "indicator", "subject"]     # the longest names last: the rows stay readable
#: Columns aligned to the right (numbers).
RIGHT = frozenset({1, 3})


def mention_table(mentions: list[Mention]) -> list[str]:
    """The header, a rule and one line per mention (just the header when there is none)."""
    rows = [[m.doc, m.start, m.text, format_quantity_zh(m.value, m.unit), m.qualifier, m.measure,
             m.period or (m.year if m.year is not None else "—"), m.topic, m.indicator, m.subject]
            for m in mentions]
    return format_table(HEADER, rows, RIGHT)
