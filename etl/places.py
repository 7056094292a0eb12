"""Where a page and each of its articles report on: the place 全市/全区/全县 mean and the subject
of an area-wide figure.

An article's own place is the place its evidence points to most, each place weighed by where it
is named: the manifest's ``source`` and the article's dateline (新华社重庆10月8日电, 襄阳日报讯)
weigh most, then a 来源 line and the headline, the page's masthead (钱塘新区报, 主办 中共杭州市
钱塘区委), then every mention in the body. Places outside the masthead's lineage need more
evidence than those inside it, and the level the article speaks at (全区, 我县) picks the place
of that level in the winner's lineage: a district paper's article headed 浙江本土民营跨国公司
that speaks of 我区 is the district's. ``POLICY_REGION`` is the last resort, for a page that
names no place at all.
"""
from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.gazetteer import NATION, Gazetteer, Place, PlaceMention, default_gazetteer
from etl.models import Article, Document
from etl.normalize import canonical
from etl.wordlists import alternation, chars, words

LEXICON = Path(__file__).parent / "lexicon"
MASTHEAD_CHARS = 600          # the top of a page, where its masthead and publisher stand
MASTHEAD_LINE_CHARS = 30
DATELINE_CHARS = 40           # how far into an article its dateline (…讯, …电) may reach
# weights of the evidence for an article's place
W_MANIFEST, W_DATELINE, W_SOURCE, W_HEADLINE, W_MASTHEAD, W_PAGE, W_BODY, W_FALLBACK = 6, 5, 4, 3, 3, 2, 1, 1
OUTSIDE_MASTHEAD_FACTOR = 2   # a place outside the masthead's lineage needs twice the evidence


@dataclass(frozen=True)
class Subject:
    """Whom a figure describes: a place (with its adcode) or a named thing (adcode None)."""

    name: str
    adcode: str | None = None


NATION_SUBJECT = Subject(NATION, None)


@dataclass(frozen=True)
class _Cues:
    scope_levels: dict[str, str]          # 全市 -> city, 我区 -> district …
    outlet: re.Pattern                    # 报, 日报, 新闻网 … on a masthead line
    source_line: re.Pattern               # 来源：…, 发布单位：…
    dateline: re.Pattern                  # 新华社重庆10月8日电, 本报讯, 襄阳日报讯
    organisation: re.Pattern              # 统计局, 供电公司 … right after a place


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    levels: dict[str, str] = {}
    with open(LEXICON / "subject_cues.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "scope":
                levels[row["word"]] = row["level"]
    return _Cues(
        scope_levels=levels,
        outlet=re.compile(f"(?:{alternation('source_outlet')})"),
        source_line=re.compile(f"(?:{alternation('source_label')})\\s*[:：]\\s*([^\\n]{{1,40}})"),
        dateline=re.compile(r"^[\s【\[(（]*([^\n，,。]{0,30}?)(?:讯|\d{1,2}月\d{1,2}日电|电)"),
        organisation=re.compile(f"(?:{alternation('organisation')})"))


def scope_levels() -> dict[str, str]:
    """全区 -> district, 全市 -> city, 全省 -> province, 全国 -> nation …"""
    return _cues().scope_levels


@dataclass(frozen=True)
class PagePlaces:
    """What a page says of its own place, found once per document."""

    masthead: Place | None
    source: Place | None          # a 来源 line of the page, or the manifest's source
    from_manifest: bool
    source_stem: str | None       # 来源：云江新闻网 -> 云江, an outlet of a place the table lacks
    fallback: Subject             # POLICY_REGION, resolved through the gazetteer
    named_most: Place | None = None       # the place the page names most (at least twice)
    unlisted: tuple[Place, ...] = ()      # places the table lacks that the page names twice


def page_places(doc: Document, default_region: str, gazetteer: Gazetteer | None = None) -> PagePlaces:
    gaz = gazetteer or default_gazetteer()
    fallback = _resolve_name(default_region, gaz)
    support = (gaz.places[fallback.adcode],) if fallback.adcode else ()
    masthead = _most_specific(gaz, [m.place for m in _masthead_mentions(doc.text, gaz, support)])
    manifest_source = doc.source
    source, stem = None, None
    if manifest_source:
        source = _most_specific(gaz, [m.place for m in gaz.find(manifest_source, support, trusted=True)])
    from_manifest = source is not None
    if source is None:
        found = _cues().source_line.search(doc.text)
        if found:
            source = _most_specific(gaz, [m.place for m in gaz.find(found.group(1), support, trusted=True)])
            outlet = _cues().outlet.search(found.group(1))
            if source is None and outlet and outlet.start() == 2:
                stem = found.group(1)[:2]
    page_text = canonical(doc.text)
    known = gaz.find(page_text, support)
    unlisted = Counter(m.surface for m in _unlisted(page_text, known))
    established = tuple(_unlisted_place(name) for name, n in unlisted.items() if n >= MIN_UNLISTED_MENTIONS)
    counts = Counter(m.place for m in known) + Counter({p: unlisted[p.name] for p in established})
    top = counts.most_common(1)
    named_most = top[0][0] if top and top[0][1] >= MIN_UNLISTED_MENTIONS else None
    # 临泽日报 on a page about 临泽区: the paper is the named place's, not the table's 临泽县
    ours = {p.short: p for p in established}
    if masthead is not None and masthead.short in ours:
        masthead = ours[masthead.short]
    if source is not None and source.short in ours and not from_manifest:
        source = ours[source.short]
    return PagePlaces(masthead, source, from_manifest, stem, fallback, named_most, established)


def _resolve_name(name: str, gaz: Gazetteer) -> Subject:
    found = gaz.lookup(name)
    return Subject(found[0].name, found[0].adcode) if found else Subject(name)


def _masthead_mentions(text: str, gaz: Gazetteer, support) -> list[PlaceMention]:
    """Places on the short lines at the top of a page that name an outlet or its publisher."""
    out = []
    for line in text[:MASTHEAD_CHARS].splitlines():
        stripped = line.strip()
        if stripped and len(stripped) <= MASTHEAD_LINE_CHARS and (
                _cues().outlet.search(stripped) or stripped.startswith("主办")):
            out.extend(gaz.find(line, support, trusted=True))
    return out


def _most_specific(gaz: Gazetteer, places: list[Place]) -> Place | None:
    """The deepest of a list of places (钱塘区 over 杭州市), the first among equals."""
    if not places:
        return None
    return max(places, key=lambda p: len(gaz.ancestors(p)))


def _key(place: Place) -> str:
    return place.adcode or place.name


_UNLISTED = re.compile(r"([\u4e00-\u9fff]{2})(新区|街道|区|市|县|镇|乡)")


def _unlisted(text: str, known: list[PlaceMention]) -> list[PlaceMention]:
    """Names shaped like a place the table lacks (two characters and a level: 两江新区, a town
    of a newer district): ``not_place`` rows list the words ending like one (社区, 开发区, 城市),
    ``not_in_place_name`` the characters no name holds (在, 全, 年), ``not_after_place`` those
    after which 区/市 starts another word (区域, 市场)."""
    taken = {k for m in known for k in range(m.start, m.end)}
    not_places, not_in_names, not_after = words("not_place"), chars("not_in_place_name"), chars("not_after_place")
    out = []
    for m in _UNLISTED.finditer(text):
        stem, level = m.groups()
        start = m.start()
        if level in _TOWN_LEVELS and start and _stem_char(text[start - 1], not_in_names) and \
                (text[start - 1] + stem[-1] + level) not in not_places and \
                text.count(stem + level) == text.count(text[start - 1] + stem + level):
            stem, start = text[start - 1] + stem, start - 1      # 郭家坝镇, not 点燃西三镇: as the text always writes it
        if start in taken or m.end() - 1 in taken or (stem[-1] + level) in not_places or \
                any(c in not_in_names for c in stem) or text[m.end():m.end() + 1] in not_after:
            continue
        out.append(PlaceMention(start, m.end(), stem + level, _unlisted_place(stem + level)))
    return out


_TOWN_LEVELS = ("镇", "乡", "街道")


def _stem_char(char: str, not_in_names: frozenset[str]) -> bool:
    return "\u4e00" <= char <= "\u9fff" and char not in not_in_names


def _unlisted_place(name: str) -> Place:
    stem = name[:-2] if name.endswith(("新区", "街道")) else name[:-1]
    level = "city" if name.endswith("市") else "town" if name.endswith(("镇", "乡", "街道")) else "county"
    return Place(None, name, stem, level, None, None, None)


def _stems(text: str, places: tuple[Place, ...], taken: list[PlaceMention]) -> list[PlaceMention]:
    """临泽 for 临泽区 where the page names 临泽区: the short form of a place the table lacks."""
    covered = {k for m in taken for k in range(m.start, m.end)}
    out = []
    for place in places:
        at = text.find(place.short)
        while at >= 0:
            if at not in covered:
                out.append(PlaceMention(at, at + len(place.short), place.short, place))
            at = text.find(place.short, at + 1)
    return out


class ArticlePlaces:
    """The places an article names, its own place, and what its scope words mean."""

    def __init__(self, article: Article, page: PagePlaces, gazetteer: Gazetteer | None = None):
        self.gaz = gaz = gazetteer or default_gazetteer()
        self.page = page
        text = article.body.text
        support = tuple(p for p in (page.masthead, page.source) if p is not None and p.adcode)
        if page.fallback.adcode and not support:
            support = (gaz.places[page.fallback.adcode],)
        self._support = support
        headline_text = canonical(article.headline)
        known = gaz.find(text, support)
        headline_known = gaz.find(headline_text, support)
        unlisted = _unlisted(text, known)
        headline_unlisted = _unlisted(headline_text, headline_known)
        counts = Counter(m.surface for m in unlisted) + Counter(m.surface for m in headline_unlisted)
        # a shape is a place when named twice, in the headline, or as a reporting body's (澄湖市统计局)
        unlisted = [m for m in unlisted if counts[m.surface] >= MIN_UNLISTED_MENTIONS
                    or m.surface in {h.surface for h in headline_unlisted} or self._in_organisation(text, m)
                    or m.place in page.unlisted or m.place.level == "town"]   # 兴坪镇 once in a list of towns
        unlisted += _stems(text, page.unlisted, known + unlisted)
        headline_unlisted += _stems(headline_text, page.unlisted, headline_known + headline_unlisted)
        every = sorted(known + unlisted, key=lambda m: m.start)
        self._publishers = [m for m in every if self._in_organisation(text, m)]
        self.mentions = [m for m in every if not self._in_organisation(text, m)]
        headline = headline_known + [m for m in headline_unlisted
                                     if counts[m.surface] >= MIN_UNLISTED_MENTIONS - 1]
        self._levels = _levels_spoken(text + headline_text)
        self.own_place = self._own_place(text, headline)
        if self.own_place is None and page.fallback.adcode and not page.source_stem:
            self.own_place = gaz.places[page.fallback.adcode]
        if self.own_place is not None:
            self.own = Subject(self.own_place.name, self.own_place.adcode)
        elif page.source_stem and self._levels:
            self.own = Subject(page.source_stem + _LEVEL_CHAR[self._levels[0]])
        else:
            self.own = page.fallback

    @staticmethod
    def _in_organisation(text: str, mention: PlaceMention) -> bool:
        """宜昌市统计局, 国网义乌市供电公司: the place names a reporting body, not a subject."""
        return _cues().organisation.match(text, mention.end) is not None

    def _own_place(self, text: str, headline: list[PlaceMention]) -> Place | None:
        gaz, page = self.gaz, self.page
        score: Counter = Counter()
        places: dict[str, Place] = {}

        def add(place: Place | None, weight: int):
            if place is not None:
                score[_key(place)] += weight
                places[_key(place)] = place

        add(page.source, W_MANIFEST if page.from_manifest else W_SOURCE)
        add(page.masthead, W_MASTHEAD)
        if not self.mentions and not headline:      # an article that names no place: its page's
            add(page.named_most, W_PAGE)
        dateline = _cues().dateline.match(text[:DATELINE_CHARS])
        if dateline:
            for m in gaz.find(dateline.group(1), self._support, trusted=True):
                add(m.place, W_DATELINE)
        for m in headline:
            add(m.place, W_HEADLINE)
        for m in self.mentions:
            add(m.place, W_BODY)
        for m in self._publishers:            # 宜昌市统计局发布: the publisher's place
            add(m.place, W_SOURCE)
        if page.fallback.adcode in score:     # POLICY_REGION breaks a tie when the article names it
            score[page.fallback.adcode] += W_FALLBACK
        self._scores, self._places = score, places
        if not score:
            return None
        anchor = next((p for p in (page.masthead, page.source) if p is not None and p.adcode), None)
        lineage = {p.adcode for p in gaz.ancestors(anchor)} if anchor is not None else set()

        def weight(key: str) -> float:
            place = places[key]
            inside = not lineage or place.adcode is None or place.adcode in lineage or \
                anchor.adcode in {p.adcode for p in gaz.ancestors(place)}
            return score[key] if inside else score[key] / OUTSIDE_MASTHEAD_FACTOR

        best = max(places, key=lambda key: (weight(key), len(gaz.ancestors(places[key]))))
        if weight(best) < MIN_EVIDENCE:
            return None
        return self._at_level(places[best], weight)

    def _at_level(self, chosen: Place, weight) -> Place:
        """我区/全区 in an article whose evidence points to its city or province: the district of
        that lineage the article has evidence for."""
        if not self._levels or _fits(chosen, self._levels[0]):
            return chosen
        below = [p for p in self._places.values() if _fits(p, self._levels[0])
                 and weight(_key(p)) >= MIN_EVIDENCE
                 and (p.adcode is None or _key(chosen) in {_key(a) for a in self.gaz.ancestors(p)})]
        return max(below, key=lambda p: weight(_key(p))) if below else chosen

    def scope(self, word: str) -> Subject:
        """The subject a scope word names in this article: 全市 in a 钱塘区 article is 杭州市."""
        level = scope_levels().get(word)
        if level == "nation":
            return NATION_SUBJECT
        own = self.own_place
        chain = self.gaz.ancestors(own) if own is not None else []
        found = next((p for p in chain if _fits(p, level)), None)
        if found is None:        # a place the table lacks: the one of that level the article names most
            named = [p for key, p in self._places.items() if _fits(p, level)
                     and self._scores[key] >= MIN_UNLISTED_MENTIONS] if own is not None else []
            found = max(named, key=lambda p: self._scores[_key(p)]) if named else None
        return _subject(found) if found is not None else self.own

    def subject_of(self, mention: PlaceMention) -> Subject:
        return _subject(mention.place)


MIN_UNLISTED_MENTIONS = 2
MIN_EVIDENCE = 2             # one passing mention in the body is not where an article reports from
_LEVEL_CHAR = {"district": "区", "county": "县", "city": "市", "province": "省", "town": "镇"}


def _levels_spoken(text: str) -> list[str]:
    """The levels of the scope words of a text (全区 -> district …), most used first."""
    counts = Counter()
    for word, level in scope_levels().items():
        if level != "nation":
            counts[level] += text.count(word)
    return [level for level, n in counts.most_common() if n]


def _fits(place: Place, level: str | None) -> bool:
    if level == "province":
        return place.level == "province"
    if level == "city":
        return place.is_city_like
    if level == "district":              # 全区 in Guangxi or Ningxia may be the autonomous region
        return (place.level == "county" and place.name.endswith("区")) or \
            (place.level == "province" and place.name.endswith("自治区"))
    if level == "county":
        return place.level == "county" and not place.name.endswith("区")
    if level == "town":
        return place.level == "town"
    return True


def _subject(place: Place) -> Subject:
    return Subject(place.name, place.adcode)
