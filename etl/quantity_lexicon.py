"""The vocabulary of the quantity finder, read once from ``lexicon/*.csv``, and its compiled scan.

The scan is one regular expression built from named parts: a numeral (Arabic, Chinese or
mixed, with 数/余/多 and a range), then a unit or classifier (with an optional ``/denominator``),
or, for large numbers, a noun a few characters later that implies the unit (数十万付费用户).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.numerals import numeral_chars, numeral_table, parse_number, read_lexicon


def _alternation(words) -> str:
    """Longest first, so 人次 wins over 人 and 个百分点 over 个.

    Written as a trie (人(?:次|民币)?), which matches exactly what the plain longest-first
    alternation matches but tries each first character once: the scan stays fast as the
    vocabulary grows.
    """
    trie: dict = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    """One trie level: longer continuations first, then the word ending here (if any)."""
    branches = []
    for char in sorted((c for c in node if c), key=lambda c: -_depth(node[c])):
        rest = _trie_pattern(node[char])
        branches.append(re.escape(char) + (f"(?:{rest})" if "|" in rest else rest))
    if "" in node and branches:
        body = "|".join(branches)
        return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
    return "|".join(branches)


def _depth(node: dict) -> int:
    return max((1 + _depth(child) for char, child in node.items() if char), default=0)


@dataclass
class QuantityLexicon:
    units: dict[str, tuple[str, float]] = field(default_factory=dict)    # surface -> (unit, factor)
    per_units: dict[str, tuple[str, float]] = field(default_factory=dict)
    prefix_units: dict[str, tuple[str, float]] = field(default_factory=dict)  # 百分之
    fractions: dict[str, tuple[str, float]] = field(default_factory=dict)     # 三成
    wholes: dict[str, tuple[str, float]] = field(default_factory=dict)        # 一半
    ratios: dict[str, tuple[str, float]] = field(default_factory=dict)        # 三分之一
    fraction_tails: dict[str, tuple[str, float]] = field(default_factory=dict)  # 两成半
    separators: tuple[str, ...] = ()                                         # 、 和 及
    counters: dict[str, str] = field(default_factory=dict)                   # surface -> unit
    counter_numerals: dict[str, str] = field(default_factory=dict)           # any | arabic | small
    implied: dict[str, str] = field(default_factory=dict)                    # noun -> unit
    vague_prefixes: dict[str, str] = field(default_factory=dict)
    vague_suffixes: dict[str, str] = field(default_factory=dict)
    before_words: dict[str, str] = field(default_factory=dict)               # longest first
    after_words: dict[str, str] = field(default_factory=dict)
    before_lengths: tuple[int, ...] = ()
    context: dict[str, tuple[str, ...]] = field(default_factory=dict)         # kind -> words
    rank_prefixes: tuple[str, ...] = ()
    rank_exceptions: tuple[str, ...] = ()
    question_prefixes: tuple[str, ...] = ()
    rate_prefixes: tuple[str, ...] = ()
    abstract_nouns: tuple[str, ...] = ()
    threshold_ends: tuple[str, ...] = ()
    concrete_nouns: tuple[str, ...] = ()
    goal_nouns: tuple[str, ...] = ()
    counted_one: set[str] = field(default_factory=set)
    counter_units: set[str] = field(default_factory=set)
    ceiling_words: tuple[str, ...] = ()
    group_counters: set[str] = field(default_factory=set)
    total_words: tuple[str, ...] = ()
    averages: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> "QuantityLexicon":
        lex = cls()
        roles = {"unit": lex.units, "per": lex.per_units, "prefix": lex.prefix_units,
                 "fraction": lex.fractions, "whole": lex.wholes, "ratio": lex.ratios,
                 "fraction_tail": lex.fraction_tails}
        for row in read_lexicon("units.csv"):
            roles[row["role"]][row["surface"]] = (row["unit"], float(row["factor"]))
        lex.separators = tuple(r["word"] for r in read_lexicon("list_separators.csv"))
        for row in read_lexicon("counters.csv"):
            lex.counters[row["surface"]] = row["unit"]
            lex.counter_numerals[row["surface"]] = row["numerals"]
        lex.implied = {row["noun"]: row["unit"] for row in read_lexicon("implied_units.csv")}
        for row in read_lexicon("vague_numbers.csv"):
            side = lex.vague_prefixes if row["position"] == "prefix" else lex.vague_suffixes
            side[row["word"]] = row["bound"]
        rows = sorted(read_lexicon("bound_words.csv"), key=lambda r: -len(r["word"]))
        lex.before_words = {r["word"]: r["effect"] for r in rows if r["position"] == "before"}
        lex.after_words = {r["word"]: r["effect"] for r in rows if r["position"] == "after"}
        lex.before_lengths = tuple(sorted({len(w) for w in lex.before_words}, reverse=True))
        context: dict[str, list[str]] = {}
        for row in read_lexicon("non_indicators.csv"):
            context.setdefault(row["kind"], []).append(row["word"])
        lex.context = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in context.items()}
        lex.rank_prefixes = lex.words("rank_prefix")
        lex.rank_exceptions = lex.words("rank_prefix_not")
        lex.rate_prefixes = lex.words("rate_prefix")
        lex.question_prefixes = lex.words("question_prefix")
        lex.abstract_nouns = lex.words("abstract_noun")
        lex.threshold_ends = lex.words("threshold_end")
        lex.concrete_nouns = lex.words("abstract_noun_not")
        lex.goal_nouns = lex.words("goal_noun")
        lex.counted_one = set(lex.words("counted_one"))
        lex.counter_units = set(lex.counters.values())
        lex.ceiling_words = lex.words("ceiling_after")
        lex.group_counters = set(lex.words("group_counter"))
        lex.total_words = lex.words("total_after")
        lex._compile()
        return lex

    def words(self, kind: str) -> tuple[str, ...]:
        """One kind of ``non_indicators.csv``, longest first, for str.startswith/endswith."""
        return self.context.get(kind, ())

    def neighbour_digits(self, numeral: str) -> tuple[float, float] | None:
        """三四 -> (3, 4): two neighbouring digits written together mean "three or four"."""
        if len(numeral) != 2:
            return None
        table = numeral_table()
        first, second = (table.get(c, (None, None)) for c in numeral)
        if first[1] == second[1] == "digit" and first[0] and second[0] == first[0] + 1:
            return first[0], second[0]
        return None

    def fixed_term_at(self, text: str, start: int) -> bool:
        return self._fixed_terms is not None and self._fixed_terms.match(text, start) is not None

    def unit_of(self, surface: str, per: str | None) -> tuple[str, float, bool]:
        """(base unit, factor, is a classifier) of a unit surface and its denominator."""
        if surface in self.units or surface in self.fractions:
            unit, factor = self.units.get(surface) or self.fractions[surface]
            counter = False
        else:
            unit, factor, counter = self.counters[surface], 1.0, True
        if per:
            per_unit, per_factor = self.per_units[per]
            unit, factor = f"{unit}/{per_unit}", factor / per_factor
        return unit, factor, counter

    def scale_of(self, scale: str) -> float:
        """万 -> 1e4, 万亿 -> 1e12: the factor of a trailing magnitude shared along a list."""
        return parse_number("1" + scale)

    def strip_vague(self, numeral: str) -> tuple[str, str | None]:
        """数十万 -> (十万, at_least); 1.5万余 -> (1.5万, at_least)."""
        bound = None
        if numeral[:1] in self.vague_prefixes:
            bound = self.vague_prefixes[numeral[0]]
            numeral = numeral[1:]
        for suffix, suffix_bound in self.vague_suffixes.items():
            if suffix in numeral:
                numeral = numeral.replace(suffix, "")
                bound = bound or suffix_bound
        return numeral, bound

    def _compile(self) -> None:
        unit_words = list(self.units) + list(self.counters) + list(self.fractions)
        # numeral characters that also open a unit (千瓦, 百分点) stop the numeral there
        opens_unit = [w for w in unit_words + list(self.per_units) if w[0] in numeral_chars()]
        guard = f"(?!{_alternation(opens_unit)})" if opens_unit else ""
        cn = f"(?:{guard}[{numeral_chars()}])"
        magnitude = f"(?:{guard}[{numeral_chars('unit', 'big')}])"
        # bounded repeats keep the scan linear on long runs of digits or numerals
        # thousands separated by commas or, in print and OCR, by a (thin) space: 3 286.5亿元
        arabic = (r"(?:\d{1,3}(?:[, \u00a0\u2009\u202f]\d{3}(?!\d)){1,5}(?:\.\d{1,6})?"
                  r"|\d{1,15}(?:\.\d{1,6})?)")
        prefix = f"(?:{_alternation(self.vague_prefixes)})"
        suffix = f"(?:{_alternation(self.vague_suffixes)})"
        point = f"(?:[{numeral_chars('point')}][{numeral_chars('digit')}]{{1,6}})"     # 三点五
        # 数/几/上 only open a magnitude (数十万, 上万), never a digit (上一家)
        # OCR and web text may put one space between digits and what follows (42 亿元, 6.5 %)
        space = r"[ \u00a0\u3000]"
        one = (f"(?:{arabic}(?:{space}(?={magnitude}))?"
               f"|{prefix}(?={magnitude}){cn}{{1,24}}{point}?|{cn}{{1,24}}{point}?)"
               f"{suffix}?(?:{magnitude}{{1,4}}{suffix}?)?")
        dash = r"(?:[-—–~～至到])"
        clashes = self.words("unit_clash")
        not_unit = f"(?!{_alternation(clashes)})" if clashes else ""
        unit = (f"{not_unit}(?P<unit>{_alternation(unit_words)})"
                f"(?:/(?P<per>{_alternation(self.per_units)}))?")
        noun = rf"(?=[\u4e00-\u9fff]{{0,3}}?(?P<noun>{_alternation(self.implied)}))"
        # the leading look-ahead lets the engine skip text without numerals quickly
        openers = set(numeral_chars()) | set(self.vague_prefixes)
        openers |= {w[0] for w in list(self.prefix_units) + list(self.wholes)}
        first = f"[0-9{re.escape(''.join(sorted(openers)))}]"
        self.scan = re.compile(
            f"(?={first})"
            f"(?:(?P<prefix_unit>{_alternation(self.prefix_units)})(?P<percent>{cn}{{1,8}}{point}?)"
            f"|(?P<whole>{_alternation(self.wholes)})"
            f"|(?P<denominator>[{numeral_chars()}]{{1,3}})(?P<ratio>{_alternation(self.ratios)})"
            f"(?P<numerator>{cn}{{1,6}}{point}?)"
            f"|(?P<number>{one}(?:{dash}{one})?)(?:{space}?{unit}|{noun}))")
        self.range_split = re.compile(f"(?P<low>{one})(?:{dash}(?P<high>{one}))?")
        separator = f"(?:{_alternation(self.separators)})"
        self.separator = re.compile(separator)
        self.separator_ends = {word[-1] for word in self.separators}
        self.listed_before = re.compile(f"(?P<number>{one}){separator}\\Z")
        self.large = re.compile(f"[{numeral_chars('big')}]")
        self.trailing_scale = re.compile(f"[{numeral_chars('big')}]+\\Z")
        self.one_words = {c for c, (value, kind) in numeral_table().items()
                          if kind == "digit" and value == 1}
        self.glued_before = re.compile(r"[0-9.A-Za-z@_/+]")
        self.list_marker_before = re.compile(r"[\s。;:!?(（)）]")
        self.quote_pairs = {"“": "”", "‘": "’", "「": "」", "『": "』"}
        self.clause_break = re.compile(r"[,。;:!?,、]")
        suffixes = _alternation(self.words("address_suffix"))
        self.address = re.compile(f"(?:\\d{{1,6}}|{cn}{{1,6}})(?:{suffixes})")
        self.minus_signs = ("-", "−")
        self.quantity_end = re.compile(
            f"[0-9{numeral_chars()}](?:{_alternation(unit_words)})\\Z")
        self.spaces = " \u00a0\u3000"
        totals = self.words("total_after")
        self.total_after = re.compile(
            f"[\u4e00-\u9fff]{{1,4}}?(?:{_alternation(totals)})") if totals else None
        # 14个乡镇第2位, 12个盟市中前三: a count of a short noun before a rank sizes the ranking
        ranks = self.words("rank_after")
        self.ranking_pool = re.compile(
            f"[\u4e00-\u9fff]{{1,3}}?[中里内]?(?:{_alternation(ranks)})[0-9{numeral_chars('digit', 'unit')}]{{1,3}}"
            f"(?:位|名|强)?(?![\u4e00-\u9fff0-9])") if ranks else None
        # 全部超过50万元, 均在10亿元以上: a bar every member passes
        bars, self.averages = self.words("each_bar"), self.words("each_bar_not")
        self.each_bar = re.compile(f"(?P<bar>{_alternation(bars)})[\u4e00-\u9fff]{{0,2}}\\Z") if bars else None
        # 第2、3项: every number of a list after an ordinal prefix is an ordinal
        ordinal = f"[0-9{numeral_chars('digit', 'unit')}]{{1,3}}"
        self.ordinal_list = re.compile(f"第{ordinal}(?:[、,和及与]{ordinal})*[、,和及与]\\Z")
        self.single_digit = re.compile(f"[{numeral_chars('digit')}]")
        self.fraction_digit = re.compile(f"[1-9{numeral_chars('digit')}]")     # 三成, 超3成
        self.spec_digit = re.compile(f"[0-9{numeral_chars('digit')}]")
        self.cjk = re.compile(r"[\u4e00-\u9fff]")
        self.word_char = re.compile(r"[\u4e00-\u9fffA-Za-z]")     # 万元GDP, 百亿元企业: a name
        self.grade_words = self.words("grade_after")
        self.whole_not_after = self.words("whole_not_after")
        self.unit_openers = {w[0] for w in unit_words} | set(numeral_chars())
        masthead = self.words("masthead_word")
        self.masthead = re.compile(_alternation(masthead)) if masthead else None
        fixed = self.words("fixed_term")
        self._fixed_terms = re.compile(_alternation(fixed)) if fixed else None
        self.fullwidth = re.compile("[\uff01-\uff5e]")
        self.fullwidth_table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


LEXICON = QuantityLexicon.load()
