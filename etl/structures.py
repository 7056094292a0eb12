"""Structures written as a:b:c (三次产业结构为5.8:40.1:54.1 is three shares, one per part) and
ratios written as a number or a:1 (城乡居民收入比为1.67, 之比为1.08:1: a ratio in 倍).

A structure is a lead from ``lexicon/structures.csv`` (三次产业 …), 结构 or 比例, then two to five
numbers joined by colons that add up to a whole (100 within a rounding margin): a ratio such as
城乡居民收入比2.1:1 is not a structure. Each number is a share in % of the lead's k-th part
(第二产业增加值占比).
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).parent / "lexicon"
WHOLE = 100.0
ROUNDING = 1.5             # 5.8 + 40.1 + 54.2 = 100.1
LEAD_REACH = 12            # characters between the lead and the first number (结构调整为, 比例由…)
_NUMBER = r"\d+(?:\.\d+)?"
_COLON = r"\s*[:：]\s*"


@dataclass(frozen=True)
class StructurePart:
    start: int             # the number's span
    end: int
    value: float
    index: int             # 0-based position in the structure
    parts: tuple[str, ...]   # the lead's parts (第一产业, 第二产业, 第三产业); () when unknown
    base: str              # what each part measures (增加值), "" when unknown
    head: str = ""         # with no known lead: the words before 结构 (一、二、三产业和城乡居民生活用电)


@lru_cache(maxsize=1)
def _leads() -> tuple[re.Pattern, dict[str, tuple[tuple[str, ...], str]]]:
    leads = {}
    with open(LEXICON / "structures.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            leads[row["lead"]] = (tuple(row["parts"].split("|")), row["base"])
    words = "|".join(re.escape(w) for w in sorted(leads, key=len, reverse=True))
    pattern = re.compile(
        rf"(?:(?P<lead>{words})?(?:结构|比例|之比))[^。；;，,\d\n]{{0,{LEAD_REACH}}}?"
        rf"(?P<numbers>{_NUMBER}(?:{_COLON}{_NUMBER}){{1,4}})(?![\d:：])")
    return pattern, leads


#: 由6.1:45.0:48.9调整为5.8:44.9:49.3: a second structure continues the first
_CONTINUED = re.compile(rf"[^。；;，,\d\n]{{0,6}}?(?P<numbers>{_NUMBER}(?:{_COLON}{_NUMBER}){{1,4}})(?![\d:：])")


@lru_cache(maxsize=4)
def find_structures(text: str) -> tuple[StructurePart, ...]:
    """Every part of every a:b:c structure of ``text`` that adds up to a whole."""
    pattern, leads = _leads()
    out: list[StructurePart] = []
    for m in pattern.finditer(text):
        lead = m["lead"] or ""
        while m is not None:
            numbers = list(re.finditer(_NUMBER, m["numbers"]))
            values = [float(n.group()) for n in numbers]
            if abs(sum(values) - WHOLE) > ROUNDING:
                break
            parts, base = leads.get(lead, ((), ""))
            if parts and len(parts) != len(values):
                parts, base = (), ""
            at = m.start("numbers")
            head = "" if parts else _head(text, m.start())
            out.extend(StructurePart(at + n.start(), at + n.end(), v, k, parts, base, head)
                       for k, (n, v) in enumerate(zip(numbers, values)))
            m = _CONTINUED.match(text, m.end())
    return tuple(out)


HEAD_REACH = 24
_HEAD_BREAK = re.compile(r"[，,。；;：:\n]")


def _head(text: str, end: int) -> str:
    """The words of the clause before 结构 (at most HEAD_REACH characters)."""
    head = text[max(0, end - HEAD_REACH):end]
    cut = max((b.end() for b in _HEAD_BREAK.finditer(head)), default=0)
    return head[cut:]


#: 城乡居民收入比由上年的2.11缩小至2.07 / 男女之比为1.08:1: the ratio itself, in 倍
_RATIO = re.compile(rf"(?:收入比|之比|比值)(?:由上年的|由|为|是|缩小至|缩小为|缩小到|扩大至|扩大到|降至|调整为)?"
                    rf"\s*(?P<value>{_NUMBER})(?:\s*[:：]\s*1(?![\d.]))?(?![\d.%％:：万亿倍])")
_RATIO_AGAIN = re.compile(rf"(?:缩小至|缩小为|缩小到|扩大至|扩大到|降至|调整为)\s*(?P<value>{_NUMBER})(?![\d.%％:：万亿倍])")


@dataclass(frozen=True)
class Ratio:
    start: int
    end: int
    value: float


@lru_cache(maxsize=4)
def find_ratios(text: str) -> tuple[Ratio, ...]:
    """Ratios stated without a unit (收入比为1.67) and the one they change to."""
    out: list[Ratio] = []
    for m in _RATIO.finditer(text):
        out.append(Ratio(m.start("value"), m.end("value"), float(m["value"])))
        again = _RATIO_AGAIN.match(text, m.end())
        if again is not None:
            out.append(Ratio(again.start("value"), again.end("value"), float(again["value"])))
    return tuple(out)
