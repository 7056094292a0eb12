"""Indicator names as compositions: a base measure and the breakdown that qualifies it.

第一产业用电量 is the part 第一产业 (primary sector) and the base 用电量 (electricity
consumption); 粮油食品类零售额 the part 粮油食品类 and the base 零售额; 城镇居民人均可支配收入 the
part 城镇居民 and the base 人均可支配收入. The parts live in ``lexicon/indicator_parts.csv``, the
bases are the catalogue's indicators plus the generic ones of ``lexicon/indicator_bases.csv``
(增加值, 产值, 零售额, 投资 …, which name nothing without a part). A name composes in both
languages: 第一产业用电量 is "primary-sector electricity consumption". A composed name that the
catalogue lists (第一产业增加值, 工业投资) is that catalogue entry.

A part the lexicon lacks still composes when it has the shape of one: a run of at most
``MAX_UNLISTED_PART_CHARS`` characters ending in 业 or 类 (充换电服务业, 汽车零部件制造业), so
no breakdown is dropped into its generic total.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from etl.catalogue import AliasMatcher, CatalogueEntry, load_catalogue

LEXICON = Path(__file__).parent / "lexicon"
MAX_UNLISTED_PART_CHARS = 10
MAX_PARTS = 3
MAX_LISTED_CHARS = 6
_PLACE_SHAPE = re.compile(r"(?:新区|区|市|县|镇|乡|街道|港|园区|开发区)$")       # an item of a list before a shared base (水稻、大豆播种面积)
#: …业 (an industry), …类 (a category), …产品 (a product group), …贸易 (a trade mode), 对… (a partner)
_PART_SHAPE = re.compile(r"^对[\u4e00-\u9fff]{1,%d}$|[\u4e00-\u9fff]{1,%d}(?:[业类]|产品|贸易)$"
                         % (MAX_UNLISTED_PART_CHARS - 1, MAX_UNLISTED_PART_CHARS - 1))
_JOINERS = "、，, "
#: topics a part may take over from its base: a sector's value added is the sector's
_SECTOR_NEUTRAL_TOPICS = ("economy", "industry", "other")


@dataclass(frozen=True)
class Part:
    id: str | None                 # None: a part the lexicon lacks, named as written
    name_zh: str
    name_en: str
    topic: str                     # "" when the part does not decide the topic
    kind: str                      # sector, group, scope, category, total


@dataclass(frozen=True)
class Composition:
    entry: CatalogueEntry          # the catalogue entry of the whole name (composed on the fly)
    base: CatalogueEntry           # what is measured (用电量)
    parts: tuple[Part, ...]        # the breakdown, outermost first (限额以上单位, 粮油食品类)


@lru_cache(maxsize=1)
def _parts() -> tuple[dict[str, Part], AliasMatcher]:
    parts, entries = {}, []
    with open(LEXICON / "indicator_parts.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            part = Part(row["id"], row["name_zh"], row["name_en"], row["topic"], row["kind"])
            parts[part.id] = part
            aliases = tuple(a for a in row["aliases"].split("|") if a)
            entries.append(CatalogueEntry(part.id, part.name_zh, part.name_en, aliases, (), "other"))
    return parts, AliasMatcher(entries)


@lru_cache(maxsize=1)
def bases() -> list[CatalogueEntry]:
    """The generic bases: measures that name nothing without a part (增加值, 零售额, 投资)."""
    return load_catalogue(LEXICON / "indicator_bases.csv")


@lru_cache(maxsize=1)
def base_matcher() -> AliasMatcher:
    return AliasMatcher(bases())


@lru_cache(maxsize=1)
def _totals() -> dict[str, CatalogueEntry]:
    """Bases that, with no breakdown, name a whole indicator of the catalogue (用电量 -> 全社会用电量)."""
    by_id = {e.id: e for e in load_catalogue()}
    with open(LEXICON / "indicator_totals.csv", encoding="utf-8", newline="") as fh:
        return {row["base"]: by_id[row["total"]] for row in csv.DictReader(fh) if row["total"] in by_id}


@lru_cache(maxsize=1)
def catalogue_names() -> dict[str, CatalogueEntry]:
    """Catalogue entries by name and alias: a composition the catalogue lists is that entry."""
    found: dict[str, CatalogueEntry] = {}
    for entry in load_catalogue():
        for name in (entry.name_zh, *entry.aliases):
            if "…" not in name:
                found.setdefault(name, entry)
    return found


def covers_part(text: str, start: int, end: int) -> bool:
    """Is text[start:end] (a name found by its suffix: …辅助性活动) inside a breakdown part?"""
    _, matcher = _parts()
    hit = matcher.before(text, max(0, start - 16), end)
    return hit is not None and hit.end == end and hit.start <= start


def sector_around(text: str, start: int, end: int) -> bool:
    """Does an industry ending at ``end`` begin before ``start``, so that a name found at
    ``start`` only reuses the industry's tail (压延加|工业用电量: 黑色金属冶炼和压延加工业)?"""
    parts_by_id, matcher = _parts()
    hit = matcher.before(text, max(0, end - 16), end)
    return hit is not None and hit.end == end and hit.start < start and parts_by_id[hit.entry.id].kind == "sector"


def part_named(name: str) -> Part | None:
    """The part a lexicon name or alias stands for (第二产业, 二产)."""
    parts_by_id, matcher = _parts()
    hit = matcher.before(name, 0, len(name))
    return parts_by_id[hit.entry.id] if hit is not None and (hit.start, hit.end) == (0, len(name)) else None


def parts_before(text: str, floor: int, end: int) -> tuple[Part, ...]:
    """The parts that stand right before ``end`` (限额以上单位粮油食品类|零售额), outermost first.

    Known parts are read backward, each ending where the next begins (a 、 between the items of
    one part, 粮油、食品类, belongs to its alias); failing that, one run shaped like a part.
    """
    parts_by_id, matcher = _parts()
    found: list[Part] = []
    pos = end
    while len(found) < MAX_PARTS and pos > floor:
        hit = matcher.before(text, max(floor, pos - 16), pos)
        if hit is None or hit.end != pos:
            break
        found.insert(0, parts_by_id[hit.entry.id])
        pos = hit.start
    run = _run_before(text, floor, end)
    run = trim_leading(run, end - len(run) > floor and text[end - len(run) - 1].isdigit())
    run = "".join(c for c in run if c not in _QUOTE_MARKS)
    known = "".join(p.name_zh for p in found)
    if len(run) >= 2 and _PART_SHAPE.search(run) and (
            not found or (len(found) == 1 and len(run) > len(text[pos:end]) and known.endswith("业"))):
        # 汽车制造业: an industry the lexicon lacks, ending in one it has (制造业): the whole run
        topic = found[0].topic if found else None
        return (unlisted_part(run, topic),)
    return tuple(found)


def unlisted_part(name: str, topic: str | None = None) -> Part:
    """A part the lexicon lacks: an industry (…产业, …制造业) is industry's, a service economy's."""
    if topic is None:
        topic = "economy" if name.endswith("服务业") else "industry" if name.endswith("业") else \
            _keyword_topic(name)         # 柑橘 (产量): the farm product's topic
    return Part(None, name, "", topic, "unlisted")


@lru_cache(maxsize=1)
def _topic_keywords() -> tuple[re.Pattern, dict[str, str]]:
    with open(LEXICON / "topics.csv", encoding="utf-8", newline="") as fh:
        topic_of = {row["keyword"]: row["topic"] for row in csv.DictReader(fh)}
    words = sorted(topic_of, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words)), topic_of


def _keyword_topic(name: str) -> str:
    """The topic of the last topic keyword of ``name`` (lexicon/topics.csv), "" when none."""
    pattern, topic_of = _topic_keywords()
    found = pattern.findall(name)
    return topic_of[found[-1]] if found else ""


#: what a number leaves at the start of the words after it (2023年末…, 前10个月…)
_AFTER_NUMBER = re.compile(r"^(?:个月|个季度|季度|年度|年末|年底|年初|月末|月底|月初|年|月|日|号|"
                           r"[家个名位项天次批座所条台套户栋])")      # 28家重点餐饮企业: the count's classifier
_LEADING_NOISE = re.compile(r"^(?:以来|期间|假期|当月|累计|其中|全年|共计|共有|拥有|现有|共|合计|各级各类|各类|各级)+")


def trim_leading(run: str, after_number: bool = False) -> str:
    """前10个月全区新能源汽车产业 -> 新能源汽车产业: time, scope and place words open no name.

    ``after_number``: the run follows a digit, so 年/月/个月 at its start close a date."""
    from etl.gazetteer import default_gazetteer
    from etl.periods import time_words
    from etl.subjects import scope_words
    if after_number:
        run = _AFTER_NUMBER.sub("", run)
    while True:
        trimmed = _LEADING_NOISE.sub("", time_words().sub("", run))
        word = next((w for w in scope_words() if trimmed.startswith(w)), "")
        trimmed = trimmed[len(word):]
        place = default_gazetteer().leading(trimmed)
        if place is not None:            # 海伦市28.6亿斤: a place names whose figure, not what
            trimmed = trimmed[len(place[0]):]
        if trimmed == run:
            return run
        run = trimmed


_RUN_STOP = re.compile(r"[^\u4e00-\u9fff]")


_QUOTE_MARKS = "“”‘’\"'"


def _run_before(text: str, floor: int, end: int) -> str:
    """The characters right before ``end`` a part can be made of; quotes inside a name (对共建
    “一带一路”国家) belong to it and do not count toward its length."""
    start, size = end, 0
    while start > floor and size < MAX_UNLISTED_PART_CHARS:
        char = text[start - 1]
        if char in _QUOTE_MARKS and start - 1 > floor and not _RUN_STOP.match(text[start - 2]):
            start -= 1
            continue
        if _RUN_STOP.match(char):
            break
        start, size = start - 1, size + 1
    while start < end and text[start] in _QUOTE_MARKS:
        start += 1
    return text[start:end]


def compose(base: CatalogueEntry, parts: tuple[Part, ...]) -> Composition:
    """The indicator of a base qualified by parts; the catalogue's own entry when it lists it."""
    parts = tuple(p for p in parts if p.kind != "total")       # 全社会用电量 is 用电量's total
    if not parts:
        return Composition(_totals().get(base.id, base), base, ())
    name_zh = "".join(p.name_zh for p in parts) + base.name_zh
    listed = catalogue_names().get(name_zh)
    if listed is not None:
        return Composition(listed, base, parts)
    english = " ".join(p.name_en for p in parts if p.name_en)
    unlisted = "".join(p.name_zh for p in parts if not p.name_en)
    name_en = f"{english} {base.name_en}".strip() if english else base.name_en
    if unlisted:
        name_en += f" ({unlisted})"
    topic = base.topic
    part_topic = next((p.topic for p in reversed(parts) if p.topic), "")
    if part_topic and base.topic in _SECTOR_NEUTRAL_TOPICS:
        topic = part_topic
    ident = ".".join([base.id, *(p.id for p in parts if p.id)]) if not unlisted else None
    entry = replace(base, id=ident or "", name_zh=name_zh, name_en=name_en, aliases=(), topic=topic)
    return Composition(entry, base, parts)


_LEADING = re.compile(r"^[\s“”\"，,：:]*(?:其中|另外|此外|同时|分别)?[\s，,：:]*")
#: what may stand between a part and its number when the base is understood (饮料类增长5.1%)
_BETWEEN = re.compile(r"^(?:比上年|比去年|同比|较上年|上年|分别|累计|合计|共|实现|完成|达到|达|为|是|约|近|超过|超|突破|"
                      r"受[\u4e00-\u9fff]{1,8}影响|增长|下降|增加|减少|提高|回落|上升|\s)*$")


def parts_at(text: str, clause_start: int, end: int) -> tuple[Part, ...]:
    """The parts that open a clause whose number has no base word of its own: 饮料类增长5.1%,
    第二产业421.6亿千瓦时. Only measure and link words may stand between them and the number."""
    lead = _LEADING.match(text, clause_start, end)
    pos = lead.end() if lead else clause_start
    parts_by_id, matcher = _parts()
    found: list[Part] = []
    while len(found) < MAX_PARTS:
        hit = matcher.after(text, pos, min(end, pos + 16))
        if hit is None or hit.start != pos:
            break
        found.append(parts_by_id[hit.entry.id])
        pos = hit.end
    if not found:
        run = _run_after(text, pos, end)
        cut = max(run.rfind("业"), run.rfind("类"))
        if cut < 1:
            return ()
        found.append(unlisted_part(run[:cut + 1]))
        pos += cut + 1
    return tuple(found) if _BETWEEN.match(text[pos:end]) else ()


def _run_after(text: str, start: int, end: int) -> str:
    stop = start
    limit = min(end, start + MAX_UNLISTED_PART_CHARS)
    while stop < limit and not _RUN_STOP.match(text[stop]):
        stop += 1
    return text[start:stop]


#: 第一、二、三产业 / 一、二、三产业: the three sectors written once
_ORDINAL_SECTORS = re.compile(r"第?[一二三](?:[、和及与]第?[一二三])+产业$")
_SECTOR_OF = {"一": "primary", "二": "secondary", "三": "tertiary"}


def parts_listed(text: str, floor: int, end: int) -> list[Part]:
    """农业、林业、牧业、渔业|产值: the parts of a list ending at ``end``, in order."""
    sectors = _ORDINAL_SECTORS.search(text, max(floor, end - 14), end)
    if sectors is not None:
        parts_by_id, _ = _parts()
        return [parts_by_id[_SECTOR_OF[c]] for c in sectors.group() if c in _SECTOR_OF]
    listed: list[Part] = []
    pos = end
    while pos > floor:
        sectors = _ORDINAL_SECTORS.search(text, max(floor, pos - 14), pos)
        if sectors is not None and listed:         # 一、二、三产业和城乡居民生活: the sectors, then more
            parts_by_id, _ = _parts()
            listed[:0] = [parts_by_id[_SECTOR_OF[c]] for c in sectors.group() if c in _SECTOR_OF]
            break
        parts = parts_before(text, floor, pos)
        if not parts:                    # 水稻、大豆播种面积分别为…: the list makes them parts
            run = _run_before(text, max(floor, pos - MAX_LISTED_CHARS), pos)
            if not run or (pos - len(run) > floor and text[pos - len(run) - 1] not in "、和及与"
                           and not listed) or not trim_leading(run) or _PLACE_SHAPE.search(run):
                break                    # 青冈县、曲江新区…: places are whose, not parts
            parts = (unlisted_part(trim_leading(run)),)
        part = parts[-1]
        if part.id is None:                # 牧业和渔业: a known last item after a joiner is its own
            known = _parts()[1].before(text, max(floor, pos - 16), pos)
            if known is not None and known.end == pos and known.start > floor and text[known.start - 1] in "和及与":
                part = _parts()[0][known.entry.id]
        surface = _surface_before(text, pos, part)
        item = _item_before(text, max(floor, pos - MAX_LISTED_CHARS), pos)
        if part.id is not None and len(item) > len(surface) and item.endswith(surface) and \
                item[-len(surface) - 1] not in "和及与":
            part, surface = unlisted_part(item, part.topic), item     # 优质白酒: the item as listed
        listed.insert(0, part)
        pos -= len(surface)
        if pos > floor and text[pos - 1] in "、和及与" + _COMMA:      # commas only inside a list_floor
            pos -= 1
        else:
            break
    return listed


MAX_COMMA_ITEMS = 8
_COMMA = "，,"


def list_floor(text: str, floor: int, sent_start: int) -> int:
    """粮油、食品类，饮料类，烟酒类零售额分别…: a statistician sets the items of a list off by commas.
    From the clause start ``floor``, move back over the clauses of the sentence that are whole
    breakdown items (a known part, or a run shaped like one), at most ``MAX_COMMA_ITEMS``."""
    for _ in range(MAX_COMMA_ITEMS):
        if floor <= sent_start or text[floor - 1] not in _COMMA:
            break
        start = max(text.rfind(c, sent_start, floor - 1) for c in _COMMA) + 1
        start = max(start, sent_start)
        item = text[start:floor - 1].strip()
        if not item or not (part_named(item) or (len(item) <= MAX_UNLISTED_PART_CHARS and _PART_SHAPE.fullmatch(item))):
            break
        floor = start
    return floor


def _item_before(text: str, floor: int, end: int) -> str:
    """The whole item of a list that ends at ``end``: back to the joiner before it."""
    run = _run_before(text, floor, end)
    start = end - len(run)
    if start <= floor or text[start - 1] not in "、和及与":
        return ""                        # the list's first item: its opening words may be a verb
    return trim_leading(run)


def _surface_before(text: str, end: int, part: Part) -> str:
    """The text of ``part`` as written right before ``end`` (an alias, or the name itself)."""
    _, matcher = _parts()
    if part.id is not None:
        hit = matcher.before(text, max(0, end - 16), end)
        if hit is not None and hit.end == end:
            return text[hit.start:end]
    return part.name_zh


_SHARED_ENDINGS = ("产业", "行业")


def shared_suffix(parts: list[Part]) -> list[Part]:
    """优质白酒、动力电池、晶硅光伏产业: the 产业 written once belongs to every item of the list."""
    ending = next((e for e in _SHARED_ENDINGS if parts and parts[-1].name_zh.endswith(e)), None)
    if ending is None:
        return parts
    return [p if p.name_zh.endswith(ending) or p.id is not None else unlisted_part(p.name_zh + ending, "industry")
            for p in parts]


#: what follows an enterprise group opening a sentence whose figures are the group's
_GROUP_VERB = re.compile(r"(?:累计|共|全年|合计)?(?:实现|完成)")
OPENING_REACH = 24


def opening_part(text: str, sent_start: int, end: int) -> Part | None:
    """规模以上工业企业实现营业收入…；利润总额…: a sector part opening the sentence as the doer
    of 实现/完成 qualifies the group measures named after it (营业收入, 利润总额) that have no part
    of their own. Time, scope and place words before the part are skipped."""
    parts_by_id, matcher = _parts()
    stop = min(end, sent_start + OPENING_REACH)
    run_end = sent_start
    while run_end < stop and not _RUN_STOP.match(text[run_end]):
        run_end += 1
    run = text[sent_start:run_end]
    trimmed = trim_leading(run)
    at = sent_start + len(run) - len(trimmed)
    hit = matcher.after(text, at, run_end)
    if hit is None or hit.start != at or not _GROUP_VERB.match(text, hit.end):
        return None
    part = parts_by_id[hit.entry.id]
    return part if part.kind == "sector" else None
