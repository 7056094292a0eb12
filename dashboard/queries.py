"""Every SQL statement the dashboard runs: parameterised, read-only, cached.

The connection is cached per database file version (inode, mtime, size) and corrections-store
version, so a new ETL publication or a saved correction opens a fresh reader. Query results are
cached per (file versions, arguments); aggregation happens in DuckDB and row lists are limited,
so a rerun never pulls a whole table into pandas.
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import NamedTuple

import duckdb
import pandas as pd
import pyarrow as pa
import streamlit as st

from etl.errors import EtlError
from etl.settings import Settings

#: Rows shown in a table; the full filtered table is only built for a download.
ROW_LIMIT = 1000
#: Mentions below this extraction confidence go to the review queue.
LOW_CONFIDENCE = 0.8
#: The mentions the review queue holds: uncatalogued, low confidence, or part of a conflict.
_TO_REVIEW = f"(NOT catalogued OR confidence < {LOW_CONFIDENCE} OR coalesce(conflict, FALSE))"
#: Options offered in the subject and indicator filters (the most mentioned ones).
SUBJECT_OPTIONS = 500
INDICATOR_OPTIONS = 2000
#: Columns the Explore table can be sorted by (whitelist: they go into SQL text).
SORTABLE = ("published_on", "value", "year", "indicator", "subject", "topic", "confidence", "doc")


class Source(NamedTuple):
    """The files the dashboard reads and their versions; part of every cache key."""

    db_path: str
    corrections_path: str
    version: tuple


class Filters(NamedTuple):
    """The sidebar's choices; empty tuples and ``None`` mean "no restriction"."""

    topics: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    indicators: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


def _file_version(path: Path) -> tuple:
    try:
        st_ = path.stat()
    except FileNotFoundError:
        return (None,)
    return (st_.st_ino, st_.st_mtime_ns, st_.st_size)


def current_source(settings: Settings | None = None) -> Source:
    """The database and corrections store named by the settings (env ``POLICY_DB`` ...)."""
    settings = settings or Settings.from_env()
    db, corrections = Path(settings.db_path), Path(settings.corrections_path)
    return Source(str(db), str(corrections), _file_version(db) + _file_version(corrections))


def database_missing(source: Source) -> bool:
    return source.version[0] is None


def _open_reader(db_path: Path, corrections_path: Path) -> duckdb.DuckDBPyConnection:
    if not db_path.exists():
        raise EtlError(f"{db_path}: no such database; create it with `python -m etl run`")
    try:
        from etl.warehouse import open_reader
    except ImportError:   # warehouse module not available: plain read-only connection
        return duckdb.connect(str(db_path), read_only=True)
    return open_reader(db_path, corrections_path, snapshot=True)   # reopened when the store changes


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(db_path: str, corrections_path: str, version: tuple):
    """One reader per file version, shared by sessions; the lock serialises its use."""
    return _open_reader(Path(db_path), Path(corrections_path)), threading.Lock()


def run(source: Source, sql: str, params: list | None = None) -> pd.DataFrame:
    """Run one read-only statement on the cached reader of ``source``.

    Rows come through Arrow (text columns convert several times faster than with ``df()``),
    with the types ``df()`` gives: integers and booleans holding NULLs as pandas nullable types,
    dates as ``datetime.date`` (shown as 2025-02-07, not as a midnight timestamp).
    """
    con, lock = _connection(source.db_path, source.corrections_path, source.version)
    with lock:
        table = con.sql(sql, params=params or None).to_arrow_table()
    return pd.DataFrame({name: _column(column) for name, column in
                         zip(table.column_names, table.columns)}, columns=table.column_names)


def _column(column: pa.ChunkedArray) -> pd.Series:
    kind = column.type
    if column.null_count and (pa.types.is_integer(kind) or pa.types.is_boolean(kind)):
        return column.to_pandas(types_mapper=_NULLABLE.get)
    return column.to_pandas()


_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.uint8(): pd.UInt8Dtype(), pa.uint16(): pd.UInt16Dtype(),
             pa.uint32(): pd.UInt32Dtype(), pa.uint64(): pd.UInt64Dtype(),
             pa.bool_(): pd.BooleanDtype()}


def clear_caches() -> None:
    """Forget cached results and readers (after a correction or an upload)."""
    st.cache_data.clear()
    _connection.clear()


# --- filters -> SQL -----------------------------------------------------------------------------

def _where(f: Filters, *, skip: tuple[str, ...] = (), series: bool = False) -> tuple[str, list]:
    """A WHERE clause (always starting with TRUE) and its parameters for ``f``.

    ``series``: the ``series`` view has no topic/qualifier columns of its own mention; those
    filters go through a semi-join on ``mentions_effective``.
    """
    parts, params = ["TRUE"], []
    for name, column in (("indicators", "indicator"), ("subjects", "subject"),
                         ("measures", "measure")):
        values = getattr(f, name)
        if values and name not in skip:
            parts.append(f"list_contains(?::VARCHAR[], {column})")
            params.append(list(values))
    if f.years and "years" not in skip:
        parts.append("year BETWEEN ? AND ?")
        params.extend(f.years)
    mention_level = [(n, c) for n, c in (("topics", "topic"), ("qualifiers", "qualifier"))
                     if getattr(f, n) and n not in skip]
    if series and mention_level:
        inner = " AND ".join(f"list_contains(?::VARCHAR[], {c})" for _, c in mention_level)
        parts.append(f"mention_key IN (SELECT mention_key FROM mentions_effective WHERE {inner})")
        params.extend(list(getattr(f, n)) for n, _ in mention_level)
    else:
        for n, c in mention_level:
            parts.append(f"list_contains(?::VARCHAR[], {c})")
            params.append(list(getattr(f, n)))
    return " AND ".join(parts), params


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own ``%``, ``_`` and ``\\`` taken literally
    (used with ``ESCAPE '\\'``)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search(text: str) -> tuple[str, list]:
    """Full-text search over the source sentences and headlines: the words as typed, no wildcards."""
    if not text.strip():
        return "TRUE", []
    return ("(context ILIKE ? ESCAPE '\\' OR headline ILIKE ? ESCAPE '\\')",
            [like_pattern(text.strip())] * 2)


# --- sidebar options ----------------------------------------------------------------------------

@st.cache_data(max_entries=16, show_spinner=False)
def filter_options(source: Source) -> dict:
    """Values offered by the sidebar: topics, indicators (with topic), subjects, year span.

    One scan: counts by (topic, indicator) and by subject, each with its year span; the
    small result is folded in pandas."""
    df = run(source, """
        SELECT topic, indicator, subject, any_value(indicator_en) AS indicator_en,
               count(*) AS n, min(year) AS lo, max(year) AS hi
        FROM mentions_effective
        GROUP BY GROUPING SETS ((topic, indicator), (subject))""")
    pairs, by_subject = df[df["subject"].isna()], df[df["subject"].notna()]
    topics = pairs.groupby("topic")["n"].sum().reset_index().sort_values(
        ["n", "topic"], ascending=[False, True])
    # mode(topic) per indicator: its most frequent topic, ties to the first in name order
    ranked = pairs.sort_values(["indicator", "n", "topic"], ascending=[True, False, True])
    indicators = ranked.groupby("indicator", sort=False).agg(
        topic=("topic", "first"), indicator_en=("indicator_en", "first"), n=("n", "sum")
    ).reset_index().sort_values(["n", "indicator"], ascending=[False, True])
    indicators = indicators.head(INDICATOR_OPTIONS).sort_values(["topic", "indicator"])
    subjects = by_subject.sort_values(["n", "subject"], ascending=[False, True]).head(SUBJECT_OPTIONS)
    lo, hi = pairs["lo"].min(), pairs["hi"].max()
    return {
        "topics": topics["topic"].tolist(),
        "indicators": indicators["indicator"].tolist(),
        "indicator_topic": dict(zip(indicators["indicator"], indicators["topic"])),
        "indicator_en": dict(zip(indicators["indicator"], indicators["indicator_en"])),
        "subjects": subjects["subject"].tolist(),
        "years": (int(lo), int(hi)) if pd.notna(lo) else None,
    }


@st.cache_data(max_entries=16, show_spinner=False)
def default_series(source: Source, region: str) -> tuple[str | None, str | None]:
    """(indicator, subject) shown by default: the series with the most years of reported values,
    the district-wide one first, catalogued indicators first."""
    df = run(source, """
        SELECT indicator, subject FROM series
        WHERE kind = 'actual' AND is_chosen AND measure = 'level'
        GROUP BY indicator, subject
        ORDER BY (subject = ?) DESC, bool_or(indicator_id IS NOT NULL) DESC,
                 count(DISTINCT year) DESC, count(*) DESC, indicator
        LIMIT 1""", [region])
    if df.empty:
        return None, None
    return df.iloc[0]["indicator"], df.iloc[0]["subject"]


# --- trends -------------------------------------------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def trend_choices(source: Source, f: Filters) -> pd.DataFrame:
    """Indicators that have a dated value under the filters, grouped by topic."""
    where, params = _where(f, skip=("indicators",))
    return run(source, f"""
        SELECT mode(topic) AS topic, indicator, any_value(indicator_en) AS indicator_en,
               count(*) AS reports
        FROM mentions_effective WHERE year IS NOT NULL AND {where}
        GROUP BY indicator ORDER BY topic, reports DESC, indicator LIMIT 2000""", params)


_SERIES_COLUMNS = """indicator, indicator_en, subject, measure, unit, year, period, kind, value,
    qualifier, reported_on, doc, headline, context, mention_key, conflict"""


@st.cache_data(max_entries=64, show_spinner=False)
def trend_points(source: Source, f: Filters, indicators: tuple[str, ...]) -> pd.DataFrame:
    """Points to chart: the chosen reported value per year, and the latest target/forecast."""
    where, params = _where(f._replace(indicators=indicators), series=True)
    return run(source, f"""
        SELECT {_SERIES_COLUMNS} FROM series
        WHERE ((kind = 'actual' AND is_chosen) OR (kind <> 'actual' AND is_latest_of_kind))
          AND {where}
        ORDER BY indicator, subject, measure, unit, kind, year LIMIT 5000""", params)


@st.cache_data(max_entries=64, show_spinner=False)
def trend_reports(source: Source, f: Filters, indicators: tuple[str, ...]) -> pd.DataFrame:
    """Every report (every vintage) behind the charted series: the sources of a download."""
    where, params = _where(f._replace(indicators=indicators), series=True)
    return run(source, f"""
        SELECT {_SERIES_COLUMNS}, is_chosen, is_latest_of_kind FROM series WHERE {where}
        ORDER BY indicator, subject, measure, unit, year, reported_on LIMIT 20000""", params)


@st.cache_data(max_entries=64, show_spinner=False)
def series_metadata(source: Source, f: Filters, indicators: tuple[str, ...]) -> pd.DataFrame:
    """Name (zh, en), unit, topic, number of reports and conflicts of each charted series."""
    where, params = _where(f._replace(indicators=indicators), series=True)
    return run(source, f"""
        WITH s AS (SELECT * FROM series WHERE {where})
        SELECT s.indicator AS name_zh, any_value(coalesce(i.name_en, s.indicator_en)) AS name_en,
               s.subject, s.measure, s.unit,
               any_value(coalesce(i.topic, s.topic)) AS topic,
               count(*) AS reports,
               count(DISTINCT CASE WHEN s.conflict THEN s.year END) AS conflicts,
               min(s.year) AS first_year, max(s.year) AS last_year
        FROM s
        LEFT JOIN indicators i ON i.indicator_id = s.indicator_id
        GROUP BY s.indicator, s.subject, s.measure, s.unit
        ORDER BY s.indicator, s.subject, s.measure""", params)


# --- explore ------------------------------------------------------------------------------------

_MENTION_COLUMNS = """published_on, indicator, subject, value, unit, qualifier, measure, year,
    period, topic, text, context, headline, doc, confidence, corrected, catalogued, mention_key,
    doc_id, article_index, indicator_en"""


@st.cache_data(max_entries=64, show_spinner=False)
def mention_facets(source: Source, f: Filters, search: str = "", top: int = 15) -> pd.DataFrame:
    """Counts by topic, year, indicator and subject in one scan: (facet, value, n)."""
    where, params = _where(f)
    s_where, s_params = _search(search)
    return run(source, f"""
        WITH g AS (
            SELECT topic, CAST(year AS VARCHAR) AS year_text, indicator, subject, count(*) AS n,
                   grouping(topic, year, indicator, subject) AS gid
            FROM mentions_effective WHERE {where} AND {s_where}
            GROUP BY GROUPING SETS ((topic), (year), (indicator), (subject))),
        f AS (
            SELECT CASE gid WHEN 7 THEN 'topic' WHEN 11 THEN 'year' WHEN 13 THEN 'indicator'
                            ELSE 'subject' END AS facet,
                   coalesce(topic, year_text, indicator, subject) AS value, n
            FROM g)
        SELECT facet, value, n FROM f
        QUALIFY row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) <= {int(top)}
        ORDER BY facet, n DESC, value""", params + s_params)


def _mention_query(f: Filters, search: str, sort: str, descending: bool) -> tuple[str, list]:
    where, params = _where(f)
    s_where, s_params = _search(search)
    column = sort if sort in SORTABLE else "published_on"
    order = "DESC" if descending else "ASC"
    sql = (f"SELECT {_MENTION_COLUMNS} FROM mentions_effective WHERE {where} AND {s_where} "
           f"ORDER BY {column} {order} NULLS LAST, doc, span_start")
    return sql, params + s_params


@st.cache_data(max_entries=64, show_spinner=False)
def mention_rows(source: Source, f: Filters, search: str = "", sort: str = "published_on",
                 descending: bool = True, limit: int = ROW_LIMIT) -> pd.DataFrame:
    sql, params = _mention_query(f, search, sort, descending)
    return run(source, f"{sql} LIMIT {int(limit)}", params)


@st.cache_data(max_entries=64, show_spinner=False)
def mention_count(source: Source, f: Filters, search: str = "") -> int:
    where, params = _where(f)
    s_where, s_params = _search(search)
    df = run(source, f"SELECT count(*) AS n FROM mentions_effective WHERE {where} AND {s_where}",
             params + s_params)
    return int(df.iloc[0]["n"])


def mention_table(source: Source, f: Filters, search: str = "", sort: str = "published_on",
                  descending: bool = True) -> pd.DataFrame:
    """The whole filtered table, uncached: only built when a full download is asked for."""
    sql, params = _mention_query(f, search, sort, descending)
    return run(source, sql, params)


# --- article ------------------------------------------------------------------------------------

#: article_choices reads the newest mentions first, this many per article asked for (a top-N
#: DuckDB keeps in a heap; an article has a few mentions).
ARTICLE_ROWS_PER_CHOICE = 8


@st.cache_data(max_entries=32, show_spinner=False)
def article_choices(source: Source, f: Filters, limit: int = 500) -> pd.DataFrame:
    """Articles with mentions under the filters, newest first: (article_id, label...).

    The mentions of an article are consecutive in the order newest first, so the newest
    ``limit`` articles and their counts come from the newest mentions alone whenever these hold
    one article more (then every article before it is whole); only otherwise are all mentions
    grouped. Headlines are looked up for the articles listed only."""
    where, params = _where(f)
    rows = limit * ARTICLE_ROWS_PER_CHOICE
    newest = run(source, f"""
        WITH newest AS (
            SELECT doc_id, article_index, published_on, doc FROM mentions_effective WHERE {where}
            ORDER BY published_on DESC NULLS LAST, doc, article_index LIMIT {rows}),
        {_articles_counted("newest", limit + 1)}
        {_ARTICLE_CHOICES}, (SELECT count(*) FROM newest) AS rows_read {_ARTICLES_FROM}""", params)
    if len(newest) > limit or newest.empty or newest["rows_read"].iloc[0] < rows:
        return newest.drop(columns="rows_read").head(limit).reset_index(drop=True)
    return run(source, f"""
        WITH matching AS (SELECT doc_id, article_index, published_on, doc
                          FROM mentions_effective WHERE {where}),
        {_articles_counted("matching", limit)}
        {_ARTICLE_CHOICES} {_ARTICLES_FROM}""", params)


def _articles_counted(relation: str, limit: int) -> str:
    return f"""counted AS (
            SELECT doc_id, article_index, any_value(published_on) AS published_on,
                   any_value(doc) AS doc, count(*) AS mentions
            FROM {relation} GROUP BY doc_id, article_index
            ORDER BY published_on DESC NULLS LAST, doc, article_index LIMIT {int(limit)})"""


_ARTICLE_CHOICES = """
        SELECT substr(c.doc_id, 1, 16) || '-' || c.article_index AS article_id,
               coalesce(a.headline, '') AS headline, c.published_on, c.doc, c.mentions"""
_ARTICLES_FROM = """
        FROM counted c
        LEFT JOIN articles a ON a.doc_id = c.doc_id AND a.article_index = c.article_index
        ORDER BY c.published_on DESC NULLS LAST, c.doc, c.article_index"""


def split_article_id(article_id: str) -> tuple[str, int] | None:
    """'<16 hex of doc_id>-<index>' -> (prefix, index); None when malformed."""
    prefix, _, index = (article_id or "").rpartition("-")
    if len(prefix) != 16 or not index.isdigit() or not all(c in "0123456789abcdef" for c in prefix):
        return None
    return prefix, int(index)


#: Characters of an article shown at once: a longer one is shown a window at a time.
ARTICLE_WINDOW = 20_000


@st.cache_data(max_entries=32, show_spinner=False)
def article(source: Source, article_id: str) -> dict | None:
    """Headline, byline, date, file and span of one article; ``text`` holds its first
    ``ARTICLE_WINDOW`` characters (``article_text`` gives any other window)."""
    parsed = split_article_id(article_id)
    if parsed is None:
        return None
    prefix, index = parsed
    row = _article_window(source, prefix, index, 0, ARTICLE_WINDOW)
    if row is None:
        return None
    return row


def _article_window(source: Source, prefix: str, index: int, start: int, length: int) -> dict | None:
    """An article's metadata and ``length`` characters of its text from ``start``, read from the
    document parts that overlap that window only: a page never pulls a whole document."""
    df = run(source, """
        WITH a AS (
            SELECT d.doc_id, d.name AS doc, d.published_on, d.url, a.headline, a.byline,
                   a.span_start, a.span_end,
                   a.span_start + ? AS from_pos,
                   least(a.span_end, a.span_start + ? + ?) AS to_pos
            FROM articles a JOIN documents d USING (doc_id)
            WHERE starts_with(d.doc_id, ?) AND a.article_index = ? LIMIT 1)
        SELECT a.*, min(p.span_start) AS parts_start,
               string_agg(p.text, '' ORDER BY p.part_index) AS parts_text
        FROM a LEFT JOIN document_parts p
             ON p.doc_id = a.doc_id AND p.span_start < a.to_pos
            AND p.span_start + length(p.text) > a.from_pos
        GROUP BY ALL""", [int(start), int(start), int(length), prefix, index])
    if df.empty:
        return None
    row = df.iloc[0].to_dict()
    text, parts_start = row.pop("parts_text"), row.pop("parts_start")
    from_pos, to_pos = int(row.pop("from_pos")), int(row.pop("to_pos"))
    if not isinstance(text, str) or to_pos <= from_pos:      # an empty article or window
        row["text"] = ""
        return row
    row["text"] = text[from_pos - int(parts_start):to_pos - int(parts_start)]
    return row


@st.cache_data(max_entries=32, show_spinner=False)
def article_text(source: Source, article_id: str, start: int, length: int = ARTICLE_WINDOW) -> str:
    """``length`` characters of an article from ``start`` (0 = its first character)."""
    parsed = split_article_id(article_id)
    if parsed is None:
        return ""
    row = _article_window(source, *parsed, start, length)
    return "" if row is None else row["text"]


@st.cache_data(max_entries=32, show_spinner=False)
def article_mentions(source: Source, article_id: str) -> pd.DataFrame:
    parsed = split_article_id(article_id)
    if parsed is None:
        return pd.DataFrame()
    prefix, index = parsed
    return run(source, f"""
        SELECT {_MENTION_COLUMNS}, span_start, span_end FROM mentions_effective
        WHERE starts_with(doc_id, ?) AND article_index = ?
        ORDER BY span_start LIMIT {ROW_LIMIT}""", [prefix, index])


@st.cache_data(max_entries=32, show_spinner=False)
def article_of_mention(source: Source, mention_key: str) -> str | None:
    df = run(source, """
        SELECT substr(doc_id, 1, 16) || '-' || article_index AS article_id
        FROM mentions_effective WHERE mention_key = ?""", [mention_key])
    return None if df.empty else df.iloc[0]["article_id"]


# --- review -------------------------------------------------------------------------------------

@st.cache_data(max_entries=32, show_spinner=False)
def review_queue(source: Source, f: Filters, limit: int = 500, requested: str | None = None) -> pd.DataFrame:
    """Mentions to check: uncatalogued indicator, low confidence, or part of a conflict;
    mentions an analyst already reviewed are left out. A ``requested`` mention (opened from an
    article to be corrected) comes first whatever its state. One scan of ``mentions_ranked``,
    which carries each mention's conflict flag (corrections applied)."""
    where, params = _where(f)
    not_reviewed = _not_reviewed(source)
    is_requested = "mention_key = ?::VARCHAR" if requested is not None else "FALSE"
    asked = [requested] if requested is not None else []
    return run(source, f"""
        SELECT NOT catalogued AS uncatalogued, confidence < {LOW_CONFIDENCE} AS low_confidence,
               coalesce(conflict, FALSE) AS conflict, {is_requested} AS requested,
               {_MENTION_COLUMNS}
        FROM mentions_ranked
        WHERE ({_TO_REVIEW} AND {not_reviewed} AND {where})
           OR {is_requested}
        ORDER BY requested DESC, conflict DESC, confidence, published_on DESC NULLS LAST, doc, span_start
        LIMIT {int(limit)}""", [*asked, *params, *asked])


@st.cache_data(max_entries=8, show_spinner=False)
def store_problems(source: Source) -> list[str]:
    """The corrections store's lines that are skipped, each as ``file:line: problem``."""
    from etl.corrections import read_corrections
    return read_corrections(Path(source.corrections_path))[1]


@st.cache_data(max_entries=8, show_spinner=False)
def corrections_in_force(source: Source, limit: int = ROW_LIMIT) -> pd.DataFrame:
    """The correction in force for each mention, newest first, beside what was extracted."""
    return run(source, f"""
        SELECT c.mention_key, c.action, c.value, c.unit, c.year, c.indicator, c.subject, c.note,
               c.created_at, m.value AS original_value, m.unit AS original_unit,
               m.indicator AS original_indicator, m.text, m.doc
        FROM corrections_current c LEFT JOIN mentions_base m USING (mention_key)
        ORDER BY c.line_no DESC LIMIT {int(limit)}""")


@st.cache_data(max_entries=8, show_spinner=False)
def catalogue(source: Source) -> pd.DataFrame:
    return run(source, "SELECT indicator_id, name_zh, name_en, unit, topic FROM indicators "
                       "ORDER BY topic, name_zh")


# --- uploads ------------------------------------------------------------------------------------

def mentions_of_files(source: Source, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """What the ETL extracted from the given documents, by the sha256 of their bytes: a file
    loaded before under another path (a duplicate) shows its rows too, another file of the
    same name does not (uncached: called right after a load)."""
    return run(source, f"""
        SELECT {_MENTION_COLUMNS} FROM mentions_effective
        WHERE list_contains(?::VARCHAR[], doc_id)
        ORDER BY doc, span_start LIMIT {ROW_LIMIT}""", [list(doc_ids)])


# --- briefing, places and provenance (issue 12) ------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def overview_series(source: Source, f: Filters, subject: str, limit: int = 20000) -> pd.DataFrame:
    """Every chosen reported value of ``subject`` (each indicator, measure, unit and year), for
    the Overview's cards: the latest value, its growth, the sparkline of its series. Only the
    columns the cards are chosen by: the text of the cards shown comes from ``card_details``
    (reading headlines and sentences of every row would cost more than the rest together)."""
    where, params = _where(f, skip=("subjects",), series=True)
    return run(source, f"""
        SELECT indicator, indicator_id, topic, measure, unit, year, period, value, qualifier,
               reported_on, mention_key
        FROM series
        WHERE kind = 'actual' AND is_chosen AND subject = ? AND {where}
        ORDER BY indicator, measure, unit, year LIMIT {int(limit)}""", [subject, *params])


@st.cache_data(max_entries=64, show_spinner=False)
def card_details(source: Source, subject: str, indicators: tuple[str, ...],
                 mention_keys: tuple[str, ...]) -> pd.DataFrame:
    """English name, file, headline, sentence, conflict flag, outlet and URL of the values on the
    cards shown. The subject and indicators narrow the scan (the published mentions are sorted
    by indicator and subject)."""
    if not mention_keys:
        return pd.DataFrame(columns=["mention_key", "indicator_en", "doc", "headline", "context",
                                     "conflict", "outlet", "url"])
    names = ", ".join("?" * len(indicators))
    return run(source, f"""
        WITH m AS (
            SELECT mention_key, doc_id FROM mentions_effective
            WHERE subject = ? AND indicator IN ({names}) AND list_contains(?::VARCHAR[], mention_key))
        SELECT s.mention_key, s.indicator_en, s.doc, s.headline, s.context, s.conflict,
               d.source AS outlet, d.url
        FROM series s LEFT JOIN m USING (mention_key) LEFT JOIN documents d ON d.doc_id = m.doc_id
        WHERE s.subject = ? AND s.indicator IN ({names}) AND list_contains(?::VARCHAR[], s.mention_key)""",
        [subject, *indicators, list(mention_keys), subject, *indicators, list(mention_keys)])


@st.cache_data(max_entries=64, show_spinner=False)
def subjects_of_indicator(source: Source, f: Filters, indicator: str, limit: int = 200) -> pd.DataFrame:
    """The subjects that have dated values of ``indicator`` under the filters (the subject
    filter aside), places of the gazetteer first, then by years covered."""
    where, params = _where(f, skip=("subjects", "indicators"), series=True)
    holders = run(source, f"""
        SELECT subject, count(*) AS reports, count(DISTINCT year) AS years, max(year) AS last_year
        FROM series WHERE indicator = ? AND {where}
        GROUP BY subject""", [indicator, *params])
    holders = with_adcodes(source, holders)
    holders["place"] = holders["subject_adcode"].notna()
    return holders.sort_values(["place", "years", "reports", "subject"],
                               ascending=[False, False, False, True]).drop(columns="place").head(int(limit))


#: The part of the year a period covers ('' for a year or a span of years, as ranking.sql and
#: dashboard.numbers.period_part say): '2025-春节' -> '春节'.
_PART_SQL = r"""CASE WHEN period IS NULL OR regexp_full_match(period, '\d{4}(\s*[-–—~]\s*\d{4})?')
                THEN '' ELSE regexp_replace(period, '^(\d{4}|\?)-', '') END"""


@st.cache_data(max_entries=64, show_spinner=False)
def latest_by_subject(source: Source, f: Filters, indicator: str) -> pd.DataFrame:
    """The latest chosen reported value of ``indicator`` for every subject, by measure, unit
    and whole year or part of the year (a Spring Festival figure is not a year's): the map."""
    where, params = _where(f, skip=("subjects", "indicators"), series=True)
    return with_adcodes(source, run(source, f"""
        SELECT subject, measure, unit, year, period, value, qualifier,
               reported_on, doc, headline, context, mention_key
        FROM series
        WHERE kind = 'actual' AND is_chosen AND indicator = ? AND {where}
        QUALIFY row_number() OVER (
            PARTITION BY subject, measure, unit, {_PART_SQL}
            ORDER BY year DESC, reported_on DESC NULLS LAST, mention_key) = 1
        ORDER BY subject, measure, unit LIMIT 5000""", [indicator, *params]))


@st.cache_data(max_entries=64, show_spinner=False)
def subject_adcodes(source: Source, subjects: tuple[str, ...]) -> dict[str, str]:
    """{subject: adcode} of the given subjects that are places (view subject_places)."""
    df = run(source, "SELECT subject, subject_adcode FROM subject_places "
                     "WHERE list_contains(?::VARCHAR[], subject)", [list(subjects)])
    return dict(zip(df["subject"], df["subject_adcode"]))


def with_adcodes(source: Source, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``subject_adcode`` column for its subjects that are places."""
    codes = subject_adcodes(source, tuple(sorted(set(frame["subject"])))) if not frame.empty else {}
    return frame.assign(subject_adcode=[codes.get(s) for s in frame["subject"]])


@st.cache_data(max_entries=32, show_spinner=False)
def review_count(source: Source, f: Filters) -> int:
    """How many mentions the review queue holds under the filters (it shows the first 500):
    the queue's own condition over ``mentions_ranked``, counted."""
    where, params = _where(f)
    df = run(source, f"""
        SELECT count(*) AS n FROM mentions_ranked
        WHERE {_TO_REVIEW} AND {_not_reviewed(source)} AND {where}""", params)
    return int(df.iloc[0]["n"])


def _not_reviewed(source: Source) -> str:
    """The condition that leaves out mentions an analyst already reviewed (TRUE before any)."""
    reviewed = run(source, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'corrections' "
                           "UNION ALL SELECT count(*) FROM duckdb_views() WHERE view_name = 'corrections'")
    return ("key_hash NOT IN (SELECT hash(mention_key) FROM corrections)"
            if reviewed["n"].sum() else "TRUE")


def documents_by_hash(source: Source, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    """The documents the warehouse holds with these sha256 hashes: an upload of the same bytes
    under another name is a duplicate of them (uncached: asked right before a load)."""
    return run(source, """
        SELECT doc_id, name, path, published_on FROM documents
        WHERE list_contains(?::VARCHAR[], doc_id) ORDER BY name""", [list(doc_ids)])


@st.cache_data(max_entries=32, show_spinner=False)
def mention_history(source: Source, mention_key: str) -> pd.DataFrame:
    """Every valid line of the corrections store for one mention, oldest first (the last one is
    in force unless it is a ``restore``)."""
    from etl.corrections import read_corrections
    lines = [c for c in read_corrections(Path(source.corrections_path))[0] if c.mention_key == mention_key]
    return pd.DataFrame([{"line_no": c.line_no, "created_at": c.created_at, "action": c.action,
                          **{k: c.fields.get(k) for k in ("value", "unit", "year", "indicator", "subject")},
                          "note": c.note} for c in lines],
                        columns=["line_no", "created_at", "action", "value", "unit", "year",
                                 "indicator", "subject", "note"])
