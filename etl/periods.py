"""Reference periods: which year (and period) a number refers to.

Time expressions (2023年前三季度, 去年, 回首过去的一年, “十四五”, 春节期间, 近五年, 1—10月,
以来 …) are found once per article and resolved against the publication date; the cue words
live in ``lexicon/period_cues.csv``. A number takes, in order:

1. the year a 分别 list gives it (分别在2021年、2022年突破3000亿元和3500亿元);
2. the nearest expression before it in its sentence: in its own clause (unless attributive,
   2017年度抽中……的居民), in the clause just before, or opening the sentence; a future year
   of another clause only when it is a deadline (到2027年), not a plan's date (计划于2026年竣工);
3. an expression after it in its own clause (两个应用场景已于2023年8月份投入);
4. one carried over from earlier sentences of its paragraph, or from a sentence opening the
   paragraph before when its own goes on from it (此外, 同时); future years are not carried
   (计划于2024年投产 dates only that plan);
5. the year of its review section (一、2024年工作回顾);
6. else the publication year (a project's investment with no period).

A number in a title line takes the first definite time of the lead that follows it.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from etl.sentences import SentenceIndex, headed_sections
from etl.wordlists import alternation, chars, words

LEXICON = Path(__file__).parent / "lexicon"
FUTURE_MONTHS = 6         # a bare month further ahead than this is last year's
CARRY_CHARS = 300          # how far back a sentence-initial time expression still applies
LEAD_CHARS = 300           # how far after a title line its time is looked for
CLAUSE_FINAL_CHARS = 2     # 中/后/内 may follow a time expression that closes a clause
SENTENCE_INITIAL_CHARS = 3  # 在/于/经过 may precede a sentence-initial time expression

_CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9, "十": 10}


@dataclass(frozen=True)
class TimeExpression:
    start: int
    end: int
    kind: str               # year, year_range, relative, review, plan, recent, festival, sub_year
    year: int | None        # the year it refers to (None: relative and no publication date)
    period: str | None      # label: 2024, 2023-Q1..Q3, 2025-春节, 2021-2025 ...
    offset: int = 0         # 上年 -> -1: years from the year the text reports on (kind "reference")


@dataclass(frozen=True)
class _Cues:
    relative: dict[str, int]
    relative_month: dict[str, int]
    review: dict[str, int]
    plan: dict[str, tuple[int, int]]
    festival: dict[str, str]
    now: frozenset[str]            # 近日, 以来, 目前: the publication time itself
    reference: frozenset[str] = frozenset()   # 上年, 当年: relative to the year reported on


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    relative, relative_month, review, plan, festival, now, reference = {}, {}, {}, {}, {}, set(), set()
    with open(LEXICON / "period_cues.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kind, cue, value = row["kind"], row["cue"], row["value"]
            if kind in ("relative_year", "now", "reference_year"):
                relative[cue] = int(value)
                if kind == "now":
                    now.add(cue)
                if kind == "reference_year":
                    reference.add(cue)
            elif kind == "relative_month":
                relative_month[cue] = int(value)
            elif kind == "review_year":
                review[cue] = int(value)
            elif kind == "plan":
                first, last = value.split("-")
                plan[cue] = (int(first), int(last))
            elif kind == "festival":
                festival[cue] = value
    return _Cues(relative, relative_month, review, plan, festival, frozenset(now), frozenset(reference))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_DASH = r"\s*(?:—|–|-|~|～|至|到)\s*"
_SUB_YEAR = (
    r"(?P<quarters>前[一二三1-3]季度)|(?P<quarter>(?:第)?[一二三四1-4]季度)"
    r"|(?P<half>[上下]半年)"
    rf"|(?P<m1>\d{{1,2}})(?:月份?)?{_DASH}(?P<m2>\d{{1,2}})月份?"
    r"|(?P<month>\d{1,2})月份?(?:(?P<day>\d{1,2})日)?(?:底|末|初|中旬|上旬|下旬)?"
)
#: What may follow a year or 今年/去年: 前三季度, 上半年, 1—10月, 8月份 ...
_SUFFIX = re.compile(_SUB_YEAR)


@lru_cache(maxsize=1)
def time_alternation() -> str:
    """A regex alternation of the time words: 今年, 去年, 春节期间, 十四五 …"""
    cues = _cues()
    return _alternation([*cues.relative, *cues.relative_month, *cues.review, *cues.festival, *cues.plan])


@lru_cache(maxsize=1)
def time_words() -> re.Pattern:
    """今年, 去年, 春节期间 … at the start of a noun phrase: not part of an indicator's name."""
    return re.compile(f"^(?:{time_alternation()})+")


_DIGITS = "0123456789"
_SUB_YEAR_STARTS = _DIGITS + "前第一二三四上下"
_CN_YEAR_START = "一二"                     # 一九九八年, 二〇二四年
_CN_YEAR_DIGITS = "〇零○一二三四五六七八九"


def _parts(char: str) -> list[str]:
    """The alternatives of the time grammar that can start with ``char``, in priority order."""
    cues = _cues()

    def words(group: str, vocabulary) -> str | None:
        chosen = [w for w in vocabulary if w[0] == char]
        return f"(?P<{group}>{_alternation(chosen)})" if chosen else None

    quoted = char in "“\""
    parts = []
    if char in _CN_YEAR_START:
        parts.append(rf"(?P<cnyear>{char}[{_CN_YEAR_DIGITS}]{{3}})\s*年度?")
    if char in _DIGITS:
        parts += [rf"(?P<y1>(?:19|20)\d{{2}})\s*年?{_DASH}(?P<y2>(?:19|20)\d{{2}})\s*年度?",
                  r"(?P<year>(?:19|20)\d{2})\s*年度?"]
    plan = [w for w in cues.plan if quoted or w[0] == char]
    if plan:
        parts.append(rf"[“\"]?(?P<plan>{_alternation(plan)})[”\"]?(?:期间|时期)?")
    if char == "近":
        parts.append(r"近(?P<recent>[一二两三四五六七八九十\d]{1,2})年")
    for group, vocabulary in (("review", cues.review), ("relative_month", cues.relative_month),
                              ("relative", cues.relative)):
        found = words(group, vocabulary)
        if found:
            parts.append(found)
    festival = words("festival", cues.festival)
    if festival:
        parts.append(festival + "(?:期间)?")
    if char in _SUB_YEAR_STARTS:
        parts.append(rf"(?P<sub>{_SUB_YEAR})")
    return parts


@lru_cache(maxsize=1)
def _grammar() -> tuple[re.Pattern, dict[str, re.Pattern]]:
    """A scan for the characters a time expression can start with, and per character the small
    pattern of the expressions that start with it: each candidate tries only a few alternatives."""
    cues = _cues()
    vocabulary = [*cues.relative, *cues.relative_month, *cues.review, *cues.festival, *cues.plan]
    starts = set(_SUB_YEAR_STARTS) | set("“\"近") | {w[0] for w in vocabulary}
    patterns = {}
    for char in starts:
        parts = _parts(char)
        if parts:
            patterns[char] = re.compile("|".join(f"(?:{p})" for p in parts))
    scan = re.compile("[" + "".join(sorted(re.escape(c) for c in patterns)) + "]")
    return scan, patterns


_BOOK_TITLE = re.compile(r"《[^》\n]{0,80}》")


def find_time_expressions(text: str, published_on: date | None) -> list[TimeExpression]:
    """Every time expression of a text, in order, resolved against the publication date."""
    titles = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)] if "《" in text else []
    out: list[TimeExpression] = []
    scan, patterns = _grammar()
    pos = 0
    for candidate in scan.finditer(text):
        at = candidate.start()
        char = text[at]
        if at < pos or (char in _DIGITS and at and text[at - 1] in _DIGITS):
            continue                  # inside a number: 2024 is tried once, at its 2
        if (m := patterns[char].match(text, at)) is None:
            continue
        pos = m.end()
        if any(s <= m.start() < e for s, e in titles) or text[m.start() - 1:m.start()] in chars("comparison"):
            continue          # in a 《title》, or a base of comparison (比去年同期)
        groups, end = m.groupdict(), m.end()
        if groups.get("year") or groups.get("relative"):
            suffix = _SUFFIX.match(text, end)
            if suffix:
                groups.update({k: v for k, v in suffix.groupdict().items() if v})
                end = pos = suffix.end()
        found = _resolve(groups, published_on)
        if found:
            cue = groups.get("relative")
            offset = _cues().relative[cue] if cue in _cues().reference else 0
            out.append(TimeExpression(m.start(), end, *found, offset=offset))
    return out


def _resolve(g: dict, published_on: date | None) -> tuple[str, int | None, str | None] | None:
    cues = _cues()
    pub_year = published_on.year if published_on else None
    if g.get("y1"):
        return "year_range", int(g.get("y2")), f"{g['y1']}-{g['y2']}"
    if g.get("cnyear"):
        year = int("".join(str(_CN_DIGITS.get(c, 0)) for c in g["cnyear"]))     # 〇/零/○ -> 0
        if 1900 <= year <= 2099:
            return "year", year, str(year)
        return None
    if g.get("year"):
        year = int(g.get("year"))
        return "year", year, _label(year, g)
    if g.get("plan"):
        first, last = cues.plan[g.get("plan")]
        return "plan", last, f"{first}-{last}"
    if g.get("recent"):
        n = _number(g.get("recent"))
        if not n or pub_year is None:
            return ("recent", None, None) if n else None
        return "recent", pub_year - 1, f"{pub_year - n}-{pub_year - 1}"
    if g.get("review"):
        year = pub_year + cues.review[g.get("review")] if pub_year else None
        return "review", year, str(year) if year else None
    if g.get("relative_month"):
        if published_on is None:
            return "relative", None, None
        months = published_on.year * 12 + published_on.month - 1 + cues.relative_month[g.get("relative_month")]
        year, month = divmod(months, 12)
        return "relative", year, f"{year}-{month + 1:02d}"
    if g.get("relative"):
        year = pub_year + cues.relative[g.get("relative")] if pub_year else None
        kind = "now" if g.get("relative") in cues.now else \
            "reference" if g.get("relative") in cues.reference else "relative"
        return kind, year, _label(year, g)
    if g.get("festival"):
        name = cues.festival[g.get("festival")]
        return "festival", pub_year, f"{pub_year}-{name}" if pub_year else name
    year = _year_of_sub_period(g, published_on)
    return "sub_year", year, _label(year, g)


def _year_of_sub_period(g: dict, published_on: date | None) -> int | None:
    """前三季度 in a March article is last year's: a period is reported once it has ended; a
    single quarter or half under way (四季度 in November) is this year's.

    A single month far ahead of the publication month (12月 in January) is last year's too;
    one just ahead (3月30日 in February) is a date still to come.
    """
    if published_on is None:
        return None
    if g.get("quarters"):
        end = 3 * _number(g["quarters"][1])
    elif g.get("quarter"):
        end = 3 * _number(g["quarter"].lstrip("第")[0])
        if end - 2 <= published_on.month:
            return published_on.year       # 四季度将冲刺 in November: the quarter under way
    elif g.get("half"):
        end = 6 if g["half"][0] == "上" else 12
        if end - 5 <= published_on.month:
            return published_on.year       # 下半年将加快推进 in July: the half under way
    elif g.get("m1"):
        end = int(g["m2"])
    else:
        month = int(g["month"]) if g.get("month") else published_on.month
        return published_on.year - 1 if month > published_on.month + FUTURE_MONTHS else published_on.year
    return published_on.year - 1 if end > published_on.month else published_on.year


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if len(text) == 2 and text[0] == "十":
        return 10 + _CN_DIGITS.get(text[1], 0)
    return _CN_DIGITS.get(text)


def _label(year: int | None, g: dict) -> str | None:
    """Period label of a year with an optional quarter, half or month part."""
    prefix = str(year) if year else "?"
    if g.get("quarters"):
        return f"{prefix}-Q1..Q{_number(g['quarters'][1])}"
    if g.get("quarter"):
        return f"{prefix}-Q{_number(g['quarter'].lstrip('第')[0])}"
    if g.get("half"):
        return f"{prefix}-H{1 if g['half'][0] == '上' else 2}"
    if g.get("m1"):
        return f"{prefix}-{int(g['m1']):02d}..{int(g['m2']):02d}"
    if g.get("month"):
        label = f"{prefix}-{int(g['month']):02d}"
        return f"{label}-{int(g['day']):02d}" if g.get("day") else label
    return str(year) if year else None


@lru_cache(maxsize=1)
def _review_heading() -> re.Pattern:
    return re.compile(alternation("review_heading"))


class PeriodResolver:
    """The time expressions of one article and the rules that pick one for a number."""

    def __init__(self, text: str, index: SentenceIndex, published_on: date | None):
        self.text = text
        self.index = index
        self.published_on = published_on
        self.expressions = find_time_expressions(text, published_on)
        self._starts = [e.start for e in self.expressions]
        self.default_year = self._headline_year()
        self._sections: list[tuple[int, int, TimeExpression]] | None = None

    def _headline_year(self) -> int | None:
        """2024年统计公报: a year in the headline is the article's default, else the publication's."""
        pub_year = self.published_on.year if self.published_on else None
        headline_end = 0
        for line in self.index.lines:
            if not line.is_title:
                break
            headline_end = line.end
        for expr in self._between(0, headline_end):
            if expr.kind in ("year", "year_range", "plan") and (pub_year is None or expr.year <= pub_year):
                return expr.year
        return pub_year

    def _between(self, start: int, end: int) -> list[TimeExpression]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.expressions) and self.expressions[i].end <= end:
            out.append(self.expressions[i])
            i += 1
        return out

    def resolve(self, start: int, quantity_starts: list[int]) -> tuple[int | None, str | None]:
        """(year, period) of the number at ``start``; ``quantity_starts`` lists the sentence's numbers."""
        if self.index.in_title(start):
            line = self.index.line(start)
            own = self._between(line.start, start)
            if own:
                return self._as_result(own[-1])
            lead = [e for e in self._between(line.end, line.end + LEAD_CHARS) if e.kind != "now"]
            return self._as_result(lead[0] if lead else None)
        sent_start, _ = self.index.sentence(start)
        candidates = self._between(sent_start, start)
        listed = self._respectively(sent_start, start, candidates, quantity_starts)
        if listed:
            return self._as_result(listed)
        clause_start = self.index.clause_start(start)
        previous_clause = self.index.clause_start(clause_start - 1) if clause_start > sent_start else clause_start
        latest = self.published_on.year if self.published_on else None
        skipped = False
        for expr in reversed(candidates):
            if expr.start >= clause_start:
                if self._is_attributive(expr, start):
                    continue
            elif latest is not None and expr.year is not None and expr.year > latest:
                if self._is_deadline(expr):
                    return self._as_result(expr)    # 到2027年，……，新增床位5000张
                continue        # 计划于2026年底竣工，预计可满足约6000名人才: the plan's date only
            elif expr.start < previous_clause and not self._opens_sentence(expr, sent_start) \
                    and not self._leads(expr):
                skipped = True
                continue        # 为2024年领航企业颁奖,发布……,5家企业……: another clause's event
            return self._as_result(expr)
        following = [e for e in self._between(start, self.index.clause_end(start))
                     if latest is None or e.year is None or e.year <= latest]
        if following:           # 两个应用场景已于2023年8月份正式投入 (not 预计于2026年建成: a plan)
            return self._as_result(following[0])
        if skipped:             # the sentence dates another of its clauses: nothing older applies
            return self._as_result(None)
        return self._as_result(self._carried(sent_start))

    def _leads(self, expr: TimeExpression) -> bool:
        """会议回顾了去年工作：……: a time in a lead ending in a colon dates what follows."""
        end = self.index.clause_end(expr.start)
        return self.text[end - 1:end] in ("：", ":")

    def _is_deadline(self, expr: TimeExpression) -> bool:
        """到2027年 / 至2025年底: a date by which the sentence's figures are to be reached."""
        return self.text[max(0, expr.start - 1):expr.start] in chars("deadline_mark")

    def _opens_sentence(self, expr: TimeExpression, sent_start: int) -> bool:
        """去年……中, / 经过“十四五”的…, / 应用上线以来,: a time phrase that opens its sentence."""
        first_clause_end = self.index.clause_end(sent_start)
        if expr.end > first_clause_end:
            return False
        lead = self.text[sent_start:expr.start].strip(" “”\"\n")
        tail = self.text[expr.end:first_clause_end].strip(" “”\"\n，,")
        return len(lead) <= SENTENCE_INITIAL_CHARS or len(tail) <= CLAUSE_FINAL_CHARS

    def _respectively(self, sent_start: int, start: int, candidates: list[TimeExpression],
                      quantity_starts: list[int]) -> TimeExpression | None:
        """分别在2021年、2022年突破3000亿元和3500亿元: the k-th number takes the k-th year."""
        at = max(self.text.rfind(w, sent_start, start) for w in words("respectively"))
        if at < 0:
            return None
        listed = [e for e in candidates if e.start >= at and e.kind in ("year", "relative")]
        if len(listed) < 2:
            return None
        after = [q for q in quantity_starts if listed[-1].end <= q <= start]
        k = len(after) - 1
        return listed[k] if 0 <= k < len(listed) else None

    def _is_attributive(self, expr: TimeExpression, start: int) -> bool:
        """2017年度抽中……的居民共计1544户: the year qualifies a noun, not the number; 由上年的
        10.3:44.6:45.1调整为10.1:44.3:45.6: it dates the value before the change, not after."""
        between = self.text[expr.end:start]
        marks = words("attributive")
        if any(w in between for w in words("change_to")):
            return True
        return any(m in between for m in marks) and not between.startswith(marks)

    def _carried(self, sent_start: int) -> TimeExpression | None:
        """An expression of an earlier sentence of the paragraph, or, in a paragraph that goes on
        from the one before (此外, 同时), one opening a sentence of that paragraph.

        Future years are not carried: 计划于2024年投产 dates that plan, not the next sentence.
        """
        para_start = self.index.paragraph_start(sent_start)
        previous_para = self.index.paragraph_start(para_start - 1) if para_start else para_start
        goes_on = para_start and self.text.startswith(words("continuation"), para_start)
        latest = self.published_on.year if self.published_on else None
        for expr in reversed(self._between(max(0, sent_start - CARRY_CHARS), sent_start)):
            if latest is not None and expr.year is not None and expr.year > latest:
                continue
            if expr.kind == "reference":
                continue          # 由上年的…调整为…: a comparison, not the time of what follows
            if expr.start >= para_start:
                return expr
            if goes_on and expr.start >= previous_para and \
                    self._opens_sentence(expr, self.index.sentence(expr.start)[0]):
                return expr
        return self._section(sent_start)

    def _section(self, pos: int) -> TimeExpression | None:
        """The time of the review section (一、2024年工作回顾) holding ``pos``, if any."""
        if self._sections is None:
            self._sections = []
            for start, body, end in headed_sections(self.index, _review_heading()):
                own = [e for e in self._between(start, body) if e.kind in ("year", "review")]
                year = own[0] if own else (self._review_default())
                if year is not None:
                    self._sections.append((body, end, year))
        return next((expr for body, end, expr in self._sections if body <= pos < end), None)

    def _review_default(self) -> TimeExpression | None:
        if self.published_on is None:
            return None
        year = self.published_on.year - 1
        return TimeExpression(0, 0, "review", year, str(year))

    def _as_result(self, expr: TimeExpression | None) -> tuple[int | None, str | None]:
        if expr is None:
            return self.default_year, None
        if expr.kind == "reference":      # 上年 in a bulletin of 2024 published in 2025 is 2023
            base = self._reference_year(expr.start)
            if base is not None and expr.year is not None and base + expr.offset != expr.year:
                year = base + expr.offset
                return year, str(year) + (expr.period or "")[4:] if expr.period else str(year)
        return expr.year, expr.period

    def _reference_year(self, pos: int) -> int | None:
        """The year a text reports on at ``pos``: the latest explicit year of its paragraph, else
        the headline's, else the publication's."""
        para_start = self.index.paragraph_start(pos)
        for expr in reversed(self._between(max(para_start, pos - CARRY_CHARS), pos)):
            if expr.kind == "year":
                return expr.year
        return self.default_year
