"""A canonical copy of text for the extractor: same length, so offsets stay exact.

Full-width ASCII forms (１２３，％) become half-width, the ideographic space a space, and
traditional characters their simplified form, one character for one character. The
character table comes from OpenCC's own dictionary (TSCharacters), so conversion follows a
well-kept source; phrase-level conversion is left out on purpose because it can change the
length of the text and break the offsets every mention keeps.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

#: Distinct characters to convert above which a whole-text ``str.translate`` is cheaper than
#: one ``str.replace`` per character.
REPLACE_MAX = 16
#: Characters read to decide between the two.
SAMPLE_CHARS = 4000
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    dictionary = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    for line in dictionary.read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        candidate = simplified.split(" ")[0] if simplified else ""
        if len(traditional) == 1 and len(candidate) == 1 and candidate != traditional:
            table[ord(traditional)] = candidate
    for code in range(0xFF01, 0xFF5F):          # full-width ASCII block -> ASCII
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "                          # ideographic space
    return table


@lru_cache(maxsize=1)
def _converted() -> tuple[re.Pattern, dict[str, str]]:
    """A scan for the characters of the table in the Basic Multilingual Plane (a character class
    of those is a bitmap: a few ns a character), and the table by character."""
    table = _table()
    pattern = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(table) if c <= 0xFFFF) + "]")
    return pattern, {chr(c): target for c, target in table.items()}


def canonical(text: str) -> str:
    """The text with full-width forms and traditional characters normalised; same length.

    ``str.translate`` with a dict looks every character up (some 60 ns each); simplified text
    holds few characters to convert, so those are found with one scan and replaced one by one.
    Traditional text, and text beyond the BMP, is translated whole.
    """
    pattern, by_char = _converted()
    found = set(pattern.findall(text, 0, SAMPLE_CHARS))
    if len(found) > REPLACE_MAX or _BEYOND_BMP.search(text):
        return text.translate(_table())
    found.update(pattern.findall(text, SAMPLE_CHARS))
    if len(found) > REPLACE_MAX:
        return text.translate(_table())
    for char in found:
        text = text.replace(char, by_char[char])
    return text
