"""Plain-text tables for a terminal: columns aligned by display width, so Chinese (two cells
per character) lines up with Latin text (wcwidth measures what a terminal draws)."""
from __future__ import annotations

from wcwidth import wcswidth, wcwidth

GAP = "  "


def width(text: str) -> int:
    """Cells ``text`` takes in a terminal (a control character counts as one)."""
    measured = wcswidth(text)
    if measured >= 0:
        return measured
    return sum(max(wcwidth(c), 1) for c in text)


def _cell(value) -> str:
    """One line of text: a newline or tab inside a cell would break the row."""
    text = "" if value is None else str(value)
    return " ".join(text.split()) if any(c in text for c in "\r\n\t\v\f") else text


def pad(text: str, cells: int, right: bool = False) -> str:
    fill = " " * max(cells - width(text), 0)
    return fill + text if right else text + fill


def format_table(header: list[str], rows: list[list], right: frozenset[int] = frozenset()) -> list[str]:
    """The header, a rule and the rows as lines; columns whose index is in ``right`` are
    right-aligned (numbers). The last column is not padded (no trailing spaces)."""
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([width(h)] + [width(row[i]) for row in cells]) for i, h in enumerate(header)]

    def line(values: list[str]) -> str:
        parts = [pad(v, widths[i], i in right) if i < len(values) - 1 or i in right else v
                 for i, v in enumerate(values)]
        return GAP.join(parts).rstrip()

    return [line(header), GAP.join("-" * w for w in widths)] + [line(row) for row in cells]
