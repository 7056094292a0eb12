"""The vocabulary of the quantity finder, read once from ``lexicon/*.csv``, and its compiled scan.

The scan is one regular expression built from named parts: a numeral (Arabic, Chinese or
mixed, with 数/余/多 and a range), then a unit or classifier (with an optional ``/denominator``),
or, for large numbers, a noun a few characters later that implies the unit (数十万付费用户).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.numerals import numeral_chars, numeral_table, read_lexicon


def _alternation(words) -> str:
    """Longest first, so 人次 wins over 人 and 个百分点 over 个."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class QuantityLexicon:
    units: dict[str, tuple[str, float]] = field(default_factory=dict)    # surface -> (unit, factor)
    per_units: dict[str, tuple[str, float]] = field(default_factory=dict)
    prefix_units: dict[str, tuple[str, float]] = field(default_factory=dict)  # 百分之
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
    goal_nouns: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> "QuantityLexicon":
        lex = cls()
        roles = {"unit": lex.units, "per": lex.per_units, "prefix": lex.prefix_units}
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
        lex.goal_nouns = lex.words("goal_noun")
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
        if surface in self.units:
            unit, factor = self.units[surface]
            counter = False
        else:
            unit, factor, counter = self.counters[surface], 1.0, True
        if per:
            per_unit, per_factor = self.per_units[per]
            unit, factor = f"{unit}/{per_unit}", factor / per_factor
        return unit, factor, counter

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
        unit_words = list(self.units) + list(self.counters)
        # numeral characters that also open a unit (千瓦, 百分点) stop the numeral there
        opens_unit = [w for w in unit_words + list(self.per_units) if w[0] in numeral_chars()]
        guard = f"(?!{_alternation(opens_unit)})" if opens_unit else ""
        cn = f"(?:{guard}[{numeral_chars()}])"
        magnitude = f"(?:{guard}[{numeral_chars('unit', 'big')}])"
        # bounded repeats keep the scan linear on long runs of digits or numerals
        arabic = r"(?:\d{1,3}(?:,\d{3}(?!\d)){1,5}(?:\.\d{1,6})?|\d{1,15}(?:\.\d{1,6})?)"
        prefix = f"(?:{_alternation(self.vague_prefixes)})"
        suffix = f"(?:{_alternation(self.vague_suffixes)})"
        point = f"(?:[{numeral_chars('point')}][{numeral_chars('digit')}]{{1,6}})"     # 三点五
        # 数/几/上 only open a magnitude (数十万, 上万), never a digit (上一家)
        one = (f"(?:{arabic}|{prefix}(?={magnitude}){cn}{{1,24}}{point}?|{cn}{{1,24}}{point}?)"
               f"{suffix}?(?:{magnitude}{{1,4}}{suffix}?)?")
        dash = r"(?:[-—–~～至到])"
        clashes = self.words("unit_clash")
        not_unit = f"(?!{_alternation(clashes)})" if clashes else ""
        unit = (f"{not_unit}(?P<unit>{_alternation(unit_words)})"
                f"(?:/(?P<per>{_alternation(self.per_units)}))?")
        noun = rf"(?=[\u4e00-\u9fff]{{0,3}}?(?P<noun>{_alternation(self.implied)}))"
        # the leading look-ahead lets the engine skip text without numerals quickly
        openers = set(numeral_chars()) | set(self.vague_prefixes)
        openers |= {w[0] for w in self.prefix_units}
        first = f"[0-9{re.escape(''.join(sorted(openers)))}]"
        self.scan = re.compile(
            f"(?={first})"
            f"(?:(?P<prefix_unit>{_alternation(self.prefix_units)})(?P<percent>{cn}{{1,8}})"
            f"|(?P<number>{one}(?:{dash}{one})?)(?:{unit}|{noun}))")
        self.range_split = re.compile(f"(?P<low>{one})(?:{dash}(?P<high>{one}))?")
        separator = f"(?:{_alternation(self.separators)})"
        self.separator = re.compile(separator)
        self.listed_before = re.compile(f"(?P<number>{one}){separator}\\Z")
        self.large = re.compile(f"[{numeral_chars('big')}]")
        self.one_words = {c for c, (value, kind) in numeral_table().items()
                          if kind == "digit" and value == 1}
        self.glued_before = re.compile(r"[0-9.A-Za-z@_/+]")
        self.list_marker_before = re.compile(r"[\s。;:!?(（)）]")
        self.quote_pairs = {"“": "”", "‘": "’", "「": "」", "『": "』"}
        self.clause_break = re.compile(r"[,。;:!?,、]")
        suffixes = _alternation(self.words("address_suffix"))
        self.address = re.compile(f"(?:\\d{{1,6}}|{cn}{{1,6}})(?:{suffixes})")
        self.minus_signs = ("-", "−")
        self.cjk = re.compile(r"[\u4e00-\u9fff]")
        masthead = self.words("masthead_word")
        self.masthead = re.compile(_alternation(masthead)) if masthead else None
        fixed = self.words("fixed_term")
        self._fixed_terms = re.compile(_alternation(fixed)) if fixed else None
        self.fullwidth = re.compile("[\uff01-\uff5e]")
        self.fullwidth_table = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


LEXICON = QuantityLexicon.load()
