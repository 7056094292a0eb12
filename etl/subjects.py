"""Whom a number describes: a place (the article's own, one it names, or the place a scope word
such as 全市 means), or a named project, company, event or place of the sentence or of the
sentences before it.

Named things are found by their last word (…项目, …公司 are things; …街道, …中心 places: rows of
``lexicon/subject_cues.csv``), reaching back to the previous punctuation or function word; names
of reporting bodies (…统计局, …供电公司) are sources, never subjects. Places come from the
gazetteer (``etl/places.py``). In order: a scope word in the number's clause (全市, 全省); the
nearest thing or place named in its clause; a scope word or place named earlier in its
sentence; the project a bare 项目 refers to; a thing named earlier in its sentence; a named thing
of the earlier sentences of its paragraph; else the article's own place.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.composition import covers_part
from etl.periods import time_alternation
from etl.places import ArticlePlaces, Subject, scope_levels
from etl.wordlists import alternation, chars, words

LEXICON = Path(__file__).parent / "lexicon"
LOOKBACK_CHARS = 300
PROJECT_LOOKBACK_CHARS = 600  # how far back a bare 项目 still finds its project
LEAD_CHARS = 200              # a thing named this early (headline, lead) is the article's own
OPENING_CHARS = 3             # a name this close to its paragraph's start is the paragraph's topic
MAX_NAME_CHARS = 40
MIN_NAME_CHARS = 2            # besides the suffix: 学校 alone names nothing
_NAME_PUNCTUATION = frozenset("()（）[]【】“”\"·-")   # besides letters, digits and CJK
_NAME_RUN = re.compile(rf"(?:[^\W_]|[{re.escape(''.join(_NAME_PUNCTUATION))}]){{0,{MAX_NAME_CHARS}}}")
_LEADING_NUMBER = re.compile(r"^(?:(?:19|20)\d{2}年度?|[\d.]+[幢栋号座期个家所条批])")   # 2023年度…, 1幢… (2024天目湖… keeps 天)
_SPACE_OR_QUOTE = "“”\"' "


@dataclass(frozen=True)
class _Cues:
    things: tuple[str, ...]
    places: tuple[str, ...]
    suffixes: tuple[str, ...]
    project_references: tuple[str, ...]
    entity: re.Pattern
    organisation: re.Pattern
    back_references: tuple[str, ...]       # 本届, 该: 本届茶博会 is the fair named before
    zones: frozenset[str]                  # 高新区: a zone named by its kind alone
    topical: frozenset[str]                # 本届, 本批次: this edition, the article's own thing


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    things, places, references, back, zones, topical = [], [], [], [], [], []
    with open(LEXICON / "subject_cues.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            kind, word = row["kind"], row["word"]
            if kind == "thing_suffix":
                things.append(word)
            elif kind == "place_suffix":
                places.append(word)
            elif kind == "project_reference":
                references.append(word)
            elif kind == "back_reference":
                back.append(word)
                if row["level"] == "topic":
                    topical.append(word)
            elif kind == "zone_word":
                zones.append(word)
    suffixes = tuple(sorted(things + places, key=len, reverse=True))
    suffix_alternation = "|".join(re.escape(s) for s in suffixes)
    project = re.escape(next(w for w in references if len(w) == min(map(len, references))))
    # 中心项目: read on to 项目; 推进项目建设 names no project
    entity = re.compile(f"(?:{suffix_alternation})(?![\u4e00-\u9fff]?{project})"
                        f"(?<!{project}(?={alternation('project_tail')}))")
    organisation = re.compile(f"(?:{alternation('organisation')})$")
    return _Cues(tuple(things), tuple(places), suffixes, tuple(references), entity, organisation,
                 tuple(sorted(back, key=len, reverse=True)), frozenset(zones), frozenset(topical))


@dataclass(frozen=True)
class _Name:
    start: int
    end: int
    text: str
    is_thing: bool
    is_project: bool


class SubjectFinder:
    """The named things and places of one article; each lookup is a binary search."""

    def __init__(self, text: str, places: ArticlePlaces, paragraph_start=None):
        self.text = text
        self.places = places
        self._paragraph_start = paragraph_start or (lambda pos: 0)
        self._found: tuple[list[_Name], list[int]] | None = None
        self._place_starts = [m.start for m in places.mentions]

    def _index(self) -> tuple[list[_Name], list[int]]:
        """The article's names and their end offsets: area-wide figures never need them."""
        if self._found is None:
            names = [n for n in _find_names(self.text) if not covers_part(self.text, n.start, n.end)
                     and not self._inside_place(n)]
            items = _record_items(self.text) + _people(self.text)
            if items:
                names = sorted(names + items, key=lambda n: (n.end, n.start))
            self._found = names, [n.end for n in names]
        return self._found

    def _inside_place(self, name: _Name) -> bool:
        """张家港 of 张家港市: a name ending inside a place's name is part of that place."""
        k = bisect_right(self._place_starts, name.start) - 1
        if k < 0:
            return False
        m = self.places.mentions[k]
        return m.start <= name.start and name.end < m.end

    def _places_between(self, start: int, end: int, names: list[_Name]):
        """Place mentions in [start, end) that are neither inside a named thing nor compared
        with (高于杭州市, 占全省)."""
        mentions = self.places.mentions
        out = []
        for k in range(bisect_left(self._place_starts, start), len(mentions)):
            m = mentions[k]
            if m.end > end:
                break
            if any(n.start <= m.start and m.end <= n.end or _seat_of(self.text, m.end, n.start)
                   for n in names) or \
                    _compared(self.text, m.start, max(0, m.start - COMPARISON_CHARS)) or \
                    _RANK.match(self.text, m.end):
                continue
            out.append(m)
        return out

    def _scope_in(self, chunk: str) -> str | None:
        found = self._scope_at(chunk)
        return found[1] if found else None

    def _scope_at(self, chunk: str) -> tuple[int, str] | None:
        """The last scope word of a chunk that is not compared with (高于全市、全省), with its end."""
        found = []
        for word in _scope_words():
            at = chunk.rfind(word)
            while at >= 0:
                if not _compared(chunk, at, 0) and not _RANK.match(chunk, at + len(word)):
                    found.append((at + len(word), len(word), word))
                    break
                at = chunk.rfind(word, 0, at)
        return (max(found)[0], max(found)[2]) if found else None

    def _parenthesised(self, start: int) -> Subject | None:
        """高于全市（5.3%）, 比全省平均水平（59.2%）: a figure in brackets right after a scope word or
        place is that one's."""
        if not start or self.text[start - 1] not in "（(":
            return None
        before = _AVERAGE.sub("", self.text[max(0, start - 1 - COMPARISON_CHARS):start - 1])
        word = next((w for w in _scope_words() if before.endswith(w)), None)
        if word:
            return self.places.scope(word)
        end = start - 1 - (len(self.text[max(0, start - 1 - COMPARISON_CHARS):start - 1]) - len(before))
        k = bisect_left(self._place_starts, end - COMPARISON_CHARS)
        for m in self.places.mentions[k:]:
            if m.start >= end:
                break
            if m.end == end:
                return self.places.subject_of(m)
        return None

    def find(self, clause_start: int, sent_start: int, start: int, use_scope: bool = True,
             listed: tuple[int, int] | None = None) -> Subject:
        """The subject of the number at ``start``.

        ``use_scope=False`` ignores 全市/全省 and named places (a share 占全市 is still the
        district's figure). ``listed`` = (position of 分别, k) when the number is the k-th of a
        分别 list: 曲江新区、浐灞国际港商品房销售面积分别为… gives the k-th place its number.
        """
        if listed is not None:
            owner = self._respective(sent_start, *listed)
            if owner is not None:
                return owner
        bracketed = self._parenthesised(start)
        if bracketed is not None:
            return bracketed
        if use_scope:
            word = self._scope_in(self.text[clause_start:start])
            if word:
                return self.places.scope(word)
        names, ends = self._index()
        recent = names[max(0, bisect_right(ends, sent_start - LOOKBACK_CHARS)):bisect_right(ends, start)]
        own = [n for n in recent if n.start >= sent_start]
        places = self._places_between(sent_start, start, own) if use_scope else []
        in_clause = [(n.end, Subject(self._canonical(n.text))) for n in own if n.start >= clause_start]
        in_clause += [(m.end, self.places.subject_of(m)) for m in places if m.start >= clause_start]
        if in_clause:                    # 金沙湖大剧院9场文艺活动, even in a sentence about 钱塘
            return max(in_clause, key=lambda pair: pair[0])[1]
        sentence = self.text[sent_start:start]
        if _project_opening().search(sentence) and not any(n.is_project for n in own):
            project = self._project(sent_start, start)    # 据介绍，项目规划建设……: a clause opens on it
            if project:
                return Subject(self._canonical(project))
        unnamed = list(sentence)
        for n in own:                    # 临泽数字产业园二期项目 does not name the district
            unnamed[n.start - sent_start:n.end - sent_start] = " " * (n.end - n.start)
        # earlier in the sentence, the later of a place and a scope word governs, else a name:
        # 根据南昌市…核算结果，一季度全区实现…，同比增长5.6% is the district's
        found = [(m.end, 1, self.places.subject_of(m)) for m in places[-1:]]
        scope = self._scope_at("".join(unnamed)) if use_scope else None
        if scope:
            found.append((sent_start + scope[0], 1, self.places.scope(scope[1])))
        if found:
            return max(found, key=lambda f: f[:2])[2]
        if own:
            return Subject(self._canonical(own[-1].text))
        para_start = self._paragraph_start(sent_start)     # earlier sentences of the paragraph
        thing = next((n for n in reversed(recent) if n.is_thing and n.start >= para_start), None)
        if thing:
            return Subject(self._canonical(thing.text))
        if _project_opening().match(self.text, para_start):   # a paragraph about 项目
            project = self._project(sent_start, start)
            if project:
                return Subject(self._canonical(project))
        return self.places.own

    def _canonical(self, name: str) -> str:
        """临江产业邻里中心项目 is 临江产业邻里中心 where the article also names it so: one subject."""
        reference = min(_cues().project_references, key=len)
        if name.endswith(reference):
            stem = name[:-len(reference)]
            if stem.endswith(_cues().places) and self.text.count(stem) > self.text.count(name):
                return stem
        return name

    def _respective(self, sent_start: int, at: int, k: int) -> Subject | None:
        """The k-th of the places or things listed (joined by 、/和) before 分别."""
        names, _ = self._index()
        listed = [(n.start, n.end, Subject(self._canonical(n.text))) for n in names if sent_start <= n.start and n.end <= at]
        listed += [(m.start, m.end, self.places.subject_of(m)) for m in self.places.mentions
                   if sent_start <= m.start and m.end <= at]
        listed.sort()
        chain: list[tuple[int, int, Subject]] = []
        for item in reversed(listed):         # a run of names joined by 、/和 ending nearest to 分别
            if chain and self.text[item[1]:chain[0][0]].strip() not in ("、", "和", "及", "与", ","):
                break
            if any(item[0] <= c[0] and c[1] <= item[1] for c in chain):
                continue
            chain.insert(0, item)
        if len(chain) < 2 or k >= len(chain):
            return None
        return chain[k][2]

    def _project(self, sent_start: int, start: int) -> str | None:
        """The project a bare 项目 means: the paragraph's topic, else the latest named project."""
        names, ends = self._index()
        names = names[bisect_right(ends, sent_start - PROJECT_LOOKBACK_CHARS):bisect_right(ends, start)]
        para_start = self._paragraph_start(sent_start)
        for n in names:
            if para_start <= n.start <= para_start + OPENING_CHARS:
                return n.text
        return next((n.text for n in reversed(names) if n.is_project), None)


COMPARISON_CHARS = 24          # how far back a comparison (高于…) still governs a list of places
_AVERAGE = re.compile(r"(?:平均水平|平均|水平|同期)$")
_RANK = re.compile(r"(?:同类|各[区县市]|)(?:第[\d一二三四五六七八九十]|首位|前列|前[三五十])")   # 全市第一: a rank
_BRACKETED = re.compile(r"[（(][^（()）]{0,16}[)）]")


def _seat_of(text: str, place_end: int, name_start: int) -> bool:
    """沙坪坝区磁器口古镇, 位于南安市仑苍镇的九牧集团智能制造基地: a place written right before a
    name (or before 的 and the name) says where the thing is; the figures are the thing's."""
    return name_start == place_end or (name_start == place_end + 1 and text[place_end] == "的")


#: 1.和平路街道建设新村（和平路56号），建于1989年，共8栋…: an enumerated line whose head, with a
#: bracketed address or note, names the item the rest of the line describes
_RECORD = re.compile(r"^[ \t　]*(?:\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|[①-⑳])[ \t　]*"
                     r"([\u4e00-\u9fff·]{2,24}?)[（(][^（()）\n]{1,30}[)）][，,：:]", re.MULTILINE)


def _record_items(text: str) -> list[_Name]:
    out = []
    for m in _RECORD.finditer(text):
        head = m.group(1)
        seat = _SEAT.match(head)
        start = m.start(1) + (seat.end() if seat and len(head) - seat.end() >= MIN_NAME_CHARS else 0)
        name = text[start:m.end(1)]
        if _generic().fullmatch(name) is None:
            out.append(_Name(start, m.end(1), name, True, False))
    return out


@lru_cache(maxsize=1)
def _person() -> re.Pattern:
    """种粮大户郭建伟今年种了…, 游客王女士一家…: a role, then a name of two or three characters
    (or a surname and 女士/先生) before what the person says or does."""
    roles = []
    with open(LEXICON / "subject_cues.csv", encoding="utf-8", newline="") as fh:
        roles = [row["word"] for row in csv.DictReader(fh) if row["kind"] == "person_role"]
    role = "|".join(re.escape(w) for w in sorted(roles, key=len, reverse=True))
    bad = re.escape("".join(sorted(chars("name_opener"))) + "人均数量率客民户们纷都也")
    return re.compile(f"(?:{role})((?:[^\\W\\d_{bad}](?:女士|先生|大姐|阿姨|师傅)|[^\\W\\d_{bad}]{{2,3}}?)(?:一家)?)"
                      "(?=说|表示|介绍|告诉|今年|去年|算了|坦言|笑着|三口|[，,]?[“\"])")


def _people(text: str) -> list[_Name]:
    """The persons a text names, each spanning from its role (so 留固镇种粮大户郭建伟 is seated in
    the town), and the same person standing for a first-person quote right before 说
    (“去年我家种了50亩…”62岁的种粮大户王德全说)."""
    out = []
    for m in _person().finditer(text):
        out.append(_Name(m.start(), m.end(1), m.group(1), True, False))
        close = text.rfind("”", max(0, m.start() - QUOTE_TO_SPEAKER), m.start())
        if close < 0 or not _ATTRIBUTION.fullmatch(text[close + 1:m.start()]):
            continue
        open_ = text.rfind("“", max(0, close - QUOTE_CHARS), close)
        if open_ >= 0 and "我" in text[open_:close]:
            out.append(_Name(open_, open_ + 1, m.group(1), True, False))
    return out


QUOTE_TO_SPEAKER = 16          # “……”62岁的种粮大户王德全说
QUOTE_CHARS = 200
_ATTRIBUTION = re.compile(r"[\d岁的\u4e00-\u9fff]{0,16}")


def _compared(text: str, at: int, floor: int) -> bool:
    """Whether the scope word or place at ``at`` is compared with: right after 于/比/较/占/居
    (高于全市, 占全省), or later in the list such a word opens (高于全市（5.3%）、全省（5.4%）,
    分别高于成都市、四川省2.6个和…): every item between is a place or a scope word."""
    compared = chars("scope_comparison")
    if at and text[at - 1] in compared:
        return True
    window = text[max(floor, at - COMPARISON_CHARS):at]
    cut = max(window.rfind(c) for c in compared)
    if cut < 0:
        return False
    between = _BRACKETED.sub("", window[cut + 1:])
    if not between or between[-1] not in "、和及与":
        return False
    items = [w for w in re.split("[、和及与]", between) if w]
    return all(len(w) <= 8 and not any(ch.isdigit() for ch in w) and
               (w.endswith(("省", "市", "县", "区", "镇", "乡", "国", "州")) or _AVERAGE.search(w))
               for w in items)


@lru_cache(maxsize=1)
def _scope_words() -> tuple[str, ...]:
    return tuple(sorted(scope_levels(), key=len, reverse=True))


@lru_cache(maxsize=1)
def _project_opening() -> re.Pattern:
    """项目 / 该项目 opening a sentence or one of its clauses."""
    references = "|".join(re.escape(w) for w in sorted(_cues().project_references, key=len, reverse=True))
    return re.compile(f"(?:^|[，,：:；;])[{re.escape(_SPACE_OR_QUOTE)}]*(?:{references})", re.MULTILINE)


#: 玉溪高新区新能源电池材料产业园等8个项目: a group, named as written, is the subject of its total
_GROUP = re.compile(r"等(?:[\d]+|[一二三四五六七八九十两百]+)[个项家](?:[\u4e00-\u9fff]{0,4}?)(?:项目|企业|工程)")
_NOT_AFTER_PORT = "口澳股币务"


def _find_names(text: str) -> list[_Name]:
    cues = _cues()
    names: list[_Name] = []
    first: dict[str, _Name] = {}         # the first name of each suffix: the article's own fair
    reverse, size = None, len(text)
    seen = 0
    for m in cues.entity.finditer(text):
        for n in names[seen:]:
            first.setdefault(_suffix_of(n.text, cues), n)
        seen = len(names)
        if reverse is None:
            reverse = text[::-1]          # the run before a suffix, read backward with one match
        back = size - m.start()
        start = m.start() - (_NAME_RUN.match(reverse, back).end() - back)
        raw = text[start:m.end()].strip(_SPACE_OR_QUOTE)
        back = _back_reference(raw, cues)   # 在该项目…内: the project named before; 该企业总部位于经开区: not
        if back is not None:             # 本届茶博会: the fair named before, else nothing new
            if _counted().match(text, m.end()):
                continue                 # 本次集中开工项目58个: the projects are counted, not named
            earlier = first.get(m.group()) if back in cues.topical else None   # this edition: the article's
            earlier = earlier or _referent(names, m.group(), cues)
            if earlier is not None:
                names.append(_Name(m.end() - len(raw), m.end(), earlier.text, earlier.is_thing,
                                   earlier.is_project))
            continue
        if m.group() == "港" and text[m.end():m.end() + 1] in _NOT_AFTER_PORT:
            continue                     # 港口, 港澳: no port's name
        group = _group_before(text, start, m)
        if group is not None:
            names.append(group)
            continue
        if text[start:m.end()] in cues.zones or raw in cues.zones:
            names.append(_Name(m.end() - len(m.group()), m.end(), m.group(), False, False))
            continue
        name = _trim(text[start:m.end()], cues.suffixes, m.group())
        if name and _counted().match(text, m.end()):
            continue                     # 新建5G基站400个, 开工项目16个: a kind being counted, not a subject
        if name and not cues.organisation.search(name) and not _reporting_body().search(name):
            names.append(_Name(m.end() - len(name), m.end(), name,
                               m.group() in cues.things, m.group() in cues.project_references))
    bare = _topic_references(text, names, cues)
    if bare:
        names = sorted(names + bare, key=lambda n: (n.end, n.start))
    return names


def _suffix_of(name: str, cues: _Cues) -> str:
    return next((s for s in cues.suffixes if name.endswith(s)), "")


def _topic_references(text: str, names: list[_Name], cues: _Cues) -> list[_Name]:
    """本批次共纳入老旧小区17个, 本届共吸引…: a clause opening on a bare 本届/本批次 speaks of the
    article's own thing, the first one named in its headline or lead."""
    lead = next((n for n in names if n.is_thing), None)
    if lead is None or lead.start > LEAD_CHARS:
        return []
    out = []
    k = 0
    for m in _bare_topic(cues).finditer(text, lead.end):
        while k < len(names) and names[k].end <= m.start(1):
            k += 1
        if k < len(names) and names[k].start <= m.start(1):
            continue                     # 本届茶博会: named with its kind already
        out.append(_Name(m.start(1), m.end(1), lead.text, lead.is_thing, lead.is_project))
    return out


@lru_cache(maxsize=1)
def _bare_topic(cues: _Cues) -> re.Pattern:
    words = "|".join(re.escape(w) for w in sorted(cues.topical, key=len, reverse=True))
    return re.compile(f"(?:^|(?<=[，,。；;：:\n]))[{re.escape(_SPACE_OR_QUOTE)}]*({words})"
                      , re.MULTILINE)


def _group_before(text: str, start: int, m: re.Match) -> _Name | None:
    """…等8个项目 ending at this suffix: the group from the first name of its list."""
    g = _GROUP.search(text, max(start, m.end() - 12), m.end())
    if g is None or g.end() != m.end():
        return None
    head = text[start:g.start()]
    cut = _last_opener(head)
    head = _leading_words().sub("", head[cut + 1:].strip(_SPACE_OR_QUOTE))
    if len(head) < MIN_NAME_CHARS:
        return None
    return _Name(g.start() - len(head), m.end(), head + text[g.start():m.end()], True, True)


def _back_reference(raw: str, cues: _Cues) -> str | None:
    """The back-reference word (本届, 该) a run ends on before its suffix, with no opener after it."""
    for word in cues.back_references:
        at = raw.rfind(word)
        if at >= 0 and len(raw) > at + len(word) and _last_opener(raw[at + len(word):]) < 0 and \
                (at == 0 or _last_opener(raw[:at + 1]) == at or raw[at - 1] in chars("name_opener")):
            return word
    return None


def _referent(names: list[_Name], suffix: str, cues: _Cues) -> _Name | None:
    """The name a back reference (本届展会, 该项目) points to: the latest one with its suffix, else
    the latest thing of the same kind (an event for an event)."""
    same = next((n for n in reversed(names) if n.text.endswith(suffix)), None)
    if same is not None:
        return same
    kind_thing = suffix in cues.things
    return next((n for n in reversed(names) if n.is_thing == kind_thing and not n.is_project), None)


def _trim(name: str, suffixes: tuple[str, ...], matched: str) -> str | None:
    """Cut a candidate back to its last opener (坐落于临江知青文化园 -> 临江知青文化园).

    ``matched`` is the suffix found; a longer one ending like it (有限公司 for 公司) is preferred.
    """
    cut = _last_opener(name)
    if cut >= 0 and name[cut] in chars("description_cut") and (
            name[cut] != "的" or (name[:cut].endswith(suffixes)
                                  and not name[:cut].endswith(_cues().places))):
        return None          # ……用房项目的复建改造项目, 多个建筑施工项目: descriptions, not names
    # (位于钟楼经济开发区的…有限公司: a place before 的 locates the name, it does not describe it)
    name = name[cut + 1:].strip(_SPACE_OR_QUOTE)
    counted = None
    for counted in _COUNTED.finditer(name):
        pass
    if counted:                  # 白鹭湿地公园三大核心景区 -> 核心景区: what follows a count is a kind
        name = name[counted.end():]
    name = _LEADING_NUMBER.sub("", name)
    unopened = _leading_words().sub("", name).lstrip(_SPACE_OR_QUOTE)   # 全区今年计划新建学校 -> 学校
    suffix = next((s for s in _longer_suffixes(suffixes, matched) if name.endswith(s)), "")
    opening = name[:len(name) - len(unopened)]
    if any(w in opening for w in scope_words()):
        return None          # 全市高速公路收费站: every such thing of the place, not one named
    if len(unopened) - len(suffix) >= MIN_NAME_CHARS or not _time_word().fullmatch(opening):
        name = unopened                  # but 五一商圈 keeps the festival its name begins with
    if suffix in _cues().places:         # 沙坪坝区磁器口古镇 is the 古镇; 南康区…产业园项目 keeps its seat
        name = _without_seat(name, suffix)
    if suffix in _company_suffixes():    # 临泽经济开发区恒拓精密机械有限公司: the company in the park
        inside = [m.end() for m in _place_suffix_pattern().finditer(name, 0, len(name) - len(suffix))]
        if inside and len(name) - inside[-1] - len(suffix) >= MIN_NAME_CHARS:
            name = name[inside[-1]:]
    stem = name[:len(name) - len(suffix)]
    if len(stem) < MIN_NAME_CHARS or not _generic().sub("", stem):
        return None          # 学校, 签约项目, 其他核心景区: not a name
    return name


@lru_cache(maxsize=1)
def _counted() -> re.Pattern:
    """A count ending a phrase right after a name (新建5G基站400个, 其中5A级景区1家、): the name is the
    kind counted; a count with its own noun (金沙湖大剧院9场文艺活动) leaves the name a subject."""
    from etl.quantity_lexicon import LEXICON
    kinds = sorted((c for c, unit in LEXICON.counters.items() if unit not in ("人", "度", "大")),
                   key=len, reverse=True)
    return re.compile(r"(?:共|计|达|有|为|约|近|超过?|逾){0,2}[\d０-９.．]+(?:万|千|百|亿)?(?:余|多)?"
                      f"(?:{'|'.join(map(re.escape, kinds))})(?![\u4e00-\u9fff])")   # 金沙湖大剧院9场文艺活动 hosts


_COUNTED = re.compile(r"(?<!第)[\d一二三四五六七八九十两]+[大个家项座所批类]")   # 第二批 is an ordinal


@lru_cache(maxsize=1)
def _generic() -> re.Pattern:
    """Words that only say which kind (重点, 核心, 其他, 全区): a stem made of them names nothing."""
    return re.compile(f"(?:{alternation('generic_project')}|{alternation('name_scope')}|其他|其余|他)")


@lru_cache(maxsize=1)
def _reporting_body() -> re.Pattern:
    """云南电网有限责任公司, 国网…电力公司: the grid and its branches report use, they are not its subject."""
    return re.compile(alternation("organisation_infix"))


_SEAT = re.compile(r"^[\u4e00-\u9fff]{2,4}?(?:街道|镇|乡)")


def _without_seat(name: str, suffix: str) -> str:
    """沙坪坝区磁器口古镇 -> 磁器口古镇, 蜀山区三里庵街道安居苑小区 -> 安居苑小区: the district or
    street written with its level in front of a name says where it is; 杭州启成学校 keeps 杭州."""
    from etl.gazetteer import default_gazetteer
    gaz = default_gazetteer()
    while True:
        seats = [k + len(found[0]) for k in range(len(name) - len(suffix))
                 if (found := gaz.leading(name[k:])) and found[0] == found[1].name
                 and found[0].endswith(("省", "市", "区", "县"))]
        end = seats[-1] if seats else (m.end() if (m := _SEAT.match(name)) else 0)
        if not end or len(name) - end - len(suffix) < MIN_NAME_CHARS:
            return name
        name = name[end:]


@lru_cache(maxsize=1)
def _company_suffixes() -> frozenset[str]:
    return frozenset(s for s in _cues().things if s.endswith(("公司", "集团")))


@lru_cache(maxsize=1)
def _place_suffix_pattern() -> re.Pattern:
    return re.compile("|".join(re.escape(s) for s in sorted(_cues().places, key=len, reverse=True)))


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
def _time_word() -> re.Pattern:
    return re.compile(f"(?:{time_alternation()})")


@lru_cache(maxsize=1)
def _leading_words() -> re.Pattern:
    """Scope, time and verb words that may open the run of characters before a name."""
    return re.compile(f"^(?:{alternation('name_scope')}|{time_alternation()}|{alternation('name_verb')}"
                      f"|{alternation('leading_link')})+")


def scope_words() -> tuple[str, ...]:
    """全区, 全市, 我县 …: words that name where, not what; longest first."""
    return _scope_words()


def row_subject(label: str) -> Subject | None:
    """The subject a table row's label names: a place (鼓楼区, 秭归县) or a thing (遇龙河景区)."""
    from etl.gazetteer import default_gazetteer
    places = [m for m in default_gazetteer().find(label) if (m.start, m.end) == (0, len(label))]
    if places:
        return Subject(places[0].place.name, places[0].place.adcode)
    names = [n for n in _find_names(label) if n.end == len(label) and n.start == 0]
    return Subject(names[0].text) if names else None
