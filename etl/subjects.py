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
from collections import Counter
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
_NAME_RUN = re.compile(rf"(?:[^\W_]|[{re.escape(''.join(_NAME_PUNCTUATION))}]){{0,{MAX_NAME_CHARS}}}")
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


_PLACE = re.compile(r"([\u4e00-\u9fff]{2})(新区|区|市|县)")
HEADLINE_WEIGHT = 3
MIN_PLACE_MENTIONS = 2


def place_counts(text: str, weight: int = 1, counts: Counter | None = None) -> Counter:
    """Place names (云江区, 澄湖市, 钱塘新区) of a text by how often they occur.

    A name is two characters and a level (区/市/县/新区); ``place_cues`` rows list what is no place:
    words ending like one (社区, 开发区, 城市), characters no name contains (在, 全, 年) and the
    characters after which 区/市 starts another word (区域, 市场).
    """
    counts = Counter() if counts is None else counts
    not_places, not_in_names, not_after = words("not_place"), chars("not_in_place_name"), chars("not_after_place")
    for m in _PLACE.finditer(text):
        stem, level = m.groups()
        if (stem[-1] + level) in not_places or \
                any(c in not_in_names for c in stem) or text[m.end():m.end() + 1] in not_after:
            continue
        counts[stem + level] += weight
    return counts


def document_region(headline: str, text: str, fallback: str, page: str = "") -> str:
    """The district or city an article is about.

    The configured region when its page names it (钱塘, 钱塘新区); else the place the article names
    most (a headline mention counts more), else its page names most, if named at least twice;
    else the outlet's place (来源：云江新闻网 with 全区 -> 云江区); else the configured region.
    """
    stem = _stem(fallback)
    if stem in text or stem in headline or stem in page:
        return fallback
    for found in (_article_places(headline, text), place_counts(page) if page else Counter()):
        if found and (top := found.most_common(1)[0])[1] >= MIN_PLACE_MENTIONS:
            return top[0]
    return _source_place(text, page) or fallback


def scope_subjects(headline: str, text: str, region: str) -> dict[str, str]:
    """The subject of each scope word: 全市 -> the city the article names (the region itself when
    it is a city), else the lexicon's; 全区 in a district's article -> the district."""
    scopes = dict(_cues().scopes)
    counts = None
    for word in scopes:
        level = word[-1]
        if region.endswith(level):
            scopes[word] = region
            continue
        counts = _article_places(headline, text) if counts is None else counts
        named = [n for n, c in counts.most_common() if n.endswith(level) and c >= MIN_PLACE_MENTIONS]
        if named:
            scopes[word] = named[0]
    return scopes


def _article_places(headline: str, text: str) -> Counter:
    return place_counts(text, 1, place_counts(headline, HEADLINE_WEIGHT))


@lru_cache(maxsize=1)
def _source_pattern() -> re.Pattern:
    return re.compile(f"(?:{alternation('source_label')})\\s*[:：]\\s*([\\u4e00-\\u9fff]{{2}})"
                      f"(?:{alternation('source_outlet')})")


def _source_place(text: str, page: str) -> str | None:
    """来源：云江新闻网 in an article that speaks of 全区 -> 云江区: the outlet names the place."""
    m = _source_pattern().search(page or text)
    if not m:
        return None
    levels = Counter(w[-1] for w in (*_cues().region_words, *_cues().scopes) if w.startswith("全") and w[-1] in "区市县"
                     for _ in range(text.count(w)))
    return m.group(1) + levels.most_common(1)[0][0] if levels else None


def _stem(place: str) -> str:
    """钱塘区 -> 钱塘, 钱塘新区 -> 钱塘."""
    return place[:-2] if place.endswith("新区") else place[:-1]


class SubjectFinder:
    """The named things of one article, found on first need; each lookup is a binary search."""

    def __init__(self, text: str, region: str, paragraph_start=None, scopes=None):
        """``scopes`` gives the subject of each scope word (全市 -> 杭州市), found on first need."""
        self.text = text
        self.region = region
        self._region_stem = _stem(region)
        self._scopes_of = scopes or (lambda: _cues().scopes)
        self._scopes: dict[str, str] | None = None
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
            for word in cues.scopes:
                at = clause.find(word)
                if at >= 0 and not (at and clause[at - 1] in compared):     # 高于全市
                    if self._scopes is None:
                        self._scopes = self._scopes_of()
                    return self._scopes[word]
        names, ends = self._index()
        recent = names[max(0, bisect_right(ends, sent_start - LOOKBACK_CHARS)):bisect_right(ends, start)]
        in_clause = [n for n in recent if n.start >= clause_start]
        if in_clause:                    # 金沙湖大剧院9场文艺活动, even in a sentence about 钱塘
            return in_clause[-1].text
        sentence = self.text[sent_start:start]
        own = [n for n in recent if n.start >= sent_start]
        if _project_opening().search(sentence) and not any(n.is_project for n in own):
            project = self._project(sent_start, start)    # 据介绍，项目规划建设……: a clause opens on it
            if project:
                return project
        unnamed = sentence
        for n in own:                    # 临泽数字产业园二期项目 does not name the district
            unnamed = unnamed.replace(n.text, "")
        if (len(self._region_stem) >= 2 and self._region_stem in unnamed) or \
                any(w in unnamed for w in cues.region_words):
            return self.region
        if own:
            return own[-1].text
        para_start = self._paragraph_start(sent_start)     # earlier sentences of the paragraph
        thing = next((n for n in reversed(recent) if n.is_thing and n.start >= para_start), None)
        if thing:
            return thing.text
        if _project_opening().match(self.text, para_start):   # a paragraph about 项目
            return self._project(sent_start, start) or self.region
        return self.region


    def _project(self, sent_start: int, start: int) -> str | None:
        """The project a bare 项目 means: the paragraph's topic, else the latest named project."""
        names, ends = self._index()
        names = names[bisect_right(ends, sent_start - PROJECT_LOOKBACK_CHARS):bisect_right(ends, start)]
        para_start = self._paragraph_start(sent_start)
        for n in names:
            if para_start <= n.start <= para_start + OPENING_CHARS:
                return n.text
        return next((n.text for n in reversed(names) if n.is_project), None)


@lru_cache(maxsize=1)
def _project_opening() -> re.Pattern:
    """项目 / 该项目 opening a sentence or one of its clauses."""
    references = "|".join(re.escape(w) for w in sorted(_cues().project_references, key=len, reverse=True))
    return re.compile(f"(?:^|[，,：:；;])[{re.escape(_SPACE_OR_QUOTE)}]*(?:{references})", re.MULTILINE)


def _find_names(text: str) -> list[_Name]:
    cues = _cues()
    names = []
    reverse, size = None, len(text)
    for m in cues.entity.finditer(text):
        if reverse is None:
            reverse = text[::-1]          # the run before a suffix, read backward with one match
        back = size - m.start()
        start = m.start() - (_NAME_RUN.match(reverse, back).end() - back)
        name = _trim(text[start:m.end()], cues.suffixes, m.group())
        if name:
            names.append(_Name(m.end() - len(name), m.end(), name,
                               m.group() in cues.things, m.group() in cues.project_references))
    return names


def _trim(name: str, suffixes: tuple[str, ...], matched: str) -> str | None:
    """Cut a candidate back to its last opener (坐落于临江知青文化园 -> 临江知青文化园).

    ``matched`` is the suffix found; a longer one ending like it (有限公司 for 公司) is preferred.
    """
    cut = _last_opener(name)
    if cut >= 0 and name[cut] in chars("description_cut") and (
            name[cut] != "的" or name[:cut].endswith(suffixes)):
        return None          # ……用房项目的复建改造项目, 多个建筑施工项目: descriptions, not names
    name = _LEADING_NUMBER.sub("", name[cut + 1:].strip(_SPACE_OR_QUOTE))
    name = _leading_words().sub("", name).lstrip(_SPACE_OR_QUOTE)      # 全区今年计划新建学校 -> 学校
    suffix = next((s for s in _longer_suffixes(suffixes, matched) if name.endswith(s)), "")
    stem = name[:len(name) - len(suffix)]
    if len(stem) < MIN_NAME_CHARS or stem in words("generic_project"):
        return None          # 学校, 签约项目: not a name
    return name


@lru_cache(maxsize=None)
def _longer_suffixes(suffixes: tuple[str, ...], matched: str) -> tuple[str, ...]:
    """The suffixes ending with ``matched``, longest first (suffixes are sorted so)."""
    return tuple(s for s in suffixes if s.endswith(matched))


def _last_opener(name: str) -> int:
    """Offset of the last character no name contains (的, 在, 以 …), -1 if none.

    Not inside a word of ``name_word`` (新能源); at the end of a word of ``opener_word`` that it
    opens (亿元以上产业项目 -> 产业项目, 各类活动 -> 活动).
    """
    found = [m.start() for m in _openers().finditer(name)]
    if not found:
        return -1
    inside = {k for m in _name_words().finditer(name) for k in range(m.start(), m.end())}
    for i in reversed(found):
        if i not in inside:
            bound = next((w for w in words("opener_word") if name.startswith(w, i)), "")
            return i + len(bound) - 1 if bound else i
    return -1


@lru_cache(maxsize=1)
def _openers() -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars("name_opener"))) + "]")


@lru_cache(maxsize=1)
def _name_words() -> re.Pattern:
    return re.compile(alternation("name_word"))


@lru_cache(maxsize=1)
def _leading_words() -> re.Pattern:
    """Scope, time and verb words that may open the run of characters before a name."""
    return re.compile(f"^(?:{alternation('name_scope')}|{time_alternation()}|{alternation('name_verb')}"
                      f"|{alternation('leading_link')})+")


def scope_words() -> tuple[str, ...]:
    """全区, 全市, 钱塘 ...: words that name where, not what; longest first."""
    cues = _cues()
    return tuple(sorted((*cues.region_words, *cues.scopes), key=len, reverse=True))
