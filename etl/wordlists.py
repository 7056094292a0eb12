"""Small Chinese word lists the annotator reads (``lexicon/phrase_words.csv``: kind, word, note).

Link words, stop characters, list joiners …: the vocabulary of the rules, kept as data so a new
word is one line, not a code change.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).parent / "lexicon" / "phrase_words.csv"


@lru_cache(maxsize=1)
def _all() -> dict[str, tuple[str, ...]]:
    kinds: dict[str, list[str]] = {}
    with open(PATH, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kinds.setdefault(row["kind"], []).append(row["word"])
    return {kind: tuple(words) for kind, words in kinds.items()}


@lru_cache(maxsize=None)
def words(kind: str) -> tuple[str, ...]:
    """The words of one kind, longest first (so that alternations prefer the longest)."""
    return tuple(sorted(_all().get(kind, ()), key=len, reverse=True))


@lru_cache(maxsize=None)
def chars(kind: str) -> frozenset[str]:
    return frozenset(_all().get(kind, ()))


def first(kind: str) -> str:
    return _all()[kind][0]


@lru_cache(maxsize=None)
def alternation(kind: str) -> str:
    """A regex alternation of the words of one kind, longest first."""
    return "|".join(re.escape(w) for w in words(kind))
