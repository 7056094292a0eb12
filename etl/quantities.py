"""Text -> quantities that can be indicators: 32.5万人次, 约11.2亿元, 超万张, 两家企业, 下降3.5%.

One compiled scan finds every number followed by a unit or a classifier; small context checks
then drop what is not an indicator (ranks, codes in quotes, addresses, abstract counts, plan
thresholds ...). All vocabulary is read from ``lexicon/*.csv`` (see ``etl/quantity_lexicon.py``).
Values are in base units (亿元 -> 元, 名 -> 人); decreases are negative; bounds come from
约/近/左右 (approx) and 超/突破/以上/余/多 (at_least). Chinese fractions are percentages
(百分之十二点五, 三成, 一半), 千分之 is per mille. Ceilings (控制在5%以内), size classes
(投资3—5亿元的项目) and bars that define a counted group (十余家企业增长超过50%) are no levels.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from etl.models import Quantity
from etl.numerals import is_bare_magnitude, parse_number
from etl.quantity_lexicon import LEXICON as LEX
from etl.structures import StructurePart, find_ratios, find_structures
from etl.tables import cell_value, find_rows


def find_quantities(text: str) -> list[Quantity]:
    """Every indicator candidate in ``text``, in text order, with offsets into ``text``."""
    original = text
    if LEX.fullwidth.search(text):
        text = text.translate(LEX.fullwidth_table)        # same length: offsets stay valid
    found: list[_Found] = []
    for match in LEX.scan.finditer(text):
        item = _read(text, match)
        if item is None:
            continue
        for shared in _shared_unit_before(text, item, found[-1].end if found else 0):
            found.append(shared)
        found.append(item)
    quantities = _points_listed([f.quantity(original) for f in _resolve_lists(text, found)], text)
    return _with_structures(original, _with_table_cells(original, quantities))


def _points_listed(quantities: list[Quantity], text: str) -> list[Quantity]:
    """高于全省2.6个和2.0个百分点: the first 个 of such a list counts points, not things."""
    for k in range(len(quantities) - 1):
        a, b = quantities[k], quantities[k + 1]
        if a.unit == "个" and b.unit == "百分点" and a.value != int(a.value) and \
                text[a.end:b.start].strip() in LEX.separators:
            quantities[k] = replace(a, unit="百分点")
    return quantities


def _with_structures(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Add the parts of a:b:c structures (三次产业结构为5.8:40.1:54.1): shares in %; and ratios
    stated without a unit (城乡居民收入比为1.67): in 倍."""
    parts = find_structures(text)
    ratios = find_ratios(text)
    parts = [*parts, *ratios]
    if not parts:
        return quantities
    kept = [q for q in quantities if not any(p.start < q.end and q.start < p.end for p in parts)]
    added = [Quantity(p.start, p.end, text[p.start:p.end], p.value, "%" if isinstance(p, StructurePart) else "倍")
             for p in parts]
    return sorted(kept + added, key=lambda q: (q.start, q.end))


def _with_table_cells(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Add the cells of tables whose unit stands in a header (单位：亿元), not beside the number."""
    rows = find_rows(text)
    if not rows:
        return quantities
    taken = {(q.start, q.end) for q in quantities}
    cells = [Quantity(c.start, c.end, text[c.start:c.end], cell_value(c), c.column.unit)
             for row in rows for c in row.cells
             if not any(s < c.end and c.start < e for s, e in taken)]
    return sorted(quantities + cells, key=lambda q: (q.start, q.end)) if cells else quantities


class _Found:
    """A candidate while its list neighbours are still being looked at."""

    __slots__ = ("start", "end", "text", "low", "high", "unit", "factor", "bound",
                 "before_bound", "after_bound", "decrease", "tail")

    def __init__(self, start, end, text, low, high, unit, factor, bound, before_bound,
                 after_bound, decrease, tail):
        self.start, self.end, self.text = start, end, text
        self.low, self.high, self.unit, self.factor = low, high, unit, factor
        self.bound, self.before_bound, self.after_bound = bound, before_bound, after_bound
        self.decrease, self.tail = decrease, tail

    def quantity(self, original: str) -> Quantity:
        sign = -1.0 if self.decrease else 1.0
        high = None if self.high is None else _tidy(sign * self.high * self.factor)
        return Quantity(self.start, self.end, original[self.start:self.end],
                        _tidy(sign * self.low * self.factor), self.unit, self.bound, high)


@lru_cache(maxsize=1)
def _unit_bounds() -> dict[str, str]:
    """Units that hold a bound word (10个以上百分点): the bound they carry."""
    return {surface: effect for surface in LEX.units for word, effect in LEX.after_words.items()
            if effect in ("approx", "at_least") and word in surface and word != surface}


def _unit_label(text: str, start: int, end: int) -> bool:
    """A magnitude and unit standing alone: in brackets after a column title, or set apart by
    wide space in a table's unit column."""
    before, after = text[max(0, start - 1):start], text[end:end + 1]
    if before in "（(" and after in "）)":
        return True
    return text[max(0, start - 2):start] in ("  ", "\u3000\u3000") and text[end:end + 2] in ("  ", "\u3000\u3000")


def _tidy(value: float) -> float:
    """2.3 * 1e8 is 229999999.99999997 in binary floating point: keep 15 significant digits."""
    return float(f"{value:.15g}")


def _read(text: str, match: re.Match) -> _Found | None:
    """The candidate of one scan match, or None when its context says it is no indicator."""
    start, end = match.span()
    numeral = match["number"]
    if start and LEX.glued_before.match(text, start - 1):
        return None                                   # inside a number or a code (R1, 0571-)
    if numeral in LEX.one_words and not _counted_one(text, match):
        return None                                   # 一家, 一个: an article, not a count
    before = text[max(0, start - 8):start].rstrip(LEX.spaces)     # 第 3 名, 约 42 亿元
    if _is_rank_or_question(before) or (LEX.masthead and LEX.masthead.search(before)):
        return None
    if match["whole"]:
        if before.endswith(LEX.whole_not_after):
            return None                               # 另一半: a person, not 50 %
        unit, factor = LEX.wholes[match["whole"]]
        low, high, vague, bare, counter = 1.0, None, None, False, False
    elif match["ratio"]:                              # 三分之一 -> 33.3 %
        unit, factor = LEX.ratios[match["ratio"]]
        low = parse_number(match["numerator"]) / parse_number(match["denominator"])
        high, vague, bare, counter = None, None, False, False
    elif match["percent"]:
        unit, factor = LEX.prefix_units[match["prefix_unit"]]
        low, high, vague, bare, counter = parse_number(match["percent"]), None, None, False, False
    elif match["unit"]:
        unit, factor, counter = LEX.unit_of(match["unit"], match["per"])
        if counter and not _counter_allowed(match["unit"], numeral):
            return None
        if match["unit"] in LEX.fractions and not LEX.fraction_digit.fullmatch(numeral):
            return None                               # 三成, 超3成 are 30 %; 13成 and 十成 are not
    elif LEX.large.search(numeral) or numeral[0] in LEX.vague_prefixes:
        unit, factor, counter = LEX.implied[match["noun"]], 1.0, False
        end = match.end("number")                     # a large number before a noun: 数十万用户
    else:
        return None
    if not (match["percent"] or match["whole"] or match["ratio"]):
        parsed = _parse_range(numeral)
        if parsed is None:
            return None
        low, high, vague, bare = parsed
    if match["unit"] in LEX.fractions:
        low, end = _fraction_tail(text, low, end)
        if text[end:end + 1] in LEX.vague_suffixes:     # 三成多: the 多 stays outside the span
            vague = vague or LEX.vague_suffixes[text[end]]
    if counter and (_is_abstract_or_address(text, end) or _names_a_total(text, numeral, end)
                    or _sizes_a_ranking(text, end)):
        return None
    if _in_code_or_title(text, start, end) or LEX.fixed_term_at(text, start):
        return None
    before_bound, decrease = _words_before(before)
    if before.endswith(LEX.minus_signs) and not LEX.glued_before.match(before[-2:-1] or " ") \
            and not LEX.quantity_end.search(before, 0, len(before) - 1):    # 5.5%-6%: a dash
        decrease = True                               # 增长-3.5%
    after_bound, tail = _words_after(text, end)
    if unit != "%" and "at_least" in (before_bound, after_bound) and _each_passes(before):
        return None                                   # 全部超过50万元: a bar each one passes (a rate
                                                      # every one exceeds, 均超过98%, is a bound)
    if text.startswith(LEX.ceiling_words, tail):
        return None                                   # 控制在5%以内: a ceiling, not a level
    if text.startswith(LEX.grade_words, tail):
        return None                                   # 5000吨级货轮, 10万吨级码头: a class
    if bare and counter and not (before_bound or vague):
        return None                                   # 千家万户, 万人空巷: no count without 超/近
    if bare and not counter and LEX.word_char.match(text, tail) \
            and not text.startswith(LEX.goal_nouns, tail):
        return None                                   # 千亿元台阶, 百亿元企业: a name, not an amount
    if bare and numeral in ("万", "亿", "万亿") and _unit_label(text, start, end):
        return None                                   # 产值（亿元）, 生铁  万吨  10486.3: a unit named
    bound = before_bound or vague or after_bound or _unit_bounds().get(match["unit"]) or "exact"
    return _Found(start, end, text[start:end], low, high, unit, factor, bound, before_bound,
                  after_bound, decrease, tail)


@lru_cache(maxsize=4096)                # figures repeat across a corpus; the result is immutable
def _parse_range(numeral: str) -> tuple[float, float | None, str | None, bool] | None:
    """(low, high, vague bound, bare magnitude) of ``3—5亿``, ``1500余``, ``数十万``."""
    parts = LEX.range_split.fullmatch(numeral)
    if parts is None:
        return None
    low_text, high_text = parts["low"], parts["high"]
    vague = None
    values = []
    for part in (low_text, high_text):
        if part is None:
            values.append(None)
            continue
        core, part_vague = LEX.strip_vague(part)
        vague = vague or part_vague
        neighbours = LEX.neighbour_digits(core)
        if neighbours and high_text is None:          # 三四家, 七八个: 3 to 4, about
            return neighbours[0], neighbours[1], "approx", False
        try:
            values.append(parse_number(core))
        except ValueError:
            return None
    low, high = values
    if high is not None and low_text and not LEX.large.search(low_text):
        scale = LEX.large.search(high_text)
        if scale:                                    # 3至5万: the magnitude is shared
            shared = LEX.strip_vague(high_text[scale.start():])[0]
            low = parse_number(LEX.strip_vague(low_text)[0] + shared)
    bare = is_bare_magnitude(LEX.strip_vague(low_text)[0])
    return low, high, vague, bare


def _counted_one(text: str, match: re.Match) -> bool:
    """一栋6层厂房, 一座5万吨级码头: 一 before a concrete classifier and a specification counts;
    一成 (10 %) is a fraction, not an article."""
    if match["unit"] in LEX.fractions:
        return True
    return match["unit"] in LEX.counted_one and LEX.spec_digit.match(text, match.end())


def _fraction_tail(text: str, low: float, end: int) -> tuple[float, int]:
    """两成半 -> 2.5 and 八成五 -> 8.5 tenths: a digit or 半 right after 成 (not 两成五个项目)."""
    char = text[end:end + 1]
    if char in LEX.fraction_tails:
        return low + LEX.fraction_tails[char][1], end + 1
    if (char in LEX.one_words or LEX.single_digit.fullmatch(char)) and \
            not text.startswith(tuple(LEX.wholes), end):      # 三成一半: 一半 is a quantity of its own
        following = text[end + 1:end + 2]
        if not following or following not in LEX.unit_openers:
            return low + parse_number(char) / 10, end + 1
    return low, end


def _counter_allowed(counter: str, numeral: str) -> bool:
    """Classifiers such as 次 only count after Arabic digits, 大 only after one numeral (两大),
    度 only after 万/亿 (1.5亿度 is electricity, 30度 a temperature)."""
    rule = LEX.counter_numerals[counter]
    if rule == "arabic":
        return numeral[:1].isdigit()
    if rule == "small":
        return len(numeral) == 1 and not numeral.isdigit()
    if rule == "large":
        return LEX.large.search(numeral) is not None
    return True


def _is_rank_or_question(before: str) -> bool:
    """第三, 前十名, 第2、3项 (ranks), 哪三场 (questions), 每万人 (the base of a rate)."""
    if before.endswith(LEX.question_prefixes) or before.endswith(LEX.rate_prefixes):
        return True
    if LEX.ordinal_list.search(before, max(0, len(before) - 16)):
        return True
    return before.endswith(LEX.rank_prefixes) and not before.endswith(LEX.rank_exceptions)


def _names_a_total(text: str, numeral: str, end: int) -> bool:
    """两个项目合计总投资57.3亿元: the small count only names what the total adds up."""
    return LEX.total_after is not None and LEX.single_digit.fullmatch(numeral) is not None \
        and LEX.total_after.match(text, end) is not None


def _each_passes(before: str) -> bool:
    """全部超过, 均在…以上: the bar every member passes (not 人均超过, an average)."""
    found = LEX.each_bar.search(before, max(0, len(before) - 6)) if LEX.each_bar else None
    return found is not None and not before[:found.end("bar")].endswith(LEX.averages)


def _sizes_a_ranking(text: str, end: int) -> bool:
    """列全县14个乡镇第2位, 12个盟市中前三: the count of the places ranked, not a figure."""
    return LEX.ranking_pool is not None and LEX.ranking_pool.match(text, end) is not None


def _is_abstract_or_address(text: str, end: int) -> bool:
    """三个关键词, 四大板块 (what is counted is a framing); 4栋6楼 (an address)."""
    after = text[end:end + 8].lstrip("“\"'‘「余多")
    if after.startswith(LEX.abstract_nouns) and not after.startswith(LEX.concrete_nouns):
        return True                                   # 12家重点企业 is a count of firms
    return bool(LEX.address.match(text, end))


def _in_code_or_title(text: str, start: int, end: int) -> bool:
    """A number opening a short quoted name (“三大差距”, “千亿元台阶”) or inside a 《title》."""
    closing_mark = LEX.quote_pairs.get(text[start - 1]) if start else None
    if closing_mark:
        closing = text.find(closing_mark, end, start + 9)          # names are short
        if closing > end and not LEX.clause_break.search(text, start, closing):
            return True                               # “4000亿元” alone in quotes stays a quantity
    title = text.rfind("《", max(0, start - 40), start)
    return title >= 0 and "》" not in text[title:start] and "》" in text[end:end + 40]


def _words_before(before: str) -> tuple[str | None, bool]:
    """The bound (约, 超 ...) and decrease (下降 ...) words right before a number."""
    bound, decrease = None, False
    for _ in range(4):
        word = next((before[-n:] for n in LEX.before_lengths if before[-n:] in LEX.before_words),
                    None)
        if word is None:
            break
        effect = LEX.before_words[word]
        if effect == "none":
            break
        if effect == "decrease":
            # 降幅收窄: a decline that narrows is a rise
            decrease = not any(w in before[:-len(word)] for w in LEX.words("decline_noun"))
        elif effect != "filler" and bound is None:
            bound = effect
        before = before[:-len(word)]
    return bound, decrease


def _words_after(text: str, end: int) -> tuple[str | None, int]:
    """The bound after a quantity (30%以上, 10%左右) and where the following text starts."""
    for word, effect in LEX.after_words.items():
        if text.startswith(word, end):
            return effect, end + len(word)
    return None, end


def _shared_unit_before(text: str, item: _Found, floor: int) -> list[_Found]:
    """Numbers listed before ``item`` without a unit of their own: 4.6、2.8和6.9% -> three %."""
    out: list[_Found] = []
    position = item.start
    scale = None
    while text[position - 1:position] in LEX.separator_ends:   # cheap test before the search
        window_start = max(floor, position - 24)
        match = LEX.listed_before.search(text, window_start, position)
        if match is None or match.start() == window_start and window_start > floor:
            break
        numeral = match["number"]
        if not match.start() or LEX.glued_before.match(text, match.start() - 1) \
                or LEX.list_marker_before.match(text, match.start() - 1):
            break                                     # "1、" opening a line is a list marker
        parsed = _parse_range(numeral)
        if parsed is None or (parsed[0] == 1 and numeral in LEX.one_words):
            break
        if _is_rank_or_question(text[max(0, match.start() - 8):match.start()]):
            break
        low, high, vague, _ = parsed
        if scale is None:
            scale = _scale_of(item.text)
        if scale and not LEX.large.search(numeral):
            low = parse_number(LEX.strip_vague(numeral)[0] + scale)      # 3、5万人: 3万 too
            high = None if high is None else high * LEX.scale_of(scale)
        before_bound, decrease = _words_before(text[max(0, match.start() - 8):match.start()])
        out.insert(0, _Found(match.start(), match.end("number"), numeral, low, high, item.unit,
                             item.factor, before_bound or vague or "exact", before_bound, None,
                             decrease, match.end("number")))
        position = match.start()
    return out


def _scale_of(quantity_text: str) -> str:
    """The 万/亿 closing the numeral of ``5万人`` or ``3.2亿元``, which listed numbers share."""
    number = LEX.range_split.match(quantity_text)
    if number is None:
        return ""
    core = LEX.strip_vague(number["high"] or number["low"])[0]
    scale = LEX.trailing_scale.search(core)
    return scale.group() if scale and scale.start() else ""


def _resolve_lists(text: str, found: list[_Found]) -> list[_Found]:
    """Share bounds and signs along a list; drop plan thresholds (产值超1亿元、10亿元的产业链)."""
    kept: list[_Found] = []
    group: list[_Found] = []
    for item in found + [None]:
        if item is not None and group and item.unit == group[-1].unit \
                and LEX.separator.fullmatch(text[group[-1].tail:item.start]):
            leader = group[0]                         # 8个、100亿元以上项目3个: not one list
            if item.before_bound is None and not item.decrease:
                item.decrease = leader.decrease
                if leader.before_bound and item.bound == "exact":
                    item.bound = item.before_bound = leader.before_bound
            group.append(item)
            continue
        if group:
            last = group[-1]
            previous = kept[-1] if kept else None
            if not (_is_threshold(text, group[0], last) or _is_group_bar(text, previous, group)):
                kept.extend(group)
        group = [item] if item is not None else []
    return kept


def _is_threshold(text: str, first: _Found, last: _Found) -> bool:
    """超1亿元、10亿元的产业链, 亿元以上项目: a bar in a plan; 突破3000亿元的目标 is a goal.

    A range of an amount before the same words (投资3—5亿元的项目17个) is a size class; a range
    of a count (引进3—5家企业, 三四家企业) stays a count.
    """
    if "at_least" not in (first.before_bound, last.after_bound):
        return last.high is not None and last.bound == "exact" \
            and last.unit not in LEX.counter_units and _opens_category(text, last.tail)
    end = next((w for w in LEX.threshold_ends if text.startswith(w, last.tail)), None)
    if end is None:
        return False
    return not text.startswith(LEX.goal_nouns, last.tail + len(end))


def _opens_category(text: str, position: int) -> bool:
    """``的项目``, ``企业``: a noun of a kind right after the range (的 alone is not enough)."""
    position += text.startswith("的", position)
    return any(text.startswith(w, position) for w in LEX.threshold_ends if w != "的")


def _is_group_bar(text: str, previous: _Found | None, group: list[_Found]) -> bool:
    """十余家企业产值增长超过50%: a bar that says which firms were counted, in the same clause."""
    first, last = group[0], group[-1]
    if previous is None or first.unit != "%" or "at_least" not in (first.before_bound,
                                                                   last.after_bound):
        return False
    return previous.unit in LEX.group_counters \
        and not LEX.clause_break.search(text, previous.end, first.start)
