"""Chinese and mixed numerals -> numbers: 两千三百万, 3.5万, 1.2万亿, 百亿, 二〇二四.

The numeral characters and their values live in ``lexicon/numerals.csv``; this module only knows
how sections combine: digits are multiplied by 十/百/千 inside a section, and 万/亿 close a
section (万亿 multiplies, 亿…万 adds).
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).resolve().parent / "lexicon"

_ARABIC = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_NO_SPACES = {ord(c): None for c in " \u00a0\u2009\u202f\u3000"}


def read_lexicon(name: str) -> list[dict[str, str]]:
    """Rows of a lexicon CSV; lines starting with ``#`` are comments."""
    with open(LEXICON / name, encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def numeral_table() -> dict[str, tuple[float, str]]:
    """Character -> (value, kind) with kind ``digit``, ``unit`` (十百千) or ``big`` (万亿)."""
    return {row["char"]: (float(row["value"]), row["kind"]) for row in read_lexicon("numerals.csv")}


def numeral_chars(*kinds: str) -> str:
    """The numeral characters of some kinds (default: digit, unit, big), for character classes."""
    kinds = kinds or ("digit", "unit", "big")
    return "".join(c for c, (_, kind) in numeral_table().items() if kind in kinds)


def parse_number(text: str) -> float:
    """The value of a numeral written with Arabic digits, Chinese numerals or both.

    >>> parse_number("两千三百万"), parse_number("1.2万亿"), parse_number("百亿")
    (23000000.0, 1200000000000.0, 10000000000.0)
    Raises ValueError when ``text`` is not a numeral.
    """
    table = numeral_table()
    total = section = 0.0
    current: float | None = None
    last_big = 0.0
    previous_digit = False
    position = 0
    text = text.translate(_NO_SPACES)                # 42 亿: a space left by OCR or layout
    if not text:
        raise ValueError("empty numeral")
    while position < len(text):
        arabic = _ARABIC.match(text, position)
        if arabic:
            current = float(arabic.group().replace(",", ""))
            position = arabic.end()
            previous_digit = False
            continue
        char = text[position]
        if char not in table:
            raise ValueError(f"not a numeral: {text!r}")
        value, kind = table[char]
        if kind == "point":                           # 三点五: the digits after it are a fraction
            fraction, scale = 0.0, 1.0
            while position + 1 < len(text) and table.get(text[position + 1], (0, ""))[1] == "digit":
                position += 1
                scale /= 10
                fraction += table[text[position]][0] * scale
            current = (current or 0.0) + fraction
            previous_digit = False
        elif kind == "digit":
            # 二〇二四: digits in a row read positionally
            current = current * 10 + value if previous_digit and current is not None else value
            previous_digit = True
        elif kind == "unit":
            section += (1.0 if current is None else current) * value
            current, previous_digit = None, False
        else:
            chunk = section + (current or 0.0)
            if chunk == 0 and total == 0:
                chunk = 1.0
            if total and value > last_big:
                total = (total + chunk) * value       # 万亿: the 万 total is multiplied again
            else:
                total += chunk * value
            last_big = value
            section, current, previous_digit = 0.0, None, False
        position += 1
    if current and len(text) > 2 and table.get(text[-1], (0, ""))[1] == "digit" \
            and table.get(text[-2], (0, ""))[1] in ("unit", "big"):
        current *= table[text[-2]][0] / 10          # 两万三 is 23000, 三千五 is 3500
    return total + section + (current or 0.0)


def is_bare_magnitude(text: str) -> bool:
    """True for 百, 千, 万, 亿 and their combinations (百亿, 万亿) with no digit: 超万张, 百亿元."""
    table = numeral_table()
    return bool(text) and all(c in table and table[c][1] != "digit" and c != "十" for c in text)
