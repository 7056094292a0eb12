"""A canonical copy of text for the extractor: same length, so offsets stay exact.

Full-width ASCII forms (１２３，％) become half-width, the ideographic space a space, and
traditional characters their simplified form, one character for one character. The
character table comes from OpenCC's own dictionary (TSCharacters), so conversion follows a
well-kept source; phrase-level conversion is left out on purpose because it can change the
length of the text and break the offsets every mention keeps.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import opencc


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


def canonical(text: str) -> str:
    """The text with full-width forms and traditional characters normalised; same length."""
    return text.translate(_table())
