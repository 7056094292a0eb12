"""The publication date of a page, and where it came from.

Every date the page states for itself is a candidate ranked by the strength of its cue (CUES):
an "originally published" note (原载《澄湖报》1999年3月15日, 来源:X报 2019-03-01), the masthead
(``2025年3月11日 星期二``), a dateline (``发布日期:…``, ``2023-02-01 09:33``, ``【本报讯】2024年7月3日``,
a date alone under the title, or the HTML page's metadata), the URL, the file name. Failing all
of them, the date is inferred from the content; a digitisation or upload date (档案数字化日期:…)
comes last. A date on a labelled line (本报讯, 发布日期, 上传时间 …) is judged by its label, never
taken for a masthead. Full dates may be written in Chinese numerals (一九九九年三月十五日). The
finders read the canonical copy of the text (traditional and full-width forms normalised, same
length). The inference:

* a relative day (昨天的“新春第一会”) tied to the dated sentence that names the same event
  (2月6日 … 召开“新春第一会”) gives that date plus one day;
* otherwise the latest news-lead date (``18日,`` ``本报讯 15日至16日,`` ``(2024年1月17日…通过)``)
  plus one day, a daily paper reporting yesterday's events;
* the year comes from explicit years on those leads, the years a page reviews (2024年度综合考核
  → 2025) and plans (2025年,钱塘又将… → 2025); a weekday or a lunar festival next to a date
  (18日 … 腊八) fixes the year and month when the text lacks them. Festival dates come from
  a table of lunar new year days (``lexicon/dates_lunar_new_year.csv``): exact for the first
  lunar month, within a day for the twelfth (腊八, 小年, 除夕), the months news around the
  Spring Festival names.
"""
from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from etl.normalize import canonical
from etl.numerals import numeral_table, parse_number

LEXICON = Path(__file__).parent / "lexicon"
WEEKDAYS = "一二三四五六日天"     # 星期一 … 星期日/星期天 -> 0 … 6 (天 = 日)
#: A year named only in passing must be named this often (0.25 a mention) to be taken as the page's.
WEAK_YEAR_MIN = 0.75
#: The masthead's date stands on a short line of its own (with weekday and lunar date).
MASTHEAD_LINE_MAX = 40
#: A web dateline is a short line of its own (date, time, source, editor).
DATELINE_LINE_MAX = 80
#: How far before a dated label an archive word (档案数字化日期) is looked for.
ARCHIVE_LABEL_REACH = 10
#: A clause or sentence is read at most this far from a date: the work per date stays bounded
#: in text without punctuation (a table, a text with no line breaks).
CLAUSE_REACH = 400
SENTENCE_REACH = 1000
#: A line longer than this is no masthead or dateline line; its ends are not looked for further.
LINE_REACH = 200


@dataclass(frozen=True)
class DateMention:
    """A date written in the text, possibly without year or month."""

    start: int
    end: int
    year: int | None
    month: int | None
    day: int
    weekday: int | None            # 0 = Monday, when written next to the date
    lead: bool                     # a news-lead date: ``7日,`` ``2月6日上午`` ``(2024年1月17日…``
    future: bool = False           # planned or expected: 预计2026年9月10日竣工
    year_shift: int | None = None  # 去年12月31日 -> -1, 今年 -> 0


# --- lexicon ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _words() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    with open(LEXICON / "dates_words.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["kind"], {})[row["word"]] = row["value"]
    return table


@lru_cache(maxsize=1)
def _new_year_days() -> dict[int, date]:
    with open(LEXICON / "dates_lunar_new_year.csv", encoding="utf-8", newline="") as handle:
        return {int(r["year"]): date.fromisoformat(r["new_year_day"]) for r in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _festivals() -> dict[str, tuple[int, int]]:
    with open(LEXICON / "dates_festivals.csv", encoding="utf-8", newline="") as handle:
        return {r["name"]: (int(r["lunar_month"]), int(r["lunar_day"])) for r in csv.DictReader(handle)}


def _alternation(words) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


@lru_cache(maxsize=1)
def _numeral_digits() -> tuple[str, str]:
    """(digit characters, the character for ten) of ``lexicon/numerals.csv``, for dates written
    in Chinese numerals (一九九九年三月十五日)."""
    table = numeral_table()
    digits = "".join(c for c, (_, kind) in table.items() if kind == "digit")
    ten = "".join(c for c, (value, kind) in table.items() if kind == "unit" and value == 10)
    return digits, ten


# Named parts of the date patterns.
_YEAR_DIGITS = r"(?:19|20)\d\d"
_MONTH_DIGITS = r"1[0-2]|0?[1-9]"
_DAY_DIGITS = r"3[01]|[12]\d|0?[1-9]"
_CLAUSE_END = "。;；!?！？"
_PROSE_MARKS = "。，,;；"
_MENTION_CLAUSE_MARKS = ",，。;；\n(（"
_YEAR_CLAUSE_MARKS = ",，。;；\n"
_SENTENCE_MARKS = "。!?！？\n"


class _Marks:
    """Sorted positions of some characters in a text, found in one scan; the nearest one before
    or after a position is a binary search (instead of an rfind over the whole prefix)."""

    def __init__(self, text: str, chars: str):
        self.size = len(text)
        self.positions = [m.start() for m in re.finditer(f"[{re.escape(chars)}]", text)]

    def start_before(self, pos: int, reach: int) -> int:
        """Just after the last mark before ``pos`` (0 if none), at most ``reach`` back:
        ``max(text.rfind(c, 0, pos) for c in chars) + 1`` within the reach."""
        i = bisect_left(self.positions, pos)
        return max(self.positions[i - 1] + 1 if i else 0, pos - reach)

    def end_from(self, pos: int, reach: int) -> int:
        """The first mark at or after ``pos`` (the text's end if none), at most ``reach`` on."""
        i = bisect_left(self.positions, pos)
        return min(self.positions[i] if i < len(self.positions) else self.size, pos + reach)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    w = _words()
    digits, ten = _numeral_digits()
    year = rf"(?P<y>{_YEAR_DIGITS})\s*年"
    month = rf"(?P<m>{_MONTH_DIGITS})\s*月"
    day = rf"(?P<d>{_DAY_DIGITS})\s*日"
    weekday = rf"(?:[(（]?\s*(?:星期|周)(?P<w>[{WEEKDAYS}])\s*[)）]?)?"
    range_end = rf"(?:(?:至|到|和|、|-|—)(?P<d2>{_DAY_DIGITS})\s*日)?"
    iso = rf"(?P<iy>{_YEAR_DIGITS})[-/.](?P<im>{_MONTH_DIGITS})[-/.](?P<id>{_DAY_DIGITS})(?!\d)"
    # 一九九九年三月十五日, 二〇二四年七月三日: read by parse_number, checked by _valid.
    numeral_date = (rf"(?<![{digits}])(?P<cy>[{digits}]{{4}})\s*年(?P<cm>[{digits}{ten}]{{1,3}})\s*月"
                    rf"(?P<cd>[{digits}{ten}]{{1,3}})\s*日")
    written = rf"(?:{year}{month}{day}|{numeral_date})"
    full_date = rf"(?:{iso}|{written})"
    labels = [*w["lead_label"], *w["dateline_label"], *w["source_label"], *w["original_label"],
              *w["archive_label"]]
    paper_lead = rf"[^\s\d\W]{{1,8}}?(?:{_alternation(w['lead_suffix'])})"
    credit = r"(?:[(（][^()（）\n]{1,30}[)）])?"
    opening, closing = r"[(（【\[]", r"[)）】\]]"
    url_separated = rf"(?P<sep>[-/_.])(?P<m>{_MONTH_DIGITS})(?:(?P=sep)|/)(?P<d>{_DAY_DIGITS})"
    url_compact = r"(?P<m2>1[0-2]|0[1-9])[-/]?(?P<d2>3[01]|[12]\d|0[1-9])"
    return {
        "mention": re.compile(rf"(?<!\d)(?:{year})?(?:{month})?{day}{range_end}\s*{weekday}"),
        "masthead": re.compile(rf"(?<!\d){written}\s*(?:(?:星期|周)(?P<w>[{WEEKDAYS}])|\s*$)", re.M),
        "line_label": re.compile(rf"{_alternation(labels)}|{paper_lead}"),
        "dateline": re.compile(rf"(?:{_alternation(w['dateline_label'])})\s*[:：]?\s*{full_date}"),
        "stamp": re.compile(rf"(?<!\d){full_date}\s*\d{{1,2}}:\d\d"),
        "lead_dateline": re.compile(rf"^\s*{opening}?\s*(?:{_alternation(w['lead_label'])}|{paper_lead})\s*"
                                    rf"{closing}?\s*{credit}\s*{full_date}", re.M),
        "date_line": re.compile(rf"^\s*{opening}?\s*{full_date}\s*{weekday}\s*{closing}?\s*$", re.M),
        "original": re.compile(rf"(?:{_alternation(w['original_label'])})\s*[:：]?\s*"
                               rf"(?:《[^《》\n]{{1,20}}》|[^\s\d《》\n,，。:：]{{0,16}}?)\s*{full_date}"),
        "source_paper": re.compile(rf"(?:{_alternation(w['source_label'])})\s*[:：]\s*《?[^\s\d《》\n,，。:：]{{1,16}}?"
                                   rf"报》?\s*{full_date}"),
        "archive": re.compile(_alternation(w["archive_label"])),
        "lead_after": re.compile(rf"\s*(?:[,，]|{_alternation(w['time_of_day'])})"),
        "review": re.compile(rf"(?<!\d){year}(?:度)?[^,，{_CLAUSE_END}]{{0,24}}?(?:{_alternation(w['review'])})"),
        "plan": re.compile(rf"(?:^|[,，{_CLAUSE_END}\n])\s*{year}\s*[,，][^。;；]{{0,12}}?"
                           rf"(?:{_alternation(w['plan'])})", re.M),
        "year": re.compile(rf"(?<![\d-]){year}(?!度)"),
        "compared": re.compile(rf"(?:{_alternation(w['compared'])})\s*$"),
        # a part of a year a page reports (2025年一季度, 1—11月, 10月份): it has ended
        "reported": re.compile(
            rf"(?<!\d)(?:{year}\s*)?(?:(?P<part>{_alternation(w['reported_part'])})"
            rf"|1\s*[-—–~～至]\s*(?P<n>1[01]|[2-9])\s*月(?!\s*\d)|(?P<mo>{_MONTH_DIGITS})\s*月份)"),
        "future": re.compile(_alternation(w["future"])),
        "relative": re.compile(_alternation(w["relative_day"])),
        "relative_year": re.compile(_alternation(w["relative_year"])),
        "festival": re.compile(_alternation(_festivals())),
        "quoted": re.compile(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]"),
        "url": re.compile(rf"(?<!\d)(?P<y>{_YEAR_DIGITS})(?:{url_separated}|{url_compact})(?!\d)"),
    }


# --- the finder --------------------------------------------------------------------------------

@dataclass(frozen=True)
class DateCandidate:
    """A date the page states for itself, with the kind of cue that names it."""

    when: date
    kind: str                      # a key of CUES
    position: int                  # offset of the cue in the text (-1 outside it)

    @property
    def source(self) -> str:
        return CUES[self.kind][0]

    @property
    def strength(self) -> int:
        return CUES[self.kind][1]


#: kind -> (source reported, strength). The strongest candidate wins, the earliest of equals.
#: An "originally published" note beats the masthead of a reprint; a digitisation or upload
#: date is no publication date at all and is used only when nothing else, not even the
#: content, dates the page.
CUES = {
    "original": ("original", 60),
    "masthead": ("masthead", 50),
    "dateline": ("dateline", 40),
    "metadata": ("dateline", 30),
    "url": ("url", 20),
    "filename": ("filename", 10),
    "archive": ("archive", -10),
}


def find_publication_date(text: str, *, file_name: str | None = None, url: str | None = None,
                          metadata_date: str | None = None) -> tuple[date, str] | None:
    """(date, source) from the strongest evidence found, or None when there is none.

    The finders read the canonical copy of the text (same length), so traditional characters
    and full-width forms (本報訊, ２０２４年７月３日（星期三）) read as usual.
    """
    text = canonical(text)
    found = date_candidates(text, file_name=file_name, url=url, metadata_date=metadata_date)
    best = max(found, key=lambda c: (c.strength, -c.position), default=None)
    if best is not None and best.strength > 0:
        return best.when, best.source
    inferred = infer_date(text)
    if inferred is not None:
        return inferred, "inferred"
    return (best.when, best.source) if best is not None else None


def date_candidates(text: str, *, file_name: str | None = None, url: str | None = None,
                    metadata_date: str | None = None) -> list[DateCandidate]:
    """Every date the page, its metadata, URL or file name state for the page itself."""
    found = _original_dates(text) + _masthead_dates(text) + _dateline_dates(text)
    if metadata_date:
        try:
            found.append(DateCandidate(date.fromisoformat(metadata_date[:10]), "metadata", -1))
        except ValueError:
            pass
    for kind, value in (("url", url), ("filename", file_name)):
        when = url_date(value)
        if when is not None:
            found.append(DateCandidate(when, kind, -1))
    return found


def masthead_date(text: str, head: int = 800) -> date | None:
    """The issue date printed in the masthead: a full date with its weekday near the top."""
    found = _masthead_dates(canonical(text), head)
    return found[0].when if found else None


def dateline_date(text: str, metadata_date: str | None = None) -> date | None:
    """A dateline near the top (archive dates aside), else the page metadata."""
    found = [c for c in date_candidates(canonical(text), metadata_date=metadata_date)
             if c.kind in ("dateline", "metadata")]
    return max(found, key=lambda c: (c.strength, -c.position)).when if found else None


def _masthead_dates(text: str, head: int = 800) -> list[DateCandidate]:
    out = []
    p = _patterns()
    for m in p["masthead"].finditer(text[:head]):
        line = _line_of(text, m)
        if len(line) > MASTHEAD_LINE_MAX or any(c in line for c in _PROSE_MARKS):
            continue                   # a date inside a sentence is an event, not the issue date
        if p["line_label"].search(text, _line_start(text, m.start()), m.start()):
            continue                   # 本报讯/发布日期/上传时间 … 2024年7月3日: a dateline's to judge
        found = _valid(*_ymd(m))
        if found and (m["w"] is None or found.weekday() == _weekday(m["w"])):
            out.append(DateCandidate(found, "masthead", m.start()))
    return out


def _dateline_dates(text: str, head: int = 600) -> list[DateCandidate]:
    """Web datelines (发布日期:… / 2023-02-01 09:33), news-lead datelines (【本报讯】2024年7月3日)
    and a date alone under the title ((2025年3月28日)), on short lines of their own near the
    top. Dates inside sentences (活动时间为…) are events; labelled archive dates (数字化日期:…)
    are kept apart as the weakest kind."""
    p = _patterns()
    out = []
    for name in ("dateline", "stamp", "lead_dateline", "date_line"):
        for m in p[name].finditer(text[:head]):
            line = _line_of(text, m)
            if len(line) > DATELINE_LINE_MAX or any(c in line for c in _PROSE_MARKS):
                continue
            found = _valid(*_ymd(m))
            if found:
                line_start = _line_start(text, m.start())
                label = text[max(line_start, m.start() - ARCHIVE_LABEL_REACH):m.end()]
                kind = "archive" if p["archive"].search(label) else "dateline"
                out.append(DateCandidate(found, kind, m.start()))
    return out


def _original_dates(text: str, head: int = 600, tail: int = 300) -> list[DateCandidate]:
    """``原载《澄湖报》1999年3月15日`` / ``来源:澄湖日报 2019-03-01`` on a short line at the top or
    the foot of the page: where the text first appeared."""
    out = []
    regions = ((0, min(head, len(text))), (max(head, len(text) - tail), len(text)))
    for name in ("original", "source_paper"):
        for begin, finish in regions:
            for m in _patterns()[name].finditer(text, begin, finish):
                line = _line_of(text, m)
                found = _valid(*_ymd(m))
                if found and len(line) <= DATELINE_LINE_MAX and "。" not in line.rstrip("。)）"):
                    out.append(DateCandidate(found, "original", m.start()))
    return out


def _ymd(m: re.Match) -> tuple[int, int, int]:
    groups = m.groupdict()
    if groups.get("cy"):
        return tuple(int(parse_number(m[g])) for g in ("cy", "cm", "cd"))
    parts = (m["iy"], m["im"], m["id"]) if groups.get("iy") else (m["y"], m["m"], m["d"])
    return tuple(map(int, parts))


def _line_of(text: str, m: re.Match) -> str:
    """The line of a match, stripped. A line running on past LINE_REACH on either side is long
    whatever it holds (no masthead or dateline line): it is returned cut there, unstripped."""
    reach_back = max(0, m.start() - LINE_REACH)
    line_start = text.rfind("\n", reach_back, m.start()) + 1
    line_end = text.find("\n", m.end(), m.end() + LINE_REACH)
    if (line_start == 0 and reach_back > 0) or (line_end < 0 and m.end() + LINE_REACH < len(text)):
        return text[reach_back:m.end() + LINE_REACH]
    return text[line_start:line_end if line_end >= 0 else len(text)].strip()


def _line_start(text: str, pos: int) -> int:
    """Start of the line holding ``pos`` (a date near the top: short look-back)."""
    return text.rfind("\n", 0, pos) + 1


def url_date(value: str | None) -> date | None:
    """A date in a URL or file name: /2025/2/7/, 2025-02-07, 20250207, t20250207_123."""
    if not value:
        return None
    for m in _patterns()["url"].finditer(value):
        if m["m"]:
            found = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
        else:
            found = _valid(int(m["y"]), int(m["m2"]), int(m["d2"]))
        if found:
            return found
    return None


def infer_date(text: str) -> date | None:
    """The publication date reasoned from the dated events a page reports (module docstring)."""
    mentions = date_mentions(text)
    year = estimate_year(text, mentions)
    sentences = _Marks(text, _SENTENCE_MARKS)
    festivals = [_festival_date(m, text, year, sentences) for m in mentions]
    months = _PageMonths(_known_months(mentions, festivals, year))
    resolved = [(m, _resolve(m, year, months, festival)) for m, festival in zip(mentions, festivals)]
    relative = _relative_day_date(text, resolved, sentences)
    if relative is not None:
        return relative
    leads = _consistent_leads([(m, d) for m, d in resolved if m.lead and d is not None])
    if leads:
        return max(leads) + timedelta(days=1)
    if year is None:
        return None
    # Only the year is known: a page reporting part of it came out after that part ended; a
    # page reviewing last year is from its first weeks; else mid-year.
    reviews = any(int(m["y"]) + 1 == year for m in _patterns()["review"].finditer(text))
    ended = _reported_ends(text, year, yearless=not reviews)
    if ended:
        return max(ended) + timedelta(days=1)
    return date(year, 2, 1) if reviews else date(year, 7, 1)


def _headline_end(text: str, reach: int = 200) -> int:
    """Where the page's first non-blank line ends (at most ``reach`` characters in)."""
    start = len(text) - len(text.lstrip())
    end = text.find("\n", start, start + reach)
    return start + reach if end < 0 else end


def _reported_ends(text: str, year: int, yearless: bool) -> list[date]:
    """The last days of the parts of ``year`` the page reports (2025年一季度 -> 2025-03-31); with
    ``yearless``, 1—11月 and 10月份 with no year of their own are read as of ``year`` (not on a
    page reviewing the year before, whose parts are of that year). Parts planned (力争上半年) or
    compared with (较1—2月) are not reported."""
    p, parts = _patterns(), _words()["reported_part"]
    clauses = _Marks(text, _YEAR_CLAUSE_MARKS)
    ends = []
    for m in p["reported"].finditer(text):
        if (int(m["y"]) != year) if m["y"] else not yearless:
            continue
        clause_start = clauses.start_before(m.start(), CLAUSE_REACH)
        if (p["compared"].search(text[max(clause_start, m.start() - 3):m.start()])
                or p["future"].search(text, clause_start, m.start())):
            continue
        month = int(parts[m["part"]]) if m["part"] else int(m["n"] or m["mo"])
        following = date(year + (month == 12), month % 12 + 1, 1)
        ends.append(following - timedelta(days=1))
    return ends


def _consistent_leads(leads: list[tuple[DateMention, date]]) -> list[date]:
    """Lead dates placed in the page's own weeks.

    A month-day far after the others is from the year before (12月31日 on a February page); a
    bare day far after the latest month-day is from the month before (28日 beside 3月2日).
    """
    written = sorted(d for m, d in leads if m.month)
    if not written:
        return [d for _, d in leads]
    median = written[len(written) // 2]
    out = []
    for m, d in leads:
        if m.month and not m.year and m.year_shift is None and d > median + timedelta(days=60):
            d = _valid(d.year - 1, d.month, d.day) or d
        out.append((m, d))
    anchor = max(d for m, d in out if m.month)
    fixed = []
    for m, d in out:
        if not m.month and d > anchor + timedelta(days=7):
            d = _valid(d.year - (d.month == 1), (d.month - 2) % 12 + 1, d.day) or d
        fixed.append(d)
    return fixed


def date_mentions(text: str) -> list[DateMention]:
    p = _patterns()
    out = []
    clauses = _Marks(text, _MENTION_CLAUSE_MARKS)
    for m in p["mention"].finditer(text):
        day = int(m["d2"] or m["d"])
        clause_start = clauses.start_before(m.start(), CLAUSE_REACH)
        future = p["future"].search(text, clause_start, m.start()) is not None
        lead = not future and p["lead_after"].match(text, m.end()) is not None
        if not lead and text[clause_start - 1:clause_start] in "(（" and m["y"]:
            lead = not future          # (2024年1月17日…会议通过)
        shift = p["relative_year"].search(text, clause_start, m.start())
        out.append(DateMention(m.start(), m.end(), int(m["y"]) if m["y"] else None,
                               int(m["m"]) if m["m"] else None, day,
                               _weekday(m["w"]) if m["w"] else None, lead, future,
                               int(_words()["relative_year"][shift.group()]) if shift else None))
    return out


def estimate_year(text: str, mentions: list[DateMention]) -> int | None:
    """The publication year: lead dates with a year, years reviewed (+1: a bulletin of 2023 came
    out in 2024), parts of a year reported (2022年一季度: out in 2022) and years planned, then
    any year named but a base of comparison (比2019年同期). The headline's words count thrice."""
    p = _patterns()
    votes: Counter[int] = Counter()          # year -> weight
    headline = _headline_end(text)
    for m in mentions:
        if m.lead and m.year:
            votes[m.year] += 3
    for m in p["review"].finditer(text):
        votes[int(m["y"]) + 1] += 2 * (3 if m.start() < headline else 1)
    for m in p["reported"].finditer(text):
        if m["y"]:
            votes[int(m["y"])] += 2 * (3 if m.start() < headline else 1)
    for m in p["plan"].finditer(text):
        votes[int(m["y"])] += 1
    clauses = _Marks(text, _YEAR_CLAUSE_MARKS)
    for m in p["year"].finditer(text):             # any year named outside a plan: a weak hint
        clause_start = clauses.start_before(m.start(), CLAUSE_REACH)
        if p["compared"].search(text[max(clause_start, m.start() - 3):m.start()]):
            continue
        if p["future"].search(text, clause_start, m.start()) is None:
            votes[int(m["y"])] += 0.25
    if not votes:
        return None
    best = max(votes, key=lambda y: (votes[y], y))
    return best if votes[best] >= WEAK_YEAR_MIN else None


def _resolve(m: DateMention, year: int | None, months: "_PageMonths",
             festival: date | None) -> date | None:
    """A full date for a mention: its own year/month, else the page's, a weekday or a festival."""
    if m.year and m.month:
        return _valid(m.year, m.month, m.day)
    if festival is not None:
        return festival
    if m.weekday is not None and m.month:
        candidates = [y for y in _nearby_years(year) if (d := _valid(y, m.month, m.day)) and d.weekday() == m.weekday]
        if candidates:
            return _valid(candidates[0], m.month, m.day)
    if year is None:
        return None
    month = m.month or months.of(m)
    return _valid(year + (m.year_shift or 0), month, m.day) if month else None


def _known_months(mentions: list[DateMention], festivals: list[date | None], year: int | None) -> list[tuple[int, int]]:
    """(position, month) of every date whose month is written or follows from a festival."""
    months = [(o.start, o.month) for o in mentions if o.month and o.year in (None, year) and not o.future]
    months += [(o.start, f.month) for o, f in zip(mentions, festivals)
               if o.month is None and f is not None and f.year == year]
    return sorted(months)


class _PageMonths:
    """(position, month) of the dates whose month is known, sorted."""

    def __init__(self, months: list[tuple[int, int]]):
        self.months = months
        self.starts = [start for start, _ in months]
        self._commonest: int | None = None

    def of(self, m: DateMention) -> int | None:
        """The month of a day-only date: that of the nearest dated mention before it, else the
        commonest."""
        if not self.months:
            return None
        before = bisect_left(self.starts, m.start)
        if before:
            return self.months[before - 1][1]
        if self._commonest is None:
            self._commonest = Counter(month for _, month in self.months).most_common(1)[0][0]
        return self._commonest


def _festival_date(m: DateMention, text: str, year: int | None, sentences: _Marks) -> date | None:
    """``18日 … 腊八``: a lunar festival in the same sentence whose date has that day number."""
    if m.month and m.year:
        return None
    end = sentences.end_from(m.end, SENTENCE_REACH)
    found = _patterns()["festival"].search(text, m.end, end)
    if not found:
        return None
    candidates = [d for d in _festival_dates(found.group())
                  if d.day == m.day and (m.month is None or d.month == m.month)
                  and (year is None or abs(d.year - year) <= 1)]
    return candidates[-1] if len(candidates) == 1 else None


def festival_dates(name: str, year: int) -> list[date]:
    """Gregorian dates a lunar festival may fall on in ``year`` (two for the twelfth month)."""
    return [d for d in _festival_dates(name) if d.year == year]


@lru_cache(maxsize=None)
def _festival_dates(name: str) -> tuple[date, ...]:
    """Gregorian dates of a lunar festival in every year of the table (month 12: ±1 day)."""
    lunar_month, lunar_day = _festivals()[name]
    out = []
    for year, new_year in sorted(_new_year_days().items()):
        if lunar_month == 1:
            out.append(new_year + timedelta(days=lunar_day - 1))
        elif lunar_month == 12 and lunar_day == 30:
            out.append(new_year - timedelta(days=1))      # 除夕: the eve, whatever the month length
        elif lunar_month == 12:
            out.extend(new_year - timedelta(days=length - lunar_day + 1) for length in (30, 29))
    return tuple(out)


def _relative_day_date(text: str, resolved: list[tuple[DateMention, date | None]],
                       sentences: _Marks) -> date | None:
    """``昨天的“新春第一会”`` + ``2月6日…召开“新春第一会”`` -> 2月6日 + 1 day."""
    p = _patterns()
    offsets = {word: int(value) for word, value in _words()["relative_day"].items()}
    first_quoting: dict[str, int] | None = None
    for rel in p["relative"].finditer(text):
        terms = p["quoted"].findall(text, rel.end(), sentences.end_from(rel.end(), SENTENCE_REACH))
        if not terms:
            continue
        if first_quoting is None:
            first_quoting = _first_quoting(text, resolved, sentences)
        found = [first_quoting[t] for t in terms if t in first_quoting]
        if found:
            return resolved[min(found)][1] - timedelta(days=offsets[rel.group()])
    return None


def _first_quoting(text: str, resolved: list[tuple[DateMention, date | None]],
                   sentences: _Marks) -> dict[str, int]:
    """Quoted term (“新春第一会”) -> index of the first dated mention whose sentence quotes it."""
    first: dict[str, int] = {}
    seen: set[tuple[int, int]] = set()
    for k, (mention, when) in enumerate(resolved):
        if when is None or mention.future:
            continue
        span = (sentences.start_before(mention.start, SENTENCE_REACH),
                sentences.end_from(mention.end, SENTENCE_REACH))
        if span not in seen:
            seen.add(span)
            for term in _quoted_terms(text[span[0]:span[1]]):
                first.setdefault(term, k)
    return first


_TERM_MAX = 20
_NOT_IN_TERM = "”\"」』"


def _quoted_terms(sentence: str) -> set[str]:
    """Every t with “t” or "t" in the sentence, as the ``quoted`` pattern reads a term."""
    out = set()
    for opening, closing in (("“", "”"), ('"', '"')):
        at = sentence.find(opening)
        while at >= 0:
            end = sentence.find(closing, at + 1, at + _TERM_MAX + 2)
            term = sentence[at + 1:end] if end > 0 else ""
            if len(term) >= 2 and not any(c in term for c in _NOT_IN_TERM):
                out.add(term)
            at = sentence.find(opening, at + 1)
    return out


def _nearby_years(year: int | None) -> list[int]:
    if year is None:
        return sorted(_new_year_days(), reverse=True)
    return [year, year - 1, year + 1]


def _weekday(char: str) -> int:
    return 6 if char in "日天" else WEEKDAYS.index(char)


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day) if 1990 <= year <= 2100 else None
    except ValueError:
        return None
