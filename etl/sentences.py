"""Sentence, clause and paragraph boundaries of an article body, computed once per article.

The annotator reads the words around a number: the clause it sits in (between commas), its
sentence (between 。！？；) and earlier sentences of its paragraph. OCR'd pages break lines in
the middle of sentences, so a line break only ends a sentence after closing punctuation or
after a title line (short, with no sentence punctuation).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

SENTENCE_END = "。！？!?；;"
CLAUSE_BREAKS = "，,：:（）()　 "        # the spaces separate the parts of a headline
CLOSING = "”’\"』」）)"
TITLE_MAX_CHARS = 40
REACH = 500               # how far a sentence or clause reaches from a number, at most
PARAGRAPH_REACH = 2000    # how far a paragraph does

_SENTENCE_PUNCT = re.compile(f"[{re.escape(SENTENCE_END)}]+[{re.escape(CLOSING)}]?")
# a colon between digits joins the parts of a ratio or a time (6.9:42.7:50.4, 9:30), it breaks nothing
_CLAUSE_PUNCT = re.compile(f"(?<!\\d)[:：](?!\\d)|[{re.escape(CLAUSE_BREAKS.replace(':', '').replace('：', ''))}]")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    is_title: bool


class SentenceIndex:
    """Boundaries of one text; every lookup is a binary search."""

    def __init__(self, text: str):
        self.text = text
        self.lines = [Line(m.start(), m.end(), _is_title(m.group())) for m in _LINE.finditer(text)]
        self._line_starts = [line.start for line in self.lines]
        starts, semicolons = {0}, set()
        for m in _SENTENCE_PUNCT.finditer(text):
            starts.add(m.end())
            if m.group()[0] in "；;":
                semicolons.add(m.end())
        for i, line in enumerate(self.lines):
            if line.is_title:
                starts.add(line.start)
                starts.add(line.end)
            elif i and (self.lines[i - 1].is_title or _ends_sentence(text, self.lines[i - 1])):
                starts.add(line.start)
        starts.update(_record_starts(text, self.lines))
        self.sentence_starts = sorted(starts)
        # a semicolon ends a sentence but not the scope of a lead (目标是：…；…。)
        self._full_starts = [s for s in self.sentence_starts if s not in semicolons]
        self._clause_starts = sorted({0, *(m.end() for m in _CLAUSE_PUNCT.finditer(text)
                                           if not _inside_name(text, m.start()))}
                                     | set(self.sentence_starts))
        # paragraphs: a new one starts where a line starts a sentence
        self._paragraph_starts = sorted({0} | {line.start for line in self.lines
                                               if line.start in starts})
        # numbered section headings (四、电网建设情况 / （五）既有住宅加装电梯。…): their own line,
        # or the short first sentence of a paragraph
        self.headings: list[tuple[int, int]] = []
        for line in self.lines:
            m = _NUMBERED_HEADING.match(text, line.start, line.end)
            if m is None:
                continue
            stop = _SENTENCE_PUNCT.search(text, m.end(), line.end)
            end = stop.start() if stop else line.end
            if end - line.start <= HEADING_MAX_CHARS:
                self.headings.append((line.start, end))
        self._heading_starts = [start for start, _ in self.headings]

    def sentence(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding ``pos``, at most ``REACH`` characters either side:
        every look-back of the annotator reads a bounded window, however long a text runs on."""
        i = bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[i]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return max(start, pos - REACH), min(end, pos + REACH)

    def full_sentence_start(self, pos: int) -> int:
        """Start of the sentence holding ``pos`` when only 。！？ and paragraphs end sentences:
        a semicolon ends a sentence but not the scope of a lead (目标是：…；…。)."""
        return max(self._full_starts[bisect_right(self._full_starts, pos) - 1], pos - REACH)

    def clause_start(self, pos: int) -> int:
        return max(self._clause_starts[bisect_right(self._clause_starts, pos) - 1], pos - REACH)

    def clause_end(self, pos: int) -> int:
        i = bisect_right(self._clause_starts, pos)
        return min(self._clause_starts[i] if i < len(self._clause_starts) else len(self.text), pos + REACH)

    def paragraph_start(self, pos: int) -> int:
        return max(self._paragraph_starts[bisect_right(self._paragraph_starts, pos) - 1], pos - PARAGRAPH_REACH)

    def heading(self, pos: int) -> tuple[int, int] | None:
        """(start, end) of the numbered section heading ``pos`` falls under, if one is near."""
        i = bisect_right(self._heading_starts, pos) - 1
        if i < 0 or pos - self.headings[i][0] > PARAGRAPH_REACH:
            return None
        return self.headings[i]

    def line(self, pos: int) -> Line | None:
        i = bisect_right(self._line_starts, pos) - 1
        return self.lines[i] if i >= 0 else None

    def in_title(self, pos: int) -> bool:
        line = self.line(pos)
        return bool(line and line.is_title and pos < line.end)


_NUMBERED_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])")
_TOP_HEADING = re.compile(r"\s*[一二三四五六七八九十]{1,3}[、.．]")
HEADING_MAX_CHARS = 40


def headed_sections(index: SentenceIndex, heading: re.Pattern) -> list[tuple[int, int, int]]:
    """(heading start, section start, end) of each section whose heading line matches ``heading``
    (一、2024年工作回顾 / 二、工作任务 / 重点抓好以下工作：): it runs to the next numbered
    top-level heading (二、…) or the end of the text."""
    text, out = index.text, []
    for k, line in enumerate(index.lines):
        raw = text[line.start:line.end]
        if len(raw.strip()) > HEADING_MAX_CHARS or not heading.search(raw):
            continue
        end = len(text)
        for later in index.lines[k + 1:]:
            if _TOP_HEADING.match(text, later.start) and len(text[later.start:later.end].strip()) <= HEADING_MAX_CHARS:
                end = later.start
                break
        out.append((line.start, line.end, end))
    return out


_NAME_BRACKET = re.compile(r"[（(][A-Za-z0-9.\u4e00-\u9fff&]{1,10}[）)][\u4e00-\u9fffA-Za-z]")


def _inside_name(text: str, pos: int) -> bool:
    """细颗粒物（PM2.5）平均浓度, 研究与试验发展（R&D）经费: a short bracket inside a name breaks no clause."""
    char = text[pos]
    if char in "（(":
        return _NAME_BRACKET.match(text, pos) is not None
    if char in "）)":
        opened = max(text.rfind("（", max(0, pos - 11), pos), text.rfind("(", max(0, pos - 11), pos))
        return opened >= 0 and _NAME_BRACKET.match(text, opened) is not None and \
            _NAME_BRACKET.match(text, opened).end() == pos + 2
    return False


_RECORD = re.compile(r"[^。！？!?；;\n]{1,60}?[\d%％]\s*")
MIN_RECORDS = 3


def _record_starts(text: str, lines: list[Line]) -> list[int]:
    """Lines of figures (第3项 产值12.5亿元,同比增长8.1%), three or more in a row, are one record
    each: a table written as lines is not one long sentence."""
    out, run = [], []
    for line in (*lines, None):
        if line is not None and _RECORD.fullmatch(text, line.start, line.end):
            run.append(line)
            continue
        if len(run) >= MIN_RECORDS:
            out.extend(x for r in run for x in (r.start, r.end))
        run = []
    return out


def _is_title(line: str) -> bool:
    stripped = line.strip()
    return (0 < len(stripped) <= TITLE_MAX_CHARS and not any(c in SENTENCE_END for c in stripped)
            and "，" not in stripped and "," not in stripped)


def _ends_sentence(text: str, line: Line) -> bool:
    tail = text[line.start:line.end].rstrip()
    return bool(tail) and (tail[-1] in SENTENCE_END or tail[-1] in "：:"
                           or (tail[-1] in CLOSING and len(tail) > 1 and tail[-2] in SENTENCE_END))
