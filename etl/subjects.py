"""What a number measures: the district, a wider scope (全市), or a named project, company, event
or place of the sentence or of the sentences before it.

Named things are found by their last word (…项目, …公司 are things; …街道, …中心 places: rows of
``lexicon/subject_cues.csv``), reaching back to the previous punctuation or function word. In
order: 全市/全省 in the number's clause; a name in its clause; the district when its sentence
names it (全区, 钱塘); the project a bare 项目 refers to; a name earlier in its sentence; a named
thing of the earlier sentences of its paragraph; else the district.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.periods import time_alternation
from etl.wordlists import alternation, chars, words

LEXICON = Path(__file__).parent / "lexicon"
LOOKBACK_CHARS = 300
PROJECT_LOOKBACK_CHARS = 600  # how far back a bare 项目 still finds its project
OPENING_CHARS = 3             # a name this close to its paragraph's start is the paragraph's topic
MAX_NAME_CHARS = 40
MIN_NAME_CHARS = 2            # besides the suffix: 学校 alone names nothing
_NAME_PUNCTUATION = frozenset("()（）[]【】“”\"·-")   # besides letters, digits and CJK
_LEADING_NUMBER = re.compile(r"^(?:(?:19|20)\d{2}年度?|[\d.]+\D)")   # 2023年度…, 1幢…
_SPACE_OR_QUOTE = "“”\"' "


@dataclass(frozen=True)
class _Cues:
    region_words: tuple[str, ...]
    scopes: dict[str, str]
    things: tuple[str, ...]
    suffixes: tuple[str, ...]
    project_references: tuple[str, ...]
    entity: re.Pattern


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    region, scopes, things, places, references = [], {}, [], [], []
    with open(LEXICON / "subject_cues.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kind, word = row["kind"], row["word"]
            if kind == "region":
                region.append(word)
            elif kind == "scope":
                scopes[word] = row["subject"]
            elif kind == "thing_suffix":
                things.append(word)
            elif kind == "place_suffix":
                places.append(word)
            elif kind == "project_reference":
                references.append(word)
    suffixes = tuple(sorted(things + places, key=len, reverse=True))
    alternation = "|".join(re.escape(s) for s in suffixes)
    alternation_of = globals()["alternation"]
    project = re.escape(next(w for w in references if len(w) == min(map(len, references))))
    # 中心项目: read on to 项目; 推进项目建设 names no project
    entity = re.compile(f"(?:{alternation})(?![\u4e00-\u9fff]?{project})"
                        f"(?<!{project}(?={alternation_of('project_tail')}))")
    return _Cues(tuple(region), scopes, tuple(things), suffixes, tuple(references), entity)


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    text: str
    is_thing: bool
    is_project: bool


class SubjectFinder:
    """The named things of one article, found on first need; each lookup is a binary search."""

    def __init__(self, text: str, region: str, paragraph_start=None):
        self.text = text
        self.region = region
        self._paragraph_start = paragraph_start or (lambda pos: 0)
        self._found: tuple[list[_Name], list[int]] | None = None

    def _index(self) -> tuple[list[_Name], list[int]]:
        """The article's names and their end offsets: district-wide figures never need them."""
        if self._found is None:
            names = _find_names(self.text)
            self._found = names, [n.end for n in names]
        return self._found

    def find(self, clause_start: int, sent_start: int, start: int, use_scope: bool = True) -> str:
        """The subject of the number at ``start``.

        ``use_scope=False`` ignores 全市/全省 (a share 占全市 is still the district's figure).
        """
        cues = _cues()
        if use_scope:
            clause = self.text[clause_start:start]
            compared = chars("scope_comparison")
            for word, scope in cues.scopes.items():
                at = clause.find(word)
                if at >= 0 and not (at and clause[at - 1] in compared):     # 高于全市
                    return scope
        names, ends = self._index()
        recent = names[max(0, bisect_right(ends, sent_start - LOOKBACK_CHARS)):bisect_right(ends, start)]
        in_clause = [n for n in recent if n.start >= clause_start]
        if in_clause:                    # 金沙湖大剧院9场文艺活动, even in a sentence about 钱塘
            return in_clause[-1].text
        sentence = self.text[sent_start:start]
        if self.region in sentence or any(w in sentence for w in cues.region_words):
            return self.region
        own = [n for n in recent if n.start >= sent_start]
        opening = (sentence.lstrip(_SPACE_OR_QUOTE), self.text[clause_start:start].lstrip(_SPACE_OR_QUOTE))
        if any(t.startswith(cues.project_references) for t in opening) and not any(n.is_project for n in own):
            project = self._project(sent_start, start)
            if project:
                return project
        if own:
            return own[-1].text
        para_start = self._paragraph_start(sent_start)     # earlier sentences of the paragraph
        thing = next((n for n in reversed(recent) if n.is_thing and n.start >= para_start), None)
        return thing.text if thing else self.region


    def _project(self, sent_start: int, start: int) -> str | None:
        """The project a bare 项目 means: the paragraph's topic, else the latest named project."""
        names, ends = self._index()
        names = names[bisect_right(ends, sent_start - PROJECT_LOOKBACK_CHARS):bisect_right(ends, start)]
        para_start = self._paragraph_start(sent_start)
        for n in names:
            if para_start <= n.start <= para_start + OPENING_CHARS:
                return n.text
        return next((n.text for n in reversed(names) if n.is_project), None)


def _find_names(text: str) -> list[_Name]:
    cues = _cues()
    names = []
    for m in cues.entity.finditer(text):
        start = m.start()
        floor = max(0, start - MAX_NAME_CHARS)
        while start > floor and (text[start - 1].isalnum() or text[start - 1] in _NAME_PUNCTUATION):
            start -= 1
        name = _trim(text[start:m.end()], cues.suffixes)
        if name:
            names.append(_Name(m.end() - len(name), m.end(), name,
                               m.group() in cues.things, m.group() in cues.project_references))
    return names


def _trim(name: str, suffixes: tuple[str, ...]) -> str | None:
    """Cut a candidate back to its last opener (坐落于临江知青文化园 -> 临江知青文化园)."""
    openers = chars("name_opener")
    cut = max((i for i, c in enumerate(name) if c in openers), default=-1)
    if cut >= 0 and name[cut] in chars("description_cut") and (
            name[cut] != "的" or name[:cut].endswith(suffixes)):
        return None          # ……用房项目的复建改造项目, 多个建筑施工项目: descriptions, not names
    name = _LEADING_NUMBER.sub("", name[cut + 1:].strip(_SPACE_OR_QUOTE))
    name = _leading_words().sub("", name)      # 全区今年计划新建学校 -> 学校
    suffix = next((s for s in suffixes if name.endswith(s)), "")
    stem = name[:len(name) - len(suffix)]
    if len(stem) < MIN_NAME_CHARS or stem in words("generic_project"):
        return None          # 学校, 签约项目: not a name
    return name


@lru_cache(maxsize=1)
def _leading_words() -> re.Pattern:
    """Scope, time and verb words that may open the run of characters before a name."""
    return re.compile(f"^(?:{alternation('name_scope')}|{time_alternation()}|{alternation('name_verb')}"
                      f"|{alternation('leading_link')})+")


def scope_words() -> tuple[str, ...]:
    """全区, 全市, 钱塘 ...: words that name where, not what; longest first."""
    cues = _cues()
    return tuple(sorted((*cues.region_words, *cues.scopes), key=len, reverse=True))
