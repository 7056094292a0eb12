"""Tables written as lines of figures: each row a label and cells, the unit in a header.

    表1 2024年1—11月限额以上单位主要商品零售额
    单位：亿元，%
    商品类别        绝对额    同比增长
    粮油、食品类    156.8     8.2
    汽车类          412.3     -5.4

A row is a line that starts with a label and has one or more numbers set apart by wide space,
a tab or ``|``; two or more such lines in a row make a table. A column takes its unit from its
header cell (绝对额（亿元）, 增速（%）) or, failing that, from a 单位 line above the table (one
unit per column, or a money/count unit for the amounts and % for the rates); its measure from
the header's words (同比增长 -> year-on-year growth, 增速 -> growth, 占比 -> share). A cell whose
unit cannot be known is left alone rather than guessed. Work is one pass over the lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from etl.numerals import parse_number
from etl.quantity_lexicon import LEXICON as LEX

MAX_LABEL_CHARS = 24
MAX_HEADER_GAP_LINES = 3          # lines between the 单位 line / column titles and the rows
# cells are set apart by wide space, a tab, a pipe, or (between figures) one space
_CELL_SEP = r"(?:[ \t\u3000]{2,}|\t|[ \t\u3000]*[|｜][ \t\u3000]*|[ \u3000](?=[-−]?\d))"
_NUMBER = r"[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?%?|[-−]?\d+(?:\.\d+)?%?"        # 12,563 too
_ROW = re.compile(rf"[ \t\u3000]*[|｜]?[ \t\u3000]*(?:\d{{1,3}}[.、．]?(?:[ \t\u3000]+|[ \t\u3000]*[|｜][ \t\u3000]*))?"
                  rf"(?P<label>[^\d\s|｜\-−][^\d|｜\t]*?)(?P<cells>(?:{_CELL_SEP}(?:{_NUMBER}))+)"
                  rf"[ \t\u3000]*[|｜]?[ \t\u3000]*$")
_CELL = re.compile(rf"{_CELL_SEP}(?P<number>{_NUMBER})")
_HEADER_EDGE = re.compile(r"^[ \t\u3000]*[|｜]|[|｜][ \t\u3000]*$")
_UNIT_LINE = re.compile(r"单位\s*[:：]\s*(?P<units>[^\n]{1,30})")
_IN_BRACKETS = re.compile(r"[（(](?P<unit>[^()（）]{1,8})[)）]")
_HEADER_SPLIT = re.compile(r"[ \t\u3000]*[|｜][ \t\u3000]*|[ \t\u3000]+")    # titles hold no spaces
_MAGNITUDE = "十百千万亿"
_UNIT_FREE_HEADER = re.compile(r"[（(][^()（）]*[)）]|[%％\s]")


@dataclass(frozen=True)
class Column:
    unit: str | None              # base unit (元, %, 千瓦时), None when unknown
    factor: float
    measure: str                  # level, yoy_growth, growth, share
    header: str = ""              # the column's title (接待游客, 绝对额, 同比增长(%))


@dataclass(frozen=True)
class Cell:
    start: int                    # offsets of the number in the text
    end: int
    text: str
    column: Column


@dataclass(frozen=True)
class Row:
    start: int                    # the line
    end: int
    label: str                    # 粮油、食品类 (indent, 其中 and # markers removed)
    label_start: int
    cells: tuple[Cell, ...]
    title: str                    # the table's title line or the lines above its header
    columns: tuple[Column, ...] = ()    # every column of the table, in order (a row may leave some empty)
    parent: str = ""              # #钢铁工业, 其中：…: the label of the row it is an item of

    def amount_column(self, cell: Cell) -> Column:
        """The column that says what ``cell`` measures: its own, or for a rate column (同比增长,
        占比) the nearest amount column to its left (进出口 | 同比（%） | 出口: the 1.8 is
        进出口's growth). A rate column that names itself (开工率) is its own."""
        column = cell.column
        at = next((k for k, c in enumerate(self.columns) if c is column), None)
        if column.measure == "level" or at is None or _UNIT_FREE_HEADER.sub("", column.header).endswith("率"):
            return column
        return next((c for c in reversed(self.columns[:at]) if c.measure == "level"), column)


@lru_cache(maxsize=4)
def find_rows(text: str) -> tuple[Row, ...]:
    """The rows of every table of ``text`` whose units are known, in text order (the number
    finder and the annotator both ask for an article's rows: they are found once)."""
    lines = _lines(text)
    rows: list[Row] = []
    k = 0
    while k < len(lines):
        block = []
        while k < len(lines) and (m := _ROW.match(text, lines[k][0], lines[k][1])) is not None \
                and len(m["label"].strip()) <= MAX_LABEL_CHARS:
            block.append((lines[k], m))
            k += 1
        if len(block) >= 2:
            rows.extend(_table(text, lines, block))
        k += 1 if not block else 0
    return tuple(rows)


def is_row(line: str) -> bool:
    """Does a line read as a table row (a label and numbers set apart)? A column break never
    falls after one: the next block is a new paragraph."""
    m = _ROW.fullmatch(line.rstrip())
    return m is not None and len(m["label"].strip()) <= MAX_LABEL_CHARS


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _table(text: str, lines, block) -> list[Row]:
    first = lines.index(block[0][0])
    width = max(len(_CELL.findall(m["cells"])) for _, m in block)
    above: list[str] = []                 # the title, 单位 and header lines right above the rows
    for s, e in reversed(lines[max(0, first - MAX_HEADER_GAP_LINES):first]):
        line = text[s:e].strip()
        if not line and above or _ROW.fullmatch(line):
            break                         # a blank line or the last row of the table before
        if line:
            above.insert(0, line)
    headers, unit_column = _header_cells(above[-1], width) if above else ([], False)
    units_line = next((m["units"] for line in above if (m := _UNIT_LINE.search(line))), None)
    columns = _columns(headers, units_line, width)
    if all(c.unit is None for c in columns) and not unit_column:
        return []
    title = " ".join(line for line in above if not _UNIT_LINE.search(line) or not _HEADER_SPLIT.search(line))
    out = []
    parent = ""
    for (start, end), m in block:
        label, row_unit = _label_and_unit(m["label"])
        item = m["label"].strip().startswith(_ITEM_MARKERS)
        if not item:
            parent = label
        row_columns = columns
        if unit_column and row_unit is not None:   # 生铁 万吨 10486.3 -2.7: the row's own unit
            row_columns = [Column(row_unit[0], row_unit[1], c.measure, c.header) if c.measure == "level" else c
                           for c in columns]
        found = list(_CELL.finditer(text, m.start("cells"), end))
        offset = width - len(found)               # a short row (规上工业增加值 — 7.8) fills the last columns
        cells = tuple(Cell(c.start("number"), c.end("number"), c["number"], row_columns[offset + j])
                      for j, c in enumerate(found) if row_columns[offset + j].unit is not None)
        label_start = m.start("label") + max(0, m["label"].find(label[:1]))
        out.append(Row(start, end, label, label_start, cells, title, tuple(row_columns), parent if item else ""))
    return out


_ITEM_MARKERS = ("#", "＃", "其中")     # 注：表中“#”表示其中项


_DASHES = "—–-−/ "
_SPACED = re.compile(r"[\u4e00-\u9fff](?:[ \u3000][\u4e00-\u9fff])+")
_PADDING = re.compile(r"(?<=[\u4e00-\u9fff])\s(?=[\u4e00-\u9fff])")


def _label_and_unit(raw: str) -> tuple[str, tuple[str, float] | None]:
    """The row's name (indent, 其中 and # markers off) and the unit a 计量单位 column gives it."""
    pieces = [p for p in _HEADER_SPLIT.split(raw.strip()) if p.strip(_DASHES)]
    if len(pieces) > 1 and all(len(p) == 1 for p in pieces) and _SPACED.fullmatch(raw.strip()):
        pieces = ["".join(pieces)]                # 高　县, 合　计: one name spaced out character by character
    label = (pieces[0] if pieces else raw).strip().lstrip("#＃*·").strip()
    label = _PADDING.sub("", label)               # 高　县, 珙　县: two characters spaced to align
    for lead in ("其中：", "其中:", "其中"):
        if label.startswith(lead) and len(label) > len(lead):
            label = label[len(lead):].strip()
    unit = _unit(pieces[1]) if len(pieces) > 1 else None
    return label, unit


_UNIT_COLUMN = ("计量单位", "单位")
_INDEX_COLUMN = ("序号", "编号", "排名")


def _header_cells(line: str, width: int) -> tuple[list[str], bool]:
    """The column titles of a header line (the first cell titles the labels), and whether a
    计量单位 column gives each row its unit."""
    cells = [c.strip() for c in _HEADER_SPLIT.split(_HEADER_EDGE.sub("", line)) if c.strip()]
    unit_column = any(c in _UNIT_COLUMN for c in cells)
    cells = [c for c in cells if c not in _UNIT_COLUMN and c not in _INDEX_COLUMN]
    if len(cells) == width + 1:
        return cells[1:], unit_column
    if len(cells) == width:
        return cells, unit_column
    return [], unit_column


def _columns(headers: list[str], units_line: str | None, width: int) -> list[Column]:
    declared = [u for u in re.split(r"[、，,;；/\s]+", units_line or "") if u]
    amount_units = [u for u in declared if _unit(u) and _unit(u)[0] != "%"]
    columns = []
    for j in range(width):
        header = headers[j] if j < len(headers) else ""
        measure = measure_of_header(header)
        unit = None
        bracket = _IN_BRACKETS.search(header)
        if bracket:
            unit = _unit(bracket["unit"])
        if unit is None and len(declared) == width:
            unit = _unit(declared[j])
        if unit is None and declared:
            if measure != "level" and "%" in declared:
                unit = ("%", 1.0)
            elif measure == "level" and len(amount_units) == 1:
                unit = _unit(amount_units[0])
        if unit is None and measure != "level" and header:
            unit = ("%", 1.0)                     # 同比增长 over a column of rates
        columns.append(Column(unit[0] if unit else None, unit[1] if unit else 1.0, measure, header))
    return columns


_PLAN_HEADER = ("计划", "目标", "任务")


def planned_column(header: str) -> bool:
    """计划改造小区, 年度目标: a column of what a plan sets, not of what was done."""
    return any(w in header for w in _PLAN_HEADER) and not any(w in header for w in ("完成", "进度"))


def measure_of_header(header: str) -> str:
    if any(w in header for w in ("同比", "比上年", "比去年", "较上年")):
        return "yoy_growth"
    if any(w in header for w in ("增长", "增速", "增幅", "±")):
        return "growth"
    if any(w in header for w in ("占比", "比重")) or header.rstrip("（）()%％ ").endswith("率"):
        return "share"                    # 占全市比重, 开工率, 入住率
    return "level"


def _unit(surface: str) -> tuple[str, float] | None:
    """(base unit, factor) of a unit as a header writes it: 亿元 -> (元, 1e8), % -> (%, 1)."""
    surface = surface.strip().strip("（）()")
    if surface in ("%", "％"):
        return "%", 1.0
    scale = ""
    while surface not in LEX.units and surface not in LEX.counters and \
            surface[:1] in _MAGNITUDE and len(surface) > 1:      # 万千瓦时: 万 and 千瓦时
        scale, surface = scale + surface[0], surface[1:]
    if surface in LEX.units:
        unit, factor = LEX.units[surface]
    elif surface in LEX.counters:
        unit, factor = LEX.counters[surface], 1.0
    else:
        return None
    return unit, factor * (parse_number("1" + scale) if scale else 1.0)


def cell_value(cell: Cell) -> float:
    number = float(cell.text.rstrip("%").replace("−", "-").replace(",", ""))
    return float(f"{number * cell.column.factor:.15g}")
