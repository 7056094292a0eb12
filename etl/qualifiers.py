"""How a number is stated (qualifier) and what kind of amount it is (measure), from cue words.

Qualifier: the quantity's own bound (约 -> approx, 超/余 -> at_least) and the words right beside
it (突破, 近, 以上, 左右); then a target or forecast word earlier in its clause overrides it
(力争突破 -> target, 预计突破 -> forecast). Blocker words (主要, 重要, 将近) keep 要/将 from
being read as cues. Measure: for percentages, 同比/增幅 -> yoy_growth, 增长 -> growth, 占/比重
-> share, …的进度 / 完成目标的 -> progress (提高到35.6%: a change word with 到 gives a level);
a change in 百分点 is growth unless 同比 (yoy) or a comparison (高于全市: level); other units
are levels unless 增长/增加 stands right before them.
Cue words live in ``lexicon/qualifier_cues.csv`` and ``lexicon/measure_cues.csv``.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.wordlists import words

LEXICON = Path(__file__).parent / "lexicon"
QUOTES_AND_SPACE = "“”\"'‘’ "
AFTER_CHARS = 8
PERCENT_UNITS = ("%", "百分点")
LEAD_COLONS = "：:"
OPENING_MAX_CHARS = 12      # a lead-in clause (计划到2027年,) whose cue covers the sentence


@dataclass(frozen=True)
class _QualifierCues:
    before: dict[str, str]
    after: dict[str, str]
    clause: re.Pattern             # clause cues and blockers; a blocker's group is "blocker"
    clause_value: dict[str, str]
    weak: frozenset[str]           # 将, 要: only when no stronger cue is in the clause
    target_after: re.Pattern


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _rows(name: str) -> list[dict]:
    with open(LEXICON / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=1)
def _qualifier_cues() -> _QualifierCues:
    before, after, clause, blockers, target_after, weak = {}, {}, {}, [], [], set()
    for row in _rows("qualifier_cues.csv"):
        cue, value, scope = row["cue"], row["qualifier"], row["scope"]
        if scope == "adjacent_before":
            before[cue] = value
        elif scope == "adjacent_after":
            after[cue] = value
        elif scope in ("clause", "clause_weak"):
            clause[cue] = value
            if scope == "clause_weak":
                weak.add(cue)
        elif scope == "blocker":
            blockers.append(cue)
        elif scope == "after":
            target_after.append(cue)
    pattern = re.compile(f"(?P<blocker>{_alternation(blockers)})|(?P<cue>{_alternation(clause)})")
    before = dict(sorted(before.items(), key=lambda kv: -len(kv[0])))
    return _QualifierCues(before, after, pattern, clause, frozenset(weak),
                          re.compile(_alternation(target_after)))


@lru_cache(maxsize=1)
def _measure_cues() -> tuple[re.Pattern, dict[str, str], tuple[str, ...]]:
    values = {row["cue"]: row["measure"] for row in _rows("measure_cues.csv")}
    changes = tuple(cue for cue, value in values.items() if value in ("growth", "yoy_growth"))
    return re.compile(_alternation(values)), values, changes


def qualifier(text: str, start: int, end: int, bound: str, clause_start: int,
              previous_in_clause: tuple[int, str] | None = None,
              opening: tuple[int, int] | None = None, sentence_start: int | None = None,
              lead_start: int | None = None) -> str:
    """Qualifier of the number ``text[start:end]``.

    ``previous_in_clause`` is (end, qualifier) of the number before it in its clause; ``opening``
    is the span of its sentence's first clause when that is a short lead-in (计划到2027年,).
    A strong cue (力争, 目标, 预计) earlier in its sentence (from ``sentence_start``) covers it too,
    and so does one of a lead ending in a colon from ``lead_start`` (where only 。 ends a
    sentence): 预期目标是：增长6%左右；增长7%以上。
    """
    cues = _qualifier_cues()
    result = bound
    if result == "exact":
        result = _adjacent(text, start, end, clause_start, cues) or "exact"
    if result == "exact" and previous_in_clause and previous_in_clause[1] in ("approx", "at_least"):
        between = text[previous_in_clause[0]:start].strip(QUOTES_AND_SPACE)
        if between in words("list_joiner"):
            result = previous_in_clause[1]          # 突破3000亿元和3500亿元
    strong = weak = None
    spans = [(clause_start, start)]
    since = opening[1] if opening else clause_start if sentence_start is None else sentence_start
    done = any(w in text[min(since, clause_start):start] for w in words("actual_marker"))   # 已完成签约386部，开工312部
    if opening and opening[1] <= clause_start and opening[1] - opening[0] <= OPENING_MAX_CHARS and not done:
        spans.insert(0, opening)
    for m in (m for s, e in spans for m in cues.clause.finditer(text, s, e)):
        if m.lastgroup == "cue":
            if m.group() in cues.weak:
                weak = m.group()
            else:
                strong = m.group()
    if strong or weak:                  # 预计明年……将突破200亿元 -> forecast
        return cues.clause_value[strong or weak]
    if sentence_start is not None and not done:
        lead = _lead_cue(text, sentence_start, clause_start, lead_start, cues)
        if lead:                          # 年度任务400部，已完成签约386部: not the done part
            return cues.clause_value[lead]
    if cues.target_after.match(text[end:end + AFTER_CHARS].lstrip("”’\" ")):
        return "target"          # 实现4000亿元的目标
    return result


def _lead_cue(text: str, sentence_start: int, clause_start: int, lead_start: int | None,
              cues: _QualifierCues) -> str | None:
    """The last strong cue of the sentence before the number's clause, or of a lead (…目标是：)."""
    found = None
    if lead_start is not None and lead_start < sentence_start:
        for m in cues.clause.finditer(text, lead_start, sentence_start):
            if m.lastgroup == "cue" and m.group() not in cues.weak and \
                    any(c in text[m.end():sentence_start] for c in LEAD_COLONS):
                found = m.group()
    for m in cues.clause.finditer(text, sentence_start, clause_start):
        if m.lastgroup == "cue" and m.group() not in cues.weak and \
                not _quote_closed(text, sentence_start, m, clause_start):
            found = m.group()
    return found


def _quote_closed(text: str, sentence_start: int, cue: re.Match, clause_start: int) -> bool:
    """规划提出“到2027年突破1万亿元”，去年为8000亿元: a cue inside a quotation that closes
    before the number's clause does not reach it."""
    opened = text.rfind("“", sentence_start, cue.start())
    return opened >= 0 and text.find("”", opened, cue.start()) < 0 and \
        text.find("”", cue.end(), clause_start) >= 0


def _adjacent(text: str, start: int, end: int, clause_start: int, cues: _QualifierCues) -> str | None:
    head = text[max(clause_start, start - 12):start].rstrip(QUOTES_AND_SPACE + "".join(words("adjacent_gap")))
    for cue, value in cues.before.items():       # longest first
        if head.endswith(cue):
            return value
    tail = text[end:end + 3].lstrip("”\"")
    for cue, value in cues.after.items():
        if tail.startswith(cue):
            return value
    return None


def measure(text: str, start: int, end: int, unit: str, scope_start: int) -> str:
    """Measure of the number ``text[start:end]``; cues are read from ``scope_start`` on."""
    pattern, values, changes = _measure_cues()
    if unit not in PERCENT_UNITS:                 # 增长1.2亿元, not 工业增加值845亿元
        gap = QUOTES_AND_SPACE + "".join(words("adjacent_gap") + words("growth_gap"))
        head = text[max(scope_start, start - 12):start].rstrip(gap)
        return "growth" if head.endswith(changes) else "level"
    if any(w in text[end:end + AFTER_CHARS] for w in words("progress_after")) or \
            text[scope_start:start].rstrip(QUOTES_AND_SPACE).endswith(words("progress_before")):
        return "progress"                          # 完成98%的工程进度, 完成全年目标的56%
    scope = text[scope_start:start]
    found = [values[m.group()] for m in pattern.finditer(text, scope_start, start)
             if not (values[m.group()] == "growth" and text[m.end():m.end() + 1] in words("to_level"))]
    if unit == "百分点":       # a change in points, or a gap (增速高于全省2.1个百分点), is growth, unless 同比
        return "yoy_growth" if any(w in scope for w in words("yoy_word")) else "growth"
    if "yoy_growth" in found:
        return "yoy_growth"
    if found:
        return found[-1]
    return "share"
