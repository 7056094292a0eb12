"""The indicator catalogue (``lexicon/indicators.csv``) and the alias matchers built from it.

One row per indicator: id, name_zh, name_en, aliases (``|``-separated), unit (``|``-separated
base units; empty = any) and topic. An alias may hold a gap, ``乡村旅游…接待游客``, matching a
few characters between its parts (乡村旅游累计接待游客). Aliases are matched nearest-first: the
alias ending closest before a number (read backward from it), or the alias starting closest
after a count (8栋宿舍楼). At one position the most specific alias wins: gap aliases, then the
longest. ``load_catalogue()`` is what other stages (the warehouse's indicators table) read.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.errors import InputError
from etl.models import TOPICS

CATALOGUE_PATH = Path(__file__).parent / "lexicon" / "indicators.csv"
GAP = "…"
MAX_GAP_CHARS = 8
_NO_CLAUSE_BREAK = r"[^，,。；;：:！？!?\n]"
COLUMNS = ("id", "name_zh", "name_en", "aliases", "unit", "topic")


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    name_zh: str
    name_en: str
    aliases: tuple[str, ...]
    units: tuple[str, ...]         # base units this indicator is counted in; empty = any
    topic: str

    @property
    def unit(self) -> str:
        return "|".join(self.units)

    def accepts(self, unit: str) -> bool:
        """Whether a quantity in ``unit`` can measure this indicator (any currency counts as 元)."""
        return not self.units or unit in self.units or (unit.endswith("元") and "元" in self.units)


def load_catalogue(path: Path | None = None) -> list[CatalogueEntry]:
    """The catalogue rows; a malformed row raises InputError naming the file and line."""
    path = Path(path or CATALOGUE_PATH)
    try:
        handle = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from None
    entries, seen = [], set()
    with handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputError(str(path), f"expected columns {','.join(COLUMNS)}")
        for line_no, row in enumerate(reader, 2):
            entry = CatalogueEntry(
                id=row["id"].strip(), name_zh=row["name_zh"].strip(), name_en=row["name_en"].strip(),
                aliases=tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip()),
                units=tuple(u.strip() for u in (row["unit"] or "").split("|") if u.strip()),
                topic=row["topic"].strip())
            problem = _problem(entry, seen)
            if problem:
                raise InputError(str(path), f"line {line_no}: {problem}")
            seen.update((entry.id, entry.name_zh))
            entries.append(entry)
    return entries


def _problem(entry: CatalogueEntry, seen: set[str]) -> str | None:
    if not entry.id or not entry.name_zh:
        return "id and name_zh are required"
    if entry.id in seen or entry.name_zh in seen:
        return f"duplicate id or name {entry.id!r} / {entry.name_zh!r}"
    if entry.topic not in TOPICS:
        return f"unknown topic {entry.topic!r}"
    if not entry.aliases:
        return f"{entry.id}: no aliases"
    return None


@dataclass(frozen=True)
class AliasHit:
    entry: CatalogueEntry
    start: int                     # offsets into the searched text
    end: int


class AliasMatcher:
    """Nearest-alias lookups over a catalogue.

    Aliases are indexed by their first character (reading backward: their last), so a lookup
    walks the searched span once and tries only the few aliases that can start at each place,
    most specific first.
    """

    def __init__(self, entries: list[CatalogueEntry]):
        self.entries = entries
        pairs = [(alias, e) for e in entries for alias in (e.name_zh, *e.aliases)]
        pairs = list({(a, e.id): (a, e) for a, e in pairs}.values())
        pairs.sort(key=lambda pair: _specificity(pair[0]), reverse=True)
        self._backward = _index(pairs, reverse=True)
        self._forward = _index(pairs, reverse=False)

    def before(self, text: str, start: int, end: int, accepts=None) -> AliasHit | None:
        """The alias of ``text[start:end]`` that ends nearest to ``end`` (and that ``accepts``)."""
        reversed_text = text[start:end][::-1]
        found = _scan(self._backward, reversed_text, accepts)
        if found is None:
            return None
        entry, s, e = found
        return AliasHit(entry, end - e, end - s)

    def after(self, text: str, start: int, end: int, accepts=None) -> AliasHit | None:
        """The alias of ``text[start:end]`` that starts nearest to ``start``."""
        window = text[start:end]
        found = _scan(self._forward, window, accepts)
        if found is None:
            return None
        entry, s, e = found
        return AliasHit(entry, start + s, start + e)


_Candidate = tuple[str, "re.Pattern | None", CatalogueEntry]


def _index(pairs: list[tuple[str, CatalogueEntry]], reverse: bool) -> dict[str, list[_Candidate]]:
    """First character -> (literal, gap pattern or None, entry), most specific first."""
    index: dict[str, list[_Candidate]] = {}
    for alias, entry in pairs:
        parts = [p[::-1] if reverse else p for p in alias.split(GAP)]
        if reverse:
            parts.reverse()
        pattern = None
        if len(parts) > 1:
            pattern = re.compile(f"{_NO_CLAUSE_BREAK}{{0,{MAX_GAP_CHARS}}}?".join(map(re.escape, parts)))
        index.setdefault(parts[0][0], []).append((parts[0], pattern, entry))
    return index


def _scan(index: dict[str, list[_Candidate]], text: str, accepts) -> tuple[CatalogueEntry, int, int] | None:
    get = index.get
    for pos, char in enumerate(text):
        candidates = get(char)
        if not candidates:
            continue
        for literal, pattern, entry in candidates:
            if pattern is None:
                if not text.startswith(literal, pos):
                    continue
                end = pos + len(literal)
            else:
                m = pattern.match(text, pos)
                if m is None:
                    continue
                end = m.end()
            if accepts is None or accepts(entry):
                return entry, pos, end
    return None


def _specificity(alias: str) -> tuple[int, int]:
    return (GAP in alias, len(alias.replace(GAP, "")))


@lru_cache(maxsize=1)
def default_matcher() -> AliasMatcher:
    """The matcher over the bundled catalogue, built once per process."""
    return AliasMatcher(load_catalogue())


KEY_INDICATORS_PATH = Path(__file__).parent / "lexicon" / "key_indicators.csv"


def key_indicator_priorities(path: Path | None = None) -> dict[str, tuple[str, int]]:
    """{indicator id: (topic, priority)} of ``lexicon/key_indicators.csv``: the indicators a
    briefing puts first in each topic, 1 first. A row naming an id the catalogue lacks, or a
    topic other than the id's own, raises InputError naming the line."""
    path = Path(path or KEY_INDICATORS_PATH)
    catalogue = {entry.id: entry for entry in load_catalogue()}
    priorities: dict[str, tuple[str, int]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        lines = [(n, line) for n, line in enumerate(handle, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (line_no, _), row in zip(lines[1:], reader):
        entry = catalogue.get(row["id"])
        if entry is None:
            raise InputError(str(path), f"line {line_no}: no indicator {row['id']!r} in the catalogue")
        if entry.topic != row["topic"]:
            raise InputError(str(path), f"line {line_no}: {row['id']} is of topic {entry.topic}, "
                                        f"not {row['topic']}")
        priorities[row["id"]] = (row["topic"], int(row["priority"]))
    return priorities
