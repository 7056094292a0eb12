"""Score extracted mentions against gold annotations (rules of the gold README).

A predicted mention matches a gold indicator when the spans overlap, the values agree within
0.5 % and the units agree. Every prediction counts for precision; one that overlaps a
non-indicator row, or no row at all, is a false positive. Recall is over gold indicators.
Among matches, year, qualifier, measure and topic are compared exactly, the subject leniently
(equal, or one name holds the other with at most two more characters: 杭州/杭州市; traditional
and simplified characters alike: 嶺東市/岭东市), indicator
names by pairwise grouping, and series (indicator, subject) the same way: two numbers a chart
joins into one line should be one series in the output too, and the reverse.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from etl.normalize import canonical

VALUE_TOLERANCE = 0.005
RECORD_FIELDS = ("year", "qualifier", "measure")
SUBJECT_SLACK = 2          # characters one subject name may add to the other (杭州 / 杭州市)


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Gold rows per document name, from every ``*.jsonl`` file of a folder."""
    gold: dict[str, list[dict]] = {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{line_no}: not valid JSON ({exc.msg})") from None
            gold.setdefault(row["doc"], []).append(row)
    return gold


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _values_agree(predicted: float, expected: float) -> bool:
    if expected == 0:
        return abs(predicted) < 1e-9
    return abs(predicted - expected) <= VALUE_TOLERANCE * abs(expected)


def subjects_agree(predicted: str | None, expected: str | None) -> bool:
    """Lenient subject comparison of the gold README."""
    if not predicted or not expected:
        return predicted == expected
    short, long = sorted((canonical(predicted), canonical(expected)), key=len)
    return short in long and len(long) - len(short) <= SUBJECT_SLACK


def _is_match(pred: dict, gold: dict) -> bool:
    return (_overlaps(pred, gold) and pred["unit"] == gold["unit"]
            and _values_agree(float(pred["value"]), float(gold["value"])))


@dataclass
class Score:
    predicted: int = 0
    gold_indicators: int = 0
    matches: list[tuple[dict, dict]] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[tuple[dict, dict | None]] = field(default_factory=list)  # (pred, row hit)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.predicted if self.predicted else 0.0
        r = hits / self.gold_indicators if self.gold_indicators else 0.0
        return p, r, self._f1(p, r)

    @property
    def value_unit(self) -> tuple[float, float, float]:
        return self.prf(len(self.matches))

    @property
    def full_record(self) -> tuple[float, float, float]:
        hits = sum(all(p.get(f) == g.get(f) for f in RECORD_FIELDS) for p, g in self.matches)
        return self.prf(hits)

    def accuracy(self, name: str) -> float:
        if not self.matches:
            return 0.0
        agree = subjects_agree if name == "subject" else (lambda a, b: a == b)
        return sum(agree(p.get(name), g.get(name)) for p, g in self.matches) / len(self.matches)

    @property
    def non_indicator_false_positives(self) -> list[tuple[dict, dict]]:
        return [(p, g) for p, g in self.false_positives if g is not None and not g.get("is_indicator")]

    @property
    def grouping(self) -> tuple[float, float, float]:
        """Pairwise F1: pairs of matches sharing a gold indicator vs sharing a predicted one."""
        return self._pairwise(lambda row: row.get("indicator"))

    @property
    def series_grouping(self) -> tuple[float, float, float]:
        """Pairwise F1 over (indicator, subject): what a chart joins into one line."""
        return self._pairwise(lambda row: (row.get("indicator"), row.get("subject")))

    def _pairwise(self, key) -> tuple[float, float, float]:
        gold_same = pred_same = both = 0
        for (p1, g1), (p2, g2) in combinations(self.matches, 2):
            same_gold = key(g1) == key(g2)
            same_pred = key(p1) == key(p2)
            gold_same += same_gold
            pred_same += same_pred
            both += same_gold and same_pred
        p = both / pred_same if pred_same else 1.0
        r = both / gold_same if gold_same else 1.0
        return p, r, self._f1(p, r)


def score(predictions: dict[str, list[dict]], gold: dict[str, list[dict]]) -> Score:
    """Match predictions to gold rows document by document, one-to-one, in text order."""
    result = Score()
    for doc, rows in gold.items():
        indicators = [g for g in rows if g.get("is_indicator")]
        others = [g for g in rows if not g.get("is_indicator")]
        preds = sorted(predictions.get(doc, []), key=lambda p: (p["start"], p["end"]))
        result.predicted += len(preds)
        result.gold_indicators += len(indicators)
        taken: set[int] = set()
        for pred in preds:
            hit = next((i for i, g in enumerate(indicators)
                        if i not in taken and _is_match(pred, g)), None)
            if hit is not None:
                taken.add(hit)
                result.matches.append((pred, indicators[hit]))
                continue
            row = next((g for g in others + indicators if _overlaps(pred, g)), None)
            result.false_positives.append((pred, row))
        result.misses.extend(g for i, g in enumerate(indicators) if i not in taken)
    return result


def format_report(result: Score, show_errors: bool = True) -> str:
    """The text ``python -m etl eval`` prints: misses and false positives, then the figures last."""
    lines: list[str] = []
    if show_errors:
        for gold in result.misses:
            lines.append(f"MISS  {gold['doc'][:3]} {gold['start']:>6} {gold['text']!r} "
                         f"{gold['value']} {gold['unit']}  | {gold.get('context', '')[:40]}")
        for pred, row in result.false_positives:
            why = f"non-indicator ({row.get('reason')})" if row and not row.get("is_indicator") else (
                "wrong value/unit" if row else "no gold row")
            lines.append(f"FP    {pred['doc'][:3]} {pred['start']:>6} {pred['text']!r} "
                         f"{pred['value']} {pred['unit']}  [{why}]")
        for pred, gold in result.matches:
            wrong = [f"{n}={pred.get(n)!r}≠{gold.get(n)!r}" for n in RECORD_FIELDS + ("topic",)
                     if pred.get(n) != gold.get(n)]
            if not subjects_agree(pred.get("subject"), gold.get("subject")):
                wrong.append(f"subject={pred.get('subject')!r}≠{gold.get('subject')!r}")
            if wrong:
                lines.append(f"FIELD {pred['doc'][:3]} {pred['start']:>6} {pred['text']!r}  "
                             + ", ".join(wrong))
    p, r, f = result.value_unit
    lines.append(f"gold indicators {result.gold_indicators}, predicted {result.predicted}, "
                 f"matched {len(result.matches)}")
    lines.append(f"value+unit     P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    p, r, f = result.full_record
    lines.append(f"full record    P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (value, unit, year, qualifier, measure)")
    for name in ("year", "qualifier", "measure", "topic", "subject"):
        lines.append(f"{name + ' accuracy':<19}{result.accuracy(name):.3f}")
    p, r, f = result.grouping
    lines.append(f"indicator grouping P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    p, r, f = result.series_grouping
    lines.append(f"series grouping    P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (indicator, subject)")
    lines.append(f"false positives on non-indicator rows: {len(result.non_indicator_false_positives)}")
    return "\n".join(lines)
