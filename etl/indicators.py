"""Quantity + its words -> Mention: indicator, measure, qualifier, period, subject, topic.

The indicator name comes from the catalogue (``lexicon/indicators.csv``) when an alias stands
next to the number: for counts the noun after it (8栋宿舍楼), otherwise the alias ending nearest
before it in its clause (接待游客32.5万人次); a growth rate or share takes the name of what
grows (同比增长27.45% -> 接待游客); 这一数据 and a bare number in a list take the name of the
number before. With no alias, a name is built from the noun phrase measured, without scope or
link words (全区累计新增就业岗位1.2万个 -> 新增就业岗位数量), so the same concept gets the
same name in every article; such mentions carry no catalogue id and a lower confidence. A
headline number takes the name of the same number in the body.

Everything is read from the number's own clause and sentence, with a few look-backs. Lookup
structures are built once per process; each article gets one sentence index, one list of time
expressions and one list of named things.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.catalogue import AliasHit, AliasMatcher, CatalogueEntry, default_matcher
from etl.composition import (_LEADING, Composition, base_matcher, bases as composition_bases, compose, part_named, sector_around,
                             catalogue_names, list_floor, opening_part, parts_at, parts_before, parts_listed, shared_suffix, trim_leading,
                             unlisted_part as _unlisted_part)
from etl.models import Article, Document, Mention, Quantity
from etl.periods import PeriodResolver
from etl.qualifiers import PERCENT_UNITS, measure, qualifier
from etl.sentences import SentenceIndex, headed_sections
from etl.structures import StructurePart, find_structures
from etl.tables import Cell, Row, find_rows, measure_of_header, planned_column
from etl.settings import Settings
from etl.places import ArticlePlaces, PagePlaces, page_places
from etl.places import Subject
from etl.subjects import SubjectFinder, row_subject, scope_words
from etl.wordlists import alternation, chars, first, words

LEXICON = Path(__file__).parent / "lexicon"
CONTEXT_CHARS = 120
AFTER_WINDOW = 24          # characters after a count searched for the counted noun
AFTER_REACH = 16           # the noun must start within this many characters of the count
MAX_NOUN_CHARS = 8
VALUE_TOLERANCE = 0.005
_QUOTES = str.maketrans("", "", "“”\"‘’'「」『』")
_CJK_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


@dataclass(frozen=True)
class _Phrases:
    """Regexes and sets built from the word lists of ``lexicon/phrase_words.csv``."""

    anaphora: re.Pattern           # 这一数据
    stops: frozenset[str]          # characters a noun phrase does not cross
    leading_links: re.Pattern      # 其中, 累计 … opening a noun phrase
    mid_verb: re.Pattern           # 实现 … inside one: the name is what follows
    mid_verb_end: re.Pattern       # 实现 closing the words before a name
    mid_verb_at: re.Pattern        # 实现 anywhere
    end_verbs: re.Pattern          # 组成 … closing a counted noun
    leading_skip: re.Pattern       # quotes, floor counts (19层) and list items before a counted noun
    share_name: str
    share_of: str                  # 占: a share's whole follows it
    unnamed: str


@lru_cache(maxsize=1)
def _phrases() -> _Phrases:
    floors = alternation("floor_word")
    joiners = alternation("list_joiner")
    return _Phrases(
        anaphora=re.compile(f"(?:{alternation('anaphora_head')})(?:{alternation('anaphora_noun')})"),
        stops=chars("noun_stop"),
        leading_links=re.compile(f"^(?:{alternation('leading_link')})+"),
        mid_verb=re.compile(f".*(?:{alternation('mid_verb')})"),
        mid_verb_end=re.compile(f"(?:{alternation('mid_verb')})$"),
        mid_verb_at=re.compile(f"(?:{alternation('mid_verb')})"),
        end_verbs=re.compile(f"(?:{alternation('end_verb')})$"),
        leading_skip=re.compile(
            rf"^(?:[“”\"'‘’\s]|\d+(?:{floors})|(?:{joiners})\s*\d+(?:\.\d+)?[^\d\s]\d*(?:{floors})?)*"),
        share_name=first("share_name"), share_of=first("share_of"), unnamed=first("unnamed"))


CONFIDENCE_CATALOGUED = 0.9
CONFIDENCE_UNCATALOGUED = 0.6


@dataclass(frozen=True)
class _Lexicon:
    matcher: AliasMatcher
    topics: re.Pattern
    topic_of: dict[str, str]
    link_words: re.Pattern
    suffixes: dict[str, tuple[str, str]]      # unit -> (suffix_zh, suffix_en)


def _rows(name: str) -> list[dict]:
    with open(LEXICON / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    topic_of = {row["keyword"]: row["topic"] for row in _rows("topics.csv")}
    links = [row["word"] for row in _rows("link_words.csv")]
    suffixes = {row["unit"]: (row["suffix_zh"], row["suffix_en"]) for row in _rows("name_suffixes.csv")}
    return _Lexicon(default_matcher(), re.compile(_alternation(topic_of)), topic_of,
                    re.compile(f"(?:{_alternation(links)}|[“”\"'\\s])+$"), suffixes)


@dataclass
class _Named:
    """The indicator found for one quantity."""

    name: str
    name_en: str
    entry: CatalogueEntry | None
    noun: str = ""                 # the words it was named from
    guessed: bool = False
    base: CatalogueEntry | None = None    # what is measured, without its breakdown (零售额)

    @classmethod
    def of(cls, composition: Composition) -> "_Named":
        entry = composition.entry
        return cls(entry.name_zh, entry.name_en, entry, base=composition.base)


@dataclass
class _Done:
    quantity: Quantity
    named: _Named
    qualifier: str
    measure: str
    year: int | None = None
    period: str | None = None
    subject: Subject | None = None
    compared: bool = False         # the comparator's rate in brackets: 高于全市（5.3%）


@dataclass
class _ArticleState:
    """What one article's numbers share: its text, boundaries, times, names and earlier results."""

    article: Article
    doc: Document
    index: SentenceIndex
    periods: PeriodResolver
    subjects: SubjectFinder
    ordered: list[Quantity]
    starts: list[int]
    done: dict[int, _Done]
    cells: dict[int, tuple[Row, Cell]]      # table cells by start: 粮油、食品类 | 156.8 | 8.2
    structure: dict[int, StructurePart]     # parts of a:b:c structures by start
    _plans: list[tuple[int, int]] | None = None

    def in_plan(self, pos: int) -> bool:
        """Inside the tasks of a plan (二、工作任务 / 重点抓好以下工作：): its figures are targets."""
        if self._plans is None:
            progress = words("not_plan_heading")
            self._plans = [(body, end) for head, body, end in headed_sections(self.index, _plan_heading())
                           if not any(w in self.text[head:body] for w in progress)]
        return any(body <= pos < end for body, end in self._plans)

    @property
    def text(self) -> str:
        return self.article.body.text

    def earlier(self, i: int) -> Iterator[_Done]:
        """Results of the numbers before the i-th, nearest first; callers stop at a boundary, so
        a look-back costs what it reads, not the whole article."""
        for j in range(i - 1, -1, -1):
            found = self.done.get(j)
            if found is not None:
                yield found


@lru_cache(maxsize=1)
def _plan_heading() -> re.Pattern:
    return re.compile(alternation("plan_heading"))


def annotate(article: Article, quantities: list[Quantity], doc: Document, settings: Settings,
             page: PagePlaces | None = None) -> list[Mention]:
    """One Mention per quantity, in text order. ``page`` is what the page says of its place
    (found once per document; computed here when not given)."""
    if not quantities:
        return []
    text = article.body.text
    index = SentenceIndex(text)
    ordered = sorted(quantities, key=lambda q: (q.start, q.end))
    page = page or page_places(doc, settings.default_region)
    subjects = SubjectFinder(text, ArticlePlaces(article, page), index.paragraph_start)
    cells = {cell.start: (row, cell) for row in find_rows(text) for cell in row.cells}
    structure = {part.start: part for part in find_structures(text)}
    state = _ArticleState(article, doc, index, PeriodResolver(text, index, doc.published_on), subjects,
                          ordered, [q.start for q in ordered], {}, cells, structure)
    # body sentences first, so that a headline number can borrow the body's name for it
    order = sorted(range(len(ordered)), key=lambda i: (index.in_title(ordered[i].start), i))
    mentions = {i: _annotate_one(i, state) for i in order}
    return [mentions[i] for i in range(len(ordered))]


def _annotate_one(i: int, state: _ArticleState) -> Mention:
    q, text, index, doc, article = state.ordered[i], state.text, state.index, state.doc, state.article
    sent_start, sent_end = index.sentence(q.start)
    clause_start = index.clause_start(q.start)
    previous = _previous_in_clause(i, state, clause_start)
    scope_start = max(clause_start, previous.quantity.end) if previous else clause_start
    table = state.cells.get(q.start)
    part = state.structure.get(q.start)
    comparator = None if table or part else _comparator(i, state, sent_start)
    the_measure = table[1].column.measure if table else "share" if part else \
        comparator[0].measure if comparator else measure(text, q.start, q.end, q.unit, scope_start)
    if previous and previous.quantity.unit == q.unit and \
            text[previous.quantity.end:q.start].strip(" -−") in words("list_joiner") + words("range_joiner"):
        the_measure = previous.measure           # 分别增长6.5%、8.1%和-3.2%, 增长20%至30%: shared
    the_qualifier = qualifier(text, q.start, q.end, q.bound, clause_start,
                              (previous.quantity.end, previous.qualifier) if previous else None,
                              (sent_start, index.clause_end(sent_start)), sent_start,
                              index.full_sentence_start(q.start))
    if the_measure == "progress" and the_qualifier == "target":
        the_qualifier = q.bound               # 完成全年目标的56%: how far, not the goal
    if the_qualifier in ("exact", "approx", "at_least") and (
            state.in_plan(q.start) or (table is not None and planned_column(table[1].column.header))):
        the_qualifier = "target"          # the tasks of a plan, a table's 计划改造小区 column
    in_sentence = state.starts[bisect_left(state.starts, sent_start):bisect_left(state.starts, sent_end)]
    year, period = state.periods.resolve(q.start, in_sentence)
    echo = _echo_in_body(q, state.done, index) if index.in_title(q.start) else None
    if echo is not None:                 # 32.5万人次涌入 in a headline: the body's 春节 figure
        year, period = echo.year, echo.period
    if the_qualifier in ("exact", "approx", "at_least") and year and doc.published_on and \
            year > doc.published_on.year:
        the_qualifier = "target"           # a figure for a year still to come is a goal
    named, owner = _row_name(table[0], table[1], q, state.subjects.places.own) if table else (None, None)
    if named is not None and the_measure == "share":
        named = _as_share(named)        # a column of 占全市比重 beside the amounts
    named = named or (_structure_name(part) if part else None) or (comparator[0].named if comparator else None) \
        or _name(i, state, the_measure, scope_start, clause_start, sent_start)
    state.done[i] = done = _Done(q, named, the_qualifier, the_measure, year, period, compared=bool(comparator))
    topic = named.entry.topic if named.entry else _topic(text, named.noun, clause_start, sent_start,
                                                          sent_end, q, article.headline, index.heading(q.start))
    if topic == "investment" and named.name in words("works_investment") and \
            _housing_works(text[sent_start:sent_end], article.headline):
        topic = "construction_housing"   # 老旧小区改造…完成投资9800万元: the money of housing works
    gap_of = _gap_after_comparators(i, state, clause_start) if not (table or part or comparator) else None
    subject = owner or (comparator[1] if comparator else None) or (gap_of.subject if gap_of else None) or \
        state.subjects.find(clause_start, sent_start, q.start,
                            use_scope=the_measure != "share",   # 占全市比重: the district's
                            listed=_listed_index(i, state, sent_start))
    done.subject = subject
    start, end = article.body.source_span(q.start, q.end)
    confidence = CONFIDENCE_CATALOGUED if named.entry and not named.guessed else CONFIDENCE_UNCATALOGUED
    if year is None:
        confidence -= 0.2
    return Mention(
        doc=doc.name, start=start, end=end, text=doc.text[start:end], value=q.value, unit=q.unit,
        qualifier=the_qualifier, measure=the_measure, period=period, year=year,
        indicator=named.name, indicator_en=named.name_en, subject=subject.name,
        subject_adcode=subject.adcode, topic=topic,
        context=_context(doc.text, article, sent_start, sent_end, start, end),
        article_index=article.index,
        indicator_id=named.entry.id if named.entry and named.entry.name_zh == named.name else None,
        confidence=round(max(0.1, confidence), 2))


def _housing_works(sentence: str, headline: str) -> bool:
    """Does the sentence, or failing any works word there the headline, name housing works?"""
    for chunk in (sentence, headline or ""):
        if any(w in chunk for w in words("housing_works")):
            return True
    return False


@lru_cache(maxsize=1)
def _comparison_head() -> re.Pattern:
    """高于全市（ / 高于全市（5.3%）、全省（: a comparison word, then places each with its rate in
    brackets, ending at the bracket that opens the number."""
    whom = r"[^，,。；;：:（()）\d%]{1,12}?"
    return re.compile(rf"(?:{alternation('comparison_word')}|(?P<than>比|较))(?:{whom}[（(][^（()）]{{1,12}}[）)]\s*[、，,和及与]\s*)*"
                      rf"(?P<whom>{whom})(?:平均水平|平均)?[（(]\s*$")


_CLOSE_THEN_GAP = re.compile(r"[）)]\s*(?:[、，,和及与][^，。；]{0,16})?(?:高|低|快|慢|多|少)")
COMPARATOR_REACH = 48        # characters before a bracketed rate searched for its comparison word


def _comparator(i: int, state: _ArticleState, sent_start: int) -> tuple[_Done, Subject] | None:
    """增速高于全市（5.3%）、全省（5.4%）: a rate in brackets after a place compared with is that
    place's figure of what the sentence's own rate measures: its name and measure (never a share),
    the compared place as subject. None when the number is not such a rate."""
    q, text = state.ordered[i], state.text
    if q.unit not in PERCENT_UNITS or text[q.end:q.end + 1] not in "）)":
        return None
    floor = max(sent_start, q.start - COMPARATOR_REACH)
    m = _comparison_head().search(text, floor, q.start)
    if m is None or (m.group("than") and not _CLOSE_THEN_GAP.match(text, q.end)):
        return None                      # 比全省平均水平（59.2%）高5.2个百分点: the gap must follow
    main = next((d for d in _before(state, i, m.start(), sent_start)[::-1]
                 if not d.compared and d.quantity.unit == q.unit), None)
    if main is None:
        return None
    whom = m.group("whom")
    places = state.subjects.places
    word = next((w for w in scope_words() if whom.endswith(w)), None)
    if word is not None:
        subject = places.scope(word)
    else:
        named = [p for p in places.mentions if m.start("whom") <= p.start and p.end <= m.end("whom")]
        subject = places.subject_of(named[-1]) if named else None
    return main, subject


def _gap_after_comparators(i: int, state: _ArticleState, clause_start: int) -> _Done | None:
    """高于全市（5.3%）、全省（5.4%）0.3个和0.2个百分点: the gaps are the own rate's, whose subject
    they keep."""
    q = state.ordered[i]
    if q.unit != "百分点":
        return None
    found = None
    for d in state.earlier(i):
        if d.quantity.start < clause_start:
            break
        if d.compared:
            found = d
        elif found is not None:
            return None
    if found is None:
        return None
    return next((d for d in state.earlier(i) if not d.compared and d.quantity.start < found.quantity.start
                 and d.quantity.unit in PERCENT_UNITS), None)


def _previous_in_clause(i: int, state: _ArticleState, clause_start: int) -> _Done | None:
    if i and state.ordered[i - 1].start >= clause_start and (i - 1) in state.done:
        return state.done[i - 1]
    return None


def _name(i: int, state: _ArticleState, the_measure: str, scope_start: int, clause_start: int,
          sent_start: int) -> _Named:
    """The indicator of a quantity: catalogue aliases first, then the noun phrase it measures."""
    lex = _lexicon()
    q, text, index, done = state.ordered[i], state.text, state.index, state.done
    in_title = index.in_title(q.start)
    if in_title:
        echoed = _echo_in_body(q, done, index)
        if echoed:
            return echoed.named
    previous = state.done.get(i - 1)
    if previous and previous.quantity.unit == q.unit and previous.quantity.start >= clause_start and \
            text[previous.quantity.end:q.start].strip(" -−") in words("range_joiner"):
        return previous.named            # 800元至1500元: the high end of a range is the same thing
    accepts = _accepts(q, the_measure)
    clause_end = index.clause_end(q.end)
    after_text = text[q.end:min(clause_end, q.end + AFTER_WINDOW)].translate(_QUOTES)
    suffix_zh, suffix_en = lex.suffixes.get(q.unit, ("", q.unit))

    def alias_after():
        hit = lex.matcher.after(after_text, 0, len(after_text), accepts)
        if not hit or hit.start > AFTER_REACH or after_text[hit.end:hit.end + 1].isdigit():
            return None                  # 新开工项目60个、竣工30个: 竣工 names the next number
        return _Named(hit.entry.name_zh, hit.entry.name_en, hit.entry)

    def qualified_count(start: int, hit):
        """住房, 房源 name no kind of housing: the words around them in the number's noun do."""
        at = bisect_left(state.starts, hit.end)      # the number the alias is written for
        own = state.ordered[at] if at < len(state.ordered) else q
        noun = _noun_before(text, max(start, index.clause_start(hit.start)), own.start, lex.link_words)
        if len(noun) >= MAX_NOUN_CHARS + 2:
            return None                  # cut short: no name to trust
        noun = noun[len(next((w for w in words("supply_verb") if noun.startswith(w)), "")):]
        surface = text[hit.start:hit.end]
        if surface not in noun or len(noun) <= len(surface) or lex.matcher.before(noun, 0, len(noun)) is None \
                or noun in catalogue_names():
            return None
        own_zh, own_en = lex.suffixes.get(own.unit, ("", own.unit))
        name = noun if noun.endswith(own_zh) else noun + own_zh
        return _Named(name, f"uncatalogued ({own_en})", None, noun, True)

    def alias_before(start: int, end: int | None = None):
        """The nearest catalogue alias or generic base, with the breakdown right before it."""
        stop = q.start if end is None else end
        hit = lex.matcher.before(text, start, stop, accepts)
        base = base_matcher().before(text, start, stop, accepts)
        if hit is not None:              # 压延加工业用电量: the part's 用电量, not 工业用电量
            hit = _tail_of_part(text, hit, accepts) or hit
        if base and (hit is None or (base.end, -base.start) > (hit.end, -hit.start)):
            composed = compose(base.entry, parts_before(text, start, base.start))
            if composed.parts:           # 第一产业用电量, 粮油食品类零售额
                return _Named.of(composed)
            shared = _sibling_parts(i, state, base.start)
            if shared and (hit is None or hit.end <= base.start):    # 柑橘种植面积21.80万亩、产量72.63万吨
                return _Named.of(compose(base.entry, shared))
        if hit is None:
            return None
        if hit.entry.name_zh in words("generic_count"):
            qualified = qualified_count(start, hit)
            if qualified is not None:        # 二手住房成交8.96万套: not any 住房's 套数
                return qualified
        parts = parts_before(text, start, hit.start)
        if not parts and hit.entry.name_zh in words("kinded_measure"):    # 产业项目41个、总投资215.4亿元
            kind = _project_kind().search(text, max(sent_start, hit.start - KIND_REACH), hit.start)
            parts = (_unlisted_part(kind["kind"], ""),) if kind else ()
        if not parts and hit.entry.name_zh in words("group_measure"):   # 56家重点商贸企业实现销售额
            group = _COUNTED_GROUP.search(text, max(min(start, clause_start), hit.start - KIND_REACH), hit.start)
            parts = (_unlisted_part(group["group"], ""),) if group else ()
        if not parts and hit.entry.name_zh in words("group_measure"):   # 规上工业企业实现营业收入
            opening = next((found for at in (index.full_sentence_start(q.start), index.clause_start(hit.start))
                            if (found := opening_part(text, at, hit.start))), None)
            parts = (opening,) if opening else ()
        return _Named.of(compose(hit.entry, parts))

    def part_of_earlier():               # 限额以上单位商品零售额中，…，饮料类增长5.1%
        parts = parts_at(text, clause_start, q.start)     # only measure words may follow them
        if not parts:
            return None
        lead_start = index.full_sentence_start(q.start)     # across 。, not across ；
        if all(p.kind == "category" or p.name_zh.endswith("类") for p in parts):
            lead_start = index.paragraph_start(q.start)     # 金银珠宝类下降6.3%: the paragraph's 零售额
        for d in state.earlier(i):
            if d.quantity.start < lead_start:
                break
            if d.named.base is not None and (the_measure != "level" or d.named.base.accepts(q.unit)):
                return _Named.of(compose(d.named.base, parts))
        return None

    def bare_base():                     # 社会消费品零售总额…；其中，10月份实现零售额386.4亿元
        noun = _noun_before(text, scope_start, q.start, lex.link_words)
        base = base_matcher().before(noun, 0, len(noun), accepts) if noun else None
        if base is None or (base.start, base.end) != (0, len(noun)):
            return None                  # the noun is the generic measure alone, nothing before it
        head = text[scope_start:text.rfind(noun, scope_start, q.start)]
        head = _phrases().mid_verb_end.sub("", _LEADING.sub("", head).strip())
        head = _phrases().leading_links.sub("", _NUMBERED_TIME.sub("", head))
        if trim_leading(head):
            return None                  # 龙头企业实现产值: whose, so not the sentence's own measure
        lead_start = _lead_floor(state, q.start, index.full_sentence_start(q.start))
        for d in state.earlier(i):       # the same measure of the sentence before 其中, named in full
            if d.quantity.start < lead_start:
                return None
            if d.named.base is not None and d.named.base.id == base.entry.id and not d.compared and \
                    d.named.entry is not None and d.quantity.unit == q.unit:
                return d.named
        return None

    def noun_after():
        noun = _noun_after(text, q.end, clause_end)
        noun = noun if _defensible(noun) else ""
        return _Named(noun + suffix_zh, f"uncatalogued ({suffix_en})", None, noun, True) if noun else None

    def noun_before():
        noun = _noun_before(text, clause_start, q.start, lex.link_words)
        suffix = "" if noun.endswith(suffix_zh[-1:] or "-") else suffix_zh
        return _Named(noun + suffix, f"uncatalogued ({suffix_en})", None, noun, True) if noun else None

    def previous_in_sentence():       # 比去年同期多出2000个: the change of the number before
        floor = _lead_floor(state, q.start, sent_start)   # 其中，11月当月增长8.9%: the sentence before's
        for d in state.earlier(i):        # the nearest one that has a name
            if d.quantity.start < floor:
                return None
            if not d.named.name.startswith(_phrases().unnamed):
                return d.named
        return None

    def inherited():
        return _inherited(state.earlier(i), text, q, clause_start, sent_start, scope_start,
                          lex.link_words)

    def place_clause():                  # …零售总额628.4亿元；瑞安市、乐清市分别实现512.6亿元
        return _place_clause(i, state, clause_start, scope_start, lex.link_words)

    part_end = q.start
    if the_measure == "share":   # 制造业投资占固定资产投资的比重为45.6%: the part is before 占
        at = text.rfind(_phrases().share_of, scope_start, q.start)
        if at >= scope_start and not text.startswith(_phrases().share_name, at):
            part_end = at
    def rate_before():                   # 完工152个，完工率64.4%: a rate written before its number
        if the_measure == "share" and part_end < q.start:     # 自驾游客约占游客总数的四成
            noun = _noun_before(text, scope_start, part_end, lex.link_words)
            return _Named(noun + _phrases().share_name, "uncatalogued (share)", None, noun, True) \
                if noun else None
        named = noun_before() if the_measure == "share" else None
        return named if named and named.name.endswith((*_RATE_ENDINGS, _phrases().share_name)) and \
            named.name != _phrases().share_name and \
            not named.name.endswith(words("growth_rate_noun")) else None

    if the_measure in ("growth", "yoy_growth", "share"):
        steps = [lambda: alias_before(scope_start, part_end), alias_after, part_of_earlier, rate_before,
                 previous_in_sentence, place_clause, lambda: alias_before(sent_start, part_end), noun_before]
    elif q.unit in lex.suffixes and q.unit != "人次":      # counts: 8栋宿舍楼, 5家企业
        steps = [alias_after, noun_after, lambda: alias_before(scope_start), part_of_earlier, inherited,
                 lambda: alias_before(sent_start), noun_before]
    else:
        def sentence_alias():            # not for a number with a noun of its own (年纳税约3亿元)
            if len(_noun_before(text, scope_start, q.start, lex.link_words)) >= 2:
                return None
            return alias_before(sent_start)

        steps = [lambda: alias_before(scope_start), alias_after, part_of_earlier, inherited, place_clause,
                 sentence_alias, bare_base, noun_before, noun_after]
    named = _ratio_name(q, text, clause_start) or _contribution(i, state, clause_start, sent_start) or \
        _respectively(i, state, sent_start, lex.matcher) or \
        next((found for step in steps if (found := step())), None)
    if named is None:
        named = _Named(f"{_phrases().unnamed}({q.unit})", f"uncatalogued ({suffix_en})", None, "", True)
    if in_title and named.entry:
        named = _specialised(named, done) or named
    if the_measure == "share" and named.entry is None and (
            _of_plan(text, scope_start, q.start) or not _share_written(text, clause_start, q.start)):
        return named                     # 占计划面积的72%: how far the amount is along its plan
    return _as_share(named) if the_measure == "share" else named


KIND_REACH = 24
#: 56家重点商贸企业实现|销售额: the group counted right before the verb is whose the measure is
_COUNTED_GROUP = re.compile(r"\d+家(?P<group>[\u4e00-\u9fff]{2,10}?)(?:共|累计|合计)?(?:实现|完成)$")


def _tail_of_part(text: str, hit: AliasHit, accepts) -> AliasHit | None:
    """A catalogue name that begins inside an industry (黑色金属冶炼和压延加|工业用电量) is not the
    name: the industry's measure is the rest of it (用电量), found as its own hit."""
    names = catalogue_names()
    for cut in range(hit.start + 1, hit.end - 1):
        tail = names.get(text[cut:hit.end])
        if tail is not None and (accepts is None or accepts(tail)) and sector_around(text, hit.start, cut):
            return AliasHit(tail, cut, hit.end)
    return None
_NUMBERED_TIME = re.compile(r"^\d+(?:[—\-–~至到]\d+)?个?(?:月份|月|季度|日)(?:当月|份|末|底)?")


def _lead_floor(state: _ArticleState, pos: int, start: int) -> int:
    """``start``, or the start of the sentence before when 其中 opens the sentence at ``start``
    (…增长7.8%。其中，11月当月增长8.9%): what follows is a part of the sentence before."""
    index, text = state.index, state.text
    if start <= 0 or index.full_sentence_start(pos) != start or \
            not text[start:pos].lstrip().startswith(words("part_opener")):
        return start
    return max(index.full_sentence_start(start - 1), index.paragraph_start(start))
_SIBLING_JOINERS = ("、", "，", ",")
MAX_SIBLING_PART_CHARS = 6


def _sibling_parts(i: int, state: _ArticleState, base_start: int) -> tuple:
    """柑橘种植面积21.80万亩、产量72.63万吨: a generic measure (产量) right after the number before
    it, set off only by 、 or a comma, belongs to the thing that opened that number's clause
    (柑橘) when that number was a generic measure too: the breakdown is written once for both."""
    previous = state.done.get(i - 1)
    text = state.text
    if previous is None or text[previous.quantity.end:base_start].strip() not in _SIBLING_JOINERS:
        return ()
    prev_start = previous.quantity.start
    clause = state.index.clause_start(prev_start)
    lead = _LEADING.match(text, clause, prev_start)
    clause = lead.end() if lead else clause
    hit = base_matcher().before(text, clause, prev_start)     # a generic measure both times (面积, 产量)
    if hit is None:
        return ()
    if text[hit.end:prev_start].strip(" 约近超达为是") != "":
        return ()                        # the measure must stand right before its number
    parts = parts_before(text, clause, hit.start)
    if parts:
        return parts
    run = trim_leading(text[clause:hit.start])
    if 1 <= len(run) <= MAX_SIBLING_PART_CHARS and _CJK_RUN.fullmatch(run) and part_named(run) is None:
        return (_unlisted_part(run),)
    return ()
_PLACE_LIST = "、和及与，, "


def _place_clause(i: int, state: _ArticleState, clause_start: int, scope_start: int,
                  link_words: re.Pattern) -> _Named | None:
    """分地区看，鹿城区实现社会消费品零售总额628.4亿元；瑞安市、乐清市分别实现512.6亿元…；龙港市增长7.3%:
    a clause opened by places that names no measure of its own goes on with the measure named
    before it in the full sentence (across ；, not across 。): the places say whose, not what."""
    from etl.gazetteer import default_gazetteer
    q, text = state.ordered[i], state.text
    if _noun_before(text, scope_start, q.start, link_words):
        return None
    lead = _LEADING.match(text, clause_start, q.start)
    pos, places = lead.end() if lead else clause_start, 0
    while pos < q.start:
        found = default_gazetteer().leading(text[pos:min(q.start, pos + 16)])
        if found is None:
            break
        places, pos = places + 1, pos + len(found[0])
        while pos < q.start and text[pos] in _PLACE_LIST:
            pos += 1
    if not places:
        return None
    full_start = state.index.full_sentence_start(q.start)
    rate = q.unit in PERCENT_UNITS or q.unit == "百分点"
    for d in state.earlier(i):
        if d.quantity.start < full_start:
            return None
        if d.named.entry is not None and not d.compared and (rate or d.quantity.unit == q.unit):
            return d.named
    return None


@lru_cache(maxsize=1)
def _project_kind() -> re.Pattern:
    """…产业项目41个、|总投资: the kind of the projects counted right before a project total."""
    return re.compile(rf"(?P<kind>{alternation('project_kind')})项目[\d.]+个[、，,\s]*$")


def _of_plan(text: str, scope_start: int, start: int) -> bool:
    """Is the whole of a share written before ``start`` a plan or task (占年度计划投资的74.2%)?"""
    at = text.rfind(_phrases().share_of, scope_start, start)
    return at >= 0 and any(w in text[at:start] for w in words("plan_whole"))


def _share_written(text: str, scope_start: int, start: int) -> bool:
    """Does the number's clause say it is a share (占, 比重, 占比) before it?"""
    return any(w in text[scope_start:start] for w in (_phrases().share_of, "比重", "比例"))


def _as_share(named: _Named) -> _Named:
    """A share of an amount is its own indicator: 制造业投资 -> 制造业投资占比."""
    if named.entry is None:              # 接待外地游客…，占游客总数的54.0%: a noun named by its count
        noun = named.noun
        if not noun or named.name.startswith(_phrases().unnamed) or noun.endswith(
                (*_RATE_ENDINGS, _phrases().share_name, "比重", "比例")):
            return named
        return _Named(noun + _phrases().share_name, "uncatalogued (share)", None, noun, True)
    if "%" in named.entry.units or named.name.endswith(_phrases().share_name):
        return named
    return _Named(named.entry.name_zh + _phrases().share_name, named.entry.name_en + " (share)", named.entry,
                  named.noun, guessed=True, base=named.base)


def _structure_name(part: StructurePart) -> _Named | None:
    """三次产业结构为5.8:40.1:54.1: the k-th number is the k-th part's share (第二产业增加值占比)."""
    if not part.parts:
        return _structure_of_listed(part)
    base = next((e for e in (*composition_bases(), *default_matcher().entries) if e.name_zh == part.base), None)
    found = part_named(part.parts[part.index])
    if base is None or found is None:
        return None
    composed = compose(base, (found,)).entry
    return _Named(composed.name_zh + _phrases().share_name, composed.name_en + " (share)", composed,
                  guessed=True, base=base)


def _structure_of_listed(part: StructurePart) -> _Named | None:
    """一、二、三产业和城乡居民生活用电结构为0.4:65.8:19.2:14.6: with no known lead, the parts listed
    before 结构 and the base they share (用电 is 用电量's) name the k-th number's share."""
    names = {**{e.name_zh: e for e in composition_bases()}, **catalogue_names()}
    for text in (part.head, part.head + "量"):             # 用电结构: the structure of 用电量
        for size in range(2, min(len(text), MAX_STRUCTURE_BASE_CHARS) + 1):    # the shortest base
            base = names.get(text[-size:])
            if base is None:
                continue
            listed = parts_listed(text, 0, len(text) - size)
            if len(listed) < 2:
                continue
            if part.index >= len(listed):
                return None
            composed = compose(base, (listed[part.index],)).entry
            return _Named(composed.name_zh + _phrases().share_name, composed.name_en + " (share)", composed,
                          guessed=True, base=base)
    return None


MAX_STRUCTURE_BASE_CHARS = 6


_TOTAL_LABELS = ("合计", "总计", "小计", "全市", "全区", "全县", "全省", "全镇")


def _row_name(row: Row, cell: Cell, q: Quantity, own: Subject) -> tuple[_Named | None, Subject | None]:
    """A table cell is named by its row or its column, and the other may say whose it is.

    The label's own indicator (地区生产总值); the label as the part of the base its column or title
    names (粮油、食品类 in a table of 商品零售额 -> 粮油食品类零售额; 生铁 in a table of 产品产量 ->
    生铁产量); or the column's indicator (接待游客) of the place or thing the label names (遇龙河景区).
    """
    label = row.label
    column = row.amount_column(cell)      # 第一产业 | 0.62 | 8.3: the 8.3 is what the 0.62 is
    unit = column.unit if column is not cell.column and column.unit else q.unit
    accepts = (lambda e: e.accepts(unit)) if unit not in PERCENT_UNITS else None
    named = _named_in(label, accepts)
    if named is not None:
        return named, None
    if row.parent:                       # 规模以上工业增加值 / #钢铁工业: the item's 增加值
        whole = base_matcher().before(row.parent, 0, len(row.parent))    # the generic measure it ends in
        if whole is not None and whole.end == len(row.parent):
            parts = parts_at(label, 0, len(label)) or \
                ((_unlisted_part(label),) if len(label) <= MAX_LABEL_PART_CHARS else ())
            if parts:
                return _Named.of(compose(whole.entry, parts)), None
    def named_by(*sources: str, accepts=accepts):
        found = [hit for source in sources for matcher in (default_matcher(), base_matcher())
                 if (hit := matcher.before(source, 0, len(source), accepts)) is not None]
        return max(found, key=lambda hit: hit.end - hit.start) if found else None   # 粮食总产量 over 产量

    owner = own if label in _TOTAL_LABELS else row_subject(label)    # 合计: the whole place's
    if owner is None and _PLACE_LABEL.search(label) and len(label) <= MAX_LABEL_PART_CHARS:
        owner = Subject(label)           # 高县 the gazetteer lacks: still whose, never a part of the name
    header = _column_name(cell.column.header)
    if owner is not None and header.endswith(_RATE_ENDINGS):   # 开工率: a rate column names itself
        return _Named(header, "uncatalogued (rate)", None, header, True), owner
    amount = column.header               # 接待游客 | 同比增长（%）: the growth is 接待游客's
    if owner is not None:                # 遇龙河景区 | 接待游客: the column's indicator, the row's place
        base = named_by(amount)
        if base is None or base.entry in composition_bases():   # 销售面积 over 商品房销售面积 in the title
            base = named_by(amount, row.title)
            if base is not None and named_by(amount) is None and _column_name(amount) and \
                    _title_names_another_column(row, column, base.entry, named_by):
                base = None              # 计划改造小区 | 已完工小区: two columns, two indicators
            if base is not None and _column_name(amount) and any(
                    other.header != column.header and (hit := named_by(other.header)) is not None
                    and hit.entry is base.entry for other in row.columns):
                base = None              # 总投资 | 年度计划投资: another column's own name is not this one's
        if base is not None:
            own_hit = named_by(amount)
            surface = amount[own_hit.start:own_hit.end] if own_hit is not None and own_hit.entry is base.entry \
                and base.entry in composition_bases() else ""     # a generic measure only (产量, not 接待游客)
            entry = _qualified_by_title(surface, row.title, unit) or base.entry
            return _Named.of(compose(entry, ())), owner
        header = header or _column_name(amount)   # 改造小区 | 涉及居民: the column's own words
        return (_Named(header, "uncatalogued", None, header, True), owner) if header else (None, None)
    base = named_by(amount, row.title)
    if base is None:
        return None, None
    parts = parts_at(label, 0, len(label)) or \
        ((_unlisted_part(label),) if len(label) <= MAX_LABEL_PART_CHARS else ())
    return (_Named.of(compose(base.entry, parts)), None) if parts else (None, None)


MIN_QUALIFIER_CHARS = 2


@lru_cache(maxsize=256)
def _qualified_by_title(surface: str, title: str, unit: str | None) -> CatalogueEntry | None:
    """粮食生产情况 | 总产量（亿斤）: the thing the title is about (粮食) qualifies a column's measure
    (总产量) when the catalogue knows the whole (粮食总产量). The longest such name wins."""
    if len(surface) < 2:
        return None
    found = [(len(name), entry) for name, entry in catalogue_names().items()
             if name.endswith(surface) and len(name) - len(surface) >= MIN_QUALIFIER_CHARS
             and name[:-len(surface)] in title and (unit in PERCENT_UNITS or not unit or entry.accepts(unit))]
    return max(found, key=lambda f: f[0])[1] if found else None


def _title_names_another_column(row: Row, column, entry: CatalogueEntry, named_by) -> bool:
    """Would the title's indicator also name another amount column of the table that has no
    name of its own? Then the title names neither: each column is its own indicator."""
    for other in row.columns:
        if other is column or other.measure != "level" or other.header == column.header or other.unit is None:
            continue
        accepts = (lambda e, unit=other.unit: e.accepts(unit))
        if named_by(other.header, accepts=accepts) is None and _column_name(other.header):
            hit = named_by(other.header, row.title, accepts=accepts)
            if hit is not None and hit.entry is entry:
                return True
    return False


MAX_LABEL_PART_CHARS = 8
_PLACE_LABEL = re.compile(r"^[\u4e00-\u9fff]{1,6}(?:新区|区|市|县|旗|镇|乡|街道|开发区|高新区)$")
_RATE_ENDINGS = ("率",)          # 开工率 names itself; 占全市比重 is the share of the row's amount
_UNIT_IN_BRACKETS = re.compile(r"[（(][^()（）]*[)）]")


def _column_name(header: str) -> str:
    """改造楼栋（栋） -> 改造楼栋: a column title as a name, when it is one."""
    name = _UNIT_IN_BRACKETS.sub("", header).strip()
    return name if _CJK_RUN.fullmatch(name) and _defensible(name) and \
        measure_of_header(name) in ("level", "share") else ""


def _named_in(label: str, accepts) -> _Named | None:
    """The indicator a label names with its own words (a catalogue alias or a composed base)."""
    hit = default_matcher().before(label, 0, len(label), accepts)
    base = base_matcher().before(label, 0, len(label), accepts)
    if base and (hit is None or (base.end, -base.start) > (hit.end, -hit.start)):
        composed = compose(base.entry, parts_before(label, 0, base.start))
        if composed.parts:
            return _Named.of(composed)
    if hit is not None:
        return _Named.of(compose(hit.entry, parts_before(label, 0, hit.start)))
    return None


def _listed_index(i: int, state: _ArticleState, sent_start: int) -> tuple[int, int] | None:
    """(position of 分别, k) when the i-th number is the k-th after a 分别 of its sentence."""
    q, text = state.ordered[i], state.text
    at = max(text.rfind(w, sent_start, q.start) for w in words("respectively"))
    if at < 0:
        return None
    k = sum(1 for s in state.starts[bisect_left(state.starts, at):bisect_left(state.starts, q.start)])
    return at, k


def _respectively(i: int, state: _ArticleState, sent_start: int, matcher: AliasMatcher) -> _Named | None:
    """地区生产总值、规上工业增加值分别增长6.5%、8.1%: the k-th number takes the k-th name."""
    q, text = state.ordered[i], state.text
    at = max(text.rfind(w, sent_start, q.start) for w in words("respectively"))
    if at < 0:
        return None
    listed, end = [], at
    k = bisect_left(state.starts, q.start) - bisect_left(state.starts, at)
    floor = list_floor(text, state.index.clause_start(at), sent_start)
    while (hit := matcher.before(text, floor, end)) is not None:
        if listed and text[hit.end:end].strip() not in words("list_joiner"):
            break
        if not listed and text[hit.end:at].strip():     # the names must stand right before 分别;
            return _respective_levels(i, state, sent_start, at, k)    # else the amounts before it
        listed.insert(0, hit.entry)
        end = hit.start
    if len(listed) == 1:         # 城镇、农村居民人均可支配收入分别为…: the items share the name's tail
        listed = _siblings(text, floor, end, listed[0]) or listed
    if len(listed) < 2:          # 农业、林业、牧业、渔业产值分别为…: parts sharing one base
        shared = _shared_base(text, floor, at) or _base_after(text, floor, at, q.start) or \
            _base_before(i, state, floor, at, sent_start)
        if shared is None:
            return _respective_levels(i, state, sent_start, at, k)
        base, parts = shared
        return _Named.of(compose(base, (parts[k],))) if k < len(parts) else None
    if k >= len(listed):
        return None
    return _Named(listed[k].name_zh, listed[k].name_en, listed[k])


_RATIO_NOUN = re.compile(r"(?P<noun>[\u4e00-\u9fff]{1,10}?(?:收入比|之比|比值))[^，。；,;]*$")


def _ratio_name(q: Quantity, text: str, clause_start: int) -> _Named | None:
    """城乡居民收入比由上年的2.11缩小至2.07: a ratio is named by the noun ending in 比."""
    if q.unit != "倍":
        return None
    m = _RATIO_NOUN.search(text, clause_start, q.start)
    if m is None:
        return None
    noun = trim_leading(m["noun"])
    return _Named(noun, "ratio (uncatalogued)", None, noun, True) if len(noun) >= 2 else None


_CONTRIBUTION = re.compile(r"对(?P<whole>[\u4e00-\u9fff]{0,8}?增长)的?贡献率(?P<listed>分别)?(?:为|达到|达|是)?"
                           r"(?(listed)[\d.%、和及与\s]*|\s*)$")
_PULL = re.compile(r"拉动(?P<whole>[\u4e00-\u9fff]{0,8}?增长)[了]?\s*$")
_WHOLE_SCOPE = re.compile(r"^(?:全市|全区|全县|全省|全国|地区生产总值|GDP)")


def _contribution(i: int, state: _ArticleState, clause_start: int, sent_start: int) -> _Named | None:
    """工业对经济增长的贡献率为45.2% -> 工业对经济增长贡献率; 拉动经济增长2.1个百分点 ->
    工业拉动经济增长: named after the part that contributes, never the total."""
    q, text = state.ordered[i], state.text
    head = text[clause_start:q.start]
    m = _CONTRIBUTION.search(head)
    kind = "contribution"
    if m is None:
        m = _PULL.search(head)
        kind = "pull"
    if m is None:
        return None
    whole = m.group("whole")
    whole = "经济增长" if _WHOLE_SCOPE.match(whole) or whole == "增长" else whole
    at = clause_start + m.start()
    parts = parts_before(text, clause_start, at)
    if kind == "contribution" and m.group("listed"):     # 第一、二、三产业对经济增长的贡献率分别为…
        listed = parts_listed(text, clause_start, at)
        k = bisect_left(state.starts, q.start) - bisect_left(state.starts, clause_start + m.end("listed"))
        parts = (listed[k],) if k < len(listed) else parts
    if parts:
        part_zh = "".join(p.name_zh for p in parts)
        part_en = " ".join(p.name_en or p.name_zh for p in parts)
        topic = next((p.topic for p in parts if p.topic), "economy")
    else:                        # …贡献率为50.2%，拉动经济增长3.9个百分点: the part named before
        earlier = None
        for d in state.earlier(i):
            if d.quantity.start < sent_start:
                break
            if d.named.name.endswith("贡献率"):
                earlier = d.named
                break
        if earlier is None:
            return None
        part_zh, part_en = earlier.name.split("对")[0], earlier.name_en.split(" contribution")[0]
        topic = earlier.entry.topic if earlier.entry else "economy"
    if kind == "contribution":
        name_zh, name_en = f"{part_zh}对{whole}贡献率", f"{part_en} contribution to growth"
    else:
        name_zh, name_en = f"{part_zh}拉动{whole}", f"{part_en} pull on growth"
    entry = CatalogueEntry("", name_zh, name_en, (), ("%", "百分点"), topic)
    return _Named(name_zh, name_en, entry)


def _siblings(text: str, floor: int, end: int, last: CatalogueEntry) -> list[CatalogueEntry] | None:
    """城镇、|农村居民人均可支配收入: each item listed before the last name, completed with that
    name's tail (城镇 + 居民人均可支配收入), when the catalogue knows the result."""
    if text[end - 1:end] not in "、和及与":
        return None
    items = parts_listed(text, floor, end - 1)
    if not items:
        return None
    names, found = catalogue_names(), []
    for item in items:
        entry = next((names[item.name_zh + last.name_zh[cut:]] for cut in range(1, len(last.name_zh))
                      if item.name_zh + last.name_zh[cut:] in names), None)
        if entry is None or entry is last:
            return None
        found.append(entry)
    return found + [last]


def _respective_levels(i: int, state: _ArticleState, sent_start: int, at: int, k: int) -> _Named | None:
    """接待游客4.8万人次，实现旅游收入1260万元，同比分别增长23.1%和27.4%: the k-th rate is the
    change of the k-th amount named before 分别 in its sentence."""
    q = state.ordered[i]
    if q.unit not in PERCENT_UNITS and q.unit != "百分点":
        return None
    sent_end = state.index.sentence(q.start)[1]
    after = bisect_left(state.starts, sent_end) - bisect_left(state.starts, at)
    levels = [d for d in _before(state, i, at, sent_start) if d.measure == "level" and d.quantity.unit not in PERCENT_UNITS]
    if len(levels) < after:      # …分别增长6.1%、8.2%，分别高于全省0.6、1.2个百分点: the rates before
        levels = list(_before(state, i, at, sent_start))
    block = levels[-after:] if len(levels) >= after else []
    named = all(d.named.entry or (d.named.guessed and not d.named.name.startswith(_phrases().unnamed)) for d in block)
    return block[k].named if block and k < after and named else None


def _before(state: _ArticleState, i: int, at: int, sent_start: int) -> list[_Done]:
    """The results of the numbers of the sentence that stand before ``at``, in text order."""
    found = []
    for d in state.earlier(i):
        if d.quantity.start < sent_start:
            break
        if d.quantity.start < at:
            found.insert(0, d)
    return found


_AFTER_RESPECTIVELY = re.compile(r"分别(?:实现|完成|达到|达|为|是)?")


def _base_after(text: str, floor: int, at: int, end: int):
    """(base, parts) of 优质白酒、动力电池、晶硅光伏产业分别实现产值…: the base after 分别."""
    lead = _AFTER_RESPECTIVELY.match(text, at)
    if lead is None:
        return None
    for matcher in (base_matcher(), default_matcher()):
        hit = matcher.after(text, lead.end(), end)
        if hit is not None and hit.start == lead.end():
            parts = parts_listed(text, floor, at)
            return (hit.entry, shared_suffix(parts)) if len(parts) >= 2 else None
    return None


def _base_before(i: int, state: _ArticleState, floor: int, at: int, sent_start: int):
    """(base, parts) of …产值…；其中优质白酒、动力电池产业分别增长8.7%、21.5%: parts listed before
    分别 with no base of their own take the base of the amounts named before in the sentence."""
    parts = parts_listed(state.text, floor, at)
    if len(parts) < 2:
        return None
    base = next((d.named.base for d in _before(state, i, floor, sent_start) if d.named.base is not None), None)
    return (base, shared_suffix(parts)) if base is not None else None


def _shared_base(text: str, floor: int, at: int):
    """(base, [part, part …]) of 农业、林业、牧业、渔业产值 standing right before 分别."""
    end = at
    while end > floor and text[end - 1] in " “”\"":
        end -= 1
    for matcher in (base_matcher(), default_matcher()):
        hit = matcher.before(text, floor, end)
        if hit is not None and hit.end == end:
            parts = parts_listed(text, floor, hit.start)
            if len(parts) >= 2:
                return hit.entry, shared_suffix(parts)
    return None


def _accepts(q: Quantity, the_measure: str):
    if q.unit in PERCENT_UNITS and the_measure != "level":
        return None
    return lambda entry: entry.accepts(q.unit)


def _inherited(earlier: Iterator[_Done], text: str, q: Quantity, clause_start: int, sent_start: int,
               scope_start: int, link_words: re.Pattern) -> _Named | None:
    """去年这一数据突破3700亿元 / 突破3000亿元和3500亿元: the name of an earlier number.

    A number with a noun of its own (达产后预计年产值60亿元) does not inherit.
    """
    if _phrases().anaphora.search(text, clause_start, q.start):
        first = next(earlier, None)
        if first is not None:
            return first.named
    if len(_noun_before(text, scope_start, q.start, link_words)) >= 2:
        return None
    for d in earlier:
        if d.quantity.start < sent_start:
            break
        if d.quantity.unit == q.unit and d.named.entry:
            return d.named
    return None


def _noun_after(text: str, end: int, clause_end: int) -> str:
    """The counted noun after a count: 8栋宿舍楼 -> 宿舍楼; 6栋19层、2栋17层宿舍 -> 宿舍."""
    phrases = _phrases()
    window = text[end:min(clause_end, end + AFTER_WINDOW)]
    window = window[phrases.leading_skip.match(window).end():].translate(_QUOTES)
    m = _CJK_RUN.match(window)
    if not m:
        return ""
    noun = m.group()
    if noun.startswith(words("bound_after")):
        return ""                         # 2万人以上: 以上 bounds the number, it is not counted
    cut = next((k for k in _stop_positions(noun)), len(noun))
    noun = noun[:min(cut, MAX_NOUN_CHARS)]
    verb = phrases.mid_verb_at.search(noun, 1)      # 62家商超实现销售额: what they did is not what is counted
    money = default_matcher().after(noun, 1, len(noun), lambda e: e.units[:1] == ("元",))
    cut = min(verb.start() if verb else len(noun), money.start if money else len(noun))   # 8个项目总投资…
    return phrases.end_verbs.sub("", noun[:cut])


def _stop_positions(noun: str) -> list[int]:
    """Offsets of the characters a noun phrase does not cross, except inside a word of
    ``name_word`` (均价, 人均, 参与): 客房均价 stays whole."""
    stops = _phrases().stops
    found = [k for k, c in enumerate(noun) if c in stops]
    if found:
        inside = {k for m in _name_words().finditer(noun) for k in range(m.start(), m.end())}
        found = [k for k in found if k not in inside]
    return found


@lru_cache(maxsize=1)
def _name_words() -> re.Pattern:
    return re.compile(alternation("name_word"))


def _noun_before(text: str, clause_start: int, start: int, link_words: re.Pattern) -> str:
    """The noun phrase a number measures: 全区规上工业企业实现营业收入1250亿元 -> 营业收入."""
    phrases = _phrases()
    head = link_words.sub("", text[clause_start:start].translate(_QUOTES))
    runs = list(_CJK_RUN.finditer(head))
    if not runs:
        return ""
    last = runs[-1]
    noun = phrases.mid_verb.sub("", last.group())
    if not noun:
        return ""                 # 今年有望迈上七千亿元: a verb, no noun of its own
    cut = max(_stop_positions(noun), default=-1)
    noun = noun[cut + 1:][-MAX_NOUN_CHARS - 2:]
    after_number = noun == last.group() and last.start() > 0 and head[last.start() - 1].isdigit()
    while True:                   # 全区累计新增就业岗位 -> 新增就业岗位, 今年GDP -> GDP
        trimmed = phrases.leading_links.sub("", trim_leading(noun, after_number))
        after_number = False
        if len(trimmed) < 2:
            return ""             # 全省, 12月当月: where and when, nothing measured
        if trimmed == noun:
            break
        noun = trimmed
    return noun if _defensible(noun) else ""


def _defensible(noun: str) -> bool:
    """A name, not a fragment: two characters or more, not a verb or a comparison (扩大至,
    比去年扩大, 平均水平): such a number takes the name of the number before it instead."""
    return len(noun) >= 2 and not _not_a_name().search(noun)


@lru_cache(maxsize=1)
def _not_a_name() -> re.Pattern:
    return re.compile(f"^(?:{alternation('not_name_start')})|(?:{alternation('not_name_end')})$|"
                      f"^(?:{alternation('not_name')})$")


def _echo_in_body(q: Quantity, done: dict[int, _Done], index: SentenceIndex) -> _Done | None:
    """A headline number repeats a body number: 32.5万人次涌入 -> 接待游客32.5万人次, and its period."""
    for d in done.values():
        other = d.quantity
        if other.unit == q.unit and not index.in_title(other.start) and \
                abs(other.value - q.value) <= VALUE_TOLERANCE * max(abs(q.value), 1e-9):
            return d
    return None


def _specialised(named: _Named, done: dict[int, _Done]) -> _Named | None:
    """A headline's generic word (销售额) names the body's more specific indicator (综合体销售额)."""
    short = named.entry.name_zh
    for d in done.values():
        entry = d.named.entry
        if entry and entry is not named.entry and entry.name_zh.endswith(short):
            return d.named
    return None


def _topic(text: str, noun: str, clause_start: int, sent_start: int, sent_end: int, q: Quantity,
           headline: str, heading: tuple[int, int] | None = None) -> str:
    """Topic of an uncatalogued indicator: keywords of its noun, then of the numbered section
    heading it falls under (a bulletin files each figure under its section: （五）既有住宅加装
    电梯), its clause and sentence, then the headline."""
    lex = _lexicon()
    section = text[heading[0]:heading[1]] if heading and heading[1] <= q.start else ""
    for chunk in (noun, section, text[clause_start:q.start], text[q.end:_clause_tail_end(text, q.end, sent_end)],
                  text[sent_start:q.start], text[q.end:sent_end], headline):
        found = lex.topics.findall(chunk)
        if found:
            return lex.topic_of[found[-1]]
    return "other"


def _clause_tail_end(text: str, end: int, sent_end: int) -> int:
    """End of the clause after a number (up to the next comma) within its sentence."""
    for k in range(end, sent_end):
        if text[k] in "，,；;。":
            return k
    return sent_end


def _context(doc_text: str, article: Article, sent_start: int, sent_end: int, start: int, end: int) -> str:
    """The source sentence, an exact substring of the document, at most ~120 characters."""
    body = article.body
    s, e = body.source_span(sent_start, max(sent_start, sent_end))
    while s < start and doc_text[s].isspace():
        s += 1
    while e > end and doc_text[e - 1].isspace():
        e -= 1
    if e - s > CONTEXT_CHARS:
        half = (CONTEXT_CHARS - (end - start)) // 2
        s = max(s, start - half)
        e = min(e, max(end, s + CONTEXT_CHARS))
    return doc_text[s:e]
